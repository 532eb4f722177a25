/*
 * Tab completion: the table of words the operator may complete, and the rules for which
 * kind fits where. To offer a new CP command, QUERY operand or user ID, add a line to
 * complete_words[].
 * Covered by tests/unit/test_opcon_complete.c and tests/system/test_opcon.py.
 */
#include "complete.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#define CMD(w, ab, op) { w, WK_COMMAND, ab, op }
#define QRY(w) { w, WK_QUERY, 0, 0 }
#define USR(w) { w, WK_USERID, 0, 0 }
#define LOC(w, op) { w, WK_LOCAL, 0, op }

const struct cp_word complete_words[] = {
	/* CP commands: name, shortest abbreviation, what the first operand is. */
	CMD("QUERY", 1, WK_QUERY | WK_USERID),
	CMD("HELP", 1, WK_COMMAND),
	CMD("SHUTDOWN", 8, 0),
	CMD("LOGOFF", 3, 0),
	CMD("LOGON", 1, WK_USERID),
	CMD("MSG", 1, WK_USERID),
	CMD("WARNING", 1, WK_USERID),
	CMD("FORCE", 5, WK_USERID),
	CMD("DISCONNECT", 4, 0),
	CMD("IPL", 1, 0),
	CMD("BEGIN", 1, 0),
	CMD("INDICATE", 2, 0),
	CMD("XAUTOLOG", 2, WK_USERID),
	CMD("SET", 3, 0),
	CMD("TERMINAL", 4, 0),
	CMD("SYSTEM", 3, 0),
	/* QUERY operands. */
	QRY("TIME"),
	QRY("STORAGE"),
	QRY("CPUS"),
	QRY("DEVICES"),
	QRY("CPLEVEL"),
	QRY("NAMES"),
	QRY("USERS"),
	/* The directory's default user IDs. */
	USR("OPERATOR"),
	USR("MAINT"),
	USR("USER01"), USR("USER02"), USR("USER03"), USR("USER04"),
	USR("USER05"), USR("USER06"), USR("USER07"), USR("USER08"),
	USR("USER09"), USR("USER10"), USR("USER11"), USR("USER12"),
	USR("USER13"), USR("USER14"), USR("USER15"), USR("USER16"),
	USR("USER17"), USR("USER18"), USR("USER19"), USR("USER20"),
	USR("USER21"), USR("USER22"), USR("USER23"), USR("USER24"),
	USR("USER25"), USR("USER26"), USR("USER27"), USR("USER28"),
	USR("USER29"), USR("USER30"), USR("USER31"), USR("USER32"),
	/* The console program's own commands (see session.c). */
	LOC("!help", 0),
	LOC("!dial", WK_USERID),
	LOC("!c3270", 0),
};

const size_t complete_nwords = sizeof(complete_words) / sizeof(complete_words[0]);

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

const struct cp_word *complete_command(const char *word, size_t len)
{
	const struct cp_word *w;
	size_t i;

	if (!len)
		return NULL;
	/* A full name wins over an abbreviation of another command. */
	for (i = 0; i < complete_nwords; i++) {
		w = &complete_words[i];
		if ((w->kind & (WK_COMMAND | WK_LOCAL)) && strlen(w->word) == len &&
		    !strncasecmp(w->word, word, len))
			return w;
	}
	for (i = 0; i < complete_nwords; i++) {
		w = &complete_words[i];
		if (w->kind == WK_COMMAND && len >= w->abbrev && len <= strlen(w->word) &&
		    !strncasecmp(w->word, word, len))
			return w;
	}
	return NULL;
}

unsigned complete_context(const char *line, size_t start)
{
	const char *w0 = NULL;
	size_t w0len = 0, nwords = 0, i = 0;
	const struct cp_word *cmd;

	/* Count the words before start (readline's word boundary); remember the first. */
	while (i < start) {
		size_t b;

		while (i < start && is_blank(line[i]))
			i++;
		if (i >= start)
			break;
		b = i;
		while (i < start && !is_blank(line[i]))
			i++;
		if (!nwords) {
			w0 = line + b;
			w0len = i - b;
		}
		nwords++;
	}
	if (nwords == 0)
		return line[start] == '!' ? WK_LOCAL : WK_COMMAND;
	if (nwords > 1)
		return 0;
	cmd = complete_command(w0, w0len);
	if (cmd)
		return cmd->operand;
	return w0[0] == '!' ? 0 : WK_USERID;
}

size_t complete_matches(unsigned kinds, const char *prefix, size_t len, const char **out,
			size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < complete_nwords; i++) {
		const struct cp_word *w = &complete_words[i];

		if (!(w->kind & kinds) || strlen(w->word) < len ||
		    strncasecmp(w->word, prefix, len))
			continue;
		if (n < max)
			out[n] = w->word;
		n++;
	}
	return n;
}

size_t complete_line(const char *line, size_t start, size_t end, const char **out, size_t max)
{
	if (end < start)
		return 0;
	return complete_matches(complete_context(line, start), line + start, end - start, out,
				max);
}
