/*
 * The operator's terminal through libedit's readline-compatible callback interface.
 *
 * libedit (Debian's 3.1-20221030) needs the handler reinstalled after each line: it leaves
 * unbuffered mode when it hands a line over, and would otherwise block reading the next one.
 * Output arriving while the operator types is printed by erasing the prompt and the text
 * typed, printing the line, and letting libedit redraw (rl_forced_update_display).
 *
 * When stdin is not a terminal, lines are read plainly (no prompt, no editing, no history
 * file) and end of file counts as Ctrl-D.
 * Covered by tests/system/test_opcon.py.
 */
#define _GNU_SOURCE
#include "tty.h"

#include <editline/readline.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "complete.h"
#include "filter.h"
#include "history.h"

#define PROMPT "CP> "

static tty_line_fn *line_fn;
static bool active;
static bool plain; /* stdin is not a terminal */
static char plain_buf[1024];
static size_t plain_len;
static bool in_line; /* inside line_fn: no prompt on the screen */
static bool utf8;
static char history_path[4096];
static bool history_warned;
static char last_added[1024];

static int tty_cols(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Candidates for the word being completed (rl_completion_matches calls this repeatedly). */
static const char *cand[128];
static size_t ncand, icand;

static char *generator(const char *text, int state)
{
	(void)text;
	if (!state)
		icand = 0;
	if (icand < ncand && icand < sizeof(cand) / sizeof(cand[0]))
		return strdup(cand[icand++]);
	return NULL;
}

static char **attempt(const char *text, int start, int end)
{
	rl_attempted_completion_over = 1; /* no file-name completion as a fallback */
	if (start < 0 || end < start || !rl_line_buffer)
		return NULL;
	ncand = complete_line(rl_line_buffer, (size_t)start, (size_t)end, cand,
			      sizeof(cand) / sizeof(cand[0]));
	if (!ncand)
		return NULL;
	return rl_completion_matches(text, generator);
}

static void add_mem(const char *line)
{
	add_history(line);
	snprintf(last_added, sizeof(last_added), "%s", line);
}

static void on_line(char *line)
{
	/* The line is over and libedit printed the newline: whatever the callee prints goes
	 * out plainly; then the prompt comes back, unless the callee turned it off. */
	in_line = true;
	line_fn(line);
	in_line = false;
	if (active)
		rl_callback_handler_install(PROMPT, on_line);
}

void tty_init(const char *path, tty_line_fn *fn)
{
	const char *cs;

	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	utf8 = cs && !strcmp(cs, "UTF-8");
	line_fn = fn;
	snprintf(history_path, sizeof(history_path), "%s", path);
	plain = !isatty(STDIN_FILENO);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (plain)
		return;
	rl_readline_name = "vm64";
	rl_catch_signals = 0; /* the session handles SIGINT, SIGTERM, SIGWINCH */
	rl_catch_sigwinch = 0;
	rl_initialize();
	/* This libedit rings the bell after every completion, even a unique one: make its
	 * bell a no-op (an SGR reset) so Tab is quiet. */
	rl_parse_and_bind("settc bl \033[m");
	rl_attempted_completion_function = attempt;
	rl_completer_word_break_characters = (char *)" \t";
	rl_basic_word_break_characters = " \t";
	rl_completion_append_character = ' ';
	using_history();
	stifle_history(HISTORY_KEEP);
	history_load(history_path, add_mem);
}

void tty_prompt_on(void)
{
	if (active)
		return;
	active = true;
	if (!plain)
		rl_callback_handler_install(PROMPT, on_line);
}

/* Erases the prompt and the text typed so far, leaving the cursor at column 0. */
static void hide(void)
{
	int cols = tty_cols();
	int up = ((int)strlen(PROMPT) + rl_point) / cols;

	fputs("\r", stdout);
	if (up > 0)
		printf("\033[%dA", up);
	fputs("\033[J", stdout);
	fflush(stdout);
}

void tty_prompt_off(void)
{
	if (!active)
		return;
	active = false;
	if (plain)
		return;
	if (!in_line)
		hide();
	rl_callback_handler_remove();
	fflush(stdout);
}

bool tty_prompt_active(void)
{
	return active;
}

/* Plain lines from a pipe or file. */
static void plain_input(void)
{
	ssize_t n = read(STDIN_FILENO, plain_buf + plain_len, sizeof(plain_buf) - 1 - plain_len);
	char *nl;

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		active = false; /* no more input */
		line_fn(NULL);
		return;
	}
	plain_len += (size_t)n;
	plain_buf[plain_len] = 0;
	while ((nl = strchr(plain_buf, '\n')) || plain_len == sizeof(plain_buf) - 1) {
		size_t len = nl ? (size_t)(nl - plain_buf) : plain_len;
		char *line = strndup(plain_buf, len);

		plain_len -= nl ? len + 1 : len;
		memmove(plain_buf, plain_buf + (nl ? len + 1 : len), plain_len + 1);
		if (line)
			line_fn(line);
		if (!active)
			break;
	}
}

void tty_input(void)
{
	if (!active)
		return;
	if (plain)
		plain_input();
	else
		rl_callback_read_char();
}

void tty_cancel(void)
{
	if (!active || plain)
		return;
	/* Keep what was typed visible, as a shell does, then start afresh. */
	fputs("^C\n", stdout);
	rl_replace_line("", 0);
	rl_callback_handler_remove();
	rl_callback_handler_install(PROMPT, on_line);
}

void tty_resize(void)
{
	if (active && !plain)
		rl_resize_terminal();
}

static void show_line(const char *text)
{
	bool redraw = active && !in_line && !plain;

	if (redraw)
		hide();
	fputs(text, stdout);
	fputs("\n", stdout);
	fflush(stdout);
	if (redraw)
		rl_forced_update_display();
}

void tty_print(const char *line)
{
	char out[FILTER_LINE_MAX * 2];

	filter_printable(line, out, sizeof(out), utf8);
	show_line(out);
}

void tty_note(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n = snprintf(buf, sizeof(buf), "vm64: ");

	va_start(ap, fmt);
	vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	va_end(ap);
	show_line(buf);
}

void tty_remember(const char *line)
{
	if (plain || !*line || !strcmp(line, last_added))
		return;
	add_mem(line);
	if (history_append(history_path, line) < 0 && !history_warned) {
		history_warned = true;
		tty_note("cannot write the history file %s", history_path);
	}
}

void tty_done(void)
{
	tty_prompt_off();
	fflush(stdout);
}
