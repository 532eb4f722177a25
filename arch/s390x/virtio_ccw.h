/*
 * Legacy virtio over channel I/O (virtio-ccw revision 0, as QEMU's virtio-ccw devices and
 * Linux drivers/s390/virtio/virtio_ccw.c speak it): the channel commands that configure a
 * device, and split virtqueues in the legacy layout (descriptor table, available ring, used
 * ring at the next 4 KB boundary), all in the guest's byte order, big-endian. Private to
 * arch/s390x/ (vserial.c uses it); covered by tests/system/test_terminal.py on QEMU.
 */
#ifndef ARCH_S390X_VIRTIO_CCW_H
#define ARCH_S390X_VIRTIO_CCW_H

#include <stdbool.h>
#include <stdint.h>

/* Control unit type of every virtio-ccw device; its control-unit model is the virtio device ID. */
#define VIRTIO_CCW_CU_TYPE	0x3832
#define VIRTIO_ID_BLOCK		2
#define VIRTIO_ID_CONSOLE	3

/* Device status bits (virtio 0.9.5). */
#define VIRTIO_STATUS_ACK	0x01
#define VIRTIO_STATUS_DRIVER	0x02
#define VIRTIO_STATUS_DRIVER_OK	0x04
#define VIRTIO_STATUS_FAILED	0x80

#define VRING_DESC_F_NEXT	1
#define VRING_DESC_F_WRITE	2
#define VQ_ALIGN		4096

struct vring_desc {
	uint64_t addr;  /* 0x00 */
	uint32_t len;   /* 0x08 */
	uint16_t flags; /* 0x0c */
	uint16_t next;  /* 0x0e */
} __attribute__((packed));

_Static_assert(sizeof(struct vring_desc) == 16, "vring_desc");

struct vring_used_elem {
	uint32_t id;  /* 0x00 */
	uint32_t len; /* 0x04 */
} __attribute__((packed));

/* One split virtqueue in the legacy layout. */
struct vq {
	uint16_t index;
	uint16_t num;
	struct vring_desc *desc;
	volatile uint16_t *avail;	/* flags, idx, ring[num], used_event */
	volatile uint16_t *used;	/* flags, idx, then the elements */
	uint16_t avail_idx;
	uint16_t last_used;
};

/* Bytes a legacy ring of num entries takes (a multiple of 4 KB). */
uint64_t vq_ring_size(uint16_t num);

/* The channel commands; each returns 0, or -1 when the device refused or did not answer. */
int vccw_reset(uint32_t schid);
int vccw_write_status(uint32_t schid, uint8_t status);
int vccw_read_features(uint32_t schid, uint32_t *features);
int vccw_write_features(uint32_t schid, uint32_t features);
int vccw_read_config(uint32_t schid, void *buf, uint16_t len);
/* The size of queue index, or -1 when the device has no such queue. */
int vccw_queue_size(uint32_t schid, uint16_t index);
/* Places queue index (num entries, the device's own size) at ring, 4 KB aligned, below 2 GB. */
int vccw_setup_vq(uint32_t schid, struct vq *vq, uint16_t index, uint16_t num, void *ring);
/* Classic indicators: the device sets bit n (1 << n) of *ind for queue n, then interrupts. */
int vccw_set_indicators(uint32_t schid, uint64_t *ind, uint64_t *conf_ind);

/* One buffer of a request; device_writes: the device fills it (input). */
struct vq_buf {
	void *addr;
	uint32_t len;
	bool device_writes;
};

/* Puts one buffer (descriptor id, of its own) on the available ring; device_writes: input. */
void vq_add(struct vq *vq, uint16_t id, void *buf, uint32_t len, bool device_writes);
/*
 * Puts a chain of n buffers on the available ring as one request, in descriptors
 * head..head+n-1 (its own); vq_take() returns head when the device has used it.
 */
void vq_add_chain(struct vq *vq, uint16_t head, const struct vq_buf *bufs, unsigned n);
/* Takes the next used buffer; false when there is none. */
bool vq_take(struct vq *vq, uint16_t *id, uint32_t *len);
/* Tells the device the available ring moved (DIAGNOSE X'500' function 3). */
void vq_kick(uint32_t schid, const struct vq *vq);

#endif
