/*
 * The engine contract: arch/ implements it twice (SIE, trap-and-emulate) and CP picks one at
 * IPL. engine_run() runs a virtual CPU until something needs CP and describes that in
 * v->exit; faults CP resolves by itself (a guest page touched for the first time) never
 * reach the caller.
 */
#ifndef CP_ENGINE_H
#define CP_ENGINE_H

#include <stdint.h>
#include <cp/vm.h>

/* Sets up the engine's per-vcpu state; returns 0 or -1 when no storage is left. */
int engine_vcpu_init(struct vcpu *v);
void engine_vcpu_release(struct vcpu *v);

/* Runs v for at most slice_us microseconds of CPU time; fills v->exit. */
void engine_run(struct vcpu *v, uint64_t slice_us);

#endif
