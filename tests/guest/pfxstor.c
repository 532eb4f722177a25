/*
 * PFXSTOR: sets its prefix into a segment it never touched once CP's real storage has run
 * out (another machine, FILL, takes it all; this one polls QUERY STORAGE by DIAGNOSE X'08'
 * until no frame is free). CP has no frame for the new prefix area, so it must stop the
 * machine (VMCDSP453E) before the guest runs with that prefix; a guest that runs on here
 * reports what its lowcore holds - under the old trap-and-emulate engine, CP's own
 * (tests/system/test_vm.py::test_prefix_under_storage_exhaustion).
 */
#include "lib/guest.h"
#include "lib/diag.h"
#include <lib/ebcdic.h>
#include <lib/string.h>

#define NEW_PREFIX 0x23a000u /* segment 2, never touched; page X'3A' */

/* Free real frames from "FRAMES: n TOTAL, m FREE", or -1. */
static long long free_frames(uint8_t *resp, size_t size)
{
	static const char query[] = "QUERY STORAGE";
	uint8_t cmd[sizeof(query)];
	char text[256];
	uint32_t rc, len;
	const char *p;
	long long n = 0;

	ascii_to_ebcdic(EBCDIC_CP037, cmd, query, sizeof(query) - 1);
	if (diag08((uint64_t)(uintptr_t)cmd, sizeof(query) - 1, (uint64_t)(uintptr_t)resp, size,
		   &rc, &len) != 0 || rc != 0 || len >= sizeof(text))
		return -1;
	ebcdic_to_ascii(EBCDIC_CP037, text, resp, len);
	text[len] = 0;
	for (p = text; *p && strncmp(p, "TOTAL, ", 7) != 0; p++)
		;
	if (!*p)
		return -1;
	for (p += 7; *p >= '0' && *p <= '9'; p++)
		n = n * 10 + (*p - '0');
	return n;
}

int main(void)
{
	uint8_t resp[256];
	long long left = -1;
	uint64_t end;

	report_prefix_push("pfxstor");
	if (!under_vm64()) {
		report_skip("needs CP's real storage to run out");
		return report_summary();
	}
	memset(resp, 0, sizeof(resp)); /* the response buffer has its frame before the poll */
	end = stck() + tod_us(200 * 1000000ULL);
	while (stck() < end) {
		left = free_frames(resp, sizeof(resp));
		if (left == 0)
			break;
		diag44();
	}
	report(left == 0, "real storage exhausted (free frames %lld)", left);
	if (left != 0)
		return report_summary();
	printf("PFXSTOR: setting the prefix to %x\n", NEW_PREFIX);
	spx(NEW_PREFIX);
	/* Only without the fix does the guest get here: CP ran it without a prefix area. */
	report(false, "ran with a prefix area CP has no frame for: program new PSW %016llx %016llx",
	       (unsigned long long)lowcore->pgm_new_psw.mask,
	       (unsigned long long)lowcore->pgm_new_psw.addr);
	return report_summary();
}
