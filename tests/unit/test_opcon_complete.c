/* Unit tests for the operator console's Tab completion (console/vm64/complete.c). */
#include "../../console/vm64/complete.h"

#include <stdio.h>
#include <string.h>

#include "cunit_main.h"

#define MAXC 64

/* The candidates for the word ending at the end of line (starting after the last blank). */
static size_t cands(const char *line, const char **out)
{
	size_t end = strlen(line), start = end;

	while (start > 0 && line[start - 1] != ' ' && line[start - 1] != '\t')
		start--;
	return complete_line(line, start, end, out, MAXC);
}

static int has(const char **out, size_t n, const char *w)
{
	for (size_t i = 0; i < n && i < MAXC; i++)
		if (!strcmp(out[i], w))
			return 1;
	return 0;
}

/*
 * A line, how many candidates it has, and words (separated by blanks) that must be among them
 * and that must not.
 */
struct want {
	const char *line;
	size_t n;
	const char *has, *lacks;
};

/* Whether every word of words is among the candidates (present) or none is (!present). */
static int all_or_none(const char **out, size_t n, const char *words, int present)
{
	char copy[64], *save, *w;

	snprintf(copy, sizeof(copy), "%s", words);
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		if (has(out, n, w) != present)
			return 0;
	return 1;
}

static void check_wants(const struct want *w, size_t count)
{
	const char *out[MAXC];

	for (; count > 0; count--, w++) {
		size_t n = cands(w->line, out);

		if (n != w->n)
			fprintf(stderr, "\"%s\": %zu candidates, wanted %zu\n", w->line, n, w->n);
		CU_ASSERT_EQUAL(n, w->n);
		CU_ASSERT(all_or_none(out, n, w->has, 1));
		CU_ASSERT(all_or_none(out, n, w->lacks, 0));
	}
}

static void test_command_names(void)
{
	static const struct want wants[] = {
		{ "QU", 1, "QUERY", "" },
		{ "q", 1, "QUERY", "" }, /* any case; completions in upper case */
		{ "sh", 1, "SHUTDOWN", "" },
		{ "LOG", 2, "LOGON LOGOFF", "" },
		{ "  s", 3, "SHUTDOWN SET SYSTEM", "" }, /* leading blanks */
		/* every command, nothing else */
		{ "", 16, "", "TIME MAINT !help" },
		{ "FROB", 0, "", "" },
	};

	check_wants(wants, sizeof(wants) / sizeof(wants[0]));
}

static void test_query_operands(void)
{
	static const struct want wants[] = {
		{ "q cpl", 1, "CPLEVEL", "" },
		{ "QUERY CP", 2, "CPLEVEL CPUS", "" },
		{ "Que t", 1, "TIME", "" },
		/* QUERY takes a user ID too */
		{ "q ma", 1, "MAINT", "" },
		{ "q user", 33, "USERS USER32", "" }, /* USERS and USER01..USER32 */
		/* a QUERY operand is not a command */
		{ "time", 0, "", "" },
		/* nothing after the first operand */
		{ "q time t", 0, "", "" },
	};

	check_wants(wants, sizeof(wants) / sizeof(wants[0]));
}

static void test_user_ids(void)
{
	static const struct want wants[] = {
		{ "msg op", 1, "OPERATOR", "" },
		{ "FORCE USER1", 10, "USER10 USER19", "USER20" },
		{ "xautolog ", 34, "", "" }, /* OPERATOR, MAINT, USER01..USER32 */
		{ "LOGON user07", 1, "USER07", "" },
		/* HELP takes a command name */
		{ "help sh", 1, "SHUTDOWN", "" },
		/* SHUTDOWN takes nothing */
		{ "SHUTDOWN u", 0, "", "" },
		/* an unknown command: user IDs are the likeliest operand */
		{ "link mai", 1, "", "" },
	};

	check_wants(wants, sizeof(wants) / sizeof(wants[0]));
}

static void test_local_commands(void)
{
	static const struct want wants[] = {
		{ "!d", 1, "!dial", "" },
		{ "!", 3, "", "" },
		{ "!dial USER3", 3, "USER30 USER32", "" },
		{ "!help x", 0, "", "" },
		{ "!nosuch x", 0, "", "" },
	};

	check_wants(wants, sizeof(wants) / sizeof(wants[0]));
}

static void test_context_mid_line(void)
{
	/* Completing a word in the middle of the line: only the words before it count. */
	const char *line = "q cp  extra";
	const char *out[MAXC];
	size_t n = complete_line(line, 2, 4, out, MAXC);

	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_EQUAL(complete_context(line, 0), WK_COMMAND);
	CU_ASSERT_EQUAL(complete_context(line, 2), WK_QUERY | WK_USERID);
	CU_ASSERT_EQUAL(complete_context(line, 6), 0);
	CU_ASSERT_EQUAL(complete_line(line, 4, 2, out, MAXC), 0); /* end before start */
}

static void test_abbreviations(void)
{
	CU_ASSERT_PTR_NOT_NULL(complete_command("Q", 1));
	CU_ASSERT_STRING_EQUAL(complete_command("q", 1)->word, "QUERY");
	CU_ASSERT_STRING_EQUAL(complete_command("LOG", 3)->word, "LOGOFF");
	CU_ASSERT_STRING_EQUAL(complete_command("LOGON", 5)->word, "LOGON");
	CU_ASSERT_STRING_EQUAL(complete_command("L", 1)->word, "LOGON");
	CU_ASSERT_PTR_NULL(complete_command("SHUT", 4)); /* SHUTDOWN is never abbreviated */
	CU_ASSERT_PTR_NULL(complete_command("QUERYX", 6));
	CU_ASSERT_PTR_NULL(complete_command("", 0));
}

static void test_matches_limit(void)
{
	const char *out[4];

	/* all matches are counted, at most max stored */
	CU_ASSERT_EQUAL(complete_matches(WK_USERID, "USER", 4, out, 4), 32);
	CU_ASSERT_STRING_EQUAL(out[0], "USER01");
	CU_ASSERT_STRING_EQUAL(out[3], "USER04");
}

static void test_table(void)
{
	/* Every word is upper case (commands, operands, user IDs) or a !command, and unique. */
	for (size_t i = 0; i < complete_nwords; i++) {
		const struct cp_word *w = &complete_words[i];

		CU_ASSERT(w->kind == WK_COMMAND || w->kind == WK_QUERY || w->kind == WK_USERID ||
			  w->kind == WK_LOCAL);
		if (w->kind == WK_LOCAL) {
			CU_ASSERT_EQUAL(w->word[0], '!');
		} else {
			for (const char *p = w->word; *p; p++)
				CU_ASSERT((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'));
		}
		if (w->kind == WK_COMMAND) {
			CU_ASSERT(w->abbrev >= 1 && w->abbrev <= strlen(w->word));
		}
		for (size_t j = i + 1; j < complete_nwords; j++)
			CU_ASSERT(strcmp(w->word, complete_words[j].word) != 0);
	}
}

UNIT_SUITE(opcon_complete, UNIT_CASE(test_command_names), UNIT_CASE(test_query_operands),
	   UNIT_CASE(test_user_ids), UNIT_CASE(test_local_commands),
	   UNIT_CASE(test_context_mid_line), UNIT_CASE(test_abbreviations),
	   UNIT_CASE(test_matches_limit), UNIT_CASE(test_table))

UNIT_MAIN(UNIT_REG(opcon_complete))
