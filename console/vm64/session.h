/*
 * One run of the system: the emulator started, CP's console shown and fed, the operator's
 * commands (CP's and the console's own !commands), and the end, clean or not.
 * Covered by tests/system/test_opcon.py.
 */
#ifndef CONSOLE_VM64_SESSION_H
#define CONSOLE_VM64_SESSION_H

#include "config.h"

/**
 * session_run() - runs the system until it ends. Returns the program's exit status: 0 after
 * CP's clean shutdown, 1 when CP or the emulator failed, 130 when the operator forced the end.
 */
int session_run(const struct vm64_opts *o);

#endif
