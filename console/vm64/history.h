/*
 * The operator's command history file: plain text, one command a line, oldest first, so it
 * can be read and edited by hand. Each command is appended as it is entered, so a crash
 * loses nothing.
 * Covered by tests/system/test_opcon.py.
 */
#ifndef CONSOLE_VM64_HISTORY_H
#define CONSOLE_VM64_HISTORY_H

#include <stddef.h>

#define HISTORY_KEEP 500 /* commands kept when the file is trimmed at start-up */

/**
 * history_load() - calls add for each command in the file (at most the last HISTORY_KEEP),
 * and trims the file to those. A missing file is an empty history. Returns the count.
 */
int history_load(const char *path, void (*add)(const char *line));

/**
 * history_append() - appends one command to the file. Returns 0, or -1 (errno set).
 */
int history_append(const char *path, const char *line);

/**
 * history_default_path() - $HOME/.vm64_history in buf.
 */
void history_default_path(char *buf, size_t size);

#endif
