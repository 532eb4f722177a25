/*
 * DASD BENCH volser blocks (class A): CP's raw device throughput, the yardstick make bench
 * holds CMS's file I/O against (tests/bench/bench_dasd.py). z/VM has no direct equivalent.
 *
 * CP writes @blocks 512-byte blocks (1-65536) at the end of an online volume, 32 KB per
 * hw_blk_write() (one channel program each under Hercules' FBA, one virtio-blk request under
 * QEMU), then reads them back the same way and checks them, timing each pass with the TOD
 * clock. Each block carries its number; the read pass checks it. Only blocks that no minidisk of the directory owns and that lie past the label
 * area are used; anything else is refused (check QUERY ALLOC's FREE first). What those
 * blocks held is overwritten. The command holds CP while it runs (one real CPU, CP waits
 * for each transfer): it is a diagnostic for a quiet system.
 *
 *   DASD BENCH VM64U1 8192
 *   VM64U1 0101 BLOCKS 253952-262143 (8192 X 512) WRITE 1234567 US READ 234567 US
 *
 * Tested by tests/unit/test_cmd.c (fake volumes) and tests/bench/bench_dasd.py.
 */
#include <arch/hw.h>
#include <arch/tod.h>
#include <cp/cmd.h>
#include <cp/dasd.h>
#include <cp/directory.h>
#include <cp/sysconfig.h>
#include <lib/endian.h>
#include <lib/string.h>
#include <vm64/volume.h>
#include "cmd_priv.h"

#define BENCH_CHUNK	 64	/* blocks per transfer: 32 KB, one FBA channel program */
#define BENCH_MAX_BLOCKS 65536	/* 32 MB */

/* Static, so below 2 GB as channel programs need. */
static uint8_t bench_buf[BENCH_CHUNK * VOL_BLOCK_SIZE] __attribute__((aligned(4096)));

/* The minidisk of the directory that overlaps blocks [first, first + count) of @volser. */
static bool owned(const char *volser, uint64_t first, uint64_t count, const char **user,
		  uint16_t *vdev)
{
	for (unsigned i = 0; i < cp_directory.nusers; i++)
		for (unsigned j = 0; j < cp_directory.users[i].ndevices; j++) {
			struct mdisk_extent e;

			if (mdisk_extent_of(&cp_directory.users[i].devices[j], &e) == 1 &&
			    strcmp(e.volser, volser) == 0 && e.start < first + count &&
			    first < e.start + e.count) {
				*user = cp_directory.users[i].userid;
				*vdev = e.vdev;
				return true;
			}
		}
	return false;
}

/* Each block carries its own number in its first doubleword (the rest is what the buffer
 * held), so a misplaced block shows; stamping and checking cost 2 instructions a block, so
 * the times are the device's, not CP's CPU. */
static void stamp(uint64_t block, unsigned n)
{
	for (unsigned b = 0; b < n; b++)
		put_be64(bench_buf + (size_t)b * VOL_BLOCK_SIZE, block + b);
}

static uint64_t pass(const struct dasd_device *d, uint64_t first, uint64_t count, bool write,
		     uint64_t *bad)
{
	uint64_t t0 = hw_tod_clock();

	*bad = ~0ULL;
	for (uint64_t b = first; b < first + count; b += BENCH_CHUNK) {
		unsigned n = first + count - b < BENCH_CHUNK ? (unsigned)(first + count - b)
							      : BENCH_CHUNK;

		if (write)
			stamp(b, n);
		if ((write ? dasd_write(d, b, n, bench_buf) : dasd_read(d, b, n, bench_buf))) {
			*bad = b;
			return 0;
		}
		if (!write)
			for (unsigned k = 0; k < n; k++)
				if (get_be64(bench_buf + (size_t)k * VOL_BLOCK_SIZE) != b + k) {
					*bad = b + k;
					return 1;
				}
	}
	return tod_to_us(hw_tod_clock() - t0);
}

/* DASD BENCH volser blocks */
int cmd_dasd(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const struct dasd_device *d;
	uint64_t count, first, wus, rus, bad;
	const char *user;
	uint16_t vdev;

	if (args->argc < 4 || !cmd_abbrev_matches(args->argv[1], "BENCH", 5) ||
	    str_to_u64(args->argv[3], 10, &count) != 0 || count == 0 || count > BENCH_MAX_BLOCKS)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	if (args->argc > 4)
		return cmd_msg(ctx, MSG_EXTRA_OPERAND, args->argv[4]);
	d = dasd_volume(args->argv[2]);
	if (!d)
		return cmd_msg(ctx, MSG_BENCH_NOT_ONLINE, args->argv[2]);
	if (count > d->blocks - VOL_FIRST_USABLE)
		return cmd_msg(ctx, MSG_OPERAND_MISSING);
	first = d->blocks - count;
	if (d->cfg && d->cfg->use == SYSCFG_SYSRES) /* past its label: the spool (cp/spool.h) */
		return cmd_msg(ctx, MSG_BENCH_SPOOL, (unsigned long long)first,
			       (unsigned long long)(first + count - 1), d->volser);
	if (owned(d->volser, first, count, &user, &vdev))
		return cmd_msg(ctx, MSG_BENCH_OWNED, (unsigned long long)first,
			       (unsigned long long)(first + count - 1), d->volser, vdev, user);
	wus = pass(d, first, count, true, &bad);
	if (bad != ~0ULL)
		return cmd_msg(ctx, MSG_BENCH_IO, d->volser, (unsigned long long)bad);
	rus = pass(d, first, count, false, &bad);
	if (bad != ~0ULL)
		return cmd_msg(ctx, rus ? MSG_BENCH_DATA : MSG_BENCH_IO, d->volser,
			       (unsigned long long)bad);
	cmd_printf(ctx, "%s %04X BLOCKS %llu-%llu (%llu X 512) WRITE %llu US READ %llu US",
		   d->volser, d->devno, (unsigned long long)first,
		   (unsigned long long)(first + count - 1), (unsigned long long)count,
		   (unsigned long long)wus, (unsigned long long)rus);
	return 0;
}
