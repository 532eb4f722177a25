/*
 * Unit tests for cp/mm/nss.c: nss_find() over a local table standing in for the generated one
 * (build/nss/nss_table.S): exact and mixed-case names, trailing blanks, prefixes and longer
 * names that must not match, and the empty, NULL and over-long cases.
 */
#include "cunit_main.h"

#include <cp/nss.h>
#include <lib/string.h>

static const uint8_t bytes_a[] = {0x07, 0x07};
static const uint8_t bytes_b[] = {0x00};

const struct nss_image nss_images[] = {
    {"DIAG", bytes_a, sizeof(bytes_a), 0x20000, 0x20000, 0},
    {"DIAGX", bytes_b, sizeof(bytes_b), 0x20000, 0x20010, 0},
    {"CHECKSUM", bytes_b, sizeof(bytes_b), 0x30000, 0x30000, 0},
    {"HOSTILE", bytes_a, sizeof(bytes_a), 0x20000, 0x20000, 0},
};
const unsigned nss_image_count = sizeof(nss_images) / sizeof(nss_images[0]);

static void test_exact(void)
{
	CU_ASSERT_PTR_EQUAL(nss_find("DIAG"), &nss_images[0]);
	CU_ASSERT_PTR_EQUAL(nss_find("DIAGX"), &nss_images[1]);
	CU_ASSERT_PTR_EQUAL(nss_find("CHECKSUM"), &nss_images[2]);
	CU_ASSERT_PTR_EQUAL(nss_find("HOSTILE"), &nss_images[3]);
	CU_ASSERT_EQUAL(nss_find("CHECKSUM")->load_addr, 0x30000);
	CU_ASSERT_EQUAL(nss_find("DIAGX")->entry, 0x20010);
}

static void test_case(void)
{
	CU_ASSERT_PTR_EQUAL(nss_find("diag"), &nss_images[0]);
	CU_ASSERT_PTR_EQUAL(nss_find("Hostile"), &nss_images[3]);
	CU_ASSERT_PTR_EQUAL(nss_find("checksum"), &nss_images[2]);
	CU_ASSERT_PTR_EQUAL(nss_find("dIaGx"), &nss_images[1]);
}

static void test_blanks(void)
{
	CU_ASSERT_PTR_EQUAL(nss_find("DIAG    "), &nss_images[0]);
	CU_ASSERT_PTR_EQUAL(nss_find("hostile "), &nss_images[3]);
	/* Blank padding beyond 8 characters is still just padding. */
	CU_ASSERT_PTR_EQUAL(nss_find("CHECKSUM    "), &nss_images[2]);
	CU_ASSERT_PTR_NULL(nss_find(" DIAG"));
	CU_ASSERT_PTR_NULL(nss_find("DI AG"));
}

static void test_no_match(void)
{
	CU_ASSERT_PTR_NULL(nss_find(NULL));
	CU_ASSERT_PTR_NULL(nss_find(""));
	CU_ASSERT_PTR_NULL(nss_find("   "));
	CU_ASSERT_PTR_NULL(nss_find("DIA"));
	CU_ASSERT_PTR_NULL(nss_find("D"));
	CU_ASSERT_PTR_NULL(nss_find("DIAGXY"));
	CU_ASSERT_PTR_NULL(nss_find("CMS"));
	/* Longer than any name can be: never matches, even by prefix. */
	CU_ASSERT_PTR_NULL(nss_find("CHECKSUMS"));
	CU_ASSERT_PTR_NULL(nss_find("HOSTILEHOSTILE"));
}

UNIT_SUITE(nss, UNIT_CASE(test_exact), UNIT_CASE(test_case), UNIT_CASE(test_blanks),
	   UNIT_CASE(test_no_match))

UNIT_MAIN(UNIT_REG(nss))
