/*
 * INDICATE RESPONSE [RESET] (class E): where terminal interactions' time goes, step by step,
 * and what CP's main loop costs (cp/phase.h). One line a step: the figures since IPL or the
 * last RESET (count, mean, maximum) and the last minute's p50 and p95.
 * Covered by tests/unit/test_cmd.c and tests/system/test_sched.py.
 */
#include <arch/hw.h>
#include <cp/cmd.h>
#include <cp/phase.h>
#include <cp/tod.h>
#include <lib/format.h>
#include <lib/string.h>
#include "cmd_priv.h"

/* Microseconds as "123US" below 10 ms, else "12.3MS". */
static void fmt_time(char *buf, size_t size, uint64_t us)
{
	uint64_t tenths = (us + 50) / 100;

	if (us < 10000)
		ksnprintf(buf, size, "%lluUS", (unsigned long long)us);
	else
		ksnprintf(buf, size, "%llu.%lluMS", (unsigned long long)(tenths / 10),
			  (unsigned long long)(tenths % 10));
}

int indicate_response(struct cmd_ctx *ctx, bool reset)
{
	uint64_t now = tod_to_us(hw_tod_clock());

	if (reset) {
		phase_reset_all();
		cmd_printf(ctx, "RESPONSE PHASES RESET");
		return 0;
	}
	cmd_printf(ctx, "%-12s %9s %9s %9s %9s %9s", "PHASE", "N", "MEAN", "MAX", "P50-1MIN",
		   "P95-1MIN");
	for (unsigned i = 0; i < PHASE_COUNT; i++) {
		const struct phase_stat *s = &phase_stats[i];
		struct resp_hist h;
		char mean[16], max[16], p50[16], p95[16];

		resp_stats_last_minute(&s->win, now, &h);
		fmt_time(mean, sizeof(mean), s->n ? s->sum_us / s->n : 0);
		fmt_time(max, sizeof(max), s->max_us);
		fmt_time(p50, sizeof(p50), resp_hist_percentile(&h, 50));
		fmt_time(p95, sizeof(p95), resp_hist_percentile(&h, 95));
		cmd_printf(ctx, "%-12s %9llu %9s %9s %9s %9s", phase_names[i],
			   (unsigned long long)s->n, mean, max, p50, p95);
	}
	return 0;
}
