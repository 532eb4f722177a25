/*
 * CKD 3390 DASD driver (behind hw_blk_*, see blk_priv.h) for the 3390s Hercules emulates on
 * compressed CKD image files. Above it the volume is a disk of 512-byte blocks like any other
 * (vm64/ckd.h: 12 records of 4096 bytes per track, 96 blocks; track 0 with the label is never
 * written). A transfer works a track at a time with ECKD channel programs:
 *
 *   read:   DEFINE EXTENT (X'63', 16 bytes: file mask X'40' inhibit all writes, global
 *                          attributes X'C0' ECKD mode, the track as first and last track)
 *           LOCATE RECORD (X'47', 16 bytes: operation X'06' read data, orient to count,
 *                          count of records, seek address CCHH, search argument CCHHR of the
 *                          first record)
 *           READ DATA     (X'06') of 4096 bytes, once per record, command-chained
 *   write:  DEFINE EXTENT (file mask X'C0' permit all writes)
 *           LOCATE RECORD (operation X'03' format write, 12 records, search argument R0)
 *           WRITE CKD     (X'1D'), 12 of them, count field CCHHR KL 0 DL 4096 and the data
 *
 * A write always formats the whole track (a partial one reads the track first), so a track
 * CP has never written needs no separate formatting: reading it ends with unit check, "no
 * record found" (sense byte 1 bit 4; a track with R0 alone), or, on a compressed image's null
 * track (R0 and an empty R1, which Hercules makes up for a track never written), with unit
 * exception on the READ DATA of R1 (data length 0); either way it reads as zeros. The
 * geometry comes from READ DEVICE CHARACTERISTICS (X'64': cylinders in bytes 12-13, tracks per
 * cylinder 14-15, track length 18-19). The label is R3 of track 0 (READ KEY AND DATA X'0E' after
 * a LOCATE RECORD on R3). Waits are cio_run() (SSCH, enabled wait for the I/O interruption);
 * unit check: SENSE (X'04', 32 bytes) and up to CKD_RETRIES more tries, none for a command
 * reject or a record that is not there. Facts from Hercules 3.13's ckddasd.c (which checks
 * the same fields) and IBM's 3390 capacity table. Covered by tests/system/test_ckd.py and,
 * for the mapping, tests/unit/test_ckd.c.
 */
#include <arch/cio.h>
#include <arch/cio_api.h>
#include <arch/hw.h>
#include <lib/endian.h>
#include <lib/string.h>
#include <vm64/ckd.h>
#include "blk_priv.h"

#define CKD_CMD_READ_DATA      0x06
#define CKD_CMD_READ_KEY_DATA  0x0e
#define CKD_CMD_WRITE_CKD      0x1d
#define CKD_CMD_LOCATE	       0x47
#define CKD_CMD_DEFINE_EXTENT  0x63
#define CKD_CMD_RDC	       0x64
#define CKD_MASK_INHIBIT_WRITE 0x40
#define CKD_MASK_ALLOW_WRITE   0xc0
#define CKD_GATTR_ECKD	       0xc0
#define CKD_OP_FORMAT	       0x03
#define CKD_OP_READ_DATA       0x06
#define CKD_SENSE1_NRF	       0x08 /* sense byte 1: no record found */
#define CKD_SENSE_LEN	       32
#define CKD_RDC_LEN	       64
#define CKD_RETRIES	       3
#define CKD_TIMEOUT_US	       30000000
#define CKD_COUNT_LEN	       8

/*
 * ckd_run() results besides HW_BLK_E_IO. CKD_RUN_NRF: the track is not formatted CP's way: no
 * record found, or the empty R1 (data length 0, unit exception) of a compressed null track.
 */
#define CKD_RUN_OK  0
#define CKD_RUN_NRF 1

static struct {
	struct ccw1 ccw[2 + CKD_RECS_PER_TRACK];
	uint8_t extent[16];
	uint8_t locate[16];
	uint8_t sense[CKD_SENSE_LEN];
	uint8_t rdc[CKD_RDC_LEN];
	uint8_t label[4 + CKD_VOL1_DATA_LEN];
	/* One track: each record's count field followed by its data, as WRITE CKD takes it. */
	uint8_t track[CKD_RECS_PER_TRACK][CKD_COUNT_LEN + CKD_REC_SIZE];
} io __attribute__((aligned(8)));

static unsigned long ckd_retries, ckd_failures;

static bool ckd_match(const struct hw_device *dev)
{
	return dev->dev_type == CKD_3390_DEVTYPE;
}

static uint32_t schid_of(const struct hw_blk *blk)
{
	return hw_device(blk->device)->schid;
}

static int ckd_sense(uint32_t schid)
{
	struct irb irb;

	memset(io.sense, 0, sizeof(io.sense));
	io.ccw[0] = (struct ccw1){.cmd = CCW_CMD_SENSE,
				  .flags = CCW_FLAG_SLI,
				  .count = CKD_SENSE_LEN,
				  .cda = (uint32_t)(uintptr_t)io.sense};
	return cio_run(schid, io.ccw, &irb, CKD_TIMEOUT_US);
}

/* Runs io.ccw[0..n-1] with retries: CKD_RUN_OK, CKD_RUN_NRF or HW_BLK_E_IO. */
static int ckd_run(uint32_t schid, unsigned n)
{
	struct ccw1 saved[2 + CKD_RECS_PER_TRACK];

	memcpy(saved, io.ccw, n * sizeof(saved[0]));
	for (int attempt = 0; attempt <= CKD_RETRIES; attempt++) {
		struct irb irb;
		int rc;

		if (attempt) {
			ckd_retries++;
			memcpy(io.ccw, saved, n * sizeof(saved[0]));
		}
		rc = cio_run(schid, io.ccw, &irb, CKD_TIMEOUT_US);
		if (rc == -1)
			break;
		if (rc != 0)
			continue;
		if (!(irb.scsw.dstat & DEV_STAT_UNIT_CHECK) && !irb.scsw.cstat &&
		    (irb.scsw.dstat & (DEV_STAT_CHN_END | DEV_STAT_DEV_END)) ==
			(DEV_STAT_CHN_END | DEV_STAT_DEV_END))
			return CKD_RUN_OK;
		if ((irb.scsw.dstat & DEV_STAT_UNIT_EXCEP) &&
		    !(irb.scsw.dstat & DEV_STAT_UNIT_CHECK))
			return CKD_RUN_NRF;
		if (!(irb.scsw.dstat & DEV_STAT_UNIT_CHECK) || ckd_sense(schid) != 0)
			continue;
		if (io.sense[1] & CKD_SENSE1_NRF)
			return CKD_RUN_NRF;
		if (io.sense[0] & SNS0_CMD_REJECT)
			break;
	}
	ckd_failures++;
	return HW_BLK_E_IO;
}

static void put_cchh(uint8_t *p, uint32_t track)
{
	put_be16(p, (uint16_t)(track / CKD_3390_HEADS));
	put_be16(p + 2, (uint16_t)(track % CKD_3390_HEADS));
}

/* DEFINE EXTENT of the one track and LOCATE RECORD into io.ccw[0..1]. */
static void extent_locate(uint32_t track, bool write, uint8_t op, uint8_t count, uint8_t rec)
{
	memset(io.extent, 0, sizeof(io.extent));
	io.extent[0] = write ? CKD_MASK_ALLOW_WRITE : CKD_MASK_INHIBIT_WRITE;
	io.extent[1] = CKD_GATTR_ECKD;
	put_cchh(io.extent + 8, track);
	put_cchh(io.extent + 12, track);
	memset(io.locate, 0, sizeof(io.locate));
	io.locate[0] = op; /* orientation bits 0-1: 00, to the count area */
	io.locate[3] = count;
	put_cchh(io.locate + 4, track);
	put_cchh(io.locate + 8, track);
	io.locate[12] = rec;
	io.ccw[0] = (struct ccw1){.cmd = CKD_CMD_DEFINE_EXTENT,
				  .flags = CCW_FLAG_CC,
				  .count = sizeof(io.extent),
				  .cda = (uint32_t)(uintptr_t)io.extent};
	io.ccw[1] = (struct ccw1){.cmd = CKD_CMD_LOCATE,
				  .flags = CCW_FLAG_CC,
				  .count = sizeof(io.locate),
				  .cda = (uint32_t)(uintptr_t)io.locate};
}

/* Records first..first+n-1 of @track into io.track; a track never written reads as zeros. */
static int read_records(const struct hw_blk *blk, uint32_t track, unsigned first, unsigned n)
{
	int rc;

	extent_locate(track, false, CKD_OP_READ_DATA, (uint8_t)n, (uint8_t)first);
	for (unsigned i = 0; i < n; i++)
		io.ccw[2 + i] = (struct ccw1){
		    .cmd = CKD_CMD_READ_DATA,
		    .flags = i + 1 < n ? CCW_FLAG_CC : 0,
		    .count = CKD_REC_SIZE,
		    .cda = (uint32_t)(uintptr_t)(io.track[first - 1 + i] + CKD_COUNT_LEN)};
	rc = ckd_run(schid_of(blk), 2 + n);
	if (rc == CKD_RUN_NRF) {
		for (unsigned i = 0; i < n; i++)
			memset(io.track[first - 1 + i] + CKD_COUNT_LEN, 0, CKD_REC_SIZE);
		return 0;
	}
	return rc;
}

/* Formats @track with the 12 records of io.track. */
static int format_track(const struct hw_blk *blk, uint32_t track)
{
	extent_locate(track, true, CKD_OP_FORMAT, CKD_RECS_PER_TRACK, 0);
	for (unsigned r = 0; r < CKD_RECS_PER_TRACK; r++) {
		uint8_t *c = io.track[r];

		put_cchh(c, track);
		c[4] = (uint8_t)(r + 1);
		c[5] = 0; /* no key */
		put_be16(c + 6, CKD_REC_SIZE);
		io.ccw[2 + r] = (struct ccw1){.cmd = CKD_CMD_WRITE_CKD,
					      .flags = r + 1 < CKD_RECS_PER_TRACK ? CCW_FLAG_CC : 0,
					      .count = CKD_COUNT_LEN + CKD_REC_SIZE,
					      .cda = (uint32_t)(uintptr_t)c};
	}
	return ckd_run(schid_of(blk), 2 + CKD_RECS_PER_TRACK) == CKD_RUN_OK ? 0 : HW_BLK_E_IO;
}

static int ckd_probe(struct hw_blk *blk)
{
	memset(io.rdc, 0, sizeof(io.rdc));
	io.ccw[0] = (struct ccw1){.cmd = CKD_CMD_RDC,
				  .flags = CCW_FLAG_SLI,
				  .count = CKD_RDC_LEN,
				  .cda = (uint32_t)(uintptr_t)io.rdc};
	if (ckd_run(schid_of(blk), 1) != CKD_RUN_OK)
		return -1;
	blk->cylinders = get_be16(io.rdc + 12);
	blk->heads = get_be16(io.rdc + 14);
	blk->track_bytes = get_be16(io.rdc + 18);
	/* The layout of vm64/ckd.h needs 15 heads; a cylinder 0 and one more at least. */
	if (blk->heads != CKD_3390_HEADS || blk->cylinders < 2)
		return -1;
	blk->block_size = VOL_BLOCK_SIZE;
	blk->blocks = ckd_blocks(blk->cylinders);
	blk->first_block = CKD_BLOCKS_PER_TRACK;
	return 0;
}

static int ckd_transfer(const struct hw_blk *blk, uint64_t block, unsigned count, void *buf,
			bool write)
{
	while (count) {
		struct ckd_addr a;
		unsigned in_track, n, first, last;
		int rc;

		ckd_locate(block, &a);
		in_track = (unsigned)(block % CKD_BLOCKS_PER_TRACK);
		n = CKD_BLOCKS_PER_TRACK - in_track;
		if (n > count)
			n = count;
		first = in_track / CKD_BLOCKS_PER_REC + 1;
		last = (in_track + n - 1) / CKD_BLOCKS_PER_REC + 1;
		if (!write) {
			rc = read_records(blk, a.track, first, last - first + 1);
			if (rc)
				return HW_BLK_E_IO;
			for (unsigned i = 0; i < n; i++) {
				unsigned b = in_track + i;

				memcpy((uint8_t *)buf + (size_t)i * VOL_BLOCK_SIZE,
				       io.track[b / CKD_BLOCKS_PER_REC] + CKD_COUNT_LEN +
					   b % CKD_BLOCKS_PER_REC * VOL_BLOCK_SIZE,
				       VOL_BLOCK_SIZE);
			}
		} else {
			if (n < CKD_BLOCKS_PER_TRACK &&
			    read_records(blk, a.track, 1, CKD_RECS_PER_TRACK) != 0)
				return HW_BLK_E_IO;
			for (unsigned i = 0; i < n; i++) {
				unsigned b = in_track + i;

				memcpy(io.track[b / CKD_BLOCKS_PER_REC] + CKD_COUNT_LEN +
					   b % CKD_BLOCKS_PER_REC * VOL_BLOCK_SIZE,
				       (const uint8_t *)buf + (size_t)i * VOL_BLOCK_SIZE,
				       VOL_BLOCK_SIZE);
			}
			if (format_track(blk, a.track) != 0)
				return HW_BLK_E_IO;
		}
		block += n;
		count -= n;
		buf = (uint8_t *)buf + (size_t)n * VOL_BLOCK_SIZE;
	}
	return 0;
}

/* The VOL1 label's 80 data bytes (R3 of track 0, key "VOL1") into @buf. */
static int ckd_label(const struct hw_blk *blk, uint8_t *buf)
{
	extent_locate(0, false, CKD_OP_READ_DATA, 1, CKD_LABEL_RECORD);
	memset(io.label, 0, sizeof(io.label));
	io.ccw[2] = (struct ccw1){.cmd = CKD_CMD_READ_KEY_DATA,
				  .flags = CCW_FLAG_SLI,
				  .count = sizeof(io.label),
				  .cda = (uint32_t)(uintptr_t)io.label};
	if (ckd_run(schid_of(blk), 3) != CKD_RUN_OK)
		return HW_BLK_E_IO;
	memcpy(buf, io.label + 4, CKD_VOL1_DATA_LEN);
	return 0;
}

const struct blk_driver ckd_driver = {
    .name = "CKD",
    .match = ckd_match,
    .probe = ckd_probe,
    .transfer = ckd_transfer,
    .label = ckd_label,
};
