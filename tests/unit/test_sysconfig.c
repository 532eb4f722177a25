/*
 * Unit tests for cp/dir/sysconfig.c: the SYSTEM CONFIG parser (statements, line-numbered
 * errors, the shipped file) and the directory's minidisk extents checked against it (unknown
 * volume, SYSRES volume, label area, beyond the volume, overlaps, the shipped directory), for
 * FB-512 volumes in blocks and CKD 3390 volumes in cylinders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cunit_main.h"

#include <cp/sysconfig.h>

static struct sysconfig cfg;
static struct dir_error err;
static struct directory dir;

static int parse_cfg(const char *text)
{
	return syscfg_parse(text, strlen(text), &cfg, &err);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(1 << 20);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	*len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

static void test_statements(void)
{
	CU_ASSERT_EQUAL(parse_cfg("* comment\n\nvolume vm64rs sysres 16384\n"
				  "  VOLUME  U1 USER 100000  \r\n"),
			0);
	CU_ASSERT_EQUAL(cfg.nvolumes, 2);
	CU_ASSERT_STRING_EQUAL(cfg.volumes[0].volser, "VM64RS");
	CU_ASSERT_EQUAL(cfg.volumes[0].use, SYSCFG_SYSRES);
	CU_ASSERT_EQUAL(cfg.volumes[0].blocks, 16384);
	CU_ASSERT_EQUAL(cfg.volumes[1].use, SYSCFG_USER);
	CU_ASSERT_PTR_EQUAL(syscfg_find(&cfg, "u1"), &cfg.volumes[1]);
	CU_ASSERT_PTR_NULL(syscfg_find(&cfg, "U2"));
	CU_ASSERT_PTR_NULL(syscfg_find(&cfg, "VM64RSX"));
}

static void test_errors(void)
{
	CU_ASSERT_EQUAL(parse_cfg("VOLUME A USER 100\n"	      /* 1 ok */
				  "VOLUME A USER 100\n"	      /* 2 duplicate */
				  "VOLUME TOOLONG USER 100\n" /* 3 volser */
				  "VOLUME B PAGE 100\n"	      /* 4 use */
				  "VOLUME C USER 63\n"	      /* 5 too small */
				  "VOLUME D USER 4294967296\n" /* 6 too big */
				  "VOLUME E USER\n"	      /* 7 operands */
				  "DEVICE 100\n"	      /* 8 unknown */
				  "VOLUME F SYSRES 100\n"     /* 9 ok */
				  "VOLUME G SYSRES 100\n"),   /* 10 second SYSRES */
			-1);
	CU_ASSERT_EQUAL(err.count, 8);
	CU_ASSERT_EQUAL(err.line, 2);
	CU_ASSERT_EQUAL(err.list[1].line, 3);
	CU_ASSERT_EQUAL(err.list[2].line, 4);
	CU_ASSERT_EQUAL(err.list[3].line, 5);
	CU_ASSERT_EQUAL(err.list[4].line, 6);
	CU_ASSERT_EQUAL(err.list[5].line, 7);
	CU_ASSERT_EQUAL(err.list[6].line, 8);
	CU_ASSERT_EQUAL(err.list[7].line, 10);
	CU_ASSERT(strstr(err.list[7].text, "already the SYSRES") != NULL);
	CU_ASSERT_EQUAL(cfg.nvolumes, 2);
}

static void test_shipped_config(void)
{
	size_t len;
	char *text = slurp("cp/dir/SYSTEM.CONFIG", &len);

	CU_ASSERT_EQUAL(syscfg_parse(text, len, &cfg, &err), 0);
	CU_ASSERT(cfg.nvolumes >= 2);
	CU_ASSERT_PTR_NOT_NULL(syscfg_find(&cfg, "VM64U1"));
	free(text);
}

static int check(const char *users)
{
	CU_ASSERT_EQUAL_FATAL(parse_cfg("VOLUME RES SYSRES 1000\nVOLUME U1 USER 1000\n"
					"VOLUME U2 USER 2000\n"),
			      0);
	CU_ASSERT_EQUAL_FATAL(dir_parse(users, strlen(users), &dir, NULL), 0);
	return dir_check_extents(&dir, &cfg, &err);
}

static void test_extents(void)
{
	CU_ASSERT_EQUAL(check("USER A A 4M 8M G\n"
			      " MDISK 191 FB-512 16 100 U1 MR\n"
			      " MDISK 192 FB-512 116 884 U1 RR\n" /* ends at the last block */
			      " MDISK 193 FB-512 V-DISK 100 MR\n"
			      "USER B B 4M 8M G\n"
			      " MDISK 191 FB-512 16 100 U2 MR\n"), /* same blocks, other volume */
			0);
	CU_ASSERT_EQUAL(dir_allocated_blocks(&dir, "U1"), 984);
	CU_ASSERT_EQUAL(dir_allocated_blocks(&dir, "U2"), 100);
	CU_ASSERT_EQUAL(dir_allocated_blocks(&dir, "RES"), 0);

	CU_ASSERT_EQUAL(check("USER A A 4M 8M G\n"
			      " MDISK 191 FB-512 16 100 U1 MR\n"	 /* 2 ok */
			      " MDISK 192 FB-512 115 10 U1 MR\n"	 /* 3 overlaps 191 */
			      " MDISK 193 FB-512 0 10 U2 MR\n"	 /* 4 label */
			      " MDISK 194 FB-512 995 6 U1 MR\n"	 /* 5 beyond */
			      " MDISK 195 FB-512 16 10 NOVOL MR\n"	 /* 6 unknown */
			      " MDISK 196 FB-512 16 10 RES MR\n"	 /* 7 SYSRES */
			      " MDISK 197 3390 1 10 U1 MR\n"	 /* 8 type */
			      " MDISK 198 FB-512 16 0 U2 MR\n"	 /* 9 zero */
			      "USER B B 4M 8M G\n"
			      " MDISK 191 FB-512 50 1 U1 MR\n"),	 /* 11 overlaps A's 191 */
			-1);
	CU_ASSERT_EQUAL(err.count, 8);
	CU_ASSERT_EQUAL(err.list[0].line, 4);
	CU_ASSERT(strstr(err.list[0].text, "label") != NULL);
	CU_ASSERT_EQUAL(err.list[1].line, 5);
	CU_ASSERT(strstr(err.list[1].text, "beyond") != NULL);
	CU_ASSERT_EQUAL(err.list[2].line, 6);
	CU_ASSERT(strstr(err.list[2].text, "not in SYSTEM CONFIG") != NULL);
	CU_ASSERT_EQUAL(err.list[3].line, 7);
	CU_ASSERT(strstr(err.list[3].text, "not a USER volume") != NULL);
	CU_ASSERT_EQUAL(err.list[4].line, 8);
	CU_ASSERT_EQUAL(err.list[5].line, 9);
	CU_ASSERT_EQUAL(err.list[6].line, 3);
	CU_ASSERT(strstr(err.list[6].text, "overlaps MDISK 0191 of A") != NULL);
	CU_ASSERT_EQUAL(err.list[7].line, 11);
	CU_ASSERT(strstr(err.list[7].text, "MDISK 0191 of B overlaps MDISK 0191 of A") != NULL);
}

static void test_ckd_volumes(void)
{
	CU_ASSERT_EQUAL(parse_cfg("VOLUME C1 USER 3390 3339\n"), 0);
	CU_ASSERT_EQUAL(cfg.nvolumes, 1);
	CU_ASSERT_EQUAL(cfg.volumes[0].dev_type, 0x3390);
	CU_ASSERT_EQUAL(cfg.volumes[0].cylinders, 3339);
	CU_ASSERT_EQUAL(cfg.volumes[0].blocks, 3339ull * 1440);
	CU_ASSERT_EQUAL(parse_cfg("VOLUME F1 USER 1000\n"), 0);
	CU_ASSERT_EQUAL(cfg.volumes[0].dev_type, 0);
	CU_ASSERT_EQUAL(cfg.volumes[0].cylinders, 0);
	CU_ASSERT_EQUAL(parse_cfg("VOLUME C1 USER 3390 10\n"	   /* 1 ok */
				  "VOLUME C2 SYSRES 3390 10\n"	   /* 2 CP's data is FBA */
				  "VOLUME C3 USER 3380 10\n"	   /* 3 type */
				  "VOLUME C4 USER 3390 1\n"	   /* 4 no room past cylinder 0 */
				  "VOLUME C5 USER 3390 65521\n"  /* 5 too many */
				  "VOLUME C6 USER 3390 X\n"	   /* 6 not a number */
				  "VOLUME C7 USER 3390 10 MORE\n" /* 7 operands */
				  "VOLUME C8 USER 3390 65520\n"), /* 8 ok */
			-1);
	CU_ASSERT_EQUAL(err.count, 6);
	CU_ASSERT_EQUAL(err.list[0].line, 2);
	CU_ASSERT(strstr(err.list[0].text, "only be a USER volume") != NULL);
	CU_ASSERT_EQUAL(err.list[1].line, 3);
	CU_ASSERT(strstr(err.list[1].text, "must be 3390") != NULL);
	CU_ASSERT_EQUAL(err.list[2].line, 4);
	CU_ASSERT_EQUAL(err.list[3].line, 5);
	CU_ASSERT_EQUAL(err.list[4].line, 6);
	CU_ASSERT_EQUAL(err.list[5].line, 7);
	CU_ASSERT_EQUAL(cfg.nvolumes, 2);
	CU_ASSERT_EQUAL(cfg.volumes[1].blocks, 65520ull * 1440);
}

static int check_ckd(const char *users)
{
	CU_ASSERT_EQUAL_FATAL(parse_cfg("VOLUME U1 USER 1000\nVOLUME C1 USER 3390 100\n"
					"VOLUME C2 USER 3390 10\n"),
			      0);
	CU_ASSERT_EQUAL_FATAL(dir_parse(users, strlen(users), &dir, NULL), 0);
	return dir_check_extents(&dir, &cfg, &err);
}

static void test_ckd_extents(void)
{
	struct mdisk_extent e;

	CU_ASSERT_EQUAL(check_ckd("USER A A 4M 8M G\n"
				  " MDISK 191 3390 1 2 C1 MR\n"
				  " MDISK 192 3390 3 97 C1 RR\n" /* ends at the last cylinder */
				  " MDISK 193 FB-512 16 100 U1 MR\n"
				  "USER B B 4M 8M G\n"
				  " MDISK 191 3390 1 2 C2 MR\n"), /* same cylinders, other volume */
			0);
	CU_ASSERT_EQUAL(mdisk_extent_of(&dir.users[0].devices[0], &e), 1);
	CU_ASSERT(e.ckd);
	CU_ASSERT_EQUAL(e.cyl_start, 1);
	CU_ASSERT_EQUAL(e.cyl_count, 2);
	CU_ASSERT_EQUAL(e.start, 1440);
	CU_ASSERT_EQUAL(e.count, 2880);
	CU_ASSERT_STRING_EQUAL(e.mode, "MR");
	CU_ASSERT_EQUAL(mdisk_extent_of(&dir.users[0].devices[2], &e), 1);
	CU_ASSERT_FALSE(e.ckd);
	CU_ASSERT_EQUAL(dir_allocated_blocks(&dir, "C1"), 99 * 1440);
	CU_ASSERT_EQUAL(dir_allocated_blocks(&dir, "C2"), 2 * 1440);

	CU_ASSERT_EQUAL(check_ckd("USER A A 4M 8M G\n"
				  " MDISK 191 3390 1 2 C1 MR\n"	/* 2 ok */
				  " MDISK 192 3390 2 1 C1 MR\n"	/* 3 overlaps 191 */
				  " MDISK 193 3390 0 1 C1 MR\n"	/* 4 cylinder 0: label */
				  " MDISK 194 3390 99 2 C1 MR\n"	/* 5 beyond */
				  " MDISK 195 FB-512 1440 100 C1 MR\n" /* 6 blocks on a 3390 */
				  " MDISK 196 3390 1 1 U1 MR\n"	/* 7 cylinders on FBA */
				  " MDISK 197 3390 1 0 C1 MR\n"	/* 8 zero */
				  " MDISK 198 3390 70000 1 C1 MR\n"	/* 9 not a cylinder */
				  "USER B B 4M 8M G\n"
				  " MDISK 191 3390 50 1 C1 MR\n"	/* 11 ok */
				  " MDISK 192 3390 9 2 C2 MR\n"),	/* 12 beyond C2 */
			-1);
	CU_ASSERT_EQUAL(err.count, 8);
	CU_ASSERT_EQUAL(err.list[0].line, 4);
	CU_ASSERT(strstr(err.list[0].text, "cylinder 0 of C1 holds its label") != NULL);
	CU_ASSERT_EQUAL(err.list[1].line, 5);
	CU_ASSERT(strstr(err.list[1].text, "ends beyond volume C1 (100 cylinders)") != NULL);
	CU_ASSERT_EQUAL(err.list[2].line, 6);
	CU_ASSERT(strstr(err.list[2].text, "volume C1 is a 3390, not FB-512") != NULL);
	CU_ASSERT_EQUAL(err.list[3].line, 7);
	CU_ASSERT(strstr(err.list[3].text, "volume U1 is FB-512, not a 3390") != NULL);
	CU_ASSERT_EQUAL(err.list[4].line, 8);
	CU_ASSERT_EQUAL(err.list[5].line, 9);
	CU_ASSERT_EQUAL(err.list[6].line, 12);
	CU_ASSERT(strstr(err.list[6].text, "ends beyond volume C2 (10 cylinders)") != NULL);
	CU_ASSERT_EQUAL(err.list[7].line, 3);
	CU_ASSERT(strstr(err.list[7].text, "MDISK 0192 of A overlaps MDISK 0191 of A on C1") != NULL);
}

static void test_shipped_directory(void)
{
	size_t len;
	char *text = slurp("cp/dir/SYSTEM.CONFIG", &len);
	char *users;

	CU_ASSERT_EQUAL_FATAL(syscfg_parse(text, len, &cfg, &err), 0);
	free(text);
	users = slurp("cp/dir/USER.DIRECT", &len);
	CU_ASSERT_EQUAL_FATAL(dir_parse(users, len, &dir, NULL), 0);
	free(users);
	CU_ASSERT_EQUAL(dir_check_extents(&dir, &cfg, &err), 0);
	/* MAINT 8192, OPERATOR and USER01-32 4096 each. */
	CU_ASSERT_EQUAL(dir_allocated_blocks(&dir, "VM64U1"), 8192 + 33 * 4096 + 24576 + 32768);
	/* CKD01 and CKD02: 2 cylinders each on the 3390 volume. */
	CU_ASSERT_EQUAL(syscfg_find(&cfg, "VM64C1")->dev_type, 0x3390);
	CU_ASSERT_EQUAL(dir_allocated_blocks(&dir, "VM64C1"), 4 * 1440);
}

UNIT_SUITE(sysconfig_suite, UNIT_CASE(test_statements), UNIT_CASE(test_errors),
	   UNIT_CASE(test_shipped_config), UNIT_CASE(test_extents), UNIT_CASE(test_ckd_volumes),
	   UNIT_CASE(test_ckd_extents), UNIT_CASE(test_shipped_directory))

UNIT_MAIN(UNIT_REG(sysconfig_suite))
