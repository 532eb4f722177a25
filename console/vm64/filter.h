/*
 * What the emulator prints, sorted: raw output bytes are cut into lines (linebuf), and each
 * line is classified as CP's console text (shown to the operator) or emulator noise (kept in
 * the log only); lines that matter to the console program raise an event (CP ready, shutdown
 * complete, ABEND, disabled wait). Pure functions, unit-tested in
 * tests/unit/test_opcon_filter.c.
 *
 * Hercules (dyngui): one log line per '\n'. Everything before the echo of our IPL command is
 * Hercules' banner; after it, Hercules' messages start with "HHC" (continuations are indented
 * ten blanks), CPU traces with "CPU0000: ", and the panel echoes each command we send.
 *
 * QEMU (sclplmconsole, echo=off): stdout is CP's console alone, but each message is written
 * as '\n' followed by its text, so a line is complete when the next message begins; the
 * session flushes a partial line after a short quiet time (linebuf_flush).
 */
#ifndef CONSOLE_VM64_FILTER_H
#define CONSOLE_VM64_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"

#define FILTER_LINE_MAX 512
#define FILTER_ECHO_MAX 16

enum line_kind { LINE_NOISE, LINE_CP };

enum filter_event {
	FE_NONE,
	/* CP's life-cycle events: only from lines with CP's event mark (lib/opcon.h) */
	FE_CP_READY,	     /* VMCIPL002I: CP takes commands */
	FE_SHUTDOWN_STARTED, /* VMCSHU961I, VMCSHU962W */
	FE_SHUTDOWN_DONE,    /* VMCSHU960I */
	FE_ABEND,	     /* VMC0PA999S CP ABEND */
	FE_WAIT_PSW,	     /* Hercules: a CPU loaded a disabled wait PSW (psw_addr) */
	FE_PORT_BUSY,	     /* Hercules waits for the TN3270 port to become free */
	FE_HERCULES_UP,	     /* Hercules has started (its last start-up message) */
	FE_IPL_REJECTED,     /* Hercules refused the IPL (CPUs not yet stopped) */
};

struct filter_result {
	enum line_kind kind;
	enum filter_event event;
	uint64_t psw_addr; /* FE_WAIT_PSW: the wait PSW's instruction address */
	unsigned skip;	   /* LINE_CP: bytes before the text to show (CP's event mark) */
};

struct filter {
	enum machine machine;
	bool ipl_seen;	    /* Hercules: our IPL command's echo went by; CP may speak */
	bool after_hhc;	    /* the previous line was a Hercules message */
	bool wait_pending;  /* HHCCP011I seen: the PSW line follows */
	char echo[FILTER_ECHO_MAX][FILTER_LINE_MAX]; /* commands sent, whose echo is due */
	unsigned echo_count;
};

/* Bytes to lines. */
enum linebuf_mode {
	LB_TERMINATED, /* '\n' ends a line (Hercules) */
	LB_LEADING,    /* '\n' begins a line (QEMU's line-mode console) */
};

struct linebuf {
	enum linebuf_mode mode;
	char buf[FILTER_LINE_MAX];
	size_t len;
	bool open;	   /* LB_LEADING: a line has begun */
	bool emitted;	   /* LB_LEADING: part of it was flushed already */
	size_t emitted_len;
};

typedef void linebuf_fn(void *ctx, const char *line);

/**
 * filter_init() - a filter for the output of machine m.
 */
void filter_init(struct filter *f, enum machine m);

/**
 * filter_expect_echo() - notes a command sent to the Hercules panel: its echo is noise.
 * @f: the filter
 * @sent: the panel line as sent, without the newline
 * @is_ipl: whether this is the IPL command (after its echo, CP output may begin)
 */
void filter_expect_echo(struct filter *f, const char *sent, bool is_ipl);

/**
 * filter_line() - classifies one raw output line (no line end) and reports any event.
 */
struct filter_result filter_line(struct filter *f, const char *line);

/**
 * filter_psw_clean() - whether a disabled wait at this address is CP's clean power-off
 * (address 0xFFF, as QEMU also takes it).
 */
bool filter_psw_clean(uint64_t addr);

/**
 * filter_parse_psw() - the instruction address in "PSW=xxxxxxxx xxxxxxxx xxxxxxxxxxxxxxxx"
 * (Hercules' format); -1 if line has no such PSW.
 */
int filter_parse_psw(const char *line, uint64_t *addr);

/**
 * filter_is_status() - whether a Hercules stderr line is a dyngui status update
 * ("STATUS=...", "MIPS=...", "DEVA=..."), which is not worth logging.
 */
bool filter_is_status(const char *line);

/**
 * filter_printable() - copies line for display: control characters become '.', and with
 * utf8 bytes 0x80-0xFF (Latin-1, as the emulators produce) become UTF-8.
 * Returns the length written (out is always terminated when outsz > 0).
 */
size_t filter_printable(const char *line, char *out, size_t outsz, bool utf8);

/**
 * linebuf_init() - an empty line buffer cutting lines the given way.
 */
void linebuf_init(struct linebuf *lb, enum linebuf_mode mode);

/**
 * linebuf_feed() - adds bytes; calls fn for each line they complete ('\r' dropped; a line
 * longer than FILTER_LINE_MAX - 1 is cut).
 */
void linebuf_feed(struct linebuf *lb, const char *data, size_t n, linebuf_fn *fn, void *ctx);

/**
 * linebuf_pending() - whether text is waiting for its line end (see linebuf_flush).
 */
bool linebuf_pending(const struct linebuf *lb);

/**
 * linebuf_flush() - passes on the text of an unfinished line. In LB_LEADING mode the line
 * stays open and its later text, if any, comes as a line of its own.
 */
void linebuf_flush(struct linebuf *lb, linebuf_fn *fn, void *ctx);

#endif
