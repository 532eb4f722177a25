/*
 * Interruption entry stubs, one per class.
 *
 * From CP (supervisor state): save the 16 general registers in the class's lowcore save
 * area, build a struct int_frame {gprs[16], old PSW} below CP's current stack pointer above a
 * 160-byte ABI area, call the C handler, load the (possibly changed) frame back and resume
 * the old PSW. CP runs disabled except while it waits or runs SIE, so an external or I/O
 * interruption never nests within its own class.
 *
 * From a guest (problem state, the trap-and-emulate engine): store the guest's registers and
 * old PSW in the context tae_enter() was given, and return from tae_enter() with the class.
 * Covered by tests/system/test_ipl.py and tests/system/test_vm.py.
 */
#include <arch/lowcore.h>
/* struct int_frame, struct tae_ctx and struct sie_block offsets, enum int_class:
 * arch/s390x/asm-offsets.c */
#include <asm-offsets.h>

#define FRAME_ABI   160 /* the ABI's register save area below a frame */
#define FRAME_SIZE  (FRAME_ABI + INT_FRAME_SIZE)
#define FRAME_GPRS  (FRAME_ABI + INT_FRAME_GPRS)
#define FRAME_PSW   (FRAME_ABI + INT_FRAME_PSW)

	.macro	GUEST_EXIT save, oldpsw, cls
	lg	%r1, LC_GUEST_CTX
	mvc	TAE_CTX_GPRS(128, %r1), \save
	mvc	TAE_CTX_PSW(16, %r1), \oldpsw
	lghi	%r2, \cls
	lmg	%r6, %r15, TAE_CTX_HOST(%r1)
	br	%r14
	.endm

	.macro	INT_STUB name, save, oldpsw, handler, cls
	.globl	\name
\name:
	stmg	%r0, %r15, \save
	tm	\oldpsw + 1, 0x01		/* problem-state bit (PSW bit 15): a guest */
	jnz	.L\name\()_guest
	aghi	%r15, -FRAME_SIZE
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
.L\name\()_guest:
	GUEST_EXIT \save, \oldpsw, \cls
	.endm

	.text
	INT_STUB ext_entry,  LC_SAVE_EXT,  LC_EXT_OLD_PSW,  arch_ext_interrupt, INT_CLASS_EXT
	INT_STUB io_entry,   LC_SAVE_IO,   LC_IO_OLD_PSW,   arch_io_interrupt, INT_CLASS_IO
	INT_STUB svc_entry,  LC_SAVE_SVC,  LC_SVC_OLD_PSW,  arch_svc_interrupt, INT_CLASS_SVC
	INT_STUB mcck_entry, LC_SAVE_MCCK, LC_MCCK_OLD_PSW, arch_mcck_interrupt, INT_CLASS_MCCK
	INT_STUB restart_entry, LC_SAVE_RESTART, LC_RESTART_OLD_PSW, arch_restart_interrupt, \
		 INT_CLASS_RESTART

/* Program checks inside CP run on the panic stack: CP's own stack may be what failed. */
	.globl	pgm_entry
pgm_entry:
	stmg	%r0, %r15, LC_SAVE_PGM
	tm	LC_PGM_OLD_PSW + 1, 0x01
	jnz	.Lpgm_guest
	tm	LC_PGM_NESTING + 7, 0xff
	jnz	.Lpgm_nested
	mvi	LC_PGM_NESTING + 7, 1
	lg	%r15, LC_PANIC_STACK
	aghi	%r15, -FRAME_SIZE
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
.Lpgm_guest:
	/*
	 * Trap-and-emulate's quickest exit: the guest's DIAG X'44' (base 0, displacement X'044':
	 * a yield) when the engine said, before the entry, that a yield has nobody to yield to
	 * and the guest is in the supervisor state (engine_tae.c, LC_TAE_FAST). The simulation
	 * of that DIAG is nothing, so the guest goes on at once, its PSW already past the
	 * instruction (privileged operation suppresses) and its condition code kept. Only a
	 * privileged-operation exception of a 4-byte instruction whose text, read through the
	 * guest's own translation (CR1's tables, the guest's space), is that DIAG; anything
	 * else, a page crossing or a translation that fails, goes to CP as before. Host
	 * interruptions that came meanwhile are pending and taken at the LPSWE into the guest.
	 */
	cli	LC_TAE_FAST + 7, 0
	je	.Lpgm_to_cp
	clhhsi	LC_PGM_CODE, 0x0002		/* privileged operation, no PER event */
	jne	.Lpgm_to_cp
	clhhsi	LC_PGM_ILC, 4
	jne	.Lpgm_to_cp
	lg	%r1, LC_PGM_OLD_PSW + 8
	aghi	%r1, -4
	lghi	%r2, 0xfff
	ngr	%r2, %r1
	clgfi	%r2, 0xffc			/* the 4 bytes within one page */
	jh	.Lpgm_to_cp
	/* The guest's translation by hand (QEMU 7.2's LRA does not translate while DAT is off):
	 * CR1 designates the guest's segment table (arch/dat.h); an invalid entry, an index
	 * beyond the table's length or another kind of ASCE goes to CP. */
	stctg	1, 1, LC_TAE_SCRATCH
	lg	%r3, LC_TAE_SCRATCH
	tmll	%r3, 0x2c			/* real space, region-table types */
	jnz	.Lpgm_to_cp
	srlg	%r4, %r1, 20			/* segment index */
	lghi	%r5, 3
	ngr	%r5, %r3
	aghi	%r5, 1
	sllg	%r5, %r5, 9			/* entries: 512 per 4 KB of table */
	clgr	%r4, %r5
	jhe	.Lpgm_to_cp
	nill	%r3, 0xf000			/* segment-table origin */
	sllg	%r4, %r4, 3
	lg	%r3, 0(%r4, %r3)
	tmll	%r3, 0x20			/* STE_INVALID */
	jnz	.Lpgm_to_cp
	nill	%r3, 0xf800			/* page-table origin */
	srlg	%r4, %r1, 12
	lghi	%r5, 0xff
	ngr	%r4, %r5			/* page index */
	sllg	%r4, %r4, 3
	lg	%r3, 0(%r4, %r3)
	tmll	%r3, 0x400			/* PTE_INVALID */
	jnz	.Lpgm_to_cp
	nill	%r3, 0xf000			/* the frame */
	lghi	%r4, 0xfff
	ngr	%r4, %r1
	l	%r2, 0(%r4, %r3)
	nilh	%r2, 0xff00			/* DIAG's R1/R3 do not matter */
	clfi	%r2, 0x83000044
	jne	.Lpgm_to_cp
	agsi	LC_TAE_FAST_COUNT, 1
	lmg	%r0, %r15, LC_SAVE_PGM
	lpswe	LC_PGM_OLD_PSW
.Lpgm_to_cp:
	GUEST_EXIT LC_SAVE_PGM, LC_PGM_OLD_PSW, INT_CLASS_PGM
.Lpgm_nested:
	/* A program check while handling one: nothing is trustworthy, stop with code 0xdead. */
	larl	%r1, .Lnested_psw
	lpswe	0(%r1)

/*
 * int tae_enter(struct tae_ctx *ctx): run a guest in problem state with the registers and
 * PSW in ctx until its next interruption; returns the interruption class, with the guest's
 * registers and old PSW stored back in ctx.
 */
	.globl	tae_enter
tae_enter:
	stmg	%r6, %r15, TAE_CTX_HOST(%r2)
	stg	%r2, LC_GUEST_CTX
	mvc	LC_TAE_PSW(16), TAE_CTX_PSW(%r2)
	lmg	%r0, %r15, TAE_CTX_GPRS(%r2)
	lpswe	LC_TAE_PSW

/*
 * void sie_enter(struct sie_block *sb, uint64_t *gprs): run a guest under SIE with its
 * r0-r13 from gprs (r14/r15 live in the state description) until an interception or a host
 * interruption, then store r0-r13 back. Host interruptions are enabled only from the STOSM
 * to the SIE; one taken at sie_window..sie_insn resumes at sie_exit (engine_sie.c).
 *
 * The SIE engine's quickest exit: the guest's DIAG X'44' (base 0, displacement X'044': a
 * yield) when the engine said, before the call, that a yield has nobody to yield to and no
 * interruption could be waiting for the guest (engine_sie.c, LC_SIE_FAST). Its simulation
 * is nothing: the machine left the guest PSW past the DIAG with its condition code, as for
 * every instruction interception (icpt_instruction's PSW), and r0-r13 are still the
 * guest's here, so the guest is entered again at once, the DIAG counted (LC_SIE_FAST_COUNT).
 * Only an instruction interception of that DIAG in the supervisor state; anything else
 * returns as before. A host interruption that came meanwhile is pending and taken in the
 * window before the next SIE, which ends the call (the host CPU timer ends the slice so);
 * one taken at sie_exit itself (after the interception, before the STNSM) clears
 * LC_SIE_FAST, so the interception goes back to C.
 */
	.globl	sie_enter
	.globl	sie_window
	.globl	sie_insn
	.globl	sie_exit
sie_enter:
	stmg	%r6, %r14, 48(%r15)
	aghi	%r15, -176
	stg	%r3, 160(%r15)
	lgr	%r14, %r2
	lmg	%r0, %r13, 0(%r3)
sie_window:
	stosm	LC_SIE_SCRATCH, 0x03		/* enable I/O and external interruptions */
sie_insn:
	sie	0(%r14)
sie_exit:
	stnsm	LC_SIE_SCRATCH, 0xfc		/* and disable them again */
	cli	LC_SIE_FAST + 7, 0
	je	.Lsie_out
	cli	SIE_SB_ICPTCODE(%r14), SIE_ICPT_INST
	jne	.Lsie_out
	cli	SIE_SB_IPA(%r14), 0x83		/* DIAG; R1 and R3 do not matter */
	jne	.Lsie_out
	clhhsi	SIE_SB_IPB(%r14), 0x0044	/* B2 0, D2 X'044' */
	jne	.Lsie_out
	tm	SIE_SB_GPSW + 1(%r14), 0x01	/* problem state: not a yield but an exception */
	jnz	.Lsie_out
	agsi	LC_SIE_FAST_COUNT, 1
	mvi	SIE_SB_ICPTCODE(%r14), 0	/* a host interruption does not store one */
	j	sie_window
.Lsie_out:
	lg	%r14, 160(%r15)
	stmg	%r0, %r13, 0(%r14)
	aghi	%r15, 176
	lmg	%r6, %r14, 48(%r15)
	br	%r14

/*
 * arch_enabled_wait(mask): load an enabled-wait PSW with the given interruption masks.
 * The interruption handlers clear the wait bit and the masks in the old PSW, so CP resumes
 * here, disabled, after the interruption has been handled.
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
