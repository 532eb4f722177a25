/*
 * CMS's spool commands: PUNCH, PRINT, READCARD, SENDFILE, RECEIVE, PEEK, RDRLIST and TELL.
 * Files leave through the virtual punch (00D) and printer (00E) and arrive through the
 * reader (00C) as card decks (cms/include/cms/spoolcard.h: the :READ header card, CARD and
 * PACK decks); CP does the rest through CP commands (DIAG X'08'): CLOSE 00D NAME fn ft ends a
 * punch file, SPOOL PUNCH TO userid sends it, QUERY READER ALL lists the reader, ORDER RDR
 * puts a file first for the reader to read, CHANGE RDR KEEP keeps a file PEEK reads, PURGE
 * RDR discards one, MSG carries TELL. A reader file is read to its end and CLOSE 00C then
 * ends it (CP purges it unless it is kept).
 * Covered by tests/system/test_spool_cms.py; the card formats by tests/unit/test_spoolcard.c.
 */
#include <stdarg.h>
#include <lib/ctype.h>
#include <lib/ebcdic.h>
#include <lib/format.h>
#include <lib/string.h>
#include <cms/cms.h>
#include <cms/cmds.h>
#include <cms/spoolcard.h>
#include <cms/text.h>
#include <cms/urio.h>
#include <vm64/diag.h>

#define CP_RESP_MAX	(48 * 1024)	/* QUERY READER ALL of a full reader */
#define RDR_FILES_MAX	500
#define PEEK_DEFAULT	20

static const char *const ur_name[] = { "reader", "punch", "printer" };

static const char *device_name(uint16_t devno)
{
	return ur_name[devno == UR_PUNCH ? 1 : devno == UR_PRINTER ? 2 : 0];
}

/* CP's response, a line at a time (blank lines dropped). */
static void show_lines(char *resp)
{
	for (char *p = resp; *p;) {
		char *nl = strchr(p, '\n');

		if (nl)
			*nl = 0;
		if (*p)
			con_write(p);
		if (!nl)
			break;
		p = nl + 1;
	}
}

/*
 * Issues a CP command (printf-style). Its response is shown when @show is set or CP gave a
 * nonzero return code; returns that return code (or CMS's "no storage" message's).
 */
static int __attribute__((format(printf, 2, 3))) cp(bool show, const char *fmt, ...)
{
	char cmd[DIAG08_MAX_CMD + 1];
	char *resp = cms_alloc(8192);
	va_list ap;
	int rc;

	if (!resp)
		return cms_msg(CMSG_NO_STORAGE);
	va_start(ap, fmt);
	kvsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = diag_cp(cmd, resp, 8192);
	if (show || rc)
		show_lines(resp);
	cms_free(resp);
	return rc;
}

/* The reader's files, in the order CP would read them; -1 (message shown) if CP said no. */
static int reader_files(struct rdr_file *out, int max)
{
	char *resp = cms_alloc(CP_RESP_MAX);
	int n, rc;

	if (!resp)
		return cms_msg(CMSG_NO_STORAGE), -1;
	rc = diag_cp("QUERY READER ALL", resp, CP_RESP_MAX);
	n = spool_parse_rdr_list(resp, out, max);
	if (n < 0) {
		show_lines(resp);
		cms_msg(CMSG_UR_ERROR, "reader", UR_READER, rc ? "QUERY READER ALL refused" :
				"QUERY READER ALL not understood");
	}
	cms_free(resp);
	return n;
}

static struct rdr_file *rdr_buffer(void)
{
	return cms_alloc(RDR_FILES_MAX * sizeof(struct rdr_file));
}

/* ---- output: PUNCH, PRINT, SENDFILE ---- */

static int punch_card(void *ctx, const uint8_t card[CARD_LEN])
{
	return ur_write(ctx, UR_CMD_PUNCH, card, CARD_LEN);
}

/* The open output file and how it goes out. */
struct outjob {
	struct cms_disk *d;
	const char *fn, *ft;
	uint16_t devno;
	bool header;
};

/* Opens the device; 0 or the message's rc. */
static int open_device(struct ur *u, uint16_t devno)
{
	if (ur_open(u, devno) != 0)
		return cms_msg(CMSG_UR_NO_DEVICE, device_name(devno), devno);
	return 0;
}

/*
 * Writes the file to the punch (cards, with a header card if asked) or the printer (lines),
 * then CLOSE vdev NAME fn ft, showing CP's response. 0 or the message's rc.
 */
static int spool_out(const struct outjob *j)
{
	struct cmsfs_file *f = cms_alloc(sizeof(*f));
	uint8_t *rec = cms_alloc(SPOOL_REC_MAX);
	struct spool_packer pk;
	struct cmsfs_stat st;
	struct ur u;
	bool packed = false;
	void *run = NULL;
	size_t len;
	int rc = 0, err, io = UR_OK;

	if (!f || !rec) {
		rc = cms_msg(CMSG_NO_STORAGE);
		goto done;
	}
	cmsfs_stat(&j->d->fs, j->fn, j->ft, &st);
	err = cmsfs_open_read(&j->d->fs, j->fn, j->ft, f);
	if (err) {
		rc = cms_fs_error(err, j->d->mode, j->fn, j->ft);
		goto done;
	}
	run = disk_run_buffer(f); /* the file read in runs, not a DIAGNOSE a block */
	rc = open_device(&u, j->devno);
	if (rc) {
		cmsfs_close(f);
		goto done;
	}
	if (j->header) {
		struct spool_header h = { .recfm = st.recfm, .lrecl = st.lrecl, .records = st.records,
					  .fm = { j->d->mode, '1', 0 } };
		uint8_t card[CARD_LEN];

		strlcpy(h.fn, j->fn, sizeof(h.fn));
		strlcpy(h.ft, j->ft, sizeof(h.ft));
		h.packed = packed = spool_header_wants_pack(st.recfm, st.lrecl);
		spool_header_encode(&h, card);
		io = punch_card(&u, card);
	}
	spool_pack_init(&pk);
	while (io == UR_OK && (err = cmsfs_read(f, rec, SPOOL_REC_MAX, &len)) == 0) {
		if (j->devno == UR_PRINTER) {
			size_t off = 0;

			do { /* a line longer than the printer's goes on as many as it takes */
				size_t n = len - off > UR_LINE_MAX ? UR_LINE_MAX : len - off;

				io = ur_write(&u, UR_CMD_PRINT, rec + off, n ? n : 1);
				off += n;
			} while (io == UR_OK && off < len);
		} else if (packed) {
			io = spool_pack_record(&pk, rec, len, punch_card, &u);
		} else {
			io = spool_card_record(rec, len, punch_card, &u);
		}
	}
	if (io == UR_OK && packed)
		io = spool_pack_flush(&pk, punch_card, &u);
	if (io == UR_OK)
		io = ur_flush(&u);
	cmsfs_close(f);
	ur_close(&u);
	if (io != UR_OK || (err != CMSFS_EOF && err != 0)) {
		/* Nothing half-made stays behind: the open spool file goes. */
		cp(false, "CLOSE %03X PURGE", j->devno);
		if (io != UR_OK)
			rc = cms_msg(CMSG_UR_ERROR, device_name(j->devno), j->devno,
				     io == UR_NOT_READY ? "not ready (spool full?)" : "I/O error");
		else
			rc = cms_fs_error(err, j->d->mode, j->fn, j->ft);
		goto done;
	}
	rc = cp(true, "CLOSE %03X NAME %s %s", j->devno, j->fn, j->ft);
done:
	cms_free(run);
	cms_free(rec);
	cms_free(f);
	return rc;
}

/* fn ft [fm] at argv[1..3]: the disk that has the file, or NULL after the message. */
static struct cms_disk *input_file(struct cms_args *a, int fm_argc, int *rc)
{
	char mode = '*';

	if (a->argc < 3) {
		*rc = cms_msg(CMSG_MISSING_OPERAND, ": fn ft [fm]");
		return NULL;
	}
	if (a->argc > fm_argc + 1) {
		*rc = cms_msg(CMSG_INVALID_OPERAND, a->argv[fm_argc + 1]);
		return NULL;
	}
	if (a->argc > 3 && fm_argc >= 3) {
		mode = parse_mode(a->argv[3]);
		if (!mode) {
			*rc = cms_msg(CMSG_INVALID_OPERAND, a->argv[3]);
			return NULL;
		}
	}
	return disk_find_file(a->argv[1], a->argv[2], mode, rc);
}

/* The options a command takes (each with its shortest abbreviation); 0 or the message's rc. */
static int only_options(struct cms_args *a, const char *name, size_t min)
{
	for (int i = 0; i < a->optc; i++)
		if (!name || !cms_abbrev(a->optv[i], name, min))
			return cms_msg(CMSG_INVALID_OPERAND, a->optv[i]);
	return 0;
}

int cmd_punch(struct cms_args *a, const char *line)
{
	struct outjob j = { .devno = UR_PUNCH, .fn = a->argv[1], .ft = a->argv[2] };
	int rc;

	(void)line;
	rc = only_options(a, "NOHEADER", 3);
	if (rc)
		return rc;
	j.d = input_file(a, 3, &rc);
	if (!j.d)
		return rc;
	j.header = !cms_has_option(a, "NOHEADER", 3);
	return spool_out(&j);
}

int cmd_print(struct cms_args *a, const char *line)
{
	struct outjob j = { .devno = UR_PRINTER, .fn = a->argv[1], .ft = a->argv[2] };
	int rc;

	(void)line;
	rc = only_options(a, NULL, 0);
	if (rc)
		return rc;
	j.d = input_file(a, 3, &rc);
	if (!j.d)
		return rc;
	return spool_out(&j);
}

/* SENDFILE fn ft fm TO userid, or SENDFILE fn ft fm userid. */
int cmd_sendfile(struct cms_args *a, const char *line)
{
	struct outjob j = { .devno = UR_PUNCH, .fn = a->argv[1], .ft = a->argv[2], .header = true };
	const char *to;
	int rc;

	(void)line;
	rc = only_options(a, NULL, 0);
	if (rc)
		return rc;
	if (a->argc < 5 || (a->argc == 5 && !strcmp(a->argv[4], "TO")))
		return cms_msg(CMSG_MISSING_OPERAND, ": fn ft fm [TO] userid");
	if (a->argc > 6 || (a->argc == 6 && strcmp(a->argv[4], "TO")))
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[a->argc == 6 ? 4 : 6]);
	to = a->argv[a->argc - 1];
	if (strlen(to) > 8)
		return cms_msg(CMSG_INVALID_OPERAND, to);
	a->argc = 4;
	j.d = input_file(a, 3, &rc);
	if (!j.d)
		return rc;
	rc = cp(false, "SPOOL PUNCH TO %s", to);
	if (rc)
		return rc;
	rc = spool_out(&j);
	/* The punch goes back to its owner's reader, whatever happened. */
	cp(false, "SPOOL PUNCH TO *");
	if (rc == 0)
		cms_msg(CMSG_SENT, j.fn, j.ft, (char[]){ j.d->mode, '1', 0 }, to);
	return rc;
}

/* ---- input: READCARD, RECEIVE, PEEK ---- */

/* Where a deck goes, and what was read. */
struct deck {
	struct ur u;
	struct cms_disk *d;
	char fn[9], ft[9];
	bool name_from_header;	/* READCARD: a header card's name wins over the operands */
	struct spool_header h;
	bool have_header;
	struct cmsfs_file *f;
	uint32_t records;
	int err;		/* the file system's first error */
	int rc;
	uint8_t *rec;
	void *run;		/* the file's run buffer (written in runs) */
};

static int deck_record(void *ctx, const uint8_t *rec, size_t len)
{
	struct deck *k = ctx;
	int err = cmsfs_write(k->f, rec, len);

	if (err) {
		k->err = err;
		return 1;
	}
	k->records++;
	return 0;
}

/*
 * Reads the reader's next file into a CMS file: the first card may be a header, which says
 * how the rest come (and, with name_from_header, the file's name). 0 or the message's rc.
 */
static int read_deck(struct deck *k)
{
	uint8_t card[CARD_LEN];
	struct spool_unpacker up;
	size_t len;
	int io, rc = 0, err;
	char fm[3] = { k->d->mode, '1', 0 };

	io = ur_read(&k->u, card, &len);
	if (io == UR_NOT_READY || io == UR_EOF)
		return cms_msg(CMSG_RDR_EMPTY);
	if (io != UR_OK)
		return cms_msg(CMSG_UR_ERROR, "reader", UR_READER, "I/O error");
	if (len == CARD_LEN && spool_header_decode(card, &k->h) == 0) {
		k->have_header = true;
		if (k->name_from_header) {
			strlcpy(k->fn, k->h.fn, sizeof(k->fn));
			strlcpy(k->ft, k->h.ft, sizeof(k->ft));
		}
		io = ur_read(&k->u, card, &len);
	} else {
		k->h = (struct spool_header){ .recfm = 'F', .lrecl = CARD_LEN };
	}
	err = cmsfs_open_write(&k->d->fs, k->fn, k->ft, k->h.recfm, k->h.lrecl ? k->h.lrecl : 1,
			       cms_tod(), k->f);
	if (err)
		return cms_fs_error(err, k->d->mode, k->fn, k->ft);
	k->run = disk_run_buffer(k->f);
	spool_unpack_init(&up, k->rec, k->h.records);
	for (; io == UR_OK && !k->err; io = ur_read(&k->u, card, &len)) {
		if (k->h.packed) {
			if (len < CARD_LEN)
				memset(card + len, 0, CARD_LEN - len);
			spool_unpack_card(&up, card, deck_record, k);
			continue;
		}
		/* A card image: an F record of LRECL bytes, blank padded if the card was short. */
		if (len < k->h.lrecl)
			memset(card + len, CARD_BLANK, k->h.lrecl - len);
		deck_record(k, card, k->h.lrecl);
	}
	if (k->err) {
		cmsfs_abandon(k->f);
		return cms_fs_error(k->err, k->d->mode, k->fn, k->ft);
	}
	if (io != UR_EOF) {
		cmsfs_abandon(k->f);
		return cms_msg(CMSG_UR_ERROR, "reader", UR_READER, "I/O error");
	}
	err = cmsfs_close(k->f);
	if (err)
		return cms_fs_error(err, k->d->mode, k->fn, k->ft);
	if (k->h.vm64 && k->records != k->h.records)
		rc = cms_msg(CMSG_DECK_SHORT, k->fn, k->ft, fm, k->records, k->h.records);
	return rc;
}

/* Sets up @k for the disk of mode @mode; 0 or the message's rc. */
static int deck_target(struct deck *k, char mode)
{
	k->d = disk_by_mode(mode);
	if (!k->d)
		return cms_msg(CMSG_DISK_NOT_ACCESSED, mode);
	if (k->d->read_only)
		return cms_msg(CMSG_READ_ONLY, k->d->mode, k->d->vdev);
	k->f = cms_alloc(sizeof(*k->f));
	k->rec = cms_alloc(SPOOL_REC_MAX);
	if (!k->f || !k->rec)
		return cms_msg(CMSG_NO_STORAGE);
	return 0;
}

static void deck_free(struct deck *k)
{
	cms_free(k->run);
	cms_free(k->rec);
	cms_free(k->f);
}

static bool was_held(const struct rdr_file *rf)
{
	return rf->hold[0] && strcmp(rf->hold, "NONE");
}

/*
 * Reads reader file @rf with @consume, safely: the file is made KEEP (and NOHOLD) and put
 * first (ORDER), so however the reading ends it stays in the reader; CLOSE 00C gives it back
 * if it was not read to its end. Then, if @consume succeeded and @purge is set, PURGE RDR
 * takes it away; otherwise CHANGE NOKEEP puts it back as it was (held again if it was held).
 * Returns @consume's result, or the message's rc.
 */
static int take_file(const struct rdr_file *rf, int (*consume)(struct ur *u, void *ctx),
		     void *ctx, bool purge)
{
	struct ur u;
	int rc;

	rc = cp(false, "CHANGE RDR %04u KEEP NOHOLD", rf->spoolid);
	if (rc)
		return rc;
	rc = cp(false, "ORDER RDR %04u", rf->spoolid);
	if (rc == 0 && ur_open(&u, UR_READER) != 0)
		rc = cms_msg(CMSG_UR_NO_DEVICE, "reader", UR_READER);
	else if (rc == 0) {
		rc = consume(&u, ctx);
		if (!u.eof || u.next < u.have)
			cp(false, "CLOSE %03X", UR_READER);
		ur_close(&u);
	}
	if (rc == 0 && purge)
		cp(false, "PURGE RDR %04u", rf->spoolid);
	else
		cp(false, "CHANGE RDR %04u NOKEEP %s", rf->spoolid, was_held(rf) ? "HOLD" : "NOHOLD");
	return rc;
}

static int consume_deck(struct ur *u, void *ctx)
{
	struct deck *k = ctx;

	k->u = *u;
	k->rc = read_deck(k);
	*u = k->u;
	return k->rc;
}

/* The file the reader reads next: the first one not held. NULL after the message. */
static struct rdr_file *next_file(struct rdr_file *files, int n, int *rc)
{
	for (int i = 0; i < n; i++)
		if (!was_held(&files[i]))
			return &files[i];
	*rc = cms_msg(CMSG_RDR_EMPTY);
	return NULL;
}

/* READCARD fn ft [fm]: the next reader file; a header card's fn ft win. */
int cmd_readcard(struct cms_args *a, const char *line)
{
	struct deck k = { .name_from_header = true };
	struct rdr_file *files, *rf = NULL;
	char mode = 'A';
	int rc, n;

	(void)line;
	rc = only_options(a, NULL, 0);
	if (rc)
		return rc;
	if (a->argc < 3)
		return cms_msg(CMSG_MISSING_OPERAND, ": fn ft [fm]");
	if (a->argc > 4)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[4]);
	if (a->argc == 4 && (!(mode = parse_mode(a->argv[3])) || mode == '*'))
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[3]);
	if (!cmsfs_valid_name(a->argv[1]) || !cmsfs_valid_name(a->argv[2]))
		return cms_msg(CMSG_INVALID_FILEID, cmsfs_valid_name(a->argv[1]) ? a->argv[2]
								       : a->argv[1]);
	strlcpy(k.fn, a->argv[1], sizeof(k.fn));
	strlcpy(k.ft, a->argv[2], sizeof(k.ft));
	files = rdr_buffer();
	if (!files)
		return cms_msg(CMSG_NO_STORAGE);
	n = reader_files(files, RDR_FILES_MAX);
	rf = n < 0 ? NULL : next_file(files, n, &rc);
	if (n < 0)
		rc = 100;
	if (rf)
		rc = deck_target(&k, mode);
	if (rf && rc == 0) {
		rc = take_file(rf, consume_deck, &k, true);
		if (rc == 0)
			cms_msg(CMSG_READ_IN, k.fn, k.ft, (char[]){ mode, '1', 0 }, k.records,
				k.have_header ? " (header card)" : "");
	}
	deck_free(&k);
	cms_free(files);
	return rc;
}

/*
 * The reader file for a spool ID operand ("*" or none: the first); @files holds @n of them.
 * NULL after the message.
 */
static struct rdr_file *pick_file(struct rdr_file *files, int n, const char *word, int *rc)
{
	uint64_t id;

	if (n == 0) {
		*rc = cms_msg(CMSG_RDR_EMPTY);
		return NULL;
	}
	if (!word || !strcmp(word, "*"))
		return &files[0];
	if (str_to_u64(word, 10, &id) != 0) {
		*rc = cms_msg(CMSG_INVALID_OPERAND, word);
		return NULL;
	}
	for (int i = 0; i < n; i++)
		if (files[i].spoolid == id)
			return &files[i];
	*rc = cms_msg(CMSG_RDR_NO_FILE, word);
	return NULL;
}

/*
 * RECEIVE of one reader file: into fn ft fm (NULL fn: the spool file's NAME and TYPE), an
 * existing file only with @replace. 0 or the message's rc.
 */
static int receive_file(const struct rdr_file *rf, const char *fn, const char *ft, char mode,
			bool replace)
{
	struct deck k = { 0 };
	struct cmsfs_stat st;
	char fm[3] = { mode, '1', 0 };
	int rc;

	if (!fn && !rf->name[0])
		return cms_msg(CMSG_NO_NAME, rf->spoolid);
	strlcpy(k.fn, fn ? fn : rf->name, sizeof(k.fn));
	strlcpy(k.ft, ft ? ft : rf->type, sizeof(k.ft));
	if (!cmsfs_valid_name(k.fn) || !cmsfs_valid_name(k.ft))
		return cms_msg(CMSG_INVALID_FILEID, cmsfs_valid_name(k.fn) ? k.ft : k.fn);
	rc = deck_target(&k, mode);
	if (rc)
		goto done;
	/* Checked before anything is read: a refused RECEIVE leaves the file in the reader. */
	if (!replace && cmsfs_stat(&k.d->fs, k.fn, k.ft, &st) == 0) {
		rc = cms_msg(CMSG_FILE_EXISTS, k.fn, k.ft, fm);
		goto done;
	}
	rc = take_file(rf, consume_deck, &k, true);
	if (rc == 0)
		cms_msg(CMSG_RECEIVED, k.fn, k.ft, fm, rf->origin, k.records);
done:
	deck_free(&k);
	return rc;
}

/* RECEIVE [spoolid|*] [fn ft [fm]] [(REPLACE] from @first in @a's operands. */
static int receive_operands(struct cms_args *a, int first, struct rdr_file *files, int n,
			    int (*pick)(struct rdr_file *, int, const char *, struct rdr_file **,
					int *))
{
	const char *fn = NULL, *ft = NULL;
	struct rdr_file *rf;
	char mode = 'A';
	int rc = only_options(a, "REPLACE", 3), ops = a->argc - first;

	if (rc)
		return rc;
	if (ops > 4)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[first + 4]);
	if (ops == 2)
		return cms_msg(CMSG_MISSING_OPERAND, ": spoolid fn ft [fm]");
	if (ops >= 3) {
		fn = strcmp(a->argv[first + 1], "=") ? a->argv[first + 1] : NULL;
		ft = strcmp(a->argv[first + 2], "=") ? a->argv[first + 2] : NULL;
		if (!fn != !ft)
			return cms_msg(CMSG_INVALID_OPERAND, "=");
	}
	if (ops == 4 && (!(mode = parse_mode(a->argv[first + 3])) || mode == '*'))
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[first + 3]);
	if (pick(files, n, ops ? a->argv[first] : NULL, &rf, &rc) != 0)
		return rc;
	return receive_file(rf, fn, ft, mode, cms_has_option(a, "REPLACE", 3));
}

static int pick_by_spoolid(struct rdr_file *files, int n, const char *word, struct rdr_file **rf,
			   int *rc)
{
	*rf = pick_file(files, n, word, rc);
	return *rf ? 0 : -1;
}

int cmd_receive(struct cms_args *a, const char *line)
{
	struct rdr_file *files = rdr_buffer();
	int n, rc;

	(void)line;
	if (!files)
		return cms_msg(CMSG_NO_STORAGE);
	n = reader_files(files, RDR_FILES_MAX);
	rc = n < 0 ? 100 : receive_operands(a, 1, files, n, pick_by_spoolid);
	cms_free(files);
	return rc;
}

/* PEEK's output: one record as a line, unprintable bytes as '.'. */
static void show_record(const uint8_t *rec, size_t len)
{
	char line[CMS_LINE_MAX + 1];

	if (len > CMS_LINE_MAX)
		len = CMS_LINE_MAX;
	cms_rec_to_text(rec, len, true, line);
	for (size_t i = 0; line[i]; i++)
		if (!kisprint((unsigned char)line[i]))
			line[i] = '.';
	con_write(line);
}

struct peek {
	const struct rdr_file *rf;
	unsigned shown, max;
	uint8_t *rec;
};

static int peek_record(void *ctx, const uint8_t *rec, size_t len)
{
	struct peek *p = ctx;

	show_record(rec, len);
	return ++p->shown >= p->max;
}

/* Shows the first records of the file being read (decoded as its header card says). */
static int consume_peek(struct ur *u, void *ctx)
{
	struct peek *p = ctx;
	const struct rdr_file *rf = p->rf;
	struct spool_header h = { 0 };
	struct spool_unpacker up;
	uint8_t card[CARD_LEN];
	bool header = false;
	size_t len;
	int io;

	io = ur_read(u, card, &len);
	if (io == UR_OK && spool_header_decode(card, &h) == 0) {
		header = true;
		io = ur_read(u, card, &len);
	}
	if (io == UR_NOT_READY)
		return cms_msg(CMSG_RDR_NO_FILE, "to read");
	cms_msg(CMSG_PEEK, rf->spoolid, rf->origin, header ? h.fn : rf->name,
		header ? h.ft : rf->type, header ? h.recfm : 'F', header ? h.lrecl : CARD_LEN,
		rf->records);
	spool_unpack_init(&up, p->rec, header ? h.records : 0);
	for (; io == UR_OK && p->shown < p->max; io = ur_read(u, card, &len)) {
		if (header && h.packed) {
			if (spool_unpack_card(&up, card, peek_record, p))
				break;
		} else {
			peek_record(p, card, header ? h.lrecl : len);
		}
	}
	if (io != UR_OK && io != UR_EOF)
		return cms_msg(CMSG_UR_ERROR, "reader", UR_READER, "I/O error");
	return 0;
}

/* Shows the first @max records of a reader file and leaves the file as it was. */
static int peek_file(const struct rdr_file *rf, unsigned max)
{
	struct peek p = { .rf = rf, .max = max, .rec = cms_alloc(SPOOL_REC_MAX) };
	int rc;

	if (!p.rec)
		return cms_msg(CMSG_NO_STORAGE);
	rc = take_file(rf, consume_peek, &p, false);
	cms_free(p.rec);
	return rc;
}

/* PEEK [spoolid|*] [(FOR n]. */
static int peek_operands(struct cms_args *a, int first, struct rdr_file *files, int n,
			 int (*pick)(struct rdr_file *, int, const char *, struct rdr_file **, int *))
{
	struct rdr_file *rf;
	unsigned max = PEEK_DEFAULT;
	int rc;

	if (a->argc - first > 1)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[first + 1]);
	for (int i = 0; i < a->optc; i++) {
		uint64_t v;

		if (!cms_abbrev(a->optv[i], "FOR", 3) || i + 1 >= a->optc ||
		    str_to_u64(a->optv[i + 1], 10, &v) != 0 || v == 0 || v > 100000)
			return cms_msg(CMSG_INVALID_OPERAND, a->optv[i]);
		max = (unsigned)v;
		i++;
	}
	if (pick(files, n, a->argc > first ? a->argv[first] : NULL, &rf, &rc) != 0)
		return rc;
	return peek_file(rf, max);
}

int cmd_peek(struct cms_args *a, const char *line)
{
	struct rdr_file *files = rdr_buffer();
	int n, rc;

	(void)line;
	if (!files)
		return cms_msg(CMSG_NO_STORAGE);
	n = reader_files(files, RDR_FILES_MAX);
	rc = n < 0 ? 100 : peek_operands(a, 1, files, n, pick_by_spoolid);
	cms_free(files);
	return rc;
}

/* ---- RDRLIST ---- */

static void list_files(const struct rdr_file *files, int n)
{
	if (n == 0) {
		cms_msg(CMSG_RDR_EMPTY);
		return;
	}
	con_write("  N SPOOLID ORIGIN   FILENAME FILETYPE CL DEV    RECORDS HOLD");
	for (int i = 0; i < n; i++)
		con_printf("%3d %04u    %-8s %-8s %-8s %c  %-3s %10u %s", i + 1, files[i].spoolid,
			   files[i].origin, files[i].name, files[i].type, files[i].cls,
			   files[i].dev, files[i].records, files[i].hold);
}

/* A list number: the file it stands for. */
static int pick_by_number(struct rdr_file *files, int n, const char *word, struct rdr_file **rf,
			  int *rc)
{
	uint64_t v;

	if (!word) {
		*rc = cms_msg(CMSG_MISSING_OPERAND, ": n");
		return -1;
	}
	if (str_to_u64(word, 10, &v) != 0 || v == 0 || v > (uint64_t)n) {
		*rc = cms_msg(CMSG_RDRLIST_NUMBER, word);
		return -1;
	}
	*rf = &files[v - 1];
	return 0;
}

/*
 * RDRLIST: the reader's files, numbered; then subcommands on them by number (RECEIVE n,
 * PEEK n, DISCARD n) until QUIT or an empty line. The list is read again after each one.
 */
int cmd_rdrlist(struct cms_args *a, const char *line)
{
	struct rdr_file *files = rdr_buffer();
	char input[CMS_LINE_MAX + 1];
	struct cms_args sub;
	int n, rc = 0;

	(void)line;
	if (!files)
		return cms_msg(CMSG_NO_STORAGE);
	if (a->argc > 1) {
		rc = cms_msg(CMSG_INVALID_OPERAND, a->argv[1]);
		goto done;
	}
	for (bool relist = true;;) {
		struct rdr_file *rf;

		if (relist) {
			n = reader_files(files, RDR_FILES_MAX);
			if (n < 0) {
				rc = 100;
				break;
			}
			list_files(files, n);
			if (n == 0)
				break;
		}
		relist = false;
		cms_msg(CMSG_RDRLIST_PROMPT);
		con_read(input, sizeof(input));
		if (cms_parse(input, &sub) != 0) {
			cms_msg(CMSG_INVALID_OPERAND, input);
			continue;
		}
		if (sub.argc == 0 || cms_abbrev(sub.argv[0], "QUIT", 1))
			break;
		if (cms_abbrev(sub.argv[0], "RECEIVE", 3)) {
			rc = receive_operands(&sub, 1, files, n, pick_by_number);
			relist = rc == 0;
		} else if (cms_abbrev(sub.argv[0], "PEEK", 1)) {
			rc = peek_operands(&sub, 1, files, n, pick_by_number);
		} else if (cms_abbrev(sub.argv[0], "DISCARD", 4)) {
			if (sub.argc != 2) {
				rc = cms_msg(sub.argc < 2 ? CMSG_MISSING_OPERAND : CMSG_INVALID_OPERAND,
					     sub.argc < 2 ? ": n" : sub.argv[2]);
			} else if (pick_by_number(files, n, sub.argv[1], &rf, &rc) == 0) {
				rc = cp(true, "PURGE RDR %04u", rf->spoolid);
				relist = rc == 0;
			}
		} else {
			rc = cms_msg(CMSG_INVALID_OPERAND, sub.argv[0]);
		}
	}
done:
	cms_free(files);
	return rc;
}

/* TELL userid text: CP MSG, the text as typed. */
int cmd_tell(struct cms_args *a, const char *line)
{
	const char *p = line;

	if (a->argc < 3)
		return cms_msg(CMSG_MISSING_OPERAND, ": userid text");
	for (int w = 0; w < 2; w++) {
		while (*p == ' ')
			p++;
		while (*p && *p != ' ')
			p++;
	}
	while (*p == ' ')
		p++;
	return cp(true, "MSG %s %s", a->argv[1], p);
}
