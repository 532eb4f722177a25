/*
 * Unit tests for lib/sha256.c: the FIPS 180-2 / NIST example vectors ("abc", the empty
 * message, the 448-bit two-block message, the 896-bit message, a million 'a's) and the
 * streaming interface fed in uneven pieces across block boundaries.
 */
#include "cunit_main.h"

#include <lib/sha256.h>
#include <lib/string.h>

static void hex(const uint8_t *d, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * SHA256_DIGEST_SIZE] = '\0';
}

static void check(const char *msg, const char *want)
{
	uint8_t d[SHA256_DIGEST_SIZE];
	char h[2 * SHA256_DIGEST_SIZE + 1];

	sha256(msg, strlen(msg), d);
	hex(d, h);
	CU_ASSERT_STRING_EQUAL(h, want);
}

static void test_abc(void)
{
	check("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_empty(void)
{
	check("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_448(void)
{
	check("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_896(void)
{
	check("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
	      "klmnopqrlmnopqrsmnopqrstnopqrstu",
	      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_million_a(void)
{
	struct sha256_ctx ctx;
	uint8_t chunk[1000], d[SHA256_DIGEST_SIZE];
	char h[2 * SHA256_DIGEST_SIZE + 1];

	memset(chunk, 'a', sizeof(chunk));
	sha256_init(&ctx);
	for (int i = 0; i < 1000; i++)
		sha256_update(&ctx, chunk, sizeof(chunk));
	sha256_final(&ctx, d);
	hex(d, h);
	CU_ASSERT_STRING_EQUAL(h,
			       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Feeding the same bytes in pieces of every size from 1 to 70 gives the one-shot digest. */
static void test_streaming(void)
{
	uint8_t msg[300], one[SHA256_DIGEST_SIZE], part[SHA256_DIGEST_SIZE];

	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 7 + 3);
	for (size_t len = 0; len <= sizeof(msg); len += 1 + len / 5) {
		sha256(msg, len, one);
		for (size_t step = 1; step <= 70; step++) {
			struct sha256_ctx ctx;

			sha256_init(&ctx);
			for (size_t off = 0; off < len; off += step)
				sha256_update(&ctx, msg + off, len - off < step ? len - off : step);
			sha256_final(&ctx, part);
			CU_ASSERT(memcmp(one, part, sizeof(one)) == 0);
		}
	}
}

/* Lengths 55, 56 and 64 put the padding on either side of a block boundary. */
static void test_padding_edges(void)
{
	char m55[56], m56[57], m64[65];

	memset(m55, 'a', 55);
	m55[55] = '\0';
	memset(m56, 'a', 56);
	m56[56] = '\0';
	memset(m64, 'a', 64);
	m64[64] = '\0';
	check(m55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
	check(m56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
	check(m64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

UNIT_SUITE(sha256_suite, UNIT_CASE(test_abc), UNIT_CASE(test_empty), UNIT_CASE(test_448),
	   UNIT_CASE(test_896), UNIT_CASE(test_million_a), UNIT_CASE(test_streaming),
	   UNIT_CASE(test_padding_edges))

UNIT_MAIN(UNIT_REG(sha256_suite))
