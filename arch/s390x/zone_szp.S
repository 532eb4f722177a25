/*
 * SET ZONE PARAMETER (B23E), guarded: zone_szp(zone, zpb) loads GR1 with the zone and GR2
 * with the zone parameter block's address and returns the condition code; a machine
 * without region relocation program-checks and resumes at zone_szp_fault, which returns -1
 * (see zone.c).
 * Covered by tests/system/test_vm.py (test_fixed_storage_guests).
 */
	.text
	.globl	zone_szp
	.globl	zone_szp_insn
	.globl	zone_szp_fault
zone_szp:
	lgr	%r1, %r2
	lgr	%r2, %r3
zone_szp_insn:
	.insn	s, 0xb23e0000, 0(%r2)
	ipm	%r2
	srl	%r2, 28
	llgfr	%r2, %r2
	br	%r14
zone_szp_fault:
	lghi	%r2, -1
	br	%r14

	.section .note.GNU-stack, "", @progbits
