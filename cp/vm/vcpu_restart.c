/*
 * SYSTEM RESTART: the restart key of a virtual machine (z/VM CP Commands, SYSTEM). The base
 * virtual CPU, CPU 00, takes a restart interruption (PoP, "Restart Interruption"): its current
 * PSW is stored as the restart old PSW at real X'120' and the restart new PSW is loaded from
 * real X'1A0' (cp/vm/deliver.c, before the CPU runs again). A CPU in the operating state or a
 * disabled wait takes it; a stopped CPU enters the operating state and takes it; a CPU in the
 * check-stop state does not (the caller's message). The machine's other CPUs are not touched.
 * Covered by tests/unit/test_route.c (test_system_restart) and tests/guest/restart.c
 * (tests/system/test_restart.py).
 */
#include <cp/msg.h>
#include <cp/vmm.h>

int vm_system_restart(struct vm *vm)
{
	struct vcpu *v = &vm->vcpu;

	if (v->state == VCPU_CHECK_STOP)
		return MSG_RESTART_CHECK_STOP;
	v->pending |= PEND_RESTART;
	/* An enabled wait ends by itself: the restart is deliverable (dispatch_wake_waiters). */
	if (v->state == VCPU_STOPPED || v->state == VCPU_DISABLED_WAIT)
		dispatch_ready(v);
	return 0;
}
