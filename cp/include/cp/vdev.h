/*
 * Virtual devices behind virtual subchannels. A device provides the channel-subsystem
 * operations (ops); the subchannel keeps what the architecture keeps per subchannel: the
 * PMCW fields the guest may set, the status it has not yet taken (SCSW), and whether an
 * I/O interruption is pending for it. Channel programs run synchronously when started.
 * Covered by tests/unit/test_vcons.c and tests/unit/test_deliver.c.
 */
#ifndef CP_VDEV_H
#define CP_VDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vm;
struct vsubchannel;

#define VSCH_SCHIB_SIZE 52
#define VSCH_IRB_SIZE   64

struct vsch_ops {
	int (*store)(struct vsubchannel *s, uint8_t *schib);	    /* STSCH, cc */
	int (*modify)(struct vsubchannel *s, const uint8_t *schib); /* MSCH, cc */
	int (*start)(struct vsubchannel *s, const uint8_t *orb);    /* SSCH, cc */
	int (*test)(struct vsubchannel *s, uint8_t *irb);	    /* TSCH, cc */
	int (*halt)(struct vsubchannel *s);			    /* HSCH, cc */
	int (*clear)(struct vsubchannel *s);			    /* CSCH, cc */
	int (*cancel)(struct vsubchannel *s);			    /* XSCH, cc */
	int (*resume)(struct vsubchannel *s);			    /* RSCH, cc */
};

struct vsubchannel {
	const struct vsch_ops *ops;
	struct vm *vm;
	uint16_t number;        /* subchannel number in set 0 */
	uint16_t devno;
	bool exists;
	bool enabled;           /* PMCW E */
	bool multipath;         /* PMCW D: kept for STSCH; one path, so it changes nothing */
	bool concurrent_sense;  /* PMCW S: kept; no sense is stored with status (ERW C stays 0) */
	uint8_t isc;
	uint32_t intparm;
	bool status_pending;    /* the SCSW holds status the guest has not taken with TSCH */
	bool int_pending;       /* an I/O interruption is pending for it */
	uint8_t scsw[12];       /* big-endian, as TSCH stores it */
	uint8_t sense;          /* sense byte 0 for the next SENSE */
	bool format1;           /* the running program's CCW format */
	/* A console READ waiting for the user (the subchannel is start pending/active). */
	bool read_pending;
	uint32_t read_ccw_addr; /* the READ CCW's address */
	uint32_t read_data;     /* where the line goes */
	uint16_t read_count;
	uint8_t read_flags;
	/* The user entered a line while no READ waited: attention is owed, presented once the
	 * subchannel has no status pending (cp/vdev/v3215.c vcons_attention()). */
	bool attn_owed;
};

/*
 * What every virtual subchannel does alike (cp/vdev/vsch.c): STSCH, MSCH, TSCH, HSCH, CSCH
 * and XSCH as ops, and vsch_end(), the end of a channel program: its SCSW (CCW address,
 * device and subchannel status, residual count), status pending and an I/O interruption.
 */
int vsch_store(struct vsubchannel *s, uint8_t *schib);
int vsch_modify(struct vsubchannel *s, const uint8_t *schib);
int vsch_test(struct vsubchannel *s, uint8_t *irb);
int vsch_halt(struct vsubchannel *s);
int vsch_clear(struct vsubchannel *s);
int vsch_cancel(struct vsubchannel *s);
void vsch_end(struct vsubchannel *s, uint32_t ccw_addr, uint8_t dstat, uint8_t cstat,
	      uint16_t residual);

/* One CCW as the devices see it, whichever its format. */
struct vsch_ccw {
	uint8_t cmd, flags;
	uint16_t count;
	uint32_t data;
};

/*
 * The 8 bytes of a CCW (@raw) in format 1 or 0 into @c; -1, a channel-program check, for a
 * format-1 CCW whose data address has bit 32 set (PoP, "Channel-Command Word").
 */
int vsch_ccw_decode(bool format1, const uint8_t *raw, struct vsch_ccw *c);

/*
 * SSCH's checks, the same for every device: cc 3 when the subchannel is not enabled, 1 with
 * status pending, 2 when @busy (the device still works on its last program); at cc 0 it
 * takes the ORB's interruption parameter and CCW format and stores the channel program's
 * address in *@ccw_addr.
 */
int vsch_accept(struct vsubchannel *s, const uint8_t *orb, bool busy, uint32_t *ccw_addr);

/*
 * A guest channel program being run by a device that moves data (cp/vdev/ccwprog.c): the
 * subchannel, the current CCW and its address, and the loop guard.
 */
struct vsch_prog {
	struct vsubchannel *s;
	uint32_t addr; /* the current CCW */
	struct vsch_ccw c;
	unsigned ccws, max_ccws; /* CCWs fetched (TICs and data chains too), and the limit */
	bool tic_last;
};

/* False for a count the CCW's format does not allow (zero in format 0). */
bool vsch_ccw_count_ok(const struct vsubchannel *s, const struct vsch_ccw *c);

/* The CCW at @addr into p->c through TICs; -1: a channel-program check. @dc: it continues a
 * data chain, so its command code is not looked at (PoP, "Data Chaining"). */
int vsch_prog_fetch(struct vsch_prog *p, uint32_t addr, bool dc);
/* Ends the program at the current CCW with this status. */
void vsch_prog_end(struct vsch_prog *p, uint8_t dstat, uint8_t cstat, uint16_t residual);
/*
 * Moves @len bytes between guest storage and @buf along the data chain from the current CCW
 * (to the guest when @to_guest), starting *@used bytes into it (0 when @used is null).
 * *@done: bytes moved; p->c is then the last CCW used, *@residual its count left, *@used how
 * far into it. 0, or -1 after a program or protection check has ended the program.
 */
int vsch_prog_move(struct vsch_prog *p, uint8_t *buf, size_t len, bool to_guest, size_t *done,
		   uint16_t *residual, uint16_t *used);
/* A command's data chain is over: incorrect length unless SLI, then the end unless command
 * chaining goes on. True when the program ended. */
bool vsch_prog_finish(struct vsch_prog *p, uint16_t residual, bool more);

/* The machine's virtual console: subchannel 0.0.0000, device 0009, a 3215. */
void vcons_init(struct vsubchannel *s, struct vm *vm);

/*
 * A line the user typed for the guest: ends the console READ that waits for it (true), or
 * returns false when no READ waits. line is ASCII; an empty line is a null line.
 */
bool vcons_input(struct vsubchannel *s, const char *line, size_t len);
/*
 * The user entered a line that no READ was waiting for (it is held for the next READ):
 * present attention, unsolicited status, so the guest issues its READ, as z/VM does for a
 * 3215 (Linux's con3215 reads only after an attention). Nothing while the subchannel is not
 * enabled; owed until the guest has taken pending status.
 */
void vcons_attention(struct vsubchannel *s);

/* The subchannel for a subsystem-ID word, or NULL when none exists. */
struct vsubchannel *vm_subchannel(struct vm *vm, uint32_t schid);

/* The I/O interruption to present next: enabled by cr6 (ISC masks in bits 32-39). */
struct vsubchannel *vm_io_pending(struct vm *vm, uint64_t cr6);

#endif
