/*
 * QUERY operands about users and their sessions: USERS, USERID, VIRTUAL [DASD], LOGMSG,
 * TERMINAL and PRIVCLASS, in z/VM's forms where z/VM has them.
 * Covered by tests/unit/test_cmd.c.
 */
#include <cp/cmd.h>
#include <cp/dasd.h>
#include <cp/term.h>
#include <cp/user.h>
#include <cp/vmm.h>
#include <lib/format.h>
#include <lib/string.h>
#include <vm64/version.h>
#include "cmd_priv.h"

/*
 * QUERY USERID [*|userid]: z/VM's "userid AT sysname" (the user ID padded to 8), for the
 * issuer or a user who is logged on; VMCCMD045E for one who is not.
 */
int query_userid(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *who = ctx->userid;

	if (args->argc == 3 && strcmp(args->argv[2], "*") != 0) {
		struct vm *vm = vm_find(args->argv[2]);

		if (!vm)
			return cmd_msg(ctx, MSG_NOT_LOGGED_ON, args->argv[2]);
		who = vm->userid;
	}
	cmd_printf(ctx, "%-8s AT %s", who, VM64_SYSTEM_ID);
	return 0;
}

int query_users(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	unsigned users = 0, disconnected = 0;

	if (args->argc > 2) {
		struct vm *vm = vm_find(args->argv[2]);

		if (!vm)
			return cmd_msg(ctx, MSG_NOT_LOGGED_ON, args->argv[2]);
		if (vm->user->term)
			cmd_printf(ctx, "%-8s - %04X", vm->userid, term_devno(vm->user->term));
		else
			cmd_printf(ctx, "%-8s - %s", vm->userid, vm->user->at_line_console ? "SYSC" : "DSC");
		return 0;
	}
	for (unsigned i = 0; i < VM_MAX_MACHINES; i++) {
		struct vm *vm = vm_slot(i);

		if (!vm)
			continue;
		users++;
		if (!user_connected(vm))
			disconnected++;
	}
	cmd_printf(ctx, "%5u USERS, %5u DISCONNECTED, %5u TERMINALS CONNECTED", users, disconnected,
		   term_connected(0));
	return 0;
}

static void class_letters(char *buf, uint32_t classes)
{
	unsigned n = 0;

	for (char c = 'A'; c <= 'G'; c++)
		if (classes & CLASS_BIT(c))
			buf[n++] = c;
	buf[n] = 0;
}

int query_privclass(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	char now[8];

	(void)args;
	class_letters(now, ctx->classes);
	cmd_printf(ctx, "Privilege classes for user %s", ctx->userid);
	cmd_printf(ctx, "Currently: %s", now);
	return 0;
}

int query_logmsg(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	bool any = false;

	(void)args;
	for (unsigned i = 0; i < LOGMSG_LINES; i++) {
		if (logon_message[i][0]) {
			cmd_printf(ctx, "%s", logon_message[i]);
			any = true;
		}
	}
	if (!any)
		cmd_printf(ctx, "There is no logmsg data");
	return 0;
}

int query_terminal(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm = ctx->vm;
	struct scr *s;

	(void)args;
	if (!vm || !vm->user->term) {
		cmd_printf(ctx, "Terminal: %s", vm && !vm->user->at_line_console
							? "none (disconnected)"
							: "operator's line console");
	} else {
		s = term_screen(vm->user->term);
		cmd_printf(ctx, "TERMINAL %04X, SCRNSIZE %ux%u, MORE %03u %03u, HOLD %s",
			   term_devno(vm->user->term), s->geom.rows, s->geom.cols, s->more_first_s,
			   s->more_next_s, s->hold_on ? "ON" : "OFF");
	}
	if (!vm)
		return 0;
	cmd_printf(ctx, "MSG %s, WNG %s, EMSG %s", vm->user->msg_off ? "OFF" : "ON",
		   vm->user->wng_off ? "OFF" : "ON",
		   (const char *const[]){ "ON", "TEXT", "CODE", "OFF" }[vm->user->emsg & 3]);
	/* z/VM's fields for the virtual console; Linux looks for "CONMODE 3215" here. */
	cmd_printf(ctx, "CONMODE 3215, BRKKEY PA1, AUTOCR %s", vm->user->autocr_off ? "OFF" : "ON");
	return 0;
}

/*
 * QUERY CONSOLE, as z/VM answers it: the device number at offset 5 of the first line and
 * "SUBCHANNEL = nnnn", the console's subchannel number as the guest sees it (Linux's
 * conmode_default() parses both, arch/s390/kernel/setup.c).
 */
int query_console(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm = ctx->vm;
	uint16_t devno;

	if (!vm)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON, ctx->userid);
	if (args->argc > 2)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[2]);
	devno = vm->console.devno;
	if (vm->user->term)
		cmd_printf(ctx, "CONS %04X ON LDEV %04X", devno, term_devno(vm->user->term));
	else
		cmd_printf(ctx, "CONS %04X %s", devno,
			   vm->user->at_line_console ? "ON SYSC" : "DISCONNECTED");
	cmd_printf(ctx, "     %04X 3215   SUBCHANNEL = %04X", devno, (unsigned)vm->console.number);
	return 0;
}

/*
 * One DASD line, z/VM style: "DASD 0191 9336 (VDSK) R/W       4096 BLK ON DASD  VDSK" for a
 * V-DISK, "DASD 0191 9336 VM64U1 R/W       4096 BLK ON DASD  0101" for a minidisk (its volume
 * and the real device number), "DASD 0191 3390 VM64C1 R/W          2 CYL ON DASD  0200" for a
 * minidisk on a 3390.
 */
static void dasd_line(struct cmd_ctx *ctx, const struct vm_disk *d)
{
	const struct blkdev *bd = &d->bd;
	char vol[10], rdev[8];

	if (d->mdisk.vol) {
		ksnprintf(vol, sizeof(vol), "%s", d->volser);
		ksnprintf(rdev, sizeof(rdev), "%04X", d->mdisk.vol->devno);
	} else {
		ksnprintf(vol, sizeof(vol), "(%s)", bd->ops->label);
		ksnprintf(rdev, sizeof(rdev), "%s", bd->ops->label);
	}
	cmd_printf(ctx, "DASD %04X %04X %-6s %s %10llu %s ON DASD  %s", bd->devno, bd->dev_type,
		   vol, bd->read_only ? "R/O" : "R/W",
		   bd->cylinders ? (unsigned long long)bd->cylinders : (unsigned long long)bd->blocks,
		   bd->cylinders ? "CYL" : "BLK", rdev);
}

/* The machine's disks; false when it has none. */
static bool dasd_lines(struct cmd_ctx *ctx, struct vm *vm)
{
	bool any = false;

	for (unsigned i = 0; i < VM_MAX_DISKS; i++) {
		if (vm->disks[i].bd.ops) {
			dasd_line(ctx, &vm->disks[i]);
			any = true;
		}
	}
	return any;
}

int query_virtual(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm = ctx->vm;

	if (!vm)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON, ctx->userid);
	if (args->argc > 2) {
		if (args->argc > 3)
			return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[3]);
		if (cmd_abbrev_matches(args->argv[2], "CPUS", 3))
			return query_virtual_cpus(ctx, vm); /* cp/cmd/cpucmds.c */
		if (strcmp(args->argv[2], "UR") == 0) {
			query_ur_lines(ctx, vm); /* reader, punch, printer (cp/vur.h) */
			return 0;
		}
		if (!cmd_abbrev_matches(args->argv[2], "DASD", 2))
			return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[2]);
		if (!dasd_lines(ctx, vm))
			return cmd_msg(ctx, MSG_NO_VIRTUAL_DASD);
		return 0;
	}
	cmd_printf(ctx, "STORAGE = %lluM%s", (unsigned long long)(vm->mem.size >> 20),
		   vm->mem.fixed_origin ? " V=F" : "");
	cmd_printf(ctx, "CPU 00  ID %s  %s", vm->userid, vcpu_state_name(vm->vcpu.state));
	if (vm->user->term)
		cmd_printf(ctx, "CONS 0009 ON LDEV %04X  3215", term_devno(vm->user->term));
	else
		cmd_printf(ctx, "CONS 0009 %s  3215", vm->user->at_line_console ? "ON SYSC" : "DISCONNECTED");
	query_ur_lines(ctx, vm);
	dasd_lines(ctx, vm);
	cmd_printf(ctx, "IPL %s", vm->ipl_name[0] ? vm->ipl_name : "(none)");
	return 0;
}
