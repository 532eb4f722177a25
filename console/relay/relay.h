/*
 * The TN3270 relay: listens where users connect (127.0.0.1:3270 by default), negotiates
 * TN3270 with each client (tn3270.c) and relays its 3270 records over a free terminal port,
 * a unix socket that QEMU connects to a virtio-serial port CP drives as a 3270 (framing:
 * vm64/termport.h). A client that leaves closes its port, so CP sees the user go at once.
 * Covered by tests/system/test_terminal.py and test_cms.py on QEMU.
 */
#ifndef CONSOLE_RELAY_RELAY_H
#define CONSOLE_RELAY_RELAY_H

#include <stdbool.h>

#define RELAY_MAX_PORTS 240

struct relay_opts {
	const char *host;	/* listen address, 127.0.0.1 */
	unsigned port;		/* listen port */
	unsigned nports;
	const char *paths[RELAY_MAX_PORTS]; /* the unix sockets of the terminal ports */
	int watch_fd;		/* end of file here ends the relay (-1: none) */
	bool verbose;		/* one line on stderr per session */
};

/** relay_run() - runs until watch_fd ends or a signal; returns an exit status. */
int relay_run(const struct relay_opts *o);

#endif
