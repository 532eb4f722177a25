/*
 * A fake machine for host unit tests of CP code that reads arch/hw.h: tests set the facts
 * and devices, and read back what CP wrote to the console. The hw_io_* channel follows
 * arch/s390x/cio_async.c: a claimed device runs one command at a time; the test plays the
 * device, ending that command or presenting status of its own, and each becomes one event.
 */
#ifndef TESTS_UNIT_FAKE_HW_H
#define TESTS_UNIT_FAKE_HW_H

#include <arch/hw.h>

extern struct hw_info fake_info;
extern struct hw_device fake_devices[16];
extern unsigned fake_device_count;
extern uint64_t fake_tod;
extern unsigned long fake_tod_reads; /* hw_tod_clock() calls */
extern bool fake_work_pending; /* hw_work_pending(): CP has noted work */
extern uint64_t fake_real_key_frame; /* the last hw_set_storage_key() */
extern uint8_t fake_real_key;
extern unsigned fake_real_key_sets;
extern uint64_t fake_idle;
/* What hw_engine() returns: a test scripts a guest by setting its run (and vcpu_init). */
extern struct engine_ops fake_engine;
/* Called by hw_panic() with the code and text when set (it may longjmp); else it aborts. */
extern void (*fake_panic_hook)(uint16_t code, const char *text);

/* Every line hw_console_write() was given (the count goes on past the array). */
#define FAKE_CONSOLE_OUT_LINES 64
extern char fake_console_out[FAKE_CONSOLE_OUT_LINES][256];
extern unsigned fake_console_out_count;
void fake_console_out_reset(void);
bool fake_console_out_has(const char *s);

/* The command a device runs (valid while fake_io_running()). */
struct fake_io_command {
	uint8_t cmd;
	void *data;
	uint16_t count;
};
extern struct fake_io_command fake_io_cmd[16];
/* The condition code SSCH gives on the device: 0; 1 or 2 (hw_io_start -2); 3 (-1). */
extern int fake_io_cc[16];
extern unsigned fake_io_starts[16], fake_io_cancels[16];
bool fake_io_running(unsigned device);
/* The device presents status: the ending status of its command if one runs (solicited),
 * else unsolicited status (attention, a device end on connect). */
void fake_io_status(unsigned device, uint8_t dstat, uint16_t residual);

/* Fake block devices: fake_blk_add() makes one of blocks 512-byte blocks, labelled with
 * volser (NULL: no label); fail makes its transfers end with HW_BLK_E_IO, bad only those
 * that cover block bad_block. */
#define FAKE_BLK_MAX 8
struct fake_blk {
	struct hw_blk info;
	uint8_t *data;
	bool fail;
	bool bad;
	uint64_t bad_block;
	uint8_t ckd_label[80];	/* fake_ckd_add(): the VOL1 label record's data */
};
extern struct fake_blk fake_blks[FAKE_BLK_MAX];
extern unsigned fake_blk_count;
extern unsigned long fake_blk_reads, fake_blk_writes;
void fake_blk_add(uint16_t devno, uint64_t blocks, const char *volser);
/* A CKD 3390 of cyls cylinders as the CKD driver shows it (vm64/ckd.h): 512-byte blocks,
 * track 0 out of reach, the label in its own record (hw_blk_label). */
void fake_ckd_add(uint16_t devno, uint32_t cyls, const char *volser);
void fake_blk_reset(void);

/* hw_ur_run(): the reader's hopper and what the printer was given */
extern const uint8_t (*fake_ur_deck)[80];
extern unsigned fake_ur_deck_cards, fake_ur_deck_read;
extern unsigned fake_ur_writes;
extern uint8_t fake_ur_last_cmd;

#endif
