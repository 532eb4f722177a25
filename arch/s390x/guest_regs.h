/*
 * The guest's floating-point, vector and access registers and FPC on the real CPU
 * (arch/s390x/guest_regs.c): each engine loads them before entering the guest and stores
 * them after the exit. Private to arch/s390x/ (not on the include path); covered by
 * tests/guest/regs.c, run on both engines by tests/system/test_vm.py.
 */
#ifndef ARCH_S390X_GUEST_REGS_H
#define ARCH_S390X_GUEST_REGS_H

#include <stdint.h>
#include <cp/vm.h>

/* Loads v's FPC, access registers and FPRs (or VRs) into the real CPU. */
void guest_regs_load(const struct vcpu *v);
/* Stores the real CPU's FPC, access registers and FPRs (or VRs) into v. */
void guest_regs_store(struct vcpu *v);
/* The CR0 register controls (AFP registers, vector enablement) this machine has. */
uint64_t guest_regs_cr0_bits(void);

#endif
