/*
 * Unit tests for cms/parse.c: CMS command lines split into upper-case words and options,
 * limits on word length and count (refused, never overrun), abbreviations, and the fileid
 * patterns LISTFILE uses (* any string, % one character).
 */
#include <stdlib.h>

#include "cunit_main.h"

#include <cms/parse.h>
#include <lib/string.h>

static void test_words_and_options(void)
{
	struct cms_args a;

	CU_ASSERT_EQUAL(cms_parse("  copyfile mine data a  new = = (replace", &a), 0);
	CU_ASSERT_EQUAL(a.argc, 7);
	CU_ASSERT_STRING_EQUAL(a.argv[0], "COPYFILE");
	CU_ASSERT_STRING_EQUAL(a.argv[4], "NEW");
	CU_ASSERT_STRING_EQUAL(a.argv[6], "=");
	CU_ASSERT_EQUAL(a.optc, 1);
	CU_ASSERT_STRING_EQUAL(a.optv[0], "REPLACE");
	CU_ASSERT_TRUE(cms_has_option(&a, "REPLACE", 3));
	CU_ASSERT_FALSE(cms_has_option(&a, "FORMAT", 1));

	/* "(" glued to a word, and a closing ")". */
	CU_ASSERT_EQUAL(cms_parse("listfile * exec(format)", &a), 0);
	CU_ASSERT_EQUAL(a.argc, 3);
	CU_ASSERT_STRING_EQUAL(a.argv[2], "EXEC");
	CU_ASSERT_EQUAL(a.optc, 1);
	CU_ASSERT_STRING_EQUAL(a.optv[0], "FORMAT");

	CU_ASSERT_EQUAL(cms_parse("", &a), 0);
	CU_ASSERT_EQUAL(a.argc, 0);
	CU_ASSERT_EQUAL(cms_parse("     ", &a), 0);
	CU_ASSERT_EQUAL(a.argc, 0);
}

static void test_limits(void)
{
	struct cms_args a;
	char line[512];

	memset(line, 'x', CMS_WORD_MAX);
	line[CMS_WORD_MAX] = 0;
	CU_ASSERT_EQUAL(cms_parse(line, &a), 0);
	CU_ASSERT_EQUAL(strlen(a.argv[0]), CMS_WORD_MAX);
	line[CMS_WORD_MAX] = 'x';
	line[CMS_WORD_MAX + 1] = 0;
	CU_ASSERT_EQUAL(cms_parse(line, &a), -1);

	line[0] = 0;
	for (int i = 0; i < CMS_MAX_ARGS; i++)
		strcat(line, "w ");
	CU_ASSERT_EQUAL(cms_parse(line, &a), 0);
	CU_ASSERT_EQUAL(a.argc, CMS_MAX_ARGS);
	strcat(line, "one-too-many");
	CU_ASSERT_EQUAL(cms_parse(line, &a), -1);
}

static void test_random_lines_never_overrun(void)
{
	static const char alphabet[] = "ab (=)*%  \t.xyz0123456789";
	struct cms_args a;
	char line[200];

	srand(5);
	for (int round = 0; round < 20000; round++) {
		size_t n = (size_t)rand() % (sizeof(line) - 1);

		for (size_t i = 0; i < n; i++)
			line[i] = alphabet[rand() % (int)(sizeof(alphabet) - 1)];
		line[n] = 0;
		if (cms_parse(line, &a) == 0) {
			CU_ASSERT(a.argc <= CMS_MAX_ARGS && a.optc <= CMS_MAX_ARGS);
			for (int i = 0; i < a.argc; i++)
				CU_ASSERT(strlen(a.argv[i]) >= 1 && strlen(a.argv[i]) <= CMS_WORD_MAX);
		}
	}
}

static void test_abbrev(void)
{
	CU_ASSERT_TRUE(cms_abbrev("L", "LISTFILE", 1));
	CU_ASSERT_TRUE(cms_abbrev("listf", "LISTFILE", 1));
	CU_ASSERT_TRUE(cms_abbrev("LISTFILE", "LISTFILE", 1));
	CU_ASSERT_FALSE(cms_abbrev("LISTFILES", "LISTFILE", 1));
	CU_ASSERT_FALSE(cms_abbrev("CO", "COPYFILE", 4));
	CU_ASSERT_FALSE(cms_abbrev("", "TYPE", 1));
	CU_ASSERT_FALSE(cms_abbrev("", "TYPE", 0)); /* empty is never a command, as in CP */
}

static void test_patterns(void)
{
	CU_ASSERT_TRUE(cms_pattern_match("*", "PROFILE"));
	CU_ASSERT_TRUE(cms_pattern_match("P*", "PROFILE"));
	CU_ASSERT_TRUE(cms_pattern_match("*E", "PROFILE"));
	CU_ASSERT_TRUE(cms_pattern_match("PRO*ILE", "PROFILE"));
	CU_ASSERT_TRUE(cms_pattern_match("PROFILE*", "PROFILE"));
	CU_ASSERT_TRUE(cms_pattern_match("%ROFILE", "PROFILE"));
	CU_ASSERT_TRUE(cms_pattern_match("*F%L*", "PROFILE"));
	CU_ASSERT_FALSE(cms_pattern_match("%", "AB"));
	CU_ASSERT_FALSE(cms_pattern_match("P*X", "PROFILE"));
	CU_ASSERT_FALSE(cms_pattern_match("PROFILES", "PROFILE"));
	CU_ASSERT_FALSE(cms_pattern_match("%%%%%%%%", "PROFILE"));
	CU_ASSERT_TRUE(cms_pattern_match("%%%%%%%", "PROFILE"));
	CU_ASSERT_TRUE(cms_pattern_match("**A**", "A"));
}

UNIT_SUITE(parse, UNIT_CASE(test_words_and_options), UNIT_CASE(test_limits),
	   UNIT_CASE(test_random_lines_never_overrun), UNIT_CASE(test_abbrev),
	   UNIT_CASE(test_patterns))

UNIT_MAIN(UNIT_REG(parse))
