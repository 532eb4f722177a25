/*
 * printf-style formatting (see lib/format.h).
 *
 * kvformat() does the work: it walks the format string, parses each conversion specification
 * into a struct spec and streams the converted text to a put() callback, counting characters.
 * kvsnprintf() is kvformat() with a callback that fills a bounded buffer, giving C99 snprintf
 * semantics: the return value is the length the whole output would have had, and the buffer
 * is always NUL-terminated when its size is not 0.
 *
 * Everything is integer arithmetic (the image is built with -msoft-float). Unknown conversions
 * are copied to the output as written, so a bad format is visible rather than silent.
 *
 * <limits.h> is not usable with -nostdinc (GCC's copy chains to the C library's), hence the
 * compiler's predefined __INT_MAX__ and __CHAR_BIT__.
 * Covered by tests/unit/test_format.c.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/ctype.h>
#include <lib/format.h>
#include <lib/string.h>

#ifndef INT_MAX
#define INT_MAX __INT_MAX__
#define INT_MIN (-__INT_MAX__ - 1)
#endif

_Static_assert(sizeof(size_t) == sizeof(ptrdiff_t), "%zd and %tu assume same-width types");
_Static_assert(sizeof(void *) <= sizeof(uint64_t), "%p prints 16 hex digits");

/* Flags of a conversion specification. */
#define FL_LEFT	 (1u << 0) /* '-': pad on the right */
#define FL_ZERO	 (1u << 1) /* '0': pad numbers with leading zeros */
#define FL_PLUS	 (1u << 2) /* '+': always print a sign for signed conversions */
#define FL_SPACE (1u << 3) /* ' ': print a blank where a '+' would go */
#define FL_ALT	 (1u << 4) /* '#': "0x" prefix for %x, leading 0 for %o */
#define FL_UPPER (1u << 5) /* %X: upper-case digits and prefix */
#define FL_PTR	 (1u << 6) /* %p: prefix even for the value 0 */

/* Length modifiers. */
enum length {
	LEN_INT,
	LEN_CHAR,    /* hh */
	LEN_SHORT,   /* h */
	LEN_LONG,    /* l */
	LEN_LLONG,   /* ll */
	LEN_SIZE,    /* z */
	LEN_PTRDIFF, /* t */
	LEN_INTMAX,  /* j */
};

/* One parsed conversion specification, e.g. "%-08.3lx". */
struct spec {
	unsigned int flags;
	int width;	 /* minimum field width; 0 for none */
	int prec;	 /* precision; negative for none */
	enum length len;
};

/* Where the output goes, and how much of it there has been. */
struct sink {
	void (*put)(char c, void *arg);
	void *arg;
	size_t count;
};

static void emit(struct sink *o, char c)
{
	o->put(c, o->arg);
	o->count++;
}

static void emit_repeat(struct sink *o, char c, long n)
{
	for (; n > 0; n--)
		emit(o, c);
}

static void emit_chars(struct sink *o, const char *s, size_t n)
{
	while (n--)
		emit(o, *s++);
}

static intmax_t arg_signed(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_CHAR:
		return (signed char)va_arg(*ap, int);
	case LEN_SHORT:
		return (short)va_arg(*ap, int);
	case LEN_LONG:
		return va_arg(*ap, long);
	case LEN_LLONG:
		return va_arg(*ap, long long);
	case LEN_SIZE:
		/* The signed type corresponding to size_t. */
		return (ptrdiff_t)va_arg(*ap, size_t);
	case LEN_PTRDIFF:
		return va_arg(*ap, ptrdiff_t);
	case LEN_INTMAX:
		return va_arg(*ap, intmax_t);
	case LEN_INT:
	default:
		return va_arg(*ap, int);
	}
}

static uintmax_t arg_unsigned(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_CHAR:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_SHORT:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_LONG:
		return va_arg(*ap, unsigned long);
	case LEN_LLONG:
		return va_arg(*ap, unsigned long long);
	case LEN_SIZE:
		return va_arg(*ap, size_t);
	case LEN_PTRDIFF:
		/* The unsigned type corresponding to ptrdiff_t. */
		return (size_t)va_arg(*ap, ptrdiff_t);
	case LEN_INTMAX:
		return va_arg(*ap, uintmax_t);
	case LEN_INT:
	default:
		return va_arg(*ap, unsigned int);
	}
}

/*
 * Print the magnitude @v in @base, preceded by @sign (0 for none) and, for the alternate forms,
 * by a "0x" prefix or a leading zero; then apply precision, zero padding and field width.
 */
static void put_number(struct sink *o, const struct spec *sp, uintmax_t v, unsigned int base,
		       char sign)
{
	const char *digit_set = sp->flags & FL_UPPER ? "0123456789ABCDEF" : "0123456789abcdef";
	const char *prefix = "";
	char digits[sizeof(uintmax_t) * __CHAR_BIT__ / 3 + 1];
	bool nonzero = v != 0;
	int ndigits = 0;
	long zeros, pad, total;

	/* Digits are generated backwards into the end of the array; 0 with precision 0 has none. */
	if (nonzero || sp->prec != 0) {
		do {
			digits[sizeof(digits) - 1 - ndigits++] = digit_set[v % base];
			v /= base;
		} while (v);
	}
	zeros = sp->prec > ndigits ? sp->prec - ndigits : 0;

	if (base == 16 && (sp->flags & FL_PTR || (sp->flags & FL_ALT && nonzero)))
		prefix = sp->flags & FL_UPPER ? "0X" : "0x";
	/* %#o: the precision is raised just enough that the first digit is a 0. */
	if (base == 8 && sp->flags & FL_ALT && zeros == 0 &&
	    (ndigits == 0 || digits[sizeof(digits) - ndigits] != '0'))
		zeros = 1;

	total = (sign ? 1 : 0) + (long)strlen(prefix) + zeros + ndigits;
	if ((sp->flags & (FL_ZERO | FL_LEFT)) == FL_ZERO && sp->prec < 0 && total < sp->width) {
		zeros += sp->width - total;
		total = sp->width;
	}
	pad = sp->width - total;

	if (!(sp->flags & FL_LEFT))
		emit_repeat(o, ' ', pad);
	if (sign)
		emit(o, sign);
	emit_chars(o, prefix, strlen(prefix));
	emit_repeat(o, '0', zeros);
	emit_chars(o, digits + sizeof(digits) - ndigits, (size_t)ndigits);
	if (sp->flags & FL_LEFT)
		emit_repeat(o, ' ', pad);
}

/* Print @n characters of @s padded to the field width. */
static void put_field(struct sink *o, const struct spec *sp, const char *s, size_t n)
{
	long pad = (long)sp->width - (long)n;

	if (!(sp->flags & FL_LEFT))
		emit_repeat(o, ' ', pad);
	emit_chars(o, s, n);
	if (sp->flags & FL_LEFT)
		emit_repeat(o, ' ', pad);
}

/* Perform conversion @conv. Returns false if @conv is not a known conversion character. */
static bool convert(struct sink *o, struct spec *sp, char conv, va_list *ap)
{
	switch (conv) {
	case 'd':
	case 'i': {
		intmax_t v = arg_signed(sp->len, ap);
		uintmax_t mag = v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v;
		char sign = 0;

		if (v < 0)
			sign = '-';
		else if (sp->flags & FL_PLUS)
			sign = '+';
		else if (sp->flags & FL_SPACE)
			sign = ' ';
		put_number(o, sp, mag, 10, sign);
		return true;
	}
	case 'u':
		put_number(o, sp, arg_unsigned(sp->len, ap), 10, 0);
		return true;
	case 'o':
		put_number(o, sp, arg_unsigned(sp->len, ap), 8, 0);
		return true;
	case 'X':
		sp->flags |= FL_UPPER;
		put_number(o, sp, arg_unsigned(sp->len, ap), 16, 0);
		return true;
	case 'x':
		put_number(o, sp, arg_unsigned(sp->len, ap), 16, 0);
		return true;
	case 'p':
		/* Always "0x" and 16 digits, so that addresses line up in dumps. */
		sp->flags = (sp->flags & FL_LEFT) | FL_PTR;
		sp->prec = 16;
		put_number(o, sp, (uintptr_t)va_arg(*ap, void *), 16, 0);
		return true;
	case 'c': {
		char c = (char)va_arg(*ap, int);

		put_field(o, sp, &c, 1);
		return true;
	}
	case 's': {
		const char *s = va_arg(*ap, const char *);

		if (!s)
			s = "(null)";
		put_field(o, sp, s, sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s));
		return true;
	}
	case '%':
		emit(o, '%');
		return true;
	default:
		return false;
	}
}

/* Parse a decimal field width or precision, saturating at INT_MAX. */
static int parse_decimal(const char **fmt)
{
	int n = 0;

	for (; kisdigit(**fmt); (*fmt)++) {
		int d = **fmt - '0';

		n = n > (INT_MAX - d) / 10 ? INT_MAX : n * 10 + d;
	}
	return n;
}

/*
 * Parse the conversion specification after a '%' up to the conversion character, which is
 * returned (or '\0' if the format ends first). *fmt is left pointing just past it.
 */
static char parse_spec(const char **fmt, struct spec *sp, va_list *ap)
{
	const char *f = *fmt;
	char conv;

	*sp = (struct spec){ .prec = -1, .len = LEN_INT };
	for (;; f++) {
		if (*f == '-')
			sp->flags |= FL_LEFT;
		else if (*f == '0')
			sp->flags |= FL_ZERO;
		else if (*f == '+')
			sp->flags |= FL_PLUS;
		else if (*f == ' ')
			sp->flags |= FL_SPACE;
		else if (*f == '#')
			sp->flags |= FL_ALT;
		else
			break;
	}

	if (*f == '*') {
		int w = va_arg(*ap, int);

		f++;
		/* A negative width argument is a '-' flag and a positive width. */
		if (w < 0) {
			sp->flags |= FL_LEFT;
			w = w == INT_MIN ? INT_MAX : -w;
		}
		sp->width = w;
	} else {
		sp->width = parse_decimal(&f);
	}

	if (*f == '.') {
		f++;
		if (*f == '*') {
			int p = va_arg(*ap, int);

			f++;
			/* A negative precision argument counts as no precision. */
			sp->prec = p < 0 ? -1 : p;
		} else {
			sp->prec = parse_decimal(&f);
		}
	}

	switch (*f) {
	case 'h':
		f++;
		sp->len = LEN_SHORT;
		if (*f == 'h') {
			f++;
			sp->len = LEN_CHAR;
		}
		break;
	case 'l':
		f++;
		sp->len = LEN_LONG;
		if (*f == 'l') {
			f++;
			sp->len = LEN_LLONG;
		}
		break;
	case 'z':
		f++;
		sp->len = LEN_SIZE;
		break;
	case 't':
		f++;
		sp->len = LEN_PTRDIFF;
		break;
	case 'j':
		f++;
		sp->len = LEN_INTMAX;
		break;
	default:
		break;
	}

	conv = *f;
	if (conv)
		f++;
	*fmt = f;
	return conv;
}

/**
 * kvformat() - format a string and stream it to a callback
 * @put: called once for every output character, in order, with @arg
 * @arg: passed to @put unchanged
 * @fmt: printf-style format (see lib/format.h for what is supported)
 * @ap: arguments for @fmt
 *
 * A conversion specification that is not understood is passed through as written.
 *
 * Return: the number of characters passed to @put, or -1 if that exceeds INT_MAX.
 */
int kvformat(void (*put)(char c, void *arg), void *arg, const char *fmt, va_list ap)
{
	struct sink o = { .put = put, .arg = arg, .count = 0 };
	struct spec sp;
	va_list args;

	/* A va_list parameter may be an array type, so work on a copy that can be pointed to. */
	va_copy(args, ap);
	while (*fmt) {
		const char *start = fmt;
		char conv;

		if (*fmt != '%') {
			emit(&o, *fmt++);
			continue;
		}
		fmt++;
		conv = parse_spec(&fmt, &sp, &args);
		if (!conv || !convert(&o, &sp, conv, &args))
			emit_chars(&o, start, (size_t)(fmt - start));
	}
	va_end(args);

	return o.count > INT_MAX ? -1 : (int)o.count;
}

/* State of kvsnprintf()'s output callback. */
struct buf_sink {
	char *buf;
	size_t size;
	size_t pos;
};

static void buf_put(char c, void *arg)
{
	struct buf_sink *b = arg;

	/* Keep the last byte free for the terminating NUL. */
	if (b->pos + 1 < b->size)
		b->buf[b->pos] = c;
	b->pos++;
}

/**
 * kvsnprintf() - format a string into a buffer of limited size
 * @buf: destination; may be NULL if @size is 0
 * @size: size of @buf in bytes; at most @size - 1 characters and a NUL are stored
 * @fmt: printf-style format (see lib/format.h)
 * @ap: arguments for @fmt
 *
 * The output was truncated if the return value is @size or more. Nothing at all is written
 * when @size is 0.
 *
 * Return: the length of the complete output, not counting the NUL; -1 if above INT_MAX.
 */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_sink b = { .buf = buf, .size = size, .pos = 0 };
	int len = kvformat(buf_put, &b, fmt, ap);

	if (size)
		buf[b.pos < size ? b.pos : size - 1] = '\0';
	return len;
}

/**
 * kvsnprintf_stored() - format a line into a buffer, cut to fit
 * @buf: destination, @size bytes (at least 1)
 * @size: size of @buf in bytes
 * @fmt: printf-style format (see lib/format.h)
 * @ap: the arguments for @fmt
 *
 * For writers of one line of output, which send what fits and drop the rest.
 *
 * Return: the length of what @buf holds, not counting the NUL: the output, cut at
 * @size - 1; 0 if the output would be longer than INT_MAX.
 */
size_t kvsnprintf_stored(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = kvsnprintf(buf, size, fmt, ap);

	if (n < 0) {
		buf[0] = 0;
		return 0;
	}
	return (size_t)n < size ? (size_t)n : size - 1;
}

/**
 * ksnprintf() - format a string into a buffer of limited size
 * @buf: destination; may be NULL if @size is 0
 * @size: size of @buf in bytes
 * @fmt: printf-style format (see lib/format.h)
 *
 * As kvsnprintf(), with the arguments for @fmt passed directly.
 *
 * Return: the length of the complete output, not counting the NUL; -1 if above INT_MAX.
 */
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return len;
}
