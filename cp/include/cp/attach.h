/*
 * Dedicated DASD: a whole real disk given to one user by ATTACH (cp/cmd/attach.c) and taken
 * back by DETACH or LOGOFF. The disk is a struct blkdev of its own kind (cp/vdev/dedicated.c)
 * over the whole real device, block n of the virtual disk being block n of the real one, so
 * DIAGNOSE X'250' and the virtual FBA subchannel (cp/vfba.h) work on it as on a minidisk.
 * While it is attached the device is no volume for minidisks (cp/dasd.h: dasd_volume()).
 * Tested by tests/unit/test_cmd.c (test_attach_vary) and tests/system/test_attach.py.
 */
#ifndef CP_ATTACH_H
#define CP_ATTACH_H

#include <stdbool.h>
#include <stdint.h>

struct vm;
struct vm_disk;
struct dasd_device;

/**
 * dedicated_blkdev_init() - make @disk the whole real device @dev, dedicated to @userid
 * @disk: an unused slot of the user's machine
 * @dev: the real device; marked attached to @userid as @vdev until the disk is released
 * @vdev: virtual device number
 * @read_only: ATTACH ... R/O
 * @userid: the user
 *
 * Releasing the disk (DETACH, LOGOFF: the blkdev's release op) gives the device back and
 * reads its label again, since its user may have written a new one.
 */
void dedicated_blkdev_init(struct vm_disk *disk, struct dasd_device *dev, uint16_t vdev,
			   bool read_only, const char *userid);

/* The machine's disk that is the dedicated device @dev, or NULL. */
struct vm_disk *vm_dedicated_find(struct vm *vm, const struct dasd_device *dev);

/* How many users have links to minidisks on @dev (cp/links.h); 0: none. */
unsigned dasd_link_users(const struct dasd_device *dev);

#endif
