/*
 * Unit tests for the dispatcher's policy (cp/vm/sched.c): a user after a terminal
 * interaction runs before loopers and drops Q1 -> Q2 -> Q3 as it uses its allowances;
 * SHARE weights (relative, absolute, capped); Q3 users' CPU over a simulated minute in the
 * ratio of their shares; a user back from a wait gets no credit for the time it slept.
 */
#include <string.h>
#include <cp/sched.h>
#include <cp/vm.h>
#include "cunit_main.h"

#define N 8
static struct vcpu v[N];
static struct sched_clock clk;

/* Links v[0..n-1] into a ready list in that order. */
static struct vcpu *list(unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		v[i].next_ready = i + 1 < n ? &v[i + 1] : NULL;
	return n ? &v[0] : NULL;
}

static void setup(void)
{
	memset(v, 0, sizeof(v));
	memset(&clk, 0, sizeof(clk));
}

static void test_interactive_before_looper(void)
{
	setup();
	/* v[0], v[1] loop in Q3; v[2] just had an interaction. */
	sched_interaction(&v[2].sched);
	CU_ASSERT_EQUAL(sched_queue(&v[0].sched), SCHED_Q3);
	CU_ASSERT_PTR_EQUAL(sched_pick(&clk, list(3)), &v[2]);
	CU_ASSERT_EQUAL(sched_slice_us(&v[2].sched), SCHED_Q1_SLICE_US);
	CU_ASSERT_EQUAL(sched_slice_us(&v[0].sched), SCHED_Q3_SLICE_US);
	/* It used its Q1 allowance: Q2, still ahead of the loopers. */
	sched_charge(&clk, &v[2].sched, us_to_tod(SCHED_Q1_ALLOW_US - 1));
	CU_ASSERT_EQUAL(sched_queue(&v[2].sched), SCHED_Q1);
	CU_ASSERT_EQUAL(sched_slice_us(&v[2].sched), 1);
	sched_charge(&clk, &v[2].sched, us_to_tod(1));
	CU_ASSERT_EQUAL(sched_queue(&v[2].sched), SCHED_Q2);
	CU_ASSERT_PTR_EQUAL(sched_pick(&clk, list(3)), &v[2]);
	CU_ASSERT_EQUAL(sched_slice_us(&v[2].sched), SCHED_Q2_SLICE_US);
	/* Its Q2 allowance gone too: Q3, where the looper with the least CPU goes first. */
	sched_charge(&clk, &v[2].sched, us_to_tod(SCHED_Q2_ALLOW_US));
	CU_ASSERT_EQUAL(sched_queue(&v[2].sched), SCHED_Q3);
	sched_charge(&clk, &v[2].sched, us_to_tod(SCHED_Q3_SLICE_US));
	CU_ASSERT_PTR_EQUAL(sched_pick(&clk, list(3)), &v[0]);
	/* The next interaction brings it back to Q1. */
	sched_interaction(&v[2].sched);
	CU_ASSERT_PTR_EQUAL(sched_pick(&clk, list(3)), &v[2]);
}

static void test_q1_before_q2_fifo(void)
{
	setup();
	sched_interaction(&v[1].sched);
	sched_interaction(&v[2].sched);
	sched_charge(&clk, &v[1].sched, us_to_tod(SCHED_Q1_ALLOW_US)); /* v[1] now in Q2 */
	CU_ASSERT_PTR_EQUAL(sched_pick(&clk, list(3)), &v[2]);
	sched_interaction(&v[0].sched);
	/* Two in Q1: the first on the list (the dispatcher requeues at the tail). */
	CU_ASSERT_PTR_EQUAL(sched_pick(&clk, list(3)), &v[0]);
	CU_ASSERT_PTR_EQUAL(sched_pick(&clk, NULL), NULL);
}

static void test_share_values(void)
{
	setup();
	CU_ASSERT_EQUAL(sched_share(&v[0].sched), 100);
	CU_ASSERT_FALSE(v[0].sched.absolute);
	CU_ASSERT_EQUAL(sched_set_share(&v[0].sched, false, 0), -1);
	CU_ASSERT_EQUAL(sched_set_share(&v[0].sched, false, 10001), -1);
	CU_ASSERT_EQUAL(sched_set_share(&v[0].sched, true, 101), -1);
	CU_ASSERT_EQUAL(sched_share(&v[0].sched), 100);
	CU_ASSERT_EQUAL(sched_set_share(&v[0].sched, true, 20), 0);
	CU_ASSERT_TRUE(v[0].sched.absolute);
	CU_ASSERT_EQUAL(sched_share(&v[0].sched), 20);
	CU_ASSERT_EQUAL(sched_set_share(&v[0].sched, false, 10000), 0);
	CU_ASSERT_FALSE(v[0].sched.absolute);
}

static void test_weights(void)
{
	setup();
	sched_set_share(&v[0].sched, false, 100);
	sched_set_share(&v[1].sched, false, 200);
	sched_set_share(&v[2].sched, false, 300);
	sched_interaction(&v[3].sched); /* Q1: not weighed with Q3 */
	sched_pick(&clk, list(4));
	CU_ASSERT_EQUAL(v[0].sched.weight, 1666);
	CU_ASSERT_EQUAL(v[1].sched.weight, 3333);
	CU_ASSERT_EQUAL(v[2].sched.weight, 5000);
	CU_ASSERT_EQUAL(v[3].sched.weight, 0);
	/* ABSOLUTE 20%: off the top; the relative ones split the other 80%. */
	sched_set_share(&v[0].sched, true, 20);
	sched_set_share(&v[1].sched, false, 100);
	sched_set_share(&v[2].sched, false, 100);
	sched_pick(&clk, list(3));
	CU_ASSERT_EQUAL(v[0].sched.weight, 2000);
	CU_ASSERT_EQUAL(v[1].sched.weight, 4000);
	CU_ASSERT_EQUAL(v[2].sched.weight, 4000);
	/* Absolute shares over 99% are scaled to 99% together. */
	sched_set_share(&v[0].sched, true, 60);
	sched_set_share(&v[1].sched, true, 60);
	sched_pick(&clk, list(3));
	CU_ASSERT_EQUAL(v[0].sched.weight, 4950);
	CU_ASSERT_EQUAL(v[1].sched.weight, 4950);
	CU_ASSERT_EQUAL(v[2].sched.weight, 100);
	/* Only absolute users: they split the whole CPU in proportion. */
	sched_set_share(&v[1].sched, true, 20);
	sched_pick(&clk, list(2));
	CU_ASSERT_EQUAL(v[0].sched.weight, 7500);
	CU_ASSERT_EQUAL(v[1].sched.weight, 2500);
}

/*
 * A simulated minute of loopers: pick, charge a slice (of varying length, as slices cut
 * short by CP's own work are), requeue at the tail. Returns each one's CPU in us.
 */
static void simulate_minute(unsigned n, uint64_t *cpu)
{
	struct vcpu *head = list(n), *tail = &v[n - 1];
	uint64_t t = 0, k = 0;

	memset(cpu, 0, n * sizeof(*cpu));
	while (t < 60000000) {
		struct vcpu *p = sched_pick(&clk, head), **pp = &head, *prev = NULL;
		uint64_t us = 1000 + (k++ * 7919) % 9000; /* 1-10 ms */

		while (*pp != p) {
			prev = *pp;
			pp = &(*pp)->next_ready;
		}
		*pp = p->next_ready;
		if (tail == p)
			tail = prev;
		sched_charge(&clk, &p->sched, us_to_tod(us));
		cpu[p - v] += us;
		t += us;
		p->next_ready = NULL;
		if (tail)
			tail->next_ready = p;
		else
			head = p;
		tail = p;
	}
}

static void test_relative_shares_over_a_minute(void)
{
	static const unsigned share[N] = { 100, 200, 300, 400, 100, 200, 300, 400 };
	uint64_t cpu[N], total = 0;

	setup();
	for (unsigned i = 0; i < N; i++) {
		sched_set_share(&v[i].sched, false, share[i]);
		sched_wake(&clk, &v[i].sched);
	}
	simulate_minute(N, cpu);
	for (unsigned i = 0; i < N; i++)
		total += cpu[i];
	for (unsigned i = 0; i < N; i++) {
		double want = (double)total * share[i] / 2000, got = (double)cpu[i];

		CU_ASSERT(got > want * 0.98 && got < want * 1.02);
	}
}

static void test_absolute_share_over_a_minute(void)
{
	uint64_t cpu[3], total;

	setup();
	sched_set_share(&v[0].sched, true, 50);
	sched_set_share(&v[1].sched, false, 100);
	sched_set_share(&v[2].sched, false, 300);
	simulate_minute(3, cpu);
	total = cpu[0] + cpu[1] + cpu[2];
	/* 50%, then 12.5% and 37.5%. */
	CU_ASSERT(cpu[0] * 100 > total * 49 && cpu[0] * 100 < total * 51);
	CU_ASSERT(cpu[1] * 1000 > total * 120 && cpu[1] * 1000 < total * 130);
	CU_ASSERT(cpu[2] * 1000 > total * 370 && cpu[2] * 1000 < total * 380);
}

/* A user that slept while others ran does not make up for it by taking the CPU alone. */
static void test_no_credit_for_sleeping(void)
{
	uint64_t cpu[3];

	setup();
	simulate_minute(2, cpu); /* v[0] and v[1] run; then v[2] arrives */
	CU_ASSERT(clk.vclock > 0);
	sched_wake(&clk, &v[2].sched);
	CU_ASSERT_EQUAL(v[2].sched.vtime, clk.vclock);
	simulate_minute(3, cpu);
	CU_ASSERT(cpu[2] * 100 > (cpu[0] + cpu[1] + cpu[2]) * 32);
	CU_ASSERT(cpu[2] * 100 < (cpu[0] + cpu[1] + cpu[2]) * 35);
	/* A Q1 user that falls to Q3 starts at the others' virtual time too. */
	sched_interaction(&v[3].sched);
	sched_charge(&clk, &v[3].sched, us_to_tod(SCHED_Q1_ALLOW_US));
	sched_charge(&clk, &v[3].sched, us_to_tod(SCHED_Q2_ALLOW_US));
	CU_ASSERT_EQUAL(sched_queue(&v[3].sched), SCHED_Q3);
	CU_ASSERT_EQUAL(v[3].sched.vtime, clk.vclock);
}

UNIT_SUITE(sched, UNIT_CASE(test_interactive_before_looper), UNIT_CASE(test_q1_before_q2_fifo),
	   UNIT_CASE(test_share_values), UNIT_CASE(test_weights),
	   UNIT_CASE(test_relative_shares_over_a_minute),
	   UNIT_CASE(test_absolute_share_over_a_minute), UNIT_CASE(test_no_credit_for_sleeping))
UNIT_MAIN(UNIT_REG(sched))
