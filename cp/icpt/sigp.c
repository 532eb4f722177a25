/*
 * SIGNAL PROCESSOR for a one-CPU virtual machine: the only CPU a guest can address is its
 * own; any other CPU address is not operational (cc 3). Orders follow the PoP ("Signal-
 * Processor Orders") and what Linux KVM and QEMU do for the same cases:
 *   sense                 cc 0, or cc 1 with "external call pending"
 *   sense running status  cc 0: the CPU that asks is running (Linux asks it whether a
 *                         virtual CPU is dispatched, arch_vcpu_is_preempted())
 *   external call         pends one (cc 1 "external call pending" if one is already)
 *   emergency signal      pends one
 *   start                 nothing to do: the CPU is operating
 *   stop                  the CPU stops: ICPT_STOP, the dispatcher parks the machine
 *   stop and store status stores status at absolute 0x1200 (z/Architecture save area), stops
 *   restart               pends a restart interruption
 *   CPU reset, initial CPU reset   resets and stops
 *   set prefix, store status at address   need a stopped CPU: cc 1 "incorrect state"
 *                         (after "invalid parameter" for an address outside storage)
 *   set architecture      cc 1 "invalid parameter": guests are always in z/Architecture
 *                         mode, as with the CZAM facility
 *   anything else         cc 1 "invalid order"
 * The status word goes to bits 32-63 of R1; the parameter is in R1+1 (R1 itself when odd).
 * Covered by tests/unit/test_icpt.c and tests/guest/sigp.c.
 */
#include <arch/sigp.h>
#include <lib/string.h>
#include "icpt.h"

#define PREFIX_MASK	0x7fffe000ULL
#define SAVE_AREA_SIZE	0x200
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

static void cpu_reset(struct vcpu *v)
{
	v->pending = 0;
	v->service_param = 0;
}

static void initial_cpu_reset(struct vcpu *v)
{
	cpu_reset(v);
	v->psw_mask = 0;
	v->psw_addr = 0;
	v->prefix = 0;
	v->cpu_timer = 0;
	v->clock_comparator = 0;
	v->fpc = 0;
	memset(v->crs, 0, sizeof(v->crs));
	v->crs[0] = CR0_INITIAL;
	v->crs[14] = CR14_INITIAL;
}

static int stop_cpu(struct vcpu *v)
{
	v->state = VCPU_STOPPED;
	return ICPT_STOP;
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

/* The orders to the guest's own CPU. */
static int sigp_self(struct vcpu *v, unsigned order, unsigned r1, uint64_t param)
{
	int rc;

	switch (order) {
	case SIGP_SENSE:
		if (v->pending & PEND_EXTERNAL_CALL)
			return status_stored(v, r1, SIGP_STATUS_EXT_CALL_PENDING);
		return accepted(v);
	case SIGP_EXTERNAL_CALL:
		if (v->pending & PEND_EXTERNAL_CALL)
			return status_stored(v, r1, SIGP_STATUS_EXT_CALL_PENDING);
		v->pending |= PEND_EXTERNAL_CALL;
		return accepted(v);
	case SIGP_EMERGENCY_SIGNAL:
		v->pending |= PEND_EMERGENCY;
		return accepted(v);
	case SIGP_START:
	case SIGP_SENSE_RUNNING_STATUS:
		return accepted(v);
	case SIGP_STOP:
		accepted(v);
		return stop_cpu(v);
	case SIGP_STOP_AND_STORE_STATUS: {
		uint8_t mode = ARCH_MODE_ZARCH;

		accepted(v);
		rc = guest_write_abs(v->vm, LC_ARCH_MODE_ID, &mode, 1);
		if (!rc)
			rc = icpt_store_status(v, LC_STATUS_SAVE_AREA);
		if (rc)
			return rc < 0 ? ICPT_FAULT : rc;
		return stop_cpu(v);
	}
	case SIGP_RESTART:
		v->pending |= PEND_RESTART;
		return accepted(v);
	case SIGP_CPU_RESET:
		accepted(v);
		cpu_reset(v);
		return stop_cpu(v);
	case SIGP_INITIAL_CPU_RESET:
		initial_cpu_reset(v);
		return stop_cpu(v);
	case SIGP_SET_PREFIX:
		if ((param & PREFIX_MASK) + 0x2000 > v->vm->mem.size)
			return status_stored(v, r1, SIGP_STATUS_INVALID_PARAMETER);
		return status_stored(v, r1, SIGP_STATUS_INCORRECT_STATE);
	case SIGP_STORE_STATUS_AT_ADDRESS:
		return status_stored(v, r1, SIGP_STATUS_INCORRECT_STATE);
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
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	order = (unsigned)icpt_ea_rs(v, &r1, &r3) & 0xff;
	param = v->gprs[r1 | 1];
	if (order == SIGP_SET_ARCHITECTURE)
		return status_stored(v, r1, SIGP_STATUS_INVALID_PARAMETER);
	if ((uint16_t)v->gprs[r3] != v->cpu_address) {
		vcpu_set_cc(v, SIGP_CC_NOT_OPERATIONAL);
		return 0;
	}
	return sigp_self(v, order, r1, param);
}

static const icpt_handler sigp_op1[256] = {
	[0xae] = handle_sigp,
};

const struct icpt_area icpt_area_sigp = {
	.name = "SIGP",
	.op1 = sigp_op1,
};
