/*
 * Terminals on virtio-serial ports (vserial.c): under QEMU, which offers one 3270 per machine,
 * users' terminals are the ports of virtio-serial-ccw devices, each behaving towards CP's
 * terminal code like a 3270 on its own subchannel (hw.h's hw_io_*). Private to arch/s390x/;
 * covered by tests/system/test_terminal.py and test_cms.py on QEMU.
 */
#ifndef ARCH_S390X_VSERIAL_H
#define ARCH_S390X_VSERIAL_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/cio.h>
#include <arch/hw.h>

/* After device discovery: sets up every virtio-serial device and adds its ports as devices. */
void vserial_init(void);
/* Status of a virtio-serial subchannel (interruption handler); false if not one of them. */
bool vserial_interrupt(uint32_t schid, const struct irb *irb);
/* Whether hw_device(device) is a port, and its hw_io_* calls. */
bool vserial_is_port(unsigned device);
int vserial_claim(unsigned device);
int vserial_start(unsigned device, uint8_t command, void *data, uint16_t count);
void vserial_cancel(unsigned device);
/* Works the devices' queues and takes the oldest port event; false when there is none. */
bool vserial_next_event(struct hw_io_event *ev);
/* Whether an event waits or a device interrupted since the last look (hw_wait must not wait). */
bool vserial_pending(void);

#endif
