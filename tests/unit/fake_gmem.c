/*
 * Fake guest storage for host unit tests: the gmem_* contract of cp/vm.h over malloc'd
 * pages, so a page's "host address" is a real host pointer. The page map lives where the
 * real one keeps its segment table (one uint64_t per 4 KB page, 0 = never touched).
 * Also a fake real-frame pool (frame_alloc/frame_free) for CP code that takes frames.
 * Tests can make page and frame allocation fail to reach CP's out-of-storage paths.
 * Shared segments: a "shared page table" is a malloc'd array of GMEM_SEGMENT_PAGES frame
 * pointers; attaching copies them into the page map's slots for that segment and sets the
 * segment's bit in mem->shared, as arch/s390x/gmem.c does with a segment-table entry.
 */
#include <stdlib.h>
#include <string.h>
#include <cp/frames.h>
#include "fake_gmem.h"

#define PAGE 4096ULL

long fake_gmem_pages_left = -1; /* page allocations that may still succeed; -1: no limit */
long fake_frames_left = -1;
unsigned long fake_frames_out; /* frames handed out and not yet freed */

struct frame_pool real_frames;

int gmem_init(struct gmem *mem, uint64_t size)
{
	memset(mem, 0, sizeof(*mem));
	if (size == 0 || size % (1ULL << 20))
		return -1;
	mem->segment_table = calloc(size / PAGE, sizeof(uint64_t));
	if (!mem->segment_table)
		return -1;
	mem->size = size;
	return 0;
}

static bool seg_shared(const struct gmem *mem, uint64_t s)
{
	return (mem->shared[s / 64] >> (s % 64)) & 1;
}

bool gmem_is_shared(const struct gmem *mem, uint64_t gaddr)
{
	return gaddr < mem->size && seg_shared(mem, gaddr / GMEM_SEGMENT_SIZE);
}

/* The shared tables built and not yet freed, so gmem_shared_table() can name one. */
static uint64_t fake_shared_tables[GMEM_MAX_SEGMENTS];

uint64_t gmem_shared_table(const struct gmem *mem, uint64_t gaddr)
{
	uint64_t s = gaddr / GMEM_SEGMENT_SIZE;

	if (!gmem_is_shared(mem, gaddr))
		return 0;
	/* The page map holds the frames; the table is found by matching them. */
	for (unsigned i = 0; i < GMEM_MAX_SEGMENTS; i++) {
		const uint64_t *t = (const uint64_t *)(uintptr_t)fake_shared_tables[i];

		if (t && !memcmp(t, &mem->segment_table[s * GMEM_SEGMENT_PAGES],
				 GMEM_SEGMENT_PAGES * sizeof(uint64_t)))
			return fake_shared_tables[i];
	}
	return 0;
}

uint64_t gmem_shared_table_build(const uint64_t *frames)
{
	uint64_t *t;

	if (fake_frames_left == 0)
		return 0;
	t = malloc(GMEM_SEGMENT_PAGES * sizeof(uint64_t));
	if (!t)
		return 0;
	memcpy(t, frames, GMEM_SEGMENT_PAGES * sizeof(uint64_t));
	for (unsigned i = 0; i < GMEM_MAX_SEGMENTS; i++)
		if (!fake_shared_tables[i]) {
			fake_shared_tables[i] = (uint64_t)(uintptr_t)t;
			break;
		}
	if (fake_frames_left > 0)
		fake_frames_left--;
	fake_frames_out++;
	return (uint64_t)(uintptr_t)t;
}

void gmem_shared_table_free(uint64_t table)
{
	if (!table)
		return;
	for (unsigned i = 0; i < GMEM_MAX_SEGMENTS; i++)
		if (fake_shared_tables[i] == table)
			fake_shared_tables[i] = 0;
	free((void *)(uintptr_t)table);
	fake_frames_out--;
}

int gmem_attach_shared(struct gmem *mem, uint64_t gaddr, uint64_t table)
{
	uint64_t s = gaddr / GMEM_SEGMENT_SIZE;
	uint64_t *slot;

	if (gaddr % GMEM_SEGMENT_SIZE || gaddr >= mem->size || !table)
		return -1;
	gmem_detach_shared(mem, gaddr);
	slot = &mem->segment_table[s * GMEM_SEGMENT_PAGES];
	for (unsigned p = 0; p < GMEM_SEGMENT_PAGES; p++) {
		if (slot[p]) {
			free((void *)(uintptr_t)slot[p]);
			mem->frames_in_use--;
		}
		slot[p] = ((const uint64_t *)(uintptr_t)table)[p];
	}
	mem->shared[s / 64] |= 1ULL << (s % 64);
	mem->shared_segments++;
	return 0;
}

void gmem_detach_shared(struct gmem *mem, uint64_t gaddr)
{
	uint64_t s = gaddr / GMEM_SEGMENT_SIZE;

	if (!gmem_is_shared(mem, gaddr))
		return;
	memset(&mem->segment_table[s * GMEM_SEGMENT_PAGES], 0,
	       GMEM_SEGMENT_PAGES * sizeof(uint64_t));
	mem->shared[s / 64] &= ~(1ULL << (s % 64));
	mem->shared_segments--;
}

void gmem_release(struct gmem *mem)
{
	if (!mem->segment_table)
		return;
	for (uint64_t i = 0; i < mem->size / PAGE; i++)
		if (!gmem_is_shared(mem, i * PAGE))
			free((void *)(uintptr_t)mem->segment_table[i]);
	free(mem->segment_table);
	memset(mem, 0, sizeof(*mem));
}

uint64_t gmem_lookup(const struct gmem *mem, uint64_t gaddr)
{
	if (gaddr >= mem->size)
		return 0;
	return mem->segment_table[gaddr / PAGE];
}

uint64_t gmem_page(struct gmem *mem, uint64_t gaddr)
{
	uint64_t *slot;

	if (gaddr >= mem->size)
		return 0;
	slot = &mem->segment_table[gaddr / PAGE];
	if (gmem_is_shared(mem, gaddr))
		return *slot; /* never a private page in a shared segment */
	if (!*slot) {
		void *p;

		if (fake_gmem_pages_left == 0)
			return 0;
		p = aligned_alloc(PAGE, PAGE);
		if (!p)
			return 0;
		memset(p, 0, PAGE);
		*slot = (uint64_t)(uintptr_t)p;
		mem->frames_in_use++;
		if (fake_gmem_pages_left > 0)
			fake_gmem_pages_left--;
	}
	return *slot;
}

void gmem_discard(struct gmem *mem, uint64_t gaddr)
{
	uint64_t *slot;

	if (gaddr >= mem->size || gmem_is_shared(mem, gaddr))
		return;
	slot = &mem->segment_table[gaddr / PAGE];
	if (*slot) {
		free((void *)(uintptr_t)*slot);
		*slot = 0;
		mem->frames_in_use--;
	}
}

uint64_t frame_alloc(struct frame_pool *pool)
{
	void *p;

	(void)pool;
	if (fake_frames_left == 0)
		return 0;
	p = aligned_alloc(PAGE, PAGE);
	if (!p)
		return 0;
	memset(p, 0xa5, PAGE); /* callers must clear what they use */
	if (fake_frames_left > 0)
		fake_frames_left--;
	fake_frames_out++;
	return (uint64_t)(uintptr_t)p;
}

int frame_free(struct frame_pool *pool, uint64_t addr)
{
	(void)pool;
	if (!addr)
		return -1;
	free((void *)(uintptr_t)addr);
	fake_frames_out--;
	return 0;
}

/* Direct access to guest absolute storage for tests, bypassing CP's accessors. */
uint8_t *fake_abs(struct vm *vm, uint64_t gaddr)
{
	uint64_t page = gmem_page(&vm->mem, gaddr);

	return page ? (uint8_t *)(uintptr_t)(page + (gaddr & (PAGE - 1))) : NULL;
}

bool fake_touched(const struct vm *vm, uint64_t gaddr)
{
	return gmem_lookup(&vm->mem, gaddr) != 0;
}
