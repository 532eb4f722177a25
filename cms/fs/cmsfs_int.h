/*
 * Internals shared by the CMS file system's source files (cmsfs.c: disk, bitmap, directory,
 * check; cmsfs_file.c: open files): on-disk layout constants, big-endian byte helpers, the
 * decoded directory entry and the block-level helpers. Not for use outside cms/fs.
 * Covered by tests/unit/test_cmsfs.c.
 */
#ifndef CMS_FS_CMSFS_INT_H
#define CMS_FS_CMSFS_INT_H

#include <cms/cmsfs.h>

/* Every metadata block ends in a trailer: type tag, its own block number, CRC-32. */
#define TRAILER		12
#define TAG_SUPER	0x53555052u /* "SUPR" */
#define TAG_BMAP	0x424d4150u /* "BMAP" */
#define TAG_DIR		0x44495242u /* "DIRB" */
#define TAG_MAP		0x464d4150u /* "FMAP" */

#define DIRENT_SIZE	64
#define MAP_HDR		8	    /* map block: next map block, pointer count */
#define BM_NONE		UINT32_MAX

static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}

static inline void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)(v >> 32));
	put32(p + 4, (uint32_t)v);
}

static inline bool bit_get(const uint8_t *map, uint32_t bit)
{
	return map[bit / 8] & (0x80 >> (bit % 8));
}

static inline void bit_put(uint8_t *map, uint32_t bit, bool v)
{
	if (v)
		map[bit / 8] |= (uint8_t)(0x80 >> (bit % 8));
	else
		map[bit / 8] &= (uint8_t)~(0x80 >> (bit % 8));
}

/* A directory entry decoded to host order. */
struct dent {
	char fn[9], ft[9];
	char recfm;
	uint8_t level;	  /* 0: first is the only data block (or 0); 1: first heads the map chain */
	uint32_t lrecl;
	uint32_t records;
	uint32_t blocks;  /* data + map blocks */
	uint32_t first;
	uint32_t ndata;	  /* data blocks */
	uint64_t bytes;	  /* length of the record stream */
	uint64_t mtime;
};

/* Called for every block a file owns (map blocks before the data blocks they point to). */
typedef int (*blk_fn)(struct cmsfs *fs, uint32_t blk, void *arg);

int fs_rd(struct cmsfs *fs, uint32_t blk, void *buf);
int fs_wr(struct cmsfs *fs, uint32_t blk, const void *buf);
int fs_rd_list(struct cmsfs *fs, const struct blkdev_io *io, uint32_t n);
int fs_wr_list(struct cmsfs *fs, const struct blkdev_io *io, uint32_t n);
int fs_rd_meta(struct cmsfs *fs, uint32_t blk, uint8_t *buf, uint32_t tag);
int fs_check_super(struct cmsfs *fs);
int fs_dir_get(struct cmsfs *fs, uint32_t slot, struct dent *e);
void fs_seal(const struct cmsfs *fs, uint8_t *buf, uint32_t tag, uint32_t blk);
int fs_map_load(struct cmsfs *fs, uint32_t blk, uint8_t *buf);
int fs_walk(struct cmsfs *fs, uint32_t first, uint8_t level, uint32_t ndata, uint8_t *buf,
	    blk_fn fn, void *arg);
int fs_bm_find_free(struct cmsfs *fs, uint32_t from, uint32_t *blk);
int fs_bm_mark(struct cmsfs *fs, uint32_t first, uint8_t level, uint32_t ndata, uint8_t *buf,
	       bool used);
int fs_bm_mark_extents(struct cmsfs *fs, const struct cmsfs_extent *ext, uint32_t n, bool used);
int fs_dir_find(struct cmsfs *fs, const char *fn, const char *ft, uint32_t *slot,
		struct dent *e);
int fs_dir_free_slot(struct cmsfs *fs, uint32_t *slot);
int fs_dir_put(struct cmsfs *fs, uint32_t slot, const struct dent *e);
int fs_free_file(struct cmsfs *fs, uint32_t first, uint8_t level, uint32_t ndata, uint8_t *buf);
int fs_check_names(const char *fn, const char *ft);

#endif /* CMS_FS_CMSFS_INT_H */
