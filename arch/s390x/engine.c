/*
 * Picks the engine IPL chose and forwards the engine contract (cp/engine.h) to it.
 */
#include <arch/hw.h>
#include <cp/engine.h>
#include "engine_priv.h"

static bool use_sie(void)
{
	return hw_info()->engine == HW_ENGINE_SIE;
}

int engine_vcpu_init(struct vcpu *v)
{
	return use_sie() ? engine_sie_vcpu_init(v) : engine_tae_vcpu_init(v);
}

void engine_vcpu_release(struct vcpu *v)
{
	if (use_sie())
		engine_sie_vcpu_release(v);
	else
		engine_tae_vcpu_release(v);
}

void engine_run(struct vcpu *v, uint64_t slice_us)
{
	if (use_sie())
		engine_sie_run(v, slice_us);
	else
		engine_tae_run(v, slice_us);
}
