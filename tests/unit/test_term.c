/*
 * Unit tests for cp/term/term.c, the state machine of CP's real 3270s, driven through the
 * fake hw_io_* channel and clock of tests/unit/fake_hw.c, with a simulated 3270 per device
 * (tests/unit/term3270_sim.c) playing the client and the real user layer (cp/user/) behind
 * it: claiming the 3270s, connect -> Read Partition Query -> logo (the reply's screen size,
 * and the 1.5 s fallback to a model 2), LOGON from the logo and in line mode (PA1, LOGON
 * userid, the password hidden), the logged-on user's lines, attention answered with Read
 * Modified first, a write refused with cc 1 started again, a command that does not end
 * cleared after 5 s, unit check or a new client disconnecting the user, and output racing a
 * line entered for a guest that does not read (the keyboard comes back only with the write
 * that empties the input field; a write refused behind a key's attention is not lost).
 */
#include "cunit_main.h"

#include <stdlib.h>
#include <string.h>

#include <console/ds3270.h>
#include <cp/frames.h>
#include <cp/logon_guard.h>
#include <cp/phase.h>
#include <cp/resp.h>
#include <lib/format.h>
#include <cp/term.h>
#include <cp/user.h>
#include <cp/vmm.h>
#include "fake_hw.h"
#include "term3270_sim.h"

extern char fake_vcons_line[256];

extern int fake_vm_create_error, fake_vm_ipl_rc;

#define NDEV	  3		/* two 3270s and a disk */
#define US(us)	  ((uint64_t)(us) << 12)
#define CE_DE	  (HW_DSTAT_CHANNEL_END | HW_DSTAT_DEVICE_END)

static const struct screen_geom m2 = { .rows = 24, .cols = 80 };
static const struct screen_geom m5 = { .rows = 27, .cols = 132 };

/* Usable Area 132 x 27, as a 3278 model 5 answers Read Partition Query. */
static const uint8_t reply_m5[] = {
	AID_STRUCT, 0x00, 0x17, 0x81, 0x81, 0x03, 0x00, 0x00, 0x84, 0x00, 0x1b, 0x01, 0x00,
	0x0a, 0x02, 0xe5, 0x00, 0x02, 0x00, 0x6f, 0x09, 0x0c, 0x0d, 0xe8,
};

/* The client on each device. */
static struct client {
	struct term3270 sim;
	bool answers_query;	/* a query reply follows the Write Structured Field */
	bool reply_pending;	/* the next Read Modified returns the query reply */
	uint8_t aid;		/* the key the next Read Modified reports */
	bool hang;		/* commands never end */
	bool gone;		/* commands end in unit check: intervention required */
	unsigned queries;	/* Write Structured Field seen, bytes checked */
	bool query_bytes_ok;
	unsigned reads;
	/* A key sent and not yet read: the record the emulator holds (a later key replaces it,
	 * as Hercules does). */
	uint8_t record[4096];
	size_t record_len;
} clients[NDEV];

static uint64_t pool[(4u << 20) / 8] __attribute__((aligned(4096)));
static uint64_t bitmap[128];

static void once(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	frames_init(&real_frames, (uint64_t)(uintptr_t)pool, (uint64_t)(uintptr_t)pool + sizeof(pool),
		    bitmap);
	fake_device_count = NDEV;
	for (unsigned i = 0; i < NDEV; i++) {
		fake_devices[i] = (struct hw_device){ .schid = 0x10000 + i, .devno = 0x020 + i,
						      .cu_type = 0x3274, .dev_type = 0x3270,
						      .identified = true, .enabled = true };
	}
	fake_devices[2].cu_type = 0x3990;
	fake_devices[2].dev_type = 0x3390;
	fake_vm_create_error = 0;
	fake_vm_ipl_rc = 0;
	fake_tod = US(3900000000ULL * 1000000);
	term_init();
}

/* The client ends the command its device runs, as a 3270 would. */
static void device_ends(unsigned dev)
{
	struct client *c = &clients[dev];
	struct fake_io_command *cmd = &fake_io_cmd[dev];
	static const uint8_t rpq[] = { 0x00, 0x05, 0x01, 0xff, 0x02 };
	uint8_t reply[4096];
	size_t n;

	if (c->gone) {
		fake_io_status(dev, CE_DE | HW_DSTAT_UNIT_CHECK, 0);
		return;
	}
	switch (cmd->cmd) {
	case TC_WRITESF:
		c->queries++;
		c->query_bytes_ok = cmd->count == sizeof(rpq) && !memcmp(cmd->data, rpq, sizeof(rpq));
		fake_io_status(dev, CE_DE, 0);
		if (c->answers_query) {
			c->reply_pending = true;
			fake_io_status(dev, HW_DSTAT_ATTENTION, 0);
		}
		return;
	case TC_READMOD:
		c->reads++;
		if (c->reply_pending) {
			c->reply_pending = false;
			n = sizeof(reply_m5);
			memcpy(reply, reply_m5, n);
		} else if (c->record_len) {
			n = c->record_len;
			memcpy(reply, c->record, n);
			c->record_len = 0;
		} else {
			n = term_read_modified(&c->sim, c->aid, reply, sizeof(reply));
		}
		if (n > cmd->count)
			n = cmd->count;
		memcpy(cmd->data, reply, n);
		fake_io_status(dev, CE_DE, (uint16_t)(cmd->count - n));
		return;
	default:
		CU_ASSERT_EQUAL(term_apply(&c->sim, cmd->cmd, cmd->data, cmd->count), 0);
		fake_io_status(dev, CE_DE, 0);
		return;
	}
}

/* CP's main loop and the clients, until nothing more happens. */
static void pump(void)
{
	for (unsigned round = 0; round < 50; round++) {
		bool any = false;

		term_poll();
		for (unsigned dev = 0; dev < NDEV; dev++) {
			if (fake_io_running(dev) && !clients[dev].hang) {
				device_ends(dev);
				any = true;
			}
		}
		if (!any)
			return;
	}
	CU_FAIL("the terminal never went idle");
}

static bool screen_has(unsigned dev, const char *s)
{
	const struct term3270 *t = &clients[dev].sim;
	char row[TERM3270_MAX + 1];

	for (unsigned r = 0; r < t->geom.rows; r++)
		if (strstr(term_visible(t, r, 0, t->geom.cols, row), s))
			return true;
	return false;
}

static bool logo_shown(unsigned dev)
{
	const struct term3270 *t = &clients[dev].sim;

	return term_has(t, t->geom.rows - 4, 1, "USERID   ===>");
}

static unsigned connected(void)
{
	return term_connected(NULL);
}

/* A client of screen size g connects to dev; it answers the query if it is a model 5. */
static void connect(unsigned dev, const struct screen_geom *g)
{
	struct client *c = &clients[dev];

	memset(c, 0, sizeof(*c));
	term3270_init(&c->sim, g);
	c->answers_query = g->rows != 24;
	c->aid = AID_ENTER;
	fake_io_status(dev, HW_DSTAT_DEVICE_END, 0);
	pump();
	if (!c->answers_query) {
		fake_tod += US(1500000);
		pump();
	}
}

/* The operator presses a key: attention, then CP reads the screen. */
static void press(unsigned dev, uint8_t aid)
{
	clients[dev].aid = aid;
	fake_io_status(dev, HW_DSTAT_ATTENTION, 0);
	pump();
}

static void type_enter(unsigned dev, const char *s)
{
	CU_ASSERT_EQUAL(term_type(&clients[dev].sim, s), 0);
	press(dev, AID_ENTER);
}

static void logo_type(unsigned dev, unsigned field, const char *s)
{
	struct term3270 *t = &clients[dev].sim;

	CU_ASSERT_EQUAL(term_type_at(t, t->geom.rows - 4 + field, 15, s), 0);
}

/* The client goes away: a key's Read Modified ends in unit check (intervention required). */
static void hang_up(unsigned dev)
{
	clients[dev].gone = true;
	press(dev, AID_ENTER);
	clients[dev].gone = false;
}

static void logoff(const char *userid)
{
	struct vm *vm = vm_find(userid);

	if (vm)
		user_logoff(vm, 0);
	pump();
}

static void test_init_claims_3270s(void)
{
	once();
	CU_ASSERT_EQUAL(term_count(), 2);
	CU_ASSERT_EQUAL(connected(), 0);
	CU_ASSERT_EQUAL(term_next_timeout_us(), 0);
	/* No client: nothing is started. */
	term_poll();
	CU_ASSERT_FALSE(fake_io_running(0));
	CU_ASSERT_EQUAL(fake_io_starts[0], 0);
}

static void test_query_then_logo(void)
{
	unsigned at_logo;

	once();
	connect(0, &m5);
	CU_ASSERT_EQUAL(clients[0].queries, 1);
	CU_ASSERT(clients[0].query_bytes_ok);
	/* The reply said 27 x 132: the logo is drawn for that screen. */
	CU_ASSERT(logo_shown(0));
	CU_ASSERT(term_has(&clients[0].sim, 23, 1, "USERID   ===>"));
	CU_ASSERT_EQUAL(term_connected(&at_logo), 1);
	CU_ASSERT_EQUAL(at_logo, 1);
	hang_up(0);
	CU_ASSERT_EQUAL(connected(), 0);
}

static void test_query_fallback(void)
{
	struct client *c = &clients[1];

	once();
	memset(c, 0, sizeof(*c));
	term3270_init(&c->sim, &m2);
	fake_io_status(1, HW_DSTAT_DEVICE_END, 0);
	pump();
	CU_ASSERT_EQUAL(c->queries, 1);
	CU_ASSERT_EQUAL(c->sim.writes, 0);
	CU_ASSERT_EQUAL(connected(), 1);
	/* The query's deadline is the next timer. */
	CU_ASSERT_EQUAL(term_next_timeout_us(), 1500000);
	fake_tod += US(1499999);
	pump();
	CU_ASSERT_EQUAL(c->sim.writes, 0);
	CU_ASSERT_EQUAL(term_next_timeout_us(), 1);
	fake_tod += US(1);
	pump();
	CU_ASSERT_EQUAL(c->sim.writes, 1);
	CU_ASSERT(logo_shown(1));
	CU_ASSERT(term_has(&c->sim, 20, 1, "USERID   ===>")); /* a model 2 */
	CU_ASSERT_EQUAL(c->queries, 1);

	/* A client that rejects the query with unit check gets the logo at once. */
	memset(c, 0, sizeof(*c));
	term3270_init(&c->sim, &m2);
	fake_io_status(1, HW_DSTAT_DEVICE_END, 0);
	term_poll();
	CU_ASSERT_FATAL(fake_io_running(1));
	CU_ASSERT_EQUAL(fake_io_cmd[1].cmd, TC_WRITESF);
	fake_io_status(1, CE_DE | HW_DSTAT_UNIT_CHECK, 0);
	pump();
	CU_ASSERT(logo_shown(1));
	CU_ASSERT_EQUAL(connected(), 1);
	hang_up(1);
	CU_ASSERT_EQUAL(connected(), 0);
}

static void test_logon_from_logo(void)
{
	struct vm *vm;

	once();
	guard_init();
	connect(0, &m2);
	CU_ASSERT_FATAL(logo_shown(0));
	/* A user ID alone: the logo again, asking for the password, the user ID kept. */
	logo_type(0, 0, "user01");
	press(0, AID_ENTER);
	CU_ASSERT(logo_shown(0));
	CU_ASSERT(screen_has(0, "Enter the password for the user ID"));
	CU_ASSERT(term_has(&clients[0].sim, 20, 15, "USER01"));
	/* A wrong password: the logo with the message. */
	logo_type(0, 1, "nothis");
	press(0, AID_ENTER);
	CU_ASSERT(screen_has(0, "VMCLGA050E"));
	CU_ASSERT_PTR_NULL(vm_find("USER01"));
	/* The right one: the user's screen replaces the logo. */
	logo_type(0, 0, "user01");
	logo_type(0, 1, "user01");
	press(0, AID_ENTER);
	vm = vm_find("USER01");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	CU_ASSERT_PTR_NOT_NULL(vm->user->term);
	CU_ASSERT_FALSE(logo_shown(0));
	CU_ASSERT(screen_has(0, "LOGON AT"));
	CU_ASSERT(screen_has(0, "CP READ"));
	/* A line in CP READ is a CP command. */
	type_enter(0, "nosuchcmd");
	CU_ASSERT(screen_has(0, "Unknown CP command: NOSUCHCMD"));
	/* A command on the logo before LOGON is refused with a message. */
	logoff("USER01");
	CU_ASSERT(logo_shown(0));
	CU_ASSERT(screen_has(0, "USER01 LOGGED OFF AT"));
	logo_type(0, 2, "query time");
	press(0, AID_ENTER);
	CU_ASSERT(screen_has(0, "QUERY is not valid before LOGON"));
	hang_up(0);
	CU_ASSERT_EQUAL(connected(), 0);
}

static void test_line_mode_logon(void)
{
	struct vm *vm;

	once();
	guard_init();
	connect(0, &m2);
	press(0, AID_PA1);
	CU_ASSERT_FALSE(logo_shown(0));
	CU_ASSERT(screen_has(0, "Enter LOGON userid"));
	type_enter(0, "query names");
	CU_ASSERT(screen_has(0, "QUERY is not valid before LOGON"));
	type_enter(0, "logon");
	CU_ASSERT(screen_has(0, "VMCLGA020E"));
	type_enter(0, "logon user02");
	CU_ASSERT(screen_has(0, "Enter your password"));
	/* The password is typed into a non-display field. */
	CU_ASSERT_EQUAL(term_field_attr(&clients[0].sim, clients[0].sim.cursor) & TF_DISP_MASK,
			TF_NONDISP);
	type_enter(0, "user02");
	vm = vm_find("USER02");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	CU_ASSERT(screen_has(0, "LOGON AT"));
	CU_ASSERT_FALSE(screen_has(0, "user02"));
	CU_ASSERT_EQUAL(term_connected(NULL), 1);

	/* PA1 while the guest runs: CP READ. */
	vm->vcpu.state = VCPU_RUNNABLE;
	press(0, AID_PA1);
	CU_ASSERT(vm->user->cp_read);

	/* A new client on the terminal: the old one's user is disconnected. */
	connect(0, &m2);
	CU_ASSERT_PTR_NULL(vm->user->term);
	CU_ASSERT(logo_shown(0));
	logoff("USER02");
	hang_up(0);
	CU_ASSERT_EQUAL(connected(), 0);
}

static void test_attention_read_first_and_cc1_retry(void)
{
	struct client *c = &clients[0];
	struct vm *vm;
	unsigned writes;

	once();
	guard_init();
	connect(0, &m2);
	logo_type(0, 0, "user03");
	logo_type(0, 1, "user03");
	press(0, AID_ENTER);
	vm = vm_find("USER03");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);

	/* Output while the subchannel has status pending: cc 1, kept, sent after the event. */
	fake_io_cc[0] = 1;
	user_printf(vm, "kept for later");
	term_poll();
	CU_ASSERT_FALSE(fake_io_running(0));
	writes = c->sim.writes;
	fake_io_cc[0] = 0;
	pump();
	CU_ASSERT_EQUAL(c->sim.writes, writes + 1);
	CU_ASSERT(screen_has(0, "kept for later"));

	/* Attention together with a write's ending status: Read Modified comes next. */
	user_printf(vm, "one more line");
	term_poll();
	CU_ASSERT_FATAL(fake_io_running(0));
	CU_ASSERT_EQUAL(fake_io_cmd[0].cmd != TC_READMOD, true);
	CU_ASSERT_EQUAL(term_apply(&c->sim, fake_io_cmd[0].cmd, fake_io_cmd[0].data,
				   fake_io_cmd[0].count), 0);
	CU_ASSERT_EQUAL(term_type(&c->sim, "nosuch2"), 0);
	c->aid = AID_ENTER;
	user_printf(vm, "and another");
	fake_io_status(0, CE_DE | HW_DSTAT_ATTENTION, 0);
	term_poll();
	CU_ASSERT_FATAL(fake_io_running(0));
	CU_ASSERT_EQUAL(fake_io_cmd[0].cmd, TC_READMOD);
	pump();
	CU_ASSERT(screen_has(0, "Unknown CP command: NOSUCH2"));
	CU_ASSERT(screen_has(0, "and another"));

	/* Attention refused with cc 1: read after the pending status is taken. */
	CU_ASSERT_EQUAL(term_type(&c->sim, "nosuch3"), 0);
	fake_io_cc[0] = 1;
	fake_io_status(0, HW_DSTAT_ATTENTION, 0);
	term_poll();
	CU_ASSERT_FALSE(fake_io_running(0));
	fake_io_cc[0] = 0;
	pump();
	CU_ASSERT(screen_has(0, "Unknown CP command: NOSUCH3"));

	/* cc 3: the device is gone, and so is the user's connection. */
	fake_io_cc[0] = 3;
	user_printf(vm, "nobody sees this");
	pump();
	fake_io_cc[0] = 0;
	CU_ASSERT_PTR_NULL(vm->user->term);
	CU_ASSERT_EQUAL(connected(), 0);
	logoff("USER03");
}

/*
 * The user presses a key as a TN3270 client does: the keyboard locks and the record goes out
 * at once; the emulator keeps it until Read Modified and presents attention when the device
 * is free (the caller presents it).
 */
static void key_sent(unsigned dev, uint8_t aid)
{
	struct client *c = &clients[dev];

	c->record_len = term_read_modified(&c->sim, aid, c->record, sizeof(c->record));
}

/* A typist who types the next line and presses Enter as soon as the keyboard is back. */
static void type_ahead(unsigned dev, const char *s)
{
	if (clients[dev].sim.kb_locked)
		return;
	CU_ASSERT_EQUAL(term_type(&clients[dev].sim, s), 0);
	key_sent(dev, AID_ENTER);
}

static bool input_field_empty(unsigned dev)
{
	const struct term3270 *t = &clients[dev].sim;
	char b[TERM3270_MAX + 1];

	term_raw(t, 22, 1, 2 * 80 - 22, b);
	for (const char *p = b; *p; p++)
		if (*p != ' ')
			return false;
	return !(t->attr[22 * 80] & TF_MDT);
}

/*
 * Output racing a line the user enters for a guest that is not reading: the write that was
 * already on its way when the user pressed Enter, or one refused with cc 1 because the key's
 * attention was pending, must not give the keyboard back while the line is still in the input
 * field; only the write that echoes the line and empties the field does.
 */
static void test_output_racing_enter(void)
{
	struct client *c = &clients[0];
	struct vm *vm;

	once();
	guard_init();
	connect(0, &m2);
	logo_type(0, 0, "user05");
	logo_type(0, 1, "user05");
	press(0, AID_ENTER);
	vm = vm_find("USER05");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	vm->vcpu.state = VCPU_RUNNABLE;	/* the guest runs and does not read */
	pump();
	CU_ASSERT_FATAL(screen_has(0, "RUNNING"));
	CU_ASSERT_FALSE(c->sim.kb_locked);

	/* The guest's output is on its way to the terminal when the user enters a line. */
	vm_console_output(vm, "LOOP: spinning", 14);
	term_poll();
	CU_ASSERT_FATAL(fake_io_running(0));
	CU_ASSERT_EQUAL(term_type(&c->sim, "first line"), 0);
	key_sent(0, AID_ENTER);
	device_ends(0);
	CU_ASSERT(screen_has(0, "LOOP: spinning"));
	CU_ASSERT_TRUE(c->sim.kb_locked);
	type_ahead(0, "second line");
	fake_io_status(0, HW_DSTAT_ATTENTION, 0);
	pump();
	CU_ASSERT_FALSE(c->sim.kb_locked);
	CU_ASSERT(input_field_empty(0));
	CU_ASSERT(vm->vm_input_pending);
	CU_ASSERT_STRING_EQUAL(vm->vm_input, "first line");
	CU_ASSERT(screen_has(0, "first line"));
	CU_ASSERT_FALSE(screen_has(0, "first linesecond line"));
	CU_ASSERT(screen_has(0, "RUNNING"));
	/* Typed ahead now, the next line is refused: the guest holds one already. */
	type_ahead(0, "second line");
	fake_io_status(0, HW_DSTAT_ATTENTION, 0);
	pump();
	CU_ASSERT(screen_has(0, "NOT ACCEPTED"));
	CU_ASSERT_STRING_EQUAL(vm->vm_input, "first line");
	CU_ASSERT(input_field_empty(0));
	vm->vm_input_pending = false;
	press(0, AID_PA2);	/* ends NOT ACCEPTED */

	/* Output refused with cc 1: the attention of the key the user pressed is pending. */
	CU_ASSERT_EQUAL(term_type(&c->sim, "third line"), 0);
	key_sent(0, AID_ENTER);
	fake_io_cc[0] = 1;
	vm_console_output(vm, "kept behind the read", 20);
	term_poll();
	CU_ASSERT_FALSE(fake_io_running(0));
	fake_io_cc[0] = 0;
	fake_io_status(0, HW_DSTAT_ATTENTION, 0);
	for (unsigned round = 0; round < 10; round++) {
		term_poll();
		if (!fake_io_running(0))
			break;
		device_ends(0);
		/* Whatever comes first, the keyboard stays locked until the field is emptied. */
		if (!c->sim.kb_locked)
			CU_ASSERT(input_field_empty(0));
		type_ahead(0, "fourth line");
	}
	CU_ASSERT(screen_has(0, "kept behind the read"));
	CU_ASSERT_STRING_EQUAL(vm->vm_input, "third line");
	CU_ASSERT(screen_has(0, "third line"));
	CU_ASSERT_FALSE(screen_has(0, "third linefourth line"));
	vm->vcpu.state = VCPU_STOPPED;
	logoff("USER05");
	hang_up(0);
	CU_ASSERT_EQUAL(connected(), 0);
}

static void test_timeout_and_unit_check_disconnect(void)
{
	struct vm *vm;
	unsigned cancels = fake_io_cancels[0];

	once();
	guard_init();
	connect(0, &m2);
	logo_type(0, 0, "user04");
	logo_type(0, 1, "user04");
	press(0, AID_ENTER);
	vm = vm_find("USER04");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	CU_ASSERT_PTR_NOT_NULL(vm->user->term);

	/* A write that never ends is cleared after 5 s; the client counts as gone. */
	clients[0].hang = true;
	user_printf(vm, "stuck");
	pump();
	CU_ASSERT_FATAL(fake_io_running(0));
	CU_ASSERT_EQUAL(term_next_timeout_us(), 5000000);
	fake_tod += US(4999999);
	pump();
	CU_ASSERT(fake_io_running(0));
	CU_ASSERT_PTR_NOT_NULL(vm->user->term);
	fake_tod += US(2);
	pump();
	CU_ASSERT_EQUAL(fake_io_cancels[0], cancels + 1);
	CU_ASSERT_FALSE(fake_io_running(0));
	CU_ASSERT_PTR_NULL(vm->user->term);
	CU_ASSERT_EQUAL(connected(), 0);
	CU_ASSERT(fake_console_out_has("USER04 disconnected at terminal 0020"));
	clients[0].hang = false;

	/* Reconnect from a new client, then lose it with unit check. */
	connect(0, &m2);
	logo_type(0, 0, "user04");
	logo_type(0, 1, "user04");
	press(0, AID_ENTER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm->user->term);
	CU_ASSERT(screen_has(0, "RECONNECTED AT"));
	clients[0].hang = true;
	user_printf(vm, "lost");
	term_poll();
	CU_ASSERT_FATAL(fake_io_running(0));
	fake_io_status(0, CE_DE | HW_DSTAT_UNIT_CHECK, 0);
	clients[0].hang = false;
	pump();
	CU_ASSERT_PTR_NULL(vm->user->term);
	CU_ASSERT_EQUAL(connected(), 0);
	CU_ASSERT_PTR_NOT_NULL(vm_find("USER04")); /* the machine runs on, disconnected */
	logoff("USER04");
}

/*
 * CP's response time: from the attention of Enter to the end of the write that gives the
 * keyboard back with the answer, per user and system-wide, shown by INDICATE USER and LOAD.
 */
static void test_response_time(void)
{
	struct vm *vm;
	struct term3270 *sim = &clients[0].sim;
	uint64_t sys0 = resp_system.interactions;
	uint64_t read0 = phase_stats[PHASE_READ].sum_us, write0 = phase_stats[PHASE_WRITE].sum_us;
	uint64_t total0 = phase_stats[PHASE_TOTAL].sum_us, guest0 = phase_stats[PHASE_GUEST].n;
	char want[40];

	once();
	guard_init();
	connect(0, &m2);
	logo_type(0, 0, "user05");
	logo_type(0, 1, "user05");
	press(0, AID_ENTER);
	vm = vm_find("USER05");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	CU_ASSERT_EQUAL(vm->user->resp.interactions, 0);	/* the logo's Enter is no interaction */
	/* Enter; 1 ms until CP reads the screen, 2 ms more until the answer's write ends. */
	CU_ASSERT_EQUAL(term_type(sim, "query time"), 0);
	clients[0].aid = AID_ENTER;
	fake_io_status(0, HW_DSTAT_ATTENTION, 0);
	term_poll();
	CU_ASSERT_EQUAL_FATAL(fake_io_cmd[0].cmd, TC_READMOD);
	fake_tod += US(1000);
	device_ends(0);
	term_poll();
	CU_ASSERT_FATAL(fake_io_running(0));
	CU_ASSERT_EQUAL(vm->user->resp.interactions, 0);	/* not before the write ends */
	fake_tod += US(2000);
	device_ends(0);
	pump();
	CU_ASSERT(screen_has(0, "TIME IS"));
	CU_ASSERT_EQUAL(vm->user->resp.interactions, 1);
	CU_ASSERT_EQUAL(vm->user->resp.trivial, 1);
	CU_ASSERT_EQUAL(vm->user->resp.last_us, 3000);
	/* Its steps (cp/phase.h): the read's 1 ms, the write's 2 ms; no guest ran. */
	CU_ASSERT_EQUAL(phase_stats[PHASE_READ].sum_us - read0, 1000);
	CU_ASSERT_EQUAL(phase_stats[PHASE_WRITE].sum_us - write0, 2000);
	CU_ASSERT_EQUAL(phase_stats[PHASE_TOTAL].sum_us - total0, 3000);
	CU_ASSERT_EQUAL(phase_stats[PHASE_GUEST].n, guest0);
	/* An idle pass over the terminals reads the clock once, not once a terminal: on
	 * Hercules a clock read costs about a microsecond, and CP passes often. */
	connect(1, &m2);
	press(1, AID_PA1); /* line mode: a screen to render, as a user's */
	{
		unsigned long reads = fake_tod_reads;

		term_poll();
		CU_ASSERT_EQUAL(fake_tod_reads - reads, 1);
	}
	hang_up(1);
	/* 3000 us is in the bucket 2560..3072: every percentile shows its upper edge. */
	type_enter(0, "indicate user user05");
	CU_ASSERT(screen_has(0, "RESPONSE TRIVIAL LAST MINUTE: N-00001 P50-3.1MS P95-3.1MS "
			     "P99-3.1MS"));
	CU_ASSERT(screen_has(0, "INTERACTIONS-000001 TRIVIAL-000001 LAST-3.0MS"));
	CU_ASSERT_EQUAL(vm->user->resp.interactions, 2);
	/* INDICATE LOAD: the same figures system-wide, and the user in CP READ. */
	type_enter(0, "indicate load");
	CU_ASSERT(screen_has(0, "AVGPROC-"));
	CU_ASSERT(screen_has(0, "USERS-00001 RUNNING-00000 VMREAD-00000 CPREAD-00001"));
	CU_ASSERT(screen_has(0, "RESPONSE ALL     LAST MINUTE: N-"));
	ksnprintf(want, sizeof(want), "INTERACTIONS-%06llu", (unsigned long long)sys0 + 2);
	CU_ASSERT(screen_has(0, want));
	/* PA2 only clears the screen: no interaction. */
	press(0, AID_PA2);
	CU_ASSERT_EQUAL(vm->user->resp.interactions, 3);
	logoff("USER05");
	hang_up(0);
}

/*
 * A line the guest's read takes is answered in one write: the echo waits (up to 100 ms)
 * for the guest's output and its next read, so the client does not get two writes in a row
 * (the second one waited ~40 ms for the client's ACK on both emulators).
 */
static void test_guest_answer_one_write(void)
{
	static const char answer[] = "TIME IS 12:00:00\nReady;";
	struct term3270 *sim = &clients[0].sim;
	struct vm *vm;

	once();
	guard_init();
	connect(0, &m2);
	logo_type(0, 0, "user06");
	logo_type(0, 1, "user06");
	press(0, AID_ENTER);
	vm = vm_find("USER06");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	vm->user->cp_read = false;
	vm->vcpu.state = VCPU_ENABLED_WAIT;
	vm->console.read_pending = true;
	user_printf(vm, "guest up");
	pump();
	CU_ASSERT_FATAL(screen_has(0, "VM READ"));

	CU_ASSERT_EQUAL(term_type(sim, "q time"), 0);
	clients[0].aid = AID_ENTER;
	fake_io_status(0, HW_DSTAT_ATTENTION, 0);
	term_poll();
	device_ends(0);		/* the Read Modified */
	term_poll();
	CU_ASSERT_STRING_EQUAL(fake_vcons_line, "q time");
	CU_ASSERT_FALSE(fake_io_running(0));	/* no echo while the guest runs the line */
	CU_ASSERT(term_next_timeout_us() > 0 && term_next_timeout_us() <= 100000);
	fake_tod += US(2000);
	term_output(vm->user->term, answer, sizeof(answer) - 1);
	vm->console.read_pending = true;	/* the guest reads again */
	term_poll();
	CU_ASSERT_FATAL(fake_io_running(0));
	device_ends(0);
	term_poll();
	CU_ASSERT_FALSE(fake_io_running(0));	/* that one write said it all */
	CU_ASSERT(screen_has(0, "q time"));
	CU_ASSERT(screen_has(0, "Ready;"));
	CU_ASSERT(screen_has(0, "VM READ"));
	CU_ASSERT_FALSE(sim->kb_locked);
	CU_ASSERT_EQUAL(vm->user->resp.last_us, 2000);

	/* A guest that runs on: the echo goes out after 100 ms, status RUNNING. */
	type_enter(0, "long");
	CU_ASSERT_FALSE(fake_io_running(0));
	fake_tod += US(100000);
	pump();
	CU_ASSERT(screen_has(0, "long"));
	CU_ASSERT(screen_has(0, "RUNNING"));
	logoff("USER06");
	hang_up(0);
}

UNIT_SUITE(term, UNIT_CASE(test_init_claims_3270s), UNIT_CASE(test_query_then_logo),
	   UNIT_CASE(test_query_fallback), UNIT_CASE(test_logon_from_logo),
	   UNIT_CASE(test_line_mode_logon), UNIT_CASE(test_attention_read_first_and_cc1_retry),
	   UNIT_CASE(test_timeout_and_unit_check_disconnect), UNIT_CASE(test_output_racing_enter),
	   UNIT_CASE(test_response_time), UNIT_CASE(test_guest_answer_one_write))

UNIT_MAIN(UNIT_REG(term))
