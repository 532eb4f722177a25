/*
 * Block I/O for the CMS file system: a struct blkdev over CP's DIAGNOSE X'250' (z/VM CP
 * Programming Services, "DIAGNOSE Code X'250' - Block I/O"), in the 64-bit parameter-list
 * format. INIT binds the device with a block size; each read or write is one synchronous
 * request of one block entry.
 */
#include <lib/string.h>
#include <cms/blkdev.h>
#include <cms/cms.h>

#define BIO_INIT     0
#define BIO_RW	     1
#define BIO_REMOVE   2
#define FLAGA_64BIT  0x80
#define BIO_WRITE    1
#define BIO_READ     2
#define BIO_RC_READ_ONLY 4 /* INIT: done, but the disk is read-only */

struct biopl_init {
	uint16_t devno;
	uint8_t flaga;
	uint8_t spare1[21];
	uint32_t block_size;
	uint8_t spare2[4];
	uint64_t offset;
	int64_t start_block;
	uint64_t end_block;
	uint8_t spare3[8];
} __attribute__((packed, aligned(8)));

struct biopl_rw {
	uint16_t devno;
	uint8_t flaga;
	uint8_t spare1[21];
	uint8_t key;
	uint8_t flags;
	uint8_t spare2[2];
	uint32_t block_count;
	uint32_t alet;
	uint8_t spare3[4];
	uint64_t interrupt_params;
	uint64_t bio_list;
	uint8_t spare4[8];
} __attribute__((packed, aligned(8)));

struct bio_entry {
	uint8_t type;
	uint8_t status;
	uint8_t spare[2];
	uint32_t alet;
	uint64_t block_number;
	uint64_t buffer;
} __attribute__((packed, aligned(8)));

_Static_assert(sizeof(struct biopl_init) == 64, "BIOPL INIT is 64 bytes");
_Static_assert(sizeof(struct biopl_rw) == 64, "BIOPL RW is 64 bytes");
_Static_assert(sizeof(struct bio_entry) == 24, "a 64-bit BIO entry is 24 bytes");

struct blockio {
	uint16_t devno;
	int64_t first_block;  /* the number CP gives block 0 */
};

static struct blockio disks[4];
static union {
	struct biopl_init init;
	struct biopl_rw rw;
} pl __attribute__((aligned(8)));
static struct bio_entry entry __attribute__((aligned(8)));

/* DIAG X'250': cc, with CP's return code (R(x+1)) in *rc. */
static int diag250(void *biopl, unsigned function, uint32_t *rc)
{
	register uint64_t rx asm("2") = (uintptr_t)biopl;
	register uint64_t rx1 asm("3") = 0;
	register uint64_t ry asm("4") = function;
	int cc;

	asm volatile("diag %1,%3,0x250\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(rx), "+d"(rx1), "+d"(ry) : : "memory", "cc");
	*rc = (uint32_t)rx1;
	return cc;
}

static int transfer(struct blkdev *dev, uint8_t type, uint32_t block, void *buf)
{
	struct blockio *b = dev->ctx;
	uint32_t rc;

	memset(&pl.rw, 0, sizeof(pl.rw));
	pl.rw.devno = b->devno;
	pl.rw.flaga = FLAGA_64BIT;
	pl.rw.block_count = 1;
	pl.rw.bio_list = (uintptr_t)&entry;
	memset(&entry, 0, sizeof(entry));
	entry.type = type;
	entry.block_number = (uint64_t)(b->first_block + block);
	entry.buffer = (uintptr_t)buf;
	if (diag250(&pl, BIO_RW, &rc) != 0 || rc != 0 || entry.status != 0)
		return -1;
	return 0;
}

static int read_block(struct blkdev *dev, uint32_t block, void *buf)
{
	return transfer(dev, BIO_READ, block, buf);
}

static int write_block(struct blkdev *dev, uint32_t block, const void *buf)
{
	return transfer(dev, BIO_WRITE, block, (void *)(uintptr_t)buf);
}

int blockio_open(struct blkdev *dev, uint16_t devno, uint32_t block_size)
{
	struct blockio *b = NULL;
	uint32_t rc;

	for (unsigned i = 0; i < sizeof(disks) / sizeof(disks[0]); i++)
		if (disks[i].devno == devno || (!b && !disks[i].devno))
			b = &disks[i];
	if (!b)
		return -1;
	if (b->devno == devno) {
		/* Bound already: CP refuses a second INIT (rc 28), so unbind first. */
		struct blkdev old = { .ctx = b };

		blockio_close(&old);
	}
	memset(&pl.init, 0, sizeof(pl.init));
	pl.init.devno = devno;
	pl.init.flaga = FLAGA_64BIT;
	pl.init.block_size = block_size;
	if (diag250(&pl, BIO_INIT, &rc) != 0 || (rc != 0 && rc != BIO_RC_READ_ONLY))
		return -1;
	b->devno = devno;
	b->first_block = pl.init.start_block;
	memset(dev, 0, sizeof(*dev));
	dev->block_size = block_size;
	dev->blocks = (uint32_t)(pl.init.end_block - (uint64_t)pl.init.start_block + 1);
	dev->read = read_block;
	dev->write = write_block;
	dev->ctx = b;
	return rc == BIO_RC_READ_ONLY ? 1 : 0;
}

void blockio_close(struct blkdev *dev)
{
	struct blockio *b = dev->ctx;
	uint32_t rc;

	if (!b)
		return;
	memset(&pl.init, 0, sizeof(pl.init));
	pl.init.devno = b->devno;
	pl.init.flaga = FLAGA_64BIT;
	diag250(&pl, BIO_REMOVE, &rc);
	b->devno = 0;
	dev->ctx = NULL;
}
