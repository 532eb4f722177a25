/*
 * A machine's disks as virtual FBA 9336 devices (cp/vdev/vfba.c): each disk of struct vm's
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

#define VFBA_SENSE_SIZE 24

struct vm;

struct vfba {
	struct vsubchannel sch; /* ops NULL: not bound yet (vfba_subchannel() binds it) */
	uint8_t sense[VFBA_SENSE_SIZE]; /* for the next SENSE */
};

/*
 * The subchannel of the machine's disk in slot @slot (0 .. VM_MAX_DISKS - 1), made the
 * first time it is asked for after the disk was defined or the machine reset; NULL when the
 * slot holds no disk.
 */
struct vsubchannel *vfba_subchannel(struct vm *vm, unsigned slot);

#endif
