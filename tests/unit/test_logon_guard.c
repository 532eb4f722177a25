/*
 * Unit tests for the logon guard (cp/user/logon_guard.c): the user ID and terminal thresholds, the
 * doubling delays and their cap, reset on success, decay after 15 quiet minutes, bounded tables
 * reused least-recently-failed first, and case-insensitive user IDs.
 */
#include "cunit_main.h"

#include <stdio.h>

#include <cp/logon_guard.h>

#define S 1000000ull	/* one second in microseconds */
#define T0 (1000 * S)	/* an arbitrary start time */

/* Fails @n times for @userid on @term at @now (which does not advance). */
static unsigned fail_n(const char *userid, unsigned term, uint64_t now, unsigned n)
{
	unsigned count = 0;

	for (unsigned i = 0; i < n; i++)
		count = guard_failed(userid, term, now);
	return count;
}

static void test_user_threshold(void)
{
	guard_init();
	CU_ASSERT_EQUAL(guard_check("USER01", 0x20, T0), 0);
	CU_ASSERT_EQUAL(guard_failed("USER01", 0x20, T0), 1);
	CU_ASSERT_EQUAL(guard_check("USER01", 0x20, T0), 0);
	CU_ASSERT_EQUAL(guard_failed("USER01", 0x21, T0), 2);
	CU_ASSERT_EQUAL(guard_check("USER01", 0x20, T0), 0);
	CU_ASSERT_EQUAL(guard_failed("USER01", 0x22, T0), 3);
	/* Third failure: 5 s for the user ID, from any terminal; other users unaffected. */
	CU_ASSERT_EQUAL(guard_check("USER01", 0x20, T0), 5);
	CU_ASSERT_EQUAL(guard_check("USER01", 0x99, T0), 5);
	CU_ASSERT_EQUAL(guard_check("USER02", 0x20, T0), 0);
	/* Whole seconds, rounded up, and never 0 while refused. */
	CU_ASSERT_EQUAL(guard_check("USER01", 0x20, T0 + 1), 5);
	CU_ASSERT_EQUAL(guard_check("USER01", 0x20, T0 + S), 4);
	CU_ASSERT_EQUAL(guard_check("USER01", 0x20, T0 + 5 * S - 1), 1);
	CU_ASSERT_EQUAL(guard_check("USER01", 0x20, T0 + 5 * S), 0);
}

static void test_user_doubling_and_cap(void)
{
	static const unsigned want[] = { 5, 10, 20, 40, 80, 160, 300, 300, 300 };
	uint64_t now = T0;

	guard_init();
	fail_n("MAINT", 0x20, now, 2);
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		/* A fresh terminal each time, so only the user ID's delay shows. */
		CU_ASSERT_EQUAL(guard_failed("MAINT", 0x100 + i, now), 3 + i);
		CU_ASSERT_EQUAL(guard_check("MAINT", 0x200, now), want[i]);
		now += (uint64_t)want[i] * S;
		CU_ASSERT_EQUAL(guard_check("MAINT", 0x200, now), 0);
	}
}

static void test_terminal_threshold(void)
{
	static const unsigned want[] = { 30, 60, 120, 240, 300, 300 };
	char id[9];
	uint64_t now = T0;

	guard_init();
	/* Four failures with different user IDs: the terminal is still open. */
	for (unsigned i = 0; i < 4; i++) {
		snprintf(id, sizeof(id), "PROBE%u", i);
		CU_ASSERT_EQUAL(guard_failed(id, 0x40, now), 1);
		CU_ASSERT_EQUAL(guard_check("OTHER", 0x40, now), 0);
	}
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		snprintf(id, sizeof(id), "NEXT%u", i);
		guard_failed(id, 0x40, now);
		CU_ASSERT_EQUAL(guard_check("OTHER", 0x40, now), want[i]);
		CU_ASSERT_EQUAL(guard_check("OTHER", 0x41, now), 0); /* other terminals open */
		now += (uint64_t)want[i] * S;
		CU_ASSERT_EQUAL(guard_check("OTHER", 0x40, now), 0);
	}
}

static void test_longer_refusal_wins(void)
{
	guard_init();
	fail_n("USER05", 0x50, T0, 5); /* user: 20 s; terminal: 30 s */
	CU_ASSERT_EQUAL(guard_check("USER05", 0x50, T0), 30);
	CU_ASSERT_EQUAL(guard_check("USER05", 0x51, T0), 20);
	CU_ASSERT_EQUAL(guard_check("USER06", 0x50, T0), 30);
}

static void test_success_resets(void)
{
	guard_init();
	fail_n("USER07", 0x60, T0, 4);
	CU_ASSERT_EQUAL(guard_check("USER07", 0x60, T0), 10);
	guard_succeeded("user07", 0x60);
	CU_ASSERT_EQUAL(guard_check("USER07", 0x60, T0), 0);
	/* Counting starts over for both the user ID and the terminal. */
	CU_ASSERT_EQUAL(guard_failed("USER07", 0x60, T0), 1);
	CU_ASSERT_EQUAL(fail_n("USER07", 0x60, T0, 2), 3);
	CU_ASSERT_EQUAL(guard_check("USER07", 0x60, T0), 5);
	/* A success elsewhere leaves other entries alone. */
	guard_succeeded("USER08", 0x61);
	CU_ASSERT_EQUAL(guard_check("USER07", 0x60, T0), 5);
}

static void test_decay(void)
{
	guard_init();
	fail_n("USER09", 0x70, T0, 2);
	/* Just under 15 minutes: the count is kept, the third failure refuses. */
	CU_ASSERT_EQUAL(guard_failed("USER09", 0x70, T0 + GUARD_DECAY_S * S - 1), 3);
	CU_ASSERT_EQUAL(guard_check("USER09", 0x71, T0 + GUARD_DECAY_S * S - 1), 5);

	guard_init();
	fail_n("USER09", 0x70, T0, 4);
	/* 15 quiet minutes: both the user ID and the terminal start over. */
	CU_ASSERT_EQUAL(guard_failed("USER09", 0x70, T0 + GUARD_DECAY_S * S), 1);
	CU_ASSERT_EQUAL(guard_check("USER09", 0x70, T0 + GUARD_DECAY_S * S), 0);
	CU_ASSERT_EQUAL(fail_n("USER09", 0x70, T0 + GUARD_DECAY_S * S, 2), 3);
	CU_ASSERT_EQUAL(guard_check("USER09", 0x71, T0 + GUARD_DECAY_S * S), 5);
	CU_ASSERT_EQUAL(guard_check("NOBODY", 0x70, T0 + GUARD_DECAY_S * S), 0);
}

static void test_case_insensitive(void)
{
	guard_init();
	guard_failed("user10", 0x80, T0);
	guard_failed("User10", 0x81, T0);
	CU_ASSERT_EQUAL(guard_failed("USER10", 0x82, T0), 3);
	CU_ASSERT_EQUAL(guard_check("uSeR10", 0x83, T0), 5);
	/* Unknown and odd user IDs are tracked the same way; NULL counts as "". */
	CU_ASSERT_EQUAL(fail_n("NO-SUCH", 0x84, T0, 3), 3);
	CU_ASSERT_EQUAL(guard_check("no-such", 0x85, T0), 5);
	CU_ASSERT_EQUAL(fail_n(NULL, 0x86, T0, 2), 2);
	CU_ASSERT_EQUAL(guard_failed("", 0x87, T0), 3);
	/* Only the first GUARD_ID_LEN characters count. */
	CU_ASSERT_EQUAL(guard_failed("ABCDEFGHX", 0x88, T0), 1);
	CU_ASSERT_EQUAL(guard_failed("abcdefghy", 0x89, T0), 2);
}

static void test_table_reuse(void)
{
	char id[16];
	uint64_t now = T0;

	guard_init();
	/* TARGET is refused; then a flood of new user IDs fills the table many times over. */
	fail_n("TARGET", 0x90, now, 3);
	CU_ASSERT_EQUAL(guard_check("TARGET", 0x91, now), 5);
	fail_n("OLDEST", 0x92, now, 2);
	for (unsigned i = 0; i < 3 * GUARD_USER_SLOTS; i++) {
		snprintf(id, sizeof(id), "F%u", i);
		now += 1000;
		guard_failed(id, 0x1000 + i, now); /* many terminals, so none is refused */
	}
	/* The refused entry survived; unrefused older entries were reused. */
	CU_ASSERT_EQUAL(guard_check("TARGET", 0x91, now), 5);
	CU_ASSERT_EQUAL(guard_failed("OLDEST", 0x93, now), 1);
	/* The newest entries are still there. */
	snprintf(id, sizeof(id), "F%u", 3 * GUARD_USER_SLOTS - 1);
	CU_ASSERT_EQUAL(guard_failed(id, 0x94, now), 2);

	/* With every slot refusing, the least recently failed one goes. */
	guard_init();
	now = T0;
	for (unsigned i = 0; i < GUARD_USER_SLOTS; i++) {
		snprintf(id, sizeof(id), "L%u", i);
		now += 1000;
		fail_n(id, 0x2000 + 3 * i, now, 1);
		fail_n(id, 0x2001 + 3 * i, now, 1);
		fail_n(id, 0x2002 + 3 * i, now, 1);
	}
	CU_ASSERT_EQUAL(guard_check("L0", 0x9999, now), 5);
	guard_failed("NEWCOMER", 0x9998, now);
	CU_ASSERT_EQUAL(guard_check("L0", 0x9999, now), 0);
	CU_ASSERT_EQUAL(guard_check("L1", 0x9999, now), 5);
	CU_ASSERT_EQUAL(guard_failed("NEWCOMER", 0x9997, now), 2);

	/* The terminal table is bounded the same way. */
	guard_init();
	now = T0;
	fail_n("T", 0x10, now, 5);
	CU_ASSERT_EQUAL(guard_check("X", 0x10, now), 30);
	for (unsigned i = 0; i < 2 * GUARD_TERM_SLOTS; i++) {
		now += 1000;
		guard_failed("T2", 0x3000 + i, now);
		guard_succeeded("T2", 0x9000); /* keeps the user ID open */
	}
	CU_ASSERT_EQUAL(guard_check("X", 0x10, now), 30);
}

UNIT_SUITE(logon_guard, UNIT_CASE(test_user_threshold), UNIT_CASE(test_user_doubling_and_cap),
	   UNIT_CASE(test_terminal_threshold), UNIT_CASE(test_longer_refusal_wins),
	   UNIT_CASE(test_success_resets), UNIT_CASE(test_decay), UNIT_CASE(test_case_insensitive),
	   UNIT_CASE(test_table_reuse))
UNIT_MAIN(UNIT_REG(logon_guard))
