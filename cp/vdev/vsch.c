/*
 * What every virtual subchannel does the same way, whatever device is behind it (PoP chapters
 * 14-16): the SCHIB fields STSCH stores and MSCH sets, SSCH's checks and ORB, a CCW in either
 * format, the ending status a channel program leaves (SCSW, status pending, an I/O
 * interruption), TSCH, CSCH and XSCH. The virtual console (cp/vdev/v3215.c) and the virtual
 * FBA minidisks (cp/vdev/vfba.c) use them; tested through both by tests/unit/test_vcons.c and
 * tests/unit/test_vfba.c.
 */
#include <arch/cio.h>
#include <cp/vdev.h>
#include <lib/endian.h>
#include <lib/string.h>

int vsch_store(struct vsubchannel *s, uint8_t *schib)
{
	put_be32(schib + 0, s->intparm);
	schib[4] = (uint8_t)(s->isc << 3);
	/* E, D (multipath mode), V (device number valid) */
	schib[5] = (uint8_t)((s->enabled ? 0x80 : 0) | (s->multipath ? PMCW1_MULTIPATH : 0) | 0x01);
	schib[6] = (uint8_t)(s->devno >> 8);
	schib[7] = (uint8_t)s->devno;
	schib[8] = 0x80;  /* LPM: one path */
	schib[10] = 0x80; /* LPUM */
	schib[11] = 0x80; /* PIM */
	schib[14] = 0x80; /* POM */
	schib[15] = 0x80; /* PAM */
	schib[27] = s->concurrent_sense ? (uint8_t)PMCW2_CONC_SENSE : 0; /* S, word 6 bit 31 */
	memcpy(schib + 0x1c, s->scsw, sizeof(s->scsw));
	return 0;
}

bool vsch_ccw_count_ok(const struct vsubchannel *s, const struct vsch_ccw *c)
{
	/* PoP, "Count": zero is a program check in a format-0 CCW only; a format-1 CCW may say
	 * zero (Linux's path verification sends NOP with count 0). */
	return c->count != 0 || s->format1;
}

int vsch_modify(struct vsubchannel *s, const uint8_t *schib)
{
	if (s->status_pending)
		return 1;
	s->intparm = get_be32(schib + 0);
	s->isc = (schib[4] >> 3) & 7;
	s->enabled = (schib[5] & 0x80) != 0;
	/* What a program sets must read back: Linux's cio_commit_config() retries MSCH until
	 * STSCH shows its E, ISC, interruption parameter, D and S bits, and fails otherwise. */
	s->multipath = (schib[5] & PMCW1_MULTIPATH) != 0;
	s->concurrent_sense = (schib[27] & PMCW2_CONC_SENSE) != 0;
	return 0;
}

void vsch_end(struct vsubchannel *s, uint32_t ccw_addr, uint8_t dstat, uint8_t cstat,
	      uint16_t residual)
{
	memset(s->scsw, 0, sizeof(s->scsw));
	s->scsw[0] = 0x00;                  /* key 0 */
	s->scsw[1] = s->format1 ? 0x80 : 0; /* F: the program's CCW format */
	s->scsw[2] = 0x40;                  /* function control: start */
	s->scsw[3] = 0x07;                  /* primary + secondary + status pending */
	if (cstat || (dstat & 0x02))
		s->scsw[3] |= 0x10; /* alert status: a check condition ended the program */
	put_be32(s->scsw + 4, ccw_addr);
	s->scsw[8] = dstat;
	s->scsw[9] = cstat;
	s->scsw[10] = (uint8_t)(residual >> 8);
	s->scsw[11] = (uint8_t)residual;
	s->status_pending = true;
	s->int_pending = true;
}

int vsch_test(struct vsubchannel *s, uint8_t *irb)
{
	/* A subchannel that is not enabled is not operational for TSCH. */
	if (!s->enabled)
		return 3;
	memcpy(irb, s->scsw, sizeof(s->scsw));
	if (!s->status_pending)
		return 1;
	s->status_pending = false;
	s->int_pending = false;
	memset(s->scsw, 0, sizeof(s->scsw));
	return 0;
}

int vsch_halt(struct vsubchannel *s)
{
	if (s->status_pending)
		return 1;
	/* Nothing runs asynchronously: halt finds the device idle and ends at once. */
	memset(s->scsw, 0, sizeof(s->scsw));
	s->scsw[2] = 0x20; /* halt function */
	s->scsw[3] = 0x05; /* primary + status pending */
	s->status_pending = true;
	s->int_pending = true;
	return 0;
}

int vsch_clear(struct vsubchannel *s)
{
	memset(s->scsw, 0, sizeof(s->scsw));
	s->scsw[2] = 0x10; /* clear function */
	s->scsw[3] = 0x01; /* status pending */
	s->status_pending = true;
	s->int_pending = true;
	return 0;
}

int vsch_cancel(struct vsubchannel *s)
{
	(void)s;
	return 2; /* no start function is pending: nothing to cancel */
}

int vsch_ccw_decode(bool format1, const uint8_t *raw, struct vsch_ccw *c)
{
	c->cmd = raw[0];
	if (format1) {
		c->flags = raw[1];
		c->count = get_be16(raw + 2);
		c->data = get_be32(raw + 4);
		if (c->data & 0x80000000u)
			return -1; /* bit 32 must be zero in a format-1 CCW */
	} else {
		c->data = (uint32_t)raw[1] << 16 | (uint32_t)raw[2] << 8 | raw[3];
		c->flags = raw[4];
		c->count = get_be16(raw + 6);
	}
	return 0;
}

int vsch_accept(struct vsubchannel *s, const uint8_t *orb, bool busy, uint32_t *ccw_addr)
{
	if (!s->enabled)
		return 3;
	if (s->status_pending)
		return 1;
	if (busy)
		return 2;
	s->intparm = get_be32(orb + 0);
	s->format1 = (get_be32(orb + 4) & 0x00800000u) != 0; /* ORB F */
	*ccw_addr = get_be32(orb + 8) & 0x7fffffffu;
	return 0;
}
