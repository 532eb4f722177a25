/*
 * Consistency check and leak repair for the CMS file system. The bitmap is rebuilt one bitmap
 * block at a time in fs->bmap from what the directory (and orphaned files still held by
 * readers) owns, and compared with (or written over) the bitmap on disk. Memory stays at the
 * two buffers in struct cmsfs; the price is reading every file's map chain once per bitmap
 * block, which is cheap for the disk sizes CMS uses.
 * Covered by tests/unit/test_cmsfs.c and tests/unit/test_vm64disk.c.
 */
#include <lib/string.h>

#include "cmsfs_int.h"

struct own_arg {
	uint32_t lo, hi; /* the bitmap block's range of block numbers */
	uint32_t count;
};

/* Claim @blk in the expected bitmap; a block claimed twice is shared by two owners. */
static int own_cb(struct cmsfs *fs, uint32_t blk, void *arg)
{
	struct own_arg *o = arg;

	o->count++;
	if (blk < o->lo || blk >= o->hi)
		return CMSFS_OK;
	if (bit_get(fs->bmap, blk - o->lo))
		return CMSFS_ECORRUPT;
	bit_put(fs->bmap, blk - o->lo, true);
	return CMSFS_OK;
}

/* Walk one file into the expected bitmap, with fs->dbuf for its map blocks. */
static int own_file(struct cmsfs *fs, uint32_t first, uint8_t level, uint32_t ndata,
		    uint32_t blocks, struct own_arg *o)
{
	int rc;

	o->count = 0;
	fs->db_blk = 0;
	rc = fs_walk(fs, first, level, ndata, fs->dbuf, own_cb, o);
	if (!rc && blocks != UINT32_MAX && o->count != blocks)
		rc = CMSFS_ECORRUPT;
	return rc;
}

/* Count the directory's files; every name must be found at its own slot (no duplicates). */
static int check_dir(struct cmsfs *fs, uint32_t *files)
{
	*files = 0;
	for (uint32_t s = 0; s < fs->dir_blocks * fs->dir_per; s++) {
		struct dent e, other;
		uint32_t found;
		int rc = fs_dir_get(fs, s, &e);

		if (rc == CMSFS_ENOENT)
			continue;
		if (rc)
			return rc;
		if (s >= fs->dir_hwm * fs->dir_per)
			return CMSFS_ECORRUPT;
		rc = fs_dir_find(fs, e.fn, e.ft, &found, &other);
		if (rc)
			return rc == CMSFS_ENOENT ? CMSFS_ECORRUPT : rc;
		if (found != s)
			return CMSFS_ECORRUPT;
		(*files)++;
	}
	return CMSFS_OK;
}

/* Build the expected contents of bitmap block @idx in fs->bmap. */
static int expect_bitmap(struct cmsfs *fs, uint32_t idx)
{
	struct own_arg o = { .lo = idx * fs->bm_bits };
	int rc;

	o.hi = o.lo + fs->bm_bits < fs->blocks ? o.lo + fs->bm_bits : fs->blocks;
	fs->bm_idx = BM_NONE;
	fs->bm_dirty = false;
	memset(fs->bmap, 0, fs->bs);
	for (uint32_t b = o.lo; b < o.hi && b < fs->data_start; b++)
		bit_put(fs->bmap, b - o.lo, true);
	for (uint32_t s = 0; s < fs->dir_hwm * fs->dir_per; s++) {
		struct dent e;

		rc = fs_dir_get(fs, s, &e);
		if (rc == CMSFS_ENOENT)
			continue;
		if (!rc)
			rc = own_file(fs, e.first, e.level, e.ndata, e.blocks, &o);
		if (rc)
			return rc;
	}
	/* Files erased or replaced while open: owned by their readers until the last closes. */
	for (int i = 0; i < CMSFS_MAX_READERS; i++) {
		const struct cmsfs_hold *h = &fs->rd[i];
		bool dup = false;

		if (!h->first || !h->orphan)
			continue;
		for (int j = 0; j < i; j++)
			dup |= fs->rd[j].first == h->first && fs->rd[j].orphan;
		if (dup)
			continue;
		rc = own_file(fs, h->first, h->level, h->ndata, UINT32_MAX, &o);
		if (rc)
			return rc;
	}
	return CMSFS_OK;
}

static int verify(struct cmsfs *fs, bool repair)
{
	uint32_t files, used = 0;
	int rc = fs_check_super(fs);

	if (!rc)
		rc = check_dir(fs, &files);
	if (rc)
		return rc;
	for (uint32_t idx = 0; idx < fs->bitmap_blocks; idx++) {
		uint32_t blk = fs->bitmap_start + idx;

		rc = expect_bitmap(fs, idx);
		if (rc)
			return rc;
		for (uint32_t bit = 0; bit < fs->bm_bits; bit++)
			used += bit_get(fs->bmap, bit);
		fs->db_blk = 0;
		rc = fs_rd_meta(fs, blk, fs->dbuf, TAG_BMAP);
		if (rc && !(repair && rc == CMSFS_ECORRUPT))
			return rc;
		if (!rc && !memcmp(fs->dbuf, fs->bmap, fs->bs - TRAILER))
			continue;
		if (!repair)
			return CMSFS_ECORRUPT;
		fs_seal(fs, fs->bmap, TAG_BMAP, blk);
		rc = fs_wr(fs, blk, fs->bmap);
		if (rc)
			return rc;
	}
	fs->bm_idx = BM_NONE;
	if (files != fs->files || used != fs->blocks_used) {
		if (!repair)
			return CMSFS_ECORRUPT;
		fs->files = files;
		fs->blocks_used = used;
	}
	return CMSFS_OK;
}

/**
 * cmsfs_check() - full consistency check of a mounted file system.
 * @fs: the file system (open files are fine: an open writer's blocks are not yet owned)
 *
 * Verifies the superblock, every directory entry (sane fields, no duplicate names), every map
 * chain, that every block is owned at most once, that the bitmap marks exactly the owned
 * blocks, and the file and block counts.
 *
 * Return: CMSFS_OK, CMSFS_ECORRUPT or CMSFS_EIO.
 */
int cmsfs_check(struct cmsfs *fs)
{
	return verify(fs, false);
}

/**
 * cmsfs_reclaim() - rewrite the bitmap from what the files own.
 * @fs: the file system
 *
 * Gives back blocks leaked by an interrupted close or erase (and marks owned blocks that are
 * clear). Anything worse, such as a block shared by two files, is left alone.
 *
 * Return: CMSFS_OK, CMSFS_ECORRUPT or CMSFS_EIO.
 */
int cmsfs_reclaim(struct cmsfs *fs)
{
	return verify(fs, true);
}
