/*
 * The user directory parser: z/VM USER DIRECT text into a struct directory (cp/directory.h).
 *
 * One statement per line, words separated by blanks or tabs, keywords in any case. Lines whose
 * first non-blank character is '*' and blank lines are comments. A USER statement opens an
 * entry; IPL, CONSOLE, SPOOL, MDISK, LINK, OPTION, MACHINE, CPU and SHARE statements that follow
 * belong to it until the next USER. There are no continuation lines.
 *
 * The parser does not stop at the first error: it records each one with its line number
 * (struct dir_error) and goes on, so "dirc check" can list them all. After a USER statement
 * that is in error the statements up to the next USER are skipped without further messages.
 *
 * Freestanding: only lib/ headers, fixed-size arrays, no allocation. Password text is hashed
 * as soon as it is read and never appears in messages.
 * Covered by tests/unit/test_directory.c and tests/unit/test_users.c.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cp/directory.h>
#include <cp/msg.h>
#include <cp/sched.h>
#include <lib/ctype.h>
#include <lib/format.h>
#include <lib/sha256.h>
#include <lib/string.h>

#define MAX_WORDS 16	/* words in one statement, keyword included */

struct parser {
	struct directory *dir;
	struct dir_error *err;
	const char *secret;
	unsigned line;
	unsigned errors;
	struct dir_user *cur;		/* the entry statements go to, NULL if none */
	bool skipping;			/* the last USER statement was in error */
	bool full;			/* the user table overflowed: stop */
	bool have_ipl, have_machine;	/* of the current entry */
	unsigned user_line[DIR_MAX_USERS];
};

static void __attribute__((format(printf, 2, 3))) error(struct parser *p, const char *fmt, ...)
{
	struct dir_error *err = p->err;
	va_list ap;

	p->errors++;
	if (!err)
		return;
	err->count = p->errors;
	if (p->errors <= DIR_MAX_ERRORS) {
		struct dir_msg *m = &err->list[p->errors - 1];

		m->line = p->line;
		va_start(ap, fmt);
		kvsnprintf(m->text, sizeof(m->text), fmt, ap);
		va_end(ap);
		if (p->errors == 1) {
			err->line = m->line;
			strlcpy(err->msg, m->text, sizeof(err->msg));
		}
	}
}

/* Copies an operand of at most DIR_WORD_LEN characters, upper-cased. */
static bool copy_word(char *dst, const char *src)
{
	size_t n = strlen(src);

	if (n == 0 || n > DIR_WORD_LEN)
		return false;
	for (size_t i = 0; i <= n; i++)
		dst[i] = (char)ktoupper((unsigned char)src[i]);
	return true;
}

/* User IDs: 1-8 characters of A-Z, 0-9, @, # and $ (lower case is accepted and folded). */
static bool valid_userid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > DIR_WORD_LEN)
		return false;
	for (; *s; s++) {
		int c = ktoupper((unsigned char)*s);

		if (!kisupper(c) && !kisdigit(c) && c != '@' && c != '#' && c != '$')
			return false;
	}
	return true;
}

/* Storage sizes: 1-10 decimal digits and a K, M or G suffix; a multiple of 4K, not zero. */
static bool parse_storage(const char *s, uint64_t *out)
{
	size_t n = strlen(s);
	uint64_t v = 0;
	unsigned shift;

	if (n < 2 || n > 11)
		return false;
	switch (ktoupper((unsigned char)s[n - 1])) {
	case 'K':
		shift = 10;
		break;
	case 'M':
		shift = 20;
		break;
	case 'G':
		shift = 30;
		break;
	default:
		return false;
	}
	for (size_t i = 0; i < n - 1; i++) {
		if (!kisdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	v <<= shift;
	if (v == 0 || (v & 0xfff))
		return false;
	*out = v;
	return true;
}

/* Virtual device numbers: 1-4 hexadecimal digits. */
static bool parse_vdev(const char *s, uint16_t *out)
{
	uint64_t v;

	if (strlen(s) > 4 || str_to_u64(s, 16, &v) != 0)
		return false;
	*out = (uint16_t)v;
	return true;
}

/**
 * dir_derive_salt() - the salt of a user's password hash.
 * @userid: the user ID (compared upper case).
 * @secret: the build secret; NULL is the same as "".
 * @salt:   receives the first DIR_SALT_LEN bytes of
 *          SHA-256("VM64 DIRECTORY SALT" NUL secret NUL USERID).
 *
 * Deterministic, so that the same directory and secret always compile to the same bytes.
 */
void dir_derive_salt(const char *userid, const char *secret, uint8_t salt[DIR_SALT_LEN])
{
	static const char tag[] = "VM64 DIRECTORY SALT";
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];

	if (!secret)
		secret = "";
	sha256_init(&ctx);
	sha256_update(&ctx, tag, sizeof(tag));		/* with its NUL */
	sha256_update(&ctx, secret, strlen(secret) + 1);
	for (; *userid; userid++) {
		uint8_t c = (uint8_t)ktoupper((unsigned char)*userid);

		sha256_update(&ctx, &c, 1);
	}
	sha256_final(&ctx, d);
	memcpy(salt, d, DIR_SALT_LEN);
	memset(d, 0, sizeof(d));
}

/**
 * dir_password_hash() - SHA-256(salt || upper-cased password).
 * @salt:     the user's salt.
 * @password: the password as typed; ASCII letters are folded to upper case.
 * @hash:     receives the digest.
 */
void dir_password_hash(const uint8_t salt[DIR_SALT_LEN], const char *password,
		       uint8_t hash[DIR_HASH_LEN])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, salt, DIR_SALT_LEN);
	for (; *password; password++) {
		uint8_t c = (uint8_t)ktoupper((unsigned char)*password);

		sha256_update(&ctx, &c, 1);
	}
	sha256_final(&ctx, hash);
}

void dir_link_pw_hash(const struct dir_user *u, enum dir_linkpw which, const char *password,
		      uint8_t out[DIR_LINKPW_LEN])
{
	char buf[DIR_LINE_MAX + 8] = "LINK?:";
	uint8_t h[DIR_HASH_LEN];

	/* A prefix per password kind: a link password never hashes like a logon password. */
	buf[4] = "RWM"[which];
	strlcpy(buf + 6, password, sizeof(buf) - 6);
	dir_password_hash(u->salt, buf, h);
	memcpy(out, h, DIR_LINKPW_LEN);
	memset(buf, 0, sizeof(buf));
	memset(h, 0, sizeof(h));
}

bool dir_check_link_pw(const struct dir_user *u, const struct dir_device *d,
		       enum dir_linkpw which, const char *password)
{
	uint8_t h[DIR_LINKPW_LEN], diff = 0;

	if (d->pw_all & (1u << which))
		return true;
	if (!(d->pw_set & (1u << which)) || !password || !password[0])
		return false;
	dir_link_pw_hash(u, which, password, h);
	for (size_t i = 0; i < DIR_LINKPW_LEN; i++)
		diff |= (uint8_t)(h[i] ^ d->pw_hash[which][i]);
	return diff == 0;
}

/**
 * dir_check_password() - does @password match the user's directory password?
 * @u:        the directory entry.
 * @password: as typed (case does not matter); NULL or "" never matches.
 *
 * The digests are compared in constant time. A NOLOG user never matches.
 *
 * Return: true if the password is right.
 */
bool dir_check_password(const struct dir_user *u, const char *password)
{
	uint8_t h[DIR_HASH_LEN];
	uint8_t diff = 0;

	if (!u || !password || !*password)
		return false;
	dir_password_hash(u->salt, password, h);
	for (size_t i = 0; i < DIR_HASH_LEN; i++)
		diff |= (uint8_t)(h[i] ^ u->hash[i]);
	memset(h, 0, sizeof(h));
	return diff == 0 && !u->nolog;
}

/**
 * dir_find() - look up a user ID.
 * @dir:    the directory.
 * @userid: the user ID, in any case.
 *
 * Return: the entry, or NULL if there is none.
 */
const struct dir_user *dir_find(const struct directory *dir, const char *userid)
{
	size_t n;

	if (!dir || !userid)
		return NULL;
	n = strlen(userid);
	if (n == 0 || n > DIR_WORD_LEN)
		return NULL;
	for (unsigned i = 0; i < dir->nusers; i++)
		if (strlen(dir->users[i].userid) == n &&
		    str_casecmp_n(dir->users[i].userid, userid, n) == 0)
			return &dir->users[i];
	return NULL;
}

static void do_user(struct parser *p, char **w, unsigned nw)
{
	struct directory *dir = p->dir;
	struct dir_user *u;
	const char *pw = w[2];
	size_t pwlen;

	p->cur = NULL;
	p->skipping = true;
	p->have_ipl = p->have_machine = false;
	if (nw != 6) {
		error(p, "USER statement needs 5 operands");
		return;
	}
	if (!valid_userid(w[1])) {
		error(p, "invalid user ID %.16s", w[1]);
		return;
	}
	if (dir->nusers >= DIR_MAX_USERS) {
		error(p, "more than %d users", DIR_MAX_USERS);
		p->full = true;
		return;
	}
	u = &dir->users[dir->nusers];
	copy_word(u->userid, w[1]);
	for (unsigned i = 0; i < dir->nusers; i++)
		if (strcmp(dir->users[i].userid, u->userid) == 0) {
			error(p, "duplicate user ID %s (first on line %u)", u->userid,
			      p->user_line[i]);
			memset(u, 0, sizeof(*u));
			return;
		}

	pwlen = strlen(pw);
	for (size_t i = 0; i < pwlen; i++)
		if (!kisprint((unsigned char)pw[i]))
			pwlen = 0;
	if (pwlen == 0 || pwlen > DIR_WORD_LEN) {
		error(p, "invalid password for user %s (1-8 characters)", u->userid);
		memset(u, 0, sizeof(*u));
		return;
	}
	if (!parse_storage(w[3], &u->storage)) {
		error(p, "invalid storage size %.16s", w[3]);
		memset(u, 0, sizeof(*u));
		return;
	}
	if (!parse_storage(w[4], &u->maxstorage)) {
		error(p, "invalid maximum storage size %.16s", w[4]);
		memset(u, 0, sizeof(*u));
		return;
	}
	if (u->maxstorage < u->storage) {
		error(p, "maximum storage %.16s is less than storage %.16s", w[4], w[3]);
		memset(u, 0, sizeof(*u));
		return;
	}
	for (const char *c = w[5]; *c; c++) {
		int k = ktoupper((unsigned char)*c);

		if (k < 'A' || k > 'G') {
			error(p, "invalid privilege class %c (A-G)", kisprint(k) ? k : '?');
			memset(u, 0, sizeof(*u));
			return;
		}
		if (u->classes & DIR_CLASS(k)) {
			error(p, "duplicate privilege class %c", k);
			memset(u, 0, sizeof(*u));
			return;
		}
		u->classes |= (uint8_t)DIR_CLASS(k);
	}

	u->cpus = 1;
	u->machine = DIR_MACHINE_DEFAULT;
	dir_derive_salt(u->userid, p->secret, u->salt);
	if (pwlen == 5 && str_casecmp_n(pw, "NOLOG", 5) == 0)
		u->nolog = true;
	else
		dir_password_hash(u->salt, pw, u->hash);

	p->user_line[dir->nusers] = p->line;
	dir->nusers++;
	p->cur = u;
	p->skipping = false;
}

/* A new device entry for the current user, or NULL (after an error). */
static struct dir_device *new_device(struct parser *p, const char *stmt, const char *vdev,
				     enum dir_dev_kind kind)
{
	struct dir_user *u = p->cur;
	struct dir_device *d;
	uint16_t v;

	if (!parse_vdev(vdev, &v)) {
		error(p, "%s: invalid device number %.16s", stmt, vdev);
		return NULL;
	}
	for (unsigned i = 0; i < u->ndevices; i++)
		if (u->devices[i].vdev == v) {
			error(p, "%s: device %04X is already defined", stmt, v);
			return NULL;
		}
	if (u->ndevices >= DIR_MAX_DEVICES) {
		error(p, "more than %d devices for user %s", DIR_MAX_DEVICES, u->userid);
		return NULL;
	}
	d = &u->devices[u->ndevices];
	memset(d, 0, sizeof(*d));
	d->kind = (uint8_t)kind;
	d->vdev = v;
	d->line = (uint16_t)(p->line > 0xffff ? 0xffff : p->line);
	return d;
}

/* Fills type and words of @d from w[0..nw-1]; commits the device if all of them fit. */
static void finish_device(struct parser *p, const char *stmt, struct dir_device *d, char **w,
			  unsigned nw)
{
	if (!copy_word(d->type, w[0])) {
		error(p, "%s: operand too long: %.16s", stmt, w[0]);
		return;
	}
	if (nw - 1 > DIR_DEV_WORDS) {
		error(p, "%s statement has too many operands", stmt);
		return;
	}
	for (unsigned i = 1; i < nw; i++)
		if (!copy_word(d->words[i - 1], w[i])) {
			error(p, "%s: operand too long: %.16s", stmt, w[i]);
			return;
		}
	d->nwords = (uint8_t)(nw - 1);
	p->cur->ndevices++;
}

static void do_device(struct parser *p, char **w, unsigned nw, enum dir_dev_kind kind,
		      const char *stmt, unsigned min_ops, unsigned max_ops)
{
	struct dir_device *d;

	if (nw - 1 < min_ops || nw - 1 > max_ops) {
		if (min_ops == max_ops)
			error(p, "%s statement needs %u operands", stmt, min_ops);
		else
			error(p, "%s statement needs %u to %u operands", stmt, min_ops, max_ops);
		return;
	}
	d = new_device(p, stmt, w[1], kind);
	if (d)
		finish_device(p, stmt, d, w + 2, nw - 2);
}

static bool is_keyword(const char *word, const char *kw)
{
	size_t n = strlen(kw);

	return strlen(word) == n && str_casecmp_n(word, kw, n) == 0;
}

/*
 * MDISK vdev type operands...: a minidisk on a real volume (not V-DISK) may end with its link
 * passwords after the mode (read, write, multiple-write; ALL: none needed); they are kept
 * only as hashes.
 */
static void do_mdisk(struct parser *p, char **w, unsigned nw)
{
	struct dir_user *u = p->cur;
	unsigned npw = 0, before = u->ndevices;
	char **pw;

	if (nw > 3 + DIR_DEV_WORDS && !is_keyword(w[3], "V-DISK") && !is_keyword(w[3], "VDISK")) {
		npw = nw - (3 + DIR_DEV_WORDS);
		if (npw > DIR_LINKPWS) {
			error(p, "MDISK statement has too many operands");
			return;
		}
		nw -= npw;
	}
	pw = w + nw;
	do_device(p, w, nw, DIR_DEV_MDISK, "MDISK", 4, 2 + DIR_DEV_WORDS);
	if (!npw || u->ndevices == before)
		return; /* no passwords, or the statement was refused */
	for (unsigned i = 0; i < npw; i++) {
		struct dir_device *d = &u->devices[u->ndevices - 1];

		if (strlen(pw[i]) > DIR_WORD_LEN) {
			error(p, "MDISK: password too long");
			u->ndevices--;
			return;
		}
		d->pw_set |= (uint8_t)(1u << i);
		if (is_keyword(pw[i], "ALL"))
			d->pw_all |= (uint8_t)(1u << i);
		else
			dir_link_pw_hash(u, (enum dir_linkpw)i, pw[i], d->pw_hash[i]);
	}
}

static void do_link(struct parser *p, char **w, unsigned nw)
{
	struct dir_device *d;
	uint16_t owner_vdev;

	if (nw != 5) {
		error(p, "LINK statement needs 4 operands");
		return;
	}
	if (strcmp(w[1], "*") != 0 && !valid_userid(w[1])) {
		error(p, "LINK: invalid user ID %.16s", w[1]);
		return;
	}
	if (!parse_vdev(w[2], &owner_vdev)) {
		error(p, "LINK: invalid device number %.16s", w[2]);
		return;
	}
	if (strlen(w[4]) > 3) {
		error(p, "LINK: invalid access mode %.16s", w[4]);
		return;
	}
	d = new_device(p, "LINK", w[3], DIR_DEV_LINK);
	if (!d)
		return;
	d->link_vdev = owner_vdev;
	if (strcmp(w[1], "*") == 0)
		w[1] = p->cur->userid;
	finish_device(p, "LINK", d, (char *[]){ w[1], w[4] }, 2);
}

static void do_option(struct parser *p, char **w, unsigned nw)
{
	struct dir_user *u = p->cur;

	if (nw < 2) {
		error(p, "OPTION statement needs at least 1 operand");
		return;
	}
	for (unsigned i = 1; i < nw; i++) {
		if (u->noptions >= DIR_MAX_OPTIONS) {
			error(p, "more than %d OPTION words for user %s", DIR_MAX_OPTIONS,
			      u->userid);
			return;
		}
		if (!copy_word(u->options[u->noptions], w[i])) {
			error(p, "OPTION: operand too long: %.16s", w[i]);
			return;
		}
		u->noptions++;
	}
}

static void do_ipl(struct parser *p, char **w, unsigned nw)
{
	if (nw != 2) {
		error(p, "IPL statement needs 1 operand");
		return;
	}
	if (p->have_ipl) {
		error(p, "more than one IPL statement for user %s", p->cur->userid);
		return;
	}
	if (!copy_word(p->cur->ipl, w[1])) {
		error(p, "IPL: operand too long: %.16s", w[1]);
		return;
	}
	p->have_ipl = true;
}

static void do_machine(struct parser *p, char **w, unsigned nw)
{
	static const struct {
		const char *name;
		enum dir_machine mode;
	} modes[] = {
		{ "ESA", DIR_MACHINE_ESA },
		{ "XA", DIR_MACHINE_XA },
		{ "XC", DIR_MACHINE_XC },
		{ "Z", DIR_MACHINE_Z },
	};
	struct dir_user *u = p->cur;
	uint64_t cpus = 1;
	unsigned i;

	if (nw < 2 || nw > 3) {
		error(p, "MACHINE statement needs 1 or 2 operands");
		return;
	}
	if (p->have_machine) {
		error(p, "more than one MACHINE statement for user %s", u->userid);
		return;
	}
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strlen(w[1]) == strlen(modes[i].name) &&
		    str_casecmp_n(w[1], modes[i].name, strlen(w[1])) == 0)
			break;
	if (i == sizeof(modes) / sizeof(modes[0])) {
		error(p, "MACHINE: invalid mode %.16s (ESA, XA, XC or Z)", w[1]);
		return;
	}
	if (nw == 3 && (strlen(w[2]) > 2 || str_to_u64(w[2], 10, &cpus) != 0 || cpus < 1 ||
			cpus > DIR_MAX_CPUS)) {
		error(p, "MACHINE: invalid CPU count %.16s (1-%d)", w[2], DIR_MAX_CPUS);
		return;
	}
	u->machine = (uint8_t)modes[i].mode;
	u->cpus = (uint8_t)cpus;
	p->have_machine = true;
}


/* CPU nn [BASE] [CPUID xxxxxx] ...: a virtual CPU the machine has at logon (z/VM's CPU
 * statement; the address, hex 00-3F, must be below MACHINE's count: checked at logon, as
 * the statements may come in either order). Further operands are accepted and ignored. */
static void do_cpu(struct parser *p, char **w, unsigned nw)
{
	uint64_t addr;

	if (nw < 2) {
		error(p, "CPU statement needs a CPU address");
		return;
	}
	if (strlen(w[1]) > 2 || str_to_u64(w[1], 16, &addr) != 0 || addr >= DIR_MAX_CPUS) {
		error(p, "CPU: invalid CPU address %.16s (00-%02X)", w[1], DIR_MAX_CPUS - 1);
		return;
	}
	if (p->cur->cpu_mask & (1ULL << addr)) {
		error(p, "CPU %02X defined twice for user %s", (unsigned)addr, p->cur->userid);
		return;
	}
	p->cur->cpu_mask |= 1ULL << addr;
}

/*
 * SHARE RELATIVE n | SHARE ABSOLUTE n%: the user's initial share of the CPU (z/VM's SHARE
 * statement; SET SHARE changes it later): RELATIVE 1-SCHED_RELATIVE_MAX, ABSOLUTE
 * 1-SCHED_ABSOLUTE_MAX percent, the % sign optional. z/VM's maximum share (LIMITHARD, ...)
 * is not supported. A bad one is VMCDIR751E.
 */
static void do_share(struct parser *p, char **w, unsigned nw)
{
	char text[DIR_MSG_LEN];
	bool absolute = false;
	uint64_t value = 0;
	size_t len;
	bool ok = nw == 3;

	if (ok && (is_keyword(w[1], "RELATIVE") || is_keyword(w[1], "REL")))
		absolute = false;
	else if (ok && (is_keyword(w[1], "ABSOLUTE") || is_keyword(w[1], "ABS")))
		absolute = true;
	else
		ok = false;
	if (ok) {
		len = strlen(w[2]);
		if (absolute && len > 1 && w[2][len - 1] == '%')
			w[2][--len] = 0;
		ok = len >= 1 && len <= 5 && str_to_u64(w[2], 10, &value) == 0 && value >= 1 &&
		     value <= (absolute ? SCHED_ABSOLUTE_MAX : SCHED_RELATIVE_MAX);
	}
	if (!ok) {
		msg_format(text, sizeof(text), MSG_DIR_BAD_SHARE, nw > 1 ? w[1] : "",
			   nw > 2 ? w[2] : "", SCHED_RELATIVE_MAX, SCHED_ABSOLUTE_MAX);
		error(p, "%s", text);
		return;
	}
	if (p->cur->share) {
		msg_format(text, sizeof(text), MSG_DIR_SHARE_TWICE, p->cur->userid);
		error(p, "%s", text);
		return;
	}
	p->cur->share_absolute = absolute;
	p->cur->share = (uint16_t)value;
}

static void statement(struct parser *p, char **w, unsigned nw)
{
	static const char *const known[] = {
		"IPL", "CONSOLE", "SPOOL", "MDISK", "LINK", "OPTION", "MACHINE", "CPU", "SHARE",
	};
	bool is_known = false;

	if (is_keyword(w[0], "USER")) {
		do_user(p, w, nw);
		return;
	}
	for (unsigned i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (is_keyword(w[0], known[i]))
			is_known = true;
	if (!is_known) {
		error(p, "unknown statement %.16s", w[0]);
		return;
	}
	if (!p->cur) {
		if (!p->skipping)
			error(p, "%.16s statement before the first USER statement", w[0]);
		return;
	}
	if (is_keyword(w[0], "IPL"))
		do_ipl(p, w, nw);
	else if (is_keyword(w[0], "CONSOLE"))
		do_device(p, w, nw, DIR_DEV_CONSOLE, "CONSOLE", 2, 2 + DIR_DEV_WORDS);
	else if (is_keyword(w[0], "SPOOL"))
		do_device(p, w, nw, DIR_DEV_SPOOL, "SPOOL", 2, 2 + DIR_DEV_WORDS);
	else if (is_keyword(w[0], "MDISK"))
		do_mdisk(p, w, nw);
	else if (is_keyword(w[0], "LINK"))
		do_link(p, w, nw);
	else if (is_keyword(w[0], "OPTION"))
		do_option(p, w, nw);
	else if (is_keyword(w[0], "CPU"))
		do_cpu(p, w, nw);
	else if (is_keyword(w[0], "SHARE"))
		do_share(p, w, nw);
	else
		do_machine(p, w, nw);
}

/* Splits one line (NUL-terminated in @buf) into words and handles it. */
static void one_line(struct parser *p, char *buf)
{
	char *w[MAX_WORDS];
	unsigned nw = 0;
	char *s = buf;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '*')
		return;
	while (*s) {
		if (nw == MAX_WORDS) {
			error(p, "more than %d words in a statement", MAX_WORDS);
			return;
		}
		w[nw++] = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
		if (*s)
			*s++ = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
	}
	statement(p, w, nw);
}

/**
 * dir_parse_secret() - parse directory text.
 * @text:   the USER DIRECT text (need not be NUL-terminated).
 * @len:    its length.
 * @secret: the build secret the password salts are derived from; NULL is the same as "".
 * @out:    receives the directory (cleared first).
 * @err:    receives the errors (cleared first); may be NULL.
 *
 * Return: 0 if the text has no errors, else -1 with at least one error in @err. @out then
 * holds the entries that were read without error.
 */
int dir_parse_secret(const char *text, size_t len, const char *secret, struct directory *out,
		     struct dir_error *err)
{
	struct parser p;
	char buf[DIR_LINE_MAX + 1];
	size_t pos = 0;

	memset(&p, 0, sizeof(p));
	memset(out, 0, sizeof(*out));
	if (err)
		memset(err, 0, sizeof(*err));
	p.dir = out;
	p.err = err;
	p.secret = secret;

	while (pos < len && !p.full) {
		size_t n = 0;
		bool too_long = false;
		bool has_nul = false;

		p.line++;
		for (; pos < len && text[pos] != '\n'; pos++) {
			if (n < DIR_LINE_MAX)
				buf[n++] = text[pos];
			else
				too_long = true;
			if (text[pos] == '\0')
				has_nul = true;
		}
		pos++;	/* the newline */
		if (n > 0 && buf[n - 1] == '\r' && !too_long)
			n--;
		buf[n] = '\0';
		if (too_long)
			error(&p, "line is longer than %d characters", DIR_LINE_MAX);
		else if (has_nul)
			error(&p, "line contains a NUL character");
		else
			one_line(&p, buf);
	}
	if (p.errors == 0 && out->nusers == 0) {
		if (p.line == 0)
			p.line = 1;
		error(&p, "no USER statements");
	}
	memset(buf, 0, sizeof(buf));
	return p.errors ? -1 : 0;
}

/**
 * dir_parse() - parse directory text with an empty build secret.
 * @text: the USER DIRECT text.
 * @len:  its length.
 * @out:  receives the directory.
 * @err:  receives the errors; may be NULL.
 *
 * Return: 0 or -1, as dir_parse_secret().
 */
int dir_parse(const char *text, size_t len, struct directory *out, struct dir_error *err)
{
	return dir_parse_secret(text, len, NULL, out, err);
}
