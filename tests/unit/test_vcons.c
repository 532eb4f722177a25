/*
 * Unit tests for the virtual console device (cp/vdev/v3215.c) and I/O-interruption
 * delivery: channel programs in guest storage, status, TSCH, and the checks that keep a bad
 * channel program inside the guest.
 */
#include <string.h>
#include <cp/vdev.h>
#include <cp/vm.h>
#include <lib/ebcdic.h>
#include "cunit_main.h"
#include "fake_chan.h"
#include "fake_gmem.h"

static struct vm *vm;
static struct vsubchannel *sch;

/* A format-1 CCW at guest address at. */
static void ccw1(uint64_t at, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t data)
{
	fake_ccw1(vm, at, cmd, flags, count, data);
}

static int start(uint32_t cpa, bool format1)
{
	return fake_start(sch, cpa, format1, 0x12345678);
}

static void setup(void)
{
	uint8_t schib[52] = { 0 };

	vm = fake_vm_new(1 << 20);
	vcons_init(&vm->console, vm);
	sch = vm_subchannel(vm, 0x00010000);
	fake_console_reset();
	CU_ASSERT_PTR_NOT_NULL_FATAL(sch);
	CU_ASSERT_EQUAL(start(0x1000, true), 3); /* not enabled yet */
	schib[4] = 3 << 3; /* ISC 3 */
	schib[5] = 0x80;   /* enabled */
	CU_ASSERT_EQUAL(sch->ops->modify(sch, schib), 0);
}

static void test_store_and_lookup(void)
{
	uint8_t schib[52];

	setup();
	CU_ASSERT_PTR_NULL(vm_subchannel(vm, 0x00010001));
	CU_ASSERT_PTR_NULL(vm_subchannel(vm, 0x00000000));
	CU_ASSERT_EQUAL(sch->ops->store(sch, schib), 0);
	CU_ASSERT_EQUAL(schib[5], 0x81);
	CU_ASSERT_EQUAL(schib[6] << 8 | schib[7], 0x0009);
	CU_ASSERT_EQUAL(schib[4] >> 3, 3);
	CU_ASSERT_EQUAL(schib[27], 0);
	/* Linux's cio_commit_config() sets S (and D with several paths) and checks STSCH. */
	schib[5] |= 0x04;
	schib[27] = 0x01;
	CU_ASSERT_EQUAL(sch->ops->modify(sch, schib), 0);
	memset(schib, 0, sizeof(schib));
	CU_ASSERT_EQUAL(sch->ops->store(sch, schib), 0);
	CU_ASSERT_EQUAL(schib[5], 0x85);
	CU_ASSERT_EQUAL(schib[27], 0x01);
	schib[5] = 0x80;
	schib[27] = 0;
	CU_ASSERT_EQUAL(sch->ops->modify(sch, schib), 0);
	CU_ASSERT_EQUAL(sch->ops->store(sch, schib), 0);
	CU_ASSERT_EQUAL(schib[5], 0x81);
	CU_ASSERT_EQUAL(schib[27], 0);
	fake_vm_free(vm);
}

static void test_write_line_and_status(void)
{
	uint8_t irb[64];
	char text[] = "HELLO, CP";

	setup();
	ascii_to_ebcdic(EBCDIC_CP037, fake_abs(vm, 0x2000), text, strlen(text));
	ccw1(0x1000, 0x09, 0, (uint16_t)strlen(text), 0x2000);
	CU_ASSERT_EQUAL(start(0x1000, true), 0);
	CU_ASSERT_EQUAL(fake_console_count, 1);
	CU_ASSERT_STRING_EQUAL(fake_console[0], "HELLO, CP");
	CU_ASSERT(sch->status_pending && sch->int_pending);
	CU_ASSERT_EQUAL(start(0x1000, true), 1); /* status pending */
	/* Interruption enabled by CR6 for ISC 3 only. */
	CU_ASSERT_PTR_NULL(vm_io_pending(vm, 1ULL << (31 - 2)));
	CU_ASSERT_PTR_EQUAL(vm_io_pending(vm, 1ULL << (31 - 3)), sch);
	CU_ASSERT_EQUAL(sch->ops->test(sch, irb), 0);
	CU_ASSERT_EQUAL(irb[8], 0x0c);  /* channel end + device end */
	CU_ASSERT_EQUAL(irb[3], 0x07);  /* primary, secondary, status pending */
	CU_ASSERT_EQUAL(irb[1], 0x80);  /* format-1 CCWs */
	CU_ASSERT_EQUAL(irb[4] << 24 | irb[5] << 16 | irb[6] << 8 | irb[7], 0x1008);
	CU_ASSERT_EQUAL(sch->ops->test(sch, irb), 1); /* nothing pending any more */
	CU_ASSERT_PTR_NULL(vm_io_pending(vm, ~0ULL));
	fake_vm_free(vm);
}

static void test_chains_and_sense_id(void)
{
	uint8_t irb[64];
	uint8_t *id;

	setup();
	memset(fake_abs(vm, 0x3000), 0xc1, 4); /* "AAAA" */
	memset(fake_abs(vm, 0x3004), 0xc2, 2); /* "BB" */
	ccw1(0x1000, 0x03, 0x40, 1, 0);          /* NOP, command chained */
	ccw1(0x1008, 0x01, 0x80, 4, 0x3000);     /* write, data chained */
	ccw1(0x1010, 0x01, 0x40, 2, 0x3004);     /* ... the rest of the line */
	ccw1(0x1018, 0xe4, 0x20, 7, 0x4000);     /* SENSE ID */
	CU_ASSERT_EQUAL(start(0x1000, true), 0);
	CU_ASSERT_EQUAL(fake_console_count, 1);
	CU_ASSERT_STRING_EQUAL(fake_console[0], "AAAABB");
	id = fake_abs(vm, 0x4000);
	CU_ASSERT(id[0] == 0xff && id[1] == 0x32 && id[2] == 0x15 && id[4] == 0x32 && id[5] == 0x15);
	sch->ops->test(sch, irb);
	CU_ASSERT_EQUAL(irb[8], 0x0c);
	fake_vm_free(vm);
}

static void test_bad_programs_stay_in_the_guest(void)
{
	uint8_t irb[64];
	uint8_t *p;

	setup();
	/* CCW address beyond storage. */
	CU_ASSERT_EQUAL(start(0x7ff000, true), 0);
	sch->ops->test(sch, irb);
	CU_ASSERT_EQUAL(irb[9], 0x20); /* channel-program check */
	CU_ASSERT_EQUAL(irb[8], 0);
	CU_ASSERT_EQUAL(irb[3], 0x17); /* alert, primary, secondary, status pending */
	/* Data address beyond storage. */
	ccw1(0x1000, 0x09, 0, 80, 0x200000);
	CU_ASSERT_EQUAL(start(0x1000, true), 0);
	sch->ops->test(sch, irb);
	CU_ASSERT_EQUAL(irb[9], 0x20);
	CU_ASSERT_EQUAL(fake_console_count, 0);
	/* Zero count: a program check in format 0; allowed in format 1 (Linux's path
	 * verification NOP), unaligned CCW address, IDA flag. */
	ccw1(0x1000, 0x09, 0, 80, 0x2000);
	fake_abs(vm, 0x1000)[6] = fake_abs(vm, 0x1000)[7] = 0; /* format 0: count bytes 6-7 */
	start(0x1000, false);
	sch->ops->test(sch, irb);
	CU_ASSERT_EQUAL(irb[9], 0x20);
	ccw1(0x1000, 0x03, 0x20, 0, 0);
	start(0x1000, true);
	sch->ops->test(sch, irb);
	CU_ASSERT_EQUAL(irb[9], 0);
	CU_ASSERT_EQUAL(irb[8], 0x0c); /* channel end, device end */
	start(0x1004, true);
	sch->ops->test(sch, irb);
	CU_ASSERT_EQUAL(irb[9], 0x20);
	ccw1(0x1000, 0x09, 0x04, 4, 0x2000);
	start(0x1000, true);
	sch->ops->test(sch, irb);
	CU_ASSERT_EQUAL(irb[9], 0x20);
	/* An endless chain of NOPs pointing at itself cannot hold CP: it ends. */
	for (uint64_t a = 0x1000; a < 0x1000 + 8 * 300; a += 8)
		ccw1(a, 0x03, 0x40, 1, 0);
	CU_ASSERT_EQUAL(start(0x1000, true), 0);
	sch->ops->test(sch, irb);
	CU_ASSERT_EQUAL(irb[9], 0x20);
	/* Unknown command: unit check, then SENSE says command reject. */
	ccw1(0x1000, 0x77, 0, 1, 0x2000);
	start(0x1000, true);
	sch->ops->test(sch, irb);
	CU_ASSERT_EQUAL(irb[8], 0x0e);
	ccw1(0x1000, 0x04, 0, 1, 0x2000);
	start(0x1000, true);
	p = fake_abs(vm, 0x2000);
	CU_ASSERT_EQUAL(p[0], 0x80);
	sch->ops->test(sch, irb);
	CU_ASSERT_EQUAL(irb[8], 0x0c);
	fake_vm_free(vm);
}

/* X'15' in the data ends a line on the screen; a final X'15' adds no empty line. */
static void test_new_lines_in_data(void)
{
	uint8_t *d;

	setup();
	d = fake_abs(vm, 0x2000);
	ascii_to_ebcdic(EBCDIC_CP037, d, "ONE", 3);
	d[3] = 0x15;
	ascii_to_ebcdic(EBCDIC_CP037, d + 4, "TWO", 3);
	d[7] = 0x15;
	ccw1(0x1000, 0x01, 0x60, 8, 0x2000); /* command chaining + SLI, as con3215 */
	ccw1(0x1008, 0x03, 0, 1, 0);          /* its NOP */
	CU_ASSERT_EQUAL(start(0x1000, true), 0);
	CU_ASSERT_EQUAL(fake_console_count, 2);
	CU_ASSERT_STRING_EQUAL(fake_console[0], "ONE");
	CU_ASSERT_STRING_EQUAL(fake_console[1], "TWO");
	fake_vm_free(vm);
}

/* A write far longer than a line, as con3215 sends /proc/cpuinfo (up to 3968 bytes per CCW):
 * every line arrives, and a line wider than CP's buffer comes in pieces, not cut short. */
static void test_long_write_loses_nothing(void)
{
	uint8_t *d;
	char want[32];
	size_t at = 0;

	setup();
	d = fake_abs(vm, 0x4000);
	for (int i = 0; i < 12; i++) { /* 12 lines of 40 */
		char text[48];

		memset(text, ' ', 40);
		text[0] = 'L', text[1] = 'I', text[2] = 'N', text[3] = 'E', text[4] = ' ';
		text[5] = (char)('0' + i / 10), text[6] = (char)('0' + i % 10);
		ascii_to_ebcdic(EBCDIC_CP037, d + at, text, 40);
		at += 40;
		d[at++] = 0x15;
	}
	memset(d + at, 0xc1, 600); /* one 600-byte line of A's, no X'15' at its end */
	at += 600;
	ccw1(0x1000, 0x01, 0x60, (uint16_t)at, 0x4000);
	ccw1(0x1008, 0x03, 0, 1, 0);
	CU_ASSERT_EQUAL(start(0x1000, true), 0);
	CU_ASSERT_EQUAL_FATAL(fake_console_count, 15); /* 12, then 600 = 256 + 256 + 88 */
	for (int i = 0; i < 12; i++) {
		snprintf(want, sizeof(want), "LINE %02d", i % 100);
		CU_ASSERT_NSTRING_EQUAL(fake_console[i], want, 7);
	}
	CU_ASSERT(strlen(fake_console[12]) >= 255); /* the fake keeps 255 of its 256 */
	CU_ASSERT_EQUAL(strlen(fake_console[14]), 88);
	CU_ASSERT_EQUAL(fake_console[14][87], 'A');
	fake_vm_free(vm);
}

/* A line with no READ waiting: held, and attention (unsolicited, alert + status pending). */
static void test_attention_then_read(void)
{
	uint8_t irb[64];

	setup();
	strcpy(vm->vm_input, "ls");
	vm->vm_input_pending = true;
	vcons_attention(sch);
	CU_ASSERT_EQUAL(sch->ops->test(sch, irb), 0);
	CU_ASSERT_EQUAL(irb[2], 0x00);
	CU_ASSERT_EQUAL(irb[3], 0x11);
	CU_ASSERT_EQUAL(irb[8], 0x80);
	ccw1(0x1000, 0x0a, 0x20, 160, 0x3000); /* con3215's READ */
	CU_ASSERT_EQUAL(start(0x1000, true), 0);
	CU_ASSERT_EQUAL(sch->ops->test(sch, irb), 0);
	CU_ASSERT_EQUAL(irb[8], 0x0c);
	CU_ASSERT_EQUAL(irb[10] << 8 | irb[11], 158);
	CU_ASSERT_EQUAL(fake_abs(vm, 0x3000)[0], 0x93); /* 'l' */
	CU_ASSERT_FALSE(vm->vm_input_pending);
	fake_vm_free(vm);
}

/* Attention while other status is pending waits until the guest has taken it. */
static void test_attention_owed(void)
{
	uint8_t irb[64];

	setup();
	ccw1(0x1000, 0x03, 0, 1, 0);
	CU_ASSERT_EQUAL(start(0x1000, true), 0); /* status pending now */
	strcpy(vm->vm_input, "x");
	vm->vm_input_pending = true;
	vcons_attention(sch);
	CU_ASSERT_EQUAL(sch->ops->test(sch, irb), 0);
	CU_ASSERT_EQUAL(irb[8], 0x0c); /* the NOP's */
	CU_ASSERT_EQUAL(sch->ops->test(sch, irb), 0);
	CU_ASSERT_EQUAL(irb[8], 0x80); /* then attention */
	CU_ASSERT_EQUAL(sch->ops->test(sch, irb), 1);
	fake_vm_free(vm);
}

static void test_format0_and_read(void)
{
	uint8_t irb[64];
	uint8_t *c;

	setup();
	c = fake_abs(vm, 0x1000); /* format 0: cmd, 24-bit address, flags, 0, count */
	c[0] = 0x0a, c[1] = 0x00, c[2] = 0x20, c[3] = 0x00, c[4] = 0x20, c[5] = 0, c[6] = 0;
	c[7] = 80;
	CU_ASSERT_EQUAL(start(0x1000, false), 0);
	sch->ops->test(sch, irb);
	CU_ASSERT_EQUAL(irb[8], 0x0d); /* CE, DE, unit exception: no input */
	CU_ASSERT_EQUAL(irb[1], 0x00); /* format 0 */
	fake_vm_free(vm);
}

UNIT_SUITE(vcons, UNIT_CASE(test_store_and_lookup), UNIT_CASE(test_write_line_and_status),
	   UNIT_CASE(test_chains_and_sense_id), UNIT_CASE(test_bad_programs_stay_in_the_guest),
	   UNIT_CASE(test_format0_and_read), UNIT_CASE(test_new_lines_in_data), UNIT_CASE(test_long_write_loses_nothing),
	   UNIT_CASE(test_attention_then_read), UNIT_CASE(test_attention_owed))
UNIT_MAIN(UNIT_REG(vcons))
