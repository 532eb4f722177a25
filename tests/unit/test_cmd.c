/*
 * Unit tests for CP command processing: tokenizing, abbreviations, privilege classes, the
 * QUERY operands, HELP, SHUTDOWN and the numbered messages, against a fake machine.
 */
#include <stdio.h>
#include <string.h>
#include <cp/cmd.h>
#include <cp/devclass.h>
#include <cp/frames.h>
#include <cp/phase.h>
#include <cp/system.h>
#include <cp/tod.h>
#include <cp/user.h>
#include <cp/vm.h>
#include <cp/vmm.h>
#include <cp/users.h>
#include <cp/blkdev.h>
#include "cmd_machine.h"
#include "cunit_main.h"
#include <lib/endian.h>
#include "fake_hw.h"
#include <cp/dasd.h>
#include "fake_user.h"
#include <vm64/volume.h>

extern int fake_vm_create_error; /* tests/unit/fake_vmm.c */
static char out[64][256];
static unsigned nout;

static void capture(void *arg, const char *text, size_t len)
{
	(void)arg;
	if (nout < 64)
		snprintf(out[nout++], sizeof(out[0]), "%.*s", (int)len, text);
}

static struct cmd_ctx ctx_with(uint32_t classes)
{
	struct cmd_ctx c = { .userid = "TESTER", .classes = classes, .out = capture };

	nout = 0;
	return c;
}

static int has_line(const char *prefix)
{
	for (unsigned i = 0; i < nout; i++)
		if (strncmp(out[i], prefix, strlen(prefix)) == 0)
			return 1;
	return 0;
}

static void setup_machine(void)
{
	cmd_machine_setup();
	fake_device_count = 3;
	fake_devices[2] = (struct hw_device){ .schid = 0x10002, .devno = 0x0120, .enabled = true };
	fake_idle = 3600 * TOD_SECOND - TOD_SECOND / 4; /* so CP was busy 125.25 s */
}

static void test_tokenize(void)
{
	struct cmd_args a;

	CU_ASSERT_EQUAL(cmd_tokenize("  q   Stor  ", &a), 2);
	CU_ASSERT_STRING_EQUAL(a.argv[0], "Q");
	CU_ASSERT_STRING_EQUAL(a.argv[1], "STOR");
	CU_ASSERT_EQUAL(strncmp(a.orig[1], "Stor", 4), 0);
	CU_ASSERT_EQUAL(cmd_tokenize("", &a), 0);
	CU_ASSERT_EQUAL(cmd_tokenize("\t \t", &a), 0);
	char longline[CMD_LINE_MAX + 2];
	memset(longline, 'A', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = 0;
	CU_ASSERT_EQUAL(cmd_tokenize(longline, &a), -1);
	char many[CMD_LINE_MAX];
	strcpy(many, "");
	for (int i = 0; i < CMD_MAX_ARGS + 1; i++)
		strcat(many, "x ");
	CU_ASSERT_EQUAL(cmd_tokenize(many, &a), -1);
}

static void test_abbreviations(void)
{
	CU_ASSERT(cmd_abbrev_matches("Q", "QUERY", 1));
	CU_ASSERT(cmd_abbrev_matches("quer", "QUERY", 1));
	CU_ASSERT(cmd_abbrev_matches("QUERY", "QUERY", 1));
	CU_ASSERT(!cmd_abbrev_matches("QUERYX", "QUERY", 1));
	CU_ASSERT(!cmd_abbrev_matches("STO", "STORAGE", 4));
	CU_ASSERT(cmd_abbrev_matches("stor", "STORAGE", 4));
	CU_ASSERT(!cmd_abbrev_matches("SHUT", "SHUTDOWN", 8));
	CU_ASSERT(!cmd_abbrev_matches("", "HELP", 0));
	CU_ASSERT(!cmd_abbrev_matches("QX", "QUERY", 1));
}

static void test_unknown_and_malformed(void)
{
	struct cmd_ctx c = ctx_with(CLASS_ALL_AG);

	CU_ASSERT_EQUAL(cmd_execute(&c, "frob"), 1);
	CU_ASSERT(has_line("VMCCMD001E Unknown CP command: FROB"));
	c = ctx_with(CLASS_ALL_AG);
	CU_ASSERT_EQUAL(cmd_execute(&c, "QUERY"), 26);
	CU_ASSERT(has_line("VMCCMD026E"));
	c = ctx_with(CLASS_ALL_AG);
	CU_ASSERT_EQUAL(cmd_execute(&c, "Q NONSENSE"), 3);
	CU_ASSERT(has_line("VMCCMD003E Invalid option - NONSENSE"));
	c = ctx_with(CLASS_ALL_AG);
	CU_ASSERT_EQUAL(cmd_execute(&c, "Q TIME NOW"), 4);
	CU_ASSERT(has_line("VMCCMD004E"));
	c = ctx_with(CLASS_ALL_AG);
	CU_ASSERT_EQUAL(cmd_execute(&c, ""), 0);
	CU_ASSERT_EQUAL(nout, 0);
}

static void test_privilege_classes(void)
{
	struct cmd_ctx c = ctx_with(CLASS_G);

	CU_ASSERT_EQUAL(cmd_execute(&c, "SHUTDOWN"), 546);
	CU_ASSERT(has_line("VMCCMD546E SHUTDOWN command not valid for your privilege class"));
	CU_ASSERT(!c.shutdown_requested);
	c = ctx_with(CLASS_G);
	cmd_execute(&c, "HELP");
	CU_ASSERT(!has_line("  SHUTDOWN"));
	c = ctx_with(CLASS_A);
	CU_ASSERT_EQUAL(cmd_execute(&c, "shutdown"), 0);
	CU_ASSERT(c.shutdown_requested);
	CU_ASSERT(has_line("VMCSHU961I System shutdown initiated by TESTER"));
	c = ctx_with(CLASS_A);
	CU_ASSERT_EQUAL(cmd_execute(&c, "shutdown now"), 3);
	CU_ASSERT(!c.shutdown_requested);
}

static void test_query_time(void)
{
	struct cmd_ctx c = ctx_with(CLASS_G);

	setup_machine();
	CU_ASSERT_EQUAL(cmd_execute(&c, "q t"), 0);
	CU_ASSERT(has_line("TIME IS 21:02:05 UTC MONDAY 11/23/26"));
	CU_ASSERT(has_line("CONNECT= 01:02:05 VIRTCPU= 000:00.00 TOTCPU= 002:05.25"));
}

static void test_query_storage_cpus_devices(void)
{
	struct cmd_ctx c = ctx_with(CLASS_G);

	setup_machine();
	CU_ASSERT_EQUAL(cmd_execute(&c, "QUERY STORAGE"), 0);
	CU_ASSERT(has_line("STORAGE = 64M CONFIGURED = 64M"));
	CU_ASSERT(has_line("FRAMES: 16384 TOTAL, 16128 FREE (63M), CP NUCLEUS 1M"));
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "Q CPUS"), 0);
	CU_ASSERT(has_line("CPU 00  ID  FF00061120640000  MASTER"));
	CU_ASSERT(has_line("CPU 01  ID  FF00061120640000  ALTERNATE"));
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "q dev"), 0);
	CU_ASSERT(has_line("CONS   0009  TYPE 0000-00  CU 3215-00"));
	CU_ASSERT(has_line("GRAF   0020  TYPE 3278-02  CU 3274-00"));
	CU_ASSERT(has_line("DEV    0120  TYPE ????     NOT IDENTIFIED"));
	CU_ASSERT(has_line("3 devices"));
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "q cplevel"), 0);
	CU_ASSERT(has_line("VM/64 Version 0 Release 1.0"));
	CU_ASSERT(has_line("IPL at 11/23/26 20:00:00 UTC"));
	/* the engine IPL chose, by the name its ops give (arch/s390x/engine_*.c) */
	CU_ASSERT(has_line("Virtualization engine: fake"));
	fake_engine.name = "trap-and-emulate (no SIE on this machine)";
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "q cplevel"), 0);
	CU_ASSERT(has_line("Virtualization engine: trap-and-emulate (no SIE on this machine)"));
	fake_engine.name = "fake";
}

static void test_query_dasd_alloc(void)
{
	struct cmd_ctx c = ctx_with(CLASS_B);

	setup_machine();
	fake_blk_reset();
	dasd_init(&cp_sysconfig, NULL);
	CU_ASSERT_EQUAL(cmd_execute(&c, "QUERY DASD"), 0);
	CU_ASSERT(has_line("VMCQDA007I No real DASD"));
	c = ctx_with(CLASS_D);
	CU_ASSERT_EQUAL(cmd_execute(&c, "q alloc"), 0);
	CU_ASSERT(has_line("VOLSER RDEV       TOTAL      MDISK       FREE"));
	/* MAINT 8192, OPERATOR and USER01-32 4096 each, BENCH 24576, LINUX01 32768; 262144 - 16 label blocks in all */
	CU_ASSERT(has_line("VM64U1 ----      262144     200704      61424"));
	/* the 3390 in cylinders: CKD01's and CKD02's 2 each; cylinder 0 holds the label */
	CU_ASSERT(has_line("VM64C1 ----        3339          4       3334 CYL"));

	fake_blk_add(0x0100, 16384, "VM64RS");
	fake_blk_add(0x0101, 262144, "VM64U1");
	fake_blk_add(0x0102, 100, NULL);
	fake_blk_add(0x0103, 100, "SPARE");
	fake_blk_add(0x0104, 262144, "VM64U1");
	fake_ckd_add(0x0200, 3339, "VM64C1");
	dasd_init(&cp_sysconfig, NULL);
	c = ctx_with(CLASS_B);
	CU_ASSERT_EQUAL(cmd_execute(&c, "q dasd"), 0);
	CU_ASSERT(has_line("DASD 0200 VM64C1 3390       3339 CYL CP SYSTEM"));
	CU_ASSERT(has_line("DASD 0100 VM64RS 9336      16384 BLK CP OWNED"));
	CU_ASSERT(has_line("DASD 0101 VM64U1 9336     262144 BLK CP SYSTEM"));
	CU_ASSERT(has_line("DASD 0102 ------ 9336        100 BLK NO LABEL"));
	CU_ASSERT(has_line("DASD 0103 SPARE  9336        100 BLK FREE"));
	CU_ASSERT(has_line("DASD 0104 VM64U1 9336     262144 BLK DUPLICATE"));
	c = ctx_with(CLASS_D);
	CU_ASSERT_EQUAL(cmd_execute(&c, "QUERY ALLOC"), 0);
	CU_ASSERT(has_line("VM64U1 0101      262144     200704      61424"));
	CU_ASSERT(has_line("VM64C1 0200        3339          4       3334 CYL"));
	/* class G may not; extra operands are refused */
	c = ctx_with(CLASS_G);
	CU_ASSERT_NOT_EQUAL(cmd_execute(&c, "QUERY DASD"), 0);
	CU_ASSERT(has_line("VMCCMD546E"));
	c = ctx_with(CLASS_B);
	CU_ASSERT_EQUAL(cmd_execute(&c, "QUERY DASD X"), 4);
	CU_ASSERT(has_line("VMCCMD004E"));
	fake_blk_reset();
	dasd_init(&cp_sysconfig, NULL);
}

/* DASD BENCH: free blocks at the end of a volume written, read back and timed; refusals. */
static void test_dasd_bench(void)
{
	struct cmd_ctx c = ctx_with(CLASS_A);
	uint64_t v;

	setup_machine();
	fake_blk_reset();
	fake_blk_add(0x0100, 16384, "VM64RS");
	fake_blk_add(0x0101, 262144, "VM64U1");
	dasd_init(&cp_sysconfig, NULL);
	fake_blk_writes = fake_blk_reads = 0;
	CU_ASSERT_EQUAL(cmd_execute(&c, "DASD BENCH VM64U1 8192"), 0);
	CU_ASSERT(has_line("VM64U1 0101 BLOCKS 253952-262143 (8192 X 512) WRITE "));
	/* 32 KB per transfer, each block's number in its pattern */
	CU_ASSERT_EQUAL(fake_blk_writes, 128);
	CU_ASSERT_EQUAL(fake_blk_reads, 128);
	v = get_be64(fake_blks[1].data + 262143ULL * 512);
	CU_ASSERT_EQUAL(v, 262143);
	/* never a minidisk's blocks, the label area, more than 32 MB, an unknown volume */
	fake_blks[1].info.blocks = 150000; /* the volume online ends inside the minidisks */
	dasd_init(&cp_sysconfig, NULL);
	CU_ASSERT_EQUAL(cmd_execute(&c, "DASD BENCH VM64U1 8192"), 21);
	CU_ASSERT(has_line("VMCDAS021E Blocks 141808-149999 of volume VM64U1 are not free: "
			   "minidisk 191 of USER31"));
	fake_blks[1].info.blocks = 262144;
	dasd_init(&cp_sysconfig, NULL);
	CU_ASSERT_EQUAL(cmd_execute(&c, "DASD BENCH VM64RS 16384"), 26);
	/* the SYSRES volume past its label holds the spool area (cp/spool.h) */
	CU_ASSERT_EQUAL(cmd_execute(&c, "DASD BENCH VM64RS 8"), 24);
	CU_ASSERT(has_line("VMCDAS024E Blocks 16376-16383 of volume VM64RS are not free: "
			   "CP's spool area"));
	CU_ASSERT_EQUAL(cmd_execute(&c, "DASD BENCH VM64U1 65537"), 26);
	CU_ASSERT_EQUAL(cmd_execute(&c, "DASD BENCH VM64U1 0"), 26);
	CU_ASSERT_EQUAL(cmd_execute(&c, "DASD BENCH NOSUCH 8"), 20);
	CU_ASSERT(has_line("VMCDAS020E Volume NOSUCH is not online"));
	CU_ASSERT_EQUAL(cmd_execute(&c, "DASD BENCH VM64U1 8 X"), 4);
	/* an I/O error is reported with its block */
	fake_blks[1].fail = true;
	CU_ASSERT_EQUAL(cmd_execute(&c, "DASD BENCH VM64U1 8"), 22);
	CU_ASSERT(has_line("VMCDAS022E Volume VM64U1: I/O error at block 262136"));
	fake_blks[1].fail = false;
	/* class A only */
	c = ctx_with(CLASS_G);
	CU_ASSERT_NOT_EQUAL(cmd_execute(&c, "DASD BENCH VM64U1 8"), 0);
	fake_blk_reset();
	dasd_init(&cp_sysconfig, NULL);
}

static void test_help(void)
{
	struct cmd_ctx c = ctx_with(CLASS_ALL_AG);

	CU_ASSERT_EQUAL(cmd_execute(&c, "HELP"), 0);
	CU_ASSERT(has_line("  QUERY"));
	CU_ASSERT(has_line("  SHUTDOWN"));
	c = ctx_with(CLASS_ALL_AG);
	CU_ASSERT_EQUAL(cmd_execute(&c, "help q"), 0);
	CU_ASSERT(has_line("QUERY TIME|STORAGE"));
	CU_ASSERT(has_line("  QUERY CPLEVEL"));
	c = ctx_with(CLASS_ALL_AG);
	CU_ASSERT_EQUAL(cmd_execute(&c, "help xyzzy"), 5);
	CU_ASSERT(has_line("VMCHLP005E No help is available for XYZZY"));
}

static void test_devclass(void)
{
	CU_ASSERT_EQUAL(devclass_of(0x3215, 0), DEV_CLASS_CONSOLE);
	CU_ASSERT_EQUAL(devclass_of(0x3274, 0x3278), DEV_CLASS_GRAF);
	CU_ASSERT_EQUAL(devclass_of(0x3990, 0x3390), DEV_CLASS_DASD);
	CU_ASSERT_EQUAL(devclass_of(0x3505, 0), DEV_CLASS_READER);
	CU_ASSERT_EQUAL(devclass_of(0x3832, 0x0001), DEV_CLASS_VIRTIO);
	CU_ASSERT_EQUAL(devclass_of(0, 0), DEV_CLASS_OTHER);
	CU_ASSERT_EQUAL(devclass_group(DEV_CLASS_PRINTER), DEV_GROUP_UNIT_RECORD);
	CU_ASSERT_STRING_EQUAL(devclass_name(DEV_CLASS_GRAF), "GRAF");
}

static void test_every_message_is_numbered(void)
{
	for (int id = 0; id < MSG_COUNT; id++) {
		const struct msg_def *m = msg_lookup((enum msg_id)id);
		char sev;

		CU_ASSERT_PTR_NOT_NULL_FATAL(m->id);
		CU_ASSERT_EQUAL(strlen(m->id), 10);
		CU_ASSERT_EQUAL(strncmp(m->id, "VMC", 3), 0);
		sev = m->id[9];
		CU_ASSERT(sev == 'I' || sev == 'W' || sev == 'E' || sev == 'S' || sev == 'R');
		for (int other = 0; other < id; other++)
			CU_ASSERT(strcmp(m->id, msg_lookup((enum msg_id)other)->id) != 0);
	}
	CU_ASSERT_PTR_NULL(msg_lookup(MSG_COUNT));
}

static void test_vm_commands_refuse_bad_input(void)
{
	struct cmd_ctx c = ctx_with(CLASS_A);

	CU_ASSERT_EQUAL(cmd_execute(&c, "XAUTOLOG"), 26);
	c = ctx_with(CLASS_A);
	CU_ASSERT_EQUAL(cmd_execute(&c, "XAUTOLOG NOBODY IPL CMS"), 53);
	CU_ASSERT(has_line("VMCCMD053E NOBODY not in CP directory"));
	c = ctx_with(CLASS_A);
	CU_ASSERT_EQUAL(cmd_execute(&c, "xautolog test001"), 26); /* no IPL in the table */
	c = ctx_with(CLASS_A);
	CU_ASSERT_EQUAL(cmd_execute(&c, "XAUTO TEST001 IPL NOSUCH"), 42);
	CU_ASSERT(has_line("VMCIPL042E System NOSUCH does not exist"));
	c = ctx_with(CLASS_A);
	CU_ASSERT_EQUAL(cmd_execute(&c, "XAUTOLOG TEST001 IPL CMS STORAGE 12Q"), 3);
	c = ctx_with(CLASS_A);
	CU_ASSERT_EQUAL(cmd_execute(&c, "XAUTOLOG TEST001 IPL CMS STORAGE 1536K"), 3);
	c = ctx_with(CLASS_A);
	CU_ASSERT_EQUAL(cmd_execute(&c, "XAUTOLOG TEST001 IPL CMS STORAGE 4M"), 172);
	CU_ASSERT(has_line("VMCLGA172E Not enough real storage to create TEST001"));
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "XAUTOLOG TEST001 IPL CMS"), 546);
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "FORCE TEST001"), 546);
	CU_ASSERT(has_line("VMCCMD546E FORCE command not valid for your privilege class"));
	c = ctx_with(CLASS_A);
	CU_ASSERT_EQUAL(cmd_execute(&c, "FORCE TEST001"), 45);
	CU_ASSERT(has_line("VMCCMD045E TEST001 not logged on"));
	c = ctx_with(CLASS_E);
	CU_ASSERT_EQUAL(cmd_execute(&c, "IND USER TEST001"), 45);
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "IND BOGUS"), 3);
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "Q NAMES"), 0);
	CU_ASSERT(has_line("No users logged on"));
}

/* Whether any output line holds text. */
static int has_text(const char *text)
{
	for (unsigned i = 0; i < nout; i++)
		if (strstr(out[i], text))
			return 1;
	return 0;
}

/*
 * XAUTOLOG of an OPTION V=F user fixes its storage (INDICATE USER and QUERY VIRTUAL say V=F);
 * when no run of real storage is free the operator is told before the machine starts, and
 * it starts with pageable storage.
 */
static void test_xautolog_fixed_storage(void)
{
	extern int fake_vm_fix_rc, fake_vm_ipl_rc; /* tests/unit/fake_vmm.c */
	struct cmd_ctx c;
	struct vm *vm;

	fake_vm_create_error = 0;
	fake_vm_ipl_rc = 0;
	fake_vm_fix_rc = 0;
	c = ctx_with(CLASS_A);
	CU_ASSERT_EQUAL(cmd_execute(&c, "XAUTOLOG FIXED01 IPL CMS"), 0);
	CU_ASSERT(has_line("VMCXAU002I FIXED01 started with IPL CMS, storage 4M"));
	CU_ASSERT(!has_line("VMCLGA081W"));
	vm = vm_find("FIXED01");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	CU_ASSERT(vm->storage_fixed);
	c = ctx_with(CLASS_E);
	CU_ASSERT_EQUAL(cmd_execute(&c, "INDICATE USER FIXED01"), 0);
	CU_ASSERT(has_line("USERID=FIXED01  MACH=Z   STOR="));
	CU_ASSERT(has_text(" V=F STATE=STOPPED"));
	CU_ASSERT(!has_text("ZONE=")); /* it has not run under SIE */
	user_destroy(vm); /* FORCE only asks the (fake) user layer */

	fake_vm_fix_rc = -1;
	c = ctx_with(CLASS_A);
	CU_ASSERT_EQUAL(cmd_execute(&c, "XAUTOLOG FIXED03 IPL CMS STORAGE 256M"), 0);
	CU_ASSERT(has_line("VMCLGA081W No run of 256M of real storage is free for V=F: the "
			   "storage of FIXED03 is pageable"));
	CU_ASSERT(has_line("VMCXAU002I FIXED03 started with IPL CMS, storage 256M"));
	c = ctx_with(CLASS_E);
	CU_ASSERT_EQUAL(cmd_execute(&c, "INDICATE USER FIXED03"), 0);
	CU_ASSERT(has_line("USERID=FIXED03  MACH=Z   STOR="));
	CU_ASSERT(!has_text("V=F"));
	user_destroy(vm_find("FIXED03"));

	/* A pageable user is never fixed. */
	fake_vm_fix_rc = 0;
	c = ctx_with(CLASS_A);
	CU_ASSERT_EQUAL(cmd_execute(&c, "XAUTOLOG TEST005 IPL CMS"), 0);
	vm = vm_find("TEST005");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	CU_ASSERT(!vm->storage_fixed);
	user_destroy(vm);
	fake_vm_ipl_rc = -1;
	fake_vm_create_error = MSG_NO_STORAGE;
}

/* Issue 11: INDICATE USER is class E for any user, class G for its own user ID only. */
/* QUERY NSS NAME nssname [MAP]: one system, as z/VM shows it; a missing name is an error. */
static void test_query_nss_name(void)
{
	struct cmd_ctx c = ctx_with(CLASS_G);

	CU_ASSERT_EQUAL(cmd_execute(&c, "QUERY NSS NAME cms"), 0);
	CU_ASSERT_EQUAL(nout, 1);
	CU_ASSERT(has_line("CMS      EW 00020-00020 PAGES 1 USERS 0"));
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "q nss name CMS map"), 0);
	CU_ASSERT_EQUAL(nout, 2);
	CU_ASSERT(has_line("NAME     BEGPAG ENDPAG TYPE USERS"));
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "QUERY NSS NAME NOSUCH"), 42);
	CU_ASSERT(has_line("VMCIPL042E System NOSUCH does not exist"));
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "QUERY NSS NAME"), 26);
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "QUERY NSS MAP EXTRA"), 3);
	CU_ASSERT(has_line("VMCCMD003E Invalid option - EXTRA"));
}

/* INDICATE alone is INDICATE LOAD (as in z/VM), for class G too; LOAD takes no operand. */
static void test_indicate_load(void)
{
	struct cmd_ctx c = ctx_with(CLASS_G);

	CU_ASSERT_EQUAL(cmd_execute(&c, "INDICATE"), 0);
	CU_ASSERT_EQUAL(nout, 5);
	CU_ASSERT(has_line("AVGPROC-000% 01"));
	CU_ASSERT(has_line("USERS-00000 RUNNING-00000 VMREAD-00000 CPREAD-00000 IDLE-00000 "
			   "DSC-00000"));
	CU_ASSERT(has_line("RESPONSE TRIVIAL LAST MINUTE: N-00000 P50-0.0MS P95-0.0MS P99-0.0MS"));
	CU_ASSERT(has_line("RESPONSE ALL     LAST MINUTE: N-00000 P50-0.0MS P95-0.0MS P99-0.0MS"));
	CU_ASSERT(has_line("INTERACTIONS-000000 TRIVIAL-000000 LAST-0.0MS"));
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "ind load"), 0);
	CU_ASSERT_EQUAL(nout, 5);
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "IND LOAD X"), 4);
	CU_ASSERT(has_line("VMCCMD004E Too many operands; X is not expected"));
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "IND QUEUEX"), 3);
}

/* INDICATE RESPONSE (class E): a line a step of cp/phase.h; RESET starts them afresh. */
static void test_indicate_response(void)
{
	struct cmd_ctx c = ctx_with(CLASS_E);
	uint64_t now = tod_to_us(hw_tod_clock());

	phase_reset_all();
	phase_record(PHASE_GUEST, now, 1500);
	phase_record(PHASE_GUEST, now, 2500);
	phase_record(PHASE_POLL, now, 20000);
	CU_ASSERT_EQUAL(cmd_execute(&c, "INDICATE RESPONSE"), 0);
	CU_ASSERT_EQUAL(nout, 1 + PHASE_COUNT);
	CU_ASSERT(has_line("PHASE                N      MEAN       MAX  P50-1MIN  P95-1MIN"));
	CU_ASSERT(has_line("GUEST                2    2000US    2500US    1536US    2560US"));
	CU_ASSERT(has_line("POLL                 1    20.0MS    20.0MS    20.5MS    20.5MS"));
	CU_ASSERT(has_line("TOTAL                0       0US       0US       0US       0US"));
	c = ctx_with(CLASS_E);
	CU_ASSERT_EQUAL(cmd_execute(&c, "IND RESP RESET"), 0);
	CU_ASSERT(has_line("RESPONSE PHASES RESET"));
	CU_ASSERT_EQUAL(phase_stats[PHASE_GUEST].n, 0);
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "INDICATE RESPONSE"), 546);
	c = ctx_with(CLASS_E);
	CU_ASSERT_EQUAL(cmd_execute(&c, "INDICATE RESPONSE X"), 3);
	c = ctx_with(CLASS_E);
	CU_ASSERT_EQUAL(cmd_execute(&c, "INDICATE RESPONSE RESET X"), 4);
}

/*
 * SET SHARE (class A), QUERY SHARE (A, E) and INDICATE QUEUES (E): shares set and shown in
 * z/VM's words, bad values refused, ready users listed by queue with their shares.
 */
static void test_share_and_queues(void)
{
	struct cmd_ctx c;
	struct vm *a, *b, *w;
	int why;

	fake_vm_create_error = 0;
	a = vm_create("LOOPA", 1 << 20, &why);
	b = vm_create("LOOPB", 1 << 20, &why);
	w = vm_create("WAITER", 1 << 20, &why);
	fake_vm_create_error = MSG_NO_STORAGE;
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
#define RUN(cls, line) (c = ctx_with(cls), cmd_execute(&c, line))
	CU_ASSERT_EQUAL(RUN(CLASS_E, "QUERY SHARE LOOPA"), 0);
	CU_ASSERT(has_line("LOOPA    : RELATIVE SHARE = 100"));
	CU_ASSERT_EQUAL(RUN(CLASS_A, "SET SHARE LOOPA RELATIVE 300"), 0);
	CU_ASSERT_EQUAL(nout, 1);
	CU_ASSERT(has_line("LOOPA    : RELATIVE SHARE = 300"));
	CU_ASSERT_EQUAL(RUN(CLASS_A, "set share loopb abs 20%"), 0);
	CU_ASSERT(has_line("LOOPB    : ABSOLUTE SHARE = 20%"));
	CU_ASSERT_EQUAL(RUN(CLASS_A, "Q SHARE LOOPA"), 0);
	CU_ASSERT(has_line("LOOPA    : RELATIVE SHARE = 300"));
	CU_ASSERT_EQUAL(RUN(CLASS_A, "Q SHARE LOOPB"), 0);
	CU_ASSERT(has_line("LOOPB    : ABSOLUTE SHARE = 20%"));
	CU_ASSERT_TRUE(b->vcpu.sched.absolute);
	CU_ASSERT_EQUAL(sched_share(&b->vcpu.sched), 20);
	/* refused: class, range, form, user */
	CU_ASSERT_EQUAL(RUN(CLASS_G, "SET SHARE LOOPA RELATIVE 5"), 546);
	CU_ASSERT_EQUAL(RUN(CLASS_G, "QUERY SHARE LOOPA"), 546);
	CU_ASSERT_EQUAL(RUN(CLASS_A, "SET SHARE LOOPA RELATIVE 0"), 3);
	CU_ASSERT_EQUAL(RUN(CLASS_A, "SET SHARE LOOPA RELATIVE 10001"), 3);
	CU_ASSERT_EQUAL(RUN(CLASS_A, "SET SHARE LOOPA RELATIVE 5%"), 3);
	CU_ASSERT(has_line("VMCCMD003E Invalid option - 5%"));
	CU_ASSERT_EQUAL(RUN(CLASS_A, "SET SHARE LOOPA ABSOLUTE 101%"), 3);
	CU_ASSERT_EQUAL(RUN(CLASS_A, "SET SHARE LOOPA ABSOLUTE %"), 3);
	CU_ASSERT_EQUAL(RUN(CLASS_A, "SET SHARE LOOPA HALF 5"), 3);
	CU_ASSERT_EQUAL(RUN(CLASS_A, "SET SHARE LOOPA RELATIVE"), 26);
	CU_ASSERT_EQUAL(RUN(CLASS_A, "SET SHARE LOOPA RELATIVE 5 6"), 4);
	CU_ASSERT_EQUAL(RUN(CLASS_A, "SET SHARE NOBODY RELATIVE 5"), 45);
	CU_ASSERT_EQUAL(RUN(CLASS_E, "QUERY SHARE NOBODY"), 45);
	CU_ASSERT_EQUAL(sched_share(&a->vcpu.sched), 300);
	CU_ASSERT_FALSE(a->vcpu.sched.absolute);
	/* INDICATE USER shows the share (and the queue) too. */
	{
		struct vm *u;

		fake_vm_create_error = 0;
		u = user_create("SHARER", 1 << 20, CLASS_G, &why);
		fake_vm_create_error = MSG_NO_STORAGE;

		CU_ASSERT_PTR_NOT_NULL_FATAL(u);
		sched_set_share(&u->vcpu.sched, false, 300);
		CU_ASSERT_EQUAL(RUN(CLASS_E, "INDICATE USER SHARER"), 0);
		CU_ASSERT(has_line("SHARE=RELATIVE 300 QUEUE=Q3"));
		sched_set_share(&u->vcpu.sched, true, 20);
		CU_ASSERT_EQUAL(RUN(CLASS_E, "INDICATE USER SHARER"), 0);
		CU_ASSERT(has_line("SHARE=ABSOLUTE 20% QUEUE=Q3"));
		user_destroy(u);
	}
	/* INDICATE QUEUES: the ready ones, Q1 first; the waiting one is not listed. */
	a->vcpu.state = VCPU_RUNNABLE;
	b->vcpu.state = VCPU_RUNNABLE;
	w->vcpu.state = VCPU_ENABLED_WAIT;
	sched_interaction(&b->vcpu.sched);
	CU_ASSERT_EQUAL(RUN(CLASS_E, "INDICATE QUEUES"), 0);
	CU_ASSERT_EQUAL(nout, 3);
	CU_ASSERT_STRING_EQUAL(out[0], "LOOPB    Q1 RQ ABSOLUTE 20%");
	CU_ASSERT_STRING_EQUAL(out[1], "LOOPA    Q3 RQ RELATIVE 300");
	CU_ASSERT_STRING_EQUAL(out[2], "Q0-00000 Q1-00001 Q2-00000 Q3-00001");
	/* Issued by a guest (DIAGNOSE X'08'): its own machine is the one running. */
	c = ctx_with(CLASS_E);
	c.vm = a;
	c.from_guest = true;
	CU_ASSERT_EQUAL(cmd_execute(&c, "IND Q"), 0);
	CU_ASSERT_STRING_EQUAL(out[1], "LOOPA    Q3 R  RELATIVE 300");
	CU_ASSERT_EQUAL(RUN(CLASS_G, "INDICATE QUEUES"), 546);
	CU_ASSERT_EQUAL(RUN(CLASS_E, "INDICATE QUEUES X"), 4);
#undef RUN
	vm_destroy(a);
	vm_destroy(b);
	vm_destroy(w);
}

static void test_indicate_privilege(void)
{
	struct cmd_ctx c = ctx_with(CLASS_G);

	CU_ASSERT_EQUAL(cmd_execute(&c, "INDICATE USER TEST001"), 7);
	CU_ASSERT(has_line("VMCIND007E Invalid userid - TEST001; class G may INDICATE only its "
			   "own user ID"));
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "ind u operator"), 7);
	/* its own user ID passes the check (and the fake has nobody logged on) */
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "IND USER tester"), 45);
	c = ctx_with(CLASS_E);
	CU_ASSERT_EQUAL(cmd_execute(&c, "IND USER TEST001"), 45);
	c = ctx_with(CLASS_A | CLASS_E | CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "IND USER TEST001"), 45);
}

/* Session commands on a machine of the issuer's own (fake user layer, no terminal). */
static void test_user_commands(void)
{
	static struct vm me;
	static struct user me_user;
	struct cmd_ctx c;

	memset(&me, 0, sizeof(me));
	memset(&me_user, 0, sizeof(me_user));
	strcpy(me.userid, "TESTER");
	me.user = &me_user;
	me_user.vm = &me;
	me_user.classes = CLASS_G;
#define RUN(line) (c = ctx_with(CLASS_G), c.vm = &me, cmd_execute(&c, line))
	CU_ASSERT_EQUAL(RUN("SET MSG OFF"), 0);
	CU_ASSERT(me_user.msg_off);
	CU_ASSERT_EQUAL(RUN("set msg on"), 0);
	CU_ASSERT(!me_user.msg_off);
	CU_ASSERT_EQUAL(RUN("SET WNG MAYBE"), 3);
	CU_ASSERT_EQUAL(RUN("SET MSG"), 26);
	CU_ASSERT_EQUAL(RUN("SET EMSG TEXT"), 0);
	CU_ASSERT_EQUAL(me_user.emsg, EMSG_TEXT);
	/* EMSG TEXT: the text alone; EMSG OFF: nothing; EMSG CODE: the number alone. */
	c = ctx_with(CLASS_G);
	c.emsg = EMSG_TEXT;
	cmd_execute(&c, "BOGUS");
	CU_ASSERT(has_line("Unknown CP command: BOGUS"));
	c = ctx_with(CLASS_G);
	c.emsg = EMSG_OFF;
	cmd_execute(&c, "BOGUS");
	CU_ASSERT_EQUAL(nout, 0);
	c = ctx_with(CLASS_G);
	c.emsg = EMSG_CODE;
	cmd_execute(&c, "BOGUS");
	CU_ASSERT(nout == 1 && !strcmp(out[0], "VMCCMD001E"));
	/* Class G may not set the logon message; class B may, and everyone may query it. */
	CU_ASSERT_EQUAL(RUN("SET LOGMSG hello"), 546);
	c = ctx_with(CLASS_B);
	CU_ASSERT_EQUAL(cmd_execute(&c, "SET LOGMSG Welcome to VM/64"), 0);
	CU_ASSERT_EQUAL(RUN("Q LOGMSG"), 0);
	CU_ASSERT(has_line("Welcome to VM/64"));
	c = ctx_with(CLASS_B);
	cmd_execute(&c, "SET LOGMSG OFF");
	RUN("QUERY LOGMSG");
	CU_ASSERT(has_line("There is no logmsg data"));
	/* Without a terminal: TERMINAL and DISCONNECT say so. */
	CU_ASSERT_EQUAL(RUN("TERM MORE 5"), 2);
	CU_ASSERT(has_line("VMCTRM002E"));
	CU_ASSERT_EQUAL(RUN("DISC"), 2);
	/* BEGIN leaves CP READ; IPL of a device is refused, of an unknown system too. */
	me_user.cp_read = true;
	CU_ASSERT_EQUAL(RUN("B"), 0);
	CU_ASSERT(!me_user.cp_read);
	CU_ASSERT_EQUAL(RUN("BEGIN NOW"), 4);
	CU_ASSERT_EQUAL(RUN("IPL 0190"), 43);
	CU_ASSERT_EQUAL(RUN("IPL NOSUCH"), 42);
	CU_ASSERT_EQUAL(RUN("SYSTEM SOMETIMES"), 3);
	/* From DIAGNOSE X'08' LOGOFF and IPL wait for the main loop. */
	c = ctx_with(CLASS_G);
	c.vm = &me;
	c.from_guest = true;
	CU_ASSERT_EQUAL(cmd_execute(&c, "LOGOFF"), 0);
	CU_ASSERT_EQUAL(me_user.deferred, DEFER_LOGOFF);
	me_user.deferred = DEFER_NONE;
	CU_ASSERT_EQUAL(cmd_execute(&c, "IPL CMS"), 0);
	CU_ASSERT_EQUAL(me_user.deferred, DEFER_IPL);
	CU_ASSERT_STRING_EQUAL(me_user.deferred_arg, "CMS");
	me_user.deferred = DEFER_NONE;
	/* MSG and WARNING: to nobody, and WARNING is class A/B. */
	CU_ASSERT_EQUAL(RUN("MSG NOBODY hi"), 45);
	CU_ASSERT_EQUAL(RUN("M"), 26);
	CU_ASSERT_EQUAL(RUN("WARNING TESTER hi"), 546);
	/* MSG * is the issuer: disconnected, so not receiving. */
	CU_ASSERT_EQUAL(RUN("MSG * hi"), 57);
	me_user.at_line_console = true;
	CU_ASSERT_EQUAL(RUN("MSG * Hello There"), 0);
	CU_ASSERT_STRING_EQUAL(fake_output, "MSG FROM TESTER  : Hello There");
	/* Issue 11: line ends and other control characters in the text are shown as '.', so a
	 * MSG cannot add a line (on the operator's console, a forged CP ABEND) or 3270 orders. */
	CU_ASSERT_EQUAL(RUN("MSG * hello\nVMC0PA999S CP ABEND\r\x85\x11\x1d\x13!"), 0);
	CU_ASSERT_STRING_EQUAL(fake_output, "MSG FROM TESTER  : hello.VMC0PA999S CP ABEND.....!");
	CU_ASSERT_EQUAL(RUN("WARN\nING TESTER x"), 1);
	CU_ASSERT(has_line("VMCCMD001E Unknown CP command: WARN.ING"));
	/* A line of nothing but blanks, tabs and line ends is no command (found by fuzz_cmd). */
	nout = 0;
	CU_ASSERT_EQUAL(RUN("\r\t \n"), 0);
	CU_ASSERT_EQUAL(nout, 0);
	me_user.msg_off = true;
	CU_ASSERT_EQUAL(RUN("MSG * again"), 57);
	CU_ASSERT(has_line("VMCMSG057I TESTER not receiving; MSG off"));
	me_user.msg_off = false;
	me_user.at_line_console = false;
	/* SHUTDOWN warns every user first. */
	fake_warned = 0;
	c = ctx_with(CLASS_A);
	cmd_execute(&c, "SHUTDOWN");
	CU_ASSERT_EQUAL(fake_warned, 1);
	CU_ASSERT(c.shutdown_requested);
	/* Q VIRTUAL, Q PRIVCLASS, Q USERS, Q TERMINAL answer. */
	CU_ASSERT_EQUAL(RUN("Q VIRTUAL"), 0);
	CU_ASSERT(has_line("STORAGE = 0M"));
	CU_ASSERT_EQUAL(RUN("Q PRIVCLASS"), 0);
	CU_ASSERT(has_line("Currently: G"));
	CU_ASSERT_EQUAL(RUN("Q USERS"), 0);
	CU_ASSERT_EQUAL(RUN("Q USERS NOBODY"), 45);
	/* Q USERID, z/VM's "userid AT sysname" */
	CU_ASSERT_EQUAL(RUN("Q USERID"), 0);
	CU_ASSERT(has_line("TESTER   AT VM64"));
	CU_ASSERT_EQUAL(RUN("query userid *"), 0);
	CU_ASSERT(has_line("TESTER   AT VM64"));
	CU_ASSERT_EQUAL(RUN("Q USERID NOBODY"), 45);
	CU_ASSERT(has_line("VMCCMD045E NOBODY not logged on"));
	CU_ASSERT_EQUAL(RUN("Q USERID * EXTRA"), 4);
	CU_ASSERT_EQUAL(RUN("Q USERI"), 3); /* USERID has no abbreviation */
	CU_ASSERT_EQUAL(RUN("Q TERM"), 0);
#undef RUN
}

/* LINK, DETACH, QUERY LINKS between two users on a fake VM64U1 (USER01's 191: MR READ WRITE
 * MULTIPLE in the default directory). */
static void test_link_commands(void)
{
	static struct vm u1, u2;
	static struct user s1, s2;
	struct user_entry e;
	struct cmd_ctx c;

	setup_machine();
	fake_blk_reset();
	fake_blk_add(0x0101, 262144, "VM64U1");
	dasd_init(&cp_sysconfig, NULL);
	memset(&u1, 0, sizeof(u1));
	memset(&u2, 0, sizeof(u2));
	memset(&s1, 0, sizeof(s1));
	memset(&s2, 0, sizeof(s2));
	strcpy(u1.userid, "USER01");
	strcpy(u2.userid, "USER02");
	u1.user = &s1;
	u2.user = &s2;
	s1.vm = &u1;
	s2.vm = &u2;
	CU_ASSERT_EQUAL_FATAL(dir_lookup("USER01", &e), 0);
	CU_ASSERT_EQUAL(vm_disks_define(&u1, &e), 1);
	CU_ASSERT(!u1.disks[0].bd.read_only); /* MR, nobody else: write */
	CU_ASSERT_EQUAL_FATAL(dir_lookup("USER02", &e), 0);
	CU_ASSERT_EQUAL(vm_disks_define(&u2, &e), 1);
#define AS(who, line) (c = ctx_with(CLASS_G), c.vm = &(who), cmd_execute(&c, line))
	/* passwords: none, wrong, the read one for W */
	CU_ASSERT_EQUAL(AS(u2, "LINK USER01 191 192 RR"), 113);
	CU_ASSERT(has_line("VMCLNK113E USER01 0191 not linked; mode or password incorrect"));
	CU_ASSERT_EQUAL(AS(u2, "LINK USER01 191 192 RR WRONG"), 113);
	CU_ASSERT_EQUAL(AS(u2, "LINK USER01 191 192 W READ"), 113);
	/* USER01 writes: R refused, W refused, M refused, RR given with a note */
	CU_ASSERT_EQUAL(AS(u2, "LINK USER01 191 192 R READ"), 105);
	CU_ASSERT(has_line("VMCLNK105E USER01 0191 not linked; R/W by USER01"));
	CU_ASSERT_EQUAL(AS(u2, "LINK USER01 191 192 W WRITE"), 105);
	CU_ASSERT_EQUAL(AS(u2, "LINK USER01 191 192 M MULTIPLE"), 105);
	CU_ASSERT_EQUAL(AS(u2, "LINK TO USER01 191 AS 192 RR PASS=READ"), 0);
	CU_ASSERT(has_line("VMCLNK100I DASD 0192 LINKED R/O; R/W by USER01"));
	CU_ASSERT(u2.disks[1].bd.read_only);
	/* the same number twice; MR forced read-only; MW always writes */
	CU_ASSERT_EQUAL(AS(u2, "LINK USER01 191 192 RR READ"), 110);
	CU_ASSERT_EQUAL(AS(u2, "LINK USER01 191 193 MR MULTIPLE"), 0);
	CU_ASSERT(has_line("VMCLNK102E DASD 0193 forced R/O; R/W by USER01"));
	CU_ASSERT_EQUAL(AS(u2, "LINK USER01 191 194 MW MULTIPLE"), 0);
	CU_ASSERT(!vm_disk_find(&u2, 0x194)->bd.read_only);
	CU_ASSERT_EQUAL(AS(u2, "LINK USER01 191 195 RR READ"), 114); /* VM_MAX_DISKS */
	CU_ASSERT_EQUAL(AS(u2, "DETACH 193"), 0);
	CU_ASSERT(has_line("VMCDET001I DASD 0193 DETACHED"));
	CU_ASSERT_EQUAL(AS(u2, "DETACH 193"), 40);
	/* QUERY LINKS lists the three links, QUERY VIRTUAL the linked disk */
	CU_ASSERT_EQUAL(AS(u1, "QUERY LINKS 191"), 0);
	CU_ASSERT(has_line("USER01   0191 R/W"));
	CU_ASSERT(has_line("USER02   0192 R/O"));
	CU_ASSERT(has_line("USER02   0194 R/W"));
	CU_ASSERT_EQUAL(AS(u2, "Q V DASD"), 0);
	CU_ASSERT(has_line("DASD 0192 9336 VM64U1 R/O       4096 BLK ON DASD  0101"));
	/* USER01 gives its disk up: now R/O readers only, so W is refused but M is given */
	CU_ASSERT_EQUAL(AS(u2, "DETACH 194"), 0);
	CU_ASSERT_EQUAL(AS(u1, "DETACH 191"), 0);
	CU_ASSERT_EQUAL(AS(u1, "LINK * 191 191 W"), 104);
	CU_ASSERT(has_line("VMCLNK104E USER01 0191 not linked; R/O by USER02"));
	CU_ASSERT_EQUAL(AS(u1, "LINK * 191 191 WR"), 0);
	CU_ASSERT(has_line("VMCLNK101E DASD 0191 forced R/O; R/O by USER02"));
	CU_ASSERT_EQUAL(AS(u1, "DETACH 191"), 0);
	CU_ASSERT_EQUAL(AS(u1, "LINK * 191 191 M"), 0);
	CU_ASSERT(!vm_disk_find(&u1, 0x191)->bd.read_only);
	/* errors: unknown user, no such minidisk, a V-DISK, bad mode, missing operands */
	CU_ASSERT_EQUAL(AS(u2, "LINK NOBODY 191 195 RR"), 53);
	CU_ASSERT_EQUAL(AS(u2, "LINK USER01 999 195 RR"), 107);
	CU_ASSERT_EQUAL(AS(u2, "LINK TEST001 191 195 RR"), 107);
	CU_ASSERT_EQUAL(AS(u2, "LINK USER01 191 195 XX READ"), 3);
	CU_ASSERT_EQUAL(AS(u2, "LINK USER01 191"), 26);
	CU_ASSERT_EQUAL(AS(u2, "QUERY LINKS 777"), 40);
	/* LOGOFF drops every link: USER02's reader goes, W is given again */
	vm_disks_release(&u2);
	CU_ASSERT_EQUAL(AS(u1, "DETACH 191"), 0);
	CU_ASSERT_EQUAL(AS(u1, "LINK * 191 191 W"), 0);
	/* A directory LINK statement (USER03: LINK USER01 191 192 RR) needs no password. */
	{
		static struct vm u3;

		memset(&u3, 0, sizeof(u3));
		strcpy(u3.userid, "USER03");
		CU_ASSERT_EQUAL_FATAL(dir_lookup("USER03", &e), 0);
		CU_ASSERT_EQUAL(vm_disks_define(&u3, &e), 2);
		CU_ASSERT_PTR_NOT_NULL_FATAL(vm_disk_find(&u3, 0x192));
		CU_ASSERT(vm_disk_find(&u3, 0x192)->bd.read_only);
		vm_disks_release(&u3);
	}
	vm_disks_release(&u1);
#undef AS
	fake_blk_reset();
	dasd_init(&cp_sysconfig, NULL);
}

/* ATTACH, DETACH rdev, VARY (cp/cmd/attach.c) on fake volumes: VM64RS (SYSRES), VM64U1 with
 * USER01's linked 191, VM64X1 (not in SYSTEM CONFIG) and an unlabelled disk. */

static void test_attach_vary(void)
{
	static struct vm u1;
	static struct user s1;
	static uint8_t blk[512];
	struct user_entry e;
	struct vm *v5, *v6;
	struct vm_disk *d;
	struct cmd_ctx c;
	int why = 0;

	setup_machine();
	fake_blk_reset();
	fake_blk_add(0x0100, 16384, "VM64RS");
	fake_blk_add(0x0101, 262144, "VM64U1");
	fake_blk_add(0x0102, 2048, "VM64X1");
	fake_blk_add(0x0103, 100, NULL);
	fake_ckd_add(0x0200, 10, "VM64C2");
	dasd_init(&cp_sysconfig, NULL);
	memset(&u1, 0, sizeof(u1));
	memset(&s1, 0, sizeof(s1));
	strcpy(u1.userid, "USER01");
	u1.user = &s1;
	s1.vm = &u1;
	CU_ASSERT_EQUAL_FATAL(dir_lookup("USER01", &e), 0);
	CU_ASSERT_EQUAL(vm_disks_define(&u1, &e), 1); /* a link to its 191 on VM64U1 */
	fake_vm_create_error = 0;
	v5 = user_create("USER05", 1 << 20, CLASS_G, &why);
	v6 = user_create("USER06", 1 << 20, CLASS_G, &why);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v5);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v6);
#define OP(line) (c = ctx_with(CLASS_B), cmd_execute(&c, line))
	/* class B only */
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "ATTACH 102 TO USER05"), 546);
	CU_ASSERT_EQUAL(cmd_execute(&c, "VARY OFFLINE 102"), 546);
	/* a 3390: a dedicated disk is a virtual FBA, which cannot show its track 0 */
	CU_ASSERT_EQUAL(OP("ATTACH 200 TO USER05"), 130);
	CU_ASSERT(has_line("VMCATT130E DASD 0200 not attached; it is a 3390 and CP dedicates FBA "
			   "volumes only"));
	/* the whole of VM64X1 as USER05's 0200 */
	fake_output[0] = 0;
	CU_ASSERT_EQUAL(OP("ATTACH 102 TO USER05 AS 200"), 0);
	CU_ASSERT(has_line("VMCATT001I DASD 0102 ATTACHED TO USER05 0200"));
	CU_ASSERT_STRING_EQUAL(fake_output, "VMCATT002I DASD 0102 ATTACHED TO USER05 0200 BY TESTER");
	d = vm_disk_find(v5, 0x200);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->bd.blocks, 2048);
	CU_ASSERT(!d->bd.read_only);
	CU_ASSERT_EQUAL(blkdev_read(&d->bd, 1, 1, blk), 0); /* block 1 is the real label */
	CU_ASSERT_EQUAL(memcmp(blk, fake_blks[2].data + 512, 512), 0);
	memset(blk, 0x5a, sizeof(blk));
	CU_ASSERT_EQUAL(blkdev_write(&d->bd, 2047, 1, blk), 0);
	CU_ASSERT_EQUAL(fake_blks[2].data[2047 * 512 + 7], 0x5a);
	CU_ASSERT_EQUAL(blkdev_read(&d->bd, 2048, 1, blk), BLKDEV_E_RANGE);
	CU_ASSERT_EQUAL(OP("Q DASD"), 0);
	CU_ASSERT(has_line("DASD 0102 VM64X1 9336       2048 BLK ATTACHED TO USER05 0200 R/W"));
	CU_ASSERT(has_line("DASD 0100 VM64RS 9336      16384 BLK CP OWNED"));
	/* the refusals */
	CU_ASSERT_EQUAL(OP("ATTACH 102 TO USER06"), 122);
	CU_ASSERT(has_line("VMCATT122E DASD 0102 already attached to USER05"));
	CU_ASSERT_EQUAL(OP("ATTACH 100 TO USER06"), 123);
	CU_ASSERT(has_line("VMCATT123E DASD 0100 CP owned"));
	CU_ASSERT_EQUAL(OP("ATTACH 101 TO USER06"), 124);
	CU_ASSERT(has_line("VMCATT124E DASD 0101 in use by 1 users"));
	CU_ASSERT_EQUAL(OP("ATTACH 20 TO USER06"), 128);
	CU_ASSERT(has_line("VMCATT128E Device 0020 is not a DASD"));
	CU_ASSERT_EQUAL(OP("ATTACH 777 TO USER06"), 40);
	CU_ASSERT_EQUAL(OP("ATTACH 103 TO NOBODY"), 45);
	CU_ASSERT_EQUAL(OP("ATTACH 103 TO USER05 AS 200"), 120);
	CU_ASSERT(has_line("VMCATT120E DASD 0103 not attached; USER05 0200 already defined"));
	CU_ASSERT_EQUAL(OP("ATTACH 103"), 26);
	CU_ASSERT_EQUAL(OP("ATTACH 103 TO USER05 AS"), 26);
	CU_ASSERT_EQUAL(OP("ATTACH 103 TO USER05 XX"), 4);
	/* R/O; AS left out: the real number */
	CU_ASSERT_EQUAL(OP("ATTACH 103 USER06 R/O"), 0);
	CU_ASSERT(has_line("VMCATT001I DASD 0103 ATTACHED TO USER06 0103 R/O"));
	d = vm_disk_find(v6, 0x103);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(blkdev_write(&d->bd, 5, 1, blk), BLKDEV_E_READONLY);
	/* VARY OFFLINE refused while in use */
	CU_ASSERT_EQUAL(OP("VARY OFFLINE 102"), 4);
	CU_ASSERT(has_line("VMCVRY004E DASD 0102 not varied offline; attached to USER05"));
	CU_ASSERT_EQUAL(OP("VARY OFF 100"), 4);
	CU_ASSERT(has_line("VMCVRY004E DASD 0100 not varied offline; CP owned"));
	CU_ASSERT_EQUAL(OP("VARY OFFLINE 101"), 4);
	CU_ASSERT(has_line("VMCVRY004E DASD 0101 not varied offline; in use by 1 users"));
	CU_ASSERT_EQUAL(OP("VARY SIDEWAYS 101"), 3);
	CU_ASSERT_EQUAL(OP("VARY ONLINE 101"), 3);
	CU_ASSERT(has_line("VMCVRY003E DASD 0101 is already online"));
	/* DETACH rdev: from the wrong user, by class G, then for real; USER05 relabelled it */
	vol_label_encode(blk, "NEWVOL");
	CU_ASSERT_EQUAL(blkdev_write(&vm_disk_find(v5, 0x200)->bd, 1, 1, blk), 0);
	CU_ASSERT_EQUAL(OP("DETACH 102 FROM USER06"), 44);
	CU_ASSERT(has_line("VMCDET044E DASD 0102 not attached to USER06"));
	c = ctx_with(CLASS_G);
	CU_ASSERT_EQUAL(cmd_execute(&c, "DETACH 102 FROM USER05"), 546);
	fake_output[0] = 0;
	CU_ASSERT_EQUAL(OP("DETACH 102 FROM USER05"), 0);
	CU_ASSERT(has_line("VMCDET002I DASD 0102 DETACHED USER05 0200"));
	CU_ASSERT_STRING_EQUAL(fake_output, "VMCDET003I DASD 0200 DETACHED BY TESTER");
	CU_ASSERT_PTR_NULL(vm_disk_find(v5, 0x200));
	CU_ASSERT_EQUAL(OP("Q DASD"), 0);
	CU_ASSERT(has_line("DASD 0102 NEWVOL 9336       2048 BLK FREE"));
	CU_ASSERT_EQUAL(OP("DETACH 102 USER05"), 44);
	/* the user's own DETACH vdev gives a dedicated disk back too */
	c = ctx_with(CLASS_G);
	c.vm = v6;
	CU_ASSERT_EQUAL(cmd_execute(&c, "DETACH 103"), 0);
	CU_ASSERT_EQUAL(OP("Q DASD"), 0);
	CU_ASSERT(has_line("DASD 0103 ------ 9336        100 BLK NO LABEL"));
	/* VARY OFFLINE: QUERY DASD says so, ATTACH refuses it, a second VARY OFFLINE too */
	CU_ASSERT_EQUAL(OP("VARY OFFLINE 102"), 0);
	CU_ASSERT(has_line("VMCVRY002I DASD 0102 varied offline"));
	CU_ASSERT_EQUAL(OP("Q DASD"), 0);
	CU_ASSERT(has_line("DASD 0102 NEWVOL 9336       2048 BLK OFFLINE"));
	CU_ASSERT_EQUAL(OP("ATTACH 102 TO USER05"), 127);
	CU_ASSERT(has_line("VMCATT127E DASD 0102 not available; it is offline"));
	CU_ASSERT_EQUAL(OP("VARY OFFLINE 102"), 3);
	/* a user volume offline: no minidisks on it for LOGON (stand-in) or LINK */
	vm_disks_release(&u1);
	CU_ASSERT_EQUAL(OP("VARY OFFLINE 101"), 0);
	CU_ASSERT_PTR_NULL(dasd_volume("VM64U1"));
	CU_ASSERT_EQUAL(vm_disks_define(&u1, &e), 1);
	CU_ASSERT(u1.disks[0].stand_in);
	c = ctx_with(CLASS_G);
	c.vm = v5;
	CU_ASSERT_EQUAL(cmd_execute(&c, "LINK USER01 191 192 RR READ"), 108);
	vm_disks_release(&u1);
	/* VARY ONLINE reads the label again */
	CU_ASSERT_EQUAL(OP("VARY ONLINE 101"), 0);
	CU_ASSERT(has_line("VMCDAS001I Volume VM64U1 (USER) online at 0101, 262144 blocks"));
	CU_ASSERT(has_line("VMCVRY001I DASD 0101 varied online"));
	CU_ASSERT_PTR_NOT_NULL(dasd_volume("VM64U1"));
	/* a user volume with no links can be attached; then it holds no minidisks */
	CU_ASSERT_EQUAL(OP("ATTACH 101 TO USER06 AS 300"), 0);
	CU_ASSERT_PTR_NULL(dasd_volume("VM64U1"));
	CU_ASSERT_EQUAL(vm_disks_define(&u1, &e), 1);
	CU_ASSERT(u1.disks[0].stand_in);
	vm_disks_release(&u1);
	/* LOGOFF (vm_destroy releases the disks) gives it back */
	vm_disks_release(v6);
	CU_ASSERT_PTR_NOT_NULL(dasd_volume("VM64U1"));
	CU_ASSERT_EQUAL(OP("Q DASD"), 0);
	CU_ASSERT(has_line("DASD 0101 VM64U1 9336     262144 BLK CP SYSTEM"));
#undef OP
	vm_disks_release(v5);
	user_destroy(v5);
	user_destroy(v6);
	fake_vm_create_error = MSG_NO_STORAGE;
	fake_blk_reset();
	dasd_init(&cp_sysconfig, NULL);
}

UNIT_SUITE(cmd, UNIT_CASE(test_tokenize), UNIT_CASE(test_abbreviations),
	   UNIT_CASE(test_unknown_and_malformed), UNIT_CASE(test_privilege_classes),
	   UNIT_CASE(test_query_time), UNIT_CASE(test_query_storage_cpus_devices),
	   UNIT_CASE(test_query_dasd_alloc), UNIT_CASE(test_dasd_bench),
	   UNIT_CASE(test_help), UNIT_CASE(test_devclass), UNIT_CASE(test_every_message_is_numbered),
	   UNIT_CASE(test_vm_commands_refuse_bad_input),
	   UNIT_CASE(test_xautolog_fixed_storage), UNIT_CASE(test_indicate_load), UNIT_CASE(test_indicate_response), UNIT_CASE(test_share_and_queues),
	   UNIT_CASE(test_indicate_privilege),
	   UNIT_CASE(test_query_nss_name),
	   UNIT_CASE(test_user_commands), UNIT_CASE(test_link_commands),
	   UNIT_CASE(test_attach_vary))
UNIT_MAIN(UNIT_REG(cmd))
