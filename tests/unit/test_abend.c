/*
 * Unit tests for CP's abend table (cp/abend.c) and ASSERT (cp/assert.h): codes unique, every
 * code in cp/abend.h has a named row, no hw_panic() in CP's sources takes a raw number, and
 * ASSERT aborts on the host and abends through hw_panic() with ABEND_ASSERT in CP's form.
 */
#include <ctype.h>
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cp/abend.h>
#include <cp/assert.h>
#include "cunit_main.h"
#include "death.h"
#include "fake_hw.h"

static void test_codes_unique_and_named(void)
{
	CU_ASSERT(cp_abend_count >= 7);
	for (unsigned i = 0; i < cp_abend_count; i++) {
		const struct abend_def *a = &cp_abends[i];

		CU_ASSERT_PTR_NOT_NULL_FATAL(a->name);
		CU_ASSERT_PTR_NOT_NULL_FATAL(a->meaning);
		CU_ASSERT(strlen(a->name) > 0 && strlen(a->meaning) > 0);
		for (const char *p = a->name; *p; p++)
			CU_ASSERT(isupper((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_');
		for (unsigned j = i + 1; j < cp_abend_count; j++) {
			CU_ASSERT_NOT_EQUAL(a->code, cp_abends[j].code);
			CU_ASSERT_STRING_NOT_EQUAL(a->name, cp_abends[j].name);
		}
		CU_ASSERT_PTR_EQUAL(abend_lookup(a->code), a);
		CU_ASSERT_STRING_EQUAL(abend_name(a->code), a->name);
	}
}

/* Every "ABEND_X = 0x..." the header defines has a row with that code. */
static void test_every_header_code_in_table(void)
{
	FILE *f = fopen("cp/include/cp/abend.h", "r");
	char line[256];
	unsigned found = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while (fgets(line, sizeof(line), f)) {
		char name[64];
		unsigned code;

		if (sscanf(line, " ABEND_%63[A-Z0-9_] = %x", name, &code) != 2)
			continue;
		found++;
		CU_ASSERT_PTR_NOT_NULL(abend_lookup((uint16_t)code));
		if (abend_lookup((uint16_t)code))
			CU_ASSERT_STRING_EQUAL(abend_lookup((uint16_t)code)->name, name);
	}
	fclose(f);
	CU_ASSERT_EQUAL(found, cp_abend_count);
}

static void test_program_check_family(void)
{
	CU_ASSERT_EQUAL(abend_program_check(0x0004), 0x0104);
	CU_ASSERT_EQUAL(abend_program_check(0x0211), 0x0111); /* only the low byte */
	CU_ASSERT_STRING_EQUAL(abend_name(0x0104), "PROGRAM_CHECK");
	CU_ASSERT_STRING_EQUAL(abend_name(0x01ff), "PROGRAM_CHECK");
	CU_ASSERT_PTR_NULL(abend_lookup(0x0201));
	CU_ASSERT_PTR_NULL(abend_lookup(0x0fff));
	CU_ASSERT_STRING_EQUAL(abend_name(0x0fff), "UNKNOWN");
}

/* CP's and arch's sources (mk/image.mk's CP_SRCS) name every abend: no hw_panic(<digit>. */
static void test_no_raw_abend_codes(void)
{
	static const char *const patterns[] = { "arch/s390x/*.c", "cp/*.c", "cp/*/*.c",
						"console/3270/*.c", "lib/*.c" };
	unsigned files = 0, calls = 0;

	for (size_t p = 0; p < sizeof(patterns) / sizeof(patterns[0]); p++) {
		glob_t g;

		if (glob(patterns[p], 0, NULL, &g) != 0)
			continue;
		for (size_t i = 0; i < g.gl_pathc; i++) {
			FILE *f = fopen(g.gl_pathv[i], "r");
			char line[512];
			unsigned n = 0;

			CU_ASSERT_PTR_NOT_NULL_FATAL(f);
			files++;
			while (fgets(line, sizeof(line), f)) {
				const char *s = line;

				n++;
				while ((s = strstr(s, "hw_panic(")) != NULL) {
					s += strlen("hw_panic(");
					while (*s == ' ')
						s++;
					calls++;
					if (isdigit((unsigned char)*s)) {
						fprintf(stderr, "\n    %s:%u: raw abend code\n",
							g.gl_pathv[i], n);
						CU_FAIL("hw_panic() with a raw code");
					}
				}
			}
			fclose(f);
		}
		globfree(&g);
	}
	CU_ASSERT(files > 50);
	CU_ASSERT(calls >= 7);
}

static int evaluations;

static int count(int v)
{
	evaluations++;
	return v;
}

static void test_assert_holds(void)
{
	evaluations = 0;
	ASSERT(count(1) == 1);
	CU_ASSERT_EQUAL(evaluations, 1); /* evaluated once, never compiled out */
}

static void holding_assert(void)
{
	ASSERT(count(2) == 2);
}

static void failing_assert(void)
{
	volatile int x = 1;

	ASSERT(x == 2);
}

static void test_assert_aborts_on_host(void)
{
	char err[512], want[128];
	const char *rest;
	char *end;

	CU_ASSERT_TRUE(unit_dies(failing_assert, err, sizeof(err)));
	snprintf(want, sizeof(want), "ASSERT x == 2 FAILED AT %s:", __FILE__);
	CU_ASSERT_EQUAL_FATAL(strncmp(err, want, strlen(want)), 0);
	rest = err + strlen(want);
	CU_ASSERT(strtol(rest, &end, 10) > 0);
	CU_ASSERT_STRING_EQUAL(end, "\n");
	/* A holding one in a child returns normally. */
	CU_ASSERT_FALSE(unit_dies(holding_assert, err, sizeof(err)));
	CU_ASSERT_STRING_EQUAL(err, "");
}

/* CP's form, with fake_hw.c's hw_panic() recording instead of stopping. */
static jmp_buf panicked;
static uint16_t panic_code;
static char panic_text[256];

static void record_panic(uint16_t code, const char *text)
{
	panic_code = code;
	snprintf(panic_text, sizeof(panic_text), "%s", text);
	longjmp(panicked, 1);
}

static void test_assert_abends_in_cp(void)
{
	volatile int line = 0;
	int y = 3;

	panic_code = 0;
	fake_panic_hook = record_panic;
	if (!setjmp(panicked)) {
		ASSERT_ABEND(y > 2); /* holds: no abend */
		line = __LINE__ + 1;
		ASSERT_ABEND(y < 2);
		CU_FAIL("ASSERT_ABEND returned");
		return;
	}
	CU_ASSERT_EQUAL(panic_code, ABEND_ASSERT);
	CU_ASSERT_STRING_EQUAL(abend_name(panic_code), "ASSERT");
	{
		char want[128];

		snprintf(want, sizeof(want), "y < 2 AT %s:%d", __FILE__, line);
		CU_ASSERT_STRING_EQUAL(panic_text, want);
	}
}

UNIT_SUITE(abend, UNIT_CASE(test_codes_unique_and_named), UNIT_CASE(test_every_header_code_in_table),
	   UNIT_CASE(test_program_check_family), UNIT_CASE(test_no_raw_abend_codes),
	   UNIT_CASE(test_assert_holds), UNIT_CASE(test_assert_aborts_on_host),
	   UNIT_CASE(test_assert_abends_in_cp))
UNIT_MAIN(UNIT_REG(abend))
