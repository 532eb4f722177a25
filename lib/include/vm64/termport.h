/*
 * Terminal ports: the framing on each virtio-serial port between CP (arch/s390x/vserial.c)
 * and the TN3270 relay of the host (console/vm64/relay.c, run by vm64 and by the system
 * tests under QEMU). A port is a byte stream; it carries records
 *
 *	[type, 1 byte][payload length, 2 bytes big-endian][payload]
 *
 * TP_OUT_DATA (CP to host): one outbound 3270 command, the channel command code (Write
 *	X'01', Erase/Write X'05', Erase/Write Alternate X'0D', Write Structured Field X'11')
 *	followed by its data, exactly what a 3270 would receive in a channel program.
 * TP_OUT_HANGUP (CP to host, no payload): CP wants the client cut off.
 * TP_IN_DATA (host to CP): one inbound 3270 record as the client sent it (AID, cursor
 *	address, fields; or a query reply), what a Read Modified would return.
 *
 * A record of another type, or longer than its limit, means the framing is lost: the reader
 * drops it and ends the session (CP: the user is disconnected and CP asks for a hangup; the
 * relay: the client is cut off). Covered by tests/unit/test_termport.c and
 * tests/fuzz/fuzz_termport.c.
 */
#ifndef VM64_TERMPORT_H
#define VM64_TERMPORT_H

#include <stddef.h>
#include <stdint.h>

#define TP_HDR_LEN	3
#define TP_OUT_DATA	0x01
#define TP_OUT_HANGUP	0x02
#define TP_IN_DATA	0x81

#define TP_OUT_MAX	8200 /* a command code and one full screen render (SCR_STREAM_MAX) */
#define TP_IN_MAX	4096 /* an inbound record: a model 5 screen of fields fits */

/* Incremental reader of one direction's records; buf holds cap bytes of payload. */
struct tp_reader {
	uint8_t hdr[TP_HDR_LEN];
	unsigned hdr_len;
	uint8_t type;
	size_t len, got;
	uint8_t *buf;
	size_t cap;
	uint8_t want_type_mask; /* 0x80: host-to-CP records; 0x00: CP-to-host */
	int lost;               /* framing lost: everything after is ignored */
};

typedef void tp_record_fn(void *ctx, uint8_t type, const uint8_t *payload, size_t len);

/**
 * tp_reader_init() - a reader of records in one direction (to_cp: TP_IN_* records, else
 * TP_OUT_*), with a payload buffer of cap bytes.
 */
void tp_reader_init(struct tp_reader *r, int to_cp, uint8_t *buf, size_t cap);

/**
 * tp_feed() - takes the next n bytes of the stream and calls fn for each complete record.
 * Returns 0, or -1 once the framing is lost (then and afterwards nothing more is delivered).
 */
int tp_feed(struct tp_reader *r, const uint8_t *data, size_t n, tp_record_fn *fn, void *ctx);

/**
 * tp_header() - writes the 3-byte header of a record of type with len payload bytes.
 */
void tp_header(uint8_t *hdr, uint8_t type, size_t len);

#endif
