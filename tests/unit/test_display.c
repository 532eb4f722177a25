/*
 * Unit tests for DISPLAY and STORE (cp/cmd/display.c) over a fake machine with real storage:
 * registers, PSW and storage shown in z/VM's forms, the prefix applied, STORE round trips,
 * and bad operands or addresses beyond storage refused with numbered messages and nothing
 * changed.
 */
#include <stdio.h>
#include <string.h>
#include <cp/cmd.h>
#include "cunit_main.h"
#include "fake_gmem.h"
#include "../../cp/cmd/cmd_priv.h"

#define MB (1ULL << 20)

/* Only DISPLAY and STORE: cp/cmd/parse.c dispatches through this table. */
const struct cmd_def cp_commands[] = {
	{ "DISPLAY", 1, CLASS_G, cmd_display, "", "" },
	{ "STORE", 3, CLASS_G, cmd_store, "", "" },
};
const size_t cp_command_count = 2;

/* INPUT decks are not part of this test. */
int cmd_input_line(struct cmd_ctx *ctx, const char *text)
{
	(void)ctx;
	(void)text;
	return -1;
}

static char out[300][128];
static unsigned nout;
static struct vm *vm;

static void capture(void *arg, const char *text, size_t len)
{
	(void)arg;
	if (nout < 300)
		snprintf(out[nout++], sizeof(out[0]), "%.*s", (int)len, text);
}

static int run(const char *line)
{
	struct cmd_ctx c = { .userid = "TESTER", .classes = CLASS_G, .out = capture, .vm = vm };

	nout = 0;
	return cmd_execute(&c, line);
}

static void test_psw_and_registers(void)
{
	vm = fake_vm_new(MB);
	vm->vcpu.psw_mask = 0x0002000180000000ull;
	vm->vcpu.psw_addr = 0x10fdee;
	for (int i = 0; i < 16; i++)
		vm->vcpu.gprs[i] = 0x1111111111111111ull * (uint64_t)i;
	vm->vcpu.crs[0] = 0xe0;
	CU_ASSERT_EQUAL(run("d psw"), 0);
	CU_ASSERT_STRING_EQUAL(out[0], "PSW = 00020001 80000000 00000000 0010FDEE");
	CU_ASSERT_EQUAL(run("DISPLAY G"), 0);
	CU_ASSERT_EQUAL(nout, 4);
	CU_ASSERT_STRING_EQUAL(out[0], "GPR  0 = 0000000000000000 1111111111111111 "
				       "2222222222222222 3333333333333333");
	CU_ASSERT_STRING_EQUAL(out[3], "GPR 12 = CCCCCCCCCCCCCCCC DDDDDDDDDDDDDDDD "
				       "EEEEEEEEEEEEEEEE FFFFFFFFFFFFFFFF");
	CU_ASSERT_EQUAL(run("d g14-15"), 0);
	CU_ASSERT_EQUAL(nout, 1);
	CU_ASSERT_STRING_EQUAL(out[0], "GPR 14 = EEEEEEEEEEEEEEEE FFFFFFFFFFFFFFFF");
	CU_ASSERT_EQUAL(run("d gE"), 0);
	CU_ASSERT_STRING_EQUAL(out[0], "GPR 14 = EEEEEEEEEEEEEEEE");
	CU_ASSERT_EQUAL(run("d c0"), 0);
	CU_ASSERT_STRING_EQUAL(out[0], "CR   0 = 00000000000000E0");
	/* refused */
	CU_ASSERT_EQUAL(run("d g16"), 3);
	CU_ASSERT_EQUAL(run("d g5-3"), 3);
	CU_ASSERT_EQUAL(run("d gx"), 3);
	CU_ASSERT_EQUAL(run("d"), 26);
	CU_ASSERT_EQUAL(run("d psw x"), 4);
	fake_vm_free(vm);
}

static void test_storage_display_and_store(void)
{
	vm = fake_vm_new(MB);
	memcpy(fake_abs(vm, 0x2000), "\xC8\xC5\xD3\xD3\xD6", 5); /* HELLO in EBCDIC */
	CU_ASSERT_EQUAL(run("d t2000.10"), 0);
	CU_ASSERT_EQUAL(nout, 1);
	CU_ASSERT_STRING_EQUAL(out[0], "R00002000  C8C5D3D3 D6000000 00000000 00000000  "
				       "*HELLO...........*");
	CU_ASSERT_EQUAL(run("d 2000-2003"), 0);
	CU_ASSERT_STRING_EQUAL(out[0], "R00002000  C8C5D3D3");
	CU_ASSERT_EQUAL(run("d 2000.40"), 0);
	CU_ASSERT_EQUAL(nout, 4);
	CU_ASSERT_EQUAL(run("d 0.100000"), 0); /* capped at a page */
	CU_ASSERT_EQUAL(nout, 256);
	/* STORE writes big-endian words of 4 or 8 bytes, then DISPLAY shows them. */
	CU_ASSERT_EQUAL(run("store 3000 12345678 1122334455667788"), 0);
	CU_ASSERT_STRING_EQUAL(out[0], "VMCCMD161I Store complete");
	CU_ASSERT_EQUAL(memcmp(fake_abs(vm, 0x3000), "\x12\x34\x56\x78\x11\x22\x33\x44\x55\x66"
				"\x77\x88", 12), 0);
	CU_ASSERT_EQUAL(run("sto g3 abc 5"), 0);
	CU_ASSERT_EQUAL(vm->vcpu.gprs[3], 0xabc);
	CU_ASSERT_EQUAL(vm->vcpu.gprs[4], 5);
	CU_ASSERT_EQUAL(run("store psw 0000000180000000 20000"), 0);
	CU_ASSERT_EQUAL(vm->vcpu.psw_addr, 0x20000);
	/* Real addresses: the prefix swaps the first 8 KB with the prefix area. */
	vm->vcpu.prefix = 0x10000;
	memcpy(fake_abs(vm, 0x10000), "\x01\x02\x03\x04", 4);
	CU_ASSERT_EQUAL(run("d 0.4"), 0);
	CU_ASSERT_STRING_EQUAL(out[0], "R00000000  01020304");
	vm->vcpu.prefix = 0;
	/* Beyond storage or malformed: a message, nothing written. */
	CU_ASSERT_EQUAL(run("d 100000"), 160);
	CU_ASSERT_STRING_EQUAL(out[0], "VMCCMD160E Hexloc 100000 exceeds storage");
	CU_ASSERT_EQUAL(run("store ffffc 1 2"), 160);
	CU_ASSERT_EQUAL(*fake_abs(vm, 0xffffc + 3), 0);
	CU_ASSERT_EQUAL(run("store 4000 1 zz"), 3);
	CU_ASSERT_EQUAL(*fake_abs(vm, 0x4003), 0);
	CU_ASSERT_EQUAL(run("d 2000.0"), 5);
	CU_ASSERT_EQUAL(run("d 2000-1000"), 5);
	CU_ASSERT_EQUAL(run("d xyz"), 5);
	CU_ASSERT_EQUAL(run("d 12345678901234567"), 5);
	CU_ASSERT_EQUAL(run("store 4000.8 1"), 5);
	CU_ASSERT_EQUAL(run("store g3 1 2 3 4 5 6 7 8 9 10 11 12 13 14"), 3);
	CU_ASSERT_EQUAL(run("store psw 1"), 26);
	fake_vm_free(vm);
}

static void test_needs_a_machine(void)
{
	vm = NULL;
	CU_ASSERT_EQUAL(run("d psw"), 45);
}

UNIT_SUITE(display, UNIT_CASE(test_psw_and_registers),
	   UNIT_CASE(test_storage_display_and_store), UNIT_CASE(test_needs_a_machine))

UNIT_MAIN(UNIT_REG(display))
