/*
 * virtio-blk requests and configuration in the legacy layout (virtio 0.9.5, big-endian on
 * s390x), the portable half of the virtio-blk driver (virtio_blk.c): no hardware here, so
 * the host unit tests build it too (tests/unit/test_vblk_req.c).
 */
#ifndef ARCH_S390X_VBLK_REQ_H
#define ARCH_S390X_VBLK_REQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "virtio_ccw.h"

/* Feature bits (feature word 0). */
#define VBLK_F_RO		(1u << 5)
#define VBLK_F_BLK_SIZE		(1u << 6)
#define VBLK_F_FLUSH		(1u << 9)	/* FLUSH requests; QEMU offers it when it caches writes */

/* Request types and status. */
#define VBLK_T_IN		0
#define VBLK_T_OUT		1
#define VBLK_T_FLUSH		4
#define VBLK_S_OK		0

#define VBLK_HDR_LEN		16	/* type, ioprio (32 bits each), sector (64 bits) */
#define VBLK_CONFIG_LEN		24	/* capacity, size_max, seg_max, geometry, blk_size */
#define VBLK_SECTOR		512	/* the unit of capacity and of the header's sector */

/* What CP takes of what the device offers: FLUSH (durability), RO and BLK_SIZE (checks). */
uint32_t vblk_features(uint32_t offered);

/*
 * The device's size from its configuration space: capacity in 512-byte sectors at offset 0,
 * blk_size at 20 (when BLK_SIZE was negotiated). Returns the blocks of 512 bytes, or 0 when
 * the device is unusable for CP's volumes (empty, or a logical block size other than 512).
 */
uint64_t vblk_capacity(const uint8_t *config, size_t len, uint32_t features);

/*
 * Builds one request: the header in hdr, then the buffers of its descriptor chain in bufs[]
 * (header; the data unless FLUSH; the status byte, which the device writes). Returns the
 * number of buffers (3, or 2 for FLUSH).
 */
unsigned vblk_request(struct vq_buf bufs[3], uint8_t hdr[VBLK_HDR_LEN], uint32_t type,
		      uint64_t sector, void *data, uint32_t len, uint8_t *status);

#endif
