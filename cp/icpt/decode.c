/*
 * Instruction-format decoders for intercepted instructions (see cp/decode.h). ipa holds
 * instruction bytes 0-1 and ipb bytes 2-5, most significant first; for a 4-byte
 * instruction only the upper half of ipb is meaningful.
 * Covered by tests/unit/test_decode.c and tests/unit/test_icpt.c.
 */
#include <cp/decode.h>
#include <cp/vm.h>

enum amode psw_amode(uint64_t psw_mask)
{
	if (psw_mask & PSW_MASK_EA)
		return AMODE_64;
	if (psw_mask & PSW_MASK_BA)
		return AMODE_31;
	return AMODE_24;
}

uint64_t amode_wrap(uint64_t addr, enum amode mode)
{
	switch (mode) {
	case AMODE_24:
		return addr & 0x00ffffffULL;
	case AMODE_31:
		return addr & 0x7fffffffULL;
	default:
		return addr;
	}
}

int32_t disp20(unsigned dl, unsigned dh)
{
	int32_t d = (int32_t)(((dh & 0xffu) << 12) | (dl & 0xfffu));

	/* bit 19 of the 20-bit value is the sign */
	return (d & 0x80000) ? d - 0x100000 : d;
}

/* Base and 12-bit displacement in ipb bits 31-16 (instruction bytes 2-3). */
static void bd_high(uint32_t ipb, unsigned *b, int32_t *d)
{
	*b = (ipb >> 28) & 0xf;
	*d = (int32_t)((ipb >> 16) & 0xfff);
}

/* Base and 20-bit displacement of the long-displacement formats (bytes 2-4). */
static void bd_long(uint32_t ipb, unsigned *b, int32_t *d)
{
	*b = (ipb >> 28) & 0xf;
	*d = disp20((ipb >> 16) & 0xfff, (ipb >> 8) & 0xff);
}

void decode_s(uint16_t ipa, uint32_t ipb, struct insn_s *f)
{
	(void)ipa;
	bd_high(ipb, &f->b2, &f->d2);
}

void decode_si(uint16_t ipa, uint32_t ipb, struct insn_si *f)
{
	f->i2 = (uint8_t)ipa;
	bd_high(ipb, &f->b1, &f->d1);
}

void decode_siy(uint16_t ipa, uint32_t ipb, struct insn_si *f)
{
	f->i2 = (uint8_t)ipa;
	bd_long(ipb, &f->b1, &f->d1);
}

void decode_rs(uint16_t ipa, uint32_t ipb, struct insn_rs *f)
{
	f->r1 = (ipa >> 4) & 0xf;
	f->r3 = ipa & 0xf;
	bd_high(ipb, &f->b2, &f->d2);
}

void decode_rsy(uint16_t ipa, uint32_t ipb, struct insn_rs *f)
{
	f->r1 = (ipa >> 4) & 0xf;
	f->r3 = ipa & 0xf;
	bd_long(ipb, &f->b2, &f->d2);
}

void decode_rx(uint16_t ipa, uint32_t ipb, struct insn_rx *f)
{
	f->r1 = (ipa >> 4) & 0xf;
	f->x2 = ipa & 0xf;
	bd_high(ipb, &f->b2, &f->d2);
}

void decode_rxy(uint16_t ipa, uint32_t ipb, struct insn_rx *f)
{
	f->r1 = (ipa >> 4) & 0xf;
	f->x2 = ipa & 0xf;
	bd_long(ipb, &f->b2, &f->d2);
}

void decode_rre(uint16_t ipa, uint32_t ipb, struct insn_rre *f)
{
	(void)ipa;
	f->r1 = (ipb >> 20) & 0xf;
	f->r2 = (ipb >> 16) & 0xf;
}

void decode_rrf(uint16_t ipa, uint32_t ipb, struct insn_rrf *f)
{
	(void)ipa;
	f->r3 = (ipb >> 28) & 0xf;
	f->m4 = (ipb >> 24) & 0xf;
	f->r1 = (ipb >> 20) & 0xf;
	f->r2 = (ipb >> 16) & 0xf;
}

void decode_sse(uint16_t ipa, uint32_t ipb, struct insn_sse *f)
{
	(void)ipa;
	f->b1 = (ipb >> 28) & 0xf;
	f->d1 = (int32_t)((ipb >> 16) & 0xfff);
	f->b2 = (ipb >> 12) & 0xf;
	f->d2 = (int32_t)(ipb & 0xfff);
}

uint64_t decode_ea(const uint64_t gprs[16], uint64_t psw_mask, unsigned x, unsigned b, int64_t d)
{
	uint64_t ea = (uint64_t)d;

	if (x)
		ea += gprs[x & 0xf];
	if (b)
		ea += gprs[b & 0xf];
	return amode_wrap(ea, psw_amode(psw_mask));
}
