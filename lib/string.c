/*
 * Memory and string functions of the freestanding library (see lib/string.h).
 *
 * The image is built with -fno-builtin, yet GCC still emits calls to memcpy, memset, memmove
 * and memcmp for structure copies and the like, and its loop distribution pass can turn a
 * byte loop back into a call to memset or memcpy (or, on s390x, strlen). Inside this file that
 * would make a function call itself, so every function here is compiled without that pass.
 * Covered by tests/unit/test_string.c.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/ctype.h>
#include <lib/string.h>

#if defined(__GNUC__) && !defined(__clang__)
#define NO_LOOP_PATTERNS __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define NO_LOOP_PATTERNS
#endif

/* A machine word that may alias any object, for the word-at-a-time loops. */
typedef unsigned long __attribute__((__may_alias__)) word_t;

#define WORD_SIZE sizeof(word_t)
#define WORD_MASK ((uintptr_t)WORD_SIZE - 1)

static inline bool word_aligned(const void *p)
{
	return ((uintptr_t)p & WORD_MASK) == 0;
}

/* True if a and b are equally misaligned, so aligning one aligns the other. */
static inline bool same_alignment(const void *a, const void *b)
{
	return (((uintptr_t)a ^ (uintptr_t)b) & WORD_MASK) == 0;
}

/* 256 bytes that may alias anything and sit at any address: on s390x GCC copies one with a
 * single MVC, which the emulators run natively, rather than 32 word loads and stores. The
 * smaller ones do the same for the rest of a copy whatever the two alignments (a spool
 * record copied to a guest's buffer, 80 bytes at an odd offset, was 80 byte moves). */
struct __attribute__((__may_alias__)) chunk256 {
	unsigned char b[256];
};
struct __attribute__((__may_alias__)) chunk64 {
	unsigned char b[64];
};
struct __attribute__((__may_alias__)) chunk16 {
	unsigned char b[16];
};
struct __attribute__((__may_alias__)) chunk8 {
	unsigned char b[8];
};

/* Copies whole chunks of the given type while n allows; only called where a chunk's source
 * and destination cannot overlap. */
#define COPY_CHUNKS(type, d, s, n)                                                          \
	for (; (n) >= sizeof(struct type); (n) -= sizeof(struct type)) {                    \
		*(struct type *)(d) = *(const struct type *)(s);                             \
		(d) += sizeof(struct type);                                                  \
		(s) += sizeof(struct type);                                                  \
	}

static NO_LOOP_PATTERNS void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
	uintptr_t gap = d < s ? (uintptr_t)(s - d) : (uintptr_t)(d - s);

	/* Whole chunks only where one chunk's source and destination cannot overlap (memmove
	 * copies forward with d below s). */
	if (gap >= sizeof(struct chunk256))
		COPY_CHUNKS(chunk256, d, s, n);
	if (gap >= sizeof(struct chunk64))
		COPY_CHUNKS(chunk64, d, s, n);
	if (gap >= sizeof(struct chunk16))
		COPY_CHUNKS(chunk16, d, s, n);
	if (gap >= sizeof(struct chunk8))
		COPY_CHUNKS(chunk8, d, s, n);
	if (same_alignment(d, s)) {
		while (n && !word_aligned(d)) {
			*d++ = *s++;
			n--;
		}
		for (; n >= WORD_SIZE; n -= WORD_SIZE, d += WORD_SIZE, s += WORD_SIZE)
			*(word_t *)d = *(const word_t *)s;
	}
	while (n--)
		*d++ = *s++;
}

static NO_LOOP_PATTERNS void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
	d += n;
	s += n;
	if (same_alignment(d, s)) {
		while (n && !word_aligned(d)) {
			*--d = *--s;
			n--;
		}
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			d -= WORD_SIZE;
			s -= WORD_SIZE;
			*(word_t *)d = *(const word_t *)s;
		}
	}
	while (n--)
		*--d = *--s;
}

/**
 * memcpy() - copy a memory area
 * @dst: destination
 * @src: source; must not overlap @dst
 * @n: number of bytes to copy
 *
 * Return: @dst.
 */
NO_LOOP_PATTERNS void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

/**
 * memmove() - copy a memory area that may overlap the destination
 * @dst: destination
 * @src: source
 * @n: number of bytes to copy
 *
 * Return: @dst.
 */
NO_LOOP_PATTERNS void *memmove(void *dst, const void *src, size_t n)
{
	uintptr_t d = (uintptr_t)dst;
	uintptr_t s = (uintptr_t)src;

	/* A forward copy is safe unless the destination starts inside the source. */
	if (d - s >= n)
		copy_forward(dst, src, n);
	else
		copy_backward(dst, src, n);
	return dst;
}

/**
 * memset() - fill a memory area with a byte
 * @s: area to fill
 * @c: fill value, converted to unsigned char
 * @n: number of bytes
 *
 * Return: @s.
 */
NO_LOOP_PATTERNS void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;
	unsigned char b = (unsigned char)c;
	word_t w = (word_t)-1 / 0xff * b;

	while (n && !word_aligned(p)) {
		*p++ = b;
		n--;
	}
	for (; n >= WORD_SIZE; n -= WORD_SIZE, p += WORD_SIZE)
		*(word_t *)p = w;
	while (n--)
		*p++ = b;
	return s;
}

/**
 * memcmp() - compare two memory areas
 * @a: first area
 * @b: second area
 * @n: number of bytes to compare
 *
 * Return: 0 if equal, otherwise the difference of the first differing bytes as unsigned char
 * values (negative if @a sorts first).
 */
NO_LOOP_PATTERNS int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a;
	const unsigned char *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

/**
 * strlen() - length of a string
 * @s: NUL-terminated string
 *
 * Return: number of characters before the terminating NUL.
 */
NO_LOOP_PATTERNS size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

/**
 * strnlen() - length of a string, bounded
 * @s: string, NUL-terminated or at least @maxlen characters long
 * @maxlen: maximum number of characters to examine
 *
 * Never reads beyond @s[@maxlen - 1].
 *
 * Return: the smaller of strlen(@s) and @maxlen.
 */
NO_LOOP_PATTERNS size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

/**
 * strcmp() - compare two strings
 * @a: first string
 * @b: second string
 *
 * Return: 0 if equal, negative if @a sorts before @b, positive otherwise (as unsigned char).
 */
NO_LOOP_PATTERNS int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

/**
 * strncmp() - compare at most @n characters of two strings
 * @a: first string
 * @b: second string
 * @n: maximum number of characters to compare
 *
 * Return: as strcmp(), considering only the first @n characters.
 */
NO_LOOP_PATTERNS int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n; n--, p++, q++)
		if (*p != *q || !*p)
			return *p - *q;
	return 0;
}

/**
 * strlcpy() - copy a string into a buffer of limited size
 * @dst: destination buffer
 * @src: NUL-terminated source string
 * @size: size of @dst in bytes
 *
 * Copies at most @size - 1 characters and NUL-terminates @dst whenever @size is not 0.
 * Truncation happened if the return value is @size or more.
 *
 * Return: strlen(@src).
 */
NO_LOOP_PATTERNS size_t strlcpy(char *restrict dst, const char *restrict src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/**
 * strchr() - find the first occurrence of a character in a string
 * @s: NUL-terminated string
 * @c: character, converted to char; may be '\0' to find the terminator
 *
 * Return: pointer to the character in @s, or NULL if it does not occur.
 */
NO_LOOP_PATTERNS char *strchr(const char *s, int c)
{
	char ch = (char)c;

	for (;; s++) {
		if (*s == ch)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

/**
 * strrchr() - find the last occurrence of a character in a string
 * @s: NUL-terminated string
 * @c: character, converted to char; may be '\0' to find the terminator
 *
 * Return: pointer to the character in @s, or NULL if it does not occur.
 */
NO_LOOP_PATTERNS char *strrchr(const char *s, int c)
{
	char ch = (char)c;
	const char *last = NULL;

	for (;; s++) {
		if (*s == ch)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

/**
 * str_casecmp_n() - compare at most @n characters of two strings, ignoring ASCII case
 * @a: first string
 * @b: second string
 * @n: maximum number of characters to compare
 *
 * Letters are compared as lower case; other bytes compare by their unsigned char value.
 *
 * Return: 0 if equal, negative if @a sorts before @b, positive otherwise.
 */
NO_LOOP_PATTERNS int str_casecmp_n(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n; n--, p++, q++) {
		int x = ktolower(*p);
		int y = ktolower(*q);

		if (x != y || !x)
			return x - y;
	}
	return 0;
}

/**
 * str_abbrev_n() - is a word a command name or an allowed abbreviation of it
 * @word: the word as typed; need not be NUL-terminated
 * @len: its length
 * @name: the full name
 * @min: the shortest abbreviation accepted
 *
 * The z/VM rule for CP and CMS commands, operands and options alike: the word is the name's
 * first @len characters (ASCII case ignored), at least @min of them. An empty word is never
 * a match, whatever @min is.
 *
 * Return: true if @word abbreviates @name.
 */
bool str_abbrev_n(const char *word, size_t len, const char *name, size_t min)
{
	if (len == 0 || len < min || len > strlen(name))
		return false;
	return str_casecmp_n(word, name, len) == 0;
}

/**
 * str_toupper_inplace() - convert a string to upper case in place
 * @s: NUL-terminated string; only the ASCII letters a-z are changed
 *
 * Return: @s.
 */
NO_LOOP_PATTERNS char *str_toupper_inplace(char *s)
{
	for (char *p = s; *p; p++)
		*p = (char)ktoupper((unsigned char)*p);
	return s;
}

static int digit_value(char c)
{
	if (kisdigit(c))
		return c - '0';
	if (kisxdigit(c))
		return ktolower(c) - 'a' + 10;
	return -1;
}

/**
 * str_to_u64() - parse an unsigned number that makes up a whole string
 * @s: NUL-terminated string of digits only: no sign, blanks or "0x" prefix
 * @base: 10 or 16; hexadecimal digits may be upper or lower case
 * @out: where to store the value on success (may be NULL to only validate)
 *
 * Return: 0 on success; -1 if @s is NULL or empty, holds a character that is not a digit in
 * @base, the value does not fit in 64 bits, or @base is not supported. @out is left unchanged
 * on failure.
 */
NO_LOOP_PATTERNS int str_to_u64(const char *s, unsigned int base, uint64_t *out)
{
	uint64_t v = 0;

	if (!s || !*s || (base != 10 && base != 16))
		return -1;
	for (; *s; s++) {
		int d = digit_value(*s);

		if (d < 0 || (unsigned int)d >= base)
			return -1;
		if (v > (UINT64_MAX - (unsigned int)d) / base)
			return -1;
		v = v * base + (unsigned int)d;
	}
	if (out)
		*out = v;
	return 0;
}

/**
 * text_safe_char() - how one character of text from outside CP is shown
 * @c: a Latin-1 character (ASCII as CP keeps text)
 *
 * Control characters (0x00-0x1F, 0x7F-0x9F) become '.': among them are the line ends
 * (EBCDIC X'25' LF, X'15' NL, X'0D' CR arrive as 0x0A, 0x85, 0x0D) and every character
 * whose EBCDIC code is below X'40', which a 3270 would take as an order (SBA, SF, IC, ...).
 * Printable ASCII and Latin-1 letters (0xA0-0xFF) stay.
 */
char text_safe_char(char c)
{
	unsigned char u = (unsigned char)c;

	return (u < 0x20 || (u >= 0x7f && u < 0xa0)) ? '.' : c;
}

/**
 * text_sanitize() - copies text that came from a user or a guest so it can go to a screen
 * @dst: where the safe text goes; always NUL-terminated when @size > 0
 * @size: room at @dst, NUL included
 * @src: the text (NULs in it are shown like other control characters)
 * @len: its length
 *
 * The one rule for text from outside CP (see text_safe_char()): after it the text cannot
 * end a line, start a new one, carry a 3270 order or CP's operator-console marker
 * (OPCON_EVENT_MARK, lib/opcon.h). Returns the length written. @dst may equal @src.
 */
size_t text_sanitize(char *dst, size_t size, const char *src, size_t len)
{
	size_t i;

	if (!size)
		return 0;
	if (len > size - 1)
		len = size - 1;
	for (i = 0; i < len; i++)
		dst[i] = text_safe_char(src[i]);
	dst[len] = 0;
	return len;
}
