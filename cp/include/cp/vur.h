/*
 * A machine's virtual unit-record devices (cp/spool/vur.c): reader, punch and printer from
 * the directory's SPOOL statements (a user without any gets reader 00C class *, punch 00D
 * and printer 00E class A). Each is a subchannel 0.0.0010 + slot with its device number,
 * found by STSCH and SENSE ID. The spool settings (SPOOL command) live here too.
 * Tested by tests/unit/test_vur.c and tests/system/test_spool.py.
 */
#ifndef CP_VUR_H
#define CP_VUR_H

#include <stdbool.h>
#include <stdint.h>
#include <cp/vdev.h>

#define VM_MAX_UR    3
#define VUR_SCH_BASE 0x0010 /* subchannel of slot 0 */

struct spool_file;
struct vm;
struct user_entry;

struct vur {
	struct vsubchannel sch; /* sch.exists false: no device in this slot */
	uint8_t queue;		/* enum spool_queue: the device's kind */
	uint8_t sense;		/* sense byte 0 for the next SENSE */
	char cls;		/* output: the class of its files; reader: the class read, or '*' */
	bool cont;		/* SPOOL CONT: files stay open across end of file / CLOSE */
	bool hold;		/* SPOOL HOLD: new files are held */
	uint16_t copies;	/* SPOOL COPY */
	char to[9];		/* SPOOL TO userid (punch, printer): "" means its own queue */
	char dist[9];		/* SPOOL FOR userid (distribution code) */
	struct spool_file *file; /* output: the file being written; reader: the file read */
	uint32_t rpage;		 /* reader: the page of file in page[], its next record */
	unsigned rpos;
	bool rloaded;
	bool full_told; /* the user has been told the spool is full */
	uint8_t *page;	/* a 4 KB frame: the page being written or read (NULL: none yet) */
};

/* LOGON: the devices of the directory entry (after vm_create). */
void vur_define(struct vm *vm, const struct user_entry *u);

/* IPL and SYSTEM RESET: the subchannels reset; spool settings and open files stay. */
void vur_reset(struct vm *vm);

/* LOGOFF: open output files closed (into the spool), the reader file given back. */
void vur_release(struct vm *vm);

/* The machine's open punch and printer files closed, as CLOSE does (LOGOFF, SHUTDOWN). */
void vur_close_output(struct vm *vm);

/* The device with virtual device number @vdev, or NULL. */
struct vur *vur_find(struct vm *vm, uint16_t vdev);

/* The machine's first device of @queue (enum spool_queue), or NULL. */
struct vur *vur_first(struct vm *vm, unsigned queue);

/* The subchannel 0.0.0010 + @slot, or NULL. */
struct vsubchannel *vur_subchannel(struct vm *vm, unsigned slot);

/*
 * CLOSE of an output device: the open file ends and goes where SPOOL TO says (a reader,
 * with the arrival message) or stays in the owner's queue; @fn/@ft name it (NULL: keep).
 * Response lines go to @say_user (the closing user). CLOSE of a reader gives its file
 * back (purged unless KEEP or HOLD, as at end of file). 0, or a message number.
 */
int vur_close(struct vm *vm, struct vur *u, const char *fn, const char *ft, bool purge,
	      void (*say)(void *ctx, const char *line), void *ctx);

/*
 * Moves a closed file to @userid's reader as a new reader file (CLOSE, TRANSFER, the
 * operator's files): the arrival message goes to that user if logged on.
 */
void vur_deliver(struct spool_file *f, const char *userid);

/*
 * The next record of the reader's file for @vm (IPL, DIAG X'14' use the page directly):
 * selects the next file if none is open. 0 with *data and *len set; 1 at end of the file;
 * -1 when the reader has no file.
 */
int vur_next_record(struct vur *u, const uint8_t **data, unsigned *len);

/* The reader's file is done (end of file or CLOSE): purged, or kept and held. */
void vur_reader_done(struct vur *u);

/* The first file the reader @u would read next (not held, its class), or NULL. */
struct spool_file *vur_reader_select(struct vur *u);

/* IPL from the reader @u (architected card-reader IPL); 0, or -1 with *@why set. */
int vur_ipl(struct vm *vm, struct vur *u, bool clear, const char **why);

#endif
