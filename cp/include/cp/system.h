/*
 * System-wide facts CP's commands report: the level, when CP was IPLed, and the summary of
 * what device discovery found.
 * Covered by tests/unit/test_cmd.c.
 */
#ifndef CP_SYSTEM_H
#define CP_SYSTEM_H

#include <stdint.h>
#include <cp/devclass.h>
#include <vm64/version.h> /* the level the commands report */


struct cp_system {
	uint64_t ipl_tod;                     /* TOD clock when cp_main started */
	unsigned devices_by_group[4];         /* indexed by enum dev_group */
};

extern struct cp_system cp_system;

/*
 * cp_main (cp/main.c) - CP once the machine is known: real storage, the IPL banner, then the
 * operator's console until SHUTDOWN. Called only by arch_boot(); never returns.
 */
void cp_main(void) __attribute__((noreturn));

/* Counts discovered devices by group into cp_system. */
void system_count_devices(void);

/* Writes "MM/DD/YY HH:MM:SS" (z/VM's date and time form) for a TOD value. */
void format_tod_datetime(char *buf, unsigned size, uint64_t tod);
/* "HH:MM:SS UTC WEEKDAY MM/DD/YY", as QUERY TIME and LOGON show the time of day. */
void format_tod_when(char *buf, unsigned size, uint64_t tod);
/* An interval as "HH:MM:SS" (CONNECT=). */
void format_tod_span(char *buf, unsigned size, uint64_t tod_delta);
/* CPU time as "MMM:SS.hh" (VIRTCPU=, TOTCPU=, INDICATE). */
void format_cpu_time(char *buf, unsigned size, uint64_t tod_delta);

#endif
