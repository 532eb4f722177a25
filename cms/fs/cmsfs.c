/*
 * The CMS file system: on-disk format, format/mount, the allocation bitmap, the directory and
 * map-block helpers. Operations on whole files (stat, list, rename, erase) are in cmsfs_ops.c,
 * open files in cmsfs_file.c, the consistency check in cmsfs_check.c.
 *
 * On-disk format (version 1). All integers big-endian; B is the block size (512..4096, a power
 * of two). Every metadata block (superblock, bitmap, directory, map) ends in a 12-byte trailer:
 *
 *	B-12	tag	"SUPR", "BMAP", "DIRB" or "FMAP"
 *	B-8	u32	the block's own number (catches misdirected reads and writes)
 *	B-4	u32	CRC-32 (IEEE, reflected) of bytes 0..B-5
 *
 * Block 0, the superblock, written last by format and never again:
 *	0 "VM64CMS1"  8 u32 version (1)  12 u32 block size  16 u32 blocks  20 label[6] (blank pad)
 *	28 u32 bitmap start (1)  32 u32 bitmap blocks  36 u32 directory start  40 u32 directory
 *	blocks  44 u32 first data block  48 u64 format time stamp
 *
 * Allocation bitmap: blocks 1..; (B-12)*8 bits per block, the first bit of a block is the most
 * significant bit of its byte 0; a set bit means the block is in use. Blocks 0..data start-1
 * are always set, bits past the end of the disk always clear.
 *
 * Directory: sized at format time to blocks/8 entries (at least one block), (B-12)/64 entries
 * of 64 bytes per block; e.g. 518 entries for 4096 blocks of 512 bytes. An entry whose first
 * byte is 0 is free. Entry:
 *	0 fn[8] 8 ft[8] (upper case, NUL padded)  16 recfm 'F'/'V'  17 level  18 u16 0
 *	20 u32 lrecl (F: record length; V: longest record)  24 u32 records  28 u32 blocks owned
 *	32 u32 first block  36 u32 data blocks  40 u64 stream bytes  48 u64 mtime  56 8 bytes 0
 * level 0: first is the file's only data block (0 for an empty file); level 1: first is the
 * head of a chain of map blocks, each "0 u32 next map block (0: last), 4 u32 n, 8 n u32 data
 * block numbers" with up to (B-20)/4 pointers; data blocks are in file order.
 *
 * Data blocks hold the record stream, records spanning blocks: F records are lrecl bytes each,
 * V records a u16 length followed by that many bytes (0-length records allowed).
 *
 * Crash safety: a writer's blocks are found by scanning the bitmap forward from a cursor and
 * stay clear in the bitmap until close, so abandoning needs no writes. Close writes the data and
 * map blocks, then sets their bitmap bits, then writes the directory entry (one block write: the
 * atomic commit point), then clears the old version's bits. An interruption leaks blocks at
 * worst (cmsfs_check reports them, cmsfs_reclaim gives them back); no block is ever reachable
 * while marked free. Counts (files, blocks used) are derived at mount, not stored. Data and
 * map blocks may go to the device many to a request (block lists, struct blkdev_io); the
 * directory write is always a request of its own, after the bitmap's.
 * Covered by tests/unit/test_cmsfs.c and tests/unit/test_vm64disk.c.
 */
#include <lib/crc32.h>
#include <lib/string.h>

#include "cmsfs_int.h"

#define SB_MAGIC	"VM64CMS1"
#define FS_VERSION	1

/**
 * cmsfs_strerror() - short text for an error code.
 * @err: CMSFS_OK or a negative CMSFS_E* code
 *
 * Return: a static string, "unknown error" for anything else.
 */
const char *cmsfs_strerror(int err)
{
	static const char *const msg[] = {
		"ok", "file not found", "file exists", "disk full", "directory full",
		"I/O error", "file system corrupt", "not a CMS disk", "invalid file name",
		"invalid argument", "end of file", "file busy",
	};

	if (err > 0 || -err >= (int)(sizeof(msg) / sizeof(msg[0])))
		return "unknown error";
	return msg[-err];
}

/**
 * cmsfs_valid_name() - is @name a valid file name or file type?
 * @name: NUL-terminated candidate
 *
 * Return: true for 1 to 8 characters from A-Z 0-9 @ # $ + - _ (upper case only).
 */
bool cmsfs_valid_name(const char *name)
{
	size_t n;

	if (!name)
		return false;
	for (n = 0; name[n]; n++) {
		char c = name[n];

		if (n >= CMSFS_NAME_LEN)
			return false;
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '@' || c == '#' ||
		      c == '$' || c == '+' || c == '-' || c == '_'))
			return false;
	}
	return n > 0;
}

/**
 * fs_check_names() - validate a file name and type.
 * @fn, @ft: the two halves of the name
 *
 * Return: CMSFS_OK or CMSFS_EBADNAME.
 */
int fs_check_names(const char *fn, const char *ft)
{
	return cmsfs_valid_name(fn) && cmsfs_valid_name(ft) ? CMSFS_OK : CMSFS_EBADNAME;
}

/* ---- blocks ---- */

/**
 * fs_rd() - read block @blk of the file system into @buf.
 * @fs: the file system
 * @blk: block number; one past the file system is refused, never passed to the device
 * @buf: block-sized buffer
 *
 * Return: CMSFS_OK, CMSFS_ECORRUPT (out of range) or CMSFS_EIO.
 */
int fs_rd(struct cmsfs *fs, uint32_t blk, void *buf)
{
	if (blk >= fs->blocks)
		return CMSFS_ECORRUPT;
	return fs->dev->read(fs->dev, blk, buf) ? CMSFS_EIO : CMSFS_OK;
}

/**
 * fs_wr() - write @buf to block @blk; as fs_rd().
 * @fs: the file system
 * @blk: block number
 * @buf: block-sized buffer
 *
 * Return: CMSFS_OK, CMSFS_ECORRUPT (out of range) or CMSFS_EIO.
 */
int fs_wr(struct cmsfs *fs, uint32_t blk, const void *buf)
{
	if (blk >= fs->blocks)
		return CMSFS_ECORRUPT;
	return fs->dev->write(fs->dev, blk, buf) ? CMSFS_EIO : CMSFS_OK;
}

static int fs_list(struct cmsfs *fs, const struct blkdev_io *io, uint32_t n, bool write)
{
	struct blkdev *dev = fs->dev;

	for (uint32_t i = 0; i < n; i++)
		if (io[i].block >= fs->blocks)
			return CMSFS_ECORRUPT;
	if (write && dev->write_list)
		return dev->write_list(dev, io, n) ? CMSFS_EIO : CMSFS_OK;
	if (!write && dev->read_list)
		return dev->read_list(dev, io, n) ? CMSFS_EIO : CMSFS_OK;
	for (uint32_t i = 0; i < n; i++) {
		int rc = write ? fs_wr(fs, io[i].block, io[i].buf) : fs_rd(fs, io[i].block, io[i].buf);

		if (rc)
			return rc;
	}
	return CMSFS_OK;
}

/**
 * fs_rd_list() - read the @n blocks of @io, one after the other, in one device request where
 * the device takes lists (else block by block).
 * @fs: the file system
 * @io: block numbers and buffers; any block past the file system fails the whole list first
 * @n: how many
 *
 * Return: CMSFS_OK, CMSFS_ECORRUPT (out of range) or CMSFS_EIO.
 */
int fs_rd_list(struct cmsfs *fs, const struct blkdev_io *io, uint32_t n)
{
	return fs_list(fs, io, n, false);
}

/**
 * fs_wr_list() - write the @n blocks of @io, in list order; as fs_rd_list().
 * @fs: the file system
 * @io: block numbers and buffers
 * @n: how many
 *
 * Return: CMSFS_OK, CMSFS_ECORRUPT (out of range) or CMSFS_EIO.
 */
int fs_wr_list(struct cmsfs *fs, const struct blkdev_io *io, uint32_t n)
{
	return fs_list(fs, io, n, true);
}

static void seal(uint8_t *buf, uint32_t bs, uint32_t tag, uint32_t blk)
{
	put32(buf + bs - TRAILER, tag);
	put32(buf + bs - 8, blk);
	put32(buf + bs - 4, crc32_ieee(buf, bs - 4));
}

/**
 * fs_seal() - fill in the trailer of metadata block @buf.
 * @fs: the file system
 * @buf: block contents
 * @tag: TAG_*
 * @blk: the block number it will be written to
 */
void fs_seal(const struct cmsfs *fs, uint8_t *buf, uint32_t tag, uint32_t blk)
{
	seal(buf, fs->bs, tag, blk);
}

static bool sealed(const struct cmsfs *fs, const uint8_t *buf, uint32_t tag, uint32_t blk)
{
	uint32_t bs = fs->bs;

	return get32(buf + bs - TRAILER) == tag && get32(buf + bs - 8) == blk &&
	       get32(buf + bs - 4) == crc32_ieee(buf, bs - 4);
}

/**
 * fs_rd_meta() - read metadata block @blk and verify its trailer.
 * @fs: the file system
 * @blk: block number
 * @buf: block-sized buffer
 * @tag: the TAG_* the block must carry
 *
 * Return: CMSFS_OK, CMSFS_ECORRUPT (tag, block number or CRC wrong) or CMSFS_EIO.
 */
int fs_rd_meta(struct cmsfs *fs, uint32_t blk, uint8_t *buf, uint32_t tag)
{
	int rc = fs_rd(fs, blk, buf);

	if (rc)
		return rc;
	return sealed(fs, buf, tag, blk) ? CMSFS_OK : CMSFS_ECORRUPT;
}

static bool is_data_blk(const struct cmsfs *fs, uint32_t blk)
{
	return blk >= fs->data_start && blk < fs->blocks;
}

/* ---- geometry, format, mount ---- */

/* Fill the layout fields of @fs for a disk of @blocks blocks of @bs bytes. */
static int geometry(struct cmsfs *fs, uint32_t bs, uint32_t blocks)
{
	uint32_t want;

	if (bs < 512 || bs > CMSFS_MAX_BLOCK || (bs & (bs - 1)))
		return CMSFS_EINVAL;
	fs->bs = bs;
	fs->blocks = blocks;
	fs->bm_bits = (bs - TRAILER) * 8;
	fs->dir_per = (bs - TRAILER) / DIRENT_SIZE;
	fs->map_per = (bs - TRAILER - MAP_HDR) / 4;
	fs->bitmap_start = 1;
	fs->bitmap_blocks = (blocks + fs->bm_bits - 1) / fs->bm_bits;
	want = blocks / 8;
	fs->dir_blocks = want ? (want + fs->dir_per - 1) / fs->dir_per : 1;
	fs->dir_start = fs->bitmap_start + fs->bitmap_blocks;
	fs->data_start = fs->dir_start + fs->dir_blocks;
	/* Room for at least a few files' blocks. */
	if (blocks < 8 || fs->data_start + 4 > blocks)
		return CMSFS_EINVAL;
	return CMSFS_OK;
}

static void encode_super(const struct cmsfs *fs, uint8_t *b, uint64_t now)
{
	memset(b, 0, fs->bs);
	memcpy(b, SB_MAGIC, 8);
	put32(b + 8, FS_VERSION);
	put32(b + 12, fs->bs);
	put32(b + 16, fs->blocks);
	memset(b + 20, ' ', 6);
	memcpy(b + 20, fs->label, strlen(fs->label));
	put32(b + 28, fs->bitmap_start);
	put32(b + 32, fs->bitmap_blocks);
	put32(b + 36, fs->dir_start);
	put32(b + 40, fs->dir_blocks);
	put32(b + 44, fs->data_start);
	put64(b + 48, now);
	seal(b, fs->bs, TAG_SUPER, 0);
}

/**
 * fs_check_super() - does the superblock still say exactly what @fs was mounted with?
 * @fs: the file system; both its buffers are used and its caches dropped
 *
 * Return: CMSFS_OK, CMSFS_ECORRUPT or CMSFS_EIO.
 */
int fs_check_super(struct cmsfs *fs)
{
	int rc;

	fs->db_blk = 0;
	fs->bm_idx = BM_NONE;
	rc = fs_rd(fs, 0, fs->dbuf);
	if (rc)
		return rc;
	encode_super(fs, fs->bmap, get64(fs->dbuf + 48));
	return memcmp(fs->dbuf, fs->bmap, fs->bs) ? CMSFS_ECORRUPT : CMSFS_OK;
}

/**
 * cmsfs_format() - write an empty file system on @dev.
 * @dev: the device; its block size must be a power of two from 512 to CMSFS_MAX_BLOCK
 * @label: disk label, 1 to 6 characters valid in a file name
 * @now: time stamp kept in the superblock
 *
 * The superblock is written last, after being zeroed first, so an interrupted format leaves a
 * disk that does not mount.
 *
 * Return: CMSFS_OK, CMSFS_EINVAL (label, geometry or disk too small) or CMSFS_EIO.
 */
int cmsfs_format(struct blkdev *dev, const char *label, uint64_t now)
{
	struct cmsfs fs;
	int rc;

	memset(&fs, 0, sizeof(fs));
	if (!dev || !cmsfs_valid_name(label) || strlen(label) > 6)
		return CMSFS_EINVAL;
	if (dev->block_size > CMSFS_MAX_BLOCK)
		return CMSFS_EINVAL;
	rc = geometry(&fs, dev->block_size, dev->blocks);
	if (rc)
		return rc;
	fs.dev = dev;
	strlcpy(fs.label, label, sizeof(fs.label));

	memset(fs.dbuf, 0, fs.bs);
	rc = fs_wr(&fs, 0, fs.dbuf);
	for (uint32_t i = 0; !rc && i < fs.bitmap_blocks; i++) {
		uint32_t lo = i * fs.bm_bits;

		memset(fs.bmap, 0, fs.bs);
		for (uint32_t b = lo; b < fs.data_start && b < lo + fs.bm_bits; b++)
			fs.bmap[(b - lo) / 8] |= (uint8_t)(0x80 >> ((b - lo) % 8));
		seal(fs.bmap, fs.bs, TAG_BMAP, fs.bitmap_start + i);
		rc = fs_wr(&fs, fs.bitmap_start + i, fs.bmap);
	}
	for (uint32_t i = 0; !rc && i < fs.dir_blocks; i++) {
		memset(fs.dbuf, 0, fs.bs);
		seal(fs.dbuf, fs.bs, TAG_DIR, fs.dir_start + i);
		rc = fs_wr(&fs, fs.dir_start + i, fs.dbuf);
	}
	if (rc)
		return rc;
	encode_super(&fs, fs.dbuf, now);
	return fs_wr(&fs, 0, fs.dbuf);
}

static void decode_dent(const uint8_t *p, struct dent *e)
{
	memcpy(e->fn, p, 8);
	e->fn[8] = 0;
	memcpy(e->ft, p + 8, 8);
	e->ft[8] = 0;
	e->recfm = (char)p[16];
	e->level = p[17];
	e->lrecl = get32(p + 20);
	e->records = get32(p + 24);
	e->blocks = get32(p + 28);
	e->first = get32(p + 32);
	e->ndata = get32(p + 36);
	e->bytes = get64(p + 40);
	e->mtime = get64(p + 48);
}

static void encode_dent(uint8_t *p, const struct dent *e)
{
	memset(p, 0, DIRENT_SIZE);
	memcpy(p, e->fn, strnlen(e->fn, 8));
	memcpy(p + 8, e->ft, strnlen(e->ft, 8));
	p[16] = (uint8_t)e->recfm;
	p[17] = e->level;
	put32(p + 20, e->lrecl);
	put32(p + 24, e->records);
	put32(p + 28, e->blocks);
	put32(p + 32, e->first);
	put32(p + 36, e->ndata);
	put64(p + 40, e->bytes);
	put64(p + 48, e->mtime);
}

/* Check what can be checked of an entry without reading its blocks. */
static bool dent_sane(const struct cmsfs *fs, const uint8_t *raw, const struct dent *e)
{
	uint64_t cap = (uint64_t)e->ndata * fs->bs;

	for (int i = 0; i < 16; i++)	/* NUL padding only after the name */
		if (raw[i] == 0 && i % 8 != 7 && raw[i + 1] != 0)
			return false;
	if (fs_check_names(e->fn, e->ft) || (e->recfm != 'F' && e->recfm != 'V'))
		return false;
	if (raw[18] || raw[19] || get64(raw + 56) || e->lrecl > CMSFS_LRECL_MAX)
		return false;
	if (e->bytes > cap || (e->ndata && e->bytes <= cap - fs->bs))
		return false;
	if (e->recfm == 'F' && (!e->lrecl || e->bytes != (uint64_t)e->records * e->lrecl))
		return false;
	if (e->recfm == 'V' && (e->bytes < 2ull * e->records ||
				e->bytes > (uint64_t)e->records * (2 + e->lrecl)))
		return false;
	if (e->blocks > fs->blocks || e->ndata > e->blocks)
		return false;
	if (e->level == 0)
		return e->ndata == e->blocks && (e->ndata ? e->ndata == 1 && is_data_blk(fs, e->first)
							  : e->first == 0);
	return e->level == 1 && e->ndata >= 2 && is_data_blk(fs, e->first) &&
	       e->blocks == e->ndata + (e->ndata + fs->map_per - 1) / fs->map_per;
}

/* Make directory block @idx current in fs->dbuf. */
static int dir_load(struct cmsfs *fs, uint32_t idx)
{
	uint32_t blk = fs->dir_start + idx;
	int rc;

	if (fs->db_blk == blk)
		return CMSFS_OK;
	fs->db_blk = 0;
	rc = fs_rd_meta(fs, blk, fs->dbuf, TAG_DIR);
	if (rc)
		return rc;
	for (uint32_t i = 0; i < fs->dir_per; i++) {
		const uint8_t *raw = fs->dbuf + i * DIRENT_SIZE;
		struct dent e;

		if (!raw[0])
			continue;
		decode_dent(raw, &e);
		if (!dent_sane(fs, raw, &e))
			return CMSFS_ECORRUPT;
	}
	fs->db_blk = blk;
	return CMSFS_OK;
}

/**
 * fs_dir_get() - read directory entry @slot (through the fs->dbuf cache).
 * @fs: the file system
 * @slot: entry number, below dir_blocks * dir_per
 * @e: filled in
 *
 * Return: CMSFS_OK, CMSFS_ENOENT (free entry), CMSFS_ECORRUPT or CMSFS_EIO.
 */
int fs_dir_get(struct cmsfs *fs, uint32_t slot, struct dent *e)
{
	const uint8_t *raw;
	int rc = dir_load(fs, slot / fs->dir_per);

	if (rc)
		return rc;
	raw = fs->dbuf + (slot % fs->dir_per) * DIRENT_SIZE;
	if (!raw[0])
		return CMSFS_ENOENT;
	decode_dent(raw, e);
	return CMSFS_OK;
}

/**
 * fs_dir_put() - write directory entry @slot: one block write.
 * @fs: the file system
 * @slot: entry number
 * @e: the entry, or NULL to free the slot
 *
 * Return: CMSFS_OK, CMSFS_ECORRUPT or CMSFS_EIO.
 */
int fs_dir_put(struct cmsfs *fs, uint32_t slot, const struct dent *e)
{
	uint32_t idx = slot / fs->dir_per;
	uint8_t *raw;
	int rc = dir_load(fs, idx);

	if (rc)
		return rc;
	raw = fs->dbuf + (slot % fs->dir_per) * DIRENT_SIZE;
	if (e)
		encode_dent(raw, e);
	else
		memset(raw, 0, DIRENT_SIZE);
	seal(fs->dbuf, fs->bs, TAG_DIR, fs->db_blk);
	rc = fs_wr(fs, fs->db_blk, fs->dbuf);
	if (rc) {
		fs->db_blk = 0;	/* the buffer no longer matches the disk */
		return rc;
	}
	if (e && idx >= fs->dir_hwm)
		fs->dir_hwm = idx + 1;
	return CMSFS_OK;
}

/**
 * fs_dir_find() - look a file up by name.
 * @fs: the file system
 * @fn, @ft: valid name
 * @slot: set to its entry number
 * @e: set to its entry
 *
 * Return: CMSFS_OK, CMSFS_ENOENT, CMSFS_ECORRUPT or CMSFS_EIO.
 */
int fs_dir_find(struct cmsfs *fs, const char *fn, const char *ft, uint32_t *slot,
		struct dent *e)
{
	for (uint32_t s = 0; s < fs->dir_hwm * fs->dir_per; s++) {
		int rc = fs_dir_get(fs, s, e);

		if (rc == CMSFS_ENOENT)
			continue;
		if (rc)
			return rc;
		if (!strcmp(e->fn, fn) && !strcmp(e->ft, ft)) {
			*slot = s;
			return CMSFS_OK;
		}
	}
	return CMSFS_ENOENT;
}

/**
 * fs_dir_free_slot() - find the lowest free directory entry.
 * @fs: the file system
 * @slot: set to it
 *
 * Return: CMSFS_OK, CMSFS_EDIRFULL, CMSFS_ECORRUPT or CMSFS_EIO.
 */
int fs_dir_free_slot(struct cmsfs *fs, uint32_t *slot)
{
	struct dent e;

	for (uint32_t s = 0; s < fs->dir_blocks * fs->dir_per; s++) {
		int rc = fs_dir_get(fs, s, &e);

		if (rc == CMSFS_ENOENT) {
			*slot = s;
			return CMSFS_OK;
		}
		if (rc)
			return rc;
	}
	return CMSFS_EDIRFULL;
}

/* ---- bitmap ---- */

static int bm_flush(struct cmsfs *fs)
{
	int rc;

	if (!fs->bm_dirty)
		return CMSFS_OK;
	fs->bm_dirty = false;
	seal(fs->bmap, fs->bs, TAG_BMAP, fs->bitmap_start + fs->bm_idx);
	rc = fs_wr(fs, fs->bitmap_start + fs->bm_idx, fs->bmap);
	if (rc)
		fs->bm_idx = BM_NONE;	/* forget the change that did not reach the disk */
	return rc;
}

/* Make bitmap block @idx current in fs->bmap (writing back the previous one). */
static int bm_load(struct cmsfs *fs, uint32_t idx)
{
	int rc;

	if (fs->bm_idx == idx)
		return CMSFS_OK;
	rc = bm_flush(fs);
	if (rc)
		return rc;
	fs->bm_idx = BM_NONE;
	rc = fs_rd_meta(fs, fs->bitmap_start + idx, fs->bmap, TAG_BMAP);
	if (rc)
		return rc;
	fs->bm_idx = idx;
	return CMSFS_OK;
}

/**
 * fs_bm_find_free() - the first block at or after @from that is clear in the bitmap.
 * @fs: the file system
 * @from: where to start (a writer's cursor: its own blocks are all below it)
 * @blk: set to the block
 *
 * Return: CMSFS_OK, CMSFS_EFULL, CMSFS_ECORRUPT or CMSFS_EIO.
 */
int fs_bm_find_free(struct cmsfs *fs, uint32_t from, uint32_t *blk)
{
	uint32_t b = from < fs->data_start ? fs->data_start : from;

	while (b < fs->blocks) {
		uint32_t idx = b / fs->bm_bits, bit = b % fs->bm_bits;
		int rc = bm_load(fs, idx);

		if (rc)
			return rc;
		for (; bit < fs->bm_bits && b < fs->blocks; bit++, b++) {
			if (bit % 8 == 0 && fs->bmap[bit / 8] == 0xff && bit + 8 <= fs->bm_bits) {
				bit += 7;	/* skip a full byte */
				b += 7;
				continue;
			}
			if (!bit_get(fs->bmap, bit)) {
				*blk = b;
				return CMSFS_OK;
			}
		}
	}
	return CMSFS_EFULL;
}

struct mark_arg {
	bool used;
	uint32_t count;
};

static int mark_cb(struct cmsfs *fs, uint32_t blk, void *arg)
{
	struct mark_arg *m = arg;
	int rc = bm_load(fs, blk / fs->bm_bits);

	if (rc)
		return rc;
	bit_put(fs->bmap, blk % fs->bm_bits, m->used);
	fs->bm_dirty = true;
	m->count++;
	return CMSFS_OK;
}

/**
 * fs_bm_mark() - set or clear the bitmap bits of every block a file owns.
 * @fs: the file system
 * @first, @level, @ndata: the file
 * @buf: block buffer for its map blocks
 * @used: set (true) or clear
 *
 * Return: CMSFS_OK, CMSFS_ECORRUPT or CMSFS_EIO (some bits may have reached the disk).
 */
int fs_bm_mark(struct cmsfs *fs, uint32_t first, uint8_t level, uint32_t ndata, uint8_t *buf,
	       bool used)
{
	struct mark_arg m = { .used = used };
	int rc = fs_walk(fs, first, level, ndata, buf, mark_cb, &m);
	int rc2 = bm_flush(fs);

	return rc ? rc : rc2;
}

/**
 * fs_bm_mark_extents() - set or clear the bitmap bits of runs of blocks.
 * @fs: the file system
 * @ext: the runs
 * @n: how many
 * @used: set (true) or clear
 *
 * Return: CMSFS_OK, CMSFS_ECORRUPT or CMSFS_EIO (some bits may have reached the disk).
 */
int fs_bm_mark_extents(struct cmsfs *fs, const struct cmsfs_extent *ext, uint32_t n, bool used)
{
	struct mark_arg m = { .used = used };
	int rc = CMSFS_OK, rc2;

	for (uint32_t i = 0; !rc && i < n; i++)
		for (uint32_t b = ext[i].start; !rc && b - ext[i].start < ext[i].count; b++)
			rc = is_data_blk(fs, b) ? mark_cb(fs, b, &m) : CMSFS_ECORRUPT;
	rc2 = bm_flush(fs);
	return rc ? rc : rc2;
}

/**
 * fs_free_file() - free the blocks of a file whose directory entry is gone.
 * @fs: the file system
 * @first, @level, @ndata: the file
 * @buf: block buffer for its map blocks
 *
 * If readers hold the file its blocks stay in use and the last reader frees them on close.
 *
 * Return: CMSFS_OK, CMSFS_ECORRUPT or CMSFS_EIO (blocks leaked, nothing damaged).
 */
int fs_free_file(struct cmsfs *fs, uint32_t first, uint8_t level, uint32_t ndata, uint8_t *buf)
{
	struct mark_arg m = { .used = false };
	bool held = false;
	int rc, rc2;

	if (!first)
		return CMSFS_OK;
	for (int i = 0; i < CMSFS_MAX_READERS; i++)
		if (fs->rd[i].first == first) {
			fs->rd[i].orphan = true;
			held = true;
		}
	if (held)
		return CMSFS_OK;
	rc = fs_walk(fs, first, level, ndata, buf, mark_cb, &m);
	rc2 = bm_flush(fs);
	if (!rc && !rc2)
		fs->blocks_used -= m.count;
	return rc ? rc : rc2;
}

/* ---- map blocks ---- */

/**
 * fs_map_load() - read map block @blk and validate it and every pointer in it.
 * @fs: the file system
 * @blk: block number (checked against the data area first)
 * @buf: block-sized buffer
 *
 * Return: CMSFS_OK, CMSFS_ECORRUPT or CMSFS_EIO.
 */
int fs_map_load(struct cmsfs *fs, uint32_t blk, uint8_t *buf)
{
	uint32_t n, next;
	int rc;

	if (!is_data_blk(fs, blk))
		return CMSFS_ECORRUPT;
	rc = fs_rd_meta(fs, blk, buf, TAG_MAP);
	if (rc)
		return rc;
	next = get32(buf);
	n = get32(buf + 4);
	if (n == 0 || n > fs->map_per || (next && !is_data_blk(fs, next)))
		return CMSFS_ECORRUPT;
	for (uint32_t i = 0; i < n; i++)
		if (!is_data_blk(fs, get32(buf + MAP_HDR + 4 * i)))
			return CMSFS_ECORRUPT;
	return CMSFS_OK;
}

/**
 * fs_walk() - call @fn for every block a file owns.
 * @fs: the file system
 * @first, @level, @ndata: the file, as in its directory entry
 * @buf: a block buffer for the map blocks
 * @fn, @arg: the callback; a non-zero return stops the walk
 *
 * Return: CMSFS_OK, the callback's error, CMSFS_EIO or CMSFS_ECORRUPT (bad map block, chain
 * too long or too short for @ndata).
 */
int fs_walk(struct cmsfs *fs, uint32_t first, uint8_t level, uint32_t ndata, uint8_t *buf,
	    blk_fn fn, void *arg)
{
	uint32_t seen = 0, maps = 0;

	if (level == 0) {
		if (!first)
			return ndata ? CMSFS_ECORRUPT : CMSFS_OK;
		if (ndata != 1 || !is_data_blk(fs, first))
			return CMSFS_ECORRUPT;
		return fn(fs, first, arg);
	}
	for (uint32_t m = first; m; m = get32(buf)) {
		uint32_t n;
		int rc;

		if (++maps > fs->blocks)	/* a loop in the chain */
			return CMSFS_ECORRUPT;
		rc = fs_map_load(fs, m, buf);
		if (rc)
			return rc;
		n = get32(buf + 4);
		if (n > ndata - seen)
			return CMSFS_ECORRUPT;
		rc = fn(fs, m, arg);
		for (uint32_t i = 0; !rc && i < n; i++)
			rc = fn(fs, get32(buf + MAP_HDR + 4 * i), arg);
		if (rc)
			return rc;
		seen += n;
	}
	return seen == ndata ? CMSFS_OK : CMSFS_ECORRUPT;
}

/* Metadata blocks read ahead at mount: a window of consecutive blocks in a buffer. */
struct window {
	uint8_t *buf;
	uint32_t per;	/* blocks the buffer holds (at most CMSFS_RUN_MAX) */
	uint32_t lo, n; /* it holds blocks lo..lo+n-1 */
	struct blkdev_io *io; /* room for per entries */
	struct blkdev_io one;
};

/* Block @blk in the window, reading from it up to @last in one request when it is not there. */
static int win_get(struct cmsfs *fs, struct window *w, uint32_t blk, uint32_t last,
		   const uint8_t **out)
{
	if (blk < w->lo || blk - w->lo >= w->n) {
		uint32_t n = last - blk + 1 < w->per ? last - blk + 1 : w->per;
		int rc;

		for (uint32_t i = 0; i < n; i++)
			w->io[i] = (struct blkdev_io){ .block = blk + i,
						       .buf = w->buf + (size_t)i * fs->bs };
		w->n = 0;
		rc = fs_rd_list(fs, w->io, n);
		if (rc)
			return rc;
		w->lo = blk;
		w->n = n;
	}
	*out = w->buf + (size_t)(blk - w->lo) * fs->bs;
	return CMSFS_OK;
}

/* Bitmap block @idx at @map: the metadata blocks set, bits past the end clear; counts use. */
static int mount_bitmap(struct cmsfs *fs, uint32_t idx, const uint8_t *map)
{
	uint32_t lo = idx * fs->bm_bits;

	if (!sealed(fs, map, TAG_BMAP, fs->bitmap_start + idx))
		return CMSFS_ECORRUPT;
	for (uint32_t bit = 0; bit < fs->bm_bits; bit++) {
		uint32_t b0 = lo + bit;

		if (b0 >= fs->blocks) {
			if (bit_get(map, bit))
				return CMSFS_ECORRUPT;
			continue;
		}
		if (b0 < fs->data_start && !bit_get(map, bit))
			return CMSFS_ECORRUPT;
		fs->blocks_used += bit_get(map, bit);
	}
	if (idx == 0) {	/* the one writers look at first stays in storage */
		memcpy(fs->bmap, map, fs->bs);
		fs->bm_idx = 0;
	}
	return CMSFS_OK;
}

/* Directory block @idx at @blk: every entry sane; counts files and the high-water mark. */
static int mount_dir(struct cmsfs *fs, uint32_t idx, const uint8_t *blk)
{
	if (!sealed(fs, blk, TAG_DIR, fs->dir_start + idx))
		return CMSFS_ECORRUPT;
	for (uint32_t i = 0; i < fs->dir_per; i++) {
		const uint8_t *raw = blk + i * DIRENT_SIZE;
		struct dent e;

		if (!raw[0])
			continue;
		decode_dent(raw, &e);
		if (!dent_sane(fs, raw, &e))
			return CMSFS_ECORRUPT;
		fs->files++;
		fs->dir_hwm = idx + 1;
	}
	if (idx == 0 && blk != fs->dbuf) {	/* lookups start here */
		memcpy(fs->dbuf, blk, fs->bs);
		fs->db_blk = fs->dir_start;
	}
	return CMSFS_OK;
}

/**
 * cmsfs_mount_buf() - cmsfs_mount(), reading the metadata in runs of consecutive blocks.
 * @fs: filled in; the caller keeps it alive while files are open
 * @dev: the device
 * @buf: room for runs of blocks read ahead (NULL: one block at a time), 8-byte aligned; not
 *	 kept after return
 * @size: bytes at @buf; n * CMSFS_RUN_BYTES(block size) of them hold n blocks (up to
 *	  CMSFS_RUN_MAX)
 *
 * With a buffer of n blocks the superblock, bitmap and directory take about
 * (1 + bitmap blocks + directory blocks) / n device requests instead of one per block.
 *
 * Return: as cmsfs_mount().
 */
int cmsfs_mount_buf(struct cmsfs *fs, struct blkdev *dev, void *buf, size_t size)
{
	struct window w;
	const uint8_t *b;
	uint32_t bs, blocks;
	int rc;

	memset(fs, 0, sizeof(*fs));
	fs->bm_idx = BM_NONE;
	if (!dev || dev->block_size < 512 || dev->block_size > CMSFS_MAX_BLOCK ||
	    (dev->block_size & (dev->block_size - 1)))
		return CMSFS_EINVAL;
	fs->dev = dev;
	fs->bs = dev->block_size;
	fs->blocks = dev->blocks;
	w.buf = buf;
	w.per = buf && !((uintptr_t)buf & 7) ? (uint32_t)(size / CMSFS_RUN_BYTES(fs->bs)) : 0;
	if (w.per > CMSFS_RUN_MAX)
		w.per = CMSFS_RUN_MAX;
	w.io = (struct blkdev_io *)(void *)(w.buf + (size_t)w.per * fs->bs);
	if (!w.per) {
		w.buf = fs->dbuf;
		w.per = 1;
		w.io = &w.one;
	}
	w.lo = w.n = 0;
	if (!fs->blocks)
		return CMSFS_ENOTFMT;
	/* The superblock and, in the same request, what follows it. */
	rc = win_get(fs, &w, 0, fs->blocks - 1, &b);
	if (rc)
		return rc;
	if (memcmp(b, SB_MAGIC, 8))
		return CMSFS_ENOTFMT;
	if (!sealed(fs, b, TAG_SUPER, 0) || get32(b + 8) != FS_VERSION)
		return CMSFS_ECORRUPT;
	bs = get32(b + 12);
	blocks = get32(b + 16);
	if (bs != dev->block_size || blocks > dev->blocks || geometry(fs, bs, blocks))
		return CMSFS_ECORRUPT;
	if (get32(b + 28) != fs->bitmap_start || get32(b + 32) != fs->bitmap_blocks ||
	    get32(b + 36) != fs->dir_start || get32(b + 40) != fs->dir_blocks ||
	    get32(b + 44) != fs->data_start)
		return CMSFS_ECORRUPT;
	memcpy(fs->label, b + 20, 6);
	for (int i = 5; i >= 0 && fs->label[i] == ' '; i--)
		fs->label[i] = 0;
	if (!cmsfs_valid_name(fs->label))
		return CMSFS_ECORRUPT;

	for (uint32_t i = 0; i < fs->bitmap_blocks; i++) {
		rc = win_get(fs, &w, fs->bitmap_start + i, fs->data_start - 1, &b);
		if (!rc)
			rc = mount_bitmap(fs, i, b);
		if (rc)
			return rc;
	}
	for (uint32_t i = 0; i < fs->dir_blocks; i++) {
		rc = win_get(fs, &w, fs->dir_start + i, fs->data_start - 1, &b);
		if (!rc)
			rc = mount_dir(fs, i, b);
		if (rc)
			return rc;
	}
	if (w.buf == fs->dbuf)	/* one block at a time: the last directory block is in dbuf */
		fs->db_blk = w.lo;
	return CMSFS_OK;
}

/**
 * cmsfs_mount() - read and validate the file system on @dev.
 * @fs: filled in; the caller keeps it alive while files are open
 * @dev: the device
 *
 * Reads the superblock, every bitmap block and every directory block, so a damaged directory
 * or bitmap is found here.
 *
 * Return: CMSFS_OK, CMSFS_ENOTFMT (no superblock), CMSFS_ECORRUPT, CMSFS_EINVAL (block size
 * this build cannot handle) or CMSFS_EIO.
 */
int cmsfs_mount(struct cmsfs *fs, struct blkdev *dev)
{
	return cmsfs_mount_buf(fs, dev, NULL, 0);
}

/**
 * cmsfs_info() - the disk's label, geometry and usage.
 * @fs: a mounted file system
 * @out: filled in
 */
void cmsfs_info(const struct cmsfs *fs, struct cmsfs_info *out)
{
	memset(out, 0, sizeof(*out));
	memcpy(out->label, fs->label, sizeof(out->label));
	out->block_size = fs->bs;
	out->blocks_total = fs->blocks;
	out->blocks_used = fs->blocks_used;
	out->files = fs->files;
}
