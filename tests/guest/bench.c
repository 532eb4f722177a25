/*
 * Micro-benchmarks for "make bench", which runs this guest bare and under VM/64 and compares:
 * a CPU-bound loop of simple instructions (should cost the same under CP), DIAG X'44' round
 * trips (one interception each under CP), and STAP, a privileged instruction CP simulates or
 * SIE interprets. Times are TOD-clock units (4096 per microsecond), measured with STCK. Every
 * key is unique across the lines (tests/bench/bench.py merges them into one dictionary):
 *
 *	BENCH: loop_tod=T count=N insns_per_iter=4    N iterations of a 4-instruction loop
 *	BENCH: diag_tod=T diag_count=N                N DIAG X'44'
 *	BENCH: priv_tod=T priv_count=N                N STAP
 *	BENCH: stck_tod=T stck_count=N                N STCK (never intercepted: the floor)
 */
#include "diag.h"
#include "guest.h"

#define LOOP_COUNT 20000000UL
#define DIAG_COUNT 20000UL
#define PRIV_COUNT 20000UL
#define STCK_COUNT 200000UL

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

int main(void)
{
	bool diag_ok;

	report_prefix_push("bench");
	expect_pgm_int();
	diag44();
	diag_ok = pgm_int_code() == 0;

	time_loop(LOOP_COUNT / 100); /* warm up */
	printf("BENCH: loop_tod=%lu count=%lu insns_per_iter=4\n",
	       (unsigned long)time_loop(LOOP_COUNT), LOOP_COUNT);
	if (diag_ok)
		printf("BENCH: diag_tod=%lu diag_count=%lu\n", (unsigned long)time_diag(DIAG_COUNT),
		       DIAG_COUNT);
	else
		report_skip("DIAG X'44' round trips: not available here");
	printf("BENCH: priv_tod=%lu priv_count=%lu\n", (unsigned long)time_priv(PRIV_COUNT),
	       PRIV_COUNT);
	printf("BENCH: stck_tod=%lu stck_count=%lu\n", (unsigned long)time_stck(STCK_COUNT),
	       STCK_COUNT);
	report(true, "benchmarks ran");
	report_prefix_pop();
	return report_summary();
}
