/*
 * The trap-and-emulate engine's context: what tae_enter() loads and what the interruption
 * stubs store back when the guest is interrupted (offsets used by entry.S).
 * Covered by tests/system/test_vm.py.
 */
#ifndef ARCH_TAE_H
#define ARCH_TAE_H

#include <stdint.h>
#include <arch/psw.h>

enum int_class {
	INT_CLASS_EXT = 1,
	INT_CLASS_IO = 2,
	INT_CLASS_PGM = 3,
	INT_CLASS_SVC = 4,
	INT_CLASS_MCCK = 5,
	INT_CLASS_RESTART = 6,
};

struct tae_ctx {
	uint64_t gprs[16];   /* 0x00 */
	struct psw psw;      /* 0x80 */
	uint64_t host[10];   /* 0x90: CP's r6-r15 */
};

_Static_assert(__builtin_offsetof(struct tae_ctx, psw) == 0x80, "ctx psw");
_Static_assert(__builtin_offsetof(struct tae_ctx, host) == 0x90, "ctx host");

int tae_enter(struct tae_ctx *ctx);

#endif
