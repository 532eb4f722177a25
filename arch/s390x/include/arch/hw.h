/*
 * The narrow interface between CP's portable code and the machine. Nothing here has an
 * architected bit layout: cp/ includes only this header from arch/, and tests/unit provides
 * a fake implementation so CP's logic runs on the host.
 */
#ifndef ARCH_HW_H
#define ARCH_HW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
unsigned hw_device_count(void);
const struct hw_device *hw_device(unsigned index);

/* TOD clock: bit 51 is one microsecond; the epoch is 1900-01-01 00:00 UTC. */
uint64_t hw_tod_clock(void);

/* Operator line console: every console the machine has (SCLP, and a 3215 if present). */
void hw_console_write(const char *text, size_t len);
/* Takes one line the operator entered, if any; returns its length or -1. */
int hw_console_read(char *buf, size_t size);

/* TOD-clock units this CPU spent waiting since IPL: busy time is elapsed time minus this. */
uint64_t hw_idle_time(void);

/* Waits, enabled, until some interruption arrives or timeout_us passes (0: no timeout). */
void hw_wait(uint64_t timeout_us);

/* Ends the system: a disabled wait QEMU and the host console recognise as power-off. */
void hw_power_off(void) __attribute__((noreturn));
/* Prints the reason on the console and stops the CPU in a disabled wait with the code. */
void hw_panic(uint16_t code, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));

#endif
