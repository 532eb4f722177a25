/*
 * The instructions guest tests use that CP's arch/ headers (arch/cpu.h, arch/cio.h,
 * arch/ctlreg_ops.h, arch/dat.h, arch/sclp.h, arch/skey.h) do not wrap: one static inline per instruction, returning the
 * condition code where there is one. Operands that tests want to make bad (unaligned, beyond
 * storage) are taken as plain addresses so a test can pass any value. If CP's arch/ headers
 * gain one of these, delete it here.
 */
#ifndef GUEST_INSTR_H
#define GUEST_INSTR_H

#include <stdint.h>

#include <arch/cio.h>
#include <arch/cpu.h>
#include <arch/ctlreg_ops.h>
#include <arch/dat.h>
#include <arch/lowcore.h>
#include <arch/psw.h>
#include <arch/sclp.h>
#include <arch/skey.h>

/*
 * Any S-format instruction (opcode, base, displacement: STPX, SPX, SCKC, STPT, STAP, TPI, ...)
 * on an arbitrary address, for the failure paths (an unaligned or absent operand).
 */
#define s_insn_at(mnemonic, addr)                                                                  \
	asm volatile(mnemonic " 0(%0)" : : "a"((uint64_t)(addr)) : "cc", "memory")

/* SPX/STPX: the prefix register. */
static inline void spx(uint32_t prefix)
{
	asm volatile("spx %0" : : "Q"(prefix) : "memory");
}

static inline uint32_t stpx(void)
{
	uint32_t prefix;

	asm volatile("stpx %0" : "=Q"(prefix));
	return prefix;
}

/* SSM: the system mask (PSW bits 0-7) from the byte at addr. */
static inline void ssm(uint64_t addr)
{
	asm volatile("ssm 0(%0)" : : "a"(addr) : "memory");
}

/* STOSM/STNSM: OR/AND the system mask with an immediate; both return the old mask. */
#define stosm(imm)                                                                                 \
	({                                                                                         \
		uint8_t __old;                                                                     \
		asm volatile("stosm %0,%1" : "=Q"(__old) : "i"(imm) : "memory");                   \
		__old;                                                                             \
	})
#define stnsm(imm)                                                                                 \
	({                                                                                         \
		uint8_t __old;                                                                     \
		asm volatile("stnsm %0,%1" : "=Q"(__old) : "i"(imm) : "memory");                   \
		__old;                                                                             \
	})

/* LCTLG/STCTG of all sixteen control registers at addr (a doubleword boundary, else 0x0006). */
static inline void lctlg_all(uint64_t addr)
{
	asm volatile("lctlg 0,15,0(%0)" : : "a"(addr) : "memory");
}

static inline void stctg_all(uint64_t addr)
{
	asm volatile("stctg 0,15,0(%0)" : : "a"(addr) : "memory");
}

/* EPSW: the current PSW mask (not privileged). */
static inline uint64_t epsw(void)
{
	unsigned long hi, lo;

	asm volatile("epsw %0,%1" : "=d"(hi), "=d"(lo));
	return (hi & 0xffffffffUL) << 32 | (lo & 0xffffffffUL);
}

/* TPROT: may storage at addr be stored into (cc 0) or fetched (cc 1) with access key key? */
static inline int tprot(uint64_t addr, uint8_t key)
{
	int cc;

	asm volatile("tprot 0(%1),0(%2)\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc)
		     : "a"(addr), "a"((uint64_t)key << 4)
		     : "cc", "memory");
	return cc;
}

/* ISKE: the storage key of the 4 KB block at addr (ACC, F, R, C bits); SSKE is arch/skey.h's. */
static inline uint8_t iske(uint64_t addr)
{
	unsigned long key = 0;

	asm volatile("iske %0,%1" : "+d"(key) : "a"(addr) : "memory");
	return (uint8_t)key;
}

/* MVCOS D1(B1),D2(B2),R3 with the operand-access controls oac in GR0; returns the cc. */
static inline int mvcos(uint64_t dst, uint64_t src, uint64_t len, uint64_t oac)
{
	register unsigned long r0 asm("0") = oac;
	int cc;

	asm volatile("mvcos 0(%1),0(%2),%3\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc)
		     : "a"(dst), "a"(src), "d"(len), "d"(r0)
		     : "cc", "memory");
	return cc;
}

/* STFL: stores the first 32 facility bits at lowcore 0xc8. */
static inline uint32_t stfl(void)
{
	asm volatile("stfl 0" : : : "memory");
	return lowcore->stfl_fac_list;
}

/* TPI: store an I/O-interruption code at addr (0: into the lowcore); cc 0 = none pending. */
static inline int tpi(uint64_t addr)
{
	int cc;

	asm volatile("tpi 0(%1)\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "a"(addr) : "cc", "memory");
	return cc;
}

/* STCRW: store a channel-report word; cc 1 = none pending. */
static inline int stcrw(uint32_t *crw)
{
	int cc;

	asm volatile("stcrw %1\n\tipm %0\n\tsrl %0,28" : "=d"(cc), "=Q"(*crw) : : "cc", "memory");
	return cc;
}

/* SVC with an immediate code. */
#define svc(code) asm volatile("svc %0" : : "i"(code) : "memory")

/* SIGP with a raw order and parameter; the status word (cc 1) goes to *status. */
static inline int sigp_raw(uint16_t cpu, uint32_t order, uint64_t param, uint64_t *status)
{
	register unsigned long r1 asm("1") = param;
	int cc;

	asm volatile("sigp %1,%2,0(%3)\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(r1)
		     : "d"((unsigned long)cpu), "a"((unsigned long)order)
		     : "cc", "memory");
	if (status)
		*status = r1;
	return cc;
}

#endif
