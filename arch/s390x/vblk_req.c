/*
 * virtio-blk request headers, descriptor chains and configuration space (vblk_req.h), from
 * the virtio specification's "Block Device" and Linux's include/uapi/linux/virtio_blk.h for
 * the legacy layout. Portable; covered by tests/unit/test_vblk_req.c.
 */
#include <lib/endian.h>
#include <lib/string.h>
#include "vblk_req.h"

uint32_t vblk_features(uint32_t offered)
{
	return offered & (VBLK_F_FLUSH | VBLK_F_RO | VBLK_F_BLK_SIZE);
}

uint64_t vblk_capacity(const uint8_t *config, size_t len, uint32_t features)
{
	if (len < 8)
		return 0;
	if ((features & VBLK_F_BLK_SIZE) &&
	    (len < VBLK_CONFIG_LEN || get_be32(config + 20) != VBLK_SECTOR))
		return 0;
	return get_be64(config);
}

unsigned vblk_request(struct vq_buf bufs[3], uint8_t hdr[VBLK_HDR_LEN], uint32_t type,
		      uint64_t sector, void *data, uint32_t len, uint8_t *status)
{
	unsigned n = 0;

	memset(hdr, 0, VBLK_HDR_LEN);
	put_be32(hdr, type);
	put_be64(hdr + 8, type == VBLK_T_FLUSH ? 0 : sector);
	bufs[n++] = (struct vq_buf){ hdr, VBLK_HDR_LEN, false };
	if (type != VBLK_T_FLUSH)
		bufs[n++] = (struct vq_buf){ data, len, type == VBLK_T_IN };
	*status = 0xff; /* not a status the device gives: a request it never ended shows */
	bufs[n++] = (struct vq_buf){ status, 1, true };
	return n;
}
