/*
 * CKD 3390 volumes: the facts CP's CKD driver (arch/s390x/ckd.c), the directory compiler
 * (cp/dir/sysconfig.c), the volume tool and the tests share.
 *
 * Layout. Track 0 (cylinder 0, head 0) is as Hercules' dasdinit writes it: R0, R1 and R2
 * (IPL records, keys "IPL1" "IPL2") and R3, the volume label: key EBCDIC "VOL1" (4 bytes),
 * data 80 bytes, EBCDIC "VOL1" and the volser at offset 4. CP never writes track 0. Every
 * other track CP uses holds CKD_RECS_PER_TRACK records R1..R12 of CKD_REC_SIZE (4096) bytes,
 * no key: 12 is what a 3390 track holds of 4096-byte records (IBM's 3390 capacity table),
 * 48 KB of the track's 56664 bytes, where 512-byte records would fit only 49 (24.5 KB).
 * Above the driver the volume is a disk of 512-byte blocks (VOL_BLOCK_SIZE) like every other
 * volume, so minidisks, DIAGNOSE X'250' and CMS's file system need no change: block b is
 * byte (b % CKD_BLOCKS_PER_TRACK) * 512 of track b / CKD_BLOCKS_PER_TRACK, counted over the
 * whole volume (cylinder * 15 + head). Cylinder 0 (label track and the rest) holds no
 * minidisk: MDISK extents in cylinders start at cylinder 1.
 *
 * ckd_locate() and ckd_vol1_decode() are in lib/ckd.c (portable; tests/unit/test_ckd.c).
 */
#ifndef VM64_CKD_H
#define VM64_CKD_H

#include <stdint.h>
#include <vm64/volume.h>

#define CKD_3390_DEVTYPE     0x3390
#define CKD_3390_HEADS	     15	   /* tracks per cylinder */
#define CKD_3390_TRACK_BYTES 56664 /* the largest single record on a track */
#define CKD_3390_MAX_CYLS    65520 /* cylinder numbers are 16 bits (no EAV) */
#define CKD_REC_SIZE	     4096
#define CKD_RECS_PER_TRACK   12
#define CKD_BLOCKS_PER_REC   (CKD_REC_SIZE / VOL_BLOCK_SIZE)	       /* 8 */
#define CKD_BLOCKS_PER_TRACK (CKD_RECS_PER_TRACK * CKD_BLOCKS_PER_REC) /* 96 */
#define CKD_BLOCKS_PER_CYL   (CKD_BLOCKS_PER_TRACK * CKD_3390_HEADS)   /* 1440 */
#define CKD_LABEL_RECORD     3					       /* R3 of cylinder 0 head 0 */
#define CKD_VOL1_DATA_LEN    80
#define CKD_FILE_SUFFIX	     ".cckd" /* DATADIR/VOLSER.cckd: Hercules compressed CKD */
#define CKD_PLAIN_SUFFIX     ".ckd"  /* DATADIR/VOLSER.ckd: uncompressed CKD (dasdinit, no -z) */

/* Where a 512-byte block of a CKD volume lies. */
struct ckd_addr {
	uint32_t cyl;
	uint16_t head;
	uint8_t rec;	 /* 1..CKD_RECS_PER_TRACK */
	uint16_t offset; /* bytes into the record: a multiple of 512 */
	uint32_t track;	 /* cyl * CKD_3390_HEADS + head */
};

/**
 * ckd_locate() - the cylinder, head, record and offset of block @block
 * @block: a 512-byte block number counted from cylinder 0 head 0
 * @out: filled
 */
void ckd_locate(uint64_t block, struct ckd_addr *out);

/* Blocks of a volume of @cyls cylinders. */
static inline uint64_t ckd_blocks(uint32_t cyls)
{
	return (uint64_t)cyls * CKD_BLOCKS_PER_CYL;
}

/**
 * ckd_vol1_decode() - the volser in the data of a CKD volume label (R3 of track 0)
 * @data: CKD_VOL1_DATA_LEN bytes
 * @volser: VOLSER_LEN + 1 bytes, the volser without blanks
 *
 * Return: 0, or -1 when it is no VOL1 label or its volser is not valid.
 */
int ckd_vol1_decode(const uint8_t *data, char volser[VOLSER_LEN + 1]);

#endif
