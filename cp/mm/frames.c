/*
 * Real-frame allocator (see cp/frames.h). A bitmap with a rotating search hint: frames are
 * handed out and returned one at a time far more often than in runs, so single-frame
 * allocation scans a word at a time from where the last one stopped.
 * Covered by tests/unit/test_frames.c.
 */
#include <cp/assert.h>
#include <cp/frames.h>
#include <lib/string.h>

struct frame_pool real_frames;

size_t frames_bitmap_bytes(uint64_t nframes)
{
	return (size_t)((nframes + 63) / 64 * 8);
}

static bool bit_test(const uint64_t *map, uint64_t i)
{
	return (map[i / 64] >> (i % 64)) & 1;
}

static void bit_set(uint64_t *map, uint64_t i)
{
	map[i / 64] |= 1ULL << (i % 64);
}

static void bit_clear(uint64_t *map, uint64_t i)
{
	map[i / 64] &= ~(1ULL << (i % 64));
}

int frames_init(struct frame_pool *pool, uint64_t start, uint64_t end, uint64_t *bitmap)
{
	uint64_t first = (start + FRAME_SIZE - 1) >> FRAME_SHIFT;
	uint64_t last = end >> FRAME_SHIFT;

	memset(pool, 0, sizeof(*pool));
	if (end < start || last <= first)
		return -1;
	pool->base = first << FRAME_SHIFT;
	pool->nframes = last - first;
	pool->nfree = pool->nframes;
	pool->bitmap = bitmap;
	memset(bitmap, 0, frames_bitmap_bytes(pool->nframes));
	/* Bits past the end of the pool in the last word count as used, so scans skip them. */
	for (uint64_t i = pool->nframes; i % 64; i++)
		bit_set(bitmap, i);
	return 0;
}

void frames_reserve(struct frame_pool *pool, uint64_t start, uint64_t end)
{
	for (uint64_t a = start & ~(FRAME_SIZE - 1); a < end; a += FRAME_SIZE) {
		uint64_t i;

		if (a < pool->base)
			continue;
		i = (a - pool->base) >> FRAME_SHIFT;
		if (i >= pool->nframes)
			break;
		if (!bit_test(pool->bitmap, i)) {
			bit_set(pool->bitmap, i);
			pool->nfree--;
		}
	}
}

uint64_t frame_alloc(struct frame_pool *pool)
{
	uint64_t words = (pool->nframes + 63) / 64;

	if (pool->nfree == 0)
		return 0;
	for (uint64_t n = 0; n < words; n++) {
		uint64_t w = (pool->next_hint + n) % words;
		uint64_t bits = pool->bitmap[w];

		if (bits != UINT64_MAX) {
			uint64_t i = w * 64 + (uint64_t)__builtin_ctzll(~bits);

			bit_set(pool->bitmap, i);
			pool->nfree--;
			pool->next_hint = w;
			return pool->base + (i << FRAME_SHIFT);
		}
	}
	/* nfree counts the clear bits, so with nfree != 0 the scan always finds one. */
	ASSERT(!"frame pool's free count and bitmap disagree");
	return 0;
}

uint64_t frames_alloc_contig(struct frame_pool *pool, uint64_t n, uint64_t align_frames)
{
	uint64_t base_frame = pool->base >> FRAME_SHIFT;

	if (n == 0 || n > pool->nfree || align_frames == 0 ||
	    (align_frames & (align_frames - 1)))
		return 0;
	for (uint64_t i = 0; i + n <= pool->nframes;) {
		uint64_t misalign = (base_frame + i) & (align_frames - 1);
		uint64_t run = 0;

		if (misalign) {
			i += align_frames - misalign;
			continue;
		}
		while (run < n && !bit_test(pool->bitmap, i + run))
			run++;
		if (run == n) {
			for (uint64_t k = 0; k < n; k++)
				bit_set(pool->bitmap, i + k);
			pool->nfree -= n;
			return pool->base + (i << FRAME_SHIFT);
		}
		i += run + 1;
	}
	return 0;
}

int frame_free(struct frame_pool *pool, uint64_t addr)
{
	uint64_t i;

	if (addr < pool->base || (addr & (FRAME_SIZE - 1)))
		return -1;
	i = (addr - pool->base) >> FRAME_SHIFT;
	if (i >= pool->nframes || !bit_test(pool->bitmap, i))
		return -1;
	ASSERT(pool->nfree < pool->nframes);
	bit_clear(pool->bitmap, i);
	pool->nfree++;
	return 0;
}

bool frame_in_use(const struct frame_pool *pool, uint64_t addr)
{
	uint64_t i;

	if (addr < pool->base)
		return false;
	i = (addr - pool->base) >> FRAME_SHIFT;
	return i < pool->nframes && bit_test(pool->bitmap, i);
}
