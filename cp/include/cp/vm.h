/*
 * Virtual machines as CP's portable code sees them: a virtual CPU's architected state in
 * host-native form, the machine's storage behind checked accessors, and the exit an engine
 * returns. Both engines (SIE and trap-and-emulate, in arch/) fill the same struct vcpu_exit,
 * so everything above them - interception handlers, interruption delivery, the dispatcher -
 * is one body of code.
 *
 * Locking: one real CPU today; a vcpu is touched only by the real CPU running it, and
 * operator commands run between slices on that CPU.
 * Covered by tests/unit/test_access.c, tests/unit/test_icpt.c and tests/system/test_vm.py.
 */
#ifndef CP_VM_H
#define CP_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <arch/intcode.h>
#include <arch/psw.h>
#include <cp/blkdev.h>
#include <cp/psw.h>
#include <cp/sched.h>
#include <cp/vdev.h>
#include <cp/vur.h>

#define VM_USERID_MAX   8
#define VM_MAX_MACHINES 256
#define VM_INPUT_MAX    255 /* one console input line for the guest */
#define VM_SKEY_CHUNK_PAGES 4096 /* keys per 4 KB chunk: 16 MB of guest storage */
#define VM_SKEY_CHUNKS  128      /* chunks for the largest machine, 2 GB */
#define VM_MAX_VCPUS    8        /* virtual CPUs a machine may have (MACHINE ESA n) */

/* Pending interruptions of a virtual CPU (bits in vcpu->pending). */
#define PEND_RESTART         (1u << 0)
#define PEND_SERVICE_SIGNAL  (1u << 1)
#define PEND_EMERGENCY       (1u << 2)
#define PEND_EXTERNAL_CALL   (1u << 3)
#define PEND_IO              (1u << 4)

enum vcpu_state {
	VCPU_STOPPED,       /* not dispatched: no machine, or halted by CP */
	VCPU_RUNNABLE,      /* on a run queue */
	VCPU_ENABLED_WAIT,  /* parked until an interruption it is enabled for is pending */
	VCPU_DISABLED_WAIT, /* dead until reset; the operator has been told */
	VCPU_CHECK_STOP,
};

/* Why an engine gave the real CPU back. */
enum exit_reason {
	EXIT_NONE,
	EXIT_INSTRUCTION,  /* instruction to simulate: ipa/ipb, PSW already past it */
	EXIT_PROGRAM,      /* program interruption to reflect or act on */
	EXIT_SVC,          /* supervisor call to reflect (trap-and-emulate) */
	EXIT_WAIT,         /* the guest loaded a wait PSW */
	EXIT_SLICE_END,    /* the time slice ran out */
	EXIT_HOST_INTERRUPT, /* CP has an interruption of its own to handle */
	EXIT_VALIDITY,     /* the engine refused the guest state */
	EXIT_NO_STORAGE,   /* a guest page needs a frame and real storage is exhausted */
	EXIT_SIMULATED,    /* the fast path simulated the instruction already: result in rc */
	EXIT_NO_GUEST_DAT, /* the guest's PSW has DAT on and the engine cannot translate for it */
};

struct vcpu_exit {
	enum exit_reason reason;
	uint16_t ipa;      /* first two bytes of the instruction */
	uint32_t ipb;      /* bytes 2-5 */
	uint8_t ilc;       /* instruction length in bytes (2, 4 or 6) */
	uint16_t pgm_code; /* EXIT_PROGRAM */
	uint64_t teid;     /* translation-exception identification, for access exceptions */
	uint16_t svc_code; /* EXIT_SVC */
	uint16_t validity; /* EXIT_VALIDITY: the engine's reason code */
	int rc;            /* EXIT_SIMULATED: what icpt_instruction() returned */
};

struct vm;
struct user;

struct vcpu {
	struct vm *vm;
	uint16_t cpu_address;
	enum vcpu_state state;
	/* Architected state, host-native. */
	uint64_t psw_mask, psw_addr;
	uint64_t gprs[16];
	uint64_t crs[16];
	/* Floating-point, vector and access registers and the FPC: the guest's alone. FPR i is
	 * the leftmost half of VR i, vrs[i][0]. The engines load them before every entry and
	 * store them back after every exit (arch/s390x/guest_regs.c). */
	uint64_t vrs[32][2];
	uint32_t fpc;
	uint32_t ars[16];
	uint32_t prefix;
	int64_t cpu_timer;         /* as the guest sees it; decremented by CP's accounting */
	uint64_t clock_comparator;
	int64_t tod_offset;        /* guest TOD = host TOD + offset (SCK) */
	uint64_t program_param;    /* program-parameter register (LPP; trap-and-emulate only) */
	uint32_t pending;          /* PEND_* */
	uint32_t service_param;    /* parameter of the pending service signal */
	/* Senders of the pending SIGP signals: external call (one at a time) and emergency
	 * signals (one per sending CPU, bit i for CPU address i). */
	uint16_t ext_call_from;
	uint32_t emergency_from;
	enum vcpu_state held_state; /* other CPUs than the base: state before PA1 (BEGIN) */
	/* The last exit and CP's bookkeeping. */
	struct vcpu_exit exit;
	uint64_t cpu_time;         /* TOD units charged: guest and CP for it (cp/vm/dispatch.c) */
	uint64_t virt_time;        /* TOD units the guest itself ran (the engine's CPU timer) */
	uint64_t wait_since;       /* TOD when it entered a wait state */
	uint64_t exits, instr_intercepts;
	uint64_t d250_requests;	/* DIAGNOSE X'250' block I/O requests (INDICATE USER D250=) */
	bool yield;                /* DIAG X'44': the guest gave up the rest of its slice */
	/* An interaction's steps in the guest (cp/phase.h), TOD (0: not yet): the terminal's
	 * input given to it, its first dispatch after that, its first wait in a console read. */
	uint64_t resp_input_tod, resp_dispatch_tod, resp_read_tod;
	uint64_t resp_cpu0, resp_virt0;	/* cpu_time and virt_time at the input, then the */
	uint64_t resp_cpu, resp_virt;	/* differences at resp_read_tod */
	/* IUCV (cp/icpt/iucv.c): the declared interrupt buffer (0: none) and the masks. */
	uint64_t iucv_buffer;
	uint8_t iucv_mask, iucv_control_mask;
	struct pgm_loop pgm_loop;  /* program-interruption loop detection (cp/psw.h) */
	void *engine;              /* the engine's per-vcpu data (SIE state description) */
	struct vcpu *next_ready;   /* run-queue link */
	struct sched_entity sched; /* dispatch queue and share (cp/sched.h); kept across IPL */
};

/* Guest storage: a page map from guest absolute page to host frame, filled on first touch
 * (the gmem_* operations of arch/hw.h). */
#define GMEM_MAX_SEGMENTS 2048 /* 1 MB segments in the largest machine, 2 GB */
#define GMEM_SEGMENT_SIZE (1ULL << 20)
#define GMEM_SEGMENT_PAGES 256

struct gmem {
	uint64_t size;             /* bytes, a multiple of 1 MB */
	uint64_t asce;             /* host ASCE for the engines: segment table + type/length */
	uint64_t *segment_table;   /* host address of the segment (or region-third) table */
	uint64_t frames_in_use;    /* private data frames */
	uint64_t table_frames;     /* frames holding the private DAT tables */
	/* Segments (1 MB) mapped to a shared page table (cp/segment.h): bit s%64 of word s/64
	 * for segment s. Their tables and frames belong to the segment, not to this space. */
	uint64_t shared[GMEM_MAX_SEGMENTS / 64];
	uint32_t shared_segments;  /* bits set in shared[] */
	/* Fixed storage (OPTION V=F, gmem_fix): every page is backed from the start by one
	 * contiguous, 1 MB aligned run of real frames at fixed_origin, its page tables by the
	 * run at fixed_tables; 0 when the space is pageable. Frames are never taken away. */
	uint64_t fixed_origin;
	uint64_t fixed_tables;
	uint8_t zone;              /* the region-relocation zone of the last SIE, or 0 */
};

/* First touches of a machine's storage one page after another (cp/vm/fault_in.c). */
#define FAULT_AHEAD_MIN_RUN 8	/* pages a stream maps one by one before CP maps ahead */
#define FAULT_AHEAD_MAX	    256 /* pages mapped ahead at most: one segment */
struct fault_stream {
	uint64_t next; /* the page after the last one the stream mapped */
	uint32_t run;  /* pages the stream has mapped */
};

struct vm {
	char userid[VM_USERID_MAX + 1];
	bool in_use;
	bool storage_fixed;        /* OPTION V=F: SYSTEM CLEAR fixes the new storage again */
	struct gmem mem;
	struct fault_stream faults;
	/*
	 * Virtual CPUs (cp/vm/vcpus.c): vcpu is the base CPU, address 0, always defined;
	 * xcpu[i - 1] is CPU address i, defined when bit i of cpus_defined is set. The
	 * directory's MACHINE ESA n gives max_cpus (1 when absent). Interruptions a CPU takes
	 * alone (SIGP signals, restart, timers) pend in its own vcpu; floating ones go to any
	 * enabled CPU: I/O lives in the subchannels, the service signal in the base vcpu's
	 * pending/service_param.
	 */
	struct vcpu vcpu;
	struct vcpu xcpu[VM_MAX_VCPUS - 1];
	uint32_t cpus_defined;     /* bit i: CPU address i exists (bit 0 always) */
	uint8_t max_cpus;
	struct vsubchannel console; /* the virtual console, 0.0.0000 device 0009 */
	char ipl_name[9];          /* the named system it was IPLed from */
	uint32_t nss_private;      /* bit i: segment i of cp/segment.h loaded as a private
				    * copy (DIAG X'64' LOADNSHR) */
	uint64_t logon_tod;        /* when it was created: the user's LOGON or XAUTOLOG */
	/* The user's session (struct user, cp/user.h): NULL for a machine nobody logged on
	 * (unit tests). Opaque here: arch/ never follows it. */
	struct user *user;
	/* Virtual SCLP console: a line the guest wrote, passed to CP's console sink. */
	uint32_t sclp_receive_mask, sclp_send_mask;
	char sclp_input[256];      /* a pending operator-command line for the guest */
	bool sclp_input_pending;
	/*
	 * Storage keys (ISKE/SSKE/RRBE), one byte per 4 KB absolute page in the layout of
	 * ISKE's result (ACC in bits 0-3, F, R, C). Chunks of VM_SKEY_CHUNK_PAGES keys come
	 * from real_frames on the first SSKE that needs one; a missing chunk reads as zeros.
	 * Keys are recorded, not enforced: neither engine protects by them yet.
	 */
	uint8_t *skeys[VM_SKEY_CHUNKS];
	/* The virtual console's type-ahead: a line the user typed for the guest before its
	 * console READ (cp/user/route.c puts it, cp/vdev/v3215.c takes it). */
	char vm_input[VM_INPUT_MAX + 1];
	bool vm_input_pending;
	/* Disks from the directory (V-DISKs), kept across IPL and reset (cp/blkdev.h). */
	struct vm_disk disks[VM_MAX_DISKS];
	/* Reader, punch, printer from the directory's SPOOL statements (cp/vur.h). */
	struct vur ur[VM_MAX_UR];
};

/* ---- virtual CPUs of a machine (cp/vm/vcpus.c) ---- */
/* The vcpu at CPU address addr, or NULL when the machine has none there. */
struct vcpu *vm_vcpu(struct vm *vm, unsigned addr);
/* Number of defined CPUs. */
unsigned vm_cpu_count(const struct vm *vm);
/* Iteration: for (v = vm_first_vcpu(vm); v; v = vm_next_vcpu(v)) visits every defined CPU. */
struct vcpu *vm_first_vcpu(struct vm *vm);
struct vcpu *vm_next_vcpu(struct vcpu *v);
/* DEFINE CPU: 0, or a MSG_* id (address beyond the maximum, already defined, no storage). */
int vm_define_cpu(struct vm *vm, unsigned addr);
/* DETACH CPU: 0 or a MSG_* id (the base CPU cannot go; nothing defined there). */
int vm_detach_cpu(struct vm *vm, unsigned addr);
/* The architected resets of one vcpu (cp/vm/vcpu_reset.c says what each clears). */
enum vcpu_reset {
	VCPU_RESET_CPU,     /* CPU reset: local interruption conditions only */
	VCPU_RESET_INITIAL, /* initial CPU reset: also PSW, prefix, timers, FPC, CRs */
	VCPU_RESET_CLEAR,   /* clear reset: also the general, access, FP and vector registers */
};
void vcpu_reset(struct vcpu *v, enum vcpu_reset kind);
/* True while any CPU of the machine is not stopped (running, waiting). */
bool vm_any_cpu_operating(const struct vm *vm);

/* The guest-memory operations on struct gmem are part of the hardware contract (arch/hw.h). */

/* ---- checked guest storage accessors (cp/vm/real_access.c) ----
 * Every guest address CP reads or writes goes through these. Real addresses are prefixed
 * with the vcpu's prefix; absolute ones are not. They return 0, or the program-interruption
 * code the access would raise (PGM_ADDRESSING) without touching anything. */
int guest_read_abs(struct vm *vm, uint64_t gaddr, void *buf, size_t len);
int guest_write_abs(struct vm *vm, uint64_t gaddr, const void *buf, size_t len);
int guest_read_real(struct vcpu *v, uint64_t raddr, void *buf, size_t len);
int guest_write_real(struct vcpu *v, uint64_t raddr, const void *buf, size_t len);
uint64_t real_to_abs(const struct vcpu *v, uint64_t raddr);

/* ---- interruption delivery (cp/vm/deliver.c) ---- */
/* Presents a program interruption to the guest: old PSW, ILC and code stored in its lowcore,
 * new PSW loaded. The PSW must already be where the architecture says the old PSW points.
 * ilc 0 for exceptions recognized early (an invalid PSW loaded); for access exceptions the
 * translation-exception identification stored is v->exit.teid. */
void vcpu_inject_program(struct vcpu *v, uint16_t code, uint8_t ilc);
void vcpu_inject_svc(struct vcpu *v, uint16_t code, uint8_t ilc);
/* Delivers the highest-priority pending interruption the guest is enabled for; true if one
 * was delivered. Clock comparator and CPU timer are checked against the current TOD. */
bool vcpu_deliver_pending(struct vcpu *v, uint64_t host_tod);
/* At an exit that ends a slice: whether the guest sits in a program-interruption loop the
 * machine presents itself (SIE); after PGM_LOOP_LIMIT such exits in a row the vcpu is
 * check-stopped with pgm_loop.detected set (cp/psw.h). */
void vcpu_pgm_loop_sample(struct vcpu *v);
/* True if some interruption the vcpu is enabled for is pending now (for enabled waits). */
bool vcpu_interrupt_deliverable(const struct vcpu *v, uint64_t host_tod);
/* True if an interruption is latched for the vcpu whatever its masks say: restart, emergency
 * signal, external call, the machine's service signal, a virtual subchannel's I/O of any ISC.
 * The clock comparator and CPU timer are conditions of the time, not latched: not counted. */
bool vcpu_interrupt_latched(const struct vcpu *v);
/* Microseconds from host_tod until the guest's next clock-comparator or CPU-timer event
 * that it is enabled for (PSW EXT and the CR0 subclass bits): 0 when there is none, 1 when
 * one is due already. The dispatcher bounds slices and wakes waiting vcpus with it. */
uint64_t vcpu_next_timer_event(const struct vcpu *v, uint64_t host_tod);

/* ---- interception layer (cp/icpt/) ---- */
/* Handles an EXIT_INSTRUCTION: returns 0 to resume, a program-interruption code to inject,
 * or a negative value when CP must stop the machine. */
int icpt_instruction(struct vcpu *v);
/*
 * The fast path for the commonest interceptions (cp/vm/dispatch.c), called by an engine at an
 * EXIT_INSTRUCTION with the vcpu's PSW, registers and control registers current. FAST_NO:
 * not an instruction of the fast set, nothing done. FAST_RESUME: simulated, and the guest
 * may go on at once in the same slice. FAST_EXIT: simulated, the exit is now
 * EXIT_SIMULATED and the engine returns it to the dispatcher.
 */
enum fast_exit { FAST_NO, FAST_RESUME, FAST_EXIT };
enum fast_exit dispatch_fast_exit(struct vcpu *v);
/* True when a DIAG X'44' of v's would be nothing at all: v is in the supervisor state and
 * has nobody to yield to (no other vcpu ready, no work of CP's own noted). */
bool dispatch_yield_is_noop(const struct vcpu *v);
/* The same for an engine that lets the guest change its own interruption masks without an
 * exit (SIE interprets SSM, STOSM, LPSW(E), LCTL(G)): also nothing latched for v at all
 * (vcpu_interrupt_latched), since the guest may enable itself for it in the middle of the
 * run, and a yield must then go to CP, which would present it. */
bool dispatch_yield_is_noop_any_mask(const struct vcpu *v);
/* Negative results of icpt_instruction(): the dispatcher stops the machine. */
#define ICPT_FAULT (-1) /* CP could not finish the simulation (no frame for a guest page;
			 * the storage accessors' -1) */
#define ICPT_STOP  (-2) /* the guest stopped its own CPU (SIGP stop, CPU reset); its state
			 * is VCPU_STOPPED already */
/* Sets the condition code in the guest PSW. */
static inline void vcpu_set_cc(struct vcpu *v, unsigned cc)
{
	v->psw_mask = (v->psw_mask & ~PSW_MASK_CC) | ((uint64_t)(cc & 3) << PSW_CC_SHIFT);
}
/* Backs the PSW up over the intercepted instruction so it runs again. */
static inline void vcpu_retry(struct vcpu *v)
{
	v->psw_addr -= v->exit.ilc;
}

/* What a guest says on its virtual console goes here (CP's console, later the user's). */
void vm_console_output(struct vm *vm, const char *text, size_t len);

/*
 * DIAGNOSE X'08': runs a CP command line (ASCII) for the guest; the response lines, each
 * ended by '\n', go to resp (NUL-terminated, truncated to resp_size). Returns the command's
 * return code.
 */
int vm_cp_command(struct vm *vm, const char *line, char *resp, size_t resp_size);

/* ---- virtual SCLP (cp/icpt/sclp.c) ---- */
/* Queues an operator-command line (ASCII) for the guest and makes a service signal with
 * the event-pending bit pending, so the guest comes to read it. Returns 0, or -1 while an
 * earlier line is still unread. */
int vm_sclp_input(struct vm *vm, const char *line);

/* ---- storage keys (cp/icpt/skey.c) ---- */
/* Gives back the storage-key chunks (all keys read as zero again): on reset and destroy. */
void vm_skeys_release(struct vm *vm);
uint8_t vm_skey_get(const struct vm *vm, uint64_t abs);
/* Returns 0, or -1 when no frame can be had for the key chunk. */
int vm_skey_set(struct vm *vm, uint64_t abs, uint8_t key);

/* ---- first touch of guest storage (cp/vm/fault_in.c) ---- */
unsigned fault_ahead(struct fault_stream *fs, uint64_t gaddr, uint64_t size);
uint64_t vm_fault_in(struct vm *vm, uint64_t gaddr);

/* A guest DIAGNOSE handler: returns like an interception handler. */
typedef int (*diag_handler)(struct vcpu *v, unsigned r1, unsigned r3, uint64_t code);

#endif
