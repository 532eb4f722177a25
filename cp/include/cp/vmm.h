/*
 * Creating, IPLing, finding and destroying virtual machines, and the dispatcher that runs
 * them (cp/vm/vm.c, cp/vm/dispatch.c).
 * Covered by tests/unit/test_dispatch.c and tests/unit/test_logon.c.
 */
#ifndef CP_VMM_H
#define CP_VMM_H

#include <stdint.h>
#include <cp/nss.h>
#include <cp/vm.h>

/* Errors from vm_create/vm_ipl_nss, as message ids' return codes. */
struct vm *vm_find(const char *userid);
/* Creates a stopped machine; *why gets a MSG_* id when it returns NULL. */
struct vm *vm_create(const char *userid, uint64_t storage, int *why);
/* Loads the named system and makes the machine runnable; 0 or -1 (no storage). */
int vm_ipl_nss(struct vm *vm, const struct nss_image *image);
void vm_destroy(struct vm *vm);
struct user_entry;
/* The machine's CPUs from the directory (MACHINE mode n, CPU nn); cp/vm/vcpu_define.c. */
void vm_cpus_from_directory(struct vm *vm, const struct user_entry *u);
/* A new machine's disks, unit record devices, CPUs and (OPTION V=F) fixed storage from its
 * directory entry; cp/vm/vm_directory.c. Return: 0, or -1 when V=F could not be had (no free
 * run of real storage): the machine is complete all the same, with pageable storage. */
int vm_define_from_directory(struct vm *vm, const struct user_entry *u);
/* OPTION V=F: back the machine's storage with one run of real storage, now and after every
 * SYSTEM CLEAR. Return: 0, or -1 when no run is free (the storage stays pageable). */
int vm_fix_storage(struct vm *vm);
/* SYSTEM RESET (clear: SYSTEM CLEAR, storage zeroed): the machine stops, ready for IPL.
 * Returns -1 when CLEAR could not get the machine's tables back (no real storage). */
int vm_system_reset(struct vm *vm, bool clear);
/* SYSTEM RESTART: the base CPU takes a restart interruption (a stopped one starts). Returns 0,
 * or MSG_RESTART_CHECK_STOP when that CPU is check-stopped (nothing done). */
int vm_system_restart(struct vm *vm);
/* The vcpu the dispatcher is running now (CP is simulating one of its instructions). */
struct vcpu *dispatch_current(void);
unsigned vm_count(void);
/* The i-th machine in use (0 <= i < VM_MAX_MACHINES), or NULL for a free slot. */
struct vm *vm_slot(unsigned i);
/* One past the highest slot in use: loops over vm_slot() that run every time round CP's
 * main loop (user_service, dispatch_wake_waiters) need go no further. */
unsigned vm_slots_used(void);
/* Real frames the machine holds: its pages, DAT tables and engine state. */
uint64_t vm_real_frames(const struct vm *vm);
const char *vcpu_state_name(enum vcpu_state s);

/* Dispatcher: one run queue per real CPU (only CPU 0 dispatches today). */
void dispatch_ready(struct vcpu *v);
void dispatch_remove(struct vcpu *v);
/* Runs ready virtual CPUs for up to budget_us; returns early when CP has work of its own. */
void dispatch_run(uint64_t budget_us);
bool dispatch_has_ready(void);
/* Moves enabled-wait vcpus with a deliverable interruption to the run queue; returns the
 * microseconds until the next guest timer event (0: none pending). */
uint64_t dispatch_wake_waiters(void);
/* SIGP put an interruption pending on to (from's machine's other CPU): to is woken now if it
 * waits enabled for it, and from yields to a to that is ready, as a DIAG X'9C' would. */
void dispatch_signalled(struct vcpu *from, struct vcpu *to);

/* Times in a row dispatch_run gives way to work CP noted before it runs a slice anyway. */
#define DISPATCH_GIVE_WAY_MAX 8

/* Time slice given to a long-running (Q3) virtual CPU, microseconds: cp/sched.h's
 * SCHED_Q3_SLICE_US; Q1 and Q2 slices are shorter. */
#define DISPATCH_SLICE_US 10000

#endif
