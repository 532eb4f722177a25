/*
 * The scheduler's commands, in z/VM's forms adapted: SET SHARE userid RELATIVE n |
 * ABSOLUTE n% (class A), QUERY SHARE userid (class A, E) and INDICATE QUEUES (class E):
 * the users the dispatcher holds ready, with their queue (cp/sched.h), state and share.
 * Covered by tests/unit/test_cmd.c and tests/system/test_sched.py.
 */
#include <cp/cmd.h>
#include <cp/msg.h>
#include <cp/sched.h>
#include <cp/vmm.h>
#include <lib/format.h>
#include <lib/string.h>
#include "cmd_priv.h"

/* "RELATIVE 100" or "ABSOLUTE 20%" (INDICATE QUEUES and INDICATE USER). */
void share_text(char *buf, size_t size, const struct sched_entity *s)
{
	ksnprintf(buf, size, s->absolute ? "ABSOLUTE %u%%" : "RELATIVE %u", sched_share(s));
}

/* "TEST001  : RELATIVE SHARE = 100" (z/VM's words). */
static void show_share(struct cmd_ctx *ctx, const struct vm *vm)
{
	const struct sched_entity *s = &vm->vcpu.sched;

	if (s->absolute)
		cmd_printf(ctx, "%-8s : ABSOLUTE SHARE = %u%%", vm->userid, sched_share(s));
	else
		cmd_printf(ctx, "%-8s : RELATIVE SHARE = %u", vm->userid, sched_share(s));
}

/*
 * SET SHARE userid RELATIVE n | ABSOLUTE n%; args->argv[1] is SHARE. It answers with the
 * new share as QUERY SHARE shows it (z/VM says nothing), so an operator sees it took.
 */
int cmd_set_share(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	char num[8];
	bool absolute;
	uint64_t value;
	size_t len;
	struct vm *vm;

	if (!(ctx->classes & CLASS_A))
		return cmd_msg(ctx, MSG_NOT_AUTHORIZED, "SET SHARE");
	if (args->argc < 5)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (args->argc > 5)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[5]);
	vm = vm_find(args->argv[2]);
	if (!vm)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON, args->argv[2]);
	if (cmd_abbrev_matches(args->argv[3], "RELATIVE", 3))
		absolute = false;
	else if (cmd_abbrev_matches(args->argv[3], "ABSOLUTE", 3))
		absolute = true;
	else
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[3]);
	len = strlen(args->argv[4]);
	/* ABSOLUTE takes "n%" (or n); RELATIVE only n. */
	if (absolute && len > 1 && args->argv[4][len - 1] == '%')
		len--;
	if (!len || len >= sizeof(num))
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[4]);
	memcpy(num, args->argv[4], len);
	num[len] = 0;
	if (str_to_u64(num, 10, &value) != 0 || value > 0xffff ||
	    sched_set_share(&vm->vcpu.sched, absolute, (unsigned)value) != 0)
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[4]);
	show_share(ctx, vm);
	return 0;
}

/* QUERY SHARE userid. */
int query_share(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm;

	if (args->argc < 3)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (args->argc > 3)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[3]);
	vm = vm_find(args->argv[2]);
	if (!vm)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON, args->argv[2]);
	show_share(ctx, vm);
	return 0;
}

/*
 * INDICATE QUEUES: one line for each user the dispatcher holds ready, Q1 first, as
 * "USERID   Qn ST SHARE", ST being R (running now: the issuer) or RQ (ready, waiting for
 * the CPU); then how many there were in each queue.
 */
int indicate_queues(struct cmd_ctx *ctx)
{
	unsigned count[SCHED_Q3 + 1] = { 0 };
	/* The issuer's machine is on the CPU when the command came by DIAGNOSE X'08'. */
	const struct vm *running = ctx->from_guest ? ctx->vm : NULL;

	for (unsigned q = SCHED_Q1; q <= SCHED_Q3; q++) {
		for (unsigned i = 0; i < VM_MAX_MACHINES; i++) {
			struct vm *vm = vm_slot(i);
			char share[24];

			if (!vm || vm->vcpu.state != VCPU_RUNNABLE ||
			    sched_queue(&vm->vcpu.sched) != q)
				continue;
			count[q]++;
			share_text(share, sizeof(share), &vm->vcpu.sched);
			cmd_printf(ctx, "%-8s Q%u %-2s %s", vm->userid, q,
				   running == vm ? "R" : "RQ", share);
		}
	}
	cmd_printf(ctx, "Q0-00000 Q1-%05u Q2-%05u Q3-%05u", count[SCHED_Q1], count[SCHED_Q2],
		   count[SCHED_Q3]);
	return 0;
}
