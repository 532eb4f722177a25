/*
 * The SIE state description (interpretive execution). No public IBM manual describes it;
 * offsets follow Linux's struct kvm_s390_sie_block and were checked on Hercules 3.13
 * (shared/design/EMULATORS.md). 512 bytes, 512-byte aligned, not in page 0 or a prefix page.
 */
#ifndef ARCH_SIE_H
#define ARCH_SIE_H

#include <stdint.h>
#include <arch/psw.h>

#define SIE_CPUFLAGS_ZARCH  0x08 /* 0x02: guest is in z/Architecture mode */

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
	uint32_t intervention_requests; /* 0x000 */
	uint32_t prefix_flags;          /* 0x004: cpuflags at byte 0x002 are in the first word */
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
	uint8_t  pad_05c[0x080 - 0x05c];
	uint64_t mso;                   /* 0x080 main-storage origin */
	uint64_t mse;                   /* 0x088 main-storage extent */
	struct psw gpsw;                /* 0x090 guest PSW */
	uint64_t gg14;                  /* 0x0a0 guest r14 */
	uint64_t gg15;                  /* 0x0a8 guest r15 */
	uint8_t  pad_0b0[0x0c0 - 0x0b0];
	uint8_t  lowcore_image[0x100 - 0x0c0]; /* 0x0c0: guest lowcore 0x80-0xbf */
	uint64_t gcr[16];               /* 0x100 guest control registers */
	uint8_t  pad_180[0x200 - 0x180];
} __attribute__((packed, aligned(512)));

_Static_assert(sizeof(struct sie_block) == 0x200, "sie block is 512 bytes");
_Static_assert(__builtin_offsetof(struct sie_block, icptcode) == 0x50, "icptcode");
_Static_assert(__builtin_offsetof(struct sie_block, ipa) == 0x56, "ipa");
_Static_assert(__builtin_offsetof(struct sie_block, mso) == 0x80, "mso");
_Static_assert(__builtin_offsetof(struct sie_block, gpsw) == 0x90, "gpsw");
_Static_assert(__builtin_offsetof(struct sie_block, gcr) == 0x100, "gcr");

static inline void sie_set_cpuflags(struct sie_block *sb, uint8_t flags)
{
	((uint8_t *)sb)[0x02] = flags;
}

#endif
