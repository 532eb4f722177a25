/*
 * vm64disk's volume subcommands (see volume.h):
 *
 *   create FILE VOLSER BLOCKS    a new sparse raw image of BLOCKS 512-byte blocks with the
 *                                VOL1 label (vm64/volume.h); refuses a FILE that exists
 *   ensure [--compressed-ckd] CONFIG DATADIR
 *                                for each VOLUME of SYSTEM CONFIG, DATADIR/VOLSER.fba (or,
 *                                for a 3390, DATADIR/VOLSER.ckd, or VOLSER.cckd with
 *                                --compressed-ckd) is created if missing; an existing file
 *                                is never touched (a VOLSER.ckd or VOLSER.cckd both count)
 *
 * A 3390 volume is made by Hercules' own dasdinit, which writes track 0 with the IPL records
 * and the VOL1 label (R3, see vm64/ckd.h) and every other track empty (R0 only); CP formats
 * a track the first time it writes it. By default the image is uncompressed and one file
 * (-lfs; 2.8 GB for a model 3, written in a few seconds): Hercules writes a changed track of
 * such an image to the file before it ends the channel program, so what CMS acknowledged
 * survives a killed emulator. A compressed image (-z, a few KB) keeps written tracks in
 * Hercules' cache for up to ~10 s (measured: kill -9 within 6 s of Ready; lost every file),
 * so it is only for the tests, whose volumes are thrown away (tests/system/machine.py). Without dasdinit (no hercules package) the volume is not made:
 * a message says so, and the system comes up without it (QEMU has no CKD anyway).
 *
 * A new image is written completely (label, size) and synced before it gets its name, so a
 * crash leaves either no volume or a whole one. Tested by tests/system/test_dasd.py.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <stdarg.h>
#include <unistd.h>

#include <cp/sysconfig.h>
#include <vm64/ckd.h>
#include <vm64/volume.h>

#include "volume.h"

#define OK    0
#define FAIL  1 /* the request failed (I/O error, bad file) */
#define USAGE 2

static FILE *err_to;

static void __attribute__((format(printf, 1, 2))) vm64disk_error(const char *fmt, ...)
{
	va_list ap;

	fputs("vm64disk: ", err_to);
	va_start(ap, fmt);
	vfprintf(err_to, fmt, ap);
	va_end(ap);
	fputc('\n', err_to);
}

static int create_volume(const char *path, const char *volser, uint64_t blocks)
{
	uint8_t label[VOL_BLOCK_SIZE];
	char tmp[4096];
	int fd;

	if (vol_label_encode(label, volser) != 0) {
		vm64disk_error("invalid volser %s (1-6 of A-Z 0-9 @ # $)", volser);
		return USAGE;
	}
	if (blocks < VOL_MIN_BLOCKS || blocks > VOL_MAX_BLOCKS) {
		vm64disk_error("%s: blocks must be from %u to %llu", volser, VOL_MIN_BLOCKS,
			       (unsigned long long)VOL_MAX_BLOCKS);
		return USAGE;
	}
	if (access(path, F_OK) == 0) {
		vm64disk_error("%s exists; it is left as it is", path);
		return FAIL;
	}
	if (snprintf(tmp, sizeof(tmp), "%s.new", path) >= (int)sizeof(tmp)) {
		vm64disk_error("%s: name too long", path);
		return USAGE;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		vm64disk_error("%s: %s", tmp, strerror(errno));
		return FAIL;
	}
	if (ftruncate(fd, (off_t)(blocks * VOL_BLOCK_SIZE)) != 0 ||
	    pwrite(fd, label, sizeof(label), VOL_LABEL_BLOCK * VOL_BLOCK_SIZE) !=
		    (ssize_t)sizeof(label) ||
	    fsync(fd) != 0) {
		vm64disk_error("%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return FAIL;
	}
	close(fd);
	/* link() fails if the name appeared meanwhile: an existing volume is never replaced. */
	if (link(tmp, path) != 0) {
		vm64disk_error("%s: %s", path, strerror(errno));
		unlink(tmp);
		return FAIL;
	}
	unlink(tmp);
	return OK;
}

int volume_create(int argc, char **argv, FILE *out, FILE *err)
{
	unsigned long long blocks;
	char *end;

	(void)out;
	err_to = err;
	if (argc != 4) {
		vm64disk_error("usage: vm64disk create FILE VOLSER BLOCKS");
		return USAGE;
	}
	errno = 0;
	blocks = strtoull(argv[3], &end, 10);
	if (errno || *end || end == argv[3]) {
		vm64disk_error("BLOCKS must be a number, not %s", argv[3]);
		return USAGE;
	}
	return create_volume(argv[1], argv[2], blocks);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* DATADIR/VOLSER.ckd or .cckd by dasdinit, made under a temporary name and renamed when whole. */
static int create_ckd_volume(const char *path, const struct syscfg_volume *v, bool compressed)
{
	char tmp[4200], cyls[16];
	pid_t pid;
	int status;

	snprintf(tmp, sizeof(tmp), "%s.new", path);
	snprintf(cyls, sizeof(cyls), "%u", v->cylinders);
	unlink(tmp);
	pid = fork();
	if (pid < 0) {
		vm64disk_error("fork: %s", strerror(errno));
		return FAIL;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		execlp("dasdinit", "dasdinit", compressed ? "-z" : "-lfs", tmp, "3390", v->volser,
		       cyls, (char *)0);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		unlink(tmp);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			vm64disk_error("%s: dasdinit (Debian package hercules) not found: 3390 "
				       "volume %s not created", path, v->volser);
		else
			vm64disk_error("%s: dasdinit failed for 3390 volume %s", path, v->volser);
		return FAIL;
	}
	if (rename(tmp, path) != 0) {
		vm64disk_error("%s: %s", path, strerror(errno));
		unlink(tmp);
		return FAIL;
	}
	return OK;
}

int volume_ensure(int argc, char **argv, FILE *out, FILE *err_file)
{
	static struct sysconfig cfg;
	static struct dir_error err;
	size_t len;
	char *text;
	int rc = OK;

	bool compressed = false;

	err_to = err_file;
	if (argc == 4 && strcmp(argv[1], "--compressed-ckd") == 0) {
		compressed = true;
		argc--;
		argv++;
	}
	if (argc != 3) {
		vm64disk_error("usage: vm64disk ensure [--compressed-ckd] SYSTEM.CONFIG DATADIR");
		return USAGE;
	}
	text = read_file(argv[1], &len);
	if (!text) {
		vm64disk_error("%s: %s", argv[1], strerror(errno));
		return FAIL;
	}
	if (syscfg_parse(text, len, &cfg, &err) != 0) {
		for (unsigned i = 0; i < err.count && i < DIR_MAX_ERRORS; i++)
			fprintf(err_file, "%s:%u: %s\n", argv[1], err.list[i].line,
				err.list[i].text);
		free(text);
		return FAIL;
	}
	free(text);
	if (mkdir(argv[2], 0755) != 0 && errno != EEXIST) {
		vm64disk_error("%s: %s", argv[2], strerror(errno));
		return FAIL;
	}
	for (unsigned i = 0; i < cfg.nvolumes; i++) {
		const struct syscfg_volume *v = &cfg.volumes[i];
		char path[4096];

		snprintf(path, sizeof(path), "%s/%s%s", argv[2], v->volser,
			 v->dev_type == CKD_3390_DEVTYPE ? CKD_PLAIN_SUFFIX : VOL_FILE_SUFFIX);
		if (access(path, F_OK) == 0)
			continue; /* an uncompressed CKD volume, or an FBA one, is there */
		if (v->dev_type == CKD_3390_DEVTYPE)
			snprintf(path, sizeof(path), "%s/%s%s", argv[2], v->volser, CKD_FILE_SUFFIX);
		if (access(path, F_OK) == 0)
			continue;
		if (v->dev_type == CKD_3390_DEVTYPE) {
			if (!compressed)
				snprintf(path, sizeof(path), "%s/%s%s", argv[2], v->volser,
					 CKD_PLAIN_SUFFIX);
			if (create_ckd_volume(path, v, compressed) != OK) {
				rc = FAIL;
				continue;
			}
			fprintf(out, "vm64disk: created %s volume %s, 3390, %u cylinders, in %s\n",
				syscfg_use_name(v->use), v->volser, v->cylinders, path);
			continue;
		}
		if (create_volume(path, v->volser, v->blocks) != OK) {
			rc = FAIL;
			continue;
		}
		fprintf(out, "vm64disk: created %s volume %s, %llu blocks, in %s\n",
		       syscfg_use_name(v->use), v->volser, (unsigned long long)v->blocks, path);
	}
	return rc;
}
