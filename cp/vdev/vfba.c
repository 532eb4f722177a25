/*
 * Virtual FBA devices: each disk of a machine (minidisk or V-DISK, cp/blkdev.h) as a 9336
 * on a 6310 control unit behind its own subchannel (cp/vfba.h), driven by the guest's own
 * channel programs. Facts from Hercules 3.13's fbadasd.c and dasdtab.c (what it reports for
 * a 9336: SENSE ID FF 6310 01 9336 00, READ DEVICE CHARACTERISTICS 32 bytes) and Linux's
 * dasd_fba/dasd_3370_erp (sense byte 0: X'80' command reject, X'10' equipment check; byte 1:
 * X'80' permanent error, X'04' file protected).
 *
 * Commands: DEFINE EXTENT (X'63', 16 bytes: file mask, 3 reserved, the extent's first block
 * on the device, its first and last block in the numbers LOCATE uses), LOCATE (X'43', 8
 * bytes: operation 1 or 5 write, 6 read; replication count; block count; first block),
 * READ (X'42'), WRITE (X'41'), READ DEVICE CHARACTERISTICS (X'64'), SENSE (X'04', 24 bytes),
 * SENSE ID (X'E4'), NO-OP (X'03'); TIC; command and data chaining; format-0 and format-1
 * CCWs. Not supported, each a channel-program check: IDAWs (the IDA flag), PCI, suspend.
 * Not supported, each a command reject: read replicated data (2), format defective block (4),
 * diagnostic and reserve/release commands.
 *
 * The checks, CCW by CCW, before any data moves: the device is the disk (its size is what
 * RDC reports); a DEFINE EXTENT that starts beyond it is rejected, one that ends beyond it is
 * cut to the disk (intersected); a LOCATE outside the guest's extent, or past the end of the
 * intersection, and a write when the file mask or the link (R, RR) forbids writes end in
 * unit check with command reject and file protected in the sense; a READ or WRITE not right
 * after its LOCATE, a second DEFINE EXTENT, a LOCATE without one, short parameter lists,
 * reserved bits: unit check, command reject. Data addresses outside the guest's storage are
 * a program check (a protected shared page: protection check). Every block moved goes
 * through blkdev_read/blkdev_write of the disk, which check the range again and relocate (a
 * minidisk's block n is block start + n of its volume, cp/vdev/mdisk.c): nothing the guest
 * writes in a CCW reaches the real device. Programs run synchronously, at most VFBA_MAX_CCWS
 * CCWs (a TIC loop ends in a program check). Tested by tests/unit/test_vfba.c,
 * tests/guest/vfba.c and tests/system/test_vfba.py.
 */
#include <stddef.h>
#include <arch/cio.h>
#include <arch/intcode.h>
#include <cp/blkdev.h>
#include <cp/vfba.h>
#include <cp/vm.h>
#include <lib/endian.h>
#include <lib/string.h>

#define FBA_BLOCK	512
#define FBA_CU_TYPE	0x6310
#define FBA_DEV_TYPE	0x9336
#define VFBA_MAX_CCWS	1024 /* chains, data chains and TICs: a loop cannot keep CP here */
#define VFBA_STAGE	16   /* blocks moved per blkdev call */

#define CMD_WRITE	  0x41
#define CMD_READ	  0x42
#define CMD_LOCATE	  0x43
#define CMD_DEFINE_EXTENT 0x63
#define CMD_RDC		  0x64

/* DEFINE EXTENT file mask and LOCATE operation byte. */
#define MASK_CTL      0xc0
#define MASK_INHWRT   0x40
#define MASK_CTL_RESV 0x80
#define MASK_RESV     0x3b /* reserved bits and the CE-area bit */
#define OPER_RESV     0xf0
#define OPER_WRITE    0x01
#define OPER_WRTVRFY  0x05
#define OPER_READ     0x06

/* Sense bytes 0 and 1. */
#define SNS1_PERMANENT	    0x80
#define SNS1_FILE_PROTECTED 0x04

/* One channel program's state: the current CCW and what DEFINE EXTENT and LOCATE set. */
struct prog {
	struct vsch_prog ch; /* the CCWs (cp/vdev/ccwprog.c) */
	struct vfba *f;
	struct blkdev *bd;
	uint8_t prev; /* the previous command, 0 at the start */
	bool extent;
	uint8_t mask;
	uint64_t x_origin;	  /* the extent's first block on the disk */
	uint32_t x_first, x_last; /* its first and last block in LOCATE's numbers */
	uint64_t x_end;		  /* the disk block after the intersection with the disk */
	bool located;
	uint8_t oper;
	uint32_t left; /* blocks LOCATE still allows */
	uint64_t pos;  /* the next of them on the disk */
};

/* Blocks on their way between the disk and guest storage; static: below 2 GB. */
static uint8_t stage[VFBA_STAGE * FBA_BLOCK] __attribute__((aligned(8)));

static struct vm_disk *disk_of(struct vsubchannel *s)
{
	return (struct vm_disk *)((char *)s - offsetof(struct vm_disk, vfba.sch));
}

static void reject(struct prog *p, uint8_t sense1)
{
	memset(p->f->sense, 0, sizeof(p->f->sense));
	p->f->sense[0] = SNS0_CMD_REJECT;
	p->f->sense[1] = sense1;
	vsch_prog_end(&p->ch, DEV_STAT_CHN_END | DEV_STAT_DEV_END | DEV_STAT_UNIT_CHECK, 0, p->ch.c.count);
}

static void equipment_check(struct prog *p)
{
	memset(p->f->sense, 0, sizeof(p->f->sense));
	p->f->sense[0] = SNS0_EQUIPMENT_CHECK;
	p->f->sense[1] = SNS1_PERMANENT;
	vsch_prog_end(&p->ch, DEV_STAT_CHN_END | DEV_STAT_DEV_END | DEV_STAT_UNIT_CHECK, 0, p->ch.c.count);
}

/* Control data for DEFINE EXTENT and LOCATE: @need bytes, or a command reject. */
static int parameters(struct prog *p, uint8_t *buf, size_t need, uint16_t *residual)
{
	uint16_t used = 0;
	size_t got;

	if (vsch_prog_move(&p->ch, buf, need, false, &got, residual, &used))
		return -1;
	if (got < need) {
		reject(p, 0);
		return -1;
	}
	return 0;
}

static bool define_extent(struct prog *p)
{
	uint8_t de[16];
	uint16_t residual;
	uint64_t end_block;

	if (parameters(p, de, sizeof(de), &residual))
		return true;
	if (p->extent || (de[0] & MASK_RESV) || (de[0] & MASK_CTL) == MASK_CTL_RESV) {
		reject(p, 0);
		return true;
	}
	p->mask = de[0];
	p->x_origin = get_be32(de + 4);
	p->x_first = get_be32(de + 8);
	p->x_last = get_be32(de + 12);
	if (p->x_last < p->x_first) {
		reject(p, 0);
		return true;
	}
	if (p->x_origin >= p->bd->blocks) {
		reject(p, SNS1_FILE_PROTECTED); /* it starts beyond the disk */
		return true;
	}
	end_block = p->x_origin + (uint64_t)(p->x_last - p->x_first) + 1;
	p->x_end = end_block < p->bd->blocks ? end_block : p->bd->blocks;
	if (p->bd->read_only)
		p->mask = (uint8_t)((p->mask & ~MASK_CTL) | MASK_INHWRT);
	p->extent = true;
	return vsch_prog_finish(&p->ch, residual, false);
}

static bool locate(struct prog *p)
{
	uint8_t lo[8];
	uint16_t residual, count;
	uint32_t block;
	bool write;

	if (parameters(p, lo, sizeof(lo), &residual))
		return true;
	if (!p->extent || (lo[0] & OPER_RESV)) {
		reject(p, 0);
		return true;
	}
	p->oper = lo[0] & 0x0f;
	write = p->oper == OPER_WRITE || p->oper == OPER_WRTVRFY;
	if (!write && p->oper != OPER_READ) {
		reject(p, 0);
		return true;
	}
	if (write && (p->mask & MASK_CTL) == MASK_INHWRT) {
		reject(p, SNS1_FILE_PROTECTED);
		return true;
	}
	count = get_be16(lo + 2);
	block = get_be32(lo + 4);
	if (count == 0) {
		reject(p, 0);
		return true;
	}
	/* Inside the guest's extent, and inside its intersection with the disk. */
	if (block < p->x_first || block > p->x_last || count - 1u > p->x_last - block ||
	    p->x_origin + (block - p->x_first) + count > p->x_end) {
		reject(p, SNS1_FILE_PROTECTED);
		return true;
	}
	p->pos = p->x_origin + (block - p->x_first);
	p->left = count;
	p->located = true;
	return vsch_prog_finish(&p->ch, residual, false);
}

/* READ and WRITE: the located blocks, in stage-sized pieces, along the data chain. */
static bool transfer(struct prog *p, bool write)
{
	uint16_t used = 0, residual = 0;
	bool last = false;

	if (!p->located || p->prev != CMD_LOCATE ||
	    write != (p->oper == OPER_WRITE || p->oper == OPER_WRTVRFY)) {
		reject(p, 0);
		return true;
	}
	p->located = false;
	while (p->left && !last) {
		unsigned n = p->left < VFBA_STAGE ? p->left : VFBA_STAGE;
		size_t len = (size_t)n * FBA_BLOCK, done;
		int rc;

		if (!write) {
			rc = blkdev_read(p->bd, p->pos, n, stage);
			if (rc) {
				equipment_check(p);
				return true;
			}
		}
		if (vsch_prog_move(&p->ch, stage, len, !write, &done, &residual, &used))
			return true;
		if (done < len) {
			/* The count ran out first: the block it ends in is the last. */
			last = true;
			n = (unsigned)((done + FBA_BLOCK - 1) / FBA_BLOCK);
			if (write)
				memset(stage + done, 0, (size_t)n * FBA_BLOCK - done);
		}
		if (write && n) {
			rc = blkdev_write(p->bd, p->pos, n, stage);
			if (rc == BLKDEV_E_READONLY) {
				reject(p, SNS1_FILE_PROTECTED);
				return true;
			}
			if (rc) {
				equipment_check(p);
				return true;
			}
		}
		p->pos += n;
		p->left -= n;
		if (!last && p->left && used == p->ch.c.count && !(p->ch.c.flags & CCW_FLAG_CD))
			last = true; /* the CCW ended exactly on a block: nothing more to take */
	}
	return vsch_prog_finish(&p->ch, residual, p->left != 0);
}

/* SENSE, SENSE ID and RDC: @len bytes to the guest. */
static bool give(struct prog *p, const uint8_t *data, size_t len)
{
	uint8_t buf[32];
	uint16_t used = 0, residual;
	size_t done;

	memcpy(buf, data, len); /* at most 32 bytes: RDC */
	if (vsch_prog_move(&p->ch, buf, len, true, &done, &residual, &used))
		return true;
	return vsch_prog_finish(&p->ch, residual, done < len);
}

static bool rdc(struct prog *p)
{
	uint8_t c[32];
	uint32_t blocks = p->bd->blocks > 0xffffffffu ? 0xffffffffu : (uint32_t)p->bd->blocks;

	memset(c, 0, sizeof(c));
	c[0] = 0x30; /* operation modes */
	c[1] = 0x08; /* features */
	c[2] = 0x21; /* device class: FBA */
	c[3] = 0x11; /* unit type: 9336 */
	put_be16(c + 4, FBA_BLOCK);
	put_be32(c + 6, 63);   /* blocks per cyclical group */
	put_be32(c + 10, 315); /* blocks per access position */
	put_be32(c + 14, blocks);
	return give(p, c, sizeof(c));
}

/* Runs one command of the program; true when the program has ended. */
static bool command(struct prog *p)
{
	static const uint8_t id[7] = { 0xff, FBA_CU_TYPE >> 8, FBA_CU_TYPE & 0xff, 0x01,
				       FBA_DEV_TYPE >> 8, FBA_DEV_TYPE & 0xff, 0x00 };
	uint8_t sense[VFBA_SENSE_SIZE];

	if (p->ch.c.cmd != CCW_CMD_SENSE)
		memset(p->f->sense, 0, sizeof(p->f->sense));
	switch (p->ch.c.cmd) {
	case CMD_DEFINE_EXTENT:
		return define_extent(p);
	case CMD_LOCATE:
		return locate(p);
	case CMD_READ:
		return transfer(p, false);
	case CMD_WRITE:
		return transfer(p, true);
	case CMD_RDC:
		return rdc(p);
	case CCW_CMD_SENSE:
		memcpy(sense, p->f->sense, sizeof(sense));
		memset(p->f->sense, 0, sizeof(p->f->sense));
		return give(p, sense, sizeof(sense));
	case CCW_CMD_SENSE_ID:
		return give(p, id, sizeof(id));
	case CCW_CMD_NOP:
		return vsch_prog_finish(&p->ch, 0, false);
	default:
		reject(p, 0);
		return true;
	}
}

static void run(struct vsubchannel *s, uint32_t addr)
{
	struct vm_disk *d = disk_of(s);
	struct prog p;

	memset(&p, 0, sizeof(p));
	p.ch.s = s;
	p.ch.max_ccws = VFBA_MAX_CCWS;
	p.f = &d->vfba;
	p.bd = &d->bd;
	if (vsch_prog_fetch(&p.ch, addr, false)) {
		vsch_end(s, p.ch.addr + 8, 0, SCH_STAT_PROG_CHECK, 0);
		return;
	}
	for (;;) {
		uint8_t cmd = p.ch.c.cmd;

		if (command(&p))
			return;
		p.prev = cmd;
		if (vsch_prog_fetch(&p.ch, p.ch.addr + 8, false)) {
			vsch_prog_end(&p.ch, 0, SCH_STAT_PROG_CHECK, 0);
			return;
		}
	}
}

struct vsubchannel *vdisk_bind(struct vm *vm, unsigned slot, const struct vsch_ops *ops)
{
	struct vm_disk *d = &vm->disks[slot];

	if (!d->vfba.sch.ops) {
		memset(&d->vfba, 0, sizeof(d->vfba));
		d->vfba.sch.ops = ops;
		d->vfba.sch.vm = vm;
		d->vfba.sch.number = (uint16_t)(slot + 1);
		d->vfba.sch.devno = d->bd.devno;
		d->vfba.sch.exists = true;
	}
	return &d->vfba.sch;
}

int vdisk_start(struct vsubchannel *s, const uint8_t *orb,
		void (*run)(struct vsubchannel *s, uint32_t addr))
{
	uint32_t addr;
	int cc = vsch_accept(s, orb, false, &addr);

	if (cc == 0)
		run(s, addr);
	return cc;
}

static int vfba_start(struct vsubchannel *s, const uint8_t *orb)
{
	return vdisk_start(s, orb, run);
}

static const struct vsch_ops vfba_ops = {
	.store = vsch_store,
	.modify = vsch_modify,
	.start = vfba_start,
	.test = vsch_test,
	.halt = vsch_halt,
	.clear = vsch_clear,
	.cancel = vsch_cancel,
	.resume = 0,
};

struct vsubchannel *vfba_subchannel(struct vm *vm, unsigned slot)
{
	struct vm_disk *d;

	if (slot >= VM_MAX_DISKS)
		return 0;
	d = &vm->disks[slot];
	if (!d->bd.ops || d->bd.block_size != FBA_BLOCK)
		return 0;
	return vdisk_bind(vm, slot, &vfba_ops);
}
