/* Fake implementation of arch/hw.h for host unit tests (see fake_hw.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vm64/ckd.h>
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

unsigned long fake_tod_reads;

uint64_t hw_tod_clock(void)
{
	fake_tod_reads++;
	return fake_tod;
}

void hw_console_write(const char *text, size_t len)
{
	printf("console: %.*s\n", (int)len, text);
	if (fake_console_out_count < FAKE_CONSOLE_OUT_LINES)
		snprintf(fake_console_out[fake_console_out_count], sizeof(fake_console_out[0]),
			 "%.*s", (int)len, text);
	fake_console_out_count++;
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

bool fake_work_pending;

bool hw_work_pending(void)
{
	return fake_work_pending;
}

void hw_power_off(void)
{
	abort();
}

void (*fake_panic_hook)(uint16_t code, const char *text);

void hw_panic(uint16_t code, const char *fmt, ...)
{
	va_list ap;

	if (fake_panic_hook) {
		char text[256];

		va_start(ap, fmt);
		vsnprintf(text, sizeof(text), fmt, ap);
		va_end(ap);
		fake_panic_hook(code, text);
	}
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

/* ---- the operator's console, captured ---- */

char fake_console_out[FAKE_CONSOLE_OUT_LINES][256];
unsigned fake_console_out_count;

void fake_console_out_reset(void)
{
	memset(fake_console_out, 0, sizeof(fake_console_out));
	fake_console_out_count = 0;
}

bool fake_console_out_has(const char *s)
{
	for (unsigned i = 0; i < fake_console_out_count && i < FAKE_CONSOLE_OUT_LINES; i++)
		if (strstr(fake_console_out[i], s))
			return true;
	return false;
}

/* ---- hw_io_*: claimed devices, one command each, and a ring of events ---- */

#define FAKE_IO_SLOTS 256

static bool io_claimed[16];
static bool io_started[16];
static struct hw_io_event io_ring[FAKE_IO_SLOTS];
static unsigned io_head, io_tail;
static unsigned long io_lost;
struct fake_io_command fake_io_cmd[16];
int fake_io_cc[16];
unsigned fake_io_starts[16], fake_io_cancels[16];

int hw_io_claim(unsigned device)
{
	if (device >= hw_device_count() || !hw_device(device)->enabled)
		return -1;
	io_claimed[device] = true;
	return 0;
}

int hw_io_start(unsigned device, uint8_t command, void *data, uint16_t count)
{
	if (device >= fake_device_count || !io_claimed[device])
		return -1;
	if (io_started[device])
		return -2;
	if (fake_io_cc[device] != 0)
		return fake_io_cc[device] == 3 ? -1 : -2;
	io_started[device] = true;
	fake_io_cmd[device] = (struct fake_io_command){ command, data, count };
	fake_io_starts[device]++;
	return 0;
}

void hw_io_cancel(unsigned device)
{
	if (device >= fake_device_count || !io_claimed[device])
		return;
	io_started[device] = false;
	fake_io_cancels[device]++;
	fake_io_status(device, 0, 0); /* the clear's end: unsolicited */
}

bool hw_io_next_event(struct hw_io_event *ev)
{
	if (io_tail == io_head)
		return false;
	*ev = io_ring[io_tail % FAKE_IO_SLOTS];
	io_tail++;
	return true;
}

unsigned long hw_io_events_lost(void)
{
	return io_lost;
}

bool fake_io_running(unsigned device)
{
	return io_started[device];
}

void fake_io_status(unsigned device, uint8_t dstat, uint16_t residual)
{
	struct hw_io_event *ev;

	if (!io_claimed[device])
		return;
	if (io_head - io_tail >= FAKE_IO_SLOTS) {
		io_lost++;
		io_started[device] = false;
		return;
	}
	ev = &io_ring[io_head % FAKE_IO_SLOTS];
	ev->device = device;
	ev->solicited = io_started[device];
	ev->dstat = dstat;
	ev->cstat = 0;
	ev->residual = residual;
	ev->tod = hw_tod_clock();
	io_started[device] = false;
	io_head++;
}

/* The engine: a machine that never runs a guest unless a test scripts fake_engine.run. */
static int fake_vcpu_init(struct vcpu *v)
{
	(void)v;
	return 0;
}

static void fake_vcpu_release(struct vcpu *v)
{
	(void)v;
}

static void fake_run(struct vcpu *v, uint64_t slice_us)
{
	(void)v;
	(void)slice_us;
	fprintf(stderr, "fake_hw: the engine ran a guest no test scripted\n");
	abort();
}

struct engine_ops fake_engine = {
	.name = "fake",
	.vcpu_init = fake_vcpu_init,
	.vcpu_release = fake_vcpu_release,
	.run = fake_run,
};

const struct engine_ops *hw_engine(void)
{
	return &fake_engine;
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
	    block < fake_blks[index].info.first_block ||
	    count > fake_blks[index].info.blocks - block)
		return HW_BLK_E_RANGE;
	return 0;
}

/* Whether the transfer covers the volume's bad block. */
static bool fake_blk_bad(unsigned index, uint64_t block, unsigned count)
{
	const struct fake_blk *b = &fake_blks[index];

	return b->bad && b->bad_block >= block && b->bad_block - block < count;
}

int hw_blk_read(unsigned index, uint64_t block, unsigned count, void *buf)
{
	int rc = fake_blk_check(index, block, count);

	if (rc)
		return rc;
	if (fake_blks[index].fail || fake_blk_bad(index, block, count))
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
	if (fake_blks[index].fail || fake_blk_bad(index, block, count))
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
	b->bad = false;
	if (volser)
		vol_label_encode(b->data + 512, volser);
}

void fake_ckd_add(uint16_t devno, uint32_t cyls, const char *volser)
{
	struct fake_blk *b = &fake_blks[fake_blk_count++];
	uint8_t block[512];

	b->info = (struct hw_blk){ .device = 0, .devno = devno, .dev_type = CKD_3390_DEVTYPE,
				   .block_size = 512, .blocks = ckd_blocks(cyls),
				   .first_block = CKD_BLOCKS_PER_TRACK, .cylinders = cyls,
				   .heads = CKD_3390_HEADS, .driver = "FAKE" };
	b->data = calloc(b->info.blocks, 512);
	b->fail = false;
	b->bad = false;
	memset(b->ckd_label, 0, sizeof(b->ckd_label));
	if (volser) {
		vol_label_encode(block, volser);
		memcpy(b->ckd_label, block, sizeof(b->ckd_label));
	}
}

int hw_blk_label(unsigned index, void *buf)
{
	if (index >= fake_blk_count || fake_blks[index].info.dev_type != CKD_3390_DEVTYPE)
		return HW_BLK_E_RANGE;
	if (fake_blks[index].fail)
		return HW_BLK_E_IO;
	memcpy(buf, fake_blks[index].ckd_label, sizeof(fake_blks[index].ckd_label));
	return 0;
}

void fake_blk_reset(void)
{
	for (unsigned i = 0; i < fake_blk_count; i++)
		free(fake_blks[i].data);
	memset(fake_blks, 0, sizeof(fake_blks));
	fake_blk_count = 0;
}

/* ---- hw_ur_run: a card reader that reads fake_ur_deck, a printer that keeps lines ---- */

const uint8_t (*fake_ur_deck)[80]; /* the cards in the hopper (EBCDIC) */
unsigned fake_ur_deck_cards, fake_ur_deck_read;
unsigned fake_ur_writes; /* printer commands run */
uint8_t fake_ur_last_cmd;

int hw_ur_run(unsigned device, uint8_t command, void *data, uint16_t count,
	      struct hw_ur_status *st)
{
	memset(st, 0, sizeof(*st));
	if (device >= fake_device_count || !fake_devices[device].enabled)
		return -1;
	fake_ur_last_cmd = command;
	st->dstat = HW_DSTAT_CHANNEL_END | HW_DSTAT_DEVICE_END;
	if ((command & 3) == 2) {
		if (fake_ur_deck_read >= fake_ur_deck_cards) {
			st->dstat |= HW_DSTAT_UNIT_EXCEPTION; /* Hercules' "eof" */
			st->residual = count;
			return 0;
		}
		memcpy(data, fake_ur_deck[fake_ur_deck_read++], count < 80 ? count : 80);
		return 0;
	}
	fake_ur_writes++;
	return 0;
}
