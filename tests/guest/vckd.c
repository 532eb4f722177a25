/*
 * The user's 191 on a 3390 as a virtual 3390 (cp/vdev/vckd.c), driven by raw ECKD and CKD
 * channel programs. Run as CKD01 by tests/system/test_ckd.py (Hercules).
 *
 * Finds device 0191 by STSCH, checks SENSE ID (FF 3990 C2 3390 0A) and READ DEVICE
 * CHARACTERISTICS (the minidisk's cylinders, 15 heads), writes R12 of its last track with
 * DEFINE EXTENT / LOCATE RECORD / WRITE DATA and reads it back with the older SEEK / SEARCH ID
 * EQUAL / TIC / READ DATA, reads counts, reads across a track with one LOCATE RECORD, formats
 * a record with WRITE CKD. Then the refusals: a seek or LOCATE RECORD beyond the minidisk or
 * outside the extent, a DEFINE EXTENT beginning beyond the minidisk (unit check, file
 * protected: sense byte 1 X'04'); a DEFINE EXTENT wider than the minidisk works up to its last
 * track only; a write the file mask inhibits, WRITE DATA without a search, a head a 3390 does
 * not have (command reject, sense byte 0 X'80'); a record not on the track (no record found,
 * X'08'); a WRITE CKD of another format (invalid track format, X'40'). Then 2000 random seeks
 * and LOCATE RECORDs with writes: each outside the minidisk must be refused with file
 * protected (test_ckd.py checks the rest of the volume). Bare, or without a 3390 0191: skipped.
 */
#include <arch/cio.h>
#include <lib/endian.h>
#include <lib/string.h>

#include "chan.h"
#include "guest.h"
#include "interrupt.h"

#define DEVNO	0x0191
#define ISC	5
#define MAX_SCH 16
#define MAGIC	0x6b
#define REC	4096
#define HEADS	15
#define SNS_FP	0x0004
#define SNS_CR	0x8000
#define SNS_NRF 0x0008
#define SNS_ITF 0x0040
#define ST_OK	CHAN_ST_OK
#define ST_UC	CHAN_ST_UC

static struct schib schib __attribute__((aligned(4)));
static struct ccw1 ccws[16];
static uint8_t de[16] __attribute__((aligned(8)));
static uint8_t lr[16] __attribute__((aligned(8)));
static uint8_t sk[6] __attribute__((aligned(8)));
static uint8_t id[8] __attribute__((aligned(8)));
static uint8_t buf[2 * REC + 8] __attribute__((aligned(8)));
static uint32_t sch;
static unsigned cyls;

static unsigned run(void)
{
	return chan_run(sch, ccws, 0);
}

static void refused(const char *what, unsigned st, unsigned want_sense)
{
	chan_report_refused(sch, what, st, want_sense);
}

static void put_cchh(uint8_t *p, unsigned cyl, unsigned head)
{
	put_be16(p, (uint16_t)cyl);
	put_be16(p + 2, (uint16_t)head);
}

static void set_de(uint8_t mask, unsigned c0, unsigned h0, unsigned c1, unsigned h1)
{
	memset(de, 0, sizeof(de));
	de[0] = mask;
	de[1] = 0xc0; /* ECKD */
	put_cchh(de + 8, c0, h0);
	put_cchh(de + 12, c1, h1);
}

static void set_lr(uint8_t op, uint8_t count, unsigned cyl, unsigned head, uint8_t rec)
{
	memset(lr, 0, sizeof(lr));
	lr[0] = op;
	lr[3] = count;
	put_cchh(lr + 4, cyl, head);
	put_cchh(lr + 8, cyl, head);
	lr[12] = rec;
}

/* DEFINE EXTENT over the tracks, LOCATE RECORD, then the data command on buf. */
static unsigned eckd(uint8_t mask, unsigned c0, unsigned h0, unsigned c1, unsigned h1, uint8_t op,
		     unsigned cyl, unsigned head, uint8_t rec, uint8_t cmd, uint16_t len)
{
	set_de(mask, c0, h0, c1, h1);
	set_lr(op, 1, cyl, head, rec);
	ccw_set(&ccws[0], 0x63, CCW_FLAG_CC, 16, de);
	ccw_set(&ccws[1], 0x47, CCW_FLAG_CC, 16, lr);
	ccw_set(&ccws[2], cmd, 0, len, buf);
	return run();
}

/* SEEK, SEARCH ID EQUAL, TIC back, then @cmd on buf. */
static unsigned seek_search(unsigned cyl, unsigned head, uint8_t rec, uint8_t cmd, uint16_t len)
{
	memset(sk, 0, sizeof(sk));
	put_cchh(sk + 2, cyl, head);
	put_cchh(id, cyl, head);
	id[4] = rec;
	ccw_set(&ccws[0], 0x07, CCW_FLAG_CC, 6, sk);
	ccw_set(&ccws[1], 0x31, CCW_FLAG_CC, 5, id);
	ccw_set(&ccws[2], 0x08, 0, 0, &ccws[1]);
	ccw_set(&ccws[3], cmd, 0, len, buf);
	return run();
}

static bool identify(void)
{
	static const uint8_t want[7] = {0xff, 0x39, 0x90, 0xc2, 0x33, 0x90, 0x0a};

	report(chan_enable(sch, &schib, ISC), "MSCH enables 0191");
	report(chan_sense_id_rdc(sch, buf) == ST_OK, "SENSE ID and RDC end with CE+DE");
	if (memcmp(buf, want, sizeof(want)) != 0) {
		report_skip("0191 is no 3390 (SENSE ID %02x %02x%02x %02x %02x%02x)", buf[0],
			    buf[1], buf[2], buf[3], buf[4], buf[5]);
		return false;
	}
	report(true, "SENSE ID: FF 3990 C2 3390 0A");
	cyls = get_be16(buf + 64 + 12);
	report(cyls >= 1 && cyls < 65520 && get_be16(buf + 64 + 14) == HEADS,
	       "RDC: %u cylinders, 15 heads", cyls);
	return cyls >= 1;
}

static void good_programs(void)
{
	unsigned last = cyls - 1;

	memset(buf, MAGIC, REC);
	report(eckd(0xc0, 0, 0, last, HEADS - 1, 0x01, last, HEADS - 1, 12, 0x05, REC) == ST_OK,
	       "LOCATE RECORD + WRITE DATA of R12 of the last track");
	memset(buf, 0, REC);
	report(seek_search(last, HEADS - 1, 12, 0x06, REC) == ST_OK && buf[0] == MAGIC &&
		   buf[REC - 1] == MAGIC,
	       "SEEK / SEARCH ID EQUAL / TIC / READ DATA reads it back");
	memset(sk, 0, sizeof(sk));
	put_cchh(sk + 2, last, 3);
	ccw_set(&ccws[0], 0x07, CCW_FLAG_CC, 6, sk);
	ccw_set(&ccws[1], 0x12, 0, 8, buf);
	report(run() == ST_OK && get_be16(buf) == last && get_be16(buf + 2) == 3 && buf[4] == 1 &&
		   buf[5] == 0 && get_be16(buf + 6) == REC,
	       "READ COUNT after a seek: R1, no key, 4096 bytes");
	/* two records across a track: R12 of head 13, R1 of head 14 */
	set_de(0x40, last, 13, last, 14);
	set_lr(0x06, 2, last, 13, 12);
	ccw_set(&ccws[0], 0x63, CCW_FLAG_CC, 16, de);
	ccw_set(&ccws[1], 0x47, CCW_FLAG_CC, 16, lr);
	ccw_set(&ccws[2], 0x86, CCW_FLAG_CC, REC, buf);
	ccw_set(&ccws[3], 0x86, 0, REC, buf + REC);
	report(run() == ST_OK, "one LOCATE RECORD reads two records across a track");
	/* format write: R12 after R11 with WRITE CKD */
	put_cchh(buf, last, HEADS - 1);
	buf[4] = 12, buf[5] = 0;
	put_be16(buf + 6, REC);
	memset(buf + 8, MAGIC + 1, REC);
	report(eckd(0xc0, last, HEADS - 1, last, HEADS - 1, 0x03, last, HEADS - 1, 11, 0x1d,
		    REC + 8) == ST_OK,
	       "LOCATE RECORD format write + WRITE CKD of R12");
	memset(buf, 0, REC);
	report(seek_search(last, HEADS - 1, 12, 0x06, REC) == ST_OK && buf[0] == MAGIC + 1,
	       "R12 holds what WRITE CKD wrote");
}

static void refusals(void)
{
	unsigned last = cyls - 1;

	memset(buf, 0xee, sizeof(buf));
	refused("SEEK beyond the minidisk", seek_search(cyls, 0, 1, 0x06, REC), SNS_FP);
	refused("SEEK to head 15", seek_search(0, HEADS, 1, 0x06, REC), SNS_CR);
	refused("LOCATE RECORD outside the extent",
		eckd(0x40, 0, 0, 0, 4, 0x06, 0, 5, 1, 0x06, REC), SNS_FP);
	refused("LOCATE RECORD beyond the minidisk",
		eckd(0x40, 0, 0, last, HEADS - 1, 0x06, cyls, 0, 1, 0x06, REC), SNS_FP);
	refused("DEFINE EXTENT beginning beyond the minidisk",
		eckd(0x40, cyls, 0, cyls + 5, 0, 0x06, cyls, 0, 1, 0x06, REC), SNS_FP);
	report(eckd(0x40, 0, 0, cyls + 100, 0, 0x06, last, HEADS - 1, 12, 0x06, REC) == ST_OK,
	       "DEFINE EXTENT wider than the minidisk: its last track can be read");
	refused("... and the track after it not",
		eckd(0x40, 0, 0, cyls + 100, 0, 0x06, cyls, 0, 1, 0x06, REC), SNS_FP);
	refused("a write the file mask inhibits",
		eckd(0x40, 0, 0, last, HEADS - 1, 0x01, last, HEADS - 1, 12, 0x05, REC), SNS_CR);
	/* a read domain that runs off its one-track extent */
	set_de(0x40, last, HEADS - 1, last, HEADS - 1);
	set_lr(0x06, 2, last, HEADS - 1, 12);
	ccw_set(&ccws[0], 0x63, CCW_FLAG_CC, 16, de);
	ccw_set(&ccws[1], 0x47, CCW_FLAG_CC, 16, lr);
	ccw_set(&ccws[2], 0x86, CCW_FLAG_CC, REC, buf);
	ccw_set(&ccws[3], 0x86, 0, REC, buf + REC);
	refused("a LOCATE RECORD domain running past the extent", run(), SNS_FP);
	refused("SEARCH ID EQUAL for R13", seek_search(0, 0, 13, 0x06, REC), SNS_NRF);
	memset(sk, 0, sizeof(sk));
	ccw_set(&ccws[0], 0x07, CCW_FLAG_CC, 6, sk);
	ccw_set(&ccws[1], 0x05, 0, REC, buf);
	refused("WRITE DATA without a search", run(), SNS_CR);
	put_cchh(buf, last, HEADS - 1);
	buf[4] = 12, buf[5] = 0;
	put_be16(buf + 6, 512);
	refused("WRITE CKD of a 512-byte record",
		eckd(0xc0, last, HEADS - 1, last, HEADS - 1, 0x03, last, HEADS - 1, 11, 0x1d, 520),
		SNS_ITF);
}

static void attack(void)
{
	uint64_t seed = stck();
	unsigned bad = 0, inside = 0, outside = 0, last = cyls - 1;

	report_info("attack seed %lx", (unsigned long)seed);
	memset(buf, 0xbd, REC);
	for (int i = 0; i < 2000; i++) {
		uint64_t r = prng_next(&seed);
		unsigned cyl = (unsigned)(r >> 8) % (cyls * 3 + 2);
		unsigned head = (unsigned)(r >> 32) % HEADS;
		unsigned c0 = (unsigned)(r >> 40) % (cyls * 2 + 1);
		unsigned c1 = c0 + (unsigned)(r >> 50) % (cyls * 2 + 1);
		bool in_ext = cyl >= c0 && cyl <= c1;
		bool mine = cyl == last && head == HEADS - 1; /* the one track this test owns */
		unsigned st;

		if (cyl < cyls && !mine)
			continue; /* the user's own data: not written */
		if (r & 1) {
			st = eckd(0xc0, c0, 0, c1, HEADS - 1, 0x01, cyl, head, 12, 0x05, REC);
			if (c0 >= cyls) {
				outside++;
				bad += st != ST_UC || chan_sense(sch) != SNS_FP;
				continue;
			}
		} else {
			in_ext = true;
			st = seek_search(cyl, head, 12, 0x05, REC);
		}
		if (cyl < cyls && in_ext) {
			inside++;
			bad += st != ST_OK;
		} else {
			outside++;
			bad += st != ST_UC || chan_sense(sch) != SNS_FP;
		}
	}
	report(bad == 0 && outside > 1000,
	       "random writes: %u outside the minidisk or extent refused with file protected, "
	       "%u inside done (%u wrong)",
	       outside, inside, bad);
}

int main(void)
{
	report_prefix_push("vckd");
	if (!under_vm64() || !chan_find_devno(DEVNO, MAX_SCH, &sch, &schib)) {
		report_skip("no device 0191 (bare, or a user without a 191)");
		return report_summary();
	}
	report_info("0191 is subchannel %08x", sch);
	if (identify()) {
		good_programs();
		refusals();
		attack();
	}
	return report_summary();
}
