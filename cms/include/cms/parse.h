/*
 * Parsing CMS command lines: words, options, abbreviations and fileid patterns. Portable
 * (no DIAGNOSE, no console), so the host unit tests run it (tests/unit/test_cmsparse.c).
 */
#ifndef CMS_PARSE_H
#define CMS_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#define CMS_MAX_ARGS 16
#define CMS_WORD_MAX 24

/* A command line split into upper-case words; options are the words after "(". */
struct cms_args {
	int argc, optc;
	char argv[CMS_MAX_ARGS][CMS_WORD_MAX + 1];
	char optv[CMS_MAX_ARGS][CMS_WORD_MAX + 1];
};

/* Splits line into words (folded to upper case) and options; -1 if a word is longer than
 * CMS_WORD_MAX or there are more than CMS_MAX_ARGS of either. */
int cms_parse(const char *line, struct cms_args *args);
/* True if word is name or an abbreviation of it at least min characters long. */
bool cms_abbrev(const char *word, const char *name, size_t min);
bool cms_has_option(const struct cms_args *a, const char *name, size_t min);
/* CMS fileid patterns: * matches any string (also empty), % exactly one character. */
bool cms_pattern_match(const char *pattern, const char *name);

#endif
