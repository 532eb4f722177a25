/*
 * The fake machine CP's commands run on in tests/unit/test_cmd.c and tests/fuzz/fuzz_cmd.c:
 * 64 MB, two CPUs under SIE, a 3215 at 0009 and a 3278-2 at 0020, IPLed 2026-11-23 20:00 and
 * now 1:02:05 later, an hour of it idle. Real frames over 1 MB-64 MB.
 */
#ifndef TESTS_UNIT_CMD_MACHINE_H
#define TESTS_UNIT_CMD_MACHINE_H

#include <string.h>
#include <cp/frames.h>
#include <cp/system.h>
#include <cp/tod.h>
#include "fake_hw.h"

static inline void cmd_machine_setup(void)
{
	static uint64_t bitmap[256];

	memset(&fake_info, 0, sizeof(fake_info));
	fake_info.storage_bytes = 64ULL << 20;
	fake_info.cpu_count = 2;
	fake_info.cpu_id = 0xff00061120640000ULL;
	fake_info.engine = HW_ENGINE_SIE;
	fake_device_count = 2;
	fake_devices[0] = (struct hw_device){ .schid = 0x10000, .devno = 0x0009, .cu_type = 0x3215,
					      .identified = true, .enabled = true };
	fake_devices[1] = (struct hw_device){ .schid = 0x10001, .devno = 0x0020, .cu_type = 0x3274,
					      .dev_type = 0x3278, .dev_model = 2,
					      .identified = true, .enabled = true };
	cp_system.ipl_tod = civil_to_tod(2026, 11, 23, 20, 0, 0);
	fake_tod = cp_system.ipl_tod + 3725 * TOD_SECOND; /* 1:02:05 later */
	fake_idle = 3600 * TOD_SECOND;
	frames_init(&real_frames, 1 << 20, 64ULL << 20, bitmap);
}

#endif
