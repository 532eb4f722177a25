/*
 * The emulator configuration written from the console's options: the Hercules .cnf text and
 * the QEMU argv. See config.h; the working settings are those in shared/design/EMULATORS.md.
 * Covered by tests/unit/test_opcon_config.c and tests/system/test_opcon.py.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Limits of what each machine accepts (Hercules 3.13 is built for at most 8 engines). */
#define STORAGE_MIN_MB	  16
#define STORAGE_MAX_MB	  65536
#define HERCULES_MAX_CPUS 8
#define QEMU_MAX_CPUS	  64
#define HERCULES_MAX_TERM 255

const char *machine_name(enum machine m)
{
	return m == MACHINE_QEMU ? "qemu" : "hercules";
}

int machine_parse(const char *s, enum machine *m)
{
	if (!strcasecmp(s, "hercules"))
		*m = MACHINE_HERCULES;
	else if (!strcasecmp(s, "qemu"))
		*m = MACHINE_QEMU;
	else
		return -1;
	return 0;
}

void config_defaults(struct vm64_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->machine = MACHINE_HERCULES;
	o->storage_mb = CONFIG_DEFAULT_STORAGE_MB;
	o->cpus = CONFIG_DEFAULT_CPUS;
	o->terminals = -1;
	o->port = CONFIG_DEFAULT_PORT;
}

unsigned config_terminals(const struct vm64_opts *o)
{
	if (o->terminals >= 0)
		return (unsigned)o->terminals;
	return o->machine == MACHINE_QEMU ? CONFIG_QEMU_TERMS : CONFIG_HERCULES_TERMS;
}

int config_parse_uint(const char *s, unsigned min, unsigned max, unsigned *out)
{
	char *end;
	unsigned long v;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

int config_check(const struct vm64_opts *o, char *err, size_t errsz)
{
	unsigned maxcpu = o->machine == MACHINE_QEMU ? QEMU_MAX_CPUS : HERCULES_MAX_CPUS;
	unsigned terms = config_terminals(o);

	if (o->storage_mb < STORAGE_MIN_MB || o->storage_mb > STORAGE_MAX_MB) {
		snprintf(err, errsz, "--storage %u: give %u to %u (megabytes)", o->storage_mb,
			 STORAGE_MIN_MB, STORAGE_MAX_MB);
		return -1;
	}
	if (o->cpus < 1 || o->cpus > maxcpu) {
		snprintf(err, errsz, "--cpus %u: %s supports 1 to %u CPUs", o->cpus,
			 machine_name(o->machine), maxcpu);
		return -1;
	}
	if (o->machine == MACHINE_QEMU && terms > CONFIG_QEMU_MAX_TERMS) {
		snprintf(err, errsz, "--terminals %u: QEMU takes 0 to %u terminals", terms,
			 CONFIG_QEMU_MAX_TERMS);
		return -1;
	}
	/* Hercules refuses a configuration without any device. */
	if (o->machine == MACHINE_HERCULES && (terms < 1 || terms > HERCULES_MAX_TERM)) {
		snprintf(err, errsz, "--terminals %u: Hercules needs 1 to %u terminals", terms,
			 HERCULES_MAX_TERM);
		return -1;
	}
	if (o->port < 1 || o->port > 65535) {
		snprintf(err, errsz, "--port %u: give a TCP port from 1 to 65535", o->port);
		return -1;
	}
	return 0;
}

/* Appends formatted text to buf; *len becomes -1 once it no longer fits. */
static void put(char *buf, size_t size, int *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len < 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - (size_t)*len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size - (size_t)*len)
		*len = -1;
	else
		*len += n;
}

int config_hercules(const struct vm64_opts *o, char *buf, size_t size)
{
	unsigned terms = config_terminals(o);
	int len = 0;

	if (!size)
		return -1;
	buf[0] = 0;
	put(buf, size, &len, "# VM/64 on Hercules, written by the operator console (vm64).\n");
	put(buf, size, &len, "CPUSERIAL 000611\n");
	put(buf, size, &len, "CPUMODEL  2064\n");
	put(buf, size, &len, "MAINSIZE  %u\n", o->storage_mb);
	put(buf, size, &len, "NUMCPU    %u\n", o->cpus);
	put(buf, size, &len, "ARCHMODE  z/Arch\n");
	put(buf, size, &len, "OSTAILOR  QUIET\n");
	put(buf, size, &len, "CODEPAGE  819/037\n");
	put(buf, size, &len, "LEGACYSENSEID ON\n");
	put(buf, size, &len, "PANRATE   SLOW\n");
	put(buf, size, &len, "CNSLPORT  127.0.0.1:%u\n", o->port);
	/* dyngui: panel commands on stdin, the log on stdout, status lines on stderr. */
	put(buf, size, &len, "LDMOD     dyngui\n");
	put(buf, size, &len, "# %u 3270 terminal%s for users (TN3270 on the port above)\n", terms,
	    terms == 1 ? "" : "s");
	if (terms == 1)
		put(buf, size, &len, "%04X 3270\n", CONFIG_FIRST_TERMINAL);
	else if (terms > 1)
		put(buf, size, &len, "%04X.%u 3270\n", CONFIG_FIRST_TERMINAL, terms);
	if (o->nvolumes)
		put(buf, size, &len, "# DASD volumes of the data folder (FBA; CP finds them by label)\n");
	for (unsigned i = 0; i < o->nvolumes; i++)
		put(buf, size, &len, "%04X 9336 %s\n", CONFIG_FIRST_VOLUME + i, o->volumes[i]);
	if (o->nckd)
		put(buf, size, &len, "# CKD 3390 volumes of the data folder (compressed CKD)\n");
	for (unsigned i = 0; i < o->nckd; i++)
		put(buf, size, &len, "%04X 3390 %s\n", CONFIG_FIRST_CKD + i, o->ckd[i]);
	if (o->reader_path || o->printer_path)
		put(buf, size, &len, "# the operator's card reader and printer (START READER|PRINTER)\n");
	if (o->reader_path)
		put(buf, size, &len, "000C 3505 %s ascii eof trunc\n", o->reader_path);
	if (o->printer_path)
		put(buf, size, &len, "000E 1403 %s\n", o->printer_path);
	return len;
}

static void arg(struct argv_buf *ab, const char *fmt, ...)
{
	va_list ap;
	size_t room = sizeof(ab->text) - ab->used;
	int n;

	if (ab->overflow || ab->argc >= CONFIG_ARGV_MAX - 1) {
		ab->overflow = true;
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(ab->text + ab->used, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room) {
		ab->overflow = true;
		return;
	}
	ab->argv[ab->argc++] = ab->text + ab->used;
	ab->argv[ab->argc] = NULL;
	ab->used += (size_t)n + 1;
}

static void argv_init(struct argv_buf *ab)
{
	ab->argc = 0;
	ab->argv[0] = NULL;
	ab->used = 0;
	ab->overflow = false;
}

int config_hercules_argv(const char *cnf, struct argv_buf *ab)
{
	argv_init(ab);
	arg(ab, "hercules");
	arg(ab, "-f");
	arg(ab, "%s", cnf);
	arg(ab, "-d");
	return ab->overflow ? -1 : 0;
}

int config_qemu_argv(const struct vm64_opts *o, const char *kernel, struct argv_buf *ab)
{
	argv_init(ab);
	arg(ab, "qemu-system-s390x");
	arg(ab, "-machine");
	arg(ab, "s390-ccw-virtio");
	arg(ab, "-nodefaults");
	arg(ab, "-display");
	arg(ab, "none");
	arg(ab, "-m");
	arg(ab, "%uM", o->storage_mb);
	arg(ab, "-smp");
	arg(ab, "%u", o->cpus);
	/* CP's operator console on stdin/stdout; QEMU's own messages go to stderr. */
	arg(ab, "-chardev");
	arg(ab, "stdio,id=con0,signal=off");
	arg(ab, "-device");
	arg(ab, "sclplmconsole,chardev=con0,echo=off");
	for (unsigned t = 0, dev = 0; t < config_terminals(o); dev++) {
		unsigned n = config_terminals(o) - t;

		if (n > CONFIG_QEMU_PORTS_PER_DEV)
			n = CONFIG_QEMU_PORTS_PER_DEV;
		arg(ab, "-device");
		arg(ab, "virtio-serial-ccw,id=vs%u,max_ports=%u", dev, n + 1);
		for (unsigned nr = 1; nr <= n; nr++, t++) {
			arg(ab, "-chardev");
			arg(ab, "socket,id=t%u,path=t%u.sock,server=on,wait=off", t, t);
			arg(ab, "-device");
			arg(ab, "virtserialport,bus=vs%u.0,nr=%u,chardev=t%u", dev, nr, t);
		}
	}
	/*
	 * The volumes as virtio-blk-ccw disks (CP's virtio-blk driver), the same raw files
	 * Hercules attaches as FBA devices, at the same device numbers. cache=writethrough: QEMU
	 * writes each request to the file (and fdatasync()s it) before it tells CP the request is
	 * done, so a write CP acknowledged survives a kill of QEMU, and of the host.
	 */
	for (unsigned i = 0; i < o->nvolumes; i++) {
		char path[2 * PATH_MAX + 1];
		size_t n = 0;

		for (const char *p = o->volumes[i]; *p && n + 2 < sizeof(path); p++) {
			path[n++] = *p;
			if (*p == ',')
				path[n++] = ','; /* QEMU's option syntax doubles a comma */
		}
		path[n] = 0;
		arg(ab, "-drive");
		arg(ab, "file=%s,format=raw,if=none,id=vol%u,cache=writethrough", path, i);
		arg(ab, "-device");
		arg(ab, "virtio-blk-ccw,drive=vol%u,devno=fe.0.%04x", i, CONFIG_FIRST_VOLUME + i);
	}
	arg(ab, "-action");
	arg(ab, "panic=exit-failure");
	arg(ab, "-no-reboot");
	arg(ab, "-kernel");
	arg(ab, "%s", kernel);
	return ab->overflow ? -1 : 0;
}
