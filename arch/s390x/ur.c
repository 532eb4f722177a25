/*
 * Real unit-record devices (behind hw_ur_run, see hw.h): one channel command with
 * suppress-length, run by cio_run() (SSCH, then enabled waits for the ending status), the
 * data through a buffer below 2 GB; after a unit check, SENSE (X'04') for sense byte 0.
 * CP's real 3505 reader and 1403 printer (cp/spool/rur.c) use it.
 * Covered by tests/system/test_rur.py (Hercules).
 */
#include <arch/cio.h>
#include <arch/cio_api.h>
#include <arch/hw.h>
#include <lib/string.h>

#define UR_TIMEOUT_US 30000000 /* a loaded host can be slow; a dead device is not */

static uint8_t ur_buf[HW_UR_MAX] __attribute__((aligned(8)));
static uint8_t ur_sense[32] __attribute__((aligned(8)));
static struct ccw1 ur_ccw __attribute__((aligned(8)));

int hw_ur_run(unsigned device, uint8_t command, void *data, uint16_t count,
	      struct hw_ur_status *st)
{
	const struct hw_device *dev = hw_device(device);
	struct irb irb;
	int rc;

	memset(st, 0, sizeof(*st));
	if (!dev || !dev->enabled || !dev->schid)
		return -1;
	if (count > HW_UR_MAX)
		count = HW_UR_MAX;
	if (count)
		memcpy(ur_buf, data, count);
	ur_ccw = (struct ccw1){ .cmd = command, .flags = CCW_FLAG_SLI, .count = count ? count : 1,
				.cda = (uint32_t)(uintptr_t)ur_buf };
	rc = cio_run(dev->schid, &ur_ccw, &irb, UR_TIMEOUT_US);
	if (rc)
		return rc;
	st->dstat = irb.scsw.dstat;
	st->cstat = irb.scsw.cstat;
	st->residual = irb.scsw.count;
	if ((command & 3) == 2 && count) /* a read: the data back to the caller */
		memcpy(data, ur_buf, count);
	if (irb.scsw.dstat & DEV_STAT_UNIT_CHECK) {
		ur_ccw = (struct ccw1){ .cmd = CCW_CMD_SENSE, .flags = CCW_FLAG_SLI,
					.count = sizeof(ur_sense),
					.cda = (uint32_t)(uintptr_t)ur_sense };
		memset(ur_sense, 0, sizeof(ur_sense));
		if (cio_run(dev->schid, &ur_ccw, &irb, UR_TIMEOUT_US) == 0)
			st->sense0 = ur_sense[0];
	}
	return 0;
}
