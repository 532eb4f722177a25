/*
 * A guest test program's way in on bare Hercules, which IPLs in ESA/390 mode: the IPL PSW
 * (31-bit) points here, at 0x18000, below the image. Until SAM64 every instruction is valid
 * ESA/390: SIGP SET ARCHITECTURE (X'12', parameter 1) switches the machine to z/Architecture,
 * then the guest's _start at 0x20000 runs as it would under CP or QEMU: 64-bit, disabled.
 * Not part of any guest image (mk/guest.mk builds it apart, for build/guest/hercules-NAME/).
 */
#include <arch/sigp.h>

	.text
	.globl	hercules_ipl
hercules_ipl:
	lhi	%r1, 1
	sr	%r0, %r0
	sigp	%r1, %r0, SIGP_SET_ARCHITECTURE
	sam64
	llilh	%r1, 0x0002			/* 0x20000, whatever the high halves held */
	br	%r1

	.section .note.GNU-stack, "", @progbits
