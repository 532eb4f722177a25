/*
 * Response-time histograms (cp/include/cp/resp.h): logarithmic buckets with four to each
 * power of two, a ring of ten-second slots for the last minute, nearest-rank percentiles.
 * Pure arithmetic on the times the terminal code passes in.
 * Tested by tests/unit/test_resp.c.
 */
#include <cp/resp.h>
#include <lib/string.h>

static unsigned msb64(uint64_t v)
{
	unsigned e = 0;

	while (v >>= 1)
		e++;
	return e;
}

unsigned resp_bucket(uint64_t us)
{
	unsigned e, b;

	if (us < (1ull << RESP_MIN_SHIFT))
		return 0;
	e = msb64(us);
	/* The two bits below the leading one pick the quarter of the octave. */
	b = 1 + (e - RESP_MIN_SHIFT) * RESP_SUB + (unsigned)((us >> (e - 2)) & (RESP_SUB - 1));
	return b < RESP_BUCKETS ? b : RESP_BUCKETS - 1;
}

uint64_t resp_bucket_low(unsigned b)
{
	unsigned e, q;

	if (b == 0)
		return 0;
	if (b >= RESP_BUCKETS)
		b = RESP_BUCKETS - 1;
	e = RESP_MIN_SHIFT + (b - 1) / RESP_SUB;
	q = (b - 1) % RESP_SUB;
	return (1ull << e) + (uint64_t)q * (1ull << (e - 2));
}

uint64_t resp_bucket_high(unsigned b)
{
	if (b + 1 >= RESP_BUCKETS)
		return UINT64_MAX;
	return resp_bucket_low(b + 1);
}

void resp_hist_clear(struct resp_hist *h)
{
	memset(h, 0, sizeof(*h));
}

void resp_hist_add(struct resp_hist *h, uint64_t us)
{
	unsigned b = resp_bucket(us);

	if (h->n[b] != UINT16_MAX)
		h->n[b]++;
	if (h->count != UINT32_MAX)
		h->count++;
}

void resp_hist_merge(struct resp_hist *a, const struct resp_hist *b)
{
	for (unsigned i = 0; i < RESP_BUCKETS; i++) {
		uint32_t n = (uint32_t)a->n[i] + b->n[i];

		a->n[i] = n > UINT16_MAX ? UINT16_MAX : (uint16_t)n;
	}
	a->count = a->count > UINT32_MAX - b->count ? UINT32_MAX : a->count + b->count;
}

uint64_t resp_hist_total(const struct resp_hist *h)
{
	uint64_t t = 0;

	for (unsigned i = 0; i < RESP_BUCKETS; i++)
		t += h->n[i];
	return t;
}

uint64_t resp_hist_percentile(const struct resp_hist *h, unsigned pct)
{
	uint64_t total = resp_hist_total(h), rank, seen = 0;
	unsigned last = RESP_BUCKETS - 1;

	if (!total)
		return 0;
	if (pct > 100)
		pct = 100;
	/* Nearest rank: ceil(pct/100 * total), at least 1. */
	rank = (pct * total + 99) / 100;
	if (!rank)
		rank = 1;
	for (unsigned i = 0; i < RESP_BUCKETS; i++) {
		seen += h->n[i];
		if (seen >= rank)
			return i == last ? resp_bucket_low(i) : resp_bucket_high(i);
	}
	return resp_bucket_low(last);
}

void resp_stats_clear(struct resp_stats *s)
{
	memset(s, 0, sizeof(*s));
}

void resp_stats_record(struct resp_stats *s, uint64_t now_us, uint64_t resp_us, bool trivial)
{
	uint64_t epoch = now_us / RESP_SLOT_US;
	unsigned i = (unsigned)(epoch % RESP_SLOTS);

	s->interactions++;
	s->last_us = resp_us;
	if (!trivial)
		return;
	s->trivial++;
	/* Epochs start at 1 here so a never-used slot (epoch 0) is never taken as current. */
	if (s->slot_epoch[i] != epoch + 1) {
		resp_hist_clear(&s->slot[i]);
		s->slot_epoch[i] = epoch + 1;
	}
	resp_hist_add(&s->slot[i], resp_us);
}

void resp_stats_last_minute(const struct resp_stats *s, uint64_t now_us, struct resp_hist *out)
{
	uint64_t epoch = now_us / RESP_SLOT_US + 1;

	resp_hist_clear(out);
	for (unsigned i = 0; i < RESP_SLOTS; i++) {
		uint64_t e = s->slot_epoch[i];

		/* The current slot and the five before it: the last 50 to 60 seconds. */
		if (e && e <= epoch && epoch - e < RESP_SLOTS)
			resp_hist_merge(out, &s->slot[i]);
	}
}

struct resp_stats resp_system;
struct resp_stats resp_system_all;
struct resp_load resp_system_load;

bool resp_load_sample(struct resp_load *l, uint64_t now_us, uint64_t cpu_us)
{
	uint64_t epoch = now_us / RESP_SLOT_US + 1;
	unsigned i = (unsigned)(epoch % (RESP_SLOTS + 1));

	if (l->epoch[i] == epoch)
		return false;
	l->epoch[i] = epoch;
	l->cpu_us[i] = cpu_us;
	l->at_us[i] = now_us;
	return true;
}

unsigned resp_load_percent(const struct resp_load *l, uint64_t now_us, uint64_t cpu_us)
{
	uint64_t epoch = now_us / RESP_SLOT_US + 1;
	int oldest = -1;
	uint64_t span, used;

	for (unsigned i = 0; i < RESP_SLOTS + 1; i++) {
		uint64_t e = l->epoch[i];

		if (!e || e > epoch || epoch - e > RESP_SLOTS || l->at_us[i] >= now_us)
			continue;
		if (oldest < 0 || l->at_us[i] < l->at_us[oldest])
			oldest = (int)i;
	}
	if (oldest < 0)
		return 0;
	span = now_us - l->at_us[oldest];
	if (cpu_us <= l->cpu_us[oldest])
		return 0;
	used = cpu_us - l->cpu_us[oldest];
	if (used >= span)
		return 100;
	return (unsigned)(used * 100 / span);
}
