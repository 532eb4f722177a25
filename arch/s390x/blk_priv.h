/*
 * Block-device drivers behind hw_blk_* (arch/hw.h): each driver recognises its devices among
 * those the channel subsystem found, learns their size, and moves blocks. arch/s390x/blk.c
 * holds the table of drivers; fba.c is the FBA one, ckd.c the CKD 3390 one, virtio_blk.c the
 * virtio-blk one. Covered
 * by tests/system/test_dasd.py on both machines.
 */
#ifndef ARCH_BLK_PRIV_H
#define ARCH_BLK_PRIV_H

#include <arch/hw.h>

struct blk_driver {
	const char *name;
	/* Whether the device (SENSE ID done) is one of this driver's. */
	bool (*match)(const struct hw_device *dev);
	/* Fills block_size and blocks (and the model); 0, or -1 when the device is unusable. */
	int (*probe)(struct hw_blk *blk);
	/* Reads, or writes from buf, count (>= 1) blocks inside the device; 0 or HW_BLK_E_IO. */
	int (*transfer)(const struct hw_blk *blk, uint64_t block, unsigned count, void *buf,
			bool write);
	/* CKD only (NULL otherwise): the 80 bytes of the VOL1 label record; 0 or HW_BLK_E_IO. */
	int (*label)(const struct hw_blk *blk, uint8_t *buf);
};

extern const struct blk_driver fba_driver;
extern const struct blk_driver ckd_driver;
extern const struct blk_driver virtio_blk_driver;

/* Status of a virtio-blk subchannel (cio_interrupt); false if not one of them. */
bool vblk_interrupt(uint32_t schid);

/* Finds the block devices of every driver (at IPL, after cio_discover()). */
void blk_discover(void);

#endif
