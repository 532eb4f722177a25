/*
 * SHA-256 as described in FIPS 180-4, sections 4.1.2, 4.2.2, 5.1.1, 5.3.3 and 6.2.
 *
 * The message is consumed in 64-byte blocks; each block is expanded into the 64-word message
 * schedule W and mixed into the eight working variables a..h with the round constants K. All
 * words are big-endian on the wire, so bytes are assembled explicitly: the same code runs on the
 * big-endian s390x and the little-endian host. No libc, no tables beyond K.
 * Covered by tests/unit/test_sha256.c.
 */
#include <stddef.h>
#include <stdint.h>

#include <lib/endian.h>
#include <lib/sha256.h>
#include <lib/string.h>

/* 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

/* 5.3.3: the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
static const uint32_t H0[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline uint32_t rotr(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

/* 4.1.2, functions (4.2) to (4.7). */
static inline uint32_t ch(uint32_t x, uint32_t y, uint32_t z)
{
	return (x & y) ^ (~x & z);
}

static inline uint32_t maj(uint32_t x, uint32_t y, uint32_t z)
{
	return (x & y) ^ (x & z) ^ (y & z);
}

static inline uint32_t bsig0(uint32_t x)
{
	return rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22);
}

static inline uint32_t bsig1(uint32_t x)
{
	return rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25);
}

static inline uint32_t ssig0(uint32_t x)
{
	return rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3);
}

static inline uint32_t ssig1(uint32_t x)
{
	return rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10);
}

/* 6.2.2: compress one 512-bit block into the hash value. */
static void sha256_block(uint32_t h[8], const uint8_t *m)
{
	uint32_t w[64];
	uint32_t a, b, c, d, e, f, g, hh, t1, t2;
	unsigned t;

	for (t = 0; t < 16; t++)
		w[t] = get_be32(m + 4 * t);
	for (t = 16; t < 64; t++)
		w[t] = ssig1(w[t - 2]) + w[t - 7] + ssig0(w[t - 15]) + w[t - 16];

	a = h[0];
	b = h[1];
	c = h[2];
	d = h[3];
	e = h[4];
	f = h[5];
	g = h[6];
	hh = h[7];
	for (t = 0; t < 64; t++) {
		t1 = hh + bsig1(e) + ch(e, f, g) + K[t] + w[t];
		t2 = bsig0(a) + maj(a, b, c);
		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

/**
 * sha256_init() - start a new SHA-256 computation.
 * @ctx: the context to (re)initialise.
 */
void sha256_init(struct sha256_ctx *ctx)
{
	memcpy(ctx->h, H0, sizeof(ctx->h));
	ctx->bytes = 0;
	ctx->fill = 0;
}

/**
 * sha256_update() - add message bytes.
 * @ctx:  a context started by sha256_init().
 * @data: the bytes (may be NULL when @len is 0).
 * @len:  how many.
 */
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len)
{
	const uint8_t *p = data;

	ctx->bytes += len;
	while (len > 0) {
		size_t n = SHA256_BLOCK_SIZE - ctx->fill;

		if (ctx->fill == 0 && len >= SHA256_BLOCK_SIZE) {
			sha256_block(ctx->h, p);
			p += SHA256_BLOCK_SIZE;
			len -= SHA256_BLOCK_SIZE;
			continue;
		}
		if (n > len)
			n = len;
		memcpy(ctx->block + ctx->fill, p, n);
		ctx->fill += n;
		p += n;
		len -= n;
		if (ctx->fill == SHA256_BLOCK_SIZE) {
			sha256_block(ctx->h, ctx->block);
			ctx->fill = 0;
		}
	}
}

/**
 * sha256_final() - pad the message (5.1.1) and produce the digest.
 * @ctx:    the context; it must be re-initialised before further use.
 * @digest: receives the 32-byte message digest.
 */
void sha256_final(struct sha256_ctx *ctx, uint8_t digest[SHA256_DIGEST_SIZE])
{
	uint64_t bits = ctx->bytes * 8;
	unsigned i;

	ctx->block[ctx->fill++] = 0x80;
	if (ctx->fill > SHA256_BLOCK_SIZE - 8) {
		memset(ctx->block + ctx->fill, 0, SHA256_BLOCK_SIZE - ctx->fill);
		sha256_block(ctx->h, ctx->block);
		ctx->fill = 0;
	}
	memset(ctx->block + ctx->fill, 0, SHA256_BLOCK_SIZE - 8 - ctx->fill);
	put_be32(ctx->block + 56, (uint32_t)(bits >> 32));
	put_be32(ctx->block + 60, (uint32_t)bits);
	sha256_block(ctx->h, ctx->block);
	for (i = 0; i < 8; i++)
		put_be32(digest + 4 * i, ctx->h[i]);
	memset(ctx, 0, sizeof(*ctx));
}

/**
 * sha256() - digest of one buffer.
 * @data:   the message.
 * @len:    its length in bytes.
 * @digest: receives the 32-byte message digest.
 */
void sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST_SIZE])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, data, len);
	sha256_final(&ctx, digest);
}
