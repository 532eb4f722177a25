/*
 * V-DISKs: virtual disks in storage (z/VM "virtual disk in storage", MDISK ... V-DISK in the
 * directory). A V-DISK of N 512-byte blocks keeps its data in 4 KB frames of a frame pool
 * (CP's real_frames), eight blocks to a frame, given on the first write that needs one: a
 * block never written reads as zeros and costs nothing. The frames are found through a
 * two-level table, itself made of frames and filled as lazily: a directory frame of 512
 * leaf-table addresses, each leaf frame 512 data-frame addresses.
 *
 * Portable C, no asm: the same code runs in CP and under CUnit with any frame pool.
 * Locking: none; a V-DISK belongs to one virtual machine, touched by the CPU running it
 * or by commands between its slices.
 * Covered by tests/unit/test_vdisk.c and tests/unit/test_diag250.c.
 */
#ifndef CP_VDISK_H
#define CP_VDISK_H

#include <stdbool.h>
#include <stdint.h>
#include <cp/frames.h>

#define VDISK_BLOCK_SIZE       512
#define VDISK_BLOCKS_PER_FRAME (FRAME_SIZE / VDISK_BLOCK_SIZE)	    /* 8 */
#define VDISK_TABLE_ENTRIES    (FRAME_SIZE / sizeof(uint64_t))	    /* 512 per table frame */
/* The largest V-DISK: one directory frame's worth of leaves, 2,097,152 blocks (1 GB). */
#define VDISK_MAX_BLOCKS (VDISK_TABLE_ENTRIES * VDISK_TABLE_ENTRIES * VDISK_BLOCKS_PER_FRAME)

/* Results of vdisk_read()/vdisk_write() besides 0. */
#define VDISK_E_RANGE	(-1) /* block number beyond the disk */
#define VDISK_E_NOFRAME (-2) /* a write needed a frame and the pool had none */

struct vdisk {
	struct frame_pool *pool; /* where the frames come from and go back to */
	uint64_t blocks;	 /* size in 512-byte blocks */
	uint64_t *dir;		 /* directory frame, NULL until the first frame is needed */
	uint64_t data_frames;	 /* frames holding data */
	uint64_t table_frames;	 /* frames holding the directory and leaf tables */
};

/**
 * vdisk_init() - set up an empty V-DISK; it takes no frame until written
 * @vd: the disk
 * @pool: the frame pool its frames come from
 * @blocks: size in 512-byte blocks, 1 to VDISK_MAX_BLOCKS
 *
 * Return: 0, or -1 for a size out of range.
 */
int vdisk_init(struct vdisk *vd, struct frame_pool *pool, uint64_t blocks);

/**
 * vdisk_read() - copy one 512-byte block out of the disk
 * @vd: the disk
 * @block: block number, 0 to blocks - 1
 * @buf: VDISK_BLOCK_SIZE bytes
 *
 * A block never written reads as zeros.
 * Return: 0 or VDISK_E_RANGE.
 */
int vdisk_read(const struct vdisk *vd, uint64_t block, void *buf);

/**
 * vdisk_write() - copy one 512-byte block into the disk
 * @vd: the disk
 * @block: block number, 0 to blocks - 1
 * @buf: VDISK_BLOCK_SIZE bytes
 *
 * Takes a frame (and table frames) the first time a frame's worth of blocks holds data; a
 * block of zeros written where no frame is costs nothing.
 * Return: 0, VDISK_E_RANGE, or VDISK_E_NOFRAME (the disk is unchanged).
 */
int vdisk_write(struct vdisk *vd, uint64_t block, const void *buf);

/**
 * vdisk_release() - give every frame back to the pool; the disk reads as zeros again
 * @vd: the disk (its size is kept)
 */
void vdisk_release(struct vdisk *vd);

/* Frames the disk holds: data and tables. */
static inline uint64_t vdisk_frames(const struct vdisk *vd)
{
	return vd->data_frames + vd->table_frames;
}

#endif
