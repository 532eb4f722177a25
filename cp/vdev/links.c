/*
 * The table of links to minidisk extents and z/VM's LINK mode rules (see cp/links.h).
 * Portable; tested by tests/unit/test_links.c.
 */
#include <cp/links.h>
#include <lib/format.h>
#include <lib/string.h>

struct link_table cp_links;

static const char *const mode_names[LINK_MODES] = { "R", "RR", "W", "WR", "M", "MR", "MW" };

int link_mode_parse(const char *s)
{
	char up[3];

	if (!s || !s[0] || strlen(s) > 2)
		return -1;
	strlcpy(up, s, sizeof(up));
	str_toupper_inplace(up);
	for (int m = 0; m < LINK_MODES; m++)
		if (strcmp(up, mode_names[m]) == 0)
			return m;
	return -1;
}

const char *link_mode_name(enum link_mode mode)
{
	return (unsigned)mode < LINK_MODES ? mode_names[mode] : "?";
}

enum link_result link_decide(enum link_mode mode, unsigned others_ro, unsigned others_rw)
{
	switch (mode) {
	case LINK_R:
		return others_rw ? LINK_REFUSED : LINK_OK_RO;
	case LINK_RR:
		return LINK_OK_RO;
	case LINK_W:
		return others_ro || others_rw ? LINK_REFUSED : LINK_OK_RW;
	case LINK_WR:
		return others_ro || others_rw ? LINK_FORCED_RO : LINK_OK_RW;
	case LINK_M:
		return others_rw ? LINK_REFUSED : LINK_OK_RW;
	case LINK_MR:
		return others_rw ? LINK_FORCED_RO : LINK_OK_RW;
	case LINK_MW:
		return LINK_OK_RW;
	default:
		return LINK_REFUSED;
	}
}

static bool same_extent(const struct link_extent *a, const struct link_extent *b)
{
	return a->vol == b->vol && a->start == b->start && a->count == b->count;
}

void link_census(const struct link_table *t, const struct link_extent *ext, const char *userid,
		 struct link_census *out)
{
	memset(out, 0, sizeof(*out));
	for (unsigned i = 0; i < LINK_TABLE_MAX; i++) {
		const struct link_entry *e = &t->e[i];

		if (!e->used || !same_extent(&e->ext, ext) || strcmp(e->userid, userid) == 0)
			continue;
		if (e->rw) {
			if (out->rw++ == 0)
				strlcpy(out->rw_user, e->userid, sizeof(out->rw_user));
			else if (strcmp(out->rw_user, e->userid) != 0)
				out->rw_user[0] = 0; /* more than one user */
		} else {
			if (out->ro++ == 0)
				strlcpy(out->ro_user, e->userid, sizeof(out->ro_user));
			else if (strcmp(out->ro_user, e->userid) != 0)
				out->ro_user[0] = 0;
		}
	}
}

int link_add(struct link_table *t, const struct link_extent *ext, const char *userid,
	     uint16_t vdev, bool rw)
{
	for (unsigned i = 0; i < LINK_TABLE_MAX; i++) {
		struct link_entry *e = &t->e[i];

		if (e->used)
			continue;
		e->ext = *ext;
		strlcpy(e->userid, userid, sizeof(e->userid));
		e->vdev = vdev;
		e->rw = rw;
		e->used = true;
		return 0;
	}
	return -1;
}

void link_drop(struct link_table *t, const char *userid, int vdev)
{
	for (unsigned i = 0; i < LINK_TABLE_MAX; i++) {
		struct link_entry *e = &t->e[i];

		if (e->used && strcmp(e->userid, userid) == 0 && (vdev < 0 || e->vdev == vdev))
			memset(e, 0, sizeof(*e));
	}
}

const struct link_entry *link_nth(const struct link_table *t, const struct link_extent *ext,
				  unsigned n)
{
	for (unsigned i = 0; i < LINK_TABLE_MAX; i++)
		if (t->e[i].used && same_extent(&t->e[i].ext, ext) && n-- == 0)
			return &t->e[i];
	return 0;
}

void link_census_who(const struct link_census *c, char which, char *buf, size_t size)
{
	unsigned n = which == 'W' ? c->rw : c->ro;
	const char *who = which == 'W' ? c->rw_user : c->ro_user;

	if (who[0])
		ksnprintf(buf, size, "%s", who);
	else
		ksnprintf(buf, size, "%u users", n);
}
