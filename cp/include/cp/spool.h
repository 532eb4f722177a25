/*
 * The spool file store (cp/spool/spool.c): spool files of reader, punch and printer queues in
 * 4 KB spool pages on the spool area of the CP-owned SYSRES volume, with a checkpoint of
 * the spool directory so that a restart (warm start) finds every closed file whole.
 *
 * The spool area: SYSRES blocks SPOOL_FIRST_BLOCK to the end of the volume, in 4 KB pages
 * (8 blocks); page n is blocks SPOOL_FIRST_BLOCK + 8n .. + 7. Pages 0 to 2*CKPT_PAGES - 1
 * hold two checkpoint copies (A: pages 0-19, B: pages 20-39); the rest are data pages.
 *
 * Data page (big-endian), what DIAG X'14' subcode 0 copies to the guest unchanged:
 *   0   4  next data page of the file (spool-area page number), 0 on the last page
 *   4   2  spool ID the file had when the page was written (a file sent to a reader
 *          gets a new ID; its pages keep the old one)
 *   6   2  records in this page
 *   8   2  bytes used in this page, this header included
 *   10  2  reserved (0)
 *   12  4  this page's number within the file, from 0
 *   16  .. records, one after the other: 2 bytes data length n, 1 byte the CCW command
 *          code that wrote it (punch X'01'/X'41'..., printer carriage control), 1 byte 0,
 *          then n data bytes. An 80-byte card takes 84 bytes: 48 cards per page.
 *
 * Checkpoint copy (big-endian), written after the data pages it describes:
 *   0   8  "SPOOLCKP" (ASCII)   8 4 version   12 4 sequence number (the higher valid wins)
 *   16  4  length in bytes      20 4 CRC-32 of the whole length with this field zero
 *   24  4  files                28 4 next spool ID   32 4 pages in the spool area
 *   64  .. page map: 2 bytes per page, 0 free, SPOOL_CHAIN_END the last page of a file,
 *          otherwise the next page of the file (only closed files' pages are in it)
 *   then   one SPOOL_ENTRY_SIZE entry per file (spool_entry_encode()).
 * Copy A takes even sequence numbers, B odd: a checkpoint torn by a kill leaves the other,
 * older copy whole, and pages a checkpoint frees are reused only after it is written, so the
 * older copy's files are still whole. A file open when a checkpoint is written is recorded
 * with SPF_OPEN and no pages: at IPL it is discarded with VMCSPL003W.
 *
 * Portable: tests/unit/test_spool.c (allocation, checkpoint, torn checkpoint, recovery, read-ahead
 * and bad page headers); the reader over it: tests/unit/test_vur.c.
 */
#ifndef CP_SPOOL_H
#define CP_SPOOL_H

#include <stdbool.h>
#include <stdint.h>

#define SPOOL_PAGE_SIZE	  4096
#define SPOOL_RUN_PAGES   16   /* an open file's pages written in one transfer, at most */
#define SPOOL_RA_PAGES    16   /* a closed file's pages read in one transfer, at most */
#define SPOOL_FIRST_BLOCK 16 /* past the volume's label area */
#define SPOOL_CKPT_PAGES  20 /* one checkpoint copy */
#define SPOOL_DATA_START  (2 * SPOOL_CKPT_PAGES)
#define SPOOL_MAX_PAGES	  4096
#define SPOOL_MAX_FILES	  480
#define SPOOL_ENTRY_SIZE  128
#define SPOOL_CHAIN_END	  0xffff
#define SPOOL_PAGE_HDR	  16
#define SPOOL_REC_HDR	  4
#define SPOOL_MAX_ID	  9999

enum spool_queue { SPQ_RDR, SPQ_PUN, SPQ_PRT };

/* flags */
#define SPF_HOLD    0x01 /* user hold: not read, not printed */
#define SPF_KEEP    0x02 /* stays after it is read */
#define SPF_OPEN    0x04 /* being written: not yet a file */
#define SPF_READING 0x08 /* a reader has it open (not checkpointed) */

struct spool_file {
	uint16_t id;	    /* 1-9999; 0: the slot is free */
	uint16_t was_id;    /* the punch/printer file it came from (0: none) */
	uint8_t queue;	    /* enum spool_queue */
	uint8_t origin_dev; /* SPQ_PUN or SPQ_PRT: the device that wrote it */
	uint8_t flags;
	char cls;	/* class A-Z, 0-9 */
	char owner[9];	/* whose queue it is in */
	char origin[9]; /* who wrote it */
	char dist[9];
	char fn[9], ft[9]; /* NAME fn ft (blank: none) */
	uint16_t copies;
	uint32_t records;
	uint32_t seq; /* order within its queue (ORDER moves it) */
	uint64_t created_tod;
	uint32_t first_page; /* 0: no data */
	uint32_t npages;
	/* writing (SPF_OPEN): the page being filled */
	uint32_t cur_page;
	uint16_t cur_used, cur_recs;
};

/* The spool area's blocks: CP binds these to the SYSRES volume, tests to memory. */
struct spool_vol_ops {
	int (*read)(void *ctx, uint32_t page, void *buf); /* one 4 KB page; 0 or -1 */
	int (*write)(void *ctx, uint32_t page, const void *buf);
	/* @n consecutive pages from @buf in one transfer (NULL: page by page with write) */
	int (*write_pages)(void *ctx, uint32_t page, unsigned n, const void *buf);
	/* @n consecutive pages into @buf in one transfer (NULL: page by page with read) */
	int (*read_pages)(void *ctx, uint32_t page, unsigned n, void *buf);
};

/* spool_init() results */
#define SPOOL_WARM     0
#define SPOOL_NEW      1    /* a blank area: formatted */
#define SPOOL_DAMAGED  (-1) /* neither checkpoint copy valid: spooling off until SPOOL COLD */
#define SPOOL_IO_ERROR (-2)

/* spool_put() and friends */
#define SPOOL_E_FULL  (-3)
#define SPOOL_E_IO    (-4)
#define SPOOL_E_FILES (-5)
#define SPOOL_E_OFF   (-6)

/**
 * spool_init() - warm start: reads both checkpoint copies and takes the newest valid one
 * @ops: the spool area's pages
 * @ctx: passed to @ops
 * @npages: pages in the spool area (at most SPOOL_MAX_PAGES are used)
 * @say: the numbered messages (files recovered, open files discarded, space)
 *
 * Return: SPOOL_WARM, SPOOL_NEW, SPOOL_DAMAGED or SPOOL_IO_ERROR.
 */
int spool_init(const struct spool_vol_ops *ops, void *ctx, uint32_t npages,
	       void (*say)(const char *line));

/* Cold start (the operator's SPOOL COLD): every file dropped, an empty checkpoint written. */
int spool_cold(void (*say)(const char *line));

/* Whether files can be made (a spool area is bound and its checkpoint was sound). */
bool spool_available(void);

/* Writes the directory's checkpoint (after a change of attributes, ORDER, TRANSFER). */
int spool_commit(void);

/* A new open file of @queue for @owner, written by @origin; NULL with *err set. */
struct spool_file *spool_open(enum spool_queue queue, const char *owner, const char *origin,
			      char cls, uint64_t now, int *err);

/*
 * Appends one record (@ccw: the command code that wrote it) to an open file; @page is the
 * file's 4 KB page buffer (kept by the device between calls). 0 or SPOOL_E_FULL, SPOOL_E_IO.
 */
int spool_put(struct spool_file *f, uint8_t *page, uint8_t ccw, const void *data, unsigned len);

/* Ends an open file: its last page written, then the checkpoint. 0 or SPOOL_E_IO. */
int spool_close(struct spool_file *f, uint8_t *page);

/* Purges a file (open or closed); the checkpoint is written before its pages are reused. */
int spool_purge(struct spool_file *f);

/* A new spool ID for a file that moves to a reader (CLOSE TO, TRANSFER). */
void spool_renumber(struct spool_file *f);

/* Moves @f to the end of its queue (arrival) or before @before (ORDER). */
void spool_to_end(struct spool_file *f);

/* The file with spool ID @id, or NULL. */
struct spool_file *spool_find(uint16_t id);

/* The files in queue order: the first with @prev NULL, then the next; NULL at the end. */
struct spool_file *spool_next(const struct spool_file *prev);

/*
 * Reads page @index (0 = the first) of a closed file into @buf; 0, or -1 when the page
 * cannot be read, its chain in the page map is broken, or its header does not say it is
 * that page of the file (its index and next page): the pages before it read as before.
 * Read-ahead: the pages from @index on that lie one after the other on the volume (up to
 * SPOOL_RA_PAGES) come in one transfer into CP's read-ahead buffer, and the next calls for
 * them are copies from it; the chain is followed from where the last call left it, so
 * reading a file from start to end walks it once.
 */
int spool_read_page(const struct spool_file *f, uint32_t index, uint8_t *buf);

/* What reading has cost since IPL (tests; tuning): volume transfers, pages they brought,
 * page-map steps followed to find pages, pages refused (bad chain or header). */
struct spool_read_stats {
	uint64_t transfers, pages, chain_steps, bad_pages;
};
void spool_read_stats(struct spool_read_stats *s);

/*
 * Record @*pos of a page read by spool_read_page(): *data, *len and *ccw; advances *pos
 * (start at SPOOL_PAGE_HDR). False when the page has no more records.
 */
bool spool_page_record(const uint8_t *page, unsigned *pos, const uint8_t **data, unsigned *len,
		       uint8_t *ccw);

/* Space: data pages in the area, in use (closed and open files), free. */
void spool_space(uint32_t *total, uint32_t *used, uint32_t *free_pages);

/* Checks the page map against the files: 0 when every page is owned once and counts agree. */
int spool_check(void);

/* Encodes and decodes one directory entry (SPOOL_ENTRY_SIZE bytes). */
void spool_entry_encode(const struct spool_file *f, uint8_t *e);
void spool_entry_decode(const uint8_t *e, struct spool_file *f);

extern const char *const spool_queue_name[3]; /* "RDR", "PUN", "PRT" */

#endif
