/*
 * Register isolation: loads distinctive values, derived from the time it started, into the
 * floating-point registers 0-15, the FPC and the access registers 0-15 (and all 32 vector
 * registers when STFLE offers the vector facility, 129), then yields to CP (DIAG X'44') in a
 * loop for a few seconds and checks after every yield that they still hold its own values.
 * Run two of them side by side (tests/system/test_vm.py, test_guest_registers_isolated): a
 * value one leaves in a register must never show up in the other. Bare it checks the same
 * with nobody else around.
 */
#include <arch/cpu.h>
#include <arch/ctlreg.h>
#include <arch/fpregs.h>

#include "diag.h"
#include "guest.h"

#define RUN_SECONDS 3

struct regset {
	uint64_t vrs[32][2]; /* FPR i is vrs[i][0] */
	uint32_t fpc;
	uint32_t ars[16];
};

static bool vector;
static struct regset want, got;

static void make(struct regset *r, uint64_t seed)
{
	uint64_t s = seed, f;

	for (int i = 0; i < 32; i++) {
		r->vrs[i][0] = prng_next(&s);
		r->vrs[i][1] = prng_next(&s);
	}
	for (int i = 0; i < 16; i++)
		r->ars[i] = (uint32_t)prng_next(&s);
	/* IEEE masks (bits 0-4), flags (8-12), BFP rounding mode (30-31): no reserved bit. */
	f = prng_next(&s);
	r->fpc = (uint32_t)((f & 0x1f) << 27 | ((f >> 8) & 0x1f) << 19 | ((f >> 16) & 3));
}

static void load(const struct regset *r)
{
	lfpc(r->fpc);
	lam_all(r->ars);
	if (vector)
		vlm_all(r->vrs);
	else
		ld_fprs(r->vrs);
}

static void store(struct regset *r)
{
	r->fpc = stfpc();
	stam_all(r->ars);
	if (vector)
		vstm_all(r->vrs);
	else
		std_fprs(r->vrs);
}

/* How many registers differ; the first is described in info (if not NULL). */
static unsigned compare(const struct regset *a, const struct regset *b, bool tell)
{
	unsigned bad = 0;

	for (int i = 0; i < (vector ? 32 : 16); i++) {
		bool same = a->vrs[i][0] == b->vrs[i][0] &&
			    (!vector || a->vrs[i][1] == b->vrs[i][1]);

		if (!same && tell && !bad++)
			report_info("%s%d is %016lx%016lx, not %016lx%016lx", vector ? "VR" : "FPR",
				    i, (unsigned long)b->vrs[i][0],
				    vector ? (unsigned long)b->vrs[i][1] : 0UL,
				    (unsigned long)a->vrs[i][0],
				    vector ? (unsigned long)a->vrs[i][1] : 0UL);
		else if (!same)
			bad++;
	}
	for (int i = 0; i < 16; i++) {
		if (a->ars[i] != b->ars[i] && tell && !bad++)
			report_info("AR%d is %08x, not %08x", i, b->ars[i], a->ars[i]);
		else if (a->ars[i] != b->ars[i])
			bad++;
	}
	if (a->fpc != b->fpc && tell && !bad++)
		report_info("FPC is %08x, not %08x", b->fpc, a->fpc);
	else if (a->fpc != b->fpc)
		bad++;
	return bad;
}

int main(void)
{
	uint64_t fac[4] = { 0 }, seed, begin, yields = 0;
	unsigned bad_checks = 0, checks = 0;
	bool diag44_works;

	report_prefix_push("regs");
	stfle(fac, 4);
	vector = fac[FACILITY_VECTOR / 64] & (1ULL << (63 - FACILITY_VECTOR % 64));
	report_info("vector facility (129) %s", vector ? "offered" : "not offered");
	ctl_set_bits(0, CR0_AFP_REGISTERS | (vector ? CR0_VECTOR_ENABLE : 0));

	expect_pgm_int();
	diag44();
	diag44_works = pgm_int_code() == 0;

	seed = stck() ^ ((uint64_t)stap() << 48) ^ 0x0123456789abcdefULL;
	make(&want, seed);
	report_info("FPR0 %016lx AR0 %08x FPC %08x", (unsigned long)want.vrs[0][0], want.ars[0],
		    want.fpc);
	load(&want);
	store(&got);
	report(compare(&want, &got, true) == 0, "registers read back at once");

	begin = stck();
	while (stck() - begin < tod_us(RUN_SECONDS * 1000000ULL)) {
		yield_cpu(diag44_works);
		yields++;
		store(&got);
		checks++;
		if (compare(&want, &got, bad_checks < 4)) {
			bad_checks++;
			load(&want);
		}
	}
	report(bad_checks == 0, "%s, access registers and FPC intact after %lu yields (%u of %u "
	       "checks bad)", vector ? "vector registers" : "FPRs", (unsigned long)yields,
	       bad_checks, checks);
	report_prefix_pop();
	return report_summary();
}
