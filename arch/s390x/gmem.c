/*
 * Guest storage as a host address space: a segment table and page tables that map guest
 * absolute pages to real frames, built on demand. Both engines use the same tables: SIE
 * translates guest absolute addresses through host CR1 (MSO 0), trap-and-emulate runs the
 * guest with DAT on in this space. A page gets a frame the first time anything touches it,
 * so a 16 MB machine that uses 100 KB costs about 100 KB.
 */
#include <arch/dat.h>
#include <cp/frames.h>
#include <cp/vm.h>
#include <lib/string.h>

#define GMEM_MAX_SIZE (2048ULL << 20) /* one segment table of 2048 entries: 2 GB */

static uint64_t *ste_of(const struct gmem *mem, uint64_t gaddr)
{
	return &mem->segment_table[gaddr / SEGMENT_SIZE];
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

void gmem_release(struct gmem *mem)
{
	uint64_t segments = mem->size / SEGMENT_SIZE;
	uint64_t blocks = mem->table_frames;

	if (!mem->segment_table)
		return;
	for (uint64_t s = 0; s < segments; s++) {
		uint64_t ste = mem->segment_table[s];
		uint64_t *pt;

		if (ste & STE_INVALID)
			continue;
		pt = (uint64_t *)(uintptr_t)(ste & STE_ORIGIN_MASK);
		for (int p = 0; p < PAGE_ENTRIES; p++)
			if (!(pt[p] & PTE_INVALID))
				frame_free(&real_frames, pt[p] & PTE_ORIGIN_MASK);
		frame_free(&real_frames, (uint64_t)(uintptr_t)pt);
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

	if (gaddr >= mem->size)
		return;
	ste = *ste_of(mem, gaddr);
	if (ste & STE_INVALID)
		return;
	pte = &((uint64_t *)(uintptr_t)(ste & STE_ORIGIN_MASK))[(gaddr >> 12) & 0xff];
	if (*pte & PTE_INVALID)
		return;
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
		mem->frames_in_use++;
		pt[(gaddr >> 12) & 0xff] = frame;
	}
	return pt[(gaddr >> 12) & 0xff] & PTE_ORIGIN_MASK;
}
