/*
 * IUCV (B2F0) as far as a guest with no partners needs it: QUERY answers the interrupt buffer
 * size and the most connections a user may have, DECLARE BUFFER / RETRIEVE BUFFER keep one
 * external-interruption buffer per virtual CPU, SET MASK / SET CONTROL MASK keep the masks.
 * There are no IUCV services or peers yet, so CONNECT finds its target not logged on and the
 * path functions find no path; no IUCV interruption is ever made pending. This is what lets
 * Linux 6.1, which believes z/VM always has IUCV (net/iucv/iucv.c registers its bus only when
 * QUERY ends with cc 0, and drivers/tty/hvc/hvc_iucv.c registers devices on that bus without
 * asking), start its IUCV layer and its HVC terminal driver and then live without partners.
 * Function codes, parameter-list layout and return codes as z/VM CP Programming Services gives
 * them: GR0 the function, GR1 the guest real address of a doubleword-aligned parameter list,
 * cc 0 done, cc 1 with the return code in the list's byte 3.
 * Covered by tests/guest/priv.c ("IUCV") on both engines.
 */
#include <arch/intcode.h>
#include <cp/vm.h>
#include "icpt.h"

enum iucv_function {
	IUCV_QUERY = 0,
	IUCV_RETRIEVE_BUFFER = 2,
	IUCV_CONNECT = 11,
	IUCV_DECLARE_BUFFER = 12,
	IUCV_SETMASK = 16,
	IUCV_SETCONTROLMASK = 17,
	IUCV_LAST_FUNCTION = 17,
};

#define IUCV_PARM_SIZE        40 /* the parameter list */
#define IUCV_PARM_RCODE       3  /* byte with the return code after cc 1 */
#define IUCV_PARM_MASK        0  /* SET MASK / SET CONTROL MASK: the mask byte */
#define IUCV_PARM_BUFFER      12 /* DECLARE BUFFER: the buffer's real address, 4 bytes */
#define IUCV_BUFFER_SIZE      40 /* an external-interruption buffer */
#define IUCV_MAX_CONNECTIONS  64 /* z/VM's default MAXCONN */
#define IUCV_BUFFER_DECLARED  (1ULL << 63) /* so a buffer at 0 still counts */

/* Return codes after cc 1. */
#define IUCV_RC_BAD_PATHID         0x01
#define IUCV_RC_TARGET_NOT_LOGGED  0x0b
#define IUCV_RC_BUFFER_EXISTS      0x13
#define IUCV_RC_STORAGE            0x5c

static int iucv_fail(struct vcpu *v, uint64_t parm, uint8_t rc)
{
	int prc = guest_write_real(v, parm + IUCV_PARM_RCODE, &rc, 1);

	if (prc)
		return prc;
	vcpu_set_cc(v, 1);
	return 0;
}

int icpt_iucv(struct vcpu *v)
{
	uint64_t function = v->gprs[0] & 0xff, parm = v->gprs[1] & 0x7fffffff;
	uint8_t list[IUCV_PARM_SIZE], probe;
	uint32_t buffer;
	int rc;

	if (v->psw_mask & PSW_MASK_PSTATE)
		return PGM_OPERATION; /* as Hercules gives it bare: no IUCV in problem state */
	if (function == IUCV_QUERY) {
		v->gprs[0] = IUCV_BUFFER_SIZE;
		v->gprs[1] = IUCV_MAX_CONNECTIONS;
		vcpu_set_cc(v, 0);
		return 0;
	}
	if (parm & 7)
		return PGM_SPECIFICATION;
	rc = guest_read_real(v, parm, list, sizeof(list));
	if (rc)
		return rc;
	switch (function) {
	case IUCV_DECLARE_BUFFER:
		if (v->iucv_buffer)
			return iucv_fail(v, parm, IUCV_RC_BUFFER_EXISTS);
		buffer = (uint32_t)list[IUCV_PARM_BUFFER] << 24 | list[IUCV_PARM_BUFFER + 1] << 16 |
			 list[IUCV_PARM_BUFFER + 2] << 8 | list[IUCV_PARM_BUFFER + 3];
		if (guest_read_real(v, buffer, &probe, 1) ||
		    guest_read_real(v, (uint64_t)buffer + IUCV_BUFFER_SIZE - 1, &probe, 1))
			return iucv_fail(v, parm, IUCV_RC_STORAGE);
		v->iucv_buffer = buffer | IUCV_BUFFER_DECLARED;
		break;
	case IUCV_RETRIEVE_BUFFER:
		v->iucv_buffer = 0;
		v->iucv_mask = v->iucv_control_mask = 0;
		break;
	case IUCV_SETMASK:
		v->iucv_mask = list[IUCV_PARM_MASK];
		break;
	case IUCV_SETCONTROLMASK:
		v->iucv_control_mask = list[IUCV_PARM_MASK];
		break;
	case IUCV_CONNECT:
		return iucv_fail(v, parm, IUCV_RC_TARGET_NOT_LOGGED);
	default:
		if (function > IUCV_LAST_FUNCTION)
			return PGM_SPECIFICATION;
		/* SEND, RECEIVE, REPLY, REJECT, PURGE, ACCEPT, QUIESCE, RESUME, SEVER: no path
		 * exists, whatever path id the list names. */
		return iucv_fail(v, parm, IUCV_RC_BAD_PATHID);
	}
	vcpu_set_cc(v, 0);
	return 0;
}
