/*
 * CP command processing: a line is split into blank-delimited tokens, the first names a
 * command from a table by its name or any abbreviation at least as long as the minimum,
 * case-insensitively (z/VM style: "Q" for QUERY, "SHUTDOWN" has no abbreviation), and the
 * issuer's privilege classes must include one of the command's classes.
 * Covered by tests/unit/test_cmd.c.
 */
#ifndef CP_CMD_H
#define CP_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cp/msg.h>

#define CMD_LINE_MAX 240
#define CMD_MAX_ARGS 32

/* Privilege classes A-G as bits; a command open to every user lists CLASS_ANY. */
#define CLASS_BIT(c) (1u << ((c) - 'A'))
#define CLASS_A      CLASS_BIT('A')
#define CLASS_B      CLASS_BIT('B')
#define CLASS_C      CLASS_BIT('C')
#define CLASS_D      CLASS_BIT('D')
#define CLASS_E      CLASS_BIT('E')
#define CLASS_F      CLASS_BIT('F')
#define CLASS_G      CLASS_BIT('G')
#define CLASS_ANY    0xffffffffu
#define CLASS_ALL_AG (CLASS_A | CLASS_B | CLASS_C | CLASS_D | CLASS_E | CLASS_F | CLASS_G)

/* SET EMSG: how error messages are shown. */
enum emsg_mode { EMSG_ON, EMSG_TEXT, EMSG_CODE, EMSG_OFF };

struct vm;

struct cmd_ctx {
	const char *userid;   /* who issued the command */
	uint32_t classes;     /* the issuer's privilege classes */
	void (*out)(void *arg, const char *text, size_t len); /* one response line */
	void *out_arg;
	bool shutdown_requested;
	struct vm *vm;        /* the issuer's machine (NULL in host tests) */
	bool from_guest;      /* DIAGNOSE X'08': the issuer's own virtual CPU is mid-instruction */
	enum emsg_mode emsg;  /* the issuer's SET EMSG */
};

struct cmd_args {
	unsigned argc;
	char *argv[CMD_MAX_ARGS];        /* tokens, upper case */
	const char *orig[CMD_MAX_ARGS];  /* each token's start in the original line */
	char buf[CMD_LINE_MAX + CMD_MAX_ARGS];
};

/* A handler gets the arguments; argv[0] is the command itself. Returns the command's rc. */
typedef int (*cmd_handler)(struct cmd_ctx *ctx, const struct cmd_args *args);

struct cmd_def {
	const char *name;     /* full name, upper case */
	uint8_t min_abbrev;   /* shortest accepted abbreviation */
	uint32_t classes;     /* privilege classes allowed to use it */
	cmd_handler handler;
	const char *syntax;   /* for HELP: the command's operands */
	const char *help;     /* for HELP: one line saying what it does */
};

/*
 * cmd_tokenize - split a line into upper-cased tokens
 * Returns the token count, or -1 when the line is longer than CMD_LINE_MAX or has more
 * than CMD_MAX_ARGS tokens.
 */
int cmd_tokenize(const char *line, struct cmd_args *args);

/* True if token is name or an abbreviation of it at least min characters long. */
bool cmd_abbrev_matches(const char *token, const char *name, unsigned min);

/* The table entry token names, or NULL. */
const struct cmd_def *cmd_lookup(const struct cmd_def *table, size_t n, const char *token);

/* Runs one command line for ctx; returns the command's return code (0: success). */
int cmd_execute(struct cmd_ctx *ctx, const char *line);

/* Response output for handlers. */
void cmd_printf(struct cmd_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cmd_msg(struct cmd_ctx *ctx, enum msg_id id, ...);
/* A formatted "VMCxxxnnnS text" line, shown as the issuer's SET EMSG says. */
void cmd_emit_msg(struct cmd_ctx *ctx, const char *line);

/* The CP command table (cp/cmd/commands.c) and the HELP command's view of it. */
extern const struct cmd_def cp_commands[];
extern const size_t cp_command_count;

#endif
