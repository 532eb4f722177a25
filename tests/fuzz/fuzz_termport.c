/*
 * libFuzzer target for CP's terminal-port framing (lib/termport.c, vm64/termport.h): the
 * records CP reads from a virtio-serial port (arch/s390x/vserial.c), and those the relay
 * reads from CP. Built by "make fuzz" (mk/fuzz.mk) as build/fuzz/fuzz_termport; seed corpus
 * in tests/fuzz/corpus_termport/.
 *
 * The first byte picks the direction, the payload buffer's size and how the rest of the input
 * is cut into deliveries (as a port's receive buffers would cut it). Every record delivered
 * must be of the direction's type and fit the buffer; after a loss, nothing is delivered.
 */
#include <stdlib.h>
#include <string.h>
#include <vm64/termport.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct check {
	int to_cp;
	size_t cap;
	int lost;
};

static void record(void *ctx, uint8_t type, const uint8_t *p, size_t len)
{
	struct check *c = ctx;

	if (c->lost || len > c->cap)
		abort();
	if (c->to_cp ? type != TP_IN_DATA : (type != TP_OUT_DATA && type != TP_OUT_HANGUP))
		abort();
	if (type == TP_OUT_HANGUP && len != 0)
		abort();
	if (len)
		(void)(p[0] + p[len - 1]); /* inside the buffer (ASan) */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t *buf;
	struct check c;
	struct tp_reader r;
	size_t pos = 1, chunk;

	if (size < 1)
		return 0;
	c.to_cp = data[0] & 1;
	c.cap = (data[0] & 2) ? 64 : (c.to_cp ? TP_IN_MAX : TP_OUT_MAX);
	c.lost = 0;
	chunk = (size_t)(data[0] >> 2) + 1;
	buf = malloc(c.cap);
	tp_reader_init(&r, c.to_cp, buf, c.cap);
	while (pos < size) {
		size_t n = size - pos < chunk ? size - pos : chunk;

		if (tp_feed(&r, data + pos, n, record, &c) < 0)
			c.lost = 1;
		pos += n;
	}
	free(buf);
	return 0;
}
