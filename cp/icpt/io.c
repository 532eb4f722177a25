/*
 * Channel-subsystem instructions against the guest's virtual subchannels (PoP chapter 14,
 * "I/O Instructions"). Each instruction checks, in the architecture's order: supervisor
 * state, the subchannel-identification word in GR1 (bits 32-47 must be X'0001', else an
 * operand exception), the operand address's alignment (specification), access to the
 * operand (access exceptions come before cc 3), and only then looks for the subchannel.
 *
 * The virtual devices (cp/vdev/) do the work through their ops; a subchannel that does not
 * exist is not operational (cc 3). STCRW finds no channel report (cc 1, zeros stored).
 * Covered by tests/unit/test_icpt.c and tests/guest/io.c.
 */
#include <lib/string.h>
#include "icpt.h"

#define SCHID_ONE  0x00010000u /* bits 32-47 of GR1: X'0001' */
#define SCHIB_SIZE 52
#define ORB_SIZE   32
#define IRB_SIZE   64 /* without the extended-measurement words */
#define CRW_SIZE   4

static struct vsubchannel *find_subchannel(struct vcpu *v, uint32_t schid)
{
	return vm_subchannel(v->vm, schid);
}

static int set_cc(struct vcpu *v, int cc)
{
	vcpu_set_cc(v, (unsigned)cc);
	return 0;
}

/* Supervisor state and a valid subchannel ID in GR1. */
static int check_sch(struct vcpu *v, uint32_t *schid)
{
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	*schid = (uint32_t)v->gprs[1];
	if ((*schid & 0xffff0000u) != SCHID_ONE)
		return PGM_OPERAND;
	return 0;
}

/* The word-aligned second operand of an S-format I/O instruction. */
static int operand(struct vcpu *v, uint64_t *addr)
{
	*addr = icpt_ea_s(v);
	return (*addr & 3) ? PGM_SPECIFICATION : 0;
}

/*
 * The start STSCH, MSCH, SSCH and TSCH share: supervisor state, the subchannel ID in GR1,
 * the word-aligned operand at *addr, fetched into buf (SCH_FETCH) or checked to take a store
 * of len bytes (SCH_STORE), and the subchannel (*s, NULL if the guest has none of that ID).
 */
enum sch_access { SCH_FETCH, SCH_STORE };

static int sch_begin(struct vcpu *v, enum sch_access access, void *buf, size_t len,
		     uint64_t *addr, struct vsubchannel **s)
{
	uint32_t schid;
	int rc = check_sch(v, &schid);

	if (!rc)
		rc = operand(v, addr);
	if (!rc)
		rc = access == SCH_FETCH ? icpt_read(v, *addr, buf, len)
					 : icpt_probe_write(v, *addr, len);
	if (!rc)
		*s = find_subchannel(v, schid);
	return rc;
}

static int handle_stsch(struct vcpu *v)
{
	struct vsubchannel *s;
	uint8_t schib[SCHIB_SIZE];
	uint64_t addr;
	int rc = sch_begin(v, SCH_STORE, NULL, sizeof(schib), &addr, &s);

	if (rc)
		return rc;
	if (!s)
		return set_cc(v, 3);
	memset(schib, 0, sizeof(schib));
	rc = s->ops->store(s, schib);
	if (rc == 0) {
		int wrc = icpt_write(v, addr, schib, sizeof(schib));

		if (wrc)
			return wrc;
	}
	return set_cc(v, rc);
}

static int handle_msch(struct vcpu *v)
{
	struct vsubchannel *s;
	uint8_t schib[SCHIB_SIZE];
	uint64_t addr;
	int rc = sch_begin(v, SCH_FETCH, schib, sizeof(schib), &addr, &s);

	if (rc)
		return rc;
	return set_cc(v, s ? s->ops->modify(s, schib) : 3);
}

static int handle_ssch(struct vcpu *v)
{
	struct vsubchannel *s;
	uint8_t orb[ORB_SIZE];
	uint64_t addr;
	int rc = sch_begin(v, SCH_FETCH, orb, 12, &addr, &s); /* the format-0 part every ORB has */

	if (rc)
		return rc;
	return set_cc(v, s ? s->ops->start(s, orb) : 3);
}

static int handle_tsch(struct vcpu *v)
{
	struct vsubchannel *s;
	uint8_t irb[IRB_SIZE];
	uint64_t addr;
	int rc = sch_begin(v, SCH_STORE, NULL, IRB_SIZE, &addr, &s);

	if (rc)
		return rc;
	if (!s)
		return set_cc(v, 3);
	memset(irb, 0, sizeof(irb));
	rc = s->ops->test(s, irb);
	if (rc != 3) {
		int wrc = icpt_write(v, addr, irb, IRB_SIZE);

		if (wrc)
			return wrc;
	}
	return set_cc(v, rc);
}

/* HSCH, CSCH, XSCH, RSCH: no operand beyond the subchannel ID. */
enum sch_function {
	SCH_HALT,
	SCH_CLEAR,
	SCH_CANCEL,
	SCH_RESUME,
};

static int simple_sch(struct vcpu *v, enum sch_function what)
{
	int (*fn)(struct vsubchannel *) = 0;
	struct vsubchannel *s;
	uint32_t schid;
	int rc = check_sch(v, &schid);

	if (rc)
		return rc;
	s = find_subchannel(v, schid);
	if (!s)
		return set_cc(v, 3);
	switch (what) {
	case SCH_HALT:
		fn = s->ops->halt;
		break;
	case SCH_CLEAR:
		fn = s->ops->clear;
		break;
	case SCH_CANCEL:
		fn = s->ops->cancel;
		break;
	case SCH_RESUME:
		fn = s->ops->resume;
		break;
	}
	return set_cc(v, fn ? fn(s) : 3);
}

static int handle_hsch(struct vcpu *v)
{
	return simple_sch(v, SCH_HALT);
}

static int handle_csch(struct vcpu *v)
{
	return simple_sch(v, SCH_CLEAR);
}

static int handle_xsch(struct vcpu *v)
{
	return simple_sch(v, SCH_CANCEL);
}

static int handle_rsch(struct vcpu *v)
{
	return simple_sch(v, SCH_RESUME);
}

/*
 * TPI D2(B2): takes a pending I/O interruption that CR6 enables, without the PSW's I/O
 * mask: its subsystem-ID word and parameter go to the operand, or, when the address is 0,
 * those and the interruption-ID word to real locations 184-195; cc 1. Nothing pending: cc 0.
 */
static int handle_tpi(struct vcpu *v)
{
	struct vsubchannel *s;
	uint8_t code[12];
	uint64_t addr;
	int rc = icpt_aligned_operand_s(v, 4, &addr);

	if (rc)
		return rc;
	s = vm_io_pending(v->vm, v->crs[6]);
	if (!s)
		return set_cc(v, 0);
	put_be32(code, SCHID_ONE | s->number);
	put_be32(code + 4, s->intparm);
	put_be32(code + 8, (uint32_t)s->isc << 27);
	/* A nonzero operand gets the two-word code; real 184 gets all three words. */
	rc = addr ? icpt_write(v, addr, code, 8) : guest_write_real(v, 0xb8, code, 12);
	if (rc)
		return rc;
	s->int_pending = false;
	return set_cc(v, 1);
}

/* STCRW D2(B2): no channel report pending: zeros are stored and the cc is 1. */
static int handle_stcrw(struct vcpu *v)
{
	static const uint8_t none[CRW_SIZE];
	uint64_t addr;
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	rc = operand(v, &addr);
	if (!rc)
		rc = icpt_write(v, addr, none, sizeof(none));
	if (rc)
		return rc;
	return set_cc(v, 1);
}

static const icpt_handler io_b2[256] = {
	[0x30] = handle_csch,
	[0x31] = handle_hsch,
	[0x32] = handle_msch,
	[0x33] = handle_ssch,
	[0x34] = handle_stsch,
	[0x35] = handle_tsch,
	[0x36] = handle_tpi,
	[0x38] = handle_rsch,
	[0x39] = handle_stcrw,
	[0x76] = handle_xsch,
};

const struct icpt_area icpt_area_io = {
	.name = "channel I/O",
	.b2 = io_b2,
};
