/* Unit tests for the operator console's Tab completion (console/vm64/complete.c). */
#include "../../console/vm64/complete.h"

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

static void test_command_names(void)
{
	const char *out[MAXC];
	size_t n;

	n = cands("QU", out);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(out[0], "QUERY");
	n = cands("q", out); /* any case; completions in upper case */
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(out[0], "QUERY");
	n = cands("sh", out);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(out[0], "SHUTDOWN");
	n = cands("LOG", out);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT(has(out, n, "LOGON") && has(out, n, "LOGOFF"));
	n = cands("  s", out); /* leading blanks */
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT(has(out, n, "SHUTDOWN") && has(out, n, "SET") && has(out, n, "SYSTEM"));
	n = cands("", out); /* every command, nothing else */
	CU_ASSERT_EQUAL(n, 16);
	CU_ASSERT(!has(out, n, "TIME") && !has(out, n, "MAINT") && !has(out, n, "!help"));
	CU_ASSERT_EQUAL(cands("FROB", out), 0);
}

static void test_query_operands(void)
{
	const char *out[MAXC];
	size_t n;

	n = cands("q cpl", out);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(out[0], "CPLEVEL");
	n = cands("QUERY CP", out);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT(has(out, n, "CPLEVEL") && has(out, n, "CPUS"));
	n = cands("Que t", out);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(out[0], "TIME");
	/* QUERY takes a user ID too */
	n = cands("q ma", out);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(out[0], "MAINT");
	n = cands("q user", out);
	CU_ASSERT_EQUAL(n, 33); /* USERS and USER01..USER32 */
	CU_ASSERT(has(out, n, "USERS") && has(out, n, "USER32"));
	/* a QUERY operand is not a command */
	CU_ASSERT_EQUAL(cands("time", out), 0);
	/* nothing after the first operand */
	CU_ASSERT_EQUAL(cands("q time t", out), 0);
}

static void test_user_ids(void)
{
	const char *out[MAXC];
	size_t n;

	n = cands("msg op", out);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(out[0], "OPERATOR");
	n = cands("FORCE USER1", out);
	CU_ASSERT_EQUAL(n, 10);
	CU_ASSERT(has(out, n, "USER10") && has(out, n, "USER19") && !has(out, n, "USER20"));
	n = cands("xautolog ", out);
	CU_ASSERT_EQUAL(n, 34); /* OPERATOR, MAINT, USER01..USER32 */
	n = cands("LOGON user07", out);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(out[0], "USER07");
	/* HELP takes a command name */
	n = cands("help sh", out);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(out[0], "SHUTDOWN");
	/* SHUTDOWN takes nothing */
	CU_ASSERT_EQUAL(cands("SHUTDOWN u", out), 0);
	/* an unknown command: user IDs are the likeliest operand */
	CU_ASSERT_EQUAL(cands("link mai", out), 1);
}

static void test_local_commands(void)
{
	const char *out[MAXC];
	size_t n;

	n = cands("!d", out);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(out[0], "!dial");
	n = cands("!", out);
	CU_ASSERT_EQUAL(n, 3);
	n = cands("!dial USER3", out);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT(has(out, n, "USER30") && has(out, n, "USER32"));
	CU_ASSERT_EQUAL(cands("!help x", out), 0);
	CU_ASSERT_EQUAL(cands("!nosuch x", out), 0);
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
