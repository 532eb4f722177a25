/*
 * Volume labels (see vm64/volume.h): EBCDIC "VOL1" and a blank-padded volser at the start of
 * block 1. Portable; used by CP (cp/dasd/volume.c) and the host tool vm64disk. Tested by
 * tests/unit/test_volume.c.
 */
#include <lib/ebcdic.h>
#include <lib/string.h>
#include <vm64/volume.h>

static const uint8_t vol1[4] = { 0xe5, 0xd6, 0xd3, 0xf1 }; /* "VOL1" in EBCDIC */

static bool volser_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '@' || c == '#' ||
	       c == '$';
}

bool vol_valid_volser(const char *s)
{
	size_t n = strnlen(s, VOLSER_LEN + 1);

	if (n == 0 || n > VOLSER_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!volser_char(s[i]))
			return false;
	return true;
}

int vol_label_encode(uint8_t block[VOL_BLOCK_SIZE], const char *volser)
{
	size_t n;

	memset(block, 0, VOL_BLOCK_SIZE);
	if (!vol_valid_volser(volser))
		return -1;
	n = strlen(volser);
	memcpy(block, vol1, sizeof(vol1));
	for (size_t i = 0; i < VOLSER_LEN; i++)
		block[4 + i] = ascii_char_to_ebcdic(EBCDIC_CP037, i < n ? volser[i] : ' ');
	return 0;
}

int vol_label_decode(const uint8_t block[VOL_BLOCK_SIZE], char volser[VOLSER_LEN + 1])
{
	size_t n = VOLSER_LEN;

	volser[0] = 0;
	if (memcmp(block, vol1, sizeof(vol1)) != 0)
		return -1;
	for (size_t i = 0; i < VOLSER_LEN; i++)
		volser[i] = ebcdic_char_to_ascii(EBCDIC_CP037, block[4 + i]);
	volser[VOLSER_LEN] = 0;
	while (n > 0 && volser[n - 1] == ' ')
		volser[--n] = 0;
	if (!vol_valid_volser(volser)) {
		volser[0] = 0;
		return -1;
	}
	return 0;
}
