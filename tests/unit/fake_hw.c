/* Fake implementation of arch/hw.h for host unit tests (see fake_hw.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "fake_hw.h"

struct hw_info fake_info;
struct hw_device fake_devices[16];
unsigned fake_device_count;
uint64_t fake_tod;

const struct hw_info *hw_info(void)
{
	return &fake_info;
}

unsigned hw_device_count(void)
{
	return fake_device_count;
}

const struct hw_device *hw_device(unsigned index)
{
	return index < fake_device_count ? &fake_devices[index] : NULL;
}

uint64_t hw_tod_clock(void)
{
	return fake_tod;
}

void hw_console_write(const char *text, size_t len)
{
	printf("console: %.*s\n", (int)len, text);
}

int hw_console_read(char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return -1;
}

uint64_t fake_idle;

uint64_t hw_idle_time(void)
{
	return fake_idle;
}

void hw_wait(uint64_t timeout_us)
{
	(void)timeout_us;
}

void hw_power_off(void)
{
	abort();
}

void hw_panic(uint16_t code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "panic %04x: ", code);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	abort();
}

void hw_console_event(const char *text, size_t len)
{
	printf("console event: %.*s\n", (int)len, text);
}

uint64_t fake_real_key_frame;
uint8_t fake_real_key;
unsigned fake_real_key_sets;

void hw_set_storage_key(uint64_t frame, uint8_t key)
{
	fake_real_key_frame = frame;
	fake_real_key = key;
	fake_real_key_sets++;
}
