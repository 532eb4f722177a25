/*
 * Response time, as CP measures it (cp/mon/resp.c): how long a terminal interaction took,
 * from the attention of the key to the write that gave the keyboard back with the answer.
 * Each figure goes into a small fixed-size histogram of logarithmic buckets, kept in a ring
 * of RESP_SLOTS slots of RESP_SLOT_US each, so "the last minute" is the sum of the slots
 * that are not older than a minute. Everything here is arithmetic on times the caller
 * passes in (microseconds); nothing reads a clock.
 * Tested by tests/unit/test_resp.c.
 */
#ifndef CP_RESP_H
#define CP_RESP_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Buckets: 0 holds everything below 64 us; from there on four buckets to each power of two
 * (edges 64, 80, 96, 112, 128, ... us: at most 25% wide), up to about 3.1 s; the last one
 * holds everything longer.
 */
#define RESP_BUCKETS   64
#define RESP_MIN_SHIFT 6		/* bucket 0 ends at 1 << RESP_MIN_SHIFT us */
#define RESP_SUB       4		/* buckets to each power of two */
#define RESP_SLOTS     6
#define RESP_SLOT_US   10000000ull	/* 10 s a slot: six make the last minute */

/*
 * Trivial interaction: the user's machine used no more than this much CPU (TTIME, CP's
 * work for it included) between the key and the answer; CP's own commands always are.
 * It is the dispatcher's slice: an interaction that needed a second slice is not trivial,
 * as z/VM calls a transaction trivial when it ends within its first time slice.
 */
#define RESP_TRIVIAL_CPU_US 10000ull

struct resp_hist {
	uint16_t n[RESP_BUCKETS];	/* saturating counts */
	uint32_t count;			/* samples added (saturating) */
};

struct resp_stats {
	struct resp_hist slot[RESP_SLOTS];	/* trivial interactions, slot by slot */
	uint64_t slot_epoch[RESP_SLOTS];	/* which RESP_SLOT_US period a slot holds */
	uint64_t interactions;			/* since logon (or IPL), trivial or not */
	uint64_t trivial;
	uint64_t last_us;			/* the latest response time */
};

/* The bucket a response time of us microseconds goes into. */
unsigned resp_bucket(uint64_t us);
/* The smallest time bucket b holds, and the first time it no longer holds (us). */
uint64_t resp_bucket_low(unsigned b);
uint64_t resp_bucket_high(unsigned b);

void resp_hist_clear(struct resp_hist *h);
void resp_hist_add(struct resp_hist *h, uint64_t us);
/* Adds b's counts to a. */
void resp_hist_merge(struct resp_hist *a, const struct resp_hist *b);
/* Samples in h. */
uint64_t resp_hist_total(const struct resp_hist *h);
/*
 * The pct-th percentile (1..100) of h, as the upper edge of the bucket it falls in (the
 * figure is never below the true one, and at most one bucket, 25%, above it); 0 when h is
 * empty. The rank is the nearest-rank one: the smallest value with pct% of samples at or
 * below it.
 */
uint64_t resp_hist_percentile(const struct resp_hist *h, unsigned pct);

void resp_stats_clear(struct resp_stats *s);
/* One interaction that took resp_us, ending at now_us; trivial ones go into the window. */
void resp_stats_record(struct resp_stats *s, uint64_t now_us, uint64_t resp_us, bool trivial);
/* The trivial interactions of the last minute as of now_us, summed into out. */
void resp_stats_last_minute(const struct resp_stats *s, uint64_t now_us, struct resp_hist *out);

/*
 * The guests' CPU load over the last minute: a ring of (period, total CPU charged to every
 * machine) samples, one a slot, taken by resp_load_sample() as time passes.
 */
struct resp_load {
	uint64_t epoch[RESP_SLOTS + 1];	/* RESP_SLOT_US period + 1; 0 unused */
	uint64_t cpu_us[RESP_SLOTS + 1];	/* the machines' total CPU then */
	uint64_t at_us[RESP_SLOTS + 1];	/* when the sample was taken */
};

/* Takes a sample if none was taken in now_us's slot yet; true if it did. */
bool resp_load_sample(struct resp_load *l, uint64_t now_us, uint64_t cpu_us);
/*
 * Percent of one CPU the machines used from the oldest sample not more than a minute old to
 * (now_us, cpu_us), 0..100 (a machine that logged off takes its time with it: never below 0).
 */
unsigned resp_load_percent(const struct resp_load *l, uint64_t now_us, uint64_t cpu_us);

/*
 * The system's figures: every interaction at every terminal (resp_system, whose window holds
 * the trivial ones; resp_system_all's window holds them all), and the load.
 */
extern struct resp_stats resp_system;
extern struct resp_stats resp_system_all;
extern struct resp_load resp_system_load;

#endif /* CP_RESP_H */
