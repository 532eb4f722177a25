/*
 * Channel subsystem: subchannel-information block, operation-request block, interruption-
 * response block, format-1 CCWs and the I/O instructions (PoP SA22-7832 chapters 13-16).
 * Covered by tests/system/test_ipl.py and tests/system/test_terminal.py.
 */
#ifndef ARCH_CIO_H
#define ARCH_CIO_H

#include <stdint.h>

struct pmcw {
	uint32_t intparm;   /* 0x00 */
	uint8_t  flags0;    /* 0x04: ISC in bits 2-4 */
	uint8_t  flags1;    /* 0x05: E (0x80), LM, MM, D, T, V (0x01) */
	uint16_t devno;     /* 0x06 */
	uint8_t  lpm;       /* 0x08 */
	uint8_t  pnom;      /* 0x09 */
	uint8_t  lpum;      /* 0x0a */
	uint8_t  pim;       /* 0x0b */
	uint16_t mbi;       /* 0x0c */
	uint8_t  pom;       /* 0x0e */
	uint8_t  pam;       /* 0x0f */
	uint8_t  chpid[8];  /* 0x10 */
	uint32_t flags2;    /* 0x18 */
} __attribute__((packed));

#define PMCW1_ENABLED      0x80
#define PMCW1_DEVNO_VALID  0x01
#define PMCW1_MULTIPATH    0x04       /* D */
#define PMCW2_CONC_SENSE   0x00000001u /* S: concurrent sense, word 6 bit 31 */
#define PMCW0_ISC_SHIFT    3

struct scsw {
	uint32_t flags;   /* 0x00: key, S, L, CC, F, P, I, A, U, Z, E, N, fctl, actl, stctl */
	uint32_t ccw;     /* 0x04 */
	uint8_t  dstat;   /* 0x08 */
	uint8_t  cstat;   /* 0x09 */
	uint16_t count;   /* 0x0a */
} __attribute__((packed));

struct schib {
	struct pmcw pmcw;   /* 0x00 */
	struct scsw scsw;   /* 0x1c */
	uint8_t  mda[12];   /* 0x28 */
} __attribute__((packed));

_Static_assert(sizeof(struct schib) == 52, "schib");

struct orb {
	uint32_t intparm;  /* 0x00 */
	uint32_t flags;    /* 0x04: key, S, C, M, Y, F (format-1 CCWs), P, I, A, U, lpm, L, D, X */
	uint32_t cpa;      /* 0x08: channel-program address (31-bit) */
	uint32_t reserved[5];
} __attribute__((packed, aligned(4)));

#define ORB_FLAGS_FORMAT1  0x00800000u  /* bit 40 of the ORB: format-1 CCWs */
#define ORB_FLAGS_PREFETCH 0x00400000u
#define ORB_FLAGS_LPM_ALL  0x0000ff00u

struct irb {
	struct scsw scsw;   /* 0x00 */
	uint32_t esw[5];    /* 0x0c */
	uint32_t ecw[8];    /* 0x20 */
	uint32_t emw[8];    /* 0x40 */
} __attribute__((packed, aligned(4)));

struct ccw1 {
	uint8_t  cmd;     /* 0x00 */
	uint8_t  flags;   /* 0x01 */
	uint16_t count;   /* 0x02 */
	uint32_t cda;     /* 0x04: data address (31-bit) */
} __attribute__((packed, aligned(8)));

#define CCW_FLAG_CD  0x80
#define CCW_FLAG_CC  0x40
#define CCW_FLAG_SLI 0x20
#define CCW_FLAG_SKIP 0x10
#define CCW_FLAG_PCI  0x08
#define CCW_FLAG_IDA  0x04
#define CCW_FLAG_SUSPEND 0x02

/* A format-1 ORB for the channel program at @cpa on any path, with intparm; every other field 0. */
static inline void orb_format1(struct orb *orb, uint32_t cpa, uint32_t intparm)
{
	*orb = (struct orb){ .intparm = intparm, .flags = ORB_FLAGS_FORMAT1 | ORB_FLAGS_LPM_ALL,
			     .cpa = cpa };
}

/*
 * A channel program of one CCW (cmd on count bytes at data, incorrect length suppressed) and a
 * format-1 ORB for it on any path, with intparm; every other ORB field zero.
 */
static inline void ccw1_orb_one(struct ccw1 *ccw, struct orb *orb, uint8_t cmd, void *data,
				uint16_t count, uint32_t intparm)
{
	*ccw = (struct ccw1){ .cmd = cmd, .flags = CCW_FLAG_SLI, .count = count,
			      .cda = (uint32_t)(uintptr_t)data };
	orb_format1(orb, (uint32_t)(uintptr_t)ccw, intparm);
}

/* Status-control bits of the SCSW's first word. */
#define SCSW_STCTL_ALERT    0x10
#define SCSW_STCTL_PRIMARY  0x04
#define SCSW_STCTL_PENDING  0x01

#define CCW_CMD_SENSE_ID 0xe4
#define CCW_CMD_SENSE    0x04
#define CCW_CMD_NOP      0x03

/* Device status and subchannel status bits (scsw.dstat/cstat). */
#define DEV_STAT_ATTENTION  0x80
#define DEV_STAT_SM         0x40
#define DEV_STAT_CU_END     0x20
#define DEV_STAT_BUSY       0x10
#define DEV_STAT_CHN_END    0x08
#define DEV_STAT_DEV_END    0x04
#define DEV_STAT_UNIT_CHECK 0x02
#define DEV_STAT_UNIT_EXCEP 0x01
#define SCH_STAT_INCORR_LEN 0x40 /* incorrect length */
#define SCH_STAT_PROG_CHECK 0x20 /* program check */
#define SCH_STAT_PROT_CHECK 0x10 /* protection check */

/* Sense byte 0 bits every device sets alike (the device manuals' "common sense"). */
#define SNS0_CMD_REJECT      0x80
#define SNS0_INTERVENTION    0x40 /* intervention required */
#define SNS0_EQUIPMENT_CHECK 0x10

/* Subsystem-identification word of a subchannel in set 0 of channel subsystem 0. */
#define SCHID_ONE      0x00010000u
#define SCHID(n)       (SCHID_ONE | (n))

static inline int stsch(uint32_t schid, struct schib *schib)
{
	register unsigned long r1 asm("1") = schid;
	int cc;

	asm volatile("stsch %1\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "=Q"(*schib) : "d"(r1) : "cc", "memory");
	return cc;
}

static inline int msch(uint32_t schid, struct schib *schib)
{
	register unsigned long r1 asm("1") = schid;
	int cc;

	asm volatile("msch %1\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc) : "Q"(*schib), "d"(r1) : "cc", "memory");
	return cc;
}

static inline int ssch(uint32_t schid, struct orb *orb)
{
	register unsigned long r1 asm("1") = schid;
	int cc;

	asm volatile("ssch %1\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc) : "Q"(*orb), "d"(r1) : "cc", "memory");
	return cc;
}

static inline int tsch(uint32_t schid, struct irb *irb)
{
	register unsigned long r1 asm("1") = schid;
	int cc;

	asm volatile("tsch %1\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "=Q"(*irb) : "d"(r1) : "cc", "memory");
	return cc;
}

static inline int csch(uint32_t schid)
{
	register unsigned long r1 asm("1") = schid;
	int cc;

	asm volatile("csch\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "d"(r1) : "cc", "memory");
	return cc;
}

static inline int hsch(uint32_t schid)
{
	register unsigned long r1 asm("1") = schid;
	int cc;

	asm volatile("hsch\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "d"(r1) : "cc", "memory");
	return cc;
}

#endif
