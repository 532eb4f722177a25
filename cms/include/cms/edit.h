/*
 * CMS EDIT: the portable core of the CMS line editor, close to VM/370 CMS EDIT in line mode.
 *
 * The editor works on an in-storage copy of one file: a doubly linked list of lines, each
 * allocated through the environment's alloc/free callbacks. The caller loads the file with
 * edit_append(), runs the interactive session with edit_run() and releases the lines with
 * edit_free(). Reading the user's lines, writing output lines and writing the file back are
 * callbacks too, so the same code runs in the CMS guest and under the host unit tests. It
 * keeps no global state: everything lives in struct edit_file and in edit_run()'s frame.
 *
 * Modes: in edit mode every line read is a command; in input mode (entered with INPUT, with
 * REPLACE without text, or at once for a new file) every line read is inserted after the
 * current line and becomes the current line, until an empty line returns to edit mode.
 *
 * Commands (case-insensitive; the capitals are the minimum abbreviation; n is a positive
 * decimal number of at most 9 digits, or * for "all the way"; n defaults to 1):
 *   Input [text]          insert text after the current line, or enter input mode
 *   Replace [text]        replace the current line; without text delete it and enter input
 *                         mode; at the top of file it inserts like INPUT
 *   Top, Bottom           move to the top-of-file line / the last line
 *   Up [n], Down [n]      move; Next [n] is Down
 *   TYpe [n]              display n lines from the current one (the top-of-file line counts)
 *   Locate /string/       find the next line (after the current one) containing string; any
 *                         non-blank character delimits it, the closing one may be omitted
 *   Change /old/new/ [n] [G]   on n lines starting at the current one (line 1 at the top of
 *                         file) replace the first occurrence of old, or with G (or *) every
 *                         one; the changed lines are displayed, then counted
 *   DElete [n]            delete n lines starting at the current one (line 1 at the top);
 *                         the line before the first deleted becomes current
 *   FILe                  save and end; SAVE saves and stays
 *   Quit                  end without saving (refused once changed: QQUIT quits anyway)
 *   Help                  list the commands; = repeats the last command
 * Moves display the new current line, "TOF:" at the top of file and "EOF:" when they run
 * past the end (the last line becomes current).
 *
 * Messages ("DMSEDTnnnS text", one table in cms/edit.c):
 *   DMSEDT001E Invalid command: cmd          DMSEDT006I n line(s) changed
 *   DMSEDT002E Target not found: /xyz/       DMSEDT007W Line too long (lrecl n), truncated
 *   DMSEDT003E Invalid operand: x            DMSEDT008E Missing operand
 *   DMSEDT004W File has been changed; type QQUIT to quit anyway
 *   DMSEDT005E Not enough storage            DMSEDT009E No command to repeat
 *
 * Record length: lines typed (input mode, INPUT, REPLACE) or made by CHANGE that are longer
 * than lrecl are truncated to lrecl, with DMSEDT007W. Lines given to edit_append() are kept
 * as given. When saving, the caller pads F records to lrecl.
 *
 * Storage: when a line cannot be allocated the command stops with DMSEDT005E and the file
 * stays as far as it got (in input mode, the editor returns to edit mode so that the user
 * can still FILE what is there). edit_run() returns EDIT_NO_STORAGE only when it cannot get
 * its own buffers (about 4 * max(lrecl, 256) bytes) at the start.
 * Covered by tests/unit/test_cmsedit.c.
 */
#ifndef CMS_EDIT_H
#define CMS_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest record length the editor accepts; 0 or more in edit_init() means this. */
#define EDIT_LRECL_MAX 65535u

struct edit_file;

/* One line of the file: len characters of text, followed by a NUL not counted in len. */
struct edit_line {
	struct edit_line *prev, *next;
	uint32_t len;
	char text[];
};

/*
 * What the editor needs from its environment. All callbacks are required; ctx is passed to
 * each of them unchanged.
 */
struct edit_env {
	void *ctx;
	/*
	 * Read a line the user typed into buf (no newline, NUL-terminated, at most size - 1
	 * characters) and return its length, or -1 when there is no more input (treated like
	 * QUIT without saving). The editor goes by the NUL, not by the length returned.
	 */
	int (*read_line)(void *ctx, char *buf, size_t size);
	/* Write one output line. */
	void (*write_line)(void *ctx, const char *text);
	/* Storage for lines and buffers; NULL when there is not enough. */
	void *(*alloc)(void *ctx, size_t n);
	void (*free)(void *ctx, void *p);
	/*
	 * Write the lines of f to the file system: 0, or nonzero after writing its own error
	 * message (the editor then stays in edit mode).
	 */
	int (*save)(void *ctx, struct edit_file *f);
};

/* The file being edited. */
struct edit_file {
	char fn[9], ft[9], fm[3];
	char recfm;		   /* 'F' or 'V' */
	uint32_t lrecl;		   /* F: record length; V: the longest line accepted */
	struct edit_line *first, *last;
	uint32_t count;		   /* lines in the list */
	struct edit_line *current; /* NULL: at the top-of-file line (before line 1) */
	uint32_t current_no;	   /* 1-based number of current; 0 at the top of file */
	bool changed;		   /* changed since loaded or last saved */
	bool is_new;		   /* no such file yet: the caller sets it after edit_init() */
};

enum edit_result {
	EDIT_FILED,	 /* FILE: saved and ended */
	EDIT_QUIT,	 /* QUIT, QQUIT or the end of input: ended without saving */
	EDIT_NO_STORAGE, /* the session could not start: not enough storage */
};

void edit_init(struct edit_file *f, const char *fn, const char *ft, const char *fm, char recfm,
	       uint32_t lrecl);
int edit_append(struct edit_file *f, const struct edit_env *env, const char *text, size_t len);
enum edit_result edit_run(struct edit_file *f, const struct edit_env *env);
void edit_free(struct edit_file *f, const struct edit_env *env);

#endif /* CMS_EDIT_H */
