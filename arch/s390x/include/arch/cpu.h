/*
 * One inline function per CPU instruction CP uses outside the channel subsystem and SCLP:
 * CPU identity, facilities, SIGP, TOD clock, CPU timer and clock comparator
 * (PoP SA22-7832 chapters 4 and 10). Each returns the condition code where there is one.
 * Covered by tests/system/test_ipl.py and tests/system/test_vm.py.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>
#include <arch/psw.h>
#include <arch/sigp.h>
#include <arch/tod.h>

static inline uint16_t stap(void)
{
	uint16_t addr;

	asm volatile("stap %0" : "=Q"(addr));
	return addr;
}

static inline uint64_t stidp(void)
{
	uint64_t id;

	asm volatile("stidp %0" : "=Q"(id));
	return id;
}

/* STFLE: store up to n doublewords of the facility list; returns the cc. */
static inline int stfle(uint64_t *list, unsigned n)
{
	register unsigned long r0 asm("0") = n - 1;
	int cc;

	asm volatile(".insn s,0xb2b00000,%1\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "=Q"(*(uint64_t(*)[n])list), "+d"(r0)
		     :
		     : "cc", "memory");
	return cc;
}

static inline int sigp(uint16_t cpu, uint8_t order, uint64_t param, uint32_t *status)
{
	register unsigned long r1 asm("1") = param;
	int cc;

	asm volatile("sigp %1,%2,0(%3)\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(r1)
		     : "d"((unsigned long)cpu), "a"((unsigned long)order)
		     : "cc", "memory");
	if (status && cc == 1)
		*status = (uint32_t)r1;
	return cc;
}

static inline uint64_t stck(void)
{
	uint64_t tod;

	asm volatile("stck %0" : "=Q"(tod) : : "cc");
	return tod;
}

static inline void sckc(uint64_t value)
{
	asm volatile("sckc %0" : : "Q"(value));
}

static inline uint64_t stckc(void)
{
	uint64_t value;

	asm volatile("stckc %0" : "=Q"(value));
	return value;
}

static inline void spt(int64_t value)
{
	asm volatile("spt %0" : : "Q"(value));
}

static inline int64_t stpt(void)
{
	int64_t value;

	asm volatile("stpt %0" : "=Q"(value));
	return value;
}

/*
 * After a guest slice timed by the CPU timer: what is left of slice_us, in CPU-timer units,
 * and the timer parked out of reach. A timer the slice-end interruption already re-armed
 * (or one gone negative) means the whole slice was used.
 */
static inline int64_t slice_left(uint64_t slice_us)
{
	int64_t left = stpt();

	spt(INT64_MAX);
	if (left < 0 || (uint64_t)left > us_to_tod(slice_us))
		return 0;
	return left;
}

static inline __attribute__((noreturn)) void load_psw(const struct psw *psw)
{
	asm volatile("lpswe %0" : : "Q"(*psw) : "memory", "cc");
	__builtin_unreachable();
}

/* STSI: store system information for function code fc, selectors sel1/sel2. */
static inline int stsi(void *block, unsigned fc, unsigned sel1, unsigned sel2)
{
	register unsigned long r0 asm("0") = ((unsigned long)fc << 28) | sel1;
	register unsigned long r1 asm("1") = sel2;
	int cc;

	asm volatile("stsi 0(%3)\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(r0)
		     : "d"(r1), "a"(block)
		     : "cc", "memory");
	return cc;
}

#endif
