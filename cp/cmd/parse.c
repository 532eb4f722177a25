/*
 * Tokenizing, abbreviation matching and dispatch of CP command lines (see cp/cmd.h).
 * Covered by tests/unit/test_cmd.c and tests/fuzz/fuzz_cmd.c.
 */
#include <cp/cmd.h>
#include <lib/ctype.h>
#include <lib/format.h>
#include <lib/string.h>
#include "cmd_priv.h"

int cmd_tokenize(const char *line, struct cmd_args *args)
{
	size_t len = strlen(line);
	char *dst = args->buf;
	const char *p = line;

	args->argc = 0;
	if (len > CMD_LINE_MAX)
		return -1;
	for (;;) {
		while (*p && kisspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		if (args->argc == CMD_MAX_ARGS)
			return -1;
		args->orig[args->argc] = p;
		args->argv[args->argc++] = dst;
		while (*p && !kisspace((unsigned char)*p))
			*dst++ = (char)ktoupper((unsigned char)*p++);
		*dst++ = 0;
	}
	return (int)args->argc;
}

bool cmd_abbrev_matches(const char *token, const char *name, unsigned min)
{
	return str_abbrev(token, name, min);
}

const struct cmd_def *cmd_lookup(const struct cmd_def *table, size_t n, const char *token)
{
	for (size_t i = 0; i < n; i++)
		if (cmd_abbrev_matches(token, table[i].name, table[i].min_abbrev))
			return &table[i];
	return 0;
}

void cmd_printf(struct cmd_ctx *ctx, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = kvsnprintf_stored(line, sizeof(line), fmt, ap);
	va_end(ap);
	ctx->out(ctx->out_arg, line, n);
}

/*
 * SET EMSG decides how error messages ("VMCxxxnnnE text") reach the user: whole, the text
 * alone, the number alone, or not at all. Other severities always come whole.
 */
void cmd_emit_msg(struct cmd_ctx *ctx, const char *line)
{
	size_t len = strlen(line);
	bool error = len > 11 && line[9] == 'E' && line[10] == ' ';

	if (!error || ctx->emsg == EMSG_ON)
		ctx->out(ctx->out_arg, line, len);
	else if (ctx->emsg == EMSG_TEXT)
		ctx->out(ctx->out_arg, line + 11, len - 11);
	else if (ctx->emsg == EMSG_CODE)
		ctx->out(ctx->out_arg, line, 10);
}

int cmd_msg(struct cmd_ctx *ctx, enum msg_id id, ...)
{
	char line[256];
	va_list ap;
	int rc;

	va_start(ap, id);
	rc = msg_vformat(line, sizeof(line), id, ap);
	va_end(ap);
	cmd_emit_msg(ctx, line);
	return rc;
}

int cmd_execute(struct cmd_ctx *ctx, const char *line)
{
	struct cmd_args args;
	const struct cmd_def *def;
	char safe[CMD_LINE_MAX + 2];
	size_t len = strnlen(line, CMD_LINE_MAX + 1);
	int n;

	/* A line of blanks (tabs and line ends count as blanks) is no command; whatever a
	 * command passes on (MSG text, an operand in a message) is made safe to show. */
	if (cmd_tokenize(line, &args) == 0)
		return 0;
	/* A card of the issuer's open INPUT deck (cp/cmd/spoolcmd.c), taken as typed. */
	if (line[0] == '>')
		return cmd_input_line(ctx, line + 1);
	text_sanitize(safe, sizeof(safe), line, len);
	n = cmd_tokenize(safe, &args);

	if (n < 0)
		return cmd_msg(ctx, MSG_LINE_TOO_LONG, (unsigned)CMD_LINE_MAX, (unsigned)CMD_MAX_ARGS);
	if (n == 0)
		return 0;
	def = cmd_lookup(cp_commands, cp_command_count, args.argv[0]);
	if (!def)
		return cmd_msg(ctx, MSG_UNKNOWN_COMMAND, args.argv[0]);
	if (!(def->classes & ctx->classes))
		return cmd_msg(ctx, MSG_NOT_AUTHORIZED, def->name);
	return def->handler(ctx, &args);
}
