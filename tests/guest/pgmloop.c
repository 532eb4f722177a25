/*
 * A guest that lives in a program-interruption loop: its program-new PSW (valid, 64-bit,
 * supervisor, disabled) points at a handler that counts the interruption, checks that it was
 * the addressing exception it expects, and loads from the first byte beyond its storage,
 * which raises the next one. Every turn of the loop is a program interruption CP reflects
 * (an operation exception would not do: SIE delivers those to the guest without an
 * interception). For the fairness test tests/system/test_vm.py::
 * test_program_check_loop_gets_its_share_and_pays_for_it, run beside loop.c; it never ends.
 */
#include "guest.h"
#include "interrupt.h"

uint64_t pgmloop_count;

void pgmloop_unexpected(uint64_t code) __attribute__((noreturn));

void pgmloop_unexpected(uint64_t code)
{
	report(false, "pgmloop: program interruption 0x%04lx, 0x0005 expected after %lu",
	       (unsigned long)code, (unsigned long)pgmloop_count);
	exit(report_summary());
}

/* r3: an address beyond storage; r4: &pgmloop_count; r2: the count. */
asm(".section .text\n"
    ".globl pgmloop_handler\n"
    "pgmloop_handler:\n"
    "	aghi	%r2,1\n"
    "	stg	%r2,0(%r4)\n"
    "	llgh	%r1,142\n" /* the interruption code, lowcore X'8E' */
    "	nill	%r1,0x7f\n"
    "	chi	%r1,5\n"
    "	jne	1f\n"
    "	lg	%r0,0(%r3)\n" /* addressing exception: back to pgmloop_handler */
    "	j	pgmloop_handler\n"
    "1:	lgr	%r2,%r1\n"
    "	brasl	%r14,pgmloop_unexpected\n"
    ".previous\n");

extern char pgmloop_handler[];

int main(void)
{
	report_prefix_push("pgmloop");
	printf("PGMLOOP: program interruptions forever, disabled\n");
	lowcore->pgm_new_psw.mask = PSW_MASK_64;
	lowcore->pgm_new_psw.addr = (uint64_t)(uintptr_t)pgmloop_handler;
	{
		register uint64_t count asm("2") = 0;
		register uint64_t beyond asm("3") = guest_env.storage_size;
		register uint64_t *counter asm("4") = &pgmloop_count;

		/* The first one: code 5, so the handler takes it from there. */
		asm volatile("lg %%r0,0(%1)" : "+d"(count) : "a"(beyond), "a"(counter)
			     : "r0", "r1", "r14", "cc", "memory");
	}
	report(false, "pgmloop: the loop ended");
	return report_summary();
}
