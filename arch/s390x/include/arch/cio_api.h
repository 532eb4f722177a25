/*
 * CP's channel-subsystem driver, for arch/ code: run a channel program on a subchannel and
 * wait, bounded, for its ending status; be told of unsolicited status (attention).
 * Covered by tests/system/test_ipl.py and tests/system/test_terminal.py.
 */
#ifndef ARCH_CIO_API_H
#define ARCH_CIO_API_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/cio.h>

#define CIO_MAX_DEVICES 256

/*
 * cio_run - start a channel program and wait for its primary status
 * Returns 0 with the IRB filled in, -1 if the subchannel is not operational, -2 if the
 * start was refused (busy, status pending), -3 on timeout (the subchannel is then cleared).
 */
int cio_run(uint32_t schid, struct ccw1 *program, struct irb *irb, uint64_t timeout_us);

/* Called for status nobody waits for (e.g. attention from a console); set by its owner. */
extern void (*cio_unsolicited)(uint32_t schid, const struct irb *irb);

/* Index of the device on subchannel schid in hw_device(), or -1. */
int cio_device_index(uint32_t schid);

/*
 * Adds a device that has no subchannel of its own (a virtio-serial port, vserial.c) to
 * hw_device(); returns its index, or -1 when the table is full.
 */
struct hw_device;
int cio_add_virtual(const struct hw_device *dev);

/* Takes status for a device claimed by hw_io_claim() (cio_async.c); false if not claimed. */
bool cio_async_status(uint32_t schid, const struct irb *irb);
/* Whether an event waits in the ring for hw_io_next_event (hw_wait must not wait then). */
bool cio_async_pending(void);

#endif
