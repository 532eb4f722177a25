/*
 * The marker an asm-offsets.c file emits for each constant an assembler file needs (as
 * kvm-unit-tests and Linux do): the C file is compiled to assembler with -S, each DEFINE()
 * leaves a line ".ascii "->NAME value"", and the build (mk/asm-offsets.sed)
 * turns those lines into "#define NAME value" in a generated asm-offsets.h. So .S files take
 * struct offsets and sizes from the C declarations and never type one in.
 * Covered by tests/system/test_ipl.py and tests/system/test_vm.py.
 */
#ifndef ARCH_OFFSETS_GEN_H
#define ARCH_OFFSETS_GEN_H

#include <stddef.h>

#define DEFINE(sym, val) asm volatile("\n.ascii \"->" #sym " %0\"" : : "i"(val))
#define OFFSET(sym, str, mem) DEFINE(sym, offsetof(struct str, mem))

#endif
