/*
 * CMS EDIT's commands: operand parsing (counts, delimited strings, texts), the moves, TYPE,
 * LOCATE, CHANGE, DELETE, INPUT, REPLACE, FILE/SAVE/QUIT/QQUIT and HELP, and the table that
 * maps a command word or its abbreviation to its handler. Every handler validates all of
 * its operands before it touches the file, and answers a bad one with a message.
 * Covered by tests/unit/test_cmsedit.c and tests/system/test_cms.py.
 */
#include "edit_priv.h"
#include <lib/ctype.h>
#include <lib/string.h>

/* ---- operands ---- */

static const char *skip_blanks(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* The next blank-delimited word at *@pp; false at the end of the line. */
static bool next_tok(const char **pp, struct tok *t)
{
	const char *p = skip_blanks(*pp);

	if (!*p)
		return false;
	t->p = p;
	while (*p && *p != ' ')
		p++;
	t->len = (size_t)(p - t->p);
	*pp = p;
	return true;
}

/* A count: a positive decimal of at most 9 digits, or "*". */
static bool parse_count(const struct tok *t, uint32_t *n)
{
	uint32_t v = 0;

	if (t->len == 1 && t->p[0] == '*') {
		*n = EDIT_ALL;
		return true;
	}
	if (t->len == 0 || t->len > 9)
		return false;
	for (size_t i = 0; i < t->len; i++) {
		if (!kisdigit(t->p[i]))
			return false;
		v = v * 10 + (uint32_t)(t->p[i] - '0');
	}
	if (v == 0)
		return false;
	*n = v;
	return true;
}

/* No more operands: otherwise say so and return false. */
static bool no_more(struct edit_session *s, const char *p)
{
	struct tok t;

	if (!next_tok(&p, &t))
		return true;
	edit_say_tok(s, M_BAD_OPERAND, &t);
	return false;
}

/* An optional count (default 1) and nothing after it: false after a message. */
static bool opt_count(struct edit_session *s, const char *p, uint32_t *n)
{
	struct tok t;

	*n = 1;
	if (!next_tok(&p, &t))
		return true;
	if (!parse_count(&t, n)) {
		edit_say_tok(s, M_BAD_OPERAND, &t);
		return false;
	}
	return no_more(s, p);
}

/*
 * A delimited string at *@pp: the first non-blank character is the delimiter; the string
 * runs to the next one or the end of the line. *@closed tells whether the delimiter closed
 * it; *@pp is left after it. False when the line has no operand.
 */
static bool delimited(const char **pp, struct tok *str, bool *closed)
{
	const char *p = skip_blanks(*pp);
	char d = *p;

	if (!d)
		return false;
	str->p = ++p;
	while (*p && *p != d)
		p++;
	str->len = (size_t)(p - str->p);
	*closed = *p == d;
	*pp = *closed ? p + 1 : p;
	return true;
}

/* The text operand of INPUT and REPLACE: what follows the blank after the command word. */
static bool text_operand(const char *rest, struct tok *t)
{
	if (*rest == ' ')
		rest++;
	if (!*rest)
		return false;
	t->p = rest;
	t->len = strlen(rest);
	return true;
}

static bool is_g(const struct tok *t)
{
	return t->len == 1 && (t->p[0] == 'G' || t->p[0] == 'g');
}

/* The offset of @pat in @text, or -1. An empty pattern is found at 0. */
static long find(const char *text, size_t len, const char *pat, size_t plen)
{
	if (plen > len)
		return -1;
	for (size_t i = 0; i + plen <= len; i++)
		if (memcmp(text + i, pat, plen) == 0)
			return (long)i;
	return -1;
}

/* ---- moving and displaying ---- */

static void go_top(struct edit_file *f)
{
	f->current = NULL;
	f->current_no = 0;
}

static void go_bottom(struct edit_file *f)
{
	f->current = f->last;
	f->current_no = f->count;
}

/* Move down @n lines: false (at the last line) when that runs past the end. */
static bool go_down(struct edit_file *f, uint32_t n)
{
	if (n > f->count - f->current_no) {
		go_bottom(f);
		return false;
	}
	for (; n; n--) {
		f->current = f->current ? f->current->next : f->first;
		f->current_no++;
	}
	return true;
}

static void cmd_top(struct edit_session *s, const char *rest)
{
	if (!no_more(s, rest))
		return;
	go_top(s->f);
	edit_show_current(s);
}

static void cmd_bottom(struct edit_session *s, const char *rest)
{
	if (!no_more(s, rest))
		return;
	go_bottom(s->f);
	edit_put(s, s->f->current ? s->f->current->text : "EOF:");
}

static void cmd_up(struct edit_session *s, const char *rest)
{
	struct edit_file *f = s->f;
	uint32_t n;

	if (!opt_count(s, rest, &n))
		return;
	if (n >= f->current_no) {
		go_top(f);
	} else {
		for (; n; n--) {
			f->current = f->current->prev;
			f->current_no--;
		}
	}
	edit_show_current(s);
}

static void cmd_down(struct edit_session *s, const char *rest)
{
	uint32_t n;

	if (!opt_count(s, rest, &n))
		return;
	if (go_down(s->f, n))
		edit_show_current(s);
	else
		edit_put(s, "EOF:");
}

static void cmd_type(struct edit_session *s, const char *rest)
{
	struct edit_file *f = s->f;
	struct edit_line *l = f->current;
	uint32_t no = f->current_no, n;

	if (!opt_count(s, rest, &n))
		return;
	if (!l) {
		edit_put(s, "TOF:");
		if (--n == 0)
			return;
		l = f->first;
		no = 1;
	}
	for (; l; l = l->next, no++) {
		edit_put(s, l->text);
		f->current = l;
		f->current_no = no;
		if (--n == 0)
			return;
	}
	edit_put(s, "EOF:");
}

static void cmd_locate(struct edit_session *s, const char *rest)
{
	struct edit_file *f = s->f;
	const char *p = rest, *start = skip_blanks(rest);
	struct edit_line *l;
	uint32_t no = f->current_no + 1;
	struct tok str;
	bool closed;

	if (!delimited(&p, &str, &closed)) {
		edit_say(s, M_MISSING_OPERAND, NULL);
		return;
	}
	if (!no_more(s, p))
		return;
	for (l = f->current ? f->current->next : f->first; l; l = l->next, no++) {
		if (find(l->text, l->len, str.p, str.len) >= 0) {
			f->current = l;
			f->current_no = no;
			edit_show_current(s);
			return;
		}
	}
	edit_say_n(s, M_NOT_FOUND, start, (size_t)(p - start));
}

/* ---- changing ---- */

/* Append @n bytes to the work line, as far as lrecl allows. */
static void work_put(struct edit_session *s, size_t *out, const char *src, size_t n, bool *trunc)
{
	size_t room = s->f->lrecl - *out;

	if (n > room) {
		n = room;
		*trunc = true;
	}
	memcpy(s->work + *out, src, n);
	*out += n;
}

/*
 * Change @old to @new in *@lp (every occurrence with @all): 1 when it changed (*@lp is then
 * the new line), 0 when old does not occur, -1 out of storage.
 */
static int change_line(struct edit_session *s, struct edit_line **lp, const struct tok *old,
		       const struct tok *new, bool all, bool *trunc)
{
	struct edit_line *l = *lp, *nl;
	size_t pos = 0, out = 0;
	bool hit = false;
	long at;

	while (pos <= l->len && (at = find(l->text + pos, l->len - pos, old->p, old->len)) >= 0) {
		work_put(s, &out, l->text + pos, (size_t)at, trunc);
		work_put(s, &out, new->p, new->len, trunc);
		pos += (size_t)at + old->len;
		hit = true;
		if (!all || old->len == 0)
			break;
	}
	if (!hit)
		return 0;
	work_put(s, &out, l->text + pos, l->len - pos, trunc);
	nl = edit_line_new(s->env, s->work, out);
	if (!nl)
		return -1;
	edit_replace_line(s, l, nl);
	*lp = nl;
	return 1;
}

static void cmd_change(struct edit_session *s, const char *rest)
{
	struct edit_file *f = s->f;
	const char *p = rest, *start = skip_blanks(rest);
	struct tok old, new, t;
	struct edit_line *l;
	uint32_t n = 1, no, changed = 0;
	bool closed, all = false, trunc = false, no_storage = false;
	size_t target_len;

	if (!delimited(&p, &old, &closed)) {
		edit_say(s, M_MISSING_OPERAND, NULL);
		return;
	}
	if (!closed) {
		edit_say_n(s, M_BAD_OPERAND, start, (size_t)(p - start));
		return;
	}
	target_len = (size_t)(p - start);
	/* The new string runs to the same delimiter (start[0]) or the end of the line. */
	new.p = p;
	while (*p && *p != start[0])
		p++;
	new.len = (size_t)(p - new.p);
	if (*p)
		p++;
	if (next_tok(&p, &t)) {
		if (is_g(&t)) {
			all = true;
		} else if (!parse_count(&t, &n)) {
			edit_say_tok(s, M_BAD_OPERAND, &t);
			return;
		} else if (next_tok(&p, &t)) {
			if (!is_g(&t) && !(t.len == 1 && t.p[0] == '*')) {
				edit_say_tok(s, M_BAD_OPERAND, &t);
				return;
			}
			all = true;
		}
		if (!no_more(s, p))
			return;
	}
	l = f->current ? f->current : f->first;
	no = f->current ? f->current_no : 1;
	for (; l && n; n--, no++) {
		int rc = change_line(s, &l, &old, &new, all, &trunc);

		f->current = l;
		f->current_no = no;
		if (rc < 0) {
			edit_say(s, M_NO_STORAGE, NULL);
			no_storage = true;
			break;
		}
		if (rc > 0) {
			edit_put(s, l->text);
			changed++;
			f->changed = true;
		}
		if (n == 1 || !l->next)
			break;
		l = l->next;
	}
	if (trunc)
		edit_say_u32(s, M_TRUNCATED, f->lrecl);
	if (changed)
		edit_say_u32(s, M_LINES_CHANGED, changed);
	else if (!no_storage)
		edit_say_n(s, M_NOT_FOUND, start, target_len);
}

/* Delete @n lines from @l (line number @no) on; the line before becomes current. */
static void delete_lines(struct edit_session *s, struct edit_line *l, uint32_t no, uint32_t n)
{
	struct edit_file *f = s->f;

	f->current = l->prev;
	f->current_no = no - 1;
	while (l && n--) {
		struct edit_line *next = l->next;

		edit_unlink_line(f, l);
		s->env->free(s->env->ctx, l);
		l = next;
	}
	f->changed = true;
}

static void cmd_delete(struct edit_session *s, const char *rest)
{
	struct edit_file *f = s->f;
	uint32_t n;

	if (!opt_count(s, rest, &n))
		return;
	if (!f->first) {
		edit_put(s, "EOF:");
		return;
	}
	if (f->current)
		delete_lines(s, f->current, f->current_no, n);
	else
		delete_lines(s, f->first, 1, n);
}

static void cmd_input(struct edit_session *s, const char *rest)
{
	struct tok t;

	if (text_operand(rest, &t))
		edit_add_line(s, t.p, t.len);
	else
		edit_enter_input(s);
}

static void cmd_replace(struct edit_session *s, const char *rest)
{
	struct edit_file *f = s->f;
	struct edit_line *l;
	struct tok t;

	if (!text_operand(rest, &t)) {
		if (f->current)
			delete_lines(s, f->current, f->current_no, 1);
		edit_enter_input(s);
		return;
	}
	if (!f->current) {
		edit_add_line(s, t.p, t.len);
		return;
	}
	l = edit_line_new(s->env, t.p, edit_fit_lrecl(s, t.len));
	if (!l) {
		edit_say(s, M_NO_STORAGE, NULL);
		return;
	}
	edit_replace_line(s, f->current, l);
	f->changed = true;
}

/* ---- ending ---- */

static bool do_save(struct edit_session *s)
{
	if (s->env->save(s->env->ctx, s->f) != 0)
		return false;
	s->f->changed = false;
	s->f->is_new = false;
	return true;
}

static void cmd_file(struct edit_session *s, const char *rest)
{
	if (!no_more(s, rest) || !do_save(s))
		return;
	s->result = EDIT_FILED;
	s->done = true;
}

static void cmd_save(struct edit_session *s, const char *rest)
{
	if (no_more(s, rest))
		do_save(s);
}

static void cmd_quit(struct edit_session *s, const char *rest)
{
	if (!no_more(s, rest))
		return;
	if (s->f->changed) {
		edit_say(s, M_CHANGED_QUIT, NULL);
		return;
	}
	s->result = EDIT_QUIT;
	s->done = true;
}

static void cmd_qquit(struct edit_session *s, const char *rest)
{
	if (!no_more(s, rest))
		return;
	s->result = EDIT_QUIT;
	s->done = true;
}

static const char *const help_lines[] = {
	"EDIT commands (capitals: minimum abbreviation; n: number or *, default 1):",
	"  Input [text]         Replace [text]       DElete [n]",
	"  Top                  Bottom               Up [n]",
	"  Down [n]             Next [n]             TYpe [n]",
	"  Locate /string/      Change /old/new/ [n] [G]",
	"  FILe                 SAVE                 Quit         QQUIT",
	"  Help                 = (repeat the last command)",
	"In input mode an empty line returns to edit mode.",
};

static void cmd_help(struct edit_session *s, const char *rest)
{
	if (!no_more(s, rest))
		return;
	for (size_t i = 0; i < sizeof(help_lines) / sizeof(help_lines[0]); i++)
		edit_put(s, help_lines[i]);
}

/* ---- dispatch ---- */

struct edit_cmd {
	const char *name;
	size_t min; /* the shortest abbreviation */
	void (*fn)(struct edit_session *s, const char *rest);
};

static const struct edit_cmd commands[] = {
	{ "INPUT", 1, cmd_input },   { "REPLACE", 1, cmd_replace }, { "DELETE", 2, cmd_delete },
	{ "TOP", 1, cmd_top },       { "TYPE", 2, cmd_type },       { "BOTTOM", 1, cmd_bottom },
	{ "UP", 1, cmd_up },         { "DOWN", 1, cmd_down },       { "NEXT", 1, cmd_down },
	{ "LOCATE", 1, cmd_locate }, { "CHANGE", 1, cmd_change },   { "FILE", 3, cmd_file },
	{ "SAVE", 4, cmd_save },     { "QUIT", 1, cmd_quit },       { "QQUIT", 5, cmd_qquit },
	{ "HELP", 1, cmd_help },
};

static const struct edit_cmd *lookup(const char *word, size_t len)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const struct edit_cmd *c = &commands[i];

		if (str_abbrev_n(word, len, c->name, c->min))
			return c;
	}
	return NULL;
}

/**
 * edit_command() - Run one command line.
 * @s:        the session
 * @line:     the line as typed
 * @remember: keep it for = (false when = itself runs it)
 */
void edit_command(struct edit_session *s, const char *line, bool remember)
{
	const char *p = skip_blanks(line), *word = p;
	const struct edit_cmd *c;
	struct tok t = { word, 0 };

	if (!*p)
		return;
	if (*p == '=') {
		if (!no_more(s, p + 1))
			return;
		if (!s->have_last)
			edit_say(s, M_NO_REPEAT, NULL);
		else
			edit_command(s, s->last, false);
		return;
	}
	if (remember) {
		strlcpy(s->last, line, s->in_size);
		s->have_last = true;
	}
	while (kisalpha(*p))
		p++;
	c = lookup(word, (size_t)(p - word));
	if (!c) {
		p = word;
		next_tok(&p, &t);
		edit_say_tok(s, M_BAD_COMMAND, &t);
		return;
	}
	c->fn(s, p);
}
