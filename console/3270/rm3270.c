/*
 * Inbound 3270 data stream: the reply to Read Modified (or an attention's read).
 *
 * A reply is the AID alone (a short read, after PA1-3 or Clear) or the AID, the cursor address
 * and then each modified field as SBA, address and data. Data of an unformatted screen comes
 * without an SBA and is reported as one field at address 0. The parser trusts nothing: it
 * never reads past the input nor writes past the caller's buffers, and rejects a truncated
 * order, an address beyond the screen, an unknown control byte, too many fields or too much
 * data with a negative DS_E* code. Input is one TN3270 record with telnet framing removed; a
 * trailing IAC EOR left in place is tolerated and ignored.
 * Covered by tests/unit/test_ds3270.c and tests/fuzz/fuzz_rm3270.c.
 */
#include <console/ds3270.h>
#include <lib/ebcdic.h>
#include <lib/string.h>

/**
 * rm_aid_valid() - whether a byte is an AID a Read Modified reply can start with
 * @aid: the byte
 *
 * Return: true for Enter, PF1-24, PA1-3, Clear, SysReq and "no AID".
 */
bool rm_aid_valid(uint8_t aid)
{
	switch (aid) {
	case AID_NONE:
	case AID_SYSREQ:
	case AID_ENTER:
	case AID_CLEAR:
	case AID_PA1:
	case AID_PA2:
	case AID_PA3:
		return true;
	default:
		return rm_aid_pf(aid) > 0;
	}
}

/**
 * rm_aid_pf() - the PF key number of an AID
 * @aid: the AID
 *
 * Return: 1-24 for PF1-PF24, 0 for any other AID.
 */
int rm_aid_pf(uint8_t aid)
{
	if (aid >= AID_PF1 && aid <= AID_PF9)
		return aid - AID_PF1 + 1;
	if (aid >= AID_PF10 && aid <= AID_PF12)
		return aid - AID_PF10 + 10;
	if (aid >= AID_PF13 && aid <= AID_PF21)
		return aid - AID_PF13 + 13;
	if (aid >= AID_PF22 && aid <= AID_PF24)
		return aid - AID_PF22 + 22;
	return 0;
}

static bool aid_short_read(uint8_t aid)
{
	return aid == AID_PA1 || aid == AID_PA2 || aid == AID_PA3 || aid == AID_CLEAR;
}

/* Decode the address at @in (2 bytes, known present) and check it against the screen. */
static int rm_addr(const uint8_t *in, const struct screen_geom *g, unsigned int *addr)
{
	int rc = ds_addr_decode(in, addr);

	if (rc < 0)
		return rc;
	return *addr < screen_size(g) ? 0 : DS_ERANGE;
}

/* Open field @addr in @out; its text starts at the next free byte of the caller's buffer. */
static int rm_open(struct rm_input *out, const struct screen_geom *g, unsigned int addr)
{
	struct rm_field *f;

	if (out->nfields >= RM_MAX_FIELDS)
		return DS_E2BIG;
	if (!out->buf || out->used >= out->buf_size)
		return DS_ENOSPC;
	f = &out->field[out->nfields++];
	f->addr = (uint16_t)addr;
	f->row = (uint16_t)(addr / g->cols);
	f->col = (uint16_t)(addr % g->cols);
	f->text = out->buf + out->used;
	f->len = 0;
	/* Keep the text NUL-terminated at every step: room for the NUL is reserved. */
	out->buf[out->used] = '\0';
	return 0;
}

/* Append one EBCDIC data byte to the open field. */
static int rm_put(struct rm_input *out, uint8_t ebc)
{
	struct rm_field *f = &out->field[out->nfields - 1];

	/* used indexes the NUL; we need one more byte for the new NUL */
	if (out->buf_size - out->used < 2)
		return DS_ENOSPC;
	/* What a terminal sends may go on to other screens (a LOGON user ID, MSG text). */
	out->buf[out->used++] = text_safe_char(ebcdic_char_to_ascii(EBCDIC_CP037, ebc));
	out->buf[out->used] = '\0';
	f->len++;
	return 0;
}

/* Close the open field, if any: its NUL is counted as used. */
static void rm_close(struct rm_input *out, bool *open)
{
	if (*open)
		out->used++;
	*open = false;
}

/**
 * rm_parse() - parse a Read Modified reply
 * @in: the inbound bytes
 * @len: their number
 * @g: screen geometry the reply is about
 * @out: result; the caller sets @out->buf and @out->buf_size, where the fields' ASCII text goes,
 *	 each NUL-terminated; nulls (0x00) in field data are dropped, SA orders skipped
 *
 * Return: 0 on success, or a negative DS_E* code; after an error @out holds a partial result
 * that must not be used, but nothing outside @out and its buffer was written.
 */
int rm_parse(const uint8_t *in, size_t len, const struct screen_geom *g, struct rm_input *out)
{
	unsigned int addr;
	bool open = false;
	size_t p;
	int rc;

	out->aid = 0;
	out->short_read = false;
	out->cursor = out->cursor_row = out->cursor_col = 0;
	out->nfields = 0;
	out->used = 0;
	if (!g->cols || !g->rows || screen_size(g) > DS_ADDR14_LIMIT)
		return DS_EINVAL;
	if (len >= 2 && in[len - 2] == TN_IAC && in[len - 1] == TN_EOR)
		len -= 2;
	if (len == 0)
		return DS_ETRUNC;

	out->aid = in[0];
	if (!rm_aid_valid(out->aid))
		return DS_EINVAL;
	if (len == 1) {
		if (!aid_short_read(out->aid))
			return DS_ETRUNC;
		out->short_read = true;
		return 0;
	}
	if (len < 3)
		return DS_ETRUNC;
	rc = rm_addr(in + 1, g, &addr);
	if (rc < 0)
		return rc;
	out->cursor = (uint16_t)addr;
	out->cursor_row = (uint16_t)(addr / g->cols);
	out->cursor_col = (uint16_t)(addr % g->cols);

	for (p = 3; p < len;) {
		uint8_t c = in[p];

		if (c == TO_SBA) {
			if (len - p < 3)
				return DS_ETRUNC;
			rc = rm_addr(in + p + 1, g, &addr);
			if (rc < 0)
				return rc;
			rm_close(out, &open);
			rc = rm_open(out, g, addr);
			if (rc < 0)
				return rc;
			open = true;
			p += 3;
			continue;
		}
		if (c == DS_CHAR_NULL) {
			p++;
			continue;
		}
		if (!open) {
			/* data of an unformatted screen */
			rc = rm_open(out, g, 0);
			if (rc < 0)
				return rc;
			open = true;
		}
		if (c == TO_SA) {
			if (len - p < 3)
				return DS_ETRUNC;
			p += 3;
			continue;
		}
		if (c == TO_GE) {
			if (len - p < 2)
				return DS_ETRUNC;
			c = in[p + 1];
			p++;
		} else if (c < DS_CHAR_SPACE && c != DS_CHAR_DUP && c != DS_CHAR_FM) {
			return DS_EINVAL;
		}
		rc = rm_put(out, c);
		if (rc < 0)
			return rc;
		p++;
	}
	rm_close(out, &open);
	return 0;
}
