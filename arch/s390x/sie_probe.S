/*
 * One guarded SIE instruction, for deciding at IPL whether CP can use interpretive
 * execution. sie_probe_enter(block) returns 0 when SIE ran the guest to an interception;
 * when the machine has no SIE the program-check handler resumes at sie_probe_fault
 * (see arch_probe_sie), which returns 1.
 * Covered by tests/system/test_ipl.py and tests/system/test_vm.py.
 */
	.text
	.globl	sie_probe_enter
	.globl	sie_probe_insn
	.globl	sie_probe_fault
sie_probe_enter:
	stmg	%r6, %r15, 48(%r15)
sie_probe_insn:
	sie	0(%r2)
	lmg	%r6, %r15, 48(%r15)
	lghi	%r2, 0
	br	%r14
sie_probe_fault:
	lmg	%r6, %r15, 48(%r15)
	lghi	%r2, 1
	br	%r14

	.section .note.GNU-stack, "", @progbits
