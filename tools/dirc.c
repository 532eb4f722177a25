/*
 * dirc: the host-side user directory compiler (see cp/include/cp/directory.h).
 *
 *   dirc check FILE [CONFIG]         list the errors in a USER DIRECT file ("FILE:LINE: msg");
 *                                    with a SYSTEM CONFIG file, check its MDISK extents too
 *   dirc compile FILE OUT.c SECRET [CONFIG]
 *                                    write OUT.c defining const struct directory cp_directory
 *                                    (after the same checks)
 *   dirc config CONFIG OUT.c         check a SYSTEM CONFIG file and write OUT.c defining
 *                                    const struct sysconfig cp_sysconfig
 *
 * Both use the same freestanding parser as CP (cp/dir/parse.c). The compiled directory holds
 * only per-user salts and SHA-256 password hashes, never the passwords; the salts come from
 * the user IDs and SECRET, so the same input and secret always give the same output file.
 * Exit status: 0 on success, 1 on directory errors, 2 on usage or I/O errors.
 * Covered by tests/unit/test_users.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cp/directory.h>
#include <cp/sysconfig.h>

static struct directory dir;
static struct dir_error err;
static struct sysconfig cfg;

static void usage(void)
{
	fprintf(stderr, "usage: dirc check FILE [SYSTEM.CONFIG]\n"
			"       dirc compile FILE OUT.c SECRET [SYSTEM.CONFIG]\n"
			"       dirc config SYSTEM.CONFIG OUT.c\n");
	exit(2);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f) {
		fprintf(stderr, "dirc: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (!buf) {
				fprintf(stderr, "dirc: out of memory\n");
				exit(2);
			}
		}
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "dirc: %s: read error\n", path);
		exit(2);
	}
	fclose(f);
	*len = n;
	return buf;
}

static void print_errors(const char *path)
{
	for (unsigned i = 0; i < err.count && i < DIR_MAX_ERRORS; i++)
		printf("%s:%u: %s\n", path, err.list[i].line, err.list[i].text);
	if (err.count > DIR_MAX_ERRORS)
		printf("%s: %u more errors not shown\n", path, err.count - DIR_MAX_ERRORS);
}

/* Parses a SYSTEM CONFIG file into cfg; on errors prints them all and returns 1. */
static int load_config(const char *path)
{
	size_t len;
	char *text = read_all(path, &len);
	int rc = syscfg_parse(text, len, &cfg, &err);

	free(text);
	if (rc == 0)
		return 0;
	print_errors(path);
	return 1;
}

/*
 * Parses @path (and @config, when given, checking the MDISK extents against it); on errors
 * prints them all and returns 1.
 */
static int load(const char *path, const char *secret, const char *config)
{
	size_t len;
	char *text = read_all(path, &len);
	int rc = dir_parse_secret(text, len, secret, &dir, &err);

	free(text);
	if (rc != 0) {
		print_errors(path);
		return 1;
	}
	if (!config)
		return 0;
	if (load_config(config))
		return 1;
	if (dir_check_extents(&dir, &cfg, &err) == 0)
		return 0;
	print_errors(path);
	return 1;
}

/* A C string literal; directory words are printable ASCII, so only " and \ need escapes. */
static void put_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void put_bytes(FILE *f, const uint8_t *b, size_t n)
{
	fputc('{', f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s0x%02x", i ? (i % 8 ? ", " : ",\n\t\t\t  ") : " ", b[i]);
	fputs(" }", f);
}

static const char *const machine_names[] = {
	[DIR_MACHINE_DEFAULT] = "DIR_MACHINE_DEFAULT",
	[DIR_MACHINE_ESA] = "DIR_MACHINE_ESA",
	[DIR_MACHINE_XA] = "DIR_MACHINE_XA",
	[DIR_MACHINE_XC] = "DIR_MACHINE_XC",
	[DIR_MACHINE_Z] = "DIR_MACHINE_Z",
};

static const char *const kind_names[] = {
	[DIR_DEV_CONSOLE] = "DIR_DEV_CONSOLE",
	[DIR_DEV_SPOOL] = "DIR_DEV_SPOOL",
	[DIR_DEV_MDISK] = "DIR_DEV_MDISK",
	[DIR_DEV_LINK] = "DIR_DEV_LINK",
};

static void put_user(FILE *f, const struct dir_user *u)
{
	fputs("\t\t{\n\t\t\t.userid = ", f);
	put_str(f, u->userid);
	fputs(",\n", f);
	if (u->nolog)
		fputs("\t\t\t.nolog = true,\n", f);
	fprintf(f, "\t\t\t.classes = 0x%02x,\n", u->classes);
	fprintf(f, "\t\t\t.machine = %s,\n\t\t\t.cpus = %u,\n", machine_names[u->machine],
		u->cpus);
	if (u->cpu_mask)
		fprintf(f, "\t\t\t.cpu_mask = 0x%llxull,\n", (unsigned long long)u->cpu_mask);
	if (u->share)
		fprintf(f, "\t\t\t.share_absolute = %s,\n\t\t\t.share = %u,\n",
			u->share_absolute ? "true" : "false", u->share);
	fprintf(f, "\t\t\t.storage = 0x%llxull,\n", (unsigned long long)u->storage);
	fprintf(f, "\t\t\t.maxstorage = 0x%llxull,\n", (unsigned long long)u->maxstorage);
	fputs("\t\t\t.salt = ", f);
	put_bytes(f, u->salt, sizeof(u->salt));
	fputs(",\n\t\t\t.hash = ", f);
	put_bytes(f, u->hash, sizeof(u->hash));
	fputs(",\n", f);
	if (u->ipl[0]) {
		fputs("\t\t\t.ipl = ", f);
		put_str(f, u->ipl);
		fputs(",\n", f);
	}
	if (u->noptions) {
		fprintf(f, "\t\t\t.noptions = %u,\n\t\t\t.options = {", u->noptions);
		for (unsigned i = 0; i < u->noptions; i++) {
			fputs(i ? ", " : " ", f);
			put_str(f, u->options[i]);
		}
		fputs(" },\n", f);
	}
	if (u->ndevices) {
		fprintf(f, "\t\t\t.ndevices = %u,\n\t\t\t.devices = {\n", u->ndevices);
		for (unsigned i = 0; i < u->ndevices; i++) {
			const struct dir_device *d = &u->devices[i];

			fprintf(f, "\t\t\t\t{ .kind = %s, .vdev = 0x%04x, ", kind_names[d->kind],
				d->vdev);
			if (d->kind == DIR_DEV_LINK)
				fprintf(f, ".link_vdev = 0x%04x, ", d->link_vdev);
			fputs(".type = ", f);
			put_str(f, d->type);
			fprintf(f, ", .nwords = %u", d->nwords);
			if (d->nwords) {
				fputs(", .words = {", f);
				for (unsigned j = 0; j < d->nwords; j++) {
					fputs(j ? ", " : " ", f);
					put_str(f, d->words[j]);
				}
				fputs(" }", f);
			}
			if (d->pw_set) {
				fprintf(f, ", .pw_set = 0x%02x, .pw_all = 0x%02x, .pw_hash = {",
					d->pw_set, d->pw_all);
				for (unsigned j = 0; j < DIR_LINKPWS; j++) {
					fputs(j ? ", {" : " {", f);
					for (unsigned k = 0; k < DIR_LINKPW_LEN; k++)
						fprintf(f, "%s0x%02x", k ? "," : "", d->pw_hash[j][k]);
					fputs("}", f);
				}
				fputs(" }", f);
			}
			fputs(" },\n", f);
		}
		fputs("\t\t\t},\n", f);
	}
	fputs("\t\t},\n", f);
}

/* Opens @out's temporary file; NULL (after a message) on failure. */
static FILE *open_out(const char *out, char *tmp, size_t size)
{
	FILE *f;

	if (snprintf(tmp, size, "%s.tmp", out) >= (int)size) {
		fprintf(stderr, "dirc: %s: name too long\n", out);
		return NULL;
	}
	f = fopen(tmp, "w");
	if (!f)
		fprintf(stderr, "dirc: %s: %s\n", tmp, strerror(errno));
	return f;
}

/* Closes the temporary file and renames it to @out; 0, or 2 after a message. */
static int close_out(FILE *f, const char *tmp, const char *out)
{
	if (ferror(f) | fclose(f)) {
		fprintf(stderr, "dirc: %s: write error\n", tmp);
		remove(tmp);
		return 2;
	}
	if (rename(tmp, out) != 0) {
		fprintf(stderr, "dirc: %s: %s\n", out, strerror(errno));
		remove(tmp);
		return 2;
	}
	return 0;
}

static const char *const use_names[] = {
	[SYSCFG_SYSRES] = "SYSCFG_SYSRES",
	[SYSCFG_USER] = "SYSCFG_USER",
};

static int compile_config(const char *in, const char *out)
{
	char tmp[4096];
	FILE *f;

	if (load_config(in))
		return 1;
	f = open_out(out, tmp, sizeof(tmp));
	if (!f)
		return 2;
	fprintf(f, "/*\n * SYSTEM CONFIG, generated by tools/dirc.c from %s: do not edit.\n */\n",
		in);
	fputs("#include <cp/sysconfig.h>\n\n", f);
	fprintf(f, "const struct sysconfig cp_sysconfig = {\n\t.nvolumes = %u,\n\t.volumes = {\n",
		cfg.nvolumes);
	for (unsigned i = 0; i < cfg.nvolumes; i++) {
		fputs("\t\t{ .volser = ", f);
		put_str(f, cfg.volumes[i].volser);
		fprintf(f, ", .use = %s, .blocks = %lluull, .dev_type = 0x%x, .cylinders = %u },\n",
			use_names[cfg.volumes[i].use], (unsigned long long)cfg.volumes[i].blocks,
			cfg.volumes[i].dev_type, cfg.volumes[i].cylinders);
	}
	fputs("\t},\n};\n", f);
	return close_out(f, tmp, out);
}

static int compile(const char *in, const char *out, const char *secret, const char *config)
{
	char tmp[4096];
	FILE *f;

	if (load(in, secret, config))
		return 1;
	f = open_out(out, tmp, sizeof(tmp));
	if (!f)
		return 2;
	fprintf(f, "/*\n * The user directory, generated by tools/dirc.c from %s: do not edit.\n"
		   " * Passwords appear only as salted SHA-256 hashes.\n */\n", in);
	fputs("#include <stdbool.h>\n\n#include <cp/directory.h>\n\n", f);
	fprintf(f, "const struct directory cp_directory = {\n\t.nusers = %u,\n\t.users = {\n",
		dir.nusers);
	for (unsigned i = 0; i < dir.nusers; i++)
		put_user(f, &dir.users[i]);
	fputs("\t},\n};\n", f);
	return close_out(f, tmp, out);
}

int main(int argc, char **argv)
{
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "check") == 0) {
		if (load(argv[2], NULL, argc == 4 ? argv[3] : NULL))
			return 1;
		if (argc == 4)
			printf("%s: %u users, OK; %s: %u volumes, every MDISK extent fits\n",
			       argv[2], dir.nusers, argv[3], cfg.nvolumes);
		else
			printf("%s: %u users, OK\n", argv[2], dir.nusers);
		return 0;
	}
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "compile") == 0)
		return compile(argv[2], argv[3], argv[4], argc == 6 ? argv[5] : NULL);
	if (argc == 4 && strcmp(argv[1], "config") == 0)
		return compile_config(argv[2], argv[3]);
	usage();
	return 2;
}
