/*
 * What the files of arch/s390x/ call in one another while CP comes up and for the operator's
 * console: not part of the contract with CP (arch/hw.h), and private to arch/s390x/ (not on
 * the include path). Covered by the system tests that IPL CP (tests/system/test_ipl.py).
 */
#ifndef ARCH_S390X_ARCH_PRIV_H
#define ARCH_S390X_ARCH_PRIV_H

#include <stddef.h>
#include <stdint.h>
#include <arch/hw.h>
#include <arch/sie.h>

/* arch_boot (setup.c): CP's first C code, called only from head.S; never returns. */
void arch_boot(void);

/*
 * arch_take_storage (setup.c): bytes of real storage for a device's rings and buffers, 4 KB
 * aligned and below 2 GB, taken before CP's frame pool starts (only while CP comes up).
 */
uint64_t arch_take_storage(uint64_t bytes);

/*
 * arch_wait_device (timer.c): waits enabled for an interruption, at most timeout_us (0: no
 * bound), even when terminal work waits (hw_wait would return at once then): for a driver
 * inside a transfer, whose device's interruption ends the wait; CP takes the terminal work
 * when the transfer is over.
 */
void arch_wait_device(uint64_t timeout_us);

/* ---- SCLP (sclp.c) ---- */
/* Read SCP Info: storage size and load parameter into info, up to max CPU addresses. */
void sclp_read_info(struct hw_info *info, uint8_t *cpu_addrs, unsigned *ncpu_entries,
		    unsigned max_entries);
void arch_sclp_init(void);
/* One line to the SCLP line-mode console. */
void sclp_write_line(const char *text, size_t len);
/* Hands each pending operator-command line to deliver(); from CP's main loop only. */
void sclp_poll_input(void (*deliver)(const char *line, size_t len));
/* Whether a service signal announced input that sclp_poll_input has not read yet. */
bool sclp_input_pending(void);

/* ---- the operator's console (opcon.c) ---- */
/* After device discovery: adopt the first 3215 as a second operator console. */
void arch_console_attach_3215(void);
/* Whether operator input waits (noted by an interruption) that hw_console_read has not
 * taken yet: hw_wait must not wait then. */
bool opcon_input_pending(void);

/* ---- the SIE probe (sie_probe.c, sie_probe.S) ---- */
/* Returns the engine; guest_area is 1 MB of free storage, 1 MB aligned. */
enum hw_engine arch_try_sie(uint64_t guest_area);
/*
 * sie_probe_enter (sie_probe.S, called only by sie_probe.c): one SIE on sb; returns 0 after
 * an interception, 1 when the program check at sie_probe_insn resumed at sie_probe_fault.
 */
int sie_probe_enter(struct sie_block *sb);
extern char sie_probe_insn[], sie_probe_fault[];

/*
 * ---- region-relocation zones (zone.c, zone_szp.S) ----
 * Hercules' FEATURE_REGION_RELOCATE, the VM/ESA-era preferred-guest hardware: a zone is a
 * contiguous range of real storage that SIE gives a guest as its whole main storage, so the
 * guest's addresses are relocated by the machine instead of translated through CP's tables
 * on every guest TLB miss. The SIE engine uses zones for fixed (V=F) spaces without a shared
 * segment. Covered by tests/system/test_vm.py (test_fixed_storage_guests).
 */
#define ZONE_FIRST 1 /* zone 0 is the host's own; SZP refuses it */
#define ZONE_LAST  7 /* Hercules 3.13: FEATURE_SIE_MAXZONES is 8 */
/* At IPL, with SIE chosen: whether SET ZONE PARAMETER works on this machine. */
void zone_probe(void);
/* The zone that relocates guest addresses to [origin, origin + size): one already defined
 * so, else the next zone in turn redefined to it. origin and size are multiples of 1 MB.
 * Return: the zone, or 0 when the machine has no zones. */
uint8_t zone_for(uint64_t origin, uint64_t size);
/* zone_szp.S (called only by zone.c): SZP for zone with the parameter block at zpb; returns
 * the condition code, or -1 when the instruction program-checked (resumed at zone_szp_fault). */
int zone_szp(uint64_t zone, const void *zpb);
extern char zone_szp_insn[], zone_szp_fault[];

#endif
