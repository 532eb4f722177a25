/*
 * The operator console's options and the emulator configuration they produce: the Hercules
 * configuration file text and the QEMU command line. Pure functions (no I/O), unit-tested in
 * tests/unit/test_opcon_config.c.
 */
#ifndef CONSOLE_VM64_CONFIG_H
#define CONSOLE_VM64_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

enum machine { MACHINE_HERCULES, MACHINE_QEMU };

#define CONFIG_DEFAULT_STORAGE_MB 256
#define CONFIG_DEFAULT_CPUS	  1
#define CONFIG_DEFAULT_PORT	  3270
#define CONFIG_HERCULES_TERMS	  32 /* default 3270s under Hercules, from device 0020 */
#define CONFIG_QEMU_TERMS	  32 /* virtio-serial ports behind vm64-relay, as many as Hercules */
#define CONFIG_QEMU_MAX_TERMS	  64 /* CP's terminal table (TERM_MAX) */
#define CONFIG_QEMU_PORTS_PER_DEV 30 /* classic indicators: queues 0-63, ports 0-30; 0 reserved */
#define CONFIG_FIRST_TERMINAL	  0x0020
#define CONFIG_FIRST_VOLUME	  0x0100 /* DASD volumes from here, in file-name order */
#define CONFIG_MAX_VOLUMES	  32
#define CONFIG_FIRST_CKD	  0x0200 /* CKD 3390 volumes (Hercules only) from here */

struct vm64_opts {
	enum machine machine;
	unsigned storage_mb;
	unsigned cpus;
	int terminals; /* -1 until set: the machine's default */
	unsigned port; /* TN3270 port on 127.0.0.1 */
	const char *build_dir;
	const char *log_path;
	const char *history_path;
	const char *data_dir; /* the data folder: its VOLSER.fba files are the DASD volumes */
	/* The volume image files (absolute paths) attached to Hercules as FBA 9336 devices,
	 * to QEMU as virtio-blk-ccw disks, from CONFIG_FIRST_VOLUME; CP finds them by label,
	 * not by number. */
	unsigned nvolumes;
	const char *volumes[CONFIG_MAX_VOLUMES];
	/* The VOLSER.cckd (compressed) and VOLSER.ckd (uncompressed) files: CKD 3390 volumes
	 * attached to Hercules from CONFIG_FIRST_CKD in name order;
	 * QEMU has no CKD, so under QEMU they are not attached (CP says the volume is missing). */
	unsigned nckd;
	const char *ckd[CONFIG_MAX_VOLUMES];
	/* Hercules' real unit-record devices (NULL: none): a 3505 at 000C reading this deck as
	 * ASCII text (the data folder's reader.cards) and a 1403 at 000E appending to this file
	 * (the data folder's printer.txt); CP's START READER / START PRINTER drive them. */
	const char *reader_path;
	const char *printer_path;
};

/* A command line built in one fixed buffer: argv[] points into text[]. */
#define CONFIG_ARGV_MAX	 (48 + 4 * CONFIG_QEMU_MAX_TERMS + 4 * CONFIG_MAX_VOLUMES + 8)
#define CONFIG_ARGV_TEXT 32768
struct argv_buf {
	int argc;
	char *argv[CONFIG_ARGV_MAX];
	char text[CONFIG_ARGV_TEXT];
	size_t used;
	bool overflow;
};

/**
 * machine_name() - the machine's name as used in options and file names.
 */
const char *machine_name(enum machine m);

/**
 * machine_parse() - "hercules" or "qemu" (any case) to enum machine; -1 if neither.
 */
int machine_parse(const char *s, enum machine *m);

/**
 * config_defaults() - options as "make run" uses them: Hercules, 256M, 1 CPU, port 3270.
 */
void config_defaults(struct vm64_opts *o);

/**
 * config_terminals() - the number of 3270 terminals: the option, or the machine's default.
 */
unsigned config_terminals(const struct vm64_opts *o);

/**
 * config_parse_uint() - a decimal number in [min, max]; -1 if s is not one.
 */
int config_parse_uint(const char *s, unsigned min, unsigned max, unsigned *out);

/**
 * config_check() - checks the options against what the chosen machine supports.
 * Returns 0, or -1 with a one-line reason in err.
 */
int config_check(const struct vm64_opts *o, char *err, size_t errsz);

/**
 * config_hercules() - writes the Hercules configuration file text into buf.
 * Returns its length, or -1 if buf is too small.
 */
int config_hercules(const struct vm64_opts *o, char *buf, size_t size);

/**
 * config_hercules_argv() - the Hercules command line for configuration file cnf.
 */
int config_hercules_argv(const char *cnf, struct argv_buf *ab);

/**
 * config_qemu_argv() - the QEMU command line booting kernel (cp.elf) with the options.
 * CP's operator console is the SCLP line-mode console on QEMU's stdin/stdout, without echo.
 * Users' terminals are ports of virtio-serial-ccw devices (30 a device), port i on the unix
 * socket t<i>.sock in QEMU's working directory, where vm64-relay connects its clients.
 * The volumes are raw virtio-blk-ccw disks (cache=writethrough) from CONFIG_FIRST_VOLUME.
 * Returns 0, or -1 if the command line does not fit.
 */
int config_qemu_argv(const struct vm64_opts *o, const char *kernel, struct argv_buf *ab);

#endif
