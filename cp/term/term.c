/*
 * CP's real 3270 terminals: the device side of the logo screen and of every user's
 * line-mode screen (see cp/term.h for the protocol). Each terminal's state lives in frames
 * CP takes when the terminal first connects: the screen keeps a queue of output rows, too
 * large to reserve for every 3270 a machine may define.
 *
 * States: ABSENT (no client), QUERY (Read Partition Query sent, waiting for the reply that
 * tells the screen size), LOGO, LINE (line mode before logon: LOGON userid), PASSWORD (line
 * mode, the next line is the password for pending_userid), USER (a user is logged on).
 *
 * Tested by tests/unit/test_term.c (fake hw_io channel and clock, a simulated 3270).
 */
#include <arch/hw.h>
#include <console/ds3270.h>
#include <console/logo.h>
#include <console/screen.h>
#include <cp/devclass.h>
#include <cp/frames.h>
#include <cp/msg.h>
#include <cp/phase.h>
#include <cp/resp.h>
#include <cp/system.h>
#include <cp/term.h>
#include <cp/tod.h>
#include <cp/user.h>
#include <cp/vm.h>
#include <cp/vmm.h>
#include <lib/format.h>
#include <lib/string.h>

#define INPUT_MAX          4096
#define QUERY_WAIT_US      1500000   /* a client that does not answer the query is a model 2 */
#define COMMAND_WAIT_US    5000000   /* a command still running after this is cleared */
/*
 * A line the guest took is answered in one write: while the guest runs it, for up to this
 * long, the echo and the guest's output wait for the guest to read again. Written at once,
 * the echo and the answer were two writes in a row, and the second waited some 40 ms for
 * the client's delayed ACK of the first (Nagle's algorithm on the emulator's socket).
 */
#define ANSWER_HOLD_US     100000

enum term_state { TS_ABSENT, TS_QUERY, TS_LOGO, TS_LINE, TS_PASSWORD, TS_USER };

struct term {
	unsigned device;
	uint16_t devno;
	enum term_state state;
	bool busy;
	uint8_t busy_cmd;
	uint64_t busy_since;
	bool attention;          /* a key waits to be read */
	uint8_t retry_cmd;       /* a write the subchannel refused for now (status pending) */
	size_t retry_len;
	bool logo_dirty;         /* the logo must be drawn */
	bool query_sent;         /* Read Partition Query is out; the reply is awaited */
	uint64_t query_deadline;
	char logo_message[LOGO_MESSAGE_LEN + 1];
	char logo_userid[LOGO_USERID_LEN + 1];
	char pending_userid[LOGO_USERID_LEN + 1];
	struct screen_geom geom;
	struct vm *vm;
	struct scr scr;
	uint8_t out[SCR_STREAM_MAX];
	uint8_t in[INPUT_MAX];
	char text[INPUT_MAX];    /* field text of the last Read Modified */
	/* Response time (cp/resp.h): from the attention of a key the user's session acts on to
	 * the write that leaves the keyboard unlocked with the user back in a read. */
	uint64_t attn_tod;       /* when the attention of the key being read came */
	bool resp_open;          /* an interaction waits for its answer */
	bool resp_ending;        /* the write in flight (or to retry) is its answer */
	uint64_t resp_start_tod;
	uint64_t resp_cpu0;      /* the machine's TTIME at the key */
	uint64_t hold_until;     /* the guest runs a line: write nothing before this */
	/* Where the time goes (cp/phase.h): the key being read, and the open interaction. */
	struct phase_stamps key_ph;
	struct phase_stamps ph;
};

static struct term *terms[TERM_MAX];
static unsigned nterms;
/* Which terminal a device index belongs to, plus one (0: not a terminal). */
static uint8_t term_of_device[256];

static uint64_t now_tod(void)
{
	return hw_tod_clock();
}

static uint64_t now_us(void)
{
	return tod_to_us(hw_tod_clock());
}

static struct term *term_alloc(unsigned device, uint16_t devno)
{
	uint64_t frames = (sizeof(struct term) + FRAME_SIZE - 1) / FRAME_SIZE;
	uint64_t addr = frames_alloc_contig(&real_frames, frames, 1);
	struct term *t;

	if (!addr)
		return 0;
	t = (struct term *)(uintptr_t)addr;
	memset(t, 0, sizeof(*t));
	t->device = device;
	t->devno = devno;
	t->state = TS_ABSENT;
	ds_model_geom(2, &t->geom);
	return t;
}

void term_init(void)
{
	for (unsigned i = 0; i < hw_device_count() && i < 256 && nterms < TERM_MAX; i++) {
		const struct hw_device *d = hw_device(i);
		struct term *t;

		if (!d->enabled || devclass_of(d->cu_type, d->dev_type) != DEV_CLASS_GRAF)
			continue;
		if (hw_io_claim(i) != 0)
			continue;
		t = term_alloc(i, d->devno);
		if (!t)
			break;
		terms[nterms++] = t;
		term_of_device[i] = (uint8_t)nterms;
	}
}

unsigned term_count(void)
{
	return nterms;
}

unsigned term_connected(unsigned *at_logo)
{
	unsigned n = 0, logo = 0;

	for (unsigned i = 0; i < nterms; i++) {
		if (terms[i]->state == TS_ABSENT)
			continue;
		n++;
		if (terms[i]->state != TS_USER)
			logo++;
	}
	if (at_logo)
		*at_logo = logo;
	return n;
}

uint16_t term_devno(const struct term *t)
{
	return t->devno;
}

struct scr *term_screen(struct term *t)
{
	return &t->scr;
}

static void show_logo(struct term *t, const char *message, const char *userid)
{
	t->state = TS_LOGO;
	strlcpy(t->logo_message, message ? message : "", sizeof(t->logo_message));
	strlcpy(t->logo_userid, userid ? userid : "", sizeof(t->logo_userid));
	t->logo_dirty = true;
}

/* Line mode without a user: LOGON userid, then the password. */
static void enter_line_mode(struct term *t, const char *message)
{
	scr_init(&t->scr, &t->geom, VM64_SYSTEM_ID);
	scr_set_mode(&t->scr, SCR_MODE_CP_READ);
	t->state = TS_LINE;
	if (message && *message)
		scr_output(&t->scr, message, strlen(message));
}

void term_attach(struct term *t, struct vm *vm)
{
	scr_init(&t->scr, &t->geom, VM64_SYSTEM_ID);
	t->vm = vm;
	t->state = TS_USER;
	t->pending_userid[0] = 0;
}

void term_detach(struct term *t, const char *message)
{
	t->vm = 0;
	if (t->state != TS_ABSENT)
		show_logo(t, message, 0);
}

void term_output(struct term *t, const char *text, size_t len)
{
	if (t->state == TS_USER || t->state == TS_LINE || t->state == TS_PASSWORD)
		scr_output(&t->scr, text, len);
}

void term_not_accepted(struct term *t)
{
	scr_not_accepted(&t->scr);
}

void term_hide_input(struct term *t)
{
	scr_hide_input(&t->scr, true);
}

/* ---- input ---- */

static void logon_attempt(struct term *t, const char *userid, const char *password)
{
	char why[160];

	if (user_logon(t, t->devno, userid, password, why, sizeof(why)) == 0)
		return; /* user_logon attached the terminal */
	if (t->state == TS_LOGO || t->state == TS_QUERY) {
		show_logo(t, why, 0);
	} else {
		t->state = TS_LINE;
		scr_output(&t->scr, why, strlen(why));
	}
}

/* A line typed before logon (the logo's COMMAND field, or line mode). */
static void prelogon_command(struct term *t, const char *line)
{
	char userid[LOGO_USERID_LEN + 1];
	char msg[120];
	int rc = user_prelogon_line(line, userid, sizeof(userid), msg, sizeof(msg));

	if (rc == 0)
		return;
	if (rc > 0) {
		if (t->state == TS_LOGO) {
			show_logo(t, "Enter the password for the user ID", userid);
			return;
		}
		strlcpy(t->pending_userid, userid, sizeof(t->pending_userid));
		t->state = TS_PASSWORD;
		msg_format(msg, sizeof(msg), MSG_ENTER_PASSWORD);
		scr_output(&t->scr, msg, strlen(msg));
		scr_hide_input(&t->scr, true);
		return;
	}
	if (t->state == TS_LOGO)
		show_logo(t, msg, 0);
	else
		scr_output(&t->scr, msg, strlen(msg));
}

static void logo_key(struct term *t, struct rm_input *in)
{
	struct logo_input li;

	if (in->aid != AID_ENTER) {
		/* PA1, PA2, Clear: line mode, where LOGON userid prompts for the password. */
		if (in->aid == AID_PA1 || in->aid == AID_PA2 || in->aid == AID_CLEAR)
			enter_line_mode(t, "Enter LOGON userid");
		else
			t->logo_dirty = true;
		return;
	}
	if (logo_parse(&t->geom, in, &li) != 0) {
		t->logo_dirty = true;
		return;
	}
	if (li.userid[0] && !li.password[0]) {
		show_logo(t, "Enter the password for the user ID", li.userid);
	} else if (li.userid[0]) {
		logon_attempt(t, li.userid, li.password);
	} else if (li.command[0]) {
		prelogon_command(t, li.command);
	} else {
		t->logo_dirty = true;
	}
}

static void line_key(struct term *t, struct rm_input *in)
{
	char line[SCR_INPUT_MAX + 1];
	enum scr_action act = scr_key(&t->scr, in, now_us(), line, sizeof(line));

	if (t->state == TS_USER) {
		struct vm *vm = t->vm;

		if (act == SCR_ACT_LINE || act == SCR_ACT_EMPTY || act == SCR_ACT_PA1) {
			t->resp_open = true;
			t->resp_ending = false;
			t->resp_start_tod = t->attn_tod ? t->attn_tod : now_tod();
			t->resp_cpu0 = vm->vcpu.cpu_time;
			t->ph = t->key_ph;
			vm->vcpu.resp_input_tod = now_tod();
			vm->vcpu.resp_dispatch_tod = 0;
			vm->vcpu.resp_read_tod = 0;
			vm->vcpu.resp_cpu0 = vm->vcpu.cpu_time;
			vm->vcpu.resp_virt0 = vm->vcpu.virt_time;
			sched_interaction(&vm->vcpu.sched); /* Q1: it runs first (cp/sched.h) */
		}
		bool guest_read = user_mode(vm) == SCR_MODE_VM_READ;

		switch (act) {
		case SCR_ACT_LINE:
			user_line(vm, line);
			break;
		case SCR_ACT_EMPTY:
			user_empty_line(vm);
			break;
		case SCR_ACT_PA1:
			user_attention(vm);
			break;
		default:
			break;
		}
		/* The guest's read took the line: hold the echo for its answer. */
		t->hold_until = 0;
		if (guest_read && t->vm == vm && user_mode(vm) == SCR_MODE_RUNNING)
			t->hold_until = now_tod() + us_to_tod(ANSWER_HOLD_US);
		return;
	}
	if (act != SCR_ACT_LINE)
		return;
	if (t->state == TS_PASSWORD) {
		char userid[LOGO_USERID_LEN + 1];

		strlcpy(userid, t->pending_userid, sizeof(userid));
		t->pending_userid[0] = 0;
		t->state = TS_LINE;
		logon_attempt(t, userid, line);
		return;
	}
	prelogon_command(t, line);
}

static void connected_ready(struct term *t)
{
	if (t->state == TS_QUERY)
		show_logo(t, "", 0);
}

static void input_arrived(struct term *t, size_t len)
{
	struct rm_input in = { .buf = t->text, .buf_size = sizeof(t->text) };

	if (len >= 1 && t->in[0] == AID_STRUCT) {
		/* The Usable Area's size, if the reply has one the screen can drive. */
		ds_query_usable_area(t->in, len, SCR_MAX_ROWS, SCR_MAX_COLS, &t->geom);
		if (t->state == TS_QUERY)
			connected_ready(t);
		else if (t->state == TS_LOGO)
			t->logo_dirty = true;
		else
			scr_resize(&t->scr, &t->geom);
		return;
	}
	if (rm_parse(t->in, len, &t->geom, &in) < 0) {
		/* Nothing CP can read: redraw, so the user sees a sane screen again. */
		if (t->state == TS_LOGO || t->state == TS_QUERY)
			show_logo(t, "", 0);
		else
			scr_redraw(&t->scr);
		return;
	}
	switch (t->state) {
	case TS_QUERY:
		show_logo(t, "", 0);
		break;
	case TS_LOGO:
		logo_key(t, &in);
		break;
	case TS_LINE:
	case TS_PASSWORD:
	case TS_USER:
		line_key(t, &in);
		break;
	default:
		break;
	}
}

/* ---- device events ---- */

static void client_gone(struct term *t)
{
	struct vm *vm = t->vm;

	t->state = TS_ABSENT;
	t->attention = false;
	t->resp_open = false;
	t->resp_ending = false;
	t->retry_cmd = 0;
	t->logo_dirty = false;
	if (vm) {
		t->vm = 0;
		user_disconnect(vm, 0);
	}
}

static void client_connected(struct term *t)
{
	struct vm *vm = t->vm;

	/* A new client on a terminal a user was on: that user's line dropped. */
	if (vm) {
		t->vm = 0;
		user_disconnect(vm, 0);
	}
	ds_model_geom(2, &t->geom);
	t->attention = false;
	t->retry_cmd = 0;	/* a write meant for the client before */
	t->state = TS_QUERY;
	t->query_sent = false;
}

static void key_attention(struct term *t, uint64_t tod)
{
	if (!t->attention) {
		t->attn_tod = tod;
		memset(&t->key_ph, 0, sizeof(t->key_ph));
		t->key_ph.attn = tod;
		t->key_ph.attn_taken = now_tod();
	}
	t->attention = true;
}

/* The write that answered the open interaction has ended: one figure for the statistics. */
static void resp_answered(struct term *t, uint64_t write_end)
{
	uint64_t now = now_tod();
	uint64_t resp = tod_to_us(now - t->resp_start_tod);
	bool trivial = true;

	t->resp_open = false;
	t->resp_ending = false;
	if (t->vm)
		trivial = tod_to_us(t->vm->vcpu.cpu_time - t->resp_cpu0) <= RESP_TRIVIAL_CPU_US;
	resp_stats_record(&resp_system, tod_to_us(now), resp, trivial);
	resp_stats_record(&resp_system_all, tod_to_us(now), resp, true);
	if (t->vm && t->vm->user)
		resp_stats_record(&t->vm->user->resp, tod_to_us(now), resp, trivial);
	if (trivial) {
		if (t->vm) {
			t->ph.dispatch = t->vm->vcpu.resp_dispatch_tod;
			t->ph.guest_wait = t->vm->vcpu.resp_read_tod;
			t->ph.guest_cpu = t->vm->vcpu.resp_cpu;
			t->ph.guest_virt = t->vm->vcpu.resp_virt;
			t->vm->vcpu.resp_input_tod = 0;
		}
		t->ph.write_end = write_end;
		t->ph.end = now;
		phase_interaction(&t->ph);
	}
}

static void handle_event(const struct hw_io_event *ev)
{
	struct term *t;
	uint8_t cmd;
	uint64_t now = now_tod();
	uint64_t tod = ev->tod && ev->tod <= now ? ev->tod : now;

	if (ev->device >= 256 || !term_of_device[ev->device])
		return;
	t = terms[term_of_device[ev->device] - 1];
	phase_record(PHASE_EVENT_LAG, tod_to_us(now), tod_to_us(now - tod));
	if (ev->solicited) {
		cmd = t->busy_cmd;
		t->busy = false;
		if (ev->dstat & HW_DSTAT_UNIT_CHECK) {
			/* Intervention required: no client (any more). */
			if (cmd == TC_WRITESF && t->state == TS_QUERY)
				connected_ready(t);
			else
				client_gone(t);
		} else if (cmd == TC_READMOD) {
			size_t len = ev->residual <= INPUT_MAX ? INPUT_MAX - ev->residual : 0;

			t->key_ph.read_end = tod;
			input_arrived(t, len);
		}
		if (cmd != TC_READMOD && t->resp_ending && !(ev->dstat & HW_DSTAT_UNIT_CHECK))
			resp_answered(t, tod);
		if (ev->dstat & HW_DSTAT_ATTENTION)
			key_attention(t, tod);
		return;
	}
	if (ev->dstat & HW_DSTAT_ATTENTION)
		key_attention(t, tod);
	else if (ev->dstat & HW_DSTAT_DEVICE_END)
		client_connected(t);
}

/* Starts a command: 0, -1 when the client is gone, -2 when the subchannel is busy or has
 * status pending (cc 1: an attention not yet presented; an event will come). */
static int start(struct term *t, uint8_t cmd, void *data, size_t len)
{
	int rc = hw_io_start(t->device, cmd, data, (uint16_t)len);

	if (rc == 0) {
		t->busy = true;
		t->busy_cmd = cmd;
		t->busy_since = now_tod();
	} else if (rc == -1) {
		client_gone(t);
	}
	return rc;
}

/*
 * Starts a write of t->out. One refused for now is kept and started again after the next
 * event (after the Read Modified an attention needs, which leaves t->out alone), before
 * anything rendered later, so a screen update is never lost nor sent out of order.
 */
static bool start_write(struct term *t, uint8_t cmd, size_t len)
{
	int rc = start(t, cmd, t->out, len);

	t->retry_cmd = rc == -2 ? cmd : 0;
	t->retry_len = len;
	return rc == 0;
}

/* Starts the next command t needs, if it is idle; now is the pass's TOD (one clock read a
 * pass, not one a terminal: a read costs about a microsecond on Hercules). */
static void service(struct term *t, uint64_t now)
{
	struct ds_buf b;
	int cmd;

	if (t->busy || t->state == TS_ABSENT)
		return;
	if (t->attention) {
		t->attention = false;
		memset(t->in, 0, sizeof(t->in));
		t->key_ph.read_start = now_tod();
		if (start(t, TC_READMOD, t->in, sizeof(t->in)) == -2)
			t->attention = true; /* read it after the pending status is taken */
		return;
	}
	if (t->retry_cmd) {
		start_write(t, t->retry_cmd, t->retry_len);
		return;
	}
	if (t->state == TS_QUERY) {
		if (t->query_sent)
			return; /* the reply comes as attention, or the deadline passes */
		ds_init(&b, t->out, sizeof(t->out));
		ds_read_partition_query(&b);
		if (start_write(t, TC_WRITESF, b.len)) {
			t->query_sent = true;
			t->query_deadline = now_tod() + us_to_tod(QUERY_WAIT_US);
		}
		return;
	}
	ds_init(&b, t->out, sizeof(t->out));
	if (t->state == TS_LOGO) {
		if (!t->logo_dirty)
			return;
		cmd = logo_render(&t->geom, VM64_NAME, VM64_LOGO_INFO, t->logo_message,
				  t->logo_userid, &b);
		t->logo_dirty = false;
		if (cmd > 0 && !b.overflow)
			start_write(t, (uint8_t)cmd, b.len);
		return;
	}
	if (t->state == TS_USER && t->vm) {
		enum scr_mode mode = user_mode(t->vm);

		if (t->hold_until && mode == SCR_MODE_RUNNING && now < t->hold_until)
			return;
		t->hold_until = 0;
		scr_set_mode(&t->scr, mode);
	}
	cmd = scr_render(&t->scr, tod_to_us(now), &b);
	if (cmd > 0 && !b.overflow) {
		/* The answer: the keyboard is back (this write or an earlier one gave it) and
		 * the user is in a read again with nothing more to show. */
		if (t->resp_open && t->state == TS_USER && !t->scr.kb_restore &&
		    scr_status(&t->scr) != SCR_ST_RUNNING && !scr_pending(&t->scr)) {
			t->resp_ending = true;
			t->ph.write_start = now_tod();
		}
		start_write(t, (uint8_t)cmd, b.len);
	}
}

/* Once a slot, the machines' total CPU for INDICATE LOAD's average. */
static void sample_load(uint64_t now)
{
	static uint64_t last_epoch;
	uint64_t us = tod_to_us(now), cpu = 0;

	if (us / RESP_SLOT_US + 1 == last_epoch)
		return;
	last_epoch = us / RESP_SLOT_US + 1;
	for (unsigned i = 0; i < VM_MAX_MACHINES; i++) {
		struct vm *vm = vm_slot(i);

		if (vm)
			cpu += tod_to_us(vm->vcpu.cpu_time);
	}
	resp_load_sample(&resp_system_load, us, cpu);
}

void term_poll(void)
{
	struct hw_io_event ev;
	uint64_t now;

	while (hw_io_next_event(&ev))
		handle_event(&ev);
	now = now_tod();
	sample_load(now);
	for (unsigned i = 0; i < nterms; i++) {
		struct term *t = terms[i];

		if (t->busy && now - t->busy_since > us_to_tod(COMMAND_WAIT_US)) {
			hw_io_cancel(t->device);
			t->busy = false;
			client_gone(t);
			continue;
		}
		if (t->state == TS_QUERY && t->query_sent && !t->busy && now >= t->query_deadline)
			connected_ready(t);
		service(t, now);
	}
}

uint64_t term_next_timeout_us(void)
{
	uint64_t next = 0, now = now_us();

	for (unsigned i = 0; i < nterms; i++) {
		struct term *t = terms[i];
		uint64_t d = 0;

		if (t->busy)
			d = tod_to_us(t->busy_since) + COMMAND_WAIT_US;
		else if (t->state == TS_QUERY && t->query_sent)
			d = tod_to_us(t->query_deadline);
		else if (t->state == TS_USER && t->hold_until)
			d = tod_to_us(t->hold_until);
		else if (t->state == TS_USER || t->state == TS_LINE || t->state == TS_PASSWORD)
			d = scr_deadline(&t->scr);
		if (!d)
			continue;
		d = d > now ? d - now : 1;
		if (!next || d < next)
			next = d;
	}
	return next;
}

void term_flush(uint64_t timeout_us)
{
	uint64_t end = now_tod() + us_to_tod(timeout_us);

	while (now_tod() < end) {
		bool idle = true;

		term_poll();
		for (unsigned i = 0; i < nterms; i++)
			if (terms[i]->busy ||
			    ((terms[i]->state == TS_USER || terms[i]->state == TS_LINE) &&
			     scr_pending(&terms[i]->scr)))
				idle = false;
		if (idle)
			return;
		hw_wait(20000);
	}
}
