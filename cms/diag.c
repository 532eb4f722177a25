/*
 * The DIAGNOSE calls CMS makes to CP, with z/VM's register conventions (z/VM CP Programming
 * Services, "DIAGNOSE Instruction in a Virtual Machine"). Texts cross in EBCDIC (code page
 * 037) and are ASCII inside CMS.
 * Covered by tests/system/test_cms.py.
 */
#include <lib/ebcdic.h>
#include <lib/string.h>
#include <cms/cms.h>
#include <vm64/diag.h>

/* CMS runs big-endian: a doubleword in storage is just that. */
static uint64_t doubleword(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

void diag_identify(struct cms_ident *id)
{
	static uint8_t area[DIAG00_LEN] __attribute__((aligned(8)));

	memset(area, 0, sizeof(area));
	/* Register variables after every call: a call may reuse their registers. */
	register uint64_t rx asm("2") = (uintptr_t)area;
	register uint64_t ry asm("3") = sizeof(area);

	asm volatile("diag %0,%1,0x00" : : "d"(rx), "d"(ry) : "memory", "cc");
	ebcdic_get_field(EBCDIC_CP037, id->system, area + DIAG00_NAME, 8);
	ebcdic_get_field(EBCDIC_CP037, id->userid, area + DIAG00_USERID, 8);
	id->version = area[DIAG00_VERSION];
	id->release = area[DIAG00_RELEASE];
	id->mod = area[DIAG00_RELEASE + 1];
}

int diag_cp(const char *cmd, char *resp, size_t size)
{
	static uint8_t text[DIAG08_MAX_CMD] __attribute__((aligned(8)));
	size_t len = strnlen(cmd, DIAG08_MAX_CMD);
	int cc;

	if (len == 0)
		return 0;
	ascii_to_ebcdic(EBCDIC_CP037, text, cmd, len);
	register uint64_t r2 asm("2") = (uintptr_t)text;
	register uint64_t r3 asm("3") = (uintptr_t)resp;
	register uint64_t r4 asm("4") = len | (resp ? DIAG08_RESPONSE_BIT : 0);
	register uint64_t r5 asm("5") = size ? size - 1 : 0;

	asm volatile("diag %1,%3,0x08\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5) : : "memory", "cc");
	/* Out of the register variables before any call can reuse their registers. */
	int rc = (int)(int32_t)r4;
	size_t resp_len = (size_t)(uint32_t)r5;

	if (resp && size) {
		/* CP's response is EBCDIC with X'15' between lines: make it ASCII in place. */
		size_t n = cc == 0 ? resp_len : size - 1;
		uint8_t *raw = (uint8_t *)resp;

		if (n > size - 1)
			n = size - 1;
		for (size_t i = 0; i < n; i++) {
			uint8_t b = raw[i];

			if (b == DIAG_EBCDIC_NL)
				resp[i] = '\n';
			else
				ebcdic_to_ascii(EBCDIC_CP037, &resp[i], &b, 1);
		}
		resp[n] = 0;
	}
	return rc;
}

void diag_clock(struct cms_clock *c)
{
	static uint8_t area[32] __attribute__((aligned(8)));
	register uint64_t rx asm("2") = (uintptr_t)area;

	asm volatile("diag %0,0,0x0c" : : "d"(rx) : "memory", "cc");
	ebcdic_get_field(EBCDIC_CP037, c->date, area, 8);
	ebcdic_get_field(EBCDIC_CP037, c->time, area + 8, 8);
	c->virt_cpu_us = doubleword(area + 16);
	c->total_cpu_us = doubleword(area + 24);
}

uint64_t diag_storage_size(void)
{
	register uint64_t rx asm("2") = 0;

	asm volatile("diag %0,0,0x60" : "+d"(rx) : : "cc");
	return rx;
}

int diag_devtype(uint16_t devno, uint8_t *vclass, uint8_t *vtype, uint8_t *vflags)
{
	register uint64_t rx asm("2") = devno;
	register uint64_t ry asm("3") = 0;
	register uint64_t ry1 asm("4") = 0;
	int cc;

	asm volatile("diag %1,%2,0x24\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(rx), "+d"(ry), "+d"(ry1) : : "cc");
	if (cc == 3)
		return -1;
	*vclass = (uint8_t)(ry >> 24);
	*vtype = (uint8_t)(ry >> 16);
	if (vflags)
		*vflags = (uint8_t)ry;
	return 0;
}

void diag_release_pages(uint64_t first, uint64_t last)
{
	register uint64_t rx asm("2") = first;
	register uint64_t ry asm("3") = last;

	asm volatile("diag %0,%1,0x10" : : "d"(rx), "d"(ry) : "cc", "memory");
}
