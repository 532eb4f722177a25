/*
 * CP's command table: name, minimum abbreviation, privilege classes, handler and help.
 * Classes follow z/VM's IBM-defined ones: A system operator, B resources, C programmer,
 * D spooling, E analyst, F service, G general user.
 */
#include <cp/cmd.h>
#include <lib/format.h>
#include <lib/string.h>

int cmd_query(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_xautolog(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_force(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_indicate(struct cmd_ctx *ctx, const struct cmd_args *args);
void query_help(struct cmd_ctx *ctx);

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

static int cmd_shutdown(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	if (args->argc > 1)
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[1]);
	cmd_msg(ctx, MSG_SHUTDOWN_STARTED, ctx->userid);
	ctx->shutdown_requested = true;
	return 0;
}

const struct cmd_def cp_commands[] = {
	{ "FORCE", 5, CLASS_A, cmd_force, "userid", "logs a user's virtual machine off (class A)" },
	{ "HELP", 1, CLASS_ANY, cmd_help, "[command]", "lists CP commands, or describes one" },
	{ "INDICATE", 3, CLASS_E | CLASS_G, cmd_indicate, "USER userid",
	  "shows a virtual machine's state, CPU time and real storage" },
	{ "QUERY", 1, CLASS_ANY, cmd_query, "TIME|STORAGE|CPUS|DEVICES|CPLEVEL|NAMES",
	  "displays system information" },
	{ "SHUTDOWN", 8, CLASS_A, cmd_shutdown, "", "ends the system (class A)" },
	{ "XAUTOLOG", 5, CLASS_A | CLASS_B, cmd_xautolog, "userid [IPL sysname] [STORAGE nM]",
	  "starts a user's virtual machine, disconnected, IPLing a named system" },
};

const size_t cp_command_count = sizeof(cp_commands) / sizeof(cp_commands[0]);
