/*
 * The block device the CMS file system runs on: fixed-size blocks numbered from 0, read and
 * written whole through two callbacks. In the CMS guest it is a minidisk or V-DISK reached by
 * DIAGNOSE I/O; in the host unit tests an array in memory with fault injection.
 * Covered by tests/unit/test_cmsfs.c and tests/system/test_cms.py.
 */
#ifndef CMS_BLKDEV_H
#define CMS_BLKDEV_H

#include <stdint.h>

struct blkdev {
	uint32_t block_size; /* bytes per block: 512 (may later be 1024..4096) */
	uint32_t blocks;     /* number of blocks, numbered 0..blocks-1 */
	/* Each returns 0, or -1 on an I/O error; buf holds block_size bytes. */
	int (*read)(struct blkdev *dev, uint32_t block, void *buf);
	int (*write)(struct blkdev *dev, uint32_t block, const void *buf);
	void *ctx; /* the driver's own state */
};

#endif /* CMS_BLKDEV_H */
