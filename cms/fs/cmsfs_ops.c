/*
 * Operations on whole files of the CMS file system by name: stat, list, rename and erase. Each
 * changes at most one directory block, the commit point; erase then frees the blocks.
 * Covered by tests/unit/test_cmsfs.c and tests/unit/test_vm64disk.c.
 */
#include <lib/string.h>

#include "cmsfs_int.h"

static void fill_stat(const struct dent *e, struct cmsfs_stat *out)
{
	memset(out, 0, sizeof(*out));
	memcpy(out->fn, e->fn, sizeof(out->fn));
	memcpy(out->ft, e->ft, sizeof(out->ft));
	out->recfm = e->recfm;
	out->lrecl = e->lrecl;
	out->records = e->records;
	out->blocks = e->blocks;
	out->mtime = e->mtime;
}

/**
 * cmsfs_stat() - describe one file.
 * @fs: a mounted file system
 * @fn, @ft: its name
 * @out: filled in
 *
 * Return: CMSFS_OK, CMSFS_EBADNAME, CMSFS_ENOENT, CMSFS_ECORRUPT or CMSFS_EIO.
 */
int cmsfs_stat(struct cmsfs *fs, const char *fn, const char *ft, struct cmsfs_stat *out)
{
	struct dent e;
	uint32_t slot;
	int rc = fs_check_names(fn, ft);

	if (!rc)
		rc = fs_dir_find(fs, fn, ft, &slot, &e);
	if (!rc && out)
		fill_stat(&e, out);
	return rc;
}

/**
 * cmsfs_list() - the next file in directory order.
 * @fs: a mounted file system
 * @cursor: 0 to start; advanced past the file returned
 * @out: filled in
 *
 * Return: CMSFS_OK per file, CMSFS_EOF at the end, CMSFS_ECORRUPT or CMSFS_EIO.
 */
int cmsfs_list(struct cmsfs *fs, uint32_t *cursor, struct cmsfs_stat *out)
{
	for (uint32_t s = *cursor; s < fs->dir_hwm * fs->dir_per; s++) {
		struct dent e;
		int rc = fs_dir_get(fs, s, &e);

		if (rc == CMSFS_ENOENT)
			continue;
		if (rc)
			return rc;
		fill_stat(&e, out);
		*cursor = s + 1;
		return CMSFS_OK;
	}
	*cursor = fs->dir_hwm * fs->dir_per;
	return CMSFS_EOF;
}

static bool is_writer(const struct cmsfs *fs, const char *fn, const char *ft)
{
	return fs->writing && !strcmp(fs->wfn, fn) && !strcmp(fs->wft, ft);
}

/**
 * cmsfs_rename() - give a file a new name; one directory block write.
 * @fs: a mounted file system
 * @fn, @ft: the file
 * @nfn, @nft: its new name
 *
 * Return: CMSFS_OK, CMSFS_EBADNAME, CMSFS_ENOENT, CMSFS_EEXIST (also for the same name),
 * CMSFS_EBUSY (either name is open for writing), CMSFS_ECORRUPT or CMSFS_EIO.
 */
int cmsfs_rename(struct cmsfs *fs, const char *fn, const char *ft, const char *nfn,
		 const char *nft)
{
	struct dent e, other;
	uint32_t slot, oslot;
	int rc = fs_check_names(fn, ft);

	if (!rc)
		rc = fs_check_names(nfn, nft);
	if (rc)
		return rc;
	if (is_writer(fs, fn, ft) || is_writer(fs, nfn, nft))
		return CMSFS_EBUSY;
	rc = fs_dir_find(fs, fn, ft, &slot, &e);
	if (rc)
		return rc;
	rc = fs_dir_find(fs, nfn, nft, &oslot, &other);
	if (rc != CMSFS_ENOENT)
		return rc ? rc : CMSFS_EEXIST;
	strlcpy(e.fn, nfn, sizeof(e.fn));
	strlcpy(e.ft, nft, sizeof(e.ft));
	return fs_dir_put(fs, slot, &e);
}

/**
 * cmsfs_erase() - remove a file and free its blocks.
 * @fs: a mounted file system
 * @fn, @ft: the file
 *
 * The directory entry goes first, then the blocks are freed (later, if readers have the file
 * open). A failure while freeing leaks blocks but leaves no damage.
 *
 * Return: CMSFS_OK, CMSFS_EBADNAME, CMSFS_ENOENT, CMSFS_EBUSY (open for writing),
 * CMSFS_ECORRUPT or CMSFS_EIO.
 */
int cmsfs_erase(struct cmsfs *fs, const char *fn, const char *ft)
{
	struct dent e;
	uint32_t slot;
	int rc = fs_check_names(fn, ft);

	if (rc)
		return rc;
	if (is_writer(fs, fn, ft))
		return CMSFS_EBUSY;
	rc = fs_dir_find(fs, fn, ft, &slot, &e);
	if (!rc)
		rc = fs_dir_put(fs, slot, NULL);
	if (rc)
		return rc;
	fs->files--;
	fs->db_blk = 0;	/* dbuf is about to hold map blocks */
	return fs_free_file(fs, e.first, e.level, e.ndata, fs->dbuf);
}
