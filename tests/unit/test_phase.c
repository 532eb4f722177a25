/* Unit tests for the interaction and main-loop phase figures (cp/mon/phase.c). */
#include <arch/tod.h>
#include <cp/phase.h>
#include "cunit_main.h"

static const uint64_t T0 = 3900000000ull * 1000000 * TOD_MICROSECOND; /* a TOD in 2023 */

static uint64_t at(uint64_t us)
{
	return T0 + us * TOD_MICROSECOND;
}

/* A guest interaction: every step is recorded as the difference of its stamps. */
static void test_guest_interaction(void)
{
	struct phase_stamps st = {
		.attn = at(0), .attn_taken = at(100), .read_start = at(150), .read_end = at(1150),
		.dispatch = at(1400), .guest_wait = at(3400), .write_start = at(3500),
		.write_end = at(5500), .end = at(5600), .guest_cpu = 1500 * TOD_MICROSECOND,
		.guest_virt = 900 * TOD_MICROSECOND,
	};

	phase_reset_all();
	phase_interaction(&st);
	CU_ASSERT_EQUAL(phase_stats[PHASE_ATTN].sum_us, 100);
	CU_ASSERT_EQUAL(phase_stats[PHASE_READ_START].sum_us, 50);
	CU_ASSERT_EQUAL(phase_stats[PHASE_READ].sum_us, 1000);
	CU_ASSERT_EQUAL(phase_stats[PHASE_TO_GUEST].sum_us, 250);
	CU_ASSERT_EQUAL(phase_stats[PHASE_GUEST].sum_us, 2000);
	CU_ASSERT_EQUAL(phase_stats[PHASE_TO_WRITE].sum_us, 100);
	CU_ASSERT_EQUAL(phase_stats[PHASE_WRITE].sum_us, 2000);
	CU_ASSERT_EQUAL(phase_stats[PHASE_END].sum_us, 100);
	CU_ASSERT_EQUAL(phase_stats[PHASE_TOTAL].sum_us, 5600);
	CU_ASSERT_EQUAL(phase_stats[PHASE_GUEST_CPU].sum_us, 1500);
	CU_ASSERT_EQUAL(phase_stats[PHASE_GUEST_VIRT].sum_us, 900);
	/* The steps add up to the total. */
	uint64_t sum = 0;

	for (unsigned p = PHASE_ATTN; p < PHASE_TOTAL; p++) {
		CU_ASSERT_EQUAL(phase_stats[p].n, 1);
		sum += phase_stats[p].sum_us;
	}
	CU_ASSERT_EQUAL(sum, phase_stats[PHASE_TOTAL].sum_us);
	CU_ASSERT_EQUAL(phase_stats[PHASE_POLL].n, 0);
}

/* A CP command (no guest ran) or stale guest stamps: no guest steps, the rest counted. */
static void test_no_guest(void)
{
	struct phase_stamps st = {
		.attn = at(0), .attn_taken = at(10), .read_start = at(20), .read_end = at(1020),
		.write_start = at(1100), .write_end = at(2100), .end = at(2110),
	};

	phase_reset_all();
	phase_interaction(&st);
	CU_ASSERT_EQUAL(phase_stats[PHASE_GUEST].n, 0);
	CU_ASSERT_EQUAL(phase_stats[PHASE_TO_GUEST].n, 0);
	CU_ASSERT_EQUAL(phase_stats[PHASE_TO_WRITE].n, 0);
	CU_ASSERT_EQUAL(phase_stats[PHASE_GUEST_CPU].n, 0);
	CU_ASSERT_EQUAL(phase_stats[PHASE_WRITE].sum_us, 1000);
	CU_ASSERT_EQUAL(phase_stats[PHASE_TOTAL].sum_us, 2110);
	/* A dispatch stamp from before this key's read is an earlier interaction's. */
	st.dispatch = at(5);
	st.guest_wait = at(1050);
	phase_interaction(&st);
	CU_ASSERT_EQUAL(phase_stats[PHASE_GUEST].n, 0);
	CU_ASSERT_EQUAL(phase_stats[PHASE_TOTAL].n, 2);
	/* Without an end nothing is recorded. */
	st.end = 0;
	phase_interaction(&st);
	CU_ASSERT_EQUAL(phase_stats[PHASE_TOTAL].n, 2);
}

/* Count, mean, maximum and the last minute's percentiles; reset clears them. */
static void test_record(void)
{
	uint64_t now = tod_to_us(T0);
	struct resp_hist h;

	phase_reset_all();
	for (unsigned i = 0; i < 19; i++)
		phase_record(PHASE_POLL, now, 100);
	phase_record(PHASE_POLL, now, 20000);
	phase_record(PHASE_COUNT, now, 1); /* ignored */
	CU_ASSERT_EQUAL(phase_stats[PHASE_POLL].n, 20);
	CU_ASSERT_EQUAL(phase_stats[PHASE_POLL].sum_us, 19 * 100 + 20000);
	CU_ASSERT_EQUAL(phase_stats[PHASE_POLL].max_us, 20000);
	resp_stats_last_minute(&phase_stats[PHASE_POLL].win, now, &h);
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 50), resp_bucket_high(resp_bucket(100)));
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 95), resp_bucket_high(resp_bucket(100)));
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 100), resp_bucket_high(resp_bucket(20000)));
	/* Two minutes later the window is empty; the totals stay. */
	resp_stats_last_minute(&phase_stats[PHASE_POLL].win, now + 120000000, &h);
	CU_ASSERT_EQUAL(resp_hist_total(&h), 0);
	CU_ASSERT_EQUAL(phase_stats[PHASE_POLL].n, 20);
	phase_reset_all();
	CU_ASSERT_EQUAL(phase_stats[PHASE_POLL].n, 0);
	CU_ASSERT_EQUAL(phase_stats[PHASE_POLL].max_us, 0);
}

UNIT_SUITE(phase, UNIT_CASE(test_guest_interaction), UNIT_CASE(test_no_guest),
	   UNIT_CASE(test_record))
UNIT_MAIN(UNIT_REG(phase))
