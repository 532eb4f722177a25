/*
 * QUERY and its operands. Responses follow z/VM's forms where z/VM has the same query
 * (QUERY TIME, STORAGE, CPUS, CPLEVEL); QUERY DEVICES lists what IPL discovery found;
 * QUERY NSS the named saved systems and the shared segments' real storage.
 * Covered by tests/unit/test_cmd.c.
 */
#include <arch/hw.h>
#include <cp/cmd.h>
#include <cp/devclass.h>
#include <cp/frames.h>
#include <cp/nss.h>
#include <cp/rur.h>
#include <cp/segment.h>
#include <cp/vmm.h>
#include <cp/system.h>
#include <cp/tod.h>
#include <lib/format.h>
#include <lib/string.h>
#include "cmd_priv.h"

static int query_time(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	uint64_t now = hw_tod_clock();
	uint64_t up = now - cp_system.ipl_tod;
	char when[48], span[16], cpu[32];

	(void)args;
	format_tod_when(when, sizeof(when), now);
	format_tod_span(span, sizeof(span), up);
	format_cpu_time(cpu, sizeof(cpu), up - hw_idle_time());
	cmd_printf(ctx, "TIME IS %s", when);
	cmd_printf(ctx, "CONNECT= %s VIRTCPU= 000:00.00 TOTCPU= %s", span, cpu);
	return 0;
}

static void format_size(char *buf, size_t size, uint64_t bytes)
{
	if (bytes && bytes % (1ULL << 30) == 0)
		ksnprintf(buf, size, "%lluG", (unsigned long long)(bytes >> 30));
	else if (bytes % (1ULL << 20) == 0)
		ksnprintf(buf, size, "%lluM", (unsigned long long)(bytes >> 20));
	else
		ksnprintf(buf, size, "%lluK", (unsigned long long)(bytes >> 10));
}

static int query_storage(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	char total[24], free_s[24], cp_s[24];
	uint64_t pool_bytes = real_frames.nframes * FRAME_SIZE;
	uint64_t free_bytes = real_frames.nfree * FRAME_SIZE;

	(void)args;
	format_size(total, sizeof(total), hw_info()->storage_bytes);
	format_size(free_s, sizeof(free_s), free_bytes);
	format_size(cp_s, sizeof(cp_s), hw_info()->storage_bytes - pool_bytes);
	cmd_printf(ctx, "STORAGE = %s CONFIGURED = %s INC = 1M STANDBY = 0 RESERVED = 0", total,
		   total);
	cmd_printf(ctx, "FRAMES: %llu TOTAL, %llu FREE (%s), CP NUCLEUS %s",
		   (unsigned long long)(hw_info()->storage_bytes / FRAME_SIZE),
		   (unsigned long long)real_frames.nfree, free_s, cp_s);
	return 0;
}

static int query_cpus(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const struct hw_info *hw = hw_info();

	(void)args;
	for (unsigned i = 0; i < hw->cpu_count; i++)
		cmd_printf(ctx, "CPU %02X  ID  %016llX  %s", i, (unsigned long long)hw->cpu_id,
			   i == hw->ipl_cpu ? "MASTER" : "ALTERNATE");
	return 0;
}

static int query_devices(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	unsigned n = hw_device_count();

	(void)args;
	if (n == 0) {
		cmd_printf(ctx, "No devices found");
		return 0;
	}
	for (unsigned i = 0; i < n; i++) {
		const struct hw_device *d = hw_device(i);
		enum dev_class cls = devclass_of(d->cu_type, d->dev_type);

		if (d->identified)
			cmd_printf(ctx, "%-6s %04X  TYPE %04X-%02X  CU %04X-%02X  SUBCHANNEL 0.0.%04X",
				   devclass_name(cls), d->devno, d->dev_type, d->dev_model,
				   d->cu_type, d->cu_model, d->schid & 0xffff);
		else
			cmd_printf(ctx, "%-6s %04X  TYPE ????     %s  SUBCHANNEL 0.0.%04X",
				   devclass_name(cls), d->devno,
				   d->enabled ? "NOT IDENTIFIED" : "NOT ENABLED   ", d->schid & 0xffff);
	}
	cmd_printf(ctx, "%u device%s", n, n == 1 ? "" : "s");
	return 0;
}

static int query_cplevel(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	char when[32];

	(void)args;
	cmd_printf(ctx, "%s Version %d Release %d.%d, service level %s (64-bit)", VM64_NAME,
		   VM64_VERSION, VM64_RELEASE, VM64_MODLEVEL, VM64_SERVICE);
	format_tod_datetime(when, sizeof(when), cp_system.ipl_tod);
	cmd_printf(ctx, "IPL at %s UTC", when);
	cmd_printf(ctx, "Virtualization engine: %s", hw_engine()->name);
	return 0;
}

/* Machines IPLed from a copied (not shared) system called name. */
static unsigned copied_users(const char *name)
{
	unsigned n = 0;

	for (unsigned i = 0; i < VM_MAX_MACHINES; i++) {
		const struct vm *vm = vm_slot(i);

		if (vm && !strcmp(vm->ipl_name, name))
			n++;
	}
	return n;
}

/*
 * QUERY NSS [NAME nssname] [MAP]: the named saved systems, or the one NAME names (z/VM's
 * form, so a user can ask about one system without paging through all of them). TYPE is
 * z/VM's segment type: SC for a shared system (one copy, read-only to its users:
 * cp/segment.h), EW for one each IPL copies into the user's own storage. BEGPAG-ENDPAG are
 * page numbers: a shared system's whole segments, a copied one's image. Without MAP each line
 * adds the pages and, for a shared system, the real frames its one copy holds and whether it
 * is loaded (it stays loaded without users).
 */
static int query_nss(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *only = NULL;
	const struct nss_image *wanted;
	bool map = false;

	for (unsigned i = 2; i < args->argc; i++) {
		if (!map && !only && cmd_abbrev_matches(args->argv[i], "NAME", 4)) {
			if (++i == args->argc)
				return cmd_msg(ctx, MSG_OPERAND_MISSING);
			only = args->argv[i];
		} else if (!map && cmd_abbrev_matches(args->argv[i], "MAP", 3)) {
			map = true;
		} else {
			return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[i]);
		}
	}
	wanted = only ? nss_find(only) : NULL;
	if (only && !wanted)
		return cmd_msg(ctx, MSG_NO_SUCH_SYSTEM, only);
	if (map)
		cmd_printf(ctx, "NAME     BEGPAG ENDPAG TYPE USERS");
	for (unsigned i = 0; i < nss_image_count; i++) {
		const struct nss_image *im = &nss_images[i];
		const struct segment *seg = segment_of_image(im);
		uint64_t beg = (seg ? seg->start : im->load_addr) >> 12;
		uint64_t end = (seg ? seg->end : im->load_addr + (im->size ? im->size - 1 : 0)) >> 12;
		unsigned users = seg ? seg->users : copied_users(im->name);

		if (only && im != wanted)
			continue;
		if (map)
			cmd_printf(ctx, "%-8s %05llX  %05llX  %-4s %5u", im->name,
				   (unsigned long long)beg, (unsigned long long)end,
				   seg ? "SC" : "EW", users);
		else if (seg)
			cmd_printf(ctx, "%-8s SC %05llX-%05llX PAGES %llu FRAMES %llu USERS %u %s",
				   im->name, (unsigned long long)beg, (unsigned long long)end,
				   (unsigned long long)segment_pages(seg),
				   (unsigned long long)segment_frames(seg), users,
				   seg->loaded ? "LOADED" : "NOT LOADED");
		else
			cmd_printf(ctx, "%-8s EW %05llX-%05llX PAGES %llu USERS %u", im->name,
				   (unsigned long long)beg, (unsigned long long)end,
				   (unsigned long long)(end - beg + 1), users);
	}
	return 0;
}

static const struct cmd_def query_operands[] = {
	{ "TIME", 1, CLASS_ANY, query_time, "", "the time of day and time used" },
	{ "STORAGE", 4, CLASS_ANY, query_storage, "", "real storage" },
	{ "CPUS", 3, CLASS_ANY, query_cpus, "", "the real processors" },
	{ "DEVICES", 3, CLASS_ANY, query_devices, "", "the real devices IPL found" },
	{ "CPLEVEL", 3, CLASS_ANY, query_cplevel, "", "CP's level, IPL time and engine" },
	{ "DASD", 4, CLASS_B | CLASS_D, query_dasd, "", "the real DASD volumes and their use" },
	{ "ALLOC", 3, CLASS_B | CLASS_D, query_alloc, "",
	  "minidisk space allocated and free on each user volume" },
	{ "NAMES", 1, CLASS_ANY, query_names, "", "the users logged on" },
	{ "READER", 3, CLASS_D | CLASS_G, query_spool, "[userid|SYSTEM] [ALL]", "reader files" },
	{ "RDR", 3, CLASS_D | CLASS_G, query_spool, "[userid|SYSTEM] [ALL]", "reader files" },
	{ "PUNCH", 3, CLASS_D | CLASS_G, query_spool, "[userid|SYSTEM] [ALL]", "punch files" },
	{ "PRINTER", 3, CLASS_D | CLASS_G, query_spool, "[userid|SYSTEM] [ALL]", "printer files" },
	{ "PRT", 3, CLASS_D | CLASS_G, query_spool, "[userid|SYSTEM] [ALL]", "printer files" },
	{ "FILES", 5, CLASS_ANY, query_files, "", "how many spool files; for class A, D the space" },
	{ "USERS", 1, CLASS_ANY, query_users, "[userid]", "how many users, or where one is" },
	{ "USERID", 6, CLASS_ANY, query_userid, "[*|userid]", "a user ID and the system it is on" },
	{ "VIRTUAL", 1, CLASS_G, query_virtual, "[DASD|UR]",
	  "your virtual machine, or its disks, or its reader, punch and printer" },
	{ "LINKS", 4, CLASS_B | CLASS_G, query_links, "vdev", "who is linked to one of your disks" },
	{ "LOGMSG", 1, CLASS_ANY, query_logmsg, "", "the logon message" },
	{ "TERMINAL", 4, CLASS_ANY, query_terminal, "", "your terminal's settings" },
	{ "CONSOLE", 4, CLASS_G, query_console, "", "your virtual console and its subchannel" },
	{ "PRIVCLASS", 4, CLASS_ANY, query_privclass, "", "your privilege classes" },
	{ "SHARE", 5, CLASS_A | CLASS_E, query_share, "userid",
	  "a user's share of the CPU (SET SHARE)" },
	{ "NSS", 3, CLASS_G | CLASS_E, query_nss, "[NAME nssname] [MAP]",
	  "named saved systems; shared segments' real storage and users" },
};

int cmd_query(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const struct cmd_def *op;

	if (args->argc < 2)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	op = cmd_lookup(query_operands, sizeof(query_operands) / sizeof(query_operands[0]),
			args->argv[1]);
	if (!op && (strcmp(args->argv[1], "UR") == 0 || rur_is_device(args->argv[1]))) {
		/* the real reader and printer (cp/spool/rur.c) */
		if (!(ctx->classes & (CLASS_A | CLASS_B | CLASS_D)))
			return cmd_msg(ctx, MSG_NOT_AUTHORIZED, "QUERY");
		if (args->argc > 2)
			return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[2]);
		return rur_query(ctx, args->argv[1]);
	}
	if (!op)
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[1]);
	if (!(op->classes & ctx->classes))
		return cmd_msg(ctx, MSG_NOT_AUTHORIZED, "QUERY");
	if (op->handler != query_nss && op->handler != query_spool &&
	    args->argc > (op->handler == query_users || op->handler == query_userid ||
			    op->handler == query_virtual ||
			    op->handler == query_links || op->handler == query_share ? 3u : 2u))
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[args->argc - 1]);
	return op->handler(ctx, args);
}

/* For HELP QUERY: the operands and what each shows. */
void query_help(struct cmd_ctx *ctx)
{
	for (size_t i = 0; i < sizeof(query_operands) / sizeof(query_operands[0]); i++)
		cmd_printf(ctx, "  QUERY %-8s %s", query_operands[i].name, query_operands[i].help);
}
