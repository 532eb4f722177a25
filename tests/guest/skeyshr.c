/*
 * Storage keys of a shared page: loads the CMS segment (DIAGNOSE X'64' LOADSHR), checks that
 * a page of it has key 0 for this machine, sets a key of its own (from the time it started)
 * with SSKE, then yields (DIAG X'44') in a loop for a few seconds and checks with ISKE after
 * every yield that the key is still its own. Run two side by side
 * (tests/system/test_vm.py, test_shared_page_keys_isolated): the frame is the same for both,
 * the keys must not be. Bare (no DIAG X'64') it does the same on a private scratch page.
 */
#include <lib/ebcdic.h>

#include "diag.h"
#include "guest.h"

#define RUN_SECONDS 3
#define LOADSHR	    0x00
#define SEG_START   0x100000UL
#define KEY_BITS    0xf8 /* access control and fetch protection; R and C are the machine's */

static uint8_t name_cms[8] __attribute__((aligned(8)));

static int loadshr(void)
{
	register unsigned long rx asm("2") = (unsigned long)name_cms;
	register unsigned long ry asm("4") = LOADSHR;
	int cc;

	asm volatile("diag %1,%2,0x64\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(rx), "+d"(ry) : : "cc", "memory");
	return cc;
}

int main(void)
{
	uint64_t page = GUEST_SCRATCH + 0x5000, begin, seed, yields = 0;
	unsigned bad = 0, checks = 0;
	uint8_t key, got;
	bool diag44_works;

	report_prefix_push("skeyshr");
	expect_pgm_int();
	diag44();
	diag44_works = pgm_int_code() == 0;
	if (under_vm64()) {
		ascii_to_ebcdic(EBCDIC_CP037, name_cms, "CMS     ", 8);
		report(loadshr() == 1, "CMS loaded shared");
		page = SEG_START + 0x5000;
	}
	got = iske(page) & KEY_BITS;
	report(got == 0, "page %lx: key 0 before this machine set one (got %02x)",
	       (unsigned long)page, got);

	seed = stck() ^ ((uint64_t)stap() << 48);
	seed = prng_next(&seed);
	key = (uint8_t)((1 + seed % 15) << 4 | ((seed >> 8) & 1 ? 0x08 : 0));
	sske(page, key);
	got = iske(page) & KEY_BITS;
	report(got == key, "SSKE %02x, ISKE gives %02x", key, got);
	report_info("key %02x set on page %lx", key, (unsigned long)page);

	begin = stck();
	while (stck() - begin < tod_us(RUN_SECONDS * 1000000ULL)) {
		yield_cpu(diag44_works);
		yields++;
		got = iske(page) & KEY_BITS;
		checks++;
		if (got != key) {
			if (!bad)
				report_info("ISKE gives %02x after %lu yields", got,
					    (unsigned long)yields);
			bad++;
			sske(page, key);
		}
	}
	report(bad == 0, "key %02x intact after %lu yields (%u of %u checks bad)", key,
	       (unsigned long)yields, bad, checks);
	sske(page, 0);
	report_prefix_pop();
	return report_summary();
}
