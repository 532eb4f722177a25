/*
 * Unit tests for lib/string.c and lib/ctype.h: the mem* and str* functions (including every
 * alignment and overlap case of the word-at-a-time copies), strlcpy truncation, the ASCII case
 * helpers and str_to_u64 parsing and overflow, and text_sanitize(), which makes text from
 * users and guests safe for screens and the operator's console (issue 11).
 */
#include <stdint.h>

#include "cunit_main.h"

#include <lib/ctype.h>
#include <lib/ebcdic.h>
#include <lib/opcon.h>
#include <lib/string.h>

#define AREA 64

/* Fill @p with a recognisable pattern that differs from position to position. */
static void fill_pattern(unsigned char *p, size_t n, unsigned char seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7);
}

static void test_memcpy_alignments(void)
{
	unsigned char src[AREA], dst[AREA], want[AREA];

	fill_pattern(src, sizeof(src), 1);
	for (size_t so = 0; so < 9; so++)
		for (size_t doff = 0; doff < 9; doff++)
			for (size_t n = 0; n + so < 40 && n + doff < 40; n++) {
				void *r;

				memset(dst, 0xee, sizeof(dst));
				for (size_t i = 0; i < sizeof(want); i++)
					want[i] = 0xee;
				for (size_t i = 0; i < n; i++)
					want[doff + i] = src[so + i];
				r = memcpy(dst + doff, src + so, n);
				CU_ASSERT_PTR_EQUAL(r, dst + doff);
				CU_ASSERT(memcmp(dst, want, sizeof(dst)) == 0);
			}
}

static void test_memmove_overlap(void)
{
	unsigned char buf[AREA], ref[AREA], want[AREA];

	/* Every source/destination offset pair within one buffer, both directions. */
	for (size_t so = 0; so < 20; so++)
		for (size_t doff = 0; doff < 20; doff++)
			for (size_t n = 0; n <= 30; n++) {
				fill_pattern(buf, sizeof(buf), 3);
				fill_pattern(ref, sizeof(ref), 3);
				for (size_t i = 0; i < sizeof(want); i++)
					want[i] = ref[i];
				for (size_t i = 0; i < n; i++)
					want[doff + i] = ref[so + i];
				CU_ASSERT_PTR_EQUAL(memmove(buf + doff, buf + so, n), buf + doff);
				CU_ASSERT(memcmp(buf, want, sizeof(buf)) == 0);
			}
}

/* Long copies, which go 256 bytes a step where source and target are 256 or more apart:
 * memcpy at every alignment, memmove with every gap around 256 in both directions. */
static void test_long_copies(void)
{
	static unsigned char buf[2048], ref[2048], want[2048];
	static const size_t lens[] = { 255, 256, 257, 511, 512, 700, 1015 };

	for (size_t k = 0; k < sizeof(lens) / sizeof(lens[0]); k++)
		for (size_t so = 0; so < 9; so++)
			for (size_t doff = 1024; doff < 1024 + 9; doff++) {
				size_t n = lens[k];

				fill_pattern(buf, sizeof(buf), 5);
				memcpy(want, buf, sizeof(want));
				for (size_t i = 0; i < n && doff + i < sizeof(want); i++)
					want[doff + i] = buf[so + i];
				if (doff + n > sizeof(buf) || so + n > doff)
					continue;	/* memcpy's areas may not overlap */
				CU_ASSERT_PTR_EQUAL(memcpy(buf + doff, buf + so, n), buf + doff);
				CU_ASSERT(memcmp(buf, want, sizeof(buf)) == 0);
			}
	for (size_t gap = 1; gap < 600; gap += gap < 240 || gap > 270 ? 37 : 1)
		for (int dir = 0; dir < 2; dir++) {
			size_t n = 1000, so = dir ? 300 : 300 + gap, doff = dir ? 300 + gap : 300;

			fill_pattern(buf, sizeof(buf), 9);
			fill_pattern(ref, sizeof(ref), 9);
			memcpy(want, ref, sizeof(want));
			for (size_t i = 0; i < n; i++)
				want[doff + i] = ref[so + i];
			CU_ASSERT_PTR_EQUAL(memmove(buf + doff, buf + so, n), buf + doff);
			CU_ASSERT(memcmp(buf, want, sizeof(buf)) == 0);
		}
}

static void test_memset(void)
{
	unsigned char buf[AREA];

	for (size_t off = 0; off < 9; off++)
		for (size_t n = 0; n + off <= 40; n++) {
			for (size_t i = 0; i < sizeof(buf); i++)
				buf[i] = 0x11;
			CU_ASSERT_PTR_EQUAL(memset(buf + off, 0x1a5, n), buf + off);
			for (size_t i = 0; i < sizeof(buf); i++)
				CU_ASSERT_EQUAL(buf[i], i >= off && i < off + n ? 0xa5 : 0x11);
		}
	memset(buf, 0, sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		CU_ASSERT_EQUAL(buf[i], 0);
	memset(buf, -1, 3);
	CU_ASSERT_EQUAL(buf[2], 0xff);
	CU_ASSERT_EQUAL(buf[3], 0);
}

static void test_memcmp(void)
{
	unsigned char a[] = { 1, 2, 3, 0x80 };
	unsigned char b[] = { 1, 2, 3, 0x7f };

	CU_ASSERT_EQUAL(memcmp(a, b, 0), 0);
	CU_ASSERT_EQUAL(memcmp(a, b, 3), 0);
	/* Bytes compare as unsigned: 0x80 > 0x7f. */
	CU_ASSERT(memcmp(a, b, 4) > 0);
	CU_ASSERT(memcmp(b, a, 4) < 0);
	CU_ASSERT(memcmp("abc", "abd", 3) < 0);
	CU_ASSERT(memcmp("b", "a", 1) > 0);
}

static void test_strlen(void)
{
	char unterminated[4] = { 'a', 'b', 'c', 'd' };

	CU_ASSERT_EQUAL(strlen(""), 0);
	CU_ASSERT_EQUAL(strlen("a"), 1);
	CU_ASSERT_EQUAL(strlen("hello, world"), 12);
	CU_ASSERT_EQUAL(strnlen("hello", 0), 0);
	CU_ASSERT_EQUAL(strnlen("hello", 3), 3);
	CU_ASSERT_EQUAL(strnlen("hello", 5), 5);
	CU_ASSERT_EQUAL(strnlen("hello", 100), 5);
	CU_ASSERT_EQUAL(strnlen("", 10), 0);
	/* strnlen must not read past maxlen (AddressSanitizer would catch it). */
	CU_ASSERT_EQUAL(strnlen(unterminated, sizeof(unterminated)), 4);
}

static void test_strcmp(void)
{
	CU_ASSERT_EQUAL(strcmp("", ""), 0);
	CU_ASSERT_EQUAL(strcmp("abc", "abc"), 0);
	CU_ASSERT(strcmp("abc", "abd") < 0);
	CU_ASSERT(strcmp("abd", "abc") > 0);
	CU_ASSERT(strcmp("ab", "abc") < 0);
	CU_ASSERT(strcmp("abc", "ab") > 0);
	CU_ASSERT(strcmp("", "a") < 0);
	/* Characters compare as unsigned char whatever the signedness of char. */
	CU_ASSERT(strcmp("\x80", "\x7f") > 0);
	CU_ASSERT(strcmp("a\xff", "a\x01") > 0);
}

static void test_strncmp(void)
{
	char unterminated[3] = { 'a', 'b', 'c' };

	CU_ASSERT_EQUAL(strncmp("abc", "abd", 0), 0);
	CU_ASSERT_EQUAL(strncmp("abc", "abd", 2), 0);
	CU_ASSERT(strncmp("abc", "abd", 3) < 0);
	CU_ASSERT_EQUAL(strncmp("abc", "abc", 100), 0);
	CU_ASSERT(strncmp("ab", "abc", 3) < 0);
	CU_ASSERT(strncmp("abc", "ab", 3) > 0);
	CU_ASSERT(strncmp("\x80", "\x7f", 1) > 0);
	/* Stops after n characters even without a NUL. */
	CU_ASSERT_EQUAL(strncmp(unterminated, "abc", 3), 0);
}

static void test_strlcpy(void)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	CU_ASSERT_EQUAL(strlcpy(buf, "abc", sizeof(buf)), 3);
	CU_ASSERT_STRING_EQUAL(buf, "abc");
	CU_ASSERT_EQUAL(buf[4], 'x');

	/* Exactly fits: 7 characters and the NUL. */
	CU_ASSERT_EQUAL(strlcpy(buf, "1234567", sizeof(buf)), 7);
	CU_ASSERT_STRING_EQUAL(buf, "1234567");

	/* Truncated: returns the full source length, stores size - 1 characters. */
	memset(buf, 'x', sizeof(buf));
	CU_ASSERT_EQUAL(strlcpy(buf, "123456789abc", sizeof(buf)), 12);
	CU_ASSERT_STRING_EQUAL(buf, "1234567");

	memset(buf, 'x', sizeof(buf));
	CU_ASSERT_EQUAL(strlcpy(buf, "hello", 1), 5);
	CU_ASSERT_EQUAL(buf[0], '\0');
	CU_ASSERT_EQUAL(buf[1], 'x');

	/* Size 0 writes nothing at all. */
	memset(buf, 'x', sizeof(buf));
	CU_ASSERT_EQUAL(strlcpy(buf, "hello", 0), 5);
	CU_ASSERT_EQUAL(buf[0], 'x');
	CU_ASSERT_EQUAL(strlcpy(NULL, "hello", 0), 5);

	CU_ASSERT_EQUAL(strlcpy(buf, "", sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
}

static void test_strchr(void)
{
	const char *s = "hello, world";
	const char *latin = "a\xe9z\xe9";

	CU_ASSERT_PTR_EQUAL(strchr(s, 'h'), s);
	CU_ASSERT_PTR_EQUAL(strchr(s, 'o'), s + 4);
	CU_ASSERT_PTR_EQUAL(strchr(s, 'd'), s + 11);
	CU_ASSERT_PTR_NULL(strchr(s, 'z'));
	/* The terminator itself can be found. */
	CU_ASSERT_PTR_EQUAL(strchr(s, '\0'), s + 12);
	CU_ASSERT_PTR_NULL(strchr("", 'a'));
	/* c is converted to char. */
	CU_ASSERT_PTR_EQUAL(strchr(s, 'o' + 256), s + 4);
	/* Bytes above 0x7f are found whether passed as int 0..255 or as a (signed) char. */
	CU_ASSERT_PTR_EQUAL(strchr(latin, 0xe9), latin + 1);
	CU_ASSERT_PTR_EQUAL(strchr(latin, (char)0xe9), latin + 1);
	CU_ASSERT_PTR_EQUAL(strrchr(latin, 0xe9), latin + 3);
}

static void test_strrchr(void)
{
	const char *s = "hello, world";

	CU_ASSERT_PTR_EQUAL(strrchr(s, 'o'), s + 8);
	CU_ASSERT_PTR_EQUAL(strrchr(s, 'h'), s);
	CU_ASSERT_PTR_EQUAL(strrchr(s, 'l'), s + 10);
	CU_ASSERT_PTR_NULL(strrchr(s, 'z'));
	CU_ASSERT_PTR_EQUAL(strrchr(s, '\0'), s + 12);
	CU_ASSERT_PTR_NULL(strrchr("", 'a'));
	CU_ASSERT_PTR_EQUAL(strrchr("", '\0'), strrchr("", 0));
}

static void test_casecmp_n(void)
{
	CU_ASSERT_EQUAL(str_casecmp_n("QUERY", "query", 5), 0);
	CU_ASSERT_EQUAL(str_casecmp_n("QuErY", "qUeRy", 100), 0);
	CU_ASSERT_EQUAL(str_casecmp_n("QUERY", "qu", 2), 0);
	CU_ASSERT(str_casecmp_n("QUERY", "qu", 3) > 0);
	CU_ASSERT(str_casecmp_n("qu", "QUERY", 3) < 0);
	CU_ASSERT(str_casecmp_n("abc", "ABD", 3) < 0);
	CU_ASSERT(str_casecmp_n("ABD", "abc", 3) > 0);
	CU_ASSERT_EQUAL(str_casecmp_n("abc", "xyz", 0), 0);
	CU_ASSERT_EQUAL(str_casecmp_n("", "", 4), 0);
	/* Only ASCII letters fold; '@' (0x40) and '`' (0x60) are not letters. */
	CU_ASSERT(str_casecmp_n("@", "`", 1) != 0);
	CU_ASSERT(str_casecmp_n("[", "{", 1) != 0);
	CU_ASSERT(str_casecmp_n("\xc9", "\xe9", 1) != 0);
	/* Bytes above 0x7f compare as unsigned. */
	CU_ASSERT(str_casecmp_n("\x80", "a", 1) > 0);
}

static void test_toupper_inplace(void)
{
	char s[] = "Query Virtual 00c-Z@[`{~\xe9";
	char empty[] = "";

	CU_ASSERT_PTR_EQUAL(str_toupper_inplace(s), s);
	CU_ASSERT_STRING_EQUAL(s, "QUERY VIRTUAL 00C-Z@[`{~\xe9");
	CU_ASSERT_PTR_EQUAL(str_toupper_inplace(empty), empty);
	CU_ASSERT_STRING_EQUAL(empty, "");
}

static void test_str_to_u64(void)
{
	uint64_t v;

	v = 7;
	CU_ASSERT_EQUAL(str_to_u64("0", 10, &v), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(str_to_u64("1234567890", 10, &v), 0);
	CU_ASSERT_EQUAL(v, 1234567890u);
	CU_ASSERT_EQUAL(str_to_u64("000042", 10, &v), 0);
	CU_ASSERT_EQUAL(v, 42);
	CU_ASSERT_EQUAL(str_to_u64("18446744073709551615", 10, &v), 0);
	CU_ASSERT_EQUAL(v, UINT64_MAX);
	CU_ASSERT_EQUAL(str_to_u64("deadBEEF", 16, &v), 0);
	CU_ASSERT_EQUAL(v, 0xdeadbeefu);
	CU_ASSERT_EQUAL(str_to_u64("FFFFFFFFFFFFFFFF", 16, &v), 0);
	CU_ASSERT_EQUAL(v, UINT64_MAX);
	CU_ASSERT_EQUAL(str_to_u64("00000000000000000000001", 16, &v), 0);
	CU_ASSERT_EQUAL(v, 1);
	CU_ASSERT_EQUAL(str_to_u64("10", 16, NULL), 0);

	/* Failures leave *out alone. */
	v = 99;
	CU_ASSERT_EQUAL(str_to_u64("18446744073709551616", 10, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64("99999999999999999999", 10, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64("10000000000000000", 16, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64("", 10, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64(NULL, 10, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64("12a", 10, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64("a", 10, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64("0x10", 16, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64("12g", 16, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64("-1", 10, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64("+1", 10, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64(" 1", 10, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64("1 ", 10, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64("10", 8, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64("10", 2, &v), -1);
	CU_ASSERT_EQUAL(str_to_u64("10", 0, &v), -1);
	CU_ASSERT_EQUAL(v, 99);
}

static void test_ctype(void)
{
	for (int c = -1; c < 256; c++) {
		bool digit = c >= '0' && c <= '9';
		bool upper = c >= 'A' && c <= 'Z';
		bool lower = c >= 'a' && c <= 'z';
		bool xdigit = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
		bool space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
			     c == '\r';

		CU_ASSERT_EQUAL(kisdigit(c), digit);
		CU_ASSERT_EQUAL(kisupper(c), upper);
		CU_ASSERT_EQUAL(kislower(c), lower);
		CU_ASSERT_EQUAL(kisalpha(c), upper || lower);
		CU_ASSERT_EQUAL(kisalnum(c), upper || lower || digit);
		CU_ASSERT_EQUAL(kisxdigit(c), xdigit);
		CU_ASSERT_EQUAL(kisspace(c), space);
		CU_ASSERT_EQUAL(kisprint(c), c >= 0x20 && c < 0x7f);
		CU_ASSERT_EQUAL(ktoupper(c), lower ? c - 32 : c);
		CU_ASSERT_EQUAL(ktolower(c), upper ? c + 32 : c);
	}
	/* A negative char (as on a signed-char host) is not a letter and maps to itself. */
	CU_ASSERT_FALSE(kisalpha((char)0xe9));
	CU_ASSERT_EQUAL(ktoupper((char)0xe9), (char)0xe9);
}

/* Every byte: controls and C1 controls become '.', everything printable stays. */
static void test_sanitize_every_byte(void)
{
	char in[256], safe[257];

	for (unsigned i = 0; i < 256; i++)
		in[i] = (char)i;
	CU_ASSERT_EQUAL(text_sanitize(safe, sizeof(safe), in, 256), 256);
	CU_ASSERT_EQUAL(safe[256], 0);
	for (unsigned i = 0; i < 256; i++) {
		bool printable = (i >= 0x20 && i < 0x7f) || i >= 0xa0;

		CU_ASSERT_EQUAL((unsigned char)safe[i], printable ? i : '.');
		CU_ASSERT_EQUAL(text_safe_char((char)i), safe[i]);
	}
}

/*
 * What a guest can put in EBCDIC: after translation and sanitizing no line end (X'25',
 * X'15', X'0D'), no byte that goes back to an EBCDIC 3270 order (below X'40', or X'FF'), no
 * event mark of CP's.
 */
static void test_sanitize_guest_ebcdic(void)
{
	uint8_t ebc[256];
	char ascii[256], safe[257];

	for (unsigned i = 0; i < 256; i++)
		ebc[i] = (uint8_t)i;
	ebcdic_to_ascii(EBCDIC_CP037, ascii, ebc, 256);
	text_sanitize(safe, sizeof(safe), ascii, 256);
	for (unsigned i = 0; i < 256; i++) {
		uint8_t back = ascii_char_to_ebcdic(EBCDIC_CP037, safe[i]);

		CU_ASSERT(safe[i] != '\n' && safe[i] != '\r' && safe[i] != OPCON_EVENT_MARK);
		CU_ASSERT(back >= 0x40 && back != 0xff);
		if (i < 0x40 || i == 0xff) {
			CU_ASSERT_EQUAL(safe[i], '.');
		} else {
			CU_ASSERT_EQUAL(safe[i], ascii[i]);
		}
	}
	/* The forged operator-console line of issue 11 stays one line. */
	CU_ASSERT_EQUAL(text_sanitize(safe, sizeof(safe), "hello\nVMC0PA999S CP ABEND", 25), 25);
	CU_ASSERT_STRING_EQUAL(safe, "hello.VMC0PA999S CP ABEND");
}

static void test_sanitize_bounds(void)
{
	char buf[8] = "xxxxxxx";

	CU_ASSERT_EQUAL(text_sanitize(buf, 0, "abc", 3), 0);
	CU_ASSERT_EQUAL(buf[0], 'x');
	CU_ASSERT_EQUAL(text_sanitize(buf, 4, "abc\001ef", 6), 3);
	CU_ASSERT_STRING_EQUAL(buf, "abc");
	CU_ASSERT_EQUAL(text_sanitize(buf, sizeof(buf), "a\0b", 3), 3);
	CU_ASSERT_EQUAL(memcmp(buf, "a.b", 4), 0);
	/* in place */
	strlcpy(buf, "a\tb\n", sizeof(buf));
	CU_ASSERT_EQUAL(text_sanitize(buf, sizeof(buf), buf, 4), 4);
	CU_ASSERT_STRING_EQUAL(buf, "a.b.");
}

/* One abbreviation rule for CP and CMS (lib/string.c str_abbrev_n). */
static void test_abbrev(void)
{
	CU_ASSERT_TRUE(str_abbrev("QUERY", "QUERY", 1));
	CU_ASSERT_TRUE(str_abbrev("q", "QUERY", 1));
	CU_ASSERT_TRUE(str_abbrev("Que", "QUERY", 1));
	CU_ASSERT_TRUE(str_abbrev("SHUTDOWN", "SHUTDOWN", 8));
	CU_ASSERT_FALSE(str_abbrev("SHUTDOW", "SHUTDOWN", 8)); /* shorter than the minimum */
	CU_ASSERT_FALSE(str_abbrev("QUERYX", "QUERY", 1));     /* longer than the name */
	CU_ASSERT_FALSE(str_abbrev("QX", "QUERY", 1));
	CU_ASSERT_FALSE(str_abbrev("UERY", "QUERY", 1));
	/* Empty input matches nothing, not even a name whose minimum is 0. */
	CU_ASSERT_FALSE(str_abbrev("", "QUERY", 0));
	CU_ASSERT_FALSE(str_abbrev("", "QUERY", 1));
	CU_ASSERT_FALSE(str_abbrev("", "", 0));
	CU_ASSERT_TRUE(str_abbrev("x", "X", 0));
	/* A word inside a longer line: only its len characters count. */
	CU_ASSERT_TRUE(str_abbrev_n("TOP 5", 3, "TOP", 1));
	CU_ASSERT_TRUE(str_abbrev_n("del 2", 3, "DELETE", 2));
	CU_ASSERT_FALSE(str_abbrev_n("d 2", 1, "DELETE", 2));
	CU_ASSERT_FALSE(str_abbrev_n("TOP", 0, "TOP", 0));
}

UNIT_SUITE(mem, UNIT_CASE(test_memcpy_alignments), UNIT_CASE(test_memmove_overlap),
	   UNIT_CASE(test_long_copies),
	   UNIT_CASE(test_memset), UNIT_CASE(test_memcmp))
UNIT_SUITE(str, UNIT_CASE(test_strlen), UNIT_CASE(test_strcmp), UNIT_CASE(test_strncmp),
	   UNIT_CASE(test_strlcpy), UNIT_CASE(test_strchr), UNIT_CASE(test_strrchr))
UNIT_SUITE(ext, UNIT_CASE(test_casecmp_n), UNIT_CASE(test_toupper_inplace),
	   UNIT_CASE(test_str_to_u64), UNIT_CASE(test_ctype), UNIT_CASE(test_abbrev))
UNIT_SUITE(sanitize, UNIT_CASE(test_sanitize_every_byte), UNIT_CASE(test_sanitize_guest_ebcdic),
	   UNIT_CASE(test_sanitize_bounds))

UNIT_MAIN(UNIT_REG(mem), UNIT_REG(str), UNIT_REG(ext), UNIT_REG(sanitize))
