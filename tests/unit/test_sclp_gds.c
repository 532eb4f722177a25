/* Unit tests for the SCLP operator-command text parser (arch/s390x/sclp_gds.c). */
#include <arch/sclp_gds.h>
#include <string.h>
#include "cunit_main.h"

/* The shape Hercules builds (service.c's opcmd event): routing and agent vectors first. */
static size_t build_hercules_style(uint8_t *b, const char *text)
{
	size_t n = strlen(text), i = 0, mu_start, cp_start, td_start;

	mu_start = i; i += 2; b[i++] = 0x13; b[i++] = 0x10;
	b[i++] = 0x00; b[i++] = 0x08; b[i++] = 0x13; b[i++] = 0x11; i += 4; /* routing info */
	b[i++] = 0x00; b[i++] = 0x06; b[i++] = 0x15; b[i++] = 0x49; i += 2; /* agent UOW */
	cp_start = i; i += 2; b[i++] = 0x12; b[i++] = 0x12;
	b[i++] = 0x00; b[i++] = 0x06; b[i++] = 0x15; b[i++] = 0x4d; i += 2; /* RTI */
	b[i++] = 0x00; b[i++] = 0x04; b[i++] = 0x80; b[i++] = 0x70;         /* operate request */
	td_start = i; i += 2; b[i++] = 0x13; b[i++] = 0x20;
	b[i++] = (uint8_t)(n + 4); b[i++] = 0x31;
	b[i++] = (uint8_t)(n + 2); b[i++] = 0x30;
	memcpy(b + i, text, n);
	i += n;
	b[mu_start] = (uint8_t)((i - mu_start) >> 8); b[mu_start + 1] = (uint8_t)(i - mu_start);
	b[cp_start] = (uint8_t)((i - cp_start) >> 8); b[cp_start + 1] = (uint8_t)(i - cp_start);
	b[td_start] = (uint8_t)((i - td_start) >> 8); b[td_start + 1] = (uint8_t)(i - td_start);
	return i;
}

/* QEMU's sclplmconsole: containers whose declared lengths leave out the text. */
static size_t build_qemu_style(uint8_t *b, const char *text)
{
	static const uint8_t head[] = { 0x00, 0x10, 0x13, 0x10, 0x00, 0x0c, 0x12, 0x12,
					0x00, 0x08, 0x13, 0x20, 0x04, 0x31 };
	size_t n = strlen(text);

	memcpy(b, head, sizeof(head));
	b[sizeof(head)] = (uint8_t)(n + 2);
	b[sizeof(head) + 1] = 0x30;
	memcpy(b + sizeof(head) + 2, text, n);
	return sizeof(head) + 2 + n;
}

static void test_hercules_event(void)
{
	uint8_t buf[256];
	const uint8_t *t;
	size_t len = build_hercules_style(buf, "QUERY TIME");

	CU_ASSERT_EQUAL(sclp_gds_find_text(buf, len, &t), 10);
	CU_ASSERT_EQUAL(memcmp(t, "QUERY TIME", 10), 0);
}

static void test_qemu_event(void)
{
	uint8_t buf[256];
	const uint8_t *t;
	size_t len = build_qemu_style(buf, "Q STOR");

	CU_ASSERT_EQUAL(sclp_gds_find_text(buf, len, &t), 6);
	CU_ASSERT_EQUAL(memcmp(t, "Q STOR", 6), 0);
}

/* The bytes QEMU 7.2's sclplmconsole really sends on an x86 host (ids byte-swapped,
 * subvector lengths 0), captured from CP: "QUERY TIME" in EBCDIC. */
static void test_qemu_72_real_bytes(void)
{
	static const uint8_t ev[] = { 0x00, 0x10, 0x10, 0x13, 0x00, 0x0c, 0x12, 0x12, 0x00, 0x08,
				      0x20, 0x13, 0x00, 0x31, 0x00, 0x30, 0xd8, 0xe4, 0xc5, 0xd9,
				      0xe8, 0x40, 0xe3, 0xc9, 0xd4, 0xc5 };
	const uint8_t *t;

	CU_ASSERT_EQUAL(sclp_gds_find_text(ev, sizeof(ev), &t), 10);
	CU_ASSERT_PTR_EQUAL(t, ev + 16);
	CU_ASSERT_EQUAL(sclp_gds_find_text(ev, 15, &t), -1);
}

/* Past 253 bytes of text QEMU 7.2 leaves 1 in the text subvector's length byte. */
static void test_qemu_72_long_text(void)
{
	uint8_t ev[16 + 300];
	const uint8_t *t;

	memcpy(ev, "\x00\x10\x10\x13\x00\x0c\x12\x12\x00\x08\x20\x13\x00\x31\x01\x30", 16);
	memset(ev + 16, 0xe7, 300);
	CU_ASSERT_EQUAL(sclp_gds_find_text(ev, sizeof(ev), &t), 300);
	CU_ASSERT_PTR_EQUAL(t, ev + 16);
}

static void test_empty_text(void)
{
	uint8_t buf[256];
	const uint8_t *t;

	CU_ASSERT_EQUAL(sclp_gds_find_text(buf, build_qemu_style(buf, ""), &t), 0);
}

static void test_malformed_events(void)
{
	uint8_t buf[256];
	const uint8_t *t;
	size_t len = build_hercules_style(buf, "QUERY TIME");

	/* Every truncation is refused or yields text inside the buffer, never beyond it. */
	for (size_t cut = 0; cut < len; cut++) {
		int n = sclp_gds_find_text(buf, cut, &t);

		CU_ASSERT(n < 0 || (t >= buf && t + n <= buf + cut));
	}
	len = build_qemu_style(buf, "HELLO");
	buf[14] = 0xff; /* text subvector longer than the event */
	CU_ASSERT_EQUAL(sclp_gds_find_text(buf, len, &t), -1);
	buf[0] = 0; buf[1] = 2; /* a vector shorter than its own header */
	CU_ASSERT_EQUAL(sclp_gds_find_text(buf, len, &t), -1);
	memset(buf, 0, sizeof(buf));
	CU_ASSERT_EQUAL(sclp_gds_find_text(buf, sizeof(buf), &t), -1);
}

UNIT_SUITE(sclp_gds, UNIT_CASE(test_hercules_event), UNIT_CASE(test_qemu_event), UNIT_CASE(test_qemu_72_real_bytes), UNIT_CASE(test_qemu_72_long_text),
	   UNIT_CASE(test_empty_text), UNIT_CASE(test_malformed_events))
UNIT_MAIN(UNIT_REG(sclp_gds))
