/*
 * Spool as CP and its users see it: the spool area bound at IPL (cp/spool/area.c), each
 * machine's virtual unit-record devices (cp/spool/vur.c: reader 00C, punch 00D, printer
 * 00E from the directory's SPOOL statements) and what the spool commands and DIAG X'14' need
 * of them. Tested by tests/unit/test_vur.c and tests/system/test_spool.py.
 */
#ifndef CP_SPOOLVM_H
#define CP_SPOOLVM_H

#include <stdbool.h>
#include <stdint.h>
#include <cp/spool.h>
#include <cp/sysconfig.h>

/* IPL: the spool area on SYSTEM CONFIG's SYSRES volume, warm start; spool_init()'s result. */
int spool_ipl(const struct sysconfig *cfg, void (*say)(const char *line));

#endif
