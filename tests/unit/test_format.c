/*
 * Unit tests for lib/format.c: every conversion, flag, width and precision form and length
 * modifier of ksnprintf()/kvsnprintf()/kvformat(), checked against the host C library's
 * vsnprintf (which follows C99) for the output, the return value and truncation at every
 * buffer size, plus the places where this library deliberately differs from glibc (%p, NULL
 * strings, unknown conversions).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "cunit_main.h"

#include <lib/format.h>

#define BUF_SIZE 512
#define CANARY	 0x5a
/* How far past the buffer size the tests look for stray writes. */
#define CHECK_SLACK 16

/* Output collected through kvformat()'s callback. */
struct collect {
	char buf[BUF_SIZE];
	size_t n;
};

static void collect_put(char c, void *arg)
{
	struct collect *col = arg;

	if (col->n < sizeof(col->buf))
		col->buf[col->n] = c;
	col->n++;
}

static int collect_format(struct collect *col, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
static int collect_format(struct collect *col, const char *fmt, va_list ap)
{
	col->n = 0;
	return kvformat(collect_put, col, fmt, ap);
}

/* Whether a kvsnprintf() into @size bytes matches the host's complete output @want/@wlen. */
static bool truncated_ok(const char *got, size_t size, const char *want, int wlen, int ret)
{
	size_t keep;

	if (ret != wlen)
		return false;
	if (size == 0)
		return (unsigned char)got[0] == CANARY;
	keep = (size_t)wlen < size - 1 ? (size_t)wlen : size - 1;
	if (memcmp(got, want, keep) != 0 || got[keep] != '\0')
		return false;
	/* Nothing is written past the terminating NUL (checked a little beyond the buffer). */
	for (size_t i = keep + 1; i < size + CHECK_SLACK; i++)
		if ((unsigned char)got[i] != CANARY)
			return false;
	return true;
}

/*
 * Format with both the host's vsnprintf and this library, through each of the three entry
 * points and into buffers of every size from 0 to one more than needed (or, unless
 * @every_size, just the sizes at the edges and one in the middle), and compare.
 * Returns true if all agree; on a mismatch the details go to stderr.
 */
static bool same_as_host(bool every_size, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
static bool same_as_host(bool every_size, const char *fmt, va_list ap)
{
	char want[BUF_SIZE], got[BUF_SIZE];
	struct collect col;
	int wlen, ret;
	va_list aq;

	va_copy(aq, ap);
	wlen = vsnprintf(want, sizeof(want), fmt, aq);
	va_end(aq);
	if (wlen < 0 || wlen + 1 + CHECK_SLACK > BUF_SIZE) {
		fprintf(stderr, "\nformat \"%s\": host output too long for the test\n", fmt);
		return false;
	}

	va_copy(aq, ap);
	ret = collect_format(&col, fmt, aq);
	va_end(aq);
	if (ret != wlen || col.n != (size_t)wlen || memcmp(col.buf, want, (size_t)wlen) != 0) {
		fprintf(stderr, "\nkvformat(\"%s\"): got %d \"%.*s\", want %d \"%s\"\n", fmt, ret,
			(int)(col.n < BUF_SIZE ? col.n : BUF_SIZE), col.buf, wlen, want);
		return false;
	}

	for (size_t size = 0; size <= (size_t)wlen + 1; size++) {
		if (!every_size && size > 1 && size < (size_t)wlen && size != (size_t)wlen / 2)
			continue;
		memset(got, CANARY, size + CHECK_SLACK);
		va_copy(aq, ap);
		ret = kvsnprintf(size ? got : NULL, size, fmt, aq);
		va_end(aq);
		if (size == 0)
			ret = ret == wlen ? ret : -2; /* NULL buffer: only the length matters */
		if (!truncated_ok(got, size, want, wlen, ret)) {
			fprintf(stderr,
				"\nkvsnprintf(size %zu, \"%s\"): got %d \"%.*s\", want %d \"%s\"\n",
				size, fmt, ret, (int)(size ? size - 1 : 0), got, wlen, want);
			return false;
		}
	}
	return true;
}

static bool check_at(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool check_at(int line, const char *fmt, ...)
{
	va_list ap;
	bool ok;

	va_start(ap, fmt);
	ok = same_as_host(true, fmt, ap);
	va_end(ap);
	CU_assertImplementation(ok, (unsigned int)line, fmt, __FILE__, "", CU_FALSE);
	return ok;
}

static bool same_as_host_args(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static bool same_as_host_args(const char *fmt, ...)
{
	va_list ap;
	bool ok;

	va_start(ap, fmt);
	ok = same_as_host(false, fmt, ap);
	va_end(ap);
	return ok;
}

/* CHECK(fmt, args...): this library must format exactly as the host does. */
#define CHECK(...) check_at(__LINE__, __VA_ARGS__)

/* EXPECT(want, fmt, args...): for outputs where the library differs from glibc on purpose. */
#define EXPECT(want, ...)                                                                        \
	do {                                                                                     \
		char buf_[BUF_SIZE];                                                             \
		int ret_ = ksnprintf(buf_, sizeof(buf_), __VA_ARGS__);                           \
		CU_ASSERT_STRING_EQUAL(buf_, want);                                              \
		CU_ASSERT_EQUAL(ret_, (int)strlen(want));                                        \
	} while (0)

static void test_plain(void)
{
	CHECK("hello, world");
	CHECK("x");
	CHECK("%%");
	CHECK("100%% sure, %%d");
	CHECK("a%cb%sc%dd", 'X', "yz", 7);
	CHECK("tab\tnewline\n\x7f\xe9");
}

static void test_signed(void)
{
	CHECK("%d", 0);
	CHECK("%d", 1);
	CHECK("%d", -1);
	CHECK("%d|%i", 42, -42);
	CHECK("%d", INT_MAX);
	CHECK("%d", INT_MIN);
	CHECK("%i", INT_MIN);
	CHECK("%ld", LONG_MIN);
	CHECK("%ld", LONG_MAX);
	CHECK("%lld", (long long)INT64_MIN);
	CHECK("%lld", (long long)INT64_MAX);
	CHECK("%jd", INTMAX_MIN);
	CHECK("%jd", INTMAX_MAX);
	CHECK("%+lld", (long long)INT64_MIN);
	CHECK("%30lld|%-30lld|%030lld", (long long)INT64_MIN, (long long)INT64_MIN,
	      (long long)INT64_MIN);
	CHECK("%.25lld", (long long)INT64_MIN);
	EXPECT("-9223372036854775808", "%lld", (long long)INT64_MIN);
	EXPECT("-2147483648", "%d", INT_MIN);
}

static void test_unsigned(void)
{
	CHECK("%u", 0u);
	CHECK("%u", 1u);
	CHECK("%u", UINT_MAX);
	CHECK("%lu", ULONG_MAX);
	CHECK("%llu", ULLONG_MAX);
	CHECK("%ju", UINTMAX_MAX);
	CHECK("%x|%X", 0u, 0u);
	CHECK("%x|%X", 0xdeadbeefu, 0xdeadbeefu);
	CHECK("%x", UINT_MAX);
	CHECK("%lx|%lX", ULONG_MAX, 0x0123456789abcdefUL);
	CHECK("%llx", 0xfedcba9876543210ULL);
	CHECK("%o", 0u);
	CHECK("%o", 8u);
	CHECK("%o", 0777u);
	CHECK("%o", UINT_MAX);
	CHECK("%llo", ULLONG_MAX);
	EXPECT("1777777777777777777777", "%llo", ULLONG_MAX);
	EXPECT("ffffffffffffffff", "%llx", ULLONG_MAX);
}

static void test_char_string(void)
{
	CHECK("%c", 'A');
	CHECK("%c%c%c", 'a', ' ', '~');
	CHECK("%5c|%-5c|", 'x', 'y');
	CHECK("%c", 0xe9);
	CHECK("[%c]", 0); /* an embedded NUL, counted in the length */
	CHECK("%s", "hello");
	CHECK("%s", "");
	CHECK("%10s|%-10s|", "right", "left");
	CHECK("%5s|", "");
	CHECK("%2s", "longer than the width");
	CHECK("%.3s|%.0s|%.10s", "truncate", "gone", "short");
	CHECK("%10.3s|%-10.3s|", "abcdef", "abcdef");
	CHECK("%.*s|%*s|%-*s|", 2, "abc", 6, "ab", 6, "ab");
	CHECK("%*.*s|", -8, 3, "abcdef");
	CHECK("%s and %s", "one", "two");
}

static void test_string_precision_bounds(void)
{
	/* With a precision, %s must not read beyond it: the array need not be terminated. */
	char raw[3] = { 'a', 'b', 'c' };

	EXPECT("abc", "%.3s", raw);
	EXPECT("ab", "%.2s", raw);
	EXPECT(" abc", "%4.3s", raw);
	EXPECT("abc", "%.*s", 3, raw);
}

static void test_null_string(void)
{
	const char *volatile nul = NULL;

	EXPECT("(null)", "%s", nul);
	EXPECT("  (null)", "%8s", nul);
	EXPECT("(null)  |", "%-8s|", nul);
	EXPECT("(nu", "%.3s", nul);
	EXPECT("[(null)]", "[%s]", nul);
}

static void test_pointer(void)
{
	char buf[64];

	EXPECT("0x0000000000001234", "%p", (void *)0x1234);
	EXPECT("0x0000000000000000", "%p", NULL);
	EXPECT("0xffffffffffffffff", "%p", (void *)UINTPTR_MAX);
	EXPECT("0x00000000deadbeef", "%p", (void *)0xdeadbeefUL);
	EXPECT("  0x0000000000001234", "%20p", (void *)0x1234);
	EXPECT("0x0000000000001234  |", "%-20p|", (void *)0x1234);
	EXPECT("0x0000000000001234", "%5p", (void *)0x1234);

	/* A real pointer comes out as the host prints it with 16 explicit digits. */
	snprintf(buf, sizeof(buf), "0x%016lx", (unsigned long)(uintptr_t)buf);
	EXPECT(buf, "%p", (void *)buf);
}

static void test_width(void)
{
	CHECK("%5d|%-5d|%05d", 42, 42, 42);
	CHECK("%5d|%-5d|%05d", -42, -42, -42);
	CHECK("%1d|%2d|%3d", 123, 123, 123);
	CHECK("%10u|%-10x|%010X|%010o", 77u, 0xabu, 0xabu, 077u);
	CHECK("%05u|%05x", 0u, 0u);
	CHECK("%*d|", 6, 42);
	CHECK("%*d|", -6, 42);
	CHECK("%-*d|", 6, 42);
	CHECK("%-*d|", -6, 42);
	CHECK("%0*d|", 6, -42);
	CHECK("%0*d|", -6, -42);
	CHECK("%*d|", 0, 42);
	CHECK("%300d", 1);
	CHECK("%-300d|", 1);
	CHECK("%*d|%*s|%*c|", 4, 1, 4, "s", 4, 'c');
}

static void test_precision(void)
{
	CHECK("%.3d|%.3d|%.3d", 7, -7, 12345);
	CHECK("%.0d|%.0i|%.0u|%.0x|%.0X|%.0o|", 0, 0, 0u, 0u, 0u, 0u);
	CHECK("%.d|%.u|", 0, 0u);
	CHECK("%5.0d|%-5.0d|", 0, 0);
	CHECK("%.0d|%.0d", 1, -1);
	CHECK("%.10d", -5);
	CHECK("%.10u|%.10x|%.10o", 5u, 5u, 5u);
	CHECK("%8.3d|%-8.3d|", 5, -5);
	CHECK("%+.3d|% .3d", 5, 5);
	CHECK("%.*d|", 4, 9);
	CHECK("%.*d|", 0, 0);
	CHECK("%.*d|", -1, 0);
	CHECK("%.*d|", -3, 42);
	CHECK("%*.*d|", 8, 4, -9);
	CHECK("%*.*d|", -8, 4, -9);
	CHECK("%.20llx", 0xabcULL);
	CHECK("%.300d", 7);
	EXPECT("", "%.0d", 0);
	EXPECT("   ", "%3.0d", 0);
}

static void test_flags(void)
{
	CHECK("%+d|%+d|%+d", 5, -5, 0);
	CHECK("% d|% d|% d", 5, -5, 0);
	CHECK("%+5d|%+-5d|%+05d|", 5, 5, 5);
	CHECK("% 5d|% -5d|% 05d|", 5, 5, 5);
	CHECK("%+i|% i", INT_MIN, INT_MAX);
	CHECK("%#x|%#X|%#x", 255u, 255u, 0u);
	CHECK("%#o|%#o|%#o", 8u, 0u, 01u);
	CHECK("%#.0o|%#.0x|%#.3o|%#.3x", 0u, 0u, 8u, 8u);
	CHECK("%#5o|%#-5o|%#05o|", 8u, 8u, 8u);
	CHECK("%#08x|%#-8x|%#8x|", 255u, 255u, 255u);
	CHECK("%#08X|%#010llx", 255u, 0x1234ULL);
	CHECK("%#llo|%#llx", ULLONG_MAX, ULLONG_MAX);
}

/* Combinations GCC rightly warns about (ignored flags), which printf still defines. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
static void test_ignored_flags(void)
{
	CHECK("%-05d|%-05x|%0-5d|%00d|", 42, 42u, 7, 7);
	CHECK("%+ d|% +d|", 5, 5);
	CHECK("%08.3d|%08.3x|%08.0u|", -5, 5u, 0u);
	CHECK("%+u|% u|%+x|% o", 5u, 5u, 5u, 5u);
	CHECK("%05s|%05c|", "ab", 'c');
}
#pragma GCC diagnostic pop

static void test_length_modifiers(void)
{
	CHECK("%hhd|%hhd|%hhd|%hhd", 300, -129, 127, -128);
	CHECK("%hhu|%hhu|%hhx|%hho", -1, 256, 0x1ff, 0777);
	CHECK("%hd|%hd|%hd", 70000, -32769, 32767);
	CHECK("%hu|%hx|%ho", -1, 0x12345, 0x1ffff);
	CHECK("%ld|%li|%lu|%lx|%lo", -3L, 3L, 3UL, 3UL, 3UL);
	CHECK("%lld|%lli|%llu|%llx|%llo", -3LL, 3LL, 3ULL, 3ULL, 3ULL);
	CHECK("%zu|%zx|%zX|%zo", SIZE_MAX, (size_t)0xabc, (size_t)0xabc, (size_t)8);
	CHECK("%zd|%zd|%zi", (ssize_t)-1, (ssize_t)12, (ssize_t)SSIZE_MAX);
	CHECK("%td|%ti|%td", (ptrdiff_t)-5, (ptrdiff_t)5, (ptrdiff_t)PTRDIFF_MIN);
	CHECK("%tu|%tx", (ptrdiff_t)-1, (ptrdiff_t)255);
	CHECK("%jd|%ji|%ju|%jx|%jo", (intmax_t)-7, (intmax_t)7, (uintmax_t)7, UINTMAX_MAX,
	      (uintmax_t)8);
	CHECK("%hhd %hd %d %ld %lld %zd %td %jd", 1, 2, 3, 4L, 5LL, (ssize_t)6, (ptrdiff_t)7,
	      (intmax_t)8);
}

static void test_many_args(void)
{
	/* Enough arguments that some are passed on the stack. */
	CHECK("%d %d %d %d %d %d %d %d %d %d %d %d", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
	CHECK("%s %lld %c %s %llx %d %s %lx %u %s %jd %zu", "a", 1LL, 'c', "d", 2ULL, 3, "e",
	      7UL, 4u, "f", (intmax_t)5, (size_t)6);
}

static void test_return_and_truncation(void)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	CU_ASSERT_EQUAL(ksnprintf(buf, sizeof(buf), "%d", 1234567890), 10);
	CU_ASSERT_STRING_EQUAL(buf, "1234567");

	memset(buf, 'x', sizeof(buf));
	CU_ASSERT_EQUAL(ksnprintf(buf, 1, "abc"), 3);
	CU_ASSERT_EQUAL(buf[0], '\0');
	CU_ASSERT_EQUAL(buf[1], 'x');

	memset(buf, 'x', sizeof(buf));
	CU_ASSERT_EQUAL(ksnprintf(buf, 0, "abc"), 3);
	CU_ASSERT_EQUAL(buf[0], 'x');
	CU_ASSERT_EQUAL(ksnprintf(NULL, 0, "%d-%s", 12345, "abc"), 9);

	/* Exactly fits, and one short. */
	CU_ASSERT_EQUAL(ksnprintf(buf, sizeof(buf), "%7s", "a"), 7);
	CU_ASSERT_STRING_EQUAL(buf, "      a");
	CU_ASSERT_EQUAL(ksnprintf(buf, sizeof(buf), "%8s", "a"), 8);
	CU_ASSERT_STRING_EQUAL(buf, "       ");

	CU_ASSERT_EQUAL(ksnprintf(buf, sizeof(buf), "%s", ""), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
}

static void test_unknown_conversion(void)
{
	/* Formats the compiler would reject, passed at run time: printed as written. */
	const char *volatile fmts[] = { "a%yb", "abc%", "%5", "%-08.3lyz", "%hh", "%l" };
	const char *volatile wants[] = { "a%yb", "abc%", "%5", "%-08.3lyz", "%hh", "%l" };
	char buf[32];

	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		int ret = ksnprintf(buf, sizeof(buf), fmts[i], 0);

		CU_ASSERT_STRING_EQUAL(buf, wants[i]);
		CU_ASSERT_EQUAL(ret, (int)strlen(wants[i]));
	}
}

static int kvformat_wrap(struct collect *col, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int kvformat_wrap(struct collect *col, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = collect_format(col, fmt, ap);
	va_end(ap);
	return ret;
}

static void test_kvformat_stream(void)
{
	struct collect col;

	/* Every character goes to the callback, in order, embedded NULs included. */
	CU_ASSERT_EQUAL(kvformat_wrap(&col, "%s%c%s", "ab", 0, "cd"), 5);
	CU_ASSERT_EQUAL(col.n, 5);
	CU_ASSERT(memcmp(col.buf, "ab\0cd", 5) == 0);

	/* Output longer than any buffer the caller might have. */
	CU_ASSERT_EQUAL(kvformat_wrap(&col, "%400d", 1), 400);
	CU_ASSERT_EQUAL(col.n, 400);
	CU_ASSERT_EQUAL(col.buf[399], '1');
}

/*
 * Format one number with @fmt, which takes @nstars int arguments (@star[]) for '*' and then
 * the value, passed with the type that @fmt's length modifier calls for.
 */
static bool number_same_as_host(const char *fmt, int nstars, const int *star, bool wide, bool sgn,
				int64_t v)
{
	unsigned long long u = (unsigned long long)v;

	switch (nstars) {
	case 0:
		return !wide ? same_as_host_args(fmt, (int)v) :
		       sgn   ? same_as_host_args(fmt, (long long)v) :
			       same_as_host_args(fmt, u);
	case 1:
		return !wide ? same_as_host_args(fmt, star[0], (int)v) :
		       sgn   ? same_as_host_args(fmt, star[0], (long long)v) :
			       same_as_host_args(fmt, star[0], u);
	default:
		return !wide ? same_as_host_args(fmt, star[0], star[1], (int)v) :
		       sgn   ? same_as_host_args(fmt, star[0], star[1], (long long)v) :
			       same_as_host_args(fmt, star[0], star[1], u);
	}
}

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const num_lens[] = { "", "hh", "h", "l", "ll", "z", "t", "j" };
static const char num_convs[] = "diuxXo";
static const char *const num_widths[] = { "", "1", "6", "25", "*" };
static const char *const num_precs[] = { "", ".", ".0", ".1", ".4", ".22", ".*" };
static const int64_t num_values[] = {
	0,	   1,	      -1,	 7,	    8,		-8,	  0x7f,	    0x80,
	255,	   256,	      -32768,	 65535,	    INT_MAX,	INT_MIN,  UINT_MAX, INT64_MAX,
	INT64_MIN, 1000000007, -123456789,
};

/*
 * Check the formats "[%<flags><width><prec><len><conv>]" for every integer conversion with
 * every test value; returns the number of mismatches and counts the formats tried in *cases.
 */
static unsigned int check_all_values(const char *flags, const char *width, const char *prec,
				     const char *len, unsigned int *cases)
{
	bool wide = len[0] && len[0] != 'h';
	unsigned int failures = 0;

	for (const char *conv = num_convs; *conv; conv++) {
		bool sgn = *conv == 'd' || *conv == 'i';
		char fmt[64];

		snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]", flags, width, prec, len, *conv);
		for (size_t v = 0; v < ARRAY_SIZE(num_values); v++) {
			int star[2];
			int nstars = 0;

			/* Star arguments of both signs, alternating. */
			if (!strcmp(width, "*"))
				star[nstars++] = v & 1 ? -9 : 9;
			if (!strcmp(prec, ".*"))
				star[nstars++] = v & 2 ? -1 : 3;
			(*cases)++;
			if (!number_same_as_host(fmt, nstars, star, wide, sgn, num_values[v]))
				failures++;
		}
	}
	return failures;
}

/* Every combination of flags, width, precision, length and integer conversion. */
static void test_exhaustive_numbers(void)
{
	static const char flag_chars[] = "-0+ #";
	unsigned int failures = 0;
	unsigned int cases = 0;

	for (unsigned int fl = 0; fl < 32; fl++) {
		char flags[8];
		size_t nf = 0;

		for (unsigned int b = 0; b < 5; b++)
			if (fl & (1u << b))
				flags[nf++] = flag_chars[b];
		flags[nf] = '\0';

		for (size_t w = 0; w < ARRAY_SIZE(num_widths); w++)
			for (size_t p = 0; p < ARRAY_SIZE(num_precs); p++)
				for (size_t l = 0; l < ARRAY_SIZE(num_lens); l++)
					failures += check_all_values(flags, num_widths[w],
								     num_precs[p], num_lens[l],
								     &cases);
	}
	CU_ASSERT(cases > 100000);
	CU_ASSERT_EQUAL(failures, 0);
}

static size_t stored(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static size_t stored(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = kvsnprintf_stored(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* kvsnprintf_stored: the length of what the buffer holds, the output cut to fit. */
static void test_stored(void)
{
	char buf[8];

	CU_ASSERT_EQUAL(stored(buf, sizeof(buf), "%s", "abc"), 3);
	CU_ASSERT_STRING_EQUAL(buf, "abc");
	CU_ASSERT_EQUAL(stored(buf, sizeof(buf), "%d-%d", 1234, 567), 7); /* exactly fits */
	CU_ASSERT_STRING_EQUAL(buf, "1234-56");
	CU_ASSERT_EQUAL(stored(buf, sizeof(buf), "%s", "abcdefghij"), 7);
	CU_ASSERT_STRING_EQUAL(buf, "abcdefg");
	CU_ASSERT_EQUAL(stored(buf, sizeof(buf), "%s", ""), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
	CU_ASSERT_EQUAL(stored(buf, 1, "%s", "x"), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
}

UNIT_SUITE(conversions, UNIT_CASE(test_plain), UNIT_CASE(test_signed), UNIT_CASE(test_unsigned),
	   UNIT_CASE(test_char_string), UNIT_CASE(test_string_precision_bounds),
	   UNIT_CASE(test_null_string), UNIT_CASE(test_pointer))
UNIT_SUITE(modifiers, UNIT_CASE(test_width), UNIT_CASE(test_precision), UNIT_CASE(test_flags),
	   UNIT_CASE(test_ignored_flags), UNIT_CASE(test_length_modifiers),
	   UNIT_CASE(test_many_args))
UNIT_SUITE(output, UNIT_CASE(test_return_and_truncation), UNIT_CASE(test_stored),
	   UNIT_CASE(test_unknown_conversion), UNIT_CASE(test_kvformat_stream),
	   UNIT_CASE(test_exhaustive_numbers))

UNIT_MAIN(UNIT_REG(conversions), UNIT_REG(modifiers), UNIT_REG(output))
