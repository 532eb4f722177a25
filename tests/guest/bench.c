/*
 * Micro-benchmarks for "make bench", which runs this guest bare and under VM/64 and compares:
 * a CPU-bound loop of simple instructions (should cost the same under CP), DIAG X'44' round
 * trips (one interception each under CP), and STAP, a privileged instruction CP simulates or
 * SIE interprets. Times are TOD-clock units (4096 per microsecond), measured with STCK. Every
 * key is unique across the lines (tests/bench/bench.py merges them into one dictionary):
 *
 *	BENCH: loop_tod=T count=N insns_per_iter=4    N iterations of a 4-instruction loop
 *	BENCH: mem_tod=T mem_passes=N                 N passes of loads and stores over 512 KB,
 *	                                              the guest's DAT off
 *	BENCH: memdat_tod=T                           the same with its DAT on (identity tables;
 *	                                              not where the machine has no guest DAT)
 *	BENCH: diag_tod=T diag_count=N                N DIAG X'44'
 *	BENCH: priv_tod=T priv_count=N                N STAP
 *	BENCH: stck_tod=T stck_count=N                N STCK (never intercepted: the floor)
 *
 * Bare only, the machine's floor for an interception round trip, what CP's DIAG X'44' round
 * trip is measured against (issue 17):
 *
 *	BENCH: floor_sie_tod=T floor_sie_count=N      N SIE -> DIAG interception -> SIE, with
 *	                                              nothing in between (machines with SIE)
 *	BENCH: floor_trap_tod=T floor_trap_count=N    N problem-state DIAGs, each a privileged-
 *	                                              operation exception whose handler is one
 *	                                              LPSWE of the old PSW (the trap-and-emulate
 *	                                              engine's path, without CP)
 */
#include <arch/ctlreg_ops.h>
#include <arch/dat.h>
#include <arch/lowcore.h>
#include <arch/sie.h>
#include "diag.h"
#include "guest.h"

#define LOOP_COUNT 20000000UL
#define DIAG_COUNT 20000UL
#define PRIV_COUNT 20000UL
#define STCK_COUNT 200000UL
#define FLOOR_COUNT 20000UL

/*
 * The SIE floor's guest: 1 MB of storage at real X'400000', mapped as CP maps a guest, by host
 * DAT (host CR1 designates a segment table whose one valid entry maps the guest's 256 pages;
 * Hercules translates a z/Architecture guest through it even with the host's DAT off, and
 * refuses one whose prefix area it cannot translate: validity X'37'). Its lowcore at 0, its
 * code at X'1000'.
 */
#define FLOOR_REAL  0x400000UL
#define FLOOR_SIZE  0x100000UL
#define FLOOR_CODE  0x1000UL
#define FLOOR_SB    0x300000UL /* the state description (512-byte aligned) */
#define FLOOR_STO   0x310000UL /* segment table, one 4 KB block */
#define FLOOR_PTO   0x311000UL /* page table of segment 0 */

/*
 * Each figure is the best of REPEATS runs, so that a host busy with other work (the bench
 * shares a 2-core machine) shows in the spread, the slowest of the runs, printed beside it
 * as NAME_max.
 */
#define REPEATS 5

struct spread {
	uint64_t best, worst;
};

static struct spread repeat(uint64_t (*fn)(unsigned long), unsigned long n)
{
	struct spread s = { ~0ULL, 0 };

	for (int i = 0; i < REPEATS; i++) {
		uint64_t t = fn(n);

		if (t < s.best)
			s.best = t;
		if (t > s.worst)
			s.worst = t;
	}
	return s;
}

static uint64_t time_loop(unsigned long n)
{
	uint64_t t0, t1;
	unsigned long i = n, acc = 0;

	t0 = stck();
	/* 4 instructions per iteration: AGHI, XGR, ALGR, BRCTG. */
	asm volatile("0:\taghi %1,3\n\t"
		     "xgr %1,%0\n\t"
		     "algr %1,%0\n\t"
		     "brctg %0,0b"
		     : "+d"(i), "+d"(acc)
		     :
		     : "cc");
	t1 = stck();
	return t1 - t0;
}

/* Storage-bound: loads and stores over 512 KB (128 pages), real mode; every page touched
 * before the timing (the warm-up), so a guest's first-touch faults are not in it. */
#define MEM_WORDS (64 * 1024)
#define MEM_PASSES 200UL
static uint64_t mem_buf[MEM_WORDS];

static uint64_t time_mem(unsigned long passes)
{
	volatile uint64_t *b = mem_buf;
	uint64_t t0 = stck();

	for (unsigned long p = 0; p < passes; p++)
		for (unsigned long i = 0; i < MEM_WORDS; i += 4)
			b[i] = b[i] + b[(i + 2048) % MEM_WORDS] + p;
	return stck() - t0;
}

/* The same with the guest's own DAT on, the first 4 MB mapped to themselves. */
static uint64_t dat_segs[512] __attribute__((aligned(4096)));
static uint64_t dat_pages[4][256] __attribute__((aligned(4096)));

static uint64_t time_mem_dat(unsigned long passes)
{
	uint64_t t;

	for (unsigned s = 0; s < 512; s++)
		dat_segs[s] = 0x20; /* segment-invalid bit */
	for (unsigned s = 0; s < 4; s++) {
		dat_segs[s] = (uint64_t)(uintptr_t)dat_pages[s];
		for (unsigned p = 0; p < 256; p++)
			dat_pages[s][p] = (uint64_t)s << 20 | (uint64_t)p << 12;
	}
	lctlg(1, (uint64_t)(uintptr_t)dat_segs);
	stosm(0x04);
	t = time_mem(passes);
	stnsm(0xfb);
	lctlg(1, 0);
	return t;
}

static uint64_t time_diag(unsigned long n)
{
	uint64_t t0 = stck();

	for (unsigned long i = 0; i < n; i++)
		diag44();
	return stck() - t0;
}

static uint64_t time_priv(unsigned long n)
{
	uint64_t t0 = stck();

	for (unsigned long i = 0; i < n; i++)
		stap();
	return stck() - t0;
}

static uint64_t time_stck(unsigned long n)
{
	uint64_t t0 = stck();

	for (unsigned long i = 0; i < n; i++)
		stck();
	return stck() - t0;
}

/*
 * N times SIE on a guest whose one instruction pair is "DIAG 0,0,X'44'; J *-4": each SIE ends
 * in an instruction interception with the guest PSW past the DIAG, and the next SIE resumes it.
 * Returns the TOD units, or 0 when the last interception was not that DIAG.
 */
static uint64_t time_floor_sie(unsigned long n)
{
	static const uint8_t code[] = { 0x83, 0x00, 0x00, 0x44, 0xa7, 0xf4, 0xff, 0xfe };
	struct sie_block *sb = (struct sie_block *)FLOOR_SB;
	uint64_t *sto = (uint64_t *)FLOOR_STO, *pto = (uint64_t *)FLOOR_PTO;
	uint64_t t0, t1, cr1, asce = FLOOR_STO | ASCE_TABLE_LENGTH(1) | ASCE_TYPE_SEGMENT;

	for (unsigned i = 0; i < SEGMENT_ENTRIES_PER_4K; i++)
		sto[i] = STE_INVALID;
	sto[0] = FLOOR_PTO;
	for (unsigned i = 0; i < PAGE_ENTRIES; i++)
		pto[i] = FLOOR_REAL + i * PAGE_SIZE_4K;
	memset((void *)FLOOR_REAL, 0, 0x2000);
	memcpy((void *)(FLOOR_REAL + FLOOR_CODE), code, sizeof(code));
	memset(sb, 0, sizeof(*sb));
	sie_set_cpuflags(sb, SIE_CPUFLAGS_ZARCH);
	sb->mso = 0;
	sb->mse = FLOOR_SIZE - 1;
	sb->gpsw.mask = 0x0000000180000000ULL; /* 64-bit, disabled, supervisor, DAT off */
	sb->gpsw.addr = FLOOR_CODE;
	sb->gcr[0] = 0xe0;
	sb->gcr[14] = 0xc2000000;
	asm volatile("stctg\t1,1,%0" : "=Q"(cr1));
	asm volatile("lctlg\t1,1,%0" : : "Q"(asce));
	/* The guest's r0-r13 are these registers; its two instructions change none. */
	t0 = stck();
	asm volatile("0:\tsie\t0(%1)\n\t"
		     "brctg\t%0,0b"
		     : "+d"(n)
		     : "a"(sb)
		     : "cc", "memory");
	t1 = stck();
	asm volatile("lctlg\t1,1,%0" : : "Q"(cr1));
	if (sb->icptcode != SIE_ICPT_INSTRUCTION || sb->ipa != 0x8300) {
		report_info("SIE floor: interception code %u, ipa %04x ipb %08x, guest PSW %016lx %016lx",
			    sb->icptcode, sb->ipa, sb->ipb, (unsigned long)sb->gpsw.mask,
			    (unsigned long)sb->gpsw.addr);
		return 0;
	}
	return t1 - t0;
}

/*
 * N DIAGs in problem state: each a privileged-operation exception (suppressing: the old PSW
 * is past the DIAG) whose new PSW points at one LPSWE of the old PSW. An SVC at the end comes
 * back to supervisor state. The runtime's new PSWs are put back afterwards.
 */
static uint64_t time_floor_trap(unsigned long n)
{
	uint64_t *pgm_new = (uint64_t *)LC_PGM_NEW_PSW, *svc_new = (uint64_t *)LC_SVC_NEW_PSW;
	uint64_t saved_pgm[2] = { pgm_new[0], pgm_new[1] };
	uint64_t saved_svc[2] = { svc_new[0], svc_new[1] };
	static uint64_t problem_psw[2] __attribute__((aligned(8)));
	uint64_t t0, t1;

	pgm_new[0] = 0x0000000180000000ULL;
	svc_new[0] = 0x0000000180000000ULL;
	problem_psw[0] = 0x0001000180000000ULL; /* problem state, 64-bit, disabled */
	asm volatile("larl\t%%r1,1f\n\t"
		     "stg\t%%r1,%[pgm]\n\t"
		     "larl\t%%r1,2f\n\t"
		     "stg\t%%r1,%[ppsw]\n\t"
		     "larl\t%%r1,3f\n\t"
		     "stg\t%%r1,%[svc]\n\t"
		     "stck\t%[t0]\n\t"
		     "lpswe\t%[ppswq]\n"
		     "1:\tlpswe\t0x150\n" /* LC_PGM_OLD_PSW */
		     "2:\tdiag\t0,0,0x44\n\t"
		     "brctg\t%[n],2b\n\t"
		     "svc\t0\n"
		     "3:\tstck\t%[t1]"
		     : [n] "+d"(n), [t0] "=Q"(t0), [t1] "=Q"(t1)
		     : [pgm] "Q"(pgm_new[1]), [svc] "Q"(svc_new[1]), [ppsw] "Q"(problem_psw[1]),
		       [ppswq] "Q"(problem_psw[0])
		     : "r1", "cc", "memory");
	pgm_new[0] = saved_pgm[0];
	pgm_new[1] = saved_pgm[1];
	svc_new[0] = saved_svc[0];
	svc_new[1] = saved_svc[1];
	return t1 - t0;
}

int main(void)
{
	bool diag_ok;
	struct spread sp;

	report_prefix_push("bench");
	expect_pgm_int();
	diag44();
	diag_ok = pgm_int_code() == 0;

	time_loop(LOOP_COUNT / 100); /* warm up */
	sp = repeat(time_loop, LOOP_COUNT);
	printf("BENCH: loop_tod=%lu count=%lu insns_per_iter=4 loop_tod_max=%lu\n",
	       (unsigned long)sp.best, LOOP_COUNT, (unsigned long)sp.worst);
	time_mem(1);
	sp = repeat(time_mem, MEM_PASSES);
	printf("BENCH: mem_tod=%lu mem_passes=%lu mem_tod_max=%lu\n",
	       (unsigned long)sp.best, MEM_PASSES, (unsigned long)sp.worst);
	if (guest_dat_available()) {
		sp = repeat(time_mem_dat, MEM_PASSES);
		printf("BENCH: memdat_tod=%lu memdat_tod_max=%lu\n",
		       (unsigned long)sp.best, (unsigned long)sp.worst);
	}
	if (diag_ok) {
		sp = repeat(time_diag, DIAG_COUNT);
		printf("BENCH: diag_tod=%lu diag_count=%lu diag_tod_max=%lu\n",
		       (unsigned long)sp.best, DIAG_COUNT, (unsigned long)sp.worst);
	} else
		report_skip("DIAG X'44' round trips: not available here");
	printf("BENCH: priv_tod=%lu priv_count=%lu\n", (unsigned long)time_priv(PRIV_COUNT),
	       PRIV_COUNT);
	printf("BENCH: stck_tod=%lu stck_count=%lu\n", (unsigned long)time_stck(STCK_COUNT),
	       STCK_COUNT);
	if (!under_vm64()) {
		/* A machine with SIE: its floor is SIE's (the trap loop measured some 2 TOD units
		 * a trap on bare Hercules 3.13, which cannot be right; not understood). Without:
		 * the trap loop's. */
		if (guest_env.hercules) {
			sp = repeat(time_floor_sie, FLOOR_COUNT);
			if (sp.best)
				printf("BENCH: floor_sie_tod=%lu floor_sie_count=%lu "
				       "floor_sie_tod_max=%lu\n", (unsigned long)sp.best,
				       FLOOR_COUNT, (unsigned long)sp.worst);
			report(sp.best != 0, "SIE floor: every SIE ended in the DIAG's interception");
		} else {
			sp = repeat(time_floor_trap, FLOOR_COUNT);
			printf("BENCH: floor_trap_tod=%lu floor_trap_count=%lu floor_trap_tod_max=%lu\n",
			       (unsigned long)sp.best, FLOOR_COUNT, (unsigned long)sp.worst);
		}
	}
	report(true, "benchmarks ran");
	report_prefix_pop();
	return report_summary();
}
