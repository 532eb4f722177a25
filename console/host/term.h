/*
 * The operator's terminal: a prompt with libedit line editing (through its readline-style
 * callback interface, so the session's poll loop stays in charge), history, Tab completion
 * (complete.c), and output that appears above the line being typed.
 */
#ifndef CONSOLE_HOST_TERM_H
#define CONSOLE_HOST_TERM_H

#include <stdbool.h>

/* Called with each line entered (the callee frees it), or NULL for Ctrl-D on an empty
 * line. */
typedef void term_line_fn(char *line);

/**
 * term_init() - sets up libedit, loads the history file, and prepares to call fn.
 */
void term_init(const char *history_path, term_line_fn *fn);

/**
 * term_prompt_on() - shows the prompt and takes keys (the terminal in editing mode).
 */
void term_prompt_on(void);

/**
 * term_prompt_off() - removes the prompt and what was typed; the terminal back to normal.
 */
void term_prompt_off(void);

/**
 * term_prompt_active() - whether the prompt is on.
 */
bool term_prompt_active(void);

/**
 * term_input() - handles what the operator typed (stdin is readable).
 */
void term_input(void);

/**
 * term_cancel() - Ctrl-C: drops the line being typed, showing "^C".
 */
void term_cancel(void);

/**
 * term_resize() - the window size changed.
 */
void term_resize(void);

/**
 * term_print() - shows a line of CP's output above the prompt (control characters made
 * visible, Latin-1 shown as UTF-8 on a UTF-8 terminal).
 */
void term_print(const char *line);

/**
 * term_note() - shows a message of the console program's own, as "vm64: ...".
 */
void term_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * term_remember() - adds a command to the history (memory and file).
 */
void term_remember(const char *line);

/**
 * term_done() - restores the terminal.
 */
void term_done(void);

#endif
