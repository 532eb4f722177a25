/*
 * Tab completion for the operator's command line: which words fit where (CP command names,
 * QUERY operands, user IDs, the console's own !commands), from one table in complete.c.
 * Pure functions, unit-tested in tests/unit/test_opcon_complete.c.
 */
#ifndef CONSOLE_VM64_COMPLETE_H
#define CONSOLE_VM64_COMPLETE_H

#include <stddef.h>

/* Kinds of words, as a mask: a position on the line admits one or more kinds. */
enum word_kind {
	WK_COMMAND = 1 << 0, /* CP command names */
	WK_QUERY = 1 << 1,   /* QUERY operands */
	WK_USERID = 1 << 2,  /* user IDs */
	WK_LOCAL = 1 << 3,   /* the console program's own !commands */
};

struct cp_word {
	const char *word;
	unsigned char kind;	/* one enum word_kind */
	unsigned char abbrev;	/* commands: shortest accepted abbreviation */
	unsigned char operand;	/* commands: kinds that fit the first operand */
};

extern const struct cp_word complete_words[];
extern const size_t complete_nwords;

/**
 * complete_context() - the kinds of word that fit a word starting at offset start of line.
 * @line: the whole input line
 * @start: where the word being completed begins
 */
unsigned complete_context(const char *line, size_t start);

/**
 * complete_matches() - the words of the given kinds that begin with prefix, ignoring case,
 * in table order. Stores at most max pointers in out; returns how many match in all.
 */
size_t complete_matches(unsigned kinds, const char *prefix, size_t len, const char **out,
			size_t max);

/**
 * complete_line() - the candidates for the word between start and end on line.
 */
size_t complete_line(const char *line, size_t start, size_t end, const char **out, size_t max);

/**
 * complete_command() - the command a first word names (its full name, abbreviations allowed),
 * or NULL.
 */
const struct cp_word *complete_command(const char *word, size_t len);

#endif
