/*
 * CMS's messages: one table, so tests and HELP can refer to them. Identifiers follow
 * z/VM's shape, DMS + module + number + severity (I info, R reply wanted, W warning,
 * E error, S severe, T terminal); the numbers are our own. The return code is what the
 * Ready(nnnnn); message shows after a command ends with the message; z/VM's codes where
 * a z/VM user would know them (28 file not found, 24 bad operands, 36 disk not accessed,
 * 13 disk full, -3 unknown command).
 * Covered by tests/system/test_cms.py.
 */
#include <stdarg.h>
#include <lib/format.h>
#include <cms/cms.h>
#include <cms/cmds.h>

struct msg_def {
	const char *id;
	const char *text;
	int rc;
};

static const struct msg_def msgs[CMSG_COUNT] = {
	[CMSG_UNKNOWN_COMMAND]   = { "DMSCMD001E", "Unknown CP/CMS command", -3 },
	[CMSG_INVALID_OPERAND]   = { "DMSCMD002E", "Invalid operand: %s", 24 },
	[CMSG_MISSING_OPERAND]   = { "DMSCMD003E", "Missing operand(s)%s", 24 },
	[CMSG_FILE_NOT_FOUND]    = { "DMSFIL004E", "File %s %s %s not found", 28 },
	[CMSG_INVALID_FILEID]    = { "DMSFIL005E", "Invalid fileid: %s", 20 },
	[CMSG_DISK_NOT_ACCESSED] = { "DMSACC006E", "Disk %c not accessed", 36 },
	[CMSG_NO_DEVICE]         = { "DMSACC007E", "Device %s does not exist or is not a disk", 100 },
	[CMSG_DISK_FULL]         = { "DMSFIL008E", "Disk %c(%03X) is full; %s %s %s not written", 13 },
	[CMSG_FILE_EXISTS]       = { "DMSFIL009E", "File %s %s %s already exists; specify REPLACE", 28 },
	[CMSG_DISK_CORRUPT]      = { "DMSFIL010S", "Disk %c(%03X) is damaged: %s", 31 },
	[CMSG_DISK_ERROR]        = { "DMSFIL011S", "Error on disk %c(%03X): %s", 100 },
	[CMSG_NOT_FORMATTED]     = { "DMSACC012E", "Disk %03X is not formatted; use FORMAT %03X %c", 37 },
	[CMSG_FORMAT_CONFIRM]    = { "DMSFOR013R", "FORMAT will erase all files on disk %c(%03X). "
				     "Do you wish to continue? Enter 1 (YES) or 0 (NO).", 0 },
	[CMSG_FORMATTED]         = { "DMSFOR014I", "Disk %c(%03X) formatted: %u blocks of %u bytes, label %s", 0 },
	[CMSG_NOT_FORMATTED_NOW] = { "DMSFOR015I", "Disk %c(%03X) not formatted", 0 },
	[CMSG_READ_ONLY]         = { "DMSFIL016E", "Disk %c(%03X) is read-only", 36 },
	[CMSG_INVALID_ADDRESS]   = { "DMSSTO017E", "Invalid storage address: %s", 24 },
	[CMSG_NO_HELP]           = { "DMSHLP018E", "No help for %s; HELP lists the commands", 28 },
	[CMSG_NO_STORAGE]        = { "DMSCMD019E", "Not enough virtual storage", 104 },
	[CMSG_DIR_FULL]          = { "DMSFIL020E", "Directory of disk %c(%03X) is full; %s %s %s not written", 13 },
	[CMSG_ACCESSED]          = { "DMSACC021I", "%03X accessed as %c (%s, %u files)", 0 },
	[CMSG_RELEASED]          = { "DMSACC022I", "%c(%03X) released", 0 },
	[CMSG_NO_FILES]          = { "DMSLST023E", "File %s %s %s not found", 28 },
	[CMSG_RECORD_TOO_LONG]   = { "DMSFIL024E", "Record too long for %s %s %s", 32 },
	[CMSG_VDISK_FORMATTED]   = { "DMSACC025I", "%s %03X was not formatted: formatted and accessed as %c", 0 },
	[CMSG_NOT_BLANK]         = { "DMSACC026W", "Disk %03X has data but no CMS file system: not formatted, not accessed; FORMAT it to reuse it", 0 },
	[CMSG_STORED]            = { "DMSSTO026I", "Stored %u byte(s) at %s", 0 },
	[CMSG_SAME_FILE]         = { "DMSCPY027E", "Source and target are the same file", 24 },
	/* Spool (cms/spoolcmds.c) */
	[CMSG_UR_NO_DEVICE]      = { "DMSSPL028E", "Virtual %s %03X does not exist", 100 },
	[CMSG_UR_ERROR]          = { "DMSSPL029E", "Error on virtual %s %03X: %s", 100 },
	[CMSG_RDR_EMPTY]         = { "DMSRDC030E", "No files in your reader", 28 },
	[CMSG_RDR_NO_FILE]       = { "DMSRCV031E", "No reader file %s", 28 },
	[CMSG_RECEIVED]          = { "DMSRCV032I", "File %s %s %s received from %s, %u records", 0 },
	[CMSG_READ_IN]           = { "DMSRDC033I", "File %s %s %s read, %u records%s", 0 },
	[CMSG_DECK_SHORT]        = { "DMSRDC034W", "File %s %s %s has %u records; its header card said %u", 4 },
	[CMSG_SENT]              = { "DMSSND035I", "File %s %s %s sent to %s", 0 },
	[CMSG_NO_NAME]           = { "DMSRCV036E", "Reader file %04u has no name; give fn ft", 24 },
	[CMSG_RDRLIST_PROMPT]    = { "DMSRDL037R", "Enter RECEIVE n [fn ft fm] [(REPLACE], PEEK n, DISCARD n, or QUIT", 0 },
	[CMSG_RDRLIST_NUMBER]    = { "DMSRDL038E", "No file %s in the list", 24 },
	[CMSG_PEEK]              = { "DMSPEK039I", "Reader file %04u from %s: %s %s %c %u, %u cards", 0 },
};

int cms_msg(enum cms_msg id, ...)
{
	char text[200];
	va_list ap;

	va_start(ap, id);
	kvsnprintf(text, sizeof(text), msgs[id].text, ap);
	va_end(ap);
	con_printf("%s %s", msgs[id].id, text);
	return msgs[id].rc;
}

int cms_fs_error(int err, char mode, const char *fn, const char *ft)
{
	struct cms_disk *d = disk_by_mode(mode);
	unsigned vdev = d ? d->vdev : 0;
	char fm[2] = {mode, 0};

	switch (err) {
	case CMSFS_ENOENT:
		return cms_msg(CMSG_FILE_NOT_FOUND, fn, ft, fm);
	case CMSFS_EEXIST:
		return cms_msg(CMSG_FILE_EXISTS, fn, ft, fm);
	case CMSFS_EFULL:
		return cms_msg(CMSG_DISK_FULL, mode, vdev, fn, ft, fm);
	case CMSFS_EDIRFULL:
		return cms_msg(CMSG_DIR_FULL, mode, vdev, fn, ft, fm);
	case CMSFS_EBADNAME:
		return cms_msg(CMSG_INVALID_FILEID, fn);
	case CMSFS_ECORRUPT:
	case CMSFS_ENOTFMT:
		return cms_msg(CMSG_DISK_CORRUPT, mode, vdev, cmsfs_strerror(err));
	case CMSFS_EINVAL:
		return cms_msg(CMSG_RECORD_TOO_LONG, fn, ft, fm);
	default:
		return cms_msg(CMSG_DISK_ERROR, mode, vdev, cmsfs_strerror(err));
	}
}
