/*
 * SET STORAGE KEY EXTENDED on CP's own frames (PoP SA22-7832 chapter 10). Guests' keys are
 * kept by cp/icpt/skey.c; this sets the real key of a frame behind a guest's private page.
 * Covered by tests/system/test_vm.py and tests/guest/skeyshr.c.
 */
#ifndef ARCH_SKEY_H
#define ARCH_SKEY_H

#include <stdint.h>

/* SSKE: the key (bits 56-62 of the first operand) of the 4 KB block at real address addr. */
static inline void sske(uint64_t addr, uint8_t key)
{
	asm volatile("sske %0,%1" : : "d"((unsigned long)key), "a"(addr) : "memory");
}

#endif
