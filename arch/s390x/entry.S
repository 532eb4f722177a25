/*
 * Interruption entry stubs, one per class. Each saves the 16 general registers in its
 * lowcore save area, picks a stack (CP's current stack when CP itself was interrupted,
 * the kernel stack when a problem-state program was), builds a struct int_frame
 * {gprs[16], old PSW} above a 160-byte ABI save area, and calls the C handler with a
 * pointer to it. On return the (possibly changed) frame is loaded back and the old PSW
 * is resumed with LPSWE.
 *
 * CP runs disabled except while it waits, so an external or I/O interruption never
 * nests within its own class; a program check inside the program-check handler is
 * caught by a nesting count and stops the CPU.
 */
#include <arch/lowcore.h>

#define FRAME_ABI   160
#define FRAME_SIZE  (FRAME_ABI + 128 + 16)
#define FRAME_GPRS  FRAME_ABI
#define FRAME_PSW   (FRAME_ABI + 128)

	.macro	INT_STUB name, save, oldpsw, handler
	.globl	\name
\name:
	stmg	%r0, %r15, \save
	tm	\oldpsw + 1, 0x01		/* problem-state bit (PSW bit 15) */
	jz	1f
	lg	%r15, LC_KERNEL_STACK
1:	aghi	%r15, -FRAME_SIZE
	nill	%r15, 0xfff8
	mvc	FRAME_GPRS(128, %r15), \save
	mvc	FRAME_PSW(16, %r15), \oldpsw
	xc	0(8, %r15), 0(%r15)		/* end of the back chain */
	la	%r2, FRAME_GPRS(%r15)
	brasl	%r14, \handler
	mvc	\oldpsw(16), FRAME_PSW(%r15)
	mvc	\save(128), FRAME_GPRS(%r15)
	lmg	%r0, %r15, \save
	lpswe	\oldpsw
	.endm

	.text
	INT_STUB ext_entry,  LC_SAVE_EXT,  LC_EXT_OLD_PSW,  arch_ext_interrupt
	INT_STUB io_entry,   LC_SAVE_IO,   LC_IO_OLD_PSW,   arch_io_interrupt
	INT_STUB svc_entry,  LC_SAVE_SVC,  LC_SVC_OLD_PSW,  arch_svc_interrupt
	INT_STUB mcck_entry, LC_SAVE_MCCK, LC_MCCK_OLD_PSW, arch_mcck_interrupt
	INT_STUB restart_entry, LC_SAVE_RESTART, LC_RESTART_OLD_PSW, arch_restart_interrupt

/* Program checks inside CP run on the panic stack: CP's own stack may be what failed. */
	.globl	pgm_entry
pgm_entry:
	stmg	%r0, %r15, LC_SAVE_PGM
	tm	LC_PGM_NESTING + 7, 0xff
	jnz	.Lpgm_nested
	mvi	LC_PGM_NESTING + 7, 1
	tm	LC_PGM_OLD_PSW + 1, 0x01
	jz	1f
	lg	%r15, LC_KERNEL_STACK
	j	2f
1:	lg	%r15, LC_PANIC_STACK
2:	aghi	%r15, -FRAME_SIZE
	mvc	FRAME_GPRS(128, %r15), LC_SAVE_PGM
	mvc	FRAME_PSW(16, %r15), LC_PGM_OLD_PSW
	xc	0(8, %r15), 0(%r15)
	la	%r2, FRAME_GPRS(%r15)
	brasl	%r14, arch_pgm_interrupt
	mvi	LC_PGM_NESTING + 7, 0
	mvc	LC_PGM_OLD_PSW(16), FRAME_PSW(%r15)
	mvc	LC_SAVE_PGM(128), FRAME_GPRS(%r15)
	lmg	%r0, %r15, LC_SAVE_PGM
	lpswe	LC_PGM_OLD_PSW
.Lpgm_nested:
	/* A program check while handling one: nothing is trustworthy, stop with code 0xdead. */
	larl	%r1, .Lnested_psw
	lpswe	0(%r1)

/*
 * arch_enabled_wait(mask): load an enabled-wait PSW with the given interruption masks.
 * The interruption handlers clear the wait bit and the masks in the old PSW, so CP
 * resumes here, disabled, after the interruption has been handled.
 */
	.globl	arch_enabled_wait
arch_enabled_wait:
	larl	%r1, .Lwait_psw
	oihh	%r2, 0x0002			/* wait bit */
	oilh	%r2, 0x8000			/* basic addressing bit */
	oihl	%r2, 0x0001			/* extended addressing bit */
	stg	%r2, 0(%r1)
	larl	%r3, .Lwait_return
	stg	%r3, 8(%r1)
	lpswe	0(%r1)
.Lwait_return:
	br	%r14

	.section .rodata
	.balign	8
.Lnested_psw:
	.quad	0x0002000180000000, 0xdead

	.data
	.balign	8
.Lwait_psw:
	.quad	0, 0

	.section .note.GNU-stack, "", @progbits
