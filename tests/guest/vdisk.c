/*
 * V-DISKs: the virtual disk in storage the directory gives this user (MDISK 191 FB-512
 * V-DISK 4096), reached with DIAGNOSE X'250' block I/O in the 64-bit BIOPL format and found
 * with DIAGNOSE X'24' (conventions: lib/include/vm64/diag250.h). INIT, writes and reads of
 * several blocks with patterns, a block never written reads as zeros, block numbers out of
 * range, a buffer outside storage (that entry fails, the others are done), bad parameter
 * lists, an unknown device, a 4 KB block size, REMOVE then RW refused, QUERY VIRTUAL DASD.
 * Bare machines have no V-DISK: everything is skipped unless VM/64 is underneath.
 */
#include <lib/ebcdic.h>

#include "diag.h"
#include "guest.h"

#define VDEV	    0x191
#define VBLOCKS	    4096
#define NO_DEVICE   0x999
#define INIT	    0
#define RW	    1
#define REMOVE	    2
#define FLAGA_64BIT 0x80
#define BIO_WRITE   1
#define BIO_READ    2

/* rc (R(x+1)) and entry status values (z/VM's) */
#define RC_OK	      0
#define RC_PARTIAL    12
#define RC_NO_DEVICE  16
#define RC_STATE      28
#define RC_COUNT      36
#define RC_ALL_FAILED 40
#define ST_BLOCK      1
#define ST_ADDRESSING 2

static struct biopl pl;
static struct bio list[8];
static uint64_t rc;

/* Data buffers, 4 KB apart, in the test area above 1 MB. */
static uint8_t *buf(unsigned i)
{
	return (uint8_t *)(uintptr_t)(GUEST_SCRATCH + i * 0x1000UL);
}

static bool all(const uint8_t *p, unsigned len, uint8_t v)
{
	for (unsigned i = 0; i < len; i++)
		if (p[i] != v)
			return false;
	return true;
}

static int do_init(uint16_t devno, uint32_t block_size, int64_t offset)
{
	memset(&pl, 0, sizeof(pl));
	pl.devno = devno;
	pl.flaga = FLAGA_64BIT;
	pl.init.block_size = block_size;
	pl.init.offset = offset;
	return diag250((uint64_t)(uintptr_t)&pl, INIT, &rc);
}

static int do_remove(uint16_t devno)
{
	memset(&pl, 0, sizeof(pl));
	pl.devno = devno;
	return diag250((uint64_t)(uintptr_t)&pl, REMOVE, &rc);
}

static void set_entry(unsigned i, uint8_t type, int64_t block, uint64_t buffer)
{
	memset(&list[i], 0, sizeof(list[i]));
	list[i].type = type;
	list[i].status = 0xee;
	list[i].block = block;
	list[i].buffer = buffer;
}

static int do_rw(uint16_t devno, uint32_t count)
{
	memset(&pl, 0, sizeof(pl));
	pl.devno = devno;
	pl.flaga = FLAGA_64BIT;
	pl.rw.block_count = count;
	pl.rw.list = (uint64_t)(uintptr_t)list;
	return diag250((uint64_t)(uintptr_t)&pl, RW, &rc);
}

static void test_diag24(void)
{
	int32_t devno;
	uint32_t vdev, rdev;
	int cc;

	report_prefix_push("X'24'");
	devno = -1;
	cc = diag24(&devno, &vdev, &rdev);
	report(cc == 0 && (devno & 0xffff) == 0x0009 && vdev >> 16 == 0x8000,
	       "virtual console: cc %d, device %04x, class/type %04x (terminal, 3215)", cc,
	       (unsigned)devno & 0xffff, vdev >> 16);
	devno = 0x0009;
	cc = diag24(&devno, &vdev, &rdev);
	report(cc == 0 && vdev >> 16 == 0x8000, "device 0009: cc %d, class/type %04x", cc,
	       vdev >> 16);
	devno = VDEV;
	cc = diag24(&devno, &vdev, &rdev);
	report(cc == 0 && vdev >> 16 == 0x0140 && (vdev & 0x80) == 0,
	       "device 0191: cc %d, class/type %04x (FBA, 9336), flags %02x (R/W)", cc,
	       vdev >> 16, vdev & 0xff);
	report(rdev >> 16 == 0x0140, "device 0191: real class/type %04x", rdev >> 16);
	devno = NO_DEVICE;
	cc = diag24(&devno, &vdev, &rdev);
	report(cc == 3, "device 0999: cc 3 (got %d)", cc);
	report_prefix_pop();
}

static void test_init(void)
{
	int cc;

	report_prefix_push("INIT");
	cc = do_init(VDEV, 512, 0);
	report(cc == 0 && rc == RC_OK, "0191 with 512-byte blocks: cc %d rc %lu", cc,
	       (unsigned long)rc);
	report(pl.init.start_block == 1 && pl.init.end_block == VBLOCKS,
	       "blocks %ld to %ld", (long)pl.init.start_block, (long)pl.init.end_block);
	cc = do_init(VDEV, 512, 0);
	report(cc == 2 && rc == RC_STATE, "INIT again: cc 2 rc 28 (got cc %d rc %lu)", cc,
	       (unsigned long)rc);
	cc = do_init(NO_DEVICE, 512, 0);
	report(cc == 2 && rc == RC_NO_DEVICE, "no device 0999: cc 2 rc 16 (got cc %d rc %lu)", cc,
	       (unsigned long)rc);
	report_prefix_pop();
}

static const int64_t blocks[] = { 1, 2, 3, 8, 9, 100, 2048, VBLOCKS };
#define NBLOCKS (sizeof(blocks) / sizeof(blocks[0]))

static void test_write_read(void)
{
	bool ok = true;
	int cc;

	report_prefix_push("RW");
	for (unsigned i = 0; i < NBLOCKS; i++) {
		pattern_fill(buf(i), 512, (unsigned)blocks[i]);
		set_entry(i, BIO_WRITE, blocks[i], (uint64_t)(uintptr_t)buf(i));
	}
	cc = do_rw(VDEV, NBLOCKS);
	for (unsigned i = 0; i < NBLOCKS; i++)
		ok &= list[i].status == 0;
	report(cc == 0 && rc == RC_OK && ok, "write %u blocks: cc %d rc %lu", (unsigned)NBLOCKS,
	       cc, (unsigned long)rc);

	for (unsigned i = 0; i < NBLOCKS; i++) {
		memset(buf(8 + i), 0xee, 0x1000);
		set_entry(i, BIO_READ, blocks[NBLOCKS - 1 - i], (uint64_t)(uintptr_t)buf(8 + i));
	}
	cc = do_rw(VDEV, NBLOCKS);
	ok = cc == 0 && rc == RC_OK;
	for (unsigned i = 0; i < NBLOCKS; i++)
		ok &= list[i].status == 0 &&
		      pattern_check(buf(8 + i), 512, (unsigned)blocks[NBLOCKS - 1 - i]) &&
		      all(buf(8 + i) + 512, 512, 0xee);
	report(ok, "read them back in reverse order: the patterns, 512 bytes each");

	memset(buf(16), 0xee, 512);
	set_entry(0, BIO_READ, 50, (uint64_t)(uintptr_t)buf(16));
	cc = do_rw(VDEV, 1);
	report(cc == 0 && list[0].status == 0 && all(buf(16), 512, 0),
	       "a block never written reads as zeros");

	pattern_fill(buf(0), 512, 7777);
	set_entry(0, BIO_WRITE, 2, (uint64_t)(uintptr_t)buf(0));
	set_entry(1, BIO_READ, 2, (uint64_t)(uintptr_t)buf(17));
	cc = do_rw(VDEV, 2);
	report(cc == 0 && pattern_check(buf(17), 512, 7777),
	       "overwrite, then read in the same request");
	report_prefix_pop();
}

static void test_entry_errors(void)
{
	uint64_t beyond = guest_env.storage_size + 0x10000;
	int cc;

	report_prefix_push("RW errors");
	set_entry(0, BIO_READ, 0, (uint64_t)(uintptr_t)buf(0));
	set_entry(1, BIO_READ, VBLOCKS + 1, (uint64_t)(uintptr_t)buf(0));
	set_entry(2, BIO_READ, -1, (uint64_t)(uintptr_t)buf(0));
	cc = do_rw(VDEV, 3);
	report(cc == 2 && rc == RC_ALL_FAILED && list[0].status == ST_BLOCK &&
		       list[1].status == ST_BLOCK && list[2].status == ST_BLOCK,
	       "blocks 0, 4097, -1: cc 2 rc 40, status 1 (got cc %d rc %lu, %u %u %u)", cc,
	       (unsigned long)rc, list[0].status, list[1].status, list[2].status);

	memset(buf(20), 0xee, 512);
	set_entry(0, BIO_READ, 1, beyond);
	set_entry(1, BIO_READ, 1, (uint64_t)(uintptr_t)buf(20));
	set_entry(2, BIO_WRITE, 3, guest_env.storage_size - 256);
	cc = do_rw(VDEV, 3);
	report(cc == 1 && rc == RC_PARTIAL, "buffers outside storage: cc 1 rc 12 (got cc %d rc %lu)",
	       cc, (unsigned long)rc);
	report(list[0].status == ST_ADDRESSING && list[2].status == ST_ADDRESSING,
	       "their entries: status 2 (got %u, %u)", list[0].status, list[2].status);
	report(list[1].status == 0 && pattern_check(buf(20), 512, 1), "the good entry is done");
	set_entry(0, BIO_READ, 3, (uint64_t)(uintptr_t)buf(21));
	cc = do_rw(VDEV, 1);
	report(cc == 0 && pattern_check(buf(21), 512, 3), "block 3 unchanged by the failed write");

	cc = do_rw(VDEV, 0);
	report(cc == 2 && rc == RC_COUNT, "block count 0: cc 2 rc 36 (got cc %d rc %lu)", cc,
	       (unsigned long)rc);
	cc = do_rw(VDEV, 257);
	report(cc == 2 && rc == RC_COUNT, "block count 257: cc 2 rc 36");
	cc = do_rw(NO_DEVICE, 1);
	report(cc == 2 && rc == RC_NO_DEVICE, "RW to no device: cc 2 rc 16");
	report_prefix_pop();
}

static void test_bad_biopl(void)
{
	report_prefix_push("BIOPL");
	expect_pgm_int();
	diag250((uint64_t)(uintptr_t)&pl + 4, INIT, &rc);
	check_pgm_int_code("not on a doubleword", PGM_SPECIFICATION);
	expect_pgm_int();
	diag250(guest_env.storage_size + 0x1000, INIT, &rc);
	check_pgm_int_code("beyond storage", PGM_ADDRESSING);
	expect_pgm_int();
	diag250((uint64_t)(uintptr_t)&pl, 7, &rc);
	check_pgm_int_code("function code 7", PGM_SPECIFICATION);
	memset(&pl, 0, sizeof(pl));
	pl.devno = VDEV; /* flaga 0: the 31-bit format */
	pl.rw.block_count = 1;
	pl.rw.list = (uint64_t)(uintptr_t)list;
	expect_pgm_int();
	diag250((uint64_t)(uintptr_t)&pl, RW, &rc);
	check_pgm_int_code("31-bit format", PGM_SPECIFICATION);
	do_rw(VDEV, 1);
	pl.rw.list = guest_env.storage_size;
	expect_pgm_int();
	diag250((uint64_t)(uintptr_t)&pl, RW, &rc);
	check_pgm_int_code("entry list beyond storage", PGM_ADDRESSING);

	enter_pstate();
	expect_pgm_int();
	diag250((uint64_t)(uintptr_t)&pl, RW, &rc);
	leave_pstate();
	check_pgm_int_code("in problem state", PGM_PRIVILEGED_OP);
	report_prefix_pop();
}

static void test_block_size_4k(void)
{
	int cc;

	report_prefix_push("4 KB blocks");
	cc = do_remove(VDEV);
	report(cc == 0 && rc == RC_OK, "REMOVE: cc %d rc %lu", cc, (unsigned long)rc);
	cc = do_init(VDEV, 4096, 0);
	report(cc == 0 && pl.init.start_block == 1 && pl.init.end_block == VBLOCKS / 8,
	       "INIT: blocks %ld to %ld", (long)pl.init.start_block, (long)pl.init.end_block);
	/* 4 KB block 2 holds 512-byte blocks 9-16, of which 9 was written */
	memset(buf(22), 0xee, 0x1000);
	set_entry(0, BIO_READ, 2, (uint64_t)(uintptr_t)buf(22));
	cc = do_rw(VDEV, 1);
	report(cc == 0 && pattern_check(buf(22), 512, 9) && all(buf(22) + 512, 0x1000 - 512, 0),
	       "block 2 is 512-byte blocks 9-16");
	cc = do_remove(VDEV);
	set_entry(0, BIO_READ, 1, (uint64_t)(uintptr_t)buf(22));
	cc = do_rw(VDEV, 1);
	report(cc == 2 && rc == RC_STATE, "RW after REMOVE: cc 2 rc 28 (got cc %d rc %lu)", cc,
	       (unsigned long)rc);
	cc = do_remove(VDEV);
	report(cc == 2 && rc == RC_STATE, "REMOVE again: cc 2 rc 28");
	report_prefix_pop();
}

static void test_query_virtual(void)
{
	static uint8_t cmd[32], resp[256];
	static const char q[] = "QUERY VIRTUAL DASD";
	char text[81];
	uint32_t qrc, len;
	size_t n;

	ascii_to_ebcdic(EBCDIC_CP037, cmd, q, sizeof(q) - 1);
	memset(resp, 0, sizeof(resp));
	diag08((uint64_t)(uintptr_t)cmd, sizeof(q) - 1, (uint64_t)(uintptr_t)resp, sizeof(resp),
	       &qrc, &len);
	n = len < 80 ? len : 80;
	ebcdic_to_ascii(EBCDIC_CP037, text, resp, n);
	text[n] = 0;
	report(qrc == 0 && memcmp(text, "DASD 0191 9336 (VDSK) R/W", 25) == 0,
	       "QUERY VIRTUAL DASD: %s", text);
}

int main(void)
{
	report_prefix_push("vdisk");
	if (under_vm64()) {
		test_diag24();
		test_init();
		test_write_read();
		test_entry_errors();
		test_bad_biopl();
		test_block_size_4k();
		test_query_virtual();
	} else {
		report_skip("V-DISK, DIAG X'250' and X'24': not under VM/64");
	}
	report_prefix_pop();
	return report_summary();
}
