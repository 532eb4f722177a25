/*
 * Unit tests for cp/dir/parse.c: the shipped cp/dir/USER.DIRECT parses with the users,
 * storage, classes and devices it documents; every statement's error paths report the right
 * line and message; table limits; salted password hashes (right, wrong, case-insensitive,
 * empty, NOLOG, different secrets give different salts).
 */
#include "cunit_main.h"

#include <stdlib.h>

#include <cp/directory.h>
#include <lib/sha256.h>
#include <lib/string.h>

#define MB (1024ull * 1024)

static struct directory dir;
static struct dir_error err;

static int parse(const char *text)
{
	return dir_parse(text, strlen(text), &dir, &err);
}

/* The text must fail with its first error on @line, the message containing @want. */
static void expect_error(const char *text, unsigned line, const char *want)
{
	int rc = parse(text);

	CU_ASSERT_EQUAL(rc, -1);
	CU_ASSERT(err.count >= 1);
	CU_ASSERT_EQUAL(err.line, line);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want));
	if (err.line != line || !strstr(err.msg, want))
		fprintf(stderr, "\n    got line %u: %s (wanted line %u: %s)\n", err.line, err.msg,
			line, want);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void test_shipped(void)
{
	const struct dir_user *u;
	size_t len;
	char *text = read_file("cp/dir/USER.DIRECT", &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_EQUAL(dir_parse_secret(text, len, "unit-test", &dir, &err), 0);
	if (err.count)
		fprintf(stderr, "\n    line %u: %s\n", err.line, err.msg);
	free(text);
	CU_ASSERT_EQUAL(dir.nusers, 2 + 32 + 2 + 2 + 2 + 250 + 3); /* ... BENCH, BENCHV, LINUX01-02, CKD01-02, FIXED01-03 */
	CU_ASSERT_EQUAL(err.count, 0);

	u = dir_find(&dir, "operator");
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	CU_ASSERT_EQUAL(u->classes, 0x7f);
	CU_ASSERT_EQUAL(u->storage, 16 * MB);
	CU_ASSERT(dir_check_password(u, "OPERATOR"));
	CU_ASSERT(!dir_check_password(u, "MAINT"));

	u = dir_find(&dir, "MAINT");
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	CU_ASSERT_EQUAL(u->classes, 0x7f);
	CU_ASSERT(dir_check_password(u, "maint"));

	u = dir_find(&dir, "USER17");
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	CU_ASSERT_EQUAL(u->classes, DIR_CLASS('G'));
	CU_ASSERT_EQUAL(u->storage, 4 * MB);
	CU_ASSERT_EQUAL(u->maxstorage, 64 * MB);
	CU_ASSERT_STRING_EQUAL(u->ipl, "CMS");
	CU_ASSERT_EQUAL(u->ndevices, 2);
	CU_ASSERT_EQUAL(u->devices[0].kind, DIR_DEV_CONSOLE);
	CU_ASSERT_EQUAL(u->devices[0].vdev, 0x009);
	CU_ASSERT_STRING_EQUAL(u->devices[0].type, "3215");
	CU_ASSERT_EQUAL(u->devices[1].kind, DIR_DEV_MDISK);
	CU_ASSERT_EQUAL(u->devices[1].vdev, 0x191);
	CU_ASSERT_STRING_EQUAL(u->devices[1].type, "FB-512");
	/* MDISK 191 FB-512 81920 4096 VM64U1 MR: USER01's starts at 16384, 4096 blocks each */
	CU_ASSERT_EQUAL(u->devices[1].nwords, 4);
	CU_ASSERT_STRING_EQUAL(u->devices[1].words[0], "81920");
	CU_ASSERT_STRING_EQUAL(u->devices[1].words[2], "VM64U1");
	CU_ASSERT(u->devices[1].line > 0);
	CU_ASSERT(dir_check_password(u, "USER17"));
	CU_ASSERT(!dir_check_password(u, "USER18"));

	CU_ASSERT_PTR_NOT_NULL(dir_find(&dir, "USER01"));
	CU_ASSERT_PTR_NOT_NULL(dir_find(&dir, "USER32"));
	CU_ASSERT_PTR_NULL(dir_find(&dir, "USER33"));
	CU_ASSERT_PTR_NOT_NULL(dir_find(&dir, "TEST001"));
	u = dir_find(&dir, "TEST250");
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	CU_ASSERT_EQUAL(u->storage, 4 * MB);
	CU_ASSERT_EQUAL(u->maxstorage, 16 * MB);
	CU_ASSERT(dir_check_password(u, "test250"));
	CU_ASSERT_PTR_NULL(dir_find(&dir, "TEST251"));

	/* Each user's salt is different, so equal passwords would still hash differently. */
	CU_ASSERT(memcmp(dir.users[0].salt, dir.users[1].salt, DIR_SALT_LEN) != 0);
}

static void test_statements(void)
{
	const struct dir_user *u;

	CU_ASSERT_EQUAL(parse("* header\n"
			      "\n"
			      "user Alice secret 512K 1G bg\r\n"
			      "   ipl 190\n"
			      "\tmachine xa 4\n"
			      " console 01F 3215 T\n"
			      " spool 00c 2540 reader *\n"
			      " MDISK 191 3390 0001 0010 VOL001 MR\n"
			      " LINK MAINT 190 190 RR\n"
			      " LINK * 191 291 R\n"
			      " OPTION MAXCONN 128\n"
			      " OPTION LNKNOSTD\n"
			      "USER @#$9 x 4M 4M G\n"),
			0);
	CU_ASSERT_EQUAL(err.count, 0);
	CU_ASSERT_EQUAL(err.line, 0);
	CU_ASSERT_EQUAL(dir.nusers, 2);
	u = &dir.users[0];
	CU_ASSERT_STRING_EQUAL(u->userid, "ALICE");
	CU_ASSERT_EQUAL(u->storage, 512 * 1024);
	CU_ASSERT_EQUAL(u->maxstorage, 1024 * MB);
	CU_ASSERT_EQUAL(u->classes, DIR_CLASS('B') | DIR_CLASS('G'));
	CU_ASSERT_STRING_EQUAL(u->ipl, "190");
	CU_ASSERT_EQUAL(u->machine, DIR_MACHINE_XA);
	CU_ASSERT_EQUAL(u->cpus, 4);
	CU_ASSERT_EQUAL(u->ndevices, 5);
	CU_ASSERT_EQUAL(u->devices[0].vdev, 0x01f);
	CU_ASSERT_EQUAL(u->devices[0].nwords, 1);
	CU_ASSERT_EQUAL(u->devices[1].kind, DIR_DEV_SPOOL);
	CU_ASSERT_STRING_EQUAL(u->devices[1].words[0], "READER");
	CU_ASSERT_STRING_EQUAL(u->devices[1].words[1], "*");
	CU_ASSERT_EQUAL(u->devices[2].nwords, 4);
	CU_ASSERT_STRING_EQUAL(u->devices[2].words[2], "VOL001");
	CU_ASSERT_EQUAL(u->devices[3].kind, DIR_DEV_LINK);
	CU_ASSERT_STRING_EQUAL(u->devices[3].type, "MAINT");
	CU_ASSERT_EQUAL(u->devices[3].link_vdev, 0x190);
	CU_ASSERT_EQUAL(u->devices[3].vdev, 0x190);
	CU_ASSERT_STRING_EQUAL(u->devices[3].words[0], "RR");
	CU_ASSERT_STRING_EQUAL(u->devices[4].type, "ALICE");
	CU_ASSERT_EQUAL(u->devices[4].link_vdev, 0x191);
	CU_ASSERT_EQUAL(u->devices[4].vdev, 0x291);
	CU_ASSERT_EQUAL(u->noptions, 3);
	CU_ASSERT_STRING_EQUAL(u->options[1], "128");
	CU_ASSERT_STRING_EQUAL(u->options[2], "LNKNOSTD");
	CU_ASSERT(dir_check_password(u, "SECRET"));
	u = &dir.users[1];
	CU_ASSERT_STRING_EQUAL(u->userid, "@#$9");
	CU_ASSERT_EQUAL(u->machine, DIR_MACHINE_DEFAULT);
	CU_ASSERT_EQUAL(u->cpus, 1);
	CU_ASSERT_STRING_EQUAL(u->ipl, "");

	/* No trailing newline, and MACHINE without a CPU count. */
	CU_ASSERT_EQUAL(parse("USER A B 4M 8M G\nMACHINE ESA"), 0);
	CU_ASSERT_EQUAL(dir.users[0].machine, DIR_MACHINE_ESA);
	CU_ASSERT_EQUAL(dir.users[0].cpus, 1);
}

static void test_user_errors(void)
{
	expect_error("* c\nUSER A B 4M 8M\n", 2, "USER statement needs 5 operands");
	expect_error("USER A B 4M 8M G X\n", 1, "USER statement needs 5 operands");
	expect_error("USER ABCDEFGHI B 4M 8M G\n", 1, "invalid user ID ABCDEFGHI");
	expect_error("USER A-B B 4M 8M G\n", 1, "invalid user ID A-B");
	expect_error("USER A B 4M 8M G\nUSER B B 4M 8M G\nUSER a B 4M 8M G\n", 3,
		     "duplicate user ID A (first on line 1)");
	expect_error("USER A PASSWORD9 4M 8M G\n", 1, "invalid password for user A");
	CU_ASSERT_PTR_NULL(strstr(err.msg, "PASSWORD9"));
	expect_error("USER A B 4X 8M G\n", 1, "invalid storage size 4X");
	expect_error("USER A B M 8M G\n", 1, "invalid storage size M");
	expect_error("USER A B 0M 8M G\n", 1, "invalid storage size 0M");
	expect_error("USER A B 6K 8M G\n", 1, "invalid storage size 6K");
	expect_error("USER A B 4M 99999999999G G\n", 1, "invalid maximum storage size");
	expect_error("USER A B 4M 8Q G\n", 1, "invalid maximum storage size 8Q");
	expect_error("USER A B 16M 4M G\n", 1, "maximum storage 4M is less than storage 16M");
	expect_error("USER A B 4M 8M H\n", 1, "invalid privilege class H");
	expect_error("USER A B 4M 8M A1\n", 1, "invalid privilege class 1");
	expect_error("USER A B 4M 8M GG\n", 1, "duplicate privilege class G");
}

static void test_statement_errors(void)
{
	const char *u = "USER A B 4M 8M G\n";
	char text[512];

#define WITH(stmt) (snprintf(text, sizeof(text), "%s%s", u, stmt), text)
	expect_error("* first\n\nIPL CMS\nUSER A B 4M 8M G\n", 3,
		     "IPL statement before the first USER statement");
	expect_error(WITH("FOO BAR\n"), 2, "unknown statement FOO");
	expect_error(WITH("IPL\n"), 2, "IPL statement needs 1 operand");
	expect_error(WITH("IPL CMS\nIPL 190\n"), 3, "more than one IPL statement for user A");
	expect_error(WITH("IPL CMSCMSCMS\n"), 2, "IPL: operand too long");
	expect_error(WITH("CONSOLE 009\n"), 2, "CONSOLE statement needs 2 to 6 operands");
	expect_error(WITH("CONSOLE 0G9 3215\n"), 2, "CONSOLE: invalid device number 0G9");
	expect_error(WITH("CONSOLE 10009 3215\n"), 2, "CONSOLE: invalid device number 10009");
	expect_error(WITH("CONSOLE 009 3215\nSPOOL 9 1403\n"), 3,
		     "SPOOL: device 0009 is already defined");
	expect_error(WITH("SPOOL 00E 1403 AVERYLONGWORD\n"), 2, "SPOOL: operand too long");
	expect_error(WITH("MDISK 191 3390 1\n"), 2, "MDISK statement needs 4 to 6 operands");
	/* up to three link passwords after the mode; a fourth is one too many */
	expect_error(WITH("MDISK 191 3390 1 10 VOL MR PW1 PW2 PW3 PW4\n"), 2,
		     "MDISK statement has too many operands");
	expect_error(WITH("MDISK 191 3390 1 10 VOL MR PASSWORD9\n"), 2, "MDISK: password too long");
	expect_error(WITH("LINK MAINT 190 190\n"), 2, "LINK statement needs 4 operands");
	expect_error(WITH("LINK MA%NT 190 190 RR\n"), 2, "LINK: invalid user ID MA%NT");
	expect_error(WITH("LINK MAINT XYZ 190 RR\n"), 2, "LINK: invalid device number XYZ");
	expect_error(WITH("LINK MAINT 190 190 RRRR\n"), 2, "LINK: invalid access mode RRRR");
	expect_error(WITH("OPTION\n"), 2, "OPTION statement needs at least 1 operand");
	expect_error(WITH("OPTION A B C D E F G H I J K L M\n"), 2,
		     "more than 12 OPTION words for user A");
	expect_error(WITH("OPTION LONGOPTION\n"), 2, "OPTION: operand too long");
	expect_error(WITH("MACHINE\n"), 2, "MACHINE statement needs 1 or 2 operands");
	expect_error(WITH("MACHINE 370\n"), 2, "MACHINE: invalid mode 370");
	expect_error(WITH("MACHINE Z 0\n"), 2, "MACHINE: invalid CPU count 0");
	expect_error(WITH("MACHINE Z 65\n"), 2, "MACHINE: invalid CPU count 65");
	expect_error(WITH("MACHINE Z\nMACHINE ESA\n"), 3, "more than one MACHINE statement");
	expect_error(WITH("CONSOLE 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n"), 2,
		     "more than 16 words in a statement");
	expect_error("", 1, "no USER statements");
	expect_error("* only a comment\n", 1, "no USER statements");
#undef WITH
}

/* Errors are all counted; statements after a bad USER are skipped without more messages. */
static void test_many_errors(void)
{
	CU_ASSERT_EQUAL(parse("FOO\n"
			      "USER A B 4M 8M X\n"
			      " IPL CMS\n"
			      " NONSENSE\n"
			      "USER C D 4M 8M G\n"
			      " MACHINE Q\n"),
			-1);
	CU_ASSERT_EQUAL(err.count, 4);
	CU_ASSERT_EQUAL(err.line, 1);
	CU_ASSERT_EQUAL(err.list[0].line, 1);
	CU_ASSERT_EQUAL(err.list[1].line, 2);
	CU_ASSERT_EQUAL(err.list[2].line, 4);
	CU_ASSERT_EQUAL(err.list[3].line, 6);
	CU_ASSERT_STRING_EQUAL(err.list[3].text, "MACHINE: invalid mode Q (ESA, XA, XC or Z)");
	CU_ASSERT_EQUAL(dir.nusers, 1);

	/* More errors than the list holds: the count goes on. */
	{
		static char text[4096];
		size_t n = 0;

		for (int i = 0; i < 30; i++)
			n += (size_t)snprintf(text + n, sizeof(text) - n, "BAD%d\n", i);
		CU_ASSERT_EQUAL(parse(text), -1);
		CU_ASSERT_EQUAL(err.count, 30);
		CU_ASSERT_EQUAL(err.list[DIR_MAX_ERRORS - 1].line, DIR_MAX_ERRORS);
	}

	/* A NULL error pointer is allowed. */
	CU_ASSERT_EQUAL(dir_parse("FOO\n", 4, &dir, NULL), -1);
}

static void test_limits(void)
{
	static char text[64 * 1024];
	char line[300];
	size_t n = 0;

	for (int i = 0; i <= DIR_MAX_USERS; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "USER U%d P 4M 4M G\n", i);
	expect_error(text, DIR_MAX_USERS + 1, "more than 300 users");
	CU_ASSERT_EQUAL(dir.nusers, DIR_MAX_USERS);

	n = (size_t)snprintf(text, sizeof(text), "USER A B 4M 8M G\n");
	for (int i = 0; i <= DIR_MAX_DEVICES; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "SPOOL %X 1403 A\n", 0x100 + i);
	expect_error(text, DIR_MAX_DEVICES + 2, "more than 16 devices for user A");
	CU_ASSERT_EQUAL(dir.users[0].ndevices, DIR_MAX_DEVICES);

	memset(line, 'X', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	snprintf(text, sizeof(text), "USER A B 4M 8M G\n*%s\n", line);
	expect_error(text, 2, "line is longer than 255 characters");

	{
		static const char nul[] = "USER A B 4M 8M G\nIPL \0CMS\n";

		CU_ASSERT_EQUAL(dir_parse(nul, sizeof(nul) - 1, &dir, &err), -1);
	}
	CU_ASSERT_EQUAL(err.line, 2);
	CU_ASSERT_STRING_EQUAL(err.msg, "line contains a NUL character");
}

static void test_passwords(void)
{
	const struct dir_user *a, *b;
	uint8_t salt[DIR_SALT_LEN], hash[DIR_HASH_LEN];

	CU_ASSERT_EQUAL(parse("USER ALICE Secret1 4M 8M G\n"
			      "USER BOB NOLOG 4M 8M G\n"
			      "USER CAROL Secret1 4M 8M G\n"),
			0);
	a = dir_find(&dir, "alice");
	b = dir_find(&dir, "BOB");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT(dir_check_password(a, "SECRET1"));
	CU_ASSERT(dir_check_password(a, "secret1"));
	CU_ASSERT(dir_check_password(a, "SeCrEt1"));
	CU_ASSERT(!dir_check_password(a, "secret"));
	CU_ASSERT(!dir_check_password(a, "secret12"));
	CU_ASSERT(!dir_check_password(a, ""));
	CU_ASSERT(!dir_check_password(a, NULL));
	CU_ASSERT(!dir_check_password(NULL, "SECRET1"));
	CU_ASSERT(b->nolog);
	CU_ASSERT(!dir_check_password(b, "NOLOG"));
	CU_ASSERT(!dir_check_password(b, ""));

	/* Same password, different users: different hashes. */
	CU_ASSERT(memcmp(a->hash, dir_find(&dir, "CAROL")->hash, DIR_HASH_LEN) != 0);

	/* The stored hash is SHA-256(salt || upper-cased password). */
	{
		uint8_t buf[DIR_SALT_LEN + 7];

		memcpy(buf, a->salt, DIR_SALT_LEN);
		memcpy(buf + DIR_SALT_LEN, "SECRET1", 7);
		sha256(buf, sizeof(buf), hash);
		CU_ASSERT(memcmp(hash, a->hash, DIR_HASH_LEN) == 0);
	}

	/* The salt depends on the secret and the user ID, and on nothing else. */
	dir_derive_salt("ALICE", NULL, salt);
	CU_ASSERT(memcmp(salt, a->salt, DIR_SALT_LEN) == 0);
	dir_derive_salt("alice", "", salt);
	CU_ASSERT(memcmp(salt, a->salt, DIR_SALT_LEN) == 0);
	dir_derive_salt("ALICE", "other", salt);
	CU_ASSERT(memcmp(salt, a->salt, DIR_SALT_LEN) != 0);

	CU_ASSERT_EQUAL(dir_parse_secret("USER ALICE Secret1 4M 8M G\n", 27, "other", &dir, &err),
			0);
	CU_ASSERT(memcmp(salt, dir.users[0].salt, DIR_SALT_LEN) == 0);
	CU_ASSERT(dir_check_password(&dir.users[0], "secret1"));

	/* dir_password_hash() agrees with the parser. */
	dir_password_hash(dir.users[0].salt, "sEcReT1", hash);
	CU_ASSERT(memcmp(hash, dir.users[0].hash, DIR_HASH_LEN) == 0);

	/* Reproducible: the same text and secret give the same bytes. */
	{
		static struct directory again;
		static const char text[] = "USER ALICE Secret1 4M 8M G\n";

		CU_ASSERT_EQUAL(dir_parse_secret(text, sizeof(text) - 1, "other", &again, NULL), 0);
		CU_ASSERT(memcmp(&again, &dir, sizeof(dir)) == 0);
	}
}

/* MDISK link passwords: kept as hashes, one per mode kind, ALL needs none. */
static void test_link_passwords(void)
{
	const struct dir_user *a;
	const struct dir_device *d;

	CU_ASSERT_EQUAL(parse("USER ALICE Secret1 4M 8M G\n"
			      " MDISK 191 FB-512 16 100 VOL1 MR Rpw wPW\n"
			      " MDISK 192 FB-512 116 100 VOL1 MR ALL\n"
			      " MDISK 193 FB-512 216 100 VOL1 MR\n"),
			0);
	a = dir_find(&dir, "ALICE");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL_FATAL(a->ndevices, 3);
	d = &a->devices[0];
	CU_ASSERT_EQUAL(d->nwords, 4); /* start count volser mode: the passwords are not words */
	CU_ASSERT_EQUAL(d->pw_set, 3);
	CU_ASSERT_EQUAL(d->pw_all, 0);
	CU_ASSERT(dir_check_link_pw(a, d, DIR_LINKPW_READ, "rpw"));
	CU_ASSERT(dir_check_link_pw(a, d, DIR_LINKPW_WRITE, "WPW"));
	CU_ASSERT(!dir_check_link_pw(a, d, DIR_LINKPW_READ, "WPW"));
	CU_ASSERT(!dir_check_link_pw(a, d, DIR_LINKPW_WRITE, "RPW"));
	CU_ASSERT(!dir_check_link_pw(a, d, DIR_LINKPW_READ, ""));
	CU_ASSERT(!dir_check_link_pw(a, d, DIR_LINKPW_READ, NULL));
	CU_ASSERT(!dir_check_link_pw(a, d, DIR_LINKPW_MULTI, "anything"));
	for (size_t i = 0; i + 3 <= sizeof(*d); i++) /* never in clear */
		CU_ASSERT(memcmp((const char *)d + i, "RPW", 3) != 0);
	d = &a->devices[1];
	CU_ASSERT(dir_check_link_pw(a, d, DIR_LINKPW_READ, NULL));
	CU_ASSERT(!dir_check_link_pw(a, d, DIR_LINKPW_WRITE, "ALL"));
	d = &a->devices[2];
	CU_ASSERT_EQUAL(d->pw_set, 0);
	CU_ASSERT(!dir_check_link_pw(a, d, DIR_LINKPW_READ, "ALL"));
	/* a link password never hashes like the logon password */
	CU_ASSERT_EQUAL(parse("USER ALICE Secret1 4M 8M G\n MDISK 191 FB-512 16 100 VOL1 MR SECRET1\n"),
			0);
	a = dir_find(&dir, "ALICE");
	CU_ASSERT(memcmp(a->devices[0].pw_hash[0], a->hash, DIR_LINKPW_LEN) != 0);
}

/* SHARE RELATIVE n / ABSOLUTE n%: the user's initial share; bad ones are VMCDIR751E/752E. */
static void test_share(void)
{
	const char *u = "USER ALICE A 4M 8M G\n";
	const struct dir_user *d;
	char text[512];

#define WITH(stmt) (snprintf(text, sizeof(text), "%s%s", u, stmt), text)

	CU_ASSERT_EQUAL(parse("USER ALICE A 4M 8M G\n SHARE RELATIVE 300\n"
			      "USER BOB B 4M 8M G\n share absolute 20%\n"
			      "USER CAROL C 4M 8M G\n SHARE ABS 7\n"
			      "USER DAVE D 4M 8M G\n SHARE REL 10000\n"
			      "USER EVE E 4M 8M G\n"), 0);
	d = dir_find(&dir, "ALICE");
	CU_ASSERT(!d->share_absolute);
	CU_ASSERT_EQUAL(d->share, 300);
	d = dir_find(&dir, "BOB");
	CU_ASSERT(d->share_absolute);
	CU_ASSERT_EQUAL(d->share, 20);
	d = dir_find(&dir, "CAROL");
	CU_ASSERT(d->share_absolute);
	CU_ASSERT_EQUAL(d->share, 7);
	CU_ASSERT_EQUAL(dir_find(&dir, "DAVE")->share, 10000);
	CU_ASSERT_EQUAL(dir_find(&dir, "EVE")->share, 0); /* none: RELATIVE 100 */

	expect_error(WITH("SHARE RELATIVE 0\n"), 2, "VMCDIR751E Invalid SHARE RELATIVE 0");
	expect_error(WITH("SHARE RELATIVE 10001\n"), 2, "VMCDIR751E");
	expect_error(WITH("SHARE RELATIVE 20%\n"), 2, "VMCDIR751E");
	expect_error(WITH("SHARE ABSOLUTE 101%\n"), 2, "VMCDIR751E");
	expect_error(WITH("SHARE ABSOLUTE %\n"), 2, "VMCDIR751E");
	expect_error(WITH("SHARE ABSOLUTE -5%\n"), 2, "VMCDIR751E");
	expect_error(WITH("SHARE ABSOLUTE 99999999999999999999\n"), 2, "VMCDIR751E");
	expect_error(WITH("SHARE LIMITHARD 5\n"), 2, "VMCDIR751E Invalid SHARE LIMITHARD 5");
	expect_error(WITH("SHARE RELATIVE\n"), 2, "VMCDIR751E");
	expect_error(WITH("SHARE\n"), 2, "VMCDIR751E");
	expect_error(WITH("SHARE RELATIVE 100 LIMITHARD\n"), 2, "VMCDIR751E");
	expect_error(WITH("SHARE RELATIVE 100\n SHARE ABSOLUTE 5%\n"), 3,
		     "VMCDIR752E More than one SHARE statement for user ALICE");
	expect_error("SHARE RELATIVE 100\n", 1, "SHARE statement before the first USER");
#undef WITH
}

static void test_find(void)
{
	CU_ASSERT_EQUAL(parse("USER ALICE A 4M 8M G\nUSER AL B 4M 8M G\n"), 0);
	CU_ASSERT_PTR_EQUAL(dir_find(&dir, "al"), &dir.users[1]);
	CU_ASSERT_PTR_EQUAL(dir_find(&dir, "Alice"), &dir.users[0]);
	CU_ASSERT_PTR_NULL(dir_find(&dir, "ALI"));
	CU_ASSERT_PTR_NULL(dir_find(&dir, ""));
	CU_ASSERT_PTR_NULL(dir_find(&dir, "ALICEALICE"));
	CU_ASSERT_PTR_NULL(dir_find(&dir, NULL));
	CU_ASSERT_PTR_NULL(dir_find(NULL, "AL"));
}

UNIT_SUITE(directory_suite, UNIT_CASE(test_shipped), UNIT_CASE(test_statements),
	   UNIT_CASE(test_user_errors), UNIT_CASE(test_statement_errors),
	   UNIT_CASE(test_many_errors), UNIT_CASE(test_limits), UNIT_CASE(test_passwords),
	   UNIT_CASE(test_link_passwords), UNIT_CASE(test_share), UNIT_CASE(test_find))

UNIT_MAIN(UNIT_REG(directory_suite))
