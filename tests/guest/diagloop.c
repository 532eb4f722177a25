/*
 * A guest that yields forever: it prints one line and then issues DIAG X'44' in a tight loop,
 * disabled, in the supervisor state. Alone on the run queue each yield is nothing, and the
 * SIE engine resumes it past the DIAG without CP's C code (entry.S, sie_enter; under QEMU the
 * program-interruption entry does the same); CP must still end its slices, charge it and serve
 * the operator, and with another machine ready every yield must give the CPU away.
 * For tests/system/test_vm.py::test_yield_loop_is_preempted_and_yields; it never ends.
 */
#include "diag.h"
#include "guest.h"

int main(void)
{
	printf("DIAGLOOP: yielding forever, disabled\n");
	for (;;)
		diag44();
}
