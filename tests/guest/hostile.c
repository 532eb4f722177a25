/*
 * A hostile guest, for "CP survives" tests (run next to checksum.c to show isolation): loads and
 * stores far beyond its storage, PSWs pointing nowhere, a sweep of random B2xx and B9xx
 * (privileged and other) instructions, every DIAGNOSE code that is a multiple of 4 (and some
 * that are not) with random registers, random SIGP orders, and channel programs pointing outside
 * its storage. Whatever program interruption comes back is counted and the guest carries on; it
 * reports PASS for each phase it lived through, and exits 0 if it got to the end. The codes it
 * saw are INFO lines, not checks.
 *
 * Random instructions run from a one-instruction slot in a page of their own, with every general
 * register pointing into GUEST_SCRATCH (1 MB, above the image) except GR1, which holds a
 * well-formed subchannel id below 64 KB, so operands land in storage the guest does not use. A
 * few instructions are never generated because they would break the guest itself rather than
 * test CP: those that load a new PSW or key (LPSWE, SPKA, PT, PC, RP, BSA, BSG, SAC, SACF), move
 * the prefix (SPX), use the linkage stack, clear a frame of CPU-chosen size (PFMF), and, bare,
 * SIE. The seed is printed; build with -DHOSTILE_SEED=0x... to repeat a run, and with
 * -DHOSTILE_TRACE to print every instruction before it runs.
 */
#include "diag.h"
#include "guest.h"

/*
 * Sizes: each step is an interception under CP, and with a looping neighbour each can cost CP
 * a time slice (~10 ms), so the whole run stays at a few thousand steps.
 */
#define B2_PER_OPCODE  4  /* random operand fields per B2xx/B9xx opcode */
#define DIAG_ODD_CODES 64 /* random codes that are not multiples of 4 */
#define SIGP_ORDERS    512
#define IO_SUBCHANNELS 64

/* The slot, in a page of its own; hostile_exec() (below) loads the registers and runs it. */
asm(".pushsection .data.hostile_slot, \"aw\"\n"
    "	.balign	4096\n"
    "	.globl	hostile_slot\n"
    "hostile_slot:\n"
    "	.long	0x07000700\n" /* replaced by each instruction (4 bytes) */
    "	jg	hostile_slot_return\n"
    "	.balign	4096\n"
    "	.popsection\n"
    "	.text\n"
    "	.globl	hostile_exec\n"
    "hostile_exec:\n"
    "	larl	%r1, hostile_saved\n"
    "	stmg	%r0, %r15, 0(%r1)\n"
    "	larl	%r1, hostile_regs\n"
    "	lmg	%r0, %r15, 0(%r1)\n"
    "	bcr	15, 0\n" /* serialize: the slot was just stored into */
    "	jg	hostile_slot\n"
    "	.globl	hostile_slot_return\n"
    "hostile_slot_return:\n"
    "	larl	%r1, hostile_saved\n"
    "	lmg	%r0, %r15, 0(%r1)\n"
    "	br	%r14\n");

extern uint32_t hostile_slot[];
extern char hostile_slot_return[];
void hostile_exec(void);

uint64_t hostile_saved[16], hostile_regs[16];

static uint64_t rng;
static uint64_t saved_crs[16];
static uint8_t io_area[4096] __attribute__((aligned(4096)));

/* Program-interruption codes seen in one phase: a small histogram. */
struct tally {
	unsigned steps, none, other;
	uint16_t codes[12];
	unsigned counts[12];
};

static void tally_add(struct tally *t, uint16_t code)
{
	t->steps++;
	if (!code) {
		t->none++;
		return;
	}
	for (unsigned i = 0; i < 12; i++) {
		if (t->codes[i] == code || !t->codes[i]) {
			t->codes[i] = code;
			t->counts[i]++;
			return;
		}
	}
	t->other++;
}

static void tally_print(const char *phase, const struct tally *t)
{
	char buf[160];
	int n;

	n = ksnprintf(buf, sizeof(buf), "%u steps, %u without interruption", t->steps, t->none);
	for (unsigned i = 0; i < 12 && t->codes[i] && n < (int)sizeof(buf) - 20; i++)
		n += ksnprintf(buf + n, sizeof(buf) - (size_t)n, ", %04x x%u", t->codes[i],
			       t->counts[i]);
	if (t->other)
		ksnprintf(buf + n, sizeof(buf) - (size_t)n, ", others x%u", t->other);
	report_info("%s: %s", phase, buf);
}

/* Puts the guest back the way the tests left it: PSW, control registers, timers. */
static void repair(void)
{
	static struct psw canon = {.mask = PSW_MASK_64};
	uint64_t mask = epsw();

	/* Under trap-and-emulate EPSW shows the real PSW, not ours: always reload it there. */
	if (under_vm64() ||
	    (mask & (PSW_MASK_KEY | PSW_MASK_PSTATE | PSW_MASK_ASC | PSW_MASK_IO | PSW_MASK_EXT))) {
		/* In problem state LPSWE fails, and the resume address does its job. */
		lpswe_expect_pgm(&canon);
		pgm_int_code();
	}
}

static void restore_machine(void)
{
	repair();
	lctlg_all((uint64_t)(uintptr_t)saved_crs);
	sckc(UINT64_MAX);
	spt(INT64_MAX);
	if (stpx() != 0)
		spx(0);
}

/* Runs one 4-byte instruction in the slot with the scratch registers; returns the pgm code. */
static uint16_t run_insn(uint32_t insn)
{
	for (int i = 0; i < 16; i++)
		hostile_regs[i] = GUEST_SCRATCH + (uint64_t)i * 0x100;
	hostile_regs[1] = SCHID(prng_next(&rng) & 0xff);
	hostile_slot[0] = insn;
#ifdef HOSTILE_TRACE
	printf("TRACE %08x\n", insn);
#endif
	expect_pgm_int_resume((uint64_t)(uintptr_t)hostile_slot_return);
	hostile_exec();
	return pgm_int_code();
}

static bool excluded_b2(uint8_t op)
{
	switch (op) {
	case 0x0a: /* SPKA */
	case 0x10: /* SPX */
	case 0x18: /* PC */
	case 0x19: /* SAC */
	case 0x28: /* PT */
	case 0x40: /* BAKR */
	case 0x47: /* MSTA */
	case 0x49: /* EREG */
	case 0x4a: /* ESTA */
	case 0x58: /* BSG */
	case 0x5a: /* BSA */
	case 0x77: /* RP */
	case 0x79: /* SACF */
	case 0xb2: /* LPSWE */
		return true;
	case 0x14: /* SIE: bare, it would really run a guest from the scratch page */
		return !under_vm64();
	default:
		return false;
	}
}

static bool excluded_b9(uint8_t op)
{
	return op == 0xaf /* PFMF */ || op == 0x0e /* EREGG */;
}

static void sweep_opcodes(uint8_t first, bool (*excluded)(uint8_t), const char *phase)
{
	struct tally t = {0};

	for (unsigned op = 0; op < 256; op++) {
		if (excluded((uint8_t)op))
			continue;
		for (unsigned k = 0; k < B2_PER_OPCODE; k++) {
			uint32_t fields = (uint32_t)prng_next(&rng) & 0xffff;

			/* S format: a nonzero base, so no operand lands in the lowcore. */
			if (first == 0xb2 && (fields & 0xf000) == 0)
				fields |= 0x1000 << (k % 4);
			tally_add(&t, run_insn((uint32_t)first << 24 | op << 16 | fields));
		}
		repair();
	}
	restore_machine();
	tally_print(phase, &t);
	report(true, "survived %u %s instructions", t.steps, phase);
}

static void sweep_diag(void)
{
	struct tally t = {0};

	/* Bare Hercules keeps X'F00'-X'FFF' for itself (stop the CPU, run host commands, ...). */
	unsigned end = !under_vm64() && guest_env.hercules ? 0xf00 : 0x1000;

	/* Every multiple of 4 (z/VM's codes all are), then some codes that are not. */
	for (unsigned i = 0; i < end / 4 + DIAG_ODD_CODES; i++) {
		uint32_t r = (uint32_t)prng_next(&rng);
		unsigned code = i < end / 4 ? i * 4 : ((r >> 8) % end) | 1;

		tally_add(&t, run_insn(0x83000000u | (r & 0xff) << 16 | code));
		if (i % 64 == 63)
			repair();
	}
	restore_machine();
	tally_print("DIAG", &t);
	report(true,
	       "survived DIAG codes X'000'-X'%03X' (multiples of 4, and %u others) with "
	       "random registers",
	       end - 4, DIAG_ODD_CODES);
}

static void sweep_sigp(void)
{
	struct tally t = {0};
	uint16_t self = stap();
	unsigned cc_count[4] = {0};

	for (unsigned i = 0; i < SIGP_ORDERS; i++) {
		uint64_t r = prng_next(&rng);
		uint8_t order = (uint8_t)r;
		uint16_t cpu = (uint16_t)(r >> 8);
		int cc;

		/* Orders that stop, reset, restart or move this CPU go only to other addresses. */
		switch (order) {
		case 0x12: /* set architecture: machine-wide, whatever the address */
			order = SIGP_SENSE;
			break;
		case 0x05:
		case 0x06:
		case 0x07:
		case 0x09:
		case 0x0b:
		case 0x0c:
		case 0x0d:
		case 0x0e:
		case 0x0f:
		case 0x11:
		case 0x13:
		case 0x16:
		case 0x17:
			if (cpu == self)
				cpu = (uint16_t)(self + 1 + (r >> 24) % 0xfffe);
			break;
		default:
			if (r & 0x100000000ULL)
				cpu = self;
			break;
		}
		expect_pgm_int();
		cc = sigp_raw(cpu, order, r >> 32, NULL);
		tally_add(&t, pgm_int_code());
		cc_count[cc & 3]++;
	}
	restore_machine();
	tally_print("SIGP", &t);
	report_info("SIGP condition codes: 0 x%u, 1 x%u, 2 x%u, 3 x%u", cc_count[0], cc_count[1],
		    cc_count[2], cc_count[3]);
	report(true, "survived %u random SIGP orders", SIGP_ORDERS);
}

static void wild_storage(void)
{
	uint64_t size = guest_env.storage_size;
	uint64_t wild[] = {size,
			   size + 8,
			   size + 0x100000,
			   0x7ffffff8,
			   0x80000000,
			   0xfffffff8,
			   1ULL << 32,
			   1ULL << 40,
			   1ULL << 50,
			   1ULL << 62,
			   1ULL << 63,
			   0xfffffffffffff000ULL,
			   0xfffffffffffffff8ULL};
	struct tally t = {0};

	for (unsigned i = 0; i < sizeof(wild) / sizeof(wild[0]); i++) {
		uint64_t a = wild[i];

		if (a < size)
			continue;
		expect_pgm_int();
		asm volatile("lg %%r0,0(%0)" : : "a"(a) : "r0", "memory");
		tally_add(&t, pgm_int_code());
		expect_pgm_int();
		asm volatile("stg %%r0,0(%0)" : : "a"(a) : "memory");
		tally_add(&t, pgm_int_code());
		expect_pgm_int();
		asm volatile("xc 0(256,%0),0(%0)" : : "a"(a) : "cc", "memory");
		tally_add(&t, pgm_int_code());
		expect_pgm_int();
		asm volatile("mvc 0(256,%0),0(%1)" : : "a"(a), "a"(io_area) : "memory");
		tally_add(&t, pgm_int_code());
		expect_pgm_int();
		asm volatile("mvc 0(256,%0),0(%1)" : : "a"(io_area), "a"(a) : "memory");
		tally_add(&t, pgm_int_code());
	}
	/* Across the end of storage, and a long move that runs off it. */
	expect_pgm_int();
	asm volatile("mvc 0(256,%0),0(%1)" : : "a"(size - 128), "a"(io_area) : "memory");
	tally_add(&t, pgm_int_code());
	expect_pgm_int();
	{
		/* Assigned after the call: a call in between would clobber them. */
		register uint64_t r2 asm("2") = size - 0x800;
		register uint64_t r3 asm("3") = 0x100000;
		register uint64_t r4 asm("4") = 0;
		register uint64_t r5 asm("5") = 0;

		/* MVCLE is interruptible: leave the loop through the resume address. */
		asm volatile("larl %%r1,1f\n\t"
			     "stg %%r1,0(%4)\n"
			     "0:\tmvcle %0,%2,0\n\t"
			     "jo 0b\n"
			     "1:"
			     : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5)
			     : "a"(&pgm_resume_addr)
			     : "r1", "cc", "memory");
		tally_add(&t, pgm_int_code());
	}
	tally_print("wild storage", &t);
	report(t.steps > 0, "survived %u loads and stores beyond storage", t.steps);

	/* PSWs pointing nowhere: beyond storage, odd, in problem state beyond storage. */
	{
		struct psw psws[] = {
		    {PSW_MASK_64, size + 0x1000},
		    {PSW_MASK_64, 1ULL << 40},
		    {PSW_MASK_64, GUEST_SCRATCH + 1},
		    {PSW_MASK_64 | PSW_MASK_PSTATE, size + 0x2000},
		};
		struct tally p = {0};

		for (unsigned i = 0; i < sizeof(psws) / sizeof(psws[0]); i++) {
			expect_pgm_int();
			asm volatile("larl %%r1,0f\n\t"
				     "stg %%r1,0(%1)\n\t"
				     "lpswe 0(%0)\n"
				     "0:"
				     :
				     : "a"(&psws[i]), "a"(&pgm_resume_addr)
				     : "r1", "cc", "memory");
			tally_add(&p, pgm_int_code());
		}
		tally_print("wild PSWs", &p);
		report(true, "survived %u PSWs pointing outside storage", p.steps);
	}
}

/* Starts a channel program on schid with the ORB's channel-program address cpa. */
static int start_wild(uint32_t schid, uint32_t cpa, uint32_t flags)
{
	struct orb *orb = (struct orb *)io_area;
	int cc;

	memset(orb, 0, sizeof(*orb));
	orb->intparm = 0xbad0000u | (schid & 0xffff);
	orb->flags = flags;
	orb->cpa = cpa;
	expect_pgm_int();
	cc = ssch(schid, orb);
	return pgm_int_code() ? -1 : cc;
}

static void wild_channel_programs(void)
{
	uint32_t cpas[] = {(uint32_t)guest_env.storage_size, 0x7ffff000, 0x7ffffff8, 0x1, 0x0,
			   (uint32_t)GUEST_SCRATCH};
	struct ccw1 *ccw = (struct ccw1 *)(io_area + 2048);
	unsigned devices = 0, cc_count[5] = {0};
	struct schib schib;

	for (unsigned n = 0; n < IO_SUBCHANNELS; n++) {
		uint32_t schid = SCHID(n);
		int cc;

		expect_pgm_int();
		cc = stsch(schid, &schib);
		if (pgm_int_code())
			cc = 4;
		if (cc == 0 && (schib.pmcw.flags1 & PMCW1_DEVNO_VALID)) {
			/* A device: enable it and give it channel programs that point outside. */
			devices++;
			schib.pmcw.flags1 |= PMCW1_ENABLED;
			msch(schid, &schib);
			ccw[0] = (struct ccw1){.cmd = 0x02,
					       .flags = 0,
					       .count = 80,
					       .cda = (uint32_t)guest_env.storage_size + 0x1000};
			/* Two TICs pointing at each other: a channel-program loop. */
			ccw[1] = (struct ccw1){
			    .cmd = 0x08, .count = 0, .cda = (uint32_t)(uintptr_t)&ccw[2]};
			ccw[2] = (struct ccw1){
			    .cmd = 0x08, .count = 0, .cda = (uint32_t)(uintptr_t)&ccw[1]};
			for (unsigned k = 0; k < 6; k++) {
				uint32_t cpa =
				    k < 4 ? cpas[k] : (uint32_t)(uintptr_t)&ccw[k == 4 ? 0 : 1];

				cc = start_wild(schid, cpa, ORB_FLAGS_FORMAT1 | ORB_FLAGS_LPM_ALL);
				cc_count[cc < 0 ? 4 : cc]++;
				if (cc == 0 && !wait_for_io(1000000)) {
					report_info("subchannel %08x: no interruption, clearing",
						    schid);
					csch(schid);
					wait_for_io(1000000);
				}
				{
					struct irb irb;

					memset(&irb, 0, sizeof(irb));
					expect_pgm_int();
					cc = tsch(schid, &irb);
					if (!pgm_int_code() && cc == 0)
						report_info(
						    "subchannel %08x, channel program at %08x: "
						    "device status %02x, subchannel status %02x",
						    schid, cpa, irb.scsw.dstat, irb.scsw.cstat);
				}
			}
			schib.pmcw.flags1 &= (uint8_t)~PMCW1_ENABLED;
			msch(schid, &schib);
		} else {
			for (unsigned k = 0; k < sizeof(cpas) / sizeof(cpas[0]); k++) {
				cc = start_wild(schid, cpas[k],
						ORB_FLAGS_FORMAT1 | ORB_FLAGS_LPM_ALL);
				cc_count[cc < 0 ? 4 : cc]++;
			}
			/* Garbage ORB flags: expect an operand exception, not trouble. */
			cc = start_wild(schid, cpas[0], (uint32_t)prng_next(&rng));
			cc_count[cc < 0 ? 4 : cc]++;
		}
	}
	restore_machine();
	report_info("channel programs: %u devices; SSCH cc 0 x%u, 1 x%u, 2 x%u, 3 x%u, "
		    "program interruption x%u",
		    devices, cc_count[0], cc_count[1], cc_count[2], cc_count[3], cc_count[4]);
	report(true, "survived channel programs outside storage on %u subchannels", IO_SUBCHANNELS);
}

int main(void)
{
#ifdef HOSTILE_SEED
	rng = HOSTILE_SEED;
#else
	rng = stck() ^ 0x686f7374696c65ULL;
#endif
	report_prefix_push("hostile");
	report_info("seed %016lx", (unsigned long)rng);
	stctg_all((uint64_t)(uintptr_t)saved_crs);
	memset((void *)(uintptr_t)0x10000, 0, 0x3000); /* what GR1-based operands reach */

	wild_storage();
	sweep_opcodes(0xb2, excluded_b2, "B2xx");
	sweep_opcodes(0xb9, excluded_b9, "B9xx");
	sweep_diag();
	sweep_sigp();
	wild_channel_programs();
	report(true, "still alive at the end");
	report_prefix_pop();
	return report_summary();
}
