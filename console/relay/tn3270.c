/*
 * TN3270 sessions for the relay (tn3270.h): the telnet parser and negotiation, pure code.
 * Covered by tests/unit/test_tn3270.c and tests/fuzz/fuzz_tn3270.c.
 */
#include <stdio.h>
#include <string.h>

#include "tn3270.h"

enum { T_DATA, T_IAC, T_OPT, T_SB, T_SB_IAC };

#define TTYPE_IS   0
#define TTYPE_SEND 1

static void send3(struct tn_session *s, uint8_t verb, uint8_t opt)
{
	uint8_t b[3] = { TN_IAC, verb, opt };

	s->ops->to_client(s->ctx, b, sizeof(b));
}

void tn_init(struct tn_session *s, const struct tn_ops *ops, void *ctx)
{
	memset(s, 0, sizeof(*s));
	s->ops = ops;
	s->ctx = ctx;
	s->state = TN_NEGOTIATING;
	s->tstate = T_DATA;
	send3(s, TN_DO, TN_OPT_TTYPE);
}

static int fail(struct tn_session *s, const char *why)
{
	s->state = TN_FAILED;
	s->why = why;
	return -1;
}

static int bad(struct tn_session *s, const char *why)
{
	if (++s->bad >= TN_BAD_MAX)
		return fail(s, why);
	return 0;
}

int tn_parse_ttype(const char *t, unsigned *model, unsigned *rows, unsigned *cols,
		   bool *extended)
{
	static const unsigned size[6][2] = { { 0, 0 }, { 0, 0 }, { 24, 80 }, { 32, 80 },
					     { 43, 80 }, { 27, 132 } };
	unsigned m;

	if (!strcasecmp(t, "IBM-DYNAMIC")) {
		*model = 2;
		*rows = 24;
		*cols = 80;
		*extended = true;
		return 0;
	}
	if (strncasecmp(t, "IBM-3278-", 9) && strncasecmp(t, "IBM-3279-", 9))
		return -1;
	if (t[9] < '2' || t[9] > '5')
		return -1;
	m = (unsigned)(t[9] - '0');
	if (t[10] && strcasecmp(t + 10, "-E"))
		return -1;
	*model = m;
	*rows = size[m][0];
	*cols = size[m][1];
	*extended = t[10] != 0;
	return 0;
}

static void check_bound(struct tn_session *s)
{
	if (s->state == TN_NEGOTIATING && s->ttype[0] && s->his_bin && s->his_eor && s->my_bin &&
	    s->my_eor)
		s->state = TN_BOUND;
}

static int ttype_is(struct tn_session *s)
{
	size_t n = s->sb_len - 2;

	if (s->ttype[0])
		return 0; /* asked once; a second answer changes nothing */
	if (n > TN_TTYPE_MAX)
		return fail(s, "terminal type too long");
	memcpy(s->ttype, s->sb + 2, n);
	s->ttype[n] = 0;
	for (size_t i = 0; i < n; i++)
		if (s->ttype[i] < 0x21 || s->ttype[i] > 0x7e)
			return fail(s, "terminal type is not printable");
	if (tn_parse_ttype(s->ttype, &s->model, &s->rows, &s->cols, &s->extended) < 0)
		return fail(s, "not a 3270 terminal type");
	send3(s, TN_DO, TN_OPT_EOR);
	send3(s, TN_WILL, TN_OPT_EOR);
	send3(s, TN_DO, TN_OPT_BINARY);
	send3(s, TN_WILL, TN_OPT_BINARY);
	return 0;
}

static int option(struct tn_session *s, uint8_t verb, uint8_t opt)
{
	bool known = opt == TN_OPT_BINARY || opt == TN_OPT_EOR || opt == TN_OPT_TTYPE;

	switch (verb) {
	case TN_WILL:
		if (!known) {
			if (!s->refused[opt])
				send3(s, TN_DONT, opt); /* TN3270E among them */
			s->refused[opt] = true;
			return 0;
		}
		if (opt == TN_OPT_TTYPE) {
			if (!s->his_ttype) {
				static const uint8_t ask[] = { TN_IAC, TN_SB, TN_OPT_TTYPE,
							       TTYPE_SEND, TN_IAC, TN_SE };

				s->his_ttype = true;
				s->ops->to_client(s->ctx, ask, sizeof(ask));
			}
		} else if (opt == TN_OPT_BINARY) {
			s->his_bin = true;
		} else {
			s->his_eor = true;
		}
		break;
	case TN_DO:
		if (!known || opt == TN_OPT_TTYPE) {
			if (!s->refused[opt])
				send3(s, TN_WONT, opt);
			s->refused[opt] = true;
			return 0;
		}
		if (opt == TN_OPT_BINARY)
			s->my_bin = true;
		else
			s->my_eor = true;
		break;
	case TN_WONT:
	case TN_DONT:
		if (known && s->state != TN_FAILED)
			return fail(s, "the client refused a TN3270 option");
		return 0;
	}
	check_bound(s);
	return 0;
}

static int subneg(struct tn_session *s)
{
	if (s->sb_len >= 2 && s->sb[0] == TN_OPT_TTYPE && s->sb[1] == TTYPE_IS)
		return ttype_is(s);
	return bad(s, "unexpected subnegotiation");
}

static int record_end(struct tn_session *s)
{
	size_t len = s->rec_len;
	bool over = s->rec_overflow;

	s->rec_len = 0;
	s->rec_overflow = false;
	if (over)
		return bad(s, "records longer than any screen");
	if (s->state != TN_BOUND)
		return bad(s, "3270 data before the negotiation ended");
	if (len)
		s->ops->record(s->ctx, s->rec, len);
	return 0;
}

static void data_byte(struct tn_session *s, uint8_t c)
{
	if (s->rec_len < sizeof(s->rec))
		s->rec[s->rec_len++] = c;
	else
		s->rec_overflow = true;
}

int tn_input(struct tn_session *s, const uint8_t *data, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		uint8_t c = data[i];

		if (s->state == TN_FAILED)
			return -1;
		switch (s->tstate) {
		case T_DATA:
			if (c == TN_IAC)
				s->tstate = T_IAC;
			else
				data_byte(s, c);
			break;
		case T_IAC:
			s->tstate = T_DATA;
			if (c == TN_IAC) {
				data_byte(s, c);
			} else if (c == TN_EOR) {
				if (record_end(s) < 0)
					return -1;
			} else if (c >= TN_WILL && c <= TN_DONT) {
				s->opt_verb = c;
				s->tstate = T_OPT;
			} else if (c == TN_SB) {
				s->sb_len = 0;
				s->tstate = T_SB;
			} else if (c < TN_SE) {
				if (bad(s, "bad telnet command") < 0)
					return -1;
			} /* NOP, DM, BRK, IP, AO, AYT, EC, EL, GA: nothing to do */
			break;
		case T_OPT:
			s->tstate = T_DATA;
			if (option(s, s->opt_verb, c) < 0)
				return -1;
			break;
		case T_SB:
			if (c == TN_IAC) {
				s->tstate = T_SB_IAC;
			} else if (s->sb_len < sizeof(s->sb)) {
				s->sb[s->sb_len++] = c;
			} else {
				return fail(s, "subnegotiation too long");
			}
			break;
		case T_SB_IAC:
			if (c == TN_SE) {
				s->tstate = T_DATA;
				if (subneg(s) < 0)
					return -1;
			} else if (c == TN_IAC && s->sb_len < sizeof(s->sb)) {
				s->sb[s->sb_len++] = c;
				s->tstate = T_SB;
			} else {
				return fail(s, "bad subnegotiation");
			}
			break;
		}
	}
	return s->state == TN_FAILED ? -1 : 0;
}

void tn_send_record(struct tn_session *s, const uint8_t *data, size_t len)
{
	static const uint8_t eor[] = { TN_IAC, TN_EOR };
	size_t start = 0;

	for (size_t i = 0; i < len; i++) {
		if (data[i] != TN_IAC)
			continue;
		s->ops->to_client(s->ctx, data + start, i + 1 - start);
		start = i; /* the IAC goes again: doubled */
	}
	s->ops->to_client(s->ctx, data + start, len - start);
	s->ops->to_client(s->ctx, eor, sizeof(eor));
}

bool tn_is_query(const uint8_t *d, size_t len)
{
	size_t pos = 0;

	while (pos + 3 <= len) {
		size_t sflen = (size_t)d[pos] << 8 | d[pos + 1];

		if (sflen == 0)
			sflen = len - pos; /* to the end */
		if (sflen < 3 || pos + sflen > len)
			return false;
		if (d[pos + 2] == 0x01 && sflen >= 5 && d[pos + 4] == 0x02)
			return true; /* Read Partition, type Query */
		pos += sflen;
	}
	return false;
}

size_t tn_query_reply(unsigned rows, unsigned cols, uint8_t *out, size_t size)
{
	const uint8_t reply[] = {
		0x88,					/* AID: structured field */
		0x00, 0x17, 0x81, 0x81,			/* Usable Area */
		0x01, 0x00,				/* 12/14-bit addressing, no flags */
		(uint8_t)(cols >> 8), (uint8_t)cols,	/* width */
		(uint8_t)(rows >> 8), (uint8_t)rows,	/* height */
		0x01,					/* units: mm */
		0x00, 0x0a, 0x02, 0xe5,			/* horizontal distance between points */
		0x00, 0x02, 0x00, 0x6f,			/* vertical */
		0x09, 0x0c,				/* cell width and height */
		(uint8_t)((rows * cols) >> 8), (uint8_t)(rows * cols), /* buffer size */
	};

	if (size < sizeof(reply))
		return 0;
	memcpy(out, reply, sizeof(reply));
	return sizeof(reply);
}
