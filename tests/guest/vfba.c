/*
 * The user's 191 as a virtual FBA 9336 (cp/vdev/vfba.c), driven by raw channel programs.
 *
 * Finds device 0191 by STSCH over the first subchannels, checks SENSE ID (FF 6310 01 9336 00)
 * and READ DEVICE CHARACTERISTICS (512-byte blocks, the minidisk's size), writes its last
 * block with DEFINE EXTENT / LOCATE / WRITE and reads it back (also through an extent that
 * numbers the blocks from 1000), takes the I/O interruption of one program (intparm, CR6),
 * and checks the refusals: LOCATE beyond the extent and beyond the disk, DEFINE EXTENT
 * starting beyond the disk, DEFINE EXTENT wider than the disk, a write the file mask inhibits
 * (unit check, sense byte 0 X'80' command reject, byte 1 X'04' file protected), a READ
 * without LOCATE (command reject), IDAWs and a TIC loop (program check). Then it attacks:
 * 2000 programs with random extents and block numbers, each must end in unit check with file
 * protected unless it lies inside the disk (tests/system/test_vfba.py checks the neighbours
 * on the volume). Bare, or without a 0191 (a user with no disk): skipped.
 */
#include <arch/cio.h>
#include <lib/endian.h>
#include <lib/string.h>

#include "chan.h"
#include "guest.h"
#include "interrupt.h"

#define DEVNO	 0x0191
#define ISC	 5
#define MAX_SCH	 16
#define MAGIC	 0x4d
#define SNS_FP	 0x8004
#define SNS_CR	 0x8000
#define ST_OK	 CHAN_ST_OK
#define ST_UC	 CHAN_ST_UC
#define ST_PCHK	 CHAN_ST_PCHK

static struct schib schib __attribute__((aligned(4)));
static struct orb orb __attribute__((aligned(8)));
static struct irb irb __attribute__((aligned(4)));
static struct ccw1 ccws[8];
static struct fba_prog fba;
static uint8_t buf[4096] __attribute__((aligned(8)));
static uint32_t sch;
static uint32_t blocks;

/* DEFINE EXTENT, LOCATE and READ (oper 6) or WRITE (oper 1) of n blocks at buf. */
static unsigned rw(uint8_t mask, uint32_t origin, uint32_t first, uint32_t last, uint8_t oper,
		   uint16_t n, uint32_t block)
{
	fba_prog_build(&fba, mask, origin, first, last, oper, n, block, buf);
	return chan_run(sch, fba.ccw, 0);
}

static void refused(const char *what, unsigned st, unsigned want_sense)
{
	chan_report_refused(sch, what, st, want_sense);
}

static unsigned run(void)
{
	return chan_run(sch, ccws, 0);
}

static void identify(void)
{
	static const uint8_t id[7] = { 0xff, 0x63, 0x10, 0x01, 0x93, 0x36, 0x00 };

	report(chan_enable(sch, &schib, ISC), "MSCH enables 0191");
	report(chan_sense_id_rdc(sch, buf) == ST_OK, "SENSE ID and RDC end with CE+DE");
	report(memcmp(buf, id, sizeof(id)) == 0, "SENSE ID: FF 6310 01 9336 00 (got %02x %02x%02x)",
	       buf[0], buf[1], buf[2]);
	report(buf[68] == 0x02 && buf[69] == 0x00, "RDC: 512-byte blocks");
	blocks = get_be32(buf + 64 + 14);
	report(blocks > 16 && blocks < 0x1000000, "RDC: %u blocks", blocks);
}

/* Opens the I/O mask until an interruption comes, at most 2 s (clock-comparator watchdog). */
static void io_wait(void)
{
	unsigned before = io_int_count();
	uint64_t deadline = stck() + tod_us(2000000);

	while (io_int_count() == before && stck() < deadline) {
		sckc(deadline);
		ctl_set_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
		enabled_wait(PSW_MASK_EXT | PSW_MASK_IO);
	}
	ctl_clear_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
	sckc(UINT64_MAX);
}

static void good_programs(void)
{
	uint64_t old_cr6 = stctg(6);
	unsigned before = io_int_count();

	memset(buf, MAGIC, 512);
	report(rw(0xc0, 0, 0, blocks - 1, 1, 1, blocks - 1) == ST_OK, "WRITE the last block");
	memset(buf, 0, 1024);
	report(rw(0x40, blocks - 2, 1000, 1001, 6, 2, 1000) == ST_OK,
	       "READ the last two blocks through an extent numbered from 1000");
	report(buf[512] == MAGIC && buf[1023] == MAGIC, "the last block reads back");
	/* one program's I/O interruption, enabled by CR6 and the PSW */
	lctlg(6, 0x80000000UL >> ISC);
	orb_format1(&orb, (uint32_t)(uintptr_t)ccws, 0xfba0191);
	ccw_set(&ccws[0], 0x03, 0, 1, 0);
	report(ssch(sch, &orb) == 0, "SSCH of a NOP");
	io_wait();
	report(io_int_count() == before + 1 && io_int_last_intparm() == 0xfba0191 &&
		       io_int_last_schid() == sch,
	       "its I/O interruption: subchannel %08x, intparm X'0FBA0191'", sch);
	report(tsch(sch, &irb) == 0 && irb.scsw.dstat == 0x0c, "TSCH: CE+DE");
	lctlg(6, old_cr6);
}

static void refusals(void)
{
	refused("LOCATE beyond the extent", rw(0x40, 0, 0, 9, 6, 1, 10), SNS_FP);
	refused("LOCATE beyond the disk", rw(0x40, 0, 0, blocks - 1, 6, 1, blocks), SNS_FP);
	refused("DEFINE EXTENT starting beyond the disk", rw(0x40, blocks, 0, 0, 6, 1, 0), SNS_FP);
	report(rw(0x40, 0, 0, blocks + 1000, 6, 1, blocks - 1) == ST_OK,
	       "DEFINE EXTENT wider than the disk: its last block can be read");
	refused("... and the block after it not", rw(0x40, 0, 0, blocks + 1000, 6, 1, blocks),
		SNS_FP);
	memset(buf, 0xee, sizeof(buf));
	refused("WRITE running past the disk", rw(0xc0, blocks - 2, 0, 7, 1, 4, 0), SNS_FP);
	refused("WRITE the file mask inhibits", rw(0x40, 0, 0, 9, 1, 1, 0), SNS_FP);
	ccw_set(&ccws[0], 0x42, 0, 512, buf);
	refused("READ without LOCATE", run(), SNS_CR);
	ccw_set(&ccws[0], 0x42, 0x04, 512, buf);
	report(run() == ST_PCHK, "IDAW flag: program check");
	ccw_set(&ccws[0], 0x03, CCW_FLAG_CC, 1, 0);
	ccw_set(&ccws[1], 0x08, 0, 0, ccws);
	report(run() == ST_PCHK, "a TIC loop ends in a program check");
	memset(buf, 0, 512);
	report(rw(0x40, blocks - 1, 0, 0, 6, 1, 0) == ST_OK && buf[0] == MAGIC &&
		       buf[511] == MAGIC,
	       "the last block kept what was written");
}

static void attack(void)
{
	uint64_t seed = stck();
	unsigned bad = 0, inside = 0, outside = 0;

	report_info("attack seed %lx", (unsigned long)seed);
	memset(buf, 0xbd, sizeof(buf));
	for (int i = 0; i < 2000; i++) {
		uint64_t r = prng_next(&seed);
		uint32_t origin = (uint32_t)(r >> 8) % (blocks * 2);
		uint32_t first = (uint32_t)prng_next(&seed);
		uint32_t len = 1 + (uint32_t)(r >> 40) % (blocks * 2);
		uint32_t last = first + len - 1 < first ? 0xffffffffu : first + len - 1;
		uint16_t n = (uint16_t)(1 + (r & 7));
		uint32_t block = first + (uint32_t)(prng_next(&seed) % (len + 8));
		bool in = origin < blocks && block >= first && block - first + n <= len &&
			  (uint64_t)origin + (block - first) + n <= blocks;
		unsigned st;

		/* writes only into the last 8 blocks, which this test owns */
		if (in && origin + (block - first) < blocks - 8)
			continue;
		st = rw(0xc0, origin, first, last, 1, n, block);
		if (in) {
			inside++;
			bad += st != ST_OK;
		} else {
			outside++;
			bad += st != ST_UC || chan_sense(sch) != SNS_FP;
		}
	}
	report(bad == 0 && outside > 1000,
	       "random writes: %u outside the disk refused with file protected, %u inside done "
	       "(%u wrong)", outside, inside, bad);
}

int main(void)
{
	report_prefix_push("vfba");
	if (!under_vm64() || !chan_find_devno(DEVNO, MAX_SCH, &sch, &schib)) {
		report_skip("no device 0191 (bare, or a user without a 191)");
		return report_summary();
	}
	report_info("0191 is subchannel %08x", sch);
	identify();
	if (blocks > 16) {
		good_programs();
		refusals();
		attack();
	}
	return report_summary();
}
