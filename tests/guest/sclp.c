/*
 * The (virtual) SCLP: Read SCP Info, the line-mode console itself (Write Event Mask, Write Event
 * Data with message events of several lengths), response codes for bad requests, and the program
 * interruptions of SERVC for a bad SCCB address or in problem state; the requests exactly as
 * Linux 6.1 makes them.
 */
#include <lib/endian.h>

#include "guest.h"
#include "sclp.h"

static uint8_t pages[2][4096] __attribute__((aligned(4096)));

#define SCLP_CMD_INVALID 0x00ff0001u /* no such command */

static uint64_t addr_of(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

static void test_read_info(void)
{
	struct read_info_sccb *ri = (void *)pages[0];
	uint64_t storage;
	int rc;

	report_prefix_push("Read SCP Info");
	memset(pages[0], 0, sizeof(pages[0]));
	ri->header.length = SCCB_SIZE;
	rc = sclp_call(SCLP_CMD_READ_SCP_INFO, ri);
	report(rc == SCLP_RC_NORMAL_READ || rc == SCLP_RC_NORMAL_COMPLETION, "response %04x",
	       (unsigned)rc);
	storage = ri->rnsize ? (uint64_t)ri->rnmax * ri->rnsize << 20
			     : ri->rnmax2 * ((uint64_t)ri->rnsize2 << 20);
	report(storage > 0, "storage %lu KB (increment %u MB x %u)", (unsigned long)(storage >> 10),
	       ri->rnsize ? ri->rnsize : (unsigned)ri->rnsize2,
	       ri->rnsize ? ri->rnmax : (unsigned)ri->rnmax2);
	report(storage == guest_env.storage_size, "the same storage size twice");
	/* A one-CPU virtual machine has one entry; bare Hercules lists every CPU it could have. */
	if (under_vm64() || !guest_env.hercules)
		report(ri->ncpurl == 1, "one CPU entry (%u)", ri->ncpurl);
	else
		report_info("%u CPU entries", ri->ncpurl);
	if (ri->ncpurl >= 1 && ri->cpuoff >= sizeof(*ri) && ri->cpuoff < SCCB_SIZE - 16) {
		const struct sclp_cpu_entry *cpu = (const void *)(pages[0] + ri->cpuoff);

		report(cpu->cpu_address == guest_env.cpu_addr && cpu->type == 0,
		       "the first CPU entry is this CPU (%u), a general-purpose CP",
		       cpu->cpu_address);
	} else {
		report(false, "CPU entry offset %u", ri->cpuoff);
	}

	memset(pages[0], 0, sizeof(pages[0]));
	ri->header.length = 16;
	rc = sclp_call(SCLP_CMD_READ_SCP_INFO, ri);
	report(rc == SCLP_RC_INSUFFICIENT_LENGTH, "a 16-byte SCCB: response 0300 (got %04x)",
	       (unsigned)rc);
	report_prefix_pop();
}

static void test_console(void)
{
	static char text[160];
	struct write_event_mask_sccb *m = (void *)pages[0];
	struct sccb_header *h;
	unsigned lengths[] = {1, 40, 79, 80, 132};
	int rc;

	report_prefix_push("console");
	memset(pages[0], 0, sizeof(pages[0]));
	m->header.length = sizeof(*m);
	m->mask_length = 4;
	m->cp_send_mask = SCLP_EVTYP_MASK(SCLP_EVTYP_MSG);
	rc = sclp_call(SCLP_CMD_WRITE_EVENT_MASK, m);
	report(rc == SCLP_RC_NORMAL_COMPLETION, "Write Event Mask: response %04x", (unsigned)rc);
	report(m->sclp_receive_mask & SCLP_EVTYP_MASK(SCLP_EVTYP_MSG),
	       "the SCLP takes message events (receive mask %08x)", m->sclp_receive_mask);

	for (unsigned i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		unsigned n = lengths[i];

		for (unsigned j = 0; j < n; j++)
			text[j] = (char)('A' + (j % 26));
		memcpy(text, "LINE ", 5);
		rc = sclp_write_line(text, n);
		report(rc == SCLP_RC_NORMAL_COMPLETION, "a %u-character line: response %04x", n,
		       (unsigned)rc);
	}
	rc = sclp_write_line("punctuation: \"#$%&'()*+,-./:;<=>?@_", 35);
	report(rc == SCLP_RC_NORMAL_COMPLETION, "punctuation in CP037");

	/* An SCCB that runs over its page: boundary violation. */
	h = (void *)(pages[0] + 4096 - 64);
	memset(h, 0, 64);
	h->length = 256;
	rc = sclp_call(SCLP_CMD_WRITE_EVENT_DATA, h);
	report(rc == SCLP_RC_BOUNDARY_VIOLATION,
	       "an SCCB crossing a page boundary: response 0100 (got %04x)", (unsigned)rc);

	memset(pages[1], 0, sizeof(pages[1]));
	h = (void *)pages[1];
	h->length = 64;
	rc = sclp_call(SCLP_CMD_INVALID, h);
	report(rc == SCLP_RC_INVALID_COMMAND, "an unknown command: response 01F0 (got %04x)",
	       (unsigned)rc);
	report_prefix_pop();
}

/* One SERVC expected to fail with a program interruption: no service signal follows. */
static void servc_fails(const char *what, uint64_t sccb, uint16_t code)
{
	expect_pgm_int();
	servc(SCLP_CMD_READ_SCP_INFO, (void *)(uintptr_t)sccb);
	check_pgm_int_code(what, code);
}

static void test_bad_sccb(void)
{
	uint64_t beyond = guest_env.storage_size + 0x10000;
	struct sccb_header *h = (void *)pages[1];
	uint16_t code;

	report_prefix_push("SERVC");
	memset(pages[1], 0, sizeof(pages[1]));
	h->length = SCCB_SIZE;
	servc_fails("SCCB not on a doubleword", addr_of(pages[1]) + 4, PGM_SPECIFICATION);
	if (beyond < 0x80000000ULL)
		servc_fails("SCCB beyond storage", beyond, PGM_ADDRESSING);
	if (under_vm64() || !guest_env.hercules)
		servc_fails("SCCB in the prefix area", 0x1000, PGM_SPECIFICATION);
	else
		report_skip("SCCB in the prefix area: bare Hercules does not check it");
	expect_pgm_int();
	servc(SCLP_CMD_READ_SCP_INFO, (void *)0x80000000UL);
	code = pgm_int_code();
	/* Above 2 GB is a specification exception, unless not being storage is found first. */
	report(code == PGM_SPECIFICATION || (code == PGM_ADDRESSING && beyond <= 0x80000000ULL),
	       "SCCB at 2 GB: program interruption 0x%04x", code);

	enter_pstate();
	expect_pgm_int();
	servc(SCLP_CMD_READ_SCP_INFO, h);
	leave_pstate();
	check_pgm_int_code("in problem state", PGM_PRIVILEGED_OP);

	/* A second request before the first one's service signal: busy (cc 2) on a real SCLP. */
	{
		unsigned before = ext_int_count(EXT_SERVICE_SIGNAL);
		int cc1, cc2;

		memset(pages[0], 0, sizeof(pages[0]));
		((struct sccb_header *)pages[0])->length = SCCB_SIZE;
		h->length = SCCB_SIZE;
		cc1 = servc(SCLP_CMD_READ_SCP_INFO, pages[0]);
		cc2 = servc(SCLP_CMD_READ_SCP_INFO, h);
		/* Take every service signal that comes (one, or two if both were accepted). */
		while (wait_for_ext(EXT_SERVICE_SIGNAL, 200000))
			;
		report(cc1 == 0 && ext_int_count(EXT_SERVICE_SIGNAL) != before,
		       "first request accepted and signalled");
		if (cc2 == 2)
			report(true, "second request before the service signal: busy (cc 2)");
		else if (!under_vm64() && guest_env.qemu)
			report_info(
			    "second request before the service signal: cc %d (QEMU takes it)", cc2);
		else
			report(false, "second request before the service signal: cc %d, not 2",
			       cc2);
		report(sclp_write_line("the console still works", 23) == SCLP_RC_NORMAL_COMPLETION,
		       "the console still works afterwards");
	}
	report_prefix_pop();
}

/*
 * The SCLP requests exactly as Linux 6.1 makes them (drivers/s390/char/sclp_early_core.c):
 * Read SCP Info forced, then normal, in a 4 KB SCCB with function code X'80' and the
 * variable-length bit in the control mask, accepted only with response 0010; Write Event Mask
 * with 8-byte masks, after which the line-mode console exists when the SCLP sends operator
 * commands and receives messages.
 */
#define SCLP_CMD_READ_SCP_INFO_FORCED 0x00120001u

static void test_as_linux_asks(void)
{
	uint8_t *p = pages[0];
	uint64_t sclp_send, sclp_receive, storage;
	int rc;

	report_prefix_push("as Linux asks");
	memset(p, 0, 4096);
	p[0] = 0x10; /* length 4096 */
	p[2] = 0x80; /* function code */
	p[5] = 0x80; /* control mask byte 2: variable-length response */
	rc = sclp_call(SCLP_CMD_READ_SCP_INFO_FORCED, p);
	if (rc == SCLP_RC_INVALID_COMMAND) {
		report_info("Read SCP Info forced: 01F0, Linux then tries the normal command");
		memset(p + 8, 0, 4096 - 8);
		p[6] = p[7] = 0;
		rc = sclp_call(SCLP_CMD_READ_SCP_INFO, p);
	}
	report(rc == SCLP_RC_NORMAL_READ, "Read SCP Info: response 0010, Linux's only (got %04x)",
	       (unsigned)rc);
	storage = (p[8] << 8 | p[9]) ? (uint64_t)(p[8] << 8 | p[9]) * (p[10] ? p[10] : 1) << 20 : 0;
	report(storage == guest_env.storage_size, "rnmax x rnsize: %lu KB",
	       (unsigned long)(storage >> 10));

	memset(p, 0, 4096);
	p[1] = 0x0c + 4 * 8; /* length */
	p[0x0b] = 8;	     /* mask length: Linux's sccb_mask_t is 8 bytes */
	p[0x0c] = 0x80;	     /* receive: operator commands */
	p[0x0c + 8] = 0x40;  /* send: messages */
	rc = sclp_call(SCLP_CMD_WRITE_EVENT_MASK, p);
	report(rc == SCLP_RC_NORMAL_COMPLETION, "Write Event Mask, 8-byte masks: response %04x",
	       (unsigned)rc);
	sclp_receive = get_be64(p + 0x0c + 16);
	sclp_send = get_be64(p + 0x0c + 24);
	report((sclp_send & (1ULL << 63)) && (sclp_receive & (3ULL << 62 | 1ULL << 55)),
	       "a line-mode console: the SCLP sends operator commands and receives messages "
	       "(send %016lx, receive %016lx)",
	       (unsigned long)sclp_send, (unsigned long)sclp_receive);
	report(sclp_console_init(), "the test's own console mask back");
	report_prefix_pop();
}

int main(void)
{
	report_prefix_push("sclp");
	test_read_info();
	test_console();
	test_bad_sccb();
	test_as_linux_asks();
	report_prefix_pop();
	return report_summary();
}
