/*
 * CP's command table: name, minimum abbreviation, privilege classes, handler and help.
 * Classes follow z/VM's IBM-defined ones: A system operator, B resources, C programmer,
 * D spooling, E analyst, F service, G general user.
 * Covered by tests/unit/test_cmd.c and tests/fuzz/fuzz_cmd.c.
 */
#include <cp/cmd.h>
#include <cp/rur.h>
#include <cp/user.h>
#include <lib/format.h>
#include <lib/string.h>
#include "cmd_priv.h"

static int cmd_help(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const struct cmd_def *def;

	if (args->argc > 2)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[2]);
	if (args->argc == 2) {
		def = cmd_lookup(cp_commands, cp_command_count, args->argv[1]);
		if (!def || !(def->classes & ctx->classes))
			return cmd_msg(ctx, MSG_NO_HELP, args->argv[1]);
		cmd_printf(ctx, "%s %s", def->name, def->syntax);
		cmd_printf(ctx, "  %s", def->help);
		cmd_printf(ctx, "  Shortest abbreviation: %.*s", def->min_abbrev, def->name);
		if (def->handler == cmd_query)
			query_help(ctx);
		return 0;
	}
	cmd_printf(ctx, "CP commands (HELP command for more):");
	for (size_t i = 0; i < cp_command_count; i++) {
		def = &cp_commands[i];
		if (def->classes & ctx->classes)
			cmd_printf(ctx, "  %-10s %s", def->name, def->help);
	}
	return 0;
}

/* START and DRAIN of the real reader and printer (cp/spool/rur.c). */
static int cmd_start(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	return rur_start(ctx, args->argc, args->argv, true);
}

static int cmd_drain(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	return rur_start(ctx, args->argc, args->argv, false);
}

static int cmd_shutdown(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	if (args->argc > 1)
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[1]);
	cmd_msg(ctx, MSG_SHUTDOWN_STARTED, ctx->userid);
	user_warn_shutdown(ctx->userid);
	ctx->shutdown_requested = true;
	return 0;
}

const struct cmd_def cp_commands[] = {
	{ "ATTACH", 3, CLASS_B, cmd_attach, "rdev [TO] userid|* [AS vdev] [R/O]",
	  "gives a whole real disk to a user (dedicated DASD; class B)" },
	{ "CHANGE", 2, CLASS_D | CLASS_G, cmd_change,
	  "[userid] RDR|PUN|PRT spoolid|ALL|CLASS c [HOLD|NOHOLD] [KEEP|NOKEEP] [CLASS c] "
	  "[COPY n] [DIST d] [NAME fn [ft]]",
	  "changes the attributes of spool files" },
	{ "CLOSE", 2, CLASS_G, cmd_close, "vdev|RDR|PUN|PRT [PURGE] [HOLD|NOHOLD] [NAME fn [ft]]",
	  "ends the open spool file of a reader, punch or printer" },
	{ "BEGIN", 1, CLASS_ANY, cmd_begin, "", "leaves CP READ: the virtual machine runs on" },
	{ "DASD", 4, CLASS_A, cmd_dasd, "BENCH volser blocks",
	  "times CP's raw writes and reads of free blocks of a volume (class A)" },
	{ "DEFINE", 3, CLASS_G, cmd_define, "CPU nn",
	  "adds a virtual CPU, up to the directory's MACHINE maximum; it starts stopped" },
	{ "DETACH", 3, CLASS_B | CLASS_G, cmd_detach, "vdev | CPU nn | rdev [FROM] userid|*",
	  "gives up one of your disks; class B: takes a dedicated disk back from a user" },
	{ "DISPLAY", 1, CLASS_G, cmd_display, "PSW | G[r[-r]] | C[r[-r]] | [T]hexloc[.hexlen|-hexend]",
	  "shows your virtual machine's PSW, registers or real storage (T: with EBCDIC)" },
	{ "DISCONNECT", 4, CLASS_ANY, cmd_disconnect, "",
	  "leaves the terminal; the virtual machine keeps running" },
	{ "DRAIN", 5, CLASS_A | CLASS_B | CLASS_D, cmd_drain, "rdev | READER|PRINTER [rdev]",
	  "stops a real reader or printer after its current file (class A, B, D)" },
	{ "FORCE", 5, CLASS_A, cmd_force, "userid", "logs a user's virtual machine off (class A)" },
	{ "HELP", 1, CLASS_ANY, cmd_help, "[command]", "lists CP commands, or describes one" },
	{ "INDICATE", 3, CLASS_E | CLASS_G, cmd_indicate,
	  "[LOAD] | USER userid | QUEUES | RESPONSE [RESET]",
	  "shows the system's load and response times, a machine's state and CPU time, the "
	  "dispatch queues, or where interactions' time goes (the last two class E)" },
	{ "INPUT", 5, CLASS_A | CLASS_D, cmd_input,
	  "TO userid [NAME fn [ft]] [CLASS c] [HEX] | END | CANCEL",
	  "puts the '>' lines that follow into a user's reader as cards (class A, D)" },
	{ "IPL", 3, CLASS_G, cmd_ipl, "sysname | vdev [CLEAR]",
	  "loads a named system, or IPLs from your reader (vdev), into your virtual machine" },
	{ "LINK", 1, CLASS_G, cmd_link, "[TO] userid vdev1 [AS] vdev2 [mode] [[PASS=] password]",
	  "links a minidisk: modes R, RR, W, WR, M, MR, MW" },
	{ "LOGOFF", 3, CLASS_ANY, cmd_logoff, "", "ends your session and your virtual machine" },
	{ "LOGOUT", 6, CLASS_ANY, cmd_logoff, "", "the same as LOGOFF" },
	{ "MESSAGE", 1, CLASS_ANY, cmd_msg_user, "userid|* text", "sends a message to a user" },
	{ "MSG", 3, CLASS_ANY, cmd_msg_user, "userid|* text", "the same as MESSAGE" },
	{ "ORDER", 3, CLASS_D | CLASS_G, cmd_order, "[userid] RDR|PUN|PRT spoolid...",
	  "puts spool files first in their queue, in the order given" },
	{ "OUTPUT", 6, CLASS_A | CLASS_D, cmd_output, "spoolid [HEX]",
	  "shows a spool file's records as '<' lines, to save on the host (class A, D)" },
	{ "PURGE", 3, CLASS_D | CLASS_G, cmd_purge, "[userid] RDR|PUN|PRT spoolid|ALL|CLASS c | ALL",
	  "deletes spool files" },
	{ "QUERY", 1, CLASS_ANY, cmd_query,
	  "TIME|STORAGE|CPUS|DEVICES|DASD|ALLOC|CPLEVEL|NAMES|USERS|VIRTUAL|LINKS|LOGMSG|TERMINAL|CONSOLE|"
	  "PRIVCLASS|NSS|READER|PUNCH|PRINTER|FILES|SHARE|UR|rdev",
	  "displays system information" },
	{ "SET", 3, CLASS_ANY, cmd_set,
	  "MSG|WNG ON|OFF, EMSG ON|TEXT|CODE|OFF, LOGMSG [n] text|OFF, "
	  "SHARE userid RELATIVE n|ABSOLUTE n%",
	  "sets how messages reach you; LOGMSG (class A, B) sets the logon message; SHARE "
	  "(class A) a user's share of the CPU" },
	{ "SHUTDOWN", 8, CLASS_A, cmd_shutdown, "", "warns every user and ends the system (class A)" },
	{ "START", 5, CLASS_A | CLASS_B | CLASS_D, cmd_start, "rdev | READER|PRINTER [rdev]",
	  "reads the deck in a real reader into the reader of the user on its ID card, or prints "
	  "the system printer queue on a real printer (class A, B, D)" },
	{ "STORE", 3, CLASS_G, cmd_store, "PSW mask addr | Gr hexword... | hexloc hexword...",
	  "changes your virtual machine's PSW, registers or real storage" },
	{ "SPOOL", 2, CLASS_ANY, cmd_spool,
	  "vdev|RDR|PUN|PRT [CONT|NOCONT] [CLASS c] [TO userid|*|OFF] [FOR userid] "
	  "[HOLD|NOHOLD] [COPY n] | COLD",
	  "sets a spool device's options; SPOOL COLD (class A) drops the whole spool" },
	{ "SYSTEM", 3, CLASS_G, cmd_system, "RESET|CLEAR|RESTART",
	  "resets your virtual machine (CLEAR also zeros its storage)" },
	{ "TERMINAL", 4, CLASS_ANY, cmd_terminal, "MORE first [next] | HOLD ON|OFF | CONMODE 3215 | AUTOCR ON|OFF",
	  "sets how a full screen waits: seconds in MORE..., or HOLDING" },
	{ "TRANSFER", 2, CLASS_D | CLASS_G, cmd_transfer,
	  "[userid] RDR|PUN|PRT spoolid|ALL|CLASS c [TO] userid|* [RDR]",
	  "moves spool files to a user's reader" },
	{ "VARY", 4, CLASS_B, cmd_vary, "ONLINE|OFFLINE rdev",
	  "takes a real disk out of use, or back in (reading its label; class B)" },
	{ "WARNING", 1, CLASS_A | CLASS_B, cmd_warning, "userid text",
	  "sends a priority message to a user (class A, B)" },
	{ "XAUTOLOG", 5, CLASS_A | CLASS_B, cmd_xautolog, "userid [IPL sysname] [STORAGE nM]",
	  "starts a user's virtual machine, disconnected, IPLing a named system" },
};

const size_t cp_command_count = sizeof(cp_commands) / sizeof(cp_commands[0]);
