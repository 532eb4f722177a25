/*
 * Terminal-port records (vm64/termport.h): the incremental reader both ends use. Pure code:
 * CP runs it on what a virtio-serial port delivers, the host relay on what QEMU passes on.
 * Covered by tests/unit/test_termport.c and tests/fuzz/fuzz_termport.c.
 */
#include <lib/endian.h>
#include <lib/string.h>
#include <vm64/termport.h>

void tp_reader_init(struct tp_reader *r, int to_cp, uint8_t *buf, size_t cap)
{
	memset(r, 0, sizeof(*r));
	r->buf = buf;
	r->cap = cap;
	r->want_type_mask = to_cp ? 0x80 : 0x00;
}

static size_t type_limit(const struct tp_reader *r, uint8_t type)
{
	if (r->want_type_mask) {
		if (type == TP_IN_DATA)
			return TP_IN_MAX;
	} else {
		if (type == TP_OUT_DATA)
			return TP_OUT_MAX;
		if (type == TP_OUT_HANGUP)
			return 0;
	}
	return (size_t)-1; /* unknown type */
}

int tp_feed(struct tp_reader *r, const uint8_t *data, size_t n, tp_record_fn *fn, void *ctx)
{
	size_t pos = 0;

	if (r->lost)
		return -1;
	while (pos < n) {
		if (r->hdr_len < TP_HDR_LEN) {
			size_t limit;

			r->hdr[r->hdr_len++] = data[pos++];
			if (r->hdr_len < TP_HDR_LEN)
				continue;
			r->type = r->hdr[0];
			r->len = get_be16(r->hdr + 1);
			r->got = 0;
			limit = type_limit(r, r->type);
			if (limit == (size_t)-1 || r->len > limit || r->len > r->cap) {
				r->lost = 1;
				return -1;
			}
		} else {
			size_t take = r->len - r->got;

			if (take > n - pos)
				take = n - pos;
			memcpy(r->buf + r->got, data + pos, take);
			r->got += take;
			pos += take;
		}
		if (r->hdr_len == TP_HDR_LEN && r->got == r->len) {
			r->hdr_len = 0;
			fn(ctx, r->type, r->buf, r->len);
		}
	}
	return 0;
}

void tp_header(uint8_t *hdr, uint8_t type, size_t len)
{
	hdr[0] = type;
	put_be16(hdr + 1, (uint16_t)len);
}
