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

#endif
