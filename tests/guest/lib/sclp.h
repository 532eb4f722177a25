/*
 * The guest's SCLP driver: one request at a time, each completed by the service-signal external
 * interruption (0x2401) before the next SERVC, as on a real SCLP. Layouts are arch/sclp.h's.
 */
#ifndef GUEST_SCLP_H
#define GUEST_SCLP_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/sclp.h>

#define SCLP_RC_BOUNDARY_VIOLATION  0x0100
#define SCLP_RC_INVALID_COMMAND	    0x01f0
#define SCLP_RC_INSUFFICIENT_LENGTH 0x0300

/*
 * Runs one SCLP command on the SCCB at sccb (page-aligned, below 2 GB) and waits for its
 * service signal. Returns the response code, or -1 if SERVC gave cc 3 or stayed busy.
 */
int sclp_call(uint32_t command, void *sccb);

/* The condition code of the last SERVC sclp_call() issued (2 = it had to retry while busy). */
int sclp_last_cc(void);

/* Read SCP Info into the driver's page: storage bytes and CPU entries; false if it failed. */
bool sclp_read_info(uint64_t *storage_bytes, unsigned *cpus);

/* Enables line-mode message events (Write Event Mask); true if the SCLP accepts them. */
bool sclp_console_init(void);
/* Sends one line as a message event; returns the response code or -1. */
int sclp_write_line(const char *text, unsigned len);

/* Called by the external-interruption handler with the service-signal parameter. */
void sclp_handle_service_signal(uint32_t param);

#endif
