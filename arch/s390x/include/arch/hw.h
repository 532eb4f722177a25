/*
 * The contract between CP's portable code and the machine: everything CP asks of the
 * hardware, in one place. arch/s390x/ implements it; tests/unit/ fakes it, one fake file per
 * section (fake_hw.c: the machine, I/O, consoles, clocks and the engine; fake_gmem.c: guest
 * memory). Nothing here has an architected bit layout: cp/ includes only this header from
 * arch/. The data the contract passes - struct vcpu, struct vcpu_exit, struct gmem - are the
 * machine's types in cp/vm.h, which arch/ may see; the user's session (cp/user.h) and
 * terminals (cp/term.h) are no part of it, and arch/ never includes them.
 *
 * Sections: the machine and its devices; asynchronous device I/O; clocks, consoles and
 * waits; the engine; guest memory.
 * Covered by tests/unit/test_cmd.c, tests/unit/test_term.c and tests/system/test_ipl.py.
 */
#ifndef ARCH_HW_H
#define ARCH_HW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct gmem;
struct vcpu;

enum hw_engine {
	HW_ENGINE_TRAP_EMULATE, /* guests in problem state under CP's DAT */
	HW_ENGINE_SIE,          /* interpretive execution */
};

enum hw_machine {
	HW_MACHINE_UNKNOWN,
	HW_MACHINE_HERCULES,
	HW_MACHINE_QEMU,
};

struct hw_info {
	uint64_t storage_bytes;   /* real storage reported by SCLP */
	uint64_t free_start;      /* first byte after CP's image and boot stack */
	unsigned cpu_count;       /* CPUs that answer SIGP sense */
	uint16_t ipl_cpu;         /* CPU address of the IPL CPU */
	uint64_t cpu_id;          /* STIDP */
	enum hw_engine engine;
	enum hw_machine machine;
	char manufacturer[17];    /* STSI 1.1.1, trimmed ASCII */
	char type[5];
	char loadparm[9];
	uint64_t facilities[4];   /* STFLE: what guests see natively, so what CP reports too */
};

/* One subchannel found at IPL, with what SENSE ID told of its device. */
struct hw_device {
	uint32_t schid;
	uint16_t devno;
	uint16_t cu_type;
	uint8_t  cu_model;
	uint16_t dev_type;
	uint8_t  dev_model;
	bool     identified; /* SENSE ID answered */
	bool     enabled;    /* MSCH enabled the subchannel */
};

const struct hw_info *hw_info(void);
/*
 * Sets the real storage key of the host frame at frame (ACC, F, R, C as ISKE shows them):
 * under SIE the machine checks a guest's accesses to its private pages against it.
 */
void hw_set_storage_key(uint64_t frame, uint8_t key);
unsigned hw_device_count(void);
const struct hw_device *hw_device(unsigned index);

/*
 * Asynchronous I/O on real devices CP drives itself (3270 terminals). A device is claimed
 * once; from then on every status it presents - the ending status of a command CP started
 * and unsolicited status such as attention or a device end when a terminal connects -
 * becomes one event, taken in order with hw_io_next_event(). One command runs at a time
 * per device; data must stay put until its event arrives. Nothing here blocks.
 */
struct hw_io_event {
	unsigned device;	/* index for hw_device() */
	bool solicited;		/* the ending status of a command started by hw_io_start() */
	uint8_t dstat;		/* device status (attention 0x80, channel end 0x08, device
				 * end 0x04, unit check 0x02, unit exception 0x01) */
	uint8_t cstat;		/* subchannel status */
	uint16_t residual;	/* bytes of the count not transferred */
	uint64_t tod;		/* TOD clock when the interruption was taken (0: unknown) */
};

#define HW_DSTAT_ATTENTION	0x80
#define HW_DSTAT_CHANNEL_END	0x08
#define HW_DSTAT_DEVICE_END	0x04
#define HW_DSTAT_UNIT_CHECK	0x02
#define HW_DSTAT_UNIT_EXCEPTION	0x01

/* Routes the device's status to hw_io_next_event(); 0, or -1 for no such device. */
int hw_io_claim(unsigned device);
/*
 * Starts one channel command (suppress-length on) moving count bytes at data, which must be
 * below 2 GB. Returns 0, -1 when the device is not operational, -2 when it is busy or has
 * status pending (an event will come; try again after it).
 */
int hw_io_start(unsigned device, uint8_t command, void *data, uint16_t count);
/* Ends what runs on the device (clear subchannel); its end comes as an unsolicited event. */
void hw_io_cancel(unsigned device);
/* Takes the oldest event; false when there is none. */
bool hw_io_next_event(struct hw_io_event *ev);
/* Events dropped because CP did not take them in time (the queue holds 256). */
unsigned long hw_io_events_lost(void);

/*
 * Block devices CP drives itself: real DASD volumes (FBA devices under Hercules; virtio-blk
 * under QEMU is another driver behind the same calls). Each driver finds its devices at IPL
 * (arch/s390x/blk.c keeps the table of drivers); CP sees them by index. A transfer is
 * synchronous for its caller but not a busy poll: the driver starts the channel program and
 * waits, enabled, for the ending status, taking other interruptions meanwhile. A write
 * returns only after the device has presented its ending status for it; a unit check is
 * sensed and retried a bounded number of times.
 */
struct hw_blk {
	unsigned device;	/* index for hw_device() */
	uint16_t devno;
	uint16_t dev_type;	/* 0x9336; 0x3390 for CKD (vm64/ckd.h: 512-byte blocks on
				 * 4096-byte records, 96 a track) */
	uint8_t dev_model;
	uint32_t block_size;	/* bytes per block: 512 */
	uint64_t blocks;	/* blocks on the device */
	uint64_t first_block;	/* blocks below it cannot be read or written (CKD: track 0,
				 * which holds the label records); 0 for FBA and virtio */
	uint32_t cylinders;	/* CKD geometry from READ DEVICE CHARACTERISTICS; 0 for FBA */
	uint16_t heads;
	uint16_t track_bytes;
	const char *driver;	/* "FBA", "CKD", "VIRTIO" */
};

#define HW_BLK_E_RANGE (-1) /* blocks beyond the device or below first_block, or a count
			     * of 0 */
#define HW_BLK_E_IO    (-2) /* the device failed (after retries) or did not answer */

unsigned hw_blk_count(void);
const struct hw_blk *hw_blk(unsigned index);
/* count blocks from block into/from buf (below 2 GB); 0 or HW_BLK_E_*. */
int hw_blk_read(unsigned index, uint64_t block, unsigned count, void *buf);
int hw_blk_write(unsigned index, uint64_t block, unsigned count, const void *buf);
/*
 * A CKD volume's label record: the 80 data bytes of R3 on cylinder 0 head 0 (key "VOL1")
 * into buf (below 2 GB); 0, HW_BLK_E_IO, or HW_BLK_E_RANGE for a device that is not CKD (its
 * label is block 1: hw_blk_read()).
 */
int hw_blk_label(unsigned index, void *buf);

/*
 * Unit-record devices CP drives itself (a real 3505 card reader, a 1403 printer), one
 * channel command at a time, synchronous like hw_blk_*: the driver starts it and waits,
 * enabled, for its ending status. count is at most HW_UR_MAX bytes (the driver moves them
 * through a buffer of its own). Returns 0 with the ending status in *st (after a unit check
 * the driver has run SENSE: sense byte 0 in st->sense0), -1 when the device is not
 * operational, -2 busy, -3 when no ending status came in time.
 */
#define HW_UR_MAX 256
#define HW_SENSE_INTERVENTION 0x40 /* sense byte 0: intervention required */
struct hw_ur_status {
	uint8_t dstat;		/* device status (HW_DSTAT_*) */
	uint8_t cstat;		/* subchannel status */
	uint8_t sense0;		/* after a unit check */
	uint16_t residual;	/* bytes of the count not transferred */
};
int hw_ur_run(unsigned device, uint8_t command, void *data, uint16_t count,
	      struct hw_ur_status *st);

/* TOD clock: bit 51 is one microsecond; the epoch is 1900-01-01 00:00 UTC. */
uint64_t hw_tod_clock(void);

/* Operator line console: every console the machine has (SCLP, and a 3215 if present).
 * Each call writes one line, made safe by text_sanitize() (control characters show as '.'). */
void hw_console_write(const char *text, size_t len);
/* One of CP's life-cycle events (CP ready, shutdown, ABEND): the line gets the event mark
 * that no other line can carry (lib/opcon.h). */
void hw_console_event(const char *text, size_t len);
/* Takes one line the operator entered, if any; returns its length or -1. */
int hw_console_read(char *buf, size_t size);

/* TOD-clock units this CPU spent waiting since IPL: busy time is elapsed time minus this. */
uint64_t hw_idle_time(void);

/* Waits, enabled, until some interruption arrives or timeout_us passes (0: no timeout);
 * returns at once when an interruption taken earlier noted work CP has not looked at yet
 * (operator input, terminal status). */
void hw_wait(uint64_t timeout_us);
/* Whether an interruption taken earlier noted such work (hw_wait would return at once): CP
 * looks at it before it runs guests again. */
bool hw_work_pending(void);

/* Ends the system: a disabled wait QEMU and the host console recognise as power-off. */
void hw_power_off(void) __attribute__((noreturn));
/*
 * Prints the reason on the console and stops the CPU in a disabled wait with the code, one of
 * CP's abend codes (cp/abend.h): "VMC0PA999S CP ABEND cccc NAME: reason".
 */
void hw_panic(uint16_t code, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));

/*
 * ---- the engine ----
 * arch/ has two (SIE, trap-and-emulate); IPL picks one (hw_info()->engine says which) and
 * hw_engine() returns its operations from then on. run() runs a virtual CPU until something
 * needs CP and describes that in v->exit; faults the engine resolves by itself (a guest page
 * touched for the first time) never reach the caller.
 */
struct engine_ops {
	const char *name;	/* shown in the banner, QUERY CPLEVEL, INDICATE USER */
	/* Sets up the engine's per-vcpu state; returns 0 or -1 when no storage is left. */
	int (*vcpu_init)(struct vcpu *v);
	void (*vcpu_release)(struct vcpu *v);
	/* Runs v for at most slice_us microseconds of CPU time; fills v->exit. */
	void (*run)(struct vcpu *v, uint64_t slice_us);
	/* The engine presents the guest's clock-comparator and CPU-timer interruptions itself
	 * while the guest runs (SIE, from the state description); else the dispatcher ends a
	 * slice where one of them falls due. */
	bool guest_timers;
};

const struct engine_ops *hw_engine(void);

/*
 * ---- guest memory (arch/s390x/gmem.c) ----
 * A page map from guest absolute page to host frame, filled on first touch.
 */
int gmem_init(struct gmem *mem, uint64_t size);
void gmem_release(struct gmem *mem);
/* Host address of the guest absolute page holding gaddr, given a frame on first touch;
 * 0 if gaddr is beyond the machine's storage or no frame can be had. */
uint64_t gmem_page(struct gmem *mem, uint64_t gaddr);
/* Host address of gaddr's page if it has a frame already, else 0 (no allocation). */
uint64_t gmem_lookup(const struct gmem *mem, uint64_t gaddr);
/* Gives the frame behind gaddr's page back to CP (DIAG X'10'); the page reads as zeros
 * when next touched. Pages of a shared segment are left alone. */
void gmem_discard(struct gmem *mem, uint64_t gaddr);
/*
 * gmem_fix() backs the whole space with one contiguous, 1 MB aligned run of real frames
 * (zeroed, key 0) and its page tables with another, all translations valid from the start:
 * V=F storage. Whatever private pages the space had are given back first. Return: 0, or -1
 * when no such run is free or the space maps a shared segment (the space is unchanged but
 * for the private pages). A fixed space never gives a frame back before gmem_release():
 * gmem_discard() zeroes the page instead, and detaching a shared segment zeroes its range.
 */
int gmem_fix(struct gmem *mem);
/*
 * Shared segments (cp/mm/segment.c). A shared page table maps one 1 MB segment read-only:
 * gmem_shared_table_build() makes one from GMEM_SEGMENT_PAGES frame addresses (one frame
 * from real_frames; the data frames stay the caller's), gmem_shared_table_free() gives
 * that frame back. gmem_attach_shared() points the segment at gaddr (1 MB aligned, inside
 * the machine) at such a table, segment-protected, after giving back whatever private
 * frames the segment had; gmem_detach_shared() makes it an empty private segment again.
 * gmem_page() never allocates in a shared segment (it returns the shared frame), and
 * gmem_release()/gmem_discard() never free shared tables or frames.
 */
uint64_t gmem_shared_table_build(const uint64_t *frames);
void gmem_shared_table_free(uint64_t table);
int gmem_attach_shared(struct gmem *mem, uint64_t gaddr, uint64_t table);
void gmem_detach_shared(struct gmem *mem, uint64_t gaddr);
bool gmem_is_shared(const struct gmem *mem, uint64_t gaddr);
/* The shared table the segment holding gaddr points at, or 0 if it is private. */
uint64_t gmem_shared_table(const struct gmem *mem, uint64_t gaddr);

#endif
