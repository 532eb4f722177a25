/*
 * C side of interruption handling: dispatch by class and code to the drivers, wake CP from
 * its enabled wait, and turn unexpected interruptions into a panic with the details.
 * Covered by tests/system/test_ipl.py and tests/system/test_vm.py.
 */
#include <arch/cpu.h>
#include <arch/hw.h>
#include <arch/intcode.h>
#include <arch/irq.h>
#include <arch/lowcore.h>
#include <cp/abend.h>

struct pgm_expect *pgm_expected;

/*
 * An interruption taken in CP's enabled wait resumes CP after the wait, disabled, so that
 * CP looks at what changed before it allows the next one (see arch_enabled_wait).
 */
static void leave_wait(struct int_frame *frame)
{
	if (frame->old_psw.mask & PSW_MASK_WAIT)
		frame->old_psw.mask &= ~(PSW_MASK_WAIT | PSW_MASK_IO | PSW_MASK_EXT);
}

/* Handles the external interruption described in the lowcore; returns its code. */
uint16_t arch_ext_dispatch(void)
{
	uint16_t code = lowcore->ext_int_code;

	switch (code) {
	case EXT_SERVICE_SIGNAL:
		sclp_service_signal(lowcore->ext_params);
		break;
	case EXT_CLOCK_COMPARATOR:
		timer_clock_comparator();
		break;
	case EXT_CPU_TIMER:
		/* Only guest slices are timed; the condition stays while the timer is negative. */
		spt(INT64_MAX);
		break;
	default:
		break;
	}
	return code;
}

void arch_ext_interrupt(struct int_frame *frame)
{
	uint16_t code = arch_ext_dispatch();

	sie_host_interrupted(frame, code);
	leave_wait(frame);
}

void arch_io_interrupt(struct int_frame *frame)
{
	cio_interrupt(lowcore->subchannel_id, lowcore->io_int_parm);
	sie_host_interrupted(frame, 0);
	leave_wait(frame);
}

void arch_pgm_interrupt(struct int_frame *frame)
{
	uint16_t code = lowcore->pgm_code;
	struct pgm_expect *expect = pgm_expected;

	if (expect && frame->old_psw.addr >= expect->from && frame->old_psw.addr <= expect->to) {
		expect->code = code;
		frame->old_psw.addr = expect->resume;
		return;
	}
	if (sie_host_fault(frame, code, lowcore->trans_exc_id))
		return;
	hw_panic(abend_program_check(code),
		 "PROGRAM CHECK %04x IN CP AT %016llx ILC %u TEID %016llx R14 %016llx R15 %016llx",
		 code, (unsigned long long)frame->old_psw.addr, lowcore->pgm_ilc,
		 (unsigned long long)lowcore->trans_exc_id, (unsigned long long)frame->gprs[14],
		 (unsigned long long)frame->gprs[15]);
}

void arch_svc_interrupt(struct int_frame *frame)
{
	hw_panic(ABEND_UNEXPECTED_SVC, "UNEXPECTED SVC %u AT %016llx", lowcore->svc_code,
		 (unsigned long long)frame->old_psw.addr);
}

void arch_mcck_interrupt(struct int_frame *frame)
{
	hw_panic(ABEND_MACHINE_CHECK, "MACHINE CHECK %016llx AT %016llx",
		 (unsigned long long)lowcore->mcck_code, (unsigned long long)frame->old_psw.addr);
}

void arch_restart_interrupt(struct int_frame *frame)
{
	/* The operator's RESTART key: nothing to do but carry on. */
	(void)frame;
}
