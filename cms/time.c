/*
 * Time in CMS: the TOD clock, and sleeping in an enabled wait on the clock comparator (PoP
 * "Clock Comparator": an external interruption X'1004' once the TOD clock passes it).
 * Covered by tests/system/test_cms.py.
 */
#include <arch/ctlreg_ops.h>
#include <arch/cpu.h>
#include <arch/tod.h>
#include <cms/cms.h>


uint64_t cms_tod(void)
{
	return stck();
}

void cms_sleep_ms(unsigned ms)
{
	uint64_t until = stck() + us_to_tod(ms * 1000ULL);

	sckc(until);
	ctl_set_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
	while (stck() < until)
		cms_wait(PSW_MASK_EXT);
	ctl_clear_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
}
