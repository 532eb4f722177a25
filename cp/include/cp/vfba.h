/*
 * A machine's disks as virtual FBA 9336 devices (cp/vdev/vfba.c), and minidisks on a 3390 as
 * virtual 3390s (cp/vdev/vckd.c, its state in the same struct vfba): each disk of struct vm's
 * disks[] (minidisk or V-DISK, cp/blkdev.h) is subchannel 0.0.n (n = slot + 1) with the
 * disk's virtual device number, found by STSCH and SENSE ID like a real 9336 on a 6310
 * control unit. Guest channel programs run against the disk's struct blkdev, the one DIAG
 * X'250' uses: every block is checked against the guest's Define Extent and the disk, then
 * relocated by the blkdev (a minidisk adds its start on the volume). Tested by
 * tests/unit/test_vfba.c, tests/guest/vfba.c and tests/system/test_vfba.py.
 */
#ifndef CP_VFBA_H
#define CP_VFBA_H

#include <stdint.h>
#include <cp/vdev.h>

#define VFBA_SENSE_SIZE 24  /* what SENSE gives on a 9336 */
#define VDASD_SENSE_SIZE 32 /* ... and on a 3390 (cp/vckd.h) */

struct vm;

struct vfba {
	struct vsubchannel sch; /* ops NULL: not bound yet (vfba_subchannel() binds it) */
	uint8_t sense[VDASD_SENSE_SIZE]; /* for the next SENSE */
};

/*
 * The subchannel of the machine's disk in slot @slot (0 .. VM_MAX_DISKS - 1), made the
 * first time it is asked for after the disk was defined or the machine reset; NULL when the
 * slot holds no disk.
 */
struct vsubchannel *vfba_subchannel(struct vm *vm, unsigned slot);

/*
 * The same for a 3390 minidisk (bd.dev_type 0x3390): a virtual 3390, cp/vdev/vckd.c; NULL
 * when the slot holds no such disk.
 */
struct vsubchannel *vckd_subchannel(struct vm *vm, unsigned slot);

/*
 * Shared by the two (in cp/vdev/vfba.c): the subchannel of the disk in @slot, bound to @ops
 * the first time it is asked for; and a start that accepts the ORB and runs the channel
 * program at once with @run.
 */
struct vsubchannel *vdisk_bind(struct vm *vm, unsigned slot, const struct vsch_ops *ops);
int vdisk_start(struct vsubchannel *s, const uint8_t *orb,
		void (*run)(struct vsubchannel *s, uint32_t addr));

#endif
