/*
 * Shared saved segments: DIAGNOSE X'64' (z/VM CP Programming Services, "DIAGNOSE Code X'64'")
 * on CP's shared CMS nucleus at X'100000'-X'1FFFFF' - FINDSEG, LOADSHR (the segment appears,
 * read-only: a store is a protection exception, code 4, with the old PSW past the instruction,
 * and changes nothing), PURGESEG (the range is ordinary zeroed storage again), LOADNSHR (a
 * private, writable copy), an unknown name (cc 2, return code 44), and the specification
 * exceptions for a bad subcode or a name not on a doubleword. Needs nothing of CMS but its
 * image in CP's NSS table. Bare, DIAG X'64' does not exist: everything is skipped.
 */
#include <lib/ebcdic.h>

#include "guest.h"

#define LOADSHR	 0x00
#define LOADNSHR 0x04
#define PURGESEG 0x08
#define FINDSEG	 0x0c

#define SEG_START 0x100000UL
#define SEG_END	  0x1fffffUL

static uint8_t name_cms[16] __attribute__((aligned(8)));
static uint8_t name_none[8] __attribute__((aligned(8)));
static uint8_t name_diag[8] __attribute__((aligned(8)));

/* DIAG X'64': Rx = the name's address, Ry = the subcode; returns the cc and both registers. */
static int diag64(const void *name, uint64_t subcode, uint64_t *rx_out, uint64_t *ry_out)
{
	register unsigned long rx asm("2") = (unsigned long)name;
	register unsigned long ry asm("4") = subcode;
	int cc;

	asm volatile("diag %1,%2,0x64\n\t"
		     "ipm %0\n\t"
		     "srl %0,28"
		     : "=d"(cc), "+d"(rx), "+d"(ry)
		     :
		     : "cc", "memory");
	*rx_out = rx;
	*ry_out = ry;
	return cc;
}

static void test_findseg(void)
{
	uint64_t rx, ry;
	int cc;

	report_prefix_push("FINDSEG");
	cc = diag64(name_cms, FINDSEG, &rx, &ry);
	report(cc == 1, "CMS exists, not loaded here: cc 1 (got %d)", cc);
	report(rx == SEG_START && ry == SEG_END, "CMS is %lx-%lx (got %lx-%lx)", SEG_START,
	       SEG_END, (unsigned long)rx, (unsigned long)ry);
	cc = diag64(name_none, FINDSEG, &rx, &ry);
	report(cc == 2 && ry == 44, "unknown name: cc 2, rc 44 (got cc %d rc %lu)", cc,
	       (unsigned long)ry);
	cc = diag64(name_diag, FINDSEG, &rx, &ry);
	report(cc == 2 && ry == 44, "a system that is not a segment: cc 2, rc 44 (got cc %d)",
	       cc);
	report_prefix_pop();
}

static void test_loadshr(void)
{
	volatile uint8_t *seg = (volatile uint8_t *)SEG_START;
	uint64_t rx, ry, first;
	uint8_t before;
	int cc;

	report_prefix_push("LOADSHR");
	seg[0] = 0xee; /* private storage first: LOADSHR releases it */
	cc = diag64(name_cms, LOADSHR, &rx, &ry);
	report(cc == 1, "loaded within the machine's storage: cc 1 (got %d)", cc);
	report(rx == SEG_START && ry == SEG_END, "range %lx-%lx", (unsigned long)rx,
	       (unsigned long)ry);
	cc = diag64(name_cms, FINDSEG, &rx, &ry);
	report(cc == 0, "FINDSEG now says loaded: cc 0 (got %d)", cc);

	first = *(volatile uint64_t *)SEG_START;
	before = seg[0];
	report(first != 0 && before != 0xee, "the nucleus is there: %016lx", (unsigned long)first);
	report(*(volatile uint64_t *)(SEG_END - 7) == 0, "past the image: zeros");

	EXPECT_PGM_AFTER("MVI into the segment", PGM_PROTECTION, 4, "mvi 0(%1),0x55", "a"(SEG_START));
	EXPECT_PGM_AFTER("STG into the segment", PGM_PROTECTION, 6, "stg %%r1,0(%1)",
			 "a"(SEG_START + 0x808));
	EXPECT_PGM_AFTER("MVC into the last page", PGM_PROTECTION, 6, "mvc 0(8,%1),0(%2)",
			 "a"(SEG_END - 7), "a"(name_cms));
	report(seg[0] == before && *(volatile uint64_t *)SEG_START == first,
	       "the segment is unchanged");
	report(*(volatile uint64_t *)(SEG_END - 7) == 0, "the last page is unchanged");
	report_prefix_pop();
}

static void test_purgeseg(void)
{
	volatile uint64_t *seg = (volatile uint64_t *)SEG_START;
	uint64_t rx, ry;
	int cc;

	report_prefix_push("PURGESEG");
	cc = diag64(name_cms, PURGESEG, &rx, &ry);
	report(cc == 0, "purged: cc 0 (got %d)", cc);
	report(seg[0] == 0, "the range reads zeros");
	expect_pgm_int();
	seg[0] = 0x1234;
	report(pgm_int_code() == 0 && seg[0] == 0x1234, "and is writable again");
	cc = diag64(name_cms, FINDSEG, &rx, &ry);
	report(cc == 1, "FINDSEG: not loaded, cc 1 (got %d)", cc);
	cc = diag64(name_cms, PURGESEG, &rx, &ry);
	report(cc == 1, "purging it again: cc 1 (got %d)", cc);
	cc = diag64(name_none, PURGESEG, &rx, &ry);
	report(cc == 2 && ry == 44, "unknown name: cc 2, rc 44 (got cc %d)", cc);
	report_prefix_pop();
}

static void test_loadnshr(void)
{
	volatile uint64_t *seg = (volatile uint64_t *)SEG_START;
	uint64_t rx, ry, shared;
	int cc;

	report_prefix_push("LOADNSHR");
	diag64(name_cms, LOADSHR, &rx, &ry);
	shared = seg[0];
	cc = diag64(name_cms, LOADNSHR, &rx, &ry);
	report(cc == 1 && rx == SEG_START && ry == SEG_END, "private copy: cc 1 (got %d)", cc);
	report(seg[0] == shared, "the same bytes as the shared copy");
	expect_pgm_int();
	seg[0] = 0x5678;
	report(pgm_int_code() == 0 && seg[0] == 0x5678, "and writable");
	cc = diag64(name_cms, FINDSEG, &rx, &ry);
	report(cc == 0, "FINDSEG: loaded, cc 0 (got %d)", cc);
	cc = diag64(name_cms, LOADSHR, &rx, &ry);
	report(cc == 1 && seg[0] == shared, "LOADSHR over it: the shared copy again");
	cc = diag64(name_cms, PURGESEG, &rx, &ry);
	report(cc == 0 && seg[0] == 0, "purged: zeros (cc %d)", cc);
	report_prefix_pop();
}

static void test_exceptions(void)
{
	uint64_t rx, ry;

	report_prefix_push("exceptions");
	expect_pgm_int();
	diag64(name_cms, 0x10, &rx, &ry);
	check_pgm_int_code("subcode X'10'", PGM_SPECIFICATION);
	expect_pgm_int();
	diag64(name_cms + 4, FINDSEG, &rx, &ry);
	check_pgm_int_code("name not on a doubleword", PGM_SPECIFICATION);
	expect_pgm_int();
	diag64((void *)(uintptr_t)(guest_env.storage_size + 0x1000), FINDSEG, &rx, &ry);
	check_pgm_int_code("name beyond storage", PGM_ADDRESSING);
	report_prefix_pop();
}

int main(void)
{
	report_prefix_push("segment");
	ebcdic_put_field(EBCDIC_CP037, name_cms, 8, "CMS");
	ebcdic_put_field(EBCDIC_CP037, name_none, 8, "NOSUCH");
	ebcdic_put_field(EBCDIC_CP037, name_diag, 8, "DIAG");
	if (!under_vm64()) {
		report_skip("DIAG X'64', shared segments: not under VM/64");
	} else if (guest_env.storage_size <= SEG_END) {
		report_skip("DIAG X'64': the machine is smaller than 2 MB");
	} else {
		test_findseg();
		test_loadshr();
		test_purgeseg();
		test_loadnshr();
		test_exceptions();
	}
	report_prefix_pop();
	return report_summary();
}
