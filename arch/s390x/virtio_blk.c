/*
 * virtio-blk driver (behind hw_blk_*, see blk_priv.h): under QEMU, which has no FBA or CKD
 * devices, CP's volumes are the same raw image files attached as virtio-blk-ccw disks. The
 * device is set up over the legacy virtio-ccw transport (virtio_ccw.c): reset, ACKNOWLEDGE
 * and DRIVER, features (FLUSH, RO, BLK_SIZE when offered, vblk_req.c), the configuration
 * space for the capacity in 512-byte sectors, queue 0, classic indicators, DRIVER_OK.
 *
 * A transfer is one request at a time on queue 0: header (type IN or OUT, sector), data,
 * status byte, as a chain of three descriptors; the device's used-ring entry for it comes with
 * an I/O interruption on the device's subchannel (the indicator bit is set first), and CP waits
 * for it in an enabled wait (arch_wait_device), never polling. A write returns only after the device has used it
 * with status OK and, when the device offers FLUSH (QEMU does when it caches writes), after a
 * FLUSH request has ended too, so the blocks are in the image file (or on the host's disk) as
 * the device's cache mode promises. The console's emulator.c attaches the volumes with
 * cache=writethrough, where QEMU writes each request through before using it and offers no
 * FLUSH. Covered by tests/system/test_dasd.py and test_vm64disk.py on QEMU; the requests by
 * tests/unit/test_vblk_req.c.
 */
#include <arch/cio.h>
#include <arch/cio_api.h>
#include <arch/hw.h>
#include <lib/string.h>
#include "arch_priv.h"
#include "blk_priv.h"
#include "vblk_req.h"
#include "virtio_ccw.h"

#define VBLK_MAX_DEVS	   16
#define VBLK_MAX_PER_REQ   128		/* blocks per request: 64 KB */
#define VBLK_TIMEOUT_US	   30000000	/* a loaded host can be slow; a dead device is not */

struct vblk_dev {
	uint32_t schid;
	uint32_t features;
	bool broken;			/* a request never ended: the queue is the device's */
	struct vq vq;
	uint64_t ind __attribute__((aligned(8)));
	uint64_t conf_ind __attribute__((aligned(8)));
	uint8_t hdr[VBLK_HDR_LEN] __attribute__((aligned(8)));
	uint8_t status;
};

static struct vblk_dev *devs[VBLK_MAX_DEVS];
static unsigned ndevs;
static unsigned long vblk_failures;

static bool vblk_match(const struct hw_device *dev)
{
	return dev->cu_type == VIRTIO_CCW_CU_TYPE && dev->cu_model == VIRTIO_ID_BLOCK;
}

static struct vblk_dev *dev_of(const struct hw_blk *blk)
{
	uint32_t schid = hw_device(blk->device)->schid;

	for (unsigned i = 0; i < ndevs; i++)
		if (devs[i]->schid == schid)
			return devs[i];
	return 0;
}

bool vblk_interrupt(uint32_t schid)
{
	/* The waiter looks at the used ring; the interruption only ends its wait. */
	for (unsigned i = 0; i < ndevs; i++)
		if (devs[i]->schid == schid)
			return true;
	return false;
}

static int vblk_probe(struct hw_blk *blk)
{
	uint32_t schid = hw_device(blk->device)->schid;
	uint8_t config[VBLK_CONFIG_LEN];
	uint32_t offered;
	struct vblk_dev *d;
	int num;

	if (ndevs >= VBLK_MAX_DEVS)
		return -1;
	if (vccw_reset(schid) ||
	    vccw_write_status(schid, VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER) ||
	    vccw_read_features(schid, &offered) ||
	    vccw_write_features(schid, vblk_features(offered)) ||
	    vccw_read_config(schid, config, sizeof(config)))
		goto failed;
	num = vccw_queue_size(schid, 0);
	if (num < 3)
		goto failed;
	d = (struct vblk_dev *)(uintptr_t)arch_take_storage(sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->schid = schid;
	d->features = vblk_features(offered);
	if (vccw_setup_vq(schid, &d->vq, 0, (uint16_t)num,
			  (void *)(uintptr_t)arch_take_storage(vq_ring_size((uint16_t)num))) ||
	    vccw_set_indicators(schid, &d->ind, &d->conf_ind) ||
	    vccw_write_status(schid, VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER |
			      VIRTIO_STATUS_DRIVER_OK))
		goto failed;
	blk->blocks = vblk_capacity(config, sizeof(config), d->features);
	if (!blk->blocks)
		goto failed;
	/* The volume format is FBA-512 on either machine; QUERY DASD shows it as such. */
	blk->dev_type = 0x9336;
	blk->dev_model = 0;
	blk->block_size = VBLK_SECTOR;
	devs[ndevs++] = d;
	return 0;
failed:
	vccw_write_status(schid, VIRTIO_STATUS_FAILED);
	return -1;
}

/* One request, and the wait for the device to use it; 0 when it ended with status OK. */
static int vblk_do(struct vblk_dev *d, uint32_t type, uint64_t sector, void *data, uint32_t len)
{
	struct vq_buf bufs[3];
	uint64_t deadline;
	unsigned n;

	if (d->broken)
		return HW_BLK_E_IO;
	n = vblk_request(bufs, d->hdr, type, sector, data, len, &d->status);
	vq_add_chain(&d->vq, 0, bufs, n);
	vq_kick(d->schid, &d->vq);
	deadline = hw_tod_clock() + ((uint64_t)VBLK_TIMEOUT_US << 12);
	for (;;) {
		uint16_t id;
		uint32_t used;
		uint64_t now;

		if (vq_take(&d->vq, &id, &used) && id == 0)
			break;
		now = hw_tod_clock();
		if (now >= deadline) {
			/* The descriptors stay the device's: never reuse them. */
			d->broken = true;
			vblk_failures++;
			return HW_BLK_E_IO;
		}
		arch_wait_device((deadline - now) >> 12);
	}
	if (d->status != VBLK_S_OK) {
		vblk_failures++;
		return HW_BLK_E_IO;
	}
	return 0;
}

static int vblk_transfer(const struct hw_blk *blk, uint64_t block, unsigned count, void *buf,
			 bool write)
{
	struct vblk_dev *d = dev_of(blk);

	if (!d || (write && (d->features & VBLK_F_RO)))
		return HW_BLK_E_IO;
	while (count) {
		unsigned n = count < VBLK_MAX_PER_REQ ? count : VBLK_MAX_PER_REQ;

		if (vblk_do(d, write ? VBLK_T_OUT : VBLK_T_IN, block, buf, n * VBLK_SECTOR))
			return HW_BLK_E_IO;
		block += n;
		count -= n;
		buf = (uint8_t *)buf + (size_t)n * VBLK_SECTOR;
	}
	if (write && (d->features & VBLK_F_FLUSH) && vblk_do(d, VBLK_T_FLUSH, 0, 0, 0))
		return HW_BLK_E_IO;
	return 0;
}

const struct blk_driver virtio_blk_driver = {
	.name = "VIRTIO",
	.match = vblk_match,
	.probe = vblk_probe,
	.transfer = vblk_transfer,
};
