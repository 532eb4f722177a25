/*
 * SHA-256 (FIPS 180-4) for the freestanding library: the user directory keeps salted password
 * hashes made with it, both in the host tool that compiles the directory and in CP.
 *
 * Streaming use: sha256_init(), any number of sha256_update() calls, then sha256_final().
 * sha256() does all three for one contiguous buffer.
 * Covered by tests/unit/test_sha256.c.
 */
#ifndef LIB_SHA256_H
#define LIB_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32
#define SHA256_BLOCK_SIZE  64

struct sha256_ctx {
	uint32_t h[8];			/* intermediate hash value H(i) */
	uint64_t bytes;			/* message length so far, in bytes */
	uint8_t block[SHA256_BLOCK_SIZE]; /* partial block not yet compressed */
	size_t fill;			/* bytes used in block[] */
};

void sha256_init(struct sha256_ctx *ctx);
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len);
void sha256_final(struct sha256_ctx *ctx, uint8_t digest[SHA256_DIGEST_SIZE]);
void sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST_SIZE]);

#endif /* LIB_SHA256_H */
