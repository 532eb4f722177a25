/*
 * TOD-clock values as calendar time. The TOD clock counts 2^-12 microseconds (bit 51 is
 * one microsecond) from 1900-01-01 00:00:00 UTC (PoP SA22-7832, "TOD Clock").
 * Covered by tests/unit/test_tod.c.
 */
#ifndef CP_TOD_H
#define CP_TOD_H

#include <stdint.h>
#include <arch/tod.h> /* TOD_MICROSECOND, TOD_SECOND, tod_to_us(), us_to_tod() */

struct civil_time {
	int year, month, day;       /* month 1-12, day 1-31 */
	int hour, minute, second;
	int weekday;                /* 0 = Sunday */
	uint32_t microsecond;
};

void tod_to_civil(uint64_t tod, struct civil_time *out);
/* The TOD value of a UTC calendar time (for tests and for setting clocks). */
uint64_t civil_to_tod(int year, int month, int day, int hour, int minute, int second);
const char *weekday_name(int weekday); /* "MONDAY" ... */

#endif
