/*
 * Sorting emulator output into CP's text and noise, and cutting it into lines; see filter.h
 * for what each machine prints.
 * Covered by tests/unit/test_opcon_filter.c and tests/system/test_opcon.py.
 */
#include "filter.h"

#include <ctype.h>
#include <string.h>

#include <lib/opcon.h>

void filter_init(struct filter *f, enum machine m)
{
	memset(f, 0, sizeof(*f));
	f->machine = m;
	/* QEMU's stdout carries CP's console from the first byte. */
	f->ipl_seen = m == MACHINE_QEMU;
}

/* The length of s without trailing blanks. */
static size_t trimmed_len(const char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

void filter_expect_echo(struct filter *f, const char *sent, bool is_ipl)
{
	size_t n = trimmed_len(sent);

	if (f->echo_count == FILTER_ECHO_MAX) {
		memmove(f->echo[0], f->echo[1], sizeof(f->echo[0]) * (FILTER_ECHO_MAX - 1));
		f->echo_count--;
	}
	if (n >= FILTER_LINE_MAX - 1)
		n = FILTER_LINE_MAX - 2;
	/* A leading marker byte records which echo ends Hercules' start-up noise. */
	f->echo[f->echo_count][0] = is_ipl ? 'I' : 'C';
	memcpy(f->echo[f->echo_count] + 1, sent, n);
	f->echo[f->echo_count][n + 1] = 0;
	f->echo_count++;
}

/* Whether line is the echo of a command we sent; drops it and any older ones whose echo
 * never came. */
static bool echo_match(struct filter *f, const char *line)
{
	size_t n = trimmed_len(line);
	unsigned i;

	for (i = 0; i < f->echo_count; i++) {
		const char *e = f->echo[i] + 1;

		if (strlen(e) == n && !memcmp(e, line, n)) {
			if (f->echo[i][0] == 'I')
				f->ipl_seen = true;
			memmove(f->echo[0], f->echo[i + 1],
				sizeof(f->echo[0]) * (f->echo_count - i - 1));
			f->echo_count -= i + 1;
			return true;
		}
	}
	return false;
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* "HHCxxnnnS" message identifiers. */
static bool is_hercules_msg(const char *line)
{
	int i;

	if (!starts_with(line, "HHC"))
		return false;
	for (i = 3; i < 8; i++)
		if (!isupper((unsigned char)line[i]) && !isdigit((unsigned char)line[i]))
			return false;
	return true;
}

/* "CPU0000: " trace lines. */
static bool is_cpu_trace(const char *line)
{
	int i;

	if (!starts_with(line, "CPU"))
		return false;
	for (i = 3; i < 7; i++)
		if (!isxdigit((unsigned char)line[i]))
			return false;
	return line[7] == ':';
}

/*
 * CP's life-cycle events come only from lines that carry CP's event mark (lib/opcon.h):
 * the mark byte itself on QEMU, which passes it through, a single blank on Hercules, which
 * shows it so; then the event's message number. Any other line, whatever its words (a
 * user's MSG, a guest's console, an error message quoting an operand), is only shown.
 */
static void cp_events(const struct filter *f, const char *line, struct filter_result *r)
{
	char mark = f->machine == MACHINE_QEMU ? OPCON_EVENT_MARK : OPCON_EVENT_MARK_HERCULES;

	if (line[0] != mark || !starts_with(line + 1, "VMC"))
		return;
	r->skip = 1;
	line++;
	if (starts_with(line, "VMCIPL002I"))
		r->event = FE_CP_READY;
	else if (starts_with(line, "VMCSHU961I") || starts_with(line, "VMCSHU962W"))
		r->event = FE_SHUTDOWN_STARTED;
	else if (starts_with(line, "VMCSHU960I"))
		r->event = FE_SHUTDOWN_DONE;
	else if (starts_with(line, "VMC0PA999S"))
		r->event = FE_ABEND;
}

struct filter_result filter_line(struct filter *f, const char *line)
{
	struct filter_result r = { LINE_NOISE, FE_NONE, 0, 0 };
	uint64_t addr;

	if (f->machine == MACHINE_QEMU) {
		r.kind = LINE_CP;
		cp_events(f, line, &r);
		return r;
	}
	if (echo_match(f, line)) {
		f->after_hhc = false;
		return r;
	}
	if (f->wait_pending && filter_parse_psw(line, &addr) == 0) {
		f->wait_pending = false;
		r.event = FE_WAIT_PSW;
		r.psw_addr = addr;
		return r;
	}
	if (is_hercules_msg(line)) {
		f->after_hhc = true;
		if (starts_with(line, "HHCCP011I")) {
			/* "HHCCP011I CPU0000: Disabled wait state", PSW on the same or next line */
			if (filter_parse_psw(line, &addr) == 0) {
				r.event = FE_WAIT_PSW;
				r.psw_addr = addr;
			} else {
				f->wait_pending = true;
			}
		} else if (starts_with(line, "HHCTE002W")) {
			r.event = FE_PORT_BUSY;
		} else if (starts_with(line, "HHCAO001I")) {
			/* "Automatic Operator thread started": the end of Hercules' start-up */
			r.event = FE_HERCULES_UP;
		} else if (starts_with(line, "HHCPN053E")) {
			/* "ipl rejected: All CPU's must be stopped": too early, try again */
			r.event = FE_IPL_REJECTED;
		}
		return r;
	}
	/* Continuation lines of a Hercules message are indented by ten blanks. */
	if (f->after_hhc && !strncmp(line, "          ", 10))
		return r;
	f->after_hhc = false;
	if (is_cpu_trace(line) || !f->ipl_seen)
		return r;
	r.kind = LINE_CP;
	cp_events(f, line, &r);
	return r;
}

bool filter_psw_clean(uint64_t addr)
{
	return (addr & 0xfff) == 0xfff;
}

/* Parses n hex digits at *p; advances *p. */
static int hex(const char **p, int n, uint64_t *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		char c = (*p)[i];

		if (!isxdigit((unsigned char)c))
			return -1;
		int d = isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10;

		*v = *v << 4 | (uint64_t)d;
	}
	*p += n;
	return 0;
}

int filter_parse_psw(const char *line, uint64_t *addr)
{
	const char *p = strstr(line, "PSW=");
	uint64_t w0, w1, a;

	if (!p)
		return -1;
	p += 4;
	if (hex(&p, 8, &w0))
		return -1;
	if (*p == ' ')
		p++;
	if (hex(&p, 8, &w1))
		return -1;
	if (*p == ' ')
		p++;
	if (hex(&p, 16, &a) == 0) {
		*addr = a; /* z/Architecture: 16-byte PSW, address in the second doubleword */
		return 0;
	}
	*addr = w1 & 0x7fffffff; /* ESA/390: 8-byte PSW */
	return 0;
}

bool filter_is_status(const char *line)
{
	const char *p = line;

	while (isupper((unsigned char)*p))
		p++;
	return p != line && *p == '=';
}

size_t filter_printable(const char *line, char *out, size_t outsz, bool utf8)
{
	size_t o = 0;

	if (!outsz)
		return 0;
	for (const unsigned char *p = (const unsigned char *)line; *p; p++) {
		unsigned char c = *p;

		if (c >= 0x80 && utf8) {
			if (o + 2 >= outsz)
				break;
			out[o++] = (char)(0xc0 | c >> 6);
			out[o++] = (char)(0x80 | (c & 0x3f));
			continue;
		}
		if (o + 1 >= outsz)
			break;
		if (c == '\t')
			out[o++] = ' ';
		else if (c < 0x20 || c == 0x7f)
			out[o++] = '.';
		else
			out[o++] = (char)c;
	}
	out[o] = 0;
	return o;
}

void linebuf_init(struct linebuf *lb, enum linebuf_mode mode)
{
	memset(lb, 0, sizeof(*lb));
	lb->mode = mode;
}

/* Passes on buf[from..len). */
static void emit(struct linebuf *lb, size_t from, linebuf_fn *fn, void *ctx)
{
	lb->buf[lb->len] = 0;
	fn(ctx, lb->buf + from);
}

void linebuf_feed(struct linebuf *lb, const char *data, size_t n, linebuf_fn *fn, void *ctx)
{
	for (size_t i = 0; i < n; i++) {
		char c = data[i];

		if (c == '\r' || c == 0)
			continue;
		if (lb->mode == LB_TERMINATED) {
			if (c == '\n') {
				emit(lb, 0, fn, ctx);
				lb->len = 0;
				continue;
			}
			lb->buf[lb->len++] = c;
			if (lb->len == sizeof(lb->buf) - 1) {
				emit(lb, 0, fn, ctx);
				lb->len = 0;
			}
			continue;
		}
		/* LB_LEADING */
		if (c == '\n') {
			if (linebuf_pending(lb))
				emit(lb, lb->emitted_len, fn, ctx);
			lb->open = true;
			lb->len = 0;
			lb->emitted = false;
			lb->emitted_len = 0;
			continue;
		}
		lb->open = true;
		lb->buf[lb->len++] = c;
		if (lb->len == sizeof(lb->buf) - 1) {
			emit(lb, lb->emitted_len, fn, ctx);
			lb->len = 0;
			lb->emitted = true;
			lb->emitted_len = 0;
		}
	}
}

bool linebuf_pending(const struct linebuf *lb)
{
	if (lb->mode == LB_TERMINATED)
		return lb->len > 0;
	return lb->open && (!lb->emitted || lb->len > lb->emitted_len);
}

void linebuf_flush(struct linebuf *lb, linebuf_fn *fn, void *ctx)
{
	if (!linebuf_pending(lb))
		return;
	if (lb->mode == LB_TERMINATED) {
		emit(lb, 0, fn, ctx);
		lb->len = 0;
		return;
	}
	emit(lb, lb->emitted_len, fn, ctx);
	lb->emitted = true;
	lb->emitted_len = lb->len;
}
