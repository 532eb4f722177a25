/*
 * The block device the CMS file system runs on: fixed-size blocks numbered from 0, read and
 * written whole through two callbacks. In the CMS guest it is a minidisk or V-DISK reached by
 * DIAGNOSE I/O; in the host unit tests an array in memory with fault injection. A device may
 * also take a list of blocks in one request (read_list, write_list).
 * Covered by tests/unit/test_cmsfs.c and tests/system/test_cms.py.
 */
#ifndef CMS_BLKDEV_H
#define CMS_BLKDEV_H

#include <stdint.h>

/* One block of a list request: its number and its block_size bytes of storage. */
struct blkdev_io {
	uint32_t block;
	void *buf;
};

struct blkdev {
	uint32_t block_size; /* bytes per block: 512 (may later be 1024..4096) */
	uint32_t blocks;     /* number of blocks, numbered 0..blocks-1 */
	/* Each returns 0, or -1 on an I/O error; buf holds block_size bytes. */
	int (*read)(struct blkdev *dev, uint32_t block, void *buf);
	int (*write)(struct blkdev *dev, uint32_t block, const void *buf);
	/*
	 * Optional (NULL: the file system calls read/write once per block): the @n blocks of
	 * @io, done in list order as one request to the device. Each returns 0, or -1 when any
	 * block failed.
	 */
	int (*read_list)(struct blkdev *dev, const struct blkdev_io *io, uint32_t n);
	int (*write_list)(struct blkdev *dev, const struct blkdev_io *io, uint32_t n);
	void *ctx; /* the driver's own state */
};

#endif /* CMS_BLKDEV_H */
