/*
 * Minidisks: an extent of a real volume (MDISK vdev FB-512 start count volser mode in the
 * directory) as a struct blkdev (cp/blkdev.h). Block n of the minidisk is block start + n of
 * the volume; nothing outside the extent can be reached (blkdev_read/write check the range
 * before the op, and the op checks again against the extent); a read-only link refuses
 * writes. Made by mdisk_blkdev_init() (cp/vdev/mdisk.c); tests/unit/test_diag250.c (test_minidisk), tests/unit/test_vfba.c.
 */
#ifndef CP_MDISK_H
#define CP_MDISK_H

#include <stdint.h>

struct dasd_device;

struct mdisk {
	const struct dasd_device *vol; /* the online volume (cp/dasd.h) */
	uint64_t start;		       /* first block of the extent on the volume */
	uint64_t blocks;	       /* blocks in the extent */
};

#endif
