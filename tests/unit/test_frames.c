/* Unit tests for the real-frame allocator (cp/mm/frames.c). */
#include <stdlib.h>
#include <cp/frames.h>
#include "cunit_main.h"
#include "death.h"

static uint64_t *bitmap_for(uint64_t nframes)
{
	return calloc(1, frames_bitmap_bytes(nframes) + 8);
}

static void test_init_rounds_inward(void)
{
	struct frame_pool p;
	uint64_t *bm = bitmap_for(16);

	CU_ASSERT_EQUAL(frames_init(&p, 0x10001, 0x10000 + 16 * FRAME_SIZE + 5, bm), 0);
	CU_ASSERT_EQUAL(p.base, 0x11000);
	CU_ASSERT_EQUAL(p.nframes, 15);
	CU_ASSERT_EQUAL(p.nfree, 15);
	CU_ASSERT_EQUAL(frames_init(&p, 0x1000, 0x1fff, bm), -1);
	CU_ASSERT_EQUAL(frames_init(&p, 0x5000, 0x1000, bm), -1);
	free(bm);
}

static void test_alloc_all_then_none(void)
{
	struct frame_pool p;
	uint64_t *bm = bitmap_for(100);
	uint64_t seen[100];

	frames_init(&p, 0x100000, 0x100000 + 100 * FRAME_SIZE, bm);
	for (int i = 0; i < 100; i++) {
		seen[i] = frame_alloc(&p);
		CU_ASSERT_NOT_EQUAL(seen[i], 0);
		CU_ASSERT(seen[i] >= 0x100000 && seen[i] < 0x100000 + 100 * FRAME_SIZE);
		CU_ASSERT_EQUAL(seen[i] % FRAME_SIZE, 0);
		for (int j = 0; j < i; j++)
			CU_ASSERT_NOT_EQUAL(seen[i], seen[j]);
	}
	CU_ASSERT_EQUAL(p.nfree, 0);
	CU_ASSERT_EQUAL(frame_alloc(&p), 0); /* past the end-of-pool bits */
	CU_ASSERT_EQUAL(frame_free(&p, seen[57]), 0);
	CU_ASSERT_EQUAL(frame_alloc(&p), seen[57]);
	free(bm);
}

static void test_free_rejects_bad_addresses(void)
{
	struct frame_pool p;
	uint64_t *bm = bitmap_for(8);
	uint64_t a;

	frames_init(&p, 0x8000, 0x8000 + 8 * FRAME_SIZE, bm);
	a = frame_alloc(&p);
	CU_ASSERT_EQUAL(frame_free(&p, a + 8), -1);        /* unaligned */
	CU_ASSERT_EQUAL(frame_free(&p, 0x4000), -1);       /* below the pool */
	CU_ASSERT_EQUAL(frame_free(&p, 0x8000 + 8 * FRAME_SIZE), -1); /* past it */
	CU_ASSERT_EQUAL(frame_free(&p, a), 0);
	CU_ASSERT_EQUAL(frame_free(&p, a), -1);            /* double free */
	CU_ASSERT_EQUAL(p.nfree, 8);
	free(bm);
}

static void test_reserve(void)
{
	struct frame_pool p;
	uint64_t *bm = bitmap_for(10);

	frames_init(&p, 0, 10 * FRAME_SIZE, bm);
	frames_reserve(&p, 0, 3 * FRAME_SIZE);
	frames_reserve(&p, 2 * FRAME_SIZE, 3 * FRAME_SIZE); /* overlap counts once */
	CU_ASSERT_EQUAL(p.nfree, 7);
	CU_ASSERT(frame_in_use(&p, FRAME_SIZE));
	CU_ASSERT(!frame_in_use(&p, 3 * FRAME_SIZE));
	for (int i = 0; i < 7; i++)
		CU_ASSERT(frame_alloc(&p) >= 3 * FRAME_SIZE);
	free(bm);
}

static void test_contig_alignment(void)
{
	struct frame_pool p;
	uint64_t *bm = bitmap_for(256);
	uint64_t a, b;

	frames_init(&p, FRAME_SIZE, 257 * FRAME_SIZE, bm); /* base frame 1: misaligned */
	a = frames_alloc_contig(&p, 16, 16);
	CU_ASSERT_EQUAL(a, 16 * FRAME_SIZE);
	for (uint64_t k = 0; k < 16; k++)
		CU_ASSERT(frame_in_use(&p, a + k * FRAME_SIZE));
	b = frames_alloc_contig(&p, 4, 1);
	CU_ASSERT_EQUAL(b, FRAME_SIZE);
	CU_ASSERT_EQUAL(frames_alloc_contig(&p, 0, 1), 0);
	CU_ASSERT_EQUAL(frames_alloc_contig(&p, 4, 3), 0); /* not a power of two */
	CU_ASSERT_EQUAL(frames_alloc_contig(&p, 1000, 1), 0);
	CU_ASSERT_EQUAL(p.nfree, 256 - 20);
	free(bm);
}

/* A pool whose free count disagrees with its bitmap: the allocator's ASSERTs stop CP. */
static struct frame_pool corrupt;
static uint64_t corrupt_frame;

static void free_into_full_count(void)
{
	frame_free(&corrupt, corrupt_frame);
}

static void alloc_from_wrong_count(void)
{
	frame_alloc(&corrupt);
}

static void test_inconsistent_pool_asserts(void)
{
	uint64_t *bm = bitmap_for(8);
	char err[512];

	frames_init(&corrupt, 0, 8 * FRAME_SIZE, bm);
	corrupt_frame = frame_alloc(&corrupt);
	corrupt.nfree = corrupt.nframes; /* counts the allocated frame as free */
	CU_ASSERT_TRUE(unit_dies(free_into_full_count, err, sizeof(err)));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "ASSERT pool->nfree < pool->nframes FAILED AT "));
	for (int i = 1; i < 8; i++)
		frame_alloc(&corrupt);
	corrupt.nfree = 1; /* every bit is set */
	CU_ASSERT_TRUE(unit_dies(alloc_from_wrong_count, err, sizeof(err)));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "free count and bitmap disagree"));
	/* The consistent pool frees and allocates without a word. */
	corrupt.nfree = 0;
	CU_ASSERT_FALSE(unit_dies(free_into_full_count, err, sizeof(err)));
	CU_ASSERT_STRING_EQUAL(err, "");
	free(bm);
}

UNIT_SUITE(frames, UNIT_CASE(test_init_rounds_inward), UNIT_CASE(test_alloc_all_then_none),
	   UNIT_CASE(test_free_rejects_bad_addresses), UNIT_CASE(test_reserve),
	   UNIT_CASE(test_contig_alignment), UNIT_CASE(test_inconsistent_pool_asserts))
UNIT_MAIN(UNIT_REG(frames))
