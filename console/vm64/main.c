/*
 * vm64: the operator's console for VM/64. Starts CP on Hercules (default) or QEMU, headless,
 * and gives the operator CP's console with line editing, history and Tab completion; see
 * usage() below. "make run" starts it.
 *
 *   main() - options, where things are, the start-up text, the TN3270 port check, then one
 *            session (session.c) whose result is the exit status.
 * Covered by tests/system/test_opcon.py.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "emulator.h"
#include "history.h"
#include "session.h"

#define EXIT_USAGE 2

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: vm64 [options]\n"
		"Boots VM/64's CP on an emulator, headless, and gives you CP's operator console.\n"
		"\n"
		"  --machine hercules|qemu  the emulator (default hercules)\n"
		"  --storage MB             real storage in megabytes (default %u)\n"
		"  --cpus N                 CPUs (default %u)\n"
		"  --terminals N            3270 terminals for users (default %u under Hercules,\n"
		"                           %u under QEMU, at most 64 there)\n"
		"  --port P                 their TN3270 port on 127.0.0.1 (default %u)\n"
		"  --log FILE               the emulator's log (default BUILD/vm64-MACHINE.log)\n"
		"  --history FILE           command history (default ~/.vm64_history)\n"
		"  --build DIR              where cp.elf and hercules/ are (default: the build\n"
		"                           directory this program is in, else ./build)\n"
		"  --data DIR               the data folder: its VOLSER.fba files are the DASD\n"
		"                           volumes, its VOLSER.cckd and VOLSER.ckd files 3390s\n"
		"                           (Hercules only) (default $VM64_DATA, else data/\n"
		"                           beside the build directory); make run creates\n"
		"                           missing ones\n"
		"  --help                   this text\n"
		"\n"
		"At the CP> prompt, lines go to CP (HELP lists its commands); lines starting\n"
		"with ! are for this program (!help). SHUTDOWN, Ctrl-D or Ctrl-C shut the system\n"
		"down.\n"
		"Input may come from a pipe or a file instead of a terminal, e.g.\n"
		"  printf 'QUERY TIME\\nSHUTDOWN\\n' | make run\n"
		"Its lines are read plainly (no editing, no history) and go to CP once CP is\n"
		"ready; SHUTDOWN or the end of input shuts the system down.\n"
		"Exit status: 0 after a clean shutdown, 1 when CP or the emulator failed, 2 for a\n"
		"usage error or a TN3270 port in use, 130 when stopped by a second Ctrl-C.\n",
		CONFIG_DEFAULT_STORAGE_MB, CONFIG_DEFAULT_CPUS, CONFIG_HERCULES_TERMS,
		CONFIG_QEMU_TERMS, CONFIG_DEFAULT_PORT);
}

static void die_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "vm64: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry vm64 --help.\n");
	exit(EXIT_USAGE);
}

static int has_cp(const char *dir)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/cp.elf", dir);
	if (access(path, F_OK) == 0)
		return 1;
	snprintf(path, sizeof(path), "%s/hercules/cp.ins", dir);
	return access(path, F_OK) == 0;
}

/* The build directory: the one holding this program (build/host/vm64), else ./build. */
static const char *find_build_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		exe[n] = 0;
		snprintf(dir, sizeof(dir), "%s", dirname(dirname(exe)));
		if (has_cp(dir))
			return dir;
	}
	return "build";
}

static unsigned number(const char *opt, const char *arg, unsigned min, unsigned max)
{
	unsigned v;

	if (config_parse_uint(arg, min, max, &v) < 0) {
		char msg[128];

		snprintf(msg, sizeof(msg), "%s wants a number from %u to %u, not %%s", opt, min,
			 max);
		die_usage(msg, arg);
	}
	return v;
}

static void parse(int argc, char **argv, struct vm64_opts *o)
{
	static const struct option longopts[] = {
		{ "machine", required_argument, NULL, 'm' },
		{ "storage", required_argument, NULL, 's' },
		{ "cpus", required_argument, NULL, 'c' },
		{ "terminals", required_argument, NULL, 't' },
		{ "port", required_argument, NULL, 'p' },
		{ "log", required_argument, NULL, 'l' },
		{ "history", required_argument, NULL, 'H' },
		{ "build", required_argument, NULL, 'b' },
		{ "data", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[256];
	int c;

	config_defaults(o);
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (machine_parse(optarg, &o->machine) < 0)
				die_usage("--machine is hercules or qemu, not %s", optarg);
			break;
		case 's':
			o->storage_mb = number("--storage", optarg, 1, 1u << 20);
			break;
		case 'c':
			o->cpus = number("--cpus", optarg, 1, 1024);
			break;
		case 't':
			o->terminals = (int)number("--terminals", optarg, 0, 4096);
			break;
		case 'p':
			o->port = number("--port", optarg, 1, 65535);
			break;
		case 'l':
			o->log_path = optarg;
			break;
		case 'H':
			o->history_path = optarg;
			break;
		case 'b':
			o->build_dir = optarg;
			break;
		case 'd':
			o->data_dir = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			fprintf(stderr, "Try vm64 --help.\n");
			exit(EXIT_USAGE);
		}
	}
	if (optind < argc)
		die_usage("unexpected argument %s", argv[optind]);
	if (config_check(o, err, sizeof(err)) < 0)
		die_usage("%s", err);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The operator's card reader and printer (Hercules): the data folder's reader.cards (made
 * empty if missing, so the 3505 has a file to open) and printer.txt. The operator puts a
 * deck, ID card first, in reader.cards and types START READER; START PRINTER prints.
 */
static void unit_record(struct vm64_opts *o, const char *dir)
{
	static char rdr[PATH_MAX + 16], prt[PATH_MAX + 16];
	FILE *f;

	if (strchr(dir, ' '))
		return; /* Hercules takes no blanks in a file name */
	snprintf(rdr, sizeof(rdr), "%s/reader.cards", dir);
	snprintf(prt, sizeof(prt), "%s/printer.txt", dir);
	f = fopen(rdr, "a");
	if (f)
		fclose(f);
	o->reader_path = rdr;
	o->printer_path = prt;
}

/*
 * The volumes of the data folder: every VOLSER.fba file in it, and apart every VOLSER.cckd
 * and VOLSER.ckd (CKD 3390s), sorted by name, as absolute paths (Hercules runs in its own
 * working directory). A missing folder means no volumes.
 */
static void find_volumes(struct vm64_opts *o)
{
	static char dir[PATH_MAX];
	static char *names[CONFIG_MAX_VOLUMES], *ckd[CONFIG_MAX_VOLUMES];
	struct dirent *e;
	DIR *d;

	if (!o->data_dir) {
		const char *env = getenv("VM64_DATA");

		if (env && *env) {
			o->data_dir = env;
		} else {
			static char def[PATH_MAX + 8];

			snprintf(def, sizeof(def), "%s/../data", o->build_dir);
			o->data_dir = def;
		}
	}
	if (!realpath(o->data_dir, dir))
		return;
	o->data_dir = dir;
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		bool is_ckd = (n > 5 && strcmp(e->d_name + n - 5, ".cckd") == 0) ||
			      (n > 4 && strcmp(e->d_name + n - 4, ".ckd") == 0);
		char *path;

		if (!is_ckd && (n <= 4 || strcmp(e->d_name + n - 4, ".fba") != 0))
			continue;
		if (strchr(e->d_name, ' ') ||
		    (is_ckd ? o->nckd : o->nvolumes) >= CONFIG_MAX_VOLUMES)
			continue;
		path = malloc(strlen(dir) + n + 2);
		if (!path)
			break;
		sprintf(path, "%s/%s", dir, e->d_name);
		if (strchr(path, ' ')) {
			fprintf(stderr, "vm64: %s: Hercules takes no blanks in a file name; "
				"not attached\n", path);
			free(path);
			continue;
		}
		if (is_ckd)
			ckd[o->nckd++] = path;
		else
			names[o->nvolumes++] = path;
	}
	closedir(d);
	qsort(names, o->nvolumes, sizeof(names[0]), by_name);
	qsort(ckd, o->nckd, sizeof(ckd[0]), by_name);
	for (unsigned i = 0; i < o->nvolumes; i++)
		o->volumes[i] = names[i];
	for (unsigned i = 0; i < o->nckd; i++)
		o->ckd[i] = ckd[i];
	unit_record(o, dir);
}

/* What the operator sees first: where users connect, and who they can be. */
static void welcome(const struct vm64_opts *o)
{
	unsigned terms = config_terminals(o);

	printf("VM/64 operator console: %s, %uM storage, %u CPU%s, %u 3270 terminal%s\n",
	       o->machine == MACHINE_QEMU ? "QEMU" : "Hercules", o->storage_mb, o->cpus,
	       o->cpus == 1 ? "" : "s", terms, terms == 1 ? "" : "s");
	if (terms)
		printf("  Users connect with a 3270 client:  c3270 127.0.0.1:%u"
		       "   (or !dial here)\n", o->port);
	else
		printf("  No 3270 terminals: users cannot connect (--terminals 0)\n");
	printf("  Default user IDs: OPERATOR (class A-G), MAINT, USER01 ... USER32 (class G)\n");
	printf("  CP commands at the CP> prompt (HELP lists them); Tab completes, Up recalls.\n");
	printf("  !help lists console commands; SHUTDOWN, Ctrl-D or Ctrl-C ends the system.\n");
	printf("  Data folder: %s (%u volume%s)\n", o->data_dir ? o->data_dir : "none",
	       o->nvolumes, o->nvolumes == 1 ? "" : "s");
	printf("  Emulator log: %s\n", o->log_path);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	static char log_path[PATH_MAX], history_path[PATH_MAX];
	struct vm64_opts o;
	int rc;

	parse(argc, argv, &o);
	if (!o.build_dir)
		o.build_dir = find_build_dir();
	if (!o.log_path) {
		snprintf(log_path, sizeof(log_path), "%s/vm64-%s.log", o.build_dir,
			 machine_name(o.machine));
		o.log_path = log_path;
	}
	find_volumes(&o);
	if (!o.history_path) {
		history_default_path(history_path, sizeof(history_path));
		o.history_path = history_path;
	}
	/* Hercules listens on the port; under QEMU vm64-relay does, when there are terminals. */
	if (o.machine == MACHINE_HERCULES || config_terminals(&o) > 0) {
		rc = emu_port_check(o.port);
		if (rc == EADDRINUSE) {
			fprintf(stderr, "vm64: TN3270 port %u on 127.0.0.1 is already in use"
				" (another VM/64?); choose a free one with --port\n", o.port);
			return EXIT_USAGE;
		}
		if (rc) {
			fprintf(stderr, "vm64: cannot listen on TN3270 port %u: %s; choose another"
				" with --port\n", o.port, strerror(rc));
			return EXIT_USAGE;
		}
	}
	welcome(&o);
	return session_run(&o);
}
