/*
 * vm64disk's volume subcommands (tools/vm64disk/volume.c): create a labelled volume image,
 * ensure the volumes of SYSTEM CONFIG exist in a data folder. Each takes its argv (argv[0]
 * the subcommand's name), writes to @out and @err and returns the exit status: 0, 1 (the
 * operation failed) or 2 (bad usage). Tests: tests/system/test_dasd.py.
 */
#ifndef TOOLS_VM64DISK_VOLUME_H
#define TOOLS_VM64DISK_VOLUME_H

#include <stdio.h>

#define VOLUME_CREATE_USAGE "FILE VOLSER BLOCKS"
#define VOLUME_ENSURE_USAGE "SYSTEM.CONFIG DATADIR"

int volume_create(int argc, char **argv, FILE *out, FILE *err);
int volume_ensure(int argc, char **argv, FILE *out, FILE *err);

#endif /* TOOLS_VM64DISK_VOLUME_H */
