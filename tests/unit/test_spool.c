/*
 * Unit tests for the spool file store (cp/spool/spool.c) over a spool area in memory:
 * allocation of pages and IDs, records across pages, purge and space, the checkpoint and
 * warm start, a file open at a "kill" discarded, a torn checkpoint (the write stopped
 * part-way) recovered from the other copy, both copies damaged, and cold start; reading
 * with read-ahead: one volume transfer per run of consecutive pages, the chain walked once
 * per file, a bad page header in the middle refused, a purged file's pages never read back
 * from the read-ahead buffer as another file's.
 */
#include <stdlib.h>
#include <string.h>

#include "cunit_main.h"

#include <cp/spool.h>
#include <lib/endian.h>

#define AREA_PAGES 200

static uint8_t area[AREA_PAGES][SPOOL_PAGE_SIZE];
static int writes_left = -1; /* >= 0: writes after this many fail (a kill mid-write) */
static unsigned nwrites;
static bool tear; /* the write that fails puts its first sector on the volume */
static char said[16][200];
static unsigned nsaid;

static int vread(void *ctx, uint32_t page, void *buf)
{
	(void)ctx;
	if (page >= AREA_PAGES)
		return -1;
	memcpy(buf, area[page], SPOOL_PAGE_SIZE);
	return 0;
}

static int vwrite(void *ctx, uint32_t page, const void *buf)
{
	(void)ctx;
	if (page >= AREA_PAGES)
		return -1;
	if (writes_left == 0) {
		if (tear)
			memcpy(area[page], buf, 512);
		tear = false;
		return -1;
	}
	if (writes_left > 0)
		writes_left--;
	nwrites++;
	memcpy(area[page], buf, SPOOL_PAGE_SIZE);
	return 0;
}

/* Transfers of data pages (past both checkpoint copies): single writes and runs. */
static unsigned data_transfers;

static int vwrite_one(void *ctx, uint32_t page, const void *buf)
{
	if (page >= 2 * SPOOL_CKPT_PAGES)
		data_transfers++;
	return vwrite(ctx, page, buf);
}

/* A run goes page by page, so a kill can stop it part-way as it can stop a real one. */
static int vwrite_pages(void *ctx, uint32_t page, unsigned n, const void *buf)
{
	data_transfers++;
	for (unsigned i = 0; i < n; i++)
		if (vwrite(ctx, page + i, (const uint8_t *)buf + i * SPOOL_PAGE_SIZE))
			return -1;
	return 0;
}

/* Reads of data pages: transfers (a single page or a run) and pages they brought. */
static unsigned data_reads, data_read_pages;

static int vread_one(void *ctx, uint32_t page, void *buf)
{
	if (page >= 2 * SPOOL_CKPT_PAGES) {
		data_reads++;
		data_read_pages++;
	}
	return vread(ctx, page, buf);
}

static int vread_pages(void *ctx, uint32_t page, unsigned n, void *buf)
{
	data_reads++;
	data_read_pages += n;
	for (unsigned i = 0; i < n; i++)
		if (vread(ctx, page + i, (uint8_t *)buf + i * SPOOL_PAGE_SIZE))
			return -1;
	return 0;
}

static const struct spool_vol_ops ops = {vread_one, vwrite_one, vwrite_pages, vread_pages};

static void say(const char *line)
{
	if (nsaid < 16)
		strncpy(said[nsaid++], line, sizeof(said[0]) - 1);
}

static bool said_prefix(const char *p)
{
	for (unsigned i = 0; i < nsaid; i++)
		if (strncmp(said[i], p, strlen(p)) == 0)
			return true;
	return false;
}

static int ipl(void)
{
	memset(said, 0, sizeof(said));
	nsaid = 0;
	writes_left = -1;
	return spool_init(&ops, NULL, AREA_PAGES, say);
}

static void fresh(void)
{
	memset(area, 0, sizeof(area));
	CU_ASSERT_EQUAL_FATAL(ipl(), SPOOL_NEW);
	CU_ASSERT(said_prefix("VMCSPL002I"));
}

/* A punch file of @n 80-byte cards, card i filled with byte (seed + i). */
static struct spool_file *punch(const char *owner, unsigned n, uint8_t seed, bool close)
{
	static uint8_t page[SPOOL_PAGE_SIZE];
	uint8_t card[80];
	int err;
	struct spool_file *f = spool_open(SPQ_PUN, owner, owner, 'A', 1, &err);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	for (unsigned i = 0; i < n; i++) {
		memset(card, (uint8_t)(seed + i), sizeof(card));
		CU_ASSERT_EQUAL_FATAL(spool_put(f, page, 0x41, card, sizeof(card)), 0);
	}
	if (close)
		CU_ASSERT_EQUAL_FATAL(spool_close(f, page), 0);
	return f;
}

/* Every card of the file is there, in order, with its contents. */
static bool whole(const struct spool_file *f, unsigned n, uint8_t seed)
{
	uint8_t buf[SPOOL_PAGE_SIZE];
	unsigned got = 0;

	for (uint32_t pg = 0; pg < f->npages; pg++) {
		unsigned pos = SPOOL_PAGE_HDR, len;
		const uint8_t *d;
		uint8_t ccw;

		if (spool_read_page(f, pg, buf))
			return false;
		while (spool_page_record(buf, &pos, &d, &len, &ccw)) {
			if (len != 80 || ccw != 0x41 || d[0] != (uint8_t)(seed + got) ||
			    d[79] != (uint8_t)(seed + got))
				return false;
			got++;
		}
	}
	return got == n && f->records == n;
}

static unsigned count_files(void)
{
	unsigned n = 0;

	for (struct spool_file *f = spool_next(NULL); f; f = spool_next(f))
		n++;
	return n;
}

static void test_allocation(void)
{
	uint32_t total, used, free0, free1;
	struct spool_file *a, *b;

	fresh();
	spool_space(&total, &used, &free0);
	CU_ASSERT_EQUAL(total, AREA_PAGES - SPOOL_DATA_START);
	CU_ASSERT_EQUAL(used, 0);
	a = punch("USER01", 100, 1, true); /* 48 cards a page: 3 pages */
	CU_ASSERT_EQUAL(a->npages, 3);
	CU_ASSERT_EQUAL(a->id, 1);
	b = punch("USER02", 10, 7, true);
	CU_ASSERT_EQUAL(b->id, 2);
	CU_ASSERT_EQUAL(b->npages, 1);
	CU_ASSERT(whole(a, 100, 1));
	CU_ASSERT(whole(b, 10, 7));
	spool_space(&total, &used, &free1);
	CU_ASSERT_EQUAL(used, 4);
	CU_ASSERT_EQUAL(free1 + used, total);
	CU_ASSERT_EQUAL(spool_check(), 0);
	/* sent to a reader it gets a new ID; its pages are still read */
	spool_renumber(b);
	CU_ASSERT_NOT_EQUAL(b->id, 2);
	CU_ASSERT(whole(b, 10, 7));
	CU_ASSERT_EQUAL(spool_next(NULL), a);
	CU_ASSERT_EQUAL(spool_next(a), b);
	/* Purge gives the pages back; the ID is not reused at once. */
	CU_ASSERT_EQUAL(spool_purge(a), 0);
	spool_space(&total, &used, &free1);
	CU_ASSERT_EQUAL(used, 1);
	CU_ASSERT_EQUAL(punch("USER01", 1, 0, true)->id, 4);
	CU_ASSERT_EQUAL(spool_check(), 0);
}

static void test_full(void)
{
	static uint8_t page[SPOOL_PAGE_SIZE];
	uint8_t card[80] = {0};
	uint32_t total, used, free_pages;
	struct spool_file *f;
	int err, rc = 0;
	unsigned n = 0;

	fresh();
	f = spool_open(SPQ_PUN, "USER01", "USER01", 'A', 1, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while (n < 100000 && (rc = spool_put(f, page, 0x41, card, 80)) == 0)
		n++;
	CU_ASSERT_EQUAL(rc, SPOOL_E_FULL);
	CU_ASSERT_EQUAL(n, (AREA_PAGES - SPOOL_DATA_START) * 48);
	spool_space(&total, &used, &free_pages);
	CU_ASSERT_EQUAL(free_pages, 0);
	CU_ASSERT_EQUAL(spool_close(f, page), 0);
	CU_ASSERT_EQUAL(spool_purge(f), 0);
	spool_space(&total, &used, &free_pages);
	CU_ASSERT_EQUAL(free_pages, total);
}

static void test_warm_start(void)
{
	struct spool_file *a, *b;
	uint16_t ida, idb;
	uint32_t total, used, free_pages;

	fresh();
	a = punch("USER01", 60, 3, true);
	b = punch("USER02", 5, 9, true);
	b->flags |= SPF_HOLD | SPF_KEEP;
	strcpy(b->fn, "PROFILE");
	strcpy(b->ft, "EXEC");
	b->cls = 'C';
	CU_ASSERT_EQUAL(spool_commit(), 0);
	ida = a->id;
	idb = b->id;
	punch("USER03", 30, 0, false); /* open at the "kill" */
	/* restart */
	CU_ASSERT_EQUAL_FATAL(ipl(), SPOOL_WARM);
	CU_ASSERT(said_prefix("VMCSPL003W Spool file 0003 (USER03 PUN)"));
	CU_ASSERT(said_prefix("VMCSPL001I Spool warm start: 2 files, 3 of"));
	CU_ASSERT_EQUAL(count_files(), 2);
	a = spool_find(ida);
	b = spool_find(idb);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT(whole(a, 60, 3));
	CU_ASSERT(whole(b, 5, 9));
	CU_ASSERT_STRING_EQUAL(b->owner, "USER02");
	CU_ASSERT_STRING_EQUAL(b->fn, "PROFILE");
	CU_ASSERT_STRING_EQUAL(b->ft, "EXEC");
	CU_ASSERT_EQUAL(b->cls, 'C');
	CU_ASSERT_EQUAL(b->flags, SPF_HOLD | SPF_KEEP);
	/* the open file's pages are free again: space adds up */
	spool_space(&total, &used, &free_pages);
	CU_ASSERT_EQUAL(used, 3);
	CU_ASSERT_EQUAL(spool_check(), 0);
	/* new IDs continue after the old ones */
	CU_ASSERT_EQUAL(punch("USER01", 1, 0, true)->id, 4);
}

/* A file's pages go out SPOOL_RUN_PAGES at a time, not one transfer a page; two files
 * written in turn both come back whole. */
static void test_batched_writes(void)
{
	static uint8_t pa[SPOOL_PAGE_SIZE], pb[SPOOL_PAGE_SIZE];
	struct spool_file *f, *a, *b;
	uint8_t card[80];
	int err;

	fresh();
	data_transfers = 0;
	f = punch("USER01", 48 * 40, 7, true); /* 40 pages */
	CU_ASSERT_EQUAL(f->npages, 40);
	CU_ASSERT(data_transfers <= (40 + SPOOL_RUN_PAGES - 1) / SPOOL_RUN_PAGES);
	CU_ASSERT(whole(f, 48 * 40, 7));
	a = spool_open(SPQ_PUN, "USER02", "USER02", 'A', 1, &err);
	b = spool_open(SPQ_PUN, "USER03", "USER03", 'A', 1, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	for (unsigned i = 0; i < 48 * 5; i++) {
		memset(card, (uint8_t)(1 + i), sizeof(card));
		CU_ASSERT_EQUAL_FATAL(spool_put(a, pa, 0x41, card, sizeof(card)), 0);
		memset(card, (uint8_t)(2 + i), sizeof(card));
		CU_ASSERT_EQUAL_FATAL(spool_put(b, pb, 0x41, card, sizeof(card)), 0);
	}
	CU_ASSERT_EQUAL(spool_close(a, pa), 0);
	CU_ASSERT_EQUAL(spool_close(b, pb), 0);
	CU_ASSERT_EQUAL_FATAL(ipl(), SPOOL_WARM);
	CU_ASSERT(whole(spool_find(1), 48 * 40, 7));
	CU_ASSERT(whole(spool_find(2), 48 * 5, 1));
	CU_ASSERT(whole(spool_find(3), 48 * 5, 2));
	CU_ASSERT_EQUAL(spool_check(), 0);
}

/* Two files written in turn, @a pages and then @b pages at a time, so that each file lies
 * in runs of that many consecutive pages. */
static void interleaved(struct spool_file **fa, unsigned a, struct spool_file **fb, unsigned b,
			unsigned rounds)
{
	static uint8_t pa[SPOOL_PAGE_SIZE], pb[SPOOL_PAGE_SIZE];
	uint8_t card[80];
	unsigned na = 0, nb = 0;
	int err;

	*fa = spool_open(SPQ_PUN, "USER01", "USER01", 'A', 1, &err);
	*fb = spool_open(SPQ_PUN, "USER02", "USER02", 'A', 1, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(*fa);
	CU_ASSERT_PTR_NOT_NULL_FATAL(*fb);
	for (unsigned r = 0; r < rounds; r++) {
		for (unsigned i = 0; i < 48 * a; i++, na++) {
			memset(card, (uint8_t)(1 + na), sizeof(card));
			CU_ASSERT_EQUAL_FATAL(spool_put(*fa, pa, 0x41, card, sizeof(card)), 0);
		}
		for (unsigned i = 0; i < 48 * b; i++, nb++) {
			memset(card, (uint8_t)(2 + nb), sizeof(card));
			CU_ASSERT_EQUAL_FATAL(spool_put(*fb, pb, 0x41, card, sizeof(card)), 0);
		}
	}
	CU_ASSERT_EQUAL_FATAL(spool_close(*fa, pa), 0);
	CU_ASSERT_EQUAL_FATAL(spool_close(*fb, pb), 0);
}

static void stats(struct spool_read_stats *s)
{
	spool_read_stats(s);
	data_reads = 0;
	data_read_pages = 0;
}

/* A contiguous file of N pages reads in about N / SPOOL_RA_PAGES transfers, not N. */
static void test_readahead_contiguous(void)
{
	struct spool_read_stats s0, s1;
	struct spool_file *f;

	fresh();
	f = punch("USER01", 48 * 100, 5, true); /* 100 pages, one after the other */
	CU_ASSERT_EQUAL_FATAL(f->npages, 100);
	stats(&s0);
	CU_ASSERT(whole(f, 48 * 100, 5));
	spool_read_stats(&s1);
	CU_ASSERT_EQUAL(data_reads, (100 + SPOOL_RA_PAGES - 1) / SPOOL_RA_PAGES);
	CU_ASSERT_EQUAL(data_read_pages, 100);
	/* the chain followed once: each run starts one step past the last */
	CU_ASSERT(s1.chain_steps - s0.chain_steps <= 100);
	/* and again from the start (a second copy, KEEP): the same */
	stats(&s0);
	CU_ASSERT(whole(f, 48 * 100, 5));
	CU_ASSERT_EQUAL(data_reads, (100 + SPOOL_RA_PAGES - 1) / SPOOL_RA_PAGES);
	/* after a warm start too */
	CU_ASSERT_EQUAL_FATAL(ipl(), SPOOL_WARM);
	f = spool_find(1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	stats(&s0);
	CU_ASSERT(whole(f, 48 * 100, 5));
	CU_ASSERT_EQUAL(data_reads, (100 + SPOOL_RA_PAGES - 1) / SPOOL_RA_PAGES);
}

/* Files laid out in several runs read back byte-exact, one transfer per run; a file whose
 * pages never follow each other costs one transfer a page and still walks its chain once. */
static void test_readahead_runs(void)
{
	struct spool_read_stats s0, s1;
	struct spool_file *a, *b;

	fresh();
	interleaved(&a, 3, &b, 20, 4); /* a: 4 runs of 3; b: 4 runs of 20 (16 + 4) */
	CU_ASSERT_EQUAL(a->npages, 12);
	CU_ASSERT_EQUAL(b->npages, 80);
	stats(&s0);
	CU_ASSERT(whole(a, 48 * 12, 1));
	CU_ASSERT_EQUAL(data_reads, 4);
	CU_ASSERT_EQUAL(data_read_pages, 12);
	stats(&s0);
	CU_ASSERT(whole(b, 48 * 80, 2));
	CU_ASSERT_EQUAL(data_reads, 8);
	CU_ASSERT_EQUAL(data_read_pages, 80);
	CU_ASSERT_EQUAL(spool_purge(a), 0);
	CU_ASSERT_EQUAL(spool_purge(b), 0);

	interleaved(&a, 1, &b, 1, 60); /* every page its own run */
	stats(&s0);
	CU_ASSERT(whole(a, 48 * 60, 1));
	spool_read_stats(&s1);
	CU_ASSERT_EQUAL(data_reads, 60);
	CU_ASSERT(s1.chain_steps - s0.chain_steps <= 60); /* not 60 * 59 / 2 */
	/* two files read in turn, page by page, share the one buffer: both whole */
	{
		uint8_t pg[SPOOL_PAGE_SIZE];
		bool ok = true;

		for (uint32_t i = 0; i < 60 && ok; i++) {
			ok = spool_read_page(a, i, pg) == 0 && get_be32(pg + 12) == i &&
			     pg[SPOOL_PAGE_HDR + 4] == (uint8_t)(1 + 48 * i);
			ok = ok && spool_read_page(b, i, pg) == 0 &&
			     pg[SPOOL_PAGE_HDR + 4] == (uint8_t)(2 + 48 * i);
		}
		CU_ASSERT(ok);
	}
	CU_ASSERT(whole(b, 48 * 60, 2));
}

/* A page in the middle whose header is not the one its place in the chain needs (another
 * index; another next page: a broken chain) is refused; the pages before it still read. */
static void test_readahead_bad_header(void)
{
	uint8_t pg[SPOOL_PAGE_SIZE];
	struct spool_read_stats s0, s1;
	struct spool_file *f;
	uint32_t first;

	fresh();
	f = punch("USER01", 48 * 40, 5, true);
	first = f->first_page;
	CU_ASSERT_EQUAL_FATAL(f->npages, 40);
	area[first + 20][15] ^= 1; /* page 20 says it is page 21 */
	spool_read_stats(&s0);
	for (uint32_t i = 0; i < 20; i++)
		CU_ASSERT_EQUAL(spool_read_page(f, i, pg), 0);
	CU_ASSERT_EQUAL(spool_read_page(f, 20, pg), -1);
	CU_ASSERT_EQUAL(spool_read_page(f, 20, pg), -1); /* read again, refused again */
	CU_ASSERT(!whole(f, 48 * 40, 5));
	spool_read_stats(&s1);
	CU_ASSERT(s1.bad_pages > s0.bad_pages);
	area[first + 20][15] ^= 1;
	CU_ASSERT(whole(f, 48 * 40, 5));
	/* the chain broken in the data: page 30 says its next page is 30 pages on */
	put_be32(area[first + 30], first + 60);
	for (uint32_t i = 0; i < 30; i++)
		CU_ASSERT_EQUAL(spool_read_page(f, i, pg), 0);
	CU_ASSERT_EQUAL(spool_read_page(f, 30, pg), -1);
	CU_ASSERT_EQUAL(spool_read_page(f, 31, pg), 0); /* past it, the chain is whole again */
	/* the last page must say it is the last */
	put_be32(area[first + 30], first + 31);
	put_be32(area[first + 39], first + 40);
	CU_ASSERT_EQUAL(spool_read_page(f, 0, pg), 0); /* (pages 31-39 are no longer held) */
	CU_ASSERT_EQUAL(spool_read_page(f, 38, pg), 0);
	CU_ASSERT_EQUAL(spool_read_page(f, 39, pg), -1);
	CU_ASSERT_EQUAL(spool_read_page(f, 40, pg), -1); /* past the end */
	put_be32(area[first + 39], 0);
	CU_ASSERT(whole(f, 48 * 40, 5));
}

/* A purged file's pages, reused by the next file in the same slot, are that file's. */
static void test_readahead_purge(void)
{
	struct spool_file *a, *c;

	fresh();
	a = punch("USER01", 48 * 10, 5, true);
	CU_ASSERT(whole(a, 48 * 10, 5));
	CU_ASSERT_EQUAL(spool_purge(a), 0);
	c = punch("USER01", 48 * 10, 9, true);
	CU_ASSERT_PTR_EQUAL(c, a); /* the same slot ... */
	CU_ASSERT(whole(c, 48 * 10, 9));
	/* ... and after a cold start */
	CU_ASSERT_EQUAL(spool_cold(say), 0);
	c = punch("USER01", 48 * 10, 3, true);
	CU_ASSERT(whole(c, 48 * 10, 3));
}

static void test_torn_checkpoint(void)
{
	static uint8_t page[SPOOL_PAGE_SIZE];
	struct spool_file *a, *b;
	uint16_t ida;
	unsigned before;

	fresh();
	a = punch("USER01", 50, 1, true);
	ida = a->id;
	/* A kill while CLOSE writes the checkpoint: the data page reaches the volume, the
	 * checkpoint's page only its first sector. */
	b = punch("USER02", 40, 2, false);
	before = nwrites;
	writes_left = 1;
	tear = true;
	CU_ASSERT_NOT_EQUAL(spool_close(b, page), 0);
	CU_ASSERT_EQUAL(nwrites - before, 1);
	CU_ASSERT_EQUAL_FATAL(ipl(), SPOOL_WARM);
	CU_ASSERT(said_prefix("VMCSPL005W"));
	CU_ASSERT(said_prefix("VMCSPL003W Spool file 0002 (USER02 PUN)"));
	CU_ASSERT_EQUAL(count_files(), 1);
	CU_ASSERT(whole(spool_find(ida), 50, 1));
	CU_ASSERT_EQUAL(spool_check(), 0);
	/* and a later checkpoint still alternates correctly */
	punch("USER02", 10, 4, true);
	CU_ASSERT_EQUAL_FATAL(ipl(), SPOOL_WARM);
	CU_ASSERT_EQUAL(count_files(), 2);
	CU_ASSERT(!said_prefix("VMCSPL005W"));
}

static void test_purge_torn(void)
{
	struct spool_file *a;
	uint16_t ida;

	fresh();
	a = punch("USER01", 50, 1, true);
	ida = a->id;
	/* PURGE whose checkpoint is torn: the file comes back whole, nothing reused it. */
	writes_left = 0;
	CU_ASSERT_NOT_EQUAL(spool_purge(a), 0);
	CU_ASSERT_EQUAL_FATAL(ipl(), SPOOL_WARM);
	CU_ASSERT_PTR_NOT_NULL_FATAL(spool_find(ida));
	CU_ASSERT(whole(spool_find(ida), 50, 1));
}

static void test_damaged_and_cold(void)
{
	fresh();
	punch("USER01", 5, 1, true);
	punch("USER01", 5, 1, true);
	area[0][30] ^= 1;
	area[SPOOL_CKPT_PAGES][30] ^= 1;
	CU_ASSERT_EQUAL(ipl(), SPOOL_DAMAGED);
	CU_ASSERT(said_prefix("VMCSPL004E"));
	CU_ASSERT(!spool_available());
	/* only the operator's cold start brings spooling back */
	CU_ASSERT_EQUAL(spool_cold(say), 0);
	CU_ASSERT(said_prefix("VMCSPL006I"));
	CU_ASSERT(spool_available());
	CU_ASSERT_EQUAL(count_files(), 0);
	CU_ASSERT_EQUAL(ipl(), SPOOL_WARM);
	CU_ASSERT_EQUAL(count_files(), 0);
}

static void test_entry_round_trip(void)
{
	struct spool_file f = {.id = 42,
			       .was_id = 41,
			       .queue = SPQ_RDR,
			       .origin_dev = SPQ_PRT,
			       .flags = SPF_KEEP,
			       .cls = 'Z',
			       .owner = "OWNER",
			       .origin = "ORIG",
			       .dist = "DIST",
			       .fn = "FN",
			       .ft = "FT",
			       .copies = 3,
			       .records = 77,
			       .seq = 9,
			       .created_tod = 123456789,
			       .first_page = 50,
			       .npages = 2},
			  g;
	uint8_t e[SPOOL_ENTRY_SIZE];

	spool_entry_encode(&f, e);
	spool_entry_decode(e, &g);
	CU_ASSERT_EQUAL(g.id, 42);
	CU_ASSERT_EQUAL(g.was_id, 41);
	CU_ASSERT_EQUAL(g.queue, SPQ_RDR);
	CU_ASSERT_EQUAL(g.origin_dev, SPQ_PRT);
	CU_ASSERT_EQUAL(g.flags, SPF_KEEP);
	CU_ASSERT_EQUAL(g.cls, 'Z');
	CU_ASSERT_STRING_EQUAL(g.owner, "OWNER");
	CU_ASSERT_STRING_EQUAL(g.origin, "ORIG");
	CU_ASSERT_STRING_EQUAL(g.dist, "DIST");
	CU_ASSERT_STRING_EQUAL(g.fn, "FN");
	CU_ASSERT_STRING_EQUAL(g.ft, "FT");
	CU_ASSERT_EQUAL(g.copies, 3);
	CU_ASSERT_EQUAL(g.records, 77);
	CU_ASSERT_EQUAL(g.seq, 9);
	CU_ASSERT_EQUAL(g.created_tod, 123456789);
	CU_ASSERT_EQUAL(g.first_page, 50);
	CU_ASSERT_EQUAL(g.npages, 2);
}

UNIT_SUITE(spool, UNIT_CASE(test_allocation), UNIT_CASE(test_full), UNIT_CASE(test_warm_start),
	   UNIT_CASE(test_batched_writes), UNIT_CASE(test_readahead_contiguous),
	   UNIT_CASE(test_readahead_runs), UNIT_CASE(test_readahead_bad_header),
	   UNIT_CASE(test_readahead_purge),
	   UNIT_CASE(test_torn_checkpoint), UNIT_CASE(test_purge_torn),
	   UNIT_CASE(test_damaged_and_cold), UNIT_CASE(test_entry_round_trip))
UNIT_MAIN(spool_register)
