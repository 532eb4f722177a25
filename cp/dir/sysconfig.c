/*
 * SYSTEM CONFIG parser and the directory's minidisk extent checks (see cp/sysconfig.h and the
 * format described at the top of cp/dir/SYSTEM.CONFIG). Freestanding: runs in CP (QUERY
 * ALLOC), in dirc and vm64disk, and under tests/unit/test_sysconfig.c.
 */
#include <stdarg.h>

#include <cp/sysconfig.h>
#include <lib/ctype.h>
#include <lib/format.h>
#include <lib/string.h>

#define SYSCFG_LINE_MAX 255
#define SYSCFG_WORDS	8

static void __attribute__((format(printf, 3, 4)))
report(struct dir_error *err, unsigned line, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err->count++;
	if (err->count <= DIR_MAX_ERRORS) {
		struct dir_msg *m = &err->list[err->count - 1];

		m->line = line;
		va_start(ap, fmt);
		kvsnprintf(m->text, sizeof(m->text), fmt, ap);
		va_end(ap);
		if (err->count == 1) {
			err->line = line;
			strlcpy(err->msg, m->text, sizeof(err->msg));
		}
	}
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Splits @buf in place into upper-cased words; returns how many (at most max + 1). */
static unsigned split(char *buf, char **w, unsigned max)
{
	unsigned n = 0;

	for (char *p = buf; *p;) {
		while (is_blank(*p))
			p++;
		if (!*p)
			break;
		if (n <= max)
			w[n] = p;
		n++;
		while (*p && !is_blank(*p)) {
			*p = (char)ktoupper((unsigned char)*p);
			p++;
		}
		if (*p)
			*p++ = 0;
	}
	return n;
}

const char *syscfg_use_name(enum syscfg_use use)
{
	return use == SYSCFG_SYSRES ? "SYSRES" : "USER";
}

const struct syscfg_volume *syscfg_find(const struct sysconfig *cfg, const char *volser)
{
	char up[VOLSER_LEN + 1];

	if (!cfg || !volser || strlen(volser) > VOLSER_LEN)
		return 0;
	strlcpy(up, volser, sizeof(up));
	str_toupper_inplace(up);
	for (unsigned i = 0; i < cfg->nvolumes; i++)
		if (strcmp(cfg->volumes[i].volser, up) == 0)
			return &cfg->volumes[i];
	return 0;
}

/* VOLUME volser SYSRES|USER blocks, or VOLUME volser USER 3390 cylinders */
static void volume_statement(struct sysconfig *out, struct dir_error *err, unsigned line,
			     char **w, unsigned nw)
{
	struct syscfg_volume *v;
	uint64_t blocks;
	uint8_t use;

	uint64_t cyls = 0;

	if (nw != 4 && nw != 5) {
		report(err, line, "VOLUME statement needs 3 operands: volser use blocks "
		       "(or 4: volser use 3390 cylinders)");
		return;
	}
	if (!vol_valid_volser(w[1])) {
		report(err, line, "VOLUME: invalid volser %.16s", w[1]);
		return;
	}
	if (strcmp(w[2], "SYSRES") == 0)
		use = SYSCFG_SYSRES;
	else if (strcmp(w[2], "USER") == 0)
		use = SYSCFG_USER;
	else {
		report(err, line, "VOLUME %s: use must be SYSRES or USER, not %.16s", w[1], w[2]);
		return;
	}
	if (nw == 5) {
		if (strcmp(w[3], "3390") != 0) {
			report(err, line, "VOLUME %s: device type must be 3390, not %.16s", w[1], w[3]);
			return;
		}
		if (use != SYSCFG_USER) {
			report(err, line, "VOLUME %s: a 3390 volume can only be a USER volume", w[1]);
			return;
		}
		if (str_to_u64(w[4], 10, &cyls) != 0 || cyls < 2 || cyls > CKD_3390_MAX_CYLS) {
			report(err, line, "VOLUME %s: cylinders must be a number from 2 to %u", w[1],
			       CKD_3390_MAX_CYLS);
			return;
		}
		blocks = ckd_blocks((uint32_t)cyls);
	} else if (str_to_u64(w[3], 10, &blocks) != 0 || blocks < VOL_MIN_BLOCKS ||
		   blocks > VOL_MAX_BLOCKS) {
		report(err, line, "VOLUME %s: blocks must be a number from %u to %llu", w[1],
		       VOL_MIN_BLOCKS, (unsigned long long)VOL_MAX_BLOCKS);
		return;
	}
	if (syscfg_find(out, w[1])) {
		report(err, line, "VOLUME %s is already defined", w[1]);
		return;
	}
	if (use == SYSCFG_SYSRES)
		for (unsigned i = 0; i < out->nvolumes; i++)
			if (out->volumes[i].use == SYSCFG_SYSRES) {
				report(err, line, "VOLUME %s: %s is already the SYSRES volume", w[1],
				       out->volumes[i].volser);
				return;
			}
	if (out->nvolumes >= SYSCFG_MAX_VOLUMES) {
		report(err, line, "more than %d volumes", SYSCFG_MAX_VOLUMES);
		return;
	}
	v = &out->volumes[out->nvolumes++];
	strlcpy(v->volser, w[1], sizeof(v->volser));
	v->use = use;
	v->blocks = blocks;
	v->dev_type = cyls ? CKD_3390_DEVTYPE : 0;
	v->cylinders = (uint32_t)cyls;
}

int syscfg_parse(const char *text, size_t len, struct sysconfig *out, struct dir_error *err)
{
	char buf[SYSCFG_LINE_MAX + 1];
	unsigned line = 0;
	size_t pos = 0;

	memset(out, 0, sizeof(*out));
	if (err)
		memset(err, 0, sizeof(*err));
	while (pos < len) {
		size_t end = pos, n;
		char *w[SYSCFG_WORDS + 1];
		unsigned nw;

		while (end < len && text[end] != '\n')
			end++;
		line++;
		n = end - pos;
		if (n > SYSCFG_LINE_MAX) {
			report(err, line, "line longer than %d characters", SYSCFG_LINE_MAX);
			pos = end + 1;
			continue;
		}
		memcpy(buf, text + pos, n);
		buf[n] = 0;
		pos = end + 1;
		nw = split(buf, w, SYSCFG_WORDS);
		if (nw == 0 || w[0][0] == '*')
			continue;
		if (nw > SYSCFG_WORDS) {
			report(err, line, "too many operands");
			continue;
		}
		if (strcmp(w[0], "VOLUME") == 0)
			volume_statement(out, err, line, w, nw);
		else
			report(err, line, "unknown statement %.16s", w[0]);
	}
	return err && err->count ? -1 : 0;
}

/* z/VM's link modes (cp/links.h); the directory compiler has no CP code to ask. */
static bool valid_mode(const char *m)
{
	static const char *const modes[] = { "R", "RR", "W", "WR", "M", "MR", "MW" };

	for (unsigned i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strcmp(m, modes[i]) == 0)
			return true;
	return false;
}

int mdisk_extent_of(const struct dir_device *d, struct mdisk_extent *out)
{
	const char *mode;

	if (d->kind != DIR_DEV_MDISK)
		return 0;
	if (d->nwords >= 1 && (strcmp(d->words[0], "V-DISK") == 0 ||
			       strcmp(d->words[0], "VDISK") == 0))
		return 0;
	memset(out, 0, sizeof(*out));
	out->vdev = d->vdev;
	out->ckd = strcmp(d->type, "3390") == 0;
	if ((!out->ckd && strcmp(d->type, "FB-512") != 0) || d->nwords < 3 || d->nwords > 4 ||
	    str_to_u64(d->words[0], 10, &out->start) != 0 ||
	    str_to_u64(d->words[1], 10, &out->count) != 0 || out->count == 0 ||
	    out->start > VOL_MAX_BLOCKS || out->count > VOL_MAX_BLOCKS ||
	    !vol_valid_volser(d->words[2]))
		return -1;
	if (out->ckd) {
		if (out->start > CKD_3390_MAX_CYLS || out->count > CKD_3390_MAX_CYLS)
			return -1;
		out->cyl_start = (uint32_t)out->start;
		out->cyl_count = (uint32_t)out->count;
		out->start = ckd_blocks(out->cyl_start);
		out->count = ckd_blocks(out->cyl_count);
	}
	strlcpy(out->volser, d->words[2], sizeof(out->volser));
	mode = d->nwords > 3 ? d->words[3] : "W";
	if (!valid_mode(mode))
		return -1;
	strlcpy(out->mode, mode, sizeof(out->mode));
	out->read_only = mode[0] == 'R';
	return 1;
}

/* An extent that passed the single checks: user and device index (kept small: CP links this). */
struct placed {
	uint16_t user, dev;
};

static const struct dir_device *placed_dev(const struct directory *dir, struct placed p,
					   struct mdisk_extent *e)
{
	const struct dir_device *d = &dir->users[p.user].devices[p.dev];

	mdisk_extent_of(d, e);
	return d;
}

int dir_check_extents(const struct directory *dir, const struct sysconfig *cfg,
		      struct dir_error *err)
{
	static struct placed all[DIR_MAX_USERS * DIR_MAX_DEVICES];
	unsigned n = 0, errors = 0;

	if (err)
		memset(err, 0, sizeof(*err));
	for (unsigned i = 0; i < dir->nusers; i++) {
		const struct dir_user *u = &dir->users[i];

		for (unsigned j = 0; j < u->ndevices; j++) {
			const struct dir_device *d = &u->devices[j];
			const struct syscfg_volume *v;
			struct mdisk_extent e;
			int rc = mdisk_extent_of(d, &e);

			if (rc == 0)
				continue;
			errors++;
			if (rc < 0) {
				report(err, d->line, "MDISK %04X of %s: use FB-512 start count volser "
				       "[mode], 3390 startcyl ncyl volser [mode] or FB-512 V-DISK "
				       "blocks [mode]", d->vdev, u->userid);
				continue;
			}
			v = syscfg_find(cfg, e.volser);
			if (!v) {
				report(err, d->line, "MDISK %04X of %s: volume %s is not in SYSTEM "
				       "CONFIG", d->vdev, u->userid, e.volser);
				continue;
			}
			if (v->use != SYSCFG_USER) {
				report(err, d->line, "MDISK %04X of %s: volume %s is not a USER volume",
				       d->vdev, u->userid, e.volser);
				continue;
			}
			if (e.ckd != (v->dev_type == CKD_3390_DEVTYPE)) {
				report(err, d->line, "MDISK %04X of %s: volume %s is %s, not %s",
				       d->vdev, u->userid, e.volser, v->dev_type ? "a 3390" :
				       "FB-512", e.ckd ? "a 3390" : "FB-512");
				continue;
			}
			if (e.ckd && e.cyl_start == 0) {
				report(err, d->line, "MDISK %04X of %s: cylinder 0 of %s holds its "
				       "label", d->vdev, u->userid, e.volser);
				continue;
			}
			if (e.ckd && e.cyl_start + e.cyl_count > v->cylinders) {
				report(err, d->line, "MDISK %04X of %s: ends beyond volume %s (%u "
				       "cylinders)", d->vdev, u->userid, e.volser, v->cylinders);
				continue;
			}
			if (e.start < VOL_FIRST_USABLE) {
				report(err, d->line, "MDISK %04X of %s: blocks 0-%u of %s hold its "
				       "label", d->vdev, u->userid, VOL_FIRST_USABLE - 1, e.volser);
				continue;
			}
			if (e.start + e.count > v->blocks) {
				report(err, d->line, "MDISK %04X of %s: ends beyond volume %s (%llu "
				       "blocks)", d->vdev, u->userid, e.volser,
				       (unsigned long long)v->blocks);
				continue;
			}
			errors--;
			all[n++] = (struct placed){ (uint16_t)i, (uint16_t)j };
		}
	}
	for (unsigned i = 0; i < dir->nusers; i++)
		for (unsigned j = 0; j < dir->users[i].ndevices; j++) {
			const struct dir_device *d = &dir->users[i].devices[j];
			const struct dir_user *owner;
			struct mdisk_extent e;
			bool found = false;

			if (d->kind != DIR_DEV_LINK)
				continue;
			owner = 0;
			for (unsigned k = 0; k < dir->nusers; k++)
				if (strcmp(dir->users[k].userid, d->type) == 0)
					owner = &dir->users[k];
			for (unsigned k = 0; owner && k < owner->ndevices; k++)
				if (owner->devices[k].vdev == d->link_vdev &&
				    mdisk_extent_of(&owner->devices[k], &e) == 1)
					found = true;
			if (!found) {
				errors++;
				report(err, d->line, "LINK %04X of %s: %s has no minidisk %04X on a "
				       "real volume", d->vdev, dir->users[i].userid, d->type,
				       d->link_vdev);
			} else if (d->nwords < 1 || !valid_mode(d->words[0])) {
				errors++;
				report(err, d->line, "LINK %04X of %s: mode must be R, RR, W, WR, M, "
				       "MR or MW", d->vdev, dir->users[i].userid);
			}
		}
	for (unsigned a = 0; a < n; a++)
		for (unsigned b = 0; b < a; b++) {
			struct mdisk_extent x, y;
			const struct dir_device *dx = placed_dev(dir, all[a], &x);
			const struct dir_device *dy = placed_dev(dir, all[b], &y);

			if (strcmp(x.volser, y.volser) != 0 || x.start >= y.start + y.count ||
			    y.start >= x.start + x.count)
				continue;
			errors++;
			report(err, dx->line, "MDISK %04X of %s overlaps MDISK %04X of %s on %s",
			       dx->vdev, dir->users[all[a].user].userid, dy->vdev,
			       dir->users[all[b].user].userid, x.volser);
		}
	return errors ? -1 : 0;
}

uint64_t dir_allocated_blocks(const struct directory *dir, const char *volser)
{
	uint64_t sum = 0;

	for (unsigned i = 0; i < dir->nusers; i++)
		for (unsigned j = 0; j < dir->users[i].ndevices; j++) {
			struct mdisk_extent e;

			if (mdisk_extent_of(&dir->users[i].devices[j], &e) == 1 &&
			    strcmp(e.volser, volser) == 0)
				sum += e.count;
		}
	return sum;
}
