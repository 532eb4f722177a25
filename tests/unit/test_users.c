/*
 * Unit tests for cp/dir/users.c on the compiled default directory (build/gen/directory.c, made
 * from cp/dir/USER.DIRECT): the storage, classes and IPL names dir_lookup() reports,
 * and dir_password_ok() for right, wrong, mixed-case, empty and unknown passwords.
 */
#include "cunit_main.h"

#include <string.h>

#include <cp/cmd.h>
#include <cp/directory.h>
#include <cp/users.h>

#define MB (1024ull * 1024)

static void test_lookup_operator_maint(void)
{
	struct user_entry u;

	CU_ASSERT_EQUAL_FATAL(dir_lookup("OPERATOR", &u), 0);
	CU_ASSERT_STRING_EQUAL(u.userid, "OPERATOR");
	CU_ASSERT_EQUAL(u.classes, CLASS_ALL_AG);
	CU_ASSERT_EQUAL(u.storage, 16 * MB);
	CU_ASSERT_STRING_EQUAL(u.ipl_name, "CMS");
	CU_ASSERT(!u.nolog);

	CU_ASSERT_EQUAL_FATAL(dir_lookup("maint", &u), 0);
	CU_ASSERT_STRING_EQUAL(u.userid, "MAINT");
	CU_ASSERT_EQUAL(u.classes, CLASS_ALL_AG);
	CU_ASSERT_EQUAL(u.storage, 16 * MB);
}

static void test_lookup_general(void)
{
	struct user_entry u;
	char id[9];

	for (unsigned n = 1; n <= 32; n++) {
		snprintf(id, sizeof(id), "user%02u", n);
		CU_ASSERT_EQUAL_FATAL(dir_lookup(id, &u), 0);
		CU_ASSERT_EQUAL(u.classes, CLASS_G);
		CU_ASSERT_EQUAL(u.storage, 4 * MB);
		CU_ASSERT_STRING_EQUAL(u.ipl_name, "CMS");
	}
	for (unsigned n = 1; n <= 250; n++) {
		snprintf(id, sizeof(id), "Test%03u", n);
		CU_ASSERT_EQUAL_FATAL(dir_lookup(id, &u), 0);
		CU_ASSERT_EQUAL(u.classes, CLASS_G);
		CU_ASSERT_EQUAL(u.storage, 4 * MB);
		CU_ASSERT_STRING_EQUAL(u.ipl_name, ""); /* test users name a system on XAUTOLOG */
		CU_ASSERT(!u.nolog);
	}
	CU_ASSERT_EQUAL(cp_directory.nusers, 2 + 32 + 2 + 2 + 2 + 250 + 3); /* LINUX01-02, FIXED01-03 */
	/* OPTION V=F: LINUX01 and the FIXED users; LINUX02 and everyone else are pageable. */
	CU_ASSERT_EQUAL_FATAL(dir_lookup("LINUX01", &u), 0);
	CU_ASSERT(u.storage_fixed);
	CU_ASSERT_EQUAL_FATAL(dir_lookup("LINUX02", &u), 0);
	CU_ASSERT(!u.storage_fixed);
	CU_ASSERT_EQUAL_FATAL(dir_lookup("FIXED02", &u), 0);
	CU_ASSERT(u.storage_fixed);
	CU_ASSERT_EQUAL(u.max_cpus, 4);
	CU_ASSERT_EQUAL_FATAL(dir_lookup("TEST001", &u), 0);
	CU_ASSERT(!u.storage_fixed);
}

static void test_lookup_unknown(void)
{
	struct user_entry u;

	CU_ASSERT_EQUAL(dir_lookup("USER33", &u), -1);
	CU_ASSERT_EQUAL(dir_lookup("USER00", &u), -1);
	CU_ASSERT_EQUAL(dir_lookup("TEST251", &u), -1);
	CU_ASSERT_EQUAL(dir_lookup("TEST1", &u), -1);
	CU_ASSERT_EQUAL(dir_lookup("NOBODY", &u), -1);
	CU_ASSERT_EQUAL(dir_lookup("", &u), -1);
	CU_ASSERT_EQUAL(dir_lookup("OPERATORX", &u), -1);
	CU_ASSERT_EQUAL(dir_lookup("OPER", &u), -1);
}

static void test_passwords(void)
{
	CU_ASSERT(dir_password_ok("OPERATOR", "OPERATOR"));
	CU_ASSERT(dir_password_ok("operator", "Operator"));
	CU_ASSERT(!dir_password_ok("OPERATOR", "MAINT"));
	CU_ASSERT(!dir_password_ok("OPERATOR", "OPERATO"));
	CU_ASSERT(!dir_password_ok("OPERATOR", "OPERATORS"));
	CU_ASSERT(!dir_password_ok("OPERATOR", ""));
	CU_ASSERT(dir_password_ok("MAINT", "maint"));
	CU_ASSERT(dir_password_ok("USER17", "USER17"));
	CU_ASSERT(!dir_password_ok("USER17", "USER18"));
	CU_ASSERT(dir_password_ok("test250", "TEST250"));
	CU_ASSERT(!dir_password_ok("TEST250", "TEST001"));
	/* Unknown users never log on, whatever the password. */
	CU_ASSERT(!dir_password_ok("NOBODY", "NOBODY"));
	CU_ASSERT(!dir_password_ok("", ""));
	CU_ASSERT(!dir_password_ok("USER33", "USER33"));
}

/* Every user has a hash (the image holds no clear passwords, see tools/dirc.c). */
static void test_no_clear_passwords(void)
{
	for (unsigned i = 0; i < cp_directory.nusers; i++) {
		const struct dir_user *d = &cp_directory.users[i];
		uint8_t zero[DIR_HASH_LEN] = { 0 };

		CU_ASSERT(memcmp(d->hash, zero, sizeof(zero)) != 0);
	}
	/* Salts differ per user even though the default passwords follow one pattern. */
	CU_ASSERT(memcmp(cp_directory.users[0].salt, cp_directory.users[1].salt, DIR_SALT_LEN));
}

UNIT_SUITE(users, UNIT_CASE(test_lookup_operator_maint), UNIT_CASE(test_lookup_general),
	   UNIT_CASE(test_lookup_unknown), UNIT_CASE(test_passwords),
	   UNIT_CASE(test_no_clear_passwords))
UNIT_MAIN(UNIT_REG(users))
