/*
 * Outbound 3270 data stream: screen geometry, buffer address encoding and decoding, and a
 * bounded builder whose emitters append one command, WCC, order or run of text each.
 *
 * Emitters never write past ds_buf.size: an item that does not fit sets ds_buf.overflow, is
 * dropped whole, and every later emitter does nothing, so a caller checks once at the end.
 * An address outside the screen also sets overflow, since the stream would be wrong.
 * Covered by tests/unit/test_ds3270.c and tests/fuzz/fuzz_rm3270.c.
 */
#include <console/ds3270.h>
#include <lib/ebcdic.h>
#include <lib/string.h>

/* 6-bit value -> graphic code, for 12-bit addresses, the WCC and field attributes. */
static const uint8_t code6[64] = {
	0x40, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7,
	0xc8, 0xc9, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f,
	0x50, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7,
	0xd8, 0xd9, 0x5a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f,
	0x60, 0x61, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,
	0xe8, 0xe9, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
	0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
	0xf8, 0xf9, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f,
};

static const struct screen_geom model_geom[] = {
	[2] = { .rows = 24, .cols = 80 },
	[3] = { .rows = 32, .cols = 80 },
	[4] = { .rows = 43, .cols = 80 },
	[5] = { .rows = 27, .cols = 132 },
};

/**
 * ds_model_geom() - screen geometry of a 3278/3279 model
 * @model: 2, 3, 4 or 5
 * @g: filled in, with 12-bit addressing
 *
 * Return: 0, or DS_EINVAL for an unknown model (@g untouched).
 */
int ds_model_geom(unsigned int model, struct screen_geom *g)
{
	if (model < 2 || model > 5)
		return DS_EINVAL;
	*g = model_geom[model];
	return 0;
}

/**
 * ds_uses_addr14() - whether addresses on this screen are sent in 14-bit form
 * @g: screen geometry
 *
 * Return: true if 14-bit addressing was asked for or the buffer has more than 4096 positions.
 */
bool ds_uses_addr14(const struct screen_geom *g)
{
	return g->addr14 || screen_size(g) > DS_ADDR12_LIMIT;
}

/**
 * ds_code6() - the graphic code of a 6-bit value
 * @v: value; only its low 6 bits are used
 *
 * Return: the byte of the address code table.
 */
uint8_t ds_code6(unsigned int v)
{
	return code6[v & 0x3f];
}

/**
 * ds_addr_encode() - encode a buffer address in the form the screen uses
 * @g: screen geometry
 * @addr: buffer address, row * cols + col
 * @out: the two address bytes
 *
 * Return: 0, or DS_ERANGE if @addr is beyond the screen or the 14-bit range.
 */
int ds_addr_encode(const struct screen_geom *g, unsigned int addr, uint8_t out[2])
{
	if (addr >= screen_size(g) || addr >= DS_ADDR14_LIMIT)
		return DS_ERANGE;
	if (ds_uses_addr14(g)) {
		out[0] = (uint8_t)(addr >> 8);
		out[1] = (uint8_t)addr;
	} else {
		out[0] = code6[addr >> 6];
		out[1] = code6[addr & 0x3f];
	}
	return 0;
}

/**
 * ds_addr_decode() - decode a buffer address, recognising its form
 * @in: the two address bytes
 * @addr: the decoded address
 *
 * The top two bits of the first byte tell the form: 00 is 14-bit binary, 01 and 11 are 12-bit
 * coded (the low 6 bits of each byte), 10 is reserved.
 *
 * Return: 0, or DS_EINVAL for the reserved form. The caller checks the screen bound.
 */
int ds_addr_decode(const uint8_t in[2], unsigned int *addr)
{
	switch (in[0] >> 6) {
	case 0:
		*addr = ((unsigned int)in[0] << 8) | in[1];
		return 0;
	case 1:
	case 3:
		*addr = ((unsigned int)(in[0] & 0x3f) << 6) | (in[1] & 0x3f);
		return 0;
	default:
		return DS_EINVAL;
	}
}

/**
 * ds_init() - start an empty stream in a caller's buffer
 * @b: builder
 * @data: buffer
 * @size: its size in bytes
 */
void ds_init(struct ds_buf *b, uint8_t *data, size_t size)
{
	b->data = data;
	b->size = size;
	b->len = 0;
	b->overflow = false;
}

/* Room for @n more bytes? If not, mark the stream as failed. */
static bool ds_room(struct ds_buf *b, size_t n)
{
	if (b->overflow || n > b->size - b->len) {
		b->overflow = true;
		return false;
	}
	return true;
}

static void ds_put(struct ds_buf *b, const uint8_t *p, size_t n)
{
	if (!ds_room(b, n))
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

/**
 * ds_byte() - append one raw byte
 * @b: builder
 * @c: byte
 */
void ds_byte(struct ds_buf *b, uint8_t c)
{
	ds_put(b, &c, 1);
}

/**
 * ds_cmd() - append a command code (TC_* or TC_SNA_*)
 * @b: builder
 * @cmd: command
 */
void ds_cmd(struct ds_buf *b, uint8_t cmd)
{
	ds_byte(b, cmd);
}

/**
 * ds_wcc() - append a Write Control Character
 * @b: builder
 * @wcc: TW_* bits; bits 2-7 are sent through the address code table
 */
void ds_wcc(struct ds_buf *b, uint8_t wcc)
{
	ds_byte(b, code6[wcc & 0x3f]);
}

/* Append @order followed by the encoded @addr, and @extra bytes. */
static void ds_addr_order(struct ds_buf *b, const struct screen_geom *g, uint8_t order,
			  unsigned int addr, const uint8_t *extra, size_t n)
{
	uint8_t o[4];

	if (ds_addr_encode(g, addr, o + 1) < 0) {
		b->overflow = true;
		return;
	}
	o[0] = order;
	if (n)
		memcpy(o + 3, extra, n);
	ds_put(b, o, 3 + n);
}

/**
 * ds_sba() - append Set Buffer Address
 * @b: builder
 * @g: screen geometry (chooses 12- or 14-bit form)
 * @row: row, from 0
 * @col: column, from 0
 */
void ds_sba(struct ds_buf *b, const struct screen_geom *g, unsigned int row, unsigned int col)
{
	if (row >= g->rows || col >= g->cols) {
		b->overflow = true;
		return;
	}
	ds_addr_order(b, g, TO_SBA, row * g->cols + col, NULL, 0);
}

/**
 * ds_sf() - append Start Field
 * @b: builder
 * @attr: TF_* bits; bits 2-7 are sent through the address code table
 */
void ds_sf(struct ds_buf *b, uint8_t attr)
{
	uint8_t o[2] = { TO_SF, code6[attr & 0x3f] };

	ds_put(b, o, sizeof(o));
}

/* SFE and MF: order, pair count, pairs. */
static void ds_pairs(struct ds_buf *b, uint8_t order, const struct ds_attr *pairs, size_t n)
{
	if (n > 255 || !ds_room(b, 2 + 2 * n)) {
		b->overflow = true;
		return;
	}
	b->data[b->len++] = order;
	b->data[b->len++] = (uint8_t)n;
	for (size_t i = 0; i < n; i++) {
		uint8_t v = pairs[i].value;

		if (pairs[i].type == TAT_FIELD)
			v = code6[v & 0x3f];
		b->data[b->len++] = pairs[i].type;
		b->data[b->len++] = v;
	}
}

/**
 * ds_sfe() - append Start Field Extended
 * @b: builder
 * @pairs: attribute type/value pairs; a TAT_FIELD value is coded like ds_sf()'s attribute
 * @n: number of pairs (at most 255)
 */
void ds_sfe(struct ds_buf *b, const struct ds_attr *pairs, size_t n)
{
	ds_pairs(b, TO_SFE, pairs, n);
}

/**
 * ds_mf() - append Modify Field
 * @b: builder
 * @pairs: attribute type/value pairs, as for ds_sfe()
 * @n: number of pairs (at most 255)
 */
void ds_mf(struct ds_buf *b, const struct ds_attr *pairs, size_t n)
{
	ds_pairs(b, TO_MF, pairs, n);
}

/**
 * ds_sa() - append Set Attribute
 * @b: builder
 * @type: TAT_* (TAT_ALL resets all character attributes)
 * @value: its value
 */
void ds_sa(struct ds_buf *b, uint8_t type, uint8_t value)
{
	uint8_t o[3] = { TO_SA, type, value };

	ds_put(b, o, sizeof(o));
}

/**
 * ds_ic() - append Insert Cursor (the cursor goes to the current buffer address)
 * @b: builder
 */
void ds_ic(struct ds_buf *b)
{
	ds_byte(b, TO_IC);
}

/**
 * ds_pt() - append Program Tab
 * @b: builder
 */
void ds_pt(struct ds_buf *b)
{
	ds_byte(b, TO_PT);
}

/**
 * ds_ra() - append Repeat to Address
 * @b: builder
 * @g: screen geometry
 * @addr: stop address (exclusive)
 * @ebc: the EBCDIC character to repeat (0x00 for nulls)
 */
void ds_ra(struct ds_buf *b, const struct screen_geom *g, unsigned int addr, uint8_t ebc)
{
	ds_addr_order(b, g, TO_RA, addr, &ebc, 1);
}

/**
 * ds_eua() - append Erase Unprotected to Address
 * @b: builder
 * @g: screen geometry
 * @addr: stop address (exclusive)
 */
void ds_eua(struct ds_buf *b, const struct screen_geom *g, unsigned int addr)
{
	ds_addr_order(b, g, TO_EUA, addr, NULL, 0);
}

/**
 * ds_text() - append text, converted from ASCII (Latin-1) to EBCDIC CP037
 * @b: builder
 * @ascii: text; NULs included are converted like any byte
 * @len: its length
 *
 * A character whose EBCDIC code is below 0x40 would be read as an order, so it is sent as a
 * space. All of @len is appended, or nothing.
 */
void ds_text(struct ds_buf *b, const char *ascii, size_t len)
{
	if (!ds_room(b, len))
		return;
	for (size_t i = 0; i < len; i++) {
		uint8_t c = ascii_char_to_ebcdic(EBCDIC_CP037, ascii[i]);

		b->data[b->len++] = c < DS_CHAR_SPACE ? DS_CHAR_SPACE : c;
	}
}
