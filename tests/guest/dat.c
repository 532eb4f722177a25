/*
 * DAT: the guest turns on its own dynamic address translation (PoP "Dynamic Address
 * Translation"): a segment table whose first 4 MB map to themselves (lowcore, this image, its
 * stack) and whose segment 5 maps virtual X'500000' to a page of scratch storage elsewhere
 * (real X'1F3000'), then LPSWE with the DAT bit on. Checks a read through the translated
 * address sees what was stored at the real page, a store through it lands there, LRA gives
 * the real address, and STOSM turns DAT on as well.
 * On VM/64's SIE engine (Hercules) and bare on both machines it passes. VM/64's
 * trap-and-emulate engine (QEMU) has no shadow tables: CP must stop the machine at the LPSWE
 * with VMCDSP455E instead of letting it run on with DAT silently off
 * (tests/system/test_guest_dat.py checks both engines).
 */
#include <arch/ctlreg_ops.h>
#include "guest.h"

#define VIRT_PAGE 0x500000UL /* segment 5, page 0 */
#define REAL_PAGE 0x1f3000UL /* scratch, inside the identity-mapped 4 MB */
#define MARKER    0x0123456789abcdefULL

static uint64_t seg_table[512] __attribute__((aligned(4096)));
static uint64_t page_tables[5][256] __attribute__((aligned(4096)));
static struct psw dat_on_psw __attribute__((aligned(8)));

/* The first 4 MB to themselves; segment 4 invalid, segment 5 has one valid page. */
static void build_tables(void)
{
	for (unsigned s = 0; s < 512; s++)
		seg_table[s] = 0x20; /* segment-invalid bit */
	for (unsigned s = 0; s < 4; s++) {
		seg_table[s] = (uint64_t)(uintptr_t)page_tables[s];
		for (unsigned p = 0; p < 256; p++)
			page_tables[s][p] = (uint64_t)s << 20 | (uint64_t)p << 12;
	}
	for (unsigned p = 0; p < 256; p++)
		page_tables[4][p] = 0x400; /* page-invalid bit */
	page_tables[4][0] = REAL_PAGE;
	seg_table[5] = (uint64_t)(uintptr_t)page_tables[4];
	lctlg(1, (uint64_t)(uintptr_t)seg_table); /* segment-table ASCE, 512 entries */
}

/*
 * LPSWE to the next instruction with DAT on; reads the doubleword at virtual va, stores
 * value at virtual sa, then DAT off again (STNSM). Returns what it read.
 */
static uint64_t lpswe_dat_access(uint64_t va, uint64_t sa, uint64_t value)
{
	uint8_t mask;
	uint64_t got;

	dat_on_psw.mask = PSW_MASK_64 | PSW_MASK_DAT;
	asm volatile("larl %%r1,0f\n\t"
		     "stg %%r1,8(%[psw])\n\t"
		     "lpswe 0(%[psw])\n"
		     "0:\tlg %[got],0(%[va])\n\t"
		     "stg %[val],0(%[sa])\n\t"
		     "stnsm %[mask],0xfb"
		     : [got] "=&d"(got), [mask] "=Q"(mask)
		     : [psw] "a"(&dat_on_psw), [va] "a"(va), [sa] "a"(sa), [val] "d"(value)
		     : "r1", "cc", "memory");
	return got;
}

static uint64_t lra(uint64_t va, int *cc)
{
	uint64_t real;

	asm volatile("lrag %0,0(%2)\n\tipm %1\n\tsrl %1,28"
		     : "=d"(real), "=d"(*cc)
		     : "a"(va)
		     : "cc");
	return real;
}

int main(void)
{
	volatile uint64_t *real = (volatile uint64_t *)REAL_PAGE;
	uint64_t got, addr;
	int cc;

	report_prefix_push("dat");
	build_tables();
	real[0] = MARKER;
	real[1] = 0;
	printf("DAT: LPSWE with DAT on (VM/64 on QEMU stops the machine here: VMCDSP455E)\n");
	got = lpswe_dat_access(VIRT_PAGE, VIRT_PAGE + 8, ~MARKER);
	report(got == MARKER, "LPSWE DAT on: virtual %lx reads real %lx (got %016llx)", VIRT_PAGE,
	       REAL_PAGE, (unsigned long long)got);
	report(real[1] == ~MARKER, "a store through virtual %lx lands at real %lx",
	       VIRT_PAGE + 8, REAL_PAGE + 8);
	if (guest_env.storage_size > VIRT_PAGE + 0x1000)
		report(*(volatile uint64_t *)VIRT_PAGE != MARKER,
		       "with DAT off again, %lx is real storage", VIRT_PAGE);

	stosm(0x04);
	addr = lra(VIRT_PAGE + 0x10, &cc);
	got = *(volatile uint64_t *)VIRT_PAGE;
	stnsm(0xfb);
	report(cc == 0 && addr == REAL_PAGE + 0x10, "LRA %lx: cc 0, real %lx (cc %d, %lx)",
	       VIRT_PAGE + 0x10, REAL_PAGE + 0x10, cc, (unsigned long)addr);
	report(got == MARKER, "STOSM DAT on: the same translation (got %016llx)",
	       (unsigned long long)got);
	stosm(0x04);
	addr = lra(VIRT_PAGE + 0x1000, &cc);
	stnsm(0xfb);
	/* PoP: cc 2, page-table entry invalid (as Hercules); QEMU's TCG answers 3 */
	report(cc == 2 || (guest_env.qemu && !under_vm64() && cc == 3),
	       "LRA of an invalid page: cc 2 (got %d)", cc);
	lctlg(1, 0);
	report_prefix_pop();
	return report_summary();
}
