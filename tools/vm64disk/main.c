/*
 * vm64disk: subcommand dispatch (see vm64disk.h). "vm64disk" alone or "vm64disk help" lists
 * every subcommand of every group linked in. Tested by tests/system/test_dasd.py.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vm64disk.h"

static const struct vm64disk_cmd *const *groups(void)
{
	static const struct vm64disk_cmd *list[3];

	list[0] = vm64disk_volume_cmds;
	list[1] = vm64disk_cmsfile_cmds; /* NULL when that file is not linked in */
	list[2] = NULL;
	return list;
}

void vm64disk_error(const char *fmt, ...)
{
	va_list ap;

	fputs("vm64disk: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: vm64disk SUBCOMMAND OPERANDS\n");
	for (const struct vm64disk_cmd *const *g = groups(); *g; g++)
		for (const struct vm64disk_cmd *c = *g; c->name; c++)
			fprintf(f, "  vm64disk %s %s\n      %s\n", c->name, c->usage, c->help);
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? VM64DISK_USAGE : VM64DISK_OK;
	}
	for (const struct vm64disk_cmd *const *g = groups(); *g; g++)
		for (const struct vm64disk_cmd *c = *g; c->name; c++)
			if (strcmp(c->name, argv[1]) == 0)
				return c->run(argc - 1, argv + 1);
	vm64disk_error("unknown subcommand %s (vm64disk help lists them)", argv[1]);
	return VM64DISK_USAGE;
}
