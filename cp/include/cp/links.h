/*
 * Links to minidisks: who has which extent of a real volume, and in what access, so that a
 * LINK (or a LOGON with MDISK and LINK statements) is checked against the links of the other
 * users, z/VM's way. The rule for each mode (z/VM CP Commands and Utilities Reference, LINK):
 *
 *   R   read-only, unless another user has a write link: then no link
 *   RR  read-only, whatever the other links
 *   W   write, unless another user has any link: then no link
 *   WR  write, unless another user has any link: then read-only ("forced R/O")
 *   M   write, unless another user has a write link: then no link
 *   MR  write, unless another user has a write link: then read-only
 *   MW  write, whatever the other links
 *
 * Links a user has itself never count against it. The table is portable; cp_links is CP's
 * one instance (cp/vdev/links.c). Tested by tests/unit/test_links.c (every mode against every
 * combination of other links, census and messages) and tests/unit/test_cmd.c (LINK, DETACH,
 * QUERY LINKS).
 */
#ifndef CP_LINKS_H
#define CP_LINKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dasd_device;

enum link_mode { LINK_R, LINK_RR, LINK_W, LINK_WR, LINK_M, LINK_MR, LINK_MW, LINK_MODES };

enum link_result {
	LINK_OK_RW,	/* a write link */
	LINK_OK_RO,	/* the read-only link asked for */
	LINK_FORCED_RO, /* WR or MR given read-only because of the other links */
	LINK_REFUSED,	/* no link */
};

/* An extent of a volume; the directory keeps extents apart, so equal means shared. */
struct link_extent {
	const struct dasd_device *vol;
	uint64_t start;
	uint64_t count;
};

struct link_entry {
	struct link_extent ext;
	char userid[9];
	uint16_t vdev; /* the linking user's device number */
	bool rw;
	bool used;
};

#define LINK_TABLE_MAX 512

struct link_table {
	struct link_entry e[LINK_TABLE_MAX];
};

/* The other users' links to an extent: how many, and one user ID of each kind. */
struct link_census {
	unsigned ro, rw;
	char ro_user[9], rw_user[9];
};

extern struct link_table cp_links;

/* "R", "RR", ... "MW" (any case) as a mode; -1 for anything else. "" is -1 too. */
int link_mode_parse(const char *s);
const char *link_mode_name(enum link_mode mode);

/* The rule above: the link @mode gets, given the other users' links. */
enum link_result link_decide(enum link_mode mode, unsigned others_ro, unsigned others_rw);

/* Counts the links of users other than @userid to @ext. */
void link_census(const struct link_table *t, const struct link_extent *ext, const char *userid,
		 struct link_census *out);

/* Records a link; -1 when the table is full. */
int link_add(struct link_table *t, const struct link_extent *ext, const char *userid,
	     uint16_t vdev, bool rw);

/* Forgets @userid's link at @vdev (DETACH), or all of @userid's links (LOGOFF: vdev < 0). */
void link_drop(struct link_table *t, const char *userid, int vdev);

/* The links to @ext, in table order: the n-th one, or NULL past the end. */
const struct link_entry *link_nth(const struct link_table *t, const struct link_extent *ext,
				  unsigned n);

/*
 * The text after "R/O by"/"R/W by" in z/VM's messages: the user ID when there is one user,
 * "n users" otherwise; @which: 'O' for the read-only links, 'W' for the write links.
 */
void link_census_who(const struct link_census *c, char which, char *buf, size_t size);

#endif
