/*
 * Starting c3270 for the operator (see dial.h).
 * Covered by tests/system/test_opcon.py.
 */
#define _GNU_SOURCE
#include "dial.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int dial_in_path(const char *name)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	if (!path)
		path = "/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, path, name);
		if (n && access(buf, X_OK) == 0)
			return 1;
		path += n;
		if (*path == ':')
			path++;
	}
	return 0;
}

static void default_signals(void)
{
	sigset_t none;

	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			signal(s, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void with_ttou_blocked(pid_t pgrp)
{
	sigset_t ttou, old;

	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, &old);
	tcsetpgrp(STDIN_FILENO, pgrp);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

void dial_reclaim_terminal(void)
{
	if (isatty(STDIN_FILENO))
		with_ttou_blocked(getpgrp());
}

enum dial_where dial_start(unsigned port, pid_t *pid, char *err, size_t errsz)
{
	const char *display = getenv("DISPLAY");
	const char *window = NULL;
	char host[32];
	pid_t p;

	if (!dial_in_path("c3270")) {
		snprintf(err, errsz, "c3270 is not installed (make deps installs it)");
		return DIAL_FAILED;
	}
	snprintf(host, sizeof(host), "127.0.0.1:%u", port);
	if (display && *display) {
		if (dial_in_path("x-terminal-emulator"))
			window = "x-terminal-emulator";
		else if (dial_in_path("xterm"))
			window = "xterm";
	}
	if (!window && !isatty(STDIN_FILENO)) {
		snprintf(err, errsz, "no terminal for c3270 (and no display for a new window)");
		return DIAL_FAILED;
	}
	p = fork();
	if (p < 0) {
		snprintf(err, errsz, "fork: %m");
		return DIAL_FAILED;
	}
	if (p == 0) {
		if (window) {
			int null = open("/dev/null", O_RDWR);

			setsid();
			default_signals();
			if (null >= 0) {
				dup2(null, 0);
				dup2(null, 1);
				dup2(null, 2);
			}
			execlp(window, window, "-e", "c3270", host, (char *)NULL);
			_exit(127);
		}
		/* A job of its own in the foreground of this terminal. */
		setpgid(0, 0);
		with_ttou_blocked(getpid());
		default_signals();
		execlp("c3270", "c3270", host, (char *)NULL);
		perror("c3270");
		_exit(127);
	}
	if (!window)
		setpgid(p, p);
	*pid = p;
	return window ? DIAL_WINDOW : DIAL_HERE;
}
