/*
 * Virtual 3390s: a minidisk on a CKD 3390 volume (bd.dev_type 0x3390, bd.cylinders) is a
 * 3390 on a 3990 control unit behind its own subchannel, driven by the guest's own channel
 * programs (cp/vfba.h, vckd_subchannel()). The virtual device is the minidisk: cylinder 0 is its
 * first cylinder and READ DEVICE CHARACTERISTICS gives its cylinders. Its tracks are in the one
 * format CP keeps on a 3390 (vm64/ckd.h): R0 (8 bytes of zeros) and R1-R12 of 4096 bytes, no keys;
 * record r of track t is blocks t * 96 + (r - 1) * 8 .. + 7 of the minidisk, moved with
 * blkdev_read/blkdev_write, which check the range again and relocate to the volume. So a
 * guest reads and writes records; it cannot give a track another format (a WRITE CKD of any
 * other count field ends in unit check, invalid track format), and the records after one
 * WRITE CKD stay as they were instead of being erased.
 *
 * Commands: SEEK (X'07', also X'0B' and X'1B' taken as a full seek), RECALIBRATE (X'13'),
 * SEARCH ID EQUAL (X'31', X'B1'), TIC, READ DATA (X'06', X'86'), READ COUNT (X'12', X'92'),
 * READ COUNT KEY AND DATA (X'1E', X'9E'), READ R0 (X'16'), WRITE DATA (X'05', X'85'), WRITE
 * CKD (X'1D'), DEFINE EXTENT (X'63'), LOCATE RECORD (X'47': orient, write data, format write,
 * read data, read), READ DEVICE CHARACTERISTICS (X'64'), SENSE (X'04', 32 bytes), SENSE ID
 * (X'E4'), NO-OP (X'03'). Others: command reject. IDAWs, PCI and suspend: program check.
 *
 * The checks, before any data moves, as the 3990 (Hercules 3.13's ckddasd.c) makes them: a
 * seek or LOCATE RECORD to a head a 3390 does not have: unit check, command reject; to a
 * cylinder beyond the minidisk, or a track outside the DEFINE EXTENT extent: unit check, file
 * protected (sense byte 1 X'04'); a DEFINE EXTENT that begins beyond the device: file protected;
 * one that ends beyond it is cut to it (intersected); a write the file mask forbids (or any write
 * on an R or RR link, whose mask CP forces to inhibit writes): command reject; a record that is not
 * on the track: no record found (sense byte 1 X'08'), after the search went twice past the index.
 * Tested by tests/unit/test_vckd.c and, on Hercules, tests/guest/vckd.c with
 * tests/system/test_ckd.py.
 */
#include <stddef.h>
#include <arch/cio.h>
#include <arch/intcode.h>
#include <cp/blkdev.h>
#include <cp/vfba.h>
#include <cp/vm.h>
#include <lib/endian.h>
#include <lib/string.h>
#include <vm64/ckd.h>

#define VCKD_MAX_CCWS 1024 /* with the TICs of search loops: a loop cannot keep CP here */
#define R0_LEN	      8
#define COUNT_LEN     8
#define LAST_REC      CKD_RECS_PER_TRACK

#define CMD_WRITE_DATA	  0x05
#define CMD_READ_DATA	  0x06
#define CMD_SEEK	  0x07
#define CMD_SEEK_CYL	  0x0b
#define CMD_READ_COUNT	  0x12
#define CMD_RECALIBRATE	  0x13
#define CMD_READ_R0	  0x16
#define CMD_SEEK_HEAD	  0x1b
#define CMD_WRITE_CKD	  0x1d
#define CMD_READ_CKD	  0x1e
#define CMD_SEARCH_EQ	  0x31
#define CMD_LOCATE	  0x47
#define CMD_DEFINE_EXTENT 0x63
#define CMD_RDC		  0x64
#define CMD_MT		  0x80 /* multitrack bit of the read, write-data and search commands */

/* DEFINE EXTENT file mask and global attributes; LOCATE RECORD operation byte. */
#define MASK_WRCTL	 0xc0
#define MASK_INHWR0	 0x00 /* all but write HA/R0 */
#define MASK_INHWRT	 0x40 /* no write */
#define MASK_ALLWRU	 0x80 /* write update (WRITE DATA) only */
#define MASK_RESV	 0x20
#define GATTR_ECKD	 0xc0
#define OPER_ORIENT_MASK 0xc0
#define OPER_CODE	 0x3f
#define OP_ORIENT	 0x00
#define OP_WRITE	 0x01
#define OP_FORMAT	 0x03
#define OP_RDDATA	 0x06
#define OP_READ		 0x16

#define SNS1_PERMANENT	     0x80
#define SNS1_ITF	     0x40 /* invalid track format */
#define SNS1_NRF	     0x08 /* no record found */
#define SNS1_FILE_PROTECTED  0x04

struct prog {
	struct vsch_prog ch; /* the CCWs (cp/vdev/ccwprog.c) */
	struct vfba *f;
	struct blkdev *bd;
	bool skip;     /* status modifier: the next CCW is skipped */
	uint32_t cyls; /* the virtual device's (the minidisk's) */
	/* position: the track, and the record whose count was the last one passed (-1: at the
	 * index, before R0); counted: its key and data are still ahead */
	uint32_t track;
	int rec;
	bool counted;
	bool searched;	/* the last SEARCH ID EQUAL matched (WRITE DATA, WRITE CKD) */
	bool wrote_ckd; /* the previous command was a WRITE CKD (another may follow) */
	unsigned index_passes;
	bool domain_cmd; /* the current command is one of the LOCATE RECORD domain's */
	bool extent;
	uint8_t mask;
	uint32_t x_first, x_last; /* the extent's tracks, cut to the device */
	unsigned lr_left;	  /* records the LOCATE RECORD domain still has */
	uint8_t lr_op;
};

static uint8_t stage[COUNT_LEN + CKD_REC_SIZE] __attribute__((aligned(8)));

static struct vm_disk *disk_of(struct vsubchannel *s)
{
	return (struct vm_disk *)((char *)s - offsetof(struct vm_disk, vfba.sch));
}

static void unit_check(struct prog *p, uint8_t sense0, uint8_t sense1)
{
	memset(p->f->sense, 0, sizeof(p->f->sense));
	p->f->sense[0] = sense0;
	p->f->sense[1] = sense1;
	vsch_prog_end(&p->ch, DEV_STAT_CHN_END | DEV_STAT_DEV_END | DEV_STAT_UNIT_CHECK, 0, p->ch.c.count);
}

static bool reject(struct prog *p)
{
	unit_check(p, SNS0_CMD_REJECT, 0);
	return true;
}

static bool protected(struct prog *p)
{
	unit_check(p, 0, SNS1_FILE_PROTECTED);
	return true;
}

static bool give(struct prog *p, const uint8_t *data, size_t len)
{
	uint16_t residual;
	size_t done;

	memcpy(stage, data, len);
	if (vsch_prog_move(&p->ch, stage, len, true, &done, &residual, NULL))
		return true;
	return vsch_prog_finish(&p->ch, residual, done < len);
}

static uint32_t tracks(const struct prog *p)
{
	return p->cyls * CKD_3390_HEADS;
}

/*
 * CCHH at @b into a track number: 0, or (the program has ended) a command reject for a head a
 * 3390 does not have, file protected for a cylinder beyond the minidisk (z/VM's minidisk
 * extent, which the real device enforces as a DEFINE EXTENT around the guest's program).
 */
static int track_of(struct prog *p, const uint8_t *b, uint32_t *track)
{
	uint16_t cyl = get_be16(b), head = get_be16(b + 2);

	if (head >= CKD_3390_HEADS) {
		reject(p);
		return -1;
	}
	if (cyl >= p->cyls) {
		protected(p);
		return -1;
	}
	*track = (uint32_t)cyl * CKD_3390_HEADS + head;
	return 0;
}

static bool in_extent(const struct prog *p, uint32_t track)
{
	return !p->extent || (track >= p->x_first && track <= p->x_last);
}

/* Positions at the index of @track (seek, LOCATE RECORD). */
static void position(struct prog *p, uint32_t track)
{
	p->track = track;
	p->rec = -1;
	p->counted = false;
	p->searched = false;
	p->index_passes = 0;
}

static void put_count(const struct prog *p, uint8_t *c, int rec)
{
	put_be16(c, (uint16_t)(p->track / CKD_3390_HEADS));
	put_be16(c + 2, (uint16_t)(p->track % CKD_3390_HEADS));
	c[4] = (uint8_t)rec;
	c[5] = 0;
	put_be16(c + 6, rec == 0 ? R0_LEN : CKD_REC_SIZE);
}

static uint64_t first_block(const struct prog *p, int rec)
{
	return (uint64_t)p->track * CKD_BLOCKS_PER_TRACK + (uint64_t)(rec - 1) * CKD_BLOCKS_PER_REC;
}

/*
 * Passes the next count area. @skip_r0: as reads do. In a LOCATE RECORD domain, or for a
 * multitrack command, the end of the track goes on to the next track of the extent; else it
 * passes the index. False (the program has ended) when that leaves the extent or the search
 * went twice round the track.
 */
static bool next_count(struct prog *p, bool skip_r0)
{
	for (;;) {
		if (p->rec < LAST_REC) {
			p->rec++;
			if (p->rec == 0 && skip_r0)
				continue;
			p->counted = true;
			return false;
		}
		if (p->domain_cmd || (p->ch.c.cmd & CMD_MT)) {
			if (p->track + 1 >= tracks(p) || !in_extent(p, p->track + 1))
				return protected(p);
			position(p, p->track + 1);
			continue;
		}
		if (++p->index_passes >= 2) {
			unit_check(p, 0, SNS1_NRF);
			return true;
		}
		p->rec = -1;
	}
}

/* A command while a LOCATE RECORD domain lasts: one of its records, if the operation allows
 * the command (else command reject). */
static bool in_domain(struct prog *p, bool ok)
{
	if (!p->lr_left)
		return false;
	if (!ok)
		return reject(p);
	p->lr_left--;
	p->domain_cmd = true;
	return false;
}

static bool seek(struct prog *p)
{
	uint8_t b[6];
	uint16_t residual;
	size_t got;
	uint32_t track;

	if (p->lr_left)
		return reject(p);
	if (vsch_prog_move(&p->ch, b, sizeof(b), false, &got, &residual, NULL))
		return true;
	if (got < sizeof(b) || b[0] || b[1])
		return reject(p);
	if (track_of(p, b + 2, &track))
		return true;
	if (!in_extent(p, track))
		return protected(p);
	position(p, track);
	return vsch_prog_finish(&p->ch, residual, false);
}

static bool search_eq(struct prog *p)
{
	uint8_t arg[5], id[COUNT_LEN];
	uint16_t residual;
	size_t got;

	if (p->lr_left)
		return reject(p);
	if (vsch_prog_move(&p->ch, arg, sizeof(arg), false, &got, &residual, NULL))
		return true;
	if (got < sizeof(arg))
		return reject(p);
	if (next_count(p, false))
		return true;
	put_count(p, id, p->rec);
	p->searched = memcmp(id, arg, sizeof(arg)) == 0; /* CCHHR */
	if (p->searched && (p->ch.c.flags & CCW_FLAG_CC))
		p->skip = true; /* status modifier: the TIC back is skipped */
	return vsch_prog_finish(&p->ch, residual, false);
}

/* READ DATA, READ COUNT, READ COUNT KEY AND DATA, READ R0. */
static bool read(struct prog *p, bool count, bool data)
{
	uint8_t base = p->ch.c.cmd & 0x7f;
	size_t len = 0, done;
	uint16_t residual;

	if (in_domain(p, p->lr_op == OP_READ || (p->lr_op == OP_RDDATA && base == CMD_READ_DATA)))
		return true;
	if (base == CMD_READ_R0) {
		p->rec = 0;
		p->counted = true;
	} else if ((count || !p->counted) && next_count(p, true)) {
		return true;
	}
	if (count) {
		put_count(p, stage, p->rec);
		len = COUNT_LEN;
	}
	if (data) {
		if (p->rec == 0) {
			memset(stage + len, 0, R0_LEN);
			len += R0_LEN;
		} else {
			if (blkdev_read(p->bd, first_block(p, p->rec), CKD_BLOCKS_PER_REC,
					stage + len)) {
				unit_check(p, SNS0_EQUIPMENT_CHECK, SNS1_PERMANENT);
				return true;
			}
			len += CKD_REC_SIZE;
		}
		p->counted = false;
	}
	p->searched = false;
	if (vsch_prog_move(&p->ch, stage, len, true, &done, &residual, NULL))
		return true;
	return vsch_prog_finish(&p->ch, residual, done < len);
}

static bool store_record(struct prog *p, int rec, const uint8_t *data)
{
	int rc = blkdev_write(p->bd, first_block(p, rec), CKD_BLOCKS_PER_REC, data);

	if (rc == BLKDEV_E_READONLY)
		return reject(p);
	if (rc) {
		unit_check(p, SNS0_EQUIPMENT_CHECK, SNS1_PERMANENT);
		return true;
	}
	return false;
}

static bool write_data(struct prog *p)
{
	uint16_t residual;
	size_t done;

	if (in_domain(p, p->lr_op == OP_WRITE))
		return true;
	if ((p->mask & MASK_WRCTL) == MASK_INHWRT || p->bd->read_only)
		return reject(p);
	if (p->domain_cmd && !p->counted && next_count(p, true))
		return true;
	if (!p->counted || (!p->searched && !p->domain_cmd) || p->rec == 0)
		return reject(p); /* WRITE DATA follows a SEARCH ID EQUAL that matched */
	memset(stage, 0, CKD_REC_SIZE);
	if (vsch_prog_move(&p->ch, stage, CKD_REC_SIZE, false, &done, &residual, NULL))
		return true;
	if (store_record(p, p->rec, stage))
		return true;
	p->counted = false;
	p->searched = false;
	return vsch_prog_finish(&p->ch, residual, done < CKD_REC_SIZE);
}

static bool write_ckd(struct prog *p)
{
	uint8_t want[COUNT_LEN];
	uint16_t residual;
	size_t done;
	int rec;

	if (in_domain(p, p->lr_op == OP_FORMAT))
		return true;
	if ((p->mask & MASK_WRCTL) == MASK_INHWRT || (p->mask & MASK_WRCTL) == MASK_ALLWRU ||
	    p->bd->read_only)
		return reject(p);
	if (!p->domain_cmd && !p->searched && !p->wrote_ckd)
		return reject(p); /* after a matching SEARCH ID EQUAL or another WRITE CKD */
	rec = p->rec + 1;
	memset(stage, 0, sizeof(stage));
	if (vsch_prog_move(&p->ch, stage, sizeof(stage), false, &done, &residual, NULL))
		return true;
	put_count(p, want, rec);
	if (rec < 1 || rec > LAST_REC || done < COUNT_LEN || memcmp(stage, want, COUNT_LEN)) {
		/* not the next record of CP's format: this track cannot hold it */
		unit_check(p, 0, SNS1_ITF);
		return true;
	}
	if (store_record(p, rec, stage + COUNT_LEN))
		return true;
	p->rec = rec;
	p->counted = false;
	p->searched = false;
	p->wrote_ckd = true;
	return vsch_prog_finish(&p->ch, residual, done < sizeof(stage));
}

static bool define_extent(struct prog *p)
{
	uint8_t de[16];
	uint16_t residual;
	size_t got;
	uint32_t first, last;

	if (vsch_prog_move(&p->ch, de, sizeof(de), false, &got, &residual, NULL))
		return true;
	if (got < sizeof(de) || p->extent || p->lr_left || (de[0] & MASK_RESV) ||
	    (de[1] & GATTR_ECKD) != GATTR_ECKD || de[4] || de[5] || de[6])
		return reject(p);
	first = (uint32_t)get_be16(de + 8) * CKD_3390_HEADS + get_be16(de + 10);
	last = (uint32_t)get_be16(de + 12) * CKD_3390_HEADS + get_be16(de + 14);
	if (get_be16(de + 10) >= CKD_3390_HEADS || get_be16(de + 14) >= CKD_3390_HEADS ||
	    last < first)
		return reject(p);
	if (first >= tracks(p))
		return protected(p); /* it begins beyond the minidisk */
	p->x_first = first;
	p->x_last = last < tracks(p) ? last : tracks(p) - 1; /* intersected with it */
	p->mask = de[0];
	if (p->bd->read_only)
		p->mask = (uint8_t)((p->mask & ~MASK_WRCTL) | MASK_INHWRT);
	p->extent = true;
	return vsch_prog_finish(&p->ch, residual, false);
}

static bool locate(struct prog *p)
{
	uint8_t lr[16], id[COUNT_LEN];
	uint16_t residual;
	size_t got;
	uint8_t orient, op;
	uint32_t track;

	if (vsch_prog_move(&p->ch, lr, sizeof(lr), false, &got, &residual, NULL))
		return true;
	if (got < sizeof(lr) || !p->extent || p->lr_left || lr[1] || lr[2])
		return reject(p);
	orient = lr[0] & OPER_ORIENT_MASK;
	op = lr[0] & OPER_CODE;
	if (orient != 0 ||
	    (op != OP_ORIENT && op != OP_WRITE && op != OP_FORMAT && op != OP_RDDATA &&
	     op != OP_READ) ||
	    (op == OP_ORIENT) != (lr[3] == 0))
		return reject(p);
	if ((op == OP_WRITE && ((p->mask & MASK_WRCTL) == MASK_INHWRT)) ||
	    (op == OP_FORMAT &&
	     ((p->mask & MASK_WRCTL) == MASK_INHWRT || (p->mask & MASK_WRCTL) == MASK_ALLWRU)))
		return reject(p);
	if (track_of(p, lr + 4, &track))
		return true;
	if (!in_extent(p, track))
		return protected(p);
	position(p, track);
	/* search the track for the count area CCHHR of bytes 8-12 */
	for (;;) {
		if (next_count(p, false))
			return true;
		put_count(p, id, p->rec);
		if (memcmp(id, lr + 8, 5) == 0) /* CCHHR */
			break;
	}
	/* oriented to its count area: a read or write data starts with its data, a format
	 * write with the record after it */
	p->lr_op = op;
	p->lr_left = lr[3];
	return vsch_prog_finish(&p->ch, residual, false);
}

static bool rdc(struct prog *p)
{
	uint8_t c[64];
	uint8_t model = p->cyls <= 1113	  ? 0x02
			: p->cyls <= 2226 ? 0x06
			: p->cyls <= 3339 ? 0x0a
					  : 0x0c;

	memset(c, 0, sizeof(c));
	put_be16(c, 0x3990);
	c[2] = 0xc2;
	put_be16(c + 3, CKD_3390_DEVTYPE);
	c[5] = model;
	put_be32(c + 6, 0xd0000000u);
	c[10] = 0x20; /* device class: DASD */
	c[11] = 0x26;
	put_be16(c + 12, (uint16_t)p->cyls);
	put_be16(c + 14, CKD_3390_HEADS);
	c[16] = 224;		 /* sectors */
	put_be16(c + 18, 58786); /* track length */
	put_be16(c + 20, 1428);	 /* home address and R0 */
	c[22] = 2;		 /* track capacity formula 2: factors 34 19 9 6 116 */
	c[23] = 34;
	c[24] = 19;
	c[25] = 9;
	c[26] = 6;
	c[27] = 116;
	c[40] = 0x26;
	return give(p, c, sizeof(c));
}

static bool command(struct prog *p)
{
	static const uint8_t id[7] = {0xff, 0x39, 0x90, 0xc2, 0x33, 0x90, 0x0a};
	uint8_t sense[VDASD_SENSE_SIZE], cmd = p->ch.c.cmd;

	p->domain_cmd = false;
	if (cmd != CCW_CMD_SENSE)
		memset(p->f->sense, 0, sizeof(p->f->sense));
	if (cmd != CMD_WRITE_CKD)
		p->wrote_ckd = false;
	switch (cmd) {
	case CMD_SEEK:
	case CMD_SEEK_CYL:
	case CMD_SEEK_HEAD:
		return seek(p);
	case CMD_RECALIBRATE:
		if (p->lr_left)
			return reject(p);
		if (!in_extent(p, 0))
			return protected(p);
		position(p, 0);
		return vsch_prog_finish(&p->ch, 0, false);
	case CMD_SEARCH_EQ:
	case CMD_SEARCH_EQ | CMD_MT:
		return search_eq(p);
	case CMD_READ_DATA:
	case CMD_READ_DATA | CMD_MT:
		return read(p, false, true);
	case CMD_READ_COUNT:
	case CMD_READ_COUNT | CMD_MT:
		return read(p, true, false);
	case CMD_READ_CKD:
	case CMD_READ_CKD | CMD_MT:
	case CMD_READ_R0:
		return read(p, true, true);
	case CMD_WRITE_DATA:
	case CMD_WRITE_DATA | CMD_MT:
		return write_data(p);
	case CMD_WRITE_CKD:
		return write_ckd(p);
	case CMD_DEFINE_EXTENT:
		return define_extent(p);
	case CMD_LOCATE:
		return locate(p);
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
		return reject(p);
	}
}

static void run(struct vsubchannel *s, uint32_t addr)
{
	struct vm_disk *d = disk_of(s);
	struct prog p;

	memset(&p, 0, sizeof(p));
	p.ch.s = s;
	p.ch.max_ccws = VCKD_MAX_CCWS;
	p.f = &d->vfba;
	p.bd = &d->bd;
	p.cyls = d->bd.cylinders;
	p.rec = -1;
	if (vsch_prog_fetch(&p.ch, addr, false)) {
		vsch_end(s, p.ch.addr + 8, 0, SCH_STAT_PROG_CHECK, 0);
		return;
	}
	for (;;) {
		uint32_t next;

		if (command(&p))
			return;
		if (!p.lr_left)
			p.lr_op = 0; /* the domain is over */
		next = p.ch.addr + (p.skip ? 16 : 8);
		p.skip = false;
		if (vsch_prog_fetch(&p.ch, next, false)) {
			vsch_prog_end(&p.ch, 0, SCH_STAT_PROG_CHECK, 0);
			return;
		}
	}
}

static int vckd_start(struct vsubchannel *s, const uint8_t *orb)
{
	return vdisk_start(s, orb, run);
}

static const struct vsch_ops vckd_ops = {
    .store = vsch_store,
    .modify = vsch_modify,
    .start = vckd_start,
    .test = vsch_test,
    .halt = vsch_halt,
    .clear = vsch_clear,
    .cancel = vsch_cancel,
    .resume = 0,
};

struct vsubchannel *vckd_subchannel(struct vm *vm, unsigned slot)
{
	struct vm_disk *d;

	if (slot >= VM_MAX_DISKS)
		return 0;
	d = &vm->disks[slot];
	if (!d->bd.ops || d->bd.dev_type != CKD_3390_DEVTYPE || !d->bd.cylinders)
		return 0;
	return vdisk_bind(vm, slot, &vckd_ops);
}
