/*
 * TOD clock and waiting: CP waits for interruptions in an enabled-wait PSW, with the clock
 * comparator as the alarm for bounded waits (PoP SA22-7832, "Timing", chapter 4).
 * Covered by tests/system/test_ipl.py, tests/system/test_vm.py and tests/guest/timer.c.
 */
#include <arch/cio_api.h>
#include <arch/cpu.h>
#include <arch/ctlreg_ops.h>
#include <arch/hw.h>
#include <arch/irq.h>
#include <arch/psw.h>
#include <arch/tod.h>
#include "arch_priv.h"
#include "vserial.h"

#define CKC_NEVER UINT64_MAX

static uint64_t idle_tod;

uint64_t hw_tod_clock(void)
{
	return stck();
}

void timer_clock_comparator(void)
{
	/* The condition stays while TOD > CKC: push the comparator out of reach. */
	sckc(CKC_NEVER);
}

uint64_t hw_idle_time(void)
{
	return idle_tod;
}

void arch_wait_device(uint64_t timeout_us)
{
	if (timeout_us) {
		sckc(stck() + us_to_tod(timeout_us));
		ctl_set_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
	}
	uint64_t start = stck();

	arch_enabled_wait(PSW_MASK_IO | PSW_MASK_EXT | PSW_MASK_MCHECK);
	idle_tod += stck() - start;
	if (timeout_us)
		sckc(CKC_NEVER);
}

/*
 * Whether an interruption already noted work that CP has not looked at: operator input, a
 * terminal's status, a port's event. CP's main loop looks for work, then does it, and that
 * work can wait enabled in a driver (an SCLP write, a channel program), where an
 * interruption for other work is taken and only noted. Nothing would wake CP for it again:
 * QEMU's line console, for one, signals an operator's line once and takes no more input
 * until CP reads it. CP runs disabled, so this check, made just before the enabled wait,
 * cannot miss one.
 */
static bool work_noted(void)
{
	return opcon_input_pending() || cio_async_pending() || vserial_pending();
}

bool hw_work_pending(void)
{
	return work_noted();
}

void hw_wait(uint64_t timeout_us)
{
	/* With work noted, no sleep: only a microsecond's window for interruptions already
	 * pending, so that a caller polling in a loop (term_flush) still sees them. */
	arch_wait_device(work_noted() ? 1 : timeout_us);
}
