/*
 * Channel-subsystem driver: find every subchannel with STSCH, enable it with MSCH, learn
 * its device with SENSE ID, and run channel programs one at a time with interrupt-driven,
 * time-bounded waits (PoP SA22-7832 chapters 14-16).
 * Covered by tests/system/test_ipl.py and tests/system/test_terminal.py.
 */
#include <arch/cio.h>
#include <arch/cio_api.h>
#include <arch/cpu.h>
#include <arch/ctlreg_ops.h>
#include <arch/hw.h>
#include <arch/irq.h>
#include <arch/psw.h>
#include <arch/tod.h>
#include <lib/string.h>
#include "arch_priv.h"
#include "blk_priv.h"
#include "vserial.h"

#define CIO_ISC 3 /* the I/O-interruption subclass CP puts every subchannel in */

static struct hw_device devices[CIO_MAX_DEVICES];
static unsigned device_count;

static volatile uint32_t waiting_schid;
static volatile bool waiting_done;
static struct irb waiting_irb;

void (*cio_unsolicited)(uint32_t schid, const struct irb *irb);

unsigned hw_device_count(void)
{
	return device_count;
}

const struct hw_device *hw_device(unsigned index)
{
	return index < device_count ? &devices[index] : 0;
}

void cio_interrupt(uint32_t schid, uint32_t intparm)
{
	struct irb irb;

	(void)intparm;
	if (tsch(schid, &irb) != 0)
		return;
	if (schid != waiting_schid && vserial_interrupt(schid, &irb))
		return;
	if (schid != waiting_schid && vblk_interrupt(schid))
		return;
	if (cio_async_status(schid, &irb))
		return;
	/*
	 * Attention is the device asking for CP (an operator typed on a console). It can come
	 * alone or folded into the ending status of a program CP is running on the same device
	 * (Hercules does that when the operator types during a write): pass it on either way.
	 */
	if ((irb.scsw.dstat & DEV_STAT_ATTENTION) && cio_unsolicited)
		cio_unsolicited(schid, &irb);
	if (schid == waiting_schid && !waiting_done && (irb.scsw.flags & SCSW_STCTL_PRIMARY) &&
	    irb.scsw.dstat != DEV_STAT_ATTENTION) {
		waiting_irb = irb;
		waiting_done = true;
		return;
	}
	if (cio_unsolicited && !(irb.scsw.dstat & DEV_STAT_ATTENTION))
		cio_unsolicited(schid, &irb);
}

int cio_run(uint32_t schid, struct ccw1 *program, struct irb *irb, uint64_t timeout_us)
{
	struct orb orb;
	uint64_t deadline = hw_tod_clock() + us_to_tod(timeout_us);
	int cc;

	orb_format1(&orb, (uint32_t)(uintptr_t)program, schid);
	waiting_schid = schid;
	waiting_done = false;
	cc = ssch(schid, &orb);
	if (cc != 0) {
		waiting_schid = 0;
		return cc == 3 ? -1 : -2;
	}
	while (!waiting_done) {
		uint64_t now = hw_tod_clock();

		if (now >= deadline) {
			csch(schid);
			/* The clear function ends with its own interruption; let it be consumed. */
			waiting_schid = 0;
			arch_wait_device(10000);
			return -3;
		}
		/* Not hw_wait: it returns at once while terminal work waits, and this device's
		 * interruption would then never be taken. */
		arch_wait_device(tod_to_us(deadline - now));
	}
	waiting_schid = 0;
	*irb = waiting_irb;
	return 0;
}

/* SENSE ID response (the first 7 bytes are all CP needs). */
struct senseid {
	uint8_t  reserved;  /* 0x00: 0xff */
	uint16_t cu_type;   /* 0x01 */
	uint8_t  cu_model;  /* 0x03 */
	uint16_t dev_type;  /* 0x04 */
	uint8_t  dev_model; /* 0x06 */
	uint8_t  ciw[25];
} __attribute__((packed));

static struct senseid senseid_buf __attribute__((aligned(8)));

static void sense_id(struct hw_device *dev)
{
	struct ccw1 ccw = { .cmd = CCW_CMD_SENSE_ID, .flags = CCW_FLAG_SLI,
			    .count = sizeof(senseid_buf),
			    .cda = (uint32_t)(uintptr_t)&senseid_buf };
	struct irb irb;

	for (int attempt = 0; attempt < 3; attempt++) {
		memset(&senseid_buf, 0, sizeof(senseid_buf));
		if (cio_run(dev->schid, &ccw, &irb, 500000) != 0)
			continue;
		if (irb.scsw.dstat & DEV_STAT_UNIT_CHECK)
			continue;
		if (senseid_buf.reserved != 0xff)
			continue;
		dev->cu_type = senseid_buf.cu_type;
		dev->cu_model = senseid_buf.cu_model;
		dev->dev_type = senseid_buf.dev_type;
		dev->dev_model = senseid_buf.dev_model;
		dev->identified = true;
		return;
	}
}

void cio_discover(void)
{
	struct schib schib;

	ctl_set_bits(6, CR6_ISC_MASK(CIO_ISC));
	for (uint32_t n = 0; n <= 0xffff && device_count < CIO_MAX_DEVICES; n++) {
		struct hw_device *dev;
		int cc = stsch(SCHID(n), &schib);

		if (cc == 3)
			break; /* past the last installed subchannel */
		if (cc != 0 || !(schib.pmcw.flags1 & PMCW1_DEVNO_VALID))
			continue;
		dev = &devices[device_count++];
		memset(dev, 0, sizeof(*dev));
		dev->schid = SCHID(n);
		dev->devno = schib.pmcw.devno;
		schib.pmcw.intparm = SCHID(n);
		schib.pmcw.flags0 = (uint8_t)(CIO_ISC << PMCW0_ISC_SHIFT);
		schib.pmcw.flags1 |= PMCW1_ENABLED;
		if (msch(SCHID(n), &schib) == 0 && stsch(SCHID(n), &schib) == 0 &&
		    (schib.pmcw.flags1 & PMCW1_ENABLED))
			dev->enabled = true;
	}
	for (unsigned i = 0; i < device_count; i++)
		if (devices[i].enabled)
			sense_id(&devices[i]);
}

int cio_add_virtual(const struct hw_device *dev)
{
	if (device_count >= CIO_MAX_DEVICES)
		return -1;
	devices[device_count] = *dev;
	devices[device_count].schid = 0; /* no subchannel: never matches an interruption */
	return (int)device_count++;
}

int cio_device_index(uint32_t schid)
{
	for (unsigned i = 0; i < device_count; i++)
		if (devices[i].schid == schid)
			return (int)i;
	return -1;
}
