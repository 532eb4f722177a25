/*
 * The operator's terminal: a prompt with libedit line editing (through its readline-style
 * callback interface, so the session's poll loop stays in charge), history, Tab completion
 * (complete.c), and output that appears above the line being typed.
 * Covered by tests/system/test_opcon.py.
 */
#ifndef CONSOLE_VM64_TTY_H
#define CONSOLE_VM64_TTY_H

#include <stdbool.h>

/* Called with each line entered (the callee frees it), or NULL for Ctrl-D on an empty
 * line. */
typedef void tty_line_fn(char *line);

/**
 * tty_init() - sets up libedit, loads the history file, and prepares to call fn.
 */
void tty_init(const char *history_path, tty_line_fn *fn);

/**
 * tty_prompt_on() - shows the prompt and takes keys (the terminal in editing mode).
 */
void tty_prompt_on(void);

/**
 * tty_prompt_off() - removes the prompt and what was typed; the terminal back to normal.
 */
void tty_prompt_off(void);

/**
 * tty_prompt_active() - whether the prompt is on.
 */
bool tty_prompt_active(void);

/**
 * tty_input() - handles what the operator typed (stdin is readable).
 */
void tty_input(void);

/**
 * tty_cancel() - Ctrl-C: drops the line being typed, showing "^C".
 */
void tty_cancel(void);

/**
 * tty_resize() - the window size changed.
 */
void tty_resize(void);

/**
 * tty_print() - shows a line of CP's output above the prompt (control characters made
 * visible, Latin-1 shown as UTF-8 on a UTF-8 terminal).
 */
void tty_print(const char *line);

/**
 * tty_note() - shows a message of the console program's own, as "vm64: ...".
 */
void tty_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * tty_remember() - adds a command to the history (memory and file).
 */
void tty_remember(const char *line);

/**
 * tty_done() - restores the terminal.
 */
void tty_done(void);

#endif
