/*
 * EDIT fn ft [fm]: loads the file into the line editor (cms/edit.c) and writes the new
 * version back on FILE or SAVE. A new file is RECFM F LRECL 80, as XEDIT makes one. The new
 * version is written beside the old one and replaces it only when complete, so a full disk
 * leaves the old file as it was (the editor stays in edit mode, the user may QUIT). Records
 * are EBCDIC 1047 text (cms/text.c), as the host tool vm64disk writes them.
 * Covered by tests/system/test_cms.py.
 */
#include <lib/string.h>
#include <cms/cms.h>
#include <cms/cmds.h>
#include <cms/edit.h>
#include <cms/text.h>

#define NEW_LRECL 80

struct edit_ctx {
	struct cms_disk *disk;
	char *buf;
};

static int read_line(void *ctx, char *buf, size_t size)
{
	(void)ctx;
	return (int)con_read(buf, size);
}

static void write_line(void *ctx, const char *text)
{
	(void)ctx;
	con_write(text);
}

static void *alloc(void *ctx, size_t n)
{
	(void)ctx;
	return cms_alloc(n);
}

static void release(void *ctx, void *p)
{
	(void)ctx;
	cms_free(p);
}

static int save(void *ctxp, struct edit_file *f)
{
	struct edit_ctx *ctx = ctxp;
	struct cmsfs_file *out = cms_alloc(sizeof(*out));
	void *run = NULL;
	int err;

	if (!out)
		return cms_msg(CMSG_NO_STORAGE);
	err = cmsfs_open_write(&ctx->disk->fs, f->fn, f->ft, f->recfm, f->lrecl, cms_tod(), out);
	if (!err)
		run = disk_run_buffer(out);
	for (struct edit_line *l = f->first; !err && l; l = l->next) {
		size_t len = l->len > f->lrecl ? f->lrecl : l->len;

		/* EBCDIC 1047; fixed records padded with EBCDIC blanks to LRECL. */
		cms_text_to_rec(f->recfm, f->lrecl, l->text, len, (uint8_t *)ctx->buf, &len);
		err = cmsfs_write(out, ctx->buf, len);
	}
	if (err) {
		cmsfs_abandon(out);
	} else {
		err = cmsfs_close(out);
	}
	cms_free(run);
	cms_free(out);
	if (err) {
		cms_fs_error(err, ctx->disk->mode, f->fn, f->ft);
		return 1;
	}
	f->is_new = false;
	return 0;
}

static int load(struct edit_file *f, const struct edit_env *env, struct cms_disk *d)
{
	struct cmsfs_file *in = cms_alloc(sizeof(*in));
	struct cmsfs_stat st;
	struct edit_ctx *ctx = env->ctx;
	void *run = NULL;
	size_t len;
	int err;

	if (!in)
		return cms_msg(CMSG_NO_STORAGE);
	cmsfs_stat(&d->fs, f->fn, f->ft, &st);
	f->recfm = st.recfm;
	f->lrecl = st.lrecl ? st.lrecl : NEW_LRECL;
	err = cmsfs_open_read(&d->fs, f->fn, f->ft, in);
	if (!err)
		run = disk_run_buffer(in);
	while (!err && (err = cmsfs_read(in, ctx->buf, CMSFS_LRECL_MAX, &len)) == 0) {
		len = cms_rec_to_text((uint8_t *)ctx->buf, len, f->recfm == 'F', ctx->buf);
		if (edit_append(f, env, ctx->buf, len) != 0) {
			cmsfs_close(in);
			cms_free(run);
			cms_free(in);
			return cms_msg(CMSG_NO_STORAGE);
		}
	}
	if (in->mode)
		cmsfs_close(in);
	cms_free(run);
	cms_free(in);
	return err == CMSFS_EOF ? 0 : cms_fs_error(err, d->mode, f->fn, f->ft);
}

int cmd_edit(struct cms_args *a, const char *line)
{
	struct edit_ctx ctx;
	struct edit_env env = {
		.ctx = &ctx, .read_line = read_line, .write_line = write_line,
		.alloc = alloc, .free = release, .save = save,
	};
	struct edit_file f;
	struct cmsfs_stat st;
	char mode, fm[3] = {0};
	int rc = 0;

	(void)line;
	if (a->argc < 3)
		return cms_msg(CMSG_MISSING_OPERAND, ": EDIT fn ft [fm]");
	if (a->argc > 4)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[4]);
	mode = a->argc == 4 ? parse_mode(a->argv[3]) : '*';
	if (!mode)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[3]);
	if (!cmsfs_valid_name(a->argv[1]) || !cmsfs_valid_name(a->argv[2]))
		return cms_msg(CMSG_INVALID_FILEID,
			       cmsfs_valid_name(a->argv[1]) ? a->argv[2] : a->argv[1]);
	/* The file where the search order finds it; a new file goes on the mode given, or A. */
	ctx.disk = NULL;
	if (mode == '*') {
		for (unsigned i = 0; disk_in_order(i) && !ctx.disk; i++)
			if (cmsfs_stat(&disk_in_order(i)->fs, a->argv[1], a->argv[2], &st) == 0)
				ctx.disk = disk_in_order(i);
		if (!ctx.disk)
			ctx.disk = disk_by_mode('A');
	} else {
		ctx.disk = disk_by_mode(mode);
	}
	if (!ctx.disk)
		return cms_msg(CMSG_DISK_NOT_ACCESSED, mode == '*' ? 'A' : mode);
	if (ctx.disk->read_only)
		return cms_msg(CMSG_READ_ONLY, ctx.disk->mode, ctx.disk->vdev);
	ctx.buf = cms_alloc(CMSFS_LRECL_MAX + 1);
	if (!ctx.buf)
		return cms_msg(CMSG_NO_STORAGE);
	fm[0] = ctx.disk->mode;
	fm[1] = '1';
	edit_init(&f, a->argv[1], a->argv[2], fm, 'F', NEW_LRECL);
	if (cmsfs_stat(&ctx.disk->fs, a->argv[1], a->argv[2], &st) == 0) {
		rc = load(&f, &env, ctx.disk);
	} else {
		f.is_new = true;
	}
	/* The editor has said why it could not start. */
	if (rc == 0 && edit_run(&f, &env) == EDIT_NO_STORAGE)
		rc = 104;
	edit_free(&f, &env);
	cms_free(ctx.buf);
	return rc;
}
