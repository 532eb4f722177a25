/*
 * Unit tests for V-DISK storage (cp/vdev/vdisk.c) on the real frame allocator, over a pool of
 * host memory: frames are taken only by writes that need them, unwritten blocks read as zeros,
 * release returns every frame, and an exhausted pool fails the write and leaves no frame
 * behind.
 */
#include <stdlib.h>
#include <string.h>
#include <cp/vdisk.h>
#include "cunit_main.h"

static struct frame_pool pool;
static void *pool_mem;
static uint64_t *pool_bitmap;

/* A pool of n frames of host memory. */
static void pool_setup(uint64_t n)
{
	pool_mem = aligned_alloc(FRAME_SIZE, n * FRAME_SIZE);
	memset(pool_mem, 0x5a, n * FRAME_SIZE); /* frames come dirty */
	pool_bitmap = calloc(1, frames_bitmap_bytes(n) + 8);
	frames_init(&pool, (uint64_t)(uintptr_t)pool_mem,
		    (uint64_t)(uintptr_t)pool_mem + n * FRAME_SIZE, pool_bitmap);
}

static void pool_teardown(void)
{
	free(pool_mem);
	free(pool_bitmap);
}

static void fill(uint8_t *b, uint64_t block)
{
	for (unsigned i = 0; i < VDISK_BLOCK_SIZE; i++)
		b[i] = (uint8_t)(block * 7 + i + 1);
}

static void test_init_sizes(void)
{
	struct vdisk vd;

	pool_setup(8);
	CU_ASSERT_EQUAL(vdisk_init(&vd, &pool, 0), -1);
	CU_ASSERT_EQUAL(vdisk_init(&vd, &pool, VDISK_MAX_BLOCKS + 1), -1);
	CU_ASSERT_EQUAL(vdisk_init(&vd, &pool, VDISK_MAX_BLOCKS), 0);
	CU_ASSERT_EQUAL(vdisk_init(&vd, &pool, 4096), 0);
	CU_ASSERT_EQUAL(vdisk_frames(&vd), 0);
	CU_ASSERT_EQUAL(pool.nfree, 8); /* creating a disk costs nothing */
	pool_teardown();
}

static void test_unwritten_reads_zero(void)
{
	struct vdisk vd;
	uint8_t buf[VDISK_BLOCK_SIZE];

	pool_setup(8);
	vdisk_init(&vd, &pool, 4096);
	memset(buf, 0xff, sizeof(buf));
	CU_ASSERT_EQUAL(vdisk_read(&vd, 4095, buf), 0);
	for (unsigned i = 0; i < sizeof(buf); i++)
		CU_ASSERT_EQUAL_FATAL(buf[i], 0);
	CU_ASSERT_EQUAL(vdisk_read(&vd, 4096, buf), VDISK_E_RANGE);
	CU_ASSERT_EQUAL(vdisk_frames(&vd), 0);
	/* a block of zeros written where no frame is costs nothing either */
	memset(buf, 0, sizeof(buf));
	CU_ASSERT_EQUAL(vdisk_write(&vd, 17, buf), 0);
	CU_ASSERT_EQUAL(vdisk_frames(&vd), 0);
	CU_ASSERT_EQUAL(pool.nfree, 8);
	pool_teardown();
}

static void test_write_read_back(void)
{
	struct vdisk vd;
	uint8_t in[VDISK_BLOCK_SIZE], out[VDISK_BLOCK_SIZE];
	static const uint64_t blocks[] = { 0, 1, 7, 8, 4095, 600, 4088 };

	pool_setup(32);
	vdisk_init(&vd, &pool, 4096);
	for (unsigned i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
		fill(in, blocks[i]);
		CU_ASSERT_EQUAL(vdisk_write(&vd, blocks[i], in), 0);
	}
	/* blocks 0-7 share a frame; 8, 600, 4088-4095 one each: 4 data frames, the directory
	 * and one leaf (4096 blocks = 512 frames = one leaf) */
	CU_ASSERT_EQUAL(vd.data_frames, 4);
	CU_ASSERT_EQUAL(vd.table_frames, 2);
	CU_ASSERT_EQUAL(pool.nfree, 32 - 6);
	for (unsigned i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
		fill(in, blocks[i]);
		CU_ASSERT_EQUAL(vdisk_read(&vd, blocks[i], out), 0);
		CU_ASSERT_EQUAL(memcmp(in, out, sizeof(in)), 0);
	}
	/* a neighbour in a written frame still reads as zeros */
	CU_ASSERT_EQUAL(vdisk_read(&vd, 2, out), 0);
	CU_ASSERT_EQUAL(out[0] | out[511], 0);
	/* overwrite in place takes no new frame */
	fill(in, 99);
	CU_ASSERT_EQUAL(vdisk_write(&vd, 1, in), 0);
	CU_ASSERT_EQUAL(vdisk_frames(&vd), 6);
	CU_ASSERT_EQUAL(vdisk_read(&vd, 1, out), 0);
	CU_ASSERT_EQUAL(memcmp(in, out, sizeof(in)), 0);
	CU_ASSERT_EQUAL(vdisk_write(&vd, 4096, in), VDISK_E_RANGE);
	vdisk_release(&vd);
	CU_ASSERT_EQUAL(pool.nfree, 32);
	CU_ASSERT_EQUAL(vdisk_frames(&vd), 0);
	/* released: everything reads as zeros again, the size stays */
	CU_ASSERT_EQUAL(vdisk_read(&vd, 1, out), 0);
	CU_ASSERT_EQUAL(out[0], 0);
	pool_teardown();
}

static void test_large_disk_second_leaf(void)
{
	struct vdisk vd;
	uint8_t in[VDISK_BLOCK_SIZE], out[VDISK_BLOCK_SIZE];
	uint64_t last = VDISK_MAX_BLOCKS - 1;

	pool_setup(16);
	CU_ASSERT_EQUAL(vdisk_init(&vd, &pool, VDISK_MAX_BLOCKS), 0);
	fill(in, last);
	CU_ASSERT_EQUAL(vdisk_write(&vd, last, in), 0);
	CU_ASSERT_EQUAL(vdisk_write(&vd, 0, in), 0);
	CU_ASSERT_EQUAL(vd.table_frames, 3); /* directory, first and last leaf */
	CU_ASSERT_EQUAL(vd.data_frames, 2);
	CU_ASSERT_EQUAL(vdisk_read(&vd, last, out), 0);
	CU_ASSERT_EQUAL(memcmp(in, out, sizeof(in)), 0);
	vdisk_release(&vd);
	CU_ASSERT_EQUAL(pool.nfree, 16);
	pool_teardown();
}

static void test_exhaustion(void)
{
	struct vdisk vd;
	uint8_t in[VDISK_BLOCK_SIZE], out[VDISK_BLOCK_SIZE];

	/* 3 frames: directory, leaf, one data frame; the second data frame fails */
	pool_setup(3);
	vdisk_init(&vd, &pool, 4096);
	fill(in, 1);
	CU_ASSERT_EQUAL(vdisk_write(&vd, 0, in), 0);
	CU_ASSERT_EQUAL(pool.nfree, 0);
	CU_ASSERT_EQUAL(vdisk_write(&vd, 8, in), VDISK_E_NOFRAME);
	CU_ASSERT_EQUAL(vdisk_read(&vd, 8, out), 0);
	CU_ASSERT_EQUAL(out[0], 0); /* unchanged */
	/* the frame already held still takes writes */
	CU_ASSERT_EQUAL(vdisk_write(&vd, 7, in), 0);
	vdisk_release(&vd);
	CU_ASSERT_EQUAL(pool.nfree, 3);

	/* a failure while taking table frames gives back what it took */
	vdisk_init(&vd, &pool, VDISK_MAX_BLOCKS);
	CU_ASSERT_NOT_EQUAL(frame_alloc(&pool), 0);
	CU_ASSERT_NOT_EQUAL(frame_alloc(&pool), 0); /* one frame left: the directory */
	CU_ASSERT_EQUAL(vdisk_write(&vd, 0, in), VDISK_E_NOFRAME);
	CU_ASSERT_EQUAL(pool.nfree, 1);
	CU_ASSERT_EQUAL(vdisk_frames(&vd), 0);
	CU_ASSERT_PTR_NULL(vd.dir);
	pool_teardown();
}

UNIT_SUITE(vdisk, UNIT_CASE(test_init_sizes), UNIT_CASE(test_unwritten_reads_zero),
	   UNIT_CASE(test_write_read_back), UNIT_CASE(test_large_disk_second_leaf),
	   UNIT_CASE(test_exhaustion))
UNIT_MAIN(UNIT_REG(vdisk))
