/*
 * Channel programs in a fake machine's storage, for the unit tests of CP's virtual devices
 * (test_vcons.c, test_vfba.c, test_vckd.c, test_vur.c): a format-1 CCW at a guest address,
 * a START through the subchannel's ops, and a program run with its status taken at once.
 * Used by those tests only; they are what covers it.
 */
#ifndef TESTS_UNIT_FAKE_CHAN_H
#define TESTS_UNIT_FAKE_CHAN_H

#include <stdbool.h>
#include <stdint.h>
#include <CUnit/CUnit.h>
#include <arch/cio.h>
#include <cp/vdev.h>
#include <cp/vm.h>
#include <lib/endian.h>

#include "fake_gmem.h"

/* A format-1 CCW at guest absolute address @at of @vm. */
static inline void fake_ccw1(struct vm *vm, uint64_t at, uint8_t cmd, uint8_t flags,
			     uint16_t count, uint32_t data)
{
	uint8_t *p = fake_abs(vm, at);

	p[0] = cmd, p[1] = flags;
	put_be16(p + 2, count);
	put_be32(p + 4, data);
}

/* START (SSCH) of the program at @cpa, format 1 or 0, with @intparm: the start op's cc. */
static inline int fake_start(struct vsubchannel *sch, uint32_t cpa, bool format1,
			     uint32_t intparm)
{
	uint8_t orb[32] = {0};

	put_be32(orb, intparm);
	put_be32(orb + 4, format1 ? ORB_FLAGS_FORMAT1 : 0);
	put_be32(orb + 8, cpa);
	return sch->ops->start(sch, orb);
}

/* The format-1 program at @cpa started and its status taken (TSCH): dstat << 8 | cstat. */
static inline unsigned fake_run(struct vsubchannel *sch, uint32_t cpa)
{
	uint8_t irb[64];

	CU_ASSERT_EQUAL_FATAL(fake_start(sch, cpa, true, 0xcafe), 0);
	CU_ASSERT_EQUAL_FATAL(sch->ops->test(sch, irb), 0);
	return (unsigned)irb[8] << 8 | irb[9];
}

#endif
