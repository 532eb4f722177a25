/*
 * Real-frame allocator: one bit per 4 KB frame of real storage, over the range SCLP
 * reported minus CP's own image. Portable bookkeeping on addresses; the caller provides
 * the bitmap's storage, so the same code runs in CP and under CUnit on the host.
 * Covered by tests/unit/test_frames.c.
 */
#ifndef CP_FRAMES_H
#define CP_FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FRAME_SHIFT 12
#define FRAME_SIZE  (1ULL << FRAME_SHIFT)

struct frame_pool {
	uint64_t base;       /* address of frame 0 of the pool */
	uint64_t nframes;
	uint64_t nfree;
	uint64_t next_hint;  /* where the next search starts */
	uint64_t *bitmap;    /* bit set = frame in use */
};

/* Bytes of bitmap needed for a pool of nframes frames. */
size_t frames_bitmap_bytes(uint64_t nframes);

/*
 * frames_init - set up a pool over [start, end), both rounded inward to frame boundaries
 * @bitmap: frames_bitmap_bytes() of storage, 8-byte aligned
 * All frames start free. Returns 0, or -1 if the range holds no whole frame.
 */
int frames_init(struct frame_pool *pool, uint64_t start, uint64_t end, uint64_t *bitmap);

/* Marks [start, end) in use (e.g. storage CP took before the pool existed). */
void frames_reserve(struct frame_pool *pool, uint64_t start, uint64_t end);

/* One frame's address, or 0 when none is free. */
uint64_t frame_alloc(struct frame_pool *pool);

/* n contiguous frames starting at a multiple of align_frames (a power of two); 0 if none. */
uint64_t frames_alloc_contig(struct frame_pool *pool, uint64_t n, uint64_t align_frames);

/* Returns 0, or -1 for an address outside the pool, unaligned, or already free. */
int frame_free(struct frame_pool *pool, uint64_t addr);

bool frame_in_use(const struct frame_pool *pool, uint64_t addr);

/* CP's pool of real storage. */
extern struct frame_pool real_frames;

#endif
