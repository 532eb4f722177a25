/*
 * A dedicated disk (ATTACH rdev TO userid AS 0200, cp/cmd/attach.c): the whole real volume
 * as a virtual FBA 9336, driven by channel programs and by DIAGNOSE X'250'.
 *
 * Waits up to 60 s for device 0200 to appear (the operator attaches it after this guest
 * starts; tests/system/test_attach.py), then: SENSE ID and READ DEVICE CHARACTERISTICS (the
 * volume's size, printed for the test to compare), block 1 is the volume's VOL1 label (so
 * block n is block n of the real volume, no minidisk offset), writes blocks 100-103 and the
 * last block and reads them back, and with DIAGNOSE X'250' (INIT, then RW) reads the label
 * and writes block 200, which a channel program reads back. The test checks those blocks in
 * the volume's image file after SHUTDOWN. Bare, or when no 0200 comes: skipped.
 */
#include <arch/cio.h>
#include <lib/endian.h>
#include <lib/string.h>

#include "chan.h"
#include "diag.h"
#include "guest.h"
#include "interrupt.h"

#define DEVNO	    0x0200
#define MAX_SCH	    16
#define ST_OK	    CHAN_ST_OK
#define FLAGA_64BIT 0x80
#define D250_INIT   0
#define D250_RW	    1
#define BIO_WRITE   1
#define BIO_READ    2

static struct schib schib __attribute__((aligned(4)));
static struct fba_prog fba;
static uint8_t buf[4096] __attribute__((aligned(8)));
static struct biopl pl;
static struct bio bio;
static uint32_t sch, blocks;

static const uint8_t vol1[4] = { 0xe5, 0xd6, 0xd3, 0xf1 }; /* "VOL1" in EBCDIC */

/* DEFINE EXTENT over the whole disk, LOCATE, READ (oper 6) or WRITE (oper 1) n blocks. */
static unsigned rw(uint8_t oper, uint16_t n, uint32_t block)
{
	fba_prog_build(&fba, oper == FBA_OPER_READ ? 0x40 : 0xc0, 0, 0, blocks - 1, oper, n, block,
		       buf);
	return chan_run(sch, fba.ccw, 0);
}

static bool find_disk(void)
{
	return chan_find_devno(DEVNO, MAX_SCH, &sch, &schib);
}

/* Looks for 0200 every 100 ms for up to 60 s (the clock comparator wakes the wait). */
static bool wait_for_disk(void)
{
	uint64_t end = stck() + tod_us(60000000);

	while (!find_disk()) {
		uint64_t next = stck() + tod_us(100000);

		if (next > end)
			return false;
		sckc(next);
		ctl_set_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
		while (stck() < next)
			enabled_wait(PSW_MASK_EXT);
		ctl_clear_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
		sckc(UINT64_MAX);
	}
	return true;
}

static void channel_programs(void)
{
	static const uint8_t id[7] = { 0xff, 0x63, 0x10, 0x01, 0x93, 0x36, 0x00 };

	schib.pmcw.flags1 |= PMCW1_ENABLED;
	report(msch(sch, &schib) == 0, "MSCH enables 0200");
	report(chan_sense_id_rdc(sch, buf) == ST_OK, "SENSE ID and RDC end with CE+DE");
	report(memcmp(buf, id, sizeof(id)) == 0, "SENSE ID: FF 6310 01 9336 00");
	blocks = get_be32(buf + 64 + 14);
	report_info("DEDICATED 0200 BLOCKS %u", blocks);
	report(blocks > 256, "RDC: %u blocks", blocks);
	if (blocks <= 256)
		return;
	memset(buf, 0, 512);
	report(rw(6, 1, 1) == ST_OK && memcmp(buf, vol1, 4) == 0,
	       "block 1 is the real volume's VOL1 label");
	pattern_fill(buf, 2048, 100);
	report(rw(1, 4, 100) == ST_OK, "WRITE blocks 100-103");
	pattern_fill(buf, 512, 9);
	report(rw(1, 1, blocks - 1) == ST_OK, "WRITE the last block");
	memset(buf, 0, 2048);
	report(rw(6, 4, 100) == ST_OK && pattern_check(buf, 2048, 100), "blocks 100-103 read back");
	memset(buf, 0, 512);
	report(rw(6, 1, blocks - 1) == ST_OK && pattern_check(buf, 512, 9),
	       "the last block reads back");
	report(rw(6, 1, blocks) == CHAN_ST_UC, "LOCATE one block beyond the volume: unit check");
}

static int d250(uint64_t function, uint64_t *rc)
{
	return diag250((uint64_t)(uintptr_t)&pl, function, rc);
}

static void diag250_io(void)
{
	uint64_t rc = 0;

	memset(&pl, 0, sizeof(pl));
	pl.devno = DEVNO;
	pl.flaga = FLAGA_64BIT;
	pl.init.block_size = 512;
	report(d250(D250_INIT, &rc) == 0 && rc == 0, "DIAG X'250' INIT 0200 (rc %lu)",
	       (unsigned long)rc);
	report(pl.init.end_block == (int64_t)blocks, "INIT: the whole volume, %ld blocks",
	       (long)pl.init.end_block);
	/* block numbers from 1: number 2 is device block 1, the label */
	memset(buf, 0, 512);
	memset(&pl, 0, sizeof(pl));
	memset(&bio, 0, sizeof(bio));
	pl.devno = DEVNO;
	pl.flaga = FLAGA_64BIT;
	pl.rw.block_count = 1;
	pl.rw.list = (uint64_t)(uintptr_t)&bio;
	bio.type = BIO_READ;
	bio.block = 2;
	bio.buffer = (uint64_t)(uintptr_t)buf;
	report(d250(D250_RW, &rc) == 0 && rc == 0 && memcmp(buf, vol1, 4) == 0,
	       "DIAG X'250' reads the VOL1 label");
	pattern_fill(buf, 512, 200);
	bio.type = BIO_WRITE;
	bio.block = 201;
	report(d250(D250_RW, &rc) == 0 && rc == 0, "DIAG X'250' writes block 200");
	memset(buf, 0, 512);
	report(rw(6, 1, 200) == ST_OK && pattern_check(buf, 512, 200),
	       "a channel program reads DIAG X'250''s block 200");
}

int main(void)
{
	report_prefix_push("dedicate");
	if (!under_vm64()) {
		report_skip("bare: nothing attaches a disk");
		return report_summary();
	}
	if (!wait_for_disk()) {
		report_skip("no device 0200 attached within 60 s");
		return report_summary();
	}
	report_info("0200 is subchannel %08x", sch);
	channel_programs();
	if (blocks > 256)
		diag250_io();
	return report_summary();
}
