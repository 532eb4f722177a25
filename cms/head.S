/*
 * CMS entry and interruption stubs.
 *
 * CP IPLs CMS at _start (X'100000', the first byte of the shared nucleus segment) in 64-bit
 * mode, disabled, key 0, DAT off. _start takes the private stack, copies the initial values of
 * .data out of the segment, has CP zero .bss and calls cms_main().
 *
 * CMS waits for I/O and timers in one place, cms_wait(): it loads an enabled wait PSW whose
 * interruption's new PSW points at cms_wait_return, which simply returns from cms_wait() -
 * disabled again, every register as it was. No handler, no stack. A program check goes to
 * pgm_entry, which saves the registers and calls cms_program_check() on its own stack; that
 * never returns (CMS abends the command and goes back to the Ready prompt).
 * Covered by tests/system/test_cms.py.
 */
#include <arch/lowcore.h>

#define STACK_SIZE	16384
#define PGM_STACK_SIZE	4096
#define ABI_FRAME	160

	.section .text.head, "ax"
	.globl	_start
_start:
	larl	%r15, cms_stack + STACK_SIZE - ABI_FRAME
	/* .data: its initial values from the segment to private storage (MVCLE, any length). */
	larl	%r2, __data_start
	larl	%r3, __data_end
	sgr	%r3, %r2
	larl	%r4, __data_load
	lgr	%r5, %r3
0:	mvcle	%r2, %r4, 0
	jo	0b
	/*
	 * .bss: zeros. Its pages go back to CP (DIAGNOSE X'10') rather than being cleared
	 * with stores: a page given back reads as zeros and holds no real storage until CMS
	 * touches it, so the 16 KB stack and the buffers an idle user never uses cost nothing.
	 */
	larl	%r2, __bss_start
	larl	%r3, __bss_end
	aghi	%r3, -4096
	diag	%r2, %r3, 0x10
	xc	0(8, %r15), 0(%r15)
	brasl	%r14, cms_main
	j	.

/*
 * cms_wait(mask): wait, enabled for the interruptions in mask (PSW bits, e.g. I/O and
 * external), until one comes. Returns its class: 1 I/O, 2 external.
 */
	.text
	.globl	cms_wait
cms_wait:
	larl	%r1, .Lwait_psw
	oihh	%r2, 0x0002			/* wait (PSW bit 14) */
	oihl	%r2, 0x0001			/* extended addressing (bit 31) */
	oilh	%r2, 0x8000			/* basic addressing (bit 32) */
	stg	%r2, 0(%r1)
	larl	%r3, .Lnever
	stg	%r3, 8(%r1)
	lpswe	0(%r1)
.Lnever:
	j	.Lnever

	.globl	cms_io_return
cms_io_return:
	lghi	%r2, 1
	br	%r14

	.globl	cms_ext_return
cms_ext_return:
	lghi	%r2, 2
	br	%r14

/* Program check: registers to the lowcore save area, then C on the program-check stack. */
	.globl	cms_pgm_entry
cms_pgm_entry:
	stmg	%r0, %r15, LC_SAVE_PGM
	larl	%r15, pgm_stack + PGM_STACK_SIZE - ABI_FRAME
	xc	0(8, %r15), 0(%r15)
	la	%r2, LC_SAVE_PGM
	brasl	%r14, cms_program_check
	j	.

/* cms_restart(fn): abandon the current stack and run fn() on a fresh one (never returns). */
	.globl	cms_restart
cms_restart:
	larl	%r15, cms_stack + STACK_SIZE - ABI_FRAME
	xc	0(8, %r15), 0(%r15)
	basr	%r14, %r2
	j	.

	.section .data
	.balign	8
.Lwait_psw:
	.quad	0, 0

	.bss
	.balign	4096
	.globl	cms_stack
cms_stack:	.skip	STACK_SIZE
pgm_stack:	.skip	PGM_STACK_SIZE

	.section .note.GNU-stack, "", @progbits
