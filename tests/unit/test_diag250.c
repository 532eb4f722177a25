/*
 * Unit tests for a machine's disks and the DIAGNOSEs that reach them: the directory's V-DISK
 * statements (cp/dir/users.c), the disk table (cp/vdev/blkdev.c), DIAGNOSE X'250' block I/O
 * (cp/icpt/diag250.c) and DIAGNOSE X'24' (cp/icpt/diag.c), run through icpt_instruction()
 * against fake guest storage and the fake frame pool of fake_gmem.c.
 */
#include <string.h>
#include <cp/decode.h>
#include <vm64/diag250.h>
#include <cp/users.h>
#include <cp/dasd.h>
#include <stdio.h>
#include "fake_hw.h"
#include "cunit_main.h"
#include "fake_gmem.h"

#define MB	(1ULL << 20)
#define STORAGE (2 * MB)
#define PL	0x10000ULL /* BIOPL */
#define LIST	0x11000ULL /* entry list */
#define BUF	0x20000ULL /* data buffers, 4 KB apart */

static struct vm *vm;
static struct vcpu *v;

static void setup(void)
{
	vm = fake_vm_new(STORAGE);
	v = &vm->vcpu;
	v->psw_mask = PSW_MASK_EA | PSW_MASK_BA;
	v->psw_addr = 0x10004;
	vcons_init(&vm->console, vm);
	CU_ASSERT_EQUAL(vdisk_blkdev_init(&vm->disks[0], &real_frames, 0x191, 4096, false), 0);
	CU_ASSERT_EQUAL(vdisk_blkdev_init(&vm->disks[1], &real_frames, 0x192, 64, true), 0);
}

static void teardown(void)
{
	vm_disks_release(vm);
	CU_ASSERT_EQUAL(vm_disks_frames(vm), 0);
	fake_vm_free(vm);
	CU_ASSERT_EQUAL(fake_frames_out, 0);
}

static unsigned cc(void)
{
	return (unsigned)(v->psw_mask >> PSW_CC_SHIFT) & 3;
}

/* DIAG 2,4,X'250' (or with the given registers); returns icpt_instruction()'s result. */
static int diag250_regs(unsigned rx, unsigned ry, uint32_t function)
{
	v->gprs[ry] = function;
	memset(&v->exit, 0, sizeof(v->exit));
	v->exit.reason = EXIT_INSTRUCTION;
	v->exit.ipa = (uint16_t)(0x8300 | rx << 4 | ry);
	v->exit.ipb = 0x02500000;
	v->exit.ilc = 4;
	return icpt_instruction(v);
}

static int diag250(uint32_t function)
{
	v->gprs[2] = PL;
	return diag250_regs(2, 4, function);
}

static uint8_t *at(uint64_t a)
{
	return fake_abs(vm, a);
}

static void biopl_init(uint16_t devno, uint32_t bs, int64_t offset)
{
	memset(at(PL), 0, D250_BIOPL_LEN);
	put_be16(at(PL), devno);
	at(PL)[D250_PL_FLAGA] = D250_FLAGA_64BIT;
	put_be32(at(PL + D250_PL_BLOCK_SIZE), bs);
	put_be64(at(PL + D250_PL_OFFSET), (uint64_t)offset);
}

static void biopl_rw(uint16_t devno, uint32_t count)
{
	memset(at(PL), 0, D250_BIOPL_LEN);
	put_be16(at(PL), devno);
	at(PL)[D250_PL_FLAGA] = D250_FLAGA_64BIT;
	put_be32(at(PL + D250_PL_COUNT), count);
	put_be64(at(PL + D250_PL_LIST), LIST);
}

static void entry(unsigned i, uint8_t type, int64_t block, uint64_t buf)
{
	uint8_t *e = at(LIST + i * D250_ENTRY_LEN);

	memset(e, 0, D250_ENTRY_LEN);
	e[D250_E_TYPE] = type;
	e[D250_E_STATUS] = 0xee;
	put_be64(e + D250_E_BLOCK, (uint64_t)block);
	put_be64(e + D250_E_BUFFER, buf);
}

static uint8_t status(unsigned i)
{
	return at(LIST + i * D250_ENTRY_LEN)[D250_E_STATUS];
}

static void init_ok(uint16_t devno, uint32_t bs)
{
	biopl_init(devno, bs, 0);
	CU_ASSERT_EQUAL(diag250(D250_INIT), 0);
	CU_ASSERT_EQUAL(cc(), 0);
}

/* ---- directory and disk table ---- */

static void test_directory_vdisks(void)
{
	struct user_entry u;

	CU_ASSERT_EQUAL_FATAL(dir_lookup("USER01", &u), 0);
	CU_ASSERT_EQUAL(u.nvdisks, 1);
	CU_ASSERT_EQUAL(u.vdisks[0].vdev, 0x191);
	CU_ASSERT_EQUAL(u.vdisks[0].blocks, 4096);
	CU_ASSERT_FALSE(u.vdisks[0].read_only);
	CU_ASSERT_TRUE(u.vdisks[0].real); /* MDISK 191 FB-512 16384 4096 VM64U1 MR */
	CU_ASSERT_EQUAL(u.vdisks[0].start, 16384);
	CU_ASSERT_STRING_EQUAL(u.vdisks[0].volser, "VM64U1");
	CU_ASSERT_EQUAL_FATAL(dir_lookup("TEST001", &u), 0);
	CU_ASSERT_EQUAL(u.nvdisks, 1);
	CU_ASSERT_FALSE(u.vdisks[0].real); /* a V-DISK */
	CU_ASSERT_EQUAL_FATAL(dir_lookup("TEST011", &u), 0);
	CU_ASSERT_EQUAL(u.nvdisks, 0);

	vm = fake_vm_new(STORAGE);
	CU_ASSERT_EQUAL_FATAL(dir_lookup("USER01", &u), 0);
	/* No volume online: a V-DISK of the minidisk's size stands in for it. */
	CU_ASSERT_EQUAL(vm_disks_define(vm, &u), 1);
	CU_ASSERT_PTR_NOT_NULL(vm_disk_find(vm, 0x191));
	CU_ASSERT_PTR_NULL(vm_disk_find(vm, 0x192));
	CU_ASSERT_EQUAL(vm_disk_find(vm, 0x191)->bd.blocks, 4096);
	CU_ASSERT_TRUE(vm_disk_find(vm, 0x191)->stand_in);
	CU_ASSERT_STRING_EQUAL(vm_disk_find(vm, 0x191)->volser, "VM64U1");
	CU_ASSERT_STRING_EQUAL(vm_disk_find(vm, 0x191)->bd.ops->label, "VDSK");
	CU_ASSERT_EQUAL(vm_disks_frames(vm), 0); /* no frame until written */
	/* more than fit, the console's number, duplicates: skipped */
	vm_disks_release(vm);
	u.nvdisks = USER_MAX_VDISKS;
	u.vdisks[1] = u.vdisks[0];
	u.vdisks[2] = (struct user_vdisk){ .vdev = 0x009, .blocks = 10 };
	u.vdisks[3] = (struct user_vdisk){ .vdev = 0x200, .blocks = 0 };
	CU_ASSERT_EQUAL(vm_disks_define(vm, &u), 1);
	vm_disks_release(vm);
	fake_vm_free(vm);
}

/* ---- DIAG X'250' ---- */

static void test_init(void)
{
	setup();
	biopl_init(0x191, 512, 0);
	CU_ASSERT_EQUAL(diag250(D250_INIT), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_OK);
	CU_ASSERT_EQUAL(get_be64(at(PL + D250_PL_START_BLOCK)), 1);
	CU_ASSERT_EQUAL(get_be64(at(PL + D250_PL_END_BLOCK)), 4096);
	/* INIT twice: state error */
	CU_ASSERT_EQUAL(diag250(D250_INIT), 0);
	CU_ASSERT_EQUAL(cc(), 2);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_STATE);
	/* block size 4096, offset 3: blocks -2..509 */
	biopl_init(0x191, 4096, 3);
	put_be16(at(PL), 0x191);
	CU_ASSERT_EQUAL(diag250(D250_REMOVE), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(diag250(D250_INIT), 0);
	CU_ASSERT_EQUAL((int64_t)get_be64(at(PL + D250_PL_START_BLOCK)), -2);
	CU_ASSERT_EQUAL(get_be64(at(PL + D250_PL_END_BLOCK)), 512 - 3);
	/* read-only device: rc 4 */
	biopl_init(0x192, 1024, 0);
	CU_ASSERT_EQUAL(diag250(D250_INIT), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_READ_ONLY);
	CU_ASSERT_EQUAL(get_be64(at(PL + D250_PL_END_BLOCK)), 32);
	/* bad block sizes */
	biopl_init(0x191, 256, 0);
	diag250(D250_REMOVE);
	biopl_init(0x191, 3000, 0);
	CU_ASSERT_EQUAL(diag250(D250_INIT), 0);
	CU_ASSERT_EQUAL(cc(), 2);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_BLOCK_SIZE);
	biopl_init(0x191, 8192, 0);
	CU_ASSERT_EQUAL(diag250(D250_INIT), 0);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_BLOCK_SIZE);
	/* no such device; the console is not a disk */
	biopl_init(0x333, 512, 0);
	CU_ASSERT_EQUAL(diag250(D250_INIT), 0);
	CU_ASSERT_EQUAL(cc(), 2);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_NO_DEVICE);
	biopl_init(0x009, 512, 0);
	CU_ASSERT_EQUAL(diag250(D250_INIT), 0);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_NOT_DASD);
	teardown();
}

static void test_program_checks(void)
{
	setup();
	biopl_init(0x191, 512, 0);
	v->gprs[2] = PL + 4;
	CU_ASSERT_EQUAL(diag250_regs(2, 4, D250_INIT), PGM_SPECIFICATION); /* alignment */
	v->gprs[3] = PL;
	CU_ASSERT_EQUAL(diag250_regs(3, 4, D250_INIT), PGM_SPECIFICATION); /* odd Rx */
	CU_ASSERT_EQUAL(diag250(3), PGM_SPECIFICATION);			    /* function */
	v->gprs[2] = STORAGE - 32;
	CU_ASSERT_EQUAL(diag250_regs(2, 4, D250_INIT), PGM_ADDRESSING); /* BIOPL beyond */
	v->gprs[2] = STORAGE + 0x1000;
	CU_ASSERT_EQUAL(diag250_regs(2, 4, D250_INIT), PGM_ADDRESSING);
	at(PL)[D250_PL_FLAGA] = 0; /* 31-bit format */
	CU_ASSERT_EQUAL(diag250(D250_INIT), PGM_SPECIFICATION);
	biopl_init(0x191, 512, 0);
	at(PL)[10] = 1; /* reserved */
	CU_ASSERT_EQUAL(diag250(D250_INIT), PGM_SPECIFICATION);
	init_ok(0x191, 512);
	biopl_rw(0x191, 1);
	at(PL)[D250_PL_FLAGS] = 0x80;
	CU_ASSERT_EQUAL(diag250(D250_RW), PGM_SPECIFICATION);
	biopl_rw(0x191, 1);
	put_be64(at(PL + D250_PL_LIST), STORAGE - 8); /* list beyond storage */
	CU_ASSERT_EQUAL(diag250(D250_RW), PGM_ADDRESSING);
	/* in problem state: privileged operation */
	v->psw_mask |= PSW_MASK_PSTATE;
	CU_ASSERT_EQUAL(diag250(D250_RW), PGM_PRIVILEGED_OP);
	teardown();
}

static void test_rw(void)
{
	setup();
	init_ok(0x191, 512);
	for (unsigned i = 0; i < 3; i++)
		memset(at(BUF + i * 0x1000), 0x41 + i, 512);
	biopl_rw(0x191, 3);
	entry(0, D250_TYPE_WRITE, 1, BUF);
	entry(1, D250_TYPE_WRITE, 2, BUF + 0x1000);
	entry(2, D250_TYPE_WRITE, 4096, BUF + 0x2000);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_OK);
	CU_ASSERT_EQUAL(status(0) | status(1) | status(2), 0);
	CU_ASSERT_EQUAL(vm_disks_frames(vm), 4); /* dir, leaf, two data frames */
	/* read back into other buffers, plus a block never written */
	for (unsigned i = 4; i < 8; i++) /* fake pages are not contiguous: one at a time */
		memset(at(BUF + i * 0x1000), 0xee, 0x1000);
	biopl_rw(0x191, 4);
	entry(0, D250_TYPE_READ, 4096, BUF + 0x4000);
	entry(1, D250_TYPE_READ, 1, BUF + 0x5000);
	entry(2, D250_TYPE_READ, 2, BUF + 0x6000);
	entry(3, D250_TYPE_READ, 100, BUF + 0x7000);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(at(BUF + 0x4000)[0], 0x43);
	CU_ASSERT_EQUAL(at(BUF + 0x4000)[511], 0x43);
	CU_ASSERT_EQUAL(at(BUF + 0x4000)[512], 0xee); /* one block only */
	CU_ASSERT_EQUAL(at(BUF + 0x5000)[0], 0x41);
	CU_ASSERT_EQUAL(at(BUF + 0x6000)[300], 0x42);
	CU_ASSERT_EQUAL(at(BUF + 0x7000)[0] | at(BUF + 0x7000)[511], 0);
	/* the asynchronous flag: done synchronously, rc 0 */
	biopl_rw(0x191, 1);
	at(PL)[D250_PL_FLAGS] = D250_FLAG_ASYNC;
	entry(0, D250_TYPE_READ, 1, BUF + 0x5000);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_OK);
	teardown();
}

static void test_rw_block_size_4k(void)
{
	setup();
	init_ok(0x191, 4096);
	memset(at(BUF), 0x77, 4096);
	biopl_rw(0x191, 1);
	entry(0, D250_TYPE_WRITE, 2, BUF);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	/* 4 KB block 2 = 512-byte blocks 8..15 (device blocks numbered from 0) */
	biopl_init(0x191, 512, 0);
	CU_ASSERT_EQUAL(diag250(D250_REMOVE), 0);
	init_ok(0x191, 512);
	biopl_rw(0x191, 2);
	entry(0, D250_TYPE_READ, 9, BUF + 0x1000);  /* device block 8 */
	entry(1, D250_TYPE_READ, 8, BUF + 0x2000);  /* device block 7 */
	memset(at(BUF + 0x2000), 0xee, 512);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(at(BUF + 0x1000)[0], 0x77);
	CU_ASSERT_EQUAL(at(BUF + 0x2000)[0], 0);
	teardown();
}

static void test_rw_errors(void)
{
	setup();
	/* RW before INIT */
	biopl_rw(0x191, 1);
	entry(0, D250_TYPE_READ, 1, BUF);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 2);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_STATE);
	init_ok(0x191, 512);
	/* block counts */
	biopl_rw(0x191, 0);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_COUNT);
	biopl_rw(0x191, 257);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 2);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_COUNT);
	/* entries that fail alone: the good one in the middle still runs */
	memset(at(BUF), 0x11, 512);
	biopl_rw(0x191, 7);
	entry(0, D250_TYPE_WRITE, 0, BUF);			 /* below start */
	entry(1, D250_TYPE_WRITE, 4097, BUF);			 /* beyond end */
	entry(2, D250_TYPE_WRITE, -5, BUF);			 /* negative */
	entry(3, D250_TYPE_WRITE, 5, BUF);			 /* good */
	entry(4, D250_TYPE_READ, 5, STORAGE - 256);		 /* buffer crosses the end */
	entry(5, 3, 5, BUF);					 /* type */
	entry(6, D250_TYPE_READ, 5, BUF);
	at(LIST + 6 * D250_ENTRY_LEN)[2] = 1;			 /* reserved */
	memset(at(STORAGE - 512), 0x99, 512);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_PARTIAL);
	CU_ASSERT_EQUAL(status(0), D250_ST_BLOCK);
	CU_ASSERT_EQUAL(status(1), D250_ST_BLOCK);
	CU_ASSERT_EQUAL(status(2), D250_ST_BLOCK);
	CU_ASSERT_EQUAL(status(3), D250_ST_OK);
	CU_ASSERT_EQUAL(status(4), D250_ST_ADDRESSING);
	CU_ASSERT_EQUAL(status(5), D250_ST_TYPE);
	CU_ASSERT_EQUAL(status(6), D250_ST_RESERVED);
	CU_ASSERT_EQUAL(at(STORAGE - 256)[0], 0x99); /* nothing stored for the failed read */
	/* all failed: cc 2 rc 40 */
	biopl_rw(0x191, 1);
	entry(0, D250_TYPE_READ, 1, STORAGE);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 2);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_ALL_FAILED);
	CU_ASSERT_EQUAL(status(0), D250_ST_ADDRESSING);
	/* read-only device */
	init_ok(0x192, 512);
	biopl_rw(0x192, 2);
	entry(0, D250_TYPE_WRITE, 1, BUF);
	entry(1, D250_TYPE_READ, 1, BUF);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(status(0), D250_ST_READ_ONLY);
	CU_ASSERT_EQUAL(status(1), D250_ST_OK);
	/* REMOVE, then RW is refused; REMOVE again too */
	biopl_init(0x191, 0, 0);
	CU_ASSERT_EQUAL(diag250(D250_REMOVE), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	biopl_rw(0x191, 1);
	entry(0, D250_TYPE_READ, 1, BUF);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 2);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_STATE);
	CU_ASSERT_EQUAL(diag250(D250_REMOVE), 0);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_STATE);
	/* unknown device for RW and REMOVE */
	biopl_rw(0x999, 1);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 2);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_NO_DEVICE);
	teardown();
}

static void test_no_frames(void)
{
	setup();
	init_ok(0x191, 512);
	memset(at(BUF), 0x22, 512);
	fake_frames_left = 2; /* directory and leaf, no data frame */
	biopl_rw(0x191, 2);
	entry(0, D250_TYPE_WRITE, 1, BUF);
	entry(1, D250_TYPE_READ, 1, BUF + 0x1000);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(status(0), D250_ST_IO_ERROR);
	CU_ASSERT_EQUAL(status(1), D250_ST_OK);
	CU_ASSERT_EQUAL(vm_disks_frames(vm), 0);
	fake_frames_left = -1;
	teardown();
}

/* ---- DIAG X'24' ---- */

static int diag24(int64_t devno)
{
	v->gprs[2] = (uint64_t)devno;
	v->gprs[4] = v->gprs[5] = 0xdeadbeefdeadbeefULL;
	memset(&v->exit, 0, sizeof(v->exit));
	v->exit.reason = EXIT_INSTRUCTION;
	v->exit.ipa = 0x8324;
	v->exit.ipb = 0x00240000;
	v->exit.ilc = 4;
	return icpt_instruction(v);
}

static void test_diag24(void)
{
	setup();
	CU_ASSERT_EQUAL(diag24(-1), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL((uint32_t)v->gprs[2], 0x0009);
	CU_ASSERT_EQUAL((uint32_t)v->gprs[4], 0x80000000); /* terminal, 3215 */
	CU_ASSERT_EQUAL(v->gprs[4] >> 32, 0xdeadbeef);	    /* high word kept */
	CU_ASSERT_EQUAL(diag24(0x009), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(diag24(0x191), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL((uint32_t)v->gprs[4], 0x01400001); /* FBA, 9336, R/W, V-DISK */
	CU_ASSERT_EQUAL((uint32_t)v->gprs[5], 0x01400000);
	CU_ASSERT_EQUAL(diag24(0x192), 0);
	CU_ASSERT_EQUAL((uint32_t)v->gprs[4], 0x01400081); /* read-only V-DISK */
	CU_ASSERT_EQUAL(diag24(0x193), 0);
	CU_ASSERT_EQUAL(cc(), 3);
	CU_ASSERT_EQUAL(v->gprs[4], 0xdeadbeefdeadbeefULL); /* untouched */
	teardown();
}

/* ---- real volumes (cp/dasd/dasd.c) and minidisks (cp/vdev/mdisk.c) on fake volumes ---- */

static char said[8][160];
static unsigned nsaid;

static void say(const char *line)
{
	if (nsaid < 8)
		snprintf(said[nsaid], sizeof(said[0]), "%s", line);
	nsaid++;
}

static bool said_like(const char *text)
{
	for (unsigned i = 0; i < nsaid && i < 8; i++)
		if (strstr(said[i], text))
			return true;
	return false;
}

static void test_volumes_by_label(void)
{
	static const struct sysconfig cfg = {
		.nvolumes = 3,
		.volumes = { { "RES", SYSCFG_SYSRES, 1000 }, { "U1", SYSCFG_USER, 2000 },
			     { "U2", SYSCFG_USER, 2000 } },
	};

	fake_blk_reset();
	nsaid = 0;
	fake_blk_add(0x300, 1000, "OTHER"); /* not in SYSTEM CONFIG */
	fake_blk_add(0x301, 2000, "U1");
	fake_blk_add(0x302, 500, NULL);	    /* no label */
	fake_blk_add(0x303, 2000, "U1");    /* a second U1 */
	fake_blk_add(0x304, 1000, "RES");
	CU_ASSERT_EQUAL(dasd_init(&cfg, say), 2);
	CU_ASSERT(said_like("VMCDAS004I DASD 0300 volume OTHER is not in SYSTEM CONFIG"));
	CU_ASSERT(said_like("VMCDAS001I Volume U1 (USER) online at 0301, 2000 blocks"));
	CU_ASSERT(said_like("VMCDAS005I DASD 0302 has no volume label"));
	CU_ASSERT(said_like("VMCDAS003W Volume U1 at 0303 not used: it is already online at 0301"));
	CU_ASSERT(said_like("VMCDAS001I Volume RES (SYSRES) online at 0304"));
	CU_ASSERT(said_like("VMCDAS002W Volume U2 (USER) is not online"));
	CU_ASSERT_EQUAL(nsaid, 6);
	CU_ASSERT_EQUAL(dasd_volume("u1")->devno, 0x301);
	CU_ASSERT_PTR_NULL(dasd_volume("U2"));
	CU_ASSERT_PTR_NULL(dasd_volume("OTHER"));
	CU_ASSERT_EQUAL(dasd_device(2)->state, DASD_NO_LABEL);
	CU_ASSERT_EQUAL(dasd_device(3)->state, DASD_DUPLICATE);
	CU_ASSERT_PTR_NULL(dasd_device(5));
	/* A device that fails to read its label counts as unlabelled. */
	fake_blks[1].fail = true;
	nsaid = 0;
	CU_ASSERT_EQUAL(dasd_init(&cfg, say), 2); /* RES, and U1 at 0303 now */
	CU_ASSERT(said_like("VMCDAS005I DASD 0301 has no volume label"));
	CU_ASSERT_EQUAL(dasd_volume("U1")->devno, 0x303);
	fake_blk_reset();
	CU_ASSERT_EQUAL(dasd_init(&cfg, NULL), 0);
}

/* A CKD 3390 volume: found by its VOL1 record, its track 0 out of reach; CKD01's 191 (cylinders
 * 1-2 of VM64C1) is blocks 1440-4319 of it for DIAGNOSE X'250'. */
static void test_ckd_minidisk(void)
{
	static const struct sysconfig cfg = {
		.nvolumes = 2,
		.volumes = { { "C1", SYSCFG_USER, 10 * 1440, 0x3390, 10 },
			     { "C2", SYSCFG_USER, 10 * 1440, 0x3390, 10 } },
	};
	static const struct sysconfig wrong = {
		.nvolumes = 2,
		.volumes = { { "C1", SYSCFG_USER, 10 * 1440, 0x3390, 10 },
			     { "U1", SYSCFG_USER, 14400 } },
	};
	static uint8_t buf[512];
	struct user_entry u;
	struct vm_disk *d;
	uint8_t *vol;

	fake_blk_reset();
	nsaid = 0;
	fake_ckd_add(0x200, 10, "C1");
	fake_ckd_add(0x201, 10, NULL);
	CU_ASSERT_EQUAL(dasd_init(&cfg, say), 1);
	CU_ASSERT(said_like("VMCDAS007I Volume C1 (USER) online at 0200, 3390, 10 cylinders"));
	CU_ASSERT(said_like("VMCDAS005I DASD 0201 has no volume label"));
	CU_ASSERT(said_like("VMCDAS002W Volume C2 (USER) is not online"));
	CU_ASSERT_EQUAL(dasd_volume("C1")->cylinders, 10);
	CU_ASSERT_EQUAL(dasd_read(dasd_volume("C1"), 95, 1, buf), HW_BLK_E_RANGE); /* track 0 */
	CU_ASSERT_EQUAL(dasd_write(dasd_volume("C1"), 0, 1, buf), HW_BLK_E_RANGE);
	CU_ASSERT_EQUAL(dasd_read(dasd_volume("C1"), 96, 1, buf), 0);
	/* a 3390 labelled with an FBA volume's volser, and the other way round: not used */
	fake_blk_reset();
	nsaid = 0;
	fake_ckd_add(0x200, 10, "U1");
	fake_blk_add(0x100, 14400, "C1");
	CU_ASSERT_EQUAL(dasd_init(&wrong, say), 0);
	CU_ASSERT(said_like("VMCDAS008W Volume U1 at 0200 not used: it is a 3390, SYSTEM CONFIG "
			    "says FB-512"));
	CU_ASSERT(said_like("VMCDAS008W Volume C1 at 0100 not used: it is FB-512, SYSTEM CONFIG "
			    "says a 3390"));
	CU_ASSERT_PTR_NULL(dasd_volume("U1"));

	fake_blk_reset();
	fake_ckd_add(0x200, 10, "VM64C1"); /* smaller than SYSTEM CONFIG says: still used */
	vol = fake_blks[0].data;
	dasd_init(&cp_sysconfig, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dasd_volume("VM64C1"));
	vm = fake_vm_new(STORAGE);
	v = &vm->vcpu;
	v->psw_mask = PSW_MASK_EA | PSW_MASK_BA;
	v->psw_addr = 0x10004;
	CU_ASSERT_EQUAL_FATAL(dir_lookup("CKD01", &u), 0);
	CU_ASSERT_EQUAL(vm_disks_define(vm, &u), 1);
	d = vm_disk_find(vm, 0x191);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_FALSE(d->stand_in);
	CU_ASSERT_EQUAL(d->bd.blocks, 2880);
	/* 4 KB blocks: guest block 1 is volume blocks 1440-1447, block 360 ends at 4319. */
	init_ok(0x191, 4096);
	memset(at(BUF), 0x5a, 4096);
	memset(at(BUF + 0x1000), 0xa5, 4096);
	biopl_rw(0x191, 2);
	entry(0, D250_TYPE_WRITE, 1, BUF);
	entry(1, D250_TYPE_WRITE, 360, BUF + 0x1000);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(vol[1440 * 512], 0x5a);
	CU_ASSERT_EQUAL(vol[1440 * 512 - 1], 0);	       /* cylinder 0 untouched */
	CU_ASSERT_EQUAL(vol[4320 * 512 - 1], 0xa5);
	CU_ASSERT_EQUAL(vol[4320 * 512], 0);	       /* CKD02's first block untouched */
	biopl_rw(0x191, 1);
	entry(0, D250_TYPE_READ, 361, BUF + 0x2000); /* beyond the minidisk */
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(status(0), D250_ST_BLOCK);
	vm_disks_release(vm);
	fake_vm_free(vm);
	fake_blk_reset();
	dasd_init(&cp_sysconfig, NULL);
}

static void test_minidisk(void)
{
	struct user_entry u;
	struct vm_disk *d;
	uint8_t *vol;

	fake_blk_reset();
	fake_blk_add(0x101, 262144, "VM64U1");
	vol = fake_blks[0].data;
	CU_ASSERT_EQUAL(dasd_init(&cp_sysconfig, NULL), 1); /* VM64RS is missing */
	vm = fake_vm_new(STORAGE);
	v = &vm->vcpu;
	v->psw_mask = PSW_MASK_EA | PSW_MASK_BA;
	v->psw_addr = 0x10004;
	CU_ASSERT_EQUAL_FATAL(dir_lookup("USER01", &u), 0);
	CU_ASSERT_EQUAL(vm_disks_define(vm, &u), 1);
	d = vm_disk_find(vm, 0x191);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_FALSE(d->stand_in);
	CU_ASSERT_STRING_EQUAL(d->bd.ops->label, "MDSK");
	CU_ASSERT_EQUAL(d->bd.blocks, 4096);
	CU_ASSERT_EQUAL(diag24(0x191), 0);
	CU_ASSERT_EQUAL((uint32_t)v->gprs[4], 0x01400000); /* FBA, 9336, R/W, not a V-DISK */

	/* 4 KB blocks: guest block 1 is volume blocks 16384-16391; the last is 4095-4102. */
	init_ok(0x191, 4096);
	memset(at(BUF), 0x5a, 4096);
	memset(at(BUF + 0x1000), 0xa5, 4096);
	biopl_rw(0x191, 2);
	entry(0, D250_TYPE_WRITE, 1, BUF);
	entry(1, D250_TYPE_WRITE, 512, BUF + 0x1000);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(vol[16384 * 512], 0x5a);
	CU_ASSERT_EQUAL(vol[16392 * 512 - 1], 0x5a);
	CU_ASSERT_EQUAL(vol[16392 * 512], 0);
	CU_ASSERT_EQUAL(vol[(16384 + 4096) * 512 - 1], 0xa5);
	CU_ASSERT_EQUAL(vol[(16384 + 4096) * 512], 0); /* USER02's first block untouched */
	CU_ASSERT_EQUAL(vol[16384 * 512 - 1], 0);      /* nor OPERATOR's last */
	/* read back */
	memset(at(BUF + 0x2000), 0, 4096);
	biopl_rw(0x191, 2);
	entry(0, D250_TYPE_READ, 512, BUF + 0x2000);
	entry(1, D250_TYPE_READ, 513, BUF + 0x3000); /* beyond the minidisk */
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(at(BUF + 0x2000)[4095], 0xa5);
	CU_ASSERT_EQUAL(status(1), D250_ST_BLOCK);
	/* the volume fails: an I/O error status, nothing else */
	fake_blks[0].fail = true;
	biopl_rw(0x191, 1);
	entry(0, D250_TYPE_WRITE, 2, BUF);
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(status(0), D250_ST_IO_ERROR);
	fake_blks[0].fail = false;
	CU_ASSERT_EQUAL(vol[16392 * 512], 0);
	vm_disks_release(vm);

	/* read-only; extents in the label area or beyond the volume are refused */
	CU_ASSERT_EQUAL(mdisk_blkdev_init(&vm->disks[0], dasd_volume("VM64U1"), 0x192, 100, 10,
					  true), 0);
	CU_ASSERT_EQUAL(blkdev_write(&vm->disks[0].bd, 0, 1, vol), BLKDEV_E_READONLY);
	CU_ASSERT_EQUAL(blkdev_read(&vm->disks[0].bd, 9, 2, at(BUF)), BLKDEV_E_RANGE);
	CU_ASSERT_EQUAL(vm->disks[0].bd.ops->read(&vm->disks[0].bd, 10, 1, at(BUF)),
			BLKDEV_E_RANGE); /* the op checks the extent itself too */
	CU_ASSERT_EQUAL(mdisk_blkdev_init(&vm->disks[1], dasd_volume("VM64U1"), 0x193, 1, 10,
					  false), -1);
	CU_ASSERT_EQUAL(mdisk_blkdev_init(&vm->disks[1], dasd_volume("VM64U1"), 0x193, 262140,
					  5, false), -1);
	CU_ASSERT_EQUAL(mdisk_blkdev_init(&vm->disks[1], NULL, 0x193, 100, 5, false), -1);
	vm_disks_release(vm);
	fake_vm_free(vm);
	fake_blk_reset();
	dasd_init(&cp_sysconfig, NULL);
}

/*
 * Consecutive entries as one volume transfer (cp/icpt/diag250.c, join_run()): counted on the
 * fake volume; a failing entry still fails alone, and a failing joined transfer falls back
 * to one transfer per entry.
 */
static void test_minidisk_joined(void)
{
	struct user_entry u;
	uint8_t *vol;

	fake_blk_reset();
	fake_blk_add(0x101, 262144, "VM64U1");
	vol = fake_blks[0].data;
	dasd_init(&cp_sysconfig, NULL);
	vm = fake_vm_new(STORAGE);
	v = &vm->vcpu;
	v->psw_mask = PSW_MASK_EA | PSW_MASK_BA;
	v->psw_addr = 0x10004;
	CU_ASSERT_EQUAL_FATAL(dir_lookup("USER01", &u), 0);
	CU_ASSERT_EQUAL_FATAL(vm_disks_define(vm, &u), 1); /* 191: volume blocks 16384.. */
	init_ok(0x191, 512);

	/* eight writes of blocks 1-8 from buffers 4 KB apart: one volume write */
	biopl_rw(0x191, 8);
	for (unsigned i = 0; i < 8; i++) {
		memset(at(BUF + i * 0x1000), 0x30 + i, 512);
		entry(i, D250_TYPE_WRITE, 1 + i, BUF + i * 0x1000);
	}
	fake_blk_reads = fake_blk_writes = 0;
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(fake_blk_writes, 1);
	for (unsigned i = 0; i < 8; i++) {
		CU_ASSERT_EQUAL(status(i), D250_ST_OK);
		CU_ASSERT_EQUAL(vol[(16384 + i) * 512], 0x30 + i);
		CU_ASSERT_EQUAL(vol[(16384 + i) * 512 + 511], 0x30 + i);
	}

	/* read back 1-8 (one read), then block 20 (not the next: a second read) */
	biopl_rw(0x191, 9);
	for (unsigned i = 0; i < 9; i++) {
		memset(at(BUF + (8 + i) * 0x1000), 0xee, 0x1000);
		entry(i, D250_TYPE_READ, i < 8 ? 1 + i : 20, BUF + (8 + i) * 0x1000);
	}
	fake_blk_reads = 0;
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(fake_blk_reads, 2);
	for (unsigned i = 0; i < 8; i++) {
		CU_ASSERT_EQUAL(at(BUF + (8 + i) * 0x1000)[0], 0x30 + i);
		CU_ASSERT_EQUAL(at(BUF + (8 + i) * 0x1000)[511], 0x30 + i);
		CU_ASSERT_EQUAL(at(BUF + (8 + i) * 0x1000)[512], 0xee);
	}
	CU_ASSERT_EQUAL(at(BUF + 16 * 0x1000)[0], 0);

	/* a read buffer outside storage in the run: that entry alone fails, one read */
	biopl_rw(0x191, 3);
	entry(0, D250_TYPE_READ, 1, BUF + 0x10000);
	entry(1, D250_TYPE_READ, 2, STORAGE);
	entry(2, D250_TYPE_READ, 3, BUF + 0x12000);
	fake_blk_reads = 0;
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(fake_blk_reads, 1);
	CU_ASSERT_EQUAL(status(0), D250_ST_OK);
	CU_ASSERT_EQUAL(status(1), D250_ST_ADDRESSING);
	CU_ASSERT_EQUAL(status(2), D250_ST_OK);
	CU_ASSERT_EQUAL(at(BUF + 0x12000)[0], 0x32);

	/* a write buffer outside storage splits the run: 1-2 and 4-5 written, 3 not */
	biopl_rw(0x191, 5);
	for (unsigned i = 0; i < 5; i++) {
		memset(at(BUF + i * 0x1000), 0x50 + i, 512);
		entry(i, D250_TYPE_WRITE, 1 + i, i == 2 ? STORAGE : BUF + i * 0x1000);
	}
	fake_blk_writes = 0;
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(fake_blk_writes, 2);
	CU_ASSERT_EQUAL(status(2), D250_ST_ADDRESSING);
	for (unsigned i = 0; i < 5; i++) {
		if (i != 2)
			CU_ASSERT_EQUAL(status(i), D250_ST_OK);
		CU_ASSERT_EQUAL(vol[(16384 + i) * 512], i == 2 ? 0x32 : 0x50 + i);
	}

	/* a bad block under the joined write: entry by entry, only its entry fails */
	fake_blks[0].bad = true;
	fake_blks[0].bad_block = 16384 + 2; /* guest block 3 */
	biopl_rw(0x191, 5);
	for (unsigned i = 0; i < 5; i++) {
		memset(at(BUF + i * 0x1000), 0x60 + i, 512);
		entry(i, D250_TYPE_WRITE, 1 + i, BUF + i * 0x1000);
	}
	fake_blk_writes = 0;
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(v->gprs[3], D250_RC_PARTIAL);
	CU_ASSERT_EQUAL(fake_blk_writes, 4);
	for (unsigned i = 0; i < 5; i++) {
		CU_ASSERT_EQUAL(status(i), i == 2 ? D250_ST_IO_ERROR : D250_ST_OK);
		if (i != 2)
			CU_ASSERT_EQUAL(vol[(16384 + i) * 512], 0x60 + i);
	}
	/* the same for a joined read */
	biopl_rw(0x191, 5);
	for (unsigned i = 0; i < 5; i++) {
		memset(at(BUF + (8 + i) * 0x1000), 0xee, 512);
		entry(i, D250_TYPE_READ, 1 + i, BUF + (8 + i) * 0x1000);
	}
	fake_blk_reads = 0;
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(fake_blk_reads, 4);
	for (unsigned i = 0; i < 5; i++) {
		CU_ASSERT_EQUAL(status(i), i == 2 ? D250_ST_IO_ERROR : D250_ST_OK);
		CU_ASSERT_EQUAL(at(BUF + (8 + i) * 0x1000)[0], i == 2 ? 0xee : 0x60 + i);
	}
	fake_blks[0].bad = false;

	/* 160 consecutive reads (as many entries as fit the test's one list page): one read, no
	 * longer cut at 64 blocks; the same with a gap after entry 100: two */
	biopl_rw(0x191, 160);
	for (unsigned i = 0; i < 160; i++)
		entry(i, D250_TYPE_READ, 100 + i, BUF + i * 512);
	fake_blk_reads = 0;
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(fake_blk_reads, 1);
	for (unsigned i = 100; i < 160; i++)
		entry(i, D250_TYPE_READ, 101 + i, BUF + i * 512);
	fake_blk_reads = 0;
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(fake_blk_reads, 2);

	/* a write whose buffer is the entry list itself is not joined (status stores between) */
	biopl_rw(0x191, 2);
	entry(0, D250_TYPE_WRITE, 1, BUF);
	entry(1, D250_TYPE_WRITE, 2, LIST);
	fake_blk_writes = 0;
	CU_ASSERT_EQUAL(diag250(D250_RW), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(fake_blk_writes, 2);
	CU_ASSERT_EQUAL(vol[16385 * 512 + D250_E_STATUS], D250_ST_OK); /* stored before */
	CU_ASSERT_EQUAL(vol[16385 * 512 + D250_ENTRY_LEN + D250_E_STATUS], 0xee);

	vm_disks_release(vm);
	fake_vm_free(vm);
	fake_blk_reset();
	dasd_init(&cp_sysconfig, NULL);
}

UNIT_SUITE(disks, UNIT_CASE(test_directory_vdisks), UNIT_CASE(test_volumes_by_label),
	   UNIT_CASE(test_ckd_minidisk), UNIT_CASE(test_minidisk), UNIT_CASE(test_minidisk_joined))
UNIT_SUITE(diag250, UNIT_CASE(test_init), UNIT_CASE(test_program_checks), UNIT_CASE(test_rw),
	   UNIT_CASE(test_rw_block_size_4k), UNIT_CASE(test_rw_errors), UNIT_CASE(test_no_frames))
UNIT_SUITE(diag24, UNIT_CASE(test_diag24))
UNIT_MAIN(UNIT_REG(disks), UNIT_REG(diag250), UNIT_REG(diag24))
