/*
 * The console's event loop. One poll() waits on the operator's terminal, the emulator's
 * stdout and stderr, and a self-pipe that turns signals into events. The system goes
 * through these states:
 *
 *   booting  - emulator started (Hercules: IPL command sent); commands typed are queued
 *   running  - CP said VMCIPL002I; commands go to CP one at a time, a little apart
 *   stopping - SHUTDOWN sent (or CP shutting down, or CP failed); no prompt; bounded wait
 *              for CP's VMCSHU960I and the machine's end (Hercules: the wait PSW, then the
 *              "quit" panel command; QEMU exits by itself)
 *   done     - emulator reaped; the exit status says how it ended
 * !punch and !save move files between the host and the spool through CP's INPUT and OUTPUT.
 * Covered by tests/system/test_opcon.py (test_punch_and_save).
 */
#define _GNU_SOURCE
#include "session.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dial.h"
#include "emulator.h"
#include "filter.h"
#include "tty.h"

#define QUIET_FLUSH_MS	 30	/* QEMU: a partial line is shown after this quiet time */
#define SEND_GAP_MS	 200	/* between queued commands */
#define READY_WAIT_MS	 120000 /* CP assumed ready after this long anyway */
#define SHUTDOWN_WAIT_MS 30000	/* for CP's clean shutdown */
#define CRASH_WAIT_MS	 10000	/* for the machine to stop after a CP failure */
#define QUIT_WAIT_MS	 10000	/* Hercules: for "quit" to end it */
#define IPL_FALLBACK_MS	 5000	/* Hercules: IPL after this long if its start-up is not seen */
#define IPL_RETRY_MS	 500	/* Hercules: IPL again after a refusal, this much later */
#define IPL_TRIES	 20
#define QUEUE_MAX	 32
#define HELD_MAX	 200	/* CP lines held while c3270 runs in this terminal */
#define WINDOWS_MAX	 16

static const struct vm64_opts *opts;
static struct emulator emu;
static struct filter filt;

static struct {
	bool cp_ready;
	bool stopping;
	bool crashed;	      /* CP ABEND, unclean wait, or emulator died */
	bool shutdown_done;   /* VMCSHU960I */
	bool psw_seen, psw_clean;
	bool quit_sent;	      /* Hercules */
	bool port_warned;
	unsigned ipl_tries;   /* Hercules: IPL commands sent */
	long ipl_at_ms;	      /* Hercules: when to send the (next) IPL command; 0: none due */
	bool stdin_ok;
	bool done;
	int exit_code;
	long started_ms, deadline_ms, next_send_ms, last_out_ms;
	char *queue[QUEUE_MAX];
	unsigned queued;
	pid_t dial_pid; /* c3270 in this terminal */
	char *held[HELD_MAX];
	unsigned nheld, dropped;
	pid_t windows[WINDOWS_MAX];
	unsigned nwindows;
} s;

/*
 * !punch and !save: a host file into a user's reader through CP's INPUT command, one line
 * at a time, each sent only after CP's "INPUT nnnn" for the one before (the Hercules
 * console holds one line); a spool file's OUTPUT lines ('<') into a host file.
 */
#define XFER_TEXT_CARD 80
#define XFER_HEX_BYTES 50  /* a line of 100 hex digits: Hercules passes 120 characters */
#define XFER_ACK_MS    30000

static struct {
	char **lines;
	size_t n, next;
	bool await;
	long sent_ms;
	FILE *save;	    /* !save: the host file being written */
	bool save_hex;
	char save_name[256];
	unsigned saved;
} xfer;

static int sig_pipe[2] = { -1, -1 };

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* ---- signals -------------------------------------------------------------------------- */

static void on_signal(int sig)
{
	int saved = errno;
	unsigned char c = (unsigned char)sig;

	if (write(sig_pipe[1], &c, 1) < 0) {
		/* pipe full: an event is pending anyway */
	}
	errno = saved;
}

static void signals_init(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGWINCH };
	struct sigaction sa;

	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		perror("vm64: pipe");
		exit(1);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* ---- output ----------------------------------------------------------------------------- */

/* A CP line for the operator: shown, or held while c3270 has the terminal. */
static void show(const char *line)
{
	if (!s.dial_pid) {
		tty_print(line);
		return;
	}
	if (s.nheld < HELD_MAX)
		s.held[s.nheld++] = strdup(line);
	else
		s.dropped++;
}

static void show_held(void)
{
	for (unsigned i = 0; i < s.nheld; i++) {
		if (s.held[i])
			tty_print(s.held[i]);
		free(s.held[i]);
	}
	if (s.dropped)
		tty_note("%u more lines of CP output are in the log %s", s.dropped, emu.log_path);
	s.nheld = s.dropped = 0;
}

/* ---- talking to CP -------------------------------------------------------------------- */

static void send_now(const char *cmd)
{
	char buf[1100];

	emu_log(&emu, "operator command: %s", cmd);
	if (emu.machine == MACHINE_HERCULES) {
		/* ".text" on the panel is an operator command for the SCLP console. */
		snprintf(buf, sizeof(buf), ".%s", cmd);
		filter_expect_echo(&filt, buf, false);
		strcat(buf, "\n");
	} else {
		snprintf(buf, sizeof(buf), "%s\r", cmd);
	}
	emu_write(&emu, buf);
}

static void queue_cmd(const char *cmd)
{
	if (s.queued == QUEUE_MAX) {
		tty_note("too many commands waiting for CP; %s dropped", cmd);
		return;
	}
	s.queue[s.queued++] = strdup(cmd);
}

static bool xfer_line(const char *line);

static void xfer_drop(const char *why)
{
	for (size_t i = 0; i < xfer.n; i++)
		free(xfer.lines[i]);
	free(xfer.lines);
	xfer.lines = NULL;
	xfer.n = xfer.next = 0;
	xfer.await = false;
	if (why)
		tty_note("!punch stopped: %s", why);
}

static void send_queued(long now)
{
	if (!s.queued && xfer.n && s.cp_ready && !s.stopping &&
	    (!xfer.await || now - xfer.sent_ms > XFER_ACK_MS)) {
		if (xfer.await) {
			xfer_drop("CP did not answer a card");
			send_now("INPUT CANCEL");
			return;
		}
		send_now(xfer.lines[xfer.next]);
		xfer.await = xfer.lines[xfer.next][0] == '>' || xfer.next == 0;
		xfer.sent_ms = now;
		if (++xfer.next == xfer.n)
			xfer_drop(NULL);
		return;
	}
	if (!s.queued || !s.cp_ready || now < s.next_send_ms)
		return;
	if (s.queue[0])
		send_now(s.queue[0]);
	free(s.queue[0]);
	memmove(s.queue, s.queue + 1, sizeof(s.queue[0]) * --s.queued);
	s.next_send_ms = now + SEND_GAP_MS;
}

/* Hercules: "ipl" on the panel, once its CPUs are ready for it. */
static void send_ipl(void)
{
	char ipl[4200];

	s.ipl_at_ms = 0;
	s.ipl_tries++;
	snprintf(ipl, sizeof(ipl), "ipl %s", emu.ipl_path);
	filter_expect_echo(&filt, ipl, true);
	emu_log(&emu, "%s", ipl);
	strcat(ipl, "\n");
	emu_write(&emu, ipl);
}

static void begin_stopping(long wait_ms)
{
	if (s.dial_pid == 0)
		tty_prompt_off();
	s.stopping = true;
	s.deadline_ms = now_ms() + wait_ms;
}

/* SHUTDOWN, Ctrl-C, Ctrl-D and SIGTERM all end here. */
static void request_shutdown(const char *why)
{
	if (s.stopping) {
		tty_note("already shutting down; press Ctrl-C again to stop the emulator at once");
		return;
	}
	/* Before CP is ready the SHUTDOWN waits in the queue (commands on a pipe arrive at
	 * once), so CP's start-up, bounded by READY_WAIT_MS, is allowed for too. */
	begin_stopping(SHUTDOWN_WAIT_MS +
		       (s.cp_ready ? 0 : s.started_ms + READY_WAIT_MS - now_ms()));
	tty_note("%s: shutting down CP%s", why, s.cp_ready ? "" : " once it has started");
	queue_cmd("SHUTDOWN");
}

/* The end, when the emulator is gone or must go. */
static void finish(int code)
{
	s.exit_code = code;
	s.done = true;
}

static void crash(const char *fmt, const char *arg)
{
	char buf[256];

	snprintf(buf, sizeof(buf), fmt, arg);
	if (!s.stopping)
		begin_stopping(CRASH_WAIT_MS);
	else if (s.deadline_ms > now_ms() + CRASH_WAIT_MS)
		s.deadline_ms = now_ms() + CRASH_WAIT_MS;
	if (!s.crashed)
		tty_note("%s", buf);
	s.crashed = true;
}

/* ---- the emulator's output ---------------------------------------------------------------- */

static void on_out_line(void *ctx, const char *line)
{
	struct filter_result r = filter_line(&filt, line);
	char addr[32];

	(void)ctx;
	if (r.kind == LINE_CP && xfer_line(line + r.skip))
		return;
	if (r.kind == LINE_CP)
		show(line + r.skip);
	switch (r.event) {
	case FE_NONE:
		break;
	case FE_CP_READY:
		s.cp_ready = true;
		break;
	case FE_SHUTDOWN_STARTED:
		if (!s.stopping) {
			tty_note("CP is shutting down");
			begin_stopping(SHUTDOWN_WAIT_MS);
		}
		break;
	case FE_SHUTDOWN_DONE:
		s.shutdown_done = true;
		break;
	case FE_ABEND:
		crash("CP failed (%s); waiting for the machine to stop", "ABEND");
		break;
	case FE_WAIT_PSW:
		s.psw_seen = true;
		s.psw_clean = filter_psw_clean(r.psw_addr);
		snprintf(addr, sizeof(addr), "%llX", (unsigned long long)r.psw_addr);
		if (!s.psw_clean || !s.shutdown_done)
			crash("CP stopped in a disabled wait state, PSW address %s", addr);
		if (!s.quit_sent) {
			s.quit_sent = true;
			/* a crash report shows what led here, not the quit */
			emu_freeze_tail(&emu);
			emu_log(&emu, "quit (wait PSW address %s)", addr);
			filter_expect_echo(&filt, "quit", false);
			emu_write(&emu, "quit\n");
			if (!s.stopping)
				begin_stopping(QUIT_WAIT_MS);
			else
				s.deadline_ms = now_ms() + QUIT_WAIT_MS;
		}
		break;
	case FE_HERCULES_UP:
		if (!s.ipl_tries)
			s.ipl_at_ms = now_ms();
		break;
	case FE_IPL_REJECTED:
		if (s.ipl_tries < IPL_TRIES && !s.stopping)
			s.ipl_at_ms = now_ms() + IPL_RETRY_MS;
		else
			crash("Hercules refuses to IPL CP (%s)", "HHCPN053E");
		break;
	case FE_PORT_BUSY:
		if (!s.port_warned) {
			s.port_warned = true;
			tty_note("Hercules waits for port %u, which another program holds",
				  opts->port);
		}
		break;
	}
}

/* ---- the operator's commands ------------------------------------------------------------ */

/* A CP line seen during a transfer: true when it was taken (a saved '<' record). */
static bool xfer_line(const char *line)
{
	if (xfer.await && !strncmp(line, "INPUT", 5))
		xfer.await = false;
	else if (xfer.await && !strncmp(line, "VMC", 3) && strlen(line) > 10 && line[9] == 'E') {
		xfer_drop("CP refused it");
		send_now("INPUT CANCEL");
	}
	if (!xfer.save)
		return false;
	if (line[0] == '<') {
		const char *p = line + 1;

		if (xfer.save_hex) {
			for (; isxdigit((unsigned char)p[0]) && isxdigit((unsigned char)p[1]); p += 2) {
				unsigned v;

				sscanf(p, "%2x", &v);
				fputc((int)v, xfer.save);
			}
		} else {
			fprintf(xfer.save, "%s\n", p);
		}
		xfer.saved++;
		return true;
	}
	if (!strncmp(line, "OUTPUT END", 10) || !strncmp(line, "VMCSPL012E", 10)) {
		fclose(xfer.save);
		xfer.save = NULL;
		tty_note("%u records saved in %s", xfer.saved, xfer.save_name);
	}
	return false;
}

static void xfer_add(char *line)
{
	char **more = realloc(xfer.lines, (xfer.n + 1) * sizeof(*more));

	if (!more || !line) {
		free(line);
		return;
	}
	xfer.lines = more;
	xfer.lines[xfer.n++] = line;
}

/* "name.type" of the host file: CMS-style NAME fn ft (8 characters each, upper case). */
static void xfer_name(const char *path, char *fn, char *ft)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t i, j = 0;

	for (i = 0; base[i] && base[i] != '.' && i < 8; i++)
		fn[i] = (char)toupper((unsigned char)base[i]);
	fn[i] = 0;
	if ((base = strchr(base, '.')))
		for (base++; base[j] && base[j] != '.' && j < 8; j++)
			ft[j] = (char)toupper((unsigned char)base[j]);
	ft[j] = 0;
	if (!*fn)
		strcpy(fn, "HOST");
	if (!*ft)
		strcpy(ft, "FILE");
}

static void local_punch(const char *path, const char *user, bool hex)
{
	char fn[9], ft[9], *line = NULL, *cmd;
	size_t cap = 0;
	ssize_t len;
	FILE *f;

	if (!*path || !*user) {
		tty_note("usage: !punch hostfile userid [hex]");
		return;
	}
	if (xfer.n) {
		tty_note("a !punch is still going");
		return;
	}
	f = fopen(path, "rb");
	if (!f) {
		tty_note("%s: %s", path, strerror(errno));
		return;
	}
	xfer_name(path, fn, ft);
	if (asprintf(&cmd, "INPUT TO %s NAME %s %s%s", user, fn, ft, hex ? " HEX" : "") > 0)
		xfer_add(cmd);
	if (hex) {
		unsigned char b[XFER_HEX_BYTES];
		size_t n;

		while ((n = fread(b, 1, sizeof(b), f)) > 0) {
			char *l = malloc(2 * n + 2);

			if (!l)
				break;
			l[0] = '>';
			for (size_t i = 0; i < n; i++)
				sprintf(l + 1 + 2 * i, "%02X", b[i]);
			xfer_add(l);
		}
	} else {
		while ((len = getline(&line, &cap, f)) >= 0) {
			while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
				line[--len] = 0;
			for (ssize_t at = 0; at < len || (at == 0 && len == 0); at += XFER_TEXT_CARD) {
				char *l;

				if (asprintf(&l, ">%.*s", XFER_TEXT_CARD, line + at) > 0)
					xfer_add(l);
				if (len == 0)
					break;
			}
		}
		free(line);
	}
	fclose(f);
	xfer_add(strdup("INPUT END"));
	tty_note("punching %s to %s's reader as %s %s (%zu lines)", path, user, fn, ft, xfer.n - 2);
}

static void local_save(const char *id, const char *path, bool hex)
{
	char *cmd;

	if (!*id || !*path) {
		tty_note("usage: !save spoolid hostfile [hex]");
		return;
	}
	if (xfer.save) {
		tty_note("a !save is still going");
		return;
	}
	xfer.save = fopen(path, "wb");
	if (!xfer.save) {
		tty_note("%s: %s", path, strerror(errno));
		return;
	}
	snprintf(xfer.save_name, sizeof(xfer.save_name), "%s", path);
	xfer.save_hex = hex;
	xfer.saved = 0;
	if (asprintf(&cmd, "OUTPUT %s%s", id, hex ? " HEX" : "") > 0) {
		queue_cmd(cmd);
		free(cmd);
	}
}

static void local_help(void)
{
	tty_note("console commands (everything else goes to CP; CP's HELP lists its own):");
	tty_print("  !help            this list");
	tty_print("  !dial [USERID]   a 3270 session for a user (c3270): in a new window when");
	tty_print("                   there is a display, else in this terminal until c3270 ends");
	tty_print("  !c3270           the same");
	tty_print("  !punch FILE USERID [hex]  a host file into a user's reader as cards (text:");
	tty_print("                   a card a line; hex: the bytes as they are)");
	tty_print("  !save SPOOLID FILE [hex]  a spool file's records into a host file");
	tty_print("  Tab completes CP commands, QUERY operands and user IDs; Up and Down recall");
	tty_print("  earlier commands. SHUTDOWN, Ctrl-D or Ctrl-C shut the system down.");
}

static void local_dial(const char *user)
{
	char err[256];
	pid_t pid;

	if (config_terminals(opts) == 0) {
		tty_note("this machine has no 3270 terminals (--terminals 0)");
		return;
	}
	if (s.dial_pid) {
		tty_note("c3270 is already running in this terminal");
		return;
	}
	switch (dial_start(opts->port, &pid, err, sizeof(err))) {
	case DIAL_FAILED:
		tty_note("%s; connect a 3270 client to 127.0.0.1:%u", err, opts->port);
		break;
	case DIAL_WINDOW:
		tty_note("c3270 127.0.0.1:%u started in a new window%s%s", opts->port,
			  *user ? "; log on as " : "", user);
		if (s.nwindows < WINDOWS_MAX)
			s.windows[s.nwindows++] = pid;
		break;
	case DIAL_HERE:
		tty_note("c3270 127.0.0.1:%u in this terminal%s%s; to come back, press Ctrl-]"
			  " and type quit", opts->port, *user ? "; log on as " : "", user);
		tty_prompt_off();
		s.dial_pid = pid;
		emu_log(&emu, "c3270 started in the terminal (pid %d)", (int)pid);
		break;
	}
}

static void local_command(const char *cmd)
{
	char word[32] = "", arg[64] = "", arg2[256] = "", arg3[16] = "";

	sscanf(cmd, "%31s %63s %255s %15s", word, arg, arg2, arg3);
	if (!strcasecmp(word, "punch")) {
		for (char *p = arg2; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		local_punch(arg, arg2, !strcasecmp(arg3, "hex"));
		return;
	}
	if (!strcasecmp(word, "save")) {
		local_save(arg, arg2, !strcasecmp(arg3, "hex"));
		return;
	}
	for (char *p = arg; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	if (!strcasecmp(word, "help") || !*word)
		local_help();
	else if (!strcasecmp(word, "dial") || !strcasecmp(word, "c3270"))
		local_dial(arg);
	else
		tty_note("unknown console command !%s; !help lists them", word);
}

static bool is_shutdown(const char *cmd)
{
	return !strcasecmp(cmd, "SHUTDOWN");
}

static void on_operator_line(char *line)
{
	char *p, *end;

	if (!line) {
		request_shutdown("end of input (Ctrl-D)");
		return;
	}
	for (p = line; *p == ' ' || *p == '\t'; p++)
		;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = 0;
	if (*p) {
		tty_remember(p);
		if (*p == '!')
			local_command(p + 1);
		else if (is_shutdown(p))
			request_shutdown("SHUTDOWN");
		else if (s.stopping)
			tty_note("shutting down; %s not sent", p);
		else
			queue_cmd(p);
	}
	free(line);
}

/* ---- children ------------------------------------------------------------------------------- */

static void reap_children(void)
{
	for (unsigned i = 0; i < s.nwindows; i++)
		if (s.windows[i] && waitpid(s.windows[i], NULL, WNOHANG) == s.windows[i])
			s.windows[i] = 0;
	if (s.dial_pid && waitpid(s.dial_pid, NULL, WNOHANG) == s.dial_pid) {
		s.dial_pid = 0;
		dial_reclaim_terminal();
		tty_note("back from c3270");
		show_held();
		if (!s.stopping)
			tty_prompt_on();
	}
}

static void end_children(void)
{
	/* Not yet reaped, so the process group id is still theirs. */
	for (unsigned i = 0; i < s.nwindows; i++)
		if (s.windows[i]) {
			kill(-s.windows[i], SIGTERM);
			waitpid(s.windows[i], NULL, WNOHANG);
			s.windows[i] = 0;
		}
	if (s.dial_pid) {
		kill(-s.dial_pid, SIGTERM);
		waitpid(s.dial_pid, NULL, 0);
		s.dial_pid = 0;
		dial_reclaim_terminal();
		show_held();
	}
}

/* ---- the end -------------------------------------------------------------------------------- */

static void drain(void)
{
	while (emu.out_fd >= 0 && emu_read(&emu, emu.out_fd, on_out_line, NULL) == 0) {
		struct pollfd p = { .fd = emu.out_fd, .events = POLLIN };

		if (poll(&p, 1, 50) <= 0)
			break;
	}
	if (emu_out_pending(&emu))
		emu_flush_out(&emu, on_out_line, NULL);
}

/* The emulator exited: decide how it ended. */
static void on_exit_seen(void)
{
	char how[64];
	bool clean;

	drain();
	end_children(); /* the report needs the terminal */
	tty_prompt_off();
	emu_describe_exit(&emu, how, sizeof(how));
	if (emu.machine == MACHINE_QEMU)
		clean = s.shutdown_done && emu.exit_how == CLD_EXITED && emu.exit_value == 0;
	else
		clean = s.shutdown_done && s.psw_seen && s.psw_clean;
	if (s.crashed || !clean) {
		if (!s.crashed) {
			const char *name = machine_name(emu.machine);

			if (s.shutdown_done)
				tty_note("%s ended with %s after CP's shutdown", name, how);
			else if (emu.machine == MACHINE_QEMU && emu.exit_how == CLD_EXITED &&
				 emu.exit_value == 1 && !emu.err_lines)
				/* -action panic=exit-failure: silent */
				tty_note("CP stopped in a disabled wait state (%s %s)", name, how);
			else
				tty_note("%s ended unexpectedly (%s)", name, how);
		}
		emu_stop(&emu, 0);
		emu_print_tail(&emu, stdout);
		finish(1);
		return;
	}
	emu_stop(&emu, 0);
	tty_note("CP has shut down and %s has ended", machine_name(emu.machine));
	finish(0);
}

static void on_deadline(void)
{
	end_children();
	if (s.quit_sent && !s.crashed && s.shutdown_done && s.psw_clean) {
		tty_note("Hercules did not end after quit; stopping it");
		emu_stop(&emu, 0);
		finish(0);
		return;
	}
	tty_note("%s; stopping %s", s.crashed ? "the machine did not stop"
						   : "CP did not shut down in time",
		  machine_name(emu.machine));
	emu_stop(&emu, 0);
	emu_print_tail(&emu, stdout);
	finish(1);
}

static void force_end(const char *why)
{
	end_children();
	tty_note("%s: stopping %s now", why, machine_name(emu.machine));
	emu_stop(&emu, 0);
	finish(130);
}

static void on_signals(void)
{
	unsigned char sigs[64];
	ssize_t n = read(sig_pipe[0], sigs, sizeof(sigs));

	for (ssize_t i = 0; i < n && !s.done; i++) {
		switch (sigs[i]) {
		case SIGCHLD:
			reap_children();
			break;
		case SIGWINCH:
			tty_resize();
			break;
		case SIGINT:
			if (s.dial_pid)
				break; /* meant for c3270 */
			if (s.stopping) {
				force_end("interrupted again");
				break;
			}
			tty_cancel();
			request_shutdown("Ctrl-C");
			break;
		case SIGHUP:
			/* The terminal is gone (the kernel may say so twice): shut down
			 * cleanly, within the usual bound. */
			s.stdin_ok = false;
			if (!s.stopping)
				request_shutdown("the terminal hung up");
			break;
		default: /* SIGTERM, SIGQUIT */
			if (s.stopping)
				force_end(strsignal(sigs[i]));
			else
				request_shutdown(strsignal(sigs[i]));
			break;
		}
	}
}

/* ---- the loop ----------------------------------------------------------------------------- */

static int poll_timeout(long now)
{
	long t = 1000;

	if (emu_out_pending(&emu))
		t = s.last_out_ms + QUIET_FLUSH_MS - now;
	if (s.queued && s.cp_ready && s.next_send_ms - now < t)
		t = s.next_send_ms - now;
	if (xfer.n && !s.queued && s.cp_ready && !xfer.await)
		t = 0;
	if (s.stopping && s.deadline_ms - now < t)
		t = s.deadline_ms - now;
	if (s.ipl_at_ms && s.ipl_at_ms - now < t)
		t = s.ipl_at_ms - now;
	return t < 0 ? 0 : (int)t;
}

static void loop(void)
{
	while (!s.done) {
		struct pollfd p[4];
		int np = 0, in_i = -1, out_i = -1, err_i = -1;
		long now = now_ms();

		p[np++] = (struct pollfd){ .fd = sig_pipe[0], .events = POLLIN };
		if (s.stdin_ok && tty_prompt_active() && !s.dial_pid) {
			in_i = np;
			p[np++] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
		}
		if (emu.out_fd >= 0) {
			out_i = np;
			p[np++] = (struct pollfd){ .fd = emu.out_fd, .events = POLLIN };
		}
		if (emu.err_fd >= 0) {
			err_i = np;
			p[np++] = (struct pollfd){ .fd = emu.err_fd, .events = POLLIN };
		}
		if (poll(p, (nfds_t)np, poll_timeout(now)) < 0 && errno != EINTR) {
			perror("vm64: poll");
			emu_stop(&emu, 0);
			finish(1);
			break;
		}
		now = now_ms();
		if (p[0].revents)
			on_signals();
		if (s.done)
			break;
		if (out_i >= 0 && p[out_i].revents) {
			s.last_out_ms = now;
			emu_read(&emu, emu.out_fd, on_out_line, NULL);
		}
		if (err_i >= 0 && p[err_i].revents)
			emu_read(&emu, emu.err_fd, NULL, NULL);
		if (emu_out_pending(&emu) && now - s.last_out_ms >= QUIET_FLUSH_MS)
			emu_flush_out(&emu, on_out_line, NULL);
		if (in_i >= 0 && (p[in_i].revents & POLLIN)) {
			tty_input(); /* also what is left before a hang-up */
		} else if (in_i >= 0 && p[in_i].revents) {
			s.stdin_ok = false;
			request_shutdown("the terminal closed");
		}
		if (!s.cp_ready && now - s.started_ms > READY_WAIT_MS) {
			tty_note("CP has not said it is ready; sending commands anyway");
			s.cp_ready = true;
		}
		if (s.ipl_at_ms && now >= s.ipl_at_ms)
			send_ipl();
		send_queued(now);
		if (s.done)
			break;
		if (emu_check_exit(&emu))
			on_exit_seen();
		else if (s.stopping && now >= s.deadline_ms)
			on_deadline();
	}
}

static struct emulator *atexit_emu;

static void stop_at_exit(void)
{
	/* Every exit path, also exit() from deep inside, ends the emulator. */
	if (atexit_emu && atexit_emu->pid)
		emu_stop(atexit_emu, 0);
}

int session_run(const struct vm64_opts *o)
{
	char err[512];

	opts = o;
	memset(&s, 0, sizeof(s));
	s.stdin_ok = true;
	signals_init();
	tty_init(o->history_path, on_operator_line);
	filter_init(&filt, o->machine);
	atexit_emu = &emu;
	atexit(stop_at_exit);
	if (emu_start(&emu, o, err, sizeof(err)) < 0) {
		fprintf(stderr, "vm64: %s\n", err);
		emu_cleanup(&emu);
		return 1;
	}
	s.started_ms = now_ms();
	if (o->machine == MACHINE_HERCULES)
		s.ipl_at_ms = s.started_ms + IPL_FALLBACK_MS; /* sooner once Hercules is up */
	tty_prompt_on();
	loop();
	end_children();
	tty_done();
	emu_cleanup(&emu);
	return s.exit_code;
}
