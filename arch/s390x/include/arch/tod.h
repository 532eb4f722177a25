/*
 * The units of the TOD clock, the clock comparator and the CPU timer: bit 51 is one
 * microsecond, so one microsecond is 4096 (2^12) units (PoP SA22-7832, "TOD Clock").
 * Every conversion between those units and microseconds goes through these two functions;
 * CP, CMS and the engines include this header (calendar time is cp/tod.h).
 * Test: tests/unit/test_tod.c.
 */
#ifndef ARCH_TOD_H
#define ARCH_TOD_H

#include <stdint.h>

#define TOD_MICROSECOND 4096ULL
#define TOD_SECOND      (1000000ULL * TOD_MICROSECOND)

/* Microseconds in a TOD-unit value, rounded down. */
static inline uint64_t tod_to_us(uint64_t tod)
{
	return tod >> 12;
}

/* A microsecond count in TOD units (the caller keeps it below 2^52 microseconds). */
static inline uint64_t us_to_tod(uint64_t us)
{
	return us << 12;
}

#endif /* ARCH_TOD_H */
