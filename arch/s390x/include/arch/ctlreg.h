/*
 * Control-register bits (PoP SA22-7832, "Control Registers", chapter 4), numbered as in the
 * manual (bit 0 is the most significant). Facts only, no instructions (LCTLG/STCTG are in
 * arch/ctlreg_ops.h): CP (portable and arch), CMS, the guest tests and the host unit tests
 * all use this one set.
 * Covered by tests/unit/test_deliver.c and tests/system/test_vm.py.
 */
#ifndef ARCH_CTLREG_H
#define ARCH_CTLREG_H

#define CR_BIT(n) (1ULL << (63 - (n)))

/* CR0 */
#define CR0_CLOCK_COMPARATOR_SIGN      CR_BIT(10)
#define CR0_SSM_SUPPRESSION            CR_BIT(33)
#define CR0_LOW_ADDRESS_PROTECTION     CR_BIT(35)
#define CR0_EXTRACTION_AUTHORITY       CR_BIT(36)
#define CR0_SECONDARY_SPACE            CR_BIT(37)
#define CR0_AFP_REGISTERS              CR_BIT(45) /* FPRs 1, 3, 5, 7-15 and BFP */
#define CR0_VECTOR_ENABLE              CR_BIT(46)
/* External-interruption subclass masks. */
#define CR0_EMERGENCY_SIGNAL_SUBMASK   CR_BIT(49)
#define CR0_EXTERNAL_CALL_SUBMASK      CR_BIT(50)
#define CR0_CLOCK_COMPARATOR_SUBMASK   CR_BIT(52)
#define CR0_CPU_TIMER_SUBMASK          CR_BIT(53)
#define CR0_SERVICE_SIGNAL_SUBMASK     CR_BIT(54)
#define CR0_INTERRUPT_KEY_SUBMASK      CR_BIT(57)
/* The value after a reset (PoP "Initial Values"). */
#define CR0_INITIAL                    0xe0ULL

/* CR3: PSW-key mask, bits 32-47 for keys 0-15. */
#define CR3_PKM(key) CR_BIT(32 + (key))

/* CR6: I/O-interruption subclass masks, bits 32-39 for ISC 0-7. */
#define CR6_ISC_MASK(isc) CR_BIT(32 + (isc))
#define CR6_ALL_ISCS      (0xffULL << (63 - 39))

/* CR14: machine-check subclass masks; the architected initial value. */
#define CR14_INITIAL 0xc2000000ULL

#endif
