/*
 * The users CP knows (see cp/users.h), looked up in the compiled user directory cp_directory.
 * Directory privilege classes (DIR_CLASS) and command classes (CLASS_BIT) share one bit layout:
 * bit n is class 'A' + n.
 * Covered by tests/unit/test_users.c and tests/unit/test_logon.c.
 */
#include <cp/cmd.h>
#include <cp/directory.h>
#include <cp/sysconfig.h>
#include <cp/users.h>
#include <lib/string.h>

_Static_assert(DIR_CLASS('A') == CLASS_A && DIR_CLASS('G') == CLASS_G,
	       "directory and command privilege classes must share a bit layout");
_Static_assert(sizeof(((struct user_entry *)0)->userid) == DIR_WORD_LEN + 1, "user ID length");
_Static_assert(sizeof(((struct user_entry *)0)->ipl_name) == DIR_WORD_LEN + 1, "IPL name length");

/* A LINK statement to a minidisk on a real volume: fills @out with its extent (true). */
static bool link_statement(const struct dir_device *d, struct user_vdisk *out)
{
	const struct dir_user *owner = dir_find(&cp_directory, d->type);
	struct mdisk_extent e;

	for (unsigned i = 0; owner && d->nwords >= 1 && i < owner->ndevices; i++) {
		if (owner->devices[i].vdev != d->link_vdev ||
		    mdisk_extent_of(&owner->devices[i], &e) != 1)
			continue;
		memset(out, 0, sizeof(*out));
		out->vdev = d->vdev;
		out->blocks = e.count;
		out->real = true;
		out->start = e.start;
		strlcpy(out->volser, e.volser, sizeof(out->volser));
		strlcpy(out->mode, d->words[0], sizeof(out->mode));
		out->read_only = out->mode[0] == 'R';
		out->link = true;
		strlcpy(out->owner, owner->userid, sizeof(out->owner));
		out->owner_vdev = d->link_vdev;
		return true;
	}
	return false;
}

/* Whether the directory device is an FB-512 V-DISK or minidisk; if so, fills @out. */
static bool vdisk_statement(const struct dir_device *d, struct user_vdisk *out)
{
	struct mdisk_extent e;
	uint64_t blocks;
	const char *mode;

	if (mdisk_extent_of(d, &e) == 1) {
		memset(out, 0, sizeof(*out));
		out->vdev = e.vdev;
		out->blocks = e.count;
		out->read_only = e.read_only;
		out->real = true;
		out->start = e.start;
		strlcpy(out->volser, e.volser, sizeof(out->volser));
		strlcpy(out->mode, e.mode, sizeof(out->mode));
		return true;
	}
	if (d->kind == DIR_DEV_LINK)
		return link_statement(d, out);
	if (d->kind != DIR_DEV_MDISK || d->nwords < 2 || strcmp(d->type, "FB-512") != 0)
		return false;
	if (strcmp(d->words[0], "V-DISK") != 0 && strcmp(d->words[0], "VDISK") != 0)
		return false;
	if (str_to_u64(d->words[1], 10, &blocks) != 0 || blocks == 0)
		return false;
	mode = d->nwords > 2 ? d->words[2] : "";
	memset(out, 0, sizeof(*out));
	out->vdev = d->vdev;
	out->blocks = blocks;
	out->read_only = mode[0] == 'R';
	return true;
}

/* A SPOOL statement of a unit-record type this CP simulates. */
static bool spool_statement(const struct dir_device *d, struct user_spool *out)
{
	unsigned w = 0;

	if (d->kind != DIR_DEV_SPOOL)
		return false;
	memset(out, 0, sizeof(*out));
	out->vdev = d->vdev;
	if (strcmp(d->type, "2540") == 0) {
		if (d->nwords < 1)
			return false;
		if (strcmp(d->words[0], "READER") == 0 || strcmp(d->words[0], "R") == 0)
			out->queue = 0;
		else if (strcmp(d->words[0], "PUNCH") == 0 || strcmp(d->words[0], "P") == 0)
			out->queue = 1;
		else
			return false;
		w = 1;
	} else if (strcmp(d->type, "3505") == 0) {
		out->queue = 0;
	} else if (strcmp(d->type, "3525") == 0) {
		out->queue = 1;
	} else if (strcmp(d->type, "1403") == 0 || strcmp(d->type, "3203") == 0 ||
		   strcmp(d->type, "3211") == 0 || strcmp(d->type, "3800") == 0) {
		out->queue = 2;
	} else {
		return false;
	}
	out->cls = w < d->nwords ? d->words[w][0] : (out->queue == 0 ? '*' : 'A');
	return true;
}

/**
 * dir_lookup() - a user's directory entry (see cp/users.h)
 * @userid: the user ID, any case
 * @out: filled on success
 *
 * Return: 0, or -1 when there is no such user.
 */
int dir_lookup(const char *userid, struct user_entry *out)
{
	const struct dir_user *u = dir_find(&cp_directory, userid);

	if (!u)
		return -1;
	memset(out, 0, sizeof(*out));
	strlcpy(out->userid, u->userid, sizeof(out->userid));
	out->classes = u->classes;
	out->storage = u->storage;
	strlcpy(out->ipl_name, u->ipl, sizeof(out->ipl_name));
	out->nolog = u->nolog;
	for (unsigned i = 0; i < u->noptions; i++)
		if (strcmp(u->options[i], DIR_OPTION_FIXED) == 0)
			out->storage_fixed = true;
	out->max_cpus = u->cpus;
	out->cpu_mask = u->cpu_mask;
	out->share_absolute = u->share_absolute;
	out->share = u->share;
	for (unsigned i = 0; i < u->ndevices && out->nvdisks < USER_MAX_VDISKS; i++)
		if (vdisk_statement(&u->devices[i], &out->vdisks[out->nvdisks]))
			out->nvdisks++;
	for (unsigned i = 0; i < u->ndevices && out->nspool < USER_MAX_SPOOL; i++)
		if (spool_statement(&u->devices[i], &out->spool[out->nspool]))
			out->nspool++;
	return 0;
}

/**
 * dir_password_ok() - whether @password is @userid's logon password (see cp/users.h)
 * @userid: the user ID, any case
 * @password: the password as typed
 *
 * An unknown user ID costs the same hash as a known one, so the time taken does not tell
 * which user IDs exist.
 *
 * Return: true if the password matches a user who may log on.
 */
bool dir_password_ok(const char *userid, const char *password)
{
	static const struct dir_user nobody = { .nolog = true };
	const struct dir_user *u = dir_find(&cp_directory, userid);
	bool ok = dir_check_password(u ? u : &nobody, password);

	return ok && u && !u->nolog;
}
