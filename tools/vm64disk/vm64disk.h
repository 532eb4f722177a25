/*
 * vm64disk: the host tool for VM/64's volume image files (build/host/vm64disk). Each
 * subcommand is one row of a table; a file adds its own group of subcommands by defining one
 * of the tables main.c looks for, so groups live in separate files:
 *
 *   volume.c   create, ensure            (volume images and labels, vm64/volume.h)
 *   cmsfile.c  (another group: CMS files on a minidisk extent) defines
 *              vm64disk_cmsfile_cmds[]
 *
 * The tests are tests/system/test_dasd.py (create, ensure, the labels CP reads).
 */
#ifndef TOOLS_VM64DISK_H
#define TOOLS_VM64DISK_H

struct vm64disk_cmd {
	const char *name;  /* NULL ends a table */
	const char *usage; /* operands, for the usage text */
	const char *help;  /* one line */
	int (*run)(int argc, char **argv); /* argv[0] is the subcommand; exit status */
};

/* Exit statuses. */
#define VM64DISK_OK    0
#define VM64DISK_FAIL  1 /* the request failed (I/O error, bad file) */
#define VM64DISK_USAGE 2

extern const struct vm64disk_cmd vm64disk_volume_cmds[];
/* Defined by tools/vm64disk/cmsfile.c when it is there (weak here). */
extern const struct vm64disk_cmd vm64disk_cmsfile_cmds[] __attribute__((weak));

/* "vm64disk: " + message on stderr. */
void vm64disk_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
