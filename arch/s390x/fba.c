/*
 * FBA DASD driver (behind hw_blk_*, see blk_priv.h): fixed-block devices such as the 9336
 * Hercules emulates on a plain image file. A transfer is one channel program:
 *
 *   DEFINE EXTENT (X'63', 16 bytes: file mask, 3 reserved, first block of the extent on the
 *                 device, first and last block numbers of the extent relative to itself)
 *   LOCATE        (X'43', 8 bytes: operation 1 write / 6 read, replication count, block
 *                 count, first block relative to the extent)
 *   READ (X'42') or WRITE (X'41') of count * 512 bytes
 *
 * chained with command chaining, the extent exactly the blocks moved; the file mask inhibits
 * all writes for a read. The size comes from READ DEVICE CHARACTERISTICS (X'64': block size
 * in bytes 4-5, blocks in bytes 14-17). The wait for the ending status is cio_run(): SSCH,
 * then enabled waits until the I/O interruption (never a poll). Unit check: SENSE (X'04', 24
 * bytes) and up to FBA_RETRIES more tries, none for a command reject (sense byte 0 bit 0).
 * Facts from Hercules 3.13's fbadasd.c, which checks the same fields. Covered by
 * tests/system/test_dasd.py.
 */
#include <arch/cio.h>
#include <arch/cio_api.h>
#include <arch/hw.h>
#include <lib/endian.h>
#include <lib/string.h>
#include "blk_priv.h"

#define FBA_CMD_WRITE	       0x41
#define FBA_CMD_READ	       0x42
#define FBA_CMD_LOCATE	       0x43
#define FBA_CMD_DEFINE_EXTENT  0x63
#define FBA_CMD_RDC	       0x64
#define FBA_MASK_INHIBIT_WRITE 0x40 /* file mask: no write of any kind */
#define FBA_MASK_ALLOW_WRITE   0xc0 /* file mask: every write allowed */
#define FBA_OP_WRITE	       0x01
#define FBA_OP_READ	       0x06
#define FBA_SENSE_LEN	       24
#define FBA_RDC_LEN	       32
#define FBA_MAX_PER_PROGRAM    64   /* blocks per channel program: 32 KB, within a CCW count */
#define FBA_RETRIES	       3
#define FBA_TIMEOUT_US	       30000000 /* a loaded host can be slow; a dead device is not */

static struct {
	struct ccw1 ccw[3];
	uint8_t extent[16];
	uint8_t locate[8];
	uint8_t sense[FBA_SENSE_LEN];
	uint8_t rdc[FBA_RDC_LEN];
} io __attribute__((aligned(8)));

static unsigned long fba_retries, fba_failures;

static bool fba_match(const struct hw_device *dev)
{
	switch (dev->dev_type) {
	case 0x9336: case 0x9335: case 0x9332: case 0x9313: case 0x3370: case 0x3310:
	case 0x0671:
		return true;
	default:
		return false;
	}
}

static uint32_t schid_of(const struct hw_blk *blk)
{
	return hw_device(blk->device)->schid;
}

static int fba_sense(uint32_t schid)
{
	struct ccw1 ccw = { .cmd = CCW_CMD_SENSE, .flags = CCW_FLAG_SLI,
			    .count = FBA_SENSE_LEN, .cda = (uint32_t)(uintptr_t)io.sense };
	struct irb irb;

	memset(io.sense, 0, sizeof(io.sense));
	io.ccw[0] = ccw;
	return cio_run(schid, io.ccw, &irb, FBA_TIMEOUT_US);
}

/* Runs io.ccw[] with retries; 0 when it ended with channel end and device end alone. */
static int fba_run(uint32_t schid)
{
	struct ccw1 saved[3];

	memcpy(saved, io.ccw, sizeof(saved));
	for (int attempt = 0; attempt <= FBA_RETRIES; attempt++) {
		struct irb irb;
		int rc;

		if (attempt) {
			fba_retries++;
			memcpy(io.ccw, saved, sizeof(saved));
		}
		rc = cio_run(schid, io.ccw, &irb, FBA_TIMEOUT_US);
		if (rc == -1)
			break; /* not operational: no retry helps */
		if (rc != 0)
			continue;
		if (!(irb.scsw.dstat & DEV_STAT_UNIT_CHECK) && !irb.scsw.cstat &&
		    (irb.scsw.dstat & (DEV_STAT_CHN_END | DEV_STAT_DEV_END)) ==
			    (DEV_STAT_CHN_END | DEV_STAT_DEV_END))
			return 0;
		if ((irb.scsw.dstat & DEV_STAT_UNIT_CHECK) && fba_sense(schid) == 0 &&
		    (io.sense[0] & SNS0_CMD_REJECT))
			break; /* the program itself is wrong: the same again fails again */
	}
	fba_failures++;
	return HW_BLK_E_IO;
}

static int fba_probe(struct hw_blk *blk)
{
	memset(io.rdc, 0, sizeof(io.rdc));
	io.ccw[0] = (struct ccw1){ .cmd = FBA_CMD_RDC, .flags = CCW_FLAG_SLI,
				   .count = FBA_RDC_LEN, .cda = (uint32_t)(uintptr_t)io.rdc };
	if (fba_run(schid_of(blk)) != 0)
		return -1;
	blk->block_size = get_be16(io.rdc + 4);
	blk->blocks = get_be32(io.rdc + 14);
	return blk->block_size == 512 ? 0 : -1; /* the size CP's volumes use */
}

static int fba_transfer(const struct hw_blk *blk, uint64_t block, unsigned count, void *buf,
			bool write)
{
	while (count) {
		unsigned n = count < FBA_MAX_PER_PROGRAM ? count : FBA_MAX_PER_PROGRAM;

		memset(io.extent, 0, sizeof(io.extent));
		io.extent[0] = write ? FBA_MASK_ALLOW_WRITE : FBA_MASK_INHIBIT_WRITE;
		put_be32(io.extent + 4, (uint32_t)block); /* the extent starts at the first block */
		put_be32(io.extent + 8, 0);
		put_be32(io.extent + 12, n - 1);
		memset(io.locate, 0, sizeof(io.locate));
		io.locate[0] = write ? FBA_OP_WRITE : FBA_OP_READ;
		put_be16(io.locate + 2, (uint16_t)n);
		put_be32(io.locate + 4, 0);
		io.ccw[0] = (struct ccw1){ .cmd = FBA_CMD_DEFINE_EXTENT, .flags = CCW_FLAG_CC,
					   .count = sizeof(io.extent),
					   .cda = (uint32_t)(uintptr_t)io.extent };
		io.ccw[1] = (struct ccw1){ .cmd = FBA_CMD_LOCATE, .flags = CCW_FLAG_CC,
					   .count = sizeof(io.locate),
					   .cda = (uint32_t)(uintptr_t)io.locate };
		io.ccw[2] = (struct ccw1){ .cmd = write ? FBA_CMD_WRITE : FBA_CMD_READ,
					   .count = (uint16_t)(n * blk->block_size),
					   .cda = (uint32_t)(uintptr_t)buf };
		if (fba_run(schid_of(blk)) != 0)
			return HW_BLK_E_IO;
		block += n;
		count -= n;
		buf = (uint8_t *)buf + (size_t)n * blk->block_size;
	}
	return 0;
}

const struct blk_driver fba_driver = {
	.name = "FBA",
	.match = fba_match,
	.probe = fba_probe,
	.transfer = fba_transfer,
};
