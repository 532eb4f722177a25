/*
 * Parsing CMS command lines (see cms/include/cms/parse.h). CMS folds commands to upper case;
 * the words after "(" are options, and a ")" closing them is allowed.
 * Covered by tests/unit/test_cmsparse.c and tests/system/test_cms.py.
 */
#include <lib/ctype.h>
#include <lib/string.h>
#include <cms/parse.h>

int cms_parse(const char *line, struct cms_args *a)
{
	bool options = false;

	a->argc = a->optc = 0;
	while (*line) {
		char *w;
		size_t n = 0;

		while (*line == ' ')
			line++;
		if (!*line)
			break;
		if (*line == '(' && !options) {
			options = true;
			line++;
			continue;
		}
		if (*line == ')' && options) {
			line++;
			continue;
		}
		if (options ? a->optc >= CMS_MAX_ARGS : a->argc >= CMS_MAX_ARGS)
			return -1;
		w = options ? a->optv[a->optc++] : a->argv[a->argc++];
		while (*line && *line != ' ' && !(*line == '(' && !options) &&
		       !(*line == ')' && options)) {
			if (n >= CMS_WORD_MAX)
				return -1;
			w[n++] = (char)ktoupper((unsigned char)*line++);
		}
		w[n] = 0;
	}
	return 0;
}

bool cms_abbrev(const char *word, const char *name, size_t min)
{
	return str_abbrev(word, name, min);
}

bool cms_has_option(const struct cms_args *a, const char *name, size_t min)
{
	for (int i = 0; i < a->optc; i++)
		if (cms_abbrev(a->optv[i], name, min))
			return true;
	return false;
}

/* Pattern match with * (any string) and % (one character); no recursion. */
bool cms_pattern_match(const char *p, const char *s)
{
	const char *star = NULL, *resume = NULL;

	while (*s) {
		if (*p == '%' || *p == *s) {
			p++;
			s++;
		} else if (*p == '*') {
			star = p++;
			resume = s;
		} else if (star) {
			p = star + 1;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (*p == '*')
		p++;
	return !*p;
}
