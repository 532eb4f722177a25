/*
 * Starting, feeding, watching and stopping the emulator process. The emulator runs in a
 * session of its own (no controlling terminal, its own process group) and is sent SIGKILL
 * by the kernel should the console program die (PR_SET_PDEATHSIG); every exit path of the
 * console program ends its process group through emu_stop().
 * Covered by tests/system/test_opcon.py.
 */
#define _GNU_SOURCE
#include "emulator.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int emu_port_check(unsigned port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int one = 1, fd, rc = 0;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	/* The emulators use SO_REUSEADDR too: a port in TIME_WAIT is free for them. */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 1) < 0)
		rc = errno;
	close(fd);
	return rc;
}

static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in, out, rc = 0;
	ssize_t n;

	in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			rc = -1;
			break;
		}
	if (n < 0)
		rc = -1;
	close(in);
	if (close(out) < 0)
		rc = -1;
	return rc;
}

/* Copies the regular files of dir src into a new dir dst: the IPL files named in a .ins
 * file must really live beside it. */
static int copy_dir(const char *src, const char *dst)
{
	char from[PATH_MAX + 300], to[PATH_MAX + 300];
	struct dirent *d;
	struct stat st;
	DIR *dir;
	int rc = 0;

	if (mkdir(dst, 0755) < 0)
		return -1;
	dir = opendir(src);
	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		if (snprintf(from, sizeof(from), "%s/%s", src, d->d_name) >= (int)sizeof(from) ||
		    snprintf(to, sizeof(to), "%s/%s", dst, d->d_name) >= (int)sizeof(to)) {
			rc = -1;
			continue;
		}
		if (stat(from, &st) == 0 && S_ISREG(st.st_mode) && copy_file(from, to) < 0)
			rc = -1;
	}
	closedir(dir);
	return rc;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	size_t len = strlen(text);
	int rc = 0;

	if (fd < 0)
		return -1;
	if (write(fd, text, len) != (ssize_t)len)
		rc = -1;
	if (close(fd) < 0)
		rc = -1;
	return rc;
}

/* The machine's files in the working directory, and its command line. */
static int prepare(struct emulator *e, const struct vm64_opts *o, struct argv_buf *ab, char *err,
		   size_t errsz)
{
	char path[PATH_MAX + 64], dst[PATH_MAX + 64], text[16384], kernel[PATH_MAX];

	if (o->machine == MACHINE_HERCULES) {
		snprintf(path, sizeof(path), "%s/hercules/cp.ins", o->build_dir);
		if (access(path, R_OK) < 0) {
			snprintf(err, errsz, "%s not found: build CP first (make images)", path);
			return -1;
		}
		snprintf(path, sizeof(path), "%s/hercules", o->build_dir);
		snprintf(dst, sizeof(dst), "%s/ipl", e->workdir);
		if (copy_dir(path, dst) < 0) {
			snprintf(err, errsz, "cannot copy %s to %s: %s", path, dst,
				 strerror(errno));
			return -1;
		}
		snprintf(e->ipl_path, sizeof(e->ipl_path), "ipl/cp.ins");
		if (config_hercules(o, text, sizeof(text)) < 0) {
			snprintf(err, errsz, "Hercules configuration too long");
			return -1;
		}
		snprintf(path, sizeof(path), "%s/vm64.cnf", e->workdir);
		if (write_file(path, text) < 0) {
			snprintf(err, errsz, "cannot write %s: %s", path, strerror(errno));
			return -1;
		}
		emu_log(e, "Hercules configuration %s:", path);
		for (char *l = strtok(text, "\n"); l; l = strtok(NULL, "\n"))
			emu_log(e, "  %s", l);
		return config_hercules_argv("vm64.cnf", ab);
	}
	snprintf(path, sizeof(path), "%s/cp.elf", o->build_dir);
	if (!realpath(path, kernel)) {
		snprintf(err, errsz, "%s not found: build CP first (make images)", path);
		return -1;
	}
	if (config_qemu_argv(o, kernel, ab) < 0) {
		snprintf(err, errsz, "QEMU command line too long");
		return -1;
	}
	return 0;
}

/* In the child: a clean slate of signals, the pipes as stdio, then exec. */
static void child(struct emulator *e, struct argv_buf *ab, int pin[2], int pout[2], int perr[2],
		  int pstat[2], pid_t parent)
{
	sigset_t none;
	int saved;

	setsid();
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			signal(s, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (dup2(pin[0], 0) < 0 || dup2(pout[1], 1) < 0 || dup2(perr[1], 2) < 0)
		goto fail;
	if (chdir(e->workdir) < 0)
		goto fail;
	execvp(ab->argv[0], ab->argv);
fail:
	saved = errno;
	if (write(pstat[1], &saved, sizeof(saved)) < 0)
		_exit(126);
	_exit(127);
}

/*
 * QEMU's users' terminals are virtio-serial ports; vm64-relay (console/relay) listens on the
 * TN3270 port and relays each client over a free one. It ends with vm64 (its stdin is a pipe
 * only vm64 holds) or with emu_stop().
 */
static int start_relay(struct emulator *e, const struct vm64_opts *o, char *err, size_t errsz)
{
	unsigned n = config_terminals(o);
	char relay[PATH_MAX], port[16], **argv;
	int pipefd[2];

	if (o->machine != MACHINE_QEMU || n == 0)
		return 0;
	snprintf(relay, sizeof(relay), "%s/host/vm64-relay", o->build_dir);
	snprintf(port, sizeof(port), "%u", o->port);
	argv = calloc(n + 6, sizeof(*argv));
	if (!argv || pipe2(pipefd, O_CLOEXEC) < 0) {
		snprintf(err, errsz, "cannot start %s: %s", relay, strerror(errno));
		free(argv);
		return -1;
	}
	argv[0] = relay;
	argv[1] = "--port";
	argv[2] = port;
	argv[3] = "--verbose";
	argv[4] = "--watch-stdin";
	for (unsigned i = 0; i < n; i++) {
		argv[5 + i] = malloc(strlen(e->workdir) + 32);
		if (argv[5 + i])
			sprintf(argv[5 + i], "%s/t%u.sock", e->workdir, i);
	}
	e->relay_pid = fork();
	if (e->relay_pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (dup2(pipefd[0], 0) < 0 || dup2(e->log_fd, 1) < 0 || dup2(e->log_fd, 2) < 0)
			_exit(127);
		execv(relay, argv);
		_exit(127);
	}
	close(pipefd[0]);
	e->relay_in = pipefd[1];
	for (unsigned i = 0; i < n; i++)
		free(argv[5 + i]);
	free(argv);
	if (e->relay_pid < 0) {
		e->relay_pid = 0;
		snprintf(err, errsz, "fork: %s", strerror(errno));
		return -1;
	}
	emu_log(e, "relay started (pid %d): %u terminals on 127.0.0.1:%u", (int)e->relay_pid, n,
		o->port);
	return 0;
}

static void stop_relay(struct emulator *e)
{
	if (!e->relay_pid)
		return;
	kill(e->relay_pid, SIGTERM);
	for (int i = 0; i < 100; i++) {
		if (waitpid(e->relay_pid, NULL, WNOHANG) == e->relay_pid) {
			e->relay_pid = 0;
			break;
		}
		usleep(10000);
	}
	if (e->relay_pid) {
		kill(e->relay_pid, SIGKILL);
		while (waitpid(e->relay_pid, NULL, 0) < 0 && errno == EINTR)
			;
		e->relay_pid = 0;
	}
	if (e->relay_in >= 0)
		close(e->relay_in);
	e->relay_in = -1;
}

int emu_start(struct emulator *e, const struct vm64_opts *o, char *err, size_t errsz)
{
	int pin[2], pout[2], perr[2], pstat[2], child_errno = 0;
	const char *tmp = getenv("TMPDIR");
	struct argv_buf ab;
	pid_t parent = getpid();
	ssize_t n;

	memset(e, 0, sizeof(*e));
	e->machine = o->machine;
	e->in_fd = e->out_fd = e->err_fd = e->log_fd = e->relay_in = -1;
	linebuf_init(&e->out_lb, o->machine == MACHINE_QEMU ? LB_LEADING : LB_TERMINATED);
	linebuf_init(&e->err_lb, LB_TERMINATED);

	snprintf(e->log_path, sizeof(e->log_path), "%s", o->log_path);
	e->log_fd = open(o->log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_APPEND, 0644);
	if (e->log_fd < 0) {
		snprintf(err, errsz, "cannot write the log %s: %s", o->log_path, strerror(errno));
		return -1;
	}
	snprintf(e->workdir, sizeof(e->workdir), "%s/vm64-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp",
		 machine_name(o->machine));
	if (!mkdtemp(e->workdir)) {
		snprintf(err, errsz, "cannot make a working directory %s: %s", e->workdir,
			 strerror(errno));
		e->workdir[0] = 0;
		return -1;
	}
	if (prepare(e, o, &ab, err, errsz) < 0)
		return -1;

	if (pipe2(pin, O_CLOEXEC) < 0 || pipe2(pout, O_CLOEXEC) < 0 || pipe2(perr, O_CLOEXEC) < 0 ||
	    pipe2(pstat, O_CLOEXEC) < 0) {
		snprintf(err, errsz, "pipe: %s", strerror(errno));
		return -1;
	}
	e->pid = fork();
	if (e->pid < 0) {
		snprintf(err, errsz, "fork: %s", strerror(errno));
		e->pid = 0;
		return -1;
	}
	if (e->pid == 0)
		child(e, &ab, pin, pout, perr, pstat, parent);
	/* Both sides set the process group, so it exists whichever runs first. */
	setpgid(e->pid, e->pid);
	close(pin[0]);
	close(pout[1]);
	close(perr[1]);
	close(pstat[1]);
	e->in_fd = pin[1];
	e->out_fd = pout[0];
	e->err_fd = perr[0];
	do
		n = read(pstat[0], &child_errno, sizeof(child_errno));
	while (n < 0 && errno == EINTR);
	close(pstat[0]);
	if (n > 0) {
		snprintf(err, errsz, "cannot run %s: %s%s", ab.argv[0], strerror(child_errno),
			 child_errno == ENOENT ? " (install it: make deps)" : "");
		emu_stop(e, 0);
		return -1;
	}
	fcntl(e->in_fd, F_SETFL, O_NONBLOCK);
	fcntl(e->out_fd, F_SETFL, O_NONBLOCK);
	fcntl(e->err_fd, F_SETFL, O_NONBLOCK);

	{
		char cmd[1024];
		size_t len = 0;

		cmd[0] = 0;
		for (int i = 0; i < ab.argc && len < sizeof(cmd); i++)
			len += (size_t)snprintf(cmd + len, sizeof(cmd) - len, "%s%s", i ? " " : "",
						ab.argv[i]);
		emu_log(e, "started (pid %d, in %s): %s", (int)e->pid, e->workdir, cmd);
	}
	if (start_relay(e, o, err, errsz) < 0) {
		emu_stop(e, 0);
		return -1;
	}
	return 0;
}

int emu_write(struct emulator *e, const char *text)
{
	size_t len = strlen(text);
	ssize_t n;

	if (e->in_fd < 0)
		return -1;
	do
		n = write(e->in_fd, text, len);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)len) {
		emu_log(e, "could not pass to the emulator: %s",
			n < 0 ? strerror(errno) : "pipe full");
		return -1;
	}
	return 0;
}

static void log_raw(struct emulator *e, const char *line)
{
	char buf[FILTER_LINE_MAX + 1];
	size_t len = strlen(line);

	if (e->log_fd < 0)
		return;
	if (len > FILTER_LINE_MAX - 1)
		len = FILTER_LINE_MAX - 1;
	memcpy(buf, line, len);
	buf[len++] = '\n';
	if (write(e->log_fd, buf, len) < 0) {
		/* the log is best effort */
	}
}

void emu_log(struct emulator *e, const char *fmt, ...)
{
	char buf[FILTER_LINE_MAX];
	va_list ap;
	int n;

	n = snprintf(buf, sizeof(buf), "vm64: ");
	va_start(ap, fmt);
	vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	va_end(ap);
	log_raw(e, buf);
}

/* An output line: into the log and its tail. */
static void log_line(struct emulator *e, const char *line)
{
	log_raw(e, line);
	if (e->tail_frozen)
		return;
	snprintf(e->tail[e->tail_next], sizeof(e->tail[0]), "%s", line);
	e->tail_next = (e->tail_next + 1) % EMU_TAIL_LINES;
	if (e->tail_count < EMU_TAIL_LINES)
		e->tail_count++;
}

struct out_ctx {
	struct emulator *e;
	linebuf_fn *fn;
	void *ctx;
};

static void out_line(void *p, const char *line)
{
	struct out_ctx *c = p;

	log_line(c->e, line);
	if (c->fn)
		c->fn(c->ctx, line);
}

static void err_line(void *p, const char *line)
{
	struct emulator *e = p;

	if (e->machine == MACHINE_HERCULES && filter_is_status(line))
		return;
	e->err_lines++;
	log_line(e, line);
}

int emu_read(struct emulator *e, int fd, linebuf_fn *fn, void *ctx)
{
	struct out_ctx c = { e, fn, ctx };
	char buf[65536];
	ssize_t n;

	if (fd < 0)
		return -1;
	do
		n = read(fd, buf, sizeof(buf));
	while (n < 0 && errno == EINTR);
	if (n < 0 && errno == EAGAIN)
		return 0;
	if (fd == e->out_fd) {
		if (n > 0) {
			linebuf_feed(&e->out_lb, buf, (size_t)n, out_line, &c);
			return 0;
		}
		linebuf_flush(&e->out_lb, out_line, &c);
		close(e->out_fd);
		e->out_fd = -1;
		return -1;
	}
	if (n > 0) {
		linebuf_feed(&e->err_lb, buf, (size_t)n, err_line, e);
		return 0;
	}
	linebuf_flush(&e->err_lb, err_line, e);
	if (fd == e->err_fd)
		e->err_fd = -1;
	close(fd);
	return -1;
}

bool emu_out_pending(const struct emulator *e)
{
	return linebuf_pending(&e->out_lb);
}

void emu_flush_out(struct emulator *e, linebuf_fn *fn, void *ctx)
{
	struct out_ctx c = { e, fn, ctx };

	linebuf_flush(&e->out_lb, out_line, &c);
}

bool emu_check_exit(struct emulator *e)
{
	siginfo_t si;

	if (!e->pid)
		return true;
	if (e->exited)
		return true;
	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, (id_t)e->pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0) {
		if (errno == ECHILD) { /* already reaped elsewhere: treat as gone */
			e->exited = true;
			e->exit_how = CLD_KILLED;
			e->exit_value = 0;
		}
		return e->exited;
	}
	if (si.si_pid != e->pid)
		return false;
	e->exited = true;
	e->exit_how = si.si_code;
	e->exit_value = si.si_status;
	return true;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Waits up to ms for the emulator to exit, logging what it still prints meanwhile (it may
 * block writing to a full pipe otherwise). */
static bool wait_exit(struct emulator *e, int ms)
{
	long until = now_ms() + ms;

	while (!emu_check_exit(e)) {
		struct pollfd p[2];
		int np = 0;
		long left = until - now_ms();

		if (left <= 0)
			return false;
		if (e->out_fd >= 0)
			p[np++] = (struct pollfd){ .fd = e->out_fd, .events = POLLIN };
		if (e->err_fd >= 0)
			p[np++] = (struct pollfd){ .fd = e->err_fd, .events = POLLIN };
		if (poll(p, (nfds_t)np, left < 20 ? (int)left : 20) > 0)
			for (int i = 0; i < np; i++)
				if (p[i].revents)
					emu_read(e, p[i].fd, NULL, NULL);
	}
	return true;
}

void emu_stop(struct emulator *e, int grace_ms)
{
	stop_relay(e);
	if (!e->pid)
		return;
	if (!e->exited)
		emu_freeze_tail(e);
	if (!wait_exit(e, grace_ms)) {
		emu_log(e, "still running after %d ms: SIGTERM", grace_ms);
		killpg(e->pid, SIGTERM);
		/* A running Hercules may ignore SIGTERM. */
		if (!wait_exit(e, 1500)) {
			emu_log(e, "still running: SIGKILL");
			killpg(e->pid, SIGKILL);
			wait_exit(e, 5000);
		}
	}
	/* Anything left in its process group goes too; the group id cannot have been reused
	 * while the leader is an unreaped zombie. */
	killpg(e->pid, SIGKILL);
	while (waitpid(e->pid, NULL, 0) < 0 && errno == EINTR)
		;
	{
		char how[64];

		emu_describe_exit(e, how, sizeof(how));
		emu_log(e, "emulator ended: %s", how);
	}
	e->pid = 0;
	if (e->in_fd >= 0)
		close(e->in_fd);
	e->in_fd = -1;
}

void emu_describe_exit(const struct emulator *e, char *buf, size_t size)
{
	if (!e->exited)
		snprintf(buf, size, "still running");
	else if (e->exit_how == CLD_EXITED)
		snprintf(buf, size, "exit status %d", e->exit_value);
	else
		snprintf(buf, size, "killed by signal %d (%s)", e->exit_value,
			 strsignal(e->exit_value));
}

void emu_freeze_tail(struct emulator *e)
{
	e->tail_frozen = true;
}

void emu_print_tail(const struct emulator *e, FILE *f)
{
	unsigned first = (e->tail_next + EMU_TAIL_LINES - e->tail_count) % EMU_TAIL_LINES;

	if (!e->tail_count) {
		fprintf(f, "vm64: the emulator printed nothing; its log is %s\n", e->log_path);
		fflush(f);
		return;
	}
	fprintf(f, "---- last %u lines of %s ----\n", e->tail_count, e->log_path);
	for (unsigned i = 0; i < e->tail_count; i++)
		fprintf(f, "%s\n", e->tail[(first + i) % EMU_TAIL_LINES]);
	fprintf(f, "----\n");
	fflush(f);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void emu_cleanup(struct emulator *e)
{
	if (e->out_fd >= 0)
		close(e->out_fd);
	if (e->err_fd >= 0)
		close(e->err_fd);
	if (e->in_fd >= 0)
		close(e->in_fd);
	e->out_fd = e->err_fd = e->in_fd = -1;
	if (e->workdir[0]) {
		nftw(e->workdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
		e->workdir[0] = 0;
	}
	if (e->log_fd >= 0)
		close(e->log_fd);
	e->log_fd = -1;
}
