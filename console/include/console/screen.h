/*
 * CP's line-mode 3270 screen, in the z/VM style: an output area above, a two-line input
 * area at the bottom, and a status area in the last row's right-hand corner that says what
 * the terminal is waiting for (CP READ, VM READ, RUNNING, MORE..., HOLDING, NOT ACCEPTED)
 * followed by the system name.
 *
 * Portable: the screen only turns events (output lines, the user's keys, the passing of
 * time) into 3270 write streams; the terminal driver (cp/term/) owns the device and calls
 * scr_render() whenever the device is free. Times are microseconds on any monotonic clock.
 *
 * Layout on an R x C screen (row 0 at the top):
 *   rows 0 .. R-3     output area, protected, C characters a row
 *   row R-2 col 0     attribute of the input field (unprotected; non-display for passwords)
 *   row R-2 col 1 ..  input field, through row R-1 col C-22 (2C-22 characters)
 *   row R-1 col C-21  attribute of the status area (protected, intensified); the status
 *                     field wraps around to address 0, so it also protects the output area
 *   row R-1 col C-20  status word (12 characters) then the system name (8)
 *
 * Paging: output fills the area from the top. When it is full and another line waits, the
 * status becomes MORE... and a timer starts (TERMINAL MORE); when it expires, or the user
 * presses PA2 or Clear, the area is cleared and filling resumes. Enter with an empty input
 * area during MORE... makes it HOLDING, which waits for PA2 or Clear with no timer (a full
 * screen goes straight to HOLDING when TERMINAL HOLD is ON). Lines on the screen when the
 * user enters a non-empty line count as seen, and so does the echo of that line: when new
 * output needs room on a full screen, seen rows give way at once (the unseen ones move to
 * the top); MORE... comes only when every row on the screen is unseen.
 *
 * Output never overwrites what the user is typing: between Enters the driver gets Writes
 * (TC_WRITE) that touch only output rows and the status area and never reset modified data
 * tags; only a Clear, a resize or the first draw gets an Erase/Write, and only an Enter,
 * PA2 or retrieve rewrites the input field.
 *
 * The keyboard: a key locks it, and only the first write rendered after scr_key() took that
 * key (or an Erase/Write) restores it; for Enter that write also empties the input field.
 * Output rendered before the key was read may reach the terminal after the key was pressed:
 * it leaves the keyboard locked, so the user can never type onto a line CP has not taken.
 * Covered by tests/unit/test_screen.c.
 */
#ifndef CONSOLE_SCREEN_H
#define CONSOLE_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <console/ds3270.h>

#define SCR_MAX_ROWS	   43
#define SCR_MAX_COLS	   132
#define SCR_QUEUE_ROWS	   512	/* output rows waiting for room on the screen */
#define SCR_RETRIEVE_LINES 10	/* earlier input lines PF12 brings back */
#define SCR_INPUT_MAX	   (2 * SCR_MAX_COLS - 22)
#define SCR_DEFAULT_MORE_S 60	/* seconds a full screen stays in MORE... */
#define SCR_STREAM_MAX	   8192 /* a buffer this large always holds one render */

/* What the user's virtual machine is doing: the status shown when nothing else is. */
enum scr_mode {
	SCR_MODE_CP_READ,	/* CP waits for a command */
	SCR_MODE_VM_READ,	/* the guest waits for console input */
	SCR_MODE_RUNNING,	/* the guest runs */
};

enum scr_status {
	SCR_ST_CP_READ,
	SCR_ST_VM_READ,
	SCR_ST_RUNNING,
	SCR_ST_MORE,
	SCR_ST_HOLDING,
	SCR_ST_NOT_ACCEPTED,
};

/* What a key the user pressed means to the caller (scr_key()). */
enum scr_action {
	SCR_ACT_NONE,		/* handled by the screen itself (PA2, Clear, PF12, paging) */
	SCR_ACT_LINE,		/* Enter with input: the line is in the caller's buffer */
	SCR_ACT_EMPTY,		/* Enter with nothing typed, outside MORE...: the caller may
				 * treat it as a null line (a guest read takes it) */
	SCR_ACT_PA1,		/* the user wants CP (CP READ) */
	SCR_ACT_PF,		/* some other PF key: number in scr.last_pf */
};

struct scr_line {
	uint16_t len;
	bool seen;		/* on screen when the user last entered a line */
	char text[SCR_MAX_COLS];
};

struct scr {
	struct screen_geom geom;
	char sysname[9];
	enum scr_mode mode;
	bool hold_on;			/* TERMINAL HOLD ON */
	uint32_t more_first_s;		/* TERMINAL MORE: first full screen */
	uint32_t more_next_s;		/* later full screens */
	/* Output area as the user sees it, and what waits for room. */
	struct scr_line rows[SCR_MAX_ROWS];
	unsigned used_rows;
	unsigned drawn_rows;		/* rows[] already sent to the terminal */
	unsigned term_rows;		/* output rows not blank on the terminal */
	char queue[SCR_QUEUE_ROWS][SCR_MAX_COLS];
	uint16_t queue_len[SCR_QUEUE_ROWS];
	bool queue_seen[SCR_QUEUE_ROWS];	/* the row echoes the user's input */
	bool echoing;
	unsigned queue_head, queue_count;
	unsigned long lost_rows;	/* dropped because the queue was full */
	/* Paging. */
	bool more;			/* MORE... shown */
	bool holding;
	bool more_was_shown;		/* since the last clear: use more_next_s */
	uint64_t more_deadline;		/* when MORE... clears the area, 0: none */
	bool not_accepted;		/* until the next key */
	/* Input area. */
	bool input_hidden;		/* non-display (password) */
	bool input_dirty;		/* the input field must be rewritten */
	char input_preset[SCR_INPUT_MAX + 1]; /* text to put in it (PF12) */
	char retrieve[SCR_RETRIEVE_LINES][SCR_INPUT_MAX + 1];
	unsigned retrieve_count, retrieve_next, retrieve_pos;
	/* Drawing. */
	bool full_redraw;		/* next render is an Erase/Write */
	bool kb_restore;		/* a key was read: the next write restores the keyboard */
	bool status_dirty;
	enum scr_status drawn_status;
	int last_pf;
};

/* Sets up an empty screen; the first scr_render() draws it whole. */
void scr_init(struct scr *s, const struct screen_geom *g, const char *sysname);
/* New geometry (Read Partition Query told us): the next render redraws everything. */
void scr_resize(struct scr *s, const struct screen_geom *g);
/* The client lost its buffer (reconnect, Clear): the next render redraws everything. */
void scr_redraw(struct scr *s);

/*
 * scr_output - queue output (ASCII) for the output area
 * A '\n' in text starts a new line; a line longer than the screen is wide goes on several
 * rows. Control characters show as blanks. When the queue is full the oldest waiting rows
 * are dropped and counted in lost_rows.
 */
void scr_output(struct scr *s, const char *text, size_t len);

void scr_set_mode(struct scr *s, enum scr_mode mode);
/* TERMINAL MORE first next (seconds; 0 0 turns paging off: full screens clear at once). */
void scr_set_more(struct scr *s, uint32_t first_s, uint32_t next_s);
void scr_set_hold(struct scr *s, bool on);
/* The next input is a password: non-display, not echoed, not kept for retrieve. */
void scr_hide_input(struct scr *s, bool hidden);
/* Input the caller could not take: NOT ACCEPTED until the next key. */
void scr_not_accepted(struct scr *s);

/*
 * scr_key - the user pressed a key; in is the parsed Read Modified reply
 * On SCR_ACT_LINE the input field's text (trailing blanks removed) is copied to line
 * (NUL-terminated, truncated to size) and, unless the input was hidden, echoed to the output
 * area and kept for retrieve. Clears a hidden input's state after taking it.
 */
enum scr_action scr_key(struct scr *s, const struct rm_input *in, uint64_t now, char *line,
			size_t size);

/*
 * scr_render - build the next write for the terminal, if anything changed
 * Fills out with WCC and orders (no command byte) and returns the channel command to send
 * it with, TC_EWRITE or TC_WRITE; returns 0 when the terminal is up to date. Moves waiting
 * output onto the screen, and clears the output area when a MORE... timer has expired by
 * now. out must hold at least SCR_STREAM_MAX bytes.
 * A screen that is not 24x80 is redrawn with TC_EWRITEA instead of TC_EWRITE (Erase/Write
 * would switch the terminal to its 24x80 default size). -1 if out overflowed: the next
 * render redraws everything.
 */
int scr_render(struct scr *s, uint64_t now, struct ds_buf *out);

/* When scr_render() must run again by itself (a MORE... timer), or 0 for never. */
uint64_t scr_deadline(const struct scr *s);
enum scr_status scr_status(const struct scr *s);
const char *scr_status_text(enum scr_status st);
/* Rows waiting for room on the screen. */
unsigned scr_pending(const struct scr *s);

#endif /* CONSOLE_SCREEN_H */
