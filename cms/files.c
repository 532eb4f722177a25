/*
 * The file commands: LISTFILE, TYPE, COPYFILE, RENAME and ERASE. A fileid is fn ft fm; a
 * missing fm means A for commands that change files and the search order for the others.
 * LISTFILE patterns: * matches any string, % one character (z/VM's CMS rules). TYPE shows
 * EBCDIC 1047 text records (cms/text.c) as lines.
 * Covered by tests/system/test_cms.py.
 */
#include <lib/format.h>
#include <lib/string.h>
#include <cms/cms.h>
#include <cms/cmds.h>
#include <cms/text.h>

#define RECORD_MAX CMSFS_LRECL_MAX

static bool valid_pattern(const char *w)
{
	size_t n = strlen(w);

	if (n == 0 || n > 8)
		return false;
	for (size_t i = 0; i < n; i++)
		if (w[i] != '*' && w[i] != '%') {
			char one[2] = {w[i], 0};

			if (!cmsfs_valid_name(one))
				return false;
		}
	return true;
}

int cmd_listfile(struct cms_args *a, const char *line)
{
	const char *fn = a->argc > 1 ? a->argv[1] : "*";
	const char *ft = a->argc > 2 ? a->argv[2] : "*";
	char mode = a->argc > 3 ? parse_mode(a->argv[3]) : 'A';
	bool format = cms_has_option(a, "FORMAT", 1);
	unsigned found = 0;

	(void)line;
	if (a->argc > 4)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[4]);
	if (!valid_pattern(fn) || !valid_pattern(ft))
		return cms_msg(CMSG_INVALID_FILEID, valid_pattern(fn) ? ft : fn);
	if (!mode)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[3]);
	for (int i = 0; i < a->optc; i++)
		if (!cms_abbrev(a->optv[i], "FORMAT", 1))
			return cms_msg(CMSG_INVALID_OPERAND, a->optv[i]);
	if (mode != '*' && !disk_by_mode(mode))
		return cms_msg(CMSG_DISK_NOT_ACCESSED, mode);
	if (format)
		con_write("FILENAME FILETYPE FM FORMAT LRECL       RECS     BLOCKS");
	for (unsigned i = 0; disk_in_order(i); i++) {
		struct cms_disk *d = disk_in_order(i);
		struct cmsfs_stat st;
		uint32_t cursor = 0;
		int err;

		if (mode != '*' && d->mode != mode)
			continue;
		while ((err = cmsfs_list(&d->fs, &cursor, &st)) == 0) {
			if (!cms_pattern_match(fn, st.fn) || !cms_pattern_match(ft, st.ft))
				continue;
			found++;
			if (format)
				con_printf("%-8s %-8s %c1 %c      %5u %10u %10u", st.fn, st.ft, d->mode,
					   st.recfm, st.lrecl, st.records, st.blocks);
			else
				con_printf("%-8s %-8s %c1", st.fn, st.ft, d->mode);
		}
		if (err != CMSFS_EOF)
			return cms_fs_error(err, d->mode, fn, ft);
	}
	if (!found) {
		char fm[2] = {mode, 0};

		return cms_msg(CMSG_NO_FILES, fn, ft, fm);
	}
	return 0;
}

/* fn ft [fm] operands from argv[first], nothing after them: checked, upper case already. */
static int fileid_operands(struct cms_args *a, int first, char default_mode, char *mode)
{
	if (a->argc < first + 2)
		return cms_msg(CMSG_MISSING_OPERAND, ": fn ft [fm]");
	if (a->argc > first + 3)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[first + 3]);
	*mode = a->argc > first + 2 ? parse_mode(a->argv[first + 2]) : default_mode;
	if (!*mode)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[first + 2]);
	if (!cmsfs_valid_name(a->argv[first]))
		return cms_msg(CMSG_INVALID_FILEID, a->argv[first]);
	if (!cmsfs_valid_name(a->argv[first + 1]))
		return cms_msg(CMSG_INVALID_FILEID, a->argv[first + 1]);
	return 0;
}

int cmd_type(struct cms_args *a, const char *line)
{
	struct cmsfs_file *f;
	struct cms_disk *d;
	void *run = NULL;
	char *rec;
	char mode;
	int rc, err;
	size_t len;

	(void)line;
	rc = fileid_operands(a, 1, '*', &mode);
	if (rc)
		return rc;
	d = disk_find_file(a->argv[1], a->argv[2], mode, &rc);
	if (!d)
		return rc;
	f = cms_alloc(sizeof(*f));
	rec = cms_alloc(RECORD_MAX + 1);
	if (!f || !rec) {
		cms_free(f);
		cms_free(rec);
		return cms_msg(CMSG_NO_STORAGE);
	}
	err = cmsfs_open_read(&d->fs, a->argv[1], a->argv[2], f);
	if (err == 0)
		run = disk_run_buffer(f);
	while (err == 0 && (err = cmsfs_read(f, rec, RECORD_MAX, &len)) == 0) {
		cms_rec_to_text((uint8_t *)rec, len, true, rec);
		con_write(rec);
	}
	if (f->mode)
		cmsfs_close(f);
	rc = err == CMSFS_EOF ? 0 : cms_fs_error(err, d->mode, a->argv[1], a->argv[2]);
	cms_free(run);
	cms_free(rec);
	cms_free(f);
	return rc;
}

/* The target word: "=" means the source's. */
static const char *same_or(const char *word, const char *source)
{
	return strcmp(word, "=") ? word : source;
}

/* COPYFILE's and RENAME's operands: a source and a target fileid, "=" for the source's word. */
struct two_fileids {
	const char *fn, *ft, *nfn, *nft;
	char mode, nmode;
};

/*
 * Takes "fn ft fm fn2 ft2 fm2" into @f (a mode 0 where it is not one); 0, or the message's
 * return code when there are not exactly six operands (@usage names them).
 */
static int two_fileids(struct cms_args *a, const char *usage, struct two_fileids *f)
{
	if (a->argc != 7)
		return cms_msg(a->argc < 7 ? CMSG_MISSING_OPERAND : CMSG_INVALID_OPERAND,
			       a->argc < 7 ? usage : a->argv[7]);
	f->fn = a->argv[1];
	f->ft = a->argv[2];
	f->mode = parse_mode(a->argv[3]);
	f->nfn = same_or(a->argv[4], f->fn);
	f->nft = same_or(a->argv[5], f->ft);
	f->nmode = strcmp(a->argv[6], "=") ? parse_mode(a->argv[6]) : f->mode;
	return 0;
}

int cmd_copyfile(struct cms_args *a, const char *line)
{
	struct cms_disk *src, *dst;
	struct cmsfs_file *in = NULL, *out = NULL;
	struct cmsfs_stat st;
	struct two_fileids id;
	void *in_run = NULL, *out_run = NULL;
	char *rec = NULL;
	int rc = 0, err;
	size_t len;

	(void)line;
	rc = two_fileids(a, ": COPYFILE fn ft fm fn2 ft2 fm2", &id);
	if (rc)
		return rc;
	for (int i = 0; i < a->optc; i++)
		if (!cms_abbrev(a->optv[i], "REPLACE", 3))
			return cms_msg(CMSG_INVALID_OPERAND, a->optv[i]);
	if (!id.mode)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[3]);
	if (!id.nmode || id.nmode == '*')
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[6]);
	if (!cmsfs_valid_name(id.nfn) || !cmsfs_valid_name(id.nft))
		return cms_msg(CMSG_INVALID_FILEID, cmsfs_valid_name(id.nfn) ? id.nft : id.nfn);
	src = disk_find_file(id.fn, id.ft, id.mode, &rc);
	if (!src)
		return rc;
	dst = disk_by_mode(id.nmode);
	if (!dst)
		return cms_msg(CMSG_DISK_NOT_ACCESSED, id.nmode);
	if (dst->read_only)
		return cms_msg(CMSG_READ_ONLY, dst->mode, dst->vdev);
	if (src == dst && !strcmp(id.fn, id.nfn) && !strcmp(id.ft, id.nft))
		return cms_msg(CMSG_SAME_FILE);
	if (cmsfs_stat(&dst->fs, id.nfn, id.nft, &st) == 0 && !cms_has_option(a, "REPLACE", 3)) {
		char fm[2] = {id.nmode, 0};

		return cms_msg(CMSG_FILE_EXISTS, id.nfn, id.nft, fm);
	}
	cmsfs_stat(&src->fs, id.fn, id.ft, &st);
	in = cms_alloc(sizeof(*in));
	out = cms_alloc(sizeof(*out));
	rec = cms_alloc(RECORD_MAX);
	if (!in || !out || !rec) {
		rc = cms_msg(CMSG_NO_STORAGE);
		goto done;
	}
	err = cmsfs_open_read(&src->fs, id.fn, id.ft, in);
	if (err) {
		rc = cms_fs_error(err, src->mode, id.fn, id.ft);
		goto done;
	}
	err = cmsfs_open_write(&dst->fs, id.nfn, id.nft, st.recfm, st.lrecl ? st.lrecl : 1,
			       cms_tod(), out);
	if (err) {
		cmsfs_close(in);
		rc = cms_fs_error(err, dst->mode, id.nfn, id.nft);
		goto done;
	}
	in_run = disk_run_buffer(in);
	out_run = disk_run_buffer(out);
	while ((err = cmsfs_read(in, rec, RECORD_MAX, &len)) == 0)
		if ((err = cmsfs_write(out, rec, len)) != 0)
			break;
	cmsfs_close(in);
	if (err != CMSFS_EOF) {
		cmsfs_abandon(out);
		rc = cms_fs_error(err, dst->mode, id.nfn, id.nft);
		goto done;
	}
	err = cmsfs_close(out);
	if (err)
		rc = cms_fs_error(err, dst->mode, id.nfn, id.nft);
done:
	cms_free(out_run);
	cms_free(in_run);
	cms_free(rec);
	cms_free(out);
	cms_free(in);
	return rc;
}

int cmd_rename(struct cms_args *a, const char *line)
{
	struct cms_disk *d;
	struct two_fileids id;
	int rc, err;

	(void)line;
	rc = two_fileids(a, ": RENAME fn ft fm fn2 ft2 fm2", &id);
	if (rc)
		return rc;
	if (!id.mode || id.mode == '*')
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[3]);
	if (id.nmode != id.mode)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[6]);
	if (!cmsfs_valid_name(id.nfn) || !cmsfs_valid_name(id.nft))
		return cms_msg(CMSG_INVALID_FILEID, cmsfs_valid_name(id.nfn) ? id.nft : id.nfn);
	d = disk_find_file(id.fn, id.ft, id.mode, &rc);
	if (!d)
		return rc;
	if (d->read_only)
		return cms_msg(CMSG_READ_ONLY, d->mode, d->vdev);
	err = cmsfs_rename(&d->fs, id.fn, id.ft, id.nfn, id.nft);
	return err ? cms_fs_error(err, id.mode, err == CMSFS_EEXIST ? id.nfn : id.fn,
				  err == CMSFS_EEXIST ? id.nft : id.ft)
		   : 0;
}

int cmd_erase(struct cms_args *a, const char *line)
{
	struct cms_disk *d;
	char mode;
	int rc, err;

	(void)line;
	rc = fileid_operands(a, 1, 'A', &mode);
	if (rc)
		return rc;
	if (mode == '*')
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[3]);
	d = disk_find_file(a->argv[1], a->argv[2], mode, &rc);
	if (!d)
		return rc;
	if (d->read_only)
		return cms_msg(CMSG_READ_ONLY, d->mode, d->vdev);
	err = cmsfs_erase(&d->fs, a->argv[1], a->argv[2]);
	return err ? cms_fs_error(err, mode, a->argv[1], a->argv[2]) : 0;
}
