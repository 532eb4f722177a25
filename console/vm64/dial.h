/*
 * Opening a 3270 session for the operator: c3270 in a new terminal window when there is a
 * display and a terminal emulator, otherwise in this terminal (as the foreground job, until
 * c3270 ends).
 * Covered by tests/system/test_opcon.py.
 */
#ifndef CONSOLE_VM64_DIAL_H
#define CONSOLE_VM64_DIAL_H

#include <stddef.h>
#include <sys/types.h>

enum dial_where { DIAL_FAILED, DIAL_WINDOW, DIAL_HERE };

/**
 * dial_start() - starts c3270 connected to 127.0.0.1:port. Returns where it runs, with its
 * process id in *pid, or DIAL_FAILED with a reason in err.
 */
enum dial_where dial_start(unsigned port, pid_t *pid, char *err, size_t errsz);

/**
 * dial_reclaim_terminal() - makes the console program the terminal's foreground job again
 * after a c3270 that ran here.
 */
void dial_reclaim_terminal(void);

/**
 * dial_in_path() - whether program name can be found on $PATH.
 */
int dial_in_path(const char *name);

#endif
