/*
 * CKD 3390 block mapping and VOL1 label decoding (see vm64/ckd.h). Portable: CP's CKD
 * driver, the host tools and tests/unit/test_ckd.c use it.
 */
#include <lib/string.h>
#include <vm64/ckd.h>

void ckd_locate(uint64_t block, struct ckd_addr *out)
{
	uint64_t track = block / CKD_BLOCKS_PER_TRACK;
	unsigned in_track = (unsigned)(block % CKD_BLOCKS_PER_TRACK);

	out->track = (uint32_t)track;
	out->cyl = (uint32_t)(track / CKD_3390_HEADS);
	out->head = (uint16_t)(track % CKD_3390_HEADS);
	out->rec = (uint8_t)(in_track / CKD_BLOCKS_PER_REC + 1);
	out->offset = (uint16_t)(in_track % CKD_BLOCKS_PER_REC * VOL_BLOCK_SIZE);
}

int ckd_vol1_decode(const uint8_t *data, char volser[VOLSER_LEN + 1])
{
	uint8_t block[VOL_BLOCK_SIZE];

	/* The 80-byte label has the FBA label block's first bytes: "VOL1" and the volser. */
	memset(block, 0, sizeof(block));
	memcpy(block, data, CKD_VOL1_DATA_LEN);
	return vol_label_decode(block, volser);
}
