/*
 * Channel programs for the guest device tests (see chan.h). Covered by the guest programs that
 * use it: tests/guest/vfba.c, vckd.c, dedicate.c, spopen.c, echo.c and lnxcon.c, run by
 * tests/system/test_vfba.py, test_ckd.py, test_attach.py, test_spool.py and test_terminal.py.
 */
#include <lib/endian.h>
#include <lib/string.h>

#include "chan.h"
#include "guest.h"

static struct orb orb __attribute__((aligned(8)));
static struct irb irb __attribute__((aligned(4)));
static struct ccw1 sense_ccw __attribute__((aligned(8)));
static uint8_t sense_data[32] __attribute__((aligned(8)));
static struct ccw1 id_ccws[2] __attribute__((aligned(8)));

bool chan_find_devno(uint16_t devno, unsigned max_sch, uint32_t *sch, struct schib *schib)
{
	for (uint32_t n = 0; n < max_sch; n++) {
		if (stsch(SCHID(n), schib) != 0)
			continue;
		if ((schib->pmcw.flags1 & PMCW1_DEVNO_VALID) && schib->pmcw.devno == devno) {
			*sch = SCHID(n);
			return true;
		}
	}
	return false;
}

bool chan_enable(uint32_t sch, struct schib *schib, unsigned isc)
{
	schib->pmcw.flags1 |= PMCW1_ENABLED;
	schib->pmcw.flags0 = (uint8_t)(isc << PMCW0_ISC_SHIFT);
	schib->pmcw.intparm = 0;
	return msch(sch, schib) == 0;
}

unsigned chan_sense_id_rdc(uint32_t sch, uint8_t buf[128])
{
	memset(buf, 0, 128);
	ccw_set(&id_ccws[0], CCW_CMD_SENSE_ID, CCW_FLAG_CC | CCW_FLAG_SLI, 64, buf);
	ccw_set(&id_ccws[1], 0x64, CCW_FLAG_SLI, 64, buf + 64);
	return chan_run(sch, id_ccws, 0);
}

void ccw_set(struct ccw1 *ccw, uint8_t cmd, uint8_t flags, uint16_t count, const void *data)
{
	ccw->cmd = cmd;
	ccw->flags = flags;
	ccw->count = count;
	ccw->cda = (uint32_t)(uintptr_t)data;
}

unsigned chan_run(uint32_t sch, const struct ccw1 *ccws, uint32_t intparm)
{
	orb_format1(&orb, (uint32_t)(uintptr_t)ccws, intparm);
	if (ssch(sch, &orb) != 0 || tsch(sch, &irb) != 0)
		return CHAN_NO_STATUS;
	return (unsigned)irb.scsw.dstat << 8 | irb.scsw.cstat;
}

int chan_start_wait(uint32_t sch, const struct ccw1 *ccws, uint32_t intparm, struct irb *irb)
{
	unsigned before = io_int_count();

	orb_format1(&orb, (uint32_t)(uintptr_t)ccws, intparm);
	if (ssch(sch, &orb) != 0)
		return -1;
	while (io_int_count() == before)
		enabled_wait(PSW_MASK_IO);
	return tsch(sch, irb);
}

int chan_wait_status(uint32_t sch, struct irb *irb)
{
	unsigned before = io_int_count();

	while (io_int_count() == before)
		enabled_wait(PSW_MASK_IO);
	return tsch(sch, irb);
}

unsigned chan_sense(uint32_t sch)
{
	memset(sense_data, 0xff, sizeof(sense_data));
	ccw_set(&sense_ccw, CCW_CMD_SENSE, CCW_FLAG_SLI, sizeof(sense_data), sense_data);
	if (chan_run(sch, &sense_ccw, 0) != CHAN_ST_OK)
		return CHAN_NO_STATUS;
	return (unsigned)sense_data[0] << 8 | sense_data[1];
}

void chan_report_refused(uint32_t sch, const char *what, unsigned st, unsigned want_sense)
{
	unsigned s = st == CHAN_ST_UC ? chan_sense(sch) : 0;

	report(st == CHAN_ST_UC && s == want_sense,
	       "%s: unit check, sense %04x (got status %04x, %04x)", what, want_sense, st, s);
}

void fba_prog_build(struct fba_prog *p, uint8_t mask, uint32_t origin, uint32_t first,
		    uint32_t last, uint8_t oper, uint16_t n, uint32_t block, void *buf)
{
	memset(p->de, 0, sizeof(p->de));
	p->de[0] = mask;
	put_be32(p->de + 4, origin);
	put_be32(p->de + 8, first);
	put_be32(p->de + 12, last);
	memset(p->lo, 0, sizeof(p->lo));
	p->lo[0] = oper;
	put_be16(p->lo + 2, n);
	put_be32(p->lo + 4, block);
	ccw_set(&p->ccw[0], 0x63, CCW_FLAG_CC, sizeof(p->de), p->de);
	ccw_set(&p->ccw[1], 0x43, CCW_FLAG_CC, sizeof(p->lo), p->lo);
	ccw_set(&p->ccw[2], oper == FBA_OPER_READ ? 0x42 : 0x41, 0, (uint16_t)(n * 512), buf);
}
