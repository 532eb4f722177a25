/*
 * Build-time user table (see cp/users.h): OPERATOR (classes A-G), MAINT (A-G), USER01-USER32
 * (G) and TEST001-TEST250 (G), the last for system tests and benchmarks.
 */
#include <cp/cmd.h>
#include <cp/users.h>
#include <lib/ctype.h>
#include <lib/format.h>
#include <lib/string.h>

static int numbered(const char *id, const char *prefix, unsigned digits, unsigned max)
{
	size_t plen = strlen(prefix);
	unsigned n = 0;

	if (strlen(id) != plen + digits || str_casecmp_n(id, prefix, plen) != 0)
		return 0;
	for (unsigned i = 0; i < digits; i++) {
		if (!kisdigit((unsigned char)id[plen + i]))
			return 0;
		n = n * 10 + (unsigned)(id[plen + i] - '0');
	}
	return n >= 1 && n <= max;
}

int user_lookup(const char *userid, struct user_entry *out)
{
	char id[9];
	size_t len = strlen(userid);

	if (len == 0 || len > 8)
		return -1;
	strlcpy(id, userid, sizeof(id));
	str_toupper_inplace(id);
	memset(out, 0, sizeof(*out));
	strlcpy(out->userid, id, sizeof(out->userid));
	out->storage = 16ULL << 20;
	if (!strcmp(id, "OPERATOR") || !strcmp(id, "MAINT")) {
		out->classes = CLASS_ALL_AG;
		return 0;
	}
	if (numbered(id, "USER", 2, 32) || numbered(id, "TEST", 3, 250)) {
		out->classes = CLASS_G;
		out->storage = 4ULL << 20;
		return 0;
	}
	return -1;
}
