/*
 * The trap-and-emulate engine, for machines without SIE (QEMU's TCG). The guest runs in
 * problem state with DAT on in its own address space (the gmem tables), CP's lowcore and
 * new PSWs catching every interruption. A privileged-operation exception becomes the
 * instruction interception SIE would give (same ipa/ipb, PSW past the instruction); a page
 * the guest touches for the first time gets a frame and the instruction runs again; other
 * program interruptions and SVCs go back to CP to be reflected into the guest's lowcore.
 *
 * Guest prefixing is done by the page tables: guest real pages 0-1 and the prefix area
 * swap places in the space the guest runs in, so its lowcore is where it expects. A guest
 * that turns its own DAT on is given back to CP (EXIT_NO_GUEST_DAT), which stops it with
 * VMCDSP455E: there are no shadow tables (tests/system/test_guest_dat.py).
 * Covered by tests/system/test_vm.py.
 */
#include <arch/cpu.h>
#include <arch/ctlreg_ops.h>
#include <arch/hw.h>
#include <arch/dat.h>
#include <arch/irq.h>
#include <arch/lowcore.h>
#include <arch/tae.h>
#include <cp/abend.h>
#include <cp/decode.h>
#include <cp/psw.h>
#include <lib/string.h>
#include "engine_priv.h"
#include "guest_regs.h"

/* The guest runs with these real-PSW bits whatever its own PSW says. */
#define TAE_FORCED_MASK (PSW_MASK_DAT | PSW_MASK_IO | PSW_MASK_EXT | PSW_MASK_MCHECK | \
			 PSW_MASK_PSTATE)
/* The guest's own PSW bits that carry through to the real PSW. */
#define TAE_GUEST_BITS  (PSW_MASK_CC | PSW_MASK_PM | PSW_MASK_EA | PSW_MASK_BA)

static struct tae_ctx ctx;
static uint64_t last_asce;

/* The page-table entry of guest absolute page gaddr, which has a frame (gmem_page()). */
static uint64_t *pte_of(struct gmem *mem, uint64_t gaddr)
{
	uint64_t ste = mem->segment_table[gaddr >> 20];

	return &((uint64_t *)(uintptr_t)(ste & STE_ORIGIN_MASK))[(gaddr >> 12) & 0xff];
}

/*
 * Swaps the page-table entries of guest real pages 0-1 and the prefix area, so the guest
 * finds its lowcore where it expects. All four pages get frames (and their segments page
 * tables) first; without them nothing is swapped and false comes back: a segment with no
 * page table has an invalid entry whose origin is 0, and the "page table" there would be
 * CP's own lowcore.
 */
static bool tae_apply_prefix(struct vcpu *v)
{
	struct gmem *mem = &v->vm->mem;
	uint64_t prefix = v->prefix & ~0x1fffULL;

	/* A prefix in a shared segment (cp/segment.h) is not swapped: the shared page table
	 * belongs to every machine that maps it. */
	if (prefix == 0 || prefix >= mem->size || gmem_is_shared(mem, prefix) ||
	    gmem_is_shared(mem, 0))
		return true;
	for (uint64_t off = 0; off < 0x2000; off += 0x1000)
		if (!gmem_page(mem, off) || !gmem_page(mem, prefix + off))
			return false;
	for (uint64_t off = 0; off < 0x2000; off += 0x1000) {
		uint64_t *low = pte_of(mem, off), *pfx = pte_of(mem, prefix + off), tmp;

		tmp = *low;
		*low = *pfx;
		*pfx = tmp;
	}
	ptlb();
	return true;
}

static void tae_unapply_prefix(struct vcpu *v, uint32_t mapped_prefix)
{
	uint32_t saved = v->prefix;

	/* Swapping is its own inverse; the pages have their frames from the apply. */
	v->prefix = mapped_prefix;
	tae_apply_prefix(v);
	v->prefix = saved;
}

static int tae_vcpu_init(struct vcpu *v)
{
	v->engine = 0;
	return 0;
}

static void tae_vcpu_release(struct vcpu *v)
{
	v->engine = 0;
}

#define TAE_IPA_IUCV 0xb2f0

/* Reads the instruction at a guest real address (through the page tables). */
static void fetch_ipa_ipb(struct vcpu *v, uint64_t addr, struct vcpu_exit *e)
{
	uint8_t text[6] = { 0 };

	guest_read_real(v, addr, text, 6);
	e->ipa = (uint16_t)(text[0] << 8 | text[1]);
	e->ipb = (uint32_t)text[2] << 24 | (uint32_t)text[3] << 16 | (uint32_t)text[4] << 8 |
		 text[5];
	e->ilc = (uint8_t)insn_length(text[0]);
}

/*
 * A privileged instruction the fast path (dispatch_fast_exit) may take: true when the guest
 * goes on at once, with the time spent here taken off *slice_us (by the CPU timer, read
 * once). Only without a prefix swap in force: the handlers reach the guest's lowcore through
 * CP's accessors, which do the prefixing themselves. Otherwise the exit goes to the
 * dispatcher as it is (EXIT_INSTRUCTION, or EXIT_SIMULATED when it was done).
 */
static bool tae_fast(struct vcpu *v, uint32_t mapped_prefix, uint64_t *slice_us)
{
	struct vcpu_exit *e = &v->exit;
	uint64_t spent;
	uint8_t ilc = e->ilc;

	if (mapped_prefix)
		return false;
	fetch_ipa_ipb(v, v->psw_addr - ilc, e);
	e->ilc = ilc;
	if (dispatch_fast_exit(v) != FAST_RESUME)
		return false;
	/* slice_left() parked the CPU timer at its maximum: what it ran since is CP's time. */
	spent = tod_to_us((uint64_t)(INT64_MAX - stpt()) + TOD_MICROSECOND - 1); /* rounded up */
	if (spent >= *slice_us) {
		e->reason = EXIT_SIMULATED;
		e->rc = 0;
		return false;
	}
	*slice_us -= spent;
	return true;
}

static void tae_run(struct vcpu *v, uint64_t slice_us)
{
	struct vcpu_exit *e = &v->exit;
	uint32_t mapped_prefix = v->prefix & ~0x1fffU;
	int64_t remaining;

	if (v->vm->mem.asce != last_asce) {
		lctlg(1, v->vm->mem.asce);
		ptlb();
		last_asce = v->vm->mem.asce;
	}
	memset(e, 0, sizeof(*e));
	/*
	 * The real PSW carries the guest's mode bits: only a PSW CP checked may reach it (an
	 * EA-only PSW even stops QEMU). Delivery and the PSW instructions never leave another
	 * (cp/psw.h); if one ever did, the machine stops here.
	 */
	if (!psw_valid(v->psw_mask, v->psw_addr) || (v->psw_addr & 1)) {
		e->reason = EXIT_VALIDITY;
		e->validity = 0x0006;
		v->exits++;
		return;
	}
	if (mapped_prefix && !tae_apply_prefix(v)) {
		e->reason = EXIT_NO_STORAGE;
		v->exits++;
		return;
	}
	/* The guest's FPRs, ARs and FPC on the real CPU, and its own CR0 register controls:
	 * FPRs 1, 3, 5, 7-15, BFP and vector instructions are usable as its CR0 says. */
	guest_regs_load(v);
	{
		uint64_t fp = guest_regs_cr0_bits(), cr0 = stctg(0);

		if ((cr0 & fp) != (v->crs[0] & fp))
			lctlg(0, (cr0 & ~fp) | (v->crs[0] & fp));
	}

	for (;;) {
		int cls;

		/* The guest's own DAT would need shadow tables, which this engine does not build
		 * (yet): run on without it and the guest would read the wrong storage. Checked
		 * here, where every PSW the guest gets passes: CP's simulation of LPSW, LPSWE, SSM
		 * and STOSM (also the fast path's) and interruption delivery all come back
		 * through this loop or a new entry. */
		if (v->psw_mask & PSW_MASK_DAT) {
			e->reason = EXIT_NO_GUEST_DAT;
			v->exits++;
			goto out;
		}
		memcpy(ctx.gprs, v->gprs, sizeof(ctx.gprs));
		ctx.psw.mask = (v->psw_mask & TAE_GUEST_BITS) | TAE_FORCED_MASK;
		ctx.psw.addr = v->psw_addr;
		memset(e, 0, sizeof(*e));
		ctl_set_bits(0, CR0_CPU_TIMER_SUBMASK);
		spt((int64_t)us_to_tod(slice_us));
		/* A DIAG X'44' that would be nothing: entry.S skips it without CP. */
		lowcore->tae_fast = dispatch_yield_is_noop(v);
		cls = tae_enter(&ctx);
		lowcore->tae_fast = 0;
		if (lowcore->tae_fast_count) {
			v->instr_intercepts += lowcore->tae_fast_count;
			lowcore->tae_fast_count = 0;
		}
		remaining = slice_left(slice_us);
		{
			uint64_t used = us_to_tod(slice_us) - (uint64_t)remaining;

			/* SPT/STPT are simulated, so the guest's CPU timer runs in software. */
			v->virt_time += used;
			v->cpu_timer -= (int64_t)used;
		}
		slice_us = tod_to_us((uint64_t)remaining);

		memcpy(v->gprs, ctx.gprs, sizeof(v->gprs));
		v->psw_mask = (v->psw_mask & ~TAE_GUEST_BITS) | (ctx.psw.mask & TAE_GUEST_BITS);
		v->psw_addr = ctx.psw.addr;

		switch (cls) {
		case INT_CLASS_PGM: {
			uint16_t code = lowcore->pgm_code & 0x7f;
			uint8_t ilc = (uint8_t)(lowcore->pgm_ilc & 0x6);
			uint64_t teid = lowcore->trans_exc_id;

			if (code == PGM_PRIVILEGED_OP && !(v->psw_mask & PSW_MASK_PSTATE)) {
				/* The guest believes it is in supervisor state: simulate. */
				e->reason = EXIT_INSTRUCTION;
				e->ilc = ilc;
				v->instr_intercepts++;
				if (tae_fast(v, mapped_prefix, &slice_us))
					continue;
				goto out;
			}
			if (code == PGM_OPERATION && !(v->psw_mask & PSW_MASK_PSTATE) &&
			    !mapped_prefix) {
				/* IUCV (B2F0), which QEMU lacks: CP answers it (cp/icpt/priv.c). */
				fetch_ipa_ipb(v, v->psw_addr - ilc, e);
				if (e->ipa == TAE_IPA_IUCV) {
					e->reason = EXIT_INSTRUCTION;
					e->ilc = ilc;
					v->instr_intercepts++;
					goto out;
				}
			}
			if (pgm_is_translation(code)) {
				uint64_t gaddr = teid & ~0xfffULL;

				/* Nullified: the PSW is at the instruction. A page inside storage gets
				 * a frame and the instruction runs again. */
				if (gaddr < v->vm->mem.size && !gmem_page(&v->vm->mem, gaddr)) {
					e->reason = EXIT_NO_STORAGE;
					goto out;
				}
				if (gaddr < v->vm->mem.size) {
					if (mapped_prefix && ((gaddr < 0x2000) ||
					    (gaddr - mapped_prefix < 0x2000))) {
						tae_unapply_prefix(v, mapped_prefix);
						if (!tae_apply_prefix(v)) {
							mapped_prefix = 0; /* nothing swapped */
							e->reason = EXIT_NO_STORAGE;
							goto out;
						}
					}
					if (slice_us)
						continue;
					e->reason = EXIT_SLICE_END;
					goto out;
				}
				/* Beyond the machine's storage: an addressing exception, which
				 * suppresses, so the PSW moves past the instruction. */
				v->psw_addr += ilc;
				code = PGM_ADDRESSING;
			}
			/* Everything else is the guest's own, with the old PSW where the machine put
			 * it: e.g. a store into a shared segment is a DAT-protection exception (code
			 * 4), which suppresses, so QEMU stores the PSW past the instruction. */
			e->reason = EXIT_PROGRAM;
			e->pgm_code = code;
			e->ilc = ilc;
			e->teid = teid;
			goto out;
		}
		case INT_CLASS_SVC:
			e->reason = EXIT_SVC;
			e->svc_code = lowcore->svc_code & 0xff;
			e->ilc = (uint8_t)(lowcore->svc_ilc & 0x6);
			goto out;
		case INT_CLASS_EXT:
			e->reason = arch_ext_dispatch() == EXT_CPU_TIMER ? EXIT_SLICE_END
								   : EXIT_HOST_INTERRUPT;
			goto out;
		case INT_CLASS_IO:
			cio_interrupt(lowcore->subchannel_id, lowcore->io_int_parm);
			e->reason = EXIT_HOST_INTERRUPT;
			goto out;
		case INT_CLASS_MCCK:
			hw_panic(ABEND_MACHINE_CHECK, "MACHINE CHECK IN GUEST %s", v->vm->userid);
		default:
			e->reason = EXIT_HOST_INTERRUPT;
			goto out;
		}
	}
out:
	guest_regs_store(v);
	if (mapped_prefix)
		tae_unapply_prefix(v, mapped_prefix);
	if (e->reason == EXIT_INSTRUCTION) {
		uint8_t ilc = e->ilc;

		/* Read through CP's accessors, which do the guest's prefixing themselves. */
		fetch_ipa_ipb(v, v->psw_addr - ilc, e);
		e->ilc = ilc;
	}
	v->exits++;
}

const struct engine_ops engine_tae_ops = {
	.name = "trap-and-emulate (no SIE on this machine)",
	.vcpu_init = tae_vcpu_init,
	.vcpu_release = tae_vcpu_release,
	.run = tae_run,
};
