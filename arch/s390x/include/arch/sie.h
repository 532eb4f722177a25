/*
 * The SIE state description (interpretive execution). No public IBM manual describes it;
 * offsets follow Linux's struct kvm_s390_sie_block and were checked on Hercules 3.13
 * (shared/design/EMULATORS.md). 512 bytes, 512-byte aligned, not in page 0 or a prefix page.
 * Covered by tests/system/test_vm.py.
 */
#ifndef ARCH_SIE_H
#define ARCH_SIE_H

#include <stdint.h>
#include <arch/psw.h>

#define SIE_CPUFLAGS_ZARCH  0x08 /* cpuflags[2]: guest is in z/Architecture mode */
/* cpuflags[2]: region relocation: the guest's storage is the zone named at 0x074 (zone.c)
 * and the SIE MSO/MSE are ignored (Hercules' FEATURE_REGION_RELOCATE, SIE_MX_RRF). */
#define SIE_CPUFLAGS_RRF    0x80

#define SIE_IC0_OPEREXC     0x80 /* intercept operation exceptions */
#define SIE_IC0_PRIVOP      0x40 /* intercept privileged-operation exceptions */
#define SIE_IC0_ALLPGM      0x20 /* intercept all program interruptions */
#define SIE_IC2_ISKE        0x40 /* 0x04a: intercept ISKE (Hercules 3.13: SIE_IC2_ISKE) */
#define SIE_IC2_SSKE        0x20 /* intercept SSKE */
#define SIE_IC2_RRBE        0x10 /* intercept RRBE */

#define SIE_ICPT_NONE          0
#define SIE_ICPT_INSTRUCTION   4
#define SIE_ICPT_PROGRAM       8
#define SIE_ICPT_INST_PROGRAM 12
#define SIE_ICPT_EXTERNAL     16
#define SIE_ICPT_IO           24
#define SIE_ICPT_WAIT         28
#define SIE_ICPT_VALIDITY     32
#define SIE_ICPT_STOP         40
#define SIE_ICPT_OPEREXC      44

struct sie_block {
	uint8_t  cpuflags[4];           /* 0x000 CPU state (Linux: CPUSTAT_ZARCH is 0x00000800) */
	uint32_t prefix;                /* 0x004 guest prefix, bits 1-18 */
	uint8_t  pad_008[0x028 - 0x008];
	int64_t  cputm;                 /* 0x028 */
	uint64_t ckc;                   /* 0x030 */
	int64_t  epoch;                 /* 0x038 */
	uint8_t  pad_040[0x048 - 0x040];
	uint8_t  ic[4];                 /* 0x048 interception controls */
	uint8_t  ec[4];                 /* 0x04c execution controls */
	uint8_t  icptcode;              /* 0x050 */
	uint8_t  pad_051[0x056 - 0x051];
	uint16_t ipa;                   /* 0x056 */
	uint32_t ipb;                   /* 0x058 */
	uint8_t  pad_05c[0x074 - 0x05c];
	uint8_t  zone;                  /* 0x074 region-relocation zone, with SIE_CPUFLAGS_RRF */
	uint8_t  pad_075[0x080 - 0x075];
	uint64_t mso;                   /* 0x080 main-storage origin */
	uint64_t mse;                   /* 0x088 main-storage extent */
	struct psw gpsw;                /* 0x090 guest PSW */
	uint64_t gg14;                  /* 0x0a0 guest r14 */
	uint64_t gg15;                  /* 0x0a8 guest r15 */
	uint8_t  pad_0b0[0x0c0 - 0x0b0];
	/* 0x0c0-0x0ff: the interruption words of the guest lowcore's 0x080-0x0bf, imaged
	 * (offset + 0x40) when the machine intercepts an interruption. */
	uint32_t eiparams;              /* 0x0c0 external parameter (guest 0x080) */
	uint16_t extcpuaddr;            /* 0x0c4 external CPU address (guest 0x084) */
	uint16_t eic;                   /* 0x0c6 external-interruption code (guest 0x086) */
	uint8_t  pad_0c8[0x0cc - 0x0c8];
	uint16_t pgmilc;                /* 0x0cc program ILC (guest 0x08c) */
	uint16_t iprcc;                 /* 0x0ce program-interruption code (guest 0x08e) */
	uint32_t dxc;                   /* 0x0d0 data-exception code (guest 0x090) */
	uint16_t mcn;                   /* 0x0d4 monitor class (guest 0x094) */
	uint8_t  perc;                  /* 0x0d6 PER code (guest 0x096) */
	uint8_t  peratmid;              /* 0x0d7 PER ATMID (guest 0x097) */
	uint64_t peraddr;               /* 0x0d8 PER address (guest 0x098) */
	uint8_t  eai;                   /* 0x0e0 exception access id (guest 0x0a0) */
	uint8_t  peraid;                /* 0x0e1 PER access id (guest 0x0a1) */
	uint8_t  oai;                   /* 0x0e2 operand access id (guest 0x0a2) */
	uint8_t  armid;                 /* 0x0e3 AR-mode id (guest 0x0a3) */
	uint8_t  pad_0e4[0x0e8 - 0x0e4];
	uint64_t tecmc;                 /* 0x0e8 translation-exception id (guest 0x0a8) */
	uint8_t  pad_0f0[0x100 - 0x0f0];
	uint64_t gcr[16];               /* 0x100 guest control registers */
	uint8_t  pad_180[0x200 - 0x180];
} __attribute__((packed, aligned(512)));

_Static_assert(sizeof(struct sie_block) == 0x200, "sie block is 512 bytes");
_Static_assert(__builtin_offsetof(struct sie_block, icptcode) == 0x50, "icptcode");
_Static_assert(__builtin_offsetof(struct sie_block, ipa) == 0x56, "ipa");
_Static_assert(__builtin_offsetof(struct sie_block, zone) == 0x74, "zone");
_Static_assert(__builtin_offsetof(struct sie_block, mso) == 0x80, "mso");
_Static_assert(__builtin_offsetof(struct sie_block, gpsw) == 0x90, "gpsw");
_Static_assert(__builtin_offsetof(struct sie_block, pgmilc) == 0xcc, "pgmilc");
_Static_assert(__builtin_offsetof(struct sie_block, iprcc) == 0xce, "iprcc");
_Static_assert(__builtin_offsetof(struct sie_block, tecmc) == 0xe8, "tecmc");
_Static_assert(__builtin_offsetof(struct sie_block, gcr) == 0x100, "gcr");

static inline void sie_set_cpuflags(struct sie_block *sb, uint8_t flags)
{
	sb->cpuflags[2] = flags;
}

#endif
