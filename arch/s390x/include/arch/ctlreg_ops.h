/*
 * The two instructions that move control registers (LCTLG, STCTG) and the bit set/clear
 * built on them. Freestanding s390x code only (CP's arch/, CMS, the guest tests); the bits
 * themselves are facts in arch/ctlreg.h.
 * Covered by tests/system/test_ipl.py.
 */
#ifndef ARCH_CTLREG_OPS_H
#define ARCH_CTLREG_OPS_H

#include <stdint.h>
#include <arch/ctlreg.h>

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
