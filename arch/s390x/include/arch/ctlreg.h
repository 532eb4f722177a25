/*
 * Control registers (PoP SA22-7832, "Control Registers", chapter 4) and the two
 * instructions that move them.
 */
#ifndef ARCH_CTLREG_H
#define ARCH_CTLREG_H

#include <stdint.h>

#define CR_BIT(n) (1ULL << (63 - (n)))

/* CR0 external-interruption subclass masks. */
#define CR0_CLOCK_COMPARATOR_SUBMASK CR_BIT(52)
#define CR0_CPU_TIMER_SUBMASK        CR_BIT(53)
#define CR0_SERVICE_SIGNAL_SUBMASK   CR_BIT(54)
#define CR0_INTERRUPT_KEY_SUBMASK    CR_BIT(57)
#define CR0_EXTERNAL_CALL_SUBMASK    CR_BIT(50)
#define CR0_EMERGENCY_SIGNAL_SUBMASK CR_BIT(49)

/* CR6: I/O-interruption subclass masks, bits 32-39 for ISC 0-7. */
#define CR6_ISC_MASK(isc) CR_BIT(32 + (isc))

/* CR14: machine-check subclass masks; the architected initial value. */
#define CR14_INITIAL 0xc2000000ULL

static inline void lctlg(int cr, uint64_t value)
{
	/* LCTLG takes register numbers as immediates: one asm per register used. */
	switch (cr) {
	case 0: asm volatile("lctlg 0,0,%0" : : "Q"(value) : "memory"); break;
	case 1: asm volatile("lctlg 1,1,%0" : : "Q"(value) : "memory"); break;
	case 6: asm volatile("lctlg 6,6,%0" : : "Q"(value) : "memory"); break;
	case 13: asm volatile("lctlg 13,13,%0" : : "Q"(value) : "memory"); break;
	case 14: asm volatile("lctlg 14,14,%0" : : "Q"(value) : "memory"); break;
	default: break;
	}
}

static inline uint64_t stctg(int cr)
{
	uint64_t value = 0;

	switch (cr) {
	case 0: asm volatile("stctg 0,0,%0" : "=Q"(value)); break;
	case 1: asm volatile("stctg 1,1,%0" : "=Q"(value)); break;
	case 6: asm volatile("stctg 6,6,%0" : "=Q"(value)); break;
	case 13: asm volatile("stctg 13,13,%0" : "=Q"(value)); break;
	case 14: asm volatile("stctg 14,14,%0" : "=Q"(value)); break;
	default: break;
	}
	return value;
}

static inline void ctl_set_bits(int cr, uint64_t bits)
{
	lctlg(cr, stctg(cr) | bits);
}

static inline void ctl_clear_bits(int cr, uint64_t bits)
{
	lctlg(cr, stctg(cr) & ~bits);
}

#endif
