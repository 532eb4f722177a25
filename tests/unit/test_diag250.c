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
	CU_ASSERT_EQUAL_FATAL(dir_lookup("OPERATOR", &u), 0);
	CU_ASSERT_EQUAL(u.nvdisks, 0);

	vm = fake_vm_new(STORAGE);
	CU_ASSERT_EQUAL_FATAL(dir_lookup("USER01", &u), 0);
	CU_ASSERT_EQUAL(vm_disks_define(vm, &u), 1);
	CU_ASSERT_PTR_NOT_NULL(vm_disk_find(vm, 0x191));
	CU_ASSERT_PTR_NULL(vm_disk_find(vm, 0x192));
	CU_ASSERT_EQUAL(vm_disk_find(vm, 0x191)->bd.blocks, 4096);
	CU_ASSERT_EQUAL(vm_disks_frames(vm), 0); /* no frame until written */
	/* more than fit, the console's number, duplicates: skipped */
	vm_disks_release(vm);
	u.nvdisks = USER_MAX_VDISKS;
	u.vdisks[1] = u.vdisks[0];
	u.vdisks[2] = (struct user_vdisk){ 0x009, 10, false };
	u.vdisks[3] = (struct user_vdisk){ 0x200, 0, false };
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
	CU_ASSERT_EQUAL((uint32_t)v->gprs[4], 0x01400000); /* FBA, 9336, R/W */
	CU_ASSERT_EQUAL((uint32_t)v->gprs[5], 0x01400000);
	CU_ASSERT_EQUAL(diag24(0x192), 0);
	CU_ASSERT_EQUAL((uint32_t)v->gprs[4], 0x01400080); /* read-only */
	CU_ASSERT_EQUAL(diag24(0x193), 0);
	CU_ASSERT_EQUAL(cc(), 3);
	CU_ASSERT_EQUAL(v->gprs[4], 0xdeadbeefdeadbeefULL); /* untouched */
	teardown();
}

UNIT_SUITE(disks, UNIT_CASE(test_directory_vdisks))
UNIT_SUITE(diag250, UNIT_CASE(test_init), UNIT_CASE(test_program_checks), UNIT_CASE(test_rw),
	   UNIT_CASE(test_rw_block_size_4k), UNIT_CASE(test_rw_errors), UNIT_CASE(test_no_frames))
UNIT_SUITE(diag24, UNIT_CASE(test_diag24))
UNIT_MAIN(UNIT_REG(disks), UNIT_REG(diag250), UNIT_REG(diag24))
