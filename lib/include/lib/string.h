/*
 * Memory and string functions of the freestanding library, shared by the s390x CP image and
 * the host unit tests.
 *
 * In the freestanding image these are the real memcpy/memset/... (GCC emits calls to the mem*
 * functions on its own, even with -fno-builtin). In a host build (HOST_BUILD) the program also
 * links against the C library, so every standard name is renamed to lib_<name> before it is
 * declared: the tests then exercise this library's code, not the C library's. The host's own
 * <string.h> is included first so that its declarations (and any fortify wrappers) keep their
 * real names whatever order a file includes the two headers in.
 *
 * strcpy is deliberately absent: use strlcpy.
 * Covered by tests/unit/test_string.c.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef HOST_BUILD
#include <string.h>

#define memcpy	lib_memcpy
#define memmove lib_memmove
#define memset	lib_memset
#define memcmp	lib_memcmp
#define strlen	lib_strlen
#define strnlen lib_strnlen
#define strcmp	lib_strcmp
#define strncmp lib_strncmp
#define strchr	lib_strchr
#define strrchr lib_strrchr
#define strlcpy lib_strlcpy
#endif

/* Memory blocks. memcpy's areas must not overlap; memmove's may. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* NUL-terminated strings; comparisons are of unsigned char values. */
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);

/* Library extensions: ASCII-only case handling and number parsing. */
int str_casecmp_n(const char *a, const char *b, size_t n);
char *str_toupper_inplace(char *s);
int str_to_u64(const char *s, unsigned int base, uint64_t *out);

/* Command abbreviations, one rule for CP and CMS: @word (@len characters) is @name or its
 * first @len characters, at least @min of them, ASCII case ignored; empty never matches. */
bool str_abbrev_n(const char *word, size_t len, const char *name, size_t min);

static inline bool str_abbrev(const char *word, const char *name, size_t min)
{
	return str_abbrev_n(word, strlen(word), name, min);
}

/* Text from a user or a guest made safe for screens and the operator's console: control
 * characters, line ends and 3270 orders become '.'. */
char text_safe_char(char c);
size_t text_sanitize(char *dst, size_t size, const char *src, size_t len);

#endif /* LIB_STRING_H */
