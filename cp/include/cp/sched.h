/*
 * The dispatcher's policy (cp/vm/sched.c): which ready virtual CPU runs next and for how
 * long, z/VM's dispatch classes adapted.
 *
 * - A user who just had a terminal interaction (Enter, PA1) enters Q1: it runs before any
 *   Q2 or Q3 user, in short slices, until it has used SCHED_Q1_ALLOW_US of CPU (TTIME).
 * - Then it drops to Q2 (ahead of Q3, longer slices) for SCHED_Q2_ALLOW_US more, then to
 *   Q3, where the long-running users are: lowest priority, the longest slices, and the CPU
 *   split by SHARE. Its next interaction brings it back to Q1.
 * - Q0 (z/VM's quick-dispatch users and lock holders) is not used: VM/64 has neither.
 * - Q3 is a weighted fair share (stride scheduling): each user has a virtual time, the CPU
 *   it was charged divided by its weight, and the Q3 user with the smallest virtual time
 *   runs next, so over time the users' CPU is in the ratio of their weights. A user that
 *   comes back from a wait starts at the smallest virtual time of the others (no credit for
 *   the time it slept). Weights come from SHARE: ABSOLUTE n% users get n% (their sum capped
 *   at 99%), RELATIVE users split the rest by their values. Only users ready in Q3 at the
 *   moment count, so the policy is work-conserving: an absent user's share goes to the
 *   others.
 * Everything here is arithmetic on the vcpus' fields; it reads no clock.
 * Covered by tests/unit/test_sched.c and tests/unit/test_dispatch.c.
 */
#ifndef CP_SCHED_H
#define CP_SCHED_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/tod.h>

struct vcpu;

#define SCHED_Q1 1
#define SCHED_Q2 2
#define SCHED_Q3 3

#define SCHED_Q1_SLICE_US 2000
#define SCHED_Q1_ALLOW_US 10000 /* the trivial-interaction figure of cp/resp.h */
#define SCHED_Q2_SLICE_US 5000
#define SCHED_Q2_ALLOW_US 50000
#define SCHED_Q3_SLICE_US 10000

#define SCHED_RELATIVE_DEFAULT 100
#define SCHED_RELATIVE_MAX     10000
#define SCHED_ABSOLUTE_MAX     100  /* percent */
#define SCHED_WEIGHT_ONE       10000 /* the whole CPU, in basis points */
#define SCHED_ABSOLUTE_CAP     9900  /* absolute shares together, at most 99% */

struct sched_entity {
	uint8_t queue;      /* SCHED_Q1..SCHED_Q3; 0, a new machine's, counts as Q3 */
	bool absolute;      /* SHARE ABSOLUTE share% (else RELATIVE share) */
	uint16_t share;     /* 0: RELATIVE SCHED_RELATIVE_DEFAULT */
	uint64_t allowance; /* TOD units of CPU left in Q1 or Q2 */
	uint64_t vtime;     /* CPU charged times SCHED_WEIGHT_ONE / weight (wraps) */
	uint32_t weight;    /* basis points, as of the last pick that weighed it */
};

/* The dispatcher's global figure: the smallest virtual time among ready Q3 users. */
struct sched_clock {
	uint64_t vclock;
};

static inline unsigned sched_queue(const struct sched_entity *s)
{
	return s->queue ? s->queue : SCHED_Q3;
}

/* A terminal interaction: to Q1 with a fresh allowance. */
static inline void sched_interaction(struct sched_entity *s)
{
	s->queue = SCHED_Q1;
	s->allowance = us_to_tod(SCHED_Q1_ALLOW_US);
}

/* SET SHARE: 0, or -1 for a value out of range (RELATIVE 1-10000, ABSOLUTE 1-100). */
int sched_set_share(struct sched_entity *s, bool absolute, unsigned value);
/* The share as SET SHARE gave it (RELATIVE 100 by default). */
unsigned sched_share(const struct sched_entity *s);

/*
 * Picks the vcpu to run from the ready list starting at head (linked by next_ready): the
 * first in Q1, else the first in Q2, else the Q3 user with the smallest virtual time (the
 * first of equals). Sets every Q3 user's weight and advances c->vclock. NULL for none.
 */
struct vcpu *sched_pick(struct sched_clock *c, struct vcpu *head);
/* The slice for s, microseconds: its queue's slice, no more than what is left in Q1/Q2. */
uint64_t sched_slice_us(const struct sched_entity *s);
/* s was charged tod units of CPU: its virtual time, allowance and queue follow. */
void sched_charge(struct sched_clock *c, struct sched_entity *s, uint64_t tod);
/* s joins the ready list after a wait (or at IPL): no credit for the time it was away. */
void sched_wake(const struct sched_clock *c, struct sched_entity *s);

#endif /* CP_SCHED_H */
