/*
 * ASCII character classification and case mapping for the freestanding library.
 *
 * These are locale-free and only know the 7-bit ASCII set: any value outside 0..127 (including
 * EOF and negative chars) classifies as "none of the above" and maps to itself. The names carry
 * a k prefix so that they never clash with the host C library's <ctype.h> macros.
 * Covered by tests/unit/test_string.c.
 */
#ifndef LIB_CTYPE_H
#define LIB_CTYPE_H

#include <stdbool.h>

static inline bool kisdigit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool kisupper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool kislower(int c)
{
	return c >= 'a' && c <= 'z';
}

static inline bool kisalpha(int c)
{
	return kisupper(c) || kislower(c);
}

static inline bool kisalnum(int c)
{
	return kisalpha(c) || kisdigit(c);
}

static inline bool kisxdigit(int c)
{
	return kisdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Space, horizontal tab, newline, vertical tab, form feed and carriage return. */
static inline bool kisspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Printable characters: space through tilde. */
static inline bool kisprint(int c)
{
	return c >= ' ' && c <= '~';
}

static inline int ktoupper(int c)
{
	return kislower(c) ? c - 'a' + 'A' : c;
}

static inline int ktolower(int c)
{
	return kisupper(c) ? c - 'A' + 'a' : c;
}

#endif /* LIB_CTYPE_H */
