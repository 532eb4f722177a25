/*
 * Moves between address spaces that a guest in supervisor state may make and the machine
 * cannot run for it under trap-and-emulate: MVCOS (MOVE WITH OPTIONAL SPECIFICATIONS, PoP
 * SA22-7832 chapter 10). The guest runs in problem state under CP's PSW-key mask, so the
 * machine refuses the access keys it names with a privileged-operation exception, which
 * CP sees as this interception. SIE runs MVCOS itself.
 *
 * The operand-access controls are in GR0: bits 32-47 for the first operand, 48-63 for the
 * second; in each, the access key is bits 0-3, the address-space control bits 8-9, K bit 14
 * (use the key) and A bit 15 (use the address-space control); otherwise the PSW's. The true
 * length is in R3 (bits 32-63 outside 64-bit mode): up to 4096 bytes move with cc 0, else
 * 4096 with cc 3. Operands go through the checked logical-address accessors (gaccess.c),
 * whose simplifications apply: no key-controlled protection, AR mode uses the primary space.
 *
 * Covered by tests/unit/test_icpt.c and tests/guest/priv.c (MVCOS).
 */
#include "icpt.h"

#define MVCOS_MAX 4096
#define OAC_KEY(o) (((o) >> 12) & 0xf)
#define OAC_AS(o)  (((o) >> 6) & 3)
#define OAC_K	   0x0002
#define OAC_A	   0x0001
#define AS_PRIMARY   0
#define AS_SECONDARY 2
#define AS_HOME	     3

struct oac {
	unsigned key, as;
	bool as_given;
};

static struct oac operand_control(const struct vcpu *v, uint16_t oac)
{
	struct oac c = {
		.key = (oac & OAC_K) ? OAC_KEY(oac)
				     : (unsigned)((v->psw_mask & PSW_MASK_KEY) >> PSW_KEY_SHIFT),
		.as = (oac & OAC_A) ? OAC_AS(oac)
				    : (unsigned)((v->psw_mask & PSW_MASK_ASC) >> (63 - 17)),
		.as_given = oac & OAC_A,
	};

	return c;
}

/* Reads or writes len bytes at addr in address space as (the accessors use the PSW's). */
static int access_in(struct vcpu *v, unsigned as, bool write, uint64_t addr, void *buf,
		     size_t len)
{
	uint64_t mask = v->psw_mask;
	int rc;

	v->psw_mask = (mask & ~PSW_MASK_ASC) | ((uint64_t)as << (63 - 17));
	rc = write ? icpt_write(v, addr, buf, len) : icpt_read(v, addr, buf, len);
	v->psw_mask = mask;
	return rc;
}

/* MVCOS D1(B1),D2(B2),R3 */
static int handle_mvcos(struct vcpu *v)
{
	static uint8_t buf[MVCOS_MAX];
	struct insn_sse f;
	struct oac op1, op2;
	unsigned r3 = (v->exit.ipa >> 4) & 0xf;
	uint64_t addr1, addr2, len;
	bool problem = v->psw_mask & PSW_MASK_PSTATE;
	unsigned cc = 0;
	int rc;

	decode_sse(v->exit.ipa, v->exit.ipb, &f);
	addr1 = decode_ea(v->gprs, v->psw_mask, 0, f.b1, f.d1);
	addr2 = decode_ea(v->gprs, v->psw_mask, 0, f.b2, f.d2);
	op1 = operand_control(v, (uint16_t)(v->gprs[0] >> 16));
	op2 = operand_control(v, (uint16_t)v->gprs[0]);

	if (!(v->psw_mask & PSW_MASK_DAT))
		return PGM_SPECIAL_OP;
	if (problem && ((op1.as_given && op1.as == AS_HOME) ||
			(op2.as_given && op2.as == AS_HOME)))
		return PGM_SPECIAL_OP;
	if (!(v->crs[0] & CR0_SECONDARY_SPACE) &&
	    (op1.as == AS_SECONDARY || op2.as == AS_SECONDARY))
		return PGM_SPECIAL_OP;
	if (problem && (!(v->crs[3] & CR3_PKM(op1.key)) || !(v->crs[3] & CR3_PKM(op2.key))))
		return PGM_PRIVILEGED_OP;

	len = v->gprs[r3];
	if (psw_amode(v->psw_mask) != AMODE_64)
		len &= 0xffffffffULL;
	if (len > MVCOS_MAX) {
		len = MVCOS_MAX;
		cc = 3;
	}
	if (len) {
		/* Both operands are checked before anything is stored (icpt_write()). */
		rc = access_in(v, op2.as, false, addr2, buf, (size_t)len);
		if (!rc)
			rc = access_in(v, op1.as, true, addr1, buf, (size_t)len);
		if (rc)
			return rc;
	}
	vcpu_set_cc(v, cc);
	return 0;
}

static const icpt_handler move_c8[16] = {
	[0x0] = handle_mvcos,
};

const struct icpt_area icpt_area_move = {
	.name = "moves",
	.c8 = move_c8,
};
