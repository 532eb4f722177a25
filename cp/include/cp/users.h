/*
 * The users CP knows until the directory lands: a build-time table (cp/users.c) with the
 * default users and TEST001-TEST250 for the system tests.
 */
#ifndef CP_USERS_H
#define CP_USERS_H

#include <stdint.h>

struct user_entry {
	char userid[9];
	uint32_t classes;        /* CLASS_* bits */
	uint64_t storage;        /* default virtual storage, bytes */
	const char *ipl;         /* default named system, or NULL */
};

/* Fills *out for userid (any case); returns 0, or -1 when there is no such user. */
int user_lookup(const char *userid, struct user_entry *out);

#endif
