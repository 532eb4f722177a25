/*
 * Unit tests for guest channel programs to a machine's disks (cp/vdev/vfba.c): finding the
 * 9336 subchannels, SENSE ID and RDC, DEFINE EXTENT / LOCATE / READ / WRITE relocated onto a
 * minidisk of a fake volume, every out-of-extent case, a DEFINE EXTENT wider than the
 * minidisk, writes to a read-only link, bad addresses, data chaining, TIC loops, and the
 * neighbouring blocks of the volume left as they were.
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

#define START  100 /* the minidisk's first block on the volume */
#define BLOCKS 50
#define CP_AT  0x1000 /* channel programs */
#define PARM   0x3000 /* DEFINE EXTENT and LOCATE data */
#define BUF    0x10000

static struct vm *vm;
static struct vsubchannel *sch;
static uint8_t *vol;

static uint8_t *at(uint64_t a)
{
	return fake_abs(vm, a);
}

/* Fills guest storage page by page (fake_abs() gives one page). */
static void fill(uint64_t a, uint8_t byte, size_t len)
{
	for (size_t i = 0; i < len; i++)
		at(a + i)[0] = byte;
}

static void ccw1(unsigned i, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t data)
{
	fake_ccw1(vm, CP_AT + 8 * i, cmd, flags, count, data);
}

static void de_at(uint32_t a, uint8_t mask, uint32_t origin, uint32_t first, uint32_t last)
{
	memset(at(a), 0, 16);
	at(a)[0] = mask;
	put_be32(at(a) + 4, origin);
	put_be32(at(a) + 8, first);
	put_be32(at(a) + 12, last);
}

static void lo_at(uint32_t a, uint8_t oper, uint16_t count, uint32_t block)
{
	memset(at(a), 0, 8);
	at(a)[0] = oper;
	at(a)[2] = (uint8_t)(count >> 8), at(a)[3] = (uint8_t)count;
	put_be32(at(a) + 4, block);
}

/* Starts the program at CP_AT and takes its status: returns dstat << 8 | cstat. */
static unsigned run(void)
{
	return fake_run(sch, CP_AT);
}

static uint8_t last_sense[24];

/* SENSE after a unit check: sense bytes 0 and 1. */
static unsigned sense(void)
{
	ccw1(0, 0x04, 0, 24, PARM + 0x100);
	CU_ASSERT_EQUAL(run(), 0x0c00);
	memcpy(last_sense, at(PARM + 0x100), 24);
	return (unsigned)last_sense[0] << 8 | last_sense[1];
}

/* DEFINE EXTENT, LOCATE, READ or WRITE of n blocks at BUF: the status. */
static unsigned rw(uint8_t mask, uint32_t origin, uint32_t first, uint32_t last, uint8_t oper,
		   uint16_t n, uint32_t block)
{
	de_at(PARM, mask, origin, first, last);
	lo_at(PARM + 16, oper, n, block);
	ccw1(0, 0x63, 0x40, 16, PARM);
	ccw1(1, 0x43, 0x40, 8, PARM + 16);
	ccw1(2, oper == 6 ? 0x42 : 0x41, 0, (uint16_t)(n * 512), BUF);
	return run();
}

#define OK	  0x0c00
#define UC	  0x0e00
#define FILE_PROT 0x8004
#define REJECT	  0x8000

static void setup_with(bool read_only)
{
	static const struct sysconfig cfg = {
		.nvolumes = 1,
		.volumes = { { "U1", SYSCFG_USER, 1000 } },
	};
	uint8_t schib[52] = { 0 };

	fake_blk_reset();
	fake_blk_add(0x300, 1000, "U1");
	CU_ASSERT_EQUAL_FATAL(dasd_init(&cfg, NULL), 1);
	vol = fake_blks[0].data;
	for (unsigned b = 2; b < 1000; b++)
		memset(vol + b * 512, (int)(b & 0xff), 512); /* each block its own byte */
	vm = fake_vm_new(1 << 20);
	CU_ASSERT_EQUAL_FATAL(mdisk_blkdev_init(&vm->disks[0], dasd_volume("U1"), 0x191, START,
						BLOCKS, read_only), 0);
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

static void test_subchannels_and_ids(void)
{
	uint8_t schib[52];

	setup_with(false);
	CU_ASSERT_EQUAL(sch->ops->store(sch, schib), 0);
	CU_ASSERT_EQUAL(schib[6] << 8 | schib[7], 0x0191);
	CU_ASSERT_EQUAL(schib[5], 0x81);
	CU_ASSERT_PTR_NULL(vm_subchannel(vm, 0x00010002)); /* slot 1 holds no disk */
	CU_ASSERT_PTR_NULL(vm_subchannel(vm, 0x00010000 + VM_MAX_DISKS + 1));
	/* a V-DISK in slot 2 is 0.0.0003 */
	CU_ASSERT_EQUAL(vdisk_blkdev_init(&vm->disks[2], &real_frames, 0x192, 64, false), 0);
	CU_ASSERT_PTR_NOT_NULL(vm_subchannel(vm, 0x00010003));
	CU_ASSERT_EQUAL(vm_subchannel(vm, 0x00010003)->devno, 0x192);

	ccw1(0, 0xe4, 0x40, 7, BUF);
	ccw1(1, 0x64, 0, 32, BUF + 0x100);
	CU_ASSERT_EQUAL(run(), OK);
	CU_ASSERT_EQUAL(memcmp(at(BUF), "\xff\x63\x10\x01\x93\x36\x00", 7), 0);
	CU_ASSERT_EQUAL(at(BUF + 0x100)[4] << 8 | at(BUF + 0x100)[5], 512);
	/* the blocks of the minidisk, not of the volume */
	CU_ASSERT_EQUAL(at(BUF + 0x100)[14] << 24 | at(BUF + 0x100)[15] << 16 |
				at(BUF + 0x100)[16] << 8 | at(BUF + 0x100)[17],
			BLOCKS);
	/* a short SENSE ID without SLI: incorrect length */
	ccw1(0, 0xe4, 0, 4, BUF);
	CU_ASSERT_EQUAL(run(), 0x0c40);
	teardown();
}

static void test_read_write_relocated(void)
{
	setup_with(false);
	/* read minidisk blocks 0-2 = volume blocks 100-102 */
	CU_ASSERT_EQUAL(rw(0x40, 0, 0, BLOCKS - 1, 6, 3, 0), OK);
	CU_ASSERT_EQUAL(at(BUF)[0], START & 0xff);
	CU_ASSERT_EQUAL(at(BUF + 1535)[0], (START + 2) & 0xff);
	/* write the last block of the minidisk through an extent of its own numbering */
	memset(at(BUF), 0xee, 512);
	CU_ASSERT_EQUAL(rw(0xc0, BLOCKS - 1, 7, 7, 1, 1, 7), OK);
	CU_ASSERT_EQUAL(vol[(START + BLOCKS - 1) * 512], 0xee);
	CU_ASSERT_EQUAL(vol[(START + BLOCKS) * 512], (START + BLOCKS) & 0xff); /* neighbour */
	/* data chaining: two CCWs of 256 and 768 bytes read blocks 1 and 2 */
	de_at(PARM, 0x40, 0, 0, BLOCKS - 1);
	lo_at(PARM + 16, 6, 2, 1);
	ccw1(0, 0x63, 0x40, 16, PARM);
	ccw1(1, 0x43, 0x40, 8, PARM + 16);
	ccw1(2, 0x42, 0x80, 256, BUF);
	ccw1(3, 0x00, 0, 768, BUF + 0x1000);
	CU_ASSERT_EQUAL(run(), OK);
	CU_ASSERT_EQUAL(at(BUF)[255], (START + 1) & 0xff);
	CU_ASSERT_EQUAL(at(BUF + 0x1000)[255], (START + 1) & 0xff);
	CU_ASSERT_EQUAL(at(BUF + 0x1000)[256], (START + 2) & 0xff);
	/* TIC between LOCATE and READ */
	ccw1(0, 0x63, 0x40, 16, PARM);
	ccw1(1, 0x43, 0x40, 8, PARM + 16);
	ccw1(2, 0x08, 0, 0, CP_AT + 0x40);
	ccw1(8, 0x42, 0x20, 2048, BUF); /* more than located: SLI */
	CU_ASSERT_EQUAL(run(), OK);
	/* a short write pads its last block with zeros */
	memset(at(BUF), 0x11, 100);
	de_at(PARM, 0xc0, 0, 0, BLOCKS - 1);
	lo_at(PARM + 16, 1, 1, 4);
	ccw1(0, 0x63, 0x40, 16, PARM);
	ccw1(1, 0x43, 0x40, 8, PARM + 16);
	ccw1(2, 0x41, 0x20, 100, BUF);
	CU_ASSERT_EQUAL(run(), OK);
	CU_ASSERT_EQUAL(vol[(START + 4) * 512 + 99], 0x11);
	CU_ASSERT_EQUAL(vol[(START + 4) * 512 + 100], 0);
	teardown();
}

static void test_out_of_extent(void)
{
	setup_with(false);
	/* LOCATE beyond the guest's extent */
	CU_ASSERT_EQUAL(rw(0x40, 0, 0, 9, 6, 1, 10), UC);
	CU_ASSERT_EQUAL(sense(), FILE_PROT);
	CU_ASSERT_EQUAL(rw(0x40, 0, 5, 9, 6, 1, 4), UC); /* before its first block */
	CU_ASSERT_EQUAL(sense(), FILE_PROT);
	CU_ASSERT_EQUAL(rw(0x40, 0, 0, 9, 6, 3, 8), UC); /* runs off its end */
	CU_ASSERT_EQUAL(sense(), FILE_PROT);
	/* DEFINE EXTENT starting beyond the minidisk */
	CU_ASSERT_EQUAL(rw(0x40, BLOCKS, 0, 0, 6, 1, 0), UC);
	CU_ASSERT_EQUAL(sense(), FILE_PROT);
	/* DEFINE EXTENT wider than the minidisk (the whole volume): cut to the minidisk */
	CU_ASSERT_EQUAL(rw(0xc0, 0, 0, 999, 6, 1, BLOCKS - 1), OK);
	CU_ASSERT_EQUAL(rw(0xc0, 0, 0, 999, 6, 1, BLOCKS), UC);
	CU_ASSERT_EQUAL(sense(), FILE_PROT);
	fill(BUF, 0x77, 512 * 60);
	CU_ASSERT_EQUAL(rw(0xc0, 0, 0, 999, 1, 60, 0), UC);
	CU_ASSERT_EQUAL(rw(0xc0, BLOCKS - 1, 0, 999, 1, 2, 0), UC);
	CU_ASSERT_EQUAL(rw(0xc0, 0xffffffff, 0, 0xffffffff, 1, 1, 0), UC);
	CU_ASSERT_EQUAL(rw(0xc0, 0, 0xfffffff0, 0xffffffff, 1, 16, 0xfffffff0), OK);
	CU_ASSERT_EQUAL(vol[START * 512], 0x77); /* that one is block 0 of the minidisk */
	CU_ASSERT_EQUAL(rw(0xc0, 40, 0xfffffff0, 0xffffffff, 1, 16, 0xfffffff0), UC);
	/* nothing outside the minidisk changed */
	for (unsigned b = 2; b < 1000; b++) {
		if (b >= START && b < START + BLOCKS)
			continue;
		if (vol[b * 512] != (b & 0xff) || vol[b * 512 + 511] != (b & 0xff)) {
			CU_FAIL("a block outside the minidisk changed");
			break;
		}
	}
	teardown();
}

static void test_sequences_and_masks(void)
{
	setup_with(false);
	/* LOCATE without DEFINE EXTENT; READ without LOCATE; two DEFINE EXTENTs */
	lo_at(PARM + 16, 6, 1, 0);
	ccw1(0, 0x43, 0, 8, PARM + 16);
	CU_ASSERT_EQUAL(run(), UC);
	CU_ASSERT_EQUAL(sense(), REJECT);
	ccw1(0, 0x42, 0, 512, BUF);
	CU_ASSERT_EQUAL(run(), UC);
	de_at(PARM, 0x40, 0, 0, 9);
	ccw1(0, 0x63, 0x40, 16, PARM);
	ccw1(1, 0x63, 0, 16, PARM);
	CU_ASSERT_EQUAL(run(), UC);
	CU_ASSERT_EQUAL(sense(), REJECT);
	/* a short DEFINE EXTENT, reserved mask bits, reserved operation bits, count 0 */
	ccw1(0, 0x63, 0, 8, PARM);
	CU_ASSERT_EQUAL(run(), UC);
	CU_ASSERT_EQUAL(rw(0x41, 0, 0, 9, 6, 1, 0), UC);
	CU_ASSERT_EQUAL(rw(0x40, 0, 0, 9, 0x16, 1, 0), UC);
	CU_ASSERT_EQUAL(rw(0x40, 0, 0, 9, 6, 0, 0), UC);
	CU_ASSERT_EQUAL(rw(0x40, 0, 9, 0, 6, 1, 0), UC); /* last before first */
	/* the file mask inhibits writes: file protected */
	CU_ASSERT_EQUAL(rw(0x40, 0, 0, 9, 1, 1, 0), UC);
	CU_ASSERT_EQUAL(sense(), FILE_PROT);
	/* WRITE after a read LOCATE */
	de_at(PARM, 0xc0, 0, 0, 9);
	lo_at(PARM + 16, 6, 1, 0);
	ccw1(0, 0x63, 0x40, 16, PARM);
	ccw1(1, 0x43, 0x40, 8, PARM + 16);
	ccw1(2, 0x41, 0, 512, BUF);
	CU_ASSERT_EQUAL(run(), UC);
	/* an unknown command; a NOP */
	ccw1(0, 0x13, 0, 1, BUF);
	CU_ASSERT_EQUAL(run(), UC);
	CU_ASSERT_EQUAL(sense(), REJECT);
	ccw1(0, 0x03, 0x20, 1, 0);
	CU_ASSERT_EQUAL(run(), OK);
	teardown();
}

static void test_read_only_link(void)
{
	setup_with(true);
	memset(at(BUF), 0x99, 512);
	CU_ASSERT_EQUAL(rw(0xc0, 0, 0, 9, 1, 1, 0), UC); /* the guest's mask allows it: no */
	CU_ASSERT_EQUAL(sense(), FILE_PROT);
	CU_ASSERT_EQUAL(vol[START * 512], START & 0xff);
	CU_ASSERT_EQUAL(rw(0xc0, 0, 0, 9, 6, 1, 0), OK); /* reading is fine */
	teardown();
}

static void test_bad_programs(void)
{
	uint8_t before[512];

	setup_with(false);
	memcpy(before, vol + START * 512, 512);
	/* a READ into storage the guest has not: program check, nothing beyond storage */
	CU_ASSERT_EQUAL(rw(0x40, 0, 0, 9, 6, 1, 0), OK);
	de_at(PARM, 0x40, 0, 0, 9);
	lo_at(PARM + 16, 6, 1, 0);
	ccw1(2, 0x42, 0, 512, (1 << 20) - 256);
	CU_ASSERT_EQUAL(run(), 0x0020);
	/* a WRITE from storage the guest has not: program check, the disk unchanged */
	de_at(PARM, 0xc0, 0, 0, 9);
	lo_at(PARM + 16, 1, 1, 0);
	ccw1(2, 0x41, 0, 512, (1 << 20) - 256);
	CU_ASSERT_EQUAL(run(), 0x0020);
	CU_ASSERT_EQUAL(memcmp(before, vol + START * 512, 512), 0);
	/* DEFINE EXTENT data outside storage; a CCW outside storage */
	ccw1(0, 0x63, 0x40, 16, 2u << 20);
	CU_ASSERT_EQUAL(run(), 0x0020);
	ccw1(0, 0x03, 0x40, 1, 0);
	ccw1(1, 0x08, 0, 0, 4u << 20);
	CU_ASSERT_EQUAL(run(), 0x0020);
	/* a TIC loop: ended by CP as a program check */
	ccw1(0, 0x03, 0x40, 1, 0);
	ccw1(1, 0x08, 0, 0, CP_AT);
	CU_ASSERT_EQUAL(run(), 0x0020);
	/* TIC to TIC; IDAW; count 0 */
	ccw1(0, 0x03, 0x40, 1, 0);
	ccw1(1, 0x08, 0, 0, CP_AT + 16);
	ccw1(2, 0x08, 0, 0, CP_AT);
	CU_ASSERT_EQUAL(run(), 0x0020);
	ccw1(0, 0x42, 0x04, 512, BUF);
	CU_ASSERT_EQUAL(run(), 0x0020);
	ccw1(0, 0x03, 0, 0, 0); /* count 0 is valid in a format-1 CCW */
	CU_ASSERT_EQUAL(run(), OK);
	teardown();
}

UNIT_SUITE(vfba, UNIT_CASE(test_subchannels_and_ids), UNIT_CASE(test_read_write_relocated),
	   UNIT_CASE(test_out_of_extent), UNIT_CASE(test_sequences_and_masks),
	   UNIT_CASE(test_read_only_link), UNIT_CASE(test_bad_programs))
UNIT_MAIN(UNIT_REG(vfba))
