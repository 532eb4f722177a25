/*
 * Simulation of the privileged control instructions: loading and changing the PSW (LPSW,
 * LPSWE, SSM, STOSM, STNSM), control registers (LCTL, LCTLG, STCTL, STCTG), the prefix
 * (SPX, STPX), the clocks and timers (SCK, SCKC, STCKC, SPT, STPT), the PSW key (SPKA,
 * IPK, which trap under trap-and-emulate), PTLB and LPP (load program parameter, facility
 * 40, which Linux issues at every context switch: SIE on Hercules runs it itself, under
 * trap-and-emulate it traps as privileged). Semantics from
 * the PoP, chapter 10 "Control Instructions"; every handler first checks that the guest is
 * in supervisor state, then operand alignment, then storage access, and changes nothing
 * when an exception is recognized (except the early PSW exceptions, which by definition
 * happen with the new PSW in place).
 * Covered by tests/unit/test_icpt.c and tests/guest/priv.c.
 */
#include <arch/hw.h>
#include "icpt.h"

#define PREFIX_MASK 0x7fffe000ULL
#define PREFIX_SIZE 0x2000ULL

/* Short (ESA/390-format) PSW bits as LPSW sees them in the 8-byte operand. */
#define SHORT_PSW_BIT12 0x0008000000000000ULL /* must be one */
#define SHORT_PSW_BA	0x0000000080000000ULL /* bit 32 of the operand */
#define SHORT_PSW_ADDR	0x000000007fffffffULL

/*
 * After an instruction put an invalid PSW in place: the specification exception is
 * recognized early, the old PSW is the new one and the ILC is 0 (for LPSW and LPSWE).
 */
static int early_psw_exception(struct vcpu *v, bool ilc_zero)
{
	if (ilc_zero)
		v->exit.ilc = 0;
	return PGM_SPECIFICATION;
}

static int load_psw(struct vcpu *v, uint64_t mask, uint64_t addr)
{
	v->psw_mask = mask;
	v->psw_addr = addr;
	if (!psw_valid(mask, addr))
		return early_psw_exception(v, true);
	return 0;
}

/* LPSW D2(B2): an 8-byte short PSW, converted to the z/Architecture format. */
static int handle_lpsw(struct vcpu *v)
{
	uint64_t addr, psw, mask;
	uint8_t b[8];
	int rc = icpt_aligned_operand_s(v, 8, &addr);

	if (rc)
		return rc;
	rc = icpt_read(v, addr, b, sizeof(b));
	if (rc)
		return rc;
	psw = get_be64(b);
	if (!(psw & SHORT_PSW_BIT12))
		return PGM_SPECIFICATION;
	/* Bits 0-31 (bit 12 inverted to zero) stay where they are, bit 32 becomes BA. */
	mask =
	    (psw & 0xffffffff00000000ULL & ~SHORT_PSW_BIT12) | ((psw & SHORT_PSW_BA) ? PSW_MASK_BA : 0);
	return load_psw(v, mask, psw & SHORT_PSW_ADDR);
}

/* LPSWE D2(B2): a 16-byte PSW. */
static int handle_lpswe(struct vcpu *v)
{
	uint64_t addr;
	uint8_t b[16];
	int rc = icpt_aligned_operand_s(v, 8, &addr);

	if (rc)
		return rc;
	rc = icpt_read(v, addr, b, sizeof(b));
	if (rc)
		return rc;
	return load_psw(v, get_be64(b), get_be64(b + 8));
}

static void set_system_mask(struct vcpu *v, uint8_t sysmask)
{
	v->psw_mask = (v->psw_mask & ~(0xffULL << 56)) | ((uint64_t)sysmask << 56);
}

/* SSM D2(B2): the byte at the operand becomes PSW bits 0-7. */
static int handle_ssm(struct vcpu *v)
{
	uint8_t sysmask;
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	if (v->crs[0] & CR0_SSM_SUPPRESSION)
		return PGM_SPECIAL_OP;
	rc = icpt_read(v, icpt_ea_s(v), &sysmask, 1);
	if (rc)
		return rc;
	set_system_mask(v, sysmask);
	if (!psw_valid(v->psw_mask, v->psw_addr))
		return early_psw_exception(v, false);
	return 0;
}

/* STNSM/STOSM D1(B1),I2: store the system mask, then AND/OR I2 into it. */
static int store_then_change_mask(struct vcpu *v, bool set_bits)
{
	struct insn_si f;
	uint8_t old = (uint8_t)(v->psw_mask >> 56), sysmask;
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	decode_si(v->exit.ipa, v->exit.ipb, &f);
	rc = icpt_write(v, icpt_ea_si(v), &old, 1);
	if (rc)
		return rc;
	sysmask = set_bits ? (uint8_t)(old | f.i2) : (uint8_t)(old & f.i2);
	set_system_mask(v, sysmask);
	if (!psw_valid(v->psw_mask, v->psw_addr))
		return early_psw_exception(v, false);
	return 0;
}

static int handle_stnsm(struct vcpu *v)
{
	return store_then_change_mask(v, false);
}

static int handle_stosm(struct vcpu *v)
{
	return store_then_change_mask(v, true);
}

/* Control registers r1 through r3, wrapping from 15 to 0. */
static unsigned cr_count(unsigned r1, unsigned r3)
{
	return ((r3 - r1) & 0xf) + 1;
}

/* LCTL/LCTLG: loads words (bits 32-63) or doublewords; size 4 or 8. */
static int load_control(struct vcpu *v, uint64_t addr, unsigned r1, unsigned r3, unsigned size)
{
	unsigned n = cr_count(r1, r3);
	uint8_t b[16 * 8];
	int rc;

	if (addr & (size - 1))
		return PGM_SPECIFICATION;
	rc = icpt_read(v, addr, b, n * size);
	if (rc)
		return rc;
	for (unsigned i = 0; i < n; i++) {
		uint64_t *cr = &v->crs[(r1 + i) & 0xf];

		if (size == 8)
			*cr = get_be64(b + i * 8);
		else
			*cr = (*cr & 0xffffffff00000000ULL) | get_be32(b + i * 4);
	}
	return 0;
}

static int store_control(struct vcpu *v, uint64_t addr, unsigned r1, unsigned r3, unsigned size)
{
	unsigned n = cr_count(r1, r3);
	uint8_t b[16 * 8];

	if (addr & (size - 1))
		return PGM_SPECIFICATION;
	for (unsigned i = 0; i < n; i++) {
		uint64_t cr = v->crs[(r1 + i) & 0xf];

		if (size == 8)
			put_be64(b + i * 8, cr);
		else
			put_be32(b + i * 4, (uint32_t)cr);
	}
	return icpt_write(v, addr, b, n * size);
}

/* LCTL and STCTL (RS, words) or LCTLG and STCTG (RSY, doublewords): size 4 or 8. */
static int control_regs(struct vcpu *v, unsigned size, bool store)
{
	unsigned r1, r3;
	uint64_t addr = size == 8 ? icpt_ea_rsy(v, &r1, &r3) : icpt_ea_rs(v, &r1, &r3);
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	return store ? store_control(v, addr, r1, r3, size) : load_control(v, addr, r1, r3, size);
}

static int handle_lctl(struct vcpu *v)
{
	return control_regs(v, 4, false);
}

static int handle_lctlg(struct vcpu *v)
{
	return control_regs(v, 8, false);
}

static int handle_stctl(struct vcpu *v)
{
	return control_regs(v, 4, true);
}

static int handle_stctg(struct vcpu *v)
{
	return control_regs(v, 8, true);
}

/* Fetches the aligned operand of an S-format instruction (size 4 or 8). */
static int fetch_operand(struct vcpu *v, unsigned size, uint64_t *val)
{
	uint64_t addr = icpt_ea_s(v);
	uint8_t b[8];
	int rc;

	if (addr & (size - 1))
		return PGM_SPECIFICATION;
	rc = icpt_read(v, addr, b, size);
	if (rc)
		return rc;
	*val = size == 8 ? get_be64(b) : get_be32(b);
	return 0;
}

static int store_operand(struct vcpu *v, unsigned size, uint64_t val)
{
	uint64_t addr = icpt_ea_s(v);
	uint8_t b[8];

	if (addr & (size - 1))
		return PGM_SPECIFICATION;
	if (size == 8)
		put_be64(b, val);
	else
		put_be32(b, (uint32_t)val);
	return icpt_write(v, addr, b, size);
}

/* SPX: the new prefix (bits 1-18 of the word) must leave the 8 KB area inside storage. */
static int handle_spx(struct vcpu *v)
{
	uint64_t word, prefix;
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	rc = fetch_operand(v, 4, &word);
	if (rc)
		return rc;
	prefix = word & PREFIX_MASK;
	if (prefix + PREFIX_SIZE > v->vm->mem.size)
		return PGM_ADDRESSING;
	v->prefix = (uint32_t)prefix;
	return 0;
}

static int handle_stpx(struct vcpu *v)
{
	int rc = icpt_need_supervisor(v);

	return rc ? rc : store_operand(v, 4, v->prefix & PREFIX_MASK);
}

/* SCK: the guest's TOD clock is the host's plus an offset; setting it moves the offset. */
static int handle_sck(struct vcpu *v)
{
	uint64_t tod;
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	rc = fetch_operand(v, 8, &tod);
	if (rc)
		return rc;
	v->tod_offset = (int64_t)(tod - hw_tod_clock());
	vcpu_set_cc(v, 0);
	return 0;
}

static int handle_sckc(struct vcpu *v)
{
	uint64_t val;
	int rc = icpt_need_supervisor(v);

	if (!rc)
		rc = fetch_operand(v, 8, &val);
	if (!rc)
		v->clock_comparator = val;
	return rc;
}

static int handle_stckc(struct vcpu *v)
{
	int rc = icpt_need_supervisor(v);

	return rc ? rc : store_operand(v, 8, v->clock_comparator);
}

static int handle_spt(struct vcpu *v)
{
	uint64_t val;
	int rc = icpt_need_supervisor(v);

	if (!rc)
		rc = fetch_operand(v, 8, &val);
	if (!rc)
		v->cpu_timer = (int64_t)val;
	return rc;
}

static int handle_stpt(struct vcpu *v)
{
	int rc = icpt_need_supervisor(v);

	return rc ? rc : store_operand(v, 8, (uint64_t)v->cpu_timer);
}

/* LPP D2(B2): an 8-byte operand, any alignment, into the program-parameter register. */
static int handle_lpp(struct vcpu *v)
{
	uint8_t b[8];
	int rc = icpt_need_supervisor(v);

	if (!rc)
		rc = icpt_read(v, icpt_ea_s(v), b, sizeof(b));
	if (!rc)
		v->program_param = get_be64(b);
	return rc;
}

/* SPKA D2(B2): bits 56-59 of the address become the PSW key. Semiprivileged: in problem
 * state the key's bit in the PSW-key mask (CR3 bits 32-47) must be one. */
static int handle_spka(struct vcpu *v)
{
	uint64_t key = (icpt_ea_s(v) >> 4) & 0xf;

	if ((v->psw_mask & PSW_MASK_PSTATE) && !(v->crs[3] & CR3_PKM(key)))
		return PGM_PRIVILEGED_OP;
	v->psw_mask = (v->psw_mask & ~PSW_MASK_KEY) | key << PSW_KEY_SHIFT;
	return 0;
}

/* IPK: the PSW key into bits 56-59 of GR2, bits 60-63 zero. Semiprivileged: in problem
 * state the CR0 extraction-authority control must be one. */
static int handle_ipk(struct vcpu *v)
{
	uint64_t key = (v->psw_mask & PSW_MASK_KEY) >> PSW_KEY_SHIFT;

	if ((v->psw_mask & PSW_MASK_PSTATE) && !(v->crs[0] & CR0_EXTRACTION_AUTHORITY))
		return PGM_PRIVILEGED_OP;
	v->gprs[2] = (v->gprs[2] & ~0xffULL) | key << 4;
	return 0;
}

/* PTLB: CP keeps no translations of the guest's own DAT tables, so nothing to purge. */
static int handle_ptlb(struct vcpu *v)
{
	return icpt_need_supervisor(v);
}

static const icpt_handler priv_op1[256] = {
	[0x80] = handle_ssm,
	[0x82] = handle_lpsw,
	[0xac] = handle_stnsm,
	[0xad] = handle_stosm,
	[0xb6] = handle_stctl,
	[0xb7] = handle_lctl,
};

static const icpt_handler priv_b2[256] = {
	[0x04] = handle_sck,
	[0x06] = handle_sckc,
	[0x07] = handle_stckc,
	[0x08] = handle_spt,
	[0x09] = handle_stpt,
	[0x0a] = handle_spka,
	[0x0b] = handle_ipk,
	[0x0d] = handle_ptlb,
	[0x10] = handle_spx,
	[0x11] = handle_stpx,
	[0x80] = handle_lpp,
	[0xb2] = handle_lpswe,
	[0xf0] = icpt_iucv,
};

static const icpt_handler priv_eb[256] = {
	[0x25] = handle_stctg,
	[0x2f] = handle_lctlg,
};

const struct icpt_area icpt_area_priv = {
	.name = "control",
	.op1 = priv_op1,
	.b2 = priv_b2,
	.eb = priv_eb,
};
