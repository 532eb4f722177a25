/*
 * CMS EDIT internals shared by cms/edit.c (messages, the list of lines, the session loop)
 * and cms/edit_subcmd.c (operand parsing and the commands). Not for use outside the editor.
 * Covered by tests/unit/test_cmsedit.c.
 */
#ifndef CMS_EDIT_PRIV_H
#define CMS_EDIT_PRIV_H

#include <cms/edit.h>

/* A count operand of "*": larger than any file. */
#define EDIT_ALL UINT32_MAX

/* Room for a command line when lrecl is short, and for the command word before a text. */
#define EDIT_CMD_MAX   256
#define EDIT_CMD_SLACK 16

/* The editor's messages; the texts are in one table in cms/edit.c. */
enum edit_msg {
	M_BAD_COMMAND,	   /* DMSEDT001E */
	M_NOT_FOUND,	   /* DMSEDT002E */
	M_BAD_OPERAND,	   /* DMSEDT003E */
	M_CHANGED_QUIT,	   /* DMSEDT004W */
	M_NO_STORAGE,	   /* DMSEDT005E */
	M_LINES_CHANGED,   /* DMSEDT006I */
	M_TRUNCATED,	   /* DMSEDT007W */
	M_MISSING_OPERAND, /* DMSEDT008E */
	M_NO_REPEAT,	   /* DMSEDT009E */
	M_COUNT
};

/* One interactive session: the file, the environment and edit_run()'s buffers. */
struct edit_session {
	struct edit_file *f;
	const struct edit_env *env;
	char *in;   /* the line just read (in_size bytes) */
	char *last; /* the last command, for = (in_size bytes) */
	char *out;  /* a formatted message (out_size bytes) */
	char *work; /* CHANGE's result line (lrecl + 1 bytes) */
	size_t in_size, out_size;
	bool have_last;
	bool input_mode;
	bool done;
	enum edit_result result;
};

/* A piece of the command line: not NUL-terminated. */
struct tok {
	const char *p;
	size_t len;
};

/* cms/edit.c */
void edit_say_n(struct edit_session *s, enum edit_msg m, const char *arg, size_t len);
void edit_say(struct edit_session *s, enum edit_msg m, const char *arg);
void edit_say_u32(struct edit_session *s, enum edit_msg m, uint32_t v);
struct edit_line *edit_line_new(const struct edit_env *env, const char *text, size_t len);
void edit_unlink_line(struct edit_file *f, struct edit_line *l);
void edit_replace_line(struct edit_session *s, struct edit_line *old, struct edit_line *nl);
size_t edit_fit_lrecl(struct edit_session *s, size_t len);
int edit_add_line(struct edit_session *s, const char *text, size_t len);
void edit_enter_input(struct edit_session *s);

/* cms/edit_subcmd.c */
void edit_command(struct edit_session *s, const char *line, bool remember);

static inline void edit_put(struct edit_session *s, const char *text)
{
	s->env->write_line(s->env->ctx, text);
}

static inline void edit_say_tok(struct edit_session *s, enum edit_msg m, const struct tok *t)
{
	edit_say_n(s, m, t->p, t->len);
}

/* Display the current line, or "TOF:" at the top of file. */
static inline void edit_show_current(struct edit_session *s)
{
	edit_put(s, s->f->current ? s->f->current->text : "TOF:");
}

#endif /* CMS_EDIT_PRIV_H */
