/*
 * Unit tests for the CMS line editor (cms/edit.c, cms/edit_subcmd.c): scripted sessions on a
 * fake environment whose read_line plays lines from an array and whose write_line records
 * the output, with storage from malloc behind a failure hook and counted so that every
 * test can check that edit_free() and edit_run() give back all they took. A randomized
 * session feeds thousands of arbitrary command lines and checks the list after each one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cunit_main.h"

#include <cms/edit.h>

#define LINES(...) ((const char *const[]){ __VA_ARGS__, NULL })

struct fake {
	const char *const *script; /* NULL-terminated; the end means "no more input" */
	size_t pos;
	char *out;		   /* every output line followed by '\n' */
	size_t out_len, out_cap;
	size_t allocs, frees;
	long allow;		   /* allocations that may still succeed; -1: any number */
	unsigned fail_rate;	   /* if nonzero, fail one allocation in fail_rate at random */
	int save_failures;	   /* the next saves that fail */
	int saves;
	char saved[4096];	   /* the lines at the last successful save, '\n'-terminated */
	struct edit_file *f;	   /* checked before every read when check is set */
	bool check;
	unsigned seed;
};

static unsigned rnd(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

/* The invariants of a file's list: links, count, last, current and its number. */
static void check_file(const struct edit_file *f, bool lrecl)
{
	const struct edit_line *l, *prev = NULL;
	uint32_t n = 0;
	bool cur_seen = f->current == NULL;

	for (l = f->first; l; prev = l, l = l->next) {
		CU_ASSERT_PTR_EQUAL_FATAL(l->prev, prev);
		CU_ASSERT_FATAL(l->text[l->len] == '\0');
		CU_ASSERT_FATAL(!lrecl || l->len <= f->lrecl);
		n++;
		if (l == f->current) {
			CU_ASSERT_EQUAL_FATAL(f->current_no, n);
			cur_seen = true;
		}
	}
	CU_ASSERT_PTR_EQUAL_FATAL(f->last, prev);
	CU_ASSERT_EQUAL_FATAL(f->count, n);
	CU_ASSERT_FATAL(cur_seen);
	if (!f->current)
		CU_ASSERT_EQUAL_FATAL(f->current_no, 0);
}

static int fake_read(void *ctx, char *buf, size_t size)
{
	struct fake *fk = ctx;
	const char *line;

	if (fk->check)
		check_file(fk->f, true);
	line = fk->script[fk->pos];
	if (!line)
		return -1;
	fk->pos++;
	snprintf(buf, size, "%s", line);
	return (int)strlen(buf);
}

static void fake_write(void *ctx, const char *text)
{
	struct fake *fk = ctx;
	size_t n = strlen(text);

	if (fk->out_len + n + 2 > fk->out_cap) {
		fk->out_cap = (fk->out_len + n + 2) * 2;
		fk->out = realloc(fk->out, fk->out_cap);
		CU_ASSERT_PTR_NOT_NULL_FATAL(fk->out);
	}
	memcpy(fk->out + fk->out_len, text, n);
	fk->out_len += n;
	fk->out[fk->out_len++] = '\n';
	fk->out[fk->out_len] = '\0';
}

static void *fake_alloc(void *ctx, size_t n)
{
	struct fake *fk = ctx;
	void *p;

	if (fk->allow == 0)
		return NULL;
	if (fk->fail_rate && rnd(&fk->seed) % fk->fail_rate == 0)
		return NULL;
	if (fk->allow > 0)
		fk->allow--;
	p = malloc(n);
	if (p)
		fk->allocs++;
	return p;
}

static void fake_free(void *ctx, void *p)
{
	struct fake *fk = ctx;

	if (p)
		fk->frees++;
	free(p);
}

static int fake_save(void *ctx, struct edit_file *f)
{
	struct fake *fk = ctx;
	size_t n = 0;

	fk->saves++;
	if (fk->save_failures > 0) {
		fk->save_failures--;
		fake_write(fk, "SAVE FAILED");
		return 1;
	}
	fk->saved[0] = '\0';
	for (const struct edit_line *l = f->first; l && n + l->len + 2 <= sizeof(fk->saved);
	     l = l->next)
		n += (size_t)snprintf(fk->saved + n, sizeof(fk->saved) - n, "%s\n", l->text);
	return 0;
}

static void setup(struct fake *fk, struct edit_env *env, struct edit_file *f, const char *recfm,
		  uint32_t lrecl)
{
	memset(fk, 0, sizeof(*fk));
	fk->allow = -1;
	fk->f = f;
	env->ctx = fk;
	env->read_line = fake_read;
	env->write_line = fake_write;
	env->alloc = fake_alloc;
	env->free = fake_free;
	env->save = fake_save;
	edit_init(f, "PROFILE", "EXEC", "A1", recfm[0], lrecl);
}

static void load(struct edit_file *f, const struct edit_env *env, const char *const *lines)
{
	for (; *lines; lines++)
		CU_ASSERT_EQUAL_FATAL(edit_append(f, env, *lines, strlen(*lines)), 0);
}

/* Play @script; the output is then in fk->out (reset first). */
static enum edit_result run(struct fake *fk, struct edit_file *f, const struct edit_env *env,
			    const char *const *script)
{
	enum edit_result r;

	fk->script = script;
	fk->pos = 0;
	fk->out_len = 0;
	if (fk->out)
		fk->out[0] = '\0';
	r = edit_run(f, env);
	check_file(f, false);
	CU_ASSERT_EQUAL(fk->allocs - fk->frees, f->count);
	return r;
}

static const char *output(const struct fake *fk)
{
	return fk->out ? fk->out : "";
}

/* Release the file and check that every allocation came back. */
static void finish(struct fake *fk, struct edit_file *f, const struct edit_env *env)
{
	edit_free(f, env);
	CU_ASSERT_EQUAL(f->count, 0);
	CU_ASSERT_PTR_NULL(f->first);
	CU_ASSERT_PTR_NULL(f->current);
	CU_ASSERT_EQUAL(fk->allocs, fk->frees);
	edit_free(f, env);
	CU_ASSERT_EQUAL(fk->allocs, fk->frees);
	free(fk->out);
	fk->out = NULL;
}

/* The file's lines, each followed by '\n'. */
static const char *contents(const struct edit_file *f)
{
	static char buf[4096];
	size_t n = 0;

	buf[0] = '\0';
	for (const struct edit_line *l = f->first; l && n + l->len + 2 <= sizeof(buf); l = l->next)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s\n", l->text);
	return buf;
}

static void test_init(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;

	setup(&fk, &env, &f, "F", 80);
	CU_ASSERT_STRING_EQUAL(f.fn, "PROFILE");
	CU_ASSERT_STRING_EQUAL(f.ft, "EXEC");
	CU_ASSERT_STRING_EQUAL(f.fm, "A1");
	CU_ASSERT_EQUAL(f.recfm, 'F');
	CU_ASSERT_EQUAL(f.lrecl, 80);
	CU_ASSERT_FALSE(f.changed);
	CU_ASSERT_FALSE(f.is_new);
	edit_init(&f, "TOOLONGNAME", NULL, "ABC", 'x', 0);
	CU_ASSERT_STRING_EQUAL(f.fn, "TOOLONGN");
	CU_ASSERT_STRING_EQUAL(f.ft, "");
	CU_ASSERT_STRING_EQUAL(f.fm, "AB");
	CU_ASSERT_EQUAL(f.recfm, 'V');
	CU_ASSERT_EQUAL(f.lrecl, EDIT_LRECL_MAX);
	edit_init(&f, "A", "B", "C", 'f', 100000);
	CU_ASSERT_EQUAL(f.recfm, 'F');
	CU_ASSERT_EQUAL(f.lrecl, EDIT_LRECL_MAX);
	CU_ASSERT_EQUAL(edit_append(&f, &env, NULL, 3), -1);
	CU_ASSERT_EQUAL(edit_append(&f, &env, NULL, 0), 0);
	CU_ASSERT_EQUAL(f.count, 1);
	CU_ASSERT_EQUAL(f.first->len, 0);
	CU_ASSERT_FALSE(f.changed);
	fk.allow = 0;
	CU_ASSERT_EQUAL(edit_append(&f, &env, "x", 1), -1);
	CU_ASSERT_EQUAL(f.count, 1);
	finish(&fk, &f, &env);
}

static void test_new_file_input_then_file(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;

	setup(&fk, &env, &f, "V", 80);
	f.is_new = true;
	CU_ASSERT_EQUAL(run(&fk, &f, &env, LINES("line one", "  line two", "", "FILE")),
			EDIT_FILED);
	CU_ASSERT_STRING_EQUAL(output(&fk), "NEW FILE:\nINPUT:\nEDIT:\n");
	CU_ASSERT_EQUAL(fk.saves, 1);
	CU_ASSERT_STRING_EQUAL(fk.saved, "line one\n  line two\n");
	CU_ASSERT_EQUAL(f.count, 2);
	CU_ASSERT_FALSE(f.changed);
	CU_ASSERT_FALSE(f.is_new);
	finish(&fk, &f, &env);
}

static void test_moves_and_type(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;

	setup(&fk, &env, &f, "F", 80);
	load(&f, &env, LINES("a", "b", "c", "d", "e"));
	CU_ASSERT_EQUAL(run(&fk, &f, &env,
			    LINES("TOP", "DOWN", "down 2", "UP", "BOTTOM", "UP 9", "NEXT 3",
				  "D 5")),
			EDIT_QUIT);
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\nTOF:\na\nc\nb\ne\nTOF:\nc\nEOF:\n");
	CU_ASSERT_PTR_EQUAL(f.current, f.last);
	CU_ASSERT_EQUAL(f.current_no, 5);

	run(&fk, &f, &env, LINES("T", "TYPE 3", "ty *", "to", "ty", "u *", "DO *", "TYP 2"));
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\nTOF:\nTOF:\na\nb\nb\nc\nd\ne\nEOF:\nTOF:\nTOF:\n"
					    "TOF:\nEOF:\ne\nEOF:\n");
	CU_ASSERT_EQUAL(f.current_no, 5);

	/* Unchanged: QUIT ends at once. */
	CU_ASSERT_EQUAL(run(&fk, &f, &env, LINES("B", "QUIT", "TOP")), EDIT_QUIT);
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\ne\n");
	CU_ASSERT_EQUAL(fk.pos, 2);
	CU_ASSERT_EQUAL(fk.saves, 0);
	finish(&fk, &f, &env);
}

static void test_empty_file_moves(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;

	setup(&fk, &env, &f, "V", 80);
	run(&fk, &f, &env, LINES("DOWN", "BOTTOM", "UP", "TYPE 5", "DELETE", "L /x/", "C /a/b/"));
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\nEOF:\nEOF:\nTOF:\nTOF:\nEOF:\nEOF:\n"
					    "DMSEDT002E Target not found: /x/\n"
					    "DMSEDT002E Target not found: /a/\n");
	CU_ASSERT_PTR_NULL(f.current);
	CU_ASSERT_FALSE(f.changed);
	finish(&fk, &f, &env);
}

static void test_locate(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;

	setup(&fk, &env, &f, "V", 80);
	load(&f, &env, LINES("alpha", "beta", "gamma", "beta two"));
	run(&fk, &f, &env,
	    LINES("L /beta/", "locate /beta/", "L /beta/", "TOP", "l'gam", "L", "L /x/ y",
		  "L  .a t.", "L /TWO/"));
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\nbeta\nbeta two\n"
					    "DMSEDT002E Target not found: /beta/\n"
					    "TOF:\ngamma\n"
					    "DMSEDT008E Missing operand\n"
					    "DMSEDT003E Invalid operand: y\n"
					    "beta two\n"
					    "DMSEDT002E Target not found: /TWO/\n");
	CU_ASSERT_EQUAL(f.current_no, 4);
	finish(&fk, &f, &env);
}

static void test_change(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;

	setup(&fk, &env, &f, "V", 80);
	load(&f, &env, LINES("aaa", "bab", "ccc", "aXa"));
	run(&fk, &f, &env, LINES("TOP", "C /a/x/", "C /a/y/ G", "C /a/z/ 3"));
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\nTOF:\nxaa\nDMSEDT006I 1 line(s) changed\n"
					    "xyy\nDMSEDT006I 1 line(s) changed\n"
					    "bzb\nDMSEDT006I 1 line(s) changed\n");
	CU_ASSERT_EQUAL(f.current_no, 3);
	CU_ASSERT_TRUE(f.changed);

	run(&fk, &f, &env, LINES("TOP", "change /y/a/ * g", "C /nothere/x/", "T", "C.a.Q. * *"));
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\nTOF:\nxaa\nDMSEDT006I 1 line(s) changed\n"
					    "DMSEDT002E Target not found: /nothere/\n"
					    "TOF:\nxQQ\nQXQ\nDMSEDT006I 2 line(s) changed\n");
	CU_ASSERT_EQUAL(f.current_no, 4);
	CU_ASSERT_STRING_EQUAL(contents(&f), "xQQ\nbzb\nccc\nQXQ\n");

	/* Without the closing delimiter the new string runs to the end; // inserts in front. */
	run(&fk, &f, &env, LINES("C/X/long", "C //>>/", "UP 3", "C /b//", "C /b/b/ 1 G"));
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\nQlongQ\nDMSEDT006I 1 line(s) changed\n"
					    ">>QlongQ\nDMSEDT006I 1 line(s) changed\n"
					    "xQQ\nDMSEDT002E Target not found: /b/\n"
					    "DMSEDT002E Target not found: /b/\n");

	/* Malformed: nothing changes. */
	run(&fk, &f, &env,
	    LINES("C", "C /a", "C /a/b/ 0", "C /a/b/ 3 X", "C /a/b/ G G", "C /a/b/ 1234567890",
		  "C /a/b/ 2 G 3", "C   "));
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\nDMSEDT008E Missing operand\n"
					    "DMSEDT003E Invalid operand: /a\n"
					    "DMSEDT003E Invalid operand: 0\n"
					    "DMSEDT003E Invalid operand: X\n"
					    "DMSEDT003E Invalid operand: G\n"
					    "DMSEDT003E Invalid operand: 1234567890\n"
					    "DMSEDT003E Invalid operand: 3\n"
					    "DMSEDT008E Missing operand\n");
	CU_ASSERT_STRING_EQUAL(contents(&f), "xQQ\nbzb\nccc\n>>QlongQ\n");
	finish(&fk, &f, &env);
}

static void test_delete(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;

	setup(&fk, &env, &f, "V", 80);
	load(&f, &env, LINES("l1", "l2", "l3", "l4", "l5", "l6"));
	run(&fk, &f, &env, LINES("DOWN 2", "DELETE"));
	CU_ASSERT_PTR_EQUAL(f.current, f.first);
	CU_ASSERT_EQUAL(f.current_no, 1);
	CU_ASSERT_STRING_EQUAL(contents(&f), "l1\nl3\nl4\nl5\nl6\n");
	run(&fk, &f, &env, LINES("DE 2"));
	CU_ASSERT_PTR_NULL(f.current);
	CU_ASSERT_STRING_EQUAL(contents(&f), "l4\nl5\nl6\n");
	/* At the top of file DELETE starts with line 1. */
	run(&fk, &f, &env, LINES("DEL"));
	CU_ASSERT_STRING_EQUAL(contents(&f), "l5\nl6\n");
	run(&fk, &f, &env, LINES("DOWN", "DELETE 9"));
	CU_ASSERT_EQUAL(f.count, 0);
	CU_ASSERT_PTR_NULL(f.first);
	CU_ASSERT_PTR_NULL(f.last);
	load(&f, &env, LINES("m1", "m2", "m3"));
	run(&fk, &f, &env, LINES("TOP", "DOWN 2", "DELETE *", "DELETE x", "DE 0", "TYPE"));
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\nTOF:\nm2\nDMSEDT003E Invalid operand: x\n"
					    "DMSEDT003E Invalid operand: 0\nm1\n");
	CU_ASSERT_STRING_EQUAL(contents(&f), "m1\n");
	CU_ASSERT_TRUE(f.changed);
	CU_ASSERT_EQUAL(run(&fk, &f, &env, LINES("QUIT", "QQUIT")), EDIT_QUIT);
	finish(&fk, &f, &env);
}

static void test_replace_and_input(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;

	setup(&fk, &env, &f, "V", 80);
	load(&f, &env, LINES("one", "two"));
	run(&fk, &f, &env,
	    LINES("DOWN", "R uno", "TYPE", "TOP", "REPLACE zero", "DOWN", "REPLACE", "eins", "",
		  "TOP", "TYPE *"));
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\none\nuno\nTOF:\nuno\nINPUT:\nEDIT:\n"
					    "TOF:\nTOF:\nzero\neins\ntwo\nEOF:\n");
	CU_ASSERT_EQUAL(f.count, 3);

	run(&fk, &f, &env, LINES("TOP", "I new line", "I   indented", "INPUT", "a", "b", "", "I"));
	CU_ASSERT_STRING_EQUAL(contents(&f), "new line\n  indented\na\nb\nzero\neins\ntwo\n");
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\nTOF:\nINPUT:\nEDIT:\nINPUT:\n");
	CU_ASSERT_EQUAL(f.current_no, 4);
	finish(&fk, &f, &env);
}

static void test_quit_changed(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;

	setup(&fk, &env, &f, "V", 80);
	load(&f, &env, LINES("x"));
	CU_ASSERT_EQUAL(run(&fk, &f, &env, LINES("I y", "QUIT", "q", "QQUIT", "TOP")), EDIT_QUIT);
	CU_ASSERT_STRING_EQUAL(output(&fk),
			       "EDIT:\n"
			       "DMSEDT004W File has been changed; type QQUIT to quit anyway\n"
			       "DMSEDT004W File has been changed; type QQUIT to quit anyway\n");
	CU_ASSERT_EQUAL(fk.pos, 4);
	CU_ASSERT_EQUAL(fk.saves, 0);
	CU_ASSERT_TRUE(f.changed);
	finish(&fk, &f, &env);
}

static void test_save_failure(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;

	setup(&fk, &env, &f, "V", 80);
	load(&f, &env, LINES("x"));
	fk.save_failures = 1;
	CU_ASSERT_EQUAL(run(&fk, &f, &env, LINES("I y", "FILE", "TOP", "FIL")), EDIT_FILED);
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\nSAVE FAILED\nTOF:\n");
	CU_ASSERT_EQUAL(fk.saves, 2);
	CU_ASSERT_STRING_EQUAL(fk.saved, "y\nx\n");
	CU_ASSERT_FALSE(f.changed);

	/* SAVE stays; afterwards QUIT needs no QQUIT. A failed SAVE keeps the change. */
	fk.save_failures = 1;
	CU_ASSERT_EQUAL(run(&fk, &f, &env, LINES("I z", "SAVE", "QUIT", "SAVE", "QUIT", "B")),
			EDIT_QUIT);
	CU_ASSERT_STRING_EQUAL(output(&fk),
			       "EDIT:\nSAVE FAILED\n"
			       "DMSEDT004W File has been changed; type QQUIT to quit anyway\n");
	CU_ASSERT_EQUAL(fk.saves, 4);
	CU_ASSERT_STRING_EQUAL(fk.saved, "z\ny\nx\n");
	finish(&fk, &f, &env);
}

static void test_end_of_input(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;

	setup(&fk, &env, &f, "V", 80);
	f.is_new = true;
	CU_ASSERT_EQUAL(run(&fk, &f, &env, LINES("abc")), EDIT_QUIT);
	CU_ASSERT_EQUAL(f.count, 1);
	CU_ASSERT_EQUAL(fk.saves, 0);
	CU_ASSERT_EQUAL(run(&fk, &f, &env, LINES("TOP")), EDIT_QUIT);
	CU_ASSERT_EQUAL(run(&fk, &f, &env, LINES(NULL)), EDIT_QUIT);
	finish(&fk, &f, &env);
}

static void test_out_of_storage(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;

	/* The session's buffers. */
	setup(&fk, &env, &f, "V", 80);
	fk.allow = 0;
	CU_ASSERT_EQUAL(run(&fk, &f, &env, LINES("TOP")), EDIT_NO_STORAGE);
	CU_ASSERT_STRING_EQUAL(output(&fk), "DMSEDT005E Not enough storage\n");
	CU_ASSERT_EQUAL(fk.pos, 0);

	/* Input mode: the third line fails, back to edit mode, what is there can be filed. */
	f.is_new = true;
	fk.allow = 3;
	CU_ASSERT_EQUAL(run(&fk, &f, &env, LINES("l1", "l2", "l3", "xx", "FILE")), EDIT_FILED);
	CU_ASSERT_STRING_EQUAL(output(&fk), "NEW FILE:\nINPUT:\nDMSEDT005E Not enough storage\n"
					    "EDIT:\nDMSEDT001E Invalid command: xx\n");
	CU_ASSERT_STRING_EQUAL(fk.saved, "l1\nl2\n");

	/* INPUT text, REPLACE, CHANGE: a message, the file as it was. */
	fk.allow = 1;
	run(&fk, &f, &env, LINES("I x", "R y", "TOP", "C /l/LL/ *", "REPLACE", "z", ""));
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\nDMSEDT005E Not enough storage\n"
					    "DMSEDT005E Not enough storage\nTOF:\n"
					    "DMSEDT005E Not enough storage\n"
					    "INPUT:\nDMSEDT005E Not enough storage\nEDIT:\n");
	/* REPLACE without text deleted line 1 before input mode. */
	CU_ASSERT_STRING_EQUAL(contents(&f), "l2\n");

	/* CHANGE that fails on the second line keeps the first change. */
	fk.allow = -1;
	load(&f, &env, LINES("l3"));
	fk.allow = 2;
	run(&fk, &f, &env, LINES("TOP", "C /l/L/ *"));
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\nTOF:\nL2\nDMSEDT005E Not enough storage\n"
					    "DMSEDT006I 1 line(s) changed\n");
	CU_ASSERT_STRING_EQUAL(contents(&f), "L2\nl3\n");
	CU_ASSERT_EQUAL(f.current_no, 2);
	finish(&fk, &f, &env);
}

static void test_malformed(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;

	setup(&fk, &env, &f, "V", 80);
	load(&f, &env, LINES("a", "b"));
	run(&fk, &f, &env,
	    LINES("=", "FOO", "TOPX", "123", "T 5", "D 0", "D -1", "D 1234567890", "D 5 5",
		  "FIL x", "QQ", "FI", "= x", "HELP x", "ty abc", "%%%", "   ", "", "U +1",
		  "SAV", "Q now", "QQUIT now", "SAVE x", "b 1", "l/a/ /b/", "up *x", "D 999999999"));
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\n"
					    "DMSEDT009E No command to repeat\n"
					    "DMSEDT001E Invalid command: FOO\n"
					    "DMSEDT001E Invalid command: TOPX\n"
					    "DMSEDT001E Invalid command: 123\n"
					    "DMSEDT003E Invalid operand: 5\n"
					    "DMSEDT003E Invalid operand: 0\n"
					    "DMSEDT003E Invalid operand: -1\n"
					    "DMSEDT003E Invalid operand: 1234567890\n"
					    "DMSEDT003E Invalid operand: 5\n"
					    "DMSEDT003E Invalid operand: x\n"
					    "DMSEDT001E Invalid command: QQ\n"
					    "DMSEDT001E Invalid command: FI\n"
					    "DMSEDT003E Invalid operand: x\n"
					    "DMSEDT003E Invalid operand: x\n"
					    "DMSEDT003E Invalid operand: abc\n"
					    "DMSEDT001E Invalid command: %%%\n"
					    "DMSEDT003E Invalid operand: +1\n"
					    "DMSEDT001E Invalid command: SAV\n"
					    "DMSEDT003E Invalid operand: now\n"
					    "DMSEDT003E Invalid operand: now\n"
					    "DMSEDT003E Invalid operand: x\n"
					    "DMSEDT003E Invalid operand: 1\n"
					    "DMSEDT003E Invalid operand: /b/\n"
					    "DMSEDT003E Invalid operand: *x\n"
					    "EOF:\n");
	CU_ASSERT_EQUAL(fk.saves, 0);
	CU_ASSERT_FALSE(f.changed);
	finish(&fk, &f, &env);
}

static void test_repeat_and_help(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;
	const char *o;
	int lines = 0;

	setup(&fk, &env, &f, "V", 80);
	load(&f, &env, LINES("a", "b", "c"));
	run(&fk, &f, &env, LINES("DOWN", "=", " = ", "=", "UP 2", "="));
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\na\nb\nc\nEOF:\na\nTOF:\n");

	run(&fk, &f, &env, LINES("help"));
	o = output(&fk);
	CU_ASSERT_NSTRING_EQUAL(o, "EDIT:\nEDIT commands", 19);
	for (; *o; o++)
		lines += *o == '\n';
	CU_ASSERT(lines > 5);
	CU_ASSERT_PTR_NOT_NULL(strstr(output(&fk), "QQUIT"));
	finish(&fk, &f, &env);
}

static void test_lrecl(void)
{
	struct fake fk;
	struct edit_env env;
	struct edit_file f;

	setup(&fk, &env, &f, "F", 10);
	load(&f, &env, LINES("1234567890", "longer than ten as loaded"));
	run(&fk, &f, &env,
	    LINES("I 12345678901234", "R abcdefghijklmnop", "INPUT", "0123456789", "0123456789X", "",
		  "B", "UP", "C /1/abc/", "B", "C /as/AS/"));
	CU_ASSERT_STRING_EQUAL(output(&fk), "EDIT:\n"
					    "DMSEDT007W Line too long (lrecl 10), truncated\n"
					    "DMSEDT007W Line too long (lrecl 10), truncated\n"
					    "INPUT:\n"
					    "DMSEDT007W Line too long (lrecl 10), truncated\n"
					    "EDIT:\nlonger than ten as loaded\n1234567890\nabc2345678\n"
					    "DMSEDT007W Line too long (lrecl 10), truncated\n"
					    "DMSEDT006I 1 line(s) changed\n"
					    "longer than ten as loaded\n"
					    "longer tha\n"
					    "DMSEDT007W Line too long (lrecl 10), truncated\n"
					    "DMSEDT006I 1 line(s) changed\n");
	CU_ASSERT_STRING_EQUAL(contents(&f), "abcdefghij\n0123456789\n0123456789\nabc2345678\n"
					     "longer tha\n");
	finish(&fk, &f, &env);

	/* A line longer than the input buffer is cut by read_line, and then to lrecl. */
	setup(&fk, &env, &f, "V", 300);
	{
		static char big[2000];

		memset(big, 'x', sizeof(big) - 1);
		big[0] = 'I';
		big[1] = ' ';
		run(&fk, &f, &env, LINES(big, "T"));
		CU_ASSERT_EQUAL(f.count, 1);
		CU_ASSERT_EQUAL(f.first->len, 300);
		CU_ASSERT_PTR_NOT_NULL(strstr(output(&fk), "DMSEDT007W Line too long (lrecl 300)"));
	}
	finish(&fk, &f, &env);
}

static const char *const rand_words[] = {
	"T", "TOP", "B", "BOTTOM", "U", "UP", "D", "DOWN", "N", "NEXT", "TY", "TYPE", "L",
	"LOCATE", "C", "CHANGE", "DE", "DELETE", "R", "REPLACE", "I", "INPUT", "SAVE", "HELP",
	"=", "Q", "QUIT", "X", "*", "G", "0", "1", "2", "7", "999999999", "1234567890", "-3",
	"/", "/a/", "/a/b/", "/ab/", "'a'", ".", "//", "/b//", "/a/bbbbbbbbbbbbbbbbbbbbbb/",
	"", " ", "ab", "ba", "aaaaaaaaaaaaaaaaaaaa", "\t", "%s", "FIL",
};

static void test_random(void)
{
	enum { N = 4000, MAXW = 5 };
	static char lines[N][128];
	static const char *script[N + 1];
	struct fake fk;
	struct edit_env env;
	struct edit_file f;
	unsigned seed = 12345;
	size_t done = 0;
	int sessions = 0;

	setup(&fk, &env, &f, "F", 24);
	load(&f, &env, LINES("aaa", "bab", "abba", "b"));
	for (size_t i = 0; i < N; i++) {
		size_t n = 0, words = 1 + rnd(&seed) % MAXW;

		for (size_t w = 0; w < words; w++) {
			const char *t =
				rand_words[rnd(&seed) % (sizeof(rand_words) / sizeof(rand_words[0]))];

			n += (size_t)snprintf(lines[i] + n, sizeof(lines[i]) - n, "%s%s",
					      w && rnd(&seed) % 3 ? " " : "", t);
			if (n >= sizeof(lines[i]))
				n = sizeof(lines[i]) - 1;
		}
		script[i] = lines[i];
	}
	script[N] = NULL;
	fk.check = true;
	fk.seed = 99;
	fk.fail_rate = 50;
	/* Sessions end on FILE, QUIT or storage; go on with the rest of the script. */
	while (done < N && sessions < N) {
		fk.script = script + done;
		fk.pos = 0;
		fk.out_len = 0;
		f.is_new = rnd(&seed) % 8 == 0;
		edit_run(&f, &env);
		check_file(&f, true);
		CU_ASSERT_EQUAL(fk.allocs - fk.frees, f.count);
		done += fk.pos;
		sessions++;
	}
	CU_ASSERT(sessions > 1);
	finish(&fk, &f, &env);
}

UNIT_SUITE(cmsedit, UNIT_CASE(test_init), UNIT_CASE(test_new_file_input_then_file),
	   UNIT_CASE(test_moves_and_type), UNIT_CASE(test_empty_file_moves),
	   UNIT_CASE(test_locate), UNIT_CASE(test_change), UNIT_CASE(test_delete),
	   UNIT_CASE(test_replace_and_input), UNIT_CASE(test_quit_changed),
	   UNIT_CASE(test_save_failure), UNIT_CASE(test_end_of_input),
	   UNIT_CASE(test_out_of_storage), UNIT_CASE(test_malformed),
	   UNIT_CASE(test_repeat_and_help), UNIT_CASE(test_lrecl), UNIT_CASE(test_random))

UNIT_MAIN(UNIT_REG(cmsedit))
