/*
 * vm64disk: the host tool for VM/64's volume images, used while the system is down. One row
 * of the table per subcommand, one function per row; the volume subcommands live in
 * volume.c (and the CMS-file ones, format, list, copyin, copyout, in cmsfile.c: their rows
 * go in the same table). Tests: tests/system/test_dasd.py.
 */
#include <stdio.h>
#include <string.h>

#include "volume.h"

struct subcommand {
	const char *name;
	const char *usage;
	const char *what;
	int (*run)(int argc, char **argv, FILE *out, FILE *err);
};

static const struct subcommand subcommands[] = {
	{ "create", VOLUME_CREATE_USAGE,
	  "a new sparse volume image of BLOCKS 512-byte blocks labelled VOLSER", volume_create },
	{ "ensure", VOLUME_ENSURE_USAGE,
	  "create the volumes SYSTEM CONFIG names that DATADIR lacks (DATADIR/VOLSER.fba)",
	  volume_ensure },
};

#define NSUB (sizeof(subcommands) / sizeof(subcommands[0]))

static int help(FILE *to)
{
	fprintf(to, "usage: vm64disk SUBCOMMAND ...  (START and COUNT in 512-byte blocks)\n");
	for (size_t i = 0; i < NSUB; i++)
		fprintf(to, "  vm64disk %s %s\n      %s\n", subcommands[i].name,
			subcommands[i].usage, subcommands[i].what);
	return to == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return help(stderr);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
		return help(stdout);
	for (size_t i = 0; i < NSUB; i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].run(argc - 1, argv + 1, stdout, stderr);
	fprintf(stderr, "vm64disk: unknown subcommand %s\n", argv[1]);
	return help(stderr);
}
