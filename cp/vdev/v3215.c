/*
 * The virtual console: a 3215-style line device at subchannel 0.0.0000, device number 0009,
 * that every virtual machine has. Writes (CCW X'01', X'09') become lines on the machine's
 * console; NOP, SENSE and SENSE ID work as on the real device; READ waits for the user to
 * enter a line (or takes one typed ahead), and ends with unit exception, as at end of file,
 * when nobody is at the console (a disconnected machine). Channel programs
 * are checked CCW by CCW: a CCW or data address outside the guest's storage, a zero count (in
 * format 0) or
 * an invalid format-1 flag ends the program with a channel-program check, and CP never
 * touches storage outside the guest (PoP chapters 15-16).
 * As z/VM's for Linux's con3215 (drivers/s390/char/con3215.c): a line the user enters while
 * no READ waits is held and attention is presented (unsolicited status), so the guest issues
 * its READ; X'15' in written data ends a line on the screen.
 * Covered by tests/unit/test_vcons.c, tests/unit/test_deliver.c and tests/guest/con3215.c
 * (tests/system/test_terminal.py).
 */
#include <arch/cio.h>
#include <cp/user.h>
#include <cp/vdev.h>
#include <cp/vm.h>
#include <lib/ebcdic.h>
#include <lib/endian.h>
#include <lib/string.h>

#define VCONS_DEVNO 0x0009
#define VCONS_TYPE  0x3215

#define CCW_WRITE      0x01
#define CCW_WRITE_CR   0x09
#define CCW_NOP        0x03
#define CCW_SENSE      0x04
#define CCW_READ       0x0a
#define CCW_SENSE_ID   0xe4



#define SENSE_COMMAND_REJECT 0x80
#define EBCDIC_NEW_LINE      0x15
#define MAX_LINE 256
#define MAX_CCWS 256 /* a guest's loop of TICs or chains cannot keep CP here */

static int fetch_ccw(struct vm *vm, bool format1, uint32_t addr, struct vsch_ccw *c)
{
	uint8_t raw[8];

	if ((addr & 7) || guest_read_abs(vm, addr, raw, 8) || vsch_ccw_decode(format1, raw, c))
		return -1;
	if (c->flags & (CCW_FLAG_IDA | CCW_FLAG_PCI))
		return -1; /* not supported by this device: a program check, not a guess */
	return 0;
}

static void run_chain(struct vsubchannel *s, uint32_t addr);

/*
 * One write's data on the user's screen: each X'15' (EBCDIC new line, as Linux's con3215 puts
 * in its data) ends a line, so one write of several lines shows as several lines. A new line
 * at the very end ends the last line without adding an empty one (Linux sets TERMINAL AUTOCR
 * OFF and ends its lines itself); the text after the last new line, if any, is a line too.
 */
/* One line of console output, translated; the screen wraps what is wider than it is. */
static void emit_line(struct vm *vm, const uint8_t *text, size_t len, char *line)
{
	ebcdic_to_ascii(EBCDIC_CP037, line, text, len);
	vm_console_output(vm, line, len);
}

/* Lines a WRITE builds up (data chaining continues one): X'15' ends a line, and a line that
 * outgrows the buffer is shown in MAX_LINE pieces, so no byte of a long write is lost. */
struct out_lines {
	uint8_t text[MAX_LINE];
	size_t used;
	unsigned shown; /* lines shown by this write so far */
	char line[MAX_LINE];
};

static void out_bytes(struct vm *vm, struct out_lines *o, const uint8_t *data, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (data[i] == EBCDIC_NEW_LINE || o->used == sizeof(o->text)) {
			emit_line(vm, o->text, o->used, o->line);
			o->used = 0;
			o->shown++;
			if (data[i] == EBCDIC_NEW_LINE)
				continue;
		}
		o->text[o->used++] = data[i];
	}
}

/* The end of a write: the unfinished line, or an empty one if the write showed nothing (a
 * trailing X'15' adds no empty line). */
static void out_end(struct vm *vm, struct out_lines *o)
{
	if (o->used || !o->shown)
		emit_line(vm, o->text, o->used, o->line);
	o->used = 0;
	o->shown = 0;
}

/* Unsolicited status (PoP "Unsolicited Status"): alert and status pending, no function. */
static void present_attention(struct vsubchannel *s)
{
	memset(s->scsw, 0, sizeof(s->scsw));
	s->scsw[3] = 0x11; /* alert + status pending */
	s->scsw[8] = DEV_STAT_ATTENTION;
	s->status_pending = true;
	s->int_pending = true;
	s->attn_owed = false;
}

void vcons_attention(struct vsubchannel *s)
{
	if (!s->enabled)
		return;
	if (s->status_pending || s->read_pending) {
		s->attn_owed = !s->read_pending;
		return;
	}
	present_attention(s);
}

/* TSCH: the status goes to the guest; an attention owed meanwhile becomes pending now. */
static int vcons_test(struct vsubchannel *s, uint8_t *irb)
{
	int cc = vsch_test(s, irb);

	if (cc == 0 && s->attn_owed && !s->read_pending && s->vm->vm_input_pending)
		present_attention(s);
	return cc;
}

static int vcons_start(struct vsubchannel *s, const uint8_t *orb)
{
	uint32_t addr;
	/* While a READ still waits for the user, the subchannel is busy. */
	int cc = vsch_accept(s, orb, s->read_pending, &addr);

	if (cc == 0)
		run_chain(s, addr);
	return cc;
}

/* Channel status for a failed data transfer: read_into_guest()'s -2 or a PGM_PROTECTION. */
static uint8_t xfer_status(int rc)
{
	return rc == -2 || rc == PGM_PROTECTION ? SCH_STAT_PROT_CHECK : SCH_STAT_PROG_CHECK;
}

/*
 * Moves a line into the READ's data area; returns the residual count, or -1 (program check)
 * or -2 (protection check) when the area cannot be stored into. A line shorter or
 * longer than the count is an incorrect length unless SLI suppresses it (PoP, "Incorrect
 * Length"); the part that does not fit is lost, as on the real device.
 */
static int read_into_guest(struct vsubchannel *s, uint32_t data, uint16_t count, uint8_t flags,
			   const char *line, size_t len, uint8_t *cstat)
{
	uint8_t buf[MAX_LINE];
	size_t n = len < count ? len : count;

	if (n > sizeof(buf))
		n = sizeof(buf);
	ascii_to_ebcdic(EBCDIC_CP037, buf, line, n);
	if (n) {
		int rc = guest_write_abs(s->vm, data, buf, n);

		if (rc)
			return rc == PGM_PROTECTION ? -2 : -1;
	}
	*cstat = (len != count && !(flags & CCW_FLAG_SLI)) ? SCH_STAT_INCORR_LEN : 0;
	return (int)(count - n);
}

bool vcons_input(struct vsubchannel *s, const char *line, size_t len)
{
	uint8_t cstat;
	int residual;
	uint32_t addr = s->read_ccw_addr;

	if (!s->read_pending)
		return false;
	s->read_pending = false;
	residual = read_into_guest(s, s->read_data, s->read_count, s->read_flags, line, len,
				   &cstat);
	if (residual < 0) {
		vsch_end(s, addr + 8, 0, xfer_status(residual), s->read_count);
		return true;
	}
	if (cstat || !(s->read_flags & (CCW_FLAG_CC | CCW_FLAG_CD)))
		vsch_end(s, addr + 8, DEV_STAT_CHN_END | DEV_STAT_DEV_END, cstat, (uint16_t)residual);
	else
		run_chain(s, addr + 8);
	return true;
}

static void run_chain(struct vsubchannel *s, uint32_t addr)
{
	bool format1 = s->format1;
	static struct out_lines out; /* CP runs one channel program at a time */
	uint8_t buf[MAX_LINE];
	uint16_t last_residual = 0;
	int n;

	out.used = out.shown = 0;
	for (n = 0; n < MAX_CCWS; n++, addr += 8) {
		struct vsch_ccw c;
		uint16_t take;

		if (fetch_ccw(s->vm, format1, addr, &c) || !vsch_ccw_count_ok(s, &c)) {
			vsch_end(s, addr + 8, 0, SCH_STAT_PROG_CHECK, 0);
			return;
		}
		switch (c.cmd) {
		case CCW_WRITE:
		case CCW_WRITE_CR:
			if (c.count == 0 && !(c.flags & (CCW_FLAG_SLI | CCW_FLAG_CD))) {
				/* format 1: the device asks for data the CCW has none of */
				vsch_end(s, addr + 8, DEV_STAT_CHN_END | DEV_STAT_DEV_END,
					 SCH_STAT_INCORR_LEN, 0);
				return;
			}
			for (uint32_t off = 0; off < c.count; off += take) {
				take = (uint16_t)(c.count - off < sizeof(buf) ? c.count - off
									      : sizeof(buf));
				if (guest_read_abs(s->vm, c.data + off, buf, take)) {
					if (out.used) /* what came before the bad address */
						out_end(s->vm, &out);
					vsch_end(s, addr + 8, 0, SCH_STAT_PROG_CHECK,
						 (uint16_t)(c.count - off));
					return;
				}
				out_bytes(s->vm, &out, buf, take);
			}
			if (!(c.flags & CCW_FLAG_CD))
				out_end(s->vm, &out);
			break;
		case CCW_NOP:
			break;
		case CCW_SENSE: {
			int rc = guest_write_abs(s->vm, c.data, &s->sense, c.count ? 1 : 0);

			if (rc) {
				vsch_end(s, addr + 8, 0, xfer_status(rc), c.count);
				return;
			}
			s->sense = 0;
			break;
		}
		case CCW_SENSE_ID: {
			static const uint8_t id[7] = { 0xff, 0x32, 0x15, 0x00, 0x32, 0x15, 0x00 };
			uint16_t len = c.count < sizeof(id) ? c.count : (uint16_t)sizeof(id);

			int rc = guest_write_abs(s->vm, c.data, id, len);

			if (rc) {
				vsch_end(s, addr + 8, 0, xfer_status(rc), c.count);
				return;
			}
			break;
		}
		case CCW_READ:
			if (s->vm->vm_input_pending) {
				/* The user typed ahead: the READ takes that line at once. */
				uint8_t cstat;
				int residual = read_into_guest(s, c.data, c.count, c.flags,
							       s->vm->vm_input,
							       strlen(s->vm->vm_input), &cstat);

				s->vm->vm_input_pending = false;
				s->attn_owed = false;
				if (residual < 0) {
					vsch_end(s, addr + 8, 0, xfer_status(residual), c.count);
					return;
				}
				if (cstat) {
					vsch_end(s, addr + 8, DEV_STAT_CHN_END | DEV_STAT_DEV_END, cstat,
						    (uint16_t)residual);
					return;
				}
				last_residual = (uint16_t)residual; /* Linux counts the line by it */
				break;
			}
			if (!user_term(s->vm)) {
				/* Nobody at the console (disconnected): end of file. */
				vsch_end(s, addr + 8, DEV_STAT_CHN_END | DEV_STAT_DEV_END | DEV_STAT_UNIT_EXCEP, 0, c.count);
				return;
			}
			/* Wait for the user: the status area says VM READ meanwhile. */
			s->read_pending = true;
			s->read_ccw_addr = addr;
			s->read_data = c.data;
			s->read_count = c.count;
			s->read_flags = c.flags;
			return;
		default:
			s->sense = SENSE_COMMAND_REJECT;
			vsch_end(s, addr + 8, DEV_STAT_CHN_END | DEV_STAT_DEV_END | DEV_STAT_UNIT_CHECK, 0, c.count);
			return;
		}
		if (!(c.flags & (CCW_FLAG_CC | CCW_FLAG_CD))) {
			vsch_end(s, addr + 8, DEV_STAT_CHN_END | DEV_STAT_DEV_END, 0,
				 c.cmd == CCW_READ ? last_residual : 0);
			return;
		}
	}
	/* A chain longer than any console program: stop it as a program check. */
	vsch_end(s, addr, 0, SCH_STAT_PROG_CHECK, 0);
	return;
}

static int vcons_halt(struct vsubchannel *s)
{
	if (s->status_pending)
		return 1;
	s->read_pending = false;
	return vsch_halt(s);
}

static int vcons_clear(struct vsubchannel *s)
{
	s->read_pending = false;
	s->attn_owed = false;
	return vsch_clear(s);
}

static const struct vsch_ops vcons_ops = {
	.store = vsch_store,
	.modify = vsch_modify,
	.start = vcons_start,
	.test = vcons_test,
	.halt = vcons_halt,
	.clear = vcons_clear,
	.cancel = vsch_cancel,
	.resume = 0,
};

void vcons_init(struct vsubchannel *s, struct vm *vm)
{
	memset(s, 0, sizeof(*s));
	s->ops = &vcons_ops;
	s->vm = vm;
	s->number = 0;
	s->devno = VCONS_DEVNO;
	s->exists = true;
}
