/*
 * The logon guard: throttles failed logons per user ID and per terminal, so that guessing
 * passwords from a terminal, or against one user ID from many terminals, gets slow.
 *
 * Policy:
 *  - User IDs: after GUARD_USER_THRESHOLD (3) consecutive failures for one user ID, further
 *    attempts for that ID are refused for GUARD_USER_DELAY_S (5) seconds; each further
 *    failure doubles the delay, up to GUARD_MAX_DELAY_S (300) seconds. User IDs compare
 *    case-insensitively; unknown user IDs are tracked exactly like known ones, so probing for
 *    user IDs is throttled too (only the first GUARD_ID_LEN characters count).
 *  - Terminals: after GUARD_TERM_THRESHOLD (5) consecutive failures from one terminal (a
 *    device number), whatever the user IDs, that terminal is refused for GUARD_TERM_DELAY_S
 *    (30) seconds, doubling with each further failure up to GUARD_MAX_DELAY_S.
 *  - Decay: a user ID or terminal with no failure for GUARD_DECAY_S (15 minutes) starts over.
 *  - A successful logon resets both its user ID and its terminal.
 *  - The tables are bounded (GUARD_USER_SLOTS, GUARD_TERM_SLOTS). A new entry takes a free or
 *    decayed slot, else the least recently failed slot that is not refusing attempts, else the
 *    least recently failed slot of all.
 *
 * Use: guard_check() before trying the password; if it returns 0, try it and report the result
 * with guard_failed() or guard_succeeded(). An attempt refused by guard_check() is not a
 * failure and does not lengthen the delay. Times are microseconds from any monotonic clock.
 * The tables have no lock: callers serialize their calls. Freestanding (no C library).
 * Covered by tests/unit/test_logon_guard.c.
 */
#ifndef CP_LOGON_GUARD_H
#define CP_LOGON_GUARD_H

#include <stdint.h>

#define GUARD_USER_SLOTS	64
#define GUARD_TERM_SLOTS	64
#define GUARD_ID_LEN		8	/* user ID characters kept */
#define GUARD_USER_THRESHOLD	3	/* failures before a user ID is refused */
#define GUARD_USER_DELAY_S	5	/* first refusal for a user ID, seconds */
#define GUARD_TERM_THRESHOLD	5	/* failures before a terminal is refused */
#define GUARD_TERM_DELAY_S	30	/* first refusal for a terminal, seconds */
#define GUARD_MAX_DELAY_S	300	/* longest refusal, seconds */
#define GUARD_DECAY_S		(15 * 60) /* failure-free time after which counts start over */

/**
 * guard_init() - forget every failure
 */
void guard_init(void);

/**
 * guard_check() - whether a logon attempt may proceed now
 * @userid: the user ID being logged on (any case; NULL counts as "")
 * @terminal: the terminal's device number
 * @now_us: the current time, microseconds
 *
 * Return: 0 if the attempt may proceed, else the whole seconds (at least 1) until it may, the
 * longer of the user ID's and the terminal's refusals.
 */
unsigned guard_check(const char *userid, unsigned terminal, uint64_t now_us);

/**
 * guard_failed() - record a failed logon (wrong password or unknown user ID)
 * @userid: the user ID tried (any case; NULL counts as "")
 * @terminal: the terminal's device number
 * @now_us: the current time, microseconds
 *
 * Return: the user ID's consecutive failure count, this one included.
 */
unsigned guard_failed(const char *userid, unsigned terminal, uint64_t now_us);

/**
 * guard_succeeded() - record a successful logon: the user ID and the terminal start over
 * @userid: the user ID logged on (any case)
 * @terminal: the terminal's device number
 */
void guard_succeeded(const char *userid, unsigned terminal);

#endif /* CP_LOGON_GUARD_H */
