/*
 * The two engines behind the engine contract (cp/engine.h): engine.c picks one at run time and
 * forwards to it. Private to arch/s390x/ (not on the include path); covered by the system
 * tests that run guests on both machines (tests/system/test_vm.py).
 */
#ifndef ARCH_S390X_ENGINE_PRIV_H
#define ARCH_S390X_ENGINE_PRIV_H

#include <stdint.h>
#include <arch/sie.h>
#include <cp/vm.h>

/* Trap-and-emulate (engine_tae.c), for machines without SIE (QEMU's TCG). */
int engine_tae_vcpu_init(struct vcpu *v);
void engine_tae_vcpu_release(struct vcpu *v);
void engine_tae_run(struct vcpu *v, uint64_t slice_us);

/* Interpretive execution (engine_sie.c). */
int engine_sie_vcpu_init(struct vcpu *v);
void engine_sie_vcpu_release(struct vcpu *v);
void engine_sie_run(struct vcpu *v, uint64_t slice_us);

/*
 * sie_enter (entry.S, called only by engine_sie.c): runs the guest under SIE with its r0-r13
 * from gprs until an interception or a host interruption, then stores r0-r13 back. The labels
 * bound the window in which a host interruption ends the SIE.
 */
void sie_enter(struct sie_block *sb, uint64_t *gprs);
extern char sie_window[], sie_insn[], sie_exit[];

#endif
