/*
 * CP's real unit-record devices: a 3505 card reader and a 1403 printer found at IPL (SENSE
 * ID device types 3505, and 1403 or 3211), driven one channel command at a time through
 * hw_ur_run(). The operator's commands (class A, B, D):
 *
 *   START rdev | START READER|PRINTER [rdev]   (all of that kind without rdev)
 *   DRAIN rdev | DRAIN READER|PRINTER [rdev]
 *   QUERY UR | QUERY rdev
 *
 * Reader: START reads the deck in the reader with READ (X'02', 80 bytes) until the reader
 * reports its end (unit exception, or unit check with intervention required: the hopper is
 * empty). The first card is an ID card, "ID userid [NAME fn [ft]] [CLASS c]" (VM/370's
 * form; z/VM's "USERID userid" is taken too), in columns 1-80, blanks between words; the
 * other cards become one spool file in that user's reader (origin SYSTEM, as a punch file:
 * the user gets the arrival message, VMCSPL009I; the operator VMCSPL027I). A deck whose
 * first card is no ID card for a user in the directory is read to its end and dropped
 * (VMCSPL028E). The reader stays started; DRAIN marks it drained (START then refuses
 * nothing: the reader is read only when the operator says START).
 *
 * Printer: the system printer queue is every closed printer file in a user's PRT queue that
 * is not held (a user's printer output that was not SPOOLed TO a user, as in z/VM). START
 * prints the queue in order; while a printer is started, a printer file CLOSEd later is
 * printed at once (rur_print_kick). Each file: skip to channel 1, a separator line
 * "VM/64 PRT FILE nnnn FROM userid fn ft", then its records with their own carriage control
 * (the CCW command codes the virtual printer kept: X'09' write and space 1, X'8B' skip to
 * channel 1 immediate, ...; a record with a command that is no write or control is written
 * with X'09'), COPY n times; then the file is purged (VMCSPL029I). DRAIN stops the printer
 * after the current file (printing runs inside the command, so that is the file printing).
 * Covered by tests/unit/test_rur.c (ID cards) and tests/system/test_rur.py.
 */
#include <arch/hw.h>
#include <cp/cmd.h>
#include <cp/msg.h>
#include <cp/rur.h>
#include <cp/spool.h>
#include <cp/user.h>
#include <cp/users.h>
#include <cp/vur.h>
#include <lib/ctype.h>
#include <lib/ebcdic.h>
#include <lib/format.h>
#include <lib/string.h>

#define RUR_MAX	     4
#define RUR_READ     0x02 /* read, feed, stacker 1 */
#define RUR_SKIP_CH1 0x8b /* skip to channel 1 immediate */
#define RUR_WRITE_SP1 0x09
#define RUR_LINE_MAX 132

enum rur_kind { RUR_RDR, RUR_PRT };

struct rur {
	unsigned device; /* hw_device() index */
	uint16_t devno;
	uint16_t type;
	enum rur_kind kind;
	bool started;
	unsigned done; /* decks read or files printed */
};

static struct rur rurs[RUR_MAX];
static unsigned nrur;
static unsigned scanned = ~0u; /* hw_device_count() when rurs[] was made */
static bool printing;

static uint8_t rur_page[SPOOL_PAGE_SIZE] __attribute__((aligned(8)));

/* ---- ID cards ---- */

static unsigned next_word(const char *card, unsigned len, unsigned *pos, char *w, size_t size)
{
	unsigned n = 0;

	while (*pos < len && card[*pos] == ' ')
		(*pos)++;
	while (*pos < len && card[*pos] != ' ') {
		if (n + 1 < size)
			w[n] = (char)ktoupper(card[*pos]);
		n++;
		(*pos)++;
	}
	if (size)
		w[n < size ? n : size - 1] = 0;
	return n;
}

static bool userid_form(const char *w, unsigned n)
{
	if (n < 1 || n > 8)
		return false;
	for (unsigned i = 0; i < n; i++)
		if (!kisalnum(w[i]) && w[i] != '@' && w[i] != '#' && w[i] != '$')
			return false;
	return true;
}

int rur_parse_idcard(const char *card, unsigned len, struct rur_idcard *id)
{
	char w[12];
	unsigned pos = 0, save, n;

	memset(id, 0, sizeof(*id));
	id->cls = 'A';
	if (len > 80)
		len = 80;
	n = next_word(card, len, &pos, w, sizeof(w));
	if (!(n == 2 && strcmp(w, "ID") == 0) && !(n == 6 && strcmp(w, "USERID") == 0))
		return -1;
	n = next_word(card, len, &pos, w, sizeof(w));
	if (!userid_form(w, n))
		return -1;
	strlcpy(id->userid, w, sizeof(id->userid));
	while ((n = next_word(card, len, &pos, w, sizeof(w))) != 0) {
		if (n == 4 && strcmp(w, "NAME") == 0) {
			n = next_word(card, len, &pos, w, sizeof(w));
			if (n < 1 || n > 8)
				return -1;
			strlcpy(id->fn, w, sizeof(id->fn));
			save = pos;
			n = next_word(card, len, &pos, w, sizeof(w));
			if (n >= 1 && n <= 8 && strcmp(w, "CLASS") != 0)
				strlcpy(id->ft, w, sizeof(id->ft));
			else
				pos = save;
		} else if (n == 5 && strcmp(w, "CLASS") == 0) {
			n = next_word(card, len, &pos, w, sizeof(w));
			if (n != 1 || !kisalnum(w[0]))
				return -1;
			id->cls = w[0];
		} else {
			return -1;
		}
	}
	return 0;
}

/* ---- the devices ---- */

static void find_devices(void)
{
	if (scanned == hw_device_count())
		return;
	scanned = hw_device_count();
	nrur = 0;
	for (unsigned i = 0; i < hw_device_count() && nrur < RUR_MAX; i++) {
		const struct hw_device *d = hw_device(i);

		if (!d->enabled || !d->identified)
			continue;
		if (d->dev_type != 0x3505 && d->dev_type != 0x1403 && d->dev_type != 0x3211)
			continue;
		rurs[nrur++] = (struct rur){ .device = i, .devno = d->devno, .type = d->dev_type,
					     .kind = d->dev_type == 0x3505 ? RUR_RDR : RUR_PRT };
	}
}

static bool hex_devno(const char *w, uint16_t *devno)
{
	uint64_t v;

	if (!w[0] || strlen(w) > 4 || str_to_u64(w, 16, &v) != 0 || v > 0xffff)
		return false;
	*devno = (uint16_t)v;
	return true;
}

static struct rur *rur_by_devno(uint16_t devno)
{
	find_devices();
	for (unsigned i = 0; i < nrur; i++)
		if (rurs[i].devno == devno)
			return &rurs[i];
	return 0;
}

bool rur_is_device(const char *word)
{
	uint16_t devno;

	return hex_devno(word, &devno) && rur_by_devno(devno) != 0;
}

static int io_error(struct cmd_ctx *ctx, const struct rur *r, int rc,
		    const struct hw_ur_status *st)
{
	return cmd_msg(ctx, MSG_RUR_IO, r->kind == RUR_RDR ? "RDR" : "PRT", r->devno,
		       rc ? 0xffu : st->dstat, rc ? (unsigned)-rc : st->sense0);
}

/* ---- the reader ---- */

static bool user_known(const char *userid)
{
	struct user_entry e;

	return dir_lookup(userid, &e) == 0;
}

static bool deck_end(const struct hw_ur_status *st)
{
	if (st->dstat & HW_DSTAT_UNIT_EXCEPTION)
		return true;
	return (st->dstat & HW_DSTAT_UNIT_CHECK) && (st->sense0 & HW_SENSE_INTERVENTION);
}

static int read_deck(struct cmd_ctx *ctx, struct rur *r)
{
	struct hw_ur_status st;
	struct spool_file *f = 0;
	struct rur_idcard id;
	uint8_t card[80];
	char text[81];
	unsigned cards = 0;
	bool bad = false, no_id = false;
	int rc, err;

	for (;;) {
		memset(card, 0x40, sizeof(card));
		rc = hw_ur_run(r->device, RUR_READ, card, sizeof(card), &st);
		if (rc == 0 && deck_end(&st))
			break;
		if (rc || (st.dstat & HW_DSTAT_UNIT_CHECK) || st.cstat) {
			if (f)
				spool_purge(f);
			return io_error(ctx, r, rc, &st);
		}
		cards++;
		if (cards == 1) {
			ebcdic_to_ascii(EBCDIC_CP1047, text, card, sizeof(card));
			text[80] = 0;
			if (rur_parse_idcard(text, 80, &id) || !user_known(id.userid)) {
				for (unsigned i = 80; i && text[i - 1] == ' '; i--)
					text[i - 1] = 0;
				no_id = bad = true;
			} else if (!spool_available()) {
				cmd_msg(ctx, MSG_SPOOL_OFF, "no spool area; the deck is dropped");
				bad = true;
			} else {
				f = spool_open(SPQ_PUN, id.userid, "SYSTEM", id.cls, hw_tod_clock(),
					       &err);
				if (!f) {
					cmd_msg(ctx, MSG_SPOOL_OFF, "no room for another spool file");
					bad = true;
				} else {
					strlcpy(f->fn, id.fn, sizeof(f->fn));
					strlcpy(f->ft, id.ft, sizeof(f->ft));
				}
			}
			continue;
		}
		if (f && spool_put(f, rur_page, 0x41, card, sizeof(card))) {
			cmd_msg(ctx, MSG_SPOOL_FULL, f->id);
			spool_purge(f);
			f = 0;
			bad = true;
		}
	}
	if (!cards)
		return cmd_msg(ctx, MSG_SPOOL_NO_FILES, "RDR");
	if (no_id)
		return cmd_msg(ctx, MSG_RUR_NO_ID, r->devno, cards, text);
	if (bad || !f)
		return bad ? 28 : 0;
	if (spool_close(f, rur_page))
		return cmd_msg(ctx, MSG_SPOOL_OFF, "the spool could not be written");
	vur_deliver(f, id.userid);
	r->done++;
	cmd_msg(ctx, MSG_RUR_READ, r->devno, cards, f->id, f->owner);
	return 0;
}

/* ---- the printer ---- */

static bool waiting(const struct spool_file *f)
{
	return f->queue == SPQ_PRT && !(f->flags & (SPF_HOLD | SPF_OPEN | SPF_READING));
}

static int print_line(struct rur *r, uint8_t ccw, const void *data, unsigned len,
		      struct hw_ur_status *st)
{
	uint8_t buf[RUR_LINE_MAX];
	int rc;

	if ((ccw & 3) != 1 && (ccw & 3) != 3)
		ccw = RUR_WRITE_SP1;
	if (ccw == 0x03) /* NO-OP: nothing to print */
		return 0;
	if (len > RUR_LINE_MAX)
		len = RUR_LINE_MAX;
	memcpy(buf, data, len);
	rc = hw_ur_run(r->device, ccw, buf, (uint16_t)len, st);
	if (rc == 0 && ((st->dstat & HW_DSTAT_UNIT_CHECK) || st->cstat))
		rc = -4;
	return rc;
}

static int print_file(struct rur *r, struct spool_file *f, unsigned *lines,
		      struct hw_ur_status *st)
{
	char head[100];
	uint8_t ebc[100];
	int n, rc;

	n = ksnprintf(head, sizeof(head), "VM/64 PRT FILE %04u FROM %s %s %s", f->id, f->origin,
		      f->fn, f->ft);
	if (n < 0)
		n = 0;
	ascii_to_ebcdic(EBCDIC_CP1047, ebc, head, (size_t)n);
	rc = print_line(r, RUR_SKIP_CH1, ebc, 0, st);
	if (!rc)
		rc = print_line(r, 0x11, ebc, (unsigned)n, st);
	for (unsigned c = 0; c < (f->copies ? f->copies : 1u) && !rc; c++)
		for (uint32_t pg = 0; pg < f->npages && !rc; pg++) {
			unsigned pos = SPOOL_PAGE_HDR, len;
			const uint8_t *d;
			uint8_t ccw;

			if (spool_read_page(f, pg, rur_page))
				return -5;
			while (!rc && spool_page_record(rur_page, &pos, &d, &len, &ccw)) {
				rc = print_line(r, ccw, d, len, st);
				(*lines)++;
			}
		}
	return rc;
}

/* Prints the queue on r while it is started; 0 or the rc of a message. */
static int print_queue(struct cmd_ctx *ctx, struct rur *r)
{
	struct hw_ur_status st;
	int rc = 0;

	if (printing)
		return 0;
	printing = true;
	while (r->started) {
		struct spool_file *f = 0;
		unsigned lines = 0;
		char owner[9];
		uint16_t id;

		while ((f = spool_next(f)) != 0 && !waiting(f))
			;
		if (!f)
			break;
		rc = print_file(r, f, &lines, &st);
		if (rc) {
			r->started = false;
			rc = ctx ? io_error(ctx, r, rc == -4 || rc == -5 ? 0 : rc, &st) : 30;
			break;
		}
		id = f->id;
		strlcpy(owner, f->owner, sizeof(owner));
		spool_purge(f);
		r->done++;
		if (ctx)
			cmd_msg(ctx, MSG_RUR_PRINTED, r->devno, id, owner, lines);
		else
			operator_msg(MSG_RUR_PRINTED, r->devno, id, owner, lines);
	}
	printing = false;
	return rc;
}

void rur_print_kick(void)
{
	for (unsigned i = 0; i < nrur; i++)
		if (rurs[i].kind == RUR_PRT && rurs[i].started)
			print_queue(0, &rurs[i]);
}

/* ---- commands ---- */

static void say_state(struct cmd_ctx *ctx, const struct rur *r)
{
	unsigned queued = 0;

	if (r->kind == RUR_PRT)
		for (const struct spool_file *f = spool_next(0); f; f = spool_next(f))
			queued += waiting(f);
	cmd_msg(ctx, MSG_RUR_STATE, r->kind == RUR_RDR ? "RDR" : "PRT", r->devno,
		r->started ? "STARTED" : "DRAINED", r->type,
		r->kind == RUR_RDR ? "" : (queued ? "FILES WAITING" : "QUEUE EMPTY"));
}

int rur_start(struct cmd_ctx *ctx, unsigned argc, char *const argv[], bool start)
{
	uint16_t devno = 0;
	bool any = true;
	int kind = -1, rc = 0;
	unsigned hits = 0;

	find_devices();
	if (argc < 2)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (cmd_abbrev_matches(argv[1], "READER", 3) || strcmp(argv[1], "RDR") == 0)
		kind = RUR_RDR;
	else if (cmd_abbrev_matches(argv[1], "PRINTER", 3) || strcmp(argv[1], "PRT") == 0)
		kind = RUR_PRT;
	if (kind >= 0 && argc > 2) {
		if (!hex_devno(argv[2], &devno))
			return cmd_msg(ctx, MSG_INVALID_OPTION, argv[2]);
		any = false;
	} else if (kind < 0) {
		if (!hex_devno(argv[1], &devno))
			return cmd_msg(ctx, MSG_INVALID_OPTION, argv[1]);
		any = false;
	}
	if (argc > (kind >= 0 ? 3u : 2u))
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, argv[argc - 1]);
	for (unsigned i = 0; i < nrur && !rc; i++) {
		struct rur *r = &rurs[i];

		if ((kind >= 0 && (int)r->kind != kind) || (!any && r->devno != devno))
			continue;
		hits++;
		r->started = start;
		say_state(ctx, r);
		if (start)
			rc = r->kind == RUR_RDR ? read_deck(ctx, r) : print_queue(ctx, r);
	}
	if (!hits)
		return cmd_msg(ctx, MSG_RUR_NONE,
			       any ? (kind == RUR_RDR ? "READER" : "PRINTER") : argv[argc - 1]);
	return rc;
}

int rur_query(struct cmd_ctx *ctx, const char *what)
{
	uint16_t devno = 0;
	bool all = strcmp(what, "UR") == 0;
	unsigned hits = 0;

	find_devices();
	if (!all && !hex_devno(what, &devno))
		return cmd_msg(ctx, MSG_INVALID_OPTION, what);
	for (unsigned i = 0; i < nrur; i++)
		if (all || rurs[i].devno == devno) {
			say_state(ctx, &rurs[i]);
			hits++;
		}
	if (!hits)
		return cmd_msg(ctx, MSG_RUR_NONE, all ? "UR" : what);
	return 0;
}
