/*
 * libFuzzer target for guest channel programs to a 3390 minidisk (cp/vdev/vckd.c): what any
 * guest may put in a channel program. Built by "make fuzz" (mk/fuzz.mk) as
 * build/fuzz/fuzz_vckd; seed corpus in tests/fuzz/corpus_vckd/.
 *
 * The machine has 1 MB of storage; the input (at most 16 KB) is copied to guest address
 * 0x1000 and the channel program starts there, so its CCWs, parameters and data addresses all
 * come from the input (addresses outside the storage are the program checks CP gives). The
 * minidisk is cylinders 1-2 of a fake 4-cylinder 3390 (tests/unit/fake_hw.c). After every
 * program the subchannel must have status pending, and cylinders 0 and 3 of the volume - the
 * neighbours - must be exactly as they were.
 */
#include <stdlib.h>
#include <string.h>
#include <cp/blkdev.h>
#include <cp/dasd.h>
#include <cp/sysconfig.h>
#include <cp/vdev.h>
#include <cp/vm.h>
#include "fake_gmem.h"
#include "fake_hw.h"

#define CYL_BYTES (1440 * 512)
#define STORAGE	  0x100000
#define PROG_AT	  0x1000
#define MAX_INPUT 0x4000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct vm *vm;
static struct vsubchannel *sch;
static uint8_t *vol, *saved_lo, *saved_hi;

static void setup(void)
{
	static const struct sysconfig cfg = {
	    .nvolumes = 1,
	    .volumes = {{"C1", SYSCFG_USER, 4 * 1440, 0x3390, 4}},
	};
	uint8_t schib[52] = {0};

	fake_blk_reset();
	fake_ckd_add(0x200, 4, "C1");
	if (dasd_init(&cfg, NULL) != 1)
		abort();
	vol = fake_blks[0].data;
	for (size_t i = 0; i < 4 * (size_t)CYL_BYTES; i++)
		vol[i] = (uint8_t)(i * 7 + (i >> 12));
	saved_lo = malloc(CYL_BYTES);
	saved_hi = malloc(CYL_BYTES);
	memcpy(saved_lo, vol, CYL_BYTES);
	memcpy(saved_hi, vol + 3 * (size_t)CYL_BYTES, CYL_BYTES);
	vm = fake_vm_new(STORAGE);
	if (mdisk_blkdev_init(&vm->disks[0], dasd_volume("C1"), 0x191, 1440, 2 * 1440, false))
		abort();
	sch = vm_subchannel(vm, 0x00010001);
	if (!sch)
		abort();
	schib[5] = 0x80; /* enabled */
	sch->ops->modify(sch, schib);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t orb[32] = {0}, irb[64];

	if (!vm)
		setup();
	if (size > MAX_INPUT)
		size = MAX_INPUT;
	for (size_t i = 0; i < size; i++)
		fake_abs(vm, PROG_AT + i)[0] = data[i];
	orb[6] = 0x80; /* format-1 CCWs */
	orb[8] = 0, orb[9] = 0, orb[10] = PROG_AT >> 8, orb[11] = PROG_AT & 0xff;
	if (sch->ops->start(sch, orb) == 0 && sch->ops->test(sch, irb) != 0)
		abort(); /* a program that started must have ended with status */
	if (memcmp(saved_lo, vol, CYL_BYTES) ||
	    memcmp(saved_hi, vol + 3 * (size_t)CYL_BYTES, CYL_BYTES))
		abort(); /* a write left the minidisk */
	return 0;
}
