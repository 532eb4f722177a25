/*
 * Operator output: the one place a line for the operator is written. It goes to the
 * operator's line console and, when OPERATOR is logged on at a 3270 as well, to that screen,
 * so the operator sees the same journal (logon failures, disconnected guests' console lines,
 * machines stopped by the dispatcher) wherever OPERATOR sits. Only lines written before any
 * user exists - the IPL banner - ask for the line console alone (OPER_CONSOLE_ONLY).
 * Test: tests/unit/test_operator.c (and test_dispatch.c for the dispatcher's messages).
 */
#include <arch/hw.h>
#include <cp/msg.h>
#include <cp/term.h>
#include <cp/user.h>
#include <cp/vmm.h>
#include <lib/format.h>
#include <lib/string.h>

#define OPERATOR_LINE_MAX 256

void operator_write(enum oper_to to, const char *line, size_t len)
{
	struct vm *op;

	hw_console_write(line, len);
	if (to == OPER_CONSOLE_ONLY)
		return;
	op = vm_find("OPERATOR");
	if (op && op->term)
		term_output(op->term, line, len);
}

void operator_printf(enum oper_to to, const char *fmt, ...)
{
	char line[OPERATOR_LINE_MAX];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = kvsnprintf_stored(line, sizeof(line), fmt, ap);
	va_end(ap);
	operator_write(to, line, n);
}

void operator_msg(enum msg_id id, ...)
{
	char line[OPERATOR_LINE_MAX];
	va_list ap;

	va_start(ap, id);
	msg_vformat(line, sizeof(line), id, ap);
	va_end(ap);
	operator_write(OPER_CONSOLE_AND_3270, line, strlen(line));
}
