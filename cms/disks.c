/*
 * Accessed disks: which virtual disk each mode letter names, and the search order (A to Z)
 * in which CMS looks for a file given without a mode. At IPL CMS accesses the user's 191
 * as A; a V-DISK that has never been formatted (a new one is blank at every LOGON) is
 * formatted first, since nothing on it can be lost.
 *
 * ACCESS, RELEASE, FORMAT, QUERY DISK and QUERY SEARCH live here.
 * Covered by tests/system/test_cms.py.
 */
#include <lib/format.h>
#include <lib/string.h>
#include <cms/cms.h>
#include <cms/cmds.h>
#include <vm64/diag.h>

#define BLOCK_SIZE   512
#define VDEV_A	     0x191

static struct cms_disk disks[CMS_MAX_DISKS];

struct cms_disk *disk_by_mode(char mode)
{
	for (unsigned i = 0; i < CMS_MAX_DISKS; i++)
		if (disks[i].mode && disks[i].mode == mode)
			return &disks[i];
	return NULL;
}

struct cms_disk *disk_in_order(unsigned n)
{
	for (char m = 'A'; m <= 'Z'; m++) {
		struct cms_disk *d = disk_by_mode(m);

		if (d && n-- == 0)
			return d;
	}
	return NULL;
}

char parse_mode(const char *w)
{
	if (!strcmp(w, "*"))
		return '*';
	if (w[0] < 'A' || w[0] > 'Z')
		return 0;
	if (w[1] && (w[1] < '0' || w[1] > '6' || w[2]))
		return 0;
	return w[0];
}

struct cms_disk *disk_find_file(const char *fn, const char *ft, char mode, int *rc)
{
	struct cmsfs_stat st;
	char fm[2] = {mode ? mode : '*', 0};

	if (!cmsfs_valid_name(fn) || !cmsfs_valid_name(ft)) {
		*rc = cms_msg(CMSG_INVALID_FILEID, cmsfs_valid_name(fn) ? ft : fn);
		return NULL;
	}
	if (mode && mode != '*') {
		struct cms_disk *d = disk_by_mode(mode);
		int err;

		if (!d) {
			*rc = cms_msg(CMSG_DISK_NOT_ACCESSED, mode);
			return NULL;
		}
		err = cmsfs_stat(&d->fs, fn, ft, &st);
		if (err) {
			*rc = cms_fs_error(err, mode, fn, ft);
			return NULL;
		}
		return d;
	}
	for (unsigned i = 0; disk_in_order(i); i++) {
		struct cms_disk *d = disk_in_order(i);
		int err = cmsfs_stat(&d->fs, fn, ft, &st);

		if (err == 0)
			return d;
		if (err != CMSFS_ENOENT) {
			*rc = cms_fs_error(err, d->mode, fn, ft);
			return NULL;
		}
	}
	*rc = cms_msg(CMSG_FILE_NOT_FOUND, fn, ft, fm);
	return NULL;
}

static int parse_vdev(const char *w, uint16_t *vdev)
{
	uint64_t v;

	if (!*w || strlen(w) > 4 || str_to_u64(w, 16, &v) != 0 || v > 0xffff)
		return -1;
	*vdev = (uint16_t)v;
	return 0;
}

/* A run buffer's bytes: files and ACCESS move this much per DIAGNOSE X'250'. */
#define RUN_BYTES ((CMSFS_RUN_MAX + CMSFS_MAP_SLOTS) * CMSFS_RUN_BYTES(BLOCK_SIZE))

void *disk_run_buffer(struct cmsfs_file *f)
{
	void *buf = cms_alloc(RUN_BYTES);

	if (buf && cmsfs_set_buffer(f, buf, RUN_BYTES) != CMSFS_OK) {
		cms_free(buf);
		buf = NULL;
	}
	return buf;
}

/* Mounts d's file system reading its metadata in runs (block by block without storage). */
static int mount(struct cms_disk *d)
{
	void *buf = cms_alloc(RUN_BYTES);
	int err = cmsfs_mount_buf(&d->fs, &d->dev, buf, buf ? RUN_BYTES : 0);

	cms_free(buf);
	return err;
}

static struct cms_disk *disk_by_vdev(uint16_t vdev)
{
	for (unsigned i = 0; i < CMS_MAX_DISKS; i++)
		if (disks[i].mode && disks[i].vdev == vdev)
			return &disks[i];
	return NULL;
}

static void release(struct cms_disk *d)
{
	blockio_close(&d->dev);
	memset(d, 0, sizeof(*d));
}

/* Binds vdev to the block interface; 0, or the message's rc. */
static int open_device(struct cms_disk *d, uint16_t vdev, const char *word)
{
	uint8_t vclass, vtype;
	int opened;

	/* FBA, or a 3390 minidisk: DIAGNOSE X'250' moves blocks on either */
	if (diag_devtype(vdev, &vclass, &vtype, NULL) != 0 ||
	    (vclass != DIAG24_CLASS_FBA && vclass != DIAG24_CLASS_DASD))
		return cms_msg(CMSG_NO_DEVICE, word);
	opened = blockio_open(&d->dev, vdev, BLOCK_SIZE);
	if (opened < 0)
		return cms_msg(CMSG_NO_DEVICE, word);
	d->vdev = vdev;
	d->read_only = opened == 1;
	return 0;
}

/* Takes a free slot, or the one mode already uses (a new disk replaces it, as on z/VM). */
static struct cms_disk *slot_for(char mode)
{
	struct cms_disk *d = disk_by_mode(mode);

	if (d) {
		release(d);
		return d;
	}
	for (unsigned i = 0; i < CMS_MAX_DISKS; i++)
		if (!disks[i].mode)
			return &disks[i];
	return NULL;
}

static int access_disk(uint16_t vdev, char mode, const char *word, bool quiet)
{
	struct cms_disk *d, *old = disk_by_vdev(vdev);
	struct cmsfs_info info;
	int rc, err;

	if (old)
		release(old);
	d = slot_for(mode);
	if (!d)
		return cms_msg(CMSG_NO_STORAGE);
	rc = open_device(d, vdev, word);
	if (rc)
		return rc;
	err = mount(d);
	if (err == CMSFS_ENOTFMT) {
		blockio_close(&d->dev);
		return cms_msg(CMSG_NOT_FORMATTED, vdev, vdev, mode);
	}
	if (err) {
		d->mode = mode;
		rc = cms_fs_error(err, mode, "", "");
		release(d);
		return rc;
	}
	d->mode = mode;
	cmsfs_info(&d->fs, &info);
	if (!quiet)
		cms_msg(CMSG_ACCESSED, vdev, mode, info.label, info.files);
	return 0;
}

int cmd_access(struct cms_args *a, const char *line)
{
	uint16_t vdev;
	char mode;

	(void)line;
	if (a->argc < 3)
		return cms_msg(CMSG_MISSING_OPERAND, ": ACCESS vdev mode");
	if (a->argc > 3)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[3]);
	if (parse_vdev(a->argv[1], &vdev) != 0)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[1]);
	mode = parse_mode(a->argv[2]);
	if (!mode || mode == '*')
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[2]);
	return access_disk(vdev, mode, a->argv[1], false);
}

int cmd_release(struct cms_args *a, const char *line)
{
	struct cms_disk *d;
	uint16_t vdev;
	char mode;

	(void)line;
	if (a->argc != 2)
		return cms_msg(a->argc < 2 ? CMSG_MISSING_OPERAND : CMSG_INVALID_OPERAND,
			       a->argc < 2 ? ": RELEASE mode|vdev" : a->argv[2]);
	mode = strlen(a->argv[1]) == 1 ? parse_mode(a->argv[1]) : 0;
	if (mode && mode != '*')
		d = disk_by_mode(mode);
	else if (parse_vdev(a->argv[1], &vdev) == 0)
		d = disk_by_vdev(vdev);
	else
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[1]);
	if (!d)
		return cms_msg(CMSG_DISK_NOT_ACCESSED, mode ? mode : '?');
	mode = d->mode;
	vdev = d->vdev;
	release(d);
	cms_msg(CMSG_RELEASED, mode, vdev);
	return 0;
}

static int format_disk(uint16_t vdev, char mode, const char *label, const char *word)
{
	struct cms_disk *old = disk_by_vdev(vdev);
	struct blkdev dev;
	int err;

	if (old)
		release(old);
	if (disk_by_mode(mode))
		release(disk_by_mode(mode));
	{
		struct cms_disk probe;
		int rc = open_device(&probe, vdev, word);

		if (rc)
			return rc;
		dev = probe.dev;
	}
	err = cmsfs_format(&dev, label, cms_tod());
	blockio_close(&dev);
	if (err)
		return cms_fs_error(err, mode, "", "");
	return access_disk(vdev, mode, word, true);
}

int cmd_format(struct cms_args *a, const char *line)
{
	char answer[8], label[7];
	uint16_t vdev;
	char mode;
	int rc;

	(void)line;
	if (a->argc < 3)
		return cms_msg(CMSG_MISSING_OPERAND, ": FORMAT vdev mode [label]");
	if (a->argc > 4)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[4]);
	if (parse_vdev(a->argv[1], &vdev) != 0)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[1]);
	mode = parse_mode(a->argv[2]);
	if (!mode || mode == '*')
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[2]);
	if (a->argc == 4) {
		if (strlen(a->argv[3]) > 6 || !cmsfs_valid_name(a->argv[3]))
			return cms_msg(CMSG_INVALID_OPERAND, a->argv[3]);
		strlcpy(label, a->argv[3], sizeof(label));
	} else {
		ksnprintf(label, sizeof(label), "CMS%03X", vdev & 0xfff);
	}
	cms_msg(CMSG_FORMAT_CONFIRM, mode, vdev);
	con_read(answer, sizeof(answer));
	if (strcmp(answer, "1") != 0) {
		cms_msg(CMSG_NOT_FORMATTED_NOW, mode, vdev);
		return 0;
	}
	rc = format_disk(vdev, mode, label, a->argv[1]);
	if (rc == 0) {
		struct cmsfs_info info;

		cmsfs_info(&disk_by_mode(mode)->fs, &info);
		cms_msg(CMSG_FORMATTED, mode, vdev, info.blocks_total, info.block_size, label);
	}
	return rc;
}

/* Blocks a blank disk has as zeros: the superblock and what follows it. */
#define BLANK_CHECK_BLOCKS 8

/* Whether the first blocks of the disk are all zeros (a new V-DISK or minidisk). */
static bool blank(struct blkdev *dev)
{
	static uint8_t buf[BLOCK_SIZE];

	for (uint32_t b = 0; b < BLANK_CHECK_BLOCKS && b < dev->blocks; b++) {
		if (dev->read(dev, b, buf) != 0)
			return false;
		for (size_t i = 0; i < sizeof(buf); i++)
			if (buf[i])
				return false;
	}
	return true;
}

/*
 * The A-disk at IPL: 191, accessed as A. A blank disk (a new V-DISK, or a minidisk never
 * used) is formatted first: nothing on it can be lost. A disk that is not blank and has no
 * valid superblock is never formatted here: it may be a damaged file system or someone's
 * data, and only the user's own FORMAT may overwrite it.
 */
void disks_ipl(void)
{
	uint8_t vclass, vtype, vflags;
	struct cms_disk probe;
	bool is_blank;
	int err;

	if (diag_devtype(VDEV_A, &vclass, &vtype, &vflags) != 0 ||
	    open_device(&probe, VDEV_A, "191") != 0)
		return;
	err = mount(&probe);
	if (err == CMSFS_OK) {
		/* Mounted: that is the A-disk, no need to read it all again. */
		struct cms_disk *d = slot_for('A');

		if (d) {
			*d = probe;
			d->fs.dev = &d->dev;
			d->mode = 'A';
			return;
		}
	}
	is_blank = err == CMSFS_ENOTFMT && blank(&probe.dev);
	blockio_close(&probe.dev);
	if (err != CMSFS_ENOTFMT) {
		access_disk(VDEV_A, 'A', "191", true);
		return;
	}
	if (!is_blank) {
		cms_msg(CMSG_NOT_BLANK, VDEV_A);
		return;
	}
	if (vflags & DIAG24_FLAG_VDISK) {
		if (format_disk(VDEV_A, 'A', "VDK191", "191") == 0)
			cms_msg(CMSG_VDISK_FORMATTED, "V-DISK", VDEV_A, 'A');
	} else if (format_disk(VDEV_A, 'A', "USR191", "191") == 0) {
		cms_msg(CMSG_VDISK_FORMATTED, "Minidisk", VDEV_A, 'A');
	}
}

static void percent(char *out, size_t size, uint32_t used, uint32_t total)
{
	ksnprintf(out, size, "%u-%02u", used, total ? (unsigned)((uint64_t)used * 100 / total) : 0);
}

int query_disk(struct cms_args *a)
{
	char only = a->argc == 3 ? parse_mode(a->argv[2]) : '*';

	if (a->argc > 3)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[3]);
	if (!only)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[2]);
	if (only != '*' && !disk_by_mode(only))
		return cms_msg(CMSG_DISK_NOT_ACCESSED, only);
	con_write("LABEL  VDEV M  STAT  TYPE BLKSZ  FILES  BLKS USED-(%)  BLKS LEFT  BLK TOTAL");
	for (unsigned i = 0; disk_in_order(i); i++) {
		struct cms_disk *d = disk_in_order(i);
		struct cmsfs_info info;
		char used[16];

		if (only != '*' && only != d->mode)
			continue;
		cmsfs_info(&d->fs, &info);
		percent(used, sizeof(used), info.blocks_used, info.blocks_total);
		con_printf("%-6s %-4X %c  %-5s %-4s %5u %6u %15s %10u %10u", info.label, d->vdev,
			   d->mode, d->read_only ? "R/O" : "R/W", "FB", info.block_size, info.files,
			   used, info.blocks_total - info.blocks_used, info.blocks_total);
	}
	if (!disk_in_order(0))
		con_write("No disks accessed");
	return 0;
}

int query_search(struct cms_args *a)
{
	if (a->argc > 2)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[2]);
	for (unsigned i = 0; disk_in_order(i); i++) {
		struct cms_disk *d = disk_in_order(i);
		struct cmsfs_info info;

		cmsfs_info(&d->fs, &info);
		con_printf("%-6s %-4X %c  %s", info.label, d->vdev, d->mode,
			   d->read_only ? "R/O" : "R/W");
	}
	if (!disk_in_order(0))
		con_write("No disks accessed");
	return 0;
}
