/*
 * Unit tests for the spool commands (cp/cmd/spoolcmd.c) over the spool file store on a
 * spool area in memory: QUERY RDR's layout, CHANGE, ORDER, TRANSFER, PURGE (and class D's
 * form for another user, refused to class G), QUERY FILES, the operator's INPUT (text and
 * HEX cards) and OUTPUT, SPOOL COLD, SPOOL's device settings and QUERY VIRTUAL UR.
 */
#include <stdio.h>
#include <string.h>

#include "cmd_machine.h"
#include "cunit_main.h"

#include <cp/cmd.h>
#include <cp/spool.h>
#include <cp/user.h>
#include <cp/users.h>
#include <cp/vm.h>
#include <cp/vur.h>

#define AREA_PAGES 100

extern int fake_vm_create_error; /* tests/unit/fake_vmm.c */

static uint8_t area[AREA_PAGES][SPOOL_PAGE_SIZE];
static char out[64][256];
static unsigned nout;

static int vread(void *ctx, uint32_t page, void *buf)
{
	(void)ctx;
	memcpy(buf, area[page], SPOOL_PAGE_SIZE);
	return 0;
}

static int vwrite(void *ctx, uint32_t page, const void *buf)
{
	(void)ctx;
	memcpy(area[page], buf, SPOOL_PAGE_SIZE);
	return 0;
}

static const struct spool_vol_ops ops = {vread, vwrite, NULL, NULL};

static void capture(void *arg, const char *text, size_t len)
{
	(void)arg;
	if (nout < 64)
		snprintf(out[nout++], sizeof(out[0]), "%.*s", (int)len, text);
}

static int run(const char *user, uint32_t classes, const char *line)
{
	struct cmd_ctx c = {.userid = user, .classes = classes, .out = capture};

	nout = 0;
	return cmd_execute(&c, line);
}

static bool said(const char *prefix)
{
	for (unsigned i = 0; i < nout; i++)
		if (strncmp(out[i], prefix, strlen(prefix)) == 0)
			return true;
	return false;
}

/* A closed punch file of @n cards by OPERATOR, sent to @owner's reader; its reader ID. */
static uint16_t to_reader(const char *owner, unsigned n)
{
	static uint8_t page[SPOOL_PAGE_SIZE];
	uint8_t card[80];
	int err;
	struct spool_file *f = spool_open(SPQ_PUN, "OPERATOR", "OPERATOR", 'A', fake_tod, &err);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	memset(card, 0x40, sizeof(card));
	for (unsigned i = 0; i < n; i++)
		CU_ASSERT_EQUAL(spool_put(f, page, 0x01, card, sizeof(card)), 0);
	CU_ASSERT_EQUAL_FATAL(spool_close(f, page), 0);
	vur_deliver(f, owner);
	return f->id;
}

static void fresh(void)
{
	cmd_machine_setup();
	memset(area, 0, sizeof(area));
	CU_ASSERT_EQUAL_FATAL(spool_init(&ops, NULL, AREA_PAGES, NULL), SPOOL_NEW);
}

static void test_query_change_order_purge(void)
{
	uint16_t a, b, c;
	struct spool_file *f;

	fresh();
	a = to_reader("USER01", 3);
	b = to_reader("USER01", 60);
	c = to_reader("USER02", 1);
	CU_ASSERT_EQUAL(run("USER01", CLASS_G, "QUERY RDR ALL"), 0);
	CU_ASSERT_EQUAL_FATAL(nout, 3);
	CU_ASSERT_STRING_EQUAL(out[0], "ORIGINID FILE CLASS RECORDS  CPY HOLD DATE  TIME     NAME"
				       "      TYPE      DIST");
	CU_ASSERT_EQUAL(strncmp(out[1], "OPERATOR 0002 A PUN 00000003 001 NONE 11/23 21:02:05", 52),
			0);
	CU_ASSERT_EQUAL(strncmp(out[2], "OPERATOR 0004 A PUN 00000060 001 NONE ", 38), 0);
	/* CHANGE ... KEEP NOHOLD, then HOLD and a class for one */
	CU_ASSERT_EQUAL(run("USER01", CLASS_G, "CHANGE RDR ALL KEEP NOHOLD"), 0);
	CU_ASSERT(said("VMCSPL016I 0002 FILES CHANGED"));
	CU_ASSERT(spool_find(a)->flags & SPF_KEEP);
	CU_ASSERT(!(spool_find(c)->flags & SPF_KEEP)); /* another user's file */
	CU_ASSERT_EQUAL(run("USER01", CLASS_G, "CHANGE RDR 4 HOLD CLASS X NAME PROG EXEC"), 0);
	f = spool_find(b);
	CU_ASSERT(f->flags & SPF_HOLD);
	CU_ASSERT_EQUAL(f->cls, 'X');
	CU_ASSERT_STRING_EQUAL(f->fn, "PROG");
	CU_ASSERT_STRING_EQUAL(f->ft, "EXEC");
	/* ORDER: the named file first */
	CU_ASSERT_EQUAL(run("USER01", CLASS_G, "ORDER RDR 4"), 0);
	CU_ASSERT(said("VMCSPL023I 0001 FILES ORDERED"));
	CU_ASSERT_EQUAL(spool_next(NULL)->id, b);
	/* class G may not touch another user's queue; class D may */
	CU_ASSERT_EQUAL(run("USER01", CLASS_G, "PURGE USER02 RDR ALL"), 546);
	CU_ASSERT_PTR_NOT_NULL(spool_find(c));
	CU_ASSERT_EQUAL(run("OPERATOR", CLASS_D, "PURGE USER02 RDR ALL"), 0);
	CU_ASSERT(said("VMCSPL013I 0001 FILES PURGED"));
	CU_ASSERT_PTR_NULL(spool_find(c));
	CU_ASSERT_EQUAL(run("USER01", CLASS_G, "PURGE RDR 9999"), 12);
	CU_ASSERT(said("VMCSPL012E No such file 9999"));
	/* TRANSFER: a new reader file in the other reader */
	CU_ASSERT_EQUAL(run("USER01", CLASS_G, "TRANSFER RDR 2 TO USER02"), 0);
	CU_ASSERT(said("VMCSPL017I 0001 FILES TRANSFERRED"));
	CU_ASSERT_PTR_NULL(spool_find(a));
	CU_ASSERT_EQUAL(run("USER02", CLASS_G, "QUERY FILES"), 0);
	CU_ASSERT(said("FILES: 0001 RDR,   NO PRT,   NO PUN"));
	CU_ASSERT_EQUAL(run("USER01", CLASS_G, "TRANSFER RDR 4 TO NOBODY"), 53);
	CU_ASSERT_EQUAL(spool_check(), 0);
}

static void test_input_output_cold(void)
{
	struct spool_file *f;
	uint32_t total, used, free_pages;

	fresh();
	CU_ASSERT_EQUAL(run("OPERATOR", CLASS_A, "INPUT TO USER03 NAME HELLO DECK"), 0);
	CU_ASSERT_EQUAL(run("OPERATOR", CLASS_A, ">Hello, world"), 0);
	CU_ASSERT(said("INPUT 0001"));
	CU_ASSERT_EQUAL(run("USER01", CLASS_G, ">not yours"), 12); /* no deck of USER01's */
	CU_ASSERT_EQUAL(run("OPERATOR", CLASS_A, "INPUT END"), 0);
	CU_ASSERT(said("VMCSPL010I PUN FILE 0001 SENT TO   USER03   RDR AS  0002 RECS 0001"));
	f = spool_find(2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_STRING_EQUAL(f->owner, "USER03");
	CU_ASSERT_STRING_EQUAL(f->fn, "HELLO");
	CU_ASSERT_EQUAL(run("OPERATOR", CLASS_A, "OUTPUT 2"), 0);
	CU_ASSERT(said("<Hello, world"));
	CU_ASSERT(said("OUTPUT END"));
	/* HEX: lines fill 80-byte cards; INPUT END pads the last */
	CU_ASSERT_EQUAL(run("OPERATOR", CLASS_A, "INPUT TO USER03 HEX"), 0);
	for (int i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(run("OPERATOR", CLASS_A,
				    ">00112233445566778899AABBCCDDEEFF"
				    "00112233445566778899AABBCCDDEEFF"
				    "00112233445566778899AABBCCDDEEFF"),
				0);
	CU_ASSERT_EQUAL(run("OPERATOR", CLASS_A, ">0G"), 3); /* not hex: refused */
	CU_ASSERT_EQUAL(run("OPERATOR", CLASS_A, "INPUT END"), 0);
	CU_ASSERT(said("VMCSPL010I PUN FILE 0003 SENT TO   USER03   RDR AS  0004 RECS 0002"));
	CU_ASSERT_EQUAL(run("OPERATOR", CLASS_A, "OUTPUT 4 HEX"), 0);
	CU_ASSERT_EQUAL(nout, 4);
	CU_ASSERT_EQUAL(strncmp(out[2], "<00112233", 9), 0);
	CU_ASSERT_EQUAL(strlen(out[2]), 161);
	/* 144 bytes: card 2 holds the last 64 and 16 bytes of X'40' */
	CU_ASSERT_EQUAL(strncmp(out[2] + 1 + 2 * 48, "00112233445566778899AABBCCDDEEFF", 32), 0);
	CU_ASSERT_EQUAL(strcmp(out[2] + 1 + 2 * 64, "40404040404040404040404040404040"), 0);
	/* cold start: the operator only */
	CU_ASSERT_EQUAL(run("USER01", CLASS_G, "SPOOL COLD"), 546);
	CU_ASSERT_PTR_NOT_NULL(spool_find(2));
	CU_ASSERT_EQUAL(run("OPERATOR", CLASS_A, "SPOOL COLD"), 0);
	CU_ASSERT(said("VMCSPL006I Spool cold start: 2 files purged"));
	CU_ASSERT_PTR_NULL(spool_next(NULL));
	spool_space(&total, &used, &free_pages);
	CU_ASSERT_EQUAL(used, 0);
}

/* SPOOL's settings and QUERY VIRTUAL UR, on a machine with the default three devices. */
static void test_spool_settings(void)
{
	struct user_entry ue;
	struct vm *vm;
	int why;
	struct cmd_ctx c = { .userid = "USER01", .classes = CLASS_G, .out = capture };

	fresh();
	fake_vm_create_error = 0;
	vm = user_create("USER01", 1 << 20, CLASS_G, &why);
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	CU_ASSERT_EQUAL_FATAL(dir_lookup("USER01", &ue), 0);
	vur_define(vm, &ue);
	c.vm = vm;
	nout = 0;
	CU_ASSERT_EQUAL(cmd_execute(&c, "SPOOL PUN TO USER02 CLASS B COPY 2 HOLD"), 0);
	CU_ASSERT_EQUAL(cmd_execute(&c, "SPOOL 00C CONT"), 0);
	CU_ASSERT_EQUAL(cmd_execute(&c, "SPOOL 00D TO NOBODY"), 53);
	CU_ASSERT_EQUAL(cmd_execute(&c, "SPOOL 00F CONT"), 14);
	CU_ASSERT_EQUAL(cmd_execute(&c, "SPOOL 00D FROB"), 3);
	nout = 0;
	CU_ASSERT_EQUAL(cmd_execute(&c, "QUERY VIRTUAL UR"), 0);
	CU_ASSERT_EQUAL_FATAL(nout, 5);
	CU_ASSERT_STRING_EQUAL(out[0], "RDR  000C CL * CONT NOHOLD EOF    READY");
	CU_ASSERT_STRING_EQUAL(out[1], "PUN  000D CL B NOCONT HOLD COPY 002    READY");
	CU_ASSERT_STRING_EQUAL(out[2], "     000D TO USER02   RDR DIST USER01");
	CU_ASSERT_STRING_EQUAL(out[3], "PRT  000E CL A NOCONT NOHOLD COPY 001    READY");
	/* CLOSE of a device with no open file does nothing; of one that does not exist: 14 */
	CU_ASSERT_EQUAL(cmd_execute(&c, "CLOSE 00D"), 0);
	CU_ASSERT_EQUAL(cmd_execute(&c, "CLOSE 0123"), 14);
	CU_ASSERT_PTR_NULL(spool_next(NULL));
	user_destroy(vm);
}

UNIT_SUITE(spoolcmd, UNIT_CASE(test_query_change_order_purge), UNIT_CASE(test_input_output_cold),
	   UNIT_CASE(test_spool_settings))
UNIT_MAIN(spoolcmd_register)
