/*
 * Unit tests for the portable half of CP's virtio-blk driver (arch/s390x/vblk_req.c): the
 * features CP takes, the capacity from the configuration space, and each request's header
 * and descriptor chain, all in the legacy big-endian layout.
 */
#include <string.h>
#include "../../arch/s390x/vblk_req.h"
#include "cunit_main.h"

static void test_features(void)
{
	/* QEMU with cache=writeback offers FLUSH (its WCE bit); CP takes it, and RO, BLK_SIZE. */
	CU_ASSERT_EQUAL(vblk_features(0xffffffffu), VBLK_F_FLUSH | VBLK_F_RO | VBLK_F_BLK_SIZE);
	CU_ASSERT_EQUAL(vblk_features(1u << 9), 1u << 9);
	CU_ASSERT_EQUAL(vblk_features((1u << 1) | (1u << 2) | (1u << 28)), 0);
	CU_ASSERT_EQUAL(VBLK_F_RO, 0x20);
	CU_ASSERT_EQUAL(VBLK_F_BLK_SIZE, 0x40);
}

static void test_capacity(void)
{
	uint8_t cfg[VBLK_CONFIG_LEN] = { 0 };

	/* 262144 sectors (the 128 MB user volume), big-endian at offset 0. */
	cfg[5] = 0x04;
	CU_ASSERT_EQUAL(vblk_capacity(cfg, sizeof(cfg), 0), 262144);
	cfg[0] = 0x01; /* beyond 32 bits */
	CU_ASSERT_EQUAL(vblk_capacity(cfg, sizeof(cfg), 0), (1ull << 56) + 262144);
	cfg[0] = 0;
	/* blk_size counts only when negotiated; 512 is what CP's volumes use. */
	cfg[20] = 0; cfg[21] = 0; cfg[22] = 0x10; cfg[23] = 0x00; /* 4096 */
	CU_ASSERT_EQUAL(vblk_capacity(cfg, sizeof(cfg), 0), 262144);
	CU_ASSERT_EQUAL(vblk_capacity(cfg, sizeof(cfg), VBLK_F_BLK_SIZE), 0);
	cfg[22] = 0x02; /* 512 */
	CU_ASSERT_EQUAL(vblk_capacity(cfg, sizeof(cfg), VBLK_F_BLK_SIZE), 262144);
	CU_ASSERT_EQUAL(vblk_capacity(cfg, 20, VBLK_F_BLK_SIZE), 0);
	CU_ASSERT_EQUAL(vblk_capacity(cfg, 7, 0), 0);
}

static void test_read_request(void)
{
	static const uint8_t want[VBLK_HDR_LEN] = { 0, 0, 0, 0, 0, 0, 0, 0,
						    0, 0, 0, 0x01, 0x23, 0x45, 0x67, 0x89 };
	uint8_t hdr[VBLK_HDR_LEN], data[1024], status = 0;
	struct vq_buf b[3];

	memset(hdr, 0xaa, sizeof(hdr));
	CU_ASSERT_EQUAL(vblk_request(b, hdr, VBLK_T_IN, 0x123456789ull, data, sizeof(data),
				     &status), 3);
	CU_ASSERT_EQUAL(memcmp(hdr, want, sizeof(want)), 0); /* type 0, ioprio 0, sector */
	CU_ASSERT_PTR_EQUAL(b[0].addr, hdr);
	CU_ASSERT_EQUAL(b[0].len, 16);
	CU_ASSERT_FALSE(b[0].device_writes);
	CU_ASSERT_PTR_EQUAL(b[1].addr, data);
	CU_ASSERT_EQUAL(b[1].len, 1024);
	CU_ASSERT_TRUE(b[1].device_writes); /* a read: the device fills the data */
	CU_ASSERT_PTR_EQUAL(b[2].addr, &status);
	CU_ASSERT_EQUAL(b[2].len, 1);
	CU_ASSERT_TRUE(b[2].device_writes);
	CU_ASSERT_NOT_EQUAL(status, VBLK_S_OK); /* OK only once the device says so */
}

static void test_write_and_flush_requests(void)
{
	uint8_t hdr[VBLK_HDR_LEN], data[512], status = 0;
	struct vq_buf b[3];

	CU_ASSERT_EQUAL(vblk_request(b, hdr, VBLK_T_OUT, 16384, data, 512, &status), 3);
	CU_ASSERT_EQUAL(hdr[3], 1);
	CU_ASSERT_EQUAL(hdr[14], 0x40); /* 16384 = 0x4000 */
	CU_ASSERT_EQUAL(hdr[15], 0);
	CU_ASSERT_FALSE(b[1].device_writes); /* a write: the device reads the data */
	CU_ASSERT_TRUE(b[2].device_writes);
	CU_ASSERT_EQUAL(vblk_request(b, hdr, VBLK_T_FLUSH, 99, NULL, 0, &status), 2);
	CU_ASSERT_EQUAL(hdr[3], 4);
	for (int i = 8; i < 16; i++)
		CU_ASSERT_EQUAL(hdr[i], 0); /* FLUSH has no sector */
	CU_ASSERT_PTR_EQUAL(b[1].addr, &status);
	CU_ASSERT_TRUE(b[1].device_writes);
	CU_ASSERT_NOT_EQUAL(status, VBLK_S_OK);
}

UNIT_SUITE(vblk_req, UNIT_CASE(test_features), UNIT_CASE(test_capacity),
	   UNIT_CASE(test_read_request), UNIT_CASE(test_write_and_flush_requests))
UNIT_MAIN(UNIT_REG(vblk_req))
