/*
 * Virtual unit-record devices: the reader, punch and printer of a machine (cp/vur.h), with
 * their files in the spool (cp/spool.h). What a guest sees (for CMS and other guests):
 *
 * Subchannels 0.0.0010 (first SPOOL statement), 0.0.0011, 0.0.0012, device numbers from the
 * directory (00C, 00D, 00E by default). SENSE ID (X'E4', 7 bytes): FF, control unit 2540
 * model X'50' for reader and punch, 1403 model X'84' for the printer (Linux vmur's ids),
 * device type 0000 00. Every device: SENSE (X'04') gives 1 byte: X'80' command reject,
 * X'40' intervention required (reader empty; spool full or off), then 0; NO-OP (X'03').
 *
 * Reader (2540 reader, 3505): READ = any command X'x2' (X'02' read, feed); each READ
 *   takes the next record of the reader's file: up to the CCW count of it (80 bytes for a
 *   card), incorrect length unless SLI when the count and the record differ. The file is the
 *   first one in the user's reader queue that is not held and whose class the reader reads
 *   (SPOOL READER CLASS x; * = all). The READ after the last record ends with channel end,
 *   device end and UNIT EXCEPTION and no data; the file is then done: purged, or with KEEP
 *   kept and put on user hold (z/VM; so is every file a reader with SPOOL 00C HOLD reads, and
 *   the file CLOSE 00C HOLD closes). With SPOOL 00C CONT the READ goes on into the next
 *   file instead, and the unit exception comes after the last file. A READ with no file:
 *   unit check, intervention required. (CONT on a punch or printer is recorded only: their
 *   files end at CLOSE either way.)
 *   Control commands (X'x3') other than NO-OP: accepted, no data.
 * Punch (2540 punch, 3525): WRITE = any command X'x1' (X'01', X'41', X'81': punch, feed and
 *   stacker select): one card, up to 80 bytes (a shorter count is padded with X'40';
 *   a longer one is cut at 80 with incorrect length unless SLI).
 * Printer (1403): WRITE = any command X'x1' (X'01' write without spacing, X'09' write and
 *   space 1 line, X'11' 2, X'19' 3, X'89'-X'E1' skip to channel n after write): one line,
 *   up to 132 bytes, kept with its command code as the carriage control. Control commands
 *   (X'0B' space 1 immediate, X'8B' skip to channel 1 immediate, ...) other than NO-OP are
 *   kept as records of length 0 with their command code.
 *   Punch and printer records go into the device's open spool file (opened by the first
 *   write); CLOSE ends it (cp/cmd/spoolcmd.c). The spool full or off: unit check,
 *   intervention required, and VMCSPL011E once.
 * Channel programs: format 0 and 1 CCWs, command chaining, TIC; data chaining, IDAWs, PCI
 * and suspend are not supported (channel-program check), nor are CCW addresses not on a
 * doubleword or outside storage (program check); data addresses outside guest storage:
 * program check (a protected shared page: protection check); at most VUR_MAX_CCWS CCWs
 * (a TIC loop ends in a program check); CCWs are fetched by the walker the disks use
 * (cp/vdev/ccwprog.c). Programs run synchronously when started.
 *
 * IPL 00C [CLEAR] (vur_ipl): the architected IPL from a card reader (PoP, "Initial Program
 * Loading"): a system reset (clear reset with CLEAR), then the reader's next record read
 * into absolute 0 (24 bytes at most: an IPL PSW and two CCWs), the channel program from
 * absolute 8 run (format 0), the subsystem ID stored at X'B8', and the PSW at 0 (a short,
 * ESA/390-format PSW, bit 12 one) loaded in the z/Architecture form, as LPSW would. The
 * reader's subchannel stays enabled (ISC 0), as the machine leaves the IPL subchannel:
 * Linux's reader loader starts its next READs at once.
 *
 * Tested by tests/system/test_spool.py on both machines (punch, reader, IPL 00C); the reader
 * read card by card over a spool area in memory by tests/unit/test_vur.c.
 */
#include <arch/intcode.h>
#include <arch/cio.h>
#include <cp/frames.h>
#include <cp/msg.h>
#include <cp/spool.h>
#include <cp/tod.h>
#include <cp/user.h>
#include <cp/users.h>
#include <cp/vm.h>
#include <cp/vmm.h>
#include <cp/vur.h>
#include <arch/hw.h>
#include <lib/endian.h>
#include <lib/format.h>
#include <lib/string.h>

#define VUR_MAX_CCWS 100000





#define CARD 80
#define LINE 132

static struct vur *vur_of(struct vsubchannel *s)
{
	return (struct vur *)s; /* sch is the first member */
}

static uint8_t *page_of(struct vur *u)
{
	if (!u->page) {
		uint64_t a = frame_alloc(&real_frames);

		u->page = (uint8_t *)(uintptr_t)a;
	}
	return u->page;
}

/* ---- the reader's file ---- */

struct spool_file *vur_reader_select(struct vur *u)
{
	for (struct spool_file *f = spool_next(0); f; f = spool_next(f))
		if (f->queue == SPQ_RDR && !(f->flags & (SPF_HOLD | SPF_OPEN)) &&
		    strcmp(f->owner, u->sch.vm->userid) == 0 && (u->cls == '*' || f->cls == u->cls))
			return f;
	return 0;
}

int vur_next_record(struct vur *u, const uint8_t **data, unsigned *len)
{
	struct spool_file *f = u->file;
	uint8_t ccw;

	if (!f) {
		f = vur_reader_select(u);
		if (!f || !page_of(u))
			return -1;
		u->file = f;
		f->flags |= SPF_READING;
		u->rpage = 0;
		u->rloaded = false;
	}
	for (;;) {
		if (!u->rloaded) {
			if (u->rpage >= f->npages || spool_read_page(f, u->rpage, u->page))
				return 1;
			u->rloaded = true;
			u->rpos = SPOOL_PAGE_HDR;
		}
		if (spool_page_record(u->page, &u->rpos, data, len, &ccw))
			return 0;
		u->rloaded = false;
		u->rpage++;
	}
}

void vur_reader_done(struct vur *u)
{
	struct spool_file *f = u->file;

	if (!f)
		return;
	u->file = 0;
	u->rloaded = false;
	f->flags &= (uint8_t)~SPF_READING;
	if ((f->flags & SPF_KEEP) || u->hold) { /* KEEP, or SPOOL RDR HOLD */
		f->flags |= SPF_HOLD;
		spool_commit();
	} else {
		spool_purge(f);
	}
}

/* ---- channel programs ---- */

struct prog {
	struct vur *u;
	struct vsch_prog ch; /* subchannel, current CCW, CCWs fetched */
	bool quiet; /* IPL: no interruption at the end */
	bool ended;
};

static void end(struct prog *p, uint8_t dstat, uint8_t cstat, uint16_t residual)
{
	p->ended = true;
	vsch_prog_end(&p->ch, dstat, cstat, residual);
}

/* The CCW at @addr through TICs (cp/vdev/ccwprog.c); a unit-record device has no data chaining. */
static int fetch(struct prog *p, uint32_t addr)
{
	if (vsch_prog_fetch(&p->ch, addr, false))
		return -1;
	return (p->ch.c.flags & CCW_FLAG_CD) ? -1 : 0;
}

static void unit_check(struct prog *p, uint8_t sense)
{
	p->u->sense = sense;
	end(p, DEV_STAT_CHN_END | DEV_STAT_DEV_END | DEV_STAT_UNIT_CHECK, 0, p->ch.c.count);
}

/* The normal end of a command; false when it ends the program. */
static bool done(struct prog *p, uint16_t residual, bool wrong_length)
{
	if (wrong_length && !(p->ch.c.flags & CCW_FLAG_SLI)) {
		end(p, DEV_STAT_CHN_END | DEV_STAT_DEV_END, SCH_STAT_INCORR_LEN, residual);
		return false;
	}
	if (!(p->ch.c.flags & CCW_FLAG_CC)) {
		end(p, DEV_STAT_CHN_END | DEV_STAT_DEV_END, 0, residual);
		return false;
	}
	return true;
}

static bool to_guest(struct prog *p, const uint8_t *data, unsigned len)
{
	unsigned n = len < p->ch.c.count ? len : p->ch.c.count;
	int rc = 0;

	if (n && !(p->ch.c.flags & CCW_FLAG_SKIP))
		rc = guest_write_abs(p->ch.s->vm, p->ch.c.data, data, n);
	if (rc) {
		end(p, 0, rc == PGM_PROTECTION ? SCH_STAT_PROT_CHECK : SCH_STAT_PROG_CHECK,
		    p->ch.c.count);
		return false;
	}
	return done(p, (uint16_t)(p->ch.c.count - n), len != p->ch.c.count);
}

static bool reader_read(struct prog *p)
{
	const uint8_t *data;
	unsigned len;
	int rc = vur_next_record(p->u, &data, &len);

	if (rc < 0) {
		unit_check(p, SNS0_INTERVENTION);
		return false;
	}
	while (rc > 0) {
		vur_reader_done(p->u);
		/* SPOOL RDR CONT: on into the next file; unit exception after the last one */
		if (!p->u->cont || !vur_reader_select(p->u)) {
			end(p, DEV_STAT_CHN_END | DEV_STAT_DEV_END | DEV_STAT_UNIT_EXCEP, 0,
			    p->ch.c.count);
			return false;
		}
		rc = vur_next_record(p->u, &data, &len);
		if (rc < 0) {
			unit_check(p, SNS0_INTERVENTION);
			return false;
		}
	}
	return to_guest(p, data, len);
}

static void tell_full(struct vur *u, int rc)
{
	char line[120];

	if (u->full_told || !u->sch.vm->user)
		return;
	u->full_told = true;
	if (rc == SPOOL_E_FULL)
		msg_format(line, sizeof(line), MSG_SPOOL_FULL, u->file ? u->file->id : 0);
	else
		msg_format(line, sizeof(line), MSG_SPOOL_OFF,
			   rc == SPOOL_E_FILES ? "too many spool files" : "no spool area");
	user_printf(u->sch.vm, "%s", line);
}

static bool output_write(struct prog *p, bool control)
{
	struct vur *u = p->u;
	unsigned max = u->queue == SPQ_PUN ? CARD : LINE;
	unsigned n = control ? 0 : (p->ch.c.count < max ? p->ch.c.count : max);
	uint8_t rec[LINE];
	int rc, err;

	if (n && guest_read_abs(p->ch.s->vm, p->ch.c.data, rec, n)) {
		end(p, 0, SCH_STAT_PROG_CHECK, p->ch.c.count);
		return false;
	}
	if (u->queue == SPQ_PUN && !control) {
		memset(rec + n, 0x40, CARD - n);
		n = CARD;
	}
	if (!u->file) {
		u->file = page_of(u) ? spool_open((enum spool_queue)u->queue, p->ch.s->vm->userid,
						  p->ch.s->vm->userid, u->cls, hw_tod_clock(), &err)
				     : 0;
		if (!u->file) {
			tell_full(u, page_of(u) ? err : SPOOL_E_FULL);
			unit_check(p, SNS0_INTERVENTION);
			return false;
		}
		if (u->dist[0])
			strlcpy(u->file->dist, u->dist, sizeof(u->file->dist));
		u->file->copies = u->copies ? u->copies : 1;
	}
	rc = spool_put(u->file, u->page, p->ch.c.cmd, rec, n);
	if (rc) {
		tell_full(u, rc);
		unit_check(p, SNS0_INTERVENTION);
		return false;
	}
	if (control)
		return done(p, 0, false);
	return done(p, (uint16_t)(p->ch.c.count - (p->ch.c.count < max ? p->ch.c.count : max)),
		    p->ch.c.count > max || (u->queue == SPQ_PRT ? false : p->ch.c.count != CARD));
}

/* One command; false when the program has ended. */
static bool command(struct prog *p)
{
	static const uint8_t id_2540[7] = {0xff, 0x25, 0x40, 0x50, 0x00, 0x00, 0x00};
	static const uint8_t id_1403[7] = {0xff, 0x14, 0x03, 0x84, 0x00, 0x00, 0x00};
	struct vur *u = p->u;
	uint8_t cmd = p->ch.c.cmd;
	uint8_t sense;

	if (cmd == CCW_CMD_SENSE) {
		sense = u->sense;
		u->sense = 0;
		return to_guest(p, &sense, 1);
	}
	u->sense = 0;
	if (cmd == CCW_CMD_SENSE_ID)
		return to_guest(p, u->queue == SPQ_PRT ? id_1403 : id_2540, 7);
	if (cmd == CCW_CMD_NOP)
		return done(p, p->ch.c.count, false);
	switch (cmd & 0x03) {
	case 0x02: /* read */
		if (u->queue == SPQ_RDR && (cmd & 0x0f) == 0x02)
			return reader_read(p);
		break;
	case 0x01: /* write */
		if (u->queue != SPQ_RDR)
			return output_write(p, false);
		break;
	case 0x03: /* control */
		if (u->queue == SPQ_PRT)
			return output_write(p, true);
		return done(p, p->ch.c.count, false);
	default:
		break;
	}
	unit_check(p, SNS0_CMD_REJECT);
	return false;
}

static void run(struct prog *p, uint32_t addr)
{
	p->ch.max_ccws = VUR_MAX_CCWS;
	if (fetch(p, addr)) {
		end(p, 0, SCH_STAT_PROG_CHECK, 0);
		return;
	}
	while (command(p)) {
		if (fetch(p, p->ch.addr + 8)) {
			end(p, 0, SCH_STAT_PROG_CHECK, 0);
			return;
		}
	}
}

static int vur_start(struct vsubchannel *s, const uint8_t *orb)
{
	struct prog p;
	uint32_t addr;
	int cc = vsch_accept(s, orb, false, &addr);

	if (cc == 0) {
		memset(&p, 0, sizeof(p));
		p.u = vur_of(s);
		p.ch.s = s;
		run(&p, addr);
	}
	return cc;
}

static const struct vsch_ops vur_ops = {
    .store = vsch_store,
    .modify = vsch_modify,
    .start = vur_start,
    .test = vsch_test,
    .halt = vsch_halt,
    .clear = vsch_clear,
    .cancel = vsch_cancel,
    .resume = 0,
};

/* ---- the devices of a machine ---- */

static void init_sch(struct vur *u, struct vm *vm, unsigned slot, uint16_t vdev)
{
	memset(&u->sch, 0, sizeof(u->sch));
	u->sch.ops = &vur_ops;
	u->sch.vm = vm;
	u->sch.number = (uint16_t)(VUR_SCH_BASE + slot);
	u->sch.devno = vdev;
	u->sch.exists = true;
	u->sense = 0;
}

void vur_define(struct vm *vm, const struct user_entry *ue)
{
	static const struct user_spool defaults[3] = {
	    {0x00c, 0, '*'}, {0x00d, 1, 'A'}, {0x00e, 2, 'A'}};
	const struct user_spool *sp = ue->nspool ? ue->spool : defaults;
	unsigned n = ue->nspool ? ue->nspool : 3;

	for (unsigned i = 0; i < n && i < VM_MAX_UR; i++) {
		struct vur *u = &vm->ur[i];

		memset(u, 0, sizeof(*u));
		init_sch(u, vm, i, sp[i].vdev);
		u->queue = sp[i].queue;
		u->cls = sp[i].cls;
		u->copies = 1;
	}
}

void vur_reset(struct vm *vm)
{
	for (unsigned i = 0; i < VM_MAX_UR; i++) {
		struct vur *u = &vm->ur[i];

		if (u->sch.exists)
			init_sch(u, vm, i, u->sch.devno);
	}
}

void vur_close_output(struct vm *vm)
{
	for (unsigned i = 0; i < VM_MAX_UR; i++) {
		struct vur *u = &vm->ur[i];

		if (u->sch.exists && u->file && u->queue != SPQ_RDR)
			vur_close(vm, u, 0, 0, false, 0, 0);
	}
}

void vur_release(struct vm *vm)
{
	vur_close_output(vm);
	for (unsigned i = 0; i < VM_MAX_UR; i++) {
		struct vur *u = &vm->ur[i];

		if (!u->sch.exists)
			continue;
		if (u->file && u->queue == SPQ_RDR) {
			u->file->flags &= (uint8_t)~SPF_READING;
			u->file = 0;
		}
		if (u->page)
			frame_free(&real_frames, (uint64_t)(uintptr_t)u->page);
		memset(u, 0, sizeof(*u));
	}
}

struct vur *vur_find(struct vm *vm, uint16_t vdev)
{
	for (unsigned i = 0; i < VM_MAX_UR; i++)
		if (vm->ur[i].sch.exists && vm->ur[i].sch.devno == vdev)
			return &vm->ur[i];
	return 0;
}

struct vur *vur_first(struct vm *vm, unsigned queue)
{
	for (unsigned i = 0; i < VM_MAX_UR; i++)
		if (vm->ur[i].sch.exists && vm->ur[i].queue == queue)
			return &vm->ur[i];
	return 0;
}

struct vsubchannel *vur_subchannel(struct vm *vm, unsigned slot)
{
	if (slot >= VM_MAX_UR || !vm->ur[slot].sch.exists)
		return 0;
	return &vm->ur[slot].sch;
}

static const char *hold_word(const struct spool_file *f)
{
	return (f->flags & SPF_HOLD) ? "HOLD" : "NOHOLD";
}

static const char *keep_word(const struct spool_file *f)
{
	return (f->flags & SPF_KEEP) ? "KEEP" : "NOKEEP";
}

void vur_deliver(struct spool_file *f, const char *userid)
{
	struct vm *to;
	char line[160];

	f->was_id = f->id;
	f->queue = SPQ_RDR;
	strlcpy(f->owner, userid, sizeof(f->owner));
	str_toupper_inplace(f->owner);
	spool_renumber(f);
	spool_to_end(f);
	spool_commit();
	to = vm_find(f->owner);
	if (to && to->user) {
		msg_format(line, sizeof(line), MSG_SPOOL_RDR_ARRIVED, f->id, f->origin,
			   spool_queue_name[f->origin_dev], f->was_id, f->records, f->copies,
			   f->cls, hold_word(f), keep_word(f));
		user_printf(to, "%s", line);
	}
}

int vur_close(struct vm *vm, struct vur *u, const char *fn, const char *ft, bool purge,
	      void (*say)(void *ctx, const char *line), void *ctx)
{
	struct spool_file *f = u->file;
	char line[160];
	uint16_t id;

	if (u->queue == SPQ_RDR) {
		if (f) {
			bool hold = u->hold;

			if (purge) {
				f->flags &= (uint8_t)~SPF_KEEP;
				u->hold = false;
			}
			vur_reader_done(u);
			u->hold = hold;
		}
		return 0;
	}
	u->full_told = false;
	if (!f)
		return 0;
	u->file = 0;
	if (purge) {
		spool_purge(f);
		return 0;
	}
	if (fn)
		strlcpy(f->fn, fn, sizeof(f->fn));
	if (ft)
		strlcpy(f->ft, ft, sizeof(f->ft));
	if (u->hold)
		f->flags |= SPF_HOLD;
	if (spool_close(f, u->page))
		return MSG_SPOOL_OFF;
	id = f->id;
	if (u->to[0] && strcmp(u->to, "SYSTEM") != 0) {
		vur_deliver(f, u->to);
		msg_format(line, sizeof(line), MSG_SPOOL_SENT, spool_queue_name[u->queue], id,
			   f->owner, f->id, f->records, f->copies, f->cls, hold_word(f),
			   keep_word(f));
	} else {
		msg_format(line, sizeof(line), MSG_SPOOL_CLOSED, spool_queue_name[u->queue], id,
			   f->records, f->copies, f->cls, hold_word(f), keep_word(f));
	}
	(void)vm;
	if (say)
		say(ctx, line);
	return 0;
}

/* ---- IPL from the reader ---- */

int vur_ipl(struct vm *vm, struct vur *u, bool clear, const char **why)
{
	struct vcpu *v = &vm->vcpu;
	const uint8_t *data;
	unsigned len;
	uint8_t first[24], sid[8];
	struct prog p;
	uint64_t psw;

	*why = "not a reader";
	if (u->queue != SPQ_RDR)
		return -1;
	*why = "no file in the reader";
	if (!vur_reader_select(u) && !u->file)
		return -1;
	*why = "no storage";
	if (vm_system_reset(vm, clear))
		return -1;
	/* The IPL READ: 24 bytes into absolute 0, command chaining and SLI. */
	memset(first, 0, sizeof(first));
	*why = "no file in the reader";
	if (vur_next_record(u, &data, &len) != 0)
		return -1;
	memcpy(first, data, len < 24 ? len : 24);
	*why = "no storage";
	if (guest_write_abs(vm, 0, first, len < 24 ? len : 24))
		return -1;
	memset(&p, 0, sizeof(p));
	p.u = u;
	p.ch.s = &u->sch;
	p.ch.s->format1 = false;
	p.ch.s->enabled = true;
	run(&p, 8);
	/* The IPL's I/O leaves no interruption pending; a check ends the IPL. */
	if (p.ch.s->scsw[9] || (p.ch.s->scsw[8] & (DEV_STAT_UNIT_CHECK))) {
		static char text[80];

		ksnprintf(text, sizeof(text),
			  "the IPL channel program ended with status %02X%02X, CCW address %06X",
			  p.ch.s->scsw[8], p.ch.s->scsw[9], get_be32(p.ch.s->scsw + 4));
		p.ch.s->status_pending = false;
		p.ch.s->int_pending = false;
		*why = text;
		return -1;
	}
	/* The IPL subchannel is left enabled, ISC 0 (Linux's reader loader goes on with SSCH
	 * on it without an MSCH). */
	p.ch.s->status_pending = false;
	p.ch.s->int_pending = false;
	memset(p.ch.s->scsw, 0, sizeof(p.ch.s->scsw));
	p.ch.s->isc = 0;
	put_be32(sid, 0x00010000u | u->sch.number);
	put_be32(sid + 4, 0);
	guest_write_abs(vm, 0xb8, sid, 8);
	if (guest_read_abs(vm, 0, first, 8))
		return -1;
	psw = get_be64(first);
	*why = "the IPL PSW is not valid";
	if (!(psw & 0x0008000000000000ULL))
		return -1;
	v->psw_mask = (psw & 0xffffffff00000000ULL & ~0x0008000000000000ULL) |
		      ((psw & 0x80000000ULL) ? PSW_MASK_BA : 0);
	v->psw_addr = psw & 0x7fffffffULL;
	if (!psw_valid(v->psw_mask, v->psw_addr))
		return -1;
	ksnprintf(vm->ipl_name, sizeof(vm->ipl_name), "%03X", u->sch.devno);
	dispatch_ready(v);
	return 0;
}
