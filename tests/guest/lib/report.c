/*
 * Console output and reporting of the guest runtime: printf into a line buffer sent to the SCLP
 * at each newline, PASS/FAIL/SKIP/INFO lines with a prefix stack, the SUMMARY line, and exit()
 * into a disabled wait whose address is the failure count.
 */
#include <stdarg.h>

#include "guest.h"
#include "sclp.h"

#define LINE_MAX 200 /* longer lines are split: the SCLP shows one message object per request */
#define PREFIXES 8

static char line[LINE_MAX];
static unsigned line_len;

static const char *prefixes[PREFIXES];
static unsigned prefix_depth;

static unsigned tests, failures, skipped;

void console_write_line(const char *text, size_t len)
{
	if (guest_env.console)
		sclp_write_line(text, (unsigned)len);
}

static void flush_line(void)
{
	console_write_line(line, line_len);
	line_len = 0;
}

static void put_char(char c, void *arg)
{
	(void)arg;
	if (c == '\n') {
		flush_line();
		return;
	}
	if (line_len == LINE_MAX)
		flush_line();
	line[line_len++] = c;
}

static int vprintf_console(const char *fmt, va_list ap)
{
	return kvformat(put_char, NULL, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf_console(fmt, ap);
	va_end(ap);
	return n;
}

static void print_prefixes(void)
{
	for (unsigned i = 0; i < prefix_depth; i++)
		printf("%s: ", prefixes[i]);
}

static void vreport_line(const char *tag, const char *fmt, va_list ap)
{
	printf("%s: ", tag);
	print_prefixes();
	vprintf_console(fmt, ap);
	printf("\n");
}

void report(bool pass, const char *fmt, ...)
{
	va_list ap;

	tests++;
	if (!pass)
		failures++;
	va_start(ap, fmt);
	vreport_line(pass ? "PASS" : "FAIL", fmt, ap);
	va_end(ap);
}

void report_skip(const char *fmt, ...)
{
	va_list ap;

	skipped++;
	va_start(ap, fmt);
	vreport_line("SKIP", fmt, ap);
	va_end(ap);
}

void report_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport_line("INFO", fmt, ap);
	va_end(ap);
}

void report_prefix_push(const char *prefix)
{
	if (prefix_depth < PREFIXES)
		prefixes[prefix_depth] = prefix;
	prefix_depth++;
}

void report_prefix_pop(void)
{
	if (prefix_depth)
		prefix_depth--;
}

unsigned report_failures(void)
{
	return failures;
}

int report_summary(void)
{
	if (line_len)
		flush_line();
	printf("SUMMARY: %u tests, %u unexpected failures", tests, failures);
	if (skipped)
		printf(", %u skipped", skipped);
	printf("\n");
	return (int)failures;
}

void report_abort(const char *fmt, ...)
{
	va_list ap;

	tests++;
	failures++;
	if (line_len)
		flush_line();
	va_start(ap, fmt);
	vreport_line("FAIL", fmt, ap);
	va_end(ap);
	exit(report_summary());
}

void disabled_wait(uint64_t addr)
{
	struct psw psw = {.mask = PSW_MASK_64 | PSW_MASK_WAIT, .addr = addr};

	for (;;)
		load_psw(&psw);
}

void exit(int code)
{
	if (line_len)
		flush_line();
	printf("EXIT: STATUS=%d\n", code);
	disabled_wait((uint64_t)(unsigned)code);
}
