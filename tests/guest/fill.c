/*
 * FILL: touches every page of its storage once, then checks what it wrote. With more
 * virtual storage than CP has real storage, CP must stop this machine with a message and
 * keep everything else running (tests/system/test_vm.py).
 */
#include "lib/guest.h"

int main(void)
{
	uint64_t pages = 0, bad = 0;

	for (uint64_t a = GUEST_SCRATCH; a + 8 <= guest_env.storage_size; a += 4096, pages++)
		*(volatile uint64_t *)(uintptr_t)a = a;
	for (uint64_t a = GUEST_SCRATCH; a + 8 <= guest_env.storage_size; a += 4096)
		if (*(volatile uint64_t *)(uintptr_t)a != a)
			bad++;
	report(bad == 0, "fill: %llu pages written and read back", (unsigned long long)pages);
	return report_summary();
}
