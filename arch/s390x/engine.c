/*
 * The engine of the hardware contract (arch/hw.h): IPL picks SIE or trap-and-emulate once
 * (arch_engine_select() from setup.c) and hw_engine() hands CP its operations from then on.
 * Covered by the system tests that run guests on both machines (tests/system/test_vm.py).
 */
#include <arch/hw.h>
#include "engine_priv.h"

static const struct engine_ops *engine = &engine_tae_ops;

void arch_engine_select(enum hw_engine e)
{
	engine = e == HW_ENGINE_SIE ? &engine_sie_ops : &engine_tae_ops;
}

const struct engine_ops *hw_engine(void)
{
	return engine;
}
