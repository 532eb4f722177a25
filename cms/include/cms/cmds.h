/*
 * CMS commands: the parsed command line, the command table, numbered messages, and the
 * accessed disks (mode letters and the search order) that the file commands share.
 * Covered by tests/system/test_cms.py.
 */
#ifndef CMS_CMDS_H
#define CMS_CMDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cms/blkdev.h>
#include <cms/cmsfs.h>
#include <cms/parse.h>


struct cms_command {
	const char *name;
	size_t min;                  /* shortest abbreviation */
	int (*run)(struct cms_args *a, const char *line);
	const char *syntax;          /* for HELP */
	const char *help;
};
extern const struct cms_command cms_commands[];
extern const size_t cms_command_count;
const struct cms_command *cms_find_command(const char *word);

/* ---- messages (msgs.c): one table, z/VM style DMSmmmnnns ---- */
enum cms_msg {
	CMSG_UNKNOWN_COMMAND,
	CMSG_INVALID_OPERAND,
	CMSG_MISSING_OPERAND,
	CMSG_FILE_NOT_FOUND,
	CMSG_INVALID_FILEID,
	CMSG_DISK_NOT_ACCESSED,
	CMSG_NO_DEVICE,
	CMSG_DISK_FULL,
	CMSG_FILE_EXISTS,
	CMSG_DISK_CORRUPT,
	CMSG_DISK_ERROR,
	CMSG_NOT_FORMATTED,
	CMSG_FORMAT_CONFIRM,
	CMSG_FORMATTED,
	CMSG_NOT_FORMATTED_NOW,
	CMSG_READ_ONLY,
	CMSG_INVALID_ADDRESS,
	CMSG_NO_HELP,
	CMSG_NO_STORAGE,
	CMSG_DIR_FULL,
	CMSG_ACCESSED,
	CMSG_RELEASED,
	CMSG_NO_FILES,
	CMSG_RECORD_TOO_LONG,
	CMSG_VDISK_FORMATTED,
	CMSG_NOT_BLANK,
	CMSG_STORED,
	CMSG_SAME_FILE,
	CMSG_UR_NO_DEVICE,
	CMSG_UR_ERROR,
	CMSG_RDR_EMPTY,
	CMSG_RDR_NO_FILE,
	CMSG_RECEIVED,
	CMSG_READ_IN,
	CMSG_DECK_SHORT,
	CMSG_SENT,
	CMSG_NO_NAME,
	CMSG_RDRLIST_PROMPT,
	CMSG_RDRLIST_NUMBER,
	CMSG_PEEK,
	CMSG_COUNT
};
/* Writes the message; returns its return code. */
int cms_msg(enum cms_msg id, ...);
/* The message for a file-system error code (CMSFS_E*) on disk mode; returns its rc. */
int cms_fs_error(int err, char mode, const char *fn, const char *ft);

/* ---- accessed disks (disks.c) ---- */
struct cms_disk {
	char mode;                   /* 'A'..'Z'; 0 = slot free */
	uint16_t vdev;
	bool read_only;
	struct blkdev dev;
	struct cmsfs fs;
};
#define CMS_MAX_DISKS 8
void disks_ipl(void);
struct cms_disk *disk_by_mode(char mode);
/* The disks in search order (A to Z): index 0..; NULL past the last. */
struct cms_disk *disk_in_order(unsigned i);
/*
 * Finds fn ft on mode (or, for mode '*' or 0, the first disk in search order that has it).
 * Returns the disk, or NULL after writing the message (*rc set).
 */
struct cms_disk *disk_find_file(const char *fn, const char *ft, char mode, int *rc);
/*
 * Gives a file just opened a run buffer from the heap (cmsfs_set_buffer), so its blocks move
 * CMSFS_RUN_MAX to a DIAGNOSE X'250'; the buffer to cms_free after the file is closed, or NULL
 * (no storage: the file goes a block at a time).
 */
void *disk_run_buffer(struct cmsfs_file *f);
/* Parses a file mode operand ("A", "A1", "*"): the letter, '*', or 0 if invalid. */
char parse_mode(const char *word);

/* ---- settings (cmdtab.c) ---- */
extern bool cms_impcp;         /* SET IMPCP: unknown commands go to CP */
extern bool cms_rdymsg_long;   /* SET RDYMSG LMSG: Ready; T=cpu/elapsed hh:mm:ss */

/* Passes a command line to CP (DIAG X'08'); prints the response. Returns CP's rc. */
int cms_pass_to_cp(const char *line, bool implied);

/* Command handlers, by file. */
int cmd_access(struct cms_args *a, const char *line);
int cmd_release(struct cms_args *a, const char *line);
int cmd_format(struct cms_args *a, const char *line);
int query_disk(struct cms_args *a);
int query_search(struct cms_args *a);
int cmd_listfile(struct cms_args *a, const char *line);
int cmd_type(struct cms_args *a, const char *line);
int cmd_copyfile(struct cms_args *a, const char *line);
int cmd_rename(struct cms_args *a, const char *line);
int cmd_erase(struct cms_args *a, const char *line);
int cmd_edit(struct cms_args *a, const char *line);
int cmd_punch(struct cms_args *a, const char *line);
int cmd_print(struct cms_args *a, const char *line);
int cmd_sendfile(struct cms_args *a, const char *line);
int cmd_readcard(struct cms_args *a, const char *line);
int cmd_receive(struct cms_args *a, const char *line);
int cmd_peek(struct cms_args *a, const char *line);
int cmd_rdrlist(struct cms_args *a, const char *line);
int cmd_tell(struct cms_args *a, const char *line);

#endif
