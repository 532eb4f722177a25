/*
 * The logo screen (console/include/console/logo.h): an Erase/Write with the system name in
 * block letters, CP's info line, an intensified message line and the USERID, PASSWORD and
 * COMMAND input fields, and the parser that reads those fields back out of a Read Modified
 * reply by their buffer addresses.
 *
 * Layout on an R x C screen (at least 24x80; anything else is drawn as 24x80):
 *   row 0 col 0       protected attribute for the banner and text above the fields
 *   rows 2-6          the system name, 5 rows high, centred (plain text if it has characters
 *                     the font lacks)
 *   row 8             the info line, centred
 *   rows     instructions
 *   row R-5           the message, protected and intensified
 *   rows R-4 .. R-2   "USERID   ===>", "PASSWORD ===>", "COMMAND  ===>" at col 1, the input
 *                     field's attribute at col 14, its data from col 15, a protected
 *                     attribute right after it
 *   row R-1 col C-21  status area, as on CP's screen: "RUNNING" and the system name
 * Covered by tests/unit/test_logo.c and tests/unit/test_term.c.
 */
#include <console/logo.h>
#include <lib/ctype.h>
#include <lib/string.h>

#define GLYPH_ROWS   5
#define GLYPH_COLS   5
#define GLYPH_GAP    2
#define BANNER_ROW   2
#define INFO_ROW     8
#define FIELD_COL    15		/* first data column of the input fields */
#define SYSNAME_MAX  8

static const struct screen_geom logo_default_geom = { .rows = 24, .cols = 80 };

/* Block letters: one byte a row, bit 4 the leftmost column. */
static const uint8_t font_alpha[26][GLYPH_ROWS] = {
	{ 0x0e, 0x11, 0x1f, 0x11, 0x11 }, { 0x1e, 0x11, 0x1e, 0x11, 0x1e },	/* A B */
	{ 0x0f, 0x10, 0x10, 0x10, 0x0f }, { 0x1e, 0x11, 0x11, 0x11, 0x1e },	/* C D */
	{ 0x1f, 0x10, 0x1e, 0x10, 0x1f }, { 0x1f, 0x10, 0x1e, 0x10, 0x10 },	/* E F */
	{ 0x0f, 0x10, 0x13, 0x11, 0x0f }, { 0x11, 0x11, 0x1f, 0x11, 0x11 },	/* G H */
	{ 0x1f, 0x04, 0x04, 0x04, 0x1f }, { 0x07, 0x02, 0x02, 0x12, 0x0c },	/* I J */
	{ 0x11, 0x12, 0x1c, 0x12, 0x11 }, { 0x10, 0x10, 0x10, 0x10, 0x1f },	/* K L */
	{ 0x11, 0x1b, 0x15, 0x11, 0x11 }, { 0x11, 0x19, 0x15, 0x13, 0x11 },	/* M N */
	{ 0x0e, 0x11, 0x11, 0x11, 0x0e }, { 0x1e, 0x11, 0x1e, 0x10, 0x10 },	/* O P */
	{ 0x0e, 0x11, 0x15, 0x12, 0x0d }, { 0x1e, 0x11, 0x1e, 0x12, 0x11 },	/* Q R */
	{ 0x0f, 0x10, 0x0e, 0x01, 0x1e }, { 0x1f, 0x04, 0x04, 0x04, 0x04 },	/* S T */
	{ 0x11, 0x11, 0x11, 0x11, 0x0e }, { 0x11, 0x11, 0x11, 0x0a, 0x04 },	/* U V */
	{ 0x11, 0x11, 0x15, 0x1b, 0x11 }, { 0x11, 0x0a, 0x04, 0x0a, 0x11 },	/* W X */
	{ 0x11, 0x0a, 0x04, 0x04, 0x04 }, { 0x1f, 0x02, 0x04, 0x08, 0x1f },	/* Y Z */
};

static const uint8_t font_digit[10][GLYPH_ROWS] = {
	{ 0x0e, 0x13, 0x15, 0x19, 0x0e }, { 0x04, 0x0c, 0x04, 0x04, 0x0e },	/* 0 1 */
	{ 0x1e, 0x01, 0x0e, 0x10, 0x1f }, { 0x1e, 0x01, 0x0e, 0x01, 0x1e },	/* 2 3 */
	{ 0x11, 0x11, 0x1f, 0x01, 0x01 }, { 0x1f, 0x10, 0x1e, 0x01, 0x1e },	/* 4 5 */
	{ 0x0e, 0x10, 0x1e, 0x11, 0x0e }, { 0x1f, 0x01, 0x02, 0x04, 0x04 },	/* 6 7 */
	{ 0x0e, 0x11, 0x0e, 0x11, 0x0e }, { 0x0e, 0x11, 0x0f, 0x01, 0x0e },	/* 8 9 */
};

static const uint8_t font_dash[GLYPH_ROWS] = { 0x00, 0x00, 0x1f, 0x00, 0x00 };

/* The three input fields, top to bottom. */
enum logo_field { LF_USERID, LF_PASSWORD, LF_COMMAND, LF_COUNT };

static const struct {
	const char *label;
	unsigned int len;
	uint8_t attr;
} fields[LF_COUNT] = {
	[LF_USERID] = { "USERID   ===>", LOGO_USERID_LEN, TF_NORMAL },
	[LF_PASSWORD] = { "PASSWORD ===>", LOGO_PASSWORD_LEN, TF_NONDISP },
	[LF_COMMAND] = { "COMMAND  ===>", LOGO_COMMAND_LEN, TF_NORMAL },
};

/* The geometry the layout uses: @g when it is at least 24x80 and addressable. */
static const struct screen_geom *logo_geom(const struct screen_geom *g)
{
	if (g && g->rows >= 24 && g->cols >= 80 && screen_size(g) <= DS_ADDR14_LIMIT)
		return g;
	return &logo_default_geom;
}

static unsigned int field_row(const struct screen_geom *g, enum logo_field f)
{
	return g->rows - 4u + f;
}

static unsigned int field_addr(const struct screen_geom *g, enum logo_field f)
{
	return field_row(g, f) * g->cols + FIELD_COL;
}

static const uint8_t *glyph(char c)
{
	if (kislower((unsigned char)c))
		c = (char)ktoupper((unsigned char)c);
	if (kisupper((unsigned char)c))
		return font_alpha[c - 'A'];
	if (kisdigit((unsigned char)c))
		return font_digit[c - '0'];
	if (c == '-')
		return font_dash;
	return NULL;
}

static const char *str_or_empty(const char *s)
{
	return s ? s : "";
}

static void centred(struct ds_buf *out, const struct screen_geom *g, unsigned int row,
		    const char *text, size_t max)
{
	size_t n = strnlen(text, max);

	if (!n)
		return;
	ds_sba(out, g, row, (unsigned int)(g->cols - n) / 2);
	ds_text(out, text, n);
}

/* The system name in block letters, each drawn with its own character, or plain. */
static void banner(struct ds_buf *out, const struct screen_geom *g, const char *sysname)
{
	size_t n = strnlen(sysname, SYSNAME_MAX + 1);
	unsigned int width, col;
	char line[SYSNAME_MAX * (GLYPH_COLS + GLYPH_GAP)];

	for (size_t i = 0; i < n; i++) {
		if (!glyph(sysname[i]) || n > SYSNAME_MAX) {
			centred(out, g, BANNER_ROW + GLYPH_ROWS / 2, sysname, g->cols - 2);
			return;
		}
	}
	if (!n)
		return;
	width = (unsigned int)n * (GLYPH_COLS + GLYPH_GAP) - GLYPH_GAP;
	col = (g->cols - width) / 2;
	for (unsigned int r = 0; r < GLYPH_ROWS; r++) {
		memset(line, ' ', width);
		for (size_t i = 0; i < n; i++) {
			uint8_t bits = glyph(sysname[i])[r];
			char ch = (char)ktoupper((unsigned char)sysname[i]);

			for (unsigned int b = 0; b < GLYPH_COLS; b++)
				if (bits & (0x10 >> b))
					line[i * (GLYPH_COLS + GLYPH_GAP) + b] = ch;
		}
		ds_sba(out, g, BANNER_ROW + r, col);
		ds_text(out, line, width);
	}
}

/**
 * logo_render() - the logo screen as an Erase/Write stream (WCC and orders, no command)
 * @g: screen geometry; less than 24x80 is drawn (and parsed) as 24x80
 * @sysname: system name, shown big (up to 8 letters, digits or '-'; otherwise as plain text)
 * @info: one line under it, may be "" or NULL
 * @message: the message line, intensified, may be "" or NULL
 * @userid: prefilled user ID (the cursor then goes to PASSWORD), or NULL/"" for none
 * @out: stream builder; SCR_STREAM_MAX bytes always suffice
 *
 * A prefilled user ID is written with its modified data tag set, so it comes back in the
 * Read Modified reply even when the user only types the password.
 *
 * Return: TC_EWRITE for a 24x80 screen, TC_EWRITEA for any other size (Erase/Write would
 * switch the terminal to its 24x80 default), or -1 when @out is too small.
 */
int logo_render(const struct screen_geom *g, const char *sysname, const char *info,
		const char *message, const char *userid, struct ds_buf *out)
{
	static const char hint1[] = "Fill in your USERID and PASSWORD and press ENTER";
	static const char hint2[] = "(Your password will not appear when you type it)";
	const char *uid = str_or_empty(userid);
	size_t uid_len = strnlen(uid, LOGO_USERID_LEN);
	char name[SYSNAME_MAX + 1];
	size_t name_len;

	g = logo_geom(g);
	name_len = strlcpy(name, str_or_empty(sysname), sizeof(name));
	if (name_len > SYSNAME_MAX)
		name_len = SYSNAME_MAX;

	ds_wcc(out, TW_KR | TW_RESET_MDT);
	ds_sba(out, g, 0, 0);
	ds_sf(out, TF_PROT);
	banner(out, g, str_or_empty(sysname));
	centred(out, g, INFO_ROW, str_or_empty(info), g->cols - 2u);
	centred(out, g, g->rows - 7u, hint1, sizeof(hint1) - 1);
	centred(out, g, g->rows - 6u, hint2, sizeof(hint2) - 1);

	ds_sba(out, g, g->rows - 5u, 0);
	ds_sf(out, TF_PROT | TF_INTENSE);
	ds_text(out, str_or_empty(message), strnlen(str_or_empty(message), LOGO_MESSAGE_LEN));

	for (int f = LF_USERID; f < LF_COUNT; f++) {
		unsigned int row = field_row(g, f);
		uint8_t attr = fields[f].attr;

		if (f == LF_USERID && uid_len)
			attr |= TF_MDT;
		ds_sba(out, g, row, 0);
		ds_sf(out, TF_PROT);
		ds_text(out, fields[f].label, strlen(fields[f].label));
		ds_sf(out, attr);
		if (f == LF_USERID && uid_len)
			ds_text(out, uid, uid_len);
		ds_sba(out, g, row, FIELD_COL + fields[f].len);
		ds_sf(out, TF_PROT);
	}

	ds_sba(out, g, g->rows - 1u, g->cols - 21u);
	ds_sf(out, TF_PROT | TF_INTENSE);
	ds_text(out, "RUNNING     ", 12);
	ds_text(out, name, name_len);

	ds_sba(out, g, field_row(g, uid_len ? LF_PASSWORD : LF_USERID), FIELD_COL);
	ds_ic(out);
	if (out->overflow)
		return -1;
	return g->rows == 24 && g->cols == 80 ? TC_EWRITE : TC_EWRITEA;
}

/* Copy a field's text with nulls dropped and blanks trimmed at both ends, cut to @max. */
static void take(char *dst, const struct rm_field *f, size_t max)
{
	size_t n = 0, start = 0;

	while (start < f->len && (f->text[start] == ' ' || f->text[start] == '\0'))
		start++;
	for (size_t i = start; i < f->len && n < max; i++)
		if (f->text[i] != '\0')
			dst[n++] = f->text[i];
	while (n && dst[n - 1] == ' ')
		n--;
	dst[n] = '\0';
}

/**
 * logo_parse() - the fields of a Read Modified reply to the logo screen
 * @g: the geometry logo_render() was given
 * @in: the reply, parsed by rm_parse()
 * @out: the three fields; those not in the reply are empty; the user ID in upper case
 *
 * Return: 0, or -1 when a field in the reply is not one of the logo screen's input fields.
 */
int logo_parse(const struct screen_geom *g, const struct rm_input *in, struct logo_input *out)
{
	memset(out, 0, sizeof(*out));
	g = logo_geom(g);
	for (unsigned int i = 0; i < in->nfields && i < RM_MAX_FIELDS; i++) {
		const struct rm_field *f = &in->field[i];

		if (!f->text) {
			memset(out, 0, sizeof(*out));
			return -1;
		}
		if (f->addr == field_addr(g, LF_USERID)) {
			take(out->userid, f, LOGO_USERID_LEN);
			str_toupper_inplace(out->userid);
		} else if (f->addr == field_addr(g, LF_PASSWORD)) {
			take(out->password, f, LOGO_PASSWORD_LEN);
		} else if (f->addr == field_addr(g, LF_COMMAND)) {
			take(out->command, f, LOGO_COMMAND_LEN);
		} else {
			memset(out, 0, sizeof(*out));
			return -1;
		}
	}
	return 0;
}
