/*
 * CP's first instructions. The same image is entered two ways:
 *  - Hercules IPLs it in ESA/390 mode through an 8-byte IPL PSW (31-bit addressing);
 *  - QEMU's -kernel loader jumps here in z/Architecture 64-bit mode.
 * The code up to "sam64" must therefore be valid ESA/390: it asks SIGP to switch the
 * configuration to z/Architecture (order X'12', parameter 1), which QEMU answers with
 * cc 1 because it is already there, and then enters 64-bit addressing on both.
 * Covered by tests/system/test_ipl.py.
 */
#include <arch/lowcore.h>
#include <arch/sigp.h>

	.section .text.head, "ax"
	.globl	_start
_start:
	basr	%r13, 0
.Lbase:
	lhi	%r1, 1				/* parameter: set z/Architecture mode */
	sr	%r0, %r0			/* CPU address: ignored for this order */
	sigp	%r1, %r0, SIGP_SET_ARCHITECTURE
	sam64
	larl	%r15, boot_stack_top
	aghi	%r15, -160
	xc	0(160, %r15), 0(%r15)
	/* Clear .bss: the binary form of the image carries no zeros for it. */
	larl	%r2, __bss_start
	larl	%r3, __bss_end
.Lclear:
	clgr	%r2, %r3
	jhe	.Lcleared
	mvi	0(%r2), 0
	aghi	%r2, 1
	j	.Lclear
.Lcleared:
	brasl	%r14, arch_boot
	/* arch_boot does not return; stop hard if it ever does. */
	larl	%r1, .Lhalt_psw
	lpswe	0(%r1)

	.balign	8
.Lhalt_psw:
	.quad	0x0002000180000000, 0xbad

	.section .bss.stack, "aw", @nobits
	.balign	4096
	.globl	boot_stack_top
boot_stack:
	.skip	65536
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
