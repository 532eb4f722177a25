/*
 * Calendar arithmetic on TOD-clock values (see cp/tod.h). Days are counted from
 * 1900-01-01, which was a Monday; the civil-from-days step uses the proleptic Gregorian
 * calendar with 400-year eras.
 * Covered by tests/unit/test_tod.c.
 */
#include <cp/tod.h>

static const char *const weekday_names[7] = {
	"SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
};

const char *weekday_name(int weekday)
{
	return (weekday >= 0 && weekday < 7) ? weekday_names[weekday] : "?";
}

/* Days from 1900-01-01 to 2000-03-01, the start of the 400-year era used below. */
#define DAYS_1900_TO_2000_03_01 36584

static void civil_from_days(int64_t days_since_1900, int *y, int *m, int *d)
{
	int64_t z = days_since_1900 - DAYS_1900_TO_2000_03_01;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;                                   /* [0, 146096] */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            /* [0, 365] */
	int64_t mp = (5 * doy + 2) / 153;                                 /* [0, 11] */

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(2000 + yoe + era * 400 + (*m <= 2));
}

static int64_t days_from_civil(int y, int m, int d)
{
	int64_t yy = y - 2000 - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe + DAYS_1900_TO_2000_03_01;
}

void tod_to_civil(uint64_t tod, struct civil_time *out)
{
	uint64_t us = tod_to_us(tod);
	uint64_t secs = us / 1000000;
	int64_t days = (int64_t)(secs / 86400);
	uint64_t rem = secs % 86400;

	out->microsecond = (uint32_t)(us % 1000000);
	out->hour = (int)(rem / 3600);
	out->minute = (int)(rem / 60 % 60);
	out->second = (int)(rem % 60);
	out->weekday = (int)((days + 1) % 7); /* 1900-01-01 was a Monday */
	civil_from_days(days, &out->year, &out->month, &out->day);
}

uint64_t civil_to_tod(int year, int month, int day, int hour, int minute, int second)
{
	int64_t days = days_from_civil(year, month, day);
	uint64_t secs = (uint64_t)days * 86400 + (uint64_t)(hour * 3600 + minute * 60 + second);

	return secs * TOD_SECOND;
}
