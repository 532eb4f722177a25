/*
 * vm64disk's CMS-file subcommands (tools/vm64disk/cmsfile.c): format, list, check, copyin and
 * copyout on a CMS file system that occupies an extent of a volume image (512-byte blocks).
 * Each takes its argv (argv[0] the subcommand's name) and writes to @out and @err; each
 * returns the process exit status: 0, 1 (the operation failed) or 2 (bad usage).
 * Tests: tests/unit/test_vm64disk.c.
 */
#ifndef TOOLS_VM64DISK_CMSFILE_H
#define TOOLS_VM64DISK_CMSFILE_H

#include <stdio.h>

#define CMSFILE_FORMAT_USAGE  "IMAGE START COUNT [LABEL] [--force]"
#define CMSFILE_LIST_USAGE    "IMAGE START COUNT"
#define CMSFILE_CHECK_USAGE   "IMAGE START COUNT [--repair]"
#define CMSFILE_COPYIN_USAGE  "IMAGE START COUNT HOSTFILE \"FN FT\" [--recfm F|V] [--lrecl N] [--binary]"
#define CMSFILE_COPYOUT_USAGE "IMAGE START COUNT \"FN FT\" HOSTFILE [--binary]"

int cmsfile_format(int argc, char **argv, FILE *out, FILE *err);
int cmsfile_list(int argc, char **argv, FILE *out, FILE *err);
int cmsfile_check(int argc, char **argv, FILE *out, FILE *err);
int cmsfile_copyin(int argc, char **argv, FILE *out, FILE *err);
int cmsfile_copyout(int argc, char **argv, FILE *out, FILE *err);

#endif /* TOOLS_VM64DISK_CMSFILE_H */
