/*
 * Program checks in CMS. A command that takes a program interruption - a store into the
 * shared nucleus segment (protection), a wild address (addressing) - is abended: CMS says
 * so, z/VM style (DMSABN148T SYSTEM ABEND 0Cx CALLED FROM address), drops what the command
 * held on the heap and returns to the Ready prompt with the interruption code as the return
 * code. The nucleus itself is never changed: CP refuses every store into its pages.
 * Covered by tests/system/test_cms.py.
 */
#include <arch/lowcore.h>
#include <lib/string.h>
#include <cms/cms.h>

static unsigned nesting;

void cms_program_check(const uint64_t *gprs)
{
	uint64_t psw_addr = *(volatile uint64_t *)(LC_PGM_OLD_PSW + 8);
	uint16_t code = *(volatile uint16_t *)LC_PGM_CODE & 0x7f;

	(void)gprs;
	if (nesting++) {
		/* A program check while reporting one: nothing sensible is left to do. */
		for (;;)
			cms_wait(0);
	}
	con_printf("DMSABN148T System abend 0C%X called from %08llX", code,
		   (unsigned long long)psw_addr);
	cms_last_rc = code;
	heap_init(diag_storage_size());
	nesting = 0;
	cms_restart(cms_command_loop);
}
