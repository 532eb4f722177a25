/*
 * Block I/O for the CMS file system: a struct blkdev over CP's DIAGNOSE X'250' (z/VM CP
 * Programming Services, "DIAGNOSE Code X'250' - Block I/O"), in the 64-bit parameter-list
 * format. INIT binds the device with a block size; a read or write of one block is one
 * synchronous request of one entry, a list of blocks (read_list, write_list) one request of up
 * to 256 entries (the most CP takes), which CP runs in order and joins into device transfers
 * where the blocks are consecutive. A list's entries live in the heap while it runs, so an
 * idle user's private storage does not grow by them.
 * Covered by tests/system/test_cms.py.
 */
#include <lib/endian.h>
#include <lib/string.h>
#include <cms/blkdev.h>
#include <cms/cms.h>
#include <vm64/diag250.h>

struct blockio {
	uint16_t devno;
	int64_t first_block;  /* the number CP gives block 0 */
};

static struct blockio disks[4];
/* Entries in one DIAGNOSE; a longer list takes several. */
#define BLOCKIO_LIST_MAX D250_MAX_ENTRIES

/* One parameter list and the entry of a single-block request, as vm64/diag250.h says. */
static uint8_t pl[D250_BIOPL_LEN] __attribute__((aligned(8)));
static uint8_t one_entry[D250_ENTRY_LEN] __attribute__((aligned(8)));

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

/* One DIAGNOSE for the @n blocks of @io (n <= BLOCKIO_LIST_MAX), with the entries at @entry. */
static int transfer(struct blkdev *dev, uint8_t *entry, uint8_t type, const struct blkdev_io *io,
		    uint32_t n)
{
	struct blockio *b = dev->ctx;
	uint32_t rc;

	memset(pl, 0, sizeof(pl));
	put_be16(pl + D250_PL_DEVNO, b->devno);
	pl[D250_PL_FLAGA] = D250_FLAGA_64BIT;
	put_be32(pl + D250_PL_COUNT, n);
	put_be64(pl + D250_PL_LIST, (uintptr_t)entry);
	memset(entry, 0, (size_t)n * D250_ENTRY_LEN);
	for (uint32_t i = 0; i < n; i++) {
		uint8_t *e = entry + (size_t)i * D250_ENTRY_LEN;

		e[D250_E_TYPE] = type;
		put_be64(e + D250_E_BLOCK, (uint64_t)(b->first_block + io[i].block));
		put_be64(e + D250_E_BUFFER, (uintptr_t)io[i].buf);
	}
	/* rc 0 only when every entry's status is 0. */
	if (diag250(pl, D250_RW, &rc) != 0 || rc != D250_RC_OK)
		return -1;
	return 0;
}

static int transfer_list(struct blkdev *dev, uint8_t type, const struct blkdev_io *io, uint32_t n)
{
	uint32_t max = n < BLOCKIO_LIST_MAX ? n : BLOCKIO_LIST_MAX;
	uint8_t *list = cms_alloc((size_t)max * D250_ENTRY_LEN);
	int rc = 0;

	if (!list) {	/* no storage: a block at a time */
		list = one_entry;
		max = 1;
	}
	while (n && !rc) {
		uint32_t k = n < max ? n : max;

		rc = transfer(dev, list, type, io, k);
		io += k;
		n -= k;
	}
	if (list != one_entry)
		cms_free(list);
	return rc;
}

static int read_block(struct blkdev *dev, uint32_t block, void *buf)
{
	struct blkdev_io io = { .block = block, .buf = buf };

	return transfer(dev, one_entry, D250_TYPE_READ, &io, 1);
}

static int write_block(struct blkdev *dev, uint32_t block, const void *buf)
{
	struct blkdev_io io = { .block = block, .buf = (void *)(uintptr_t)buf };

	return transfer(dev, one_entry, D250_TYPE_WRITE, &io, 1);
}

static int read_list(struct blkdev *dev, const struct blkdev_io *io, uint32_t n)
{
	return transfer_list(dev, D250_TYPE_READ, io, n);
}

static int write_list(struct blkdev *dev, const struct blkdev_io *io, uint32_t n)
{
	return transfer_list(dev, D250_TYPE_WRITE, io, n);
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
	memset(pl, 0, sizeof(pl));
	put_be16(pl + D250_PL_DEVNO, devno);
	pl[D250_PL_FLAGA] = D250_FLAGA_64BIT;
	put_be32(pl + D250_PL_BLOCK_SIZE, block_size);
	if (diag250(pl, D250_INIT, &rc) != 0 || (rc != D250_RC_OK && rc != D250_RC_READ_ONLY))
		return -1;
	b->devno = devno;
	b->first_block = (int64_t)get_be64(pl + D250_PL_START_BLOCK);
	memset(dev, 0, sizeof(*dev));
	dev->block_size = block_size;
	dev->blocks = (uint32_t)(get_be64(pl + D250_PL_END_BLOCK) - (uint64_t)b->first_block + 1);
	dev->read = read_block;
	dev->write = write_block;
	dev->read_list = read_list;
	dev->write_list = write_list;
	dev->ctx = b;
	return rc == D250_RC_READ_ONLY ? 1 : 0;
}

void blockio_close(struct blkdev *dev)
{
	struct blockio *b = dev->ctx;
	uint32_t rc;

	if (!b)
		return;
	memset(pl, 0, sizeof(pl));
	put_be16(pl + D250_PL_DEVNO, b->devno);
	pl[D250_PL_FLAGA] = D250_FLAGA_64BIT;
	diag250(pl, D250_REMOVE, &rc);
	b->devno = 0;
	dev->ctx = NULL;
}
