/*
 * DIAGNOSE, the guest's calls to CP, with z/VM's register conventions (z/VM CP Programming
 * Services, "DIAGNOSE Instruction in a Virtual Machine"). The code is the displacement with
 * base register 0; Rx and Ry are the instruction's R1 and R3 fields. Bare, QEMU answers only
 * X'44' (and its own X'288', X'308', X'500'); other codes are specification exceptions.
 */
#ifndef GUEST_DIAG_H
#define GUEST_DIAG_H

#include <stdbool.h>
#include <stdint.h>
#include <vm64/diag.h>

/* DIAG X'44': voluntary time-slice end. */
static inline void diag44(void)
{
	asm volatile("diag 0,0,0x44" : : : "memory");
}

/* Gives up the CPU for a moment: DIAG X'44' where it works (diag44_works), else a short spin. */
static inline void yield_cpu(bool diag44_works)
{
	if (diag44_works)
		diag44();
	else
		for (volatile int i = 0; i < 1000; i++)
			;
}

/* DIAG X'60': the virtual machine's storage size in bytes, in Rx. */
static inline uint64_t diag60(void)
{
	register unsigned long rx asm("2") = 0;

	asm volatile("diag %0,0,0x60" : "+d"(rx) : : "memory");
	return rx;
}

/* DIAG X'00': store the extended-identification code (up to 40 bytes) at buf, Ry = length. */
static inline void diag00(uint64_t buf, uint64_t len)
{
	register unsigned long rx asm("2") = buf;
	register unsigned long ry asm("4") = len;

	asm volatile("diag %0,%1,0" : "+d"(rx), "+d"(ry) : : "memory");
}

/* DIAG X'0C': pseudo timer, 32 bytes at buf (doubleword aligned): date, time, CPU times. */
static inline void diag0c(uint64_t buf)
{
	register unsigned long rx asm("2") = buf;

	asm volatile("diag %0,0,0x0c" : : "d"(rx) : "memory");
}

/* DIAG X'10': release the pages from first to last (page addresses, first <= last). */
static inline void diag10(uint64_t first, uint64_t last)
{
	register unsigned long rx asm("2") = first;
	register unsigned long ry asm("4") = last;

	asm volatile("diag %0,%1,0x10" : : "d"(rx), "d"(ry) : "memory");
}

/*
 * DIAG X'24': device type and features of virtual device devno (-1: the virtual console, whose
 * number comes back in Rx). Ry gets the virtual device's class/type/status/flags, Ry+1 the real
 * device's. Returns the cc: 0 found, 1 and 2 partial information, 3 no such device.
 */
static inline int diag24(int32_t *devno, uint32_t *vdev, uint32_t *rdev)
{
	register long rx asm("2") = *devno;
	register unsigned long ry asm("4") = 0;
	register unsigned long ry1 asm("5") = 0;
	int cc;

	asm volatile("diag %1,%2,0x24\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(rx), "+d"(ry), "+d"(ry1)
		     :
		     : "cc", "memory");
	*devno = (int32_t)rx;
	*vdev = (uint32_t)ry;
	*rdev = (uint32_t)ry1;
	return cc;
}

/*
 * DIAG X'08': run a CP command (EBCDIC, at cmd, len bytes). With a response buffer, Ry comes
 * back with CP's return code and Ry+1 with the response length (cc 0) or the bytes that did not
 * fit (cc 1). Returns the cc.
 */
static inline int diag08(uint64_t cmd, uint32_t len, uint64_t buf, uint32_t buflen, uint32_t *rc,
			 uint32_t *resplen)
{
	register unsigned long rx asm("2") = cmd;
	register unsigned long rx1 asm("3") = buf;
	register unsigned long ry asm("4") = len | (buf ? DIAG08_RESPONSE_BIT : 0);
	register unsigned long ry1 asm("5") = buflen;
	int cc;

	asm volatile("diag %1,%3,0x08\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(rx), "+d"(rx1), "+d"(ry), "+d"(ry1)
		     :
		     : "cc", "memory");
	*rc = (uint32_t)ry;
	*resplen = (uint32_t)ry1;
	return cc;
}

/* The 64-bit BIOPL and one entry of its list (layouts in lib/include/vm64/diag250.h). */
struct biopl {
	uint16_t devno;
	uint8_t flaga;
	uint8_t spare1[21];
	union {
		struct {
			uint32_t block_size;
			uint32_t spare2;
			int64_t offset;
			int64_t start_block;
			int64_t end_block;
			uint64_t spare3;
		} init;
		struct {
			uint8_t key;
			uint8_t flags;
			uint16_t spare2;
			uint32_t block_count;
			uint32_t alet;
			uint32_t spare3;
			uint64_t intparm;
			uint64_t list;
			uint64_t spare4;
		} rw;
	};
} __attribute__((packed, aligned(8)));

struct bio {
	uint8_t type;
	uint8_t status;
	uint16_t spare;
	uint32_t alet;
	int64_t block;
	uint64_t buffer;
} __attribute__((packed, aligned(8)));

_Static_assert(sizeof(struct biopl) == 64, "BIOPL is 64 bytes");
_Static_assert(sizeof(struct bio) == 24, "a BIO entry is 24 bytes");

/*
 * DIAG X'250': block I/O (z/VM's 64-bit BIOPL format; conventions in lib/include/vm64/diag250.h).
 * Rx = 2 holds the BIOPL address, R3 gets the return code, Ry = 4 the function (0 INIT, 1 RW,
 * 2 REMOVE). Returns the cc; *rc = R3.
 */
static inline int diag250(uint64_t biopl, uint64_t function, uint64_t *rc)
{
	register unsigned long rx asm("2") = biopl;
	register unsigned long rx1 asm("3") = 0xffffffffUL;
	register unsigned long ry asm("4") = function;
	int cc;

	asm volatile("diag %1,%3,0x250\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(rx), "+d"(rx1), "+d"(ry)
		     :
		     : "cc", "memory");
	*rc = rx1;
	return cc;
}

/* DIAG X'9C': voluntary time-slice end directed to the CPU whose address is in Rx. */
static inline void diag9c(uint16_t cpu)
{
	register unsigned long rx asm("2") = cpu;

	asm volatile("diag %0,0,0x9c" : : "d"(rx) : "memory");
}

/*
 * DIAG X'260' with subcode in Ry = 4 and Rx = 2 (buffer), R3 (its length): for subcode X'10'
 * the storage extents. Returns the cc; *ry = Ry afterwards (the number of extents).
 */
static inline int diag260(uint64_t buf, uint64_t len, uint64_t subcode, uint64_t *ry_out)
{
	register unsigned long rx asm("2") = buf;
	register unsigned long rx1 asm("3") = len;
	register unsigned long ry asm("4") = subcode;
	int cc;

	asm volatile("diag %1,%3,0x260\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(rx), "+d"(rx1), "+d"(ry)
		     :
		     : "cc", "memory");
	*ry_out = ry;
	return cc;
}

/*
 * Codes are always in the displacement with base 0: QEMU decodes DIAG as RSI and takes the code
 * from the 16 bits of B2 and D2 together, so a code in a base register would read as another
 * code. Tests that need a code chosen at run time build the instruction (hostile.c).
 */
#define diag_const(code) asm volatile("diag 0,0,%0" : : "i"(code) : "memory")

#endif
