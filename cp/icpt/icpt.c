/*
 * Instruction interceptions: finds the handler for the intercepted instruction and runs it.
 *
 * Dispatch is two-level and table-driven, like Linux KVM's: the first opcode byte (ipa >> 8)
 * selects a family from a const table; a one-byte opcode is its own family, while the B2,
 * B9, E5 and EB families are indexed again by their second opcode byte (in ipa, or in the
 * last instruction byte for EB), the C8 family by the low four bits of ipa. Each area of simulation (privileged control, system
 * information, storage keys, SIGP, DIAGNOSE, channel I/O, SCLP) contributes const tables of
 * its own static handlers through a struct icpt_area (see icpt.h), so a handler lives next
 * to the code it needs and no table is built at run time.
 *
 * An instruction nobody simulates gets an operation exception, as on a machine without the
 * facility (privileged-operation first when the guest is in problem state).
 *
 * Tested by tests/unit/test_icpt.c (each instruction, and the tables: every handler is
 * reached by its own opcode, no two areas claim one) and tests/unit/test_vsclp.c.
 */
#include "icpt.h"

enum family {
	FAM_NONE, /* no simulated instruction starts with this byte */
	FAM_OP1,  /* one-byte opcode */
	FAM_01,
	FAM_B2,
	FAM_B9,
	FAM_E5,
	FAM_EB,
	FAM_C8,
};

static const enum family families[256] = {
	[0x01] = FAM_01,
	[0x80] = FAM_OP1, /* SSM */
	[0x82] = FAM_OP1, /* LPSW */
	[0x83] = FAM_OP1, /* DIAG */
	[0xac] = FAM_OP1, /* STNSM */
	[0xad] = FAM_OP1, /* STOSM */
	[0xae] = FAM_OP1, /* SIGP */
	[0xb6] = FAM_OP1, /* STCTL */
	[0xb7] = FAM_OP1, /* LCTL */
	[0xb2] = FAM_B2,
	[0xb9] = FAM_B9,
	[0xe5] = FAM_E5,
	[0xeb] = FAM_EB,
	[0xc8] = FAM_C8,
};

static const struct icpt_area *const areas[] = {
	&icpt_area_priv,
	&icpt_area_sysinfo,
	&icpt_area_skey,
	&icpt_area_sigp,
	&icpt_area_diag,
	&icpt_area_io,
	&icpt_area_sclp,
	&icpt_area_move,
};

const struct icpt_area *icpt_area_at(size_t i)
{
	return i < sizeof(areas) / sizeof(areas[0]) ? areas[i] : 0;
}

icpt_handler icpt_lookup(uint16_t ipa, uint32_t ipb)
{
	uint8_t op1 = (uint8_t)(ipa >> 8);
	enum family fam = families[op1];

	for (size_t i = 0; i < sizeof(areas) / sizeof(areas[0]); i++) {
		const struct icpt_area *a = areas[i];
		const icpt_handler *t;
		uint8_t index = (uint8_t)ipa;

		switch (fam) {
		case FAM_OP1:
			t = a->op1;
			index = op1;
			break;
		case FAM_01:
			t = a->e01;
			break;
		case FAM_B2:
			t = a->b2;
			break;
		case FAM_B9:
			t = a->b9;
			break;
		case FAM_E5:
			t = a->e5;
			break;
		case FAM_EB:
			t = a->eb;
			index = insn_op2_last(ipb);
			break;
		case FAM_C8:
			t = a->c8;
			index = ipa & 0x0f;
			break;
		default:
			return 0;
		}
		if (t && t[index])
			return t[index];
	}
	return 0;
}

/* Exceptions that nullify: the old PSW points at the instruction, not past it. */
static bool nullifies(int code)
{
	return pgm_is_translation(code);
}

/**
 * icpt_instruction - simulate the intercepted instruction in v->exit
 * @v: the virtual CPU; its PSW is past the instruction
 *
 * Returns 0 to resume, a program-interruption code to present (with the PSW where that
 * exception wants it), or a negative ICPT_* value to stop the machine.
 */
int icpt_instruction(struct vcpu *v)
{
	icpt_handler fn = icpt_lookup(v->exit.ipa, v->exit.ipb);
	int rc;

	if (!fn)
		return (v->psw_mask & PSW_MASK_PSTATE) ? PGM_PRIVILEGED_OP : PGM_OPERATION;
	rc = fn(v);
	if (rc > 0 && nullifies(rc))
		vcpu_retry(v);
	return rc;
}

uint64_t icpt_wrap(const struct vcpu *v, uint64_t addr)
{
	return amode_wrap(addr, psw_amode(v->psw_mask));
}

uint64_t icpt_ea_s(const struct vcpu *v)
{
	struct insn_s f;

	decode_s(v->exit.ipa, v->exit.ipb, &f);
	return decode_ea(v->gprs, v->psw_mask, 0, f.b2, f.d2);
}

uint64_t icpt_ea_si(const struct vcpu *v)
{
	struct insn_si f;

	decode_si(v->exit.ipa, v->exit.ipb, &f);
	return decode_ea(v->gprs, v->psw_mask, 0, f.b1, f.d1);
}

uint64_t icpt_ea_rs(const struct vcpu *v, unsigned *r1, unsigned *r3)
{
	struct insn_rs f;

	decode_rs(v->exit.ipa, v->exit.ipb, &f);
	*r1 = f.r1;
	*r3 = f.r3;
	return decode_ea(v->gprs, v->psw_mask, 0, f.b2, f.d2);
}

uint64_t icpt_ea_rsy(const struct vcpu *v, unsigned *r1, unsigned *r3)
{
	struct insn_rs f;

	decode_rsy(v->exit.ipa, v->exit.ipb, &f);
	*r1 = f.r1;
	*r3 = f.r3;
	return decode_ea(v->gprs, v->psw_mask, 0, f.b2, f.d2);
}

void icpt_rre(const struct vcpu *v, unsigned *r1, unsigned *r2)
{
	struct insn_rre f;

	decode_rre(v->exit.ipa, v->exit.ipb, &f);
	*r1 = f.r1;
	*r2 = f.r2;
}
