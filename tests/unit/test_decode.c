/* Unit tests for the instruction-format decoders (cp/icpt/decode.c, cp/decode.h). */
#include <cp/decode.h>
#include <cp/vm.h>
#include "cunit_main.h"

static void test_insn_length(void)
{
	CU_ASSERT_EQUAL(insn_length(0x00), 2);
	CU_ASSERT_EQUAL(insn_length(0x0a), 2); /* SVC */
	CU_ASSERT_EQUAL(insn_length(0x3f), 2);
	CU_ASSERT_EQUAL(insn_length(0x40), 4);
	CU_ASSERT_EQUAL(insn_length(0x83), 4); /* DIAG */
	CU_ASSERT_EQUAL(insn_length(0xb2), 4);
	CU_ASSERT_EQUAL(insn_length(0xbf), 4);
	CU_ASSERT_EQUAL(insn_length(0xc0), 6);
	CU_ASSERT_EQUAL(insn_length(0xe5), 6); /* TPROT */
	CU_ASSERT_EQUAL(insn_length(0xeb), 6);
	CU_ASSERT_EQUAL(insn_length(0xff), 6);
}

static void test_amode(void)
{
	CU_ASSERT_EQUAL(psw_amode(0), AMODE_24);
	CU_ASSERT_EQUAL(psw_amode(PSW_MASK_BA), AMODE_31);
	CU_ASSERT_EQUAL(psw_amode(PSW_MASK_EA | PSW_MASK_BA), AMODE_64);
	CU_ASSERT_EQUAL(amode_wrap(0x12345678ULL, AMODE_24), 0x345678ULL);
	CU_ASSERT_EQUAL(amode_wrap(0xfedcba9876543210ULL, AMODE_31), 0x76543210ULL);
	CU_ASSERT_EQUAL(amode_wrap(0xfedcba9876543210ULL, AMODE_64), 0xfedcba9876543210ULL);
}

static void test_disp20(void)
{
	CU_ASSERT_EQUAL(disp20(0x000, 0x00), 0);
	CU_ASSERT_EQUAL(disp20(0x123, 0x00), 0x123);
	CU_ASSERT_EQUAL(disp20(0x456, 0x12), 0x12456);
	CU_ASSERT_EQUAL(disp20(0xfff, 0x7f), 524287);
	CU_ASSERT_EQUAL(disp20(0xfff, 0xff), -1);
	CU_ASSERT_EQUAL(disp20(0xff8, 0xff), -8);
	CU_ASSERT_EQUAL(disp20(0x000, 0x80), -524288);
	CU_ASSERT_EQUAL(disp20(0x000, 0xf0), -65536);
}

static void test_s_and_si(void)
{
	struct insn_s s;
	struct insn_si si;

	/* LPSWE 0x234(%r1): B2 B2 12 34 */
	decode_s(0xb2b2, 0x12340000, &s);
	CU_ASSERT_EQUAL(s.b2, 1);
	CU_ASSERT_EQUAL(s.d2, 0x234);
	/* STOSM 0xfff(%r15),0x03: AD 03 FF FF */
	decode_si(0xad03, 0xffff0000, &si);
	CU_ASSERT_EQUAL(si.i2, 0x03);
	CU_ASSERT_EQUAL(si.b1, 15);
	CU_ASSERT_EQUAL(si.d1, 0xfff);
	/* SIY: EB 44 2F FF FF op -> B1 2, D1 -1 */
	decode_siy(0xeb44, 0x2fffff6a, &si);
	CU_ASSERT_EQUAL(si.i2, 0x44);
	CU_ASSERT_EQUAL(si.b1, 2);
	CU_ASSERT_EQUAL(si.d1, -1);
}

static void test_rs_and_rsy(void)
{
	struct insn_rs f;

	/* LCTL 14,1,0x100(%r3): B7 E1 31 00 */
	decode_rs(0xb7e1, 0x31000000, &f);
	CU_ASSERT_EQUAL(f.r1, 14);
	CU_ASSERT_EQUAL(f.r3, 1);
	CU_ASSERT_EQUAL(f.b2, 3);
	CU_ASSERT_EQUAL(f.d2, 0x100);
	/* LCTLG 0,15,-8(%r1): EB 0F 1F F8 FF 2F */
	decode_rsy(0xeb0f, 0x1ff8ff2f, &f);
	CU_ASSERT_EQUAL(f.r1, 0);
	CU_ASSERT_EQUAL(f.r3, 15);
	CU_ASSERT_EQUAL(f.b2, 1);
	CU_ASSERT_EQUAL(f.d2, -8);
	CU_ASSERT_EQUAL(insn_op2_last(0x1ff8ff2f), 0x2f);
	/* STCTG 1,2,0x12345(%r4): EB 12 43 45 12 25 */
	decode_rsy(0xeb12, 0x43451225, &f);
	CU_ASSERT_EQUAL(f.d2, 0x12345);
	CU_ASSERT_EQUAL(f.b2, 4);
}

static void test_rx_rre_rrf_sse(void)
{
	struct insn_rx rx;
	struct insn_rre rre;
	struct insn_rrf rrf;
	struct insn_sse sse;

	decode_rx(0x5a3b, 0xc0040000, &rx); /* A 3,4(%r11,%r12) */
	CU_ASSERT_EQUAL(rx.r1, 3);
	CU_ASSERT_EQUAL(rx.x2, 11);
	CU_ASSERT_EQUAL(rx.b2, 12);
	CU_ASSERT_EQUAL(rx.d2, 4);
	decode_rxy(0xe312, 0x3fffff04, &rx); /* LG 1,-1(%r2,%r3) */
	CU_ASSERT_EQUAL(rx.r1, 1);
	CU_ASSERT_EQUAL(rx.x2, 2);
	CU_ASSERT_EQUAL(rx.b2, 3);
	CU_ASSERT_EQUAL(rx.d2, -1);
	decode_rre(0xb220, 0x00450000, &rre); /* SERVC 4,5 */
	CU_ASSERT_EQUAL(rre.r1, 4);
	CU_ASSERT_EQUAL(rre.r2, 5);
	decode_rrf(0xb22b, 0x90670000, &rrf); /* SSKE 6,7,9 */
	CU_ASSERT_EQUAL(rrf.r1, 6);
	CU_ASSERT_EQUAL(rrf.r2, 7);
	CU_ASSERT_EQUAL(rrf.r3, 9);
	CU_ASSERT_EQUAL(rrf.m4, 0);
	decode_sse(0xe501, 0x1234a567, &sse); /* TPROT 0x234(%r1),0x567(%r10) */
	CU_ASSERT_EQUAL(sse.b1, 1);
	CU_ASSERT_EQUAL(sse.d1, 0x234);
	CU_ASSERT_EQUAL(sse.b2, 10);
	CU_ASSERT_EQUAL(sse.d2, 0x567);
}

static void test_effective_address(void)
{
	uint64_t r[16] = {0};
	const uint64_t m64 = PSW_MASK_EA | PSW_MASK_BA, m31 = PSW_MASK_BA, m24 = 0;

	r[0] = 0x1000; /* register 0 never takes part */
	r[1] = 0x00fffffe;
	r[2] = 0x7ffffffe;
	r[3] = 0x1000;
	r[4] = 4;
	r[5] = 0xffffffff00000010ULL;
	CU_ASSERT_EQUAL(decode_ea(r, m64, 0, 0, 0x123), 0x123);
	CU_ASSERT_EQUAL(decode_ea(r, m24, 0, 1, 4), 2); /* 24-bit wrap */
	CU_ASSERT_EQUAL(decode_ea(r, m31, 0, 1, 4), 0x01000002);
	CU_ASSERT_EQUAL(decode_ea(r, m31, 0, 2, 4), 2); /* 31-bit wrap */
	CU_ASSERT_EQUAL(decode_ea(r, m64, 0, 2, 4), 0x80000002ULL);
	CU_ASSERT_EQUAL(decode_ea(r, m64, 0, 3, -8), 0xff8);	  /* negative displacement */
	CU_ASSERT_EQUAL(decode_ea(r, m31, 0, 4, -8), 0x7ffffffc); /* ... wrapping in 31 bits */
	CU_ASSERT_EQUAL(decode_ea(r, m24, 0, 4, -8), 0xfffffc);
	CU_ASSERT_EQUAL(decode_ea(r, m64, 0, 4, -8), 0xfffffffffffffffcULL);
	CU_ASSERT_EQUAL(decode_ea(r, m64, 3, 4, 0x10), 0x1014); /* index + base */
	CU_ASSERT_EQUAL(decode_ea(r, m31, 0, 5, 0), 0x10);	/* high half dropped */
	CU_ASSERT_EQUAL(decode_ea(r, m64, 0, 5, 0), 0xffffffff00000010ULL);
}

static void test_big_endian(void)
{
	uint8_t b[8];

	put_be16(b, 0x1234);
	CU_ASSERT(b[0] == 0x12 && b[1] == 0x34);
	CU_ASSERT_EQUAL(get_be16(b), 0x1234);
	put_be32(b, 0xdeadbeef);
	CU_ASSERT(b[0] == 0xde && b[3] == 0xef);
	CU_ASSERT_EQUAL(get_be32(b), 0xdeadbeef);
	put_be64(b, 0x0123456789abcdefULL);
	CU_ASSERT(b[0] == 0x01 && b[7] == 0xef);
	CU_ASSERT_EQUAL(get_be64(b), 0x0123456789abcdefULL);
}

UNIT_SUITE(decode, UNIT_CASE(test_insn_length), UNIT_CASE(test_amode), UNIT_CASE(test_disp20),
	   UNIT_CASE(test_s_and_si), UNIT_CASE(test_rs_and_rsy), UNIT_CASE(test_rx_rre_rrf_sse),
	   UNIT_CASE(test_effective_address), UNIT_CASE(test_big_endian))

UNIT_MAIN(UNIT_REG(decode))
