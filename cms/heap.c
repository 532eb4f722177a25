/*
 * The CMS heap: private storage for commands (file buffers, the editor's lines). Two regions,
 * from the end of CMS's private data to the nucleus segment, and from the end of the segment
 * to the end of the virtual machine's storage. First fit with coalescing on free; every block
 * carries its size in a 16-byte header.
 *
 * An idle user should cost CP little: when a command has given everything back, heap_trim()
 * returns the pages the heap touched to CP (DIAGNOSE X'10'), so they hold no real storage
 * until the next command needs them.
 * Covered by tests/system/test_cms.py.
 */
#include <lib/string.h>
#include <cms/cms.h>

#define ALIGN	   16
#define PAGE	   4096ULL
#define SEGMENT_LO 0x100000ULL
#define SEGMENT_HI 0x200000ULL

struct chunk {
	uint64_t size;         /* bytes, header included */
	struct chunk *next;    /* free list, in address order */
};

static struct chunk *free_list;
static uint64_t heap_total, heap_used;
static uint64_t touched_lo[2], touched_hi[2], region_lo[2], region_hi[2];
static unsigned regions;
static uint64_t storage_end;

static void add_region(uint64_t lo, uint64_t hi)
{
	struct chunk *c;

	lo = (lo + PAGE - 1) & ~(PAGE - 1);
	hi &= ~(PAGE - 1);
	if (hi <= lo + PAGE)
		return;
	region_lo[regions] = lo;
	region_hi[regions] = hi;
	touched_lo[regions] = hi;
	touched_hi[regions] = lo;
	regions++;
	c = (struct chunk *)(uintptr_t)lo;
	c->size = hi - lo;
	c->next = NULL;
	/* Regions are added in address order. */
	if (!free_list) {
		free_list = c;
	} else {
		struct chunk *t = free_list;

		while (t->next)
			t = t->next;
		t->next = c;
	}
	heap_total += hi - lo;
}

void heap_init(uint64_t storage_size)
{
	free_list = NULL;
	regions = 0;
	heap_total = heap_used = 0;
	storage_end = storage_size;
	add_region((uintptr_t)__bss_end, SEGMENT_LO);
}

/* The storage above the nucleus segment joins the heap only when the first region is full,
 * so a small user never touches it (and CP never builds it a page table). */
static bool grow(void)
{
	if (regions != 1 || storage_end <= SEGMENT_HI)
		return false;
	add_region(SEGMENT_HI, storage_end);
	return regions == 2;
}

static void note_touched(uint64_t lo, uint64_t hi)
{
	for (unsigned r = 0; r < regions; r++) {
		if (lo < region_lo[r] || lo >= region_hi[r])
			continue;
		if (lo < touched_lo[r])
			touched_lo[r] = lo & ~(PAGE - 1);
		if (hi > touched_hi[r])
			touched_hi[r] = (hi + PAGE - 1) & ~(PAGE - 1);
	}
}

static void *alloc_first_fit(size_t n)
{
	uint64_t need = (n + sizeof(struct chunk) + ALIGN - 1) & ~(uint64_t)(ALIGN - 1);
	struct chunk **link = &free_list;

	for (struct chunk *c = free_list; c; link = &c->next, c = c->next) {
		if (c->size < need)
			continue;
		if (c->size - need >= 2 * sizeof(struct chunk)) {
			struct chunk *rest = (struct chunk *)((uintptr_t)c + need);

			rest->size = c->size - need;
			rest->next = c->next;
			*link = rest;
			c->size = need;
		} else {
			*link = c->next;
		}
		heap_used += c->size;
		note_touched((uintptr_t)c, (uintptr_t)c + c->size + sizeof(struct chunk));
		return (void *)(c + 1);
	}
	return NULL;
}

void *cms_alloc(size_t n)
{
	void *p = alloc_first_fit(n);

	if (!p && grow())
		p = alloc_first_fit(n);
	return p;
}

void cms_free(void *p)
{
	struct chunk *c, *prev = NULL, *t;

	if (!p)
		return;
	c = (struct chunk *)p - 1;
	heap_used -= c->size;
	for (t = free_list; t && t < c; prev = t, t = t->next)
		;
	c->next = t;
	if (prev)
		prev->next = c;
	else
		free_list = c;
	if (t && (uintptr_t)c + c->size == (uintptr_t)t) {
		c->size += t->size;
		c->next = t->next;
	}
	if (prev && (uintptr_t)prev + prev->size == (uintptr_t)c) {
		prev->size += c->size;
		prev->next = c->next;
	}
}

bool heap_empty(void)
{
	return heap_used == 0;
}

uint64_t heap_free_bytes(void)
{
	return heap_total - heap_used;
}

void heap_trim(void)
{
	if (!heap_empty())
		return;
	for (unsigned r = 0; r < regions; r++) {
		/* The first page holds the region's free-list header: keep it. */
		uint64_t lo = touched_lo[r] < region_lo[r] + PAGE ? region_lo[r] + PAGE
								 : touched_lo[r];

		if (touched_hi[r] > lo)
			diag_release_pages(lo, touched_hi[r] - PAGE);
		touched_lo[r] = region_hi[r];
		touched_hi[r] = region_lo[r];
	}
}
