/*
 * Unit tests for the channel programs of the virtual unit-record devices (cp/spool/vur.c),
 * whose CCWs are fetched by the disks' walker (cp/vdev/ccwprog.c): SENSE ID reached through a
 * TIC, and the channel-program checks: TIC as the first CCW, TIC to a TIC, a TIC loop (the
 * CCW limit), data chaining, IDAWs, an invalid command code, a CCW off a doubleword.
 */
#include <string.h>

#include <cp/spool.h>
#include <cp/users.h>
#include <cp/vdev.h>
#include <cp/vm.h>
#include <cp/vur.h>

#include "cunit_main.h"
#include "fake_chan.h"
#include "fake_gmem.h"

#define CP_AT 0x1000
#define BUF   0x3000
#define OK    0x0c00 /* channel end + device end */
#define PCHK  0x0020 /* program check */

static struct vm *vm;
static struct vsubchannel *sch;

static void ccw1(unsigned i, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t data)
{
	fake_ccw1(vm, CP_AT + 8 * i, cmd, flags, count, data);
}

/* Starts the format-1 program at @cpa on the printer: device status << 8 | subchannel status. */
static unsigned run_at(uint32_t cpa)
{
	return fake_run(sch, cpa);
}

static unsigned run(void)
{
	return run_at(CP_AT);
}

static void setup(void)
{
	struct user_entry ue;
	struct vur *u;

	memset(&ue, 0, sizeof(ue));
	vm = fake_vm_new(1 << 20);
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	vur_define(vm, &ue);
	u = vur_find(vm, 0x00e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	sch = &u->sch;
	sch->enabled = true; /* as MSCH would */
}

static void teardown(void)
{
	vur_release(vm);
	fake_vm_free(vm);
	vm = 0;
}

static void test_sense_id_through_tic(void)
{
	uint8_t *b;

	setup();
	ccw1(0, 0x03, 0x40, 1, 0);	      /* NOP, command chained */
	ccw1(1, 0x08, 0, 0, CP_AT + 24);      /* TIC */
	ccw1(3, 0xe4, 0x20, 7, BUF);	      /* SENSE ID, SLI */
	CU_ASSERT_EQUAL(run(), OK);
	b = fake_abs(vm, BUF);
	CU_ASSERT(b[0] == 0xff && b[1] == 0x14 && b[2] == 0x03);
	ccw1(0, 0x03, 0, 1, 0);
	CU_ASSERT_EQUAL(run(), OK);
	teardown();
}

static void test_program_checks(void)
{
	setup();
	ccw1(0, 0x08, 0, 0, CP_AT + 8);	      /* TIC first */
	ccw1(1, 0x03, 0, 1, 0);
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0x40, 1, 0);
	ccw1(1, 0x08, 0, 0, CP_AT + 16);      /* TIC to a TIC */
	ccw1(2, 0x08, 0, 0, CP_AT);
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0x40, 1, 0);
	ccw1(1, 0x08, 0, 0, CP_AT);	      /* a loop: ends at the CCW limit */
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0x80, 1, 0);	      /* data chaining */
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0x04, 1, 0);	      /* IDAW */
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0, 0, 0);		      /* count 0: valid in a format-1 CCW */
	CU_ASSERT_EQUAL(run(), OK);
	ccw1(0, 0x00, 0, 1, 0);		      /* invalid command code */
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0x40, 1, 0);
	ccw1(1, 0x08, 0, 0, CP_AT + 20);      /* TIC off a doubleword */
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0x40, 1, 0);	      /* the second CCW is data chained */
	ccw1(1, 0x03, 0x80, 1, 0);
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0, 1, 0);		      /* the device still works */
	CU_ASSERT_EQUAL(run(), OK);
	teardown();
}

UNIT_SUITE(vur, UNIT_CASE(test_sense_id_through_tic), UNIT_CASE(test_program_checks))

UNIT_MAIN(UNIT_REG(vur))
