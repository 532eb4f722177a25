/*
 * CP's real DASD volumes: at IPL CP reads the label block of every block device the machine
 * has (arch/hw.h, hw_blk_*; FBA and CKD 3390 under Hercules, virtio-blk under QEMU; on a
 * 3390 the label is R3 of track 0, vm64/ckd.h) and matches the volsers
 * against SYSTEM CONFIG (cp/sysconfig.h), whatever device numbers they sit at. A volume of
 * SYSTEM CONFIG that no device carries, a second device with the same volser, a device with
 * no label or a volser SYSTEM CONFIG does not know each get a numbered message, and CP
 * comes up with the volumes it has. Minidisks (cp/mdisk.h) reach blocks through the volume.
 *
 * Portable (no asm): tests/unit/test_diag250.c (test_volumes_by_label) runs it on a fake
 * machine with fake volumes; tests/system/test_dasd.py on both machines.
 */
#ifndef CP_DASD_H
#define CP_DASD_H

#include <stdbool.h>
#include <stdint.h>
#include <cp/sysconfig.h>

#define DASD_MAX_DEVICES 32

enum dasd_state {
	DASD_NO_LABEL,	 /* no VOL1 label (or it could not be read) */
	DASD_UNKNOWN,	 /* labelled, but not a volume of SYSTEM CONFIG */
	DASD_DUPLICATE,	 /* the same volser as a device found earlier: not used */
	DASD_ONLINE,	 /* a volume of SYSTEM CONFIG, in use */
};

/* One real block device and what its label said. */
struct dasd_device {
	unsigned blk;			/* index for hw_blk() */
	uint16_t devno;
	uint16_t dev_type;
	uint64_t blocks;
	uint32_t cylinders;		/* a CKD 3390 (dev_type 0x3390): its cylinders; else 0 */
	bool block_size_bad;		/* not 512-byte blocks: never labelled */
	char volser[VOLSER_LEN + 1];	/* "" without a label */
	uint8_t state;			/* enum dasd_state */
	const struct syscfg_volume *cfg; /* DASD_ONLINE: its SYSTEM CONFIG entry */
	/* VARY and ATTACH (cp/cmd/attach.c): a device offline or given to a user is never
	 * used for minidisks (dasd_volume() does not return it) */
	bool offline;
	char attached[9];		/* the user it is dedicated to; "" when none */
	uint16_t attached_vdev;		/* ... as this virtual device number */
	bool attached_ro;
};

/**
 * dasd_init() - find the volumes (IPL): read every device's label and match SYSTEM CONFIG
 * @cfg: the volumes the system should have (cp_sysconfig)
 * @say: where the numbered messages go, one line each (the operator's console)
 *
 * Return: the number of SYSTEM CONFIG volumes online.
 */
unsigned dasd_init(const struct sysconfig *cfg, void (*say)(const char *line));

/* Every real block device found, in hw_blk order; NULL past the end. */
const struct dasd_device *dasd_device(unsigned index);

/* The device at real device number @rdev (VARY, ATTACH), or NULL. */
struct dasd_device *dasd_rdev(uint16_t rdev);

/**
 * dasd_probe() - read one device's label again and match it against SYSTEM CONFIG, with the
 * messages of dasd_init() (VARY ONLINE; a dedicated disk given back, whose user may have
 * written a new label)
 * @d: the device; its state, volser and cfg are set anew
 * @cfg: cp_sysconfig
 * @say: where the messages go (NULL: nowhere)
 */
void dasd_probe(struct dasd_device *d, const struct sysconfig *cfg,
		void (*say)(const char *line));

/* The online device holding volume @volser (any case), or NULL; never one offline or
 * attached to a user. */
const struct dasd_device *dasd_volume(const char *volser);

/* Blocks of an online volume; 0 or HW_BLK_E_* (arch/hw.h). */
int dasd_read(const struct dasd_device *d, uint64_t block, unsigned count, void *buf);
int dasd_write(const struct dasd_device *d, uint64_t block, unsigned count, const void *buf);

#endif
