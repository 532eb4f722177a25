/*
 * Commands of a logged-on user about their own session and machine, in z/VM's forms:
 * LOGOFF, DISCONNECT, BEGIN, IPL, SYSTEM RESET|CLEAR|RESTART, TERMINAL MORE|HOLD, SET
 * MSG|WNG|EMSG|LOGMSG, and the messages between users, MSG and WARNING. Commands that would
 * end or restart the machine whose DIAGNOSE X'08' issued them are deferred (cp/user.h).
 * Covered by tests/unit/test_cmd.c and tests/unit/test_route.c.
 */
#include <cp/cmd.h>
#include <cp/msg.h>
#include <cp/term.h>
#include <cp/user.h>
#include <cp/vm.h>
#include <cp/vmm.h>
#include <cp/vur.h>
#include <lib/ctype.h>
#include <lib/format.h>
#include <lib/string.h>
#include "cmd_priv.h"

/* The issuer's machine, or a message when the command needs one (host tests have none). */
static struct vm *issuer(struct cmd_ctx *ctx)
{
	if (!ctx->vm)
		cmd_msg(ctx, MSG_NOT_LOGGED_ON, ctx->userid);
	return ctx->vm;
}

static int no_more_operands(struct cmd_ctx *ctx, const struct cmd_args *args, unsigned n)
{
	if (args->argc > n)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[n]);
	return 0;
}

int cmd_logoff(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm = issuer(ctx);

	if (!vm)
		return 45;
	if (args->argc > 1 && !cmd_abbrev_matches(args->argv[1], "HOLD", 4))
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[1]);
	if (vm->user->at_line_console && !vm->user->term)
		return cmd_msg(ctx, MSG_OPERATOR_STAYS);
	if (ctx->from_guest) {
		user_defer(vm, DEFER_LOGOFF, 0);
		return 0;
	}
	user_logoff(vm, 0);
	return 0;
}

int cmd_disconnect(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm = issuer(ctx);

	if (!vm)
		return 45;
	if (args->argc > 1 && !cmd_abbrev_matches(args->argv[1], "HOLD", 4))
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[1]);
	if (!vm->user->term)
		return cmd_msg(ctx, MSG_NO_TERMINAL, "DISCONNECT");
	user_disconnect(vm, 0);
	return 0;
}

int cmd_begin(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm = issuer(ctx);

	if (!vm)
		return 45;
	if (no_more_operands(ctx, args, 1))
		return 4;
	user_begin(vm);
	return 0;
}

/* A spool device of @vm at device number @w (hex). */
static bool spool_device(struct vm *vm, const char *w)
{
	uint64_t vdev;

	return str_to_u64(w, 16, &vdev) == 0 && vdev <= 0xffff && vur_find(vm, (uint16_t)vdev);
}

int cmd_ipl(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm = issuer(ctx);
	char arg[16];
	int why;

	if (!vm)
		return 45;
	if (args->argc < 2)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (kisxdigit((unsigned char)args->argv[1][0]) && strlen(args->argv[1]) <= 4 &&
	    spool_device(vm, args->argv[1])) {
		/* IPL vdev [CLEAR] of a reader (cp/vur.h) */
		if (args->argc > 2 && strcmp(args->argv[2], "CLEAR") != 0)
			return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[2]);
		if (no_more_operands(ctx, args, 3))
			return 4;
		ksnprintf(arg, sizeof(arg), "%s%s", args->argv[1], args->argc > 2 ? " CLEAR" : "");
		if (ctx->from_guest) {
			user_defer(vm, DEFER_IPL, arg);
			return 0;
		}
		return user_ipl(vm, arg) ? 20 : 0;
	}
	if (no_more_operands(ctx, args, 2))
		return 4;
	if (kisdigit((unsigned char)args->argv[1][0]) && strlen(args->argv[1]) <= 4)
		return cmd_msg(ctx, MSG_IPL_DEVICE, args->argv[1]);
	if (ctx->from_guest) {
		user_defer(vm, DEFER_IPL, args->argv[1]);
		return 0;
	}
	why = user_ipl(vm, args->argv[1]);
	if (why == MSG_NO_SUCH_SYSTEM)
		return cmd_msg(ctx, MSG_NO_SUCH_SYSTEM, args->argv[1]);
	if (why)
		return cmd_msg(ctx, MSG_NO_STORAGE, vm->userid);
	return 0;
}

/*
 * SYSTEM RESTART: the restart key (cp/vm/vcpu_restart.c). Not deferred when a DIAGNOSE X'08'
 * asks: the restart is pending when the instruction completes, and taken before the next
 * one, with the PSW after the DIAGNOSE as the old PSW. From CP READ (PA1 or #CP) the machine
 * runs on as after BEGIN, as z/VM's does; it answers nothing.
 */
static int system_restart(struct cmd_ctx *ctx, struct vm *vm)
{
	if (vm->vcpu.state == VCPU_CHECK_STOP)
		return cmd_msg(ctx, MSG_RESTART_CHECK_STOP, vm->vcpu.cpu_address);
	user_begin(vm);
	vm_system_restart(vm);
	return 0;
}

int cmd_system(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm = issuer(ctx);
	bool clear;

	if (!vm)
		return 45;
	if (args->argc < 2)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (cmd_abbrev_matches(args->argv[1], "RESET", 5))
		clear = false;
	else if (cmd_abbrev_matches(args->argv[1], "CLEAR", 5))
		clear = true;
	else if (cmd_abbrev_matches(args->argv[1], "RESTART", 7))
		return no_more_operands(ctx, args, 2) ? 4 : system_restart(ctx, vm);
	else
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[1]);
	if (no_more_operands(ctx, args, 2))
		return 4;
	if (ctx->from_guest) {
		user_defer(vm, clear ? DEFER_CLEAR : DEFER_RESET, 0);
		return 0;
	}
	vm->user->cp_read = false;
	if (vm_system_reset(vm, clear) != 0)
		return cmd_msg(ctx, MSG_NO_STORAGE, vm->userid);
	cmd_printf(ctx, "Storage %s", clear ? "cleared - system reset" : "unchanged - system reset");
	return 0;
}

/* The text after the target of MSG and WARNING, as the issuer typed it. */
static const char *message_text(const struct cmd_args *args)
{
	return args->argc > 2 ? args->orig[2] : "";
}

static int send_to(struct cmd_ctx *ctx, const struct cmd_args *args, bool warning)
{
	struct vm *to;
	char line[CMD_LINE_MAX + 40];

	if (args->argc < 2)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (!strcmp(args->argv[1], "*") && ctx->vm)
		to = ctx->vm;
	else
		to = vm_find(args->argv[1]);
	if (!to)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON, args->argv[1]);
	if (!user_connected(to))
		return cmd_msg(ctx, MSG_NOT_RECEIVING, to->userid, "disconnected");
	if (warning ? to->user->wng_off : to->user->msg_off)
		return cmd_msg(ctx, MSG_NOT_RECEIVING, to->userid,
			       warning ? "WNG off" : "MSG off");
	ksnprintf(line, sizeof(line), "%s FROM %-8s: %s", warning ? "WARNING" : "MSG",
		  ctx->userid, message_text(args));
	user_output(to, line, strlen(line));
	return 0;
}

int cmd_msg_user(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	return send_to(ctx, args, false);
}

int cmd_warning(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	return send_to(ctx, args, true);
}

static int on_off(struct cmd_ctx *ctx, const struct cmd_args *args, bool *off)
{
	if (args->argc < 3)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (no_more_operands(ctx, args, 3))
		return 4;
	if (!strcmp(args->argv[2], "ON"))
		*off = false;
	else if (!strcmp(args->argv[2], "OFF"))
		*off = true;
	else
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[2]);
	return 0;
}

static int set_logmsg(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *text;
	unsigned line = 0;

	if (!(ctx->classes & (CLASS_A | CLASS_B)))
		return cmd_msg(ctx, MSG_NOT_AUTHORIZED, "SET LOGMSG");
	if (args->argc < 3)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (args->argc == 3 && !strcmp(args->argv[2], "OFF")) {
		memset(logon_message, 0, sizeof(logon_message));
		return 0;
	}
	text = args->orig[2];
	/* SET LOGMSG n text: line n (1-4); SET LOGMSG text: line 1, the others cleared. */
	if (kisdigit((unsigned char)args->argv[2][0]) && !args->argv[2][1] && args->argc > 3) {
		line = (unsigned)(args->argv[2][0] - '1');
		if (line >= LOGMSG_LINES)
			return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[2]);
		text = args->orig[3];
	} else {
		memset(logon_message, 0, sizeof(logon_message));
	}
	strlcpy(logon_message[line], text, sizeof(logon_message[line]));
	return 0;
}

int cmd_set(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm;
	bool off;
	int rc;

	if (args->argc < 2)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (cmd_abbrev_matches(args->argv[1], "LOGMSG", 4))
		return set_logmsg(ctx, args);
	if (cmd_abbrev_matches(args->argv[1], "SHARE", 5))
		return cmd_set_share(ctx, args);
	vm = issuer(ctx);
	if (!vm)
		return 45;
	if (cmd_abbrev_matches(args->argv[1], "MSG", 3)) {
		rc = on_off(ctx, args, &off);
		if (!rc)
			vm->user->msg_off = off;
		return rc;
	}
	if (cmd_abbrev_matches(args->argv[1], "WNG", 3)) {
		rc = on_off(ctx, args, &off);
		if (!rc)
			vm->user->wng_off = off;
		return rc;
	}
	if (cmd_abbrev_matches(args->argv[1], "EMSG", 4)) {
		static const char *const modes[] = { "ON", "TEXT", "CODE", "OFF" };

		if (args->argc < 3)
			return cmd_msg(ctx, MSG_OPERAND_MISSING);
		if (no_more_operands(ctx, args, 3))
			return 4;
		for (unsigned i = 0; i < 4; i++) {
			if (!strcmp(args->argv[2], modes[i])) {
				vm->user->emsg = (enum emsg_mode)i;
				return 0;
			}
		}
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[2]);
	}
	return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[1]);
}

static int seconds_operand(const char *s, uint32_t *out)
{
	uint64_t n;

	if (str_to_u64(s, 10, &n) != 0 || n > 255)
		return -1;
	*out = (uint32_t)n;
	return 0;
}

/*
 * TERMINAL CONMODE 3215 and TERMINAL AUTOCR ON|OFF: settings of the virtual console, not of
 * the 3270, so they work disconnected too (Linux issues them through DIAGNOSE X'08' at boot,
 * arch/s390/kernel/setup.c and drivers/s390/char/con3215.c). The console is always a 3215:
 * CONMODE 3270 is refused with a message.
 */
static int terminal_console_setting(struct cmd_ctx *ctx, struct vm *vm,
				    const struct cmd_args *args)
{
	const char *value = args->argc > 2 ? args->argv[2] : 0;

	if (!value)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (no_more_operands(ctx, args, 3))
		return 4;
	if (cmd_abbrev_matches(args->argv[1], "CONMODE", 4)) {
		if (!strcmp(value, "3215"))
			return 0;
		if (!strcmp(value, "3270"))
			return cmd_msg(ctx, MSG_CONMODE_UNSUPPORTED, value);
		return cmd_msg(ctx, MSG_INVALID_OPTION, value);
	}
	if (!strcmp(value, "ON") || !strcmp(value, "OFF")) {
		vm->user->autocr_off = value[1] == 'F';
		return 0;
	}
	return cmd_msg(ctx, MSG_INVALID_OPTION, value);
}

int cmd_terminal(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm = issuer(ctx);
	struct scr *s;

	if (!vm)
		return 45;
	if (args->argc < 2)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (cmd_abbrev_matches(args->argv[1], "CONMODE", 4) ||
	    cmd_abbrev_matches(args->argv[1], "AUTOCR", 6))
		return terminal_console_setting(ctx, vm, args);
	if (!vm->user->term)
		return cmd_msg(ctx, MSG_NO_TERMINAL, args->argv[1]);
	s = term_screen(vm->user->term);
	if (cmd_abbrev_matches(args->argv[1], "MORE", 4)) {
		uint32_t first, next;

		if (args->argc < 3 || seconds_operand(args->argv[2], &first))
			return cmd_msg(ctx, args->argc < 3 ? MSG_OPERAND_MISSING : MSG_INVALID_OPTION,
				       args->argc < 3 ? "" : args->argv[2]);
		next = first;
		if (args->argc > 3 && seconds_operand(args->argv[3], &next))
			return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[3]);
		if (no_more_operands(ctx, args, 4))
			return 4;
		scr_set_more(s, first, next);
		return 0;
	}
	if (cmd_abbrev_matches(args->argv[1], "HOLD", 4)) {
		if (args->argc < 3)
			return cmd_msg(ctx, MSG_OPERAND_MISSING);
		if (no_more_operands(ctx, args, 3))
			return 4;
		if (!strcmp(args->argv[2], "ON"))
			scr_set_hold(s, true);
		else if (!strcmp(args->argv[2], "OFF"))
			scr_set_hold(s, false);
		else
			return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[2]);
		return 0;
	}
	return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[1]);
}
