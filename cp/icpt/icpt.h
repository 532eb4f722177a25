/*
 * Internal interface of the interception layer (cp/icpt/): how the areas (priv.c,
 * sysinfo.c, skey.c, sigp.c, diag.c, io.c, sclp.c) hand their handlers to the dispatcher in
 * icpt.c, and the helpers every handler uses: operand decoding, logical-address guest
 * access, the privileged-state check and the condition code.
 *
 * Handler contract (STYLE.md rule 5): static int handle_<mnemonic>(struct vcpu *v) returns
 * 0 to resume the guest, a positive program-interruption code for the dispatcher to inject
 * (the PSW is past the instruction, as for suppression; icpt_instruction() backs it up for
 * the nullifying codes), or a negative ICPT_* value to stop the machine.
 *
 * Tested by tests/unit/test_icpt.c.
 */
#ifndef CP_ICPT_ICPT_H
#define CP_ICPT_ICPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <arch/ctlreg.h>
#include <arch/lowcore.h>
#include <cp/decode.h>
#include <cp/psw.h>
#include <cp/vm.h>

typedef int (*icpt_handler)(struct vcpu *v);

/*
 * What one area simulates. Each table is indexed by an opcode byte and may be NULL:
 * op1 by the first byte for the one-byte opcodes (S, SI, RS formats), the others by the
 * second opcode byte of their family.
 */
struct icpt_area {
	const char *name;
	const icpt_handler *op1;
	const icpt_handler *e01; /* 01xx (E format): second byte in ipa */
	const icpt_handler *b2; /* B2xx: second byte in ipa */
	const icpt_handler *b9; /* B9xx: second byte in ipa */
	const icpt_handler *e5; /* E5xx: second byte in ipa */
	const icpt_handler *eb; /* EBxx: second byte is the last instruction byte */
	const icpt_handler *c8; /* C8x: the low four bits of the second byte (SSF) */
};

extern const struct icpt_area icpt_area_priv, icpt_area_sysinfo, icpt_area_skey, icpt_area_sigp,
	icpt_area_diag, icpt_area_io, icpt_area_sclp, icpt_area_move;

/* The areas in the order icpt_lookup() tries them; NULL past the last (for the table test). */
const struct icpt_area *icpt_area_at(size_t i);
/* The handler of the intercepted instruction ipa/ipb, or NULL when nobody simulates it. */
icpt_handler icpt_lookup(uint16_t ipa, uint32_t ipb);

/* IUCV (B2F0), cp/icpt/iucv.c. */
int icpt_iucv(struct vcpu *v);

/* ---- helpers (icpt.c) ---- */

/* PGM_PRIVILEGED_OP when the guest's own PSW says problem state, else 0. */
static inline int icpt_need_supervisor(const struct vcpu *v)
{
	return (v->psw_mask & PSW_MASK_PSTATE) ? PGM_PRIVILEGED_OP : 0;
}

/* Effective addresses of the current instruction's operands. */
uint64_t icpt_ea_s(const struct vcpu *v);				/* S: B2 D2 */
uint64_t icpt_ea_si(const struct vcpu *v);				/* SI: B1 D1 */
uint64_t icpt_ea_rs(const struct vcpu *v, unsigned *r1, unsigned *r3);	/* RS */
uint64_t icpt_ea_rsy(const struct vcpu *v, unsigned *r1, unsigned *r3); /* RSY */
void icpt_rre(const struct vcpu *v, unsigned *r1, unsigned *r2);

/*
 * The usual start of a privileged S-format instruction with a storage operand: supervisor
 * state, then the second-operand address, which must be a multiple of align (a power of
 * two) or the instruction gets a specification exception.
 */
static inline int icpt_aligned_operand_s(struct vcpu *v, uint64_t align, uint64_t *addr)
{
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	*addr = icpt_ea_s(v);
	return (*addr & (align - 1)) ? PGM_SPECIFICATION : 0;
}

/* The guest's addressing mode and wraparound. */
uint64_t icpt_wrap(const struct vcpu *v, uint64_t addr);

/*
 * Operand access at a logical address, as the instruction would make it: real when the
 * guest's DAT is off, otherwise translated through its own DAT tables (logical_access.c).
 * Returns 0, a program-interruption code (with v->exit.teid set for translation
 * exceptions), or -1 when CP has no frame for the page.
 */
int icpt_read(struct vcpu *v, uint64_t addr, void *buf, size_t len);
int icpt_write(struct vcpu *v, uint64_t addr, const void *buf, size_t len);
/* The checks of a write, without storing (for instructions that end with cc 3). */
int icpt_probe_write(struct vcpu *v, uint64_t addr, size_t len);
/* Logical to real for one address; 0 or a program-interruption code. */
int icpt_translate(struct vcpu *v, uint64_t addr, bool write, uint64_t *raddr);

/* The facility list guests see (sysinfo.c): bits up to 127. */
#define GUEST_FACILITY_DWORDS 2
extern const uint64_t guest_facilities[GUEST_FACILITY_DWORDS];

/* Whether the facility list guests see (STFLE) offers facility n (sysinfo.c). */
bool icpt_facility(unsigned n);

/* The CPU ID a guest sees (STIDP): the machine's with version code X'FF' (under a VM). */
uint64_t icpt_guest_cpu_id(void);

/* Store status: the architected save area image of v at absolute address abs (the
 * 0x1200-relative layout); 0 or PGM_ADDRESSING/-1 (sigp.c). */
int icpt_store_status(struct vcpu *v, uint64_t abs);

/* DIAGNOSE X'250', block I/O (diag250.c; conventions in vm64/diag250.h). */
int diag_250(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code);

/* DIAGNOSE X'64', named saved segments (diag64.c). */
int diag_64(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code);
/* DIAG X'14', input spool files (cp/spool/diag14.c). */
int diag_14(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code);

/* Pending-input bit for the service-signal parameter (sclp.c). */
uint32_t vsclp_event_pending_bit(const struct vm *vm);

#endif
