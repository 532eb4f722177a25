/*
 * Unit tests for the PSW validity check and the program-interruption loop detector
 * (cp/vm/psw.c).
 */
#include <cp/psw.h>
#include <cp/vm.h>
#include "cunit_main.h"

#define EABA (PSW_MASK_EA | PSW_MASK_BA)

static void test_valid_psws(void)
{
	CU_ASSERT(psw_valid(EABA, 0x20000));
	CU_ASSERT(psw_valid(EABA, 0xfffffffffffffffeULL));
	CU_ASSERT(psw_valid(EABA | PSW_MASK_DAT | PSW_MASK_IO | PSW_MASK_EXT | PSW_MASK_MCHECK | PSW_MASK_PSTATE |
				    PSW_MASK_KEY | PSW_MASK_CC | PSW_MASK_PM | PSW_MASK_ASC |
				    PSW_MASK_PER,
			    0x1000));
	CU_ASSERT(psw_valid(PSW_MASK_BA, 0x7ffffffeULL));
	CU_ASSERT(psw_valid(0, 0x00fffffeULL));
	CU_ASSERT(psw_valid(0, 0));
	/* a wait PSW is never fetched from: odd wait codes are fine */
	CU_ASSERT(psw_valid(EABA | PSW_MASK_WAIT, 0xfff));
}

static void test_invalid_psws(void)
{
	/* EA without BA, whatever the address: what STORE 1D4 00 leaves in CMS's PSW */
	CU_ASSERT(!psw_valid(PSW_MASK_EA, 0));
	CU_ASSERT(!psw_valid(PSW_MASK_EA, 0x100000));
	CU_ASSERT(!psw_valid(0x0400000100000000ULL, 0x100000));
	/* addresses beyond the addressing mode */
	CU_ASSERT(!psw_valid(PSW_MASK_BA, 0x80000000ULL));
	CU_ASSERT(!psw_valid(0, 0x01000000ULL));
	CU_ASSERT(!psw_valid(0, 0xffffffff00000000ULL));
	/* odd instruction address */
	CU_ASSERT(!psw_valid(EABA, 0x20001));
	CU_ASSERT(!psw_valid(0, 1));
	/* every unassigned bit and bit 12, one at a time */
	for (int bit = 0; bit < 64; bit++) {
		uint64_t b = PSW_BIT(bit);
		bool must_be_zero = bit == 0 || (bit >= 2 && bit <= 4) || bit == 12 ||
				    (bit >= 24 && bit <= 30) || bit >= 33;

		if (bit == 31 || bit == 32)
			continue;
		CU_ASSERT_EQUAL(psw_valid(EABA | b, 0x2000), !must_be_zero);
	}
}

/* A handler whose first instruction faults (suppressed, 4 bytes) over and over. */
static void test_loop_detected(void)
{
	struct pgm_loop l = { 0 };
	uint64_t nmask = EABA, naddr = 0x5000;
	int n;

	/* the first interruption comes from the guest's program, anywhere */
	CU_ASSERT(!pgm_loop_note(&l, EABA, 0x8000, 4));
	pgm_loop_loaded(&l, nmask, naddr);
	for (n = 1; n < PGM_LOOP_LIMIT; n++) {
		CU_ASSERT(!pgm_loop_note(&l, nmask | (1ULL << PSW_CC_SHIFT), naddr + 4, 4));
		pgm_loop_loaded(&l, nmask, naddr);
	}
	CU_ASSERT(pgm_loop_note(&l, nmask, naddr + 4, 4));
	/* a nullified fault (old PSW at the instruction) repeats too */
	pgm_loop_reset(&l);
	pgm_loop_loaded(&l, nmask, naddr);
	for (n = 1; n < PGM_LOOP_LIMIT; n++) {
		CU_ASSERT(!pgm_loop_note(&l, nmask, naddr, 6));
		pgm_loop_loaded(&l, nmask, naddr);
	}
	CU_ASSERT(pgm_loop_note(&l, nmask, naddr, 6));
}

/* Progress between the interruptions: never a loop. */
static void test_progress_is_not_a_loop(void)
{
	struct pgm_loop l = { 0 };
	uint64_t nmask = EABA, naddr = 0x5000;

	pgm_loop_loaded(&l, nmask, naddr);
	for (int n = 0; n < 4 * PGM_LOOP_LIMIT; n++) {
		/* alternately: the handler ran past its first instruction (DIAG, then a 2-byte
		 * instruction faulted); it changed its mask; another interruption came between */
		switch (n % 3) {
		case 0:
			CU_ASSERT(!pgm_loop_note(&l, nmask, naddr + 6, 2));
			break;
		case 1:
			CU_ASSERT(!pgm_loop_note(&l, nmask | PSW_MASK_EXT, naddr + 4, 4));
			break;
		default:
			pgm_loop_reset(&l);
			CU_ASSERT(!pgm_loop_note(&l, nmask, naddr + 4, 4));
			break;
		}
		pgm_loop_loaded(&l, nmask, naddr);
	}
	/* one progress in PGM_LOOP_LIMIT repeats starts the count again */
	for (int n = 1; n < PGM_LOOP_LIMIT; n++) {
		CU_ASSERT(!pgm_loop_note(&l, nmask, naddr + 4, 4));
		pgm_loop_loaded(&l, nmask, naddr);
	}
	CU_ASSERT(!pgm_loop_note(&l, nmask, 0x9000, 4));
	pgm_loop_loaded(&l, nmask, naddr);
	CU_ASSERT(!pgm_loop_note(&l, nmask, naddr + 4, 4));
}

/* Sampling at slice ends (SIE presents the interruptions itself). */
static void test_loop_sampled(void)
{
	struct pgm_loop l = { 0 };
	uint64_t nmask = EABA, naddr = 0x5000;
	int n;

	/* the last program interruption came from the handler's first instruction (2 bytes,
	 * suppressed), and the guest is back at the handler: PGM_LOOP_LIMIT times is a loop */
	for (n = 1; n < PGM_LOOP_LIMIT; n++)
		CU_ASSERT(!pgm_loop_sample(&l, naddr, nmask, naddr + 2, 2, nmask, naddr));
	CU_ASSERT(pgm_loop_sample(&l, naddr, nmask, naddr + 2, 2, nmask, naddr));
	/* a guest elsewhere, or whose last program interruption came from its program, is not */
	l.samples = 0;
	for (n = 0; n < 2 * PGM_LOOP_LIMIT; n++) {
		CU_ASSERT(!pgm_loop_sample(&l, 0x9000, nmask, naddr + 2, 2, nmask, naddr));
		CU_ASSERT(!pgm_loop_sample(&l, naddr, nmask, 0x8000, 2, nmask, naddr));
		CU_ASSERT(!pgm_loop_sample(&l, naddr, nmask | PSW_MASK_IO, naddr, 2, nmask, naddr));
	}
}

UNIT_SUITE(psw, UNIT_CASE(test_loop_sampled), UNIT_CASE(test_valid_psws), UNIT_CASE(test_invalid_psws),
	   UNIT_CASE(test_loop_detected), UNIT_CASE(test_progress_is_not_a_loop))
UNIT_MAIN(UNIT_REG(psw))
