/*
 * A small 3270 terminal for host unit tests (see term3270_sim.h): enough of the 3270 data
 * stream to check what a renderer draws, and an operator who types and presses keys.
 *
 * Rules followed, as on a real terminal: Erase/Write nulls the buffer and drops all fields;
 * the WCC's "reset MDT" applies before the orders; Repeat to Address whose stop address is
 * the current one fills the whole buffer; data written by the program into a field does not
 * set its modified data tag; typing does; Read Modified returns each field whose tag is set,
 * as SBA to its first data position and its data without nulls.
 */
#include <string.h>
#include <console/ds3270.h>
#include <lib/ebcdic.h>
#include "term3270_sim.h"

static unsigned int size_of(const struct term3270 *t)
{
	return screen_size(&t->geom);
}

void term3270_init(struct term3270 *t, const struct screen_geom *g)
{
	memset(t, 0, sizeof(*t));
	t->geom = *g;
}

static void erase_all(struct term3270 *t)
{
	memset(t->text, 0, sizeof(t->text));
	memset(t->is_attr, 0, sizeof(t->is_attr));
	memset(t->attr, 0, sizeof(t->attr));
	t->cursor = 0;
}

static void put_char(struct term3270 *t, unsigned int *addr, char c)
{
	t->text[*addr] = c;
	t->is_attr[*addr] = false;
	t->attr[*addr] = 0;
	t->touched[*addr] = true;
	*addr = (*addr + 1) % size_of(t);
}

static int get_addr(struct term3270 *t, const uint8_t *p, unsigned int *addr)
{
	if (ds_addr_decode(p, addr) < 0 || *addr >= size_of(t))
		return -1;
	return 0;
}

int term_apply(struct term3270 *t, uint8_t cmd, const uint8_t *data, size_t len)
{
	unsigned int addr = 0, stop;
	size_t p = 1;

	memset(t->touched, 0, sizeof(t->touched));
	t->last_cmd = cmd;
	t->last_ic = false;
	t->writes++;
	if (cmd == TC_EWRITE || cmd == TC_EWRITEA)
		erase_all(t);
	else if (cmd != TC_WRITE)
		return -1;
	if (len < 1)
		return -1;
	t->last_wcc = data[0] & 0x3f;
	if (t->last_wcc & TW_RESET_MDT)
		for (unsigned int a = 0; a < size_of(t); a++)
			if (t->is_attr[a])
				t->attr[a] &= (uint8_t)~TF_MDT;
	while (p < len) {
		uint8_t c = data[p];

		switch (c) {
		case TO_SBA:
			if (len - p < 3 || get_addr(t, data + p + 1, &addr))
				return -1;
			p += 3;
			break;
		case TO_SF:
			if (len - p < 2)
				return -1;
			t->text[addr] = '\0';
			t->is_attr[addr] = true;
			t->attr[addr] = data[p + 1] & 0x3f;
			t->touched[addr] = true;
			addr = (addr + 1) % size_of(t);
			p += 2;
			break;
		case TO_SFE:
		case TO_MF:
			if (len - p < 2 || len - p < 2 + 2 * (size_t)data[p + 1])
				return -1;
			if (c == TO_SFE) {
				uint8_t a = 0;

				for (unsigned int i = 0; i < data[p + 1]; i++)
					if (data[p + 2 + 2 * i] == TAT_FIELD)
						a = data[p + 3 + 2 * i] & 0x3f;
				t->text[addr] = '\0';
				t->is_attr[addr] = true;
				t->attr[addr] = a;
				t->touched[addr] = true;
				addr = (addr + 1) % size_of(t);
			}
			p += 2 + 2 * (size_t)data[p + 1];
			break;
		case TO_SA:
			if (len - p < 3)
				return -1;
			p += 3;
			break;
		case TO_IC:
			t->cursor = addr;
			t->last_ic = true;
			p++;
			break;
		case TO_PT:
			p++;
			break;
		case TO_RA:
			if (len - p < 4 || get_addr(t, data + p + 1, &stop))
				return -1;
			if (data[p + 3] == TO_GE)
				return -1;	/* not needed by our renderers */
			do {
				uint8_t e = data[p + 3];

				put_char(t, &addr, e ? ebcdic_char_to_ascii(EBCDIC_CP037, e) : '\0');
			} while (addr != stop);
			p += 4;
			break;
		case TO_EUA:
			if (len - p < 3 || get_addr(t, data + p + 1, &stop))
				return -1;
			do {
				if (!t->is_attr[addr] && !term_protected(t, addr)) {
					t->text[addr] = '\0';
					t->touched[addr] = true;
				}
				addr = (addr + 1) % size_of(t);
			} while (addr != stop);
			p += 3;
			break;
		case TO_GE:
			if (len - p < 2)
				return -1;
			put_char(t, &addr, ebcdic_char_to_ascii(EBCDIC_CP037, data[p + 1]));
			p += 2;
			break;
		default:
			if (c < DS_CHAR_SPACE && c != DS_CHAR_NULL)
				return -1;
			put_char(t, &addr, c ? ebcdic_char_to_ascii(EBCDIC_CP037, c) : '\0');
			p++;
			break;
		}
	}
	if (t->last_wcc & TW_KR)
		t->kb_locked = false;
	return 0;
}

int term_field_start(const struct term3270 *t, unsigned int addr)
{
	unsigned int n = size_of(t);

	for (unsigned int i = 0; i < n; i++) {
		unsigned int a = (addr + n - i) % n;

		if (t->is_attr[a])
			return (int)a;
	}
	return -1;
}

uint8_t term_field_attr(const struct term3270 *t, unsigned int addr)
{
	int a = term_field_start(t, addr);

	return a < 0 ? 0 : t->attr[a];
}

bool term_protected(const struct term3270 *t, unsigned int addr)
{
	return t->is_attr[addr] || (term_field_attr(t, addr) & TF_PROT);
}

static char *copy_out(const struct term3270 *t, unsigned int row, unsigned int col,
		      unsigned int n, char *buf, bool visible)
{
	unsigned int addr = row * t->geom.cols + col;

	for (unsigned int i = 0; i < n; i++, addr++) {
		char c = addr < size_of(t) ? t->text[addr] : '\0';

		if (addr >= size_of(t) || t->is_attr[addr] || c == '\0')
			c = ' ';
		else if (visible && (term_field_attr(t, addr) & TF_DISP_MASK) == TF_NONDISP)
			c = ' ';
		buf[i] = c;
	}
	buf[n] = '\0';
	return buf;
}

char *term_visible(const struct term3270 *t, unsigned int row, unsigned int col, unsigned int n,
		   char *buf)
{
	return copy_out(t, row, col, n, buf, true);
}

char *term_raw(const struct term3270 *t, unsigned int row, unsigned int col, unsigned int n,
	       char *buf)
{
	return copy_out(t, row, col, n, buf, false);
}

bool term_has(const struct term3270 *t, unsigned int row, unsigned int col, const char *s)
{
	char buf[TERM3270_MAX + 1];
	size_t n = strlen(s);

	return strcmp(term_visible(t, row, col, (unsigned int)n, buf), s) == 0;
}

bool term_row_blank(const struct term3270 *t, unsigned int row)
{
	char buf[TERM3270_MAX + 1];

	term_visible(t, row, 0, t->geom.cols, buf);
	for (unsigned int i = 0; i < t->geom.cols; i++)
		if (buf[i] != ' ')
			return false;
	return true;
}

bool term_touched(const struct term3270 *t, unsigned int from, unsigned int to)
{
	for (unsigned int a = from; a < to && a < size_of(t); a++)
		if (t->touched[a])
			return true;
	return false;
}

int term_type(struct term3270 *t, const char *s)
{
	for (; *s; s++) {
		unsigned int a = t->cursor;
		int f = term_field_start(t, a);

		if (t->kb_locked || term_protected(t, a))
			return -1;
		t->text[a] = *s;
		if (f >= 0)
			t->attr[f] |= TF_MDT;
		/* the cursor skips attributes, as the typed character's field ends */
		do
			t->cursor = (t->cursor + 1) % size_of(t);
		while (t->is_attr[t->cursor] && t->cursor != a);
	}
	return 0;
}

int term_type_at(struct term3270 *t, unsigned int row, unsigned int col, const char *s)
{
	t->cursor = row * t->geom.cols + col;
	return term_type(t, s);
}

void term_clear(struct term3270 *t)
{
	erase_all(t);
}

static void put_addr(struct term3270 *t, unsigned int addr, uint8_t *out, size_t size,
		     size_t *n)
{
	uint8_t a[2];

	ds_addr_encode(&t->geom, addr, a);
	if (*n + 2 <= size) {
		out[*n] = a[0];
		out[*n + 1] = a[1];
	}
	*n += 2;
}

size_t term_read_modified(struct term3270 *t, uint8_t aid, uint8_t *out, size_t size)
{
	size_t n = 0;

	t->kb_locked = true;
	if (size)
		out[n] = aid;
	n++;
	if (aid == AID_PA1 || aid == AID_PA2 || aid == AID_PA3 || aid == AID_CLEAR)
		return n;
	put_addr(t, t->cursor, out, size, &n);
	for (unsigned int a = 0; a < size_of(t); a++) {
		unsigned int d;

		if (!t->is_attr[a] || !(t->attr[a] & TF_MDT))
			continue;
		d = (a + 1) % size_of(t);
		if (n < size)
			out[n] = TO_SBA;
		n++;
		put_addr(t, d, out, size, &n);
		for (; !t->is_attr[d]; d = (d + 1) % size_of(t)) {
			if (t->text[d]) {
				if (n < size)
					out[n] = ascii_char_to_ebcdic(EBCDIC_CP037, t->text[d]);
				n++;
			}
		}
	}
	return n < size ? n : size;
}
