/*
 * Legacy virtio-ccw (virtio_ccw.h): the configuration channel commands, run one at a time
 * with cio_run(), and the split virtqueues. The command codes and block layouts are those
 * of the virtio specification, "Virtio Over Channel I/O"; the notification is DIAGNOSE
 * X'500' function 3 with the subchannel ID in r2, the queue in r3 and a cookie in r4.
 * Covered by tests/system/test_terminal.py on QEMU.
 */
#include <arch/cio.h>
#include <arch/cio_api.h>
#include <lib/string.h>
#include "virtio_ccw.h"

#define CCW_CMD_WRITE_FEAT	0x11
#define CCW_CMD_READ_FEAT	0x12
#define CCW_CMD_SET_VQ		0x13
#define CCW_CMD_READ_CONF	0x22
#define CCW_CMD_WRITE_STATUS	0x31
#define CCW_CMD_READ_VQ_CONF	0x32
#define CCW_CMD_VDEV_RESET	0x33
#define CCW_CMD_SET_IND		0x43
#define CCW_CMD_SET_CONF_IND	0x53

#define DIAG500_VIRTIO_CCW_NOTIFY 3
#define CMD_TIMEOUT_US		1000000

/* Blocks the commands move; one at a time, so one static area serves them all. */
static union {
	struct {
		uint32_t features; /* little-endian */
		uint8_t index;
	} __attribute__((packed)) feat;
	struct {
		uint64_t queue;
		uint32_t align;
		uint16_t index;
		uint16_t num;
	} __attribute__((packed)) vq;
	struct {
		uint16_t index;
		uint16_t num;
	} __attribute__((packed)) vq_conf;
	uint64_t ind;
	uint8_t status;
	uint8_t bytes[256];
} blk __attribute__((aligned(8)));

static int run(uint32_t schid, uint8_t cmd, void *data, uint16_t count)
{
	struct ccw1 ccw = { .cmd = cmd, .flags = CCW_FLAG_SLI, .count = count,
			    .cda = (uint32_t)(uintptr_t)data };
	struct irb irb;

	if (cio_run(schid, &ccw, &irb, CMD_TIMEOUT_US) != 0)
		return -1;
	if (irb.scsw.dstat & (DEV_STAT_UNIT_CHECK | DEV_STAT_UNIT_EXCEP))
		return -1;
	if (irb.scsw.cstat)
		return -1;
	return 0;
}

int vccw_reset(uint32_t schid)
{
	return run(schid, CCW_CMD_VDEV_RESET, 0, 0);
}

int vccw_write_status(uint32_t schid, uint8_t status)
{
	blk.status = status;
	return run(schid, CCW_CMD_WRITE_STATUS, &blk, 1);
}

int vccw_read_features(uint32_t schid, uint32_t *features)
{
	memset(&blk, 0, sizeof(blk));
	blk.feat.index = 0;
	if (run(schid, CCW_CMD_READ_FEAT, &blk, sizeof(blk.feat)) != 0)
		return -1;
	*features = __builtin_bswap32(blk.feat.features);
	return 0;
}

int vccw_write_features(uint32_t schid, uint32_t features)
{
	memset(&blk, 0, sizeof(blk));
	blk.feat.features = __builtin_bswap32(features);
	blk.feat.index = 0;
	return run(schid, CCW_CMD_WRITE_FEAT, &blk, sizeof(blk.feat));
}

int vccw_read_config(uint32_t schid, void *buf, uint16_t len)
{
	if (len > sizeof(blk.bytes))
		return -1;
	memset(&blk, 0, sizeof(blk));
	if (run(schid, CCW_CMD_READ_CONF, &blk, len) != 0)
		return -1;
	memcpy(buf, blk.bytes, len);
	return 0;
}

int vccw_queue_size(uint32_t schid, uint16_t index)
{
	memset(&blk, 0, sizeof(blk));
	blk.vq_conf.index = index;
	if (run(schid, CCW_CMD_READ_VQ_CONF, &blk, sizeof(blk.vq_conf)) != 0)
		return -1;
	return blk.vq_conf.num;
}

uint64_t vq_ring_size(uint16_t num)
{
	uint64_t first = sizeof(struct vring_desc) * num + sizeof(uint16_t) * (3 + num);
	uint64_t second = sizeof(uint16_t) * 3 + sizeof(struct vring_used_elem) * num;

	first = (first + VQ_ALIGN - 1) & ~(uint64_t)(VQ_ALIGN - 1);
	second = (second + VQ_ALIGN - 1) & ~(uint64_t)(VQ_ALIGN - 1);
	return first + second;
}

int vccw_setup_vq(uint32_t schid, struct vq *vq, uint16_t index, uint16_t num, void *ring)
{
	uint8_t *base = ring;
	uint64_t first = sizeof(struct vring_desc) * num + sizeof(uint16_t) * (3 + num);

	first = (first + VQ_ALIGN - 1) & ~(uint64_t)(VQ_ALIGN - 1);
	memset(ring, 0, vq_ring_size(num));
	vq->index = index;
	vq->num = num;
	vq->desc = (struct vring_desc *)base;
	vq->avail = (volatile uint16_t *)(base + sizeof(struct vring_desc) * num);
	vq->used = (volatile uint16_t *)(base + first);
	vq->avail_idx = 0;
	vq->last_used = 0;
	memset(&blk, 0, sizeof(blk));
	blk.vq.queue = (uint64_t)(uintptr_t)ring;
	blk.vq.align = VQ_ALIGN;
	blk.vq.index = index;
	blk.vq.num = num;
	return run(schid, CCW_CMD_SET_VQ, &blk, sizeof(blk.vq));
}

int vccw_set_indicators(uint32_t schid, uint64_t *ind, uint64_t *conf_ind)
{
	blk.ind = (uint64_t)(uintptr_t)ind;
	if (run(schid, CCW_CMD_SET_IND, &blk, sizeof(blk.ind)) != 0)
		return -1;
	blk.ind = (uint64_t)(uintptr_t)conf_ind;
	return run(schid, CCW_CMD_SET_CONF_IND, &blk, sizeof(blk.ind));
}

void vq_add_chain(struct vq *vq, uint16_t head, const struct vq_buf *bufs, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		struct vring_desc *d = &vq->desc[head + i];

		d->addr = (uint64_t)(uintptr_t)bufs[i].addr;
		d->len = bufs[i].len;
		d->flags = (bufs[i].device_writes ? VRING_DESC_F_WRITE : 0) |
			   (i + 1 < n ? VRING_DESC_F_NEXT : 0);
		d->next = i + 1 < n ? (uint16_t)(head + i + 1) : 0;
	}
	vq->avail[2 + vq->avail_idx % vq->num] = head;
	/* The descriptors and the ring entry before the index that publishes them. */
	asm volatile("bcr 14,0" ::: "memory");
	vq->avail_idx++;
	vq->avail[1] = vq->avail_idx;
	asm volatile("bcr 14,0" ::: "memory");
}

void vq_add(struct vq *vq, uint16_t id, void *buf, uint32_t len, bool device_writes)
{
	struct vq_buf b = { buf, len, device_writes };

	vq_add_chain(vq, id, &b, 1);
}

bool vq_take(struct vq *vq, uint16_t *id, uint32_t *len)
{
	const volatile struct vring_used_elem *elem;

	if (!vq->num || vq->used[1] == vq->last_used)
		return false;
	asm volatile("bcr 14,0" ::: "memory");
	elem = (const volatile struct vring_used_elem *)(vq->used + 2) + vq->last_used % vq->num;
	*id = (uint16_t)elem->id;
	*len = elem->len;
	vq->last_used++;
	return *id < vq->num;
}

void vq_kick(uint32_t schid, const struct vq *vq)
{
	register unsigned long nr asm("1") = DIAG500_VIRTIO_CCW_NOTIFY;
	register unsigned long sch asm("2") = schid;
	register unsigned long queue asm("3") = vq->index;
	register long cookie asm("4") = 0;

	asm volatile("diag 2,4,0x500" : "+d"(sch) : "d"(nr), "d"(queue), "d"(cookie)
		     : "memory", "cc");
}
