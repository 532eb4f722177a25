/*
 * CP's line-mode 3270 screen (console/include/console/screen.h): queues output lines, pages
 * them through the output area (MORE..., HOLDING), reads the input line out of Read Modified
 * replies, keeps lines for retrieve (PF12) and turns all of it into 3270 write streams.
 *
 * State is plain data in struct scr; nothing here touches a device or a clock. The terminal
 * driver calls scr_key() with each parsed reply and scr_render() whenever the device is free
 * or scr_deadline() has passed. scr_render() first updates the paging state (expired MORE...,
 * waiting rows moved onto the screen), then writes what differs from what was last sent:
 * output rows drawn_rows..used_rows-1, blanks over rows the terminal still shows beyond
 * used_rows (term_rows), the status area, and the input field. Only the input field write
 * resets modified data tags and moves the cursor, so output never disturbs typing; only the
 * first write after a key was read (and an Erase/Write) restores the keyboard.
 * Covered by tests/unit/test_screen.c and tests/system/test_terminal.py.
 */
#include <console/screen.h>
#include <lib/string.h>

#define US_PER_S     1000000ull
#define STATUS_WORD  12		/* status word width in the status area */
#define STATUS_NAME  8		/* system name width */
#define STATUS_WIDTH (STATUS_WORD + STATUS_NAME)

static const struct screen_geom scr_default_geom = { .rows = 24, .cols = 80 };

static const char *const status_text[] = {
	[SCR_ST_CP_READ] = "CP READ",
	[SCR_ST_VM_READ] = "VM READ",
	[SCR_ST_RUNNING] = "RUNNING",
	[SCR_ST_MORE] = "MORE...",
	[SCR_ST_HOLDING] = "HOLDING",
	[SCR_ST_NOT_ACCEPTED] = "NOT ACCEPTED",
};

/* ---- geometry ---- */

static bool geom_usable(const struct screen_geom *g)
{
	return g && g->rows >= 4 && g->rows <= SCR_MAX_ROWS && g->cols >= 40 &&
	       g->cols <= SCR_MAX_COLS;
}

static unsigned int area_rows(const struct scr *s)
{
	return s->geom.rows - 2u;
}

/* Buffer address of the input field's first character (row R-2, column 1). */
static unsigned int input_addr(const struct scr *s)
{
	return (s->geom.rows - 2u) * s->geom.cols + 1;
}

static unsigned int input_len(const struct scr *s)
{
	return 2u * s->geom.cols - 22;
}

/* Buffer address of the status area's attribute (row R-1, column C-21). */
static unsigned int status_attr_addr(const struct scr *s)
{
	return (s->geom.rows - 1u) * s->geom.cols + s->geom.cols - 21;
}

/* ---- output queue ---- */

static void queue_push(struct scr *s, const char *text, size_t len)
{
	unsigned int slot;

	if (s->queue_count == SCR_QUEUE_ROWS) {
		s->queue_head = (s->queue_head + 1) % SCR_QUEUE_ROWS;
		s->queue_count--;
		s->lost_rows++;
	}
	slot = (s->queue_head + s->queue_count) % SCR_QUEUE_ROWS;
	memcpy(s->queue[slot], text, len);
	s->queue_len[slot] = (uint16_t)len;
	s->queue_seen[slot] = s->echoing;
	s->queue_count++;
}

/* Put a row back in front of the waiting ones (resize to fewer rows); dropped if full. */
static void queue_push_front(struct scr *s, const char *text, size_t len)
{
	if (s->queue_count == SCR_QUEUE_ROWS) {
		s->lost_rows++;
		return;
	}
	s->queue_head = (s->queue_head + SCR_QUEUE_ROWS - 1) % SCR_QUEUE_ROWS;
	memcpy(s->queue[s->queue_head], text, len);
	s->queue_len[s->queue_head] = (uint16_t)len;
	s->queue_seen[s->queue_head] = false;
	s->queue_count++;
}

static bool printable(char c)
{
	unsigned char u = (unsigned char)c;

	return (u >= 0x20 && u < 0x7f) || u >= 0xa0;
}

/**
 * scr_output() - queue output (ASCII) for the output area
 * @s: screen
 * @text: the text; '\n' ends a line, and a final '\n' adds no empty line
 * @len: its length; 0 queues one empty line
 *
 * Lines wider than the screen continue on the next rows; control characters show as blanks.
 * When the queue is full the oldest waiting row is dropped and counted in @s->lost_rows.
 */
void scr_output(struct scr *s, const char *text, size_t len)
{
	unsigned int cols = s->geom.cols;
	char row[SCR_MAX_COLS];
	bool pending = false;
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n') {
			queue_push(s, row, n);
			n = 0;
			pending = false;
			continue;
		}
		if (n == cols) {
			queue_push(s, row, n);
			n = 0;
		}
		row[n++] = printable(text[i]) ? text[i] : ' ';
		pending = true;
	}
	if (pending || len == 0)
		queue_push(s, row, n);
}

/* ---- paging ---- */

/* Empty the output area; the terminal's rows are blanked by the next render. */
static void clear_area(struct scr *s)
{
	s->used_rows = 0;
	s->drawn_rows = 0;
	s->more = false;
	s->holding = false;
	s->more_deadline = 0;
}

/* The user cleared the area (PA2, Clear): the next full screen uses more_first_s again. */
static void user_clear(struct scr *s)
{
	clear_area(s);
	s->more_was_shown = false;
}

/*
 * Output needs room on a full screen: rows the user has seen give way. The unseen rows move
 * up to the top (in order) and the area is redrawn; false when every row is still unseen.
 */
static bool drop_seen_rows(struct scr *s)
{
	unsigned int kept = 0;

	for (unsigned int r = 0; r < s->used_rows; r++)
		if (!s->rows[r].seen)
			s->rows[kept++] = s->rows[r];
	if (kept == s->used_rows)
		return false;
	s->used_rows = kept;
	s->drawn_rows = 0;
	s->more = false;
	s->holding = false;
	s->more_deadline = 0;
	return true;
}

/* Move waiting rows onto the screen until it is full and must wait for the user or time. */
static void fill_area(struct scr *s, uint64_t now)
{
	while (s->queue_count) {
		struct scr_line *l;
		uint32_t secs;

		if (s->used_rows >= area_rows(s)) {
			if (drop_seen_rows(s))
				continue;
			if (s->more || s->holding)
				return;
			if (s->hold_on) {
				s->holding = true;
				return;
			}
			secs = s->more_was_shown ? s->more_next_s : s->more_first_s;
			s->more_was_shown = true;
			if (!secs) {
				clear_area(s);
				continue;
			}
			s->more = true;
			s->more_deadline = now + secs * US_PER_S;
			return;
		}
		l = &s->rows[s->used_rows++];
		l->len = s->queue_len[s->queue_head];
		l->seen = s->queue_seen[s->queue_head];
		memcpy(l->text, s->queue[s->queue_head], l->len);
		s->queue_head = (s->queue_head + 1) % SCR_QUEUE_ROWS;
		s->queue_count--;
	}
}

/* ---- set-up and settings ---- */

/**
 * scr_init() - set up an empty screen
 * @s: screen
 * @g: geometry; one outside 4x40 .. SCR_MAX_ROWS x SCR_MAX_COLS gives the 24x80 default
 * @sysname: system name for the status area (first 8 characters), may be NULL
 *
 * The first scr_render() draws the screen whole. Paging starts at SCR_DEFAULT_MORE_S, HOLD OFF,
 * in CP READ.
 */
void scr_init(struct scr *s, const struct screen_geom *g, const char *sysname)
{
	memset(s, 0, sizeof(*s));
	s->geom = geom_usable(g) ? *g : scr_default_geom;
	if (sysname)
		strlcpy(s->sysname, sysname, sizeof(s->sysname));
	s->mode = SCR_MODE_CP_READ;
	s->more_first_s = SCR_DEFAULT_MORE_S;
	s->more_next_s = SCR_DEFAULT_MORE_S;
	s->full_redraw = true;
	s->drawn_status = SCR_ST_CP_READ;
}

/**
 * scr_resize() - take a new geometry; the next render redraws everything
 * @s: screen
 * @g: geometry, checked as for scr_init()
 *
 * Rows that no longer fit in the output area go back to the front of the queue, so none is
 * lost; rows wider than the new screen are cut when drawn.
 */
void scr_resize(struct scr *s, const struct screen_geom *g)
{
	s->geom = geom_usable(g) ? *g : scr_default_geom;
	while (s->used_rows > area_rows(s)) {
		struct scr_line *l = &s->rows[--s->used_rows];

		queue_push_front(s, l->text, l->len);
	}
	if (s->input_preset[0] && strlen(s->input_preset) > input_len(s))
		s->input_preset[input_len(s)] = '\0';
	scr_redraw(s);
}

/**
 * scr_redraw() - the terminal lost its buffer: the next render is an Erase/Write of it all
 * @s: screen
 */
void scr_redraw(struct scr *s)
{
	s->full_redraw = true;
	s->drawn_rows = 0;
	s->term_rows = 0;
}

/**
 * scr_set_mode() - what the virtual machine does, shown when no other status applies
 * @s: screen
 * @mode: SCR_MODE_*
 */
void scr_set_mode(struct scr *s, enum scr_mode mode)
{
	s->mode = mode;
}

/**
 * scr_set_more() - TERMINAL MORE
 * @s: screen
 * @first_s: seconds the first full screen stays in MORE...
 * @next_s: seconds later full screens stay, until the user clears the area
 *
 * A value of 0 clears a full screen at once.
 */
void scr_set_more(struct scr *s, uint32_t first_s, uint32_t next_s)
{
	s->more_first_s = first_s;
	s->more_next_s = next_s;
}

/**
 * scr_set_hold() - TERMINAL HOLD: with it ON a full screen goes straight to HOLDING
 * @s: screen
 * @on: the setting
 */
void scr_set_hold(struct scr *s, bool on)
{
	s->hold_on = on;
}

/**
 * scr_hide_input() - make the next input non-display (a password) or visible again
 * @s: screen
 * @hidden: non-display, not echoed, not kept for retrieve
 *
 * A change rewrites the input field (emptied) with the next render.
 */
void scr_hide_input(struct scr *s, bool hidden)
{
	if (s->input_hidden == hidden)
		return;
	s->input_hidden = hidden;
	s->input_dirty = true;
	s->input_preset[0] = '\0';
}

/**
 * scr_not_accepted() - the caller could not take the input: NOT ACCEPTED until the next key
 * @s: screen
 */
void scr_not_accepted(struct scr *s)
{
	s->not_accepted = true;
}

/* ---- keys ---- */

static void retrieve_add(struct scr *s, const char *text, size_t n)
{
	memcpy(s->retrieve[s->retrieve_next], text, n);
	s->retrieve[s->retrieve_next][n] = '\0';
	s->retrieve_next = (s->retrieve_next + 1) % SCR_RETRIEVE_LINES;
	if (s->retrieve_count < SCR_RETRIEVE_LINES)
		s->retrieve_count++;
	s->retrieve_pos = 0;
}

/* PF12: the next older line into the input field, wrapping after the oldest. */
static void retrieve_prev(struct scr *s)
{
	unsigned int idx;

	if (!s->retrieve_count || s->input_hidden)
		return;
	if (s->retrieve_pos >= s->retrieve_count)
		s->retrieve_pos = 0;
	idx = (s->retrieve_next + 2 * SCR_RETRIEVE_LINES - 1 - s->retrieve_pos) %
	      SCR_RETRIEVE_LINES;
	strlcpy(s->input_preset, s->retrieve[idx], sizeof(s->input_preset));
	if (strlen(s->input_preset) > input_len(s))
		s->input_preset[input_len(s)] = '\0';
	s->retrieve_pos = (s->retrieve_pos + 1) % s->retrieve_count;
	s->input_dirty = true;
}

static enum scr_action key_enter(struct scr *s, const struct rm_input *in, char *line, size_t size)
{
	char text[SCR_INPUT_MAX + 1];
	size_t n = 0;

	for (unsigned int i = 0; i < in->nfields && i < RM_MAX_FIELDS; i++) {
		const struct rm_field *f = &in->field[i];

		if (f->addr != input_addr(s) || !f->text)
			continue;
		for (size_t j = 0; j < f->len && n < input_len(s); j++)
			if (f->text[j] != '\0')
				text[n++] = f->text[j];
		break;
	}
	while (n && text[n - 1] == ' ')
		n--;
	text[n] = '\0';

	/* Whatever was typed, the field is emptied and the keyboard restored. */
	s->input_dirty = true;
	s->input_preset[0] = '\0';
	if (!n) {
		if (s->more) {
			s->more = false;
			s->more_deadline = 0;
			s->holding = true;
			return SCR_ACT_NONE;
		}
		if (s->holding)
			return SCR_ACT_NONE;
		s->input_hidden = false;
		return SCR_ACT_EMPTY;
	}
	if (line && size)
		strlcpy(line, text, size);
	for (unsigned int r = 0; r < s->used_rows; r++)
		s->rows[r].seen = true;
	s->more_was_shown = false;
	if (!s->input_hidden) {
		/* The user's own line needs no reading: it never holds a screen in MORE.... */
		s->echoing = true;
		scr_output(s, text, n);
		s->echoing = false;
		retrieve_add(s, text, n);
	}
	s->input_hidden = false;
	return SCR_ACT_LINE;
}

/**
 * scr_key() - the user pressed a key
 * @s: screen
 * @in: the Read Modified reply, parsed by rm_parse() with @s->geom
 * @now: the time, microseconds (unused: paging times start in scr_render())
 * @line: where an entered line goes, NUL-terminated; may be NULL
 * @size: its size; the line is truncated to fit
 *
 * Enter reads the input field (trailing blanks removed); with nothing typed it turns MORE...
 * into HOLDING. PA2 clears the output area, Clear does and redraws the whole screen, PF12
 * retrieves an earlier line into the input field. Any key ends NOT ACCEPTED and gets a write
 * that restores the keyboard.
 *
 * Return: the SCR_ACT_* the caller acts on; with SCR_ACT_PF the key is in @s->last_pf.
 */
enum scr_action scr_key(struct scr *s, const struct rm_input *in, uint64_t now, char *line,
			size_t size)
{
	int pf;

	(void)now;
	if (line && size)
		line[0] = '\0';
	s->not_accepted = false;
	s->status_dirty = true;
	s->kb_restore = true;
	switch (in->aid) {
	case AID_ENTER:
		return key_enter(s, in, line, size);
	case AID_PA1:
		return SCR_ACT_PA1;
	case AID_PA2:
		user_clear(s);
		return SCR_ACT_NONE;
	case AID_CLEAR:
		user_clear(s);
		scr_redraw(s);
		return SCR_ACT_NONE;
	case AID_PF12:
		retrieve_prev(s);
		return SCR_ACT_NONE;
	default:
		pf = rm_aid_pf(in->aid);
		if (!pf)
			return SCR_ACT_NONE;
		s->last_pf = pf;
		return SCR_ACT_PF;
	}
}

/* ---- status ---- */

/**
 * scr_status() - the status the screen shows (or will show with the next render)
 * @s: screen
 *
 * Return: NOT ACCEPTED, else HOLDING, else MORE..., else the mode's status.
 */
enum scr_status scr_status(const struct scr *s)
{
	if (s->not_accepted)
		return SCR_ST_NOT_ACCEPTED;
	if (s->holding)
		return SCR_ST_HOLDING;
	if (s->more)
		return SCR_ST_MORE;
	switch (s->mode) {
	case SCR_MODE_VM_READ:
		return SCR_ST_VM_READ;
	case SCR_MODE_RUNNING:
		return SCR_ST_RUNNING;
	case SCR_MODE_CP_READ:
	default:
		return SCR_ST_CP_READ;
	}
}

/**
 * scr_status_text() - the words of a status
 * @st: SCR_ST_*
 *
 * Return: "CP READ", "VM READ", "RUNNING", "MORE...", "HOLDING" or "NOT ACCEPTED" ("" for an
 * unknown value).
 */
const char *scr_status_text(enum scr_status st)
{
	if ((unsigned int)st >= sizeof(status_text) / sizeof(status_text[0]))
		return "";
	return status_text[st];
}

/**
 * scr_deadline() - when scr_render() must run again by itself
 * @s: screen
 *
 * Return: the time a MORE... clears the output area, or 0 when nothing waits for time.
 */
uint64_t scr_deadline(const struct scr *s)
{
	return s->more ? s->more_deadline : 0;
}

/**
 * scr_pending() - rows waiting for room on the screen
 * @s: screen
 *
 * Return: the number of queued rows.
 */
unsigned scr_pending(const struct scr *s)
{
	return s->queue_count;
}

/* ---- drawing ---- */

static void sba_addr(struct ds_buf *out, const struct screen_geom *g, unsigned int addr)
{
	ds_sba(out, g, addr / g->cols, addr % g->cols);
}

/* Output row @r; on an Erase/Write the rest of the row is already null. */
static void draw_row(const struct scr *s, struct ds_buf *out, unsigned int r, bool erased)
{
	const struct screen_geom *g = &s->geom;
	const struct scr_line *l = &s->rows[r];
	unsigned int len = l->len < g->cols ? l->len : g->cols;

	if (erased && !len)
		return;
	ds_sba(out, g, r, 0);
	ds_text(out, l->text, len);
	if (!erased && len < g->cols)
		ds_ra(out, g, (r + 1) * g->cols, DS_CHAR_SPACE);
}

static void draw_status(const struct scr *s, struct ds_buf *out, enum scr_status st, bool erased)
{
	const struct screen_geom *g = &s->geom;
	const char *word = scr_status_text(st);
	char text[STATUS_WIDTH];
	size_t n;

	memset(text, ' ', sizeof(text));
	n = strnlen(word, STATUS_WORD);
	memcpy(text, word, n);
	n = strnlen(s->sysname, STATUS_NAME);
	memcpy(text + STATUS_WORD, s->sysname, n);
	if (erased) {
		sba_addr(out, g, status_attr_addr(s));
		ds_sf(out, TF_PROT | TF_INTENSE);
	} else {
		sba_addr(out, g, status_attr_addr(s) + 1);
	}
	ds_text(out, text, sizeof(text));
}

/* The input field: attribute, preset text (PF12) or nothing, and the cursor. */
static void draw_input(const struct scr *s, struct ds_buf *out, bool erased)
{
	const struct screen_geom *g = &s->geom;
	unsigned int max = input_len(s), len = (unsigned int)strnlen(s->input_preset, max);
	uint8_t attr = s->input_hidden ? TF_NONDISP : TF_NORMAL;

	if (len)
		attr |= TF_MDT;	/* an unchanged Enter reads the retrieved line back */
	sba_addr(out, g, input_addr(s) - 1);
	ds_sf(out, attr);
	ds_text(out, s->input_preset, len);
	if (!erased && len < max)
		ds_ra(out, g, status_attr_addr(s), DS_CHAR_NULL);
	sba_addr(out, g, input_addr(s) + (len < max ? len : max - 1));
	ds_ic(out);
}

static int erase_command(const struct scr *s)
{
	/* Erase/Write sets the default 24x80 size; other sizes need Erase/Write Alternate. */
	if (s->geom.rows == scr_default_geom.rows && s->geom.cols == scr_default_geom.cols)
		return TC_EWRITE;
	return TC_EWRITEA;
}

/**
 * scr_render() - build the next write for the terminal, if anything changed
 * @s: screen
 * @now: the time, microseconds
 * @out: stream builder with room for SCR_STREAM_MAX bytes
 *
 * Clears the output area when a MORE... has expired by @now, moves waiting rows onto the
 * screen (starting a MORE... timer at @now when it fills), then writes WCC and orders for
 * what changed. A full redraw is an Erase/Write; anything else is a Write that touches only
 * the output rows and the status area, unless the input field must be rewritten (Enter,
 * retrieve, hidden input), which alone resets modified data tags and places the cursor.
 * The WCC restores the keyboard only on an Erase/Write and on the first write after
 * scr_key(): output never unlocks a keyboard locked by a key CP has not read yet.
 *
 * Return: TC_EWRITE (TC_EWRITEA when the screen is not 24x80), TC_WRITE, 0 when the
 * terminal is up to date, or -1 when @out overflowed (the next render redraws everything).
 */
int scr_render(struct scr *s, uint64_t now, struct ds_buf *out)
{
	bool full, rows, status, input;
	enum scr_status st;
	uint8_t wcc = 0;

	if (s->more && now >= s->more_deadline)
		clear_area(s);
	fill_area(s, now);

	st = scr_status(s);
	full = s->full_redraw;
	rows = full || s->drawn_rows != s->used_rows || s->term_rows > s->used_rows;
	status = full || s->status_dirty || st != s->drawn_status;
	input = full || s->input_dirty;
	if (!rows && !status && !input)
		return 0;

	/*
	 * Only the answer to a key (or an Erase/Write, which empties the input field) gives the
	 * keyboard back: a write rendered before CP read the key must not unlock it while the
	 * line is still in the field, where the user would type onto it.
	 */
	if (full || s->kb_restore)
		wcc |= TW_KR;
	if (input)
		wcc |= TW_RESET_MDT;
	if (st == SCR_ST_NOT_ACCEPTED && (full || s->drawn_status != st))
		wcc |= TW_ALARM;
	ds_wcc(out, wcc);
	for (unsigned int r = full ? 0 : s->drawn_rows; r < s->used_rows; r++)
		draw_row(s, out, r, full);
	if (!full && s->term_rows > s->used_rows) {
		ds_sba(out, &s->geom, s->used_rows, 0);
		ds_ra(out, &s->geom, s->term_rows * s->geom.cols, DS_CHAR_SPACE);
	}
	if (status)
		draw_status(s, out, st, full);
	if (input)
		draw_input(s, out, full);
	if (out->overflow) {
		scr_redraw(s);
		return -1;
	}

	s->drawn_rows = s->used_rows;
	s->term_rows = s->used_rows;
	s->drawn_status = st;
	s->status_dirty = false;
	s->input_dirty = false;
	s->kb_restore = false;
	s->input_preset[0] = '\0';
	if (full) {
		s->full_redraw = false;
		return erase_command(s);
	}
	return TC_WRITE;
}
