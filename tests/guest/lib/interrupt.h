/*
 * Interruptions in guest tests, in the style of kvm-unit-tests' lib/s390x/interrupt.c.
 *
 * Program interruptions: a test that expects one says so first, runs the instruction, then
 * checks the code:
 *
 *	expect_pgm_int();
 *	ptlb();                                 (in problem state)
 *	check_pgm_int_code("ptlb", PGM_PRIVILEGED_OP);
 *
 * The handler records the code and resumes the old PSW (so suppressed and terminated
 * instructions are skipped), or, when the test gave a resume address with
 * expect_pgm_int_resume() (for an invalid PSW, or an instruction that may never end), loads a
 * fresh supervisor PSW at that address. An interruption nobody expected is a failure: the
 * handler reports it, prints the summary and exits.
 *
 * External, I/O, SVC and restart interruptions are counted; tests read the counts and the last
 * interruption's details. The external handler turns off the subclass mask of a clock-comparator
 * or CPU-timer interruption (those conditions stay pending), and every handler returning to an
 * enabled wait (enabled_wait()) resumes it disabled.
 */
#ifndef GUEST_INTERRUPT_H
#define GUEST_INTERRUPT_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/intcode.h>
#include <arch/psw.h>

/* SVC code the runtime reserves: back to supervisor state (leave_pstate()). */
#define SVC_LEAVE_PSTATE 255

/* What the stubs in head.S build on the interruption stack. */
struct guest_frame {
	uint64_t gprs[16];  /* 0x00 */
	struct psw old_psw; /* 0x80 */
};

/* Program interruptions. */
void expect_pgm_int(void);
void expect_pgm_int_resume(uint64_t resume_addr);
/*
 * The resume address itself, for inline assembly that expects an interruption it cannot come
 * back from (an invalid PSW): after expect_pgm_int(), "larl %r1,0f; stg %r1,0(<&pgm_resume_addr>)".
 */
extern volatile uint64_t pgm_resume_addr;
uint16_t pgm_int_code(void);	  /* the code since expect_pgm_int(), 0 if none; disarms */
uint16_t pgm_int_ilc(void);	  /* instruction length (0, 2, 4, 6) of the last one */
struct psw pgm_int_old_psw(void); /* old PSW of the last one */
void check_pgm_int_code(const char *what, uint16_t expected);
unsigned pgm_int_total(void); /* every program interruption so far */

/*
 * Runs insn (inline assembly: %0 is the next instruction's address, the operands __VA_ARGS__
 * are %1 on), which must raise program-interruption code, then checks the code, the
 * instruction length ilc and that the old PSW points past the instruction (suppression or
 * termination). r0-r3 are free for insn.
 */
#define EXPECT_PGM_AFTER(what, code, ilc, insn, ...)                                               \
	do {                                                                                       \
		uint64_t __next;                                                                   \
		struct psw __old;                                                                  \
		expect_pgm_int();                                                                  \
		asm volatile("larl %0,1f\n\t" insn "\n1:"                                          \
			     : "=&a"(__next)                                                       \
			     : __VA_ARGS__                                                         \
			     : "r0", "r1", "r2", "r3", "cc", "memory");                            \
		__old = pgm_int_old_psw();                                                         \
		check_pgm_int_code(what, code);                                                    \
		report(pgm_int_ilc() == (ilc) && __old.addr == __next,                             \
		       "%s: ilc %u (got %u), old PSW at the next instruction", what, ilc,          \
		       pgm_int_ilc());                                                             \
	} while (0)

/*
 * LPSWE of *psw with its address set to the next instruction, which is also where the program
 * goes on if the PSW is invalid: armed with expect_pgm_int(), so pgm_int_code() after it says
 * whether there was a program interruption.
 */
static inline void lpswe_expect_pgm(struct psw *psw)
{
	expect_pgm_int();
	asm volatile("larl %%r1,0f\n\t"
		     "stg %%r1,0(%1)\n\t"
		     "stg %%r1,8(%0)\n\t"
		     "lpswe 0(%0)\n"
		     "0:"
		     :
		     : "a"(psw), "a"(&pgm_resume_addr)
		     : "r1", "cc", "memory");
}

/* External interruptions. */
unsigned ext_int_count(uint16_t code);
unsigned ext_int_total(void);
uint16_t ext_int_last_code(void);
uint16_t ext_int_last_cpu_addr(void);
uint32_t ext_int_last_params(void);
void ext_int_reset(void);

/* I/O interruptions. */
unsigned io_int_count(void);
uint32_t io_int_last_schid(void);
uint32_t io_int_last_intparm(void);

/* SVC and restart interruptions. */
unsigned svc_int_count(void);
uint16_t svc_int_last_code(void);
uint16_t svc_int_last_ilc(void);
struct psw svc_int_old_psw(void); /* old PSW of the last one */
unsigned restart_int_count(void);
struct psw restart_int_old_psw(void); /* old PSW of the last one, as stored */

/* Loads a wait PSW enabled for mask (PSW_MASK_EXT and/or PSW_MASK_IO); returns after one. */
void enabled_wait(uint64_t mask);

/*
 * Waits until an external interruption with code arrives or timeout_us passes; true if it came.
 * A clock-comparator watchdog (or the CPU timer, when waiting for the clock comparator) bounds
 * the wait. CR0's subclass masks for the awaited code must be set by the caller.
 */
bool wait_for_ext(uint16_t code, uint64_t timeout_us);
/* The same for an I/O interruption (any subchannel; every ISC is enabled in CR6 meanwhile). */
bool wait_for_io(uint64_t timeout_us);

/* Problem state: enter with a PSW that is disabled, key 0, 64-bit; leave with an SVC. */
void enter_pstate(void);
void leave_pstate(void);
/*
 * Whether a privileged instruction works right now. EPSW cannot say: under trap-and-emulate
 * the guest really runs in problem state and EPSW, which is not privileged, shows it.
 */
bool in_supervisor_state(void);

/* Sets up the new PSWs in the lowcore (called once by guest_start()). */
void interrupt_setup(void);

/* The handlers; called only from the interruption stubs in head.S. */
void handle_ext_int(struct guest_frame *frame);
void handle_io_int(struct guest_frame *frame);
void handle_pgm_int(struct guest_frame *frame);
void handle_svc_int(struct guest_frame *frame);
void handle_mcck_int(struct guest_frame *frame);
void handle_restart_int(struct guest_frame *frame);

#endif
