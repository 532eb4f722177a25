/*
 * The SIE engine: one state description per virtual CPU, guest storage through host DAT
 * (host CR1 = the guest's segment table, MSO 0, MSE = size - 1), the host CPU timer
 * bounding each slice. A guest page touched for the first time raises a host translation
 * exception at the SIE instruction: CP gives the page a frame and reissues SIE. A host
 * interruption while the guest runs ends the SIE at sie_exit (see sie_host_interrupted).
 *
 * A guest store into a shared segment (segment-protected in the host tables, cp/segment.h)
 * is a protection exception for the guest. Hercules 3.13 passes host protection exceptions
 * to the guest and intercepts them (interception code 8, program code 4, guest PSW past the
 * instruction); a machine that presents a host protection exception at the SIE instruction
 * instead is handled like a host translation fault: the SIE ends, and CP, finding the guest
 * PSW at the guest instruction (it is nullified for the host), moves it past the instruction
 * by the length its opcode gives, as for a suppressed protection exception (PoP
 * "Protection Exception"), and reflects code 4.
 *
 * ISKE, SSKE and RRBE are intercepted: CP keeps each machine's keys (cp/icpt/skey.c), so
 * one machine's SSKE on a page of a shared segment is not what another's ISKE finds. For a
 * private page SSKE also sets the real key of its frame, so the machine still applies
 * key-controlled protection to the guest.
 *
 * A DIAG X'44' that would be nothing (dispatch_yield_is_noop_any_mask, decided before each
 * sie_enter and passed in the lowcore's LC_SIE_FAST) never reaches this file's C: sie_enter
 * enters the guest again itself and counts it (entry.S). Host interruptions end that loop in
 * the window before the next SIE, so the host CPU timer still ends the slice.
 *
 * A machine with fixed storage (OPTION V=F) and no shared segment runs in a zone instead
 * (zone.c): Hercules then relocates its addresses by the zone's origin, which saves a host
 * translation on every guest TLB miss (about 18% of a Linux boot's time under host DAT).
 *
 * The guest's floating-point, vector and access registers and FPC are the real ones while
 * it runs (the state description has no room for them): guest_regs_load() before the SIE,
 * guest_regs_store() after it.
 * Covered by tests/system/test_vm.py.
 */
#include <arch/cpu.h>
#include <arch/ctlreg_ops.h>
#include <arch/hw.h>
#include <arch/irq.h>
#include <arch/lowcore.h>
#include <arch/sie.h>
#include <cp/decode.h>
#include <cp/frames.h>
#include <lib/string.h>
#include "arch_priv.h"
#include "engine_priv.h"
#include "guest_regs.h"

static volatile uint16_t host_ext_code;  /* set when a host interruption ended the SIE */
static volatile bool host_interrupted;
static volatile bool host_late;   /* one came at sie_exit, after the SIE's interception */
static volatile uint64_t host_fault_addr; /* set when a host translation fault did */
static volatile bool host_faulted;
static volatile bool host_protected; /* the fault was a host protection exception */
static uint64_t loaded_asce;      /* the guest space host CR1 designates */

void sie_host_interrupted(struct int_frame *frame, uint16_t ext_code)
{
	uint64_t a = frame->old_psw.addr;

	if (a >= (uint64_t)(uintptr_t)sie_window && a <= (uint64_t)(uintptr_t)sie_insn) {
		frame->old_psw.addr = (uint64_t)(uintptr_t)sie_exit;
		host_interrupted = true;
		host_ext_code = ext_code;
		lowcore->sie_fast = 0;
	} else if (a == (uint64_t)(uintptr_t)sie_exit) {
		/* Taken after the SIE ended with an interception, which stays to be handled; a
		 * CPU-timer interruption parked the timer (arch_ext_dispatch), so the guest must
		 * not go on in this run: sie_run returns the interception to the dispatcher, which
		 * ends the slice or arms the timer again for what is left of it. */
		if (!host_interrupted && (!host_late || ext_code == EXT_CPU_TIMER))
			host_ext_code = ext_code;
		host_late = true;
		lowcore->sie_fast = 0;
	}
}

int sie_host_fault(struct int_frame *frame, uint16_t pgm_code, uint64_t teid)
{
	uint16_t code = pgm_code & 0x7f;

	if (frame->old_psw.addr != (uint64_t)(uintptr_t)sie_insn &&
	    frame->old_psw.addr != (uint64_t)(uintptr_t)sie_exit)
		return 0;
	if (code != PGM_SEGMENT_TRANS && code != PGM_PAGE_TRANS && code != PGM_PROTECTION)
		return 0;
	frame->old_psw.addr = (uint64_t)(uintptr_t)sie_exit;
	lowcore->sie_fast = 0;
	host_fault_addr = code == PGM_PROTECTION ? teid : teid & ~0xfffULL;
	host_protected = code == PGM_PROTECTION;
	host_faulted = true;
	return 1;
}

static int sie_vcpu_init(struct vcpu *v)
{
	uint64_t frame = frame_alloc(&real_frames);

	if (!frame)
		return -1;
	memset((void *)(uintptr_t)frame, 0, 4096);
	v->engine = (void *)(uintptr_t)frame;
	return 0;
}

static void sie_vcpu_release(struct vcpu *v)
{
	if (v->engine)
		frame_free(&real_frames, (uint64_t)(uintptr_t)v->engine);
	v->engine = 0;
}

static void state_in(struct vcpu *v, struct sie_block *sb)
{
	struct gmem *mem = &v->vm->mem;

	/* Fixed storage without a shared segment is one run of real storage: the machine
	 * relocates the guest through a zone, with no host translation per guest TLB miss. */
	mem->zone = mem->fixed_origin && !mem->shared_segments ?
			    zone_for(mem->fixed_origin, mem->size) : 0;
	sie_set_cpuflags(sb, SIE_CPUFLAGS_ZARCH | (mem->zone ? SIE_CPUFLAGS_RRF : 0));
	sb->zone = mem->zone;
	sb->prefix = v->prefix & ~0x1fffU;
	sb->gpsw.mask = v->psw_mask;
	sb->gpsw.addr = v->psw_addr;
	sb->gg14 = v->gprs[14];
	sb->gg15 = v->gprs[15];
	memcpy(sb->gcr, v->crs, sizeof(sb->gcr));
	sb->cputm = v->cpu_timer;
	sb->ckc = v->clock_comparator;
	sb->epoch = v->tod_offset;
	sb->mso = 0;
	sb->mse = mem->size - 1;
	memset(sb->ic, 0, sizeof(sb->ic));
	/* Storage keys are the machine's own (cp/icpt/skey.c): a shared segment's frames have
	 * one real key for every machine that maps them. */
	sb->ic[2] = SIE_IC2_ISKE | SIE_IC2_SSKE | SIE_IC2_RRBE;
	memset(sb->ec, 0, sizeof(sb->ec));
}

static void state_out(struct vcpu *v, const struct sie_block *sb)
{
	v->psw_mask = sb->gpsw.mask;
	v->psw_addr = sb->gpsw.addr;
	v->gprs[14] = sb->gg14;
	v->gprs[15] = sb->gg15;
	memcpy(v->crs, sb->gcr, sizeof(v->crs));
	v->prefix = sb->prefix & 0x7fffe000U;
	v->cpu_timer = sb->cputm;
	v->clock_comparator = sb->ckc;
	v->tod_offset = sb->epoch;
}

/*
 * An instruction interception the fast path (dispatch_fast_exit) may take: true when the
 * guest goes on at once in the same run. No clock is read here (a clock instruction costs
 * about 1 us on Hercules): the host CPU timer, armed once for the whole run, goes on
 * counting CP's time here against the slice, and its interruption, pending when the slice
 * ran out meanwhile, is taken in sie_enter's window and ends the run. Otherwise the exit goes
 * to the dispatcher as it is (EXIT_INSTRUCTION, or EXIT_SIMULATED when it was done).
 */
static bool sie_fast(struct vcpu *v, struct sie_block *sb)
{
	enum fast_exit f;

	state_out(v, sb);
	f = dispatch_fast_exit(v);
	if (f == FAST_NO)
		return false;
	state_in(v, sb); /* what the simulation changed */
	return f == FAST_RESUME;
}

/*
 * The guest's own time in one SIE: what its CPU timer in the state description ran down
 * (the machine decrements it only while the guest runs, and reading it costs no clock
 * instruction). A guest SPT inside the SIE makes the difference meaningless: a timer that
 * went up counts nothing, and no SIE counts more than the whole slice.
 */
static uint64_t guest_ran(int64_t before, int64_t after, uint64_t slice_us)
{
	uint64_t cap = us_to_tod(slice_us);

	if (after >= before)
		return 0;
	if ((uint64_t)(before - after) > cap)
		return cap;
	return (uint64_t)(before - after);
}

static void sie_run(struct vcpu *v, uint64_t slice_us)
{
	struct sie_block *sb = v->engine;
	struct vcpu_exit *e = &v->exit;

	/* Reloading CR1 can cost the machine its TLB: only when the guest changes. */
	if (v->vm->mem.asce != loaded_asce) {
		lctlg(1, v->vm->mem.asce);
		loaded_asce = v->vm->mem.asce;
	}
	memset(e, 0, sizeof(*e));
	/* SIE refuses a guest whose prefix area is not mapped (validity 0x37 on Hercules); SPX
	 * keeps the prefix inside storage, so no frame for it means real storage is exhausted. */
	if (!gmem_page(&v->vm->mem, v->prefix & ~0x1fffU) ||
	    !gmem_page(&v->vm->mem, (v->prefix & ~0x1fffU) + 0x1000)) {
		e->reason = EXIT_NO_STORAGE;
		v->exits++;
		return;
	}
	state_in(v, sb);
	guest_regs_load(v);
	/* One slice for the whole run, interceptions CP simulates in between included: the
	 * host CPU timer is set once here and parked once at the end (slice_left). */
	ctl_set_bits(0, CR0_CPU_TIMER_SUBMASK);
	spt((int64_t)us_to_tod(slice_us));
	for (;;) {
		int64_t cputm = sb->cputm;
		bool late;

		sb->icptcode = 0;
		host_interrupted = false;
		host_late = false;
		host_faulted = false;
		host_protected = false;
		/* A DIAG X'44' that would be nothing: sie_enter resumes the guest past it itself. */
		lowcore->sie_fast = dispatch_yield_is_noop_any_mask(v);
		sie_enter(sb, v->gprs);
		lowcore->sie_fast = 0;
		late = host_late;
		if (lowcore->sie_fast_count) {
			v->instr_intercepts += lowcore->sie_fast_count;
			lowcore->sie_fast_count = 0;
		}
		v->virt_time += guest_ran(cputm, sb->cputm, slice_us);

		if (host_faulted && host_protected) {
			uint8_t op = 0;

			/* A store into a shared segment: suppressed, the PSW past the instruction. */
			guest_read_real(v, sb->gpsw.addr, &op, 1);
			e->reason = EXIT_PROGRAM;
			e->pgm_code = PGM_PROTECTION;
			e->ilc = (uint8_t)insn_length(op);
			e->teid = host_fault_addr;
			sb->gpsw.addr += e->ilc;
			break;
		}
		if (host_faulted) {
			/* First touch of a guest page: give it a frame and go on. MSE keeps the
			 * guest inside its storage, so a fault beyond it cannot come from the guest. */
			if (host_fault_addr >= v->vm->mem.size) {
				e->reason = EXIT_PROGRAM;
				e->pgm_code = PGM_ADDRESSING;
				break;
			}
			/* With the key the guest set before it touched the page, and maybe the
			 * pages after it (cp/vm/fault_in.c). */
			if (!vm_fault_in(v->vm, host_fault_addr)) {
				e->reason = EXIT_NO_STORAGE;
				break;
			}
			if (late) {
				/* The slice's timer may be parked: the dispatcher decides. */
				e->reason = host_ext_code == EXT_CPU_TIMER ? EXIT_SLICE_END
									   : EXIT_HOST_INTERRUPT;
				break;
			}
			continue; /* a slice that ran out ends at the next entry */
		}
		if (host_interrupted) {
			e->reason = host_ext_code == EXT_CPU_TIMER ? EXIT_SLICE_END : EXIT_HOST_INTERRUPT;
			break;
		}
		switch (sb->icptcode) {
		case SIE_ICPT_INSTRUCTION:
			e->reason = EXIT_INSTRUCTION;
			e->ipa = sb->ipa;
			e->ipb = sb->ipb;
			e->ilc = (uint8_t)insn_length((uint8_t)(sb->ipa >> 8));
			v->instr_intercepts++;
			if (!late && sie_fast(v, sb))
				continue;
			break;
		case SIE_ICPT_PROGRAM:
		case SIE_ICPT_INST_PROGRAM:
			e->reason = EXIT_PROGRAM;
			/* The guest lowcore's ILC, code and TEID, imaged in the state description. */
			e->ilc = sb->pgmilc & 0x6;
			e->pgm_code = sb->iprcc & 0x7f;
			e->teid = sb->tecmc;
			break;
		case SIE_ICPT_OPEREXC:
			/* An instruction the machine lacks: CP may offer it (icpt_instruction()
			 * gives the operation exception for one it does not). */
			e->reason = EXIT_INSTRUCTION;
			e->ipa = sb->ipa;
			e->ipb = sb->ipb;
			e->ilc = (uint8_t)insn_length((uint8_t)(sb->ipa >> 8));
			v->instr_intercepts++;
			break;
		case SIE_ICPT_WAIT:
			e->reason = EXIT_WAIT;
			break;
		case SIE_ICPT_VALIDITY:
			e->reason = EXIT_VALIDITY;
			e->validity = (uint16_t)(sb->ipb >> 16);
			break;
		case SIE_ICPT_NONE:
			e->reason = EXIT_SLICE_END;
			break;
		default:
			/* External request, CPU timer, stop: CP looks at the guest's state. */
			e->reason = EXIT_HOST_INTERRUPT;
			break;
		}
		break;
	}
	slice_left(slice_us); /* parks the host CPU timer */
	guest_regs_store(v);
	state_out(v, sb);
	v->exits++;
}

const struct engine_ops engine_sie_ops = {
	.name = "SIE (interpretive execution)",
	.vcpu_init = sie_vcpu_init,
	.vcpu_release = sie_vcpu_release,
	.run = sie_run,
	.guest_timers = true, /* the CPU timer and clock comparator are in the state description */
};
