/*
 * The prefix area (lowcore): assigned storage locations of z/Architecture
 * (PoP SA22-7832, "Assigned Storage Locations", chapter 3), plus the few words CP keeps
 * for itself in the part the architecture leaves to the program (0x200-0x11ff). Facts only,
 * no instructions: the one set of offsets for CP's own lowcore, the guests' lowcores CP
 * writes (cp/vm/deliver.c), CMS and the guest tests; usable from assembler too.
 * Covered by tests/system/test_ipl.py and tests/system/test_vm.py.
 */
#ifndef ARCH_LOWCORE_H
#define ARCH_LOWCORE_H

/* Offsets, usable from assembler too. */
#define LC_EXT_PARAMS        0x080
#define LC_EXT_CPU_ADDR      0x084
#define LC_EXT_INT_CODE      0x086
#define LC_SVC_ILC           0x088
#define LC_SVC_CODE          0x08a
#define LC_PGM_ILC           0x08c
#define LC_PGM_CODE          0x08e
#define LC_ARCH_MODE_ID      0x0a3 /* store status: architectural-mode identification */
#define LC_TRANS_EXC_ID      0x0a8
#define LC_SUBCHANNEL_ID     0x0b8
#define LC_IO_INT_PARM       0x0bc
#define LC_IO_INT_WORD       0x0c0
#define LC_STFL_FAC_LIST     0x0c8
#define LC_MCCK_CODE         0x0e8
#define LC_RESTART_OLD_PSW   0x120
#define LC_EXT_OLD_PSW       0x130
#define LC_SVC_OLD_PSW       0x140
#define LC_PGM_OLD_PSW       0x150
#define LC_MCCK_OLD_PSW      0x160
#define LC_IO_OLD_PSW        0x170
#define LC_RESTART_NEW_PSW   0x1a0
#define LC_EXT_NEW_PSW       0x1b0
#define LC_SVC_NEW_PSW       0x1c0
#define LC_PGM_NEW_PSW       0x1d0
#define LC_MCCK_NEW_PSW      0x1e0
#define LC_IO_NEW_PSW        0x1f0
#define LC_STATUS_SAVE_AREA  0x1200 /* store status (SIGP), absolute: 512 bytes */

/* CP's own words (program-defined area). */
#define LC_SAVE_EXT          0x200 /* 16 GPRs on entry, one area per class */
#define LC_SAVE_IO           0x280
#define LC_SAVE_PGM          0x300
#define LC_SAVE_SVC          0x380
#define LC_SAVE_MCCK         0x400
#define LC_SAVE_RESTART      0x480
#define LC_KERNEL_STACK      0x500 /* stack for interruptions from problem state */
#define LC_PANIC_STACK       0x508 /* stack for a program check inside CP */
#define LC_PGM_NESTING       0x510 /* nonzero while the program-check handler runs */
#define LC_GUEST_CTX         0x518 /* the trap-and-emulate context of the running guest */
#define LC_TAE_PSW           0x520 /* the PSW tae_enter loads (16 bytes) */
#define LC_SIE_SCRATCH       0x530 /* STOSM/STNSM's byte around SIE */
#define LC_TAE_FAST          0x538 /* nonzero: entry.S may skip the guest's DIAG X'44' itself */
#define LC_TAE_FAST_COUNT    0x540 /* DIAG X'44's entry.S skipped (engine_tae.c adds them up) */
#define LC_TAE_SCRATCH       0x548 /* entry.S's CR1 while it looks at a guest's instruction */
#define LC_SIE_FAST          0x550 /* nonzero: sie_enter may resume the guest past a DIAG X'44' */
#define LC_SIE_FAST_COUNT    0x558 /* DIAG X'44's sie_enter resumed past (engine_sie.c adds them) */

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <arch/psw.h>

struct lowcore {
	uint8_t  pad_0000[0x080];          /* 0x000 */
	uint32_t ext_params;               /* 0x080 */
	uint16_t ext_cpu_addr;             /* 0x084 */
	uint16_t ext_int_code;             /* 0x086 */
	uint16_t svc_ilc;                  /* 0x088 */
	uint16_t svc_code;                 /* 0x08a */
	uint16_t pgm_ilc;                  /* 0x08c */
	uint16_t pgm_code;                 /* 0x08e */
	uint32_t data_exc_code;            /* 0x090 */
	uint16_t mon_class_num;            /* 0x094 */
	uint8_t  per_code;                 /* 0x096 */
	uint8_t  per_atmid;                /* 0x097 */
	uint64_t per_address;              /* 0x098 */
	uint8_t  exc_access_id;            /* 0x0a0 */
	uint8_t  per_access_id;            /* 0x0a1 */
	uint8_t  op_access_id;             /* 0x0a2 */
	uint8_t  ar_mode_id;               /* 0x0a3 */
	uint8_t  pad_00a4[0x0a8 - 0x0a4];  /* 0x0a4 */
	uint64_t trans_exc_id;             /* 0x0a8 */
	uint64_t monitor_code;             /* 0x0b0 */
	uint32_t subchannel_id;            /* 0x0b8 */
	uint32_t io_int_parm;              /* 0x0bc */
	uint32_t io_int_word;              /* 0x0c0 */
	uint8_t  pad_00c4[0x0c8 - 0x0c4];  /* 0x0c4 */
	uint32_t stfl_fac_list;            /* 0x0c8 */
	uint8_t  pad_00cc[0x0e8 - 0x0cc];  /* 0x0cc */
	uint64_t mcck_code;                /* 0x0e8 */
	uint8_t  pad_00f0[0x120 - 0x0f0];  /* 0x0f0 */
	struct psw restart_old_psw;        /* 0x120 */
	struct psw ext_old_psw;            /* 0x130 */
	struct psw svc_old_psw;            /* 0x140 */
	struct psw pgm_old_psw;            /* 0x150 */
	struct psw mcck_old_psw;           /* 0x160 */
	struct psw io_old_psw;             /* 0x170 */
	uint8_t  pad_0180[0x1a0 - 0x180];  /* 0x180 */
	struct psw restart_new_psw;        /* 0x1a0 */
	struct psw ext_new_psw;            /* 0x1b0 */
	struct psw svc_new_psw;            /* 0x1c0 */
	struct psw pgm_new_psw;            /* 0x1d0 */
	struct psw mcck_new_psw;           /* 0x1e0 */
	struct psw io_new_psw;             /* 0x1f0 */
	uint64_t save_ext[16];             /* 0x200 */
	uint64_t save_io[16];              /* 0x280 */
	uint64_t save_pgm[16];             /* 0x300 */
	uint64_t save_svc[16];             /* 0x380 */
	uint64_t save_mcck[16];            /* 0x400 */
	uint64_t save_restart[16];         /* 0x480 */
	uint64_t kernel_stack;             /* 0x500 */
	uint64_t panic_stack;              /* 0x508 */
	uint64_t pgm_nesting;              /* 0x510 */
	uint64_t guest_ctx;                /* 0x518 */
	struct psw tae_psw;                /* 0x520 */
	uint64_t sie_scratch;              /* 0x530 */
	uint64_t tae_fast;                 /* 0x538 */
	uint64_t tae_fast_count;           /* 0x540 */
	uint64_t tae_scratch;              /* 0x548 */
	uint64_t sie_fast;                 /* 0x550 */
	uint64_t sie_fast_count;           /* 0x558 */
	uint8_t  pad_0560[0x2000 - 0x560]; /* 0x560 */
} __attribute__((packed, aligned(8192)));

_Static_assert(sizeof(struct lowcore) == 0x2000, "lowcore is 8 KB");
/* Every LC_* offset is its field's. */
#define LC_ASSERT(field, off) \
	_Static_assert(__builtin_offsetof(struct lowcore, field) == (off), #off)
LC_ASSERT(ext_params, LC_EXT_PARAMS);
LC_ASSERT(ext_cpu_addr, LC_EXT_CPU_ADDR);
LC_ASSERT(ext_int_code, LC_EXT_INT_CODE);
LC_ASSERT(svc_ilc, LC_SVC_ILC);
LC_ASSERT(svc_code, LC_SVC_CODE);
LC_ASSERT(pgm_ilc, LC_PGM_ILC);
LC_ASSERT(pgm_code, LC_PGM_CODE);
LC_ASSERT(ar_mode_id, LC_ARCH_MODE_ID);
LC_ASSERT(trans_exc_id, LC_TRANS_EXC_ID);
LC_ASSERT(subchannel_id, LC_SUBCHANNEL_ID);
LC_ASSERT(io_int_parm, LC_IO_INT_PARM);
LC_ASSERT(io_int_word, LC_IO_INT_WORD);
LC_ASSERT(stfl_fac_list, LC_STFL_FAC_LIST);
LC_ASSERT(mcck_code, LC_MCCK_CODE);
LC_ASSERT(restart_old_psw, LC_RESTART_OLD_PSW);
LC_ASSERT(ext_old_psw, LC_EXT_OLD_PSW);
LC_ASSERT(svc_old_psw, LC_SVC_OLD_PSW);
LC_ASSERT(pgm_old_psw, LC_PGM_OLD_PSW);
LC_ASSERT(mcck_old_psw, LC_MCCK_OLD_PSW);
LC_ASSERT(io_old_psw, LC_IO_OLD_PSW);
LC_ASSERT(restart_new_psw, LC_RESTART_NEW_PSW);
LC_ASSERT(ext_new_psw, LC_EXT_NEW_PSW);
LC_ASSERT(svc_new_psw, LC_SVC_NEW_PSW);
LC_ASSERT(pgm_new_psw, LC_PGM_NEW_PSW);
LC_ASSERT(mcck_new_psw, LC_MCCK_NEW_PSW);
LC_ASSERT(io_new_psw, LC_IO_NEW_PSW);
LC_ASSERT(save_ext, LC_SAVE_EXT);
LC_ASSERT(save_io, LC_SAVE_IO);
LC_ASSERT(save_pgm, LC_SAVE_PGM);
LC_ASSERT(save_svc, LC_SAVE_SVC);
LC_ASSERT(save_mcck, LC_SAVE_MCCK);
LC_ASSERT(save_restart, LC_SAVE_RESTART);
LC_ASSERT(kernel_stack, LC_KERNEL_STACK);
LC_ASSERT(panic_stack, LC_PANIC_STACK);
LC_ASSERT(pgm_nesting, LC_PGM_NESTING);
LC_ASSERT(guest_ctx, LC_GUEST_CTX);
LC_ASSERT(tae_psw, LC_TAE_PSW);
LC_ASSERT(sie_scratch, LC_SIE_SCRATCH);
LC_ASSERT(tae_fast, LC_TAE_FAST);
LC_ASSERT(tae_fast_count, LC_TAE_FAST_COUNT);
LC_ASSERT(tae_scratch, LC_TAE_SCRATCH);
LC_ASSERT(sie_fast, LC_SIE_FAST);
LC_ASSERT(sie_fast_count, LC_SIE_FAST_COUNT);
#undef LC_ASSERT

/* CP runs with prefix 0, so the lowcore of the running CPU is at absolute 0. */
#define lowcore ((volatile struct lowcore *)0)

#endif /* __ASSEMBLER__ */
#endif
