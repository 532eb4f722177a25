/*
 * Operand access at the guest's logical addresses. With the guest's DAT off a logical
 * address is a real one; with DAT on it is translated through the guest's own tables, the
 * way the CPU would for the intercepted instruction (PoP "Dynamic Address Translation"):
 * region-first/second/third and segment tables named by the ASCE the PSW's
 * address-space control selects, 4 KB pages, DAT protection for stores.
 *
 * Large frames (PoP "Enhanced DAT"): with CR0 bit 40 (EDAT-1, facility 8) a segment-table
 * entry with its format control set maps a 1 MB frame, and with CR0 bit 39 (EDAT-2,
 * facility 78) a region-third-table entry maps a 2 GB frame; both name absolute addresses.
 * Hercules offers facility 8 and STFLE runs natively, so Linux maps its kernel with 1 MB
 * frames: ignoring FC read a data frame as a page table and put STSI's block elsewhere.
 *
 * Simplifications, all outside what the guests we run use: access-register mode uses the
 * primary ASCE (no ART), no TLB, no reference/change recording, no
 * key-controlled or low-address protection. Table entries are fetched from absolute
 * storage, as Linux KVM does.
 * Covered by tests/unit/test_icpt.c and tests/guest/priv.c.
 */
#include "icpt.h"

#define PAGE_4K 4096ULL

/* ASCE and table-entry fields (PoP bit numbers noted). */
#define ASCE_ORIGIN	0xfffffffffffff000ULL /* 0-51 */
#define ASCE_REAL_SPACE 0x20ULL		      /* 58 */
#define ASCE_DT(a)	(((a) >> 2) & 3)      /* 60-61 */
#define ASCE_TL(a)	((a)&3)		      /* 62-63 */
#define RTE_ORIGIN	0xfffffffffffff000ULL
#define RTE_PROTECT	0x200ULL	      /* 54 */
#define RTE_TF(e)	(((e) >> 6) & 3)      /* 56-57 */
#define RTE_INVALID	0x20ULL		      /* 58 */
#define RTE_TT(e)	(((e) >> 2) & 3)      /* 60-61 */
#define RTE_TL(e)	((e)&3)		      /* 62-63 */
#define STE_ORIGIN	0xfffffffffffff800ULL /* 0-52 */
#define STE_PROTECT	0x200ULL
#define STE_INVALID	0x20ULL
#define STE_TT(e)	(((e) >> 2) & 3)
#define ENTRY_FC	0x400ULL	      /* 53: format control (large frame) */
#define STE_SFAA	0xfffffffffff00000ULL /* 0-43: segment-frame absolute address */
#define RTTE_RFAA	0xffffffff80000000ULL /* 0-32: region-frame absolute address */
#define CR0_EDAT1	(1ULL << (63 - 40))
#define CR0_EDAT2	(1ULL << (63 - 39))
#define PTE_PFRA	0xfffffffffffff000ULL /* 0-51 */
#define PTE_INVALID	0x400ULL	      /* 53 */
#define PTE_PROTECT	0x200ULL	      /* 54 */
#define PTE_RESERVED	0x900ULL	      /* 52, 55 */

#define TT_REGION_FIRST	 3
#define TT_REGION_SECOND 2
#define TT_REGION_THIRD	 1
#define TT_SEGMENT	 0

/* Index of a virtual address into the table of type tt (11 bits), and the page index. */
static unsigned table_index(uint64_t vaddr, unsigned tt)
{
	return (unsigned)(vaddr >> (20 + 11 * tt)) & 0x7ff;
}

/* The translation exception of a missing or invalid entry in a table of type tt. */
static int trans_exception(unsigned tt)
{
	static const int codes[4] = {
	    [TT_SEGMENT] = PGM_SEGMENT_TRANS,
	    [TT_REGION_THIRD] = PGM_REGION_THIRD,
	    [TT_REGION_SECOND] = PGM_REGION_SECOND,
	    [TT_REGION_FIRST] = PGM_REGION_FIRST,
	};

	return codes[tt & 3];
}

/*
 * Fetches the table entry at origin + index * 8. An entry address that would wrap past
 * 2^64 is beyond any storage: an addressing exception, not an entry at a low address.
 */
static int fetch_entry(struct vcpu *v, uint64_t origin, uint64_t index, uint64_t *entry)
{
	uint64_t abs = origin + index * 8;
	uint8_t b[8];
	int rc;

	if (abs < origin)
		return PGM_ADDRESSING;
	rc = guest_read_abs(v->vm, abs, b, sizeof(b));

	if (rc)
		return rc;
	*entry = get_be64(b);
	return 0;
}

/* Address-space control of the PSW: 0 primary, 1 access register, 2 secondary, 3 home. */
static unsigned psw_as(const struct vcpu *v)
{
	return (unsigned)((v->psw_mask & PSW_MASK_ASC) >> (63 - 17));
}

static uint64_t select_asce(const struct vcpu *v, unsigned as)
{
	switch (as) {
	case 2:
		return v->crs[7];
	case 3:
		return v->crs[13];
	default:
		return v->crs[1]; /* primary, and AR mode without ART */
	}
}

/*
 * The end of a walk at a large frame. The frame address is absolute; callers take a real
 * address and prefix it, and prefixing is its own inverse, so hand back the real address
 * that prefixes to this absolute one.
 */
static int large_frame(struct vcpu *v, uint64_t abs, bool write, bool protect,
		       uint64_t *raddr)
{
	if (write && protect) {
		v->exit.teid |= 4; /* bit 61: the access was a store */
		return PGM_PROTECTION;
	}
	*raddr = real_to_abs(v, abs);
	return 0;
}

static int dat_walk(struct vcpu *v, uint64_t vaddr, bool write, uint64_t *raddr)
{
	unsigned as = psw_as(v);
	uint64_t asce = select_asce(v, as);
	uint64_t origin = asce & ASCE_ORIGIN, entry;
	unsigned tt = (unsigned)ASCE_DT(asce);
	unsigned lo = 0, hi = (unsigned)ASCE_TL(asce); /* allowed range of index bits 0-1 */
	bool protect = false;
	int rc;

	v->exit.teid = (vaddr & ~(PAGE_4K - 1)) | as;
	if (asce & ASCE_REAL_SPACE) {
		*raddr = vaddr;
		return 0;
	}
	/* Index bits above the first table's reach must be zero. */
	if (tt < TT_REGION_FIRST && (vaddr >> (31 + 11 * tt)))
		return PGM_ASCE_TYPE;
	for (;;) {
		unsigned index = table_index(vaddr, tt);

		if ((index >> 9) < lo || (index >> 9) > hi)
			return trans_exception(tt);
		rc = fetch_entry(v, origin, index, &entry);
		if (rc)
			return rc;
		if (tt == TT_SEGMENT)
			break;
		if (entry & RTE_INVALID)
			return trans_exception(tt);
		if (RTE_TT(entry) != tt)
			return PGM_TRANS_SPEC;
		protect |= (entry & RTE_PROTECT) != 0;
		if (tt == TT_REGION_THIRD && (entry & ENTRY_FC) && (v->crs[0] & CR0_EDAT2))
			return large_frame(v, (entry & RTTE_RFAA) | (vaddr & ~RTTE_RFAA), write,
					   protect, raddr);
		origin = entry & RTE_ORIGIN;
		lo = (unsigned)RTE_TF(entry);
		hi = (unsigned)RTE_TL(entry);
		tt--;
	}
	/* segment-table entry */
	if (entry & STE_INVALID)
		return PGM_SEGMENT_TRANS;
	if (STE_TT(entry) != TT_SEGMENT)
		return PGM_TRANS_SPEC;
	protect |= (entry & STE_PROTECT) != 0;
	if ((entry & ENTRY_FC) && (v->crs[0] & CR0_EDAT1))
		return large_frame(v, (entry & STE_SFAA) | (vaddr & ~STE_SFAA), write, protect,
				   raddr);
	rc = fetch_entry(v, entry & STE_ORIGIN, (vaddr >> 12) & 0xff, &entry);
	if (rc)
		return rc;
	if (entry & PTE_INVALID)
		return PGM_PAGE_TRANS;
	if (entry & PTE_RESERVED)
		return PGM_TRANS_SPEC;
	protect |= (entry & PTE_PROTECT) != 0;
	if (write && protect) {
		v->exit.teid |= 4; /* bit 61: the access was a store */
		return PGM_PROTECTION;
	}
	*raddr = (entry & PTE_PFRA) | (vaddr & (PAGE_4K - 1));
	return 0;
}

int icpt_translate(struct vcpu *v, uint64_t addr, bool write, uint64_t *raddr)
{
	if (!(v->psw_mask & PSW_MASK_DAT)) {
		*raddr = addr;
		return 0;
	}
	return dat_walk(v, addr, write, raddr);
}

/* Pieces of an operand, each within one page, translated and checked against storage. */
#define MAX_PIECES 4

struct piece {
	uint64_t raddr;
	size_t len;
};

static int map_operand(struct vcpu *v, uint64_t addr, size_t len, bool write, struct piece *p,
		       int *count)
{
	enum amode mode = psw_amode(v->psw_mask);
	int n = 0;

	addr = amode_wrap(addr, mode);
	while (len) {
		uint64_t left = PAGE_4K - (addr & (PAGE_4K - 1));
		size_t chunk = len < left ? len : (size_t)left;
		uint64_t r;
		int rc;

		if (n == MAX_PIECES)
			return ICPT_FAULT; /* no operand CP simulates is this long */
		rc = icpt_translate(v, addr, write, &r);
		if (rc)
			return rc;
		if (real_to_abs(v, r) >= v->vm->mem.size)
			return PGM_ADDRESSING;
		p[n].raddr = r;
		p[n].len = chunk;
		n++;
		addr = amode_wrap(addr + chunk, mode);
		len -= chunk;
	}
	*count = n;
	return 0;
}

int icpt_read(struct vcpu *v, uint64_t addr, void *buf, size_t len)
{
	struct piece p[MAX_PIECES];
	uint8_t *dst = buf;
	int n = 0, rc = map_operand(v, addr, len, false, p, &n);

	for (int i = 0; !rc && i < n; i++) {
		rc = guest_read_real(v, p[i].raddr, dst, p[i].len);
		dst += p[i].len;
	}
	return rc;
}

int icpt_write(struct vcpu *v, uint64_t addr, const void *buf, size_t len)
{
	struct piece p[MAX_PIECES];
	const uint8_t *src = buf;
	int n = 0, rc = map_operand(v, addr, len, true, p, &n);

	for (int i = 0; !rc && i < n; i++) {
		rc = guest_write_real(v, p[i].raddr, src, p[i].len);
		src += p[i].len;
	}
	return rc;
}

int icpt_probe_write(struct vcpu *v, uint64_t addr, size_t len)
{
	struct piece p[MAX_PIECES];
	int n;

	return map_operand(v, addr, len, true, p, &n);
}
