/*
 * SIGNAL PROCESSOR between the virtual CPUs of a machine (cp/vm/vcpus.c). A CPU address the
 * machine has no CPU at is not operational (cc 3). Orders follow the PoP ("Signal-
 * Processor Orders") and what Linux KVM and QEMU do for the same cases; every order
 * completes at once (one real CPU runs the machine's CPUs in turn), so cc 2 (busy) is never
 * given. A check-stopped target answers every order but the resets with "check stop".
 *   sense                 cc 0, or cc 1 with "stopped" / "external call pending"
 *   sense running status  cc 0 for the CPU that asks (it runs), cc 1 "not running" for
 *                         the others (Linux asks whether a virtual CPU is dispatched)
 *   external call         pends one (cc 1 "external call pending" if one is already)
 *   emergency signal      pends one from the sender
 *   start                 a stopped CPU is dispatched again
 *   stop                  the CPU stops (itself: ICPT_STOP, the dispatcher parks it)
 *   stop and store status stores status at guest absolute 0x1200, whatever the target's
 *                         prefix (as z/VM's STORE STATUS says, QEMU does and Linux's dump
 *                         code reads it), architectural-mode ID 1 at absolute 163; stops
 *   restart               pends a restart interruption; a stopped CPU starts to take it
 *   CPU reset, initial CPU reset   resets (cp/vm/vcpu_reset.c) and stops
 *   set prefix, store status at address   need a stopped CPU: cc 1 "incorrect state";
 *                         "invalid parameter" for an address outside storage
 *   set architecture      cc 1 "invalid parameter" whatever the parameter, and whatever
 *                         CPU address R3 holds (the order addresses the configuration): the
 *                         PoP's answer with the CZAM facility (z/Architecture only), as
 *                         QEMU and KVM give it. Linux's IPL code issues it with parameter
 *                         1 or 2 and ignores the answer.
 *   anything else         cc 1 "invalid order"
 * The status word goes to bits 32-63 of R1; the parameter is in R1+1 (R1 itself when odd).
 * Covered by tests/unit/test_icpt.c, tests/guest/sigp.c and tests/guest/smp.c.
 */
#include <arch/sigp.h>
#include <cp/vmm.h>
#include <lib/string.h>
#include "icpt.h"

#define PREFIX_MASK	0x7fffe000ULL
#define SAVE_AREA_SIZE	0x200
#define STORE_STATUS_MASK 0x7ffffe00ULL
#define ARCH_MODE_ZARCH 1

/**
 * icpt_store_status - store the architected status of v at an absolute address
 * @v: the virtual CPU
 * @abs: where the 512-byte save area starts (0x1200 for the default area)
 *
 * Layout relative to the area (z/Architecture): FPRs 0x00, GPRs 0x80, PSW 0x100, prefix
 * 0x118, FPC 0x11c, TOD programmable register 0x124, CPU timer 0x128, clock comparator
 * bits 0-55 at 0x131, access registers 0x140, control registers 0x180.
 */
int icpt_store_status(struct vcpu *v, uint64_t abs)
{
	uint8_t area[SAVE_AREA_SIZE];

	memset(area, 0, sizeof(area));
	for (int i = 0; i < 16; i++) {
		put_be64(area + 0x80 + 8 * i, v->gprs[i]);
		put_be64(area + 0x180 + 8 * i, v->crs[i]);
		put_be64(area + 0x00 + 8 * i, v->vrs[i][0]);
		put_be32(area + 0x140 + 4 * i, v->ars[i]);
	}
	put_be32(area + 0x11c, v->fpc);
	put_be64(area + 0x100, v->psw_mask);
	put_be64(area + 0x108, v->psw_addr);
	put_be32(area + 0x118, v->prefix);
	put_be64(area + 0x128, (uint64_t)v->cpu_timer);
	put_be64(area + 0x130, v->clock_comparator >> 8);
	return guest_write_abs(v->vm, abs, area, sizeof(area));
}

/* Stops t; ICPT_STOP when t is the CPU that asked, 0 for another (taken off its queue). */
static int stop_cpu(struct vcpu *v, struct vcpu *t)
{
	if (t == v) {
		v->state = VCPU_STOPPED;
		return ICPT_STOP;
	}
	dispatch_remove(t);
	return 0;
}

static bool is_stopped(const struct vcpu *t)
{
	return t->state == VCPU_STOPPED || t->state == VCPU_CHECK_STOP;
}

static int status_stored(struct vcpu *v, unsigned r1, uint32_t status)
{
	v->gprs[r1] = (v->gprs[r1] & 0xffffffff00000000ULL) | status;
	vcpu_set_cc(v, SIGP_CC_STATUS_STORED);
	return 0;
}

static int accepted(struct vcpu *v)
{
	vcpu_set_cc(v, SIGP_CC_ACCEPTED);
	return 0;
}

/* Stores the status of the stopped CPU t at abs (512 bytes, inside storage). */
static int store_status_at(struct vcpu *t, uint64_t abs)
{
	int rc = icpt_store_status(t, abs);

	return rc < 0 ? ICPT_FAULT : rc;
}

/* One order from v to t (t may be v). */
static int sigp_order(struct vcpu *v, struct vcpu *t, unsigned order, unsigned r1,
		      uint64_t param)
{
	uint32_t status = 0;
	int rc;

	if (t->state == VCPU_CHECK_STOP && order != SIGP_SENSE && order != SIGP_CPU_RESET &&
	    order != SIGP_INITIAL_CPU_RESET)
		return status_stored(v, r1, SIGP_STATUS_CHECK_STOP);
	switch (order) {
	case SIGP_SENSE:
		if (t->state == VCPU_CHECK_STOP)
			status |= SIGP_STATUS_CHECK_STOP;
		if (is_stopped(t))
			status |= SIGP_STATUS_STOPPED;
		if (t->pending & PEND_EXTERNAL_CALL)
			status |= SIGP_STATUS_EXT_CALL_PENDING;
		return status ? status_stored(v, r1, status) : accepted(v);
	case SIGP_EXTERNAL_CALL:
		if (t->pending & PEND_EXTERNAL_CALL)
			return status_stored(v, r1, SIGP_STATUS_EXT_CALL_PENDING);
		t->pending |= PEND_EXTERNAL_CALL;
		t->ext_call_from = v->cpu_address;
		dispatch_signalled(v, t);
		return accepted(v);
	case SIGP_EMERGENCY_SIGNAL:
		t->pending |= PEND_EMERGENCY;
		t->emergency_from |= 1u << v->cpu_address;
		dispatch_signalled(v, t);
		return accepted(v);
	case SIGP_START:
		if (t != v && t->state == VCPU_STOPPED)
			dispatch_ready(t);
		return accepted(v);
	case SIGP_SENSE_RUNNING_STATUS:
		if (t != v)
			return status_stored(v, r1, SIGP_STATUS_NOT_RUNNING);
		return accepted(v);
	case SIGP_STOP:
		accepted(v);
		return stop_cpu(v, t);
	case SIGP_STOP_AND_STORE_STATUS: {
		uint8_t mode = ARCH_MODE_ZARCH;

		accepted(v);
		rc = guest_write_abs(v->vm, LC_ARCH_MODE_ID, &mode, 1);
		if (!rc)
			rc = icpt_store_status(t, LC_STATUS_SAVE_AREA);
		if (rc)
			return rc < 0 ? ICPT_FAULT : rc;
		return stop_cpu(v, t);
	}
	case SIGP_RESTART:
		t->pending |= PEND_RESTART;
		if (t != v && t->state == VCPU_STOPPED)
			dispatch_ready(t);
		return accepted(v);
	case SIGP_CPU_RESET:
		accepted(v);
		vcpu_reset(t, VCPU_RESET_CPU);
		return stop_cpu(v, t);
	case SIGP_INITIAL_CPU_RESET:
		accepted(v);
		vcpu_reset(t, VCPU_RESET_INITIAL);
		return stop_cpu(v, t);
	case SIGP_SET_PREFIX:
		if ((param & PREFIX_MASK) + 0x2000 > v->vm->mem.size)
			return status_stored(v, r1, SIGP_STATUS_INVALID_PARAMETER);
		if (t->state != VCPU_STOPPED)
			return status_stored(v, r1, SIGP_STATUS_INCORRECT_STATE);
		t->prefix = (uint32_t)(param & PREFIX_MASK);
		return accepted(v);
	case SIGP_STORE_STATUS_AT_ADDRESS:
		if (t->state != VCPU_STOPPED)
			return status_stored(v, r1, SIGP_STATUS_INCORRECT_STATE);
		if ((param & STORE_STATUS_MASK) + SAVE_AREA_SIZE > v->vm->mem.size)
			return status_stored(v, r1, SIGP_STATUS_INVALID_PARAMETER);
		rc = store_status_at(t, param & STORE_STATUS_MASK);
		return rc ? rc : accepted(v);
	default:
		return status_stored(v, r1, SIGP_STATUS_INVALID_ORDER);
	}
}

/* SIGP R1,R3,D2(B2): order code in bits 56-63 of the second-operand address, CPU address
 * in bits 48-63 of R3. */
static int handle_sigp(struct vcpu *v)
{
	unsigned r1, r3, order;
	uint64_t param;
	struct vcpu *t;
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	order = (unsigned)icpt_ea_rs(v, &r1, &r3) & 0xff;
	param = v->gprs[r1 | 1];
	/* Set architecture addresses the whole configuration: R3 is ignored. */
	if (order == SIGP_SET_ARCHITECTURE)
		return status_stored(v, r1, SIGP_STATUS_INVALID_PARAMETER);
	t = vm_vcpu(v->vm, (uint16_t)v->gprs[r3]);
	if (!t) {
		vcpu_set_cc(v, SIGP_CC_NOT_OPERATIONAL);
		return 0;
	}
	return sigp_order(v, t, order, r1, param);
}

static const icpt_handler sigp_op1[256] = {
	[0xae] = handle_sigp,
};

const struct icpt_area icpt_area_sigp = {
	.name = "SIGP",
	.op1 = sigp_op1,
};
