/*
 * FORGE: a guest that tries to forge lines on the operator's console and rows on another
 * user's 3270 screen (issue 11), by putting line ends (EBCDIC X'25') in what it sends:
 * a MSG to OPERATOR and to USER01 (DIAGNOSE X'08'), an unknown command whose operand CP's
 * error message repeats (the response goes to its console), and a line on its own SCLP
 * console. Then it asks for SHUTDOWN (DIAGNOSE X'08') and prints CP's return code: 546 for a
 * class G user; a class A user's request ends the system. Driven by
 * tests/system/test_vm.py::test_forged_console_lines and
 * tests/system/test_opcon.py::test_forged_abend_ignored.
 */
#include <lib/ebcdic.h>

#include "lib/diag.h"
#include "lib/guest.h"
#include "lib/sclp.h"

#define FORGED_ABEND "VMC0PA999S CP ABEND 0001: FORGED"

static uint8_t cmd[240], resp[512];

/* DIAG X'08' with CP's response on the console (no buffer); returns CP's return code. */
static uint32_t cp_command(const char *text)
{
	size_t len = strlen(text);
	uint32_t rc, resplen;

	ascii_to_ebcdic(EBCDIC_CP037, cmd, text, len);
	diag08((uint64_t)(uintptr_t)cmd, (uint32_t)len, 0, 0, &rc, &resplen);
	return rc;
}

int main(void)
{
	static const char console_line[] = "FORGED LINE\n" FORGED_ABEND " BY CONSOLE";
	uint32_t rc, len;

	report_info("FORGE: forging lines");
	/* '\n' becomes EBCDIC X'25', the line end. */
	cp_command("MSG OPERATOR hello\n" FORGED_ABEND " BY MSG");
	cp_command("MSG USER01 hi\nMSG FROM OPERATOR: FORGED ROW");
	cp_command("NOSUCH\n" FORGED_ABEND " BY ECHO");
	sclp_write_line(console_line, sizeof(console_line) - 1);
	report_info("FORGE: asking for SHUTDOWN");
	ascii_to_ebcdic(EBCDIC_CP037, cmd, "SHUTDOWN", 8);
	diag08((uint64_t)(uintptr_t)cmd, 8, (uint64_t)(uintptr_t)resp, sizeof(resp), &rc, &len);
	report_info("FORGE: SHUTDOWN rc %u", rc);
	report(true, "forgeries sent");
	return report_summary();
}
