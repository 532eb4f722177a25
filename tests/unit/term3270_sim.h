/*
 * A small 3270 terminal for host unit tests: applies outbound write streams (Write,
 * Erase/Write, Erase/Write Alternate; WCC, SBA, SF, SFE, SA, RA, EUA, IC, PT, GE and text) to a
 * character buffer with field attributes, lets a test type into unprotected fields and press
 * keys as an operator would, and builds the Read Modified reply the real terminal would send.
 *
 * Positions written by the last applied stream are recorded in touched[], so a test can check
 * that a Write left (say) the input field alone.
 */
#ifndef TESTS_UNIT_TERM3270_SIM_H
#define TESTS_UNIT_TERM3270_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <console/ds3270.h>

#define TERM3270_MAX DS_ADDR14_LIMIT

struct term3270 {
	struct screen_geom geom;
	char text[TERM3270_MAX];		/* ASCII; '\0' for a null, and at attribute positions */
	bool is_attr[TERM3270_MAX];
	uint8_t attr[TERM3270_MAX];		/* TF_* bits (decoded) where is_attr */
	bool touched[TERM3270_MAX];		/* written by the last term_apply() */
	unsigned int cursor;
	bool kb_locked;
	/* About the last applied stream. */
	uint8_t last_cmd;
	uint8_t last_wcc;		/* TW_* bits (decoded) */
	bool last_ic;			/* it had an Insert Cursor order */
	unsigned int writes;
};

/* A blank, unformatted screen of geometry @g. */
void term3270_init(struct term3270 *t, const struct screen_geom *g);
/* Apply one write: @cmd is TC_WRITE, TC_EWRITE or TC_EWRITEA; @data starts with the WCC. */
int term_apply(struct term3270 *t, uint8_t cmd, const uint8_t *data, size_t len);

/* Address of the attribute governing @addr, or -1 on an unformatted screen. */
int term_field_start(const struct term3270 *t, unsigned int addr);
/* TF_* attribute governing @addr (0 on an unformatted screen). */
uint8_t term_field_attr(const struct term3270 *t, unsigned int addr);
bool term_protected(const struct term3270 *t, unsigned int addr);

/* What the operator sees at @row, @col for @n characters (nulls, attributes, non-display
 * text as blanks), NUL-terminated into @buf (at least @n + 1 bytes). */
char *term_visible(const struct term3270 *t, unsigned int row, unsigned int col, unsigned int n,
		   char *buf);
/* The same, but the buffer's contents, non-display text included. */
char *term_raw(const struct term3270 *t, unsigned int row, unsigned int col, unsigned int n,
	       char *buf);
/* Whether the text at @row, @col starts with @s (visible form). */
bool term_has(const struct term3270 *t, unsigned int row, unsigned int col, const char *s);
/* Whether every visible position of the row is blank. */
bool term_row_blank(const struct term3270 *t, unsigned int row);
/* Whether any position in [from, to) was written by the last stream. */
bool term_touched(const struct term3270 *t, unsigned int from, unsigned int to);

/* The operator moves the cursor and types; 0, or -1 at a protected position (input inhibited). */
int term_type_at(struct term3270 *t, unsigned int row, unsigned int col, const char *s);
int term_type(struct term3270 *t, const char *s);
/* The Clear key's local effect: the whole buffer erased, unformatted, cursor home. */
void term_clear(struct term3270 *t);
/* The reply to Read Modified after @aid (short for PA1-3 and Clear); returns its length. */
size_t term_read_modified(struct term3270 *t, uint8_t aid, uint8_t *out, size_t size);

#endif /* TESTS_UNIT_TERM3270_SIM_H */
