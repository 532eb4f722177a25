/*
 * CMS files as punched cards (the header card, CARD and PACK encodings) and CP's reader list
 * read back from QUERY READER ALL. The formats are described in cms/include/cms/spoolcard.h.
 * Portable; tests: tests/unit/test_spoolcard.c.
 */
#include <cms/spoolcard.h>
#include <lib/ctype.h>
#include <lib/ebcdic.h>
#include <lib/string.h>

#define HDR_CP EBCDIC_CP1047

/* Header card columns (0-based offsets, widths). */
#define H_TAG	  0
#define H_FN	  7
#define H_FT	  16
#define H_FM	  25
#define H_MARK	  28
#define H_RECFM	  33
#define H_LRECL	  35
#define H_RECS	  41
#define H_ENC	  52
#define LRECL_W	  5
#define RECS_W	  10

bool spool_header_wants_pack(char recfm, uint32_t lrecl)
{
	return recfm != 'F' || lrecl == 0 || lrecl > CARD_LEN;
}

static void put_decimal(char *dst, unsigned width, uint32_t v)
{
	for (unsigned i = width; i-- > 0; v /= 10)
		dst[i] = (char)('0' + v % 10);
}

void spool_header_encode(const struct spool_header *h, uint8_t card[CARD_LEN])
{
	char text[CARD_LEN + 1];

	memset(text, ' ', CARD_LEN);
	text[CARD_LEN] = 0;
	memcpy(text + H_TAG, ":READ", 5);
	memcpy(text + H_FN, h->fn, strnlen(h->fn, 8));
	memcpy(text + H_FT, h->ft, strnlen(h->ft, 8));
	memcpy(text + H_FM, h->fm, strnlen(h->fm, 2));
	memcpy(text + H_MARK, "VM64", 4);
	text[H_RECFM] = h->recfm == 'F' ? 'F' : 'V';
	put_decimal(text + H_LRECL, LRECL_W, h->lrecl > 99999 ? 99999 : h->lrecl);
	put_decimal(text + H_RECS, RECS_W, h->records);
	memcpy(text + H_ENC, h->packed ? "PACK" : "CARD", 4);
	ascii_to_ebcdic(HDR_CP, card, text, CARD_LEN);
}

/* A blank-padded word of @text at [@off, @off + @width) as a C string; false if it has a
 * blank inside or is not a CMS name (A-Z 0-9 $ # @ + - : _). */
static bool get_name(const char *text, unsigned off, unsigned width, char *dst)
{
	unsigned n = 0;

	while (n < width && text[off + n] != ' ')
		n++;
	for (unsigned i = n; i < width; i++)
		if (text[off + i] != ' ')
			return false;
	for (unsigned i = 0; i < n; i++) {
		char c = text[off + i];

		if (!kisupper(c) && !kisdigit(c) && !strchr("$#@+-:_", c))
			return false;
		dst[i] = c;
	}
	dst[n] = 0;
	return n > 0;
}

static bool get_decimal(const char *text, unsigned off, unsigned width, uint32_t *v)
{
	uint64_t x = 0;

	for (unsigned i = 0; i < width; i++) {
		if (!kisdigit(text[off + i]))
			return false;
		x = x * 10 + (uint64_t)(text[off + i] - '0');
	}
	if (x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

int spool_header_decode(const uint8_t card[CARD_LEN], struct spool_header *h)
{
	char text[CARD_LEN + 1];

	ebcdic_to_ascii(HDR_CP, text, card, CARD_LEN);
	text[CARD_LEN] = 0;
	memset(h, 0, sizeof(*h));
	if (memcmp(text, ":READ ", 6) != 0)
		return -1;
	if (!get_name(text, H_FN, 8, h->fn) || text[H_FN + 8] != ' ' ||
	    !get_name(text, H_FT, 8, h->ft))
		return -1;
	if (kisupper(text[H_FM]) && (text[H_FM + 1] == ' ' || kisdigit(text[H_FM + 1]))) {
		h->fm[0] = text[H_FM];
		h->fm[1] = text[H_FM + 1] == ' ' ? 0 : text[H_FM + 1];
	}
	h->recfm = 'F';
	h->lrecl = CARD_LEN;
	if (memcmp(text + H_MARK, "VM64 ", 5) != 0)
		return 0; /* a plain :READ card */
	if ((text[H_RECFM] != 'F' && text[H_RECFM] != 'V') ||
	    !get_decimal(text, H_LRECL, LRECL_W, &h->lrecl) ||
	    !get_decimal(text, H_RECS, RECS_W, &h->records) || h->lrecl > SPOOL_REC_MAX)
		return -1;
	h->recfm = text[H_RECFM];
	if (!memcmp(text + H_ENC, "PACK", 4))
		h->packed = true;
	else if (memcmp(text + H_ENC, "CARD", 4) != 0)
		return -1;
	if (!h->packed && spool_header_wants_pack(h->recfm, h->lrecl))
		return -1; /* CARD only carries F records of 1..80 bytes */
	h->vm64 = true;
	return 0;
}

void spool_pack_init(struct spool_packer *p)
{
	p->used = 0;
}

static int pack_bytes(struct spool_packer *p, const uint8_t *b, size_t n, spool_card_fn emit,
		      void *ctx)
{
	while (n) {
		size_t take = CARD_LEN - p->used;
		int rc;

		if (take > n)
			take = n;
		memcpy(p->card + p->used, b, take);
		p->used += take;
		b += take;
		n -= take;
		if (p->used == CARD_LEN) {
			p->used = 0;
			rc = emit(ctx, p->card);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int spool_pack_record(struct spool_packer *p, const uint8_t *rec, size_t len, spool_card_fn emit,
		      void *ctx)
{
	uint8_t prefix[2] = {(uint8_t)(len >> 8), (uint8_t)len};
	int rc;

	if (len > SPOOL_REC_MAX)
		return -1;
	rc = pack_bytes(p, prefix, 2, emit, ctx);
	return rc ? rc : pack_bytes(p, rec, len, emit, ctx);
}

int spool_pack_flush(struct spool_packer *p, spool_card_fn emit, void *ctx)
{
	if (!p->used)
		return 0;
	memset(p->card + p->used, 0, CARD_LEN - p->used);
	p->used = 0;
	return emit(ctx, p->card);
}

int spool_card_record(const uint8_t *rec, size_t len, spool_card_fn emit, void *ctx)
{
	uint8_t card[CARD_LEN];

	do {
		size_t n = len > CARD_LEN ? CARD_LEN : len;
		int rc;

		memcpy(card, rec, n);
		memset(card + n, CARD_BLANK, CARD_LEN - n);
		rc = emit(ctx, card);
		if (rc)
			return rc;
		rec += n;
		len -= n;
	} while (len);
	return 0;
}

void spool_unpack_init(struct spool_unpacker *u, uint8_t *rec, uint32_t records)
{
	memset(u, 0, sizeof(*u));
	u->rec = rec;
	u->left = records;
}

int spool_unpack_card(struct spool_unpacker *u, const uint8_t card[CARD_LEN], spool_rec_fn emit,
		      void *ctx)
{
	size_t i = 0;

	while (i < CARD_LEN && u->left) {
		if (u->lenhave < 2) {
			u->lenbuf[u->lenhave++] = card[i++];
			if (u->lenhave == 2) {
				u->need = (size_t)u->lenbuf[0] << 8 | u->lenbuf[1];
				u->have = 0;
			} else {
				continue;
			}
		} else {
			size_t take = u->need - u->have;

			if (take > CARD_LEN - i)
				take = CARD_LEN - i;
			memcpy(u->rec + u->have, card + i, take);
			u->have += take;
			i += take;
		}
		if (u->have == u->need) {
			int rc;

			u->lenhave = 0;
			u->left--;
			rc = emit(ctx, u->rec, u->need);
			if (rc)
				return rc;
		}
	}
	return 0;
}

bool spool_unpack_done(const struct spool_unpacker *u)
{
	return u->left == 0;
}

/* ---- QUERY READER ALL ---- */

/* Copies line [start, end) of @s into @dst (size @size, NUL-terminated, truncated). */
static void copy_line(char *dst, size_t size, const char *s, size_t len)
{
	if (len >= size)
		len = size - 1;
	memcpy(dst, s, len);
	dst[len] = 0;
}

/* The next blank-separated word of @line from *@pos into @dst (at most @size - 1 chars). */
static bool next_word(const char *line, size_t *pos, char *dst, size_t size)
{
	size_t i = *pos, n = 0;

	while (line[i] == ' ')
		i++;
	if (!line[i])
		return false;
	while (line[i] && line[i] != ' ') {
		if (n + 1 < size)
			dst[n++] = line[i];
		i++;
	}
	dst[n] = 0;
	*pos = i;
	return true;
}

/* The column where @word starts in the heading, or -1. */
static int column(const char *heading, const char *word)
{
	size_t n = strlen(word);

	for (size_t i = 0; heading[i]; i++)
		if ((i == 0 || heading[i - 1] == ' ') && !strncmp(heading + i, word, n) &&
		    (heading[i + n] == ' ' || heading[i + n] == 0))
			return (int)i;
	return -1;
}

/* The word at column @col of @line (if the line reaches it and a word starts there). */
static void word_at(const char *line, int col, char *dst, size_t size)
{
	size_t pos = (size_t)col;

	dst[0] = 0;
	if (col < 0 || strlen(line) <= (size_t)col || line[col] == ' ')
		return;
	next_word(line, &pos, dst, size);
}

static bool parse_file_line(const char *heading, const char *line, struct rdr_file *f)
{
	char w[16], cpy[8], date[8], time[12];
	size_t pos = 0;
	uint64_t v;
	int name_col = column(heading, "NAME"), type_col = column(heading, "TYPE");

	memset(f, 0, sizeof(*f));
	if (!next_word(line, &pos, f->origin, sizeof(f->origin)) ||
	    !next_word(line, &pos, w, sizeof(w)) || str_to_u64(w, 10, &v) || v == 0 ||
	    v > 99999)
		return false;
	f->spoolid = (unsigned)v;
	if (!next_word(line, &pos, w, sizeof(w)) || strlen(w) != 1)
		return false;
	f->cls = w[0];
	if (!next_word(line, &pos, f->dev, sizeof(f->dev)) ||
	    !next_word(line, &pos, w, sizeof(w)) || str_to_u64(w, 10, &v) || v > UINT32_MAX)
		return false;
	f->records = (uint32_t)v;
	if (!next_word(line, &pos, cpy, sizeof(cpy)) ||
	    !next_word(line, &pos, f->hold, sizeof(f->hold)) ||
	    !next_word(line, &pos, date, sizeof(date)) || !next_word(line, &pos, time, sizeof(time)))
		return false;
	if (name_col >= 0 && type_col > name_col) {
		/* By column: a file without a name has blanks there. */
		word_at(line, name_col, f->name, sizeof(f->name));
		word_at(line, type_col, f->type, sizeof(f->type));
	} else if (next_word(line, &pos, f->name, sizeof(f->name))) {
		next_word(line, &pos, f->type, sizeof(f->type));
	}
	return true;
}

int spool_parse_rdr_list(const char *resp, struct rdr_file *out, int max)
{
	char heading[160], line[160];
	bool have_heading = false;
	int n = 0;

	heading[0] = 0;
	while (*resp) {
		const char *nl = strchr(resp, '\n');
		size_t len = nl ? (size_t)(nl - resp) : strlen(resp);

		copy_line(line, sizeof(line), resp, len);
		resp += len + (nl ? 1 : 0);
		if (!have_heading) {
			if (!strncmp(line, "ORIGINID ", 9)) {
				strlcpy(heading, line, sizeof(heading));
				have_heading = true;
			} else {
				/* CP's "NO RDR FILES", with or without its message number. */
				for (size_t i = 0; line[i]; i++)
					if (!str_casecmp_n(line + i, "NO RDR FILES", 12))
						return 0;
			}
			continue;
		}
		if (n < max && parse_file_line(heading, line, &out[n]))
			n++;
	}
	return have_heading ? n : -1;
}
