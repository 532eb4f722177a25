/*
 * Death tests for host unit tests: runs a function in a child process and reports whether it
 * ended by abort() (an ASSERT that failed, cp/assert.h) and what it wrote to stderr. Used by
 * tests/unit/test_abend.c, test_frames.c and test_dispatch.c.
 */
#ifndef TESTS_UNIT_DEATH_H
#define TESTS_UNIT_DEATH_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * Runs fn() in a child; returns true when the child died of SIGABRT, false when fn returned
 * (or the child died otherwise). The child's stderr, NUL-terminated, goes to err.
 */
static inline bool unit_dies(void (*fn)(void), char *err, size_t size)
{
	char chunk[256];
	int fds[2], status = 0;
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	err[0] = 0;
	fflush(stdout);
	fflush(stderr);
	if (pipe(fds) != 0)
		return false;
	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 2);
		fn();
		_exit(0); /* no exit handlers: the parent's leak checks are not the child's */
	}
	close(fds[1]);
	/* Read to the end, keeping what fits, so the child never blocks on a full pipe. */
	while ((n = read(fds[0], chunk, sizeof(chunk))) > 0) {
		size_t keep = got + 1 < size ? size - 1 - got : 0;

		if (keep > (size_t)n)
			keep = (size_t)n;
		memcpy(err + got, chunk, keep);
		got += keep;
	}
	err[got] = 0;
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid)
		return false;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

#endif
