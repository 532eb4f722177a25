/*
 * Guest storage as a host address space: a segment table and page tables that map guest
 * absolute pages to real frames, built on demand. Both engines use the same tables: SIE
 * translates guest absolute addresses through host CR1 (MSO 0), trap-and-emulate runs the
 * guest with DAT on in this space. A page gets a frame the first time anything touches it,
 * so a 16 MB machine that uses 100 KB costs about 100 KB.
 *
 * Shared segments (cp/mm/segment.c): a segment-table entry may point at a page table that
 * belongs to a shared segment, with the segment-protection bit set (PoP "Dynamic Address
 * Translation", format-0 segment-table entry bit 54; its pages are also page-protected), so
 * a guest store there is a protection exception on both engines. mem->shared[] records which
 * segments are shared: their tables and frames are never freed or counted here.
 *
 * Fixed spaces (OPTION V=F, gmem_fix): one contiguous run of frames backs every page from
 * the start, so SIE can relocate the guest through a zone (zone.c) instead of host DAT.
 * The tables are still built in full: CP and the trap-and-emulate engine use them.
 * Covered by tests/system/test_vm.py and tests/guest/segment.c.
 */
#include <arch/dat.h>
#include <arch/hw.h>
#include <arch/skey.h>
#include <cp/frames.h>
#include <cp/vm.h>
#include <lib/string.h>

#define GMEM_MAX_SIZE (GMEM_MAX_SEGMENTS * SEGMENT_SIZE) /* one segment table: 2 GB */

static uint64_t *ste_of(const struct gmem *mem, uint64_t gaddr)
{
	return &mem->segment_table[gaddr / SEGMENT_SIZE];
}

static bool seg_shared(const struct gmem *mem, uint64_t s)
{
	return (mem->shared[s / 64] >> (s % 64)) & 1;
}

/* Zeroes len bytes of a fixed space from guest address at, and resets their keys. */
static void zero_fixed_range(const struct gmem *mem, uint64_t at, uint64_t len)
{
	memset((void *)(uintptr_t)(mem->fixed_origin + at), 0, len);
	for (uint64_t off = 0; off < len; off += PAGE_SIZE_4K)
		hw_set_storage_key(mem->fixed_origin + at + off, 0);
}

/**
 * gmem_is_shared() - whether gaddr lies in a shared segment of this space
 * @mem: the guest space
 * @gaddr: a guest absolute address
 */
bool gmem_is_shared(const struct gmem *mem, uint64_t gaddr)
{
	return gaddr < mem->size && seg_shared(mem, gaddr / SEGMENT_SIZE);
}

/**
 * gmem_shared_table() - the shared page table gaddr's segment points at
 * @mem: the guest space
 * @gaddr: a guest absolute address
 *
 * Return: the table's address, or 0 if the segment is private (or gaddr outside).
 */
uint64_t gmem_shared_table(const struct gmem *mem, uint64_t gaddr)
{
	if (!gmem_is_shared(mem, gaddr))
		return 0;
	return *ste_of(mem, gaddr) & STE_ORIGIN_MASK;
}

/**
 * gmem_shared_table_build() - a read-only page table for one shared segment
 * @frames: GMEM_SEGMENT_PAGES frame addresses, 0 for a page left invalid
 *
 * Every valid entry is page-protected. Return: the table (one frame), or 0.
 */
uint64_t gmem_shared_table_build(const uint64_t *frames)
{
	uint64_t table = frame_alloc(&real_frames);
	uint64_t *pt = (uint64_t *)(uintptr_t)table;

	if (!table)
		return 0;
	memset(pt, 0, PAGE_SIZE_4K);
	for (int p = 0; p < PAGE_ENTRIES; p++)
		pt[p] = frames[p] ? (frames[p] & PTE_ORIGIN_MASK) | PTE_PROTECT : PTE_INVALID;
	return table;
}

/**
 * gmem_shared_table_free() - give a shared page table's frame back (not its data frames)
 * @table: from gmem_shared_table_build(), attached to no space any more
 */
void gmem_shared_table_free(uint64_t table)
{
	if (table)
		frame_free(&real_frames, table);
}

/* Frees segment s's private page table and frames; the segment is invalid afterwards. */
static void free_private_segment(struct gmem *mem, uint64_t s)
{
	uint64_t ste = mem->segment_table[s];
	uint64_t *pt;

	if ((ste & STE_INVALID) || seg_shared(mem, s) || mem->fixed_origin)
		return; /* a fixed space's frames go back together, in gmem_release */
	pt = (uint64_t *)(uintptr_t)(ste & STE_ORIGIN_MASK);
	for (int p = 0; p < PAGE_ENTRIES; p++)
		if (!(pt[p] & PTE_INVALID)) {
			frame_free(&real_frames, pt[p] & PTE_ORIGIN_MASK);
			mem->frames_in_use--;
		}
	frame_free(&real_frames, (uint64_t)(uintptr_t)pt);
	mem->table_frames--;
	mem->segment_table[s] = STE_INVALID;
}

/**
 * gmem_attach_shared() - map a shared segment's page table, protected, at gaddr
 * @mem: the guest space
 * @gaddr: a 1 MB aligned guest absolute address inside the machine
 * @table: from gmem_shared_table_build()
 *
 * Whatever private pages the segment had go back to CP first (their contents are lost, as
 * when z/VM loads a saved segment over a machine's storage). Return: 0, or -1 for a bad
 * address.
 */
int gmem_attach_shared(struct gmem *mem, uint64_t gaddr, uint64_t table)
{
	uint64_t s = gaddr / SEGMENT_SIZE;

	if (gaddr % SEGMENT_SIZE || gaddr >= mem->size || !table || (table & ~STE_ORIGIN_MASK))
		return -1;
	if (seg_shared(mem, s))
		gmem_detach_shared(mem, gaddr);
	free_private_segment(mem, s);
	mem->segment_table[s] = table | STE_PROTECT;
	mem->shared[s / 64] |= 1ULL << (s % 64);
	mem->shared_segments++;
	ptlb();
	return 0;
}

/**
 * gmem_detach_shared() - unmap the shared segment holding gaddr
 * @mem: the guest space
 * @gaddr: a guest absolute address; nothing happens if its segment is private
 *
 * The segment becomes private and empty: its pages read as zeros when next touched.
 */
void gmem_detach_shared(struct gmem *mem, uint64_t gaddr)
{
	uint64_t s = gaddr / SEGMENT_SIZE;

	if (!gmem_is_shared(mem, gaddr))
		return;
	if (mem->fixed_origin) {
		/* The segment's own frames come back into view, as zeros. */
		mem->segment_table[s] = mem->fixed_tables + s * PAGE_SIZE_4K;
		zero_fixed_range(mem, s * SEGMENT_SIZE, SEGMENT_SIZE);
	} else {
		mem->segment_table[s] = STE_INVALID;
	}
	mem->shared[s / 64] &= ~(1ULL << (s % 64));
	mem->shared_segments--;
	/* Other CPUs' translations of this space do not exist: one CPU dispatches. */
	ptlb();
}

int gmem_init(struct gmem *mem, uint64_t size)
{
	uint64_t segments = (size + SEGMENT_SIZE - 1) / SEGMENT_SIZE;
	uint64_t blocks = (segments + SEGMENT_ENTRIES_PER_4K - 1) / SEGMENT_ENTRIES_PER_4K;
	uint64_t table;

	memset(mem, 0, sizeof(*mem));
	if (size == 0 || size > GMEM_MAX_SIZE || size % SEGMENT_SIZE)
		return -1;
	table = frames_alloc_contig(&real_frames, blocks, 1);
	if (!table)
		return -1;
	mem->segment_table = (uint64_t *)(uintptr_t)table;
	for (uint64_t i = 0; i < blocks * SEGMENT_ENTRIES_PER_4K; i++)
		mem->segment_table[i] = STE_INVALID;
	mem->size = size;
	mem->table_frames = blocks;
	mem->asce = table | ASCE_TYPE_SEGMENT | ASCE_TABLE_LENGTH(blocks);
	return 0;
}

/* Frees n frames from first on, one after another. */
static void free_run(uint64_t first, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		frame_free(&real_frames, first + i * PAGE_SIZE_4K);
}

int gmem_fix(struct gmem *mem)
{
	uint64_t segments = mem->size / SEGMENT_SIZE;
	uint64_t pages = mem->size / PAGE_SIZE_4K;
	uint64_t data, tables;

	if (!mem->segment_table || mem->shared_segments)
		return -1;
	if (mem->fixed_origin)
		return 0;
	for (uint64_t s = 0; s < segments; s++)
		free_private_segment(mem, s);
	data = frames_alloc_contig(&real_frames, pages, SEGMENT_SIZE / PAGE_SIZE_4K);
	if (!data)
		return -1;
	tables = frames_alloc_contig(&real_frames, segments, 1);
	if (!tables) {
		free_run(data, pages);
		return -1;
	}
	mem->fixed_origin = data;
	mem->fixed_tables = tables;
	zero_fixed_range(mem, 0, mem->size);
	for (uint64_t s = 0; s < segments; s++) {
		uint64_t *pt = (uint64_t *)(uintptr_t)(tables + s * PAGE_SIZE_4K);

		memset(pt, 0, PAGE_SIZE_4K);
		for (int p = 0; p < PAGE_ENTRIES; p++)
			pt[p] = data + s * SEGMENT_SIZE + (uint64_t)p * PAGE_SIZE_4K;
		mem->segment_table[s] = (uint64_t)(uintptr_t)pt;
	}
	mem->frames_in_use = pages;
	mem->table_frames += segments;
	ptlb();
	return 0;
}

void gmem_release(struct gmem *mem)
{
	uint64_t segments = mem->size / SEGMENT_SIZE;
	uint64_t blocks = mem->table_frames;

	if (!mem->segment_table)
		return;
	for (uint64_t s = 0; s < segments; s++)
		free_private_segment(mem, s); /* shared segments stay with their owner */
	if (mem->fixed_origin) {
		free_run(mem->fixed_origin, segments * PAGE_ENTRIES);
		free_run(mem->fixed_tables, segments);
		blocks -= segments;
	}
	for (uint64_t b = 0; b < blocks; b++)
		frame_free(&real_frames, (uint64_t)(uintptr_t)mem->segment_table + b * PAGE_SIZE_4K);
	/* Translations of this space may still sit in the TLB. */
	ptlb();
	memset(mem, 0, sizeof(*mem));
}

uint64_t gmem_lookup(const struct gmem *mem, uint64_t gaddr)
{
	uint64_t ste, pte;

	if (gaddr >= mem->size)
		return 0;
	ste = *ste_of(mem, gaddr);
	if (ste & STE_INVALID)
		return 0;
	pte = ((uint64_t *)(uintptr_t)(ste & STE_ORIGIN_MASK))[(gaddr >> 12) & 0xff];
	if (pte & PTE_INVALID)
		return 0;
	return pte & PTE_ORIGIN_MASK;
}

void gmem_discard(struct gmem *mem, uint64_t gaddr)
{
	uint64_t ste, *pte;

	if (gaddr >= mem->size || gmem_is_shared(mem, gaddr))
		return;
	ste = *ste_of(mem, gaddr);
	if (ste & STE_INVALID)
		return;
	pte = &((uint64_t *)(uintptr_t)(ste & STE_ORIGIN_MASK))[(gaddr >> 12) & 0xff];
	if (*pte & PTE_INVALID)
		return;
	if (mem->fixed_origin) {
		zero_fixed_range(mem, gaddr & ~(uint64_t)(PAGE_SIZE_4K - 1), PAGE_SIZE_4K);
		return;
	}
	frame_free(&real_frames, *pte & PTE_ORIGIN_MASK);
	*pte = PTE_INVALID;
	mem->frames_in_use--;
	/* The TLB may still hold the old translation. */
	ptlb();
}

uint64_t gmem_page(struct gmem *mem, uint64_t gaddr)
{
	uint64_t *ste, *pt, frame;

	if (gaddr >= mem->size)
		return 0;
	if (gmem_is_shared(mem, gaddr))
		return gmem_lookup(mem, gaddr); /* never a private frame in a shared segment */
	ste = ste_of(mem, gaddr);
	if (*ste & STE_INVALID) {
		uint64_t table = frame_alloc(&real_frames);

		if (!table)
			return 0;
		pt = (uint64_t *)(uintptr_t)table;
		for (int p = 0; p < PAGE_ENTRIES; p++)
			pt[p] = PTE_INVALID;
		mem->table_frames++;
		*ste = table; /* valid, not protected, a format-0 segment-table entry */
	}
	pt = (uint64_t *)(uintptr_t)(*ste & STE_ORIGIN_MASK);
	if (pt[(gaddr >> 12) & 0xff] & PTE_INVALID) {
		frame = frame_alloc(&real_frames);
		if (!frame)
			return 0;
		memset((void *)(uintptr_t)frame, 0, PAGE_SIZE_4K);
		/* Whatever key the frame had under its last owner (skey.c) goes with it. */
		hw_set_storage_key(frame, 0);
		mem->frames_in_use++;
		pt[(gaddr >> 12) & 0xff] = frame;
	}
	return pt[(gaddr >> 12) & 0xff] & PTE_ORIGIN_MASK;
}

void hw_set_storage_key(uint64_t frame, uint8_t key)
{
	sske(frame, key);
}
