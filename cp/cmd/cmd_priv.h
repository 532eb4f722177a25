/*
 * The command handlers of cp/cmd/, for the tables that reach them: CP's command table
 * (commands.c) and QUERY's operands (query.c). Private to cp/cmd/; covered by the command
 * unit tests (tests/unit/test_cmd.c) and the command fuzz target (tests/fuzz/fuzz_cmd.c).
 */
#ifndef CP_CMD_CMD_PRIV_H
#define CP_CMD_CMD_PRIV_H

#include <cp/cmd.h>

/* QUERY (query.c); query_help() lists its operands for HELP QUERY. */
int cmd_query(struct cmd_ctx *ctx, const struct cmd_args *args);
void query_help(struct cmd_ctx *ctx);

/* QUERY operands about users and sessions (query_user.c). */
int query_users(struct cmd_ctx *ctx, const struct cmd_args *args);
int query_userid(struct cmd_ctx *ctx, const struct cmd_args *args);
int query_virtual(struct cmd_ctx *ctx, const struct cmd_args *args);
/* cp/cmd/query_dasd.c */
int query_dasd(struct cmd_ctx *ctx, const struct cmd_args *args);
int query_alloc(struct cmd_ctx *ctx, const struct cmd_args *args);
int query_logmsg(struct cmd_ctx *ctx, const struct cmd_args *args);
int query_terminal(struct cmd_ctx *ctx, const struct cmd_args *args);
int query_console(struct cmd_ctx *ctx, const struct cmd_args *args);
int query_privclass(struct cmd_ctx *ctx, const struct cmd_args *args);

/* DASD BENCH (dasd_bench.c). */
int cmd_dasd(struct cmd_ctx *ctx, const struct cmd_args *args);

/* Links to minidisks (link.c). */
int cmd_link(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_detach(struct cmd_ctx *ctx, const struct cmd_args *args);
/* cp/cmd/cpucmds.c: DEFINE CPU, DETACH CPU, QUERY VIRTUAL CPUS. */
int cmd_define(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_detach_cpu(struct cmd_ctx *ctx, const struct cmd_args *args);
int query_virtual_cpus(struct cmd_ctx *ctx, struct vm *vm);
int query_links(struct cmd_ctx *ctx, const struct cmd_args *args);

/* Dedicated DASD and VARY (attach.c). */
int cmd_attach(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_detach_rdev(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_vary(struct cmd_ctx *ctx, const struct cmd_args *args);

/* DISPLAY and STORE (display.c). */
int cmd_display(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_store(struct cmd_ctx *ctx, const struct cmd_args *args);

/* Virtual machines (vmcmds.c). */
int cmd_xautolog(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_force(struct cmd_ctx *ctx, const struct cmd_args *args);
int query_names(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_indicate(struct cmd_ctx *ctx, const struct cmd_args *args);

/* The scheduler's commands (sched_cmds.c). */
int cmd_set_share(struct cmd_ctx *ctx, const struct cmd_args *args);
int query_share(struct cmd_ctx *ctx, const struct cmd_args *args);
struct sched_entity;
/* "RELATIVE 100" or "ABSOLUTE 20%": the share as SET SHARE and the directory's SHARE give it. */
void share_text(char *buf, size_t size, const struct sched_entity *s);
int indicate_queues(struct cmd_ctx *ctx);
/* INDICATE RESPONSE [RESET] (cp/cmd/indicate_resp.c). */
int indicate_response(struct cmd_ctx *ctx, bool reset);

/* A user's own session and machine (usercmds.c). */
int cmd_logoff(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_disconnect(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_begin(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_ipl(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_system(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_msg_user(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_warning(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_set(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_terminal(struct cmd_ctx *ctx, const struct cmd_args *args);

int cmd_spool(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_close(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_purge(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_change(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_transfer(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_order(struct cmd_ctx *ctx, const struct cmd_args *args);
int query_spool(struct cmd_ctx *ctx, const struct cmd_args *args);
int query_files(struct cmd_ctx *ctx, const struct cmd_args *args);
/* QUERY VIRTUAL's lines for the reader, punch and printer (cp/cmd/spoolcmd.c); how many. */
int query_ur_lines(struct cmd_ctx *ctx, struct vm *vm);
int cmd_input(struct cmd_ctx *ctx, const struct cmd_args *args);
int cmd_input_line(struct cmd_ctx *ctx, const char *text);
int cmd_output(struct cmd_ctx *ctx, const struct cmd_args *args);

#endif
