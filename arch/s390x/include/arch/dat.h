/*
 * Dynamic address translation tables, z/Architecture format without EDAT
 * (PoP SA22-7832, "Dynamic Address Translation", chapter 3): a segment table of 8-byte
 * entries, each pointing to a 256-entry page table of 8-byte entries.
 * Covered by tests/system/test_vm.py and tests/guest/segment.c.
 */
#ifndef ARCH_DAT_H
#define ARCH_DAT_H

#include <stdint.h>

#define ASCE_ORIGIN_MASK      (~0xfffULL)
#define ASCE_REAL_SPACE       0x20ULL
#define ASCE_TYPE_SEGMENT     0x00ULL
#define ASCE_TABLE_LENGTH(n4k) ((uint64_t)((n4k) - 1) & 3) /* n4k 4-KB blocks of entries */

#define SEGMENT_ENTRIES_PER_4K 512
#define SEGMENT_SIZE           (1ULL << 20)
#define STE_ORIGIN_MASK        (~0x7ffULL)
#define STE_PROTECT            0x200ULL
#define STE_INVALID            0x20ULL

#define PAGE_ENTRIES           256
#define PAGE_SIZE_4K           4096ULL
#define PTE_ORIGIN_MASK        (~0xfffULL)
#define PTE_INVALID            0x400ULL
#define PTE_PROTECT            0x200ULL

static inline void ptlb(void)
{
	asm volatile("ptlb" : : : "memory");
}

#endif
