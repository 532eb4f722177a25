/*
 * A fake machine for host unit tests of CP code that reads arch/hw.h: tests set the facts
 * and devices, and read back what CP wrote to the console.
 */
#ifndef TESTS_UNIT_FAKE_HW_H
#define TESTS_UNIT_FAKE_HW_H

#include <arch/hw.h>

extern struct hw_info fake_info;
extern struct hw_device fake_devices[16];
extern unsigned fake_device_count;
extern uint64_t fake_tod;
extern uint64_t fake_real_key_frame; /* the last hw_set_storage_key() */
extern uint8_t fake_real_key;
extern unsigned fake_real_key_sets;
extern uint64_t fake_idle;

/* Fake block devices: fake_blk_add() makes one of blocks 512-byte blocks, labelled with
 * volser (NULL: no label); fail makes its transfers end with HW_BLK_E_IO. */
#define FAKE_BLK_MAX 8
struct fake_blk {
	struct hw_blk info;
	uint8_t *data;
	bool fail;
};
extern struct fake_blk fake_blks[FAKE_BLK_MAX];
extern unsigned fake_blk_count;
extern unsigned long fake_blk_reads, fake_blk_writes;
void fake_blk_add(uint16_t devno, uint64_t blocks, const char *volser);
void fake_blk_reset(void);

#endif
