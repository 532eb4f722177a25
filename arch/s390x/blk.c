/*
 * Real block devices (arch/hw.h, hw_blk_*): the table of drivers, the devices they found at
 * IPL, and range checks before a driver is called. Covered by tests/system/test_dasd.py.
 */
#include <arch/hw.h>
#include <arch/cio_api.h>
#include "blk_priv.h"

#define BLK_MAX 32

static const struct blk_driver *const drivers[] = {
	&fba_driver,
	&ckd_driver,
	&virtio_blk_driver,
};

static struct hw_blk blks[BLK_MAX];
static const struct blk_driver *blk_drv[BLK_MAX];
static unsigned nblks;

void blk_discover(void)
{
	for (unsigned i = 0; i < hw_device_count() && nblks < BLK_MAX; i++) {
		const struct hw_device *dev = hw_device(i);

		if (!dev->enabled || !dev->identified)
			continue;
		for (unsigned d = 0; d < sizeof(drivers) / sizeof(drivers[0]); d++) {
			struct hw_blk *b = &blks[nblks];

			if (!drivers[d]->match(dev))
				continue;
			*b = (struct hw_blk){ .device = i, .devno = dev->devno,
					      .dev_type = dev->dev_type,
					      .dev_model = dev->dev_model,
					      .driver = drivers[d]->name };
			if (drivers[d]->probe(b) == 0 && b->blocks && b->block_size) {
				blk_drv[nblks] = drivers[d];
				nblks++;
			}
			break;
		}
	}
}

unsigned hw_blk_count(void)
{
	return nblks;
}

const struct hw_blk *hw_blk(unsigned index)
{
	return index < nblks ? &blks[index] : 0;
}

static bool in_range(unsigned index, uint64_t block, unsigned count)
{
	return index < nblks && count > 0 && block >= blks[index].first_block &&
	       block < blks[index].blocks && count <= blks[index].blocks - block;
}

int hw_blk_read(unsigned index, uint64_t block, unsigned count, void *buf)
{
	if (!in_range(index, block, count))
		return HW_BLK_E_RANGE;
	return blk_drv[index]->transfer(&blks[index], block, count, buf, false);
}

int hw_blk_write(unsigned index, uint64_t block, unsigned count, const void *buf)
{
	if (!in_range(index, block, count))
		return HW_BLK_E_RANGE;
	return blk_drv[index]->transfer(&blks[index], block, count, (void *)(uintptr_t)buf, true);
}

int hw_blk_label(unsigned index, void *buf)
{
	if (index >= nblks || !blk_drv[index]->label)
		return HW_BLK_E_RANGE;
	return blk_drv[index]->label(&blks[index], buf);
}
