/* Unit tests for TOD-clock units (arch/tod.h) and calendar conversion (cp/tod.c). */
#include <cp/tod.h>
#include <string.h>
#include <stdio.h>
#include <time.h>
#include "cunit_main.h"

/* Seconds from 1900-01-01 to the Unix epoch. */
#define UNIX_EPOCH_TOD_SECONDS 2208988800ULL

static void test_epoch(void)
{
	struct civil_time t;

	tod_to_civil(0, &t);
	CU_ASSERT_EQUAL(t.year, 1900);
	CU_ASSERT_EQUAL(t.month, 1);
	CU_ASSERT_EQUAL(t.day, 1);
	CU_ASSERT_EQUAL(t.weekday, 1); /* Monday */
	CU_ASSERT_STRING_EQUAL(weekday_name(t.weekday), "MONDAY");
}

static void test_known_dates(void)
{
	struct civil_time t;

	tod_to_civil(civil_to_tod(2026, 11, 23, 20, 45, 7) + 123456 * TOD_MICROSECOND, &t);
	CU_ASSERT_EQUAL(t.year, 2026);
	CU_ASSERT_EQUAL(t.month, 11);
	CU_ASSERT_EQUAL(t.day, 23);
	CU_ASSERT_EQUAL(t.hour, 20);
	CU_ASSERT_EQUAL(t.minute, 45);
	CU_ASSERT_EQUAL(t.second, 7);
	CU_ASSERT_EQUAL(t.microsecond, 123456);
	CU_ASSERT_STRING_EQUAL(weekday_name(t.weekday), "MONDAY");
	tod_to_civil(civil_to_tod(2000, 2, 29, 0, 0, 0), &t);
	CU_ASSERT(t.year == 2000 && t.month == 2 && t.day == 29);
	tod_to_civil(civil_to_tod(1900, 3, 1, 0, 0, 0), &t); /* 1900 is not a leap year */
	CU_ASSERT(t.month == 3 && t.day == 1);
	CU_ASSERT_EQUAL(civil_to_tod(1900, 3, 1, 0, 0, 0) / TOD_SECOND, 59 * 86400ULL);
}

/* Every week from 1900 to 2042 (where the TOD clock wraps) agrees with the host's gmtime. */
static void test_against_gmtime(void)
{
	for (int64_t secs = -(int64_t)UNIX_EPOCH_TOD_SECONDS + 86399; secs < 2272147200LL; /* the 64-bit TOD clock wraps in September 2042 */
	     secs += 86400 * 7 + 3607) {
		time_t tt = (time_t)secs;
		struct tm tm;
		struct civil_time t;

		gmtime_r(&tt, &tm);
		tod_to_civil((uint64_t)(secs + (int64_t)UNIX_EPOCH_TOD_SECONDS) * TOD_SECOND, &t);
		if (t.year != tm.tm_year + 1900 || t.month != tm.tm_mon + 1 || t.day != tm.tm_mday ||
		    t.hour != tm.tm_hour || t.minute != tm.tm_min || t.second != tm.tm_sec ||
		    t.weekday != tm.tm_wday) {
			fprintf(stderr, "secs %lld: %d-%d-%d %d:%d:%d wd%d vs %d-%d-%d %d:%d:%d wd%d\n", (long long)secs, t.year, t.month, t.day, t.hour, t.minute, t.second, t.weekday, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_wday);
			CU_FAIL("calendar differs from gmtime");
			return;
		}
		CU_ASSERT_EQUAL(civil_to_tod(t.year, t.month, t.day, t.hour, t.minute, t.second),
				(uint64_t)(secs + (int64_t)UNIX_EPOCH_TOD_SECONDS) * TOD_SECOND);
	}
}

/* TOD units <-> microseconds (arch/tod.h): bit 51 is one microsecond. */
static void test_units(void)
{
	CU_ASSERT_EQUAL(us_to_tod(1), 4096);
	CU_ASSERT_EQUAL(us_to_tod(1000000), TOD_SECOND);
	CU_ASSERT_EQUAL(us_to_tod(0), 0);
	CU_ASSERT_EQUAL(tod_to_us(TOD_SECOND), 1000000);
	CU_ASSERT_EQUAL(tod_to_us(4095), 0); /* rounded down */
	CU_ASSERT_EQUAL(tod_to_us(4096), 1);
	CU_ASSERT_EQUAL(tod_to_us(UINT64_MAX), UINT64_MAX >> 12);
	CU_ASSERT_EQUAL(tod_to_us(1ULL << (63 - 51)), 1); /* bit 51 */
	for (uint64_t us = 1; us < (1ULL << 50); us = us * 3 + 7)
		CU_ASSERT_EQUAL(tod_to_us(us_to_tod(us)), us);
}

UNIT_SUITE(tod, UNIT_CASE(test_units), UNIT_CASE(test_epoch), UNIT_CASE(test_known_dates), UNIT_CASE(test_against_gmtime))
UNIT_MAIN(UNIT_REG(tod))
