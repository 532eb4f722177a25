/*
 * CMS EDIT: the line editor's portable core (see cms/include/cms/edit.h for the commands,
 * messages and rules). Freestanding: no libc, storage only through the env callbacks, no
 * global mutable state. One session's buffers come from a single allocation made by
 * edit_run(); the lines of the file are allocated one by one.
 * Covered by tests/unit/test_cmsedit.c and tests/system/test_cms.py.
 */
#include "edit_priv.h"
#include <lib/ctype.h>
#include <lib/string.h>

/* Every message the editor writes; %s (at most once) stands for the message's argument. */
static const char *const edit_messages[M_COUNT] = {
	[M_BAD_COMMAND]     = "DMSEDT001E Invalid command: %s",
	[M_NOT_FOUND]       = "DMSEDT002E Target not found: %s",
	[M_BAD_OPERAND]     = "DMSEDT003E Invalid operand: %s",
	[M_CHANGED_QUIT]    = "DMSEDT004W File has been changed; type QQUIT to quit anyway",
	[M_NO_STORAGE]      = "DMSEDT005E Not enough storage",
	[M_LINES_CHANGED]   = "DMSEDT006I %s line(s) changed",
	[M_TRUNCATED]       = "DMSEDT007W Line too long (lrecl %s), truncated",
	[M_MISSING_OPERAND] = "DMSEDT008E Missing operand",
	[M_NO_REPEAT]       = "DMSEDT009E No command to repeat",
};

/* ---- output ---- */

/* Format @v in decimal into @buf (at least 11 bytes). */
static const char *fmt_u32(char *buf, uint32_t v)
{
	char *p = buf + 10;

	*p = '\0';
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return p;
}

/**
 * edit_say_n() - Write one of the editor's messages.
 * @s:   the session
 * @m:   the message
 * @arg: what replaces the message's %s (need not be NUL-terminated)
 * @len: its length (cut to fit the session's message buffer)
 */
void edit_say_n(struct edit_session *s, enum edit_msg m, const char *arg, size_t len)
{
	const char *t = edit_messages[m];
	size_t n = 0, cap = s->out_size - 1;

	if (!strchr(t, '%')) {
		edit_put(s, t);
		return;
	}
	for (; *t && n < cap; t++) {
		if (t[0] == '%' && t[1] == 's') {
			for (size_t i = 0; i < len && arg[i] && n < cap; i++)
				s->out[n++] = arg[i];
			t++;
		} else {
			s->out[n++] = *t;
		}
	}
	s->out[n] = '\0';
	edit_put(s, s->out);
}

/**
 * edit_say() - Write a message whose argument is a NUL-terminated string.
 * @s:   the session
 * @m:   the message
 * @arg: what replaces its %s (NULL: nothing)
 */
void edit_say(struct edit_session *s, enum edit_msg m, const char *arg)
{
	edit_say_n(s, m, arg ? arg : "", arg ? strlen(arg) : 0);
}

/**
 * edit_say_u32() - Write a message whose argument is a number, in decimal.
 * @s: the session
 * @m: the message
 * @v: the number
 */
void edit_say_u32(struct edit_session *s, enum edit_msg m, uint32_t v)
{
	char buf[11];

	edit_say(s, m, fmt_u32(buf, v));
}

/* ---- the list of lines ---- */

/**
 * edit_line_new() - Allocate an unlinked line.
 * @env:  the environment that provides the storage
 * @text: its text (@len characters; a NUL is added)
 * @len:  its length
 *
 * Return: the line, or NULL when there is not enough storage.
 */
struct edit_line *edit_line_new(const struct edit_env *env, const char *text, size_t len)
{
	struct edit_line *l;

	if (len > UINT32_MAX - sizeof(*l) - 1)
		return NULL;
	l = env->alloc(env->ctx, sizeof(*l) + len + 1);
	if (!l)
		return NULL;
	l->prev = l->next = NULL;
	l->len = (uint32_t)len;
	if (len)
		memcpy(l->text, text, len);
	l->text[len] = '\0';
	return l;
}

/* Link @l into @f after @after (NULL: before line 1). */
static void link_after(struct edit_file *f, struct edit_line *after, struct edit_line *l)
{
	struct edit_line *next = after ? after->next : f->first;

	l->prev = after;
	l->next = next;
	if (after)
		after->next = l;
	else
		f->first = l;
	if (next)
		next->prev = l;
	else
		f->last = l;
	f->count++;
}

/**
 * edit_unlink_line() - Take a line out of a file's list (the caller frees it).
 * @f: the file
 * @l: one of its lines
 */
void edit_unlink_line(struct edit_file *f, struct edit_line *l)
{
	if (l->prev)
		l->prev->next = l->next;
	else
		f->first = l->next;
	if (l->next)
		l->next->prev = l->prev;
	else
		f->last = l->prev;
	f->count--;
}

/**
 * edit_replace_line() - Put a new line in the place of an old one, which is freed.
 * @s:   the session
 * @old: a line of the file
 * @nl:  the unlinked new line; it becomes current if @old was
 */
void edit_replace_line(struct edit_session *s, struct edit_line *old, struct edit_line *nl)
{
	struct edit_file *f = s->f;

	nl->prev = old->prev;
	nl->next = old->next;
	if (old->prev)
		old->prev->next = nl;
	else
		f->first = nl;
	if (old->next)
		old->next->prev = nl;
	else
		f->last = nl;
	if (f->current == old)
		f->current = nl;
	s->env->free(s->env->ctx, old);
}

/**
 * edit_fit_lrecl() - Cut a line length to lrecl, writing DMSEDT007W when it must.
 * @s:   the session
 * @len: the length
 *
 * Return: the length to keep.
 */
size_t edit_fit_lrecl(struct edit_session *s, size_t len)
{
	if (len <= s->f->lrecl)
		return len;
	edit_say_u32(s, M_TRUNCATED, s->f->lrecl);
	return s->f->lrecl;
}

/**
 * edit_add_line() - Insert a line after the current one and make it current.
 * @s:    the session
 * @text: its text
 * @len:  its length (cut to lrecl, with a message)
 *
 * Return: 0, or -1 (after DMSEDT005E) when there is not enough storage.
 */
int edit_add_line(struct edit_session *s, const char *text, size_t len)
{
	struct edit_file *f = s->f;
	struct edit_line *l;

	len = edit_fit_lrecl(s, len);
	l = edit_line_new(s->env, text, len);
	if (!l) {
		edit_say(s, M_NO_STORAGE, NULL);
		return -1;
	}
	link_after(f, f->current, l);
	f->current = l;
	f->current_no++;
	f->changed = true;
	return 0;
}

/**
 * edit_enter_input() - Switch to input mode and say so.
 * @s: the session
 */
void edit_enter_input(struct edit_session *s)
{
	s->input_mode = true;
	edit_put(s, "INPUT:");
}

/* Read a line into s->in: its length, or -1 at the end of input. */
static int read_in(struct edit_session *s)
{
	s->in[0] = '\0';
	if (s->env->read_line(s->env->ctx, s->in, s->in_size) < 0)
		return -1;
	s->in[s->in_size - 1] = '\0';
	return (int)strlen(s->in);
}

static uint32_t clamp_lrecl(uint32_t lrecl)
{
	return lrecl == 0 || lrecl > EDIT_LRECL_MAX ? EDIT_LRECL_MAX : lrecl;
}

/* Get the session's buffers in one piece; false when there is not enough storage. */
static bool session_open(struct edit_session *s, struct edit_file *f, const struct edit_env *env)
{
	size_t work_size;
	char *mem;

	memset(s, 0, sizeof(*s));
	s->f = f;
	s->env = env;
	s->result = EDIT_QUIT;
	f->lrecl = clamp_lrecl(f->lrecl);
	work_size = (size_t)f->lrecl + 1;
	s->in_size = (f->lrecl > EDIT_CMD_MAX ? f->lrecl : EDIT_CMD_MAX) + EDIT_CMD_SLACK;
	s->out_size = s->in_size + 64;
	mem = env->alloc(env->ctx, 2 * s->in_size + work_size + s->out_size);
	if (!mem)
		return false;
	s->in = mem;
	s->last = s->in + s->in_size;
	s->out = s->last + s->in_size;
	s->work = s->out + s->out_size;
	return true;
}

/**
 * edit_init() - Prepare an empty file for loading and editing.
 * @f:     the file
 * @fn:    file name (at most 8 characters are kept; NULL means "")
 * @ft:    file type (at most 8)
 * @fm:    file mode (at most 2)
 * @recfm: 'F' for fixed-length records, anything else means 'V'
 * @lrecl: the record length (F) or longest line (V); 0 or more than EDIT_LRECL_MAX means
 *         EDIT_LRECL_MAX
 *
 * The file starts with no lines, at the top of file, unchanged and not new: the caller sets
 * is_new when the file does not exist yet.
 */
void edit_init(struct edit_file *f, const char *fn, const char *ft, const char *fm, char recfm,
	       uint32_t lrecl)
{
	memset(f, 0, sizeof(*f));
	strlcpy(f->fn, fn ? fn : "", sizeof(f->fn));
	strlcpy(f->ft, ft ? ft : "", sizeof(f->ft));
	strlcpy(f->fm, fm ? fm : "", sizeof(f->fm));
	f->recfm = recfm == 'F' || recfm == 'f' ? 'F' : 'V';
	f->lrecl = clamp_lrecl(lrecl);
}

/**
 * edit_append() - Add a line at the end of the file, for loading it.
 * @f:    the file
 * @env:  the environment whose alloc callback provides the storage
 * @text: the line's text (need not be NUL-terminated; may be NULL when @len is 0)
 * @len:  its length
 *
 * The text is kept as given (not cut to lrecl); the current line and the changed flag are
 * not touched.
 *
 * Return: 0, or -1 when there is not enough storage.
 */
int edit_append(struct edit_file *f, const struct edit_env *env, const char *text, size_t len)
{
	struct edit_line *l;

	if (!text && len)
		return -1;
	l = edit_line_new(env, text, len);
	if (!l)
		return -1;
	link_after(f, f->last, l);
	return 0;
}

/**
 * edit_run() - Run an interactive editing session on a loaded file.
 * @f:   the file, loaded with edit_append() (is_new set if it does not exist yet)
 * @env: the environment
 *
 * Writes "NEW FILE:" and enters input mode for a new file, otherwise writes "EDIT:"; then
 * reads lines until FILE succeeds, QUIT (on an unchanged file) or QQUIT, or the end of input.
 * The lines stay in @f in every case; release them with edit_free().
 *
 * Return: EDIT_FILED, EDIT_QUIT, or EDIT_NO_STORAGE when the session's buffers cannot be
 * allocated (after writing DMSEDT005E).
 */
enum edit_result edit_run(struct edit_file *f, const struct edit_env *env)
{
	struct edit_session s;

	if (!session_open(&s, f, env)) {
		env->write_line(env->ctx, edit_messages[M_NO_STORAGE]);
		return EDIT_NO_STORAGE;
	}
	if (f->is_new) {
		edit_put(&s, "NEW FILE:");
		edit_enter_input(&s);
	} else {
		edit_put(&s, "EDIT:");
	}
	while (!s.done) {
		int len = read_in(&s);

		if (len < 0) {
			s.result = EDIT_QUIT;
			break;
		}
		if (!s.input_mode) {
			edit_command(&s, s.in, true);
		} else if (len == 0 || edit_add_line(&s, s.in, (size_t)len) < 0) {
			s.input_mode = false;
			edit_put(&s, "EDIT:");
		}
	}
	env->free(env->ctx, s.in);
	return s.result;
}

/**
 * edit_free() - Release every line of a file.
 * @f:   the file
 * @env: the environment whose free callback takes the storage back
 *
 * Leaves @f empty and at the top of file; calling it again does nothing.
 */
void edit_free(struct edit_file *f, const struct edit_env *env)
{
	struct edit_line *l = f->first;

	while (l) {
		struct edit_line *next = l->next;

		env->free(env->ctx, l);
		l = next;
	}
	f->first = f->last = f->current = NULL;
	f->count = 0;
	f->current_no = 0;
}
