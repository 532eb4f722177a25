/*
 * What the interruption stubs hand to C, and the hooks the drivers register for the
 * interruptions they own. Only arch/ uses this header.
 * Covered by tests/system/test_ipl.py and tests/system/test_vm.py.
 */
#ifndef ARCH_IRQ_H
#define ARCH_IRQ_H

#include <stdint.h>
#include <arch/psw.h>

/* Built by entry.S on the stack; handlers may change the registers and the PSW. */
struct int_frame {
	uint64_t gprs[16];  /* 0x00 */
	struct psw old_psw; /* 0x80 */
};

void arch_enabled_wait(uint64_t mask);

/* Handlers, called by the stubs. */
void arch_ext_interrupt(struct int_frame *frame);
void arch_io_interrupt(struct int_frame *frame);
void arch_pgm_interrupt(struct int_frame *frame);
void arch_svc_interrupt(struct int_frame *frame);
void arch_mcck_interrupt(struct int_frame *frame);
void arch_restart_interrupt(struct int_frame *frame);

/* Driver hooks. */
void sclp_service_signal(uint32_t param);
void cio_interrupt(uint32_t schid, uint32_t intparm);
void timer_clock_comparator(void);

/*
 * A program check that CP expects, e.g. probing an instruction the machine may lack:
 * if one occurs at an address in [from, to], CP resumes at resume and the code is stored.
 */
struct pgm_expect {
	uint64_t from, to, resume;
	volatile uint16_t code;
};
extern struct pgm_expect *pgm_expected;

/* Stubs' entry points, for the new PSWs. */
extern char ext_entry[], io_entry[], pgm_entry[], svc_entry[], mcck_entry[], restart_entry[];

/* SIE: a host interruption or fault while the guest ran ends the SIE (see sie.c). */
void sie_host_interrupted(struct int_frame *frame, uint16_t ext_code);
int sie_host_fault(struct int_frame *frame, uint16_t pgm_code, uint64_t teid);
uint16_t arch_ext_dispatch(void);

void arch_console_init(void);
void cio_discover(void);
void arch_probe_sie(void);

#endif
