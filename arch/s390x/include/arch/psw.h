/*
 * z/Architecture program-status word (PoP SA22-7832, "Program-Status Word", chapter 4).
 * Bit numbers are the manual's (bit 0 is the most significant). Facts only, no instructions:
 * CP (portable and arch), CMS, the guest tests and the host unit tests all use this one set.
 * Covered by tests/system/test_ipl.py and tests/system/test_vm.py.
 */
#ifndef ARCH_PSW_H
#define ARCH_PSW_H

#include <stdint.h>

#define PSW_BIT(n)          (1ULL << (63 - (n)))

#define PSW_MASK_PER        PSW_BIT(1)
#define PSW_MASK_DAT        PSW_BIT(5)
#define PSW_MASK_IO         PSW_BIT(6)
#define PSW_MASK_EXT        PSW_BIT(7)
#define PSW_KEY_SHIFT       (63 - 11)
#define PSW_MASK_KEY        (0xfULL << PSW_KEY_SHIFT)
#define PSW_MASK_ESA_FORMAT PSW_BIT(12) /* must be 0 in a 16-byte PSW */
#define PSW_MASK_MCHECK     PSW_BIT(13)
#define PSW_MASK_WAIT       PSW_BIT(14)
#define PSW_MASK_PSTATE     PSW_BIT(15)
#define PSW_MASK_ASC        (3ULL << (63 - 17))
#define PSW_CC_SHIFT        (63 - 19)
#define PSW_MASK_CC         (3ULL << PSW_CC_SHIFT)
#define PSW_MASK_PM         (0xfULL << (63 - 23))
#define PSW_MASK_EA         PSW_BIT(31)
#define PSW_MASK_BA         PSW_BIT(32)

#define PSW_MASK_64         (PSW_MASK_EA | PSW_MASK_BA)

/* Bits that must be zero in a valid z/Architecture PSW: 0, 2-4, 12, 24-30, 33-63
 * (PoP "Exceptions Associated with the PSW"; EA/BA and the address are checked apart). */
#define PSW_MASK_UNASSIGNED 0xb80800fe7fffffffULL

/* The address CP's clean shutdown loads in a disabled-wait PSW: QEMU powers off on it. */
#define PSW_WAIT_ADDR_POWEROFF 0xfffULL

struct psw {
	uint64_t mask; /* 0x00 */
	uint64_t addr; /* 0x08 */
} __attribute__((packed, aligned(8)));

_Static_assert(sizeof(struct psw) == 16, "psw is 16 bytes");

#endif
