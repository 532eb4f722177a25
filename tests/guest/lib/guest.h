/*
 * The guest test runtime: what every tests/guest/NAME.c includes. A test is a main() that
 * reports and returns report_summary(); the runtime (head.S, setup.c) has already set up the
 * stack, the new PSWs, the SCLP console and the facts about the machine below.
 *
 * Output protocol (one SCLP line-mode message per line; see tests/guest/README.md):
 *	INFO: text                 facts, never counted
 *	PASS: prefix: text         one passed check
 *	FAIL: prefix: text         one failed check
 *	SKIP: prefix: text         a check that cannot run here (e.g. needs VM/64)
 *	BENCH: key=value ...       measurements (bench.c)
 *	SUMMARY: N tests, M unexpected failures[, K skipped]
 *	EXIT: STATUS=M
 * and then a disabled-wait PSW whose address is M, the number of failures (0 = all passed).
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/format.h>
#include <lib/string.h>

#include "instr.h"
#include "interrupt.h"

/* Storage from here up is left to the tests (the image ends below it: guest.lds). */
#define GUEST_SCRATCH 0x100000UL

/*
 * Disabled-wait address when the runtime itself cannot go on (a program check in the program-
 * check handler). Even, like every address the runtime waits with unless a test fails an odd
 * number of times: a wait PSW's address is never fetched from, so odd ones are valid, but a
 * hypervisor that wrongly refuses them should not turn a failure into a loop.
 */
#define GUEST_WAIT_BROKEN 0xdead0UL

/* What guest_start() found out about the machine before main(). */
struct guest_env {
	uint64_t storage_size; /* bytes, from SCLP Read SCP Info */
	unsigned sclp_cpus;    /* CPU entries in Read SCP Info */
	uint16_t cpu_addr;     /* STAP */
	bool vm64;	       /* running under VM/64 (DIAG X'00' or STSI 3.2.2 says so) */
	bool qemu;	       /* STSI 1.1.1 manufacturer is QEMU (TCG: no key protection) */
	bool hercules;	       /* STSI 1.1.1 manufacturer is HRC */
	bool console;	       /* the SCLP line-mode console accepted our event mask */
	char manufacturer[17]; /* STSI 1.1.1, ASCII, trailing blanks removed */
	char type[5];
};

extern struct guest_env guest_env;

/* The runtime's C entry (setup.c): called only from head.S; runs main() and exits. */
void guest_start(void);

static inline bool under_vm64(void)
{
	return guest_env.vm64;
}

/*
 * Whether the guest may turn its own DAT on. VM/64 on QEMU runs guests by trap-and-emulate,
 * which has no shadow tables: CP stops a guest that turns DAT on (VMCDSP455E; tests/guest/dat.c).
 */
static inline bool guest_dat_available(void)
{
	return !(guest_env.vm64 && guest_env.qemu);
}

/* Console output. printf buffers a line and sends it at '\n'. */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_write_line(const char *text, size_t len);

/* Reporting, kvm-unit-tests style. */
void report(bool pass, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void report_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void report_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void report_prefix_push(const char *prefix);
void report_prefix_pop(void);
unsigned report_failures(void);
/* Prints SUMMARY and returns the number of failures. */
int report_summary(void);
/* Reports a failure, prints the summary and exits: for conditions a test cannot go on after. */
void report_abort(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Prints "EXIT: STATUS=code" and stops in a disabled wait whose PSW address is code. */
void exit(int code) __attribute__((noreturn));
/* Stops in a disabled wait with the given address, printing nothing. */
void disabled_wait(uint64_t addr) __attribute__((noreturn));

/* TOD clock: bit 51 is one microsecond. */
#define TOD_PER_US 4096ULL
static inline uint64_t tod_us(uint64_t us)
{
	return us * TOD_PER_US;
}

/* A small pseudo-random generator (xorshift64*) for tests that want varied values. */
static inline uint64_t prng_next(uint64_t *state)
{
	uint64_t x = *state ? *state : 0x9e3779b97f4a7c15ULL;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* Fills len bytes with a pattern that seed picks (block tests: what was written where). */
static inline void pattern_fill(uint8_t *p, unsigned len, unsigned seed)
{
	for (unsigned i = 0; i < len; i++)
		p[i] = (uint8_t)(seed * 37 + i * 3 + 1);
}

/* Whether len bytes hold pattern_fill()'s pattern for seed. */
static inline bool pattern_check(const uint8_t *p, unsigned len, unsigned seed)
{
	for (unsigned i = 0; i < len; i++)
		if (p[i] != (uint8_t)(seed * 37 + i * 3 + 1))
			return false;
	return true;
}

int main(void);

#endif
