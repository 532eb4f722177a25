/*
 * vm64disk: the host tool for VM/64's volume images, used while the system is down. One row
 * of the table per subcommand, one function per row; the CMS-file subcommands live in
 * cmsfile.c. Tests: tests/unit/test_vm64disk.c (the subcommands), tests/system/test_vm64disk.py.
 */
#include <stdio.h>
#include <string.h>

#include "cmsfile.h"
#include "volume.h"

struct subcommand {
	const char *name;
	const char *usage;
	const char *what;
	int (*run)(int argc, char **argv, FILE *out, FILE *err);
};

static const struct subcommand subcommands[] = {
	{ "format", CMSFILE_FORMAT_USAGE, "make a CMS file system on blocks START..START+COUNT-1",
	  cmsfile_format },
	{ "list", CMSFILE_LIST_USAGE, "list the files of a CMS file system", cmsfile_list },
	{ "check", CMSFILE_CHECK_USAGE, "check a CMS file system (--repair: give back leaks)",
	  cmsfile_check },
	{ "copyin", CMSFILE_COPYIN_USAGE, "copy a host file (- for stdin) into a CMS file",
	  cmsfile_copyin },
	{ "copyout", CMSFILE_COPYOUT_USAGE, "copy a CMS file to a host file (- for stdout)",
	  cmsfile_copyout },
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
