/*
 * Channel programs for the guest tests that drive devices with raw CCWs (tests/guest/vfba.c,
 * vckd.c, dedicate.c, spopen.c; the console in echo.c and lnxcon.c): finding a device by
 * number, building CCWs, running a program with SSCH and taking its status with TSCH (at once,
 * or after waiting for its I/O interruption), SENSE, and the FBA DEFINE EXTENT / LOCATE /
 * READ or WRITE program. Everything here is static storage below 2 GB, as format-1 CCWs and ORBs need.
 */
#ifndef GUEST_CHAN_H
#define GUEST_CHAN_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/cio.h>

/* What chan_run() returns: device status << 8 | subchannel status, or CHAN_NO_STATUS. */
#define CHAN_ST_OK	  0x0c00 /* channel end + device end */
#define CHAN_ST_UC	  0x0e00 /* ... + unit check */
#define CHAN_ST_PCHK	  0x0020 /* program check */
#define CHAN_NO_STATUS	  0xffff /* SSCH or TSCH did not give cc 0 */

/* The subchannel (SCHID) of device @devno among the first @max_sch, its SCHIB in @schib. */
bool chan_find_devno(uint16_t devno, unsigned max_sch, uint32_t *sch, struct schib *schib);

/* Enables @sch (MSCH) for I/O interruptions on @isc, intparm 0; true if MSCH gave cc 0. */
bool chan_enable(uint32_t sch, struct schib *schib, unsigned isc);

/*
 * SENSE ID (64 bytes at @buf) command-chained to READ DEVICE CHARACTERISTICS (64 bytes at
 * @buf + 64), @buf cleared first: the status as chan_run() gives it.
 */
unsigned chan_sense_id_rdc(uint32_t sch, uint8_t buf[128]);

/* Sets @ccw to @cmd with @flags on @count bytes at @data. */
void ccw_set(struct ccw1 *ccw, uint8_t cmd, uint8_t flags, uint16_t count, const void *data);

/* Starts the program at @ccws on @sch with @intparm and takes its status at once with TSCH. */
unsigned chan_run(uint32_t sch, const struct ccw1 *ccws, uint32_t intparm);

/*
 * Starts the program at @ccws on @sch with @intparm (SSCH) and waits, enabled for I/O
 * interruptions only, for the next one; then TSCH on @sch into @irb. -1 when SSCH does not
 * give cc 0, else TSCH's cc. For a guest driving one device at a time (the console).
 */
int chan_start_wait(uint32_t sch, const struct ccw1 *ccws, uint32_t intparm, struct irb *irb);

/* Waits, enabled for I/O interruptions only, for the next one; then TSCH on @sch: its cc. */
int chan_wait_status(uint32_t sch, struct irb *irb);

/* SENSE (32 bytes): sense bytes 0 and 1 as byte0 << 8 | byte1, or CHAN_NO_STATUS. */
unsigned chan_sense(uint32_t sch);

/* Reports whether @st is unit check with sense @want_sense (@what names the case). */
void chan_report_refused(uint32_t sch, const char *what, unsigned st, unsigned want_sense);

/* An FBA program: DEFINE EXTENT, LOCATE, then READ or WRITE. */
struct fba_prog {
	struct ccw1 ccw[3];
	uint8_t de[16];
	uint8_t lo[8];
} __attribute__((aligned(8)));

#define FBA_OPER_WRITE 1
#define FBA_OPER_READ  6

/*
 * Builds @p: DEFINE EXTENT (file @mask, @origin, blocks @first..@last), LOCATE (@oper, @n
 * blocks from @block), then READ (oper 6) or WRITE (oper 1) of n 512-byte blocks at @buf.
 */
void fba_prog_build(struct fba_prog *p, uint8_t mask, uint32_t origin, uint32_t first,
		    uint32_t last, uint8_t oper, uint16_t n, uint32_t block, void *buf);

#endif /* GUEST_CHAN_H */
