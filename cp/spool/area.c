/*
 * The spool area on the SYSRES volume (SYSTEM CONFIG's SYSRES volume, VM64RS): binds the
 * spool file store (cp/spool/spool.c) to the volume's blocks SPOOL_FIRST_BLOCK to the end
 * at IPL (warm start). Cold start only on the operator's SPOOL COLD (cp/cmd/spoolcmd.c).
 * Covered by tests/system/test_spool.py (warm start after SHUTDOWN and after a kill).
 */
#include <cp/dasd.h>
#include <cp/msg.h>
#include <cp/spool.h>
#include <cp/spoolvm.h>

#define BLOCKS_PER_PAGE (SPOOL_PAGE_SIZE / 512)

static const struct dasd_device *area_vol;

static int area_read(void *ctx, uint32_t page, void *buf)
{
	(void)ctx;
	return dasd_read(area_vol, SPOOL_FIRST_BLOCK + (uint64_t)page * BLOCKS_PER_PAGE,
			 BLOCKS_PER_PAGE, buf)
		   ? -1
		   : 0;
}

static int area_write(void *ctx, uint32_t page, const void *buf)
{
	(void)ctx;
	return dasd_write(area_vol, SPOOL_FIRST_BLOCK + (uint64_t)page * BLOCKS_PER_PAGE,
			  BLOCKS_PER_PAGE, buf)
		   ? -1
		   : 0;
}

static int area_write_pages(void *ctx, uint32_t page, unsigned n, const void *buf)
{
	(void)ctx;
	return dasd_write(area_vol, SPOOL_FIRST_BLOCK + (uint64_t)page * BLOCKS_PER_PAGE,
			  n * BLOCKS_PER_PAGE, buf)
		   ? -1
		   : 0;
}

/* @n pages the file's chain has one after the other: one transfer (spool.c's read-ahead) */
static int area_read_pages(void *ctx, uint32_t page, unsigned n, void *buf)
{
	(void)ctx;
	return dasd_read(area_vol, SPOOL_FIRST_BLOCK + (uint64_t)page * BLOCKS_PER_PAGE,
			 n * BLOCKS_PER_PAGE, buf)
		   ? -1
		   : 0;
}

static const struct spool_vol_ops area_ops = {
    .read = area_read,
    .write = area_write,
    .write_pages = area_write_pages,
    .read_pages = area_read_pages,
};

int spool_ipl(const struct sysconfig *cfg, void (*say)(const char *line))
{
	area_vol = 0;
	for (unsigned v = 0; v < cfg->nvolumes; v++)
		if (cfg->volumes[v].use == SYSCFG_SYSRES)
			area_vol = dasd_volume(cfg->volumes[v].volser);
	if (!area_vol || area_vol->blocks <= SPOOL_FIRST_BLOCK) {
		msg_say(say, MSG_SPOOL_NONE);
		return SPOOL_IO_ERROR;
	}
	return spool_init(&area_ops, 0,
			  (uint32_t)((area_vol->blocks - SPOOL_FIRST_BLOCK) / BLOCKS_PER_PAGE),
			  say);
}
