/*
 * DISPLAY and STORE: a user looks at and changes their virtual machine's registers and real
 * storage from CP, as on z/VM (class G). DISPLAY PSW | G[reg[-reg]] | C[reg[-reg]] |
 * [T]hexloc[.hexlen | -hexend]; STORE PSW mask addr | Greg hexword... | hexloc hexword...
 * Storage addresses are the guest's real addresses (its prefix applied), through the checked
 * accessors of cp/vm/real_access.c, so no guest sees more than its own storage. They act on
 * the base CPU.
 * Covered by tests/unit/test_display.c and tests/system/test_display.py.
 */
#include <cp/vmm.h>
#include <lib/ebcdic.h>
#include <lib/format.h>
#include <lib/string.h>
#include "cmd_priv.h"

#define DISPLAY_LINE_BYTES 16
#define DISPLAY_MAX_BYTES  4096 /* one command shows at most a page */
#define DISPLAY_DEFAULT    16

static bool parse_hex(const char *s, uint64_t *v)
{
	return *s && strlen(s) <= 16 && str_to_u64(s, 16, v) == 0;
}

/* "reg" or "reg-reg" (decimal or hex digits as z/VM takes them: 0-15 or 0-F). */
static bool parse_reg_range(const char *s, unsigned *first, unsigned *last)
{
	char a[3] = "", b[3] = "";
	const char *dash = s;
	uint64_t v;

	while (*dash && *dash != '-')
		dash++;
	if (dash - s > 2 || (*dash && strlen(dash + 1) > 2))
		return false;
	memcpy(a, s, (size_t)(dash - s));
	if (*dash)
		strlcpy(b, dash + 1, sizeof(b));
	if (!*a) {
		*first = 0;
		*last = 15;
		return !*dash;
	}
	if (str_to_u64(a, strlen(a) == 2 ? 10 : 16, &v) || v > 15)
		return false;
	*first = *last = (unsigned)v;
	if (*dash) {
		if (!*b || str_to_u64(b, strlen(b) == 2 ? 10 : 16, &v) || v > 15 || v < *first)
			return false;
		*last = (unsigned)v;
	}
	return true;
}

/* Four registers a line: "GPR  0 = 0000000000000000 ..." */
static void show_regs(struct cmd_ctx *ctx, const char *name, const uint64_t *regs,
		      unsigned first, unsigned last)
{
	char line[96];
	size_t n;

	for (unsigned r = first; r <= last;) {
		n = (size_t)ksnprintf(line, sizeof(line), "%s %2u =", name, r);
		for (unsigned i = 0; i < 4 && r <= last; i++, r++)
			n += (size_t)ksnprintf(line + n, sizeof(line) - n, " %016llX",
					       (unsigned long long)regs[r]);
		cmd_printf(ctx, "%s", line);
	}
}

/* One display line: R00001000  hex words  [*EBCDIC*] */
static void show_storage_line(struct cmd_ctx *ctx, uint64_t addr, const uint8_t *b,
			      size_t len, bool translate)
{
	char line[120], text[DISPLAY_LINE_BYTES + 1];
	size_t n = (size_t)ksnprintf(line, sizeof(line), "R%08llX ", (unsigned long long)addr);

	for (size_t i = 0; i < DISPLAY_LINE_BYTES; i++) {
		if (i % 4 == 0)
			line[n++] = ' ';
		if (i < len)
			n += (size_t)ksnprintf(line + n, sizeof(line) - n, "%02X", b[i]);
		else
			n += (size_t)ksnprintf(line + n, sizeof(line) - n, "  ");
	}
	line[n] = 0;
	if (!translate) {
		while (n && line[n - 1] == ' ')
			line[--n] = 0;
		cmd_printf(ctx, "%s", line);
		return;
	}
	ebcdic_to_ascii(EBCDIC_CP037, text, b, len);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)text[i] < 0x20 || (unsigned char)text[i] >= 0x7f)
			text[i] = '.';
	text[len] = 0;
	cmd_printf(ctx, "%s  *%s*", line, text);
}

/* [T]hexloc[.hexlen | -hexend] → first address, byte count and translation. */
static int parse_storage_operand(const char *op, uint64_t *addr, uint64_t *len, bool *translate)
{
	char loc[24];
	const char *sep;
	uint64_t v;

	*translate = *op == 'T';
	if (*op == 'T' || *op == 'R')
		op++;
	for (sep = op; *sep && *sep != '.' && *sep != '-'; sep++)
		;
	if ((size_t)(sep - op) >= sizeof(loc))
		return -1;
	memcpy(loc, op, (size_t)(sep - op));
	loc[sep - op] = 0;
	if (!parse_hex(loc, addr))
		return -1;
	*len = DISPLAY_DEFAULT;
	if (*sep == '.') {
		if (!parse_hex(sep + 1, &v) || v == 0)
			return -1;
		*len = v;
	} else if (*sep == '-') {
		if (!parse_hex(sep + 1, &v) || v < *addr)
			return -1;
		*len = v - *addr + 1;
	}
	if (*len > DISPLAY_MAX_BYTES)
		*len = DISPLAY_MAX_BYTES;
	return 0;
}

static int display_storage(struct cmd_ctx *ctx, struct vcpu *v, const char *op)
{
	uint64_t addr, len, size = ctx->vm->mem.size;
	uint8_t buf[DISPLAY_LINE_BYTES];
	bool translate;

	if (parse_storage_operand(op, &addr, &len, &translate))
		return cmd_msg(ctx, MSG_INVALID_HEXLOC, op);
	if (addr >= size)
		return cmd_msg(ctx, MSG_HEXLOC_BEYOND_STORAGE, (unsigned long long)addr);
	if (len > size - addr)
		len = size - addr;
	for (uint64_t at = addr; at < addr + len; at += DISPLAY_LINE_BYTES) {
		size_t n = (size_t)(addr + len - at < DISPLAY_LINE_BYTES ? addr + len - at
									 : DISPLAY_LINE_BYTES);
		if (guest_read_real(v, at, buf, n))
			return cmd_msg(ctx, MSG_HEXLOC_BEYOND_STORAGE, (unsigned long long)at);
		show_storage_line(ctx, at, buf, n, translate);
	}
	return 0;
}

static int need_vm(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	if (!ctx->vm)
		return cmd_msg(ctx, MSG_NOT_LOGGED_ON, ctx->userid);
	if (args->argc < 2)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	return 0;
}

int cmd_display(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vcpu *v;
	const char *op;
	unsigned first, last;
	int rc = need_vm(ctx, args);

	if (rc)
		return rc;
	v = &ctx->vm->vcpu;
	op = args->argv[1];
	if (args->argc > 2)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[2]);
	if (cmd_abbrev_matches(op, "PSW", 3)) {
		cmd_printf(ctx, "PSW = %08X %08X %08X %08X", (unsigned)(v->psw_mask >> 32),
			   (unsigned)v->psw_mask, (unsigned)(v->psw_addr >> 32),
			   (unsigned)v->psw_addr);
		return 0;
	}
	if (op[0] == 'G' || op[0] == 'C') {
		if (!parse_reg_range(op + 1, &first, &last))
			return cmd_msg(ctx, MSG_INVALID_OPTION, op);
		show_regs(ctx, op[0] == 'G' ? "GPR" : "CR ", op[0] == 'G' ? v->gprs : v->crs,
			  first, last);
		return 0;
	}
	return display_storage(ctx, v, op);
}

/* STORE's data operands: hex words of 1-16 digits, each stored as its digits give it
 * (right-aligned in 4 bytes up to 8 digits, 8 bytes up to 16). */
static int word_bytes(const char *s, uint64_t *v)
{
	size_t digits = strlen(s);

	if (!parse_hex(s, v))
		return 0;
	return digits <= 8 ? 4 : 8;
}

static void put_be(uint8_t *b, uint64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v >>= 8)
		b[i] = (uint8_t)v;
}

int cmd_store(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vcpu *v;
	const char *op;
	uint64_t addr, val, mask;
	unsigned first, last;
	uint8_t bytes[8];
	int rc = need_vm(ctx, args), n;
	bool unused;

	if (rc)
		return rc;
	v = &ctx->vm->vcpu;
	op = args->argv[1];
	if (args->argc < 3)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (cmd_abbrev_matches(op, "PSW", 3)) {
		if (args->argc != 4 || !parse_hex(args->argv[2], &mask) ||
		    !parse_hex(args->argv[3], &val))
			return cmd_msg(ctx, MSG_OPERAND_MISSING);
		v->psw_mask = mask;
		v->psw_addr = val;
		return cmd_msg(ctx, MSG_STORE_COMPLETE);
	}
	if (op[0] == 'G') {
		if (!parse_reg_range(op + 1, &first, &last) || first != last ||
		    (size_t)args->argc - 2 > 16 - first)
			return cmd_msg(ctx, MSG_INVALID_OPTION, op);
		for (unsigned i = 2; i < args->argc; i++)
			if (!word_bytes(args->argv[i], &val))
				return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[i]);
		for (unsigned i = 2; i < args->argc; i++) {
			word_bytes(args->argv[i], &val);
			v->gprs[first + (unsigned)(i - 2)] = val;
		}
		return cmd_msg(ctx, MSG_STORE_COMPLETE);
	}
	if (parse_storage_operand(op, &addr, &val, &unused) || strchr(op, '.') ||
	    strchr(op, '-') || unused)
		return cmd_msg(ctx, MSG_INVALID_HEXLOC, op);
	/* Check every operand and the whole extent before changing anything. */
	uint64_t total = 0;
	for (unsigned i = 2; i < args->argc; i++) {
		n = word_bytes(args->argv[i], &val);
		if (!n)
			return cmd_msg(ctx, MSG_INVALID_OPTION, args->argv[i]);
		total += (uint64_t)n;
	}
	if (addr >= ctx->vm->mem.size || total > ctx->vm->mem.size - addr)
		return cmd_msg(ctx, MSG_HEXLOC_BEYOND_STORAGE, (unsigned long long)addr);
	for (unsigned i = 2; i < args->argc; i++) {
		n = word_bytes(args->argv[i], &val);
		put_be(bytes, val, n);
		if (guest_write_real(v, addr, bytes, (size_t)n))
			return cmd_msg(ctx, MSG_HEXLOC_BEYOND_STORAGE, (unsigned long long)addr);
		addr += (uint64_t)n;
	}
	return cmd_msg(ctx, MSG_STORE_COMPLETE);
}
