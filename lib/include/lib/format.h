/*
 * printf-style formatting for the freestanding library: into a buffer (ksnprintf) or streamed
 * character by character to a callback (kvformat), e.g. for a console driver.
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %%; flags - 0 + space #; field width and precision,
 * either may be *; length modifiers hh h l ll z t j. There is no floating point and no %n.
 * %s with a NULL pointer prints "(null)"; %p prints "0x" and 16 hex digits.
 * Covered by tests/unit/test_format.c.
 */
#ifndef LIB_FORMAT_H
#define LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

int kvformat(void (*put)(char c, void *arg), void *arg, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* As kvsnprintf(), returning the length of what buf holds (the output cut to fit). */
size_t kvsnprintf_stored(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif /* LIB_FORMAT_H */
