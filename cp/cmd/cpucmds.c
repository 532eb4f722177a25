/*
 * A user's virtual CPUs (cp/vm/vcpus.c) from CP: DEFINE CPU nn, DETACH CPU nn and QUERY
 * VIRTUAL CPUS, in z/VM's forms. A CPU DEFINE CPU adds is stopped, as z/VM leaves it, until
 * the guest starts it with SIGP; the machine's maximum is the directory's MACHINE mode n.
 * Covered by tests/unit/test_cmd.c and tests/system/test_vmp.py.
 */
#include <cp/vmm.h>
#include <lib/string.h>
#include "cmd_priv.h"

/* A CPU address operand: one or two hex digits. */
static bool parse_cpu_addr(const char *s, unsigned *addr)
{
	uint64_t v;

	if (strlen(s) < 1 || strlen(s) > 2 || str_to_u64(s, 16, &v) != 0)
		return false;
	*addr = (unsigned)v;
	return true;
}

/* DEFINE CPU nn */
int cmd_define(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	unsigned addr;
	int rc;

	if (!ctx->vm)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON, ctx->userid);
	if (args->argc < 2)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (!cmd_abbrev_matches(args->argv[1], "CPU", 3))
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[1]);
	if (args->argc < 3 || !parse_cpu_addr(args->argv[2], &addr))
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (args->argc > 3)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[3]);
	rc = vm_define_cpu(ctx->vm, addr);
	if (rc == MSG_CPU_BEYOND_MAX)
		return cmd_msg(ctx, MSG_CPU_BEYOND_MAX, addr, ctx->vm->max_cpus,
			       ctx->vm->max_cpus);
	if (rc == MSG_NO_STORAGE)
		return cmd_msg(ctx, MSG_NO_STORAGE, ctx->userid);
	if (rc)
		return cmd_msg(ctx, (enum msg_id)rc, addr);
	return cmd_msg(ctx, MSG_CPU_DEFINED, addr);
}

/* DETACH CPU nn (cmd_detach() sends it here). */
int cmd_detach_cpu(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	unsigned addr;
	int rc;

	if (!ctx->vm)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON, ctx->userid);
	if (args->argc < 3 || !parse_cpu_addr(args->argv[2], &addr))
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (args->argc > 3)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[3]);
	rc = vm_detach_cpu(ctx->vm, addr);
	if (rc)
		return cmd_msg(ctx, (enum msg_id)rc, addr);
	return cmd_msg(ctx, MSG_CPU_DETACHED, addr);
}

/* QUERY VIRTUAL CPUS: one line per CPU, z/VM style:
 *   CPU 00  ID  FF0611002064FFFF  (BASE) RUNNING  CPUAFF ON */
int query_virtual_cpus(struct cmd_ctx *ctx, struct vm *vm)
{
	for (struct vcpu *v = vm_first_vcpu(vm); v; v = vm_next_vcpu(v))
		cmd_printf(ctx, "CPU %02X  ID  FF%06X%04X%04X  %s%s CP  CPUAFF ON", v->cpu_address,
			   (unsigned)v->cpu_address << 16 | 0x0611u, 0x2064u, 0u,
			   v->cpu_address == 0 ? "(BASE) " : "", vcpu_state_name(v->state));
	return 0;
}
