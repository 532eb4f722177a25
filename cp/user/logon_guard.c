/*
 * The logon guard (see cp/logon_guard.h): two small tables of recent failures, one keyed by
 * user ID and one by terminal, each entry with its consecutive failure count, the time of its
 * last failure and the time until which it refuses attempts. Everything is bounded; no
 * allocation, no C library.
 * Covered by tests/unit/test_logon_guard.c and tests/unit/test_logon.c.
 */
#include <stdbool.h>

#include <cp/logon_guard.h>
#include <lib/ctype.h>
#include <lib/string.h>

#define US_PER_S 1000000ull

struct guard_slot {
	bool used;
	char userid[GUARD_ID_LEN + 1];	/* user table: upper case */
	unsigned terminal;		/* terminal table: device number */
	unsigned failures;		/* consecutive failures */
	uint64_t last_fail_us;		/* time of the last failure */
	uint64_t refused_until_us;	/* attempts refused before this time */
};

struct guard_policy {
	unsigned threshold;
	unsigned first_delay_s;
};

static const struct guard_policy user_policy = { GUARD_USER_THRESHOLD, GUARD_USER_DELAY_S };
static const struct guard_policy term_policy = { GUARD_TERM_THRESHOLD, GUARD_TERM_DELAY_S };

static struct guard_slot user_slots[GUARD_USER_SLOTS];
static struct guard_slot term_slots[GUARD_TERM_SLOTS];

void guard_init(void)
{
	memset(user_slots, 0, sizeof(user_slots));
	memset(term_slots, 0, sizeof(term_slots));
}

/* The table key for @userid: upper case, at most GUARD_ID_LEN characters. */
static void user_key(const char *userid, char key[GUARD_ID_LEN + 1])
{
	size_t i = 0;

	if (userid)
		for (; i < GUARD_ID_LEN && userid[i]; i++)
			key[i] = (char)ktoupper((unsigned char)userid[i]);
	key[i] = 0;
}

/* True when @s has had no failure for GUARD_DECAY_S at @now_us (a clock going back: not). */
static bool decayed(const struct guard_slot *s, uint64_t now_us)
{
	return now_us > s->last_fail_us && now_us - s->last_fail_us >= GUARD_DECAY_S * US_PER_S;
}

/* Frees @s if it has decayed; returns whether it is still in use. */
static bool live(struct guard_slot *s, uint64_t now_us)
{
	if (s->used && decayed(s, now_us))
		memset(s, 0, sizeof(*s));
	return s->used;
}

static struct guard_slot *find_user(const char *key, uint64_t now_us)
{
	for (unsigned i = 0; i < GUARD_USER_SLOTS; i++)
		if (live(&user_slots[i], now_us) && !strcmp(user_slots[i].userid, key))
			return &user_slots[i];
	return NULL;
}

static struct guard_slot *find_term(unsigned terminal, uint64_t now_us)
{
	for (unsigned i = 0; i < GUARD_TERM_SLOTS; i++)
		if (live(&term_slots[i], now_us) && term_slots[i].terminal == terminal)
			return &term_slots[i];
	return NULL;
}

/*
 * A slot for a new entry: a free (or decayed) one, else the least recently failed one that
 * is not refusing attempts, else the least recently failed one. Preferring slots that do not
 * refuse keeps a flood of new user IDs from pushing out the entries that hold someone off.
 */
static struct guard_slot *take_slot(struct guard_slot *slots, unsigned n, uint64_t now_us)
{
	struct guard_slot *open = NULL, *any = NULL;

	for (unsigned i = 0; i < n; i++) {
		struct guard_slot *s = &slots[i];

		if (!live(s, now_us))
			return s;
		if (!any || s->last_fail_us < any->last_fail_us)
			any = s;
		if (s->refused_until_us <= now_us &&
		    (!open || s->last_fail_us < open->last_fail_us))
			open = s;
	}
	return open ? open : any;
}

/* Seconds until @s lets attempts through again, rounded up; 0 if it does now. */
static unsigned wait_s(const struct guard_slot *s, uint64_t now_us)
{
	if (!s || s->refused_until_us <= now_us)
		return 0;
	return (unsigned)((s->refused_until_us - now_us + US_PER_S - 1) / US_PER_S);
}

/* Counts a failure on @s and, past the policy's threshold, refuses attempts for a while. */
static void count_failure(struct guard_slot *s, const struct guard_policy *p, uint64_t now_us)
{
	uint64_t delay_s = p->first_delay_s;

	if (s->failures < ~0u)
		s->failures++;
	s->last_fail_us = now_us;
	if (s->failures < p->threshold)
		return;
	for (unsigned i = p->threshold; i < s->failures && delay_s < GUARD_MAX_DELAY_S; i++)
		delay_s *= 2;
	if (delay_s > GUARD_MAX_DELAY_S)
		delay_s = GUARD_MAX_DELAY_S;
	s->refused_until_us = now_us + delay_s * US_PER_S;
}

unsigned guard_check(const char *userid, unsigned terminal, uint64_t now_us)
{
	char key[GUARD_ID_LEN + 1];
	unsigned user_wait, term_wait;

	user_key(userid, key);
	user_wait = wait_s(find_user(key, now_us), now_us);
	term_wait = wait_s(find_term(terminal, now_us), now_us);
	return user_wait > term_wait ? user_wait : term_wait;
}

unsigned guard_failed(const char *userid, unsigned terminal, uint64_t now_us)
{
	char key[GUARD_ID_LEN + 1];
	struct guard_slot *u, *t;

	user_key(userid, key);
	u = find_user(key, now_us);
	if (!u) {
		u = take_slot(user_slots, GUARD_USER_SLOTS, now_us);
		memset(u, 0, sizeof(*u));
		u->used = true;
		strlcpy(u->userid, key, sizeof(u->userid));
	}
	count_failure(u, &user_policy, now_us);

	t = find_term(terminal, now_us);
	if (!t) {
		t = take_slot(term_slots, GUARD_TERM_SLOTS, now_us);
		memset(t, 0, sizeof(*t));
		t->used = true;
		t->terminal = terminal;
	}
	count_failure(t, &term_policy, now_us);
	return u->failures;
}

void guard_succeeded(const char *userid, unsigned terminal)
{
	char key[GUARD_ID_LEN + 1];

	user_key(userid, key);
	for (unsigned i = 0; i < GUARD_USER_SLOTS; i++)
		if (user_slots[i].used && !strcmp(user_slots[i].userid, key))
			memset(&user_slots[i], 0, sizeof(user_slots[i]));
	for (unsigned i = 0; i < GUARD_TERM_SLOTS; i++)
		if (term_slots[i].used && term_slots[i].terminal == terminal)
			memset(&term_slots[i], 0, sizeof(term_slots[i]));
}
