/*
 * Unit tests for guest channel programs to a 3390 minidisk (cp/vdev/vckd.c): a minidisk of 2
 * cylinders from cylinder 1 of a fake 3390 volume is a virtual 3390 (SENSE ID, RDC with its
 * cylinders); records relocated onto the volume (record r of virtual track t is blocks
 * 1440 + t * 96 + (r - 1) * 8 ..); SEEK / SEARCH ID EQUAL / TIC / READ DATA and LOCATE RECORD
 * reads and writes; the extent checks (file protected beyond the minidisk or the extent, a
 * DEFINE EXTENT wider than the minidisk cut to it); command rejects (file mask, read-only
 * link, no search, head 15); no record found; invalid track format; and the neighbouring
 * cylinders of the volume left as they were.
 */
#include <string.h>
#include <cp/blkdev.h>
#include <cp/dasd.h>
#include <cp/sysconfig.h>
#include <cp/vdev.h>
#include <cp/vm.h>
#include "cunit_main.h"
#include "fake_chan.h"
#include "fake_gmem.h"
#include "fake_hw.h"

#define CYL_START 1 /* the minidisk: cylinders 1-2 of a 4-cylinder volume */
#define CYLS	  2
#define VOL_CYLS  4
#define CP_AT	  0x1000
#define PARM	  0x3000
#define BUF	  0x10000
#define REC	  4096

#define OK     0x0c00
#define UC     0x0e00
#define FP     0x0004
#define REJECT 0x8000
#define NRF    0x0008
#define ITF    0x0040

static struct vm *vm;
static struct vsubchannel *sch;
static uint8_t *vol;

static uint8_t *at(uint64_t a)
{
	return fake_abs(vm, a);
}

/* Guest storage byte by byte (fake_abs() gives one page). */
static void fill(uint64_t a, uint8_t byte, size_t len)
{
	for (size_t i = 0; i < len; i++)
		at(a + i)[0] = byte;
}

static void ccw1(unsigned i, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t data)
{
	fake_ccw1(vm, CP_AT + 8 * i, cmd, flags, count, data);
}

static unsigned run(void)
{
	return fake_run(sch, CP_AT);
}

static unsigned sense(void)
{
	ccw1(0, 0x04, 0, 32, PARM + 0x100);
	CU_ASSERT_EQUAL(run(), OK);
	return (unsigned)at(PARM + 0x100)[0] << 8 | at(PARM + 0x100)[1];
}

static void cchh(uint8_t *p, unsigned cyl, unsigned head)
{
	put_be16(p, (uint16_t)cyl);
	put_be16(p + 2, (uint16_t)head);
}

/* DEFINE EXTENT at PARM and LOCATE RECORD at PARM + 16, then @cmd on BUF. */
static unsigned eckd(uint8_t mask, unsigned c0, unsigned h0, unsigned c1, unsigned h1, uint8_t op,
		     uint8_t count, unsigned cyl, unsigned head, uint8_t rec, uint8_t cmd,
		     uint16_t len)
{
	uint8_t *de = at(PARM), *lr = at(PARM + 16);

	memset(de, 0, 32);
	de[0] = mask;
	de[1] = 0xc0;
	cchh(de + 8, c0, h0);
	cchh(de + 12, c1, h1);
	lr[0] = op;
	lr[3] = count;
	cchh(lr + 4, cyl, head);
	cchh(lr + 8, cyl, head);
	lr[12] = rec;
	ccw1(0, 0x63, 0x40, 16, PARM);
	ccw1(1, 0x47, 0x40, 16, PARM + 16);
	ccw1(2, cmd, 0, len, BUF);
	return run();
}

/* SEEK, SEARCH ID EQUAL, TIC back, then @cmd on BUF. */
static unsigned seek_search(unsigned cyl, unsigned head, uint8_t rec, uint8_t cmd, uint16_t len)
{
	uint8_t *sk = at(PARM + 64);

	memset(sk, 0, 16);
	cchh(sk + 2, cyl, head);
	cchh(sk + 8, cyl, head);
	sk[12] = rec;
	ccw1(0, 0x07, 0x40, 6, PARM + 64);
	ccw1(1, 0x31, 0x40, 5, PARM + 72);
	ccw1(2, 0x08, 0, 0, CP_AT + 8);
	ccw1(3, cmd, 0, len, BUF);
	return run();
}

/* The volume's bytes of record @rec of the minidisk's track (cyl, head). */
static uint8_t *record(unsigned cyl, unsigned head, unsigned rec)
{
	uint64_t block = (uint64_t)(CYL_START + cyl) * 1440 + head * 96 + (rec - 1) * 8;

	return vol + block * 512;
}

static void setup_with(bool read_only)
{
	static const struct sysconfig cfg = {
	    .nvolumes = 1,
	    .volumes = {{"C1", SYSCFG_USER, VOL_CYLS * 1440, 0x3390, VOL_CYLS}},
	};
	uint8_t schib[52] = {0};

	fake_blk_reset();
	fake_ckd_add(0x200, VOL_CYLS, "C1");
	CU_ASSERT_EQUAL_FATAL(dasd_init(&cfg, NULL), 1);
	vol = fake_blks[0].data;
	for (unsigned b = 96; b < VOL_CYLS * 1440; b++)
		memset(vol + b * 512, (int)(b & 0xff), 512);
	vm = fake_vm_new(1 << 20);
	CU_ASSERT_EQUAL_FATAL(mdisk_blkdev_init(&vm->disks[0], dasd_volume("C1"), 0x191,
						CYL_START * 1440, CYLS * 1440, read_only),
			      0);
	CU_ASSERT_EQUAL(vm->disks[0].bd.dev_type, 0x3390);
	CU_ASSERT_EQUAL(vm->disks[0].bd.cylinders, CYLS);
	sch = vm_subchannel(vm, 0x00010001);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sch);
	schib[5] = 0x80;
	CU_ASSERT_EQUAL(sch->ops->modify(sch, schib), 0);
}

static void teardown(void)
{
	vm_disks_release(vm);
	fake_vm_free(vm);
	fake_blk_reset();
}

static void test_ids(void)
{
	setup_with(false);
	ccw1(0, 0xe4, 0x40, 7, BUF);
	ccw1(1, 0x64, 0, 64, BUF + 0x100);
	CU_ASSERT_EQUAL(run(), OK);
	CU_ASSERT_EQUAL(memcmp(at(BUF), "\xff\x39\x90\xc2\x33\x90\x0a", 7), 0);
	CU_ASSERT_EQUAL(at(BUF + 0x100)[12] << 8 | at(BUF + 0x100)[13], CYLS);
	CU_ASSERT_EQUAL(at(BUF + 0x100)[14] << 8 | at(BUF + 0x100)[15], 15);
	CU_ASSERT_EQUAL(at(BUF + 0x100)[3] << 8 | at(BUF + 0x100)[4], 0x3390);
	teardown();
}

static void test_read_write_relocated(void)
{
	setup_with(false);
	/* LOCATE RECORD write data of R3 of virtual track (1, 4) */
	fill(BUF, 0x5a, REC);
	CU_ASSERT_EQUAL(eckd(0xc0, 0, 0, 1, 14, 0x01, 1, 1, 4, 3, 0x05, REC), OK);
	CU_ASSERT_EQUAL(record(1, 4, 3)[0], 0x5a);
	CU_ASSERT_EQUAL(record(1, 4, 3)[REC - 1], 0x5a);
	CU_ASSERT_NOT_EQUAL(record(1, 4, 4)[0], 0x5a); /* R4 untouched */
	CU_ASSERT_NOT_EQUAL(record(1, 4, 2)[REC - 1], 0x5a);
	/* read it back with SEEK / SEARCH ID EQUAL / TIC / READ DATA */
	fill(BUF, 0, REC);
	CU_ASSERT_EQUAL(seek_search(1, 4, 3, 0x06, REC), OK);
	CU_ASSERT_EQUAL(at(BUF)[0], 0x5a);
	/* after a SEARCH ID EQUAL on R1, READ COUNT passes on to R2's count */
	CU_ASSERT_EQUAL(seek_search(0, 2, 1, 0x12, 8), OK);
	CU_ASSERT_EQUAL(memcmp(at(BUF), "\x00\x00\x00\x02\x02\x00\x10\x00", 8), 0);
	fill(BUF, 0, 8);
	{
		uint8_t *sk = at(PARM + 64); /* READ COUNT right after a seek: R1 (R0 passed) */

		memset(sk, 0, 6);
		cchh(sk + 2, 0, 2);
		ccw1(0, 0x07, 0x40, 6, PARM + 64);
		ccw1(1, 0x12, 0, 8, BUF);
		CU_ASSERT_EQUAL(run(), OK);
		CU_ASSERT_EQUAL(memcmp(at(BUF), "\x00\x00\x00\x02\x01\x00\x10\x00", 8), 0);
	}
	/* LOCATE RECORD read data of two records across a track: R12 of head 0, R1 of head 1 */
	memset(at(PARM + 16), 0, 16);
	CU_ASSERT_EQUAL(eckd(0x40, 0, 0, 0, 1, 0x06, 2, 0, 0, 12, 0x86, REC), OK);
	CU_ASSERT_EQUAL(at(BUF)[0], record(0, 0, 12)[0]);
	/* WRITE CKD of R5 after R4 in a format-write domain */
	put_be16(at(BUF), 0), put_be16(at(BUF) + 2, 7);
	at(BUF)[4] = 5, at(BUF)[5] = 0;
	put_be16(at(BUF) + 6, REC);
	fill(BUF + 8, 0xc3, REC);
	CU_ASSERT_EQUAL(eckd(0xc0, 0, 7, 0, 7, 0x03, 1, 0, 7, 4, 0x1d, REC + 8), OK);
	CU_ASSERT_EQUAL(record(0, 7, 5)[0], 0xc3);
	CU_ASSERT_EQUAL(record(0, 7, 5)[REC - 1], 0xc3);
	/* a count field of another format: invalid track format, nothing written */
	at(BUF)[4] = 6;
	put_be16(at(BUF) + 6, 512);
	CU_ASSERT_EQUAL(eckd(0xc0, 0, 7, 0, 7, 0x03, 1, 0, 7, 5, 0x1d, 520), UC);
	CU_ASSERT_EQUAL(sense(), ITF);
	CU_ASSERT_NOT_EQUAL(record(0, 7, 6)[0], 0xc3);
	teardown();
}

static void test_extent_checks(void)
{
	uint8_t before_lo, before_hi;

	setup_with(false);
	before_lo = vol[CYL_START * 1440 * 512 - 1];
	before_hi = vol[(CYL_START + CYLS) * 1440 * 512];
	fill(BUF, 0xee, REC);
	/* beyond the minidisk: file protected */
	CU_ASSERT_EQUAL(seek_search(CYLS, 0, 1, 0x05, REC), UC);
	CU_ASSERT_EQUAL(sense(), FP);
	CU_ASSERT_EQUAL(eckd(0xc0, 0, 0, 1, 14, 0x01, 1, CYLS, 0, 1, 0x05, REC), UC);
	CU_ASSERT_EQUAL(sense(), FP);
	/* outside the guest's extent */
	CU_ASSERT_EQUAL(eckd(0xc0, 0, 0, 0, 4, 0x01, 1, 0, 5, 1, 0x05, REC), UC);
	CU_ASSERT_EQUAL(sense(), FP);
	/* a DEFINE EXTENT beginning beyond the minidisk */
	CU_ASSERT_EQUAL(eckd(0xc0, CYLS, 0, CYLS + 3, 0, 0x01, 1, CYLS, 0, 1, 0x05, REC), UC);
	CU_ASSERT_EQUAL(sense(), FP);
	/* one wider than it: cut to it */
	CU_ASSERT_EQUAL(eckd(0x40, 0, 0, 900, 0, 0x06, 1, CYLS - 1, 14, 12, 0x06, REC), OK);
	CU_ASSERT_EQUAL(eckd(0x40, 0, 0, 900, 0, 0x06, 1, CYLS, 0, 1, 0x06, REC), UC);
	CU_ASSERT_EQUAL(sense(), FP);
	/* a multitrack read that would run off the end of the minidisk */
	CU_ASSERT_EQUAL(eckd(0x40, 0, 0, 900, 0, 0x06, 2, CYLS - 1, 14, 12, 0x86, REC), OK);
	ccw1(2, 0x86, 0x40, REC, BUF);
	ccw1(3, 0x86, 0, REC, BUF);
	CU_ASSERT_EQUAL(run(), UC);
	CU_ASSERT_EQUAL(sense(), FP);
	/* head 15: command reject */
	CU_ASSERT_EQUAL(seek_search(0, 15, 1, 0x06, REC), UC);
	CU_ASSERT_EQUAL(sense(), REJECT);
	/* a record that is not there */
	CU_ASSERT_EQUAL(seek_search(0, 0, 13, 0x06, REC), UC);
	CU_ASSERT_EQUAL(sense(), NRF);
	/* write the mask inhibits, write without search */
	CU_ASSERT_EQUAL(eckd(0x40, 0, 0, 0, 0, 0x01, 1, 0, 0, 1, 0x05, REC), UC);
	CU_ASSERT_EQUAL(sense(), REJECT);
	ccw1(0, 0x07, 0x40, 6, PARM + 64);
	memset(at(PARM + 64), 0, 6);
	ccw1(1, 0x05, 0, REC, BUF);
	CU_ASSERT_EQUAL(run(), UC);
	CU_ASSERT_EQUAL(sense(), REJECT);
	/* nothing outside the minidisk changed */
	CU_ASSERT_EQUAL(vol[CYL_START * 1440 * 512 - 1], before_lo);
	CU_ASSERT_EQUAL(vol[(CYL_START + CYLS) * 1440 * 512], before_hi);
	for (unsigned b = 96; b < VOL_CYLS * 1440; b++) {
		if (b >= CYL_START * 1440 && b < (CYL_START + CYLS) * 1440)
			continue;
		CU_ASSERT_FATAL(vol[b * 512] == (uint8_t)(b & 0xff) &&
				vol[b * 512 + 511] == (uint8_t)(b & 0xff));
	}
	teardown();
}

static void test_read_only(void)
{
	setup_with(true);
	fill(BUF, 0x11, REC);
	CU_ASSERT_EQUAL(eckd(0xc0, 0, 0, 1, 14, 0x01, 1, 0, 0, 1, 0x05, REC), UC);
	CU_ASSERT_EQUAL(sense(), REJECT);
	CU_ASSERT_EQUAL(seek_search(0, 0, 1, 0x05, REC), UC); /* no mask at all: still refused */
	CU_ASSERT_EQUAL(sense(), REJECT);
	CU_ASSERT_NOT_EQUAL(record(0, 0, 1)[0], 0x11);
	CU_ASSERT_EQUAL(seek_search(0, 0, 1, 0x06, REC), OK); /* reads work */
	teardown();
}

UNIT_SUITE(vckd, UNIT_CASE(test_ids), UNIT_CASE(test_read_write_relocated),
	   UNIT_CASE(test_extent_checks), UNIT_CASE(test_read_only))

UNIT_MAIN(UNIT_REG(vckd))
