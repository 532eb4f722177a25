/*
 * The restart key of a virtual machine, CP's SYSTEM RESTART: a restart interruption stores the
 * current PSW at real X'120' (restart old PSW) and loads the restart new PSW from X'1A0' (the
 * runtime's handler, which counts it and resumes at the old PSW). Four ways in, each checked
 * by the old PSW it leaves: DIAGNOSE X'08' SYSTEM RESTART from the guest itself (the PSW after
 * the DIAGNOSE); and, typed by its user at the terminal (tests/system/test_restart.py), #CP
 * SYSTEM RESTART while it sits in an enabled wait (the wait PSW), SYSTEM RESTART in CP READ
 * after a disabled wait (that wait PSW; the machine runs on), and after the CPU stopped itself
 * with SIGP stop (the PSW after the SIGP; the stopped CPU starts). Needs VM/64 and a user at a
 * terminal: bare it only reports the restart new PSW it set.
 */
#include <lib/ebcdic.h>
#include "diag.h"
#include "guest.h"

#define WAIT_PSW_MASK_EXT (PSW_MASK_64 | PSW_MASK_EXT | PSW_MASK_WAIT)
#define WAIT_PSW_MASK_OFF (PSW_MASK_64 | PSW_MASK_WAIT)

/* Checks the restart taken since count was before: one, its old PSW mask and address. */
static void check_restart(const char *what, unsigned before, uint64_t mask, uint64_t addr)
{
	struct psw old = restart_int_old_psw();

	report(restart_int_count() == before + 1, "%s: one restart interruption (got %u)", what,
	       restart_int_count() - before);
	report(old.mask == mask && old.addr == addr,
	       "%s: old PSW %016lx %016lx (expected %016lx %016lx)", what, (unsigned long)old.mask,
	       (unsigned long)old.addr, (unsigned long)mask, (unsigned long)addr);
}

static void by_diag08(void)
{
	static uint8_t cmd[16];
	static const char text[] = "SYSTEM RESTART";
	unsigned before = restart_int_count();
	unsigned long after;

	ascii_to_ebcdic(EBCDIC_CP037, cmd, text, sizeof(text) - 1);
	{
		/* set after the call, which may use these registers */
		register unsigned long rx asm("2") = (unsigned long)cmd;
		register unsigned long ry asm("4") = sizeof(text) - 1;

		asm volatile("larl %0,0f\n\tdiag %1,%2,0x08\n0:"
			     : "=&a"(after), "+d"(rx), "+d"(ry)
			     :
			     : "cc", "memory");
	}
	check_restart("DIAG X'08' SYSTEM RESTART", before, PSW_MASK_64, after);
}

/* Waits with mask (enabled or not) until a restart interruption ends the wait. */
static void wait_for_restart(const char *what, uint64_t mask)
{
	static struct psw wait;
	unsigned before = restart_int_count();
	unsigned long at;

	wait.mask = mask;
	printf("RESTART: %s: waiting for SYSTEM RESTART\n", what);
	do {
		/* Any external interruption that comes instead ends the wait too: wait again. */
		asm volatile("larl %0,0f\n\tstg %0,8(%1)\n\tlpswe 0(%1)\n0:"
			     : "=&a"(at)
			     : "a"(&wait)
			     : "cc", "memory");
	} while (restart_int_count() == before);
	check_restart(what, before, mask, at);
}

static void stopped(void)
{
	const char *what = "SIGP stop to itself";
	unsigned before = restart_int_count();
	unsigned long after;
	uint16_t self = stap();

	printf("RESTART: %s: waiting for SYSTEM RESTART\n", what);
	register unsigned long r1 asm("1") = 0;
	asm volatile("larl %0,0f\n\tsigp %1,%2,0(%3)\n0:"
		     : "=&a"(after), "+d"(r1)
		     : "d"((unsigned long)self), "a"((unsigned long)SIGP_STOP)
		     : "cc", "memory");
	check_restart(what, before, PSW_MASK_64, after);
}

int main(void)
{
	struct psw *restart_new = (struct psw *)0x1a0;

	report_prefix_push("restart");
	report(restart_new->mask == PSW_MASK_64 && restart_new->addr != 0,
	       "restart new PSW at X'1A0': %016lx %016lx", (unsigned long)restart_new->mask,
	       (unsigned long)restart_new->addr);
	if (!under_vm64()) {
		report_skip("SYSTEM RESTART: needs VM/64 and a user at a terminal");
		return report_summary();
	}
	by_diag08();
	wait_for_restart("enabled wait", WAIT_PSW_MASK_EXT);
	wait_for_restart("disabled wait", WAIT_PSW_MASK_OFF);
	stopped();
	report_prefix_pop();
	return report_summary();
}
