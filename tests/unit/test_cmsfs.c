/*
 * Unit tests for the CMS file system (cms/fs): format and mount, F and V files of every size,
 * stat and list, replace, abandon, rename, erase, full disk and directory, bad names, corrupt
 * directories and map blocks, injected I/O errors, readers next to a writer, and a randomized
 * run against a simple model, and a crash after each write of FILE, COPYFILE, RENAME and ERASE
 * (test_crash_after_each_write, also with run buffers on a device that takes block lists),
 * run buffers and batched mounts counted in device requests (test_run_buffers). Everything runs on an in-memory block device that can fail its
 * Nth read or write; every test ends with cmsfs_check.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cunit_main.h"

#include <cms/cmsfs.h>
#include <lib/crc32.h>

#include "../../cms/fs/cmsfs_int.h"

/* ---- the in-memory device ---- */

struct memdev {
	struct blkdev dev;
	uint8_t *data;
	unsigned long reads, writes;
	unsigned long fail_read_at, fail_write_at; /* fail when the count reaches this (0: never) */
};

static int md_read(struct blkdev *dev, uint32_t block, void *buf)
{
	struct memdev *m = dev->ctx;

	CU_ASSERT_FATAL(block < dev->blocks);
	if (++m->reads == m->fail_read_at)
		return -1;
	memcpy(buf, m->data + (size_t)block * dev->block_size, dev->block_size);
	return 0;
}

/* The journal of writes that test_crash_after_each_write replays one by one. */
struct jentry {
	uint32_t blk;
	uint8_t *data;
};
static struct jentry *jrnl;
static size_t njrnl, jcap;
static bool journaling;

static void journal(uint32_t block, const void *buf, uint32_t bs)
{
	if (njrnl == jcap) {
		jcap = jcap ? jcap * 2 : 256;
		jrnl = realloc(jrnl, jcap * sizeof(*jrnl));
		CU_ASSERT_FATAL(jrnl != NULL);
	}
	jrnl[njrnl].blk = block;
	jrnl[njrnl].data = malloc(bs);
	CU_ASSERT_FATAL(jrnl[njrnl].data != NULL);
	memcpy(jrnl[njrnl++].data, buf, bs);
}

static int md_write(struct blkdev *dev, uint32_t block, const void *buf)
{
	struct memdev *m = dev->ctx;

	CU_ASSERT_FATAL(block < dev->blocks);
	if (++m->writes == m->fail_write_at)
		return -1;
	memcpy(m->data + (size_t)block * dev->block_size, buf, dev->block_size);
	if (journaling)
		journal(block, buf, dev->block_size);
	return 0;
}

/* List requests (a device that takes them, as CMS's DIAGNOSE X'250' driver): each counts as
 * one request and journals its blocks one by one, in list order, as a crash could stop it
 * after any of them. */
static unsigned long list_reads, list_writes, list_blocks_written, list_breaks;

static int md_read_list(struct blkdev *dev, const struct blkdev_io *io, uint32_t n)
{
	list_reads++;
	for (uint32_t i = 0; i < n; i++)
		if (md_read(dev, io[i].block, io[i].buf))
			return -1;
	return 0;
}

static int md_write_list(struct blkdev *dev, const struct blkdev_io *io, uint32_t n)
{
	list_writes++;
	list_blocks_written += n;
	for (uint32_t i = 0; i < n; i++)
		list_breaks += i && io[i].block != io[i - 1].block + 1;
	for (uint32_t i = 0; i < n; i++)
		if (md_write(dev, io[i].block, io[i].buf))
			return -1;
	return 0;
}

/* Whether the device takes lists: single-block reads and writes count as requests too. */
static void md_lists(struct memdev *m, bool on)
{
	m->dev.read_list = on ? md_read_list : NULL;
	m->dev.write_list = on ? md_write_list : NULL;
}

static void md_init(struct memdev *m, uint32_t bs, uint32_t blocks)
{
	memset(m, 0, sizeof(*m));
	m->dev.block_size = bs;
	m->dev.blocks = blocks;
	m->dev.read = md_read;
	m->dev.write = md_write;
	m->dev.ctx = m;
	m->data = calloc(blocks, bs);
	CU_ASSERT_FATAL(m->data != NULL);
}

static uint8_t *md_blk(struct memdev *m, uint32_t blk)
{
	return m->data + (size_t)blk * m->dev.block_size;
}

static void md_free(struct memdev *m)
{
	free(m->data);
	m->data = NULL;
}

/* Re-seal a metadata block changed behind the file system's back, so only its content is bad. */
static void md_reseal(struct memdev *m, uint32_t blk, uint32_t tag)
{
	uint8_t *b = md_blk(m, blk);
	uint32_t bs = m->dev.block_size;

	put32(b + bs - TRAILER, tag);
	put32(b + bs - 8, blk);
	put32(b + bs - 4, crc32_ieee(b, bs - 4));
}

static struct memdev md;
static struct cmsfs fs;

static void fresh(uint32_t bs, uint32_t blocks)
{
	md_init(&md, bs, blocks);
	CU_ASSERT_EQUAL_FATAL(cmsfs_format(&md.dev, "TEST01", 1234), CMSFS_OK);
	CU_ASSERT_EQUAL_FATAL(cmsfs_mount(&fs, &md.dev), CMSFS_OK);
}

static uint32_t used(void)
{
	struct cmsfs_info in;

	cmsfs_info(&fs, &in);
	return in.blocks_used;
}

/* Check, remount, check again, and free the device. */
static void done(void)
{
	CU_ASSERT_EQUAL(cmsfs_check(&fs), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_check(&fs), CMSFS_OK);
	md_free(&md);
}

/* ---- record contents ---- */

static uint32_t mix(uint32_t a, uint32_t b)
{
	uint32_t h = a * 0x9e3779b1u ^ (b + 0x7f4a7c15u);

	h ^= h >> 15;
	h *= 0x85ebca6bu;
	return h ^ (h >> 13);
}

/* Record @i of a file written with @seed; returns its length. */
static size_t gen_rec(char recfm, uint32_t lrecl, uint32_t seed, uint32_t i, uint8_t *buf)
{
	uint32_t h = mix(seed, i);
	size_t len = recfm == 'F' ? lrecl : h % (lrecl + 1);

	for (size_t j = 0; j < len; j++)
		buf[j] = (uint8_t)(h + j * 7 + (j >> 8));
	return len;
}

static uint8_t rec[CMSFS_LRECL_MAX + 1], got[CMSFS_LRECL_MAX + 1];

static int write_file(const char *fn, const char *ft, char recfm, uint32_t lrecl, uint32_t n,
		      uint32_t seed)
{
	struct cmsfs_file f;
	int rc = cmsfs_open_write(&fs, fn, ft, recfm, lrecl, seed, &f);

	if (rc)
		return rc;
	for (uint32_t i = 0; i < n; i++) {
		rc = cmsfs_write(&f, rec, gen_rec(recfm, lrecl, seed, i, rec));
		if (rc) {
			cmsfs_abandon(&f);
			return rc;
		}
	}
	return cmsfs_close(&f);
}

/* Read an open file to its end and compare with what write_file wrote. */
static bool same_records(struct cmsfs_file *f, char recfm, uint32_t lrecl, uint32_t n,
			 uint32_t seed)
{
	size_t len;

	for (uint32_t i = 0; i < n; i++) {
		size_t want = gen_rec(recfm, lrecl, seed, i, rec);

		if (cmsfs_read(f, got, sizeof(got), &len) || len != want || memcmp(got, rec, len))
			return false;
	}
	return cmsfs_read(f, got, sizeof(got), &len) == CMSFS_EOF;
}

static bool file_is(const char *fn, const char *ft, char recfm, uint32_t lrecl, uint32_t n,
		    uint32_t seed)
{
	struct cmsfs_file f;
	bool ok;

	if (cmsfs_open_read(&fs, fn, ft, &f))
		return false;
	ok = same_records(&f, recfm, lrecl, n, seed);
	return cmsfs_close(&f) == CMSFS_OK && ok;
}

/* ---- tests ---- */

static void test_crc_and_names(void)
{
	CU_ASSERT_EQUAL(crc32_ieee("123456789", 9), 0xcbf43926u);
	CU_ASSERT(cmsfs_valid_name("PROFILE"));
	CU_ASSERT(cmsfs_valid_name("A"));
	CU_ASSERT(cmsfs_valid_name("@#$+-_09"));
	CU_ASSERT(!cmsfs_valid_name(""));
	CU_ASSERT(!cmsfs_valid_name(NULL));
	CU_ASSERT(!cmsfs_valid_name("profile"));
	CU_ASSERT(!cmsfs_valid_name("TOOLONGXX"));
	CU_ASSERT(!cmsfs_valid_name("A.B"));
	CU_ASSERT(!cmsfs_valid_name("A B"));
	CU_ASSERT_STRING_EQUAL(cmsfs_strerror(CMSFS_EFULL), "disk full");
	CU_ASSERT_STRING_EQUAL(cmsfs_strerror(-99), "unknown error");
}

static void test_struct_sizes(void)
{
	/* As the guest builds them, with 512-byte buffers. */
	size_t extra = 2 * (CMSFS_MAX_BLOCK - 512);

	CU_ASSERT(sizeof(struct cmsfs) - extra <= 1536);
	CU_ASSERT(sizeof(struct cmsfs_file) - extra <= 1536);
}

static void test_format_mount(void)
{
	static const uint32_t geo[][2] = {
		{ 512, 16 }, { 512, 4096 }, { 512, 70000 }, { 1024, 100 }, { 4096, 4096 },
	};
	struct cmsfs_info in;

	for (size_t i = 0; i < sizeof(geo) / sizeof(geo[0]); i++) {
		if (geo[i][0] > CMSFS_MAX_BLOCK)
			continue;
		fresh(geo[i][0], geo[i][1]);
		cmsfs_info(&fs, &in);
		CU_ASSERT_STRING_EQUAL(in.label, "TEST01");
		CU_ASSERT_EQUAL(in.block_size, geo[i][0]);
		CU_ASSERT_EQUAL(in.blocks_total, geo[i][1]);
		CU_ASSERT_EQUAL(in.blocks_used, fs.data_start);
		CU_ASSERT_EQUAL(in.files, 0);
		if (geo[i][0] == 512 && geo[i][1] == 4096) /* a few hundred files on the V-DISK */
			CU_ASSERT(fs.dir_blocks * fs.dir_per >= 300);
		CU_ASSERT_EQUAL(write_file("A", "B", 'F', 80, 3, 1), CMSFS_OK);
		CU_ASSERT(file_is("A", "B", 'F', 80, 3, 1));
		done();
	}
	md_init(&md, 512, 4);
	CU_ASSERT_EQUAL(cmsfs_format(&md.dev, "TEST01", 0), CMSFS_EINVAL);
	md_free(&md);
	md_init(&md, 512, 64);
	CU_ASSERT_EQUAL(cmsfs_format(&md.dev, "", 0), CMSFS_EINVAL);
	CU_ASSERT_EQUAL(cmsfs_format(&md.dev, "SEVENXX", 0), CMSFS_EINVAL);
	CU_ASSERT_EQUAL(cmsfs_format(&md.dev, "lower", 0), CMSFS_EINVAL);
	md_free(&md);
	md_init(&md, 700, 64);
	CU_ASSERT_EQUAL(cmsfs_format(&md.dev, "X", 0), CMSFS_EINVAL);
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_EINVAL);
	md_free(&md);
}

static void test_unformatted(void)
{
	md_init(&md, 512, 256);
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_ENOTFMT);
	for (size_t i = 0; i < 512 * 256; i++)
		md.data[i] = (uint8_t)mix(7, (uint32_t)i);
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_ENOTFMT);
	/* Formatted with another block size: the superblock disagrees with the device. */
	CU_ASSERT_EQUAL(cmsfs_format(&md.dev, "X", 0), CMSFS_OK);
	md.dev.block_size = 1024;
	md.dev.blocks = 128;
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev),
			CMSFS_MAX_BLOCK >= 1024 ? CMSFS_ECORRUPT : CMSFS_EINVAL);
	md_free(&md);
}

static void test_fixed_records(void)
{
	struct cmsfs_stat st;

	fresh(512, 4096);
	/* 100 x 80 bytes: 16 blocks, records spanning block boundaries. */
	CU_ASSERT_EQUAL(write_file("PROFILE", "EXEC", 'F', 80, 100, 5), CMSFS_OK);
	CU_ASSERT(file_is("PROFILE", "EXEC", 'F', 80, 100, 5));
	CU_ASSERT_EQUAL(cmsfs_stat(&fs, "PROFILE", "EXEC", &st), CMSFS_OK);
	CU_ASSERT_STRING_EQUAL(st.fn, "PROFILE");
	CU_ASSERT_STRING_EQUAL(st.ft, "EXEC");
	CU_ASSERT_EQUAL(st.recfm, 'F');
	CU_ASSERT_EQUAL(st.lrecl, 80);
	CU_ASSERT_EQUAL(st.records, 100);
	CU_ASSERT_EQUAL(st.blocks, 16 + 1);
	CU_ASSERT_EQUAL(st.mtime, 5);
	CU_ASSERT_EQUAL(used(), fs.data_start + 17);
	/* A record exactly one block long, and records longer than a block. */
	CU_ASSERT_EQUAL(write_file("ONEBLK", "DATA", 'F', 512, 7, 6), CMSFS_OK);
	CU_ASSERT(file_is("ONEBLK", "DATA", 'F', 512, 7, 6));
	CU_ASSERT_EQUAL(write_file("LONG", "DATA", 'F', 65535, 3, 7), CMSFS_OK);
	CU_ASSERT(file_is("LONG", "DATA", 'F', 65535, 3, 7));
	done();
}

static void test_variable_records(void)
{
	struct cmsfs_stat st;
	struct cmsfs_file f;
	size_t len;
	uint32_t longest = 0;

	fresh(512, 4096);
	CU_ASSERT_EQUAL(write_file("VAR", "FILE", 'V', 1000, 500, 9), CMSFS_OK);
	CU_ASSERT(file_is("VAR", "FILE", 'V', 1000, 500, 9));
	for (uint32_t i = 0; i < 500; i++) {
		size_t l = gen_rec('V', 1000, 9, i, rec);

		longest = l > longest ? (uint32_t)l : longest;
	}
	CU_ASSERT_EQUAL(cmsfs_stat(&fs, "VAR", "FILE", &st), CMSFS_OK);
	CU_ASSERT_EQUAL(st.recfm, 'V');
	CU_ASSERT_EQUAL(st.lrecl, longest);
	CU_ASSERT_EQUAL(st.records, 500);

	/* Zero-length records, and a record that does not fit the caller's buffer. */
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "SHORT", "V", 'V', 300, 1, &f), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_write(&f, "", 0), CMSFS_OK);
	memset(rec, 'x', 300);
	CU_ASSERT_EQUAL(cmsfs_write(&f, rec, 300), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_write(&f, rec, 301), CMSFS_EINVAL);
	CU_ASSERT_EQUAL(cmsfs_write(&f, "AB", 2), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_close(&f), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_open_read(&fs, "SHORT", "V", &f), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_read(&f, got, 10, &len), CMSFS_OK);
	CU_ASSERT_EQUAL(len, 0);
	CU_ASSERT_EQUAL(cmsfs_read(&f, got, 10, &len), CMSFS_EINVAL);
	CU_ASSERT_EQUAL(len, 300);
	CU_ASSERT_EQUAL(cmsfs_read(&f, got, 300, &len), CMSFS_OK);
	CU_ASSERT_EQUAL(len, 300);
	CU_ASSERT_EQUAL(memcmp(got, rec, 300), 0);
	CU_ASSERT_EQUAL(cmsfs_read(&f, got, 2, &len), CMSFS_OK);
	CU_ASSERT_EQUAL(memcmp(got, "AB", 2), 0);
	CU_ASSERT_EQUAL(cmsfs_read(&f, got, 2, &len), CMSFS_EOF);
	CU_ASSERT_EQUAL(cmsfs_read(&f, got, 2, &len), CMSFS_EOF);
	CU_ASSERT_EQUAL(cmsfs_close(&f), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_close(&f), CMSFS_EINVAL);
	done();
}

static void test_tiny_files(void)
{
	struct cmsfs_stat st;
	uint32_t base;

	fresh(512, 64);
	base = used();
	CU_ASSERT_EQUAL(write_file("EMPTY", "F", 'F', 80, 0, 1), CMSFS_OK);
	CU_ASSERT_EQUAL(write_file("EMPTY", "V", 'V', 80, 0, 1), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_stat(&fs, "EMPTY", "V", &st), CMSFS_OK);
	CU_ASSERT_EQUAL(st.records, 0);
	CU_ASSERT_EQUAL(st.blocks, 0);
	CU_ASSERT_EQUAL(st.lrecl, 0);
	CU_ASSERT(file_is("EMPTY", "F", 'F', 80, 0, 1));
	CU_ASSERT(file_is("EMPTY", "V", 'V', 80, 0, 1));
	CU_ASSERT_EQUAL(used(), base);
	/* One record, one block, no map block. */
	CU_ASSERT_EQUAL(write_file("ONE", "F", 'F', 80, 1, 2), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_stat(&fs, "ONE", "F", &st), CMSFS_OK);
	CU_ASSERT_EQUAL(st.blocks, 1);
	CU_ASSERT(file_is("ONE", "F", 'F', 80, 1, 2));
	CU_ASSERT_EQUAL(used(), base + 1);
	done();
}

static void test_big_file(void)
{
	struct cmsfs_stat st;
	uint32_t ndata, nmap;

	fresh(512, 4096);
	/* 2000 x 400 bytes = 1563 data blocks: a chain of 13 map blocks of 123 pointers. */
	CU_ASSERT_EQUAL(write_file("BIG", "FILE", 'F', 400, 2000, 3), CMSFS_OK);
	CU_ASSERT(file_is("BIG", "FILE", 'F', 400, 2000, 3));
	ndata = (2000 * 400 + 511) / 512;
	nmap = (ndata + fs.map_per - 1) / fs.map_per;
	CU_ASSERT_EQUAL(cmsfs_stat(&fs, "BIG", "FILE", &st), CMSFS_OK);
	CU_ASSERT_EQUAL(st.blocks, ndata + nmap);
	CU_ASSERT_EQUAL(used(), fs.data_start + ndata + nmap);
	CU_ASSERT_EQUAL(cmsfs_erase(&fs, "BIG", "FILE"), CMSFS_OK);
	CU_ASSERT_EQUAL(used(), fs.data_start);
	done();
}

static void test_list(void)
{
	struct cmsfs_stat st;
	struct cmsfs_info in;
	uint32_t cur = 0, n = 0;
	char fn[16];

	fresh(512, 4096);
	for (int i = 0; i < 40; i++) {
		snprintf(fn, sizeof(fn), "FILE%d", i);
		CU_ASSERT_EQUAL(write_file(fn, "LIST", 'V', 100, (uint32_t)i, (uint32_t)i), 0);
	}
	CU_ASSERT_EQUAL(cmsfs_erase(&fs, "FILE7", "LIST"), CMSFS_OK);
	while (cmsfs_list(&fs, &cur, &st) == CMSFS_OK) {
		int i = atoi(st.fn + 4);

		CU_ASSERT_STRING_EQUAL(st.ft, "LIST");
		CU_ASSERT_EQUAL(st.records, (uint32_t)i);
		CU_ASSERT(i != 7);
		n++;
	}
	CU_ASSERT_EQUAL(n, 39);
	CU_ASSERT_EQUAL(cmsfs_list(&fs, &cur, &st), CMSFS_EOF);
	cmsfs_info(&fs, &in);
	CU_ASSERT_EQUAL(in.files, 39);
	done();
}

static void test_replace(void)
{
	struct cmsfs_file w;
	struct cmsfs_stat st;
	uint32_t base;

	fresh(512, 4096);
	base = used();
	CU_ASSERT_EQUAL(write_file("DOC", "SCRIPT", 'F', 80, 50, 1), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "DOC", "SCRIPT", 'V', 200, 2, &w), CMSFS_OK);
	for (uint32_t i = 0; i < 300; i++)
		CU_ASSERT_EQUAL(cmsfs_write(&w, rec, gen_rec('V', 200, 2, i, rec)), CMSFS_OK);
	/* The old version is all anyone sees until close. */
	CU_ASSERT(file_is("DOC", "SCRIPT", 'F', 80, 50, 1));
	CU_ASSERT_EQUAL(cmsfs_stat(&fs, "DOC", "SCRIPT", &st), CMSFS_OK);
	CU_ASSERT_EQUAL(st.records, 50);
	CU_ASSERT_EQUAL(cmsfs_check(&fs), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_close(&w), CMSFS_OK);
	CU_ASSERT(file_is("DOC", "SCRIPT", 'V', 200, 300, 2));
	CU_ASSERT_EQUAL(cmsfs_stat(&fs, "DOC", "SCRIPT", &st), CMSFS_OK);
	CU_ASSERT_EQUAL(used(), base + st.blocks);
	CU_ASSERT_EQUAL(fs.files, 1);
	done();
}

static void test_abandon(void)
{
	struct cmsfs_file w;
	uint32_t base;

	fresh(512, 4096);
	CU_ASSERT_EQUAL(write_file("KEEP", "ME", 'F', 80, 20, 1), CMSFS_OK);
	base = used();
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "NEW", "FILE", 'F', 100, 0, &w), CMSFS_OK);
	for (int i = 0; i < 200; i++)
		CU_ASSERT_EQUAL(cmsfs_write(&w, rec, 100), CMSFS_OK);
	cmsfs_abandon(&w);
	CU_ASSERT_EQUAL(cmsfs_stat(&fs, "NEW", "FILE", NULL), CMSFS_ENOENT);
	CU_ASSERT_EQUAL(used(), base);
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "KEEP", "ME", 'F', 100, 0, &w), CMSFS_OK);
	for (int i = 0; i < 200; i++)
		CU_ASSERT_EQUAL(cmsfs_write(&w, rec, 100), CMSFS_OK);
	cmsfs_abandon(&w);
	cmsfs_abandon(&w);	/* harmless twice */
	CU_ASSERT_EQUAL(cmsfs_write(&w, rec, 100), CMSFS_EINVAL);
	CU_ASSERT(file_is("KEEP", "ME", 'F', 80, 20, 1));
	CU_ASSERT_EQUAL(used(), base);
	done();
}

static void test_rename(void)
{
	fresh(512, 4096);
	CU_ASSERT_EQUAL(write_file("A", "X", 'F', 10, 5, 1), CMSFS_OK);
	CU_ASSERT_EQUAL(write_file("B", "X", 'F', 10, 6, 2), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_rename(&fs, "A", "X", "B", "X"), CMSFS_EEXIST);
	CU_ASSERT_EQUAL(cmsfs_rename(&fs, "A", "X", "A", "X"), CMSFS_EEXIST);
	CU_ASSERT_EQUAL(cmsfs_rename(&fs, "C", "X", "D", "X"), CMSFS_ENOENT);
	CU_ASSERT_EQUAL(cmsfs_rename(&fs, "A", "X", "c", "X"), CMSFS_EBADNAME);
	CU_ASSERT_EQUAL(cmsfs_rename(&fs, "A", "X", "C", "Y"), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_stat(&fs, "A", "X", NULL), CMSFS_ENOENT);
	CU_ASSERT(file_is("C", "Y", 'F', 10, 5, 1));
	CU_ASSERT(file_is("B", "X", 'F', 10, 6, 2));
	CU_ASSERT_EQUAL(fs.files, 2);
	done();
}

static void test_erase(void)
{
	fresh(512, 4096);
	CU_ASSERT_EQUAL(write_file("A", "X", 'V', 500, 300, 1), CMSFS_OK);
	CU_ASSERT_EQUAL(write_file("B", "X", 'F', 10, 1, 2), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_erase(&fs, "A", "X"), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_erase(&fs, "A", "X"), CMSFS_ENOENT);
	CU_ASSERT_EQUAL(cmsfs_erase(&fs, "B", "X"), CMSFS_OK);
	CU_ASSERT_EQUAL(used(), fs.data_start);
	CU_ASSERT_EQUAL(fs.files, 0);
	done();
}

static void test_full_disk(void)
{
	struct cmsfs_file w;
	uint32_t base;
	int rc = 0;

	fresh(512, 256);
	CU_ASSERT_EQUAL(write_file("OLD", "FILE", 'F', 80, 100, 1), CMSFS_OK);
	base = used();
	/* A new file and a new version of OLD both run out of space. */
	for (int pass = 0; pass < 2; pass++) {
		CU_ASSERT_EQUAL(cmsfs_open_write(&fs, pass ? "OLD" : "HUGE", "FILE", 'F', 512, 0,
						 &w), CMSFS_OK);
		for (int i = 0; i < 1000 && !rc; i++)
			rc = cmsfs_write(&w, rec, 512);
		CU_ASSERT_EQUAL(rc, CMSFS_EFULL);
		CU_ASSERT_EQUAL(cmsfs_write(&w, rec, 512), CMSFS_EFULL);	/* sticky */
		cmsfs_abandon(&w);
		rc = 0;
		CU_ASSERT_EQUAL(cmsfs_check(&fs), CMSFS_OK);
		CU_ASSERT_EQUAL(used(), base);
		CU_ASSERT(file_is("OLD", "FILE", 'F', 80, 100, 1));
	}
	/* Records that do not end on block boundaries. */
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "EXACT", "FILE", 'F', 100, 0, &w), CMSFS_OK);
	while (!rc)
		rc = cmsfs_write(&w, rec, 100);
	cmsfs_abandon(&w);
	CU_ASSERT_EQUAL(used(), base);
	done();
}

static void test_dir_full(void)
{
	uint32_t cap, n = 0;
	char fn[16];
	int rc;

	fresh(512, 64);
	cap = fs.dir_blocks * fs.dir_per;
	for (;;) {
		snprintf(fn, sizeof(fn), "F%u", n);
		rc = write_file(fn, "DIR", 'F', 8, 0, n);
		if (rc)
			break;
		n++;
	}
	CU_ASSERT_EQUAL(rc, CMSFS_EDIRFULL);
	CU_ASSERT_EQUAL(n, cap);
	/* Replacing an existing file still works, and an erase makes room. */
	CU_ASSERT_EQUAL(write_file("F0", "DIR", 'F', 8, 3, 1), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_erase(&fs, "F1", "DIR"), CMSFS_OK);
	CU_ASSERT_EQUAL(write_file("LAST", "DIR", 'F', 8, 3, 1), CMSFS_OK);
	done();
}

static void test_bad_args(void)
{
	struct cmsfs_file w, w2;

	fresh(512, 256);
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "lower", "X", 'F', 80, 0, &w), CMSFS_EBADNAME);
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "A", "", 'F', 80, 0, &w), CMSFS_EBADNAME);
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "NINECHARS", "X", 'F', 80, 0, &w), CMSFS_EBADNAME);
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "A", "X", 'U', 80, 0, &w), CMSFS_EINVAL);
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "A", "X", 'F', 0, 0, &w), CMSFS_EINVAL);
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "A", "X", 'V', 65536, 0, &w), CMSFS_EINVAL);
	CU_ASSERT_EQUAL(cmsfs_open_read(&fs, "A", "x", &w), CMSFS_EBADNAME);
	CU_ASSERT_EQUAL(cmsfs_open_read(&fs, "A", "X", &w), CMSFS_ENOENT);
	CU_ASSERT_EQUAL(cmsfs_stat(&fs, "A*", "X", NULL), CMSFS_EBADNAME);
	CU_ASSERT_EQUAL(cmsfs_erase(&fs, "", "X"), CMSFS_EBADNAME);
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "A", "X", 'F', 80, 0, &w), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_write(&w, rec, 79), CMSFS_EINVAL);
	CU_ASSERT_EQUAL(cmsfs_write(&w, rec, 81), CMSFS_EINVAL);
	CU_ASSERT_EQUAL(cmsfs_write(&w, rec, 80), CMSFS_OK);	/* EINVAL is not sticky */
	CU_ASSERT_EQUAL(cmsfs_read(&w, got, 80, NULL), CMSFS_EINVAL);
	/* One writer at a time; its file cannot be erased or renamed meanwhile. */
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "B", "X", 'F', 80, 0, &w2), CMSFS_EBUSY);
	CU_ASSERT_EQUAL(cmsfs_erase(&fs, "A", "X"), CMSFS_EBUSY);
	CU_ASSERT_EQUAL(write_file("B", "X", 'F', 80, 0, 0), CMSFS_EBUSY);
	CU_ASSERT_EQUAL(cmsfs_close(&w), CMSFS_OK);
	CU_ASSERT_EQUAL(write_file("B", "X", 'F', 80, 1, 0), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "A", "X", 'F', 80, 0, &w), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_rename(&fs, "A", "X", "C", "X"), CMSFS_EBUSY);
	CU_ASSERT_EQUAL(cmsfs_rename(&fs, "B", "X", "A", "X"), CMSFS_EBUSY);
	cmsfs_abandon(&w);
	done();
}

static void test_corrupt_directory(void)
{
	struct cmsfs_stat st;
	uint32_t cur = 0;
	uint8_t *d;

	fresh(512, 4096);
	CU_ASSERT_EQUAL(write_file("A", "X", 'F', 80, 10, 1), CMSFS_OK);
	d = md_blk(&md, fs.dir_start);
	/* A flipped bit: the CRC catches it on stat, list, check and mount. */
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_OK);
	d[3] ^= 0x10;
	CU_ASSERT_EQUAL(cmsfs_stat(&fs, "A", "X", NULL), CMSFS_ECORRUPT);
	CU_ASSERT_EQUAL(cmsfs_list(&fs, &cur, &st), CMSFS_ECORRUPT);
	CU_ASSERT_EQUAL(cmsfs_check(&fs), CMSFS_ECORRUPT);
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_ECORRUPT);
	d[3] ^= 0x10;
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_OK);
	/* Every byte of the directory block, each time with a valid CRC: never a crash. */
	for (uint32_t i = 0; i < 64; i++) {
		uint8_t save = d[i];
		int rc;

		cur = 0;

		d[i] ^= 0xa5;
		md_reseal(&md, fs.dir_start, TAG_DIR);
		rc = cmsfs_mount(&fs, &md.dev);
		if (rc == CMSFS_OK) {
			/* Harmless changes (time stamp, a name still valid) only. */
			while (cmsfs_list(&fs, &cur, &st) == CMSFS_OK)
				;
			rc = cmsfs_check(&fs);
			CU_ASSERT(rc == CMSFS_OK || rc == CMSFS_ECORRUPT);
		} else {
			CU_ASSERT_EQUAL(rc, CMSFS_ECORRUPT);
		}
		d[i] = save;
		md_reseal(&md, fs.dir_start, TAG_DIR);
	}
	/* Another block's directory sector copied here: wrong block number in the trailer. */
	memcpy(md_blk(&md, fs.dir_start + 1), d, 512);
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_ECORRUPT);
	md_reseal(&md, fs.dir_start + 1, TAG_DIR);
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_check(&fs), CMSFS_ECORRUPT);	/* the same file twice */
	memset(md_blk(&md, fs.dir_start + 1), 0, 512);
	md_reseal(&md, fs.dir_start + 1, TAG_DIR);
	/* A superblock or bitmap with a bad CRC. */
	md.data[20] ^= 1;
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_ECORRUPT);
	md.data[20] ^= 1;
	md_blk(&md, 1)[100] ^= 1;
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_ECORRUPT);
	md_blk(&md, 1)[100] ^= 1;
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_OK);
	CU_ASSERT(file_is("A", "X", 'F', 80, 10, 1));
	done();
}

static void test_corrupt_map(void)
{
	static const uint32_t bad[] = { 4096, 70000, 0xffffffffu, 0, 1 };
	struct cmsfs_file f;
	struct dent e;
	uint32_t slot, mapblk, save, dblk, off;
	uint8_t *m;

	fresh(512, 4096);
	CU_ASSERT_EQUAL(write_file("MAP", "X", 'F', 512, 300, 1), CMSFS_OK);
	CU_ASSERT_EQUAL_FATAL(fs_dir_find(&fs, "MAP", "X", &slot, &e), CMSFS_OK);
	CU_ASSERT_EQUAL_FATAL(e.level, 1);
	mapblk = e.first;
	m = md_blk(&md, mapblk);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		for (int which = 0; which < 2; which++) {
			/* A data pointer, then the next-map pointer, out of range. */
			uint8_t *p = which ? m : m + MAP_HDR + 4 * 5;

			if (which && bad[i] == 0)
				continue;
			save = get32(p);
			put32(p, bad[i]);
			md_reseal(&md, mapblk, TAG_MAP);
			CU_ASSERT_EQUAL(cmsfs_open_read(&fs, "MAP", "X", &f), CMSFS_OK);
			CU_ASSERT_EQUAL(cmsfs_read(&f, got, 512, NULL), CMSFS_ECORRUPT);
			CU_ASSERT_EQUAL(cmsfs_read(&f, got, 512, NULL), CMSFS_ECORRUPT);
			CU_ASSERT_EQUAL(cmsfs_close(&f), CMSFS_OK);
			CU_ASSERT_EQUAL(cmsfs_check(&fs), CMSFS_ECORRUPT);
			put32(p, save);
			md_reseal(&md, mapblk, TAG_MAP);
		}
	}
	/* A pointer to a block another file owns: only the check can tell. */
	CU_ASSERT_EQUAL(write_file("OTHER", "X", 'F', 80, 1, 2), CMSFS_OK);
	CU_ASSERT_EQUAL(fs_dir_find(&fs, "OTHER", "X", &slot, &e), CMSFS_OK);
	save = get32(m + MAP_HDR);
	put32(m + MAP_HDR, e.first);
	md_reseal(&md, mapblk, TAG_MAP);
	CU_ASSERT_EQUAL(cmsfs_check(&fs), CMSFS_ECORRUPT);
	CU_ASSERT_EQUAL(cmsfs_reclaim(&fs), CMSFS_ECORRUPT);
	put32(m + MAP_HDR, save);
	md_reseal(&md, mapblk, TAG_MAP);
	/* A directory entry pointing past the disk. */
	CU_ASSERT_EQUAL(fs_dir_find(&fs, "MAP", "X", &slot, &e), CMSFS_OK);
	dblk = fs.dir_start + slot / fs.dir_per;
	off = (slot % fs.dir_per) * DIRENT_SIZE + 32;
	e.first = 5000;
	CU_ASSERT_EQUAL(fs_dir_put(&fs, slot, &e), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_ECORRUPT);
	put32(md_blk(&md, dblk) + off, mapblk);
	md_reseal(&md, dblk, TAG_DIR);
	CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_OK);
	CU_ASSERT(file_is("MAP", "X", 'F', 512, 300, 1));
	done();
}

static int reclaims;	/* leaks found (and given back) after a failed replace */

/* One replace of A (v1 -> v2) with the Nth write failing; returns false once nothing failed. */
static bool replace_with_write_fault(unsigned long n)
{
	struct cmsfs_file w;
	bool failed = false;
	int rc;

	md.fail_write_at = md.writes + n;
	rc = cmsfs_open_write(&fs, "A", "X", 'V', 700, 2, &w);
	CU_ASSERT_EQUAL_FATAL(rc, CMSFS_OK);
	for (uint32_t i = 0; i < 40 && !rc; i++)
		rc = cmsfs_write(&w, rec, gen_rec('V', 700, 2, i, rec));
	if (rc) {
		CU_ASSERT_EQUAL(rc, CMSFS_EIO);
		cmsfs_abandon(&w);
		failed = true;
	} else if ((rc = cmsfs_close(&w)) != CMSFS_OK) {
		CU_ASSERT_EQUAL(rc, CMSFS_EIO);
		failed = true;
	}
	md.fail_write_at = 0;
	CU_ASSERT_EQUAL_FATAL(cmsfs_mount(&fs, &md.dev), CMSFS_OK);
	rc = cmsfs_check(&fs);
	if (rc) {
		/* Only a failure after the commit, freeing the old blocks, may leak them. */
		CU_ASSERT(file_is("A", "X", 'V', 700, 40, 2));
		reclaims++;
		CU_ASSERT_EQUAL(cmsfs_reclaim(&fs), CMSFS_OK);
		CU_ASSERT_EQUAL(cmsfs_check(&fs), CMSFS_OK);
	}
	CU_ASSERT(file_is("A", "X", 'V', 700, 40, 2) || file_is("A", "X", 'F', 80, 30, 1));
	return failed;
}

static void test_io_errors(void)
{
	unsigned long n;
	int leaks = 0;

	for (n = 1; n < 100; n++) {
		bool failed;
		uint32_t u;

		fresh(512, 4096);
		CU_ASSERT_EQUAL(write_file("A", "X", 'F', 80, 30, 1), CMSFS_OK);
		CU_ASSERT_EQUAL(write_file("B", "X", 'F', 80, 300, 3), CMSFS_OK);
		u = used();
		failed = replace_with_write_fault(n);
		CU_ASSERT(file_is("B", "X", 'F', 80, 300, 3));
		if (file_is("A", "X", 'F', 80, 30, 1)) {
			CU_ASSERT_EQUAL(used(), u);
		}
		leaks += cmsfs_check(&fs) != CMSFS_OK;
		md_free(&md);
		if (!failed)
			break;
	}
	CU_ASSERT(n > 10 && n < 100);
	CU_ASSERT_EQUAL(leaks, 0);
	CU_ASSERT_EQUAL(reclaims, 1);	/* the one write after the commit */
	leaks = 0;

	/* Read errors: reported, nothing changes. */
	for (n = 1; n < 200; n++) {
		struct cmsfs_file f;
		int rc;

		fresh(512, 4096);
		CU_ASSERT_EQUAL(write_file("B", "X", 'F', 80, 300, 3), CMSFS_OK);
		md.fail_read_at = md.reads + n;
		rc = cmsfs_mount(&fs, &md.dev);
		if (!rc)
			rc = cmsfs_open_read(&fs, "B", "X", &f);
		if (!rc) {
			rc = same_records(&f, 'F', 80, 300, 3) ? 0 : CMSFS_EIO;
			cmsfs_close(&f);
		}
		if (!rc)
			rc = write_file("C", "X", 'F', 80, 300, 4);
		if (!rc)
			rc = cmsfs_erase(&fs, "B", "X");
		md.fail_read_at = 0;
		CU_ASSERT(rc == CMSFS_OK || rc == CMSFS_EIO);
		CU_ASSERT_EQUAL(cmsfs_mount(&fs, &md.dev), CMSFS_OK);
		if (cmsfs_check(&fs) != CMSFS_OK) {
			/* Only erase's freeing, after B's entry is gone, may leak. */
			CU_ASSERT_EQUAL(cmsfs_stat(&fs, "B", "X", NULL), CMSFS_ENOENT);
			CU_ASSERT_EQUAL(cmsfs_reclaim(&fs), CMSFS_OK);
			CU_ASSERT_EQUAL(cmsfs_check(&fs), CMSFS_OK);
			leaks++;
		}
		md_free(&md);
		if (!rc)
			break;
	}
	CU_ASSERT(n > 50 && n < 200);
	CU_ASSERT(leaks <= 2);
}

static void test_reader_and_writer(void)
{
	struct cmsfs_file r, r2, w;
	struct cmsfs_stat st;
	size_t len;

	fresh(512, 4096);
	CU_ASSERT_EQUAL(write_file("SRC", "X", 'V', 300, 200, 1), CMSFS_OK);
	/* COPYFILE: read SRC while writing DST. */
	CU_ASSERT_EQUAL(cmsfs_open_read(&fs, "SRC", "X", &r), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_open_write(&fs, "DST", "X", 'V', 300, 5, &w), CMSFS_OK);
	while (cmsfs_read(&r, got, sizeof(got), &len) == CMSFS_OK)
		CU_ASSERT_EQUAL(cmsfs_write(&w, got, len), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_close(&w), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_close(&r), CMSFS_OK);
	CU_ASSERT(file_is("DST", "X", 'V', 300, 200, 1));

	/* EDIT: a new version of SRC committed while two readers still read the old one. */
	CU_ASSERT_EQUAL(cmsfs_open_read(&fs, "SRC", "X", &r), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_open_read(&fs, "SRC", "X", &r2), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_read(&r, got, sizeof(got), &len), CMSFS_OK);
	CU_ASSERT_EQUAL(write_file("SRC", "X", 'F', 50, 1000, 2), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_check(&fs), CMSFS_OK);
	CU_ASSERT(file_is("SRC", "X", 'F', 50, 1000, 2));
	CU_ASSERT(same_records(&r2, 'V', 300, 200, 1));
	CU_ASSERT_EQUAL(cmsfs_close(&r2), CMSFS_OK);
	/* Erasing the new version while reading it: also kept until its reader closes. */
	CU_ASSERT_EQUAL(cmsfs_open_read(&fs, "SRC", "X", &r2), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_erase(&fs, "SRC", "X"), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_check(&fs), CMSFS_OK);
	CU_ASSERT(same_records(&r2, 'F', 50, 1000, 2));
	CU_ASSERT_EQUAL(cmsfs_close(&r2), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_check(&fs), CMSFS_OK);
	/* The first reader is still on the oldest version. */
	for (uint32_t i = 1; i < 200; i++) {
		len = gen_rec('V', 300, 1, i, rec);
		CU_ASSERT_EQUAL(cmsfs_read(&r, got, sizeof(got), &len), CMSFS_OK);
		CU_ASSERT_EQUAL(memcmp(got, rec, len), 0);
	}
	CU_ASSERT_EQUAL(cmsfs_close(&r), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_stat(&fs, "SRC", "X", NULL), CMSFS_ENOENT);
	CU_ASSERT_EQUAL(cmsfs_stat(&fs, "DST", "X", &st), CMSFS_OK);
	CU_ASSERT_EQUAL(used(), fs.data_start + st.blocks);
	CU_ASSERT_EQUAL(cmsfs_erase(&fs, "DST", "X"), CMSFS_OK);
	CU_ASSERT_EQUAL(used(), fs.data_start);
	done();
}

static void test_block_sizes(void)
{
	static const uint32_t sizes[] = { 512, 1024, 2048, 4096 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		if (sizes[i] > CMSFS_MAX_BLOCK)
			continue;
		fresh(sizes[i], 8192);
		CU_ASSERT_EQUAL(write_file("F", "X", 'F', 333, 3000, 1), CMSFS_OK);
		CU_ASSERT_EQUAL(write_file("V", "X", 'V', 5000, 300, 2), CMSFS_OK);
		CU_ASSERT_EQUAL(write_file("S", "X", 'V', 10, 1, 3), CMSFS_OK);
		CU_ASSERT(file_is("F", "X", 'F', 333, 3000, 1));
		CU_ASSERT(file_is("V", "X", 'V', 5000, 300, 2));
		CU_ASSERT(file_is("S", "X", 'V', 10, 1, 3));
		CU_ASSERT_EQUAL(cmsfs_erase(&fs, "F", "X"), CMSFS_OK);
		CU_ASSERT_EQUAL(cmsfs_erase(&fs, "V", "X"), CMSFS_OK);
		CU_ASSERT_EQUAL(cmsfs_erase(&fs, "S", "X"), CMSFS_OK);
		CU_ASSERT_EQUAL(used(), fs.data_start);
		done();
	}
}

/* ---- randomized run against a model ---- */

#define MODEL_FILES 24

struct mfile {
	bool live;
	char fn[9], ft[9];
	char recfm;
	uint32_t lrecl, n, seed;
};

static uint32_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return (rng_state >> 8) % n;
}

static void test_random(void)
{
	struct mfile m[MODEL_FILES];
	uint32_t base, fulls = 0, names = 0;

	rng_state = 42;
	memset(m, 0, sizeof(m));
	for (int i = 0; i < MODEL_FILES; i++) {
		m[i].fn[0] = (char)('A' + i);
		strcpy(m[i].ft, i % 2 ? "DATA" : "TEXT");
	}
	fresh(512, 1024);
	base = used();
	for (int op = 0; op < 3000; op++) {
		struct mfile *a = &m[rnd(MODEL_FILES)], *b = &m[rnd(MODEL_FILES)];
		uint32_t k = rnd(100);
		int rc;

		if (k < 40) {
			/* Write (or replace) a: sometimes big enough to fill the disk. */
			char recfm = rnd(2) ? 'F' : 'V';
			uint32_t lrecl = 1 + rnd(rnd(4) ? 200 : 3000), n = rnd(rnd(10) ? 30 : 400);

			rc = write_file(a->fn, a->ft, recfm, lrecl, n, (uint32_t)op);
			if (rc == CMSFS_EFULL) {
				fulls++;
			} else {
				CU_ASSERT_EQUAL_FATAL(rc, CMSFS_OK);
				a->live = true;
				a->recfm = recfm;
				a->lrecl = lrecl;
				a->n = n;
				a->seed = (uint32_t)op;
			}
		} else if (k < 60) {
			rc = cmsfs_erase(&fs, a->fn, a->ft);
			CU_ASSERT_EQUAL(rc, a->live ? CMSFS_OK : CMSFS_ENOENT);
			a->live = false;
		} else if (k < 70) {
			/* To a fresh name, or onto b's (EEXIST if b exists). */
			char fn[16], ft[9];
			bool fresh_name = rnd(2);

			if (fresh_name)
				snprintf(fn, sizeof(fn), "M%u", names++);
			else
				strcpy(fn, b->fn);
			strcpy(ft, fresh_name ? a->ft : b->ft);
			rc = cmsfs_rename(&fs, a->fn, a->ft, fn, ft);
			if (!a->live) {
				CU_ASSERT_EQUAL(rc, CMSFS_ENOENT);
			} else if (rc == CMSFS_OK) {
				CU_ASSERT(fresh_name || !b->live);
				strcpy(a->fn, fn);
				strcpy(a->ft, ft);
				if (!fresh_name) {	/* b (not on disk) needs a name of its own */
					snprintf(fn, sizeof(fn), "M%u", names++);
					strcpy(b->fn, fn);
				}
			} else {
				CU_ASSERT_EQUAL(rc, CMSFS_EEXIST);
				CU_ASSERT(!fresh_name && (b->live || a == b));
			}
		} else if (k < 95) {
			if (a->live) {
				CU_ASSERT(file_is(a->fn, a->ft, a->recfm, a->lrecl, a->n, a->seed));
			} else {
				CU_ASSERT_EQUAL(cmsfs_stat(&fs, a->fn, a->ft, NULL), CMSFS_ENOENT);
			}
		} else {
			CU_ASSERT_EQUAL_FATAL(cmsfs_mount(&fs, &md.dev), CMSFS_OK);
		}
		if (op % 50 == 0)
			CU_ASSERT_EQUAL_FATAL(cmsfs_check(&fs), CMSFS_OK);
	}
	for (int i = 0; i < MODEL_FILES; i++)
		if (m[i].live) {
			CU_ASSERT(file_is(m[i].fn, m[i].ft, m[i].recfm, m[i].lrecl, m[i].n,
					  m[i].seed));
			CU_ASSERT_EQUAL(cmsfs_erase(&fs, m[i].fn, m[i].ft), CMSFS_OK);
		}
	CU_ASSERT(fulls > 0);
	CU_ASSERT_EQUAL(used(), base);
	CU_ASSERT_EQUAL(fs.files, 0);
	done();
}

/*
 * Run buffers: a 64-block buffer moves a file's data 64 blocks per device request, ACCESS
 * (cmsfs_mount_buf) reads the metadata the same way, and the result is the same file system.
 */
static uint8_t runbuf[(CMSFS_RUN_MAX + CMSFS_MAP_SLOTS) * CMSFS_RUN_BYTES(512)]
	__attribute__((aligned(8)));
#define RUNS(n) (((n) + CMSFS_RUN_MAX - 1) / CMSFS_RUN_MAX)

static void test_run_buffers(void)
{
	struct cmsfs_file f;
	struct cmsfs fs2;
	unsigned long r0, w0;
	uint32_t n = 2000, i;	/* 4096-byte records: 16000 data blocks */
	size_t len;
	int rc;

	fresh(512, 40000);
	md_lists(&md, true);
	list_reads = list_writes = list_blocks_written = list_breaks = 0;
	w0 = md.writes;
	CU_ASSERT_EQUAL_FATAL(cmsfs_open_write(&fs, "BIG", "DATA", 'F', 4096, 7, &f), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_set_buffer(&f, runbuf, sizeof(runbuf)), CMSFS_OK);
	for (i = 0; i < n; i++)
		CU_ASSERT_EQUAL(cmsfs_write(&f, rec, gen_rec('F', 4096, 7, i, rec)), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_set_buffer(&f, runbuf, sizeof(runbuf)), CMSFS_EINVAL);
	CU_ASSERT_EQUAL(cmsfs_close(&f), CMSFS_OK);
	/* 63 lists of 256 data blocks with the map blocks that filled meanwhile, each list one
	 * run of consecutive blocks (CP makes it one device transfer); outside them only the
	 * bitmap blocks and the one directory block (and a last map block that found no room).
	 * Without the run buffer: 16131 single-block writes. */
	CU_ASSERT_EQUAL(list_writes, RUNS(16000));
	CU_ASSERT_EQUAL(list_breaks, 0);
	CU_ASSERT(list_blocks_written >= 16000 + 130 && list_blocks_written <= 16000 + 131);
	CU_ASSERT(md.writes - w0 - list_blocks_written <= fs.bitmap_blocks + 2);
	/* The data blocks in the map chain: consecutive within each run. */
	{
		static uint32_t data[16000];
		uint8_t map[512];
		uint32_t nd = 0, slot;
		struct dent e;

		CU_ASSERT_EQUAL_FATAL(fs_dir_find(&fs, "BIG", "DATA", &slot, &e), CMSFS_OK);
		for (uint32_t m = e.first; m && nd < 16000; m = get32(map)) {
			CU_ASSERT_EQUAL_FATAL(fs_map_load(&fs, m, map), CMSFS_OK);
			for (uint32_t k = 0; k < get32(map + 4) && nd < 16000; k++)
				data[nd++] = get32(map + MAP_HDR + 4 * k);
		}
		CU_ASSERT_EQUAL(nd, 16000);
		for (uint32_t k = 1; k < nd; k++)
			if (k % CMSFS_RUN_MAX)
				CU_ASSERT_EQUAL(data[k], data[k - 1] + 1);
	}
	CU_ASSERT_EQUAL_FATAL(cmsfs_open_read(&fs, "BIG", "DATA", &f), CMSFS_OK);
	list_reads = 0;
	r0 = md.reads;
	CU_ASSERT_EQUAL(cmsfs_set_buffer(&f, runbuf, sizeof(runbuf)), CMSFS_OK);
	for (i = 0; (rc = cmsfs_read(&f, got, sizeof(got), &len)) == CMSFS_OK; i++) {
		CU_ASSERT_EQUAL(len, gen_rec('F', 4096, 7, i, rec));
		CU_ASSERT(!memcmp(got, rec, len));
	}
	CU_ASSERT_EQUAL(rc, CMSFS_EOF);
	CU_ASSERT_EQUAL(i, n);
	CU_ASSERT_EQUAL(list_reads, RUNS(16000));
	CU_ASSERT_EQUAL(md.reads - r0, 16000 + 131);	/* every data block once, the maps */
	CU_ASSERT_EQUAL(cmsfs_close(&f), CMSFS_OK);
	/* A reader without a run buffer sees the same records. */
	md_lists(&md, false);
	CU_ASSERT(file_is("BIG", "DATA", 'F', 4096, n, 7));

	/* Mount with a run buffer: 1 + 11 bitmap + 715 directory blocks in 3 requests. */
	md_lists(&md, true);
	list_reads = 0;
	r0 = md.reads;
	CU_ASSERT_EQUAL(cmsfs_mount_buf(&fs2, &md.dev, runbuf, sizeof(runbuf)), CMSFS_OK);
	CU_ASSERT_EQUAL(list_reads, RUNS(1 + fs2.bitmap_blocks + fs2.dir_blocks));
	CU_ASSERT_EQUAL(md.reads - r0, fs2.data_start);	/* each metadata block once */
	CU_ASSERT_EQUAL(fs2.files, 1);
	CU_ASSERT_EQUAL(fs2.blocks_used, fs.blocks_used);
	CU_ASSERT_EQUAL(fs2.dir_hwm, 1);
	/* Block 0 of the bitmap and of the directory stay in storage: a lookup reads nothing. */
	r0 = md.reads;
	CU_ASSERT_EQUAL(cmsfs_stat(&fs2, "BIG", "DATA", NULL), CMSFS_OK);
	CU_ASSERT_EQUAL(md.reads, r0);
	md_lists(&md, false);
	/* A damaged directory block is found with or without the buffer. */
	md_blk(&md, fs.dir_start + 300)[5] ^= 1;
	CU_ASSERT_EQUAL(cmsfs_mount_buf(&fs2, &md.dev, runbuf, sizeof(runbuf)), CMSFS_ECORRUPT);
	CU_ASSERT_EQUAL(cmsfs_mount(&fs2, &md.dev), CMSFS_ECORRUPT);
	md_blk(&md, fs.dir_start + 300)[5] ^= 1;
	done();
}

/*
 * Crash consistency ("nothing acknowledged is lost"): run one operation with every write
 * journaled, then replay the journal onto the disk as it was before, one write at a time, as
 * if the machine stopped after each write. At every instant the disk must mount, hold either
 * the old state or the new one (never a mix, and never the old again once the new was seen),
 * leave every other file intact, and check clean, or clean after cmsfs_reclaim when the only
 * damage is leaked blocks (a crash between marking blocks and the commit, or between the
 * commit and freeing the old version).
 */
typedef int (*crash_view)(void);	/* 0: the old state, 1: the new one, -1: neither */

static int crash_leaks;

static void crash_run(void (*op)(void), crash_view view, const char *what)
{
	size_t bs = md.dev.block_size, size = (size_t)md.dev.blocks * bs;
	uint8_t *live = md.data, *disk = malloc(size), *scratch = malloc(size);
	int seen[2] = { 0, 0 }, last = 0;

	CU_ASSERT_FATAL(disk && scratch);
	memcpy(disk, live, size);
	njrnl = 0;
	journaling = true;
	op();
	journaling = false;
	CU_ASSERT_FATAL(njrnl > 0);
	for (size_t k = 0; k <= njrnl; k++) {
		int v;

		if (k)
			memcpy(disk + (size_t)jrnl[k - 1].blk * bs, jrnl[k - 1].data, bs);
		md.data = disk;
		CU_ASSERT_EQUAL_FATAL(cmsfs_mount(&fs, &md.dev), CMSFS_OK);
		v = view();
		if (v < 0 || v < last)
			fprintf(stderr, "\n%s: after write %zu of %zu: state %d (was %d)\n", what, k,
				njrnl, v, last);
		CU_ASSERT(v >= last);
		if (v < 0)
			continue;
		seen[v]++;
		last = v;
		if (cmsfs_check(&fs) != CMSFS_OK) {
			crash_leaks++;
			memcpy(scratch, disk, size);
			md.data = scratch;
			CU_ASSERT_EQUAL_FATAL(cmsfs_mount(&fs, &md.dev), CMSFS_OK);
			CU_ASSERT_EQUAL(cmsfs_reclaim(&fs), CMSFS_OK);
			CU_ASSERT_EQUAL(cmsfs_check(&fs), CMSFS_OK);
			CU_ASSERT_EQUAL(view(), v);
			/* Only leaks: reclaim set no bit, so no owned block was ever marked free. */
			for (uint32_t b = 0; b < fs.bitmap_blocks; b++) {
				size_t off = (size_t)(fs.bitmap_start + b) * bs;

				for (size_t i = 0; i < bs - TRAILER; i++)
					CU_ASSERT_EQUAL(scratch[off + i] & ~disk[off + i], 0);
			}
		}
	}
	CU_ASSERT(seen[0] > 0 && seen[1] > 0);
	CU_ASSERT_EQUAL(last, 1);
	CU_ASSERT(!memcmp(disk, live, size));	/* the journal replayed is the disk */
	for (size_t k = 0; k < njrnl; k++)
		free(jrnl[k].data);
	md.data = live;
	CU_ASSERT_EQUAL_FATAL(cmsfs_mount(&fs, &md.dev), CMSFS_OK);
	free(disk);
	free(scratch);
}

/* The files every crash state must keep: B (V), C (the filler that pushes allocations past the
 * first bitmap block), and A in its old or new version as each test says. */
static bool others_intact(void)
{
	return file_is("B", "X", 'V', 300, 500, 3) && file_is("C", "X", 'F', 512, 3450, 4);
}

static bool a_old(void)
{
	return file_is("A", "X", 'F', 80, 30, 1);
}

static bool a_new(void)
{
	return file_is("A", "X", 'F', 512, 400, 5);
}

static int view_replace(void)
{
	if (!others_intact())
		return -1;
	return a_old() ? 0 : a_new() ? 1 : -1;
}

static void op_replace(void)
{
	CU_ASSERT_EQUAL(write_file("A", "X", 'F', 512, 400, 5), CMSFS_OK);
}

static void op_create(void)
{
	CU_ASSERT_EQUAL(write_file("D", "X", 'F', 512, 400, 5), CMSFS_OK);
}

static int view_create(void)
{
	if (!others_intact() || !a_old())
		return -1;
	if (cmsfs_stat(&fs, "D", "X", NULL) == CMSFS_ENOENT)
		return 0;
	return file_is("D", "X", 'F', 512, 400, 5) ? 1 : -1;
}

/* COPYFILE B X = E X, as cms/files.c copies: read B's records, write them as E's. */
static void op_copy(void)
{
	struct cmsfs_file in, out;
	size_t len;
	int rc;

	CU_ASSERT_EQUAL_FATAL(cmsfs_open_read(&fs, "B", "X", &in), CMSFS_OK);
	CU_ASSERT_EQUAL_FATAL(cmsfs_open_write(&fs, "E", "X", 'V', 300, 9, &out), CMSFS_OK);
	while ((rc = cmsfs_read(&in, rec, sizeof(rec), &len)) == CMSFS_OK)
		CU_ASSERT_EQUAL(cmsfs_write(&out, rec, len), CMSFS_OK);
	CU_ASSERT_EQUAL(rc, CMSFS_EOF);
	CU_ASSERT_EQUAL(cmsfs_close(&in), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_close(&out), CMSFS_OK);
}

/* The same with run buffers on a device that takes lists: each list's writes are journaled one
 * by one, so the replay stops inside a list too. */
static void op_copy_runs(void)
{
	static uint8_t inbuf[128 * CMSFS_RUN_BYTES(512)] __attribute__((aligned(8)));
	static uint8_t outbuf[128 * CMSFS_RUN_BYTES(512)] __attribute__((aligned(8)));
	struct cmsfs_file in, out;
	unsigned long lw = list_writes;
	size_t len;
	int rc;

	md_lists(&md, true);
	CU_ASSERT_EQUAL_FATAL(cmsfs_open_read(&fs, "B", "X", &in), CMSFS_OK);
	CU_ASSERT_EQUAL_FATAL(cmsfs_open_write(&fs, "E", "X", 'V', 300, 9, &out), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_set_buffer(&in, inbuf, sizeof(inbuf)), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_set_buffer(&out, outbuf, sizeof(outbuf)), CMSFS_OK);
	while ((rc = cmsfs_read(&in, rec, sizeof(rec), &len)) == CMSFS_OK)
		CU_ASSERT_EQUAL(cmsfs_write(&out, rec, len), CMSFS_OK);
	CU_ASSERT_EQUAL(rc, CMSFS_EOF);
	CU_ASSERT_EQUAL(cmsfs_close(&in), CMSFS_OK);
	CU_ASSERT_EQUAL(cmsfs_close(&out), CMSFS_OK);
	CU_ASSERT(list_writes - lw >= 2);	/* B's 300 blocks went in lists */
	md_lists(&md, false);
}

static int view_copy(void)
{
	if (!others_intact() || !a_old())
		return -1;
	if (cmsfs_stat(&fs, "E", "X", NULL) == CMSFS_ENOENT)
		return 0;
	return file_is("E", "X", 'V', 300, 500, 3) ? 1 : -1;
}

static void op_rename(void)
{
	CU_ASSERT_EQUAL(cmsfs_rename(&fs, "A", "X", "R", "Y"), CMSFS_OK);
}

static int view_rename(void)
{
	bool a = cmsfs_stat(&fs, "A", "X", NULL) == CMSFS_OK;
	bool r = cmsfs_stat(&fs, "R", "Y", NULL) == CMSFS_OK;

	if (!others_intact() || a == r)
		return -1;
	if (a)
		return a_old() ? 0 : -1;
	return file_is("R", "Y", 'F', 80, 30, 1) ? 1 : -1;
}

static void op_erase(void)
{
	CU_ASSERT_EQUAL(cmsfs_erase(&fs, "C", "X"), CMSFS_OK);
}

static int view_erase(void)
{
	if (!file_is("B", "X", 'V', 300, 500, 3) || !a_old())
		return -1;
	if (cmsfs_stat(&fs, "C", "X", NULL) == CMSFS_ENOENT)
		return 1;
	return file_is("C", "X", 'F', 512, 3450, 4) ? 0 : -1;
}

static void test_crash_after_each_write(void)
{
	static const struct {
		const char *what;
		void (*op)(void);
		crash_view view;
	} ops[] = {
		{ "replace (FILE)", op_replace, view_replace },
		{ "new file (FILE)", op_create, view_create },
		{ "COPYFILE", op_copy, view_copy },
		{ "COPYFILE, run buffers", op_copy_runs, view_copy },
		{ "RENAME", op_rename, view_rename },
		{ "ERASE", op_erase, view_erase },
	};

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		fresh(512, 9000);
		CU_ASSERT_EQUAL(fs.bitmap_blocks, 3);
		CU_ASSERT_EQUAL(write_file("B", "X", 'V', 300, 500, 3), CMSFS_OK);
		CU_ASSERT_EQUAL(write_file("C", "X", 'F', 512, 3450, 4), CMSFS_OK);
		CU_ASSERT_EQUAL(write_file("A", "X", 'F', 80, 30, 1), CMSFS_OK);
		crash_run(ops[i].op, ops[i].view, ops[i].what);
		done();
	}
	free(jrnl);
	jrnl = NULL;
	jcap = njrnl = 0;
	/* Leaks only in the short windows around each commit. */
	CU_ASSERT(crash_leaks > 0 && crash_leaks <= 14);
}

UNIT_SUITE(cmsfs, UNIT_CASE(test_crc_and_names), UNIT_CASE(test_struct_sizes),
	   UNIT_CASE(test_format_mount), UNIT_CASE(test_unformatted),
	   UNIT_CASE(test_fixed_records), UNIT_CASE(test_variable_records),
	   UNIT_CASE(test_tiny_files), UNIT_CASE(test_big_file), UNIT_CASE(test_list),
	   UNIT_CASE(test_replace), UNIT_CASE(test_abandon), UNIT_CASE(test_rename),
	   UNIT_CASE(test_erase), UNIT_CASE(test_full_disk), UNIT_CASE(test_dir_full),
	   UNIT_CASE(test_bad_args), UNIT_CASE(test_corrupt_directory),
	   UNIT_CASE(test_corrupt_map), UNIT_CASE(test_io_errors),
	   UNIT_CASE(test_reader_and_writer), UNIT_CASE(test_block_sizes),
	   UNIT_CASE(test_random), UNIT_CASE(test_run_buffers),
	   UNIT_CASE(test_crash_after_each_write))

UNIT_MAIN(UNIT_REG(cmsfs))
