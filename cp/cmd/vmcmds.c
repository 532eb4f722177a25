/*
 * Commands that create, stop and show virtual machines: XAUTOLOG, FORCE, QUERY NAMES and
 * INDICATE USER, in z/VM's forms where z/VM has them.
 * Covered by tests/unit/test_cmd.c.
 */
#include <arch/hw.h>
#include <cp/cmd.h>
#include <cp/frames.h>
#include <cp/nss.h>
#include <cp/resp.h>
#include <cp/system.h>
#include <cp/term.h>
#include <cp/tod.h>
#include <cp/user.h>
#include <cp/users.h>
#include <cp/vm.h>
#include <cp/vmm.h>
#include <cp/vur.h>
#include <lib/ctype.h>
#include <lib/format.h>
#include <lib/string.h>
#include "cmd_priv.h"

/* Parses "16M", "512K", "1G" (a number and a unit); returns bytes or 0. */
static uint64_t parse_storage(const char *s)
{
	uint64_t n;
	char num[24];
	size_t len = strlen(s);
	uint64_t unit;

	if (len < 2 || len >= sizeof(num))
		return 0;
	switch (s[len - 1]) {
	case 'K': unit = 1ULL << 10; break;
	case 'M': unit = 1ULL << 20; break;
	case 'G': unit = 1ULL << 30; break;
	default: return 0;
	}
	memcpy(num, s, len - 1);
	num[len - 1] = 0;
	if (str_to_u64(num, 10, &n) != 0 || n == 0 || n > (1ULL << 40) / unit)
		return 0;
	return n * unit;
}

/*
 * XAUTOLOG's machine, as its directory entry describes it but with the storage asked for;
 * OPTION V=F that cannot be had is said before the machine starts (VMCLGA081W). Return:
 * the machine, or NULL after the reason went to ctx (*rc: the command's return code).
 */
static struct vm *xautolog_create(struct cmd_ctx *ctx, const struct user_entry *user,
				  uint64_t storage, int *rc)
{
	struct vm *vm;
	int why;

	vm = user_create(user->userid, storage, user->classes, &why);
	if (!vm) {
		if (why == MSG_TOO_MANY_USERS)
			*rc = cmd_msg(ctx, MSG_TOO_MANY_USERS, (unsigned)VM_MAX_MACHINES);
		else
			*rc = cmd_msg(ctx, (enum msg_id)why, user->userid);
		return 0;
	}
	if (vm_define_from_directory(vm, user) != 0)
		cmd_msg(ctx, MSG_FIXED_UNAVAILABLE, (unsigned long long)(storage >> 20),
			vm->userid);
	return vm;
}

/* XAUTOLOG userid IPL vdev: the machine IPLs from its reader (cp/vur.h). */
static int xautolog_reader(struct cmd_ctx *ctx, const struct user_entry *user, uint64_t storage,
			   uint16_t vdev)
{
	struct vur *u;
	const char *why_text = "no such reader";
	char dev[8];
	int rc = 0;
	struct vm *vm = xautolog_create(ctx, user, storage, &rc);

	if (!vm)
		return rc;
	ksnprintf(dev, sizeof(dev), "%03X", vdev);
	u = vur_find(vm, vdev);
	if (!u || vur_ipl(vm, u, false, &why_text) != 0) {
		user_destroy(vm);
		return cmd_msg(ctx, MSG_SPOOL_IPL_NO_FILE, dev, why_text);
	}
	return cmd_msg(ctx, MSG_XAUTOLOG_ACCEPTED, vm->userid, dev,
		       (unsigned long long)(storage >> 20));
}

int cmd_xautolog(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct user_entry user;
	const char *ipl = 0;
	uint64_t storage, ipl_dev;
	const struct nss_image *image;
	struct vm *vm;
	int why;

	if (args->argc < 2)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (dir_lookup(args->argv[1], &user) != 0)
		return cmd_msg(ctx, MSG_NOT_IN_DIRECTORY, args->argv[1]);
	storage = user.storage;
	ipl = user.ipl_name[0] ? user.ipl_name : NULL;
	for (unsigned i = 2; i < args->argc; i++) {
		if (cmd_abbrev_matches(args->argv[i], "IPL", 3) && i + 1 < args->argc) {
			ipl = args->argv[++i];
		} else if (cmd_abbrev_matches(args->argv[i], "STORAGE", 3) && i + 1 < args->argc) {
			storage = parse_storage(args->argv[++i]);
			if (storage == 0 || storage % (1 << 20))
				return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[i]);
		} else {
			return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[i]);
		}
	}
	if (!ipl)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	image = nss_find(ipl);
	if (!image && str_to_u64(ipl, 16, &ipl_dev) == 0 && ipl_dev <= 0xffff)
		return xautolog_reader(ctx, &user, storage, (uint16_t)ipl_dev);
	if (!image)
		return cmd_msg(ctx, MSG_NO_SUCH_SYSTEM, ipl);
	vm = xautolog_create(ctx, &user, storage, &why);
	if (!vm)
		return why;
	if (vm_ipl_nss(vm, image) != 0) {
		user_destroy(vm);
		return cmd_msg(ctx, MSG_NO_STORAGE, user.userid);
	}
	return cmd_msg(ctx, MSG_XAUTOLOG_ACCEPTED, vm->userid, image->name,
		       (unsigned long long)(storage >> 20));
}

int cmd_force(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm;
	uint64_t frames;
	char userid[9];

	if (args->argc < 2)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (args->argc > 2)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[2]);
	vm = vm_find(args->argv[1]);
	if (!vm)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON, args->argv[1]);
	if (vm->user->at_line_console)
		return cmd_msg(ctx, MSG_OPERATOR_STAYS);
	frames = vm_real_frames(vm);
	strlcpy(userid, vm->userid, sizeof(userid));
	if (ctx->from_guest && ctx->vm == vm) {
		user_defer(vm, DEFER_LOGOFF, ctx->userid);
		return 0;
	}
	user_logoff(vm, ctx->userid);
	return cmd_msg(ctx, MSG_FORCED, userid, (unsigned long long)frames);
}

/* z/VM's form: "userid - where", four to a line; where is a terminal, SYSC or DSC. */
int query_names(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	char line[120];
	int n = 0, in_line = 0;

	(void)args;
	for (unsigned i = 0; i < VM_MAX_MACHINES; i++) {
		struct vm *vm = vm_slot(i);
		char where[8];

		if (!vm)
			continue;
		if (vm->user->term)
			ksnprintf(where, sizeof(where), "%04X", term_devno(vm->user->term));
		else
			strlcpy(where, vm->user->at_line_console ? "SYSC" : "DSC", sizeof(where));
		if (in_line == 4) {
			cmd_printf(ctx, "%s", line);
			n = 0;
			in_line = 0;
		}
		n += ksnprintf(line + n, sizeof(line) - (size_t)n, "%s%-8s - %-4s",
			       in_line ? " , " : "", vm->userid, where);
		in_line++;
	}
	if (in_line)
		cmd_printf(ctx, "%s", line);
	else
		cmd_printf(ctx, "No users logged on");
	return 0;
}

/* A response time as milliseconds with one decimal: "12.3MS". */
static void fmt_ms(char *buf, size_t size, uint64_t us)
{
	uint64_t tenths = (us + 50) / 100;

	ksnprintf(buf, size, "%llu.%lluMS", (unsigned long long)(tenths / 10),
		  (unsigned long long)(tenths % 10));
}

/* "N-nnnnn P50-x P95-y P99-z": trivial interactions over the last minute. */
static void resp_line(struct cmd_ctx *ctx, const char *head, const struct resp_stats *st)
{
	struct resp_hist h;
	char p50[24], p95[24], p99[24];

	resp_stats_last_minute(st, tod_to_us(hw_tod_clock()), &h);
	fmt_ms(p50, sizeof(p50), resp_hist_percentile(&h, 50));
	fmt_ms(p95, sizeof(p95), resp_hist_percentile(&h, 95));
	fmt_ms(p99, sizeof(p99), resp_hist_percentile(&h, 99));
	cmd_printf(ctx, "%s N-%05llu P50-%s P95-%s P99-%s", head,
		   (unsigned long long)resp_hist_total(&h), p50, p95, p99);
}

/*
 * INDICATE LOAD, z/VM's layout adapted: the machines' CPU use over the last minute, the
 * users by state, and CP's own response-time figures (cp/resp.h).
 */
static int indicate_load(struct cmd_ctx *ctx)
{
	unsigned users = 0, running = 0, vmread = 0, cpread = 0, idle = 0, dsc = 0;
	uint64_t cpu = 0, now = hw_tod_clock();
	char last[24];

	for (unsigned i = 0; i < VM_MAX_MACHINES; i++) {
		struct vm *vm = vm_slot(i);
		enum scr_mode mode;

		if (!vm)
			continue;
		users++;
		cpu += tod_to_us(vm->vcpu.cpu_time);
		if (!vm->user->term && !vm->user->at_line_console)
			dsc++;
		mode = user_mode(vm);
		if (mode == SCR_MODE_CP_READ)
			cpread++;
		else if (mode == SCR_MODE_VM_READ)
			vmread++;
		else if (vm->vcpu.state == VCPU_RUNNABLE)
			running++;
		else
			idle++;
	}
	cmd_printf(ctx, "AVGPROC-%03u%% %02u",
		   resp_load_percent(&resp_system_load, tod_to_us(now), cpu), 1u);
	cmd_printf(ctx, "USERS-%05u RUNNING-%05u VMREAD-%05u CPREAD-%05u IDLE-%05u DSC-%05u",
		   users, running, vmread, cpread, idle, dsc);
	resp_line(ctx, "RESPONSE TRIVIAL LAST MINUTE:", &resp_system);
	resp_line(ctx, "RESPONSE ALL     LAST MINUTE:", &resp_system_all);
	fmt_ms(last, sizeof(last), resp_system.last_us);
	cmd_printf(ctx, "INTERACTIONS-%06llu TRIVIAL-%06llu LAST-%s",
		   (unsigned long long)resp_system.interactions,
		   (unsigned long long)resp_system.trivial, last);
	return 0;
}

int cmd_indicate(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm;
	struct vcpu *v;
	char vtime[24], ttime[24], ctime[24], last[24], share[24];
	uint64_t frames;

	if (args->argc < 2 || cmd_abbrev_matches(args->argv[1], "LOAD", 1)) {
		if (args->argc > 2)
			return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[2]);
		return indicate_load(ctx);
	}
	if (cmd_abbrev_matches(args->argv[1], "QUEUES", 1)) {
		if (!(ctx->classes & CLASS_E))
			return cmd_msg(ctx, MSG_NOT_AUTHORIZED, "INDICATE QUEUES");
		if (args->argc > 2)
			return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[2]);
		return indicate_queues(ctx);
	}
	if (cmd_abbrev_matches(args->argv[1], "RESPONSE", 1)) {
		bool reset = args->argc > 2 && cmd_abbrev_matches(args->argv[2], "RESET", 5);

		if (!(ctx->classes & CLASS_E))
			return cmd_msg(ctx, MSG_NOT_AUTHORIZED, "INDICATE RESPONSE");
		if (args->argc > 2 && !reset)
			return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[2]);
		if (args->argc > 3)
			return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[3]);
		return indicate_response(ctx, reset);
	}
	if (!cmd_abbrev_matches(args->argv[1], "USER", 1))
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[1]);
	if (args->argc < 3)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (args->argc > 3)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[3]);
	/* As in z/VM: class E sees any user, class G only itself. */
	if (!(ctx->classes & CLASS_E) && strcmp(args->argv[2], ctx->userid) != 0)
		return cmd_msg(ctx, MSG_INDICATE_OWN_ONLY, args->argv[2]);
	vm = vm_find(args->argv[2]);
	if (!vm)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON, args->argv[2]);
	v = &vm->vcpu;
	frames = vm_real_frames(vm);
	format_cpu_time(vtime, sizeof(vtime), v->virt_time);
	format_cpu_time(ttime, sizeof(ttime), v->cpu_time);
	format_cpu_time(ctime, sizeof(ctime), hw_tod_clock() - vm->logon_tod);
	cmd_printf(ctx, "USERID=%-8s MACH=Z   STOR=%lluM%s STATE=%s", vm->userid,
		   (unsigned long long)(vm->mem.size >> 20), vm->mem.fixed_origin ? " V=F" : "",
		   vcpu_state_name(v->state));
	/* ZONE: the last SIE relocated the machine through a zone (arch/s390x/zone.c). */
	if (vm->mem.zone)
		cmd_printf(ctx, "IPLSYS=%-8s ENGINE=%s ZONE=%u", vm->ipl_name, hw_engine()->name,
			   (unsigned)vm->mem.zone);
	else
		cmd_printf(ctx, "IPLSYS=%-8s ENGINE=%s", vm->ipl_name, hw_engine()->name);
	/* RES, TABLES and REAL are the user's private frames; SHARED counts the pages of
	 * shared segments it maps, whose frames QUERY NSS counts once for all users. */
	cmd_printf(ctx, "PAGES: RES=%010llu TABLES=%06llu VDISK=%06llu SHARED=%06llu REAL=%lluK",
		   (unsigned long long)vm->mem.frames_in_use,
		   (unsigned long long)vm->mem.table_frames,
		   (unsigned long long)vm_disks_frames(vm),
		   (unsigned long long)vm->mem.shared_segments * GMEM_SEGMENT_PAGES,
		   (unsigned long long)(frames * FRAME_SIZE >> 10));
	cmd_printf(ctx, "CPU 00: CTIME=%s VTIME=%s TTIME=%s EXITS=%llu INSTR=%llu D250=%llu",
		   ctime, vtime, ttime, (unsigned long long)v->exits,
		   (unsigned long long)v->instr_intercepts, (unsigned long long)v->d250_requests);
	/* The share SET SHARE or the directory's SHARE statement gave, and the dispatch queue. */
	share_text(share, sizeof(share), &v->sched);
	cmd_printf(ctx, "SHARE=%s QUEUE=Q%u", share, sched_queue(&v->sched));
	/* The user's own response times; PSW= stays the last line, as scripts expect. */
	resp_line(ctx, "RESPONSE TRIVIAL LAST MINUTE:", &vm->user->resp);
	fmt_ms(last, sizeof(last), vm->user->resp.last_us);
	cmd_printf(ctx, "INTERACTIONS-%06llu TRIVIAL-%06llu LAST-%s",
		   (unsigned long long)vm->user->resp.interactions,
		   (unsigned long long)vm->user->resp.trivial, last);
	cmd_printf(ctx, "PSW=%016llX %016llX", (unsigned long long)v->psw_mask,
		   (unsigned long long)v->psw_addr);
	return 0;
}
