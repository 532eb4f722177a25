/*
 * The spool commands, z/VM style: SPOOL (device settings; the operator's SPOOL COLD),
 * CLOSE, QUERY READER|PUNCH|PRINTER [ALL], QUERY FILES, ORDER, CHANGE, TRANSFER, PURGE.
 * A file is named by its spool ID; "ALL" means every file of the queue; class G users work
 * on their own files, class D may name another user's queue (userid RDR ...) and the
 * operator's QUERY FILES shows the whole system's spool and its space.
 * Covered by tests/system/test_spool.py on both machines.
 */
#include <arch/hw.h>
#include <cp/cmd.h>
#include <cp/msg.h>
#include <cp/rur.h>
#include <cp/spool.h>
#include <cp/system.h>
#include <cp/tod.h>
#include <cp/user.h>
#include <cp/users.h>
#include <cp/vm.h>
#include <cp/vmm.h>
#include <cp/vur.h>
#include <lib/ebcdic.h>
#include <lib/format.h>
#include <lib/string.h>
#include "cmd_priv.h"

#define LINE_OUT 132 /* OUTPUT: bytes of a record shown */

/* RDR, READER, PUN, PUNCH, PRT, PRINTER: the queue, or -1. */
static int queue_word(const char *w)
{
	if (cmd_abbrev_matches(w, "READER", 1) || strcmp(w, "RDR") == 0)
		return SPQ_RDR;
	if (cmd_abbrev_matches(w, "PUNCH", 2) || strcmp(w, "PUN") == 0)
		return SPQ_PUN;
	if (cmd_abbrev_matches(w, "PRINTER", 2) || strcmp(w, "PRT") == 0)
		return SPQ_PRT;
	return -1;
}

static bool hex_vdev(const char *w, uint16_t *vdev)
{
	uint64_t v;

	if (!w[0] || strlen(w) > 4 || str_to_u64(w, 16, &v) != 0)
		return false;
	*vdev = (uint16_t)v;
	return true;
}

/* A device operand: a device number or a queue word (the machine's first such device). */
static struct vur *device_word(struct vm *vm, const char *w)
{
	uint16_t vdev;
	int q = queue_word(w);

	if (q >= 0)
		return vur_first(vm, (unsigned)q);
	if (hex_vdev(w, &vdev))
		return vur_find(vm, vdev);
	return 0;
}

static bool valid_userid(const char *w)
{
	return w[0] && strlen(w) <= 8;
}

static bool user_known(const char *userid)
{
	struct user_entry e;

	return dir_lookup(userid, &e) == 0;
}

static struct vm *need_vm(struct cmd_ctx *ctx)
{
	if (!ctx->vm)
		cmd_msg(ctx, MSG_NOT_LOGGED_ON, ctx->userid);
	return ctx->vm;
}

static bool spool_up(struct cmd_ctx *ctx)
{
	if (spool_available())
		return true;
	cmd_msg(ctx, MSG_SPOOL_OFF, "no spool area or a damaged checkpoint; see SPOOL COLD");
	return false;
}

/* ---- SPOOL ---- */

static void deck_free(void);

static int spool_cold_cmd(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	unsigned n = 0;

	if (!(ctx->classes & CLASS_A))
		return cmd_msg(ctx, MSG_NOT_AUTHORIZED, "SPOOL COLD");
	if (args->argc != 2)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[2]);
	/* No device may keep a pointer into the directory that is about to be dropped. */
	for (unsigned i = 0; i < VM_MAX_MACHINES; i++) {
		struct vm *vm = vm_slot(i);

		for (unsigned k = 0; vm && k < VM_MAX_UR; k++) {
			vm->ur[k].file = 0;
			vm->ur[k].rloaded = false;
		}
	}
	for (struct spool_file *f = spool_next(0); f; f = spool_next(f))
		n++;
	deck_free(); /* an INPUT deck in progress goes too */
	if (spool_cold(0))
		return cmd_msg(ctx, MSG_SPOOL_OFF, "no spool area");
	cmd_msg(ctx, MSG_SPOOL_COLD, n);
	return 0;
}

int cmd_spool(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm;
	struct vur *u;
	unsigned i = 2;

	if (args->argc >= 2 && strcmp(args->argv[1], "COLD") == 0)
		return spool_cold_cmd(ctx, args);
	vm = need_vm(ctx);
	if (!vm)
		return 45;
	if (args->argc < 2)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	u = device_word(vm, args->argv[1]);
	if (!u)
		return cmd_msg(ctx, MSG_SPOOL_NO_DEVICE, "Device", args->argv[1]);
	while (i < args->argc) {
		const char *w = args->argv[i++];
		const char *next = i < args->argc ? args->argv[i] : 0;
		uint64_t n;

		if (strcmp(w, "CONT") == 0) {
			u->cont = true;
		} else if (cmd_abbrev_matches(w, "NOCONT", 3)) {
			u->cont = false;
		} else if (strcmp(w, "HOLD") == 0) {
			u->hold = true;
		} else if (cmd_abbrev_matches(w, "NOHOLD", 3)) {
			u->hold = false;
		} else if (cmd_abbrev_matches(w, "CLASS", 2) && next && strlen(next) == 1) {
			u->cls = next[0];
			i++;
		} else if (strcmp(w, "TO") == 0 && next && valid_userid(next) &&
			   u->queue != SPQ_RDR) {
			if (strcmp(next, "*") == 0)
				strlcpy(u->to, vm->userid, sizeof(u->to));
			else if (strcmp(next, "OFF") == 0 || strcmp(next, "SYSTEM") == 0)
				u->to[0] = 0;
			else if (!user_known(next))
				return cmd_msg(ctx, MSG_NOT_IN_DIRECTORY, next);
			else
				strlcpy(u->to, next, sizeof(u->to));
			i++;
		} else if (strcmp(w, "FOR") == 0 && next && valid_userid(next)) {
			strlcpy(u->dist, strcmp(next, "*") == 0 ? vm->userid : next,
				sizeof(u->dist));
			i++;
		} else if (cmd_abbrev_matches(w, "COPY", 3) && next &&
			   str_to_u64(next, 10, &n) == 0 && n >= 1 && n <= 255) {
			u->copies = (uint16_t)n;
			i++;
		} else {
			return cmd_msg(ctx, MSG_INVALID_OPTION, w);
		}
	}
	return 0;
}

/* ---- CLOSE ---- */

static void say_line(void *arg, const char *line)
{
	cmd_emit_msg((struct cmd_ctx *)arg, line);
}

int cmd_close(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vm *vm = need_vm(ctx);
	const char *fn = 0, *ft = 0;
	bool purge = false, saved;
	struct vur *u;
	int rc, hold = -1;

	if (!vm)
		return 45;
	if (args->argc < 2)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	u = device_word(vm, args->argv[1]);
	if (!u)
		return cmd_msg(ctx, MSG_SPOOL_NO_DEVICE, "Device", args->argv[1]);
	for (unsigned i = 2; i < args->argc; i++) {
		const char *w = args->argv[i];

		if (cmd_abbrev_matches(w, "PURGE", 3)) {
			purge = true;
		} else if (strcmp(w, "HOLD") == 0) {
			hold = 1;
		} else if (cmd_abbrev_matches(w, "NOHOLD", 3)) {
			hold = 0;
		} else if (cmd_abbrev_matches(w, "NAME", 2) && i + 1 < args->argc) {
			fn = args->argv[++i];
			if (i + 1 < args->argc)
				ft = args->argv[++i];
			if (strlen(fn) > 8 || (ft && strlen(ft) > 8))
				return cmd_msg(ctx, MSG_INVALID_OPTION, fn);
		} else {
			return cmd_msg(ctx, MSG_INVALID_OPTION, w);
		}
	}
	/* HOLD or NOHOLD for this file only; the device's SPOOL setting stays */
	saved = u->hold;
	if (hold >= 0)
		u->hold = hold != 0;
	rc = vur_close(vm, u, fn, ft, purge, say_line, ctx);
	u->hold = saved;
	if (rc)
		return cmd_msg(ctx, (enum msg_id)rc, "the spool could not be written");
	if (u->queue == SPQ_PRT && !purge)
		rur_print_kick(); /* a started real printer prints it now */
	return 0;
}

/* ---- selecting files ---- */

struct sel {
	char owner[9];
	int queue;   /* -1: every queue */
	bool all;    /* ALL */
	uint16_t id; /* one spool ID */
	char cls;    /* CLASS c */
};

static bool selected(const struct spool_file *f, const struct sel *s)
{
	if (f->flags & SPF_OPEN)
		return false;
	if (strcmp(f->owner, s->owner) != 0 || (s->queue >= 0 && f->queue != s->queue))
		return false;
	if (s->id)
		return f->id == s->id;
	if (s->cls)
		return f->cls == s->cls;
	return s->all;
}

/*
 * [userid] RDR|PUN|PRT spoolid|ALL|CLASS c, from argv[*i]; class D may name another user.
 * Returns 0, or the command's rc after a message.
 */
static int parse_sel(struct cmd_ctx *ctx, const struct cmd_args *args, unsigned *i, struct sel *s)
{
	int q;
	uint64_t id;

	memset(s, 0, sizeof(*s));
	strlcpy(s->owner, ctx->userid, sizeof(s->owner));
	if (*i < args->argc && queue_word(args->argv[*i]) < 0 && strcmp(args->argv[*i], "ALL") &&
	    valid_userid(args->argv[*i]) && *i + 1 < args->argc &&
	    queue_word(args->argv[*i + 1]) >= 0) {
		if (strcmp(args->argv[*i], "*") != 0) {
			if (!(ctx->classes & CLASS_D) && strcmp(args->argv[*i], ctx->userid) != 0)
				return cmd_msg(ctx, MSG_NOT_AUTHORIZED, args->argv[0]);
			strlcpy(s->owner, args->argv[*i], sizeof(s->owner));
		}
		(*i)++;
	}
	if (*i >= args->argc)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	q = queue_word(args->argv[*i]);
	if (q < 0) {
		if (strcmp(args->argv[*i], "ALL") == 0 && strcmp(args->argv[0], "PURGE") == 0) {
			s->queue = -1;
			s->all = true;
			(*i)++;
			return 0;
		}
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[*i]);
	}
	s->queue = q;
	(*i)++;
	if (*i >= args->argc)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (strcmp(args->argv[*i], "ALL") == 0) {
		s->all = true;
	} else if (cmd_abbrev_matches(args->argv[*i], "CLASS", 2) && *i + 1 < args->argc &&
		   strlen(args->argv[*i + 1]) == 1) {
		s->cls = args->argv[++(*i)][0];
	} else if (str_to_u64(args->argv[*i], 10, &id) == 0 && id >= 1 && id <= SPOOL_MAX_ID) {
		s->id = (uint16_t)id;
	} else {
		return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[*i]);
	}
	(*i)++;
	return 0;
}

/* A reader device that has @f open lets go of it (PURGE, TRANSFER, ORDER of that file). */
static void unhook(struct spool_file *f)
{
	for (unsigned i = 0; i < VM_MAX_MACHINES; i++) {
		struct vm *vm = vm_slot(i);

		for (unsigned k = 0; vm && k < VM_MAX_UR; k++)
			if (vm->ur[k].file == f && vm->ur[k].queue == SPQ_RDR) {
				vm->ur[k].file = 0;
				vm->ur[k].rloaded = false;
			}
	}
}

static int no_file(struct cmd_ctx *ctx, const struct sel *s)
{
	char what[16];

	if (s->id)
		ksnprintf(what, sizeof(what), "%04u", s->id);
	else
		ksnprintf(what, sizeof(what), "%s",
			  s->queue >= 0 ? spool_queue_name[s->queue] : "");
	if (s->id)
		return cmd_msg(ctx, MSG_SPOOL_NO_FILE, what);
	return cmd_msg(ctx, MSG_SPOOL_NO_FILES,
		       s->queue >= 0 ? spool_queue_name[s->queue] : "SPOOL");
}

/* ---- PURGE, CHANGE, TRANSFER, ORDER ---- */

int cmd_purge(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct sel s;
	unsigned i = 1, n = 0;
	int rc;

	if (!spool_up(ctx))
		return 15;
	rc = parse_sel(ctx, args, &i, &s);
	if (rc)
		return rc;
	if (i < args->argc)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[i]);
	for (struct spool_file *f = spool_next(0), *next; f; f = next) {
		next = spool_next(f);
		if (!selected(f, &s))
			continue;
		unhook(f);
		spool_purge(f);
		n++;
	}
	if (!n)
		return no_file(ctx, &s);
	cmd_msg(ctx, MSG_SPOOL_FILES_PURGED, n);
	return 0;
}

int cmd_change(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct sel s;
	unsigned i = 1, n = 0;
	int rc, hold = -1, keep = -1, copies = -1;
	char cls = 0, fn[9] = "", ft[9] = "", dist[9] = "";
	bool name = false;

	if (!spool_up(ctx))
		return 15;
	rc = parse_sel(ctx, args, &i, &s);
	if (rc)
		return rc;
	if (i >= args->argc)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	for (; i < args->argc; i++) {
		const char *w = args->argv[i];
		const char *next = i + 1 < args->argc ? args->argv[i + 1] : 0;
		uint64_t v;

		if (strcmp(w, "HOLD") == 0)
			hold = 1;
		else if (cmd_abbrev_matches(w, "NOHOLD", 3))
			hold = 0;
		else if (strcmp(w, "KEEP") == 0)
			keep = 1;
		else if (cmd_abbrev_matches(w, "NOKEEP", 3))
			keep = 0;
		else if (cmd_abbrev_matches(w, "CLASS", 2) && next && strlen(next) == 1)
			cls = args->argv[++i][0];
		else if (cmd_abbrev_matches(w, "COPY", 3) && next &&
			 str_to_u64(next, 10, &v) == 0 && v >= 1 && v <= 255)
			copies = (int)v, i++;
		else if (strcmp(w, "DIST") == 0 && next && strlen(next) <= 8)
			strlcpy(dist, args->argv[++i], sizeof(dist));
		else if (cmd_abbrev_matches(w, "NAME", 2) && next && strlen(next) <= 8) {
			name = true;
			strlcpy(fn, args->argv[++i], sizeof(fn));
			if (i + 1 < args->argc && strlen(args->argv[i + 1]) <= 8)
				strlcpy(ft, args->argv[++i], sizeof(ft));
		} else
			return cmd_msg(ctx, MSG_INVALID_OPTION, w);
	}
	for (struct spool_file *f = spool_next(0); f; f = spool_next(f)) {
		if (!selected(f, &s))
			continue;
		if (hold >= 0)
			f->flags = (uint8_t)(hold ? f->flags | SPF_HOLD : f->flags & ~SPF_HOLD);
		if (keep >= 0)
			f->flags = (uint8_t)(keep ? f->flags | SPF_KEEP : f->flags & ~SPF_KEEP);
		if (cls)
			f->cls = cls;
		if (copies > 0)
			f->copies = (uint16_t)copies;
		if (dist[0])
			strlcpy(f->dist, dist, sizeof(f->dist));
		if (name) {
			strlcpy(f->fn, fn, sizeof(f->fn));
			strlcpy(f->ft, ft, sizeof(f->ft));
		}
		n++;
	}
	if (!n)
		return no_file(ctx, &s);
	spool_commit();
	cmd_msg(ctx, MSG_SPOOL_CHANGED, n);
	return 0;
}

int cmd_transfer(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct sel s;
	unsigned i = 1, n = 0;
	const char *to;
	int rc;

	if (!spool_up(ctx))
		return 15;
	rc = parse_sel(ctx, args, &i, &s);
	if (rc)
		return rc;
	if (i < args->argc && strcmp(args->argv[i], "TO") == 0)
		i++;
	if (i >= args->argc)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	to = strcmp(args->argv[i], "*") == 0 ? ctx->userid : args->argv[i];
	if (!user_known(to))
		return cmd_msg(ctx, MSG_NOT_IN_DIRECTORY, to);
	i++;
	if (i < args->argc && queue_word(args->argv[i]) == SPQ_RDR)
		i++;
	if (i < args->argc)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[i]);
	for (struct spool_file *f = spool_next(0), *next; f; f = next) {
		next = spool_next(f);
		if (!selected(f, &s) || (f->flags & SPF_READING))
			continue;
		unhook(f);
		strlcpy(f->origin, ctx->userid, sizeof(f->origin));
		vur_deliver(f, to);
		n++;
	}
	if (!n)
		return no_file(ctx, &s);
	cmd_msg(ctx, MSG_SPOOL_TRANSFERRED, n);
	return 0;
}

int cmd_order(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct sel s;
	unsigned i = 1, n = 0;
	uint16_t ids[CMD_MAX_ARGS];
	unsigned nids = 0;
	int q;

	if (!spool_up(ctx))
		return 15;
	memset(&s, 0, sizeof(s));
	strlcpy(s.owner, ctx->userid, sizeof(s.owner));
	if (i < args->argc && queue_word(args->argv[i]) < 0 && i + 1 < args->argc &&
	    queue_word(args->argv[i + 1]) >= 0) {
		if (!(ctx->classes & CLASS_D) && strcmp(args->argv[i], ctx->userid) != 0)
			return cmd_msg(ctx, MSG_NOT_AUTHORIZED, "ORDER");
		strlcpy(s.owner, args->argv[i], sizeof(s.owner));
		i++;
	}
	if (i >= args->argc || (q = queue_word(args->argv[i])) < 0)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	s.queue = q;
	for (i++; i < args->argc; i++) {
		uint64_t id;

		if (str_to_u64(args->argv[i], 10, &id) != 0 || id < 1 || id > SPOOL_MAX_ID)
			return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[i]);
		ids[nids++] = (uint16_t)id;
	}
	if (!nids)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	/* The named files first, in the order given; the others keep their order after them. */
	for (unsigned k = 0; k < nids; k++) {
		struct spool_file *f = spool_find(ids[k]);

		s.id = ids[k];
		if (!f || !selected(f, &s))
			return no_file(ctx, &s);
	}
	{
		struct spool_file *rest[SPOOL_MAX_FILES];
		unsigned nrest = 0;

		for (struct spool_file *f = spool_next(0); f; f = spool_next(f))
			rest[nrest++] = f;
		for (unsigned k = 0; k < nids; k++) {
			spool_to_end(spool_find(ids[k]));
			n++;
		}
		for (unsigned k = 0; k < nrest; k++) {
			bool named = false;

			for (unsigned j = 0; j < nids; j++)
				named |= rest[k]->id == ids[j];
			if (!named)
				spool_to_end(rest[k]);
		}
	}
	spool_commit();
	cmd_msg(ctx, MSG_SPOOL_ORDERED, n);
	return 0;
}

/* ---- QUERY VIRTUAL UR ---- */

int query_ur_lines(struct cmd_ctx *ctx, struct vm *vm)
{
	int n = 0;

	for (unsigned i = 0; i < VM_MAX_UR; i++) {
		const struct vur *u = &vm->ur[i];
		const char *cont = u->cont ? "CONT" : "NOCONT";
		const char *hold = u->hold ? "HOLD" : "NOHOLD";

		if (!u->sch.exists)
			continue;
		n++;
		if (u->queue == SPQ_RDR) {
			cmd_printf(ctx, "RDR  %04X CL %c %s %s %s", u->sch.devno, u->cls, cont, hold,
				   u->file ? "OPEN" : "EOF    READY");
			continue;
		}
		cmd_printf(ctx, "%s  %04X CL %c %s %s COPY %03u    %s", spool_queue_name[u->queue],
			   u->sch.devno, u->cls, cont, hold, u->copies ? u->copies : 1,
			   u->file ? "OPEN" : "READY");
		cmd_printf(ctx, "     %04X TO %-8s RDR DIST %s", u->sch.devno,
			   u->to[0] ? u->to : "SYSTEM", u->dist[0] ? u->dist : vm->userid);
	}
	return n;
}

/* ---- QUERY READER|PUNCH|PRINTER, QUERY FILES ---- */

static void list_file(struct cmd_ctx *ctx, const struct spool_file *f)
{
	struct civil_time t;

	tod_to_civil(f->created_tod, &t);
	cmd_printf(ctx,
		   "%-8s %04u %c %s %08u %03u %-4s %02d/%02d %02d:%02d:%02d %-8s  %-8s  %-8s%s",
		   f->origin, f->id, f->cls, spool_queue_name[f->origin_dev], f->records, f->copies,
		   (f->flags & SPF_HOLD) ? "USER" : "NONE", t.month, t.day, t.hour, t.minute,
		   t.second, f->fn, f->ft, f->dist, (f->flags & SPF_KEEP) ? " KEEP" : "");
}

int query_spool(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	int q = queue_word(args->argv[1]);
	char owner[9];
	bool everyone = false;
	unsigned n = 0;

	strlcpy(owner, ctx->userid, sizeof(owner));
	if (args->argc > 4)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[4]);
	for (unsigned i = 2; i < args->argc; i++) {
		const char *w = args->argv[i];

		if (strcmp(w, "ALL") == 0 || strcmp(w, "*") == 0)
			continue;
		if (!(ctx->classes & CLASS_D) && strcmp(w, ctx->userid) != 0)
			return cmd_msg(ctx, MSG_NOT_AUTHORIZED, "QUERY");
		if (strcmp(w, "SYSTEM") == 0)
			everyone = true;
		else if (valid_userid(w))
			strlcpy(owner, w, sizeof(owner));
	}
	for (const struct spool_file *f = spool_next(0); f; f = spool_next(f)) {
		if (f->queue != q || (f->flags & SPF_OPEN) ||
		    (!everyone && strcmp(f->owner, owner) != 0))
			continue;
		if (!n++)
			cmd_printf(ctx, "ORIGINID FILE CLASS RECORDS  CPY HOLD DATE  TIME     NAME"
					"      TYPE      DIST");
		list_file(ctx, f);
	}
	if (!n)
		cmd_msg(ctx, MSG_SPOOL_NO_FILES, spool_queue_name[q]);
	return 0;
}

static void count_word(char *buf, size_t size, unsigned n)
{
	if (n)
		ksnprintf(buf, size, "%04u", n);
	else
		ksnprintf(buf, size, "  NO");
}

int query_files(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	bool system = (ctx->classes & (CLASS_A | CLASS_D)) != 0;
	unsigned n[3] = {0, 0, 0};
	char w[3][8];
	uint32_t total, used, free_pages;

	(void)args;
	for (const struct spool_file *f = spool_next(0); f; f = spool_next(f))
		if (!(f->flags & SPF_OPEN) && (system || strcmp(f->owner, ctx->userid) == 0))
			n[f->queue]++;
	for (unsigned i = 0; i < 3; i++)
		count_word(w[i], sizeof(w[i]), n[i]);
	cmd_printf(ctx, "FILES: %s RDR, %s PRT, %s PUN", w[SPQ_RDR], w[SPQ_PRT], w[SPQ_PUN]);
	if (system) {
		spool_space(&total, &used, &free_pages);
		cmd_printf(ctx, "SPOOL PAGES: %u TOTAL, %u IN USE, %u FREE%s", total, used,
			   free_pages, spool_available() ? "" : " (SPOOLING OFF)");
	}
	return 0;
}

/* ---- the operator's files in and out: INPUT and OUTPUT ---- */

/*
 * INPUT TO userid [NAME fn [ft]] [CLASS c] [HEX] opens a punch file of the issuer; each
 * following line that starts with '>' is one card: the rest of the line as text (code page
 * 1047, blank-padded to 80 columns, longer lines refused); with HEX the lines are hex
 * digits that fill 80-byte cards one after the other (any even number per line: Hercules
 * passes at most 120 characters of a console line; INPUT END pads the last card with
 * X'40'). INPUT END closes it and sends it to userid's reader (the arrival message as from
 * a punch); INPUT CANCEL purges it. Other lines are commands as usual, so the deck travels
 * through the ordinary console input. Each line is answered "INPUT nnnn" (the lines so
 * far): a sender waits for it before the next line, as the Hercules console holds one line
 * at a time.
 */
static struct {
	struct spool_file *f;
	char by[9];
	char to[9];
	bool hex;
	uint8_t *page;
	uint8_t part[80]; /* HEX: the card being built */
	unsigned nbytes;
	unsigned lines; /* '>' lines taken */
} deck;

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int punch_card(struct cmd_ctx *ctx, const uint8_t *card)
{
	if (spool_put(deck.f, deck.page, 0x41, card, 80))
		return cmd_msg(ctx, MSG_SPOOL_FULL, deck.f->id);
	return 0;
}

int cmd_input_line(struct cmd_ctx *ctx, const char *text)
{
	uint8_t card[80];
	size_t n = strlen(text);
	int rc = 0;

	if (!deck.f || strcmp(deck.by, ctx->userid) != 0)
		return cmd_msg(ctx, MSG_SPOOL_NO_FILE, "INPUT: no deck open");
	while (n && (text[n - 1] == '\r' || text[n - 1] == '\n'))
		n--;
	if (deck.hex) {
		/* hex digits fill the card being built; a full card (80 bytes) is punched */
		if (n % 2)
			return cmd_msg(ctx, MSG_INVALID_OPTION, "INPUT HEX line");
		for (size_t i = 0; i < n; i += 2) {
			int hi = hexval(text[i]), lo = hexval(text[i + 1]);

			if (hi < 0 || lo < 0)
				return cmd_msg(ctx, MSG_INVALID_OPTION, "INPUT HEX line");
		}
		for (size_t i = 0; i < n && !rc; i += 2) {
			deck.part[deck.nbytes++] =
			    (uint8_t)(hexval(text[i]) << 4 | hexval(text[i + 1]));
			if (deck.nbytes == 80) {
				rc = punch_card(ctx, deck.part);
				deck.nbytes = 0;
			}
		}
	} else {
		if (n > 80)
			return cmd_msg(ctx, MSG_INVALID_OPTION, "INPUT line longer than 80");
		memset(card, 0x40, sizeof(card));
		ascii_to_ebcdic(EBCDIC_CP1047, card, text, n);
		rc = punch_card(ctx, card);
	}
	if (rc)
		return rc;
	/* the sender waits for this before the next line (Hercules keeps one console line) */
	cmd_printf(ctx, "INPUT %04u", ++deck.lines);
	return 0;
}

/* The page being filled by INPUT and the page OUTPUT reads: one deck at a time, and CP
 * runs one command at a time; static, so below 2 GB for the volume's channel programs. */
static uint8_t deck_page[SPOOL_PAGE_SIZE] __attribute__((aligned(8)));
static uint8_t out_page[SPOOL_PAGE_SIZE] __attribute__((aligned(8)));

static void deck_free(void)
{
	memset(&deck, 0, sizeof(deck));
}

int cmd_input(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	char fn[9] = "", ft[9] = "", cls = 'A';
	bool hex = false;
	int err;

	if (args->argc == 2 &&
	    (strcmp(args->argv[1], "END") == 0 || strcmp(args->argv[1], "CANCEL") == 0)) {
		struct spool_file *f = deck.f;
		uint16_t id;

		if (!f || strcmp(deck.by, ctx->userid) != 0)
			return cmd_msg(ctx, MSG_SPOOL_NO_FILE, "INPUT: no deck open");
		if (strcmp(args->argv[1], "CANCEL") == 0) {
			spool_purge(f);
			deck_free();
			cmd_msg(ctx, MSG_SPOOL_FILES_PURGED, 1u);
			return 0;
		}
		if (deck.nbytes) {
			memset(deck.part + deck.nbytes, 0x40, 80 - deck.nbytes);
			if (punch_card(ctx, deck.part))
				return 11;
		}
		if (spool_close(f, deck.page)) {
			deck_free();
			return cmd_msg(ctx, MSG_SPOOL_OFF, "the spool could not be written");
		}
		id = f->id;
		vur_deliver(f, deck.to);
		cmd_msg(ctx, MSG_SPOOL_SENT, "PUN", id, f->owner, f->id, f->records, f->copies,
			f->cls, "NOHOLD", "NOKEEP");
		deck_free();
		return 0;
	}
	if (args->argc < 3 || strcmp(args->argv[1], "TO") != 0)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (!user_known(args->argv[2]))
		return cmd_msg(ctx, MSG_NOT_IN_DIRECTORY, args->argv[2]);
	for (unsigned i = 3; i < args->argc; i++) {
		const char *w = args->argv[i];

		if (strcmp(w, "HEX") == 0) {
			hex = true;
		} else if (cmd_abbrev_matches(w, "CLASS", 2) && i + 1 < args->argc &&
			   strlen(args->argv[i + 1]) == 1) {
			cls = args->argv[++i][0];
		} else if (cmd_abbrev_matches(w, "NAME", 2) && i + 1 < args->argc &&
			   strlen(args->argv[i + 1]) <= 8) {
			strlcpy(fn, args->argv[++i], sizeof(fn));
			if (i + 1 < args->argc && strlen(args->argv[i + 1]) <= 8 &&
			    strcmp(args->argv[i + 1], "HEX") != 0 &&
			    !cmd_abbrev_matches(args->argv[i + 1], "CLASS", 2))
				strlcpy(ft, args->argv[++i], sizeof(ft));
		} else {
			return cmd_msg(ctx, MSG_INVALID_OPTION, w);
		}
	}
	if (!spool_up(ctx))
		return 15;
	if (deck.f)
		return cmd_msg(ctx, MSG_SPOOL_OFF,
			       "an INPUT deck is already open; INPUT END first");
	deck.page = deck_page;
	deck.f = spool_open(SPQ_PUN, ctx->userid, ctx->userid, cls, hw_tod_clock(), &err);
	if (!deck.f) {
		deck_free();
		return cmd_msg(ctx, MSG_SPOOL_OFF, "no room for another spool file");
	}
	strlcpy(deck.f->fn, fn, sizeof(deck.f->fn));
	strlcpy(deck.f->ft, ft, sizeof(deck.f->ft));
	strlcpy(deck.by, ctx->userid, sizeof(deck.by));
	strlcpy(deck.to, args->argv[2], sizeof(deck.to));
	deck.hex = hex;
	cmd_printf(ctx, "INPUT: PUN FILE %04u OPEN; send lines '>data', then INPUT END",
		   deck.f->id);
	return 0;
}

/*
 * OUTPUT spoolid [HEX]: the records of a closed file (any queue), each as a line '<text'
 * (code page 1047 to ASCII, trailing blanks dropped; control-only printer records left
 * out) or '<hex', between VMCSPL022I and "OUTPUT END" (console/vm64's :save writes them to
 * a host file).
 */
int cmd_output(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct spool_file *f;
	uint8_t *page;
	uint64_t id;
	bool hex = args->argc > 2 && strcmp(args->argv[2], "HEX") == 0;
	unsigned bytes = 0;

	if (args->argc < 2 || str_to_u64(args->argv[1], 10, &id) != 0)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (args->argc > (hex ? 3u : 2u))
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[hex ? 3 : 2]);
	f = spool_find((uint16_t)id);
	if (!f || (f->flags & SPF_OPEN))
		return cmd_msg(ctx, MSG_SPOOL_NO_FILE, args->argv[1]);
	page = out_page;
	for (uint32_t pg = 0; pg < f->npages; pg++)
		if (spool_read_page(f, pg, page) == 0) {
			unsigned pos = SPOOL_PAGE_HDR, len;
			const uint8_t *d;
			uint8_t ccw;

			while (spool_page_record(page, &pos, &d, &len, &ccw))
				bytes += len;
		}
	cmd_msg(ctx, MSG_SPOOL_SAVED, f->id, f->owner, f->records, bytes);
	for (uint32_t pg = 0; pg < f->npages; pg++) {
		unsigned pos = SPOOL_PAGE_HDR, len;
		const uint8_t *d;
		uint8_t ccw;

		if (spool_read_page(f, pg, page))
			break;
		while (spool_page_record(page, &pos, &d, &len, &ccw)) {
			char line[2 * LINE_OUT + 2];

			if (len > LINE_OUT)
				len = LINE_OUT;
			line[0] = '<';
			if (hex) {
				for (unsigned i = 0; i < len; i++)
					ksnprintf(line + 1 + 2 * i, 3, "%02X", d[i]);
				line[1 + 2 * len] = 0;
			} else {
				if (!len)
					continue;
				ebcdic_to_ascii(EBCDIC_CP1047, line + 1, d, len);
				while (len && line[len] == ' ')
					len--;
				line[1 + len] = 0;
			}
			cmd_printf(ctx, "%s", line);
		}
	}
	cmd_printf(ctx, "OUTPUT END");
	return 0;
}
