/*
 * Operator output: the one place a line for the operator is written. It goes to the
 * operator's line console and, when OPERATOR is logged on at a 3270 as well, to that screen,
 * so the operator sees the same journal (logon failures, disconnected guests' console lines,
 * machines stopped by the dispatcher) wherever OPERATOR sits. Only lines written before any
 * user exists - the IPL banner - use operator_console_printf(), the line console alone.
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

static void write_line(bool to_3270, const char *line, size_t len)
{
	struct vm *op;

	hw_console_write(line, len);
	if (!to_3270)
		return;
	op = vm_find("OPERATOR");
	if (op && user_term(op))
		term_output(user_term(op), line, len);
}

static void operator_vprintf(bool to_3270, const char *fmt, va_list ap)
{
	char line[OPERATOR_LINE_MAX];

	write_line(to_3270, line, kvsnprintf_stored(line, sizeof(line), fmt, ap));
}

void operator_write(const char *line, size_t len)
{
	write_line(true, line, len);
}

void operator_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	operator_vprintf(true, fmt, ap);
	va_end(ap);
}

void operator_console_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	operator_vprintf(false, fmt, ap);
	va_end(ap);
}

void operator_msg(enum msg_id id, ...)
{
	char line[OPERATOR_LINE_MAX];
	va_list ap;

	va_start(ap, id);
	msg_vformat(line, sizeof(line), id, ap);
	va_end(ap);
	write_line(true, line, strlen(line));
}
