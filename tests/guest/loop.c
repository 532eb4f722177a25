/*
 * A guest that never ends: it prints one line and spins in a tight loop, disabled, without ever
 * waiting or calling CP. CP must preempt it (the dispatcher's CPU-timer bound) and keep serving
 * other users and the operator; the test that runs it ends it with a CP command (FORCE, or
 * SYSTEM RESET).
 */
#include "guest.h"

int main(void)
{
	volatile uint64_t spins = 0;

	printf("LOOP: spinning forever, disabled, no DIAG\n");
	for (;;)
		spins++;
}
