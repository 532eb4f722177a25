/*
 * Unit tests for vm64disk's CMS-file subcommands (tools/vm64disk/cmsfile.c) and the text
 * records they share with CMS (cms/text.c): host -> image -> host round trips of F and V text
 * and binary files, the records as CMS's own file system code reads them off the image (EBCDIC
 * 1047, blank padding), a file written as CMS's EDIT writes it copied out by the tool, format
 * refusing to overwrite, list and check output, the extent staying inside its blocks, and the
 * errors: missing host file, extent beyond the image, bad fileid, unformatted extent, a line
 * longer than LRECL, an image locked by another program.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cunit_main.h"

#include <cms/cmsfs.h>
#include <cms/text.h>

#include "../../tools/vm64disk/cmsfile.h"

#define IMG_BLOCKS 8192
#define START	   "1000"
#define COUNT	   "2048"

static char dir[64], img[96], host[96], back[96];
static char *out_text, *err_text;

typedef int (*subcmd)(int argc, char **argv, FILE *out, FILE *err);

/* Run a subcommand with the NULL-terminated words after its name; output in out_text/err_text. */
static int vd(subcmd fn, const char *name, ...)
{
	char *argv[16];
	size_t olen, elen;
	FILE *out, *err;
	va_list ap;
	int argc = 0, rc;

	argv[argc++] = (char *)name;
	va_start(ap, name);
	for (char *w; (w = va_arg(ap, char *)) != NULL;)
		argv[argc++] = w;
	va_end(ap);
	argv[argc] = NULL;
	free(out_text);
	free(err_text);
	out = open_memstream(&out_text, &olen);
	err = open_memstream(&err_text, &elen);
	CU_ASSERT_FATAL(out && err);
	rc = fn(argc, argv, out, err);
	fclose(out);
	fclose(err);
	return rc;
}

static void put_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	CU_ASSERT_FATAL(f != NULL);
	CU_ASSERT_EQUAL(fwrite(data, 1, len, f), len);
	fclose(f);
}

/* The whole file; *len set. */
static char *get_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	CU_ASSERT_FATAL(f != NULL);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	p = malloc((size_t)n + 1);
	CU_ASSERT_FATAL(p != NULL);
	CU_ASSERT_EQUAL(fread(p, 1, (size_t)n, f), (size_t)n);
	p[n] = 0;
	fclose(f);
	*len = (size_t)n;
	return p;
}

/* The file copied out (back) is want_len bytes of want. */
static void check_back(const void *want, size_t want_len)
{
	size_t len;
	char *got = get_file(back, &len);

	CU_ASSERT_EQUAL(len, want_len);
	CU_ASSERT(!memcmp(got, want, want_len));
	free(got);
}

/* A fresh image of IMG_BLOCKS blocks of 0xE5, with a CMS file system on START COUNT. */
static void fresh(void)
{
	static uint8_t fill[512];

	memset(fill, 0xe5, sizeof(fill));
	snprintf(dir, sizeof(dir), "/tmp/vm64disk-test-XXXXXX");
	CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
	snprintf(img, sizeof(img), "%s/vol.img", dir);
	snprintf(host, sizeof(host), "%s/host.txt", dir);
	snprintf(back, sizeof(back), "%s/back.txt", dir);
	{
		FILE *f = fopen(img, "wb");

		CU_ASSERT_FATAL(f != NULL);
		for (int i = 0; i < IMG_BLOCKS; i++)
			fwrite(fill, 1, sizeof(fill), f);
		fclose(f);
	}
	CU_ASSERT_EQUAL_FATAL(vd(cmsfile_format, "format", img, START, COUNT, "TST191", NULL), 0);
}

/* Every byte outside the extent is still 0xE5; remove the directory. */
static void done(void)
{
	size_t len;
	char *p = get_file(img, &len);
	size_t lo = (size_t)atoi(START) * 512, hi = lo + (size_t)atoi(COUNT) * 512;
	size_t bad = 0;

	CU_ASSERT_EQUAL(len, (size_t)IMG_BLOCKS * 512);
	for (size_t i = 0; i < len; i++)
		if ((i < lo || i >= hi) && (uint8_t)p[i] != 0xe5)
			bad++;
	CU_ASSERT_EQUAL(bad, 0);
	free(p);
	CU_ASSERT_EQUAL(vd(cmsfile_check, "check", img, START, COUNT, NULL), 0);
	unlink(img);
	unlink(host);
	unlink(back);
	rmdir(dir);
}

/* ---- CMS's view of the image: the file system code CMS runs, over the same extent ---- */

struct fdev {
	struct blkdev dev;
	int fd;
};

static int fd_read(struct blkdev *d, uint32_t b, void *buf)
{
	struct fdev *f = d->ctx;

	return pread(f->fd, buf, 512, ((off_t)atoi(START) + b) * 512) == 512 ? 0 : -1;
}

static int fd_write(struct blkdev *d, uint32_t b, const void *buf)
{
	struct fdev *f = d->ctx;

	return pwrite(f->fd, buf, 512, ((off_t)atoi(START) + b) * 512) == 512 ? 0 : -1;
}

static struct fdev cdev;
static struct cmsfs cfs;

static void cms_mount(void)
{
	cdev.fd = open(img, O_RDWR);
	CU_ASSERT_FATAL(cdev.fd >= 0);
	cdev.dev = (struct blkdev){ .block_size = 512, .blocks = (uint32_t)atoi(COUNT),
				    .read = fd_read, .write = fd_write, .ctx = &cdev };
	CU_ASSERT_EQUAL_FATAL(cmsfs_mount(&cfs, &cdev.dev), CMSFS_OK);
}

static void cms_unmount(void)
{
	close(cdev.fd);
}

/* Record @n of a file as CMS reads it; its length, or -1. */
static long cms_record(const char *fn, const char *ft, uint32_t n, uint8_t *rec, size_t size)
{
	struct cmsfs_file f;
	size_t len = 0;
	int e = cmsfs_open_read(&cfs, fn, ft, &f);

	if (e)
		return -1;
	for (uint32_t i = 0; !e && i <= n; i++)
		e = cmsfs_read(&f, rec, size, &len);
	cmsfs_close(&f);
	return e ? -1 : (long)len;
}

/* ---- tests ---- */

static void test_text_v_round_trip(void)
{
	static const char in[] = "PROFILE EXEC: [brackets] ^caret \xe9t\xe9\n"
				 "\n"
				 "\tindented\ttab\n"
				 "dos line\r\n"
				 "trailing blanks   \n"
				 "no newline at the end";
	static const char want[] = "PROFILE EXEC: [brackets] ^caret \xe9t\xe9\n"
				   "\n"
				   "        indented        tab\n"
				   "dos line\n"
				   "trailing blanks   \n"
				   "no newline at the end\n";
	struct cmsfs_stat st;
	uint8_t rec[128];

	fresh();
	put_file(host, in, sizeof(in) - 1);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "profile exec",
			   NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out_text, "PROFILE EXEC copied in: RECFM V LRECL 35, 6 records"));
	CU_ASSERT_EQUAL(vd(cmsfile_copyout, "copyout", img, START, COUNT, "PROFILE EXEC", back,
			   NULL), 0);
	check_back(want, sizeof(want) - 1);

	/* As CMS sees it: V records of the lines' lengths, EBCDIC 1047. */
	cms_mount();
	CU_ASSERT_EQUAL(cmsfs_stat(&cfs, "PROFILE", "EXEC", &st), CMSFS_OK);
	CU_ASSERT_EQUAL(st.recfm, 'V');
	CU_ASSERT_EQUAL(st.records, 6);
	CU_ASSERT_EQUAL(cms_record("PROFILE", "EXEC", 0, rec, sizeof(rec)), 35);
	CU_ASSERT_EQUAL(rec[0], 0xd7);		/* P */
	CU_ASSERT_EQUAL(rec[14], 0xad);		/* [ in 1047 (0xba in 037) */
	CU_ASSERT_EQUAL(rec[23], 0xbd);		/* ] */
	CU_ASSERT_EQUAL(rec[25], 0x5f);		/* ^ in 1047 (0xb0 in 037) */
	CU_ASSERT_EQUAL(rec[32], 0x51);		/* e acute */
	CU_ASSERT_EQUAL(cms_record("PROFILE", "EXEC", 1, rec, sizeof(rec)), 0);
	CU_ASSERT_EQUAL(cms_record("PROFILE", "EXEC", 4, rec, sizeof(rec)), 18);
	CU_ASSERT_EQUAL(rec[17], 0x40);
	cms_unmount();
	done();
}

static void test_text_f_round_trip(void)
{
	static const char in[] = "short\nexactly twenty chars\n\nx   \n";
	static const char want[] = "short\nexactly twenty chars\n\nx\n";
	struct cmsfs_stat st;
	uint8_t rec[64];

	fresh();
	put_file(host, in, sizeof(in) - 1);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "DATA FILE",
			   "--recfm", "F", "--lrecl", "20", NULL), 0);
	CU_ASSERT_EQUAL(vd(cmsfile_copyout, "copyout", img, START, COUNT, "data file", back,
			   NULL), 0);
	check_back(want, sizeof(want) - 1);
	cms_mount();
	CU_ASSERT_EQUAL(cmsfs_stat(&cfs, "DATA", "FILE", &st), CMSFS_OK);
	CU_ASSERT_EQUAL(st.recfm, 'F');
	CU_ASSERT_EQUAL(st.lrecl, 20);
	CU_ASSERT_EQUAL(st.records, 4);
	CU_ASSERT_EQUAL(cms_record("DATA", "FILE", 0, rec, sizeof(rec)), 20);
	CU_ASSERT(!memcmp(rec, "\xa2\x88\x96\x99\xa3", 5));	/* "short" */
	for (int i = 5; i < 20; i++)
		CU_ASSERT_EQUAL(rec[i], CMS_TEXT_BLANK);
	/* TYPE's view: the same lines, trailing blanks stripped. */
	CU_ASSERT_EQUAL(cms_rec_to_text(rec, 20, true, (char *)rec), 5);
	CU_ASSERT_STRING_EQUAL((char *)rec, "short");
	cms_unmount();

	/* A line longer than LRECL: nothing is copied, the old version stays. */
	put_file(host, "ok\nthis line is longer than twenty\n", 35);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "DATA FILE",
			   "--recfm", "F", "--lrecl", "20", NULL), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err_text, ":2: line is 31 characters, longer than LRECL 20"));
	cms_mount();
	CU_ASSERT_EQUAL(cmsfs_stat(&cfs, "DATA", "FILE", &st), CMSFS_OK);
	CU_ASSERT_EQUAL(st.records, 4);
	cms_unmount();
	/* F with no LRECL: 80. */
	put_file(host, "a\n", 2);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "F80 FILE",
			   "--recfm", "f", NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out_text, "RECFM F LRECL 80, 1 records"));
	done();
}

static void test_binary_round_trip(void)
{
	uint8_t data[1000], rec[128];
	struct cmsfs_stat st;
	size_t len;
	char *got;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 37 + (i >> 3));
	data[0] = '\n';
	data[1] = 0x40;
	fresh();
	put_file(host, data, sizeof(data));
	/* F 80: 13 records, the last padded with X'00'; copied out whole. */
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "BIN FILE",
			   "--binary", NULL), 0);
	CU_ASSERT_EQUAL(vd(cmsfile_copyout, "copyout", img, START, COUNT, "BIN FILE", back,
			   "--binary", NULL), 0);
	got = get_file(back, &len);
	CU_ASSERT_EQUAL(len, 1040);
	CU_ASSERT(!memcmp(got, data, sizeof(data)));
	for (size_t i = sizeof(data); i < len; i++)
		CU_ASSERT_EQUAL(got[i], 0);
	free(got);
	cms_mount();
	CU_ASSERT_EQUAL(cmsfs_stat(&cfs, "BIN", "FILE", &st), CMSFS_OK);
	CU_ASSERT(st.recfm == 'F' && st.lrecl == 80 && st.records == 13);
	CU_ASSERT_EQUAL(cms_record("BIN", "FILE", 0, rec, sizeof(rec)), 80);
	CU_ASSERT(!memcmp(rec, data, 80));	/* not translated */
	cms_unmount();

	/* V with LRECL 100: the exact length comes back. */
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "BIN V",
			   "--binary", "--recfm", "V", "--lrecl", "100", NULL), 0);
	CU_ASSERT_EQUAL(vd(cmsfile_copyout, "copyout", img, START, COUNT, "BIN V", back,
			   "--binary", NULL), 0);
	check_back(data, sizeof(data));

	/* An empty file: no records, and nothing comes back. */
	put_file(host, "", 0);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "EMPTY FILE",
			   "--binary", NULL), 0);
	CU_ASSERT_EQUAL(vd(cmsfile_copyout, "copyout", img, START, COUNT, "EMPTY FILE", back,
			   NULL), 0);
	got = get_file(back, &len);
	CU_ASSERT_EQUAL(len, 0);
	free(got);

	/* A big file: a map chain, copied in over an existing version. */
	{
		size_t n = 300000;
		uint8_t *big = malloc(n);

		CU_ASSERT_FATAL(big != NULL);
		for (size_t i = 0; i < n; i++)
			big[i] = (uint8_t)(i ^ (i >> 9));
		put_file(host, big, n);
		for (int k = 0; k < 2; k++)
			CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host,
					   "BIN V", "--binary", "--recfm", "V", "--lrecl", "4096",
					   NULL), 0);
		CU_ASSERT_EQUAL(vd(cmsfile_copyout, "copyout", img, START, COUNT, "BIN V", back,
				   "--binary", NULL), 0);
		check_back(big, n);
		free(big);
	}
	done();
}

/* A file written as CMS's EDIT writes one (F 80, cms_text_to_rec), read by the tool. */
static void test_cms_written_file(void)
{
	static const char *lines[] = { "/* a REXX exec */", "say 'a[1] = ^x'", "" };
	struct cmsfs_file f;
	uint8_t rec[80];
	size_t len;
	char *got;

	fresh();
	cms_mount();
	CU_ASSERT_EQUAL_FATAL(cmsfs_open_write(&cfs, "HELLO", "EXEC", 'F', 80, 1, &f), CMSFS_OK);
	for (int i = 0; i < 3; i++) {
		CU_ASSERT_EQUAL(cms_text_to_rec('F', 80, lines[i], strlen(lines[i]), rec, &len), 0);
		CU_ASSERT_EQUAL(len, 80);
		CU_ASSERT_EQUAL(cmsfs_write(&f, rec, len), CMSFS_OK);
	}
	CU_ASSERT_EQUAL(cmsfs_close(&f), CMSFS_OK);
	cms_unmount();
	CU_ASSERT_EQUAL(vd(cmsfile_copyout, "copyout", img, START, COUNT, "hello exec", back,
			   NULL), 0);
	got = get_file(back, &len);
	CU_ASSERT_STRING_EQUAL(got, "/* a REXX exec */\nsay 'a[1] = ^x'\n\n");
	free(got);
	CU_ASSERT_EQUAL(vd(cmsfile_list, "list", img, START, COUNT, NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out_text, "HELLO    EXEC     F          80          3        1 "));
	/* A line longer than LRECL is refused by the shared conversion. */
	CU_ASSERT_EQUAL(cms_text_to_rec('V', 3, "abcd", 4, rec, &len), -1);
	done();
}

static void test_format_and_list(void)
{
	fresh();
	/* A CMS file system is there: refused without --force, files kept. */
	put_file(host, "x\n", 2);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "KEEP ME", NULL), 0);
	CU_ASSERT_EQUAL(vd(cmsfile_format, "format", img, START, COUNT, NULL), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err_text, "already hold a CMS file system; --force"));
	CU_ASSERT_EQUAL(vd(cmsfile_list, "list", img, START, COUNT, NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out_text, "TST191   512      1"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out_text, "\nKEEP     ME       V           1          1        1 "));
	CU_ASSERT_EQUAL(vd(cmsfile_format, "format", img, START, COUNT, "new", "--force", NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out_text, "blocks 1000-3047 formatted: label NEW, 2048 blocks"));
	CU_ASSERT_EQUAL(vd(cmsfile_list, "list", img, START, COUNT, NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out_text, "NEW      512      0"));
	CU_ASSERT_PTR_NULL(strstr(out_text, "KEEP"));
	/* Bad labels and too small an extent. */
	CU_ASSERT_EQUAL(vd(cmsfile_format, "format", img, START, COUNT, "TOOLONG", "--force",
			   NULL), 2);
	CU_ASSERT_EQUAL(vd(cmsfile_format, "format", img, START, COUNT, "A.B", "--force", NULL), 2);
	CU_ASSERT_EQUAL(vd(cmsfile_format, "format", img, "5000", "4", NULL), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err_text, "too few"));
	done();
}

static void test_errors(void)
{
	fresh();
	/* Missing host file, missing CMS file. */
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, "/nonexistent/x", "A B",
			   NULL), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err_text, "/nonexistent/x: No such file"));
	CU_ASSERT_EQUAL(vd(cmsfile_copyout, "copyout", img, START, COUNT, "NO FILE", back, NULL),
			1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err_text, "NO FILE: file not found"));
	CU_ASSERT_EQUAL(access(back, F_OK), -1);	/* no empty host file left */
	/* Bad fileids. */
	put_file(host, "x\n", 2);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "ONEWORD", NULL), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err_text, "invalid fileid"));
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "A B C", NULL), 1);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "NINECHARS X",
			   NULL), 1);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "A.B X", NULL), 1);
	CU_ASSERT_EQUAL(vd(cmsfile_copyout, "copyout", img, START, COUNT, "A", back, NULL), 1);
	/* Extents beyond the image, zero or bad numbers. */
	CU_ASSERT_EQUAL(vd(cmsfile_list, "list", img, "8000", "193", NULL), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err_text, "extent 8000-8192 is beyond the end"));
	CU_ASSERT_EQUAL(vd(cmsfile_format, "format", img, "8000", "193", NULL), 1);
	CU_ASSERT_EQUAL(vd(cmsfile_list, "list", img, "0", "0", NULL), 1);
	CU_ASSERT_EQUAL(vd(cmsfile_list, "list", img, "-1", "10", NULL), 1);
	CU_ASSERT_EQUAL(vd(cmsfile_list, "list", img, "x", "10", NULL), 1);
	/* An extent with no file system on it; a missing image. */
	CU_ASSERT_EQUAL(vd(cmsfile_list, "list", img, "0", "100", NULL), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err_text, "no CMS file system here"));
	CU_ASSERT_EQUAL(vd(cmsfile_list, "list", "/nonexistent.img", "0", "100", NULL), 1);
	/* Usage errors. */
	CU_ASSERT_EQUAL(vd(cmsfile_list, "list", img, START, NULL), 2);
	CU_ASSERT_EQUAL(vd(cmsfile_list, "list", img, START, COUNT, "extra", NULL), 2);
	CU_ASSERT_EQUAL(vd(cmsfile_list, "list", img, START, COUNT, "--force", NULL), 2);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "A B", "--recfm",
			   "U", NULL), 2);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "A B", "--lrecl",
			   "0", NULL), 2);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "A B", "--lrecl",
			   "65536", NULL), 2);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "A B", "--lrecl",
			   NULL), 2);
	/* Nothing of the above left a file behind. */
	CU_ASSERT_EQUAL(vd(cmsfile_list, "list", img, START, COUNT, NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out_text, "TST191   512      0"));
	done();
}

/* Another program holds the image (as QEMU locks its disks): the tool refuses it. */
static void test_locked_image(void)
{
	struct flock lk = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
	int fd;

	fresh();
	fd = open(img, O_RDONLY);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL_FATAL(fcntl(fd, F_OFD_SETLK, &lk), 0);
	put_file(host, "x\n", 2);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "A B", NULL), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err_text, "in use by another program"));
	CU_ASSERT_EQUAL(vd(cmsfile_list, "list", img, START, COUNT, NULL), 0);	/* reads share */
	close(fd);
	CU_ASSERT_EQUAL(vd(cmsfile_copyin, "copyin", img, START, COUNT, host, "A B", NULL), 0);
	done();
}

UNIT_SUITE(vm64disk, UNIT_CASE(test_text_v_round_trip), UNIT_CASE(test_text_f_round_trip),
	   UNIT_CASE(test_binary_round_trip), UNIT_CASE(test_cms_written_file),
	   UNIT_CASE(test_format_and_list), UNIT_CASE(test_errors), UNIT_CASE(test_locked_image))

UNIT_MAIN(UNIT_REG(vm64disk))
