/*
 * EBCDIC <-> ASCII translation for the code pages CP and its guests meet: CP037 (US/Canada,
 * what 3270 terminals and most VM text use) and CP1047 (Latin-1/Open Systems).
 *
 * The "ASCII" side is ISO-8859-1 (Latin-1), whose first 128 codes are ASCII. Each code page is
 * a permutation of all 256 byte values, so each pair of tables are exact inverses and a round
 * trip EBCDIC -> Latin-1 -> EBCDIC (or the other way) never loses a byte. Control characters
 * map as IBM defines them; notably EBCDIC LF 0x25 <-> ASCII LF 0x0a and EBCDIC NL 0x15 <->
 * Latin-1 NEL 0x85.
 * Covered by tests/unit/test_ebcdic.c.
 */
#ifndef LIB_EBCDIC_H
#define LIB_EBCDIC_H

#include <stddef.h>
#include <stdint.h>

enum ebcdic_cp {
	EBCDIC_CP037,
	EBCDIC_CP1047,
};

/* Translation tables, indexed by the source code. */
extern const uint8_t ebcdic037_to_latin1[256];
extern const uint8_t latin1_to_ebcdic037[256];
extern const uint8_t ebcdic1047_to_latin1[256];
extern const uint8_t latin1_to_ebcdic1047[256];

void ebcdic_to_ascii(enum ebcdic_cp cp, char *dst, const uint8_t *src, size_t n);
void ascii_to_ebcdic(enum ebcdic_cp cp, uint8_t *dst, const char *src, size_t n);

/* Fixed-width fields of control blocks (user IDs, segment names, STSI manufacturer and type):
 * EBCDIC, left-justified, padded with blanks. */
void ebcdic_put_field(enum ebcdic_cp cp, uint8_t *field, size_t width, const char *text);
void ebcdic_get_field(enum ebcdic_cp cp, char *dst, const uint8_t *field, size_t width);

/* Single characters. An unknown @cp is treated as CP037. */
static inline char ebcdic_char_to_ascii(enum ebcdic_cp cp, uint8_t c)
{
	return (char)(cp == EBCDIC_CP1047 ? ebcdic1047_to_latin1[c] : ebcdic037_to_latin1[c]);
}

static inline uint8_t ascii_char_to_ebcdic(enum ebcdic_cp cp, char c)
{
	uint8_t a = (uint8_t)c;

	return cp == EBCDIC_CP1047 ? latin1_to_ebcdic1047[a] : latin1_to_ebcdic037[a];
}

#endif /* LIB_EBCDIC_H */
