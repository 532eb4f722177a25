/* Fake implementation of arch/hw.h for host unit tests (see fake_hw.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vm64/volume.h>
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

/* Fake block devices (hw_blk_*): volumes in host memory; writes can be made to fail. */
struct fake_blk fake_blks[FAKE_BLK_MAX];
unsigned fake_blk_count;
unsigned long fake_blk_reads, fake_blk_writes;

unsigned hw_blk_count(void)
{
	return fake_blk_count;
}

const struct hw_blk *hw_blk(unsigned index)
{
	return index < fake_blk_count ? &fake_blks[index].info : NULL;
}

static int fake_blk_check(unsigned index, uint64_t block, unsigned count)
{
	if (index >= fake_blk_count || count == 0 || block >= fake_blks[index].info.blocks ||
	    count > fake_blks[index].info.blocks - block)
		return HW_BLK_E_RANGE;
	return 0;
}

int hw_blk_read(unsigned index, uint64_t block, unsigned count, void *buf)
{
	int rc = fake_blk_check(index, block, count);

	if (rc)
		return rc;
	if (fake_blks[index].fail)
		return HW_BLK_E_IO;
	fake_blk_reads++;
	memcpy(buf, fake_blks[index].data + block * 512, (size_t)count * 512);
	return 0;
}

int hw_blk_write(unsigned index, uint64_t block, unsigned count, const void *buf)
{
	int rc = fake_blk_check(index, block, count);

	if (rc)
		return rc;
	if (fake_blks[index].fail)
		return HW_BLK_E_IO;
	fake_blk_writes++;
	memcpy(fake_blks[index].data + block * 512, buf, (size_t)count * 512);
	return 0;
}

void fake_blk_add(uint16_t devno, uint64_t blocks, const char *volser)
{
	struct fake_blk *b = &fake_blks[fake_blk_count++];

	b->info = (struct hw_blk){ .device = 0, .devno = devno, .dev_type = 0x9336,
				   .block_size = 512, .blocks = blocks, .driver = "FAKE" };
	b->data = calloc(blocks, 512);
	b->fail = false;
	if (volser)
		vol_label_encode(b->data + 512, volser);
}

void fake_blk_reset(void)
{
	for (unsigned i = 0; i < fake_blk_count; i++)
		free(fake_blks[i].data);
	memset(fake_blks, 0, sizeof(fake_blks));
	fake_blk_count = 0;
}
