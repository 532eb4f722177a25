/*
 * The minidisk kind of struct blkdev (see cp/mdisk.h): relocation by the extent's start,
 * bounds against the extent, the real volume's driver underneath (cp/dasd.h). A write
 * returns after the real device's ending status. Tested by tests/unit/test_diag250.c
 * (test_minidisk) and tests/unit/test_vfba.c.
 */
#include <arch/hw.h>
#include <cp/blkdev.h>
#include <cp/dasd.h>
#include <lib/string.h>
#include <vm64/ckd.h>
#include <vm64/volume.h>

static int status(int rc)
{
	if (rc == 0)
		return 0;
	return rc == HW_BLK_E_RANGE ? BLKDEV_E_RANGE : BLKDEV_E_IO;
}

static bool inside(const struct mdisk *m, uint64_t block, unsigned count)
{
	return count > 0 && block < m->blocks && count <= m->blocks - block;
}

static int mdisk_bd_read(struct blkdev *bd, uint64_t block, unsigned count, void *buf)
{
	struct mdisk *m = bd->priv;

	if (!inside(m, block, count))
		return BLKDEV_E_RANGE;
	return status(dasd_read(m->vol, m->start + block, count, buf));
}

static int mdisk_bd_write(struct blkdev *bd, uint64_t block, unsigned count, const void *buf)
{
	struct mdisk *m = bd->priv;

	if (bd->read_only)
		return BLKDEV_E_READONLY;
	if (!inside(m, block, count))
		return BLKDEV_E_RANGE;
	return status(dasd_write(m->vol, m->start + block, count, buf));
}

static uint64_t mdisk_bd_frames(const struct blkdev *bd)
{
	(void)bd;
	return 0; /* the data is on the volume */
}

static void mdisk_bd_release(struct blkdev *bd)
{
	(void)bd; /* nothing held: every write is on the volume already */
}

static const struct blkdev_ops mdisk_ops = {
	.label = "MDSK",
	.read = mdisk_bd_read,
	.write = mdisk_bd_write,
	.frames = mdisk_bd_frames,
	.release = mdisk_bd_release,
};

/**
 * mdisk_blkdev_init() - make @disk a minidisk (see cp/blkdev.h)
 * @disk: an unused slot
 * @vol: the online volume
 * @devno: virtual device number
 * @start: first block on the volume
 * @blocks: 512-byte blocks
 * @read_only: the access mode
 *
 * Return: 0, or -1 when the extent does not lie inside the volume past its label.
 */
int mdisk_blkdev_init(struct vm_disk *disk, const struct dasd_device *vol, uint16_t devno,
		      uint64_t start, uint64_t blocks, bool read_only)
{
	memset(disk, 0, sizeof(*disk));
	if (!vol || blocks == 0 || start < VOL_FIRST_USABLE || start >= vol->blocks ||
	    blocks > vol->blocks - start)
		return -1;
	disk->mdisk = (struct mdisk){ .vol = vol, .start = start, .blocks = blocks };
	strlcpy(disk->volser, vol->volser, sizeof(disk->volser));
	blkdev_set(&disk->bd, &mdisk_ops, &disk->mdisk, devno, VOL_BLOCK_SIZE, blocks, read_only);
	if (vol->cylinders && start % CKD_BLOCKS_PER_CYL == 0 && blocks % CKD_BLOCKS_PER_CYL == 0) {
		/* whole cylinders of a 3390, as the directory gives them: a virtual 3390 */
		disk->bd.dev_type = CKD_3390_DEVTYPE;
		disk->bd.cylinders = (uint32_t)(blocks / CKD_BLOCKS_PER_CYL);
	}
	return 0;
}
