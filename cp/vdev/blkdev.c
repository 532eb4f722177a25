/*
 * A machine's block devices (see cp/blkdev.h): the V-DISK kind of struct blkdev, and the
 * machine's table of disks - made from the directory entry at LOGON/XAUTOLOG, found by
 * device number for DIAGNOSE X'250' and X'24', counted for QUERY VIRTUAL and INDICATE,
 * freed at logoff.
 * Covered by tests/unit/test_vdisk.c and tests/unit/test_diag250.c.
 */
#include <cp/blkdev.h>
#include <cp/dasd.h>
#include <cp/links.h>
#include <cp/users.h>
#include <cp/vm.h>
#include <lib/string.h>

static int vdisk_bd_read(struct blkdev *bd, uint64_t block, unsigned count, void *buf)
{
	for (unsigned i = 0; i < count; i++)
		if (vdisk_read(bd->priv, block + i, (uint8_t *)buf + (size_t)i * VDISK_BLOCK_SIZE))
			return BLKDEV_E_RANGE;
	return 0;
}

static int vdisk_bd_write(struct blkdev *bd, uint64_t block, unsigned count, const void *buf)
{
	for (unsigned i = 0; i < count; i++) {
		switch (vdisk_write(bd->priv, block + i,
				    (const uint8_t *)buf + (size_t)i * VDISK_BLOCK_SIZE)) {
		case 0:
			break;
		case VDISK_E_NOFRAME:
			return BLKDEV_E_NOSTORAGE;
		default:
			return BLKDEV_E_RANGE;
		}
	}
	return 0;
}

static uint64_t vdisk_bd_frames(const struct blkdev *bd)
{
	return vdisk_frames(bd->priv);
}

static void vdisk_bd_release(struct blkdev *bd)
{
	vdisk_release(bd->priv);
}

static const struct blkdev_ops vdisk_ops = {
	.label = "VDSK",
	.read = vdisk_bd_read,
	.write = vdisk_bd_write,
	.frames = vdisk_bd_frames,
	.release = vdisk_bd_release,
};

/**
 * vdisk_blkdev_init() - make @disk a V-DISK device (see cp/blkdev.h)
 * @disk: an unused slot
 * @pool: where the V-DISK's frames come from
 * @devno: virtual device number
 * @blocks: 512-byte blocks
 * @read_only: the access mode
 *
 * Return: 0, or -1 for a size out of range.
 */
int vdisk_blkdev_init(struct vm_disk *disk, struct frame_pool *pool, uint16_t devno,
		      uint64_t blocks, bool read_only)
{
	memset(disk, 0, sizeof(*disk));
	if (vdisk_init(&disk->vdisk, pool, blocks) != 0)
		return -1;
	blkdev_set(&disk->bd, &vdisk_ops, &disk->vdisk, devno, VDISK_BLOCK_SIZE, blocks, read_only);
	return 0;
}

/* A minidisk of the directory entry, linked in its mode against the other users' links. */
static int link_mdisk(struct vm *vm, struct vm_disk *disk, const struct dasd_device *vol,
		      const struct user_vdisk *d)
{
	struct link_extent ext = { .vol = vol, .start = d->start, .count = d->blocks };
	struct link_census c;
	int mode = link_mode_parse(d->mode);
	enum link_result r;

	if (mode < 0)
		mode = d->read_only ? LINK_R : LINK_W;
	link_census(&cp_links, &ext, vm->userid, &c);
	r = link_decide((enum link_mode)mode, c.ro, c.rw);
	if (r == LINK_REFUSED)
		return -1;
	if (mdisk_blkdev_init(disk, vol, d->vdev, d->start, d->blocks, r != LINK_OK_RW) != 0)
		return -1;
	if (link_add(&cp_links, &ext, vm->userid, d->vdev, r == LINK_OK_RW) != 0) {
		memset(disk, 0, sizeof(*disk));
		return -1;
	}
	disk->forced_ro = r == LINK_FORCED_RO;
	return 0;
}

/**
 * vm_disks_define() - create the disks a directory entry declares (see cp/blkdev.h)
 * @vm: a machine just created, with no disks
 * @u: its directory entry
 *
 * Return: the disks defined.
 */
unsigned vm_disks_define(struct vm *vm, const struct user_entry *u)
{
	unsigned n = 0;

	for (unsigned i = 0; i < u->nvdisks && n < VM_MAX_DISKS; i++) {
		const struct user_vdisk *d = &u->vdisks[i];
		const struct dasd_device *vol;

		if (d->vdev == 0x0009 || vm_disk_find(vm, d->vdev))
			continue; /* the console's number, or defined twice */
		if (d->real) {
			vol = dasd_volume(d->volser);
			if (vol) {
				if (link_mdisk(vm, &vm->disks[n], vol, d) == 0)
					n++;
				continue; /* refused, or beyond a volume smaller than it should be */
			}
		}
		if (vdisk_blkdev_init(&vm->disks[n], &real_frames, d->vdev, d->blocks,
				      d->read_only) == 0) {
			vm->disks[n].stand_in = d->real;
			if (d->real)
				strlcpy(vm->disks[n].volser, d->volser, sizeof(vm->disks[n].volser));
			n++;
		}
	}
	return n;
}

/**
 * vm_disk_find() - the machine's disk with a virtual device number
 * @vm: the machine
 * @devno: virtual device number
 *
 * Return: the disk, or NULL.
 */
struct vm_disk *vm_disk_find(struct vm *vm, uint16_t devno)
{
	for (unsigned i = 0; i < VM_MAX_DISKS; i++)
		if (vm->disks[i].bd.ops && vm->disks[i].bd.devno == devno)
			return &vm->disks[i];
	return 0;
}

/**
 * vm_disks_release() - free every disk of the machine (logoff)
 * @vm: the machine
 */
void vm_disks_release(struct vm *vm)
{
	link_drop(&cp_links, vm->userid, -1);
	for (unsigned i = 0; i < VM_MAX_DISKS; i++) {
		struct vm_disk *d = &vm->disks[i];

		if (d->bd.ops)
			d->bd.ops->release(&d->bd);
		memset(d, 0, sizeof(*d));
	}
}

/**
 * vm_disk_detach() - free one disk of the machine and drop its link (DETACH)
 * @vm: the machine
 * @devno: the disk's virtual device number
 *
 * Return: 0, or -1 when the machine has no such disk.
 */
int vm_disk_detach(struct vm *vm, uint16_t devno)
{
	struct vm_disk *d = vm_disk_find(vm, devno);

	if (!d)
		return -1;
	link_drop(&cp_links, vm->userid, devno);
	d->bd.ops->release(&d->bd);
	memset(d, 0, sizeof(*d));
	return 0;
}

/**
 * vm_disks_reset() - forget DIAGNOSE X'250' INIT of every disk and reset its subchannel
 * (IPL, SYSTEM RESET)
 * @vm: the machine; the disks and their data stay
 */
void vm_disks_reset(struct vm *vm)
{
	for (unsigned i = 0; i < VM_MAX_DISKS; i++) {
		memset(&vm->disks[i].d250, 0, sizeof(vm->disks[i].d250));
		/* and their subchannels: disabled, no status (made anew when next asked for) */
		memset(&vm->disks[i].vfba, 0, sizeof(vm->disks[i].vfba));
	}
}

/**
 * vm_disks_frames() - real frames the machine's disks hold
 * @vm: the machine
 *
 * Return: the number of frames.
 */
uint64_t vm_disks_frames(const struct vm *vm)
{
	uint64_t n = 0;

	for (unsigned i = 0; i < VM_MAX_DISKS; i++)
		if (vm->disks[i].bd.ops)
			n += vm->disks[i].bd.ops->frames(&vm->disks[i].bd);
	return n;
}
