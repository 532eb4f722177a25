/*
 * The emulator process: written configuration, spawned headless in its own session (so it
 * never sees the operator's terminal or Ctrl-C), with pipes for CP's console, a log file of
 * everything it prints, a tail of that log for crash reports, and a bounded stop that ends
 * its whole process group.
 * Covered by tests/system/test_opcon.py.
 */
#ifndef CONSOLE_VM64_EMULATOR_H
#define CONSOLE_VM64_EMULATOR_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "config.h"
#include "filter.h"

#define EMU_TAIL_LINES 20

struct emulator {
	enum machine machine;
	pid_t pid;	/* process and process group; 0 once reaped */
	pid_t relay_pid; /* QEMU: vm64-relay, the users' TN3270 listener; 0 if none */
	int relay_in;	/* the relay's stdin: it ends when this closes */
	int in_fd;	/* its stdin: panel commands (Hercules) or console input (QEMU) */
	int out_fd;	/* its stdout: the Hercules log, or CP's console (QEMU) */
	int err_fd;	/* its stderr: dyngui status (Hercules) or QEMU's messages */
	int log_fd;
	char log_path[4096];
	char workdir[4096];
	char ipl_path[4096]; /* Hercules: the .ins file to IPL */
	struct linebuf out_lb, err_lb;
	char tail[EMU_TAIL_LINES][FILTER_LINE_MAX];
	unsigned tail_next, tail_count;
	bool tail_frozen;
	unsigned err_lines;	/* lines logged from its stderr */
	bool exited;	/* exit seen, exit_how/exit_value valid (not yet reaped) */
	int exit_how;	/* CLD_EXITED, CLD_KILLED, CLD_DUMPED */
	int exit_value;	/* exit status or signal number */
};

/**
 * emu_port_check() - whether 127.0.0.1:port can be listened on (a trial bind): 0, or the
 * errno of the failed bind (EADDRINUSE when something listens there).
 */
int emu_port_check(unsigned port);

/**
 * emu_start() - writes the machine's configuration, opens the log, starts the emulator.
 * Returns 0, or -1 with a one-line reason in err.
 */
int emu_start(struct emulator *e, const struct vm64_opts *o, char *err, size_t errsz);

/**
 * emu_write() - writes raw text to the emulator's stdin (never blocks); -1 if it is gone.
 */
int emu_write(struct emulator *e, const char *text);

/**
 * emu_log() - adds a line of the console program's own to the log ("vm64: ...").
 */
void emu_log(struct emulator *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/**
 * emu_read() - reads what is waiting on fd (out_fd or err_fd); logs each complete line and
 * passes stdout lines to fn. Returns 0, or -1 at end of file (the fd is then closed).
 */
int emu_read(struct emulator *e, int fd, linebuf_fn *fn, void *ctx);

/**
 * emu_out_pending() - whether stdout holds an unfinished line (QEMU: see linebuf_flush).
 */
bool emu_out_pending(const struct emulator *e);

/**
 * emu_flush_out() - passes an unfinished stdout line to fn (and the log).
 */
void emu_flush_out(struct emulator *e, linebuf_fn *fn, void *ctx);

/**
 * emu_check_exit() - whether the emulator has exited (it stays a zombie until emu_reap, so
 * its process group cannot be reused meanwhile).
 */
bool emu_check_exit(struct emulator *e);

/**
 * emu_stop() - ends the emulator: waits up to grace_ms for it to exit by itself, then
 * SIGTERM, then SIGKILL to its process group; reaps it. Safe to call again.
 */
void emu_stop(struct emulator *e, int grace_ms);

/**
 * emu_describe_exit() - "exit status N" or "killed by signal N" for the exit seen.
 */
void emu_describe_exit(const struct emulator *e, char *buf, size_t size);

/**
 * emu_freeze_tail() - keeps the log tail as it is now (the log itself goes on).
 */
void emu_freeze_tail(struct emulator *e);

/**
 * emu_print_tail() - prints the last lines of the log to f.
 */
void emu_print_tail(const struct emulator *e, FILE *f);

/**
 * emu_cleanup() - closes everything and removes the working directory.
 */
void emu_cleanup(struct emulator *e);

#endif
