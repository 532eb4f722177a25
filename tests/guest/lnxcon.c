/*
 * LNXCON: drives the virtual console the way Linux's 3215 console driver does through the
 * common I/O layer (drivers/s390/cio, drivers/s390/char/con3215.c), for
 * tests/system/test_terminal.py::test_linux_style_console: STSCH over the subchannels until
 * cc 3 to find device 0009, MSCH to enable it with ISC 1, Sense ID (control unit 3215), path
 * verification (SENSE PGID, which the 3215 rejects, then the basic SENSE and the NOP
 * fallback), then WRITE X'01' chains ending in a NOP with X'15' new lines in the data. It
 * never reads on its own: only an attention interruption (the user pressed Enter) makes it
 * issue its READ (X'0A', 160 bytes, SLI), whose residual count gives the line's length; it
 * answers "LNXCON: line" and ends at "quit".
 */
#include <lib/ebcdic.h>

#include "chan.h"
#include "guest.h"

#define CONSOLE_DEVNO 0x0009
#define LINUX_CON_ISC 1
#define CMD_WRITE     0x01 /* write, no automatic carrier return */
#define CMD_NOP	      0x03
#define CMD_READ      0x0a
#define CMD_SENSE_PGID 0x34
#define READ_LEN      160
#define NL	      0x15 /* EBCDIC new line */

static struct schib schib __attribute__((aligned(4)));
static struct irb irb __attribute__((aligned(4)));
static struct ccw1 ccws[2] __attribute__((aligned(8)));
static uint8_t buf[256] __attribute__((aligned(8)));
static uint32_t console;

/* Waits, enabled for I/O, for the console's next interruption and takes its status. */
static void next_status(void)
{
	chan_wait_status(console, &irb);
}

/* Starts the chain in ccws[] and waits for its device end; returns the device status. */
static int run(void)
{
	if (chan_start_wait(console, ccws, 0x3215, &irb) < 0)
		return -1;
	while (!(irb.scsw.dstat & DEV_STAT_DEV_END) && !(irb.scsw.cstat))
		next_status();
	return irb.scsw.dstat;
}

/* One write as con3215 builds it: X'01' with command chaining and SLI, then a NOP. */
static void say(const char *text)
{
	size_t len = strlen(text);

	ascii_to_ebcdic(EBCDIC_CP037, buf, text, len);
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n')
			buf[i] = NL;
	ccws[0] = (struct ccw1){ CMD_WRITE, CCW_FLAG_CC | CCW_FLAG_SLI, (uint16_t)len,
				 (uint32_t)(uintptr_t)buf };
	ccws[1] = (struct ccw1){ CMD_NOP, 0, 1, 0 };
	run();
}

static int one_ccw(uint8_t cmd, uint16_t count)
{
	ccws[0] = (struct ccw1){ cmd, CCW_FLAG_SLI, count, (uint32_t)(uintptr_t)buf };
	return run();
}

static int find_console(void)
{
	for (uint32_t n = 0; n < 0x10000; n++) {
		if (stsch(SCHID(n), &schib) != 0)
			return -1;
		if ((schib.pmcw.flags1 & 0x01) && schib.pmcw.devno == CONSOLE_DEVNO) {
			console = SCHID(n);
			return 0;
		}
	}
	return -1;
}

int main(void)
{
	char line[READ_LEN + 1], out[READ_LEN + 16];

	if (find_console())
		return 1;
	schib.pmcw.flags0 = (uint8_t)(LINUX_CON_ISC << PMCW0_ISC_SHIFT);
	schib.pmcw.flags1 |= PMCW1_ENABLED;
	schib.pmcw.flags2 |= PMCW2_CONC_SENSE; /* as cio_commit_config() sets it */
	if (msch(console, &schib) != 0)
		return 2;
	/* ... and then checks that STSCH shows what it set, else it gives the console up. */
	memset(&schib, 0, sizeof(schib));
	if (stsch(console, &schib) != 0 || !(schib.pmcw.flags1 & PMCW1_ENABLED) ||
	    !(schib.pmcw.flags2 & PMCW2_CONC_SENSE) ||
	    ((schib.pmcw.flags0 >> PMCW0_ISC_SHIFT) & 7) != LINUX_CON_ISC)
		return 2;
	ctl_set_bits(6, CR6_ISC_MASK(LINUX_CON_ISC));
	memset(buf, 0, sizeof(buf));
	if (one_ccw(CCW_CMD_SENSE_ID, 7) < 0 || buf[1] != 0x32 || buf[2] != 0x15)
		return 3;
	/* Path verification: SENSE PGID; on command reject, basic sense, then NOP. */
	if (one_ccw(CMD_SENSE_PGID, 11) & DEV_STAT_UNIT_CHECK) {
		one_ccw(CCW_CMD_SENSE, 32);
		if (!(buf[0] & 0x80))
			return 4;
	}
	/* Linux verifies the console's path with a NOP of count 0 (nop_build_cp()); any
	 * subchannel status there and it gives the console up. */
	if (one_ccw(CMD_NOP, 0) != (DEV_STAT_CHN_END | DEV_STAT_DEV_END) || irb.scsw.cstat)
		return 5;
	say("LNXCON READY\nTYPE A LINE\n");
	for (;;) {
		int len;

		next_status();
		if (irb.scsw.dstat != DEV_STAT_ATTENTION)
			continue;
		memset(buf, 0, sizeof(buf));
		ccws[0] = (struct ccw1){ CMD_READ, CCW_FLAG_SLI, READ_LEN,
					 (uint32_t)(uintptr_t)buf };
		if (run() != (DEV_STAT_CHN_END | DEV_STAT_DEV_END))
			continue;
		len = READ_LEN - irb.scsw.count;
		ebcdic_to_ascii(EBCDIC_CP037, line, buf, (size_t)len);
		line[len] = 0;
		if (!strcmp(line, "quit"))
			break;
		ksnprintf(out, sizeof(out), "LNXCON: %s (%d)\n", line, len);
		say(out);
	}
	say("LNXCON ENDS\n");
	return 0;
}
