/*
 * The users CP knows: a view of the compiled user directory (cp_directory, generated at build
 * time from cp/dir/USER.DIRECT by tools/dirc.c) in the terms the rest of CP uses.
 * Covered by tests/unit/test_users.c.
 */
#ifndef CP_USERS_H
#define CP_USERS_H

#include <stdbool.h>
#include <stdint.h>

#define USER_MAX_VDISKS 4
#define USER_MAX_SPOOL	3

/*
 * A SPOOL vdev type [READER|PUNCH] class statement: 2540 READER or 3505 a reader, 2540
 * PUNCH or 3525 a punch, 1403, 3203, 3211 or 3800 a printer (cp/vur.h). Class * (a reader's
 * default) reads every class; an output device's class is given to its files (A default).
 */
struct user_spool {
	uint16_t vdev;
	uint8_t queue;		/* enum spool_queue (cp/spool.h): 0 RDR, 1 PUN, 2 PRT */
	char cls;
};

/*
 * An MDISK vdev FB-512 V-DISK blocks [mode] statement, or (real set) a minidisk:
 * MDISK vdev FB-512 start blocks volser [mode], or (real and link set) a LINK statement to a
 * user's minidisk, with the extent of that minidisk and the LINK's mode.
 */
struct user_vdisk {
	uint16_t vdev;		/* virtual device number */
	uint64_t blocks;	/* 512-byte blocks */
	bool read_only;		/* mode R or RR; W, WR, M, MR, MW (and none) are read/write */
	bool real;		/* a minidisk on a real volume */
	uint64_t start;		/* real: first block on the volume */
	char volser[7];		/* real: the volume */
	char mode[3];		/* real: the link mode (cp/links.h), "W" if the MDISK names none */
	bool link;		/* real: a LINK statement to another user's (or its own) minidisk */
	char owner[9];		/* link: the owner's user ID */
	uint16_t owner_vdev;	/* link: the owner's device number */
};

struct user_entry {
	char userid[9];		/* upper case, NUL-terminated */
	uint32_t classes;	/* CLASS_* bits (<cp/cmd.h>) */
	uint64_t storage;	/* virtual storage at logon, bytes (the USER statement) */
	char ipl_name[9];	/* the IPL statement's system or device, "" if none */
	bool nolog;		/* password NOLOG: the user can never log on */
	bool storage_fixed;	/* OPTION V=F: storage backed by one real run from logon */
	uint8_t max_cpus;	/* MACHINE mode n: virtual CPUs the machine may have */
	uint64_t cpu_mask;	/* CPU statements: bit n for CPU address n (0: CPU 00 only) */
	bool share_absolute;	/* SHARE ABSOLUTE n% (else RELATIVE n) */
	uint16_t share;		/* SHARE's n; 0: none (RELATIVE 100) */
	unsigned nvdisks;	/* V-DISKs and minidisks the entry declares, in directory order */
	struct user_vdisk vdisks[USER_MAX_VDISKS];
	unsigned nspool;	/* SPOOL statements, in directory order */
	struct user_spool spool[USER_MAX_SPOOL];
};

/**
 * dir_lookup() - a user's directory entry
 * @userid: the user ID, any case
 * @out: filled on success
 *
 * Return: 0, or -1 when there is no such user.
 */
int dir_lookup(const char *userid, struct user_entry *out);

/**
 * dir_password_ok() - whether @password is @userid's logon password
 * @userid: the user ID, any case
 * @password: the password as typed (compared case-insensitively, in constant time)
 *
 * Return: true if it matches; false for unknown users, NOLOG users and empty passwords.
 */
bool dir_password_ok(const char *userid, const char *password);

#endif
