/*
 * DIAGNOSE X'250', block I/O (z/VM CP Programming Services, "DIAGNOSE Code X'250' - Block
 * I/O"): the guest reads and writes its disks by block number through a parameter list
 * (BIOPL, 64-bit format): INIT binds a device with a block size and an offset, RW runs a list
 * of block entries, REMOVE unbinds. Layouts and codes are in vm64/diag250.h; in short:
 *
 *   Rx (even) = BIOPL address (doubleword), Ry = function (0 INIT, 1 RW, 2 REMOVE)
 *   R(x+1) = rc: 0 ok | 4 INIT, read-only | 12 some entries failed (cc 1) | 16 no device |
 *            20 not a disk | 24 block size | 28 state (INIT twice, RW/REMOVE without INIT) |
 *            36 block count | 40 every entry failed; cc 0 ok, 1 partial, 2 failed
 *   entry status: 0 ok | 1 block number | 2 addressing | 3 read-only | 5 I/O error (no
 *            frame) | 6 type | 7 protection | X'0A' ALET | X'0B' reserved bytes
 *   program checks: specification (odd Rx, BIOPL alignment, flaga not X'80', reserved
 *            fields, function code), addressing (BIOPL or entry list outside storage)
 *
 * Consecutive entries of one request that read (or write) consecutive blocks are joined
 * into one device transfer of up to D250_JOIN_BLOCKS blocks, a whole request's worth (FBA
 * runs it as channel programs of 64 blocks, virtio as requests of 128 and one FLUSH, instead
 * of one of each per block); each entry still gets its own status, and when the
 * joined transfer fails the entries run again one by one, so the statuses and the storage
 * seen afterwards are those of the entry-by-entry rules. When no entry's buffer overlaps the
 * entry list and the whole list can be stored into (checked once per request), a joined run's
 * status bytes are stored together, one store for the run instead of a check and a store per
 * entry; the guest cannot tell the difference.
 *
 * Every transfer completes before the DIAGNOSE does: the asynchronous flag is accepted and
 * the request completed synchronously (rc 0, no external interruption X'2603'), which Linux's
 * DIAG discipline also takes as success. All guest storage is reached through the checked
 * real-address accessors, so an entry whose buffer lies outside storage or in a
 * write-protected page fails alone and nothing else is touched.
 * Covered by tests/unit/test_diag250.c and tests/guest/vdisk.c.
 */
#include <cp/blkdev.h>
#include <cp/decode.h>
#include <vm64/diag250.h>
#include <lib/string.h>
#include "icpt.h"

#define D250_MAX_BLOCK_SIZE 4096
#define D250_MAX_OFFSET	    (1LL << 62)

/* One request at a time (one real CPU): the entry list and one block of data. */
static uint8_t entries[D250_MAX_ENTRIES * D250_ENTRY_LEN];
static uint8_t block_buf[D250_MAX_BLOCK_SIZE];

/* A joined run: at most D250_JOIN_BLOCKS entries and D250_JOIN_BYTES bytes. */
#define D250_JOIN_BLOCKS D250_MAX_ENTRIES
#define D250_JOIN_BYTES	 (D250_MAX_ENTRIES * 512)
static uint8_t join_buf[D250_JOIN_BYTES];

/* Sets the return code and condition code; the DIAGNOSE completes. */
static int finish(struct vcpu *v, unsigned rx, unsigned cc, uint32_t rc)
{
	v->gprs[rx + 1] = rc;
	vcpu_set_cc(v, cc);
	return 0;
}

static bool zero(const uint8_t *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (p[i])
			return false;
	return true;
}

/* The reserved fields of an INIT or RW list (z/VM: specification exception if not zero). */
static bool reserved_ok(const uint8_t *pl, uint32_t function)
{
	if (!zero(pl, 3, 24) || !zero(pl, 56, 64))
		return false;
	if (function == D250_INIT)
		return zero(pl, 28, 32);
	return zero(pl, 26, 28) && zero(pl, 36, 40) &&
	       !(pl[D250_PL_FLAGS] & D250_FLAGS_RESERVED) &&
	       !(pl[D250_PL_KEY] & D250_KEY_RESERVED);
}

static bool is_console(const struct vm *vm, uint16_t devno)
{
	return vm->console.exists && vm->console.devno == devno;
}

static bool valid_block_size(uint32_t bs, const struct blkdev *bd)
{
	return (bs == 512 || bs == 1024 || bs == 2048 || bs == 4096) && bs >= bd->block_size &&
	       bs % bd->block_size == 0;
}

/* Blocks of the INIT size on the device. */
static int64_t guest_blocks(const struct blkdev *bd, uint32_t bs)
{
	return (int64_t)(bd->blocks * bd->block_size / bs);
}

static int d250_init(struct vcpu *v, unsigned rx, uint64_t pl_addr, const uint8_t *pl,
		     struct vm_disk *d)
{
	uint32_t bs = get_be32(pl + D250_PL_BLOCK_SIZE);
	int64_t offset = (int64_t)get_be64(pl + D250_PL_OFFSET);
	uint8_t out[16];
	int rc;

	/* Offsets beyond +-2**62 leave no block addressable either way; clamping them keeps
	 * the block arithmetic below from overflowing. */
	if (offset > D250_MAX_OFFSET)
		offset = D250_MAX_OFFSET;
	else if (offset < -D250_MAX_OFFSET)
		offset = -D250_MAX_OFFSET;

	if (d->d250.ready)
		return finish(v, rx, 2, D250_RC_STATE);
	if (!valid_block_size(bs, &d->bd))
		return finish(v, rx, 2, D250_RC_BLOCK_SIZE);
	put_be64(out, (uint64_t)(1 - offset));
	put_be64(out + 8, (uint64_t)(guest_blocks(&d->bd, bs) - offset));
	rc = guest_write_real(v, pl_addr + D250_PL_START_BLOCK, out, sizeof(out));
	if (rc)
		return rc < 0 ? ICPT_FAULT : rc;
	d->d250.ready = true;
	d->d250.block_size = bs;
	d->d250.offset = (uint64_t)offset;
	return finish(v, rx, 0, d->bd.read_only ? D250_RC_READ_ONLY : D250_RC_OK);
}

/* The status for a guest buffer the accessors refused. */
static uint8_t buffer_status(int rc)
{
	if (rc == PGM_PROTECTION)
		return D250_ST_PROTECTION;
	if (rc < 0)
		return D250_ST_IO_ERROR; /* CP had no frame for the guest's page */
	return D250_ST_ADDRESSING;
}

static uint8_t device_status(int rc)
{
	switch (rc) {
	case BLKDEV_E_RANGE:
		return D250_ST_BLOCK;
	case BLKDEV_E_READONLY:
		return D250_ST_READ_ONLY;
	default:
		return D250_ST_IO_ERROR;
	}
}

/*
 * The checks of an entry before any transfer: D250_ST_OK with its first device block in
 * *first, or the entry's failing status.
 */
static uint8_t check_entry(const struct vm_disk *d, const uint8_t *e, uint64_t *first)
{
	uint8_t type = e[D250_E_TYPE];
	int64_t number = (int64_t)get_be64(e + D250_E_BLOCK);
	int64_t offset = (int64_t)d->d250.offset;
	uint32_t bs = d->d250.block_size, per = bs / d->bd.block_size;

	if (e[2] || e[3])
		return D250_ST_RESERVED;
	if (get_be32(e + D250_E_ALET))
		return D250_ST_ALET;
	/* start = 1 - offset <= number <= end = blocks - offset, without overflow */
	if (number < 1 - offset || number > guest_blocks(&d->bd, bs) - offset)
		return D250_ST_BLOCK;
	if (type != D250_TYPE_READ && type != D250_TYPE_WRITE)
		return D250_ST_TYPE;
	*first = (uint64_t)(number + offset - 1) * per;
	return D250_ST_OK;
}

/* One entry: the transfer between a guest buffer and one block of the INIT size. */
static uint8_t run_entry(struct vcpu *v, struct vm_disk *d, const uint8_t *e)
{
	uint8_t type = e[D250_E_TYPE], st;
	uint64_t buf = get_be64(e + D250_E_BUFFER), first;
	uint32_t bs = d->d250.block_size, per = bs / d->bd.block_size;
	int rc;

	st = check_entry(d, e, &first);
	if (st != D250_ST_OK)
		return st;
	if (type == D250_TYPE_READ) {
		rc = blkdev_read(&d->bd, first, per, block_buf);
		if (rc)
			return device_status(rc);
		rc = guest_write_real(v, buf, block_buf, bs);
		return rc ? buffer_status(rc) : D250_ST_OK;
	}
	rc = guest_read_real(v, buf, block_buf, bs);
	if (rc)
		return buffer_status(rc);
	if (d->bd.read_only)
		return D250_ST_READ_ONLY;
	rc = blkdev_write(&d->bd, first, per, block_buf);
	if (rc)
		return device_status(rc);
	return D250_ST_OK;
}

/* Stores entry @i's status; an error is the program interruption the store raised. */
static int put_status(struct vcpu *v, uint64_t list, uint32_t i, uint8_t status,
		      uint32_t *good)
{
	int rc = guest_write_real(v, list + (uint64_t)i * D250_ENTRY_LEN + D250_E_STATUS,
				  &status, 1);

	/* The list was readable; a status byte that cannot be stored ends the request with
	 * the program interruption its store raises (a write-protected list). */
	if (rc)
		return rc < 0 ? ICPT_FAULT : rc;
	*good += status == D250_ST_OK;
	return 0;
}

/* Whether entry @i's status byte can be stored: stores the byte it holds now. */
static bool status_storable(struct vcpu *v, uint64_t list, uint32_t i)
{
	uint64_t at = list + (uint64_t)i * D250_ENTRY_LEN + D250_E_STATUS;
	uint8_t now;

	return guest_read_real(v, at, &now, 1) == 0 && guest_write_real(v, at, &now, 1) == 0;
}

/*
 * How many entries from @i on join entry @i (which passed check_entry() with device block
 * @first): the same type, the next device blocks, each passing check_entry(), all fitting
 * join_buf. A write run also gathers its data into join_buf now: it needs a writable device,
 * stops before an entry whose buffer cannot be read or overlaps the entry list (the status
 * stores would come between), and after an entry whose status byte cannot be stored (one by
 * one, no later entry would have been written).
 */
static uint32_t join_run(struct vcpu *v, struct vm_disk *d, uint64_t list, uint32_t i,
			 uint32_t count, uint64_t first, bool fast)
{
	const uint8_t *e0 = entries + (size_t)i * D250_ENTRY_LEN;
	uint32_t bs = d->d250.block_size, per = bs / d->bd.block_size, n;
	uint64_t list_end = list + (uint64_t)count * D250_ENTRY_LEN;
	bool write = e0[D250_E_TYPE] == D250_TYPE_WRITE;

	if (write && d->bd.read_only)
		return 1;
	for (n = 0; i + n < count && n < D250_JOIN_BLOCKS && (n + 1) * bs <= D250_JOIN_BYTES;
	     n++) {
		const uint8_t *e = entries + (size_t)(i + n) * D250_ENTRY_LEN;
		uint64_t buf = get_be64(e + D250_E_BUFFER), f;

		if (n && (e[D250_E_TYPE] != e0[D250_E_TYPE] || check_entry(d, e, &f) != D250_ST_OK ||
			  f != first + (uint64_t)n * per))
			break;
		if (!write)
			continue;
		if (buf > UINT64_MAX - bs || (buf < list_end && buf + bs > list) ||
		    guest_read_real(v, buf, join_buf + (size_t)n * bs, bs))
			break;
		if (!fast && !status_storable(v, list, i + n))
			return n + 1;
	}
	return n;
}

/*
 * Entries @i..@i+@n-1 of a run join_run() found, as one device transfer; when it fails,
 * entry by entry. Return: 0, or the program interruption of a status store.
 */
static int run_joined(struct vcpu *v, struct vm_disk *d, uint64_t list, uint32_t i, uint32_t n,
		      uint64_t first, uint32_t *good, bool fast)
{
	uint32_t bs = d->d250.block_size, per = bs / d->bd.block_size;
	bool write = entries[(size_t)i * D250_ENTRY_LEN + D250_E_TYPE] == D250_TYPE_WRITE;
	int rc;

	if (write)
		rc = blkdev_write(&d->bd, first, n * per, join_buf);
	else
		rc = blkdev_read(&d->bd, first, n * per, join_buf);
	for (uint32_t k = 0; k < n; k++) {
		const uint8_t *e = entries + (size_t)(i + k) * D250_ENTRY_LEN;
		uint8_t status = D250_ST_OK;
		int wrc;

		if (rc)
			status = run_entry(v, d, e);
		else if (!write && (wrc = guest_write_real(v, get_be64(e + D250_E_BUFFER),
							  join_buf + (size_t)k * bs, bs)))
			status = buffer_status(wrc);
		if (fast) {
			entries[(size_t)(i + k) * D250_ENTRY_LEN + D250_E_STATUS] = status;
			*good += status == D250_ST_OK;
			continue;
		}
		wrc = put_status(v, list, i + k, status, good);
		if (wrc)
			return wrc;
	}
	if (fast) {	/* the run's entries as the guest wrote them, with their statuses */
		rc = guest_write_real(v, list + (uint64_t)i * D250_ENTRY_LEN,
				      entries + (size_t)i * D250_ENTRY_LEN, (size_t)n * D250_ENTRY_LEN);
		if (rc)
			return rc < 0 ? ICPT_FAULT : rc;
	}
	return 0;
}

/*
 * Whether a request may store its statuses a run at a time: no entry's buffer overlaps the
 * entry list (so the list stays as read, apart from the statuses) and the whole list can be
 * stored into (it is stored back unchanged to find out).
 */
static bool list_fast(struct vcpu *v, uint64_t list, uint32_t count, uint32_t bs)
{
	uint64_t list_end = list + (uint64_t)count * D250_ENTRY_LEN;

	for (uint32_t i = 0; i < count; i++) {
		uint64_t buf = get_be64(entries + (size_t)i * D250_ENTRY_LEN + D250_E_BUFFER);

		if (buf > UINT64_MAX - bs || (buf < list_end && buf + bs > list))
			return false;
	}
	return guest_write_real(v, list, entries, (size_t)count * D250_ENTRY_LEN) == 0;
}

static int d250_rw(struct vcpu *v, unsigned rx, const uint8_t *pl, struct vm_disk *d)
{
	uint32_t count = get_be32(pl + D250_PL_COUNT), good = 0;
	uint64_t list = get_be64(pl + D250_PL_LIST);
	bool fast;
	int rc;

	if (!d->d250.ready)
		return finish(v, rx, 2, D250_RC_STATE);
	if (count == 0 || count > D250_MAX_ENTRIES)
		return finish(v, rx, 2, D250_RC_COUNT);
	rc = guest_read_real(v, list, entries, (size_t)count * D250_ENTRY_LEN);
	if (rc)
		return rc < 0 ? ICPT_FAULT : rc;
	fast = count > 1 && list_fast(v, list, count, d->d250.block_size);
	for (uint32_t i = 0, n; i < count; i += n) {
		const uint8_t *e = entries + (size_t)i * D250_ENTRY_LEN;
		uint64_t first;

		n = 1;
		if (check_entry(d, e, &first) == D250_ST_OK)
			n = join_run(v, d, list, i, count, first, fast);
		if (n > 1) {
			rc = run_joined(v, d, list, i, n, first, &good, fast);
		} else {
			n = 1;
			rc = put_status(v, list, i, run_entry(v, d, e), &good);
		}
		if (rc)
			return rc;
	}
	if (good == count)
		return finish(v, rx, 0, D250_RC_OK);
	return good ? finish(v, rx, 1, D250_RC_PARTIAL) : finish(v, rx, 2, D250_RC_ALL_FAILED);
}

/**
 * diag_250() - DIAGNOSE X'250', block I/O (see the file comment and vm64/diag250.h)
 * @v: the virtual CPU
 * @rx: register with the BIOPL's guest real address; R(x+1) gets the return code
 * @ry: register with the function code
 * @code: X'250'
 *
 * Return: 0 (result in R(x+1) and the cc), PGM_SPECIFICATION, PGM_ADDRESSING (or another
 * access exception of the BIOPL or entry list), or ICPT_FAULT.
 */
int diag_250(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code)
{
	uint8_t pl[D250_BIOPL_LEN];
	uint64_t addr = icpt_wrap(v, v->gprs[rx]);
	uint32_t function = (uint32_t)v->gprs[ry];
	struct vm_disk *d;
	uint16_t devno;
	int rc;

	(void)code;
	if ((rx & 1) || (addr & 7) || function > D250_REMOVE)
		return PGM_SPECIFICATION;
	rc = guest_read_real(v, addr, pl, sizeof(pl));
	if (rc)
		return rc < 0 ? ICPT_FAULT : rc;
	if (function != D250_REMOVE &&
	    (pl[D250_PL_FLAGA] != D250_FLAGA_64BIT || !reserved_ok(pl, function)))
		return PGM_SPECIFICATION;
	devno = get_be16(pl + D250_PL_DEVNO);
	d = vm_disk_find(v->vm, devno);
	if (!d) {
		if (function == D250_INIT && is_console(v->vm, devno))
			return finish(v, rx, 2, D250_RC_NOT_DASD);
		return finish(v, rx, 2, D250_RC_NO_DEVICE);
	}
	switch (function) {
	case D250_INIT:
		return d250_init(v, rx, addr, pl, d);
	case D250_RW:
		v->d250_requests++;
		return d250_rw(v, rx, pl, d);
	default:
		if (!d->d250.ready)
			return finish(v, rx, 2, D250_RC_STATE);
		memset(&d->d250, 0, sizeof(d->d250));
		return finish(v, rx, 0, D250_RC_OK);
	}
}
