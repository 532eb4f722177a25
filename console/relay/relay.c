/*
 * The TN3270 relay (relay.h): one poll loop over the listening socket, each client's TCP
 * socket and each client's terminal port. Every buffer is bounded: a client that does not
 * read its screens, or floods input faster than CP takes it, is cut off or has records
 * dropped, and never holds up another. Covered by tests/system/test_terminal.py and
 * test_cms.py on QEMU.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <lib/ebcdic.h>
#include "relay.h"
#include "tn3270.h"

#define MAX_SESSIONS	 256
#define CLIENT_OUT_MAX	 (256 * 1024)	/* screens a client has not read: then it is cut off */
#define PORT_OUT_MAX	 (16 * 1024)	/* records CP has not taken: newer ones are dropped */
#define NEGOTIATE_MS	 10000
#define IO_CHUNK	 16384

struct buf {
	uint8_t *data;
	size_t len, cap;
};

struct session {
	bool used;
	int cfd, pfd;		/* client socket; terminal port (-1 until bound) */
	int port;		/* index of the terminal port, -1 */
	struct tn_session tn;
	struct tp_reader rd;	/* records from CP */
	uint8_t rdbuf[TP_OUT_MAX];
	struct buf cout, pout;
	size_t pout_rec_end;	/* bytes of pout up to the end of a complete record */
	long long deadline;	/* negotiation must end by then (ms) */
	bool closing;		/* flush cout, then close */
	char peer[64];
};

static struct session sessions[MAX_SESSIONS];
static bool port_busy[RELAY_MAX_PORTS];
static long long port_freed[RELAY_MAX_PORTS];
static const struct relay_opts *opts;
static volatile sig_atomic_t stop;

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int buf_put(struct buf *b, const uint8_t *d, size_t n, size_t max)
{
	if (b->len + n > max)
		return -1;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		uint8_t *p;

		while (cap < b->len + n)
			cap *= 2;
		p = realloc(b->data, cap);
		if (!p)
			return -1;
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, d, n);
	b->len += n;
	return 0;
}

static void buf_drop(struct buf *b, size_t n)
{
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
}

static void say(struct session *s, const char *what)
{
	if (opts->verbose)
		fprintf(stderr, "vm64-relay: %s: %s\n", s->peer, what);
}

static void end_session(struct session *s, const char *why)
{
	say(s, why);
	close(s->cfd);
	if (s->pfd >= 0) {
		/* A record half written would leave CP's framing mid-record: finish it. */
		if (s->pout.len && s->pout_rec_end < s->pout.len) {
			int fl = fcntl(s->pfd, F_GETFL);
			struct timeval tv = { 1, 0 };

			fcntl(s->pfd, F_SETFL, fl & ~O_NONBLOCK);
			setsockopt(s->pfd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
			if (write(s->pfd, s->pout.data, s->pout.len) < 0)
				say(s, "terminal port write failed while closing");
		}
		close(s->pfd);
	}
	if (s->port >= 0) {
		port_busy[s->port] = false;
		port_freed[s->port] = now_ms();
	}
	free(s->cout.data);
	free(s->pout.data);
	memset(s, 0, sizeof(*s));
}

/* ---- client side ---- */

static void to_client(void *ctx, const uint8_t *d, size_t n)
{
	struct session *s = ctx;

	if (buf_put(&s->cout, d, n, CLIENT_OUT_MAX) < 0)
		s->closing = true; /* it stopped reading: cut off once the rest is out */
}

static void port_record(struct session *s, uint8_t type, const uint8_t *d, size_t n)
{
	uint8_t hdr[TP_HDR_LEN];
	size_t before = s->pout.len;

	if (s->pfd < 0)
		return;
	tp_header(hdr, type, n);
	if (s->pout.len + TP_HDR_LEN + n > PORT_OUT_MAX)
		return; /* CP is behind on this terminal: the record is dropped */
	if (buf_put(&s->pout, hdr, TP_HDR_LEN, PORT_OUT_MAX) < 0 ||
	    buf_put(&s->pout, d, n, PORT_OUT_MAX) < 0) {
		s->pout.len = before;
		return;
	}
	s->pout_rec_end = s->pout.len;
}

static void client_record(void *ctx, const uint8_t *d, size_t n)
{
	port_record(ctx, TP_IN_DATA, d, n);
}

static const struct tn_ops tn_ops = { .to_client = to_client, .record = client_record };

/* A 3270 screen saying why the client cannot have a terminal, then the session ends. */
static void refuse_screen(struct session *s, const char *text)
{
	uint8_t rec[200] = { 0x05, 0xc3, 0x11, 0x40, 0x40 }; /* Erase/Write, SBA row 1 col 1 */
	size_t n = strlen(text);

	if (n > sizeof(rec) - 5)
		n = sizeof(rec) - 5;
	ascii_to_ebcdic(EBCDIC_CP037, rec + 5, text, n);
	tn_send_record(&s->tn, rec, 5 + n);
	s->closing = true;
}

static int pick_port(void)
{
	int best = -1;

	/* The port free longest: CP has surely seen its last session end. */
	for (unsigned i = 0; i < opts->nports; i++)
		if (!port_busy[i] && (best < 0 || port_freed[i] < port_freed[best]))
			best = (int)i;
	return best;
}

static void bind_port(struct session *s)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int port = pick_port(), fd;
	char line[160];

	if (port < 0) {
		char text[120];

		snprintf(text, sizeof(text), "VM/64: all %u terminals are in use; try again later",
			 opts->nports);
		refuse_screen(s, text);
		say(s, "refused: every terminal port is in use");
		return;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", opts->paths[port]);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		if (fd >= 0)
			close(fd);
		refuse_screen(s, "VM/64: the system is not up yet; try again later");
		say(s, "refused: terminal port not reachable");
		return;
	}
	s->pfd = fd;
	s->port = port;
	port_busy[port] = true;
	tp_reader_init(&s->rd, 0, s->rdbuf, sizeof(s->rdbuf));
	snprintf(line, sizeof(line), "%s on terminal port %d", s->tn.ttype, port);
	say(s, line);
}

/* ---- port side ---- */

static void cp_record(void *ctx, uint8_t type, const uint8_t *d, size_t n)
{
	struct session *s = ctx;

	if (type == TP_OUT_HANGUP) {
		s->closing = true;
		return;
	}
	if (n == 0)
		return;
	if (d[0] == 0x11 && !s->tn.extended) {
		/* A terminal without structured fields: the relay answers the query for it. */
		uint8_t reply[64];
		size_t len;

		if (tn_is_query(d + 1, n - 1)) {
			len = tn_query_reply(s->tn.rows, s->tn.cols, reply, sizeof(reply));
			port_record(s, TP_IN_DATA, reply, len);
		}
		return;
	}
	tn_send_record(&s->tn, d, n);
}

/* ---- the loop ---- */

static int listen_on(const char *host, unsigned port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;

	if (fd < 0 || inet_pton(AF_INET, host, &sa.sin_addr) != 1)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 64) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void accept_client(int lfd)
{
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	int fd = accept4(lfd, (struct sockaddr *)&sa, &sl, SOCK_NONBLOCK | SOCK_CLOEXEC), one = 1;
	struct session *s = 0;

	if (fd < 0)
		return;
	for (unsigned i = 0; i < MAX_SESSIONS; i++)
		if (!sessions[i].used) {
			s = &sessions[i];
			break;
		}
	if (!s) {
		close(fd);
		return;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	memset(s, 0, sizeof(*s));
	s->used = true;
	s->cfd = fd;
	s->pfd = -1;
	s->port = -1;
	s->deadline = now_ms() + NEGOTIATE_MS;
	snprintf(s->peer, sizeof(s->peer), "%s:%u", inet_ntoa(sa.sin_addr), ntohs(sa.sin_port));
	say(s, "connected");
	tn_init(&s->tn, &tn_ops, s);
}

static void client_readable(struct session *s)
{
	uint8_t b[IO_CHUNK];
	ssize_t n = read(s->cfd, b, sizeof(b));

	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		end_session(s, "client left");
		return;
	}
	if (n < 0)
		return;
	if (tn_input(&s->tn, b, (size_t)n) < 0) {
		end_session(s, s->tn.why ? s->tn.why : "protocol error");
		return;
	}
	if (s->tn.state == TN_BOUND && s->pfd < 0 && s->port < 0 && !s->closing)
		bind_port(s);
}

static void port_readable(struct session *s)
{
	uint8_t b[IO_CHUNK];
	ssize_t n = read(s->pfd, b, sizeof(b));

	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		end_session(s, "terminal port closed");
		return;
	}
	if (n < 0)
		return;
	if (tp_feed(&s->rd, b, (size_t)n, cp_record, s) < 0)
		end_session(s, "bad record from CP");
}

static int flush(int fd, struct buf *b, size_t *rec_end)
{
	ssize_t n;

	if (!b->len)
		return 0;
	n = write(fd, b->data, b->len);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	buf_drop(b, (size_t)n);
	if (rec_end)
		*rec_end = *rec_end > (size_t)n ? *rec_end - (size_t)n : 0;
	return 0;
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int relay_run(const struct relay_opts *o)
{
	static struct pollfd pfds[2 + 2 * MAX_SESSIONS];
	static struct session *owner[2 + 2 * MAX_SESSIONS];
	int lfd;

	opts = o;
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	lfd = listen_on(o->host, o->port);
	if (lfd < 0) {
		fprintf(stderr, "vm64-relay: cannot listen on %s:%u: %s\n", o->host, o->port,
			strerror(errno));
		return 1;
	}
	if (o->verbose)
		fprintf(stderr, "vm64-relay: listening on %s:%u for %u terminals\n", o->host,
			o->port, o->nports);
	while (!stop) {
		unsigned n = 0;
		long long now = now_ms();
		int timeout = 1000;

		pfds[n] = (struct pollfd){ .fd = lfd, .events = POLLIN };
		owner[n++] = 0;
		if (o->watch_fd >= 0) {
			pfds[n] = (struct pollfd){ .fd = o->watch_fd, .events = POLLIN };
			owner[n++] = 0;
		}
		for (unsigned i = 0; i < MAX_SESSIONS; i++) {
			struct session *s = &sessions[i];

			if (!s->used)
				continue;
			if (s->tn.state != TN_BOUND && now > s->deadline && !s->closing) {
				end_session(s, "negotiation timed out");
				continue;
			}
			if (s->closing && !s->cout.len) {
				end_session(s, "cut off");
				continue;
			}
			pfds[n] = (struct pollfd){ .fd = s->cfd,
				.events = (short)((s->closing ? 0 : POLLIN) |
						  (s->cout.len ? POLLOUT : 0)) };
			owner[n++] = s;
			if (s->pfd >= 0) {
				/* Nothing more from CP while the client has a backlog to read. */
				pfds[n] = (struct pollfd){ .fd = s->pfd,
					.events = (short)((s->cout.len < CLIENT_OUT_MAX / 2 ? POLLIN : 0) |
							  (s->pout.len ? POLLOUT : 0)) };
				owner[n++] = s;
			}
		}
		if (poll(pfds, n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (unsigned i = 0; i < n; i++) {
			struct session *s = owner[i];
			short re = pfds[i].revents;

			if (!re)
				continue;
			if (!s) {
				if (pfds[i].fd == lfd)
					accept_client(lfd);
				else if (re & (POLLIN | POLLHUP)) {
					char c[64];

					if (read(o->watch_fd, c, sizeof(c)) <= 0)
						stop = 1;
				}
				continue;
			}
			if (!s->used)
				continue;
			if (pfds[i].fd == s->cfd) {
				if ((re & POLLOUT) && flush(s->cfd, &s->cout, 0) < 0) {
					end_session(s, "client write failed");
					continue;
				}
				if (re & (POLLIN | POLLHUP | POLLERR))
					client_readable(s);
			} else if (pfds[i].fd == s->pfd) {
				if ((re & POLLOUT) && flush(s->pfd, &s->pout, &s->pout_rec_end) < 0) {
					end_session(s, "terminal port write failed");
					continue;
				}
				if (re & (POLLIN | POLLHUP | POLLERR))
					port_readable(s);
			}
		}
	}
	for (unsigned i = 0; i < MAX_SESSIONS; i++)
		if (sessions[i].used)
			end_session(&sessions[i], "relay ends");
	close(lfd);
	return 0;
}
