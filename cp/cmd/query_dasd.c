/*
 * QUERY DASD and QUERY ALLOC: the real volumes, z/VM style (tests/unit/test_cmd.c).
 *
 *   QUERY DASD   one line per real block device:
 *                "DASD 0100 VM64RS 9336      16384 BLK CP OWNED"   (the SYSRES volume)
 *                "DASD 0101 VM64U1 9336     262144 BLK CP SYSTEM"  (a user volume)
 *                "DASD 0200 VM64C1 3390       3339 CYL CP SYSTEM"  (a CKD 3390 volume)
 *                FREE (a volser SYSTEM CONFIG does not know), DUPLICATE, or "------" and
 *                NO LABEL for a device without a label; OFFLINE (VARY) or
 *                "ATTACHED TO USER01 0200 R/W" (ATTACH, cp/cmd/attach.c) whatever its label
 *   QUERY ALLOC  per user volume of SYSTEM CONFIG, the blocks the directory's minidisks take
 *                and what is left (blocks 0-15 hold the label):
 *                "VOLSER RDEV       TOTAL      MDISK       FREE"
 *                "VM64U1 0101      262144     167936      94192"  (RDEV ---- when not online)
 *                "VM64C1 0200        3339          2       3336 CYL" (a 3390: cylinders;
 *                                                                    cylinder 0 is the label's)
 */
#include <cp/cmd.h>
#include <cp/dasd.h>
#include <cp/sysconfig.h>
#include <lib/format.h>
#include "cmd_priv.h"

static const char *use_of(const struct dasd_device *d)
{
	switch (d->state) {
	case DASD_ONLINE:
		return d->cfg->use == SYSCFG_SYSRES ? "CP OWNED" : "CP SYSTEM";
	case DASD_DUPLICATE:
		return "DUPLICATE";
	case DASD_UNKNOWN:
		return "FREE";
	default:
		return "NO LABEL";
	}
}

int query_dasd(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const struct dasd_device *d;

	if (args->argc > 2)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[2]);
	if (!dasd_device(0))
		return cmd_msg(ctx, MSG_NO_REAL_DASD);
	for (unsigned i = 0; (d = dasd_device(i)) != 0; i++) {
		char what[40];

		if (d->offline)
			ksnprintf(what, sizeof(what), "OFFLINE");
		else if (d->attached[0]) /* ATTACH (cp/cmd/attach.c) */
			ksnprintf(what, sizeof(what), "ATTACHED TO %s %04X %s", d->attached,
				  d->attached_vdev, d->attached_ro ? "R/O" : "R/W");
		else
			ksnprintf(what, sizeof(what), "%s", use_of(d));
		cmd_printf(ctx, "DASD %04X %-6s %04X %10llu %s %s", d->devno,
			   d->volser[0] ? d->volser : "------", d->dev_type,
			   d->cylinders ? (unsigned long long)d->cylinders :
					  (unsigned long long)d->blocks,
			   d->cylinders ? "CYL" : "BLK", what);
	}
	return 0;
}

int query_alloc(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const struct sysconfig *cfg = &cp_sysconfig;
	bool any = false;

	if (args->argc > 2)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[2]);
	cmd_printf(ctx, "VOLSER RDEV       TOTAL      MDISK       FREE");
	for (unsigned i = 0; i < cfg->nvolumes; i++) {
		const struct syscfg_volume *v = &cfg->volumes[i];
		const struct dasd_device *d = dasd_volume(v->volser);
		uint64_t used = dir_allocated_blocks(&cp_directory, v->volser);
		uint64_t usable = v->blocks - VOL_FIRST_USABLE;
		char rdev[8];

		if (v->use != SYSCFG_USER)
			continue;
		any = true;
		if (d)
			ksnprintf(rdev, sizeof(rdev), "%04X", d->devno);
		else
			ksnprintf(rdev, sizeof(rdev), "----");
		if (v->dev_type == CKD_3390_DEVTYPE) {
			uint32_t cyls = (uint32_t)(used / CKD_BLOCKS_PER_CYL);

			cmd_printf(ctx, "%-6s %-4s %11u %10u %10u CYL", v->volser, rdev,
				   v->cylinders, cyls,
				   cyls < v->cylinders - 1 ? v->cylinders - 1 - cyls : 0);
			continue;
		}
		cmd_printf(ctx, "%-6s %-4s %11llu %10llu %10llu", v->volser, rdev,
			   (unsigned long long)v->blocks, (unsigned long long)used,
			   (unsigned long long)(used < usable ? usable - used : 0));
	}
	if (!any)
		cmd_printf(ctx, "No user volumes in SYSTEM CONFIG");
	return 0;
}
