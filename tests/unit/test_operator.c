/*
 * Unit tests for operator output (cp/user/operator.c): every line reaches the line console;
 * OPERATOR's 3270 gets it too when OPERATOR is logged on at one, except the lines asked for
 * the line console alone; numbered messages are formatted from the message table.
 */
#include <string.h>
#include <arch/hw.h>
#include <cp/term.h>
#include <cp/user.h>
#include <cp/vmm.h>
#include "cunit_main.h"

/* The line console: the last line written. */
static char fake_console_text[256];

void hw_console_write(const char *text, size_t len)
{
	snprintf(fake_console_text, sizeof(fake_console_text), "%.*s", (int)len, text);
}

static struct vm operator_vm;
static struct user operator_user;
static bool operator_logged_on;
static char fake_term; /* only its address */
static char term_text[512];
static unsigned term_lines;

struct vm *vm_find(const char *userid)
{
	return operator_logged_on && !strcmp(userid, "OPERATOR") ? &operator_vm : NULL;
}

void term_output(struct term *t, const char *text, size_t len)
{
	CU_ASSERT_PTR_EQUAL(t, (struct term *)&fake_term);
	snprintf(term_text, sizeof(term_text), "%.*s", (int)len, text);
	term_lines++;
}

static void setup(bool logged_on, bool at_3270)
{
	memset(&operator_vm, 0, sizeof(operator_vm));
	strcpy(operator_vm.userid, "OPERATOR");
	memset(&operator_user, 0, sizeof(operator_user));
	operator_user.vm = &operator_vm;
	operator_user.term = at_3270 ? (struct term *)&fake_term : NULL;
	operator_vm.user = &operator_user;
	operator_logged_on = logged_on;
	term_text[0] = 0;
	term_lines = 0;
	fake_console_text[0] = 0;
}

static void test_console_and_3270(void)
{
	setup(true, true);
	operator_printf("%-8s: %s", "USER01", "hello");
	CU_ASSERT_STRING_EQUAL(fake_console_text, "USER01  : hello");
	CU_ASSERT_STRING_EQUAL(term_text, "USER01  : hello");
	CU_ASSERT_EQUAL(term_lines, 1);
}

static void test_console_only(void)
{
	setup(true, true);
	operator_console_printf("Devices: %u terminal", 2u);
	CU_ASSERT_STRING_EQUAL(fake_console_text, "Devices: 2 terminal");
	CU_ASSERT_EQUAL(term_lines, 0);
	operator_write("abc", 2);
	CU_ASSERT_STRING_EQUAL(fake_console_text, "ab");
	CU_ASSERT_STRING_EQUAL(term_text, "ab");
	CU_ASSERT_EQUAL(term_lines, 1);
}

static void test_no_3270(void)
{
	setup(false, false); /* at IPL: nobody logged on */
	operator_write("line", 4);
	CU_ASSERT_STRING_EQUAL(fake_console_text, "line");
	CU_ASSERT_EQUAL(term_lines, 0);
	setup(true, false); /* OPERATOR at the line console only */
	operator_write("line", 4);
	CU_ASSERT_STRING_EQUAL(fake_console_text, "line");
	CU_ASSERT_EQUAL(term_lines, 0);
}

static void test_numbered_message(void)
{
	setup(true, true);
	operator_msg(MSG_USER_JOURNAL, "USER01", "logged on", 0x20u);
	CU_ASSERT_STRING_EQUAL(fake_console_text, "VMCLGA060I USER01 logged on at terminal 0020");
	CU_ASSERT_STRING_EQUAL(term_text, fake_console_text);
}

static void test_long_line_cut(void)
{
	char big[400];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	setup(true, true);
	operator_printf("%s", big);
	CU_ASSERT_EQUAL(strlen(term_text), 255);
	CU_ASSERT_EQUAL(strspn(term_text, "x"), 255);
}

UNIT_SUITE(operator, UNIT_CASE(test_console_and_3270), UNIT_CASE(test_console_only),
	   UNIT_CASE(test_no_3270), UNIT_CASE(test_numbered_message), UNIT_CASE(test_long_line_cut))
UNIT_MAIN(UNIT_REG(operator))
