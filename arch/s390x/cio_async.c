/*
 * Asynchronous channel I/O for devices CP drives itself (3270 terminals): a command is
 * started with SSCH and CP goes on; the interruption handler turns every status the device
 * presents into an event in a ring that CP's main loop drains (hw.h: hw_io_*). Status is
 * solicited when it is the primary status of a command started here (PoP SA22-7832 ch. 16,
 * "Status-Control Field"); attention and a terminal's device end on connect are unsolicited.
 *
 * The ring is filled with I/O interruptions disabled (in the handler) and drained by CP
 * with them enabled, so head and tail are each written by one side only.
 * Covered by tests/system/test_terminal.py.
 */
#include <arch/cio.h>
#include <arch/cio_api.h>
#include <arch/hw.h>
#include <lib/string.h>
#include "vserial.h"

#define EVENT_SLOTS 256

static bool claimed[CIO_MAX_DEVICES];
static bool started[CIO_MAX_DEVICES];
static struct ccw1 program[CIO_MAX_DEVICES] __attribute__((aligned(8)));

static struct hw_io_event ring[EVENT_SLOTS];
static volatile unsigned ring_head, ring_tail;
static unsigned long events_lost;

bool cio_async_status(uint32_t schid, const struct irb *irb)
{
	int index = cio_device_index(schid);
	struct hw_io_event *ev;

	if (index < 0 || !claimed[index])
		return false;
	if (ring_head - ring_tail >= EVENT_SLOTS) {
		events_lost++;
		started[index] = false;
		return true;
	}
	ev = &ring[ring_head % EVENT_SLOTS];
	ev->device = (unsigned)index;
	ev->solicited = started[index] && (irb->scsw.flags & SCSW_STCTL_PRIMARY);
	ev->dstat = irb->scsw.dstat;
	ev->cstat = irb->scsw.cstat;
	ev->residual = irb->scsw.count;
	ev->tod = hw_tod_clock();
	if (ev->solicited)
		started[index] = false;
	ring_head++;
	return true;
}

int hw_io_claim(unsigned device)
{
	if (device >= hw_device_count() || !hw_device(device)->enabled)
		return -1;
	if (vserial_is_port(device))
		return vserial_claim(device);
	claimed[device] = true;
	return 0;
}

int hw_io_start(unsigned device, uint8_t command, void *data, uint16_t count)
{
	const struct hw_device *dev = hw_device(device);
	struct orb orb;
	int cc;

	if (dev && vserial_is_port(device))
		return vserial_start(device, command, data, count);
	if (!dev || !claimed[device])
		return -1;
	if (started[device])
		return -2;
	program[device] = (struct ccw1){ .cmd = command, .flags = CCW_FLAG_SLI, .count = count,
					 .cda = (uint32_t)(uintptr_t)data };
	orb_format1(&orb, (uint32_t)(uintptr_t)&program[device], dev->schid);
	started[device] = true;
	cc = ssch(dev->schid, &orb);
	if (cc == 0)
		return 0;
	started[device] = false;
	return cc == 3 ? -1 : -2;
}

void hw_io_cancel(unsigned device)
{
	const struct hw_device *dev = hw_device(device);

	if (dev && vserial_is_port(device)) {
		vserial_cancel(device);
		return;
	}
	if (!dev || !claimed[device])
		return;
	started[device] = false;
	csch(dev->schid);
}

bool hw_io_next_event(struct hw_io_event *ev)
{
	if (ring_tail == ring_head)
		return vserial_next_event(ev);
	*ev = ring[ring_tail % EVENT_SLOTS];
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	ring_tail++;
	return true;
}

bool cio_async_pending(void)
{
	return ring_tail != ring_head;
}

unsigned long hw_io_events_lost(void)
{
	return events_lost;
}
