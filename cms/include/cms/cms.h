/*
 * The CMS nucleus's runtime: the virtual console, the DIAGNOSE calls CMS makes to CP, the
 * private heap, timing, and the abend path. Everything here runs in the guest; the portable
 * parts of CMS (file system, editor, command parsing) do not include this header.
 * Covered by tests/system/test_cms.py.
 */
#ifndef CMS_CMS_H
#define CMS_CMS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CMS_LINE_MAX 130   /* a console line, as the 3215 takes it */

/* ---- console (console.c): the 3215 at subchannel 0, devno 0009 ---- */
void con_init(void);
/* Writes one line (longer text is split at CMS_LINE_MAX). */
void con_write(const char *text);
void con_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Reads one line from the terminal (VM READ); returns its length, NUL-terminated in buf. */
size_t con_read(char *buf, size_t size);

/* ---- DIAGNOSE (diag.c) ---- */
struct cms_ident {
	char system[9];     /* X'00': "VM/64" */
	char userid[9];
	unsigned version, release, mod;
};
void diag_identify(struct cms_ident *id);
/*
 * CP command (X'08'). With resp non-NULL the response comes back into resp (ASCII, lines
 * ended by '\n', NUL-terminated, truncated to size); without it CP writes it to the console.
 * Returns CP's return code.
 */
int diag_cp(const char *cmd, char *resp, size_t size);
struct cms_clock {
	char date[9];       /* MM/DD/YY */
	char time[9];       /* HH:MM:SS */
	uint64_t virt_cpu_us, total_cpu_us;
};
void diag_clock(struct cms_clock *c);
uint64_t diag_storage_size(void);
/* X'24': class/type of a virtual device; -1 if there is none. */
/* DIAGNOSE X'24': the virtual class, type and flags (DIAG24_FLAG_*; vflags may be NULL). */
int diag_devtype(uint16_t devno, uint8_t *vclass, uint8_t *vtype, uint8_t *vflags);
/* X'10': give pages [first, last] back to CP. */
void diag_release_pages(uint64_t first, uint64_t last);

/* ---- block I/O, DIAGNOSE X'250' (blockio.c) ---- */
struct blkdev;
/* Opens devno as a block device of block_size bytes: 0 (read/write), 1 (read-only), or -1 if
 * CP has no such disk. */
int blockio_open(struct blkdev *dev, uint16_t devno, uint32_t block_size);
void blockio_close(struct blkdev *dev);

/* ---- heap (heap.c): private storage outside the image ---- */
void heap_init(uint64_t storage_size);
void *cms_alloc(size_t n);
void cms_free(void *p);
/* True when nothing is allocated; then heap_trim() gives the touched pages back to CP. */
bool heap_empty(void);
void heap_trim(void);
uint64_t heap_free_bytes(void);

/* ---- time (time.c) ---- */
uint64_t cms_tod(void);               /* TOD clock */
void cms_sleep_ms(unsigned ms);

/* ---- program checks (abend.c) ---- */
/* Called by head.S with the registers saved at the program check; never returns. */
void cms_program_check(const uint64_t *gprs) __attribute__((noreturn));
/* head.S: run fn on a fresh main stack. */
void cms_restart(void (*fn)(void)) __attribute__((noreturn));
/* head.S: wait enabled for the PSW interruption mask bits given; 1 = I/O, 2 = external. */
int cms_wait(uint64_t psw_mask);
extern char cms_io_return[], cms_ext_return[], cms_pgm_entry[];
extern char __nucleus_start[], __nucleus_end[], __bss_end[];

/* The command loop (main.c): restarted after an abend. */
void cms_command_loop(void) __attribute__((noreturn));
extern int cms_last_rc;
/* The IPL sequence (main.c); called only from head.S. */
void cms_main(void);

#endif
