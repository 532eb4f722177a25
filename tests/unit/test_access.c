/* Unit tests for the checked guest-storage accessors (cp/vm/real_access.c). */
#include <string.h>
#include "cunit_main.h"
#include <cp/frames.h>
#include "fake_gmem.h"

#define MB (1ULL << 20)

static void test_real_to_abs(void)
{
	struct vm *vm = fake_vm_new(MB);
	struct vcpu *v = &vm->vcpu;

	CU_ASSERT_EQUAL(real_to_abs(v, 0x1234), 0x1234);
	v->prefix = 0x10000;
	CU_ASSERT_EQUAL(real_to_abs(v, 0), 0x10000);
	CU_ASSERT_EQUAL(real_to_abs(v, 0x1fff), 0x11fff);
	CU_ASSERT_EQUAL(real_to_abs(v, 0x10000), 0);
	CU_ASSERT_EQUAL(real_to_abs(v, 0x11fff), 0x1fff);
	CU_ASSERT_EQUAL(real_to_abs(v, 0x2000), 0x2000);
	CU_ASSERT_EQUAL(real_to_abs(v, 0x12000), 0x12000);
	CU_ASSERT_EQUAL(real_to_abs(v, 0xfffff), 0xfffff);
	/* only bits 1-18 of the prefix register count */
	v->prefix = 0x80011fff;
	CU_ASSERT_EQUAL(real_to_abs(v, 0x10), 0x10010);
	fake_vm_free(vm);
}

static void test_untouched_reads_zero_without_frames(void)
{
	struct vm *vm = fake_vm_new(MB);
	uint8_t buf[64];

	memset(buf, 0xff, sizeof(buf));
	CU_ASSERT_EQUAL(guest_read_abs(vm, 0x5000, buf, sizeof(buf)), 0);
	for (size_t i = 0; i < sizeof(buf); i++)
		CU_ASSERT_EQUAL(buf[i], 0);
	CU_ASSERT_FALSE(fake_touched(vm, 0x5000));
	CU_ASSERT_EQUAL(vm->mem.frames_in_use, 0);
	fake_vm_free(vm);
}

static void test_write_read_across_pages(void)
{
	struct vm *vm = fake_vm_new(MB);
	uint8_t out[100], in[100];

	for (int i = 0; i < 100; i++)
		out[i] = (uint8_t)i;
	CU_ASSERT_EQUAL(guest_write_abs(vm, 0x3fd0, out, sizeof(out)), 0);
	CU_ASSERT(fake_touched(vm, 0x3000) && fake_touched(vm, 0x4000));
	CU_ASSERT_EQUAL(*fake_abs(vm, 0x3fd0), 0);
	CU_ASSERT_EQUAL(*fake_abs(vm, 0x4000), 0x30);
	CU_ASSERT_EQUAL(guest_read_abs(vm, 0x3fd0, in, sizeof(in)), 0);
	CU_ASSERT_EQUAL(memcmp(in, out, sizeof(in)), 0);
	CU_ASSERT_EQUAL(guest_write_abs(vm, 0x10, out, 0), 0);
	CU_ASSERT_EQUAL(guest_read_abs(vm, 2 * MB, in, 0), 0);
	fake_vm_free(vm);
}

static void test_beyond_storage_changes_nothing(void)
{
	struct vm *vm = fake_vm_new(MB);
	uint8_t buf[8] = {1, 2, 3, 4, 5, 6, 7, 8};

	CU_ASSERT_EQUAL(guest_write_abs(vm, MB - 4, buf, 8), PGM_ADDRESSING);
	CU_ASSERT_FALSE(fake_touched(vm, MB - 4));
	CU_ASSERT_EQUAL(guest_write_abs(vm, MB, buf, 1), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(guest_write_abs(vm, UINT64_MAX - 2, buf, 8), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(guest_read_abs(vm, MB - 4, buf, 8), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(buf[0], 1); /* not even a partial read */
	CU_ASSERT_EQUAL(guest_read_real(&vm->vcpu, MB - 1, buf, 2), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(guest_write_real(&vm->vcpu, UINT64_MAX, buf, 2), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(guest_write_abs(vm, MB - 8, buf, 8), 0);
	CU_ASSERT_EQUAL(vm->mem.frames_in_use, 1);
	fake_vm_free(vm);
}

static void test_real_is_prefixed(void)
{
	struct vm *vm = fake_vm_new(MB);
	struct vcpu *v = &vm->vcpu;
	uint8_t b[4] = {0xde, 0xad, 0xbe, 0xef}, in[4];

	v->prefix = 0x20000;
	CU_ASSERT_EQUAL(guest_write_real(v, 0x100, b, 4), 0);
	CU_ASSERT_EQUAL(memcmp(fake_abs(vm, 0x20100), b, 4), 0);
	CU_ASSERT_FALSE(fake_touched(vm, 0x100));
	/* absolute page 0 is at real prefix */
	*fake_abs(vm, 0x200) = 0x77;
	CU_ASSERT_EQUAL(guest_read_real(v, 0x20200, in, 1), 0);
	CU_ASSERT_EQUAL(in[0], 0x77);
	/* a real range straddling the end of the prefix area splits there */
	CU_ASSERT_EQUAL(guest_write_real(v, 0x1ffe, b, 4), 0);
	CU_ASSERT_EQUAL(*fake_abs(vm, 0x21ffe), 0xde);
	CU_ASSERT_EQUAL(*fake_abs(vm, 0x21fff), 0xad);
	CU_ASSERT_EQUAL(*fake_abs(vm, 0x2000), 0xbe);
	CU_ASSERT_EQUAL(*fake_abs(vm, 0x2001), 0xef);
	CU_ASSERT_EQUAL(guest_read_real(v, 0x1ffe, in, 4), 0);
	CU_ASSERT_EQUAL(memcmp(in, b, 4), 0);
	fake_vm_free(vm);
}

static void test_no_frames_no_partial_write(void)
{
	struct vm *vm = fake_vm_new(MB);
	uint8_t buf[16];

	memset(buf, 0x5a, sizeof(buf));
	fake_gmem_pages_left = 1;
	CU_ASSERT_EQUAL(guest_write_abs(vm, 0x7ff8, buf, 16), -1);
	CU_ASSERT_EQUAL(*fake_abs(vm, 0x7ff8), 0); /* the first page got a frame, no data */
	fake_gmem_pages_left = 0;
	CU_ASSERT_EQUAL(guest_write_real(&vm->vcpu, 0x9000, buf, 1), -1);
	fake_gmem_pages_left = -1;
	fake_vm_free(vm);
}

/* A shared segment at 1 MB: reads see its frames, writes into it are protection exceptions
 * that change nothing (not even the private pages a write would also have touched). */
static void test_shared_segment_is_read_only(void)
{
	struct vm *vm = fake_vm_new(4 * MB);
	struct vcpu *v = &vm->vcpu;
	uint64_t frames[GMEM_SEGMENT_PAGES] = { 0 }, table;
	uint8_t buf[16], in[16];
	unsigned long out = fake_frames_out;

	frames[0] = frame_alloc(&real_frames);
	memset((void *)(uintptr_t)frames[0], 0x47, 4096);
	table = gmem_shared_table_build(frames);
	CU_ASSERT_FATAL(table != 0);
	CU_ASSERT_EQUAL(guest_write_abs(vm, MB, "x", 1), 0); /* a private page, given back */
	CU_ASSERT_EQUAL(gmem_attach_shared(&vm->mem, MB, table), 0);
	CU_ASSERT_EQUAL(vm->mem.frames_in_use, 0);
	CU_ASSERT(gmem_is_shared(&vm->mem, MB + 0x1234));
	CU_ASSERT_FALSE(gmem_is_shared(&vm->mem, MB - 1));

	CU_ASSERT_EQUAL(guest_read_abs(vm, MB, in, sizeof(in)), 0);
	CU_ASSERT_EQUAL(in[0], 0x47);
	memset(buf, 0x5a, sizeof(buf));
	CU_ASSERT_EQUAL(guest_write_abs(vm, MB + 8, buf, sizeof(buf)), PGM_PROTECTION);
	CU_ASSERT_EQUAL(v->exit.teid, MB | 4);
	/* Starting in private storage and running into the segment: nothing is stored. */
	CU_ASSERT_EQUAL(guest_write_abs(vm, MB - 8, buf, sizeof(buf)), PGM_PROTECTION);
	CU_ASSERT_FALSE(fake_touched(vm, MB - 8));
	CU_ASSERT_EQUAL(guest_write_real(v, MB + 0x10, buf, 4), PGM_PROTECTION);
	CU_ASSERT_EQUAL(guest_write_real(v, MB - 2, buf, 4), PGM_PROTECTION);
	CU_ASSERT_FALSE(fake_touched(vm, MB - 2));
	CU_ASSERT_EQUAL(((uint8_t *)(uintptr_t)frames[0])[8], 0x47);
	/* DIAG X'10' and release never free the shared frames. */
	gmem_discard(&vm->mem, MB);
	CU_ASSERT_EQUAL(guest_read_abs(vm, MB, in, 1), 0);
	CU_ASSERT_EQUAL(in[0], 0x47);
	CU_ASSERT_EQUAL(vm->mem.frames_in_use, 0);

	/* Detached, the range is ordinary writable storage reading zeros. */
	gmem_detach_shared(&vm->mem, MB);
	CU_ASSERT_FALSE(gmem_is_shared(&vm->mem, MB));
	CU_ASSERT_EQUAL(guest_read_abs(vm, MB, in, 1), 0);
	CU_ASSERT_EQUAL(in[0], 0);
	CU_ASSERT_EQUAL(guest_write_abs(vm, MB + 8, buf, sizeof(buf)), 0);
	gmem_attach_shared(&vm->mem, MB, table); /* the release must leave the segment alone */
	fake_vm_free(vm);
	gmem_shared_table_free(table);
	frame_free(&real_frames, frames[0]);
	CU_ASSERT_EQUAL(fake_frames_out, out);
}

UNIT_SUITE(access, UNIT_CASE(test_real_to_abs), UNIT_CASE(test_untouched_reads_zero_without_frames),
	   UNIT_CASE(test_write_read_across_pages), UNIT_CASE(test_beyond_storage_changes_nothing),
	   UNIT_CASE(test_real_is_prefixed), UNIT_CASE(test_no_frames_no_partial_write),
	   UNIT_CASE(test_shared_segment_is_read_only))

UNIT_MAIN(UNIT_REG(access))
