/*
 * libFuzzer target for the relay's TN3270 sessions (console/relay/tn3270.c): whatever a
 * client sends, the session stays within its buffers, never passes on a record longer than
 * TP_IN_MAX or before the negotiation ended, and once failed it stays failed. Built by
 * "make fuzz" (mk/fuzz.mk) as build/fuzz/fuzz_tn3270; seed corpus in tests/fuzz/corpus_tn3270/.
 * The first byte says how the rest is cut into reads.
 */
#include <stdlib.h>

#include "../../console/relay/tn3270.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tn_session s;
static size_t out_total;

static void to_client(void *ctx, const uint8_t *d, size_t n)
{
	(void)ctx;
	if (n)
		(void)(d[0] + d[n - 1]);
	out_total += n;
}

static void record(void *ctx, const uint8_t *d, size_t n)
{
	(void)ctx;
	if (n == 0 || n > TP_IN_MAX || s.state != TN_BOUND)
		abort();
	(void)(d[0] + d[n - 1]);
	/* What the relay does with what CP sends back: the outbound side must cope too. */
	tn_send_record(&s, d, n);
}

static const struct tn_ops ops = { .to_client = to_client, .record = record };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t pos = 1, chunk;
	int failed = 0;

	if (size < 1)
		return 0;
	chunk = (size_t)data[0] * 4 + 1;
	out_total = 0;
	tn_init(&s, &ops, 0);
	while (pos < size) {
		size_t n = size - pos < chunk ? size - pos : chunk;
		int rc = tn_input(&s, data + pos, n);

		if (failed && rc == 0)
			abort(); /* a failed session never comes back */
		if (rc < 0)
			failed = 1;
		pos += n;
	}
	/* Answers to negotiation are bounded: three bytes per option verb at most, and more. */
	if (out_total > 6 + 3 * size + 16)
		abort();
	return 0;
}
