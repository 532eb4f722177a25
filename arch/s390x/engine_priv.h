/*
 * The two engines behind the engine of the hardware contract (arch/hw.h): IPL picks one
 * (engine.c) and CP calls it through its struct engine_ops. Private to arch/s390x/ (not on the include path); covered by the system
 * tests that run guests on both machines (tests/system/test_vm.py).
 */
#ifndef ARCH_S390X_ENGINE_PRIV_H
#define ARCH_S390X_ENGINE_PRIV_H

#include <stdint.h>
#include <arch/hw.h>
#include <arch/sie.h>
#include <cp/vm.h>

/* Trap-and-emulate (engine_tae.c), for machines without SIE (QEMU's TCG). */
extern const struct engine_ops engine_tae_ops;
/* Interpretive execution (engine_sie.c). */
extern const struct engine_ops engine_sie_ops;

/* Makes e the engine hw_engine() returns; from arch_boot() once the SIE probe has run. */
void arch_engine_select(enum hw_engine e);

/*
 * sie_enter (entry.S, called only by engine_sie.c): runs the guest under SIE with its r0-r13
 * from gprs until an interception or a host interruption, then stores r0-r13 back. The labels
 * bound the window in which a host interruption ends the SIE.
 */
void sie_enter(struct sie_block *sb, uint64_t *gprs);
extern char sie_window[], sie_insn[], sie_exit[];

#endif
