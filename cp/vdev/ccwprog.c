/*
 * Walking a guest's channel program, the same for every virtual device that moves data (the
 * FBA and 3390 minidisks, cp/vdev/vfba.c and vckd.c; the spool's unit-record devices,
 * cp/spool/vur.c, fetch their CCWs with it too): fetching each CCW through TICs, moving
 * data along a data chain, incorrect length and command chaining at a command's end (PoP
 * chapter 15, "Channel-Command Word", "Chaining"). Covered by tests/unit/test_vfba.c,
 * tests/unit/test_vckd.c and tests/fuzz/fuzz_vckd.c.
 */
#include <arch/cio.h>
#include <arch/intcode.h>
#include <cp/vdev.h>
#include <cp/vm.h>

int vsch_prog_fetch(struct vsch_prog *p, uint32_t addr, bool dc)
{
	uint8_t raw[8];

	for (;;) {
		struct vsch_ccw *c = &p->c;

		if (++p->ccws > p->max_ccws || (addr & 7) || guest_read_abs(p->s->vm, addr, raw, 8))
			return -1;
		p->addr = addr;
		if (vsch_ccw_decode(p->s->format1, raw, c))
			return -1;
		if ((c->cmd & 0x0f) != 0x08)
			break;
		/* TIC: not to another TIC, and not as the first CCW */
		if (p->tic_last || p->ccws == 1)
			return -1;
		p->tic_last = true;
		addr = c->data;
	}
	p->tic_last = false;
	if ((!dc && (p->c.cmd & 0x0f) == 0) || !vsch_ccw_count_ok(p->s, &p->c) ||
	    (p->c.flags & (CCW_FLAG_IDA | CCW_FLAG_PCI | CCW_FLAG_SUSPEND)))
		return -1; /* invalid command code, format-0 count 0, or what these devices do not do */
	return 0;
}

void vsch_prog_end(struct vsch_prog *p, uint8_t dstat, uint8_t cstat, uint16_t residual)
{
	vsch_end(p->s, p->addr + 8, dstat, cstat, residual);
}

int vsch_prog_move(struct vsch_prog *p, uint8_t *buf, size_t len, bool to_guest, size_t *done,
		   uint16_t *residual, uint16_t *used)
{
	uint16_t off = used ? *used : 0;

	*done = 0;
	for (;;) {
		size_t n = p->c.count - off;
		int rc = 0;

		if (n > len - *done)
			n = len - *done;
		if (n && !(to_guest && (p->c.flags & CCW_FLAG_SKIP)))
			rc = to_guest ? guest_write_abs(p->s->vm, p->c.data + off, buf + *done, n)
				      : guest_read_abs(p->s->vm, p->c.data + off, buf + *done, n);
		if (rc) {
			vsch_prog_end(p, 0,
				      rc == PGM_PROTECTION ? SCH_STAT_PROT_CHECK : SCH_STAT_PROG_CHECK,
				      (uint16_t)(p->c.count - off));
			return -1;
		}
		*done += n;
		off = (uint16_t)(off + n);
		if (*done == len || off < p->c.count || !(p->c.flags & CCW_FLAG_CD))
			break;
		if (vsch_prog_fetch(p, p->addr + 8, true)) {
			vsch_prog_end(p, 0, SCH_STAT_PROG_CHECK, 0);
			return -1;
		}
		off = 0;
	}
	if (used)
		*used = off;
	*residual = (uint16_t)(p->c.count - off);
	return 0;
}

bool vsch_prog_finish(struct vsch_prog *p, uint16_t residual, bool more)
{
	if ((residual || more) && !(p->c.flags & CCW_FLAG_SLI)) {
		vsch_prog_end(p, DEV_STAT_CHN_END | DEV_STAT_DEV_END, SCH_STAT_INCORR_LEN, residual);
		return true;
	}
	if (!(p->c.flags & CCW_FLAG_CC)) {
		vsch_prog_end(p, DEV_STAT_CHN_END | DEV_STAT_DEV_END, 0, residual);
		return true;
	}
	return false;
}
