/*
 * DIAGNOSE X'14': input spool file manipulation, for CMS and Linux's vmur (z/VM CP
 * Programming Services; what is done here):
 *
 *   DIAG Rx,Ry,X'14' with R(y+1) the subcode; addresses are guest real.
 *   X'0000' read the next spool buffer: Ry = the reader's virtual device number, Rx = a
 *           4 KB-aligned buffer. The reader's current file (the next one it would read, not
 *           held, of its class, opened if none is) gives its next 4 KB spool page, copied as
 *           it is on the spool volume (layout in cp/spool.h: 16-byte header, then records
 *           of 2-byte length, CCW code, 0, data). cc 0: a page is in the buffer; cc 1: end
 *           of the file (it is done: purged, or with KEEP put on hold, as after the reader's
 *           unit exception); cc 2: no file; cc 3: Ry is not a reader.
 *   X'0028' position the reader's file: Rx = record number (1 = its start). cc 0; cc 2 no
 *           file open; cc 3 not a reader. The next X'0000' starts at the page holding it.
 *   X'0FFF' retrieve a spool-file block: Ry = a spool ID in the user's reader, 0 for the
 *           file the reader would read next; Rx = buffer for SPOOL_SFB_SIZE bytes (the
 *           layout of Linux vmur's struct file_control_block, EBCDIC text): 8 owner, 16
 *           origin, 24 records (4), 28 record length (2), 30 spool ID (2), 32 status
 *           (X'20' user hold, X'80' in use by a reader), 33 device type (X'10' punch,
 *           X'08' printer file), 40 file name (12), 52 file type (12), 64 date MM/DD/YY,
 *           72 time HH:MM:SS, 86 class, 88 distribution (8), 100 copy count.
 *           cc 0; cc 2 no such file; cc 3 no reader.
 *   Other subcodes: specification exception; a buffer outside storage: addressing.
 * Tested by tests/guest/spool.c (through tests/system/test_spool.py) on both machines;
 * subcode 0 over a spool area in memory by tests/unit/test_vur.c.
 */
#include <cp/spool.h>
#include <cp/tod.h>
#include <cp/vm.h>
#include <cp/vur.h>
#include <lib/ebcdic.h>
#include <lib/endian.h>
#include <lib/format.h>
#include <lib/string.h>
#include "../icpt/icpt.h"

#define SPOOL_SFB_SIZE 304
#define SFB_USER_HOLD  0x20
#define SFB_IN_USE     0x80

static struct vur *reader(struct vm *vm, uint64_t ry)
{
	struct vur *u = vur_find(vm, (uint16_t)ry);

	return u && u->queue == SPQ_RDR ? u : 0;
}

static void put_text(uint8_t *p, size_t width, const char *s)
{
	ebcdic_put_field(EBCDIC_CP1047, p, width, s);
}

static int read_buffer(struct vcpu *v, struct vur *u, uint64_t raddr)
{
	struct spool_file *f = u->file;

	if (!f) {
		const uint8_t *d;
		unsigned len;

		/* opens the next file, as a READ would; its first record is not consumed */
		if (vur_next_record(u, &d, &len) < 0) {
			vcpu_set_cc(v, 2);
			return 0;
		}
		f = u->file;
		u->rpos = SPOOL_PAGE_HDR;
	}
	if (u->rpage >= f->npages || spool_read_page(f, u->rpage, u->page)) {
		vur_reader_done(u);
		vcpu_set_cc(v, 1);
		return 0;
	}
	if (guest_write_real(v, raddr, u->page, SPOOL_PAGE_SIZE))
		return PGM_ADDRESSING;
	u->rpage++;
	u->rloaded = false;
	vcpu_set_cc(v, 0);
	return 0;
}

static int position(struct vcpu *v, struct vur *u, uint64_t record)
{
	const uint8_t *d;
	unsigned len;

	if (!u->file) {
		vcpu_set_cc(v, 2);
		return 0;
	}
	u->rpage = 0;
	u->rloaded = false;
	for (uint64_t n = 1; n < record; n++)
		if (vur_next_record(u, &d, &len) != 0)
			break;
	if (u->rloaded)
		u->rloaded = false; /* X'0000' gives whole pages: from the page holding it */
	vcpu_set_cc(v, 0);
	return 0;
}

static int sfb(struct vcpu *v, struct vur *u, uint64_t raddr, uint16_t id)
{
	uint8_t b[SPOOL_SFB_SIZE];
	struct spool_file *f = id ? spool_find(id) : (u->file ? u->file : vur_reader_select(u));
	struct civil_time t;
	char text[16];

	if (!f || f->queue != SPQ_RDR || strcmp(f->owner, v->vm->userid) != 0 ||
	    (f->flags & SPF_OPEN)) {
		vcpu_set_cc(v, 2);
		return 0;
	}
	memset(b, 0, sizeof(b));
	put_text(b + 8, 8, f->owner);
	put_text(b + 16, 8, f->origin);
	put_be32(b + 24, f->records);
	put_be16(b + 28, f->origin_dev == SPQ_PRT ? 132 : 80);
	put_be16(b + 30, f->id);
	b[32] = (uint8_t)(((f->flags & SPF_HOLD) ? SFB_USER_HOLD : 0) |
			  ((f->flags & SPF_READING) ? SFB_IN_USE : 0));
	b[33] = f->origin_dev == SPQ_PRT ? 0x08 : 0x10;
	put_text(b + 40, 12, f->fn);
	put_text(b + 52, 12, f->ft);
	tod_to_civil(f->created_tod, &t);
	ksnprintf(text, sizeof(text), "%02d/%02d/%02d", t.month, t.day, t.year % 100);
	put_text(b + 64, 8, text);
	ksnprintf(text, sizeof(text), "%02d:%02d:%02d", t.hour, t.minute, t.second);
	put_text(b + 72, 8, text);
	ascii_to_ebcdic(EBCDIC_CP1047, b + 86, &f->cls, 1);
	put_text(b + 88, 8, f->dist);
	b[100] = (uint8_t)f->copies;
	if (guest_write_real(v, raddr, b, sizeof(b)))
		return PGM_ADDRESSING;
	vcpu_set_cc(v, 0);
	return 0;
}

int diag_14(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code)
{
	uint64_t raddr = icpt_wrap(v, v->gprs[rx]);
	uint64_t sub;
	struct vur *u;

	(void)code;
	if (ry & 1)
		return PGM_SPECIFICATION; /* Ry names an even-odd pair */
	sub = (uint32_t)v->gprs[ry + 1];
	switch (sub) {
	case 0x0000:
		if (raddr & (SPOOL_PAGE_SIZE - 1))
			return PGM_SPECIFICATION;
		u = reader(v->vm, v->gprs[ry]);
		if (!u) {
			vcpu_set_cc(v, 3);
			return 0;
		}
		return read_buffer(v, u, raddr);
	case 0x0028:
		u = reader(v->vm, v->gprs[ry]);
		if (!u) {
			vcpu_set_cc(v, 3);
			return 0;
		}
		return position(v, u, v->gprs[rx]);
	case 0x0fff:
		u = vur_first(v->vm, SPQ_RDR);
		if (!u) {
			vcpu_set_cc(v, 3);
			return 0;
		}
		return sfb(v, u, raddr, (uint16_t)v->gprs[ry]);
	default:
		return PGM_SPECIFICATION;
	}
}
