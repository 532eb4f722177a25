/*
 * The CMS file system: flat directory of files named "fn ft", each a sequence of fixed (F) or
 * variable (V) length records, on a struct blkdev. Portable and freestanding: no allocation,
 * no global state; everything lives in the struct cmsfs and struct cmsfs_file the caller owns.
 * The on-disk format is described at the top of cms/fs/cmsfs.c.
 *
 * Concurrency rules (single-threaded caller): on one struct cmsfs any number of readers (up to
 * CMSFS_MAX_READERS that hold blocks) and at most one writer may be open at once. A file that
 * is erased or replaced while readers have it open stays readable by them; its blocks are freed
 * when the last of them closes.
 * Covered by tests/unit/test_cmsfs.c and tests/unit/test_vm64disk.c.
 */
#ifndef CMS_CMSFS_H
#define CMS_CMSFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cms/blkdev.h>

/* Error codes: every function returns CMSFS_OK or one of these negative values. */
#define CMSFS_OK	0
#define CMSFS_ENOENT	(-1)  /* file not found */
#define CMSFS_EEXIST	(-2)  /* target exists */
#define CMSFS_EFULL	(-3)  /* disk full */
#define CMSFS_EDIRFULL	(-4)  /* directory full */
#define CMSFS_EIO	(-5)  /* device error */
#define CMSFS_ECORRUPT	(-6)  /* on-disk structure inconsistent */
#define CMSFS_ENOTFMT	(-7)  /* not a CMS-formatted disk */
#define CMSFS_EBADNAME	(-8)  /* invalid fn or ft */
#define CMSFS_EINVAL	(-9)  /* bad argument: recfm, lrecl, record length, geometry */
#define CMSFS_EOF	(-10) /* end of file or end of list */
#define CMSFS_EBUSY	(-11) /* file open for writing, second writer, reader table full */

#define CMSFS_NAME_LEN	8
#define CMSFS_LRECL_MAX 65535

/*
 * Largest block size the buffers inside struct cmsfs and struct cmsfs_file can hold. The guest
 * keeps it at 512 to stay small; a build may raise it to any power of two up to 4096.
 */
#ifndef CMSFS_MAX_BLOCK
#define CMSFS_MAX_BLOCK 512
#endif

/*
 * Run buffers (cmsfs_mount_buf, cmsfs_set_buffer): each block of one takes
 * CMSFS_RUN_BYTES(block size) bytes, the block and its list entry. ACCESS reads up to
 * CMSFS_RUN_MAX blocks into one; a file's holds its data blocks and CMSFS_MAP_SLOTS map blocks
 * written in the same request, so (CMSFS_RUN_MAX + CMSFS_MAP_SLOTS) * CMSFS_RUN_BYTES(bs)
 * bytes is the most a file uses.
 */
#define CMSFS_RUN_MAX 256
#define CMSFS_MAP_SLOTS 3
#define CMSFS_RUN_BYTES(bs) ((size_t)(bs) + sizeof(struct blkdev_io))

/* Open readers of files that own blocks, per mounted disk (see struct cmsfs.rd). */
#define CMSFS_MAX_READERS 8

struct cmsfs_stat {
	char fn[9], ft[9];
	char recfm;	  /* 'F' or 'V' */
	uint32_t lrecl;	  /* F: record length; V: longest record (0 for an empty file) */
	uint32_t records;
	uint32_t blocks;  /* data + map blocks the file occupies */
	uint64_t mtime;	  /* caller-supplied time stamp, opaque to the FS */
};

struct cmsfs_info {
	char label[7]; /* 6-char disk label, NUL-terminated */
	uint32_t block_size, blocks_total, blocks_used, files;
};

/* An open reader's hold on a file's blocks; orphan once the file is erased or replaced. */
struct cmsfs_hold {
	uint32_t first; /* the file's first block (0: slot free) */
	uint32_t ndata; /* its data blocks */
	uint8_t level;	/* 0: first is the data block; 1: first is the head of the map chain */
	bool orphan;	/* no directory entry left: free the blocks when the last reader closes */
};

/* One mounted disk. Treat as opaque; filled by cmsfs_mount. */
struct cmsfs {
	struct blkdev *dev;
	uint32_t bs, blocks;		     /* block size, blocks in the file system */
	uint32_t bitmap_start, bitmap_blocks; /* allocation bitmap */
	uint32_t dir_start, dir_blocks;	     /* directory */
	uint32_t data_start;		     /* first block files may own */
	uint32_t bm_bits;		     /* bits per bitmap block */
	uint32_t dir_per;		     /* entries per directory block */
	uint32_t map_per;		     /* pointers per map block */
	uint32_t dir_hwm;		     /* directory blocks [0, dir_hwm) may hold entries */
	uint32_t files, blocks_used;
	char label[7];
	bool writing;			     /* a writer is open, for wfn/wft */
	char wfn[9], wft[9];
	uint32_t bm_idx;		     /* bitmap block in bmap, or UINT32_MAX */
	bool bm_dirty;
	uint32_t db_blk;		     /* directory block in dbuf, or 0 */
	struct cmsfs_hold rd[CMSFS_MAX_READERS];
	uint8_t bmap[CMSFS_MAX_BLOCK] __attribute__((aligned(8)));
	uint8_t dbuf[CMSFS_MAX_BLOCK] __attribute__((aligned(8)));
};

/* A writer's blocks as runs of consecutive blocks, so close marks them without its map chain. */
#define CMSFS_EXTENTS 8
struct cmsfs_extent {
	uint32_t start, count;
};

/* One open file, reader or writer. Treat as opaque. */
struct cmsfs_file {
	struct cmsfs *fs;
	char mode; /* 0 closed, 'R' reader, 'W' writer */
	char recfm;
	char fn[9], ft[9];
	int err;	  /* writer: sticky error; the file can only be abandoned */
	int hold;	  /* reader: index in fs->rd, or -1 */
	uint32_t lrecl;	  /* F: record length; V: writer's maximum, reader's longest */
	uint32_t maxlen;  /* writer: longest V record so far */
	uint32_t records; /* writer: written so far; reader: in the file */
	uint32_t rec_no;  /* reader: records read */
	int32_t pend;	  /* reader: length of a V record whose prefix is consumed, or -1 */
	uint64_t bytes;	  /* writer: stream bytes written; reader: stream bytes left */
	uint64_t mtime;
	uint32_t first;	  /* first block as in the directory entry */
	uint8_t level;
	uint32_t ndata;	  /* data blocks written / read so far */
	uint32_t nblocks; /* writer: blocks taken; reader: blocks in the file */
	uint32_t total;	  /* reader: data blocks in the file */
	uint32_t cursor;  /* writer: allocate at or after this block */
	uint32_t map_blk; /* current map block (0: none yet) */
	uint32_t map_n;	  /* pointers in the current map block */
	uint32_t map_i;	  /* reader: next pointer to use in it */
	uint32_t data_off; /* next byte of the buffer (data, or run) to use */
	uint32_t data_len; /* reader: bytes of the buffer that hold data */
	uint8_t *run;	   /* run buffer from cmsfs_set_buffer, or NULL: data is the buffer */
	uint32_t run_cap;  /* bytes of run used: a whole number of blocks */
	uint8_t *run_maps; /* writer: CMSFS_MAP_SLOTS full map blocks waiting for the next flush */
	struct blkdev_io *run_io; /* the list request, after them in the run buffer */
	uint32_t map_pend[CMSFS_MAP_SLOTS]; /* writer: the block numbers of the waiting maps */
	uint32_t n_pend;
	bool queue_maps;   /* writer: a flush is building its list: full maps join it */
	uint32_t n_ext;	   /* writer: extents in ext; CMSFS_EXTENTS + 1 once they overflowed */
	struct cmsfs_extent ext[CMSFS_EXTENTS];
	uint8_t map[CMSFS_MAX_BLOCK] __attribute__((aligned(8)));
	uint8_t data[CMSFS_MAX_BLOCK] __attribute__((aligned(8)));
};

const char *cmsfs_strerror(int err);
bool cmsfs_valid_name(const char *name);

int cmsfs_format(struct blkdev *dev, const char *label, uint64_t now);
int cmsfs_mount(struct cmsfs *fs, struct blkdev *dev);
int cmsfs_mount_buf(struct cmsfs *fs, struct blkdev *dev, void *buf, size_t size);
void cmsfs_info(const struct cmsfs *fs, struct cmsfs_info *out);

int cmsfs_stat(struct cmsfs *fs, const char *fn, const char *ft, struct cmsfs_stat *out);
int cmsfs_list(struct cmsfs *fs, uint32_t *cursor, struct cmsfs_stat *out);

int cmsfs_open_read(struct cmsfs *fs, const char *fn, const char *ft, struct cmsfs_file *f);
int cmsfs_read(struct cmsfs_file *f, void *rec, size_t size, size_t *len);
int cmsfs_open_write(struct cmsfs *fs, const char *fn, const char *ft, char recfm, uint32_t lrecl,
		     uint64_t now, struct cmsfs_file *f);
int cmsfs_write(struct cmsfs_file *f, const void *rec, size_t len);
int cmsfs_set_buffer(struct cmsfs_file *f, void *buf, size_t size);
int cmsfs_close(struct cmsfs_file *f);
void cmsfs_abandon(struct cmsfs_file *f);

int cmsfs_rename(struct cmsfs *fs, const char *fn, const char *ft, const char *nfn,
		 const char *nft);
int cmsfs_erase(struct cmsfs *fs, const char *fn, const char *ft);
int cmsfs_check(struct cmsfs *fs);
int cmsfs_reclaim(struct cmsfs *fs);

#endif /* CMS_CMSFS_H */
