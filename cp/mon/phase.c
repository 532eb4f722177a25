/*
 * The phases of an interaction and of CP's main loop (cp/include/cp/phase.h): counts, sums,
 * maxima and last-minute histograms, fed by cp/term/term.c, cp/vm/dispatch.c and cp/main.c.
 * Tested by tests/unit/test_phase.c.
 */
#include <cp/phase.h>
#include <arch/tod.h>
#include <lib/string.h>

struct phase_stat phase_stats[PHASE_COUNT];

const char *const phase_names[PHASE_COUNT] = {
	[PHASE_ATTN] = "ATTN>TAKEN",
	[PHASE_READ_START] = "TAKEN>READ",
	[PHASE_READ] = "READ",
	[PHASE_TO_GUEST] = "READ>GUEST",
	[PHASE_GUEST] = "GUEST",
	[PHASE_TO_WRITE] = "GUEST>WRITE",
	[PHASE_WRITE] = "WRITE",
	[PHASE_END] = "WRITE>TAKEN",
	[PHASE_TOTAL] = "TOTAL",
	[PHASE_GUEST_CPU] = " GUEST-TTIME",
	[PHASE_GUEST_VIRT] = " GUEST-VTIME",
	[PHASE_POLL] = "POLL",
	[PHASE_WAIT] = "WAIT",
	[PHASE_RUN] = "RUN",
	[PHASE_EVENT_LAG] = "EVENTLAG",
};

void phase_record(enum phase_id p, uint64_t now_us, uint64_t us)
{
	struct phase_stat *s;

	if ((unsigned)p >= PHASE_COUNT)
		return;
	s = &phase_stats[p];
	resp_stats_record(&s->win, now_us, us, true);
	s->n++;
	s->sum_us += us;
	if (us > s->max_us)
		s->max_us = us;
}

void phase_reset_all(void)
{
	memset(phase_stats, 0, sizeof(phase_stats));
}

/* Records b - a for p when both stamps are set and in order; true if it did. */
static bool step(enum phase_id p, uint64_t now_us, uint64_t a, uint64_t b)
{
	if (!a || !b || b < a)
		return false;
	phase_record(p, now_us, tod_to_us(b - a));
	return true;
}

void phase_interaction(const struct phase_stamps *st)
{
	uint64_t now_us = tod_to_us(st->end);
	/* A guest's steps only when the guest ran between the read and the write. */
	bool guest = st->dispatch && st->guest_wait && st->dispatch >= st->read_end &&
		     st->guest_wait >= st->dispatch && st->write_start >= st->guest_wait;

	if (!st->end)
		return;
	step(PHASE_ATTN, now_us, st->attn, st->attn_taken);
	step(PHASE_READ_START, now_us, st->attn_taken, st->read_start);
	step(PHASE_READ, now_us, st->read_start, st->read_end);
	if (guest) {
		step(PHASE_TO_GUEST, now_us, st->read_end, st->dispatch);
		step(PHASE_GUEST, now_us, st->dispatch, st->guest_wait);
		step(PHASE_TO_WRITE, now_us, st->guest_wait, st->write_start);
		phase_record(PHASE_GUEST_CPU, now_us, tod_to_us(st->guest_cpu));
		phase_record(PHASE_GUEST_VIRT, now_us, tod_to_us(st->guest_virt));
	}
	step(PHASE_WRITE, now_us, st->write_start, st->write_end);
	step(PHASE_END, now_us, st->write_end, st->end);
	step(PHASE_TOTAL, now_us, st->attn, st->end);
}
