/*
 * Unit-record I/O: the virtual reader (00C), punch (00D) and printer (00E) CP makes from the
 * directory's SPOOL statements, driven with the CCWs of the real devices (a 2540 reader's read
 * X'02', a 2540 punch's write X'01', a 1403 printer's write-and-space-1 X'09'). Both ways the
 * CCWs are command-chained, UR_CHAIN records to a channel program; the end of a reader file
 * is the READ that ends with unit exception and no data. The subchannel is
 * enabled only while CMS uses the device, so a file arriving in an idle reader (an unsolicited
 * device end) does not disturb the console.
 * Covered by tests/system/test_spool_cms.py.
 */
#include <arch/cio.h>
#include <arch/lowcore.h>
#include <arch/psw.h>
#include <lib/string.h>
#include <cms/cms.h>
#include <cms/urio.h>

#define UR_ISC	      3	      /* the console's: CR6 enables it already */
#define UR_CHAIN      32      /* records per output channel program */
#define UR_REC_MAX    204     /* the longest printer line CMS writes */
#define UR_MAX_SCH    0x10000
#define UR_SCH_GAP    256     /* missing subchannels in a row that end the scan */
#define CARD_BLANK_EBCDIC 0x40

static struct orb orb __attribute__((aligned(8)));
static struct irb irb __attribute__((aligned(4)));
static struct ccw1 chain[UR_CHAIN] __attribute__((aligned(8)));
static uint8_t outbuf[UR_CHAIN][UR_REC_MAX] __attribute__((aligned(8)));
static uint8_t inbuf[UR_CHAIN][UR_CARD_MAX] __attribute__((aligned(8)));

/*
 * The subchannel of a device number, or -1. Subchannel numbers need not be dense (CP puts
 * the unit-record devices at 0.0.0010 and up): the scan goes on past missing ones and stops
 * after UR_SCH_GAP in a row. What it finds is remembered.
 */
static int64_t find_subchannel(uint16_t devno)
{
	static struct { uint16_t devno; uint32_t schid; } known[4];
	struct schib schib __attribute__((aligned(4)));
	unsigned gap = 0;

	for (unsigned i = 0; i < 4; i++)
		if (known[i].devno == devno && stsch(known[i].schid, &schib) == 0 &&
		    (schib.pmcw.flags1 & PMCW1_DEVNO_VALID) && schib.pmcw.devno == devno)
			return known[i].schid;
	for (uint32_t n = 0; n < UR_MAX_SCH && gap < UR_SCH_GAP; n++) {
		int cc = stsch(SCHID(n), &schib);

		gap = cc == 3 ? gap + 1 : 0;
		if (cc == 0 && (schib.pmcw.flags1 & PMCW1_DEVNO_VALID) && schib.pmcw.devno == devno) {
			for (unsigned i = 0; i < 4; i++)
				if (!known[i].devno || known[i].devno == devno || i == 3) {
					known[i].devno = devno;
					known[i].schid = SCHID(n);
					break;
				}
			return SCHID(n);
		}
	}
	return -1;
}

static void set_enabled(uint32_t schid, bool on)
{
	struct schib schib __attribute__((aligned(4)));

	if (stsch(schid, &schib) != 0)
		return;
	schib.pmcw.flags0 = (uint8_t)(UR_ISC << PMCW0_ISC_SHIFT);
	if (on)
		schib.pmcw.flags1 |= PMCW1_ENABLED;
	else
		schib.pmcw.flags1 &= (uint8_t)~PMCW1_ENABLED;
	msch(schid, &schib);
}

int ur_open(struct ur *u, uint16_t devno)
{
	int64_t schid = find_subchannel(devno);

	memset(u, 0, sizeof(*u));
	if (schid < 0)
		return -1;
	u->devno = devno;
	u->schid = (uint32_t)schid;
	set_enabled(u->schid, true);
	/* Status left from before (an unsolicited device end): taken and dropped. */
	while (tsch(u->schid, &irb) == 0)
		;
	return 0;
}

/* Starts the channel program at @ccw and waits for its ending status, left in irb. */
static int run(struct ur *u, struct ccw1 *ccw)
{
	int cc;

	orb_format1(&orb, (uint32_t)(uintptr_t)ccw, 0xc0e50000u | u->devno);
	for (int tries = 0; (cc = ssch(u->schid, &orb)) != 0; tries++) {
		if (cc == 3 || tries > 100)
			return UR_ERROR;
		if (cc == 1)
			tsch(u->schid, &irb); /* an old status first */
		else
			cms_wait(PSW_MASK_IO);
	}
	for (;;) {
		cms_wait(PSW_MASK_IO);
		if (*(volatile uint32_t *)LC_SUBCHANNEL_ID != u->schid || tsch(u->schid, &irb) != 0)
			continue;
		if (irb.scsw.dstat & (DEV_STAT_DEV_END | DEV_STAT_UNIT_CHECK) || irb.scsw.cstat)
			break;
	}
	if ((irb.scsw.dstat & DEV_STAT_UNIT_CHECK) || irb.scsw.cstat)
		return UR_NOT_READY;
	return UR_OK;
}

int ur_flush(struct ur *u)
{
	int rc;

	if (!u->pending)
		return u->err;
	chain[u->pending - 1].flags &= (uint8_t)~CCW_FLAG_CC;
	rc = run(u, chain);
	if (rc == UR_OK && (irb.scsw.dstat & DEV_STAT_UNIT_EXCEP))
		rc = UR_ERROR;
	u->pending = 0;
	if (rc && !u->err)
		u->err = rc;
	return u->err;
}

int ur_write(struct ur *u, uint8_t cmd, const void *data, size_t len)
{
	struct ccw1 *c;

	if (u->err)
		return u->err;
	if (len > UR_REC_MAX)
		len = UR_REC_MAX;
	memcpy(outbuf[u->pending], data, len);
	c = &chain[u->pending];
	*c = (struct ccw1){ .cmd = cmd, .flags = CCW_FLAG_CC | CCW_FLAG_SLI, .count = (uint16_t)len,
			    .cda = (uint32_t)(uintptr_t)outbuf[u->pending] };
	if (++u->pending == UR_CHAIN)
		return ur_flush(u);
	return 0;
}

/*
 * Reads up to UR_CHAIN cards in one channel program. Each buffer is blank first: a record
 * shorter than its CCW's count (SLI) reads as a card padded with blanks. The SCSW's CCW
 * address (the last CCW executed, plus 8) says how far the program got: a READ that ended
 * with unit exception read nothing and ends the file.
 */
static int fill(struct ur *u)
{
	unsigned done;
	int rc;

	memset(inbuf, CARD_BLANK_EBCDIC, sizeof(inbuf));
	for (unsigned i = 0; i < UR_CHAIN; i++)
		chain[i] = (struct ccw1){ .cmd = UR_CMD_READ,
					  .flags = i + 1 < UR_CHAIN ? CCW_FLAG_CC | CCW_FLAG_SLI
								    : CCW_FLAG_SLI,
					  .count = UR_CARD_MAX,
					  .cda = (uint32_t)(uintptr_t)inbuf[i] };
	rc = run(u, chain);
	done = (irb.scsw.ccw - (uint32_t)(uintptr_t)chain) / sizeof(chain[0]);
	if (done == 0 || done > UR_CHAIN)
		return UR_ERROR;
	/* CCWs [0, done - 1) read a card each; the last one executed read one unless it ended
	 * the file (unit exception) or failed (unit check: no file, before any card). */
	u->have = done - 1;
	if (rc == UR_OK && !(irb.scsw.dstat & DEV_STAT_UNIT_EXCEP))
		u->have++;
	if (irb.scsw.dstat & DEV_STAT_UNIT_EXCEP)
		u->eof = true;
	u->next = 0;
	if (rc != UR_OK && u->have == 0)
		return rc;
	return UR_OK;
}

int ur_read(struct ur *u, uint8_t *card, size_t *len)
{
	if (u->next == u->have) {
		int rc;

		if (u->eof)
			return UR_EOF;
		rc = fill(u);
		if (rc)
			return rc;
		if (u->have == 0)
			return UR_EOF;
	}
	memcpy(card, inbuf[u->next++], UR_CARD_MAX);
	*len = UR_CARD_MAX;
	return UR_OK;
}

void ur_close(struct ur *u)
{
	if (u->devno)
		set_enabled(u->schid, false);
	u->devno = 0;
}
