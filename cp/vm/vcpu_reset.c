/*
 * The architected resets of one virtual CPU (PoP, "Resets"), the one place that says what
 * each clears. SIGP CPU reset and initial CPU reset (cp/icpt/sigp.c), a new CPU (DEFINE CPU,
 * the directory's CPU statements: cp/vm/vcpu_define.c) and IPL and SYSTEM RESET
 * (cp/vm/vm.c) all come here.
 *   CPU reset          interruption conditions local to the CPU (restart, emergency signal,
 *                      external call) are cleared; floating ones (I/O, service signal) stay;
 *                      registers, PSW, prefix and timers are unchanged.
 *   initial CPU reset  a CPU reset, then the PSW, prefix, CPU timer, clock comparator, FPC
 *                      and program-parameter register are zero and the control registers
 *                      hold their initial values (CR0 X'E0', CR14 X'C2000000', the rest 0).
 *                      General, access, floating-point and vector registers are unchanged.
 *   clear reset        an initial CPU reset that also zeroes the general, access,
 *                      floating-point and vector registers and every pending condition:
 *                      the state of a CPU after power-on.
 * Stopping the CPU is the caller's (a reset ends with it stopped; IPL then starts it).
 * Covered by tests/unit/test_icpt.c (test_vcpu_resets, the SIGP resets) and
 * tests/guest/smp.c.
 */
#include <arch/ctlreg.h>
#include <cp/vm.h>
#include <lib/string.h>

/* Interruption conditions that belong to one CPU: a CPU reset clears them. */
#define PEND_LOCAL (PEND_RESTART | PEND_EMERGENCY | PEND_EXTERNAL_CALL)

void vcpu_reset(struct vcpu *v, enum vcpu_reset kind)
{
	v->pending &= ~PEND_LOCAL;
	v->ext_call_from = 0;
	v->emergency_from = 0;
	memset(&v->pgm_loop, 0, sizeof(v->pgm_loop));
	if (kind == VCPU_RESET_CPU)
		return;
	v->psw_mask = 0;
	v->psw_addr = 0;
	v->prefix = 0;
	v->cpu_timer = 0;
	v->clock_comparator = 0;
	v->fpc = 0;
	v->program_param = 0;
	memset(v->crs, 0, sizeof(v->crs));
	v->crs[0] = CR0_INITIAL;
	v->crs[14] = CR14_INITIAL;
	v->iucv_buffer = 0; /* not architected: z/VM retrieves IUCV buffers on a reset */
	v->iucv_mask = v->iucv_control_mask = 0;
	if (kind == VCPU_RESET_INITIAL)
		return;
	memset(v->gprs, 0, sizeof(v->gprs));
	memset(v->vrs, 0, sizeof(v->vrs));
	memset(v->ars, 0, sizeof(v->ars));
	v->pending = 0;
	v->service_param = 0;
}
