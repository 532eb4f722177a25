/*
 * Channel-subsystem instructions.
 *
 * Under VM/64 every virtual machine has one device, the virtual console: subchannel 0.0.0000,
 * device number 0009, a 3215 (sense ID FF 3215 00 3215 00), disabled and ISC 0 at IPL. The
 * checks cover its SCHIB (STSCH), enabling it (MSCH), channel programs run synchronously by
 * SSCH (write, no-op, sense, sense ID, read, command reject, command and data chaining, and
 * program checks for CCWs and data outside storage, a count of 0 and a bad format-1 CCW), the
 * ending status TSCH stores, the I/O interruption (its masking by CR6 and the PSW, the lowcore
 * words, TPI), status and interruption clearing, and the subchannels past the disks' not
 * operational (cc 3; the disks are tests/guest/vfba.c's). HSCH/CSCH/XSCH are only checked
 * loosely (cc 0-2, CP goes on).
 *
 * Bare, there is no such device: on QEMU every subchannel is not operational (cc 3) and TPI
 * finds nothing; bare Hercules needs a device in its configuration (subchannel 0 exists), so
 * there both the no-device and the console checks are skipped. Everywhere: a subsystem-
 * identification word without its "one" bit is an operand exception, operands off their
 * boundary are specification exceptions, and all of them are privileged.
 */
#include <lib/ebcdic.h>

#include "guest.h"

static struct schib schib __attribute__((aligned(4)));
static struct orb orb __attribute__((aligned(8)));
static struct irb irb __attribute__((aligned(4)));
static uint32_t words[4] __attribute__((aligned(8)));

/* A SCHIB with a guard word after it: STSCH stores 52 bytes, not more. */
static struct {
	struct schib schib;
	uint32_t guard;
} guarded __attribute__((aligned(4)));

static struct ccw1 ccws[4];
static uint8_t data[256] __attribute__((aligned(8)));

#define CONSOLE	      SCHID(0)
#define CONSOLE_DEVNO 0x0009
#define CONSOLE_ISC   3 /* what the tests set with MSCH */

#define CMD_WRITE	0x01
#define CMD_WRITE_CR	0x09
#define CMD_NOOP	0x03
#define CMD_SENSE	0x04
#define CMD_READ	0x0a
#define CMD_SENSE_ID	0xe4
#define CMD_INVALID	0x07

#define CSTAT_PROGRAM_CHECK 0x20
#define DSTAT_OK	    (DEV_STAT_CHN_END | DEV_STAT_DEV_END)
#define STCTL_DONE	    (SCSW_STCTL_PRIMARY | 0x02 /* secondary */ | SCSW_STCTL_PENDING)

/* An I/O instruction with an arbitrary GR1 and operand address; returns the cc. */
#define IO_INSN(mnemonic, gr1, addr)                                                               \
	({                                                                                         \
		register unsigned long __r1 asm("1") = (gr1);                                      \
		int __cc;                                                                          \
		asm volatile(mnemonic " 0(%2)\n\tipm %0\n\tsrl %0,28"                              \
			     : "=d"(__cc)                                                          \
			     : "d"(__r1), "a"((uint64_t)(addr))                                    \
			     : "cc", "memory");                                                    \
		__cc;                                                                              \
	})

static int xsch(uint32_t schid)
{
	register unsigned long r1 asm("1") = schid;
	int cc;

	asm volatile("xsch\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "d"(r1) : "cc", "memory");
	return cc;
}

static uint64_t addr_of(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

static unsigned isc_of(const struct schib *s)
{
	return (s->pmcw.flags0 >> PMCW0_ISC_SHIFT) & 7;
}

/* The low byte of the SCSW's first word: activity control (bits 24-26) and status control. */
static unsigned scsw_low(const struct scsw *s)
{
	return s->flags & 0xff;
}

/*
 * Opens the I/O mask for up to timeout_us with CR6 = cr6 (a clock-comparator watchdog bounds
 * the enabled wait); true if an I/O interruption came. CR6 goes back to what it was.
 */
static bool io_window(uint64_t cr6, uint64_t timeout_us)
{
	unsigned before = io_int_count();
	uint64_t deadline = stck() + tod_us(timeout_us);
	uint64_t old_cr6 = stctg(6);
	bool came = false;

	lctlg(6, cr6);
	while (!came && stck() < deadline) {
		sckc(deadline);
		ctl_set_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
		enabled_wait(PSW_MASK_EXT | PSW_MASK_IO);
		came = io_int_count() != before;
	}
	ctl_clear_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
	sckc(UINT64_MAX);
	lctlg(6, old_cr6);
	return came;
}

static void set_ccw(struct ccw1 *c, uint8_t cmd, uint8_t flags, uint16_t count, uint64_t cda)
{
	c->cmd = cmd;
	c->flags = flags;
	c->count = count;
	c->cda = (uint32_t)cda;
}

/* SSCH of a format-1 channel program at cpa on the console; returns the cc. */
static int start_at(uint64_t cpa, uint32_t intparm)
{
	orb_format1(&orb, (uint32_t)cpa, intparm);
	return ssch(CONSOLE, &orb);
}

/*
 * Runs a channel program and stores its ending status in irb with TSCH (which also clears the
 * interruption it made pending). False, reported, if SSCH or TSCH did not give cc 0.
 */
static bool run_at(const char *what, uint64_t cpa)
{
	int cc = start_at(cpa, 0x10c0ffee);

	if (cc != 0) {
		report(false, "%s: SSCH cc 0 (got %d)", what, cc);
		return false;
	}
	memset(&irb, 0xee, sizeof(irb));
	cc = tsch(CONSOLE, &irb);
	if (cc != 0) {
		report(false, "%s: TSCH cc 0 after SSCH (got %d)", what, cc);
		return false;
	}
	return true;
}

static bool run(const char *what)
{
	return run_at(what, addr_of(ccws));
}

/* The ending of a program that got to its end at CCW last with the given device status. */
static void check_end(const char *what, unsigned last, uint8_t dstat, int residual)
{
	uint32_t ccw = (uint32_t)addr_of(&ccws[last]) + 8;

	report(irb.scsw.dstat == dstat && irb.scsw.cstat == 0,
	       "%s: device status %02x, subchannel status 00 (got %02x %02x)", what, dstat,
	       irb.scsw.dstat, irb.scsw.cstat);
	report(irb.scsw.ccw == ccw, "%s: SCSW CCW address %08x, CCW %u + 8 (got %08x)", what, ccw,
	       last, irb.scsw.ccw);
	if (residual >= 0)
		report(irb.scsw.count == residual, "%s: residual count %d (got %u)", what, residual,
		       irb.scsw.count);
	if (dstat == DSTAT_OK)
		report(scsw_low(&irb.scsw) == STCTL_DONE,
		       "%s: SCSW status control primary+secondary+pending, X'07' (got X'%02x')",
		       what, scsw_low(&irb.scsw));
	else
		report((scsw_low(&irb.scsw) & 0xe7) == STCTL_DONE,
		       "%s: SCSW status control primary+secondary+pending, not active "
		       "(got X'%02x')",
		       what, scsw_low(&irb.scsw));
}

/* The ending of a program that ended in a program check (subchannel status X'20'). */
static void check_program_check(const char *what)
{
	report(irb.scsw.cstat == CSTAT_PROGRAM_CHECK && irb.scsw.dstat == 0,
	       "%s: subchannel status 20 (program check), device status 00 (got %02x %02x)", what,
	       irb.scsw.cstat, irb.scsw.dstat);
	report((scsw_low(&irb.scsw) & 0xe7) == STCTL_DONE,
	       "%s: SCSW status control primary+secondary+pending (got X'%02x')", what,
	       scsw_low(&irb.scsw));
	report_info("io: %s: SCSW %08x %08x %02x%02x%04x", what, irb.scsw.flags, irb.scsw.ccw,
		    irb.scsw.dstat, irb.scsw.cstat, irb.scsw.count);
}

/* Sense (1 byte) into data[0], which starts as X'AA'; returns the byte, or -1 if it failed. */
static int sense_byte(const char *what)
{
	data[0] = 0xaa;
	set_ccw(&ccws[0], CMD_SENSE, 0, 1, addr_of(data));
	if (!run(what))
		return -1;
	check_end(what, 0, DSTAT_OK, 0);
	return data[0];
}

static void test_no_devices(void)
{
	uint32_t schids[] = {SCHID(0), SCHID(1), SCHID(0x0009), SCHID(0xffff)};
	int cc;

	report_prefix_push("no devices");
	for (unsigned i = 0; i < sizeof(schids) / sizeof(schids[0]); i++) {
		cc = stsch(schids[i], &schib);
		report(cc == 3, "STSCH %08x: cc 3 (got %d)", schids[i], cc);
	}
	memset(&schib, 0, sizeof(schib));
	report(msch(SCHID(0), &schib) == 3, "MSCH 0.0.0000: cc 3");
	report(tsch(SCHID(0), &irb) == 3, "TSCH 0.0.0000: cc 3");
	report(hsch(SCHID(0)) == 3, "HSCH 0.0.0000: cc 3");
	report(csch(SCHID(0)) == 3, "CSCH 0.0.0000: cc 3");

	/* A channel program at an address far outside storage: no device to run it. */
	orb_format1(&orb, 0x7ffff000, 0x12345678);
	cc = ssch(SCHID(0), &orb);
	report(cc == 3, "SSCH 0.0.0000, channel program at X'7FFFF000': cc 3 (got %d)", cc);

	cc = tpi(addr_of(words));
	report(cc == 0, "TPI: no interruption pending, cc 0 (got %d)", cc);
	report(io_int_count() == 0, "no I/O interruption came");
	report_prefix_pop();
}

/* Under VM/64: 0.0.0000 and one subchannel per disk (0.0.0001-0.0.0004, cp/vfba.h). */
static void test_other_subchannels(void)
{
	uint32_t schids[] = {SCHID(0x0005), SCHID(0x0009), SCHID(0x00ff), SCHID(0xffff)};
	int cc;

	report_prefix_push("other subchannels");
	for (unsigned i = 0; i < sizeof(schids) / sizeof(schids[0]); i++) {
		cc = stsch(schids[i], &schib);
		report(cc == 3, "STSCH %08x: cc 3 (got %d)", schids[i], cc);
	}
	memset(&schib, 0, sizeof(schib));
	schib.pmcw.flags1 = PMCW1_ENABLED;
	report(msch(SCHID(0x00ff), &schib) == 3, "MSCH 0.0.00FF: cc 3");
	report(tsch(SCHID(0x00ff), &irb) == 3, "TSCH 0.0.00FF: cc 3");
	report(hsch(SCHID(0x00ff)) == 3, "HSCH 0.0.00FF: cc 3");
	report(csch(SCHID(0x00ff)) == 3, "CSCH 0.0.00FF: cc 3");
	report(xsch(SCHID(0x00ff)) == 3, "XSCH 0.0.00FF: cc 3");
	set_ccw(&ccws[0], CMD_NOOP, 0, 1, addr_of(data));
	orb_format1(&orb, (uint32_t)addr_of(ccws), 0);
	cc = ssch(SCHID(0x00ff), &orb);
	report(cc == 3, "SSCH 0.0.00FF: cc 3 (got %d)", cc);
	report_prefix_pop();
}

/* The SCHIB at IPL, and enabling the subchannel with MSCH. */
static bool console_schib(void)
{
	int cc;

	memset(&guarded, 0xee, sizeof(guarded));
	cc = stsch(CONSOLE, &guarded.schib);
	report(cc == 0, "STSCH 0.0.0000: cc 0 (got %d)", cc);
	if (cc != 0)
		return false;
	schib = guarded.schib;
	report(guarded.guard == 0xeeeeeeeeu, "STSCH stores 52 bytes, not more");
	report(schib.pmcw.devno == CONSOLE_DEVNO, "device number 0009 (got %04x)", schib.pmcw.devno);
	report(schib.pmcw.flags1 & PMCW1_DEVNO_VALID, "device number valid (PMCW byte 5 %02x)",
	       schib.pmcw.flags1);
	report(!(schib.pmcw.flags1 & PMCW1_ENABLED), "not enabled at IPL (PMCW byte 5 %02x)",
	       schib.pmcw.flags1);
	report(isc_of(&schib) == 0, "ISC 0 (got %u)", isc_of(&schib));
	report(schib.pmcw.intparm == 0, "interruption parameter 0 (got %08x)", schib.pmcw.intparm);
	report((scsw_low(&schib.scsw) & 0x1f) == 0, "no status pending (SCSW %08x)",
	       schib.scsw.flags);

	/* The architecture makes a subchannel that is not enabled not operational for TSCH. */
	cc = tsch(CONSOLE, &irb);
	report(cc == 3, "TSCH while not enabled: cc 3, not operational (got %d)", cc);
	cc = tpi(addr_of(words));
	report(cc == 0, "TPI: nothing pending, cc 0 (got %d)", cc);

	set_ccw(&ccws[0], CMD_NOOP, 0, 1, addr_of(data));
	cc = start_at(addr_of(ccws), 0);
	report(cc == 3, "SSCH while not enabled: cc 3 (got %d)", cc);

	schib.pmcw.intparm = 0xc0ffee01;
	schib.pmcw.flags0 = (uint8_t)((schib.pmcw.flags0 & ~0x38) | (CONSOLE_ISC << 3));
	schib.pmcw.flags1 |= PMCW1_ENABLED;
	cc = msch(CONSOLE, &schib);
	report(cc == 0, "MSCH: enable, ISC 3, intparm C0FFEE01: cc 0 (got %d)", cc);
	memset(&schib, 0, sizeof(schib));
	cc = stsch(CONSOLE, &schib);
	report(cc == 0 && (schib.pmcw.flags1 & PMCW1_ENABLED) &&
		       (schib.pmcw.flags1 & PMCW1_DEVNO_VALID),
	       "STSCH after MSCH: cc 0, enabled, device number valid (cc %d, byte 5 %02x)", cc,
	       schib.pmcw.flags1);
	report(isc_of(&schib) == CONSOLE_ISC, "STSCH after MSCH: ISC 3 (got %u)", isc_of(&schib));
	report(schib.pmcw.intparm == 0xc0ffee01, "STSCH after MSCH: intparm C0FFEE01 (got %08x)",
	       schib.pmcw.intparm);
	report(schib.pmcw.devno == CONSOLE_DEVNO, "STSCH after MSCH: device number 0009 (got %04x)",
	       schib.pmcw.devno);
	if (cc != 0 || !(schib.pmcw.flags1 & PMCW1_ENABLED))
		return false;
	memset(&irb, 0xee, sizeof(irb));
	cc = tsch(CONSOLE, &irb);
	report(cc == 1, "TSCH with no status pending: cc 1 (got %d)", cc);
	return true;
}

/* Sense ID, its status and its I/O interruption: masking, delivery, lowcore, TSCH. */
static void console_interruption(void)
{
	static const uint8_t sense_id[7] = {0xff, 0x32, 0x15, 0x00, 0x32, 0x15, 0x00};
	struct schib pending;
	uint64_t cr6 = stctg(6);
	int cc;

	report_prefix_push("interruption");
	lctlg(6, 0);
	memset(data, 0xaa, sizeof(data));
	set_ccw(&ccws[0], CMD_SENSE_ID, 0, 7, addr_of(data));
	cc = start_at(addr_of(ccws), 0x5e15e1d0);
	report(cc == 0, "SSCH sense ID: cc 0 (got %d)", cc);
	if (cc != 0)
		goto out;

	memset(&pending, 0, sizeof(pending));
	cc = stsch(CONSOLE, &pending);
	report(cc == 0 && (scsw_low(&pending.scsw) & 0x1f) == STCTL_DONE,
	       "STSCH at once: status pending, primary+secondary (cc %d, SCSW %08x)", cc,
	       pending.scsw.flags);
	cc = start_at(addr_of(ccws), 0);
	report(cc == 1, "SSCH while status pending: cc 1 (got %d)", cc);
	cc = msch(CONSOLE, &pending);
	report(cc == 1, "MSCH while status pending: cc 1 (got %d)", cc);

	/* ISC 3 masked in CR6: neither the PSW nor TPI sees the interruption. */
	report(!io_window(CR6_ISC_MASK(0), 20000), "not delivered with only ISC 0 enabled in CR6");
	cc = tpi(addr_of(words));
	report(cc == 0, "TPI with ISC 3 masked in CR6: cc 0 (got %d)", cc);

	report(io_window(CR6_ISC_MASK(CONSOLE_ISC), 1000000), "delivered with ISC 3 enabled");
	report(io_int_count() == 1, "exactly one I/O interruption so far (got %u)", io_int_count());
	report(lowcore->subchannel_id == CONSOLE, "lowcore X'B8': subsystem ID %08x (got %08x)",
	       CONSOLE, lowcore->subchannel_id);
	report(lowcore->io_int_parm == 0x5e15e1d0,
	       "lowcore X'BC': the ORB's intparm 5E15E1D0 (got %08x)", lowcore->io_int_parm);
	report(((lowcore->io_int_word >> 27) & 7) == CONSOLE_ISC,
	       "lowcore X'C0': ISC 3 in bits 2-4 (word %08x)", lowcore->io_int_word);
	report(lowcore->io_old_psw.mask & PSW_MASK_IO, "old PSW at X'170' has the I/O mask (%016lx)",
	       (unsigned long)lowcore->io_old_psw.mask);

	cc = tpi(addr_of(words));
	report(cc == 0, "TPI after delivery: cc 0 (got %d)", cc);
	memset(&pending, 0, sizeof(pending));
	stsch(CONSOLE, &pending);
	report((scsw_low(&pending.scsw) & 0x1f) == STCTL_DONE,
	       "status still pending after delivery (SCSW %08x)", pending.scsw.flags);

	memset(&irb, 0xee, sizeof(irb));
	cc = tsch(CONSOLE, &irb);
	report(cc == 0, "TSCH: cc 0 (got %d)", cc);
	check_end("sense ID", 0, DSTAT_OK, 0);
	report(!memcmp(data, sense_id, sizeof(sense_id)),
	       "sense ID: FF 3215 00 3215 00 (got %02x %02x%02x %02x %02x%02x %02x)", data[0],
	       data[1], data[2], data[3], data[4], data[5], data[6]);
	report(data[7] == 0xaa, "sense ID: stores 7 bytes, not more");
	report_info("io: sense ID ending SCSW %08x %08x %02x%02x%04x", irb.scsw.flags, irb.scsw.ccw,
		    irb.scsw.dstat, irb.scsw.cstat, irb.scsw.count);
	cc = tsch(CONSOLE, &irb);
	report(cc == 1, "TSCH again: cc 1, the status is gone (got %d)", cc);
	memset(&pending, 0xee, sizeof(pending));
	stsch(CONSOLE, &pending);
	report((scsw_low(&pending.scsw) & 0x1f) == 0, "STSCH: no status pending (SCSW %08x)",
	       pending.scsw.flags);

	/*
	 * TPI takes the interruption (not the status); TSCH then takes the status. At a nonzero
	 * address TPI stores two words (subsystem ID, intparm); at 0 it stores three, the
	 * interruption-ID word too, at X'B8' in the lowcore.
	 */
	set_ccw(&ccws[0], CMD_NOOP, 0, 1, addr_of(data));
	cc = start_at(addr_of(ccws), 0x7e57b001);
	report(cc == 0, "SSCH no-op: cc 0 (got %d)", cc);
	lctlg(6, CR6_ISC_MASK(CONSOLE_ISC));
	memset(words, 0xee, sizeof(words));
	cc = tpi(addr_of(words));
	lctlg(6, 0);
	report(cc == 1, "TPI: cc 1 (got %d)", cc);
	report(words[0] == CONSOLE && words[1] == 0x7e57b001,
	       "TPI stores subsystem ID, intparm 7E57B001 (got %08x %08x)", words[0], words[1]);
	report(words[2] == 0xeeeeeeeeu, "TPI at a nonzero address stores 2 words, not more (got %08x)",
	       words[2]);
	lctlg(6, CR6_ISC_MASK(CONSOLE_ISC));
	cc = tpi(addr_of(words));
	lctlg(6, 0);
	report(cc == 0, "TPI again: cc 0 (got %d)", cc);
	memset(&pending, 0, sizeof(pending));
	stsch(CONSOLE, &pending);
	report((scsw_low(&pending.scsw) & 0x1f) == STCTL_DONE,
	       "status still pending after TPI (SCSW %08x)", pending.scsw.flags);
	cc = tsch(CONSOLE, &irb);
	report(cc == 0 && irb.scsw.dstat == DSTAT_OK, "TSCH after TPI: cc 0, CE+DE (cc %d, %02x)",
	       cc, irb.scsw.dstat);
	report(!io_window(0xff000000ULL, 20000), "no interruption left after TPI and TSCH");

	cc = start_at(addr_of(ccws), 0x7e57b003);
	report(cc == 0, "SSCH no-op: cc 0 (got %d)", cc);
	lowcore->subchannel_id = 0xeeeeeeee;
	lowcore->io_int_parm = 0xeeeeeeee;
	lowcore->io_int_word = 0xeeeeeeee;
	lctlg(6, CR6_ISC_MASK(CONSOLE_ISC));
	cc = tpi(0);
	lctlg(6, 0);
	report(cc == 1, "TPI to the lowcore: cc 1 (got %d)", cc);
	report(lowcore->subchannel_id == CONSOLE && lowcore->io_int_parm == 0x7e57b003 &&
		       ((lowcore->io_int_word >> 27) & 7) == CONSOLE_ISC,
	       "TPI to the lowcore: X'B8' subsystem ID, intparm 7E57B003, ISC 3 "
	       "(got %08x %08x %08x)",
	       lowcore->subchannel_id, lowcore->io_int_parm, lowcore->io_int_word);
	cc = tsch(CONSOLE, &irb);
	report(cc == 0 && irb.scsw.dstat == DSTAT_OK, "TSCH after TPI to the lowcore: cc 0, CE+DE (cc %d, %02x)",
	       cc, irb.scsw.dstat);

	/* TSCH of a status whose interruption was never taken clears the interruption too. */
	cc = start_at(addr_of(ccws), 0x7e57b002);
	report(cc == 0, "SSCH no-op: cc 0 (got %d)", cc);
	cc = tsch(CONSOLE, &irb);
	report(cc == 0 && irb.scsw.dstat == DSTAT_OK, "TSCH at once: cc 0, CE+DE (cc %d, %02x)", cc,
	       irb.scsw.dstat);
	report(!io_window(0xff000000ULL, 20000), "TSCH cleared the pending interruption");
	report(io_int_count() == 1, "one I/O interruption in all (got %u)", io_int_count());
out:
	lctlg(6, cr6);
	report_prefix_pop();
}

static void console_programs(void)
{
	static const char line1[] = "VM64 IO GUEST: LINE 1 WRITTEN BY CCW X'09'";
	static const char line2a[] = "VM64 IO GUEST: LINE 2 WRITTEN BY CCW X'01', ";
	static const char line2b[] = "DATA CHAINED";
	uint8_t *text2a = data + 64, *text2b = data + 128;
	int sense;

	report_prefix_push("programs");
	ascii_to_ebcdic(EBCDIC_CP037, data, line1, sizeof(line1) - 1);
	ascii_to_ebcdic(EBCDIC_CP037, text2a, line2a, sizeof(line2a) - 1);
	ascii_to_ebcdic(EBCDIC_CP037, text2b, line2b, sizeof(line2b) - 1);
	set_ccw(&ccws[0], CMD_WRITE_CR, CCW_FLAG_CC, sizeof(line1) - 1, addr_of(data));
	set_ccw(&ccws[1], CMD_WRITE, CCW_FLAG_CD, sizeof(line2a) - 1, addr_of(text2a));
	set_ccw(&ccws[2], CMD_WRITE, 0, sizeof(line2b) - 1, addr_of(text2b));
	report_info("io: the next two console lines are \"%s\" and \"%s%s\"", line1, line2a,
		    line2b);
	if (run("write X'09', command-chained to write X'01' data-chained"))
		check_end("writes", 2, DSTAT_OK, 0);

	set_ccw(&ccws[0], CMD_NOOP, 0, 1, addr_of(data));
	if (run("no-op"))
		check_end("no-op", 0, DSTAT_OK, -1);

	sense = sense_byte("sense");
	report(sense == 0x00, "sense: byte 00 (got %02x)", sense);

	/* SLI: no incorrect length with the command reject (bare Hercules shows one without). */
	set_ccw(&ccws[0], CMD_INVALID, CCW_FLAG_SLI, 1, addr_of(data));
	if (run("command X'07'"))
		check_end("command X'07'", 0, DEV_STAT_CHN_END | DEV_STAT_DEV_END | DEV_STAT_UNIT_CHECK,
			  -1);
	sense = sense_byte("sense after command reject");
	report(sense == 0x80, "sense after command reject: byte 80 (got %02x)", sense);

	/* Unit check ends the program: the chained write does not run. */
	set_ccw(&ccws[0], CMD_INVALID, CCW_FLAG_CC | CCW_FLAG_SLI, 1, addr_of(data));
	set_ccw(&ccws[1], CMD_WRITE_CR, 0, sizeof(line1) - 1, addr_of(data));
	ascii_to_ebcdic(EBCDIC_CP037, data, line1, sizeof(line1) - 1);
	if (run("command X'07' chained to a write"))
		check_end("command X'07' chained", 0,
			  DEV_STAT_CHN_END | DEV_STAT_DEV_END | DEV_STAT_UNIT_CHECK, -1);

	set_ccw(&ccws[0], CMD_READ, 0, 80, addr_of(data));
	if (run("read")) {
		check_end("read, no input", 0,
			  DEV_STAT_CHN_END | DEV_STAT_DEV_END | DEV_STAT_UNIT_EXCEP, -1);
		report_info("io: read with no input: residual count %u of 80", irb.scsw.count);
	}

	memset(data, 0xaa, sizeof(data));
	set_ccw(&ccws[0], CMD_NOOP, CCW_FLAG_CC, 1, addr_of(data + 100));
	set_ccw(&ccws[1], CMD_SENSE_ID, CCW_FLAG_CC, 7, addr_of(data));
	set_ccw(&ccws[2], CMD_NOOP, 0, 1, addr_of(data + 100));
	if (run("no-op, sense ID, no-op")) {
		check_end("command chain of 3", 2, DSTAT_OK, -1);
		report(data[0] == 0xff && data[1] == 0x32 && data[2] == 0x15 && data[4] == 0x32 &&
			       data[5] == 0x15,
		       "command chain of 3: the sense ID in the middle ran");
	}
	report_prefix_pop();
}

static void console_program_checks(void)
{
	uint64_t end = guest_env.storage_size;
	uint64_t wild = end < 0x7ffff000ULL ? 0x7ffff000ULL : 0;
	uint8_t *top;
	struct ccw1 *last;

	report_prefix_push("program check");
	if (wild) {
		if (run_at("channel program at X'7FFFF000'", wild))
			check_program_check("CCW outside storage");
		set_ccw(&ccws[0], CMD_WRITE_CR, 0, 10, wild);
		if (run("write from X'7FFFF000'"))
			check_program_check("data outside storage");
		set_ccw(&ccws[0], CMD_SENSE_ID, 0, 7, wild);
		if (run("sense ID into X'7FFFF000'"))
			check_program_check("read data outside storage");
	} else {
		report_skip("outside-storage checks: storage reaches X'7FFFF000'");
	}

	/* A sense ID that runs off the end of storage, and a chain off its end. */
	top = (uint8_t *)(uintptr_t)(end - 8);
	memset(top, 0xaa, 8);
	set_ccw(&ccws[0], CMD_SENSE_ID, 0, 7, end - 4);
	if (run("sense ID into the last 4 bytes of storage"))
		check_program_check("data across the end of storage");
	last = (struct ccw1 *)(uintptr_t)(end - 8);
	set_ccw(last, CMD_NOOP, CCW_FLAG_CC, 1, addr_of(data));
	if (run_at("no-op in the last 8 bytes, command-chained", end - 8))
		check_program_check("next CCW beyond the end of storage");

	/* Count 0 is valid in a format-1 CCW (a program check only in format 0): a NOP ends
	 * normally, a write that finds no data ends with incorrect length unless SLI. */
	set_ccw(&ccws[0], CMD_NOOP, 0, 0, 0);
	if (run("no-op, count 0"))
		report(irb.scsw.cstat == 0 && irb.scsw.dstat == DSTAT_OK,
		       "no-op, count 0: channel end, device end (got %02x %02x)", irb.scsw.cstat,
		       irb.scsw.dstat);
	set_ccw(&ccws[0], CMD_WRITE_CR, 0, 0, addr_of(data));
	if (run("write, count 0"))
		report(irb.scsw.cstat == SCH_STAT_INCORR_LEN,
		       "write, count 0: incorrect length (got %02x %02x)", irb.scsw.cstat,
		       irb.scsw.dstat);
	/* Bit 32 of a format-1 CCW must be zero; as a 31-bit address the rest is valid. */
	set_ccw(&ccws[0], CMD_WRITE_CR, 0, 10, 0x80000000u | addr_of(data));
	if (run("write, CCW bit 32 one"))
		check_program_check("write, format-1 CCW with bit 32 one");
	/* Without data to move, bare Hercules does not look at the address: not judged. */
	set_ccw(&ccws[0], CMD_NOOP, 0, 1, 0x80000000u | addr_of(data));
	if (run("no-op, CCW bit 32 one"))
		report_info("io: no-op with CCW bit 32 one: SCSW %08x %08x %02x%02x%04x",
			    irb.scsw.flags, irb.scsw.ccw, irb.scsw.dstat, irb.scsw.cstat,
			    irb.scsw.count);

	set_ccw(&ccws[0], CMD_NOOP, 0, 1, addr_of(data));
	if (run("no-op after the program checks"))
		check_end("no-op after the program checks", 0, DSTAT_OK, -1);
	report_prefix_pop();
}

/* HSCH, CSCH, XSCH: loose checks; the subchannel must still work afterwards. */
static void console_halt_clear_cancel(void)
{
	struct {
		const char *name;
		int (*insn)(uint32_t);
	} insns[] = {{"HSCH", hsch}, {"CSCH", csch}, {"XSCH", xsch}};
	int cc, tcc;

	report_prefix_push("halt/clear/cancel");
	for (unsigned i = 0; i < sizeof(insns) / sizeof(insns[0]); i++) {
		cc = insns[i].insn(CONSOLE);
		report(cc >= 0 && cc <= 2, "%s on an idle subchannel: cc 0-2 (got %d)", insns[i].name,
		       cc);
		memset(&irb, 0, sizeof(irb));
		tcc = tsch(CONSOLE, &irb);
		report(tcc <= 1, "TSCH after %s: cc 0 or 1 (got %d)", insns[i].name, tcc);
		report_info("io: %s cc %d; TSCH cc %d, SCSW %08x %08x %02x%02x%04x", insns[i].name, cc,
			    tcc, irb.scsw.flags, irb.scsw.ccw, irb.scsw.dstat, irb.scsw.cstat,
			    irb.scsw.count);
	}
	set_ccw(&ccws[0], CMD_NOOP, 0, 1, addr_of(data));
	if (run("no-op after HSCH/CSCH/XSCH"))
		check_end("no-op after HSCH/CSCH/XSCH", 0, DSTAT_OK, -1);
	io_window(0xff000000ULL, 20000); /* whatever they left pending */
	while (tsch(CONSOLE, &irb) == 0)
		;
	report_prefix_pop();
}

static void test_console(void)
{
	int cc;

	report_prefix_push("console 0009");
	if (!console_schib()) {
		report_skip("channel programs: the subchannel could not be enabled");
		report_prefix_pop();
		return;
	}
	console_interruption();
	console_programs();
	console_program_checks();
	console_halt_clear_cancel();

	/* Back to how IPL left it: disabled, ISC 0, intparm 0. */
	memset(&schib, 0, sizeof(schib));
	stsch(CONSOLE, &schib);
	schib.pmcw.intparm = 0;
	schib.pmcw.flags0 &= (uint8_t)~0x38;
	schib.pmcw.flags1 &= (uint8_t)~PMCW1_ENABLED;
	cc = msch(CONSOLE, &schib);
	report(cc == 0, "MSCH: disable again, cc 0 (got %d)", cc);
	set_ccw(&ccws[0], CMD_NOOP, 0, 1, addr_of(data));
	cc = start_at(addr_of(ccws), 0);
	report(cc == 3, "SSCH after disabling: cc 3 (got %d)", cc);
	cc = tpi(addr_of(words));
	report(cc == 0, "TPI at the end: nothing pending, cc 0 (got %d)", cc);
	report_prefix_pop();
}

static void test_operand_checks(void)
{
	report_prefix_push("operands");
	expect_pgm_int();
	IO_INSN("stsch", 0, addr_of(&schib));
	check_pgm_int_code("STSCH, GR1 without the one bit", PGM_OPERAND);
	expect_pgm_int();
	IO_INSN("stsch", 0x80010000u, addr_of(&schib));
	check_pgm_int_code("STSCH, GR1 with bit 32 one", PGM_OPERAND);
	expect_pgm_int();
	IO_INSN("ssch", 0x00000001u, addr_of(&orb));
	check_pgm_int_code("SSCH, GR1 without the one bit", PGM_OPERAND);
	expect_pgm_int();
	IO_INSN("tsch", 0x12345678u, addr_of(&irb));
	check_pgm_int_code("TSCH, GR1 garbage", PGM_OPERAND);
	expect_pgm_int();
	IO_INSN("msch", 0, addr_of(&schib));
	check_pgm_int_code("MSCH, GR1 zero", PGM_OPERAND);

	expect_pgm_int();
	IO_INSN("stsch", SCHID(0), addr_of(words) + 1);
	check_pgm_int_code("STSCH, SCHIB not on a word", PGM_SPECIFICATION);
	expect_pgm_int();
	IO_INSN("ssch", SCHID(0), addr_of(words) + 2);
	check_pgm_int_code("SSCH, ORB not on a word", PGM_SPECIFICATION);
	expect_pgm_int();
	IO_INSN("tsch", SCHID(0), addr_of(words) + 1);
	check_pgm_int_code("TSCH, IRB not on a word", PGM_SPECIFICATION);
	expect_pgm_int();
	tpi(addr_of(words) + 1);
	check_pgm_int_code("TPI, operand not on a word", PGM_SPECIFICATION);
	report_prefix_pop();
}

static void test_problem_state(void)
{
	report_prefix_push("problem state");
	enter_pstate();
	expect_pgm_int();
	stsch(SCHID(0), &schib);
	leave_pstate();
	check_pgm_int_code("STSCH", PGM_PRIVILEGED_OP);
	enter_pstate();
	expect_pgm_int();
	ssch(SCHID(0), &orb);
	leave_pstate();
	check_pgm_int_code("SSCH", PGM_PRIVILEGED_OP);
	enter_pstate();
	expect_pgm_int();
	tpi(addr_of(words));
	leave_pstate();
	check_pgm_int_code("TPI", PGM_PRIVILEGED_OP);
	report_prefix_pop();
}

int main(void)
{
	report_prefix_push("io");
	if (under_vm64()) {
		test_other_subchannels();
		test_console();
	} else {
		if (stsch(SCHID(0), &schib) == 0) {
			/* Bare Hercules needs a device in its configuration: subchannel 0 exists. */
			report_skip("no-device checks: this machine has a device on subchannel "
				    "0.0.0000 (devno %04x)",
				    schib.pmcw.devno);
		} else {
			test_no_devices();
		}
		report_skip("virtual console 0009 checks: not under VM/64");
	}
	test_operand_checks();
	test_problem_state();
	report_prefix_pop();
	return report_summary();
}
