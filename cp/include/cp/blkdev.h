/*
 * Block devices of a virtual machine: what DIAGNOSE X'250' (block I/O), DIAGNOSE X'24' and
 * QUERY VIRTUAL see of a disk, whatever holds its blocks. A device is a struct blkdev with
 * a small ops table (read a block, write a block, frames held, release); its geometry
 * (block size, number of blocks) and access mode are fields. V-DISKs (cp/vdisk.h) are one
 * kind; minidisks (cp/mdisk.h: an extent of a real volume) are another.
 *
 * A machine has up to VM_MAX_DISKS of them (struct vm's disks[]), made from its directory
 * entry at LOGON and XAUTOLOG, kept across IPL and SYSTEM RESET, freed at logoff.
 * Covered by tests/unit/test_cmd.c and tests/unit/test_vdisk.c.
 */
#ifndef CP_BLKDEV_H
#define CP_BLKDEV_H

#include <stdbool.h>
#include <stdint.h>
#include <cp/mdisk.h>
#include <cp/vdisk.h>
#include <cp/vfba.h>
#include <vm64/volume.h>

struct vm;
struct user_entry;
struct blkdev;
struct dasd_device;

#define VM_MAX_DISKS 4

/* Results of the ops besides 0. */
#define BLKDEV_E_RANGE	   (-1) /* block number beyond the device */
#define BLKDEV_E_NOSTORAGE (-2) /* CP could not get storage to hold the data */
#define BLKDEV_E_READONLY  (-3) /* write to a read-only device */
#define BLKDEV_E_IO	   (-4) /* the device failed */

struct blkdev_ops {
	const char *label; /* what QUERY VIRTUAL shows for the kind: "VDSK", "MDSK" */
	/* count device blocks (count * bd->block_size bytes) in or out, all inside the device;
	 * 0 or BLKDEV_E_*. A write returns when the data is where the kind keeps it (for a
	 * minidisk: after the real device ended the write). */
	int (*read)(struct blkdev *bd, uint64_t block, unsigned count, void *buf);
	int (*write)(struct blkdev *bd, uint64_t block, unsigned count, const void *buf);
	/* Real frames the device holds now. */
	uint64_t (*frames)(const struct blkdev *bd);
	/* Gives back whatever the device holds; the device is gone afterwards. */
	void (*release)(struct blkdev *bd);
};

struct blkdev {
	const struct blkdev_ops *ops; /* NULL: no device */
	void *priv;		      /* the kind's own object (struct vdisk, struct mdisk) */
	uint16_t devno;		      /* virtual device number */
	uint16_t dev_type;	      /* device type shown to the user: 0x9336, or 0x3390 for a
				       * minidisk on a 3390 (a virtual 3390, cp/vdev/vckd.c) */
	uint32_t cylinders;	      /* 0x3390: its cylinders (blocks / CKD_BLOCKS_PER_CYL) */
	uint32_t block_size;	      /* bytes per device block */
	uint64_t blocks;	      /* device blocks, numbered from 0 here */
	bool read_only;		      /* the access mode (R, RR) */
};

/*
 * DIAGNOSE X'250' state of one device (cp/icpt/diag250.c): set by INIT, cleared by REMOVE,
 * by an IPL or SYSTEM RESET of the machine, and at logoff.
 */
struct d250_state {
	bool ready;		/* INIT done */
	uint32_t block_size;	/* the guest's block size: 512, 1024, 2048 or 4096 */
	uint64_t offset;	/* INIT's offset, in the guest's blocks */
};

/*
 * One disk of a machine: the device, its storage when it is a V-DISK or its extent when it
 * is a minidisk, DIAG X'250' state. stand_in: a V-DISK standing in for a minidisk whose
 * volume (volser) is not online.
 */
struct vm_disk {
	struct blkdev bd;
	struct vdisk vdisk;
	struct mdisk mdisk;
	struct d250_state d250;
	struct vfba vfba; /* its virtual FBA subchannel (cp/vfba.h) */
	bool stand_in;
	bool forced_ro; /* a WR or MR link given read-only because of other users' links */
	char volser[VOLSER_LEN + 1];
};

/* Checked block transfers: range and access mode first, then the device's op. */
static inline bool blkdev_in_range(const struct blkdev *bd, uint64_t block, unsigned count)
{
	return count > 0 && block < bd->blocks && count <= bd->blocks - block;
}

static inline int blkdev_read(struct blkdev *bd, uint64_t block, unsigned count, void *buf)
{
	if (!blkdev_in_range(bd, block, count))
		return BLKDEV_E_RANGE;
	return bd->ops->read(bd, block, count, buf);
}

static inline int blkdev_write(struct blkdev *bd, uint64_t block, unsigned count,
			       const void *buf)
{
	if (bd->read_only)
		return BLKDEV_E_READONLY;
	if (!blkdev_in_range(bd, block, count))
		return BLKDEV_E_RANGE;
	return bd->ops->write(bd, block, count, buf);
}

/* Fills @bd as a device of @ops's kind, shown to the user as a 9336 FBA device. */
static inline void blkdev_set(struct blkdev *bd, const struct blkdev_ops *ops, void *priv,
			      uint16_t devno, uint32_t block_size, uint64_t blocks, bool read_only)
{
	*bd = (struct blkdev){ .ops = ops, .priv = priv, .devno = devno, .dev_type = 0x9336,
			       .block_size = block_size, .blocks = blocks, .read_only = read_only };
}

/**
 * vdisk_blkdev_init() - make @disk a V-DISK device
 * @disk: an unused slot
 * @pool: where the V-DISK's frames come from
 * @devno: virtual device number
 * @blocks: 512-byte blocks
 * @read_only: the access mode
 *
 * Return: 0, or -1 for a size out of range.
 */
int vdisk_blkdev_init(struct vm_disk *disk, struct frame_pool *pool, uint16_t devno,
		      uint64_t blocks, bool read_only);

/**
 * mdisk_blkdev_init() - make @disk a minidisk: blocks start..start+blocks-1 of a volume
 * @disk: an unused slot
 * @vol: the online volume (cp/dasd.h)
 * @devno: virtual device number
 * @start: first block on the volume
 * @blocks: 512-byte blocks
 * @read_only: the access mode
 *
 * Return: 0, or -1 when the extent does not lie inside the volume.
 */
int mdisk_blkdev_init(struct vm_disk *disk, const struct dasd_device *vol, uint16_t devno,
		      uint64_t start, uint64_t blocks, bool read_only);

/**
 * vm_disks_define() - create the disks a directory entry declares
 * @vm: a machine just created, with no disks
 * @u: its directory entry
 *
 * V-DISKs take no frame here, so this cannot fail for lack of storage; an entry that does
 * not fit (more than VM_MAX_DISKS, or a bad size) is skipped. A minidisk (MDISK or LINK
 * statement) is linked in its mode against the other users' links (cp/links.h): refused, it
 * is skipped; forced read-only, forced_ro is set. A minidisk whose volume is not
 * online gets a V-DISK of its size in its place (stand_in set), so the user still has a
 * disk; LOGON says so. Return: the disks defined.
 */
unsigned vm_disks_define(struct vm *vm, const struct user_entry *u);

/* LOGON's note for a minidisk of @vm forced read-only by other users' links
 * (cp/vdev/link_notes.c): true with VMCLNK101E-103E in @line. */
bool vm_disk_forced_ro_line(const struct vm *vm, const struct vm_disk *d, char *line,
			    size_t size);

/* The machine's disk with virtual device number @devno, or NULL. */
struct vm_disk *vm_disk_find(struct vm *vm, uint16_t devno);

/*
 * Frees one disk of the machine and drops its link (DETACH); -1 when there is no such disk.
 */
int vm_disk_detach(struct vm *vm, uint16_t devno);

/* Frees every disk of the machine (logoff) and drops its links (cp/links.h). */
void vm_disks_release(struct vm *vm);

/* Forgets DIAG X'250' INIT of every disk (IPL, SYSTEM RESET); the data stays. */
void vm_disks_reset(struct vm *vm);

/* Real frames the machine's disks hold. */
uint64_t vm_disks_frames(const struct vm *vm);

#endif
