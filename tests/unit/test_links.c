/*
 * Unit tests for LINK's mode rules and the table of links (cp/vdev/links.c): every mode
 * against every combination of other users' links, the census (a user's own links never
 * count), dropping links, and the "by" text of the messages.
 */
#include <string.h>
#include <cp/links.h>
#include "cunit_main.h"

/* Expected results, z/VM's rules (cp/links.h): columns none, R/O only, R/W only, both. */
static const enum link_result expected[LINK_MODES][4] = {
	[LINK_R] = { LINK_OK_RO, LINK_OK_RO, LINK_REFUSED, LINK_REFUSED },
	[LINK_RR] = { LINK_OK_RO, LINK_OK_RO, LINK_OK_RO, LINK_OK_RO },
	[LINK_W] = { LINK_OK_RW, LINK_REFUSED, LINK_REFUSED, LINK_REFUSED },
	[LINK_WR] = { LINK_OK_RW, LINK_FORCED_RO, LINK_FORCED_RO, LINK_FORCED_RO },
	[LINK_M] = { LINK_OK_RW, LINK_OK_RW, LINK_REFUSED, LINK_REFUSED },
	[LINK_MR] = { LINK_OK_RW, LINK_OK_RW, LINK_FORCED_RO, LINK_FORCED_RO },
	[LINK_MW] = { LINK_OK_RW, LINK_OK_RW, LINK_OK_RW, LINK_OK_RW },
};

static void test_every_mode_against_every_combination(void)
{
	for (int m = 0; m < LINK_MODES; m++)
		for (unsigned ro = 0; ro < 3; ro++)
			for (unsigned rw = 0; rw < 3; rw++) {
				unsigned col = (ro ? 1 : 0) + (rw ? 2 : 0);

				CU_ASSERT_EQUAL(link_decide((enum link_mode)m, ro, rw),
						expected[m][col]);
			}
}

static void test_mode_names(void)
{
	static const char *const names[] = { "R", "RR", "W", "WR", "M", "MR", "MW" };

	for (int m = 0; m < LINK_MODES; m++) {
		CU_ASSERT_EQUAL(link_mode_parse(names[m]), m);
		CU_ASSERT_STRING_EQUAL(link_mode_name((enum link_mode)m), names[m]);
	}
	CU_ASSERT_EQUAL(link_mode_parse("mr"), LINK_MR);
	CU_ASSERT_EQUAL(link_mode_parse(""), -1);
	CU_ASSERT_EQUAL(link_mode_parse("RW"), -1);
	CU_ASSERT_EQUAL(link_mode_parse("MWV"), -1);
	CU_ASSERT_EQUAL(link_mode_parse(NULL), -1);
}

static struct link_table t;

static void test_census_and_drop(void)
{
	static const int vol_a = 1, vol_b = 2;
	struct link_extent a = { (const void *)&vol_a, 100, 50 };
	struct link_extent a_other_vol = { (const void *)&vol_b, 100, 50 };
	struct link_extent a_other_start = { (const void *)&vol_a, 200, 50 };
	struct link_census c;
	char who[16];

	memset(&t, 0, sizeof(t));
	CU_ASSERT_EQUAL(link_add(&t, &a, "USER01", 0x191, true), 0);
	CU_ASSERT_EQUAL(link_add(&t, &a, "USER02", 0x192, false), 0);
	CU_ASSERT_EQUAL(link_add(&t, &a, "USER03", 0x192, false), 0);
	CU_ASSERT_EQUAL(link_add(&t, &a_other_vol, "USER04", 0x191, true), 0);
	CU_ASSERT_EQUAL(link_add(&t, &a_other_start, "USER05", 0x191, true), 0);

	/* USER01 sees only the two readers; its own write link does not count. */
	link_census(&t, &a, "USER01", &c);
	CU_ASSERT_EQUAL(c.rw, 0);
	CU_ASSERT_EQUAL(c.ro, 2);
	link_census_who(&c, 'O', who, sizeof(who));
	CU_ASSERT_STRING_EQUAL(who, "2 users");
	/* USER02 sees USER01 writing and USER03 reading. */
	link_census(&t, &a, "USER02", &c);
	CU_ASSERT_EQUAL(c.rw, 1);
	CU_ASSERT_EQUAL(c.ro, 1);
	link_census_who(&c, 'W', who, sizeof(who));
	CU_ASSERT_STRING_EQUAL(who, "USER01");
	link_census_who(&c, 'O', who, sizeof(who));
	CU_ASSERT_STRING_EQUAL(who, "USER03");
	CU_ASSERT_EQUAL(link_decide(LINK_W, c.ro, c.rw), LINK_REFUSED);

	/* The order of the links to one extent; the other extents stay out. */
	CU_ASSERT_STRING_EQUAL(link_nth(&t, &a, 0)->userid, "USER01");
	CU_ASSERT_STRING_EQUAL(link_nth(&t, &a, 2)->userid, "USER03");
	CU_ASSERT_PTR_NULL(link_nth(&t, &a, 3));

	/* DETACH drops one link, LOGOFF all of a user's. */
	link_drop(&t, "USER01", 0x191);
	link_census(&t, &a, "USER02", &c);
	CU_ASSERT_EQUAL(c.rw, 0);
	CU_ASSERT_EQUAL(link_decide(LINK_M, c.ro, c.rw), LINK_OK_RW);
	CU_ASSERT_EQUAL(link_add(&t, &a, "USER02", 0x193, false), 0);
	link_drop(&t, "USER02", -1);
	link_census(&t, &a, "USER01", &c);
	CU_ASSERT_EQUAL(c.ro, 1);
	CU_ASSERT_EQUAL(c.rw, 0);
	link_census(&t, &a_other_vol, "X", &c);
	CU_ASSERT_EQUAL(c.rw, 1);
}

static void test_table_full(void)
{
	static const int vol = 1;
	struct link_extent a = { (const void *)&vol, 1, 1 };

	memset(&t, 0, sizeof(t));
	for (unsigned i = 0; i < LINK_TABLE_MAX; i++)
		CU_ASSERT_EQUAL(link_add(&t, &a, "U", (uint16_t)i, false), 0);
	CU_ASSERT_EQUAL(link_add(&t, &a, "U", 0xffff, false), -1);
	link_drop(&t, "U", 7);
	CU_ASSERT_EQUAL(link_add(&t, &a, "U", 0xffff, false), 0);
}

UNIT_SUITE(links, UNIT_CASE(test_every_mode_against_every_combination), UNIT_CASE(test_mode_names),
	   UNIT_CASE(test_census_and_drop), UNIT_CASE(test_table_full))
UNIT_MAIN(UNIT_REG(links))
