/*
 * The dispatcher's policy: dispatch classes Q1-Q3 and the fair share of Q3 by SHARE (the
 * scheme is described in cp/include/cp/sched.h). cp/vm/dispatch.c keeps the ready list and
 * runs what this picks; nothing here touches a clock or the hardware.
 * Covered by tests/unit/test_sched.c and tests/unit/test_dispatch.c.
 */
#include <cp/sched.h>
#include <cp/vm.h>
#include <cp/vmm.h>

_Static_assert(SCHED_Q3_SLICE_US == DISPATCH_SLICE_US, "Q3's slice is the dispatcher's");

int sched_set_share(struct sched_entity *s, bool absolute, unsigned value)
{
	if (value < 1 || value > (absolute ? SCHED_ABSOLUTE_MAX : SCHED_RELATIVE_MAX))
		return -1;
	s->absolute = absolute;
	s->share = (uint16_t)value;
	return 0;
}

unsigned sched_share(const struct sched_entity *s)
{
	if (!s->share)
		return SCHED_RELATIVE_DEFAULT;
	return s->share;
}

/* a before b in virtual time, with wrap-around. */
static bool vbefore(uint64_t a, uint64_t b)
{
	return (int64_t)(a - b) < 0;
}

/*
 * The weights of the ready Q3 users: absolute ones n% each (scaled down together to
 * SCHED_ABSOLUTE_CAP), relative ones the rest in proportion to their values; with no
 * relative user the absolute ones split the whole CPU in proportion.
 */
static void weigh(struct vcpu *head)
{
	uint64_t abs_sum = 0, rel_sum = 0, abs_total, rest;

	for (struct vcpu *v = head; v; v = v->next_ready) {
		if (sched_queue(&v->sched) != SCHED_Q3)
			continue;
		if (v->sched.absolute)
			abs_sum += sched_share(&v->sched) * (SCHED_WEIGHT_ONE / 100);
		else
			rel_sum += sched_share(&v->sched);
	}
	abs_total = abs_sum > SCHED_ABSOLUTE_CAP ? SCHED_ABSOLUTE_CAP : abs_sum;
	if (!rel_sum)
		abs_total = SCHED_WEIGHT_ONE;
	rest = SCHED_WEIGHT_ONE - abs_total;
	for (struct vcpu *v = head; v; v = v->next_ready) {
		struct sched_entity *s = &v->sched;
		uint64_t w;

		if (sched_queue(s) != SCHED_Q3)
			continue;
		if (s->absolute)
			w = sched_share(s) * (SCHED_WEIGHT_ONE / 100) * abs_total / abs_sum;
		else
			w = rest * sched_share(s) / rel_sum;
		s->weight = w ? (uint32_t)w : 1;
	}
}

struct vcpu *sched_pick(struct sched_clock *c, struct vcpu *head)
{
	struct vcpu *q1 = 0, *q2 = 0, *q3 = 0;

	for (struct vcpu *v = head; v; v = v->next_ready) {
		unsigned q = sched_queue(&v->sched);

		if (q == SCHED_Q1 && !q1)
			q1 = v;
		else if (q == SCHED_Q2 && !q2)
			q2 = v;
		else if (q == SCHED_Q3 && (!q3 || vbefore(v->sched.vtime, q3->sched.vtime)))
			q3 = v;
	}
	if (q3) {
		weigh(head);
		if (vbefore(c->vclock, q3->sched.vtime))
			c->vclock = q3->sched.vtime;
	}
	return q1 ? q1 : q2 ? q2 : q3;
}

uint64_t sched_slice_us(const struct sched_entity *s)
{
	uint64_t left = tod_to_us(s->allowance);

	switch (sched_queue(s)) {
	case SCHED_Q1:
		left = left < SCHED_Q1_SLICE_US ? left : SCHED_Q1_SLICE_US;
		break;
	case SCHED_Q2:
		left = left < SCHED_Q2_SLICE_US ? left : SCHED_Q2_SLICE_US;
		break;
	default:
		return SCHED_Q3_SLICE_US;
	}
	return left ? left : 1;
}

void sched_wake(const struct sched_clock *c, struct sched_entity *s)
{
	if (sched_queue(s) == SCHED_Q3 && vbefore(s->vtime, c->vclock))
		s->vtime = c->vclock;
}

void sched_charge(struct sched_clock *c, struct sched_entity *s, uint64_t tod)
{
	switch (sched_queue(s)) {
	case SCHED_Q1:
	case SCHED_Q2:
		if (tod < s->allowance) {
			s->allowance -= tod;
			return;
		}
		if (s->queue == SCHED_Q1) {
			s->queue = SCHED_Q2;
			s->allowance = us_to_tod(SCHED_Q2_ALLOW_US);
			return;
		}
		s->queue = SCHED_Q3;
		s->allowance = 0;
		sched_wake(c, s); /* a newcomer to Q3: no credit for its time in Q1 and Q2 */
		return;
	default:
		s->vtime += tod * SCHED_WEIGHT_ONE / (s->weight ? s->weight : SCHED_WEIGHT_ONE);
		return;
	}
}
