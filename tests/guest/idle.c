/*
 * IDLE: a machine with nothing to do. It says nothing and sits in an enabled wait for good,
 * the way an idle operating system waits for work; CP should spend nothing on it. Used by
 * the 200-idle-machines test and the real-storage-per-idle-machine benchmark.
 */
#include "lib/guest.h"

int main(void)
{
	for (;;)
		enabled_wait(PSW_MASK_EXT | PSW_MASK_IO);
	return 0;
}
