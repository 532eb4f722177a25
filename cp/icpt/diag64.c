/*
 * DIAGNOSE X'64': finding, loading and purging a named saved segment (z/VM CP Programming
 * Services, "DIAGNOSE Code X'64'"; VM/370 System Programmer's Guide, "DIAGNOSE Code X'64'
 * -- Finding, Loading and Purging a Named Segment"). The segments are CP's shared systems
 * (cp/segment.h), e.g. CMS at X'100000'-X'1FFFFF'.
 *
 * Rx holds the guest real address of the segment's 8-byte EBCDIC name, left-justified and
 * blank-padded, on a doubleword boundary; Ry the subcode:
 *
 *   X'00' LOADSHR   map the segment shared (read-only): cc 1 (loaded within the machine's
 *                   defined storage, whose pages in the range were released first), Rx = its
 *                   first address, Ry = its last
 *   X'04' LOADNSHR  the same with a private, writable copy of the segment
 *   X'08' PURGESEG  take it out again: cc 0, the range reads as zeros; cc 1 if this machine
 *                   had not loaded it
 *   X'0C' FINDSEG   cc 0 if this machine has it loaded, cc 1 if it exists but is not loaded
 *                   here; Rx = first address, Ry = last address either way
 *
 * Any subcode: cc 2 with a return code in Ry on failure: 44 no such segment; 177 CP cannot
 * load it (VM/370's "paging I/O error": here, no real storage); 212 (VM/64's own) the
 * segment lies beyond the machine's storage (z/VM would extend the machine). A name not on a
 * doubleword or an unknown subcode is a specification exception; a name beyond storage an
 * addressing exception.
 * Covered by tests/unit/test_diag250.c and tests/guest/segment.c.
 */
#include <cp/segment.h>
#include <lib/ebcdic.h>
#include <lib/string.h>
#include "icpt.h"

#define DIAG64_LOADSHR	0x00
#define DIAG64_LOADNSHR 0x04
#define DIAG64_PURGESEG 0x08
#define DIAG64_FINDSEG	0x0c

#define DIAG64_RC_NOT_FOUND  44
#define DIAG64_RC_NO_STORAGE 177
#define DIAG64_RC_OUTSIDE    212

static int fail(struct vcpu *v, unsigned ry, uint64_t rc)
{
	v->gprs[ry] = rc;
	vcpu_set_cc(v, 2);
	return 0;
}

static int load_result(struct vcpu *v, unsigned rx, unsigned ry, const struct segment *seg,
		       int rc)
{
	if (rc == SEGMENT_OUTSIDE)
		return fail(v, ry, DIAG64_RC_OUTSIDE);
	if (rc != 0)
		return fail(v, ry, DIAG64_RC_NO_STORAGE);
	v->gprs[rx] = seg->start;
	v->gprs[ry] = seg->end;
	vcpu_set_cc(v, 1);
	return 0;
}

/**
 * diag_64() - DIAGNOSE X'64', named saved segments
 * @v: the virtual CPU
 * @rx: register with the name's address; gets the segment's first address
 * @ry: register with the subcode; gets the last address or a return code
 * @code: X'64'
 *
 * Return: 0 (cc and registers set), PGM_SPECIFICATION, PGM_ADDRESSING, or ICPT_FAULT.
 */
int diag_64(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code)
{
	uint64_t addr = icpt_wrap(v, v->gprs[rx]);
	uint64_t subcode = v->gprs[ry];
	uint8_t ename[8];
	char name[9];
	struct segment *seg;
	struct vm *vm = v->vm;
	int rc;

	(void)code;
	if (addr & 7)
		return PGM_SPECIFICATION;
	if (subcode != DIAG64_LOADSHR && subcode != DIAG64_LOADNSHR &&
	    subcode != DIAG64_PURGESEG && subcode != DIAG64_FINDSEG)
		return PGM_SPECIFICATION;
	rc = guest_read_real(v, addr, ename, sizeof(ename));
	if (rc)
		return rc < 0 ? ICPT_FAULT : rc;
	ebcdic_to_ascii(EBCDIC_CP037, name, ename, sizeof(ename));
	name[8] = 0;
	seg = segment_find(name);
	if (!seg)
		return fail(v, ry, DIAG64_RC_NOT_FOUND);

	switch (subcode) {
	case DIAG64_LOADSHR:
		return load_result(v, rx, ry, seg, segment_attach(seg, vm));
	case DIAG64_LOADNSHR:
		return load_result(v, rx, ry, seg, segment_load_private(seg, vm));
	case DIAG64_PURGESEG:
		if (!segment_attached(seg, vm) && !segment_private(seg, vm)) {
			vcpu_set_cc(v, 1);
			return 0;
		}
		segment_purge(seg, vm);
		vcpu_set_cc(v, 0);
		return 0;
	default: /* FINDSEG */
		v->gprs[rx] = seg->start;
		v->gprs[ry] = seg->end;
		vcpu_set_cc(v, segment_attached(seg, vm) || segment_private(seg, vm) ? 0 : 1);
		return 0;
	}
}
