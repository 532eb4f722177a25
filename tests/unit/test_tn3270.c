/*
 * Unit tests for the relay's TN3270 sessions (console/relay/tn3270.c): the negotiation a real
 * client goes through, refusing TN3270E, the terminal types, records both ways with IAC
 * doubling, and garbage that gets a client cut off.
 */
#include <string.h>

#include "../../console/relay/tn3270.h"
#include "cunit_main.h"

struct peer {
	uint8_t out[4096];
	size_t out_len;
	unsigned nrec;
	uint8_t rec[TP_IN_MAX];
	size_t rec_len;
};

static void to_client(void *ctx, const uint8_t *d, size_t n)
{
	struct peer *p = ctx;

	if (p->out_len + n <= sizeof(p->out)) {
		memcpy(p->out + p->out_len, d, n);
		p->out_len += n;
	}
}

static void record(void *ctx, const uint8_t *d, size_t n)
{
	struct peer *p = ctx;

	p->nrec++;
	memcpy(p->rec, d, n);
	p->rec_len = n;
}

static const struct tn_ops ops = { .to_client = to_client, .record = record };

static bool sent(const struct peer *p, const uint8_t *seq, size_t n)
{
	for (size_t i = 0; i + n <= p->out_len; i++)
		if (!memcmp(p->out + i, seq, n))
			return true;
	return false;
}

#define FEED(s, lit) tn_input((s), (const uint8_t *)(lit), sizeof(lit) - 1)

static const char negotiate[] = "\xff\xfb\x18"
				"\xff\xfa\x18\x00IBM-3278-4-E\xff\xf0"
				"\xff\xfb\x19\xff\xfd\x19\xff\xfb\x00\xff\xfd\x00";

static void test_negotiation(void)
{
	struct tn_session s;
	struct peer p = { 0 };

	tn_init(&s, &ops, &p);
	CU_ASSERT(sent(&p, (const uint8_t *)"\xff\xfd\x18", 3)); /* DO TERMINAL-TYPE */
	/* s3270 first offers TN3270E: refused once, so it falls back. */
	CU_ASSERT_EQUAL(FEED(&s, "\xff\xfb\x28"), 0);
	CU_ASSERT(sent(&p, (const uint8_t *)"\xff\xfe\x28", 3));
	p.out_len = 0;
	CU_ASSERT_EQUAL(FEED(&s, "\xff\xfb\x28"), 0);
	CU_ASSERT_EQUAL(p.out_len, 0);
	CU_ASSERT_EQUAL(tn_input(&s, (const uint8_t *)negotiate, sizeof(negotiate) - 1), 0);
	CU_ASSERT(sent(&p, (const uint8_t *)"\xff\xfa\x18\x01\xff\xf0", 6)); /* SEND */
	CU_ASSERT(sent(&p, (const uint8_t *)"\xff\xfd\x19\xff\xfb\x19", 6));
	CU_ASSERT_EQUAL(s.state, TN_BOUND);
	CU_ASSERT_STRING_EQUAL(s.ttype, "IBM-3278-4-E");
	CU_ASSERT_EQUAL(s.rows, 43);
	CU_ASSERT_EQUAL(s.cols, 80);
	CU_ASSERT(s.extended);
	/* A record with a doubled IAC, ended by IAC EOR. */
	CU_ASSERT_EQUAL(FEED(&s, "\x7d\x40\xff\xff\x40\xff\xef"), 0);
	CU_ASSERT_EQUAL(p.nrec, 1);
	CU_ASSERT_EQUAL(p.rec_len, 4);
	CU_ASSERT_EQUAL(memcmp(p.rec, "\x7d\x40\xff\x40", 4), 0);
	/* Outbound: IAC doubled, IAC EOR at the end. */
	p.out_len = 0;
	tn_send_record(&s, (const uint8_t *)"\x05\xc3\xff\x11", 4);
	CU_ASSERT_EQUAL(p.out_len, 7);
	CU_ASSERT_EQUAL(memcmp(p.out, "\x05\xc3\xff\xff\x11\xff\xef", 7), 0);
}

static void test_refusals(void)
{
	struct tn_session s;
	struct peer p = { 0 };

	tn_init(&s, &ops, &p);
	CU_ASSERT_EQUAL(FEED(&s, "\xff\xfc\x18"), -1); /* WONT TERMINAL-TYPE */
	tn_init(&s, &ops, &p);
	CU_ASSERT_EQUAL(FEED(&s, "\xff\xfb\x18\xff\xfa\x18\x00VT100\xff\xf0"), -1);
	CU_ASSERT_PTR_NOT_NULL(s.why);
	tn_init(&s, &ops, &p);
	CU_ASSERT_EQUAL(tn_input(&s, (const uint8_t *)negotiate, sizeof(negotiate) - 1), 0);
	CU_ASSERT_EQUAL(FEED(&s, "\xff\xfc\x19"), -1); /* WONT EOR after all */
}

static void test_garbage(void)
{
	struct tn_session s;
	struct peer p = { 0 };
	uint8_t big[TP_IN_MAX + 10];
	int rc = 0;

	/* An endless subnegotiation. */
	tn_init(&s, &ops, &p);
	memset(big, 'x', sizeof(big));
	CU_ASSERT_EQUAL(FEED(&s, "\xff\xfa"), 0);
	CU_ASSERT_EQUAL(tn_input(&s, big, TN_SB_MAX + 1), -1);
	/* Records longer than any screen: dropped, and after a few the client is cut off. */
	tn_init(&s, &ops, &p);
	p.nrec = 0;
	CU_ASSERT_EQUAL(tn_input(&s, (const uint8_t *)negotiate, sizeof(negotiate) - 1), 0);
	for (int i = 0; i < TN_BAD_MAX && rc == 0; i++) {
		rc = tn_input(&s, big, sizeof(big));
		if (rc == 0)
			rc = FEED(&s, "\xff\xef");
		if (i < TN_BAD_MAX - 1)
			CU_ASSERT_EQUAL(rc, 0);
	}
	CU_ASSERT_EQUAL(rc, -1);
	CU_ASSERT_EQUAL(p.nrec, 0);
	/* Data before the negotiation ends never becomes a record. */
	tn_init(&s, &ops, &p);
	CU_ASSERT_EQUAL(FEED(&s, "\x7d\x40\x40\xff\xef"), 0);
	CU_ASSERT_EQUAL(p.nrec, 0);
}

static void test_terminal_types(void)
{
	unsigned m, r, c;
	bool e;

	CU_ASSERT_EQUAL(tn_parse_ttype("IBM-3278-2", &m, &r, &c, &e), 0);
	CU_ASSERT(m == 2 && r == 24 && c == 80 && !e);
	CU_ASSERT_EQUAL(tn_parse_ttype("IBM-3279-5-E", &m, &r, &c, &e), 0);
	CU_ASSERT(m == 5 && r == 27 && c == 132 && e);
	CU_ASSERT_EQUAL(tn_parse_ttype("IBM-3278-3", &m, &r, &c, &e), 0);
	CU_ASSERT(r == 32 && c == 80);
	CU_ASSERT_EQUAL(tn_parse_ttype("IBM-DYNAMIC", &m, &r, &c, &e), 0);
	CU_ASSERT(e);
	CU_ASSERT_EQUAL(tn_parse_ttype("IBM-3278-6", &m, &r, &c, &e), -1);
	CU_ASSERT_EQUAL(tn_parse_ttype("IBM-3278-2-X", &m, &r, &c, &e), -1);
	CU_ASSERT_EQUAL(tn_parse_ttype("xterm", &m, &r, &c, &e), -1);
}

static void test_query_for_plain_clients(void)
{
	static const uint8_t rpq[] = { 0x00, 0x05, 0x01, 0xff, 0x02 };
	uint8_t reply[64];
	size_t n;

	CU_ASSERT(tn_is_query(rpq, sizeof(rpq)));
	CU_ASSERT(!tn_is_query(rpq, 4));
	CU_ASSERT(!tn_is_query((const uint8_t *)"\x00\x05\x01\xff\x03", 5));
	n = tn_query_reply(43, 80, reply, sizeof(reply));
	/* What CP's query_reply reads: AID, then the Usable Area with width and height. */
	CU_ASSERT_EQUAL(n, 24);
	CU_ASSERT_EQUAL(reply[0], 0x88);
	CU_ASSERT_EQUAL((reply[1] << 8 | reply[2]), 23);
	CU_ASSERT_EQUAL(reply[3], 0x81);
	CU_ASSERT_EQUAL(reply[4], 0x81);
	CU_ASSERT_EQUAL((reply[7] << 8 | reply[8]), 80);
	CU_ASSERT_EQUAL((reply[9] << 8 | reply[10]), 43);
	CU_ASSERT_EQUAL(tn_query_reply(24, 80, reply, 10), 0);
}

UNIT_SUITE(tn3270, UNIT_CASE(test_negotiation), UNIT_CASE(test_refusals),
	   UNIT_CASE(test_garbage), UNIT_CASE(test_terminal_types),
	   UNIT_CASE(test_query_for_plain_clients))
UNIT_MAIN(tn3270_register)
