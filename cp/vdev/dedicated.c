/*
 * The dedicated-DASD kind of struct blkdev (see cp/attach.h): the whole real device, no
 * relocation, the real driver underneath (cp/dasd.h); a write returns after the device's
 * ending status. Tested by tests/unit/test_cmd.c (test_attach_vary) and on both machines by
 * tests/system/test_attach.py.
 */
#include <arch/hw.h>
#include <cp/attach.h>
#include <cp/blkdev.h>
#include <cp/dasd.h>
#include <cp/links.h>
#include <cp/sysconfig.h>
#include <cp/vm.h>
#include <lib/string.h>

static int status(int rc)
{
	if (rc == 0)
		return 0;
	return rc == HW_BLK_E_RANGE ? BLKDEV_E_RANGE : BLKDEV_E_IO;
}

static int ded_read(struct blkdev *bd, uint64_t block, unsigned count, void *buf)
{
	if (!blkdev_in_range(bd, block, count))
		return BLKDEV_E_RANGE;
	return status(dasd_read(bd->priv, block, count, buf));
}

static int ded_write(struct blkdev *bd, uint64_t block, unsigned count, const void *buf)
{
	if (bd->read_only)
		return BLKDEV_E_READONLY;
	if (!blkdev_in_range(bd, block, count))
		return BLKDEV_E_RANGE;
	return status(dasd_write(bd->priv, block, count, buf));
}

static uint64_t ded_frames(const struct blkdev *bd)
{
	(void)bd;
	return 0; /* the data is on the device */
}

/* Gives the device back; its user may have relabelled it, so the label is read again. */
static void ded_release(struct blkdev *bd)
{
	struct dasd_device *dev = bd->priv;

	dev->attached[0] = 0;
	dev->attached_vdev = 0;
	dev->attached_ro = false;
	dasd_probe(dev, &cp_sysconfig, 0);
}

static const struct blkdev_ops dedicated_ops = {
	.label = "DED",
	.read = ded_read,
	.write = ded_write,
	.frames = ded_frames,
	.release = ded_release,
};

void dedicated_blkdev_init(struct vm_disk *disk, struct dasd_device *dev, uint16_t vdev,
			   bool read_only, const char *userid)
{
	memset(disk, 0, sizeof(*disk));
	/* the whole volume as an extent, so QUERY VIRTUAL and DIAG X'24' see a real disk */
	disk->mdisk = (struct mdisk){ .vol = dev, .start = 0, .blocks = dev->blocks };
	strlcpy(disk->volser, dev->volser, sizeof(disk->volser));
	disk->bd.ops = &dedicated_ops;
	disk->bd.priv = dev;
	disk->bd.devno = vdev;
	disk->bd.dev_type = dev->dev_type;
	disk->bd.block_size = VOL_BLOCK_SIZE;
	disk->bd.blocks = dev->blocks;
	disk->bd.read_only = read_only;
	strlcpy(dev->attached, userid, sizeof(dev->attached));
	dev->attached_vdev = vdev;
	dev->attached_ro = read_only;
}

struct vm_disk *vm_dedicated_find(struct vm *vm, const struct dasd_device *dev)
{
	for (unsigned i = 0; i < VM_MAX_DISKS; i++)
		if (vm->disks[i].bd.ops == &dedicated_ops && vm->disks[i].bd.priv == dev)
			return &vm->disks[i];
	return 0;
}

unsigned dasd_link_users(const struct dasd_device *dev)
{
	unsigned n = 0;

	for (unsigned i = 0; i < LINK_TABLE_MAX; i++) {
		const struct link_entry *e = &cp_links.e[i];
		bool seen = false;

		if (!e->used || e->ext.vol != dev)
			continue;
		for (unsigned j = 0; j < i && !seen; j++)
			seen = cp_links.e[j].used && cp_links.e[j].ext.vol == dev &&
			       strcmp(cp_links.e[j].userid, e->userid) == 0;
		n += !seen;
	}
	return n;
}
