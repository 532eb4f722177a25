/*
 * LINK, DETACH and QUERY LINKS: a user's links to minidisks (its own or another user's, from
 * the directory) under z/VM's mode rules and passwords (cp/links.h, the MDISK statement's
 * passwords in cp/directory.h). Tested by tests/unit/test_cmd.c (test_link_commands) and on
 * Hercules by tests/system/test_link.py.
 */
#include <cp/blkdev.h>
#include <cp/cmd.h>
#include <cp/dasd.h>
#include <cp/directory.h>
#include <cp/links.h>
#include <cp/sysconfig.h>
#include <cp/vm.h>
#include <lib/format.h>
#include <lib/string.h>
#include "cmd_priv.h"

/* A virtual device number: 1-4 hex digits. */
static bool parse_vdev(const char *s, uint16_t *out)
{
	uint64_t v;

	if (!s || !s[0] || strlen(s) > 4 || str_to_u64(s, 16, &v) != 0 || v > 0xffff)
		return false;
	*out = (uint16_t)v;
	return true;
}

/* The owner's directory device @vdev when it is a minidisk on a real volume. */
static const struct dir_device *owner_mdisk(const struct dir_user *owner, uint16_t vdev,
					    struct mdisk_extent *e)
{
	for (unsigned i = 0; owner && i < owner->ndevices; i++)
		if (owner->devices[i].vdev == vdev && mdisk_extent_of(&owner->devices[i], e) == 1)
			return &owner->devices[i];
	return 0;
}

static enum dir_linkpw password_for(enum link_mode mode)
{
	if (mode == LINK_R || mode == LINK_RR)
		return DIR_LINKPW_READ;
	return mode == LINK_W || mode == LINK_WR ? DIR_LINKPW_WRITE : DIR_LINKPW_MULTI;
}

/* The refusal or forced-R/O message for the census, z/VM's three forms each. */
static int census_msg(struct cmd_ctx *ctx, bool refused, const char *owner, uint16_t vdev1,
		      uint16_t vdev2, const struct link_census *c)
{
	char ro[16], rw[16];

	link_census_who(c, 'O', ro, sizeof(ro));
	link_census_who(c, 'W', rw, sizeof(rw));
	if (refused) {
		if (c->rw && c->ro)
			return cmd_msg(ctx, MSG_LINK_REFUSED_RWRO, owner, vdev1, rw, ro);
		if (c->rw)
			return cmd_msg(ctx, MSG_LINK_REFUSED_RW, owner, vdev1, rw);
		return cmd_msg(ctx, MSG_LINK_REFUSED_RO, owner, vdev1, ro);
	}
	if (c->rw && c->ro)
		return cmd_msg(ctx, MSG_LINK_FORCED_RWRO, vdev2, rw, ro);
	if (c->rw)
		return cmd_msg(ctx, MSG_LINK_FORCED_RW, vdev2, rw);
	return cmd_msg(ctx, MSG_LINK_FORCED_RO, vdev2, ro);
}

/* LINK [TO] userid vdev1 [AS] vdev2 [mode] [[PASS=] password] */
int cmd_link(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *w[8], *owner_id, *pw = 0;
	unsigned n = 0;
	uint16_t vdev1, vdev2;
	const struct dir_user *owner;
	const struct dir_device *d;
	const struct dasd_device *vol;
	struct mdisk_extent e;
	struct link_extent ext;
	struct link_census c;
	struct vm_disk *slot = 0;
	enum link_result r;
	int mode;
	bool own;

	if (!ctx->vm)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON, ctx->userid);
	for (unsigned i = 1; i < args->argc; i++) {
		const char *a = args->argv[i];

		if ((i == 1 && strcmp(a, "TO") == 0) || (n == 2 && strcmp(a, "AS") == 0))
			continue;
		if (n == sizeof(w) / sizeof(w[0]))
			return cmd_msg(ctx, MSG_EXTRA_OPERAND, a);
		w[n++] = a;
	}
	if (n < 3 || !parse_vdev(w[1], &vdev1) || !parse_vdev(w[2], &vdev2))
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	owner_id = strcmp(w[0], "*") == 0 ? ctx->vm->userid : w[0];
	owner = dir_find(&cp_directory, owner_id);
	if (!owner)
		return cmd_msg(ctx, MSG_NOT_IN_DIRECTORY, owner_id);
	own = strcmp(owner->userid, ctx->vm->userid) == 0;
	d = owner_mdisk(owner, vdev1, &e);
	if (!d)
		return cmd_msg(ctx, MSG_LINK_NO_MDISK, owner->userid, vdev1);
	mode = n > 3 ? link_mode_parse(w[3]) : link_mode_parse(own ? e.mode : "R");
	if (mode < 0)
		return cmd_msg(ctx, MSG_INVALID_OPTION, w[3]);
	if (n > 4) {
		pw = w[4];
		if (strcmp(pw, "PASS=") == 0)
			pw = n > 5 ? w[5] : "";
		else if (strncmp(pw, "PASS=", 5) == 0)
			pw += 5;
		if (n > (strcmp(w[4], "PASS=") == 0 ? 6u : 5u))
			return cmd_msg(ctx, MSG_EXTRA_OPERAND, w[n - 1]);
	}
	if (!own && !dir_check_link_pw(owner, d, password_for((enum link_mode)mode), pw))
		return cmd_msg(ctx, MSG_LINK_PASSWORD, owner->userid, vdev1);
	if (vm_disk_find(ctx->vm, vdev2))
		return cmd_msg(ctx, MSG_LINK_VDEV_IN_USE, owner->userid, vdev1, vdev2);
	vol = dasd_volume(e.volser);
	if (!vol)
		return cmd_msg(ctx, MSG_LINK_NOT_MOUNTED, owner->userid, vdev1, e.volser);
	for (unsigned i = 0; i < VM_MAX_DISKS && !slot; i++)
		if (!ctx->vm->disks[i].bd.ops)
			slot = &ctx->vm->disks[i];
	if (!slot)
		return cmd_msg(ctx, MSG_LINK_NO_ROOM, owner->userid, vdev1, (unsigned)VM_MAX_DISKS);
	ext = (struct link_extent){ .vol = vol, .start = e.start, .count = e.count };
	link_census(&cp_links, &ext, ctx->vm->userid, &c);
	r = link_decide((enum link_mode)mode, c.ro, c.rw);
	if (r == LINK_REFUSED)
		return census_msg(ctx, true, owner->userid, vdev1, vdev2, &c);
	if (mdisk_blkdev_init(slot, vol, vdev2, e.start, e.count, r != LINK_OK_RW) != 0 ||
	    link_add(&cp_links, &ext, ctx->vm->userid, vdev2, r == LINK_OK_RW) != 0) {
		memset(slot, 0, sizeof(*slot));
		return cmd_msg(ctx, MSG_LINK_NO_ROOM, owner->userid, vdev1, (unsigned)VM_MAX_DISKS);
	}
	slot->forced_ro = r == LINK_FORCED_RO;
	if (r == LINK_FORCED_RO)
		return census_msg(ctx, false, owner->userid, vdev1, vdev2, &c);
	if (c.ro || c.rw) {
		char who[40], ro[16], rw[16];

		link_census_who(&c, 'O', ro, sizeof(ro));
		link_census_who(&c, 'W', rw, sizeof(rw));
		if (c.rw && c.ro)
			ksnprintf(who, sizeof(who), "R/W by %s; R/O by %s", rw, ro);
		else if (c.rw)
			ksnprintf(who, sizeof(who), "R/W by %s", rw);
		else
			ksnprintf(who, sizeof(who), "R/O by %s", ro);
		return cmd_msg(ctx, MSG_LINKED, vdev2, r == LINK_OK_RW ? "R/W" : "R/O", who);
	}
	return 0;
}

/* DETACH vdev: gives up a disk (a link, or the user's own minidisk) until the next LOGON. */
int cmd_detach(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	uint16_t vdev;

	if (args->argc > 2 && cmd_abbrev_matches(args->argv[1], "CPU", 3))
		return cmd_detach_cpu(ctx, args); /* DETACH CPU nn (cp/cmd/cpucmds.c) */
	if (args->argc > 2)
		return cmd_detach_rdev(ctx, args); /* DETACH rdev [FROM] userid (cp/cmd/attach.c) */
	if (!ctx->vm)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON, ctx->userid);
	if (args->argc < 2 || !parse_vdev(args->argv[1], &vdev))
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (vm_disk_detach(ctx->vm, vdev) != 0)
		return cmd_msg(ctx, MSG_NO_SUCH_DEVICE, vdev);
	return cmd_msg(ctx, MSG_DETACHED, vdev);
}

/* QUERY LINKS vdev: who is linked to the minidisk the user has at vdev, and how. */
int query_links(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const struct link_entry *l;
	struct link_extent ext;
	struct vm_disk *d;
	uint16_t vdev;

	if (!ctx->vm)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON, ctx->userid);
	if (args->argc < 3 || !parse_vdev(args->argv[2], &vdev))
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	d = vm_disk_find(ctx->vm, vdev);
	if (!d)
		return cmd_msg(ctx, MSG_NO_SUCH_DEVICE, vdev);
	if (!d->mdisk.vol)
		return cmd_msg(ctx, MSG_NO_LINKS, vdev); /* a V-DISK is never shared */
	ext = (struct link_extent){ .vol = d->mdisk.vol, .start = d->mdisk.start,
				    .count = d->mdisk.blocks };
	for (unsigned i = 0; (l = link_nth(&cp_links, &ext, i)) != 0; i++)
		cmd_printf(ctx, "%-8s %04X %s", l->userid, l->vdev, l->rw ? "R/W" : "R/O");
	return 0;
}
