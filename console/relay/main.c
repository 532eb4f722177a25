/*
 * vm64-relay: the TN3270 relay as a program (relay.h). vm64 starts it under QEMU, and so do
 * the system tests (tests/system/machine.py):
 *
 *   vm64-relay [--host A] [--port P] [--verbose] [--watch-stdin] SOCKET...
 *
 * SOCKET... are the unix sockets of the terminal ports, one per virtserialport. With
 * --watch-stdin it ends when its standard input does (its starter went away).
 * Covered by tests/system/test_terminal.py and test_cms.py on QEMU.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relay.h"

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "host", required_argument, NULL, 'h' },
		{ "port", required_argument, NULL, 'p' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "watch-stdin", no_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	struct relay_opts o = { .host = "127.0.0.1", .port = 3270, .watch_fd = -1 };
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			o.host = optarg;
			break;
		case 'p':
			o.port = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'v':
			o.verbose = true;
			break;
		case 'w':
			o.watch_fd = 0;
			break;
		default:
			fprintf(stderr, "usage: vm64-relay [--host A] [--port P] [--verbose] "
				"[--watch-stdin] SOCKET...\n");
			return 2;
		}
	}
	for (; optind < argc && o.nports < RELAY_MAX_PORTS; optind++)
		o.paths[o.nports++] = argv[optind];
	if (!o.nports || !o.port || o.port > 65535) {
		fprintf(stderr, "vm64-relay: give a port and at least one terminal socket\n");
		return 2;
	}
	return relay_run(&o);
}
