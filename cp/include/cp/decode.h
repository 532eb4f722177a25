/*
 * Pure decoders for intercepted instructions: the operand fields of each instruction format
 * from the interception's ipa (instruction bytes 0-1) and ipb (bytes 2-5), effective
 * addresses from base, index and displacement in the guest's addressing mode, and the
 * big-endian load/store helpers CP uses on guest storage images. No state, no storage
 * access: unit-tested on the host (tests/unit/test_decode.c).
 *
 * Formats (bit positions of the instruction text, PoP "Instruction Formats"):
 *   S    op(16)          B2(4) D2(12)
 *   SI   op(8) I2(8)     B1(4) D1(12)
 *   SIY  op(8) I2(8)     B1(4) DL1(12) DH1(8) op(8)
 *   RS   op(8) R1 R3     B2(4) D2(12)
 *   RSY  op(8) R1 R3     B2(4) DL2(12) DH2(8) op(8)
 *   RX   op(8) R1 X2     B2(4) D2(12)
 *   RXY  op(8) R1 X2     B2(4) DL2(12) DH2(8) op(8)
 *   RRE  op(16)          ////(8) R1 R2
 *   RRF  op(16)          R3|M3 M4 R1 R2
 *   SSE  op(16)          B1(4) D1(12) B2(4) D2(12)
 */
#ifndef CP_DECODE_H
#define CP_DECODE_H

#include <stdint.h>
#include <lib/endian.h> /* big-endian get and put for guest storage images */

enum amode {
	AMODE_24,
	AMODE_31,
	AMODE_64,
};

/* Operand fields; register numbers 0-15, displacements sign-extended where signed. */
struct insn_s {
	unsigned b2;
	int32_t d2;
};

struct insn_si {
	uint8_t i2;
	unsigned b1;
	int32_t d1;
};

struct insn_rs {
	unsigned r1, r3, b2;
	int32_t d2;
};

struct insn_rx {
	unsigned r1, x2, b2;
	int32_t d2;
};

struct insn_rre {
	unsigned r1, r2;
};

struct insn_rrf {
	unsigned r1, r2, r3, m4; /* r3 is the M3 field for the RRF formats that have one */
};

struct insn_sse {
	unsigned b1, b2;
	int32_t d1, d2;
};

/* Instruction length in bytes from the first opcode byte: 00 -> 2, 01/10 -> 4, 11 -> 6. */
static inline unsigned insn_length(uint8_t opcode)
{
	return opcode < 0x40 ? 2 : opcode < 0xc0 ? 4 : 6;
}

/* The addressing mode a PSW mask selects (EA and BA bits); EA without BA is invalid and
 * treated as 64-bit here (the PSW checks reject it before it matters). */
enum amode psw_amode(uint64_t psw_mask);
/* Truncates an address to the mode's width (24-, 31- or 64-bit wraparound). */
uint64_t amode_wrap(uint64_t addr, enum amode mode);

/* Sign-extends the 20-bit long displacement DH(8):DL(12). */
int32_t disp20(unsigned dl, unsigned dh);

void decode_s(uint16_t ipa, uint32_t ipb, struct insn_s *f);
void decode_si(uint16_t ipa, uint32_t ipb, struct insn_si *f);
void decode_siy(uint16_t ipa, uint32_t ipb, struct insn_si *f);
void decode_rs(uint16_t ipa, uint32_t ipb, struct insn_rs *f);
void decode_rsy(uint16_t ipa, uint32_t ipb, struct insn_rs *f);
void decode_rx(uint16_t ipa, uint32_t ipb, struct insn_rx *f);
void decode_rxy(uint16_t ipa, uint32_t ipb, struct insn_rx *f);
void decode_rre(uint16_t ipa, uint32_t ipb, struct insn_rre *f);
void decode_rrf(uint16_t ipa, uint32_t ipb, struct insn_rrf *f);
void decode_sse(uint16_t ipa, uint32_t ipb, struct insn_sse *f);

/*
 * decode_ea - effective address of an operand
 * @gprs: the guest's general registers
 * @psw_mask: the guest's PSW mask (addressing mode)
 * @x: index register (0: none)
 * @b: base register (0: none)
 * @d: displacement
 * The sum is formed in 64 bits and wrapped to the addressing mode, as the CPU does.
 */
uint64_t decode_ea(const uint64_t gprs[16], uint64_t psw_mask, unsigned x, unsigned b, int64_t d);

/* The second opcode byte of a 6-byte instruction with the opcode split (RSY, RXY, SIY). */
static inline uint8_t insn_op2_last(uint32_t ipb)
{
	return (uint8_t)ipb;
}

#endif
