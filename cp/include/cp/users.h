/*
 * The users CP knows: a view of the compiled user directory (cp_directory, generated at build
 * time from cp/directory/USER.DIRECT by tools/dirc.c) in the terms the rest of CP uses.
 */
#ifndef CP_USERS_H
#define CP_USERS_H

#include <stdbool.h>
#include <stdint.h>

struct user_entry {
	char userid[9];		/* upper case, NUL-terminated */
	uint32_t classes;	/* CLASS_* bits (<cp/cmd.h>) */
	uint64_t storage;	/* virtual storage at logon, bytes (the USER statement) */
	char ipl_name[9];	/* the IPL statement's system or device, "" if none */
	bool nolog;		/* password NOLOG: the user can never log on */
};

/**
 * user_lookup() - a user's directory entry
 * @userid: the user ID, any case
 * @out: filled on success
 *
 * Return: 0, or -1 when there is no such user.
 */
int user_lookup(const char *userid, struct user_entry *out);

/**
 * user_password_ok() - whether @password is @userid's logon password
 * @userid: the user ID, any case
 * @password: the password as typed (compared case-insensitively, in constant time)
 *
 * Return: true if it matches; false for unknown users, NOLOG users and empty passwords.
 */
bool user_password_ok(const char *userid, const char *password);

#endif
