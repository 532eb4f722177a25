/* Unit tests for first touches of guest storage and mapping ahead (cp/vm/fault_in.c). */
#include <string.h>
#include "cunit_main.h"
#include <cp/frames.h>
#include "fake_gmem.h"

#define MB   (1ULL << 20)
#define PAGE 4096ULL

/* The real-storage key the code under test gave each frame (hw_set_storage_key). */
#define KEYED_MAX 64
static uint64_t keyed_frame[KEYED_MAX];
static uint8_t keyed_key[KEYED_MAX];
static unsigned keyed;

void hw_set_storage_key(uint64_t frame, uint8_t key)
{
	if (keyed < KEYED_MAX) {
		keyed_frame[keyed] = frame;
		keyed_key[keyed] = key;
	}
	keyed++;
}

/* The keys the guest recorded with SSKE before touching a page (cp/icpt/skey.c's part). */
static uint64_t recorded_page[2];
static uint8_t recorded_key[2];

uint8_t vm_skey_get(const struct vm *vm, uint64_t abs)
{
	(void)vm;
	for (unsigned i = 0; i < 2; i++)
		if (recorded_key[i] && recorded_page[i] == (abs & ~(PAGE - 1)))
			return recorded_key[i];
	return 0;
}

/* Plenty of free real storage, as the pool would report it. */
static void plenty_of_frames(void)
{
	real_frames.nframes = 65536;
	real_frames.nfree = 60000;
}

/* What the engine does: a fault for every touched page that has no frame yet. */
static unsigned touch(struct vm *vm, uint64_t from, uint64_t to, uint64_t stride)
{
	unsigned faults = 0;

	for (uint64_t a = from; a < to; a += stride) {
		if (fake_touched(vm, a))
			continue;
		CU_ASSERT_NOT_EQUAL(vm_fault_in(vm, a + 0x123), 0);
		faults++;
	}
	return faults;
}

static void test_sequential_writer_faults_rarely(void)
{
	struct vm *vm = fake_vm_new(64 * MB);
	unsigned faults;

	plenty_of_frames();
	faults = touch(vm, 0, 40 * MB, PAGE);
	/* 8 one by one, 8, 16 ... 128, then a segment a fault: 8 + 6 + ~37 */
	CU_ASSERT(faults <= 60);
	CU_ASSERT(faults >= 40);
	/* never more than half again what was used, and here exactly what was used + ahead */
	CU_ASSERT(vm->mem.frames_in_use >= 40 * MB / PAGE);
	CU_ASSERT(vm->mem.frames_in_use <= 40 * MB / PAGE + FAULT_AHEAD_MAX);
	fake_vm_free(vm);
}

static void test_scattered_touches_map_only_themselves(void)
{
	struct vm *vm = fake_vm_new(16 * MB);

	plenty_of_frames();
	CU_ASSERT_EQUAL(touch(vm, 0, 16 * MB, 3 * PAGE), (16 * MB) / (3 * PAGE) + 1);
	CU_ASSERT_EQUAL(vm->mem.frames_in_use, (16 * MB) / (3 * PAGE) + 1);
	fake_vm_free(vm);
}

static void test_short_runs_map_only_themselves(void)
{
	struct vm *vm = fake_vm_new(16 * MB);

	plenty_of_frames();
	/* runs of FAULT_AHEAD_MIN_RUN pages with a hole between: nothing ahead */
	for (uint64_t a = 0; a < 8 * MB; a += (FAULT_AHEAD_MIN_RUN + 1) * PAGE)
		touch(vm, a, a + FAULT_AHEAD_MIN_RUN * PAGE, PAGE);
	CU_ASSERT_EQUAL(vm->mem.frames_in_use,
			((8 * MB) / ((FAULT_AHEAD_MIN_RUN + 1) * PAGE) + 1) * FAULT_AHEAD_MIN_RUN);
	fake_vm_free(vm);
}

static void test_ahead_stops_at_the_end_of_storage(void)
{
	struct vm *vm = fake_vm_new(1 * MB);

	plenty_of_frames();
	touch(vm, 0, 1 * MB, PAGE);
	CU_ASSERT_EQUAL(vm->mem.frames_in_use, MB / PAGE);
	CU_ASSERT_EQUAL(fault_ahead(&vm->faults, 1 * MB - PAGE, 1 * MB), 1);
	CU_ASSERT_EQUAL(fault_ahead(&vm->faults, 5 * MB, 1 * MB), 1);
	fake_vm_free(vm);
}

static void test_policy_doubles_to_a_segment(void)
{
	struct fault_stream fs = {0};
	uint64_t a = 0x200000;
	unsigned n;

	for (unsigned i = 0; i < FAULT_AHEAD_MIN_RUN; i++, a += PAGE)
		CU_ASSERT_EQUAL(fault_ahead(&fs, a, 64 * MB), 1);
	n = fault_ahead(&fs, a, 64 * MB);
	CU_ASSERT_EQUAL(n, FAULT_AHEAD_MIN_RUN);
	a += n * PAGE;
	CU_ASSERT_EQUAL(fault_ahead(&fs, a, 64 * MB), 2 * FAULT_AHEAD_MIN_RUN);
	for (unsigned i = 0; i < 8; i++) {
		a = fs.next;
		n = fault_ahead(&fs, a, 64 * MB);
	}
	CU_ASSERT_EQUAL(n, FAULT_AHEAD_MAX);
	/* a touch elsewhere starts over */
	CU_ASSERT_EQUAL(fault_ahead(&fs, 0x1000, 64 * MB), 1);
	CU_ASSERT_EQUAL(fault_ahead(&fs, fs.next + PAGE, 64 * MB), 1);
}

static void test_ahead_keeps_a_reserve_of_real_storage(void)
{
	struct vm *vm = fake_vm_new(16 * MB);

	real_frames.nframes = 65536;
	real_frames.nfree = 65536 / 16; /* at the reserve: only what the guest touches */
	touch(vm, 0, 4 * MB, PAGE);
	CU_ASSERT_EQUAL(touch(vm, 4 * MB, 8 * MB, PAGE), 4 * MB / PAGE);
	fake_vm_free(vm);
}

static void test_pages_ahead_get_their_recorded_keys(void)
{
	struct vm *vm = fake_vm_new(4 * MB);

	plenty_of_frames();
	/* SSKE before the first touch is recorded only: two pages the stream will map ahead */
	recorded_page[0] = 0x9000;
	recorded_key[0] = 0x30;
	recorded_page[1] = 0xa000;
	recorded_key[1] = 0x38;
	keyed = 0;
	touch(vm, 0, 0x9000, PAGE); /* 8 faults one by one, the 9th maps 0x8000-0xf000 */
	CU_ASSERT(fake_touched(vm, 0x9000) && fake_touched(vm, 0xa000));
	CU_ASSERT_EQUAL(keyed, 2);
	CU_ASSERT_EQUAL(keyed_frame[0], (uint64_t)(uintptr_t)fake_abs(vm, 0x9000));
	CU_ASSERT_EQUAL(keyed_key[0], 0x30);
	CU_ASSERT_EQUAL(keyed_frame[1], (uint64_t)(uintptr_t)fake_abs(vm, 0xa000));
	CU_ASSERT_EQUAL(keyed_key[1], 0x38);
	memset(recorded_key, 0, sizeof(recorded_key));
	fake_vm_free(vm);
}

static void test_no_storage_is_reported(void)
{
	struct vm *vm = fake_vm_new(4 * MB);

	plenty_of_frames();
	fake_gmem_pages_left = 0;
	CU_ASSERT_EQUAL(vm_fault_in(vm, 0x5000), 0);
	/* ahead pages that cannot be had cost the faulting page nothing */
	fake_gmem_pages_left = -1;
	touch(vm, 0, 0x20000, PAGE);
	fake_gmem_pages_left = 1;
	CU_ASSERT_NOT_EQUAL(vm_fault_in(vm, 0x20000), 0);
	fake_gmem_pages_left = -1;
	fake_vm_free(vm);
}

UNIT_SUITE(fault_in, UNIT_CASE(test_sequential_writer_faults_rarely),
	   UNIT_CASE(test_scattered_touches_map_only_themselves),
	   UNIT_CASE(test_short_runs_map_only_themselves),
	   UNIT_CASE(test_ahead_stops_at_the_end_of_storage), UNIT_CASE(test_policy_doubles_to_a_segment),
	   UNIT_CASE(test_ahead_keeps_a_reserve_of_real_storage),
	   UNIT_CASE(test_pages_ahead_get_their_recorded_keys), UNIT_CASE(test_no_storage_is_reported))

UNIT_MAIN(UNIT_REG(fault_in))
