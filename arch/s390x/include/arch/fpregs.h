/*
 * The floating-point-control register, the floating-point registers, the vector registers
 * and the access registers (PoP SA22-7832 chapters 2, 5, 9, and the z/Architecture vector
 * facility), one inline per instruction that moves them all at once. CP itself never uses
 * them (it is compiled -msoft-float and has no AR-mode code), so they belong to the guest
 * that runs next: arch/s390x/guest_regs.c loads and stores them around every engine entry.
 * Covered by tests/system/test_vm.py and tests/guest/regs.c.
 */
#ifndef ARCH_FPREGS_H
#define ARCH_FPREGS_H

#include <stdint.h>
#include <arch/ctlreg.h>

/* Facility 129: the vector facility for z/Architecture. */
#define FACILITY_VECTOR 129

static inline void lfpc(uint32_t fpc)
{
	asm volatile("lfpc %0" : : "Q"(fpc));
}

static inline uint32_t stfpc(void)
{
	uint32_t fpc;

	asm volatile("stfpc %0" : "=Q"(fpc));
	return fpc;
}

/* LAM 0,15 and STAM 0,15. */
static inline void lam_all(const uint32_t *ars)
{
	asm volatile("lam 0,15,%0" : : "Q"(*(const uint32_t(*)[16])ars));
}

static inline void stam_all(uint32_t *ars)
{
	asm volatile("stam 0,15,%0" : "=Q"(*(uint32_t(*)[16])ars));
}

/*
 * LD/STD of FPRs 0-15, which are the leftmost halves of VRs 0-15: FPR i is vrs[i][0]
 * (needs CR0 AFP-register control for FPRs other than 0, 2, 4, 6).
 */
static inline void ld_fprs(const uint64_t (*vrs)[2])
{
	asm volatile("ld 0,0(%0)\n\tld 1,16(%0)\n\tld 2,32(%0)\n\tld 3,48(%0)\n\t"
		     "ld 4,64(%0)\n\tld 5,80(%0)\n\tld 6,96(%0)\n\tld 7,112(%0)\n\t"
		     "ld 8,128(%0)\n\tld 9,144(%0)\n\tld 10,160(%0)\n\tld 11,176(%0)\n\t"
		     "ld 12,192(%0)\n\tld 13,208(%0)\n\tld 14,224(%0)\n\tld 15,240(%0)"
		     : : "a"(vrs) : "memory");
}

static inline void std_fprs(uint64_t (*vrs)[2])
{
	asm volatile("std 0,0(%0)\n\tstd 1,16(%0)\n\tstd 2,32(%0)\n\tstd 3,48(%0)\n\t"
		     "std 4,64(%0)\n\tstd 5,80(%0)\n\tstd 6,96(%0)\n\tstd 7,112(%0)\n\t"
		     "std 8,128(%0)\n\tstd 9,144(%0)\n\tstd 10,160(%0)\n\tstd 11,176(%0)\n\t"
		     "std 12,192(%0)\n\tstd 13,208(%0)\n\tstd 14,224(%0)\n\tstd 15,240(%0)"
		     : : "a"(vrs) : "memory");
}

/* VLM/VSTM of VRs 0-31, 16 bytes each (needs CR0 vector enablement). */
static inline void vlm_all(const uint64_t (*vrs)[2])
{
	asm volatile(".machine push\n\t.machine z13\n\t"
		     "vlm 0,15,0(%0)\n\tvlm 16,31,256(%0)\n\t.machine pop"
		     : : "a"(vrs) : "memory");
}

static inline void vstm_all(uint64_t (*vrs)[2])
{
	asm volatile(".machine push\n\t.machine z13\n\t"
		     "vstm 0,15,0(%0)\n\tvstm 16,31,256(%0)\n\t.machine pop"
		     : : "a"(vrs) : "memory");
}

#endif
