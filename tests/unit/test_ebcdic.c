/*
 * Unit tests for lib/ebcdic.c: the CP037 and CP1047 tables are permutations of all 256 byte
 * values and exact inverses of each other, hold the well-known code points (letters, digits,
 * punctuation, the brackets and control characters that differ between the two pages), and
 * the buffer and single-character helpers use them.
 */
#include <stdint.h>
#include <string.h>

#include "cunit_main.h"

#include <lib/ebcdic.h>

/* A table and its inverse, for the checks that apply to both code pages. */
struct code_page {
	enum ebcdic_cp cp;
	const uint8_t *to_latin1;
	const uint8_t *from_latin1;
};

static const struct code_page pages[] = {
	{ EBCDIC_CP037, ebcdic037_to_latin1, latin1_to_ebcdic037 },
	{ EBCDIC_CP1047, ebcdic1047_to_latin1, latin1_to_ebcdic1047 },
};

#define NPAGES (sizeof(pages) / sizeof(pages[0]))

/* Latin-1 and EBCDIC codes of one character, the same in both code pages. */
struct pair {
	uint8_t latin1;
	uint8_t ebcdic;
};

/* Code points CP037 and CP1047 share. */
static const struct pair common[] = {
	{ 0x00, 0x00 }, /* NUL */
	{ 0x09, 0x05 }, /* HT */
	{ 0x7f, 0x07 }, /* DEL */
	{ 0x08, 0x16 }, /* BS */
	{ 0x0d, 0x0d }, /* CR */
	{ 0x0c, 0x0c }, /* FF */
	{ 0x1b, 0x27 }, /* ESC */
	{ 0x0a, 0x25 }, /* LF */
	{ 0x85, 0x15 }, /* NEL <-> EBCDIC NL */
	{ ' ', 0x40 },	{ 0xa0, 0x41 }, /* no-break space */
	{ 0xa2, 0x4a }, /* cent sign */
	{ '.', 0x4b },	{ '<', 0x4c },	{ '(', 0x4d },	{ '+', 0x4e },	{ '|', 0x4f },
	{ '&', 0x50 },	{ '!', 0x5a },	{ '$', 0x5b },	{ '*', 0x5c },	{ ')', 0x5d },
	{ ';', 0x5e },	{ '-', 0x60 },	{ '/', 0x61 },	{ ',', 0x6b },	{ '%', 0x6c },
	{ '_', 0x6d },	{ '>', 0x6e },	{ '?', 0x6f },	{ '`', 0x79 },	{ ':', 0x7a },
	{ '#', 0x7b },	{ '@', 0x7c },	{ '\'', 0x7d }, { '=', 0x7e },	{ '"', 0x7f },
	{ 'a', 0x81 },	{ 'i', 0x89 },	{ 'j', 0x91 },	{ 'r', 0x99 },	{ '~', 0xa1 },
	{ 's', 0xa2 },	{ 'z', 0xa9 },	{ '{', 0xc0 },	{ 'A', 0xc1 },	{ 'I', 0xc9 },
	{ '}', 0xd0 },	{ 'J', 0xd1 },	{ 'R', 0xd9 },	{ '\\', 0xe0 }, { 'S', 0xe2 },
	{ 'Z', 0xe9 },	{ '0', 0xf0 },	{ '9', 0xf9 },	{ 0x9f, 0xff }, /* APC control */
};

/* Code points where the two pages differ: Latin-1, CP037, CP1047. */
static const struct {
	uint8_t latin1, cp037, cp1047;
} differ[] = {
	{ '[', 0xba, 0xad },
	{ ']', 0xbb, 0xbd },
	{ '^', 0xb0, 0x5f },
	{ 0xac, 0x5f, 0xb0 }, /* not sign */
	{ 0xdd, 0xad, 0xba }, /* Y acute */
	{ 0xa8, 0xbd, 0xbb }, /* diaeresis */
};

static void test_bijection(void)
{
	for (size_t p = 0; p < NPAGES; p++) {
		unsigned int seen_e[256] = { 0 }, seen_a[256] = { 0 };

		for (unsigned int i = 0; i < 256; i++) {
			seen_a[pages[p].to_latin1[i]]++;
			seen_e[pages[p].from_latin1[i]]++;
		}
		for (unsigned int i = 0; i < 256; i++) {
			CU_ASSERT_EQUAL(seen_a[i], 1);
			CU_ASSERT_EQUAL(seen_e[i], 1);
		}
	}
}

static void test_inverse(void)
{
	for (size_t p = 0; p < NPAGES; p++)
		for (unsigned int i = 0; i < 256; i++) {
			CU_ASSERT_EQUAL(pages[p].from_latin1[pages[p].to_latin1[i]], i);
			CU_ASSERT_EQUAL(pages[p].to_latin1[pages[p].from_latin1[i]], i);
		}
}

static void test_common_code_points(void)
{
	for (size_t p = 0; p < NPAGES; p++)
		for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++) {
			CU_ASSERT_EQUAL(pages[p].from_latin1[common[i].latin1], common[i].ebcdic);
			CU_ASSERT_EQUAL(pages[p].to_latin1[common[i].ebcdic], common[i].latin1);
		}
}

static void test_letters_and_digits(void)
{
	/* EBCDIC letters come in three runs: A-I, J-R, S-Z, lower case 0x40 below upper. */
	for (size_t p = 0; p < NPAGES; p++) {
		const uint8_t *e = pages[p].from_latin1;

		for (int c = 'A'; c <= 'Z'; c++) {
			uint8_t want = c <= 'I' ? 0xc1 + (c - 'A') :
				       c <= 'R' ? 0xd1 + (c - 'J') :
						  0xe2 + (c - 'S');

			CU_ASSERT_EQUAL(e[c], want);
			CU_ASSERT_EQUAL(e[c - 'A' + 'a'], want - 0x40);
		}
		for (int c = '0'; c <= '9'; c++)
			CU_ASSERT_EQUAL(e[c], 0xf0 + (c - '0'));
	}
}

static void test_pages_differ(void)
{
	unsigned int ndiff = 0;

	for (size_t i = 0; i < sizeof(differ) / sizeof(differ[0]); i++) {
		CU_ASSERT_EQUAL(latin1_to_ebcdic037[differ[i].latin1], differ[i].cp037);
		CU_ASSERT_EQUAL(ebcdic037_to_latin1[differ[i].cp037], differ[i].latin1);
		CU_ASSERT_EQUAL(latin1_to_ebcdic1047[differ[i].latin1], differ[i].cp1047);
		CU_ASSERT_EQUAL(ebcdic1047_to_latin1[differ[i].cp1047], differ[i].latin1);
	}
	/* ...and those six are the only differences. */
	for (unsigned int i = 0; i < 256; i++)
		if (ebcdic037_to_latin1[i] != ebcdic1047_to_latin1[i])
			ndiff++;
	CU_ASSERT_EQUAL(ndiff, sizeof(differ) / sizeof(differ[0]));
}

static void test_round_trip_helpers(void)
{
	for (size_t p = 0; p < NPAGES; p++) {
		uint8_t all[256], back[256];
		char text[256];

		for (unsigned int i = 0; i < 256; i++)
			all[i] = (uint8_t)i;
		ebcdic_to_ascii(pages[p].cp, text, all, sizeof(all));
		for (unsigned int i = 0; i < 256; i++)
			CU_ASSERT_EQUAL((uint8_t)text[i], pages[p].to_latin1[i]);
		ascii_to_ebcdic(pages[p].cp, back, text, sizeof(text));
		CU_ASSERT(memcmp(back, all, sizeof(all)) == 0);

		/* And starting from the ASCII side. */
		for (unsigned int i = 0; i < 256; i++)
			text[i] = (char)i;
		ascii_to_ebcdic(pages[p].cp, back, text, sizeof(text));
		ebcdic_to_ascii(pages[p].cp, text, back, sizeof(back));
		for (unsigned int i = 0; i < 256; i++)
			CU_ASSERT_EQUAL((uint8_t)text[i], i);
	}
}

static void test_string_helpers(void)
{
	static const char text[] = "QUERY VIRTUAL 009 [a|b] ^!\n";
	static const uint8_t cp037[] = {
		0xd8, 0xe4, 0xc5, 0xd9, 0xe8, 0x40, 0xe5, 0xc9, 0xd9, 0xe3, 0xe4, 0xc1, 0xd3, 0x40,
		0xf0, 0xf0, 0xf9, 0x40, 0xba, 0x81, 0x4f, 0x82, 0xbb, 0x40, 0xb0, 0x5a, 0x25,
	};
	uint8_t e[sizeof(cp037)];
	char a[sizeof(text)];

	_Static_assert(sizeof(cp037) == sizeof(text) - 1, "one EBCDIC byte per character");
	ascii_to_ebcdic(EBCDIC_CP037, e, text, sizeof(cp037));
	CU_ASSERT(memcmp(e, cp037, sizeof(cp037)) == 0);
	memset(a, 0, sizeof(a));
	ebcdic_to_ascii(EBCDIC_CP037, a, cp037, sizeof(cp037));
	CU_ASSERT_STRING_EQUAL(a, text);

	/* CP1047 differs in the brackets and the circumflex only. */
	ascii_to_ebcdic(EBCDIC_CP1047, e, text, sizeof(cp037));
	CU_ASSERT_EQUAL(e[18], 0xad);
	CU_ASSERT_EQUAL(e[22], 0xbd);
	CU_ASSERT_EQUAL(e[24], 0x5f);
	e[18] = 0xba;
	e[22] = 0xbb;
	e[24] = 0xb0;
	CU_ASSERT(memcmp(e, cp037, sizeof(cp037)) == 0);
}

static void test_in_place_and_empty(void)
{
	char buf[8] = "Hi [1]";
	uint8_t canary[4] = { 1, 2, 3, 4 };

	/* dst may be the same memory as src. */
	ascii_to_ebcdic(EBCDIC_CP1047, (uint8_t *)buf, buf, 6);
	CU_ASSERT_EQUAL((uint8_t)buf[0], 0xc8);
	CU_ASSERT_EQUAL((uint8_t)buf[1], 0x89);
	CU_ASSERT_EQUAL((uint8_t)buf[3], 0xad);
	CU_ASSERT_EQUAL((uint8_t)buf[5], 0xbd);
	CU_ASSERT_EQUAL(buf[6], '\0');
	ebcdic_to_ascii(EBCDIC_CP1047, buf, (const uint8_t *)buf, 6);
	CU_ASSERT_STRING_EQUAL(buf, "Hi [1]");

	/* n == 0 touches nothing. */
	ascii_to_ebcdic(EBCDIC_CP037, canary, "xyz", 0);
	ebcdic_to_ascii(EBCDIC_CP037, (char *)canary, (const uint8_t *)"\xc1", 0);
	CU_ASSERT_EQUAL(canary[0], 1);
	CU_ASSERT_EQUAL(canary[3], 4);
}

static void test_char_helpers(void)
{
	CU_ASSERT_EQUAL(ascii_char_to_ebcdic(EBCDIC_CP037, 'A'), 0xc1);
	CU_ASSERT_EQUAL(ascii_char_to_ebcdic(EBCDIC_CP037, '['), 0xba);
	CU_ASSERT_EQUAL(ascii_char_to_ebcdic(EBCDIC_CP1047, '['), 0xad);
	CU_ASSERT_EQUAL(ascii_char_to_ebcdic(EBCDIC_CP037, '\n'), 0x25);
	CU_ASSERT_EQUAL(ascii_char_to_ebcdic(EBCDIC_CP037, (char)0x85), 0x15);
	CU_ASSERT_EQUAL(ebcdic_char_to_ascii(EBCDIC_CP037, 0x81), 'a');
	CU_ASSERT_EQUAL(ebcdic_char_to_ascii(EBCDIC_CP1047, 0xbd), ']');
	CU_ASSERT_EQUAL(ebcdic_char_to_ascii(EBCDIC_CP037, 0xbb), ']');
	CU_ASSERT_EQUAL(ebcdic_char_to_ascii(EBCDIC_CP1047, 0x5f), '^');
	CU_ASSERT_EQUAL((uint8_t)ebcdic_char_to_ascii(EBCDIC_CP037, 0x15), 0x85);

	for (unsigned int i = 0; i < 256; i++)
		for (size_t p = 0; p < NPAGES; p++) {
			CU_ASSERT_EQUAL((uint8_t)ebcdic_char_to_ascii(pages[p].cp, (uint8_t)i),
					pages[p].to_latin1[i]);
			CU_ASSERT_EQUAL(ascii_char_to_ebcdic(pages[p].cp, (char)i),
					pages[p].from_latin1[i]);
		}
}

/* Blank-padded fields: padding, truncation at the width, trailing blanks and NULs dropped. */
static void test_fields(void)
{
	uint8_t field[10];
	char text[9];

	memset(field, 0xff, sizeof(field));
	ebcdic_put_field(EBCDIC_CP037, field, 8, "cms");
	CU_ASSERT_EQUAL(memcmp(field, "\x83\x94\xa2\x40\x40\x40\x40\x40", 8), 0);
	CU_ASSERT_EQUAL(field[8], 0xff); /* nothing past the width */

	ebcdic_put_field(EBCDIC_CP037, field, 8, "OPERATOR9");
	CU_ASSERT_EQUAL(memcmp(field, "\xd6\xd7\xc5\xd9\xc1\xe3\xd6\xd9", 8), 0);
	CU_ASSERT_EQUAL(field[8], 0xff);

	ebcdic_put_field(EBCDIC_CP037, field, 4, "");
	CU_ASSERT_EQUAL(memcmp(field, "\x40\x40\x40\x40", 4), 0);

	ebcdic_put_field(EBCDIC_CP1047, field, 2, "[");
	CU_ASSERT_EQUAL(field[0], 0xad);
	CU_ASSERT_EQUAL(field[1], 0x40);

	ebcdic_put_field(EBCDIC_CP037, field, 8, "A B");
	memset(text, 'x', sizeof(text));
	ebcdic_get_field(EBCDIC_CP037, text, field, 8);
	CU_ASSERT_STRING_EQUAL(text, "A B"); /* inner blanks stay */

	ebcdic_get_field(EBCDIC_CP037, text, (const uint8_t *)"\xc8\xd9\xc3\x40\x00\x00\x00\x00", 8);
	CU_ASSERT_STRING_EQUAL(text, "HRC");
	ebcdic_get_field(EBCDIC_CP037, text, (const uint8_t *)"\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8", 8);
	CU_ASSERT_STRING_EQUAL(text, "ABCDEFGH");
	ebcdic_get_field(EBCDIC_CP037, text, (const uint8_t *)"\x40\x40\x40\x40", 4);
	CU_ASSERT_STRING_EQUAL(text, "");
	ebcdic_get_field(EBCDIC_CP037, text, field, 0);
	CU_ASSERT_STRING_EQUAL(text, "");
}

UNIT_SUITE(tables, UNIT_CASE(test_bijection), UNIT_CASE(test_inverse),
	   UNIT_CASE(test_common_code_points), UNIT_CASE(test_letters_and_digits),
	   UNIT_CASE(test_pages_differ))
UNIT_SUITE(helpers, UNIT_CASE(test_round_trip_helpers), UNIT_CASE(test_string_helpers),
	   UNIT_CASE(test_in_place_and_empty), UNIT_CASE(test_char_helpers), UNIT_CASE(test_fields))

UNIT_MAIN(UNIT_REG(tables), UNIT_REG(helpers))
