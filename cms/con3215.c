/*
 * The CMS console: the virtual 3215 at subchannel 0 (devno 0009), driven with write and read
 * CCWs like a real 3215. One channel program at a time; CMS waits for its ending status in an
 * enabled wait, so a user thinking at VM READ costs no CPU. CP's screen does the paging
 * (MORE..., HOLDING): a write simply ends when CP has taken the line.
 * Covered by tests/system/test_cms.py.
 */
#include <arch/cio.h>
#include <arch/ctlreg_ops.h>
#include <arch/lowcore.h>
#include <lib/ebcdic.h>
#include <lib/format.h>
#include <lib/string.h>
#include <cms/cms.h>

#define CONSOLE	    SCHID(0)
#define CONSOLE_ISC 3
#define CCW_WRITE_CR 0x09
#define CCW_READ     0x0a

static struct orb orb __attribute__((aligned(8)));
static struct irb irb __attribute__((aligned(4)));
static struct ccw1 ccw __attribute__((aligned(8)));
static uint8_t iobuf[CMS_LINE_MAX] __attribute__((aligned(8)));

void con_init(void)
{
	struct schib schib __attribute__((aligned(4)));

	if (stsch(CONSOLE, &schib) != 0)
		return;
	schib.pmcw.flags0 = (uint8_t)(CONSOLE_ISC << PMCW0_ISC_SHIFT);
	schib.pmcw.flags1 |= PMCW1_ENABLED;
	msch(CONSOLE, &schib);
	ctl_set_bits(6, CR6_ISC_MASK(CONSOLE_ISC));
}

/* Takes the subchannel's status; true if it was the console's. */
static bool console_status(void)
{
	return tsch(CONSOLE, &irb) == 0;
}

/* Runs one CCW; returns the residual count, or -1 if the console is not there. */
static int console_ccw(uint8_t cmd, uint16_t count)
{
	int cc;

	ccw1_orb_one(&ccw, &orb, cmd, iobuf, count, 0xc0e5);
	for (int tries = 0; (cc = ssch(CONSOLE, &orb)) != 0; tries++) {
		if (cc == 3 || tries > 100)
			return -1;
		if (cc == 1)
			console_status(); /* an old status (attention, say) first */
		else
			cms_wait(PSW_MASK_IO);
	}
	for (;;) {
		cms_wait(PSW_MASK_IO);
		if (*(volatile uint32_t *)LC_SUBCHANNEL_ID == CONSOLE && console_status() &&
		    (irb.scsw.dstat & DEV_STAT_DEV_END))
			break;
	}
	return irb.scsw.count;
}

static void write_piece(const char *text, size_t len)
{
	ascii_to_ebcdic(EBCDIC_CP037, iobuf, text, len);
	if (len == 0)
		iobuf[len++] = 0x40; /* an empty line is one blank */
	console_ccw(CCW_WRITE_CR, (uint16_t)len);
}

void con_write(const char *text)
{
	size_t len = strlen(text);

	do {
		size_t n = len > CMS_LINE_MAX ? CMS_LINE_MAX : len;

		write_piece(text, n);
		text += n;
		len -= n;
	} while (len);
}

void con_printf(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	kvsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	con_write(line);
}

size_t con_read(char *buf, size_t size)
{
	for (;;) {
		int residual = console_ccw(CCW_READ, CMS_LINE_MAX);
		size_t len;

		if (residual < 0 || (irb.scsw.dstat & DEV_STAT_UNIT_EXCEP)) {
			/* No terminal (disconnected): ask again in a while. */
			cms_sleep_ms(1000);
			continue;
		}
		len = CMS_LINE_MAX - (size_t)residual;
		if (len >= size)
			len = size - 1;
		ebcdic_to_ascii(EBCDIC_CP037, buf, iobuf, len);
		buf[len] = 0;
		return len;
	}
}
