/* Unit tests for the response-time histograms and percentiles (cp/mon/resp.c). */
#include <cp/resp.h>
#include "cunit_main.h"

/* Every time falls in the bucket whose edges hold it; edges rise; widths stay within 25%. */
static void test_buckets(void)
{
	CU_ASSERT_EQUAL(resp_bucket(0), 0);
	CU_ASSERT_EQUAL(resp_bucket(63), 0);
	CU_ASSERT_EQUAL(resp_bucket(64), 1);
	CU_ASSERT_EQUAL(resp_bucket(79), 1);
	CU_ASSERT_EQUAL(resp_bucket(80), 2);
	CU_ASSERT_EQUAL(resp_bucket(128), 5);
	CU_ASSERT_EQUAL(resp_bucket_low(5), 128);
	CU_ASSERT_EQUAL(resp_bucket(UINT64_MAX), RESP_BUCKETS - 1);
	CU_ASSERT_EQUAL(resp_bucket_high(RESP_BUCKETS - 1), UINT64_MAX);
	for (uint64_t us = 1; us < 5000000; us = us * 9 / 8 + 1) {
		unsigned b = resp_bucket(us);

		CU_ASSERT(resp_bucket_low(b) <= us);
		CU_ASSERT(us < resp_bucket_high(b));
	}
	for (unsigned b = 2; b < RESP_BUCKETS; b++) {
		uint64_t lo = resp_bucket_low(b), prev = resp_bucket_low(b - 1);

		CU_ASSERT(lo > prev);
		CU_ASSERT((lo - prev) * 4 <= prev);
		CU_ASSERT_EQUAL(resp_bucket(lo), b);
		CU_ASSERT_EQUAL(resp_bucket(lo - 1), b - 1);
	}
}

/* Nearest-rank percentiles, reported as the upper edge of the bucket. */
static void test_percentiles(void)
{
	struct resp_hist h;

	resp_hist_clear(&h);
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 50), 0);
	/* 90 fast (1 ms), 9 slower (10 ms), 1 slow (100 ms). */
	for (int i = 0; i < 90; i++)
		resp_hist_add(&h, 1000);
	for (int i = 0; i < 9; i++)
		resp_hist_add(&h, 10000);
	resp_hist_add(&h, 100000);
	CU_ASSERT_EQUAL(resp_hist_total(&h), 100);
	CU_ASSERT_EQUAL(h.count, 100);
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 50), resp_bucket_high(resp_bucket(1000)));
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 90), resp_bucket_high(resp_bucket(1000)));
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 91), resp_bucket_high(resp_bucket(10000)));
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 99), resp_bucket_high(resp_bucket(10000)));
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 100), resp_bucket_high(resp_bucket(100000)));
	/* Never below the true figure, at most a quarter above it. */
	CU_ASSERT(resp_hist_percentile(&h, 50) > 1000 && resp_hist_percentile(&h, 50) <= 1250);
	/* One sample: every percentile is its bucket. */
	resp_hist_clear(&h);
	resp_hist_add(&h, 3000);
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 1), 3072);
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 99), 3072);
	/* The overflow bucket reports its lower edge, not UINT64_MAX. */
	resp_hist_clear(&h);
	resp_hist_add(&h, 3600000000ull);
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 50), resp_bucket_low(RESP_BUCKETS - 1));
}

/* Counts saturate instead of wrapping; merging adds. */
static void test_saturation_and_merge(void)
{
	struct resp_hist a, b;

	resp_hist_clear(&a);
	resp_hist_clear(&b);
	for (unsigned i = 0; i < 70000; i++)
		resp_hist_add(&a, 500);
	CU_ASSERT_EQUAL(a.n[resp_bucket(500)], UINT16_MAX);
	resp_hist_add(&b, 500);
	resp_hist_add(&b, 20000);
	resp_hist_merge(&a, &b);
	CU_ASSERT_EQUAL(a.n[resp_bucket(500)], UINT16_MAX);
	CU_ASSERT_EQUAL(a.n[resp_bucket(20000)], 1);
	CU_ASSERT_EQUAL(a.count, 70002);
}

/* The last minute: six ten-second slots; older ones and non-trivial interactions drop out. */
static void test_last_minute(void)
{
	static struct resp_stats s;
	struct resp_hist h;
	uint64_t t0 = 3900000000ull * 1000000; /* some time in 2023, as microseconds */

	resp_stats_clear(&s);
	resp_stats_last_minute(&s, t0, &h);
	CU_ASSERT_EQUAL(resp_hist_total(&h), 0);
	resp_stats_record(&s, t0, 2000, true);
	resp_stats_record(&s, t0 + 1, 50000, false);	/* not trivial: counted, not in the window */
	resp_stats_record(&s, t0 + 20000000, 4000, true);
	CU_ASSERT_EQUAL(s.interactions, 3);
	CU_ASSERT_EQUAL(s.trivial, 2);
	CU_ASSERT_EQUAL(s.last_us, 4000);
	resp_stats_last_minute(&s, t0 + 30000000, &h);
	CU_ASSERT_EQUAL(resp_hist_total(&h), 2);
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 50), resp_bucket_high(resp_bucket(2000)));
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 99), resp_bucket_high(resp_bucket(4000)));
	/* 70 s on, the first is gone, the one 20 s later is not. */
	resp_stats_last_minute(&s, t0 + 70000000, &h);
	CU_ASSERT_EQUAL(resp_hist_total(&h), 1);
	/* A slot reused a minute later starts empty. */
	resp_stats_record(&s, t0 + 60000000, 8000, true);
	resp_stats_last_minute(&s, t0 + 60000000, &h);
	CU_ASSERT_EQUAL(resp_hist_total(&h), 2);
	CU_ASSERT_EQUAL(resp_hist_percentile(&h, 1), resp_bucket_high(resp_bucket(4000)));
	/* Two minutes of silence: nothing. */
	resp_stats_last_minute(&s, t0 + 200000000, &h);
	CU_ASSERT_EQUAL(resp_hist_total(&h), 0);
}

/* The load: CPU used over the span back to the oldest sample of the last minute. */
static void test_load(void)
{
	static struct resp_load l;
	uint64_t t0 = 3900000000ull * 1000000;

	CU_ASSERT_EQUAL(resp_load_percent(&l, t0, 0), 0);
	CU_ASSERT(resp_load_sample(&l, t0, 1000000));
	CU_ASSERT_FALSE(resp_load_sample(&l, t0 + 5, 1000000)); /* same slot */
	/* 10 s later, 2.5 s more CPU: 25%. */
	CU_ASSERT_EQUAL(resp_load_percent(&l, t0 + 10000000, 3500000), 25);
	for (unsigned i = 1; i <= 9; i++)
		CU_ASSERT(resp_load_sample(&l, t0 + i * 10000000ull, 1000000 + i * 5000000ull));
	/* The oldest sample kept is at most a minute old: 50% over the last 60 s. */
	CU_ASSERT_EQUAL(resp_load_percent(&l, t0 + 100000000, 1000000 + 50000000), 50);
	CU_ASSERT_EQUAL(resp_load_percent(&l, t0 + 100000000, 0), 0);	/* never below 0 */
	CU_ASSERT_EQUAL(resp_load_percent(&l, t0 + 100000000, UINT64_MAX / 2), 100);
}

UNIT_SUITE(resp, UNIT_CASE(test_buckets), UNIT_CASE(test_percentiles),
	   UNIT_CASE(test_saturation_and_merge), UNIT_CASE(test_last_minute), UNIT_CASE(test_load))
UNIT_MAIN(UNIT_REG(resp))
