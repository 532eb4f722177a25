/*
 * Unit tests for shared saved segments (cp/mm/segment.c) over fake guest storage and the fake
 * NSS table (tests/unit/fake_nss.c: a shared CMS of three pages at X'100000'): one load for
 * every machine, the same frames in each, read-only, user counts, detaching and re-attaching
 * without leaks, private copies, purging, a machine too small, and running out of frames.
 */
#include <string.h>
#include <cp/frames.h>
#include <cp/segment.h>
#include "cunit_main.h"
#include "fake_gmem.h"
#include "fake_nss.h"

#define MB (1ULL << 20)

static void test_find(void)
{
	struct segment *seg = segment_find("cms ");

	CU_ASSERT_EQUAL(segment_count(), 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(seg);
	CU_ASSERT_PTR_EQUAL(segment_get(0), seg);
	CU_ASSERT_PTR_NULL(segment_get(1));
	CU_ASSERT_PTR_NULL(segment_find("DIAG")); /* a copied system is not a segment */
	CU_ASSERT_PTR_NULL(segment_find("NOSUCH"));
	CU_ASSERT_EQUAL(seg->start, 0x100000);
	CU_ASSERT_EQUAL(seg->end, 0x1fffff);
	CU_ASSERT_EQUAL(segment_pages(seg), 256);
}

static void test_shared_by_two_machines(void)
{
	struct segment *seg = segment_find("CMS");
	struct vm *a = fake_vm_new(4 * MB), *b = fake_vm_new(4 * MB);
	uint8_t buf[8];
	unsigned long out;

	CU_ASSERT_EQUAL(segment_attach(seg, a), 0);
	CU_ASSERT(seg->loaded);
	CU_ASSERT_EQUAL(segment_frames(seg), 3 + 1 + 1); /* three image pages, zero, table */
	out = fake_frames_out;
	CU_ASSERT_EQUAL(segment_attach(seg, b), 0);
	CU_ASSERT_EQUAL(fake_frames_out, out); /* the second machine costs no frame */
	CU_ASSERT_EQUAL(seg->users, 2);
	CU_ASSERT(segment_attached(seg, a) && segment_attached(seg, b));
	CU_ASSERT_EQUAL(segment_attach(seg, a), 0); /* again: nothing changes */
	CU_ASSERT_EQUAL(seg->users, 2);

	CU_ASSERT_EQUAL(gmem_lookup(&a->mem, 0x101000), gmem_lookup(&b->mem, 0x101000));
	CU_ASSERT_EQUAL(guest_read_abs(b, 0x100000, buf, 4), 0);
	CU_ASSERT_EQUAL(memcmp(buf, fake_cms_bytes, 4), 0);
	CU_ASSERT_EQUAL(guest_read_abs(b, 0x100000 + FAKE_CMS_SIZE - 1, buf, 2), 0);
	CU_ASSERT(buf[0] == 0x99 && buf[1] == 0); /* the rest of the last page is zeros */
	CU_ASSERT_EQUAL(guest_read_abs(b, 0x1ff000, buf, 8), 0); /* past the image: zeros */
	CU_ASSERT_EQUAL(buf[0] | buf[7], 0);
	CU_ASSERT_EQUAL(guest_write_abs(a, 0x100000, "\1", 1), PGM_PROTECTION);
	CU_ASSERT_EQUAL(a->mem.frames_in_use, 0);

	segment_detach(seg, a);
	CU_ASSERT_EQUAL(seg->users, 1);
	CU_ASSERT_FALSE(segment_attached(seg, a));
	CU_ASSERT_EQUAL(guest_write_abs(a, 0x100000, "\1", 1), 0);
	segment_detach_all(b);
	CU_ASSERT_EQUAL(seg->users, 0);
	CU_ASSERT(seg->loaded); /* stays loaded without users */
	fake_vm_free(a);
	fake_vm_free(b);
}

static void test_reattach_does_not_leak(void)
{
	struct segment *seg = segment_find("CMS");
	struct vm *vm = fake_vm_new(2 * MB);
	unsigned long out;

	CU_ASSERT_EQUAL(segment_attach(seg, vm), 0);
	out = fake_frames_out;
	for (int i = 0; i < 10; i++) {
		segment_detach_all(vm); /* what an IPL does first */
		CU_ASSERT_EQUAL(segment_attach(seg, vm), 0);
	}
	CU_ASSERT_EQUAL(fake_frames_out, out);
	CU_ASSERT_EQUAL(seg->users, 1);
	segment_detach_all(vm);
	fake_vm_free(vm);
}

static void test_private_copy_and_purge(void)
{
	struct segment *seg = segment_find("CMS");
	struct vm *vm = fake_vm_new(2 * MB);
	uint8_t b;

	CU_ASSERT_EQUAL(segment_attach(seg, vm), 0);
	CU_ASSERT_EQUAL(segment_load_private(seg, vm), 0);
	CU_ASSERT_FALSE(segment_attached(seg, vm));
	CU_ASSERT(segment_private(seg, vm));
	CU_ASSERT_EQUAL(seg->users, 0);
	CU_ASSERT_EQUAL(guest_write_abs(vm, 0x100000, "\1", 1), 0); /* writable, private */
	CU_ASSERT_EQUAL(guest_read_abs(vm, 0x101000, &b, 1), 0);
	CU_ASSERT_EQUAL(b, 0x11);
	CU_ASSERT_EQUAL(vm->mem.frames_in_use, 3);

	segment_purge(seg, vm);
	CU_ASSERT_FALSE(segment_private(seg, vm));
	CU_ASSERT_EQUAL(vm->mem.frames_in_use, 0);
	CU_ASSERT_EQUAL(guest_read_abs(vm, 0x101000, &b, 1), 0);
	CU_ASSERT_EQUAL(b, 0);

	CU_ASSERT_EQUAL(segment_attach(seg, vm), 0);
	segment_purge(seg, vm);
	CU_ASSERT_FALSE(segment_attached(seg, vm));
	CU_ASSERT_EQUAL(seg->users, 0);
	CU_ASSERT_EQUAL(guest_write_abs(vm, 0x100000, "\1", 1), 0);
	fake_vm_free(vm);
}

static void test_machine_too_small(void)
{
	struct segment *seg = segment_find("CMS");
	struct vm *vm = fake_vm_new(MB);

	CU_ASSERT_EQUAL(segment_attach(seg, vm), SEGMENT_OUTSIDE);
	CU_ASSERT_EQUAL(segment_load_private(seg, vm), SEGMENT_OUTSIDE);
	CU_ASSERT_EQUAL(seg->users, 0);
	fake_vm_free(vm);
}

/* Runs last: the segment is loaded from earlier tests, so unload it by hand first. */
static void test_no_frames_to_load(void)
{
	struct segment *seg = segment_find("CMS");
	struct vm *vm = fake_vm_new(2 * MB);
	unsigned long out;

	CU_ASSERT_EQUAL(seg->users, 0);
	for (unsigned k = 0; k < seg->nsegs; k++)
		gmem_shared_table_free(seg->tables[k]);
	for (unsigned p = 0; p < GMEM_SEGMENT_PAGES; p++)
		if (seg->frames[p])
			frame_free(&real_frames, seg->frames[p]);
	frame_free(&real_frames, seg->zero_frame);
	memset(seg->frames, 0, sizeof(seg->frames));
	memset(seg->tables, 0, sizeof(seg->tables));
	seg->zero_frame = 0;
	seg->data_frames = 0;
	seg->loaded = false;

	out = fake_frames_out;
	fake_frames_left = 2; /* the zero frame and one page: not enough */
	CU_ASSERT_EQUAL(segment_attach(seg, vm), SEGMENT_NO_STORAGE);
	CU_ASSERT_FALSE(seg->loaded);
	CU_ASSERT_EQUAL(fake_frames_out, out); /* what it took went back */
	fake_frames_left = -1;
	CU_ASSERT_EQUAL(segment_attach(seg, vm), 0);
	segment_detach_all(vm);
	fake_vm_free(vm);
}

UNIT_SUITE(segment, UNIT_CASE(test_find), UNIT_CASE(test_shared_by_two_machines),
	   UNIT_CASE(test_reattach_does_not_leak), UNIT_CASE(test_private_copy_and_purge),
	   UNIT_CASE(test_machine_too_small), UNIT_CASE(test_no_frames_to_load))

UNIT_MAIN(UNIT_REG(segment))
