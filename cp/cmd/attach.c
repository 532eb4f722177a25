/*
 * ATTACH, DETACH rdev and VARY: dedicated DASD, z/VM's way (class B). A whole real disk is
 * given to a logged-on user as a virtual device (cp/attach.h) and taken back by DETACH, by
 * the user's own DETACH vdev (cp/cmd/link.c) or at LOGOFF; VARY OFFLINE takes a device out of
 * use, VARY ONLINE reads its label again (cp/dasd.h). The rules:
 *
 *   ATTACH rdev [TO] userid|* [AS vdev] [R/O]
 *       refused for a device that is not there, not a DASD, offline, already attached,
 *       CP owned (the SYSRES volume), or holding minidisks that users have links to; vdev
 *       (rdev when AS is left out) must be free in the user's machine
 *   DETACH rdev [FROM] userid|*
 *       the device must be attached to that user
 *   VARY ONLINE|OFFLINE rdev
 *       OFFLINE is refused while the device is attached, CP owned or holds linked minidisks;
 *       an offline device serves no new LOGON or LINK (their "not online" answers) and
 *       cannot be attached
 *
 * Syntax from z/VM's CP Commands and Utilities Reference (ATTACH, DETACH (Real Device),
 * VARY (Real Device)). Tested by tests/unit/test_cmd.c (test_attach_vary) and on both machines
 * by tests/system/test_attach.py.
 */
#include <arch/hw.h>
#include <cp/attach.h>
#include <cp/blkdev.h>
#include <cp/cmd.h>
#include <cp/dasd.h>
#include <cp/sysconfig.h>
#include <cp/user.h>
#include <cp/vm.h>
#include <cp/vmm.h>
#include <lib/format.h>
#include <lib/string.h>
#include "cmd_priv.h"

/* A device number: 1-4 hex digits. */
static bool parse_devno(const char *s, uint16_t *out)
{
	uint64_t v;

	if (!s || !s[0] || strlen(s) > 4 || str_to_u64(s, 16, &v) != 0 || v > 0xffff)
		return false;
	*out = (uint16_t)v;
	return true;
}

/* The user a class B command names: "*" is the issuer. */
static struct vm *target(struct cmd_ctx *ctx, const char *who)
{
	if (strcmp(who, "*") == 0)
		return ctx->vm;
	return vm_find(who);
}

/* Tells @vm's user what an operator did to its machine (nothing when it did it itself). */
static void tell_user(struct cmd_ctx *ctx, struct vm *vm, enum msg_id id, ...)
{
	char line[160];
	va_list ap;

	if (vm == ctx->vm)
		return;
	va_start(ap, id);
	msg_vformat(line, sizeof(line), id, ap);
	va_end(ap);
	user_output(vm, line, strlen(line));
}

static bool cp_owned(const struct dasd_device *d)
{
	return d->state == DASD_ONLINE && d->cfg && d->cfg->use == SYSCFG_SYSRES;
}

/* The real device @rdev, or the message that says why it is none. */
static struct dasd_device *real_dasd(struct cmd_ctx *ctx, uint16_t rdev, int *rc)
{
	struct dasd_device *d = dasd_rdev(rdev);

	if (d)
		return d;
	for (unsigned i = 0; i < hw_device_count(); i++)
		if (hw_device(i)->devno == rdev) {
			*rc = cmd_msg(ctx, MSG_ATT_NOT_DASD, rdev);
			return 0;
		}
	*rc = cmd_msg(ctx, MSG_NO_SUCH_DEVICE, rdev);
	return 0;
}

/* ATTACH rdev [TO] userid|* [AS vdev] [R/O] */
int cmd_attach(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *w[2];
	unsigned n = 0, users;
	uint16_t rdev, vdev = 0;
	bool as = false, ro = false;
	struct dasd_device *d;
	struct vm_disk *slot = 0;
	struct vm *vm;
	int rc = 0;

	for (unsigned i = 1; i < args->argc; i++) {
		const char *a = args->argv[i];

		if (i == 2 && strcmp(a, "TO") == 0)
			continue;
		if (n == 2 && !as && strcmp(a, "AS") == 0) {
			if (i + 1 >= args->argc || !parse_devno(args->argv[i + 1], &vdev))
				return cmd_msg(ctx, MSG_OPERAND_MISSING);
			as = true;
			i++;
			continue;
		}
		if (n == 2 && !ro && strcmp(a, "R/O") == 0) {
			ro = true;
			continue;
		}
		if (n == 2)
			return cmd_msg(ctx, MSG_EXTRA_OPERAND, a);
		w[n++] = a;
	}
	if (n < 2 || !parse_devno(w[0], &rdev))
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (!as)
		vdev = rdev;
	d = real_dasd(ctx, rdev, &rc);
	if (!d)
		return rc;
	vm = target(ctx, w[1]);
	if (!vm)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON, strcmp(w[1], "*") ? w[1] : ctx->userid);
	if (d->offline)
		return cmd_msg(ctx, MSG_ATT_NOT_AVAILABLE, rdev);
	if (d->attached[0])
		return cmd_msg(ctx, MSG_ATT_ALREADY, rdev, d->attached);
	if (cp_owned(d))
		return cmd_msg(ctx, MSG_ATT_CP_OWNED, rdev);
	if (d->cylinders) /* a dedicated disk is a virtual FBA; track 0 is out of its reach */
		return cmd_msg(ctx, MSG_ATT_CKD, rdev);
	users = dasd_link_users(d);
	if (users)
		return cmd_msg(ctx, MSG_ATT_IN_USE, rdev, users);
	if (vdev == 0x0009 || vm_disk_find(vm, vdev))
		return cmd_msg(ctx, MSG_ATT_VDEV_IN_USE, rdev, vm->userid, vdev);
	for (unsigned i = 0; i < VM_MAX_DISKS && !slot; i++)
		if (!vm->disks[i].bd.ops)
			slot = &vm->disks[i];
	if (!slot)
		return cmd_msg(ctx, MSG_ATT_NO_ROOM, rdev, vm->userid, (unsigned)VM_MAX_DISKS);
	dedicated_blkdev_init(slot, d, vdev, ro, vm->userid);
	tell_user(ctx, vm, MSG_ATTACHED_BY, rdev, vm->userid, vdev, ctx->userid, ro ? " R/O" : "");
	return cmd_msg(ctx, MSG_ATTACHED, rdev, vm->userid, vdev, ro ? " R/O" : "");
}

/* DETACH rdev [FROM] userid|*: the class B form (cmd_detach() sends it here). */
int cmd_detach_rdev(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	unsigned who = 2;
	uint16_t rdev, vdev;
	struct dasd_device *d;
	struct vm_disk *disk;
	struct vm *vm;
	int rc = 0;

	if (!(ctx->classes & CLASS_B))
		return cmd_msg(ctx, MSG_NOT_AUTHORIZED, "DETACH");
	if (args->argc > 3 && cmd_abbrev_matches(args->argv[2], "FROM", 2))
		who = 3;
	if (args->argc > who + 1)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[who + 1]);
	if (args->argc <= who || !parse_devno(args->argv[1], &rdev))
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	d = real_dasd(ctx, rdev, &rc);
	if (!d)
		return rc;
	vm = target(ctx, args->argv[who]);
	if (!vm)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON,
			       strcmp(args->argv[who], "*") ? args->argv[who] : ctx->userid);
	disk = vm_dedicated_find(vm, d);
	if (!disk)
		return cmd_msg(ctx, MSG_NOT_ATTACHED_TO, rdev, vm->userid);
	vdev = disk->bd.devno;
	vm_disk_detach(vm, vdev);
	tell_user(ctx, vm, MSG_DETACHED_BY, vdev, ctx->userid);
	return cmd_msg(ctx, MSG_DETACHED_FROM, rdev, vm->userid, vdev);
}

static struct cmd_ctx *say_ctx;

static void say(const char *line)
{
	cmd_emit_msg(say_ctx, line);
}

/* VARY ONLINE|OFFLINE rdev */
int cmd_vary(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	char why[32];
	struct dasd_device *d;
	uint16_t rdev;
	unsigned users;
	bool on;
	int rc = 0;

	if (args->argc < 3 || !parse_devno(args->argv[2], &rdev))
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (cmd_abbrev_matches(args->argv[1], "ONLINE", 2))
		on = true;
	else if (cmd_abbrev_matches(args->argv[1], "OFFLINE", 3))
		on = false;
	else
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[1]);
	if (args->argc > 3)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[3]);
	d = real_dasd(ctx, rdev, &rc);
	if (!d)
		return rc;
	if (on) {
		if (!d->offline)
			return cmd_msg(ctx, MSG_VARY_ALREADY, rdev, "online");
		d->offline = false;
		say_ctx = ctx;
		dasd_probe(d, &cp_sysconfig, say); /* the label may have changed while offline */
		return cmd_msg(ctx, MSG_VARIED_ONLINE, rdev);
	}
	if (d->offline)
		return cmd_msg(ctx, MSG_VARY_ALREADY, rdev, "offline");
	users = dasd_link_users(d);
	if (d->attached[0])
		ksnprintf(why, sizeof(why), "attached to %s", d->attached);
	else if (cp_owned(d))
		ksnprintf(why, sizeof(why), "CP owned");
	else if (users)
		ksnprintf(why, sizeof(why), "in use by %u users", users);
	else
		why[0] = 0;
	if (why[0])
		return cmd_msg(ctx, MSG_VARY_REFUSED, rdev, why);
	d->offline = true;
	return cmd_msg(ctx, MSG_VARIED_OFFLINE, rdev);
}
