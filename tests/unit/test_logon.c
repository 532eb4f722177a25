/*
 * Unit tests for cp/user/logon.c: LOGON with a good and a bad password, the same message
 * for an unknown user, throttling after repeated failures with its journal lines on the
 * operator's console, DISCONNECT and reconnect, taking a user over from another terminal,
 * LOGOFF, SHUTDOWN's logoff of every user, and what a line typed before LOGON asks for (user_prelogon_line). The terminals
 * are fakes (tests/unit/fake_term.c), the directory is the compiled default one, the
 * machine table is tests/unit/fake_vmm.c, the clock tests/unit/fake_hw.c.
 */
#include "cunit_main.h"

#include <string.h>

#include <cp/blkdev.h>
#include <cp/dasd.h>
#include <cp/links.h>
#include <cp/logon_guard.h>
#include <cp/msg.h>
#include <cp/user.h>
#include <cp/vmm.h>
#include "fake_hw.h"
#include "fake_term.h"

extern int fake_vm_create_error, fake_vm_ipl_rc, fake_vm_fix_rc;

#define TOD_S(s) ((uint64_t)(s) * 1000000 << 12)

static struct term t1, t2;

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}
static char why[160];

static void setup(void)
{
	fake_vm_create_error = 0;
	fake_vm_ipl_rc = 0;
	fake_vm_fix_rc = 0;
	fake_tod = TOD_S(3900000000ULL); /* 2023 */
	guard_init();
	fake_term_init(&t1, 0x020);
	fake_term_init(&t2, 0x021);
	fake_console_out_reset();
	memset(why, 0, sizeof(why));
}

static void logoff_all(void)
{
	for (unsigned i = 0; i < VM_MAX_MACHINES; i++)
		if (vm_slot(i))
			user_logoff(vm_slot(i), 0);
}

static void test_good_password(void)
{
	struct vm *vm;

	setup();
	CU_ASSERT_EQUAL_FATAL(user_logon(&t1, 0x020, "user01", "user01", why, sizeof(why)), 0);
	vm = vm_find("USER01");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	CU_ASSERT_PTR_EQUAL(t1.vm, vm);
	CU_ASSERT_PTR_EQUAL(vm->user->term, &t1);
	CU_ASSERT_EQUAL(t1.attaches, 1);
	CU_ASSERT(fake_term_has(&t1, "LOGON AT "));
	CU_ASSERT(fake_term_has(&t1, "There is no logmsg data"));
	CU_ASSERT_STRING_EQUAL(vm->ipl_name, "CMS"); /* the directory's IPL statement */
	CU_ASSERT(fake_console_out_has("VMCLGA060I USER01 logged on at terminal 0020"));
	CU_ASSERT_EQUAL(vm->user->connect_tod, vm->logon_tod);
	logoff_all();
}

static void test_bad_password_and_unknown_user(void)
{
	char why2[160];

	setup();
	CU_ASSERT_EQUAL(user_logon(&t1, 0x020, "USER02", "wrong", why, sizeof(why)), -1);
	CU_ASSERT_STRING_EQUAL(why, "VMCLGA050E LOGON unsuccessful--incorrect user ID or password");
	CU_ASSERT_PTR_NULL(vm_find("USER02"));
	CU_ASSERT_PTR_NULL(t1.vm);
	CU_ASSERT_EQUAL(t1.attaches, 0);
	CU_ASSERT(fake_console_out_has("VMCLGA052W LOGON failed for USER02 at terminal 0020: "
				       "incorrect user ID or password (1 in a row)"));
	/* An unknown user gets the very same message: nothing says which part was wrong. */
	CU_ASSERT_EQUAL(user_logon(&t1, 0x020, "NOSUCH", "NOSUCH", why2, sizeof(why2)), -1);
	CU_ASSERT_STRING_EQUAL(why2, why);
	CU_ASSERT(fake_console_out_has("LOGON failed for NOSUCH at terminal 0020"));
	/* The machine manager's refusal is passed on with its own message. */
	fake_vm_create_error = MSG_TOO_MANY_USERS;
	CU_ASSERT_EQUAL(user_logon(&t1, 0x020, "USER02", "USER02", why, sizeof(why)), -1);
	CU_ASSERT(strstr(why, "VMCLGA067E") != NULL);
	CU_ASSERT_PTR_NULL(t1.vm);
	logoff_all();
}

/* LOGON of a user whose password is its user ID at terminal t1; the machine it got. */
static struct vm *logon_as_self(const char *userid)
{
	CU_ASSERT_EQUAL_FATAL(user_logon(&t1, 0x020, userid, userid, why, sizeof(why)), 0);
	return vm_find(userid);
}

/* OPTION V=F: the storage is fixed at logon; when it cannot be, the user is told and the
 * machine runs with pageable storage. */
static void test_logon_fixed_storage(void)
{
	struct vm *vm;

	setup();
	vm = logon_as_self("FIXED01");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	CU_ASSERT(vm->storage_fixed);
	CU_ASSERT(vm->mem.fixed_origin != 0);
	CU_ASSERT(!fake_term_has(&t1, "VMCLGA081W"));
	logoff_all();

	setup();
	fake_vm_fix_rc = -1;
	vm = logon_as_self("FIXED03");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	CU_ASSERT_EQUAL(vm->mem.fixed_origin, 0);
	CU_ASSERT(fake_term_has(&t1, "VMCLGA081W No run of 4M of real storage is free for V=F: "
				     "the storage of FIXED03 is pageable"));
	CU_ASSERT(fake_term_has(&t1, "LOGON AT ")); /* logged on all the same */
	logoff_all();

	/* A user without the option is never fixed. */
	setup();
	vm = logon_as_self("USER04");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	CU_ASSERT(!vm->storage_fixed);
	CU_ASSERT_EQUAL(vm->mem.fixed_origin, 0);
	logoff_all();
}

static void test_throttled(void)
{
	setup();
	for (unsigned i = 1; i <= GUARD_USER_THRESHOLD; i++)
		CU_ASSERT_EQUAL(user_logon(&t1, 0x020, "USER03", "bad", why, sizeof(why)), -1);
	CU_ASSERT(fake_console_out_has("incorrect user ID or password (3 in a row)"));
	/* The right password is refused now, without being checked. */
	fake_console_out_reset();
	CU_ASSERT_EQUAL(user_logon(&t1, 0x020, "USER03", "USER03", why, sizeof(why)), -1);
	CU_ASSERT(starts(why, "VMCLGA051E LOGON refused after repeated failures; try again in "));
	CU_ASSERT(fake_console_out_has("VMCLGA052W LOGON failed for USER03 at terminal 0020: "
				       "refused while throttled"));
	CU_ASSERT_PTR_NULL(vm_find("USER03"));
	/* After the delay the user is let in. */
	fake_tod += TOD_S(GUARD_USER_DELAY_S + 1);
	CU_ASSERT_EQUAL(user_logon(&t1, 0x020, "USER03", "USER03", why, sizeof(why)), 0);
	CU_ASSERT_PTR_NOT_NULL(vm_find("USER03"));
	logoff_all();
}

static void test_disconnect_reconnect(void)
{
	struct vm *vm;

	setup();
	CU_ASSERT_EQUAL_FATAL(user_logon(&t1, 0x020, "USER04", "USER04", why, sizeof(why)), 0);
	vm = vm_find("USER04");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	vm->user->cp_read = true;
	vm->user->held_state = VCPU_STOPPED;
	user_disconnect(vm, 0);
	CU_ASSERT_PTR_NULL(vm->user->term);
	CU_ASSERT_EQUAL(t1.detaches, 1);
	CU_ASSERT(starts(t1.detach_message, "USER04 DISCONNECTED AT "));
	CU_ASSERT(fake_console_out_has("VMCLGA060I USER04 disconnected at terminal 0020"));
	CU_ASSERT(!vm->user->cp_read); /* a disconnected machine runs on */
	CU_ASSERT_FALSE(user_connected(vm));
	/* Disconnecting again does nothing. */
	user_disconnect(vm, 0);
	CU_ASSERT_EQUAL(t1.detaches, 1);

	fake_tod += TOD_S(60);
	CU_ASSERT_EQUAL(user_logon(&t2, 0x021, "USER04", "USER04", why, sizeof(why)), 0);
	CU_ASSERT_PTR_EQUAL(vm_find("USER04"), vm); /* the same machine, not a new one */
	CU_ASSERT_PTR_EQUAL(vm->user->term, &t2);
	CU_ASSERT_EQUAL(vm->user->connect_tod, fake_tod);
	CU_ASSERT(fake_term_has(&t2, "RECONNECTED AT "));
	CU_ASSERT_FALSE(fake_term_has(&t2, "LOGON AT "));
	CU_ASSERT(fake_console_out_has("VMCLGA060I USER04 reconnected at terminal 0021"));
	logoff_all();
}

static void test_takeover(void)
{
	struct vm *vm;

	setup();
	CU_ASSERT_EQUAL_FATAL(user_logon(&t1, 0x020, "USER05", "USER05", why, sizeof(why)), 0);
	vm = vm_find("USER05");
	CU_ASSERT_EQUAL_FATAL(user_logon(&t2, 0x021, "USER05", "USER05", why, sizeof(why)), 0);
	CU_ASSERT_PTR_EQUAL(vm_find("USER05"), vm);
	CU_ASSERT_PTR_EQUAL(vm->user->term, &t2);
	CU_ASSERT_PTR_EQUAL(t2.vm, vm);
	CU_ASSERT_PTR_NULL(t1.vm);
	CU_ASSERT_EQUAL(t1.detaches, 1);
	CU_ASSERT_STRING_EQUAL(t1.detach_message, "VMCLGA061I USER05 reconnected at terminal 0021");
	CU_ASSERT(fake_term_has(&t2, "RECONNECTED AT "));
	/* Logging on again at the same terminal detaches nothing. */
	CU_ASSERT_EQUAL(user_logon(&t2, 0x021, "USER05", "USER05", why, sizeof(why)), 0);
	CU_ASSERT_EQUAL(t2.detaches, 0);
	logoff_all();
}

static void test_logoff(void)
{
	extern unsigned fake_vm_destroyed;
	unsigned destroyed = fake_vm_destroyed;
	struct vm *vm;

	setup();
	CU_ASSERT_EQUAL_FATAL(user_logon(&t1, 0x020, "USER06", "USER06", why, sizeof(why)), 0);
	vm = vm_find("USER06");
	user_logoff(vm, 0);
	CU_ASSERT_PTR_NULL(vm_find("USER06"));
	CU_ASSERT_EQUAL(fake_vm_destroyed, destroyed + 1);
	CU_ASSERT(starts(t1.detach_message, "USER06 LOGGED OFF AT "));
	CU_ASSERT(fake_term_has(&t1, "CONNECT= "));
	CU_ASSERT(fake_console_out_has("VMCLGA060I USER06 logged off at terminal 0020"));
	/* FORCE of a disconnected user: journaled as such. */
	CU_ASSERT_EQUAL_FATAL(user_logon(&t1, 0x020, "USER06", "USER06", why, sizeof(why)), 0);
	user_disconnect(vm_find("USER06"), 0);
	user_logoff(vm_find("USER06"), "OPERATOR");
	CU_ASSERT(fake_console_out_has("VMCLGA062I USER06 logged off (disconnected)"));
	CU_ASSERT_PTR_NULL(vm_find("USER06"));
}

/* SHUTDOWN: every user logged off as by LOGOFF, connected or not; OPERATOR at the line
 * console keeps its machine. */
static void test_logoff_all(void)
{
	extern unsigned fake_vm_destroyed;
	unsigned destroyed = fake_vm_destroyed;
	struct vm *op;

	setup();
	op = user_operator_logon();
	CU_ASSERT_PTR_NOT_NULL_FATAL(op);
	CU_ASSERT_EQUAL_FATAL(user_logon(&t1, 0x020, "USER07", "USER07", why, sizeof(why)), 0);
	CU_ASSERT_EQUAL_FATAL(user_logon(&t2, 0x021, "USER08", "USER08", why, sizeof(why)), 0);
	user_disconnect(vm_find("USER08"), 0);
	user_logoff_all();
	CU_ASSERT_PTR_NULL(vm_find("USER07"));
	CU_ASSERT_PTR_NULL(vm_find("USER08"));
	CU_ASSERT_PTR_EQUAL(vm_find("OPERATOR"), op);
	CU_ASSERT_EQUAL(fake_vm_destroyed, destroyed + 2);
	CU_ASSERT(fake_console_out_has("VMCLGA060I USER07 logged off at terminal 0020"));
	CU_ASSERT(fake_console_out_has("VMCLGA062I USER08 logged off (disconnected)"));
	user_destroy(op);
}

/* The owner's MR minidisk comes out read-only because another user writes it: LOGON says
 * so with z/VM's forced-R/O message and who writes; with nobody else, nothing is said. */
static void test_logon_forced_ro(void)
{
	struct vm *vm;

	setup();
	fake_blk_reset();
	fake_blk_add(0x0100, 16384, "VM64RS");
	fake_blk_add(0x0101, 262144, "VM64U1");
	dasd_init(&cp_sysconfig, NULL);
	CU_ASSERT_EQUAL_FATAL(user_logon(&t2, 0x021, "USER02", "USER02", why, sizeof(why)), 0);
	user_cp_command(vm_find("USER02"), "LINK USER01 191 291 MW MULTIPLE");
	CU_ASSERT_FATAL(vm_disk_find(vm_find("USER02"), 0x291) != NULL);
	CU_ASSERT(!vm_disk_find(vm_find("USER02"), 0x291)->bd.read_only);
	CU_ASSERT_EQUAL_FATAL(user_logon(&t1, 0x020, "USER01", "USER01", why, sizeof(why)), 0);
	vm = vm_find("USER01");
	CU_ASSERT_FATAL(vm && vm_disk_find(vm, 0x191));
	CU_ASSERT(vm_disk_find(vm, 0x191)->bd.read_only);
	CU_ASSERT(fake_term_has(&t1, "VMCLNK102E DASD 0191 forced R/O; R/W by USER02"));
	user_logoff(vm, 0);
	/* the writer gone (its links dropped as vm_destroy() drops them): R/W, and no note */
	user_logoff(vm_find("USER02"), 0);
	link_drop(&cp_links, "USER02", -1);
	link_drop(&cp_links, "USER01", -1);
	fake_term_init(&t1, 0x020);
	CU_ASSERT_EQUAL_FATAL(user_logon(&t1, 0x020, "USER01", "USER01", why, sizeof(why)), 0);
	vm = vm_find("USER01");
	CU_ASSERT(!vm_disk_find(vm, 0x191)->bd.read_only);
	CU_ASSERT(!fake_term_has(&t1, "VMCLNK10"));
	logoff_all();
	fake_blk_reset();
	dasd_init(&cp_sysconfig, NULL);
}

static void test_prelogon_line(void)
{
	char userid[9], msg[120];

	CU_ASSERT_EQUAL(user_prelogon_line("", userid, sizeof(userid), msg, sizeof(msg)), 0);
	CU_ASSERT_EQUAL(user_prelogon_line("   ", userid, sizeof(userid), msg, sizeof(msg)), 0);
	CU_ASSERT_EQUAL(user_prelogon_line("logon user01", userid, sizeof(userid), msg,
					   sizeof(msg)), 1);
	CU_ASSERT_STRING_EQUAL(userid, "USER01");
	CU_ASSERT_EQUAL(user_prelogon_line("L maint extra", userid, sizeof(userid), msg,
					   sizeof(msg)), 1);
	CU_ASSERT_STRING_EQUAL(userid, "MAINT");
	CU_ASSERT_EQUAL(user_prelogon_line("LOGIN abcdefgh", userid, sizeof(userid), msg,
					   sizeof(msg)), 1);
	CU_ASSERT_STRING_EQUAL(userid, "ABCDEFGH");

	CU_ASSERT_EQUAL(user_prelogon_line("LOGON", userid, sizeof(userid), msg, sizeof(msg)), -1);
	CU_ASSERT_STRING_EQUAL(msg, "VMCLGA020E Enter LOGON followed by a user ID of 1 to 8 "
				    "characters");
	CU_ASSERT_EQUAL(user_prelogon_line("LOGON ABCDEFGHI", userid, sizeof(userid), msg,
					   sizeof(msg)), -1);
	CU_ASSERT(starts(msg, "VMCLGA020E "));
	/* LOGIN has no abbreviation; LOGI is not LOGON either. */
	CU_ASSERT_EQUAL(user_prelogon_line("LOGI x", userid, sizeof(userid), msg, sizeof(msg)), -1);
	CU_ASSERT_STRING_EQUAL(msg, "VMCLGA021E LOGI is not valid before LOGON; enter LOGON userid");
	CU_ASSERT_EQUAL(user_prelogon_line("query time", userid, sizeof(userid), msg,
					   sizeof(msg)), -1);
	CU_ASSERT_STRING_EQUAL(msg, "VMCLGA021E QUERY is not valid before LOGON; enter LOGON "
				    "userid");
}

UNIT_SUITE(logon, UNIT_CASE(test_good_password), UNIT_CASE(test_bad_password_and_unknown_user),
	   UNIT_CASE(test_throttled), UNIT_CASE(test_logon_fixed_storage),
	   UNIT_CASE(test_disconnect_reconnect),
	   UNIT_CASE(test_takeover), UNIT_CASE(test_logoff), UNIT_CASE(test_logoff_all),
	   UNIT_CASE(test_prelogon_line),
	   UNIT_CASE(test_logon_forced_ro))

UNIT_MAIN(UNIT_REG(logon))
