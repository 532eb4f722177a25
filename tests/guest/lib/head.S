/*
 * Entry of every guest test program, and its interruption stubs.
 *
 * CP (or QEMU's -kernel) starts the guest at _start in 64-bit mode, disabled, key 0, supervisor
 * state, DAT off, with any register contents: _start takes its own stack, clears .bss and calls
 * guest_start() (setup.c), which never returns.
 *
 * Each interruption class has its own stub and its own stack, so a program check inside the
 * external-interruption handler (or an external interruption while the program-check handler
 * waits for the console) never overwrites a frame in use. A stub saves the 16 general registers
 * in the lowcore save area of its class, builds a struct guest_frame {gprs[16], old PSW} above a
 * 160-byte ABI save area, calls the C handler with a pointer to it, and resumes the (possibly
 * changed) frame with LPSWE. The handlers run disabled, so a class never nests within itself.
 */
#include <arch/lowcore.h>
/* struct guest_frame offsets: tests/guest/lib/asm-offsets.c */
#include <asm-offsets.h>

#define FRAME_ABI	160	/* the ABI's register save area below a frame */
#define FRAME_SIZE	(FRAME_ABI + GUEST_FRAME_SIZE)
#define FRAME_GPRS	(FRAME_ABI + GUEST_FRAME_GPRS)
#define FRAME_PSW	(FRAME_ABI + GUEST_FRAME_PSW)

#define STACK_SIZE	32768	/* the program's own stack */
#define INT_STACK_SIZE	8192	/* one per interruption class */

	.section .text.head, "ax"
	.globl	_start
_start:
	larl	%r15, guest_stack + STACK_SIZE - FRAME_ABI
	/* Clear .bss (the stack is in it, unused so far) with MVCLE, pad byte 0. */
	larl	%r2, __bss_start
	larl	%r3, __bss_end
	sgr	%r3, %r2
	lghi	%r4, 0
	lghi	%r5, 0
0:	mvcle	%r2, %r4, 0
	jo	0b
	xc	0(8, %r15), 0(%r15)		/* end of the back chain */
	brasl	%r14, guest_start
	j	.

/*
 * The PSW a stub resumes goes through a word of its own above 0x200 rather than back into the
 * old-PSW slot: with low-address protection on (pgm.c), stores below 512 are refused.
 */
#define LC_RESUME_PSW	0x600	/* 16 bytes per class, 0x600-0x65f */

	.macro	INT_STUB name, save, oldpsw, resume, handler, stack
	.globl	\name
\name:
	stmg	%r0, %r15, \save
	larl	%r15, \stack + INT_STACK_SIZE - FRAME_SIZE
	mvc	FRAME_GPRS(128, %r15), \save
	mvc	FRAME_PSW(16, %r15), \oldpsw
	xc	0(8, %r15), 0(%r15)
	la	%r2, FRAME_GPRS(%r15)
	brasl	%r14, \handler
	mvc	\resume(16), FRAME_PSW(%r15)
	mvc	\save(128), FRAME_GPRS(%r15)
	lmg	%r0, %r15, \save
	lpswe	\resume
	.endm

	.text
	INT_STUB ext_entry, LC_SAVE_EXT, LC_EXT_OLD_PSW, LC_RESUME_PSW + 0x00, \
		handle_ext_int, ext_stack
	INT_STUB io_entry, LC_SAVE_IO, LC_IO_OLD_PSW, LC_RESUME_PSW + 0x10, \
		handle_io_int, io_stack
	INT_STUB pgm_entry, LC_SAVE_PGM, LC_PGM_OLD_PSW, LC_RESUME_PSW + 0x20, \
		handle_pgm_int, pgm_stack
	INT_STUB svc_entry, LC_SAVE_SVC, LC_SVC_OLD_PSW, LC_RESUME_PSW + 0x30, \
		handle_svc_int, svc_stack
	INT_STUB mcck_entry, LC_SAVE_MCCK, LC_MCCK_OLD_PSW, LC_RESUME_PSW + 0x40, \
		handle_mcck_int, mcck_stack
	INT_STUB restart_entry, LC_SAVE_RESTART, LC_RESTART_OLD_PSW, LC_RESUME_PSW + 0x50, \
		handle_restart_int, restart_stack

/*
 * enabled_wait(mask): load a wait PSW with the given interruption masks (PSW_MASK_EXT and/or
 * PSW_MASK_IO). The handlers clear the wait bit and those masks in the old PSW of an interrupted
 * wait, so the caller resumes here, disabled, after one interruption has been handled.
 */
	.globl	enabled_wait
enabled_wait:
	larl	%r1, .Lwait_psw
	oihh	%r2, 0x0002			/* wait bit (PSW bit 14) */
	oihl	%r2, 0x0001			/* extended addressing (bit 31) */
	oilh	%r2, 0x8000			/* basic addressing (bit 32) */
	stg	%r2, 0(%r1)
	larl	%r3, .Lwait_return
	stg	%r3, 8(%r1)
	lpswe	0(%r1)
.Lwait_return:
	br	%r14

	.data
	.balign	8
.Lwait_psw:
	.quad	0, 0

	.bss
	.balign	4096
	.globl	guest_stack
guest_stack:	.skip	STACK_SIZE
ext_stack:	.skip	INT_STACK_SIZE
io_stack:	.skip	INT_STACK_SIZE
pgm_stack:	.skip	INT_STACK_SIZE
svc_stack:	.skip	INT_STACK_SIZE
mcck_stack:	.skip	INT_STACK_SIZE
restart_stack:	.skip	INT_STACK_SIZE

	.section .note.GNU-stack, "", @progbits
