/*
 * vm64disk's CMS-file subcommands: a CMS file system on an extent of a volume image, reached
 * through the same portable code CMS runs (cms/fs/) over a struct blkdev that reads and writes
 * the image file, so what the tool writes is exactly what CMS reads.
 *
 * The extent is START COUNT in 512-byte device blocks (FBA blocks; a virtio-blk disk's
 * sectors). CMS formats its disks with 512-byte blocks (cms/disks.c) and reaches them with
 * DIAGNOSE X'250' at that block size, so CMS block n of the extent is device block START + n;
 * the file system's block size is CMSFILE_BLOCK below, a multiple of the device block.
 *
 * Text files are converted with cms/text.c, the functions EDIT and TYPE use: each host line
 * (Latin-1 bytes; its "\n" and a "\r" before it dropped; tabs expanded to every 8th column)
 * becomes one EBCDIC 1047 record. RECFM V keeps each line's length; RECFM F pads with EBCDIC
 * blanks to LRECL and refuses the whole file if a line is longer. Copied out, each record
 * becomes a line; an F record loses its trailing blanks.
 *
 * Binary files are fixed records of LRECL (default 80) bytes, unconverted; the last record is
 * padded with X'00', and copyout --binary writes every record whole, so a file comes back
 * rounded up to a multiple of LRECL. With --recfm V the records are up to LRECL bytes and the
 * last one is short: the exact length comes back.
 *
 * The image is locked (an OFD lock over the whole file) while the tool works on it; QEMU locks
 * its disk images the same way, so a running QEMU makes the tool refuse. Hercules takes no
 * lock: work on a volume only while the system is down.
 *
 * Tests: tests/unit/test_vm64disk.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cms/cmsfs.h>
#include <cms/text.h>

#include "cmsfile.h"

#define DEV_BLOCK	512	/* bytes per device block: the unit of START and COUNT */
#define CMSFILE_BLOCK	512	/* the CMS file system's block size, as CMS formats */
#define DEFAULT_LABEL	"CMS"
#define BINARY_LRECL	80
#define TEXT_F_LRECL	80
#define TAB_STOP	8
/* TOD clock (bit 51 = 1 microsecond) at the Unix epoch: 70 years after 1900, 17 leap days. */
#define TOD_UNIX_EPOCH_S 2208988800ull

/* An open image extent as a block device. */
struct image {
	struct blkdev dev;
	int fd;
	off_t base;		/* byte offset of the extent's first block */
	uint32_t start, count;	/* the extent, in device blocks */
	const char *path;
};

static int img_read(struct blkdev *dev, uint32_t block, void *buf)
{
	struct image *img = dev->ctx;
	off_t at = img->base + (off_t)block * dev->block_size;

	return pread(img->fd, buf, dev->block_size, at) == (ssize_t)dev->block_size ? 0 : -1;
}

static int img_write(struct blkdev *dev, uint32_t block, const void *buf)
{
	struct image *img = dev->ctx;
	off_t at = img->base + (off_t)block * dev->block_size;

	return pwrite(img->fd, buf, dev->block_size, at) == (ssize_t)dev->block_size ? 0 : -1;
}

/* The common operands: what a subcommand was given. */
struct opts {
	const char *pos[6];
	int npos;
	bool force, repair, binary;
	char recfm;		/* 0: not given */
	uint32_t lrecl;		/* 0: not given */
};

/* Options a subcommand takes, as a set of flags. */
enum { O_FORCE = 1, O_REPAIR = 2, O_BINARY = 4, O_RECFM = 8, O_LRECL = 16 };

static int usage(FILE *err, const char *cmd, const char *use)
{
	fprintf(err, "usage: vm64disk %s %s\n", cmd, use);
	return 2;
}

static bool parse_u32(const char *s, uint32_t *v)
{
	char *end;
	unsigned long long n;

	if (!*s || *s == '-' || *s == '+')
		return false;
	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno || *end || n > UINT32_MAX)
		return false;
	*v = (uint32_t)n;
	return true;
}

/* Split argv into positionals and the options @allowed; 0, or an exit status. */
static int parse(int argc, char **argv, unsigned allowed, int min, int max, const char *use,
		 struct opts *o, FILE *err)
{
	memset(o, 0, sizeof(*o));
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || a[1] != '-') {
			if (o->npos == max)
				return usage(err, argv[0], use);
			o->pos[o->npos++] = a;
		} else if ((allowed & O_FORCE) && !strcmp(a, "--force")) {
			o->force = true;
		} else if ((allowed & O_REPAIR) && !strcmp(a, "--repair")) {
			o->repair = true;
		} else if ((allowed & O_BINARY) && !strcmp(a, "--binary")) {
			o->binary = true;
		} else if ((allowed & O_RECFM) && !strcmp(a, "--recfm") && i + 1 < argc) {
			a = argv[++i];
			if ((a[0] != 'F' && a[0] != 'V' && a[0] != 'f' && a[0] != 'v') || a[1]) {
				fprintf(err, "vm64disk: --recfm must be F or V, not %s\n", a);
				return 2;
			}
			o->recfm = (char)(a[0] & ~0x20);
		} else if ((allowed & O_LRECL) && !strcmp(a, "--lrecl") && i + 1 < argc) {
			a = argv[++i];
			if (!parse_u32(a, &o->lrecl) || !o->lrecl || o->lrecl > CMSFS_LRECL_MAX) {
				fprintf(err, "vm64disk: --lrecl must be 1 to %u, not %s\n",
					CMSFS_LRECL_MAX, a);
				return 2;
			}
		} else {
			fprintf(err, "vm64disk: %s: unknown option %s\n", argv[0], a);
			return usage(err, argv[0], use);
		}
	}
	return o->npos < min ? usage(err, argv[0], use) : 0;
}

/*
 * Open IMAGE and bind the extent START COUNT as a block device; @write asks for a write lock.
 * Return: 0 or 1 (with a message).
 */
static int image_open(struct image *img, const struct opts *o, bool write, FILE *err)
{
	struct flock lk = { .l_type = (short)(write ? F_WRLCK : F_RDLCK), .l_whence = SEEK_SET };
	uint32_t start, count;
	uint64_t have;
	struct stat st;

	memset(img, 0, sizeof(*img));
	img->fd = -1;
	img->path = o->pos[0];
	if (!parse_u32(o->pos[1], &start) || !parse_u32(o->pos[2], &count) || !count) {
		fprintf(err, "vm64disk: START and COUNT must be block numbers (COUNT > 0): %s %s\n",
			o->pos[1], o->pos[2]);
		return 1;
	}
	if (count % (CMSFILE_BLOCK / DEV_BLOCK)) {
		fprintf(err, "vm64disk: COUNT must be a multiple of %u\n", CMSFILE_BLOCK / DEV_BLOCK);
		return 1;
	}
	img->fd = open(img->path, write ? O_RDWR : O_RDONLY);
	if (img->fd < 0) {
		fprintf(err, "vm64disk: %s: %s\n", img->path, strerror(errno));
		return 1;
	}
	if (fstat(img->fd, &st) || !S_ISREG(st.st_mode)) {
		fprintf(err, "vm64disk: %s: not a volume image file\n", img->path);
		goto fail;
	}
	have = (uint64_t)st.st_size / DEV_BLOCK;
	if ((uint64_t)start + count > have) {
		fprintf(err, "vm64disk: extent %u-%llu is beyond the end of %s (%llu blocks)\n",
			start, (unsigned long long)start + count - 1, img->path,
			(unsigned long long)have);
		goto fail;
	}
	if (fcntl(img->fd, F_OFD_SETLK, &lk)) {
		fprintf(err, "vm64disk: %s is in use by another program (is VM/64 running?)\n",
			img->path);
		goto fail;
	}
	img->base = (off_t)start * DEV_BLOCK;
	img->start = start;
	img->count = count;
	img->dev.block_size = CMSFILE_BLOCK;
	img->dev.blocks = count / (CMSFILE_BLOCK / DEV_BLOCK);
	img->dev.read = img_read;
	img->dev.write = img_write;
	img->dev.ctx = img;
	return 0;
fail:
	close(img->fd);
	img->fd = -1;
	return 1;
}

/* Flush and close; 0, or 1 if the data may not have reached the disk. */
static int image_close(struct image *img, bool wrote, FILE *err)
{
	int rc = 0;

	if (img->fd < 0)
		return 0;
	if (wrote && fsync(img->fd)) {
		fprintf(err, "vm64disk: %s: %s\n", img->path, strerror(errno));
		rc = 1;
	}
	if (close(img->fd) && !rc) {
		fprintf(err, "vm64disk: %s: %s\n", img->path, strerror(errno));
		rc = 1;
	}
	img->fd = -1;
	return rc;
}

static int fs_fail(FILE *err, const struct image *img, const char *what, int e)
{
	fprintf(err, "vm64disk: %s: %s: %s\n", img->path, what, cmsfs_strerror(e));
	return 1;
}

/* Open the image and mount its CMS file system; 0 or 1. */
static int mount(struct image *img, struct cmsfs *fs, const struct opts *o, bool write,
		 FILE *err)
{
	int e;

	if (image_open(img, o, write, err))
		return 1;
	e = cmsfs_mount(fs, &img->dev);
	if (e) {
		fprintf(err, "vm64disk: %s blocks %u-%u: %s\n", img->path, img->start,
			img->start + img->count - 1,
			e == CMSFS_ENOTFMT ? "no CMS file system here (vm64disk format makes one)"
					   : cmsfs_strerror(e));
		image_close(img, false, err);
		return 1;
	}
	return 0;
}

/* "FN FT" (any case, blanks around) into upper-case fn and ft; 0 or 1. */
static int parse_fileid(const char *s, char fn[9], char ft[9], FILE *err)
{
	char word[2][32];
	int n = 0;
	const char *p = s;

	while (*p) {
		size_t len = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (n == 2)
			goto bad;
		while (*p && *p != ' ' && *p != '\t') {
			if (len + 1 >= sizeof(word[0]))
				goto bad;
			word[n][len++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 0x20 : *p);
			p++;
		}
		word[n++][len] = 0;
	}
	if (n != 2 || !cmsfs_valid_name(word[0]) || !cmsfs_valid_name(word[1]))
		goto bad;
	memcpy(fn, word[0], strlen(word[0]) + 1);
	memcpy(ft, word[1], strlen(word[1]) + 1);
	return 0;
bad:
	fprintf(err, "vm64disk: invalid fileid \"%s\": want \"FN FT\", each 1-8 of A-Z 0-9 @#$+-_\n",
		s);
	return 1;
}

static uint64_t tod_now(void)
{
	return ((uint64_t)time(NULL) + TOD_UNIX_EPOCH_S) * 1000000u << 12;
}

/* ---- format, list, check ---- */

/**
 * cmsfile_format() - vm64disk format IMAGE START COUNT [LABEL] [--force]
 * @argc, @argv: the subcommand's words
 * @out, @err: where its output and errors go
 *
 * Refuses an extent that holds a CMS file system (even a damaged one) unless --force.
 *
 * Return: exit status.
 */
int cmsfile_format(int argc, char **argv, FILE *out, FILE *err)
{
	struct image img;
	struct cmsfs *fs;
	struct opts o;
	char label[7];
	int rc = parse(argc, argv, O_FORCE, 3, 4, CMSFILE_FORMAT_USAGE, &o, err);
	int e;

	if (rc)
		return rc;
	snprintf(label, sizeof(label), "%s", o.npos == 4 ? o.pos[3] : DEFAULT_LABEL);
	for (char *c = label; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 0x20);
	if ((o.npos == 4 && strlen(o.pos[3]) > 6) || !cmsfs_valid_name(label)) {
		fprintf(err, "vm64disk: invalid label %s: 1-6 of A-Z 0-9 @#$+-_\n", o.pos[3]);
		return 2;
	}
	if (image_open(&img, &o, true, err))
		return 1;
	fs = malloc(sizeof(*fs));
	if (!fs) {
		image_close(&img, false, err);
		return 1;
	}
	e = cmsfs_mount(fs, &img.dev);
	if (e != CMSFS_ENOTFMT && e != CMSFS_EIO && !o.force) {
		fprintf(err, "vm64disk: %s blocks %u-%u already hold a CMS file system%s; "
			"--force formats it anyway, losing its files\n", img.path, img.start,
			img.start + img.count - 1, e ? " (damaged)" : "");
		free(fs);
		image_close(&img, false, err);
		return 1;
	}
	e = cmsfs_format(&img.dev, label, tod_now());
	if (e == CMSFS_EINVAL) {
		fprintf(err, "vm64disk: %u blocks are too few for a CMS file system\n", img.count);
		rc = 1;
	} else if (e) {
		rc = fs_fail(err, &img, "format", e);
	} else if ((e = cmsfs_mount(fs, &img.dev)) != 0) {
		rc = fs_fail(err, &img, "mount after format", e);
	} else {
		struct cmsfs_info in;

		cmsfs_info(fs, &in);
		fprintf(out, "%s blocks %u-%u formatted: label %s, %u blocks of %u bytes, "
			"%u free\n", img.path, img.start, img.start + img.count - 1, in.label,
			in.blocks_total, in.block_size, in.blocks_total - in.blocks_used);
	}
	free(fs);
	return image_close(&img, true, err) | rc;
}

static void tod_text(uint64_t tod, char *buf, size_t size)
{
	uint64_t s = (tod >> 12) / 1000000u;
	time_t t = (time_t)(s >= TOD_UNIX_EPOCH_S ? s - TOD_UNIX_EPOCH_S : 0);
	struct tm tm;

	if (!tod || !gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm))
		snprintf(buf, size, "%-19s", "-");
}

/**
 * cmsfile_list() - vm64disk list IMAGE START COUNT: the label line and one line per file.
 * @argc, @argv: the subcommand's words
 * @out, @err: where its output and errors go
 *
 * Return: exit status.
 */
int cmsfile_list(int argc, char **argv, FILE *out, FILE *err)
{
	struct cmsfs *fs = malloc(sizeof(*fs));
	struct cmsfs_stat st;
	struct cmsfs_info in;
	struct image img;
	struct opts o;
	uint32_t cursor = 0;
	int rc = parse(argc, argv, 0, 3, 3, CMSFILE_LIST_USAGE, &o, err);
	int e;

	if (!fs || rc || mount(&img, fs, &o, false, err)) {
		free(fs);
		return fs && !rc ? 1 : rc ? rc : 1;
	}
	cmsfs_info(fs, &in);
	fprintf(out, "LABEL  BLKSZ  FILES  BLKS USED  BLKS LEFT  BLK TOTAL\n");
	fprintf(out, "%-6s %5u %6u %10u %10u %10u\n", in.label, in.block_size, in.files,
		in.blocks_used, in.blocks_total - in.blocks_used, in.blocks_total);
	fprintf(out, "FILENAME FILETYPE FORMAT  LRECL    RECORDS   BLOCKS DATE (UTC)\n");
	while ((e = cmsfs_list(fs, &cursor, &st)) == CMSFS_OK) {
		char when[32];

		tod_text(st.mtime, when, sizeof(when));
		fprintf(out, "%-8s %-8s %c      %6u %10u %8u %s\n", st.fn, st.ft, st.recfm, st.lrecl,
			st.records, st.blocks, when);
	}
	if (e != CMSFS_EOF)
		rc = fs_fail(err, &img, "list", e);
	free(fs);
	return image_close(&img, false, err) | rc;
}

/**
 * cmsfile_check() - vm64disk check IMAGE START COUNT [--repair]: the file system's full
 * consistency check; --repair gives back blocks leaked by an interrupted change.
 * @argc, @argv: the subcommand's words
 * @out, @err: where its output and errors go
 *
 * Return: exit status (1 when damage is found and not repaired).
 */
int cmsfile_check(int argc, char **argv, FILE *out, FILE *err)
{
	struct cmsfs *fs = malloc(sizeof(*fs));
	struct image img;
	struct opts o;
	int rc = parse(argc, argv, O_REPAIR, 3, 3, CMSFILE_CHECK_USAGE, &o, err);
	int e;

	if (!fs || rc || mount(&img, fs, &o, o.repair, err)) {
		free(fs);
		return fs && !rc ? 1 : rc ? rc : 1;
	}
	e = cmsfs_check(fs);
	if (e == CMSFS_ECORRUPT && o.repair) {
		e = cmsfs_reclaim(fs);
		if (!e)
			e = cmsfs_check(fs);
		if (!e)
			fprintf(out, "%s blocks %u-%u: leaked blocks given back\n", img.path,
				img.start, img.start + img.count - 1);
	}
	if (e)
		rc = fs_fail(err, &img, "check", e);
	else
		fprintf(out, "%s blocks %u-%u: clean, %u files\n", img.path, img.start,
			img.start + img.count - 1, fs->files);
	free(fs);
	return image_close(&img, o.repair, err) | rc;
}

/* ---- copyin ---- */

/* A growable byte buffer. */
struct buf {
	char *p;
	size_t len, cap;
};

static int buf_put(struct buf *b, char c)
{
	if (b->len == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		char *p = realloc(b->p, cap);

		if (!p)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	b->p[b->len++] = c;
	return 0;
}

/* The next line of @in, without its line end, tabs expanded; 1 at end of file, -1 on error. */
static int read_line(FILE *in, struct buf *line)
{
	int c;

	line->len = 0;
	c = getc(in);
	if (c == EOF)
		return ferror(in) ? -1 : 1;
	for (; c != EOF && c != '\n'; c = getc(in)) {
		if (c == '\t') {
			do {
				if (buf_put(line, ' '))
					return -1;
			} while (line->len % TAB_STOP);
		} else if (buf_put(line, (char)c)) {
			return -1;
		}
	}
	if (ferror(in))
		return -1;
	if (line->len && line->p[line->len - 1] == '\r')
		line->len--;
	return 0;
}

/* Write the host file's records to @f; 0 or 1 (with a message; @f is left to abandon). */
static int copy_text_in(FILE *in, const char *name, struct cmsfs_file *f, char recfm,
			uint32_t lrecl, uint8_t *rec, FILE *err)
{
	struct buf line = { 0 };
	unsigned long n = 0;
	size_t len;
	int rc = 0, r, e;

	while ((r = read_line(in, &line)) == 0) {
		n++;
		if (cms_text_to_rec(recfm, lrecl, line.p ? line.p : "", line.len, rec, &len)) {
			fprintf(err, "vm64disk: %s:%lu: line is %zu characters, longer than LRECL %u; "
				"nothing copied (use --recfm V or a larger --lrecl)\n", name, n,
				line.len, lrecl);
			rc = 1;
			break;
		}
		e = cmsfs_write(f, rec, len);
		if (e) {
			fprintf(err, "vm64disk: %s:%lu: %s\n", name, n, cmsfs_strerror(e));
			rc = 1;
			break;
		}
	}
	if (r < 0) {
		fprintf(err, "vm64disk: %s: %s\n", name, strerror(errno));
		rc = 1;
	}
	free(line.p);
	return rc;
}

static int copy_binary_in(FILE *in, const char *name, struct cmsfs_file *f, char recfm,
			  uint32_t lrecl, uint8_t *rec, FILE *err)
{
	size_t got;
	int e;

	while ((got = fread(rec, 1, lrecl, in)) > 0) {
		if (recfm == 'F' && got < lrecl)
			memset(rec + got, 0, lrecl - got);
		e = cmsfs_write(f, rec, recfm == 'F' ? lrecl : got);
		if (e) {
			fprintf(err, "vm64disk: %s: %s\n", name, cmsfs_strerror(e));
			return 1;
		}
		if (got < lrecl)
			break;
	}
	if (ferror(in)) {
		fprintf(err, "vm64disk: %s: %s\n", name, strerror(errno));
		return 1;
	}
	return 0;
}

/**
 * cmsfile_copyin() - vm64disk copyin IMAGE START COUNT HOSTFILE "FN FT" [--recfm F|V]
 * [--lrecl N] [--binary]: copy a host file ("-": standard input) into the CMS file system.
 * @argc, @argv: the subcommand's words
 * @out, @err: where its output and errors go
 *
 * Text defaults to RECFM V (LRECL: the longest line); F defaults to LRECL 80. --binary
 * defaults to F 80. An existing file of that name is replaced when the new one is complete,
 * as CMS replaces a file; nothing changes on any error.
 *
 * Return: exit status.
 */
int cmsfile_copyin(int argc, char **argv, FILE *out, FILE *err)
{
	struct cmsfs *fs = malloc(sizeof(*fs));
	struct cmsfs_file *f = malloc(sizeof(*f));
	uint8_t *rec = malloc(CMSFS_LRECL_MAX + 1);
	struct cmsfs_stat st;
	struct image img;
	struct opts o;
	char fn[9], ft[9], recfm;
	uint32_t lrecl;
	FILE *in = NULL;
	bool std;
	int rc = parse(argc, argv, O_BINARY | O_RECFM | O_LRECL, 5, 5, CMSFILE_COPYIN_USAGE, &o,
		       err);
	int e;

	if (!fs || !f || !rec) {
		rc = 1;
		goto out;
	}
	if (rc || (rc = parse_fileid(o.pos[4], fn, ft, err)) != 0)
		goto out;
	recfm = o.recfm ? o.recfm : o.binary ? 'F' : 'V';
	lrecl = o.lrecl ? o.lrecl
			: recfm == 'V' && !o.binary ? CMSFS_LRECL_MAX
			: o.binary ? BINARY_LRECL : TEXT_F_LRECL;
	std = !strcmp(o.pos[3], "-");
	in = std ? stdin : fopen(o.pos[3], "rb");
	if (!in) {
		fprintf(err, "vm64disk: %s: %s\n", o.pos[3], strerror(errno));
		rc = 1;
		goto out;
	}
	if (mount(&img, fs, &o, true, err)) {
		rc = 1;
		goto out;
	}
	e = cmsfs_open_write(fs, fn, ft, recfm, lrecl, tod_now(), f);
	if (e) {
		rc = fs_fail(err, &img, "copyin", e);
	} else {
		rc = o.binary ? copy_binary_in(in, o.pos[3], f, recfm, lrecl, rec, err)
			      : copy_text_in(in, o.pos[3], f, recfm, lrecl, rec, err);
		if (rc) {
			cmsfs_abandon(f);
		} else if ((e = cmsfs_close(f)) != 0) {
			rc = fs_fail(err, &img, "copyin", e);
		} else if (cmsfs_stat(fs, fn, ft, &st) == CMSFS_OK) {
			fprintf(out, "%s %s copied in: RECFM %c LRECL %u, %u records, %u blocks\n",
				fn, ft, st.recfm, st.lrecl, st.records, st.blocks);
		}
	}
	rc |= image_close(&img, true, err);
out:
	if (in && !std)
		fclose(in);
	free(rec);
	free(f);
	free(fs);
	return rc;
}

/* ---- copyout ---- */

/**
 * cmsfile_copyout() - vm64disk copyout IMAGE START COUNT "FN FT" HOSTFILE [--binary]: copy a
 * CMS file to a host file ("-": standard output).
 * @argc, @argv: the subcommand's words
 * @out, @err: where its output and errors go
 *
 * Return: exit status.
 */
int cmsfile_copyout(int argc, char **argv, FILE *out, FILE *err)
{
	struct cmsfs *fs = malloc(sizeof(*fs));
	struct cmsfs_file *f = malloc(sizeof(*f));
	char *rec = malloc(CMSFS_LRECL_MAX + 2);
	struct image img;
	struct opts o;
	char fn[9], ft[9];
	FILE *to = NULL;
	bool std, opened = false;
	size_t len;
	int rc = parse(argc, argv, O_BINARY, 5, 5, CMSFILE_COPYOUT_USAGE, &o, err);
	int e;

	if (!fs || !f || !rec) {
		rc = 1;
		goto out;
	}
	if (rc || (rc = parse_fileid(o.pos[3], fn, ft, err)) != 0)
		goto out;
	if (mount(&img, fs, &o, false, err)) {
		rc = 1;
		goto out;
	}
	e = cmsfs_open_read(fs, fn, ft, f);
	if (e) {
		fprintf(err, "vm64disk: %s %s: %s on %s blocks %u-%u\n", fn, ft, cmsfs_strerror(e),
			img.path, img.start, img.start + img.count - 1);
		rc = 1;
		goto close;
	}
	opened = true;
	std = !strcmp(o.pos[4], "-");
	to = std ? out : fopen(o.pos[4], "wb");
	if (!to) {
		fprintf(err, "vm64disk: %s: %s\n", o.pos[4], strerror(errno));
		rc = 1;
		goto close;
	}
	while ((e = cmsfs_read(f, rec, CMSFS_LRECL_MAX, &len)) == CMSFS_OK) {
		if (!o.binary) {
			len = cms_rec_to_text((uint8_t *)rec, len, f->recfm == 'F', rec);
			rec[len++] = '\n';
		}
		if (fwrite(rec, 1, len, to) != len)
			break;
	}
	if (e != CMSFS_EOF && e != CMSFS_OK)
		rc = fs_fail(err, &img, "copyout", e);
	if (ferror(to) | (std ? fflush(to) : fclose(to))) {
		fprintf(err, "vm64disk: %s: %s\n", o.pos[4], strerror(errno));
		rc = 1;
	}
close:
	if (opened)
		cmsfs_close(f);
	rc |= image_close(&img, false, err);
out:
	free(rec);
	free(f);
	free(fs);
	return rc;
}
