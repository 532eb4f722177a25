/*
 * Open files of the CMS file system: reading records, writing a new version of a file and
 * committing or abandoning it. The on-disk format and the commit order are described at the
 * top of cmsfs.c.
 *
 * A writer takes blocks by scanning the bitmap forward from a cursor without marking them, so
 * its blocks are told apart from everything else by being clear in the bitmap and unreachable
 * from the directory; close marks them, commits the directory entry, then frees the old version.
 *
 * A file may be given a run buffer (cmsfs_set_buffer) of up to CMSFS_RUN_MAX blocks: a reader
 * then fetches that many data blocks in one device request, a writer gathers that many, takes
 * them as consecutive free blocks (the map blocks they need after them) and writes them, with
 * the map blocks that filled meanwhile, in one request. Close marks the writer's blocks from
 * the runs it took (its extents) rather than reading its map chain back. The order of the
 * writes that matter for a crash is unchanged: data and map blocks, then the bitmap, then the
 * one directory block.
 * Covered by tests/unit/test_cmsfs.c and tests/unit/test_vm64disk.c.
 */
#include <lib/string.h>

#include "cmsfs_int.h"

/* ---- reading ---- */

/**
 * cmsfs_open_read() - open a file for reading its records.
 * @fs: a mounted file system
 * @fn, @ft: the file
 * @f: filled in; release it with cmsfs_close
 *
 * Return: CMSFS_OK, CMSFS_EBADNAME, CMSFS_ENOENT, CMSFS_EBUSY (CMSFS_MAX_READERS files with
 * blocks are open already), CMSFS_ECORRUPT or CMSFS_EIO.
 */
int cmsfs_open_read(struct cmsfs *fs, const char *fn, const char *ft, struct cmsfs_file *f)
{
	struct dent e;
	uint32_t slot;
	int rc = fs_check_names(fn, ft);

	if (rc)
		return rc;
	rc = fs_dir_find(fs, fn, ft, &slot, &e);
	if (rc)
		return rc;
	memset(f, 0, sizeof(*f));
	f->hold = -1;
	if (e.first) {
		/* Register the hold so erasing or replacing the file defers freeing its blocks. */
		for (int i = 0; i < CMSFS_MAX_READERS && f->hold < 0; i++)
			if (!fs->rd[i].first)
				f->hold = i;
		if (f->hold < 0)
			return CMSFS_EBUSY;
		fs->rd[f->hold] = (struct cmsfs_hold){
			.first = e.first, .ndata = e.ndata, .level = e.level, .orphan = false
		};
	}
	f->fs = fs;
	f->mode = 'R';
	memcpy(f->fn, e.fn, sizeof(f->fn));
	memcpy(f->ft, e.ft, sizeof(f->ft));
	f->recfm = e.recfm;
	f->lrecl = e.lrecl;
	f->records = e.records;
	f->bytes = e.bytes;
	f->mtime = e.mtime;
	f->first = e.first;
	f->level = e.level;
	f->total = e.ndata;
	f->nblocks = e.blocks;
	f->pend = -1;
	return CMSFS_OK;
}

/* The buffer records go through, and its size in bytes. */
static uint8_t *fbuf(struct cmsfs_file *f)
{
	return f->run ? f->run : f->data;
}

static uint32_t fcap(const struct cmsfs_file *f)
{
	return f->run ? f->run_cap : f->fs->bs;
}

/**
 * cmsfs_set_buffer() - give an open file a run buffer, before its first record.
 * @f: a file just opened for reading or writing
 * @buf: the buffer, 8-byte aligned; it must stay until the file is closed or abandoned
 * @size: its bytes: (n + CMSFS_MAP_SLOTS) * CMSFS_RUN_BYTES(block size) for n blocks
 *	  (up to CMSFS_RUN_MAX) a request
 *
 * Without one a file goes through the device a block per request.
 *
 * Return: CMSFS_OK, or CMSFS_EINVAL (not open, records already read or written, or @size
 * less than a block).
 */
int cmsfs_set_buffer(struct cmsfs_file *f, void *buf, size_t size)
{
	size_t n;

	if (!f || !f->mode || !buf || ((uintptr_t)buf & 7) || f->data_off || f->data_len ||
	    f->ndata)
		return CMSFS_EINVAL;
	n = size / CMSFS_RUN_BYTES(f->fs->bs);
	if (n <= CMSFS_MAP_SLOTS)
		return CMSFS_EINVAL;
	n -= CMSFS_MAP_SLOTS;
	if (n > CMSFS_RUN_MAX)
		n = CMSFS_RUN_MAX;
	f->run = buf;
	f->run_cap = (uint32_t)n * f->fs->bs;
	f->run_maps = f->run + f->run_cap;
	f->run_io = (struct blkdev_io *)(void *)(f->run_maps + CMSFS_MAP_SLOTS * f->fs->bs);
	return CMSFS_OK;
}

/* The next data block of a reader, from its map chain. */
static int next_data(struct cmsfs_file *f, uint32_t *blk)
{
	struct cmsfs *fs = f->fs;

	if (f->ndata >= f->total)
		return CMSFS_ECORRUPT;
	if (f->level == 0) {
		*blk = f->first;
	} else {
		if (f->map_i == f->map_n) {
			uint32_t m = f->map_blk ? get32(f->map) : f->first;
			int rc;

			if (!m)
				return CMSFS_ECORRUPT;
			rc = fs_map_load(fs, m, f->map);
			if (rc)
				return rc;
			f->map_blk = m;
			f->map_n = get32(f->map + 4);
			f->map_i = 0;
		}
		*blk = get32(f->map + MAP_HDR + 4 * f->map_i++);
	}
	f->ndata++;
	return CMSFS_OK;
}

/* Fill the buffer with the next data blocks, as many as it holds, in one request. */
static int refill(struct cmsfs_file *f)
{
	struct blkdev_io one, *io = f->run ? f->run_io : &one;
	uint32_t want = fcap(f) / f->fs->bs, n = 0;
	int rc;

	do {
		rc = next_data(f, &io[n].block);
		if (rc)
			return rc;
		io[n].buf = fbuf(f) + (size_t)n * f->fs->bs;
		n++;
	} while (n < want && f->ndata < f->total);
	rc = fs_rd_list(f->fs, io, n);
	if (rc)
		return rc;
	f->data_off = 0;
	f->data_len = n * f->fs->bs;
	return CMSFS_OK;
}

/* Copy the next @n bytes of the record stream to @dst. */
static int take(struct cmsfs_file *f, uint8_t *dst, size_t n)
{
	if (n > f->bytes)
		return CMSFS_ECORRUPT;
	f->bytes -= n;
	while (n) {
		size_t chunk;

		if (f->data_off == f->data_len) {
			int rc = refill(f);

			if (rc)
				return rc;
		}
		chunk = f->data_len - f->data_off < n ? f->data_len - f->data_off : n;
		memcpy(dst, fbuf(f) + f->data_off, chunk);
		f->data_off += (uint32_t)chunk;
		dst += chunk;
		n -= chunk;
	}
	return CMSFS_OK;
}

/**
 * cmsfs_read() - read the next record.
 * @f: a file open for reading
 * @rec: where the record goes
 * @size: room at @rec
 * @len: set to the record's length (also when it does not fit); may be NULL
 *
 * A record longer than @size is not consumed: CMSFS_EINVAL, with *@len saying how much room it
 * needs, and the next call can fetch it with a bigger buffer.
 *
 * Return: CMSFS_OK, CMSFS_EOF after the last record, CMSFS_EINVAL, CMSFS_ENOENT (not a reader),
 * CMSFS_ECORRUPT or CMSFS_EIO (the file stays at the error).
 */
int cmsfs_read(struct cmsfs_file *f, void *rec, size_t size, size_t *len)
{
	uint32_t need;
	int rc;

	if (!f || f->mode != 'R')
		return CMSFS_EINVAL;
	if (f->err)
		return f->err;
	if (f->rec_no == f->records)
		return f->bytes ? (f->err = CMSFS_ECORRUPT) : CMSFS_EOF;
	if (f->recfm == 'F') {
		need = f->lrecl;
	} else {
		if (f->pend < 0) {
			uint8_t h[2];

			rc = take(f, h, 2);
			if (rc)
				return f->err = rc;
			f->pend = h[0] << 8 | h[1];
			if ((uint32_t)f->pend > f->lrecl)
				return f->err = CMSFS_ECORRUPT;
		}
		need = (uint32_t)f->pend;
	}
	if (len)
		*len = need;
	if (need > size || (need && !rec))
		return CMSFS_EINVAL;
	rc = take(f, rec, need);
	if (rc)
		return f->err = rc;
	f->pend = -1;
	f->rec_no++;
	return CMSFS_OK;
}

/* ---- writing ---- */

/**
 * cmsfs_open_write() - start a new version of a file.
 * @fs: a mounted file system
 * @fn, @ft: the file; an existing one stays visible, unchanged, until cmsfs_close
 * @recfm: 'F' or 'V'
 * @lrecl: F: the record length; V: the longest record allowed (1..CMSFS_LRECL_MAX)
 * @now: time stamp for the directory entry
 * @f: filled in; finish with cmsfs_close or cmsfs_abandon
 *
 * Return: CMSFS_OK, CMSFS_EBADNAME, CMSFS_EINVAL, CMSFS_EBUSY (a writer is open already),
 * CMSFS_EDIRFULL (a new file and no free entry), CMSFS_ECORRUPT or CMSFS_EIO.
 */
int cmsfs_open_write(struct cmsfs *fs, const char *fn, const char *ft, char recfm, uint32_t lrecl,
		     uint64_t now, struct cmsfs_file *f)
{
	struct dent e;
	uint32_t slot;
	int rc = fs_check_names(fn, ft);

	if (rc)
		return rc;
	if ((recfm != 'F' && recfm != 'V') || lrecl < 1 || lrecl > CMSFS_LRECL_MAX)
		return CMSFS_EINVAL;
	if (fs->writing)
		return CMSFS_EBUSY;
	rc = fs_dir_find(fs, fn, ft, &slot, &e);
	if (rc == CMSFS_ENOENT)
		rc = fs_dir_free_slot(fs, &slot);	/* fail now rather than at close */
	if (rc)
		return rc;
	memset(f, 0, sizeof(*f));
	f->fs = fs;
	f->mode = 'W';
	f->hold = -1;
	strlcpy(f->fn, fn, sizeof(f->fn));
	strlcpy(f->ft, ft, sizeof(f->ft));
	f->recfm = recfm;
	f->lrecl = lrecl;
	f->mtime = now;
	f->pend = -1;
	f->cursor = fs->data_start;
	fs->writing = true;
	memcpy(fs->wfn, f->fn, sizeof(fs->wfn));
	memcpy(fs->wft, f->ft, sizeof(fs->wft));
	return CMSFS_OK;
}

/* Take a free block for the writer; it stays clear in the bitmap until close. */
static int alloc(struct cmsfs_file *f, uint32_t *blk)
{
	struct cmsfs_extent *x = f->n_ext && f->n_ext <= CMSFS_EXTENTS ? &f->ext[f->n_ext - 1] : NULL;
	int rc = fs_bm_find_free(f->fs, f->cursor, blk);

	if (rc)
		return rc;
	f->cursor = *blk + 1;
	f->nblocks++;
	if (x && x->start + x->count == *blk)
		x->count++;
	else if (f->n_ext < CMSFS_EXTENTS)
		f->ext[f->n_ext++] = (struct cmsfs_extent){ .start = *blk, .count = 1 };
	else
		f->n_ext = CMSFS_EXTENTS + 1;	/* too scattered: close walks the map chain */
	return CMSFS_OK;
}

/* Write the current map block, or queue it for the list a flush is building. */
static int write_map(struct cmsfs_file *f, uint32_t next)
{
	uint32_t bs = f->fs->bs;

	put32(f->map, next);
	put32(f->map + 4, f->map_n);
	fs_seal(f->fs, f->map, TAG_MAP, f->map_blk);
	if (f->queue_maps && f->n_pend < CMSFS_MAP_SLOTS) {
		memcpy(f->run_maps + (size_t)f->n_pend * bs, f->map, bs);
		f->map_pend[f->n_pend++] = f->map_blk;
		return CMSFS_OK;
	}
	return fs_wr(f->fs, f->map_blk, f->map);
}

/* Record data block @d as the file's next one, starting or extending the map chain. */
static int add_ptr(struct cmsfs_file *f, uint32_t d)
{
	uint32_t m;
	int rc;

	if (f->ndata == 0) {
		f->first = d;
		f->level = 0;
		return CMSFS_OK;
	}
	if (f->level == 0) {
		rc = alloc(f, &m);
		if (rc)
			return rc;
		memset(f->map, 0, f->fs->bs);
		put32(f->map + MAP_HDR, f->first);
		f->map_n = 1;
		f->map_blk = m;
		f->first = m;
		f->level = 1;
	} else if (f->map_n == f->fs->map_per) {
		rc = alloc(f, &m);
		if (!rc)
			rc = write_map(f, m);
		if (rc)
			return rc;
		memset(f->map, 0, f->fs->bs);
		f->map_blk = m;
		f->map_n = 0;
	}
	put32(f->map + MAP_HDR + 4 * f->map_n++, d);
	return CMSFS_OK;
}

/*
 * Write the buffer's data (its last block possibly partial) to new blocks, in one request: the
 * data blocks are taken first, so they are consecutive where the disk is free, and the map
 * blocks they need after them. With a run buffer the map blocks that fill up (and at close,
 * @last, the final one) go in the same request, in block order: a map block taken after one
 * run sits between it and the next, so data and maps make one run on the disk.
 */
static int flush_data(struct cmsfs_file *f, bool last)
{
	uint32_t bs = f->fs->bs, n = (f->data_off + bs - 1) / bs, total;
	struct blkdev_io one, *io = f->run ? f->run_io : &one;
	uint8_t *buf = fbuf(f);
	int rc = CMSFS_OK;

	memset(buf + f->data_off, 0, (size_t)n * bs - f->data_off);
	for (uint32_t i = 0; i < n; i++) {
		rc = alloc(f, &io[i].block);
		if (rc)
			return rc;
		io[i].buf = buf + (size_t)i * bs;
	}
	f->queue_maps = f->run != NULL;
	f->n_pend = 0;
	for (uint32_t i = 0; i < n; i++) {
		rc = add_ptr(f, io[i].block);
		if (rc)
			break;
		f->ndata++;
	}
	if (!rc && last && f->level == 1)
		rc = write_map(f, 0);
	f->queue_maps = false;
	if (rc)
		return rc;
	total = n;
	for (uint32_t k = 0; k < f->n_pend; k++) {
		struct blkdev_io m = { .block = f->map_pend[k], .buf = f->run_maps + (size_t)k * bs };
		uint32_t j = total++;

		for (; j && io[j - 1].block > m.block; j--)	/* keep the list in block order */
			io[j] = io[j - 1];
		io[j] = m;
	}
	rc = fs_wr_list(f->fs, io, total);
	if (rc)
		return rc;
	f->data_off = 0;
	return CMSFS_OK;
}

/* Append @n bytes to the record stream. */
static int emit(struct cmsfs_file *f, const uint8_t *p, size_t n)
{
	uint32_t cap = fcap(f);

	f->bytes += n;
	while (n) {
		size_t chunk = cap - f->data_off < n ? cap - f->data_off : n;

		memcpy(fbuf(f) + f->data_off, p, chunk);
		f->data_off += (uint32_t)chunk;
		p += chunk;
		n -= chunk;
		if (f->data_off == cap) {
			int rc = flush_data(f, false);

			if (rc)
				return rc;
		}
	}
	return CMSFS_OK;
}

/**
 * cmsfs_write() - append a record.
 * @f: a file open for writing
 * @rec: the record
 * @len: F: exactly lrecl (the caller pads); V: 0..lrecl
 *
 * After any error other than CMSFS_EINVAL the file can only be abandoned (cmsfs_close then
 * abandons it and returns the error again).
 *
 * Return: CMSFS_OK, CMSFS_EINVAL (bad length, not a writer), CMSFS_EFULL, CMSFS_EIO.
 */
int cmsfs_write(struct cmsfs_file *f, const void *rec, size_t len)
{
	int rc;

	if (!f || f->mode != 'W')
		return CMSFS_EINVAL;
	if (f->err)
		return f->err;
	if (len > f->lrecl || (f->recfm == 'F' && len != f->lrecl) || (len && !rec) ||
	    f->records == UINT32_MAX)
		return CMSFS_EINVAL;
	if (f->recfm == 'V') {
		uint8_t h[2] = { (uint8_t)(len >> 8), (uint8_t)len };

		rc = emit(f, h, 2);
		if (rc)
			return f->err = rc;
		if (len > f->maxlen)
			f->maxlen = (uint32_t)len;
	}
	rc = emit(f, rec, len);
	if (rc)
		return f->err = rc;
	f->records++;
	return CMSFS_OK;
}

/* Set or clear the bitmap bits of every block the writer took. */
static int mark_writer(struct cmsfs_file *f, bool used)
{
	if (f->n_ext > CMSFS_EXTENTS)
		return fs_bm_mark(f->fs, f->first, f->level, f->ndata, f->map, used);
	return fs_bm_mark_extents(f->fs, f->ext, f->n_ext, used);
}

static void release_writer(struct cmsfs_file *f)
{
	f->fs->writing = false;
	f->mode = 0;
}

/* Commit a writer; see the order in the comment at the top of cmsfs.c. */
static int close_writer(struct cmsfs_file *f)
{
	struct cmsfs *fs = f->fs;
	struct dent e, old;
	bool has_old = false;
	uint32_t slot;
	int rc = f->err;

	if (!rc && f->data_off)
		rc = flush_data(f, true);	/* the last map block with it */
	else if (!rc && f->level == 1)
		rc = write_map(f, 0);
	if (!rc) {
		rc = fs_dir_find(fs, f->fn, f->ft, &slot, &old);
		has_old = !rc;
		if (rc == CMSFS_ENOENT)
			rc = fs_dir_free_slot(fs, &slot);
	}
	if (rc)
		goto abandon;
	rc = mark_writer(f, true);
	if (!rc) {
		memset(&e, 0, sizeof(e));
		memcpy(e.fn, f->fn, sizeof(e.fn));
		memcpy(e.ft, f->ft, sizeof(e.ft));
		e.recfm = f->recfm;
		e.level = f->level;
		e.lrecl = f->recfm == 'F' ? f->lrecl : f->maxlen;
		e.records = f->records;
		e.blocks = f->nblocks;
		e.first = f->first;
		e.ndata = f->ndata;
		e.bytes = f->bytes;
		e.mtime = f->mtime;
		rc = fs_dir_put(fs, slot, &e);	/* the commit point */
	}
	if (rc) {
		/* Give back the bits that did reach the disk; best effort. */
		mark_writer(f, false);
		goto abandon;
	}
	fs->blocks_used += f->nblocks;
	if (!has_old)
		fs->files++;
	release_writer(f);
	if (has_old)
		return fs_free_file(fs, old.first, old.level, old.ndata, f->map);
	return CMSFS_OK;

abandon:
	release_writer(f);
	return rc;
}

/**
 * cmsfs_close() - finish with a file.
 * @f: an open file
 *
 * A writer is committed: the directory entry is created or replaced in one block write, the old
 * version's blocks are freed (when its last reader closes, if it has readers). On an error
 * before the commit the writer is abandoned; an error after it (freeing the old blocks) leaves
 * the new version in place and some blocks leaked. A reader releases its hold on the file.
 *
 * Return: CMSFS_OK, CMSFS_EINVAL (not open), CMSFS_EFULL, CMSFS_EDIRFULL, CMSFS_ECORRUPT or
 * CMSFS_EIO. The file is closed in every case.
 */
int cmsfs_close(struct cmsfs_file *f)
{
	struct cmsfs *fs;
	struct cmsfs_hold h;

	if (!f || !f->mode)
		return CMSFS_EINVAL;
	if (f->mode == 'W')
		return close_writer(f);
	f->mode = 0;
	if (f->hold < 0)
		return CMSFS_OK;
	fs = f->fs;
	h = fs->rd[f->hold];
	fs->rd[f->hold].first = 0;
	f->hold = -1;
	if (!h.orphan)
		return CMSFS_OK;
	return fs_free_file(fs, h.first, h.level, h.ndata, f->map);
}

/**
 * cmsfs_abandon() - drop a file without committing it.
 * @f: an open file (a closed one is ignored)
 *
 * A writer's blocks were never marked used, so the disk is as it was before cmsfs_open_write.
 * A reader is closed (errors freeing an orphaned file's blocks are ignored: they leak).
 */
void cmsfs_abandon(struct cmsfs_file *f)
{
	if (!f || !f->mode)
		return;
	if (f->mode == 'W')
		release_writer(f);
	else
		cmsfs_close(f);
}
