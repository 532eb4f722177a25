/*
 * Unit tests for the guest's virtual SCLP (cp/icpt/sclp.c): SERVC's checks, Read SCP Info,
 * the line-mode console events, and that a malformed SCCB only ever earns a response code
 * and never touches storage outside its page. The operator-command event is parsed back
 * with the arch layer's GDS walker, the same code CP itself uses on real SCLP input.
 */
#include <string.h>
#include <arch/sclp_gds.h>
#include <cp/decode.h>
#include <lib/ebcdic.h>
#include "cunit_main.h"
#include "fake_gmem.h"

#define MB	(1ULL << 20)
#define STORAGE (4 * MB)
#define SCCB	0x10000ULL

#define READ_INFO   0x00020001u
#define READ_INFO_F 0x00120001u
#define READ_EVENT  0x00770005u
#define WRITE_EVENT 0x00760005u
#define WRITE_MASK  0x00780005u

static struct vm *vm;
static struct vcpu *v;

static void setup(void)
{
	fake_console_reset();
	vm = fake_vm_new(STORAGE);
	v = &vm->vcpu;
}

static void teardown(void)
{
	fake_vm_free(vm);
}

static uint8_t *abs_(uint64_t a)
{
	return fake_abs(vm, a);
}

static unsigned cc(void)
{
	return (unsigned)(v->psw_mask >> PSW_CC_SHIFT) & 3;
}

/* SERVC 4,5 with the command in R4 and the SCCB address in R5. */
static int servc(uint32_t command, uint64_t sccb)
{
	memset(&v->exit, 0, sizeof(v->exit));
	v->exit.reason = EXIT_INSTRUCTION;
	v->exit.ipa = 0xb220;
	v->exit.ipb = 0x00450000;
	v->exit.ilc = 4;
	v->gprs[4] = command;
	v->gprs[5] = sccb;
	return icpt_instruction(v);
}

/* Takes the completion as the guest would before its next request. */
static void take_signal(void)
{
	v->pending &= ~PEND_SERVICE_SIGNAL;
	v->service_param = 0;
}

static uint16_t response(uint64_t sccb)
{
	return get_be16(abs_(sccb + 6));
}

static void new_sccb(uint64_t at, uint16_t len)
{
	memset(abs_(at), 0, len);
	put_be16(abs_(at), len);
}

static void test_servc_checks(void)
{
	setup();
	new_sccb(SCCB, 4096);
	v->psw_mask |= PSW_MASK_PSTATE;
	CU_ASSERT_EQUAL(servc(READ_INFO, SCCB), PGM_PRIVILEGED_OP);
	v->psw_mask &= ~PSW_MASK_PSTATE;
	CU_ASSERT_EQUAL(servc(READ_INFO, SCCB + 4), PGM_SPECIFICATION);	     /* alignment */
	CU_ASSERT_EQUAL(servc(READ_INFO, 0x80000000ULL), PGM_SPECIFICATION); /* >= 2 GB */
	CU_ASSERT_EQUAL(servc(READ_INFO, 0x1000), PGM_SPECIFICATION);	     /* lowcore */
	v->prefix = 0x20000;
	CU_ASSERT_EQUAL(servc(READ_INFO, 0x21000), PGM_SPECIFICATION); /* prefix area */
	v->prefix = 0;
	CU_ASSERT_EQUAL(servc(READ_INFO, STORAGE), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(servc(READ_INFO, STORAGE - 4), PGM_SPECIFICATION);
	new_sccb(SCCB, 4096);
	put_be16(abs_(SCCB), 6); /* shorter than its header */
	CU_ASSERT_EQUAL(servc(READ_INFO, SCCB), PGM_SPECIFICATION);
	CU_ASSERT_EQUAL(v->pending, 0);
	teardown();
}

static void test_read_scp_info(void)
{
	setup();
	v->cpu_address = 0;
	new_sccb(SCCB, 4096);
	memset(abs_(SCCB + 8), 0xee, 100);
	vcpu_set_cc(v, 3);
	CU_ASSERT_EQUAL(servc(READ_INFO, SCCB), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x0010);
	CU_ASSERT_EQUAL(get_be16(abs_(SCCB + 8)), 4); /* rnmax: 4 increments */
	CU_ASSERT_EQUAL(*abs_(SCCB + 10), 1);	      /* of 1 MB */
	CU_ASSERT_EQUAL(get_be64(abs_(SCCB + 0x68)), 4);
	CU_ASSERT_EQUAL(get_be32(abs_(SCCB + 0x64)), 1);
	CU_ASSERT_EQUAL(get_be16(abs_(SCCB + 16)), 1); /* one CPU entry */
	CU_ASSERT_EQUAL(get_be16(abs_(SCCB + 18)), 0x90);
	CU_ASSERT_EQUAL(*abs_(SCCB + 0x90 + 14), 0); /* a general CPU */
	CU_ASSERT_EQUAL(*abs_(SCCB + 50), 0);	     /* old contents cleared */
	CU_ASSERT(v->pending & PEND_SERVICE_SIGNAL);
	CU_ASSERT_EQUAL(v->service_param, SCCB);
	/* busy until the service signal is taken */
	vcpu_set_cc(v, 0);
	CU_ASSERT_EQUAL(servc(READ_INFO_F, SCCB), 0);
	CU_ASSERT_EQUAL(cc(), 2);
	take_signal();
	CU_ASSERT_EQUAL(servc(READ_INFO_F, SCCB), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x0010);
	/* too short for the CPU entry */
	take_signal();
	new_sccb(SCCB, 64);
	CU_ASSERT_EQUAL(servc(READ_INFO, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x0300);
	teardown();
}

static void test_unknown_command_and_boundary(void)
{
	setup();
	new_sccb(SCCB, 4096);
	CU_ASSERT_EQUAL(servc(0x00990005, SCCB), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x01f0);
	CU_ASSERT(v->pending & PEND_SERVICE_SIGNAL);
	take_signal();
	/* an SCCB that would cross into the next page: response 0x0100, the next page
	 * untouched */
	new_sccb(SCCB + 0xff8, 8);
	put_be16(abs_(SCCB + 0xff8), 64);
	memset(abs_(SCCB + 0x1000), 0x5a, 64);
	CU_ASSERT_EQUAL(servc(READ_INFO, SCCB + 0xff8), 0);
	CU_ASSERT_EQUAL(response(SCCB + 0xff8), 0x0100);
	CU_ASSERT_EQUAL(*abs_(SCCB + 0x1000), 0x5a);
	CU_ASSERT_EQUAL(v->service_param, SCCB + 0xff8);
	take_signal();
	/* the largest length a header can claim, at the start of the last page */
	new_sccb(STORAGE - 4096, 8);
	put_be16(abs_(STORAGE - 4096), 0xffff);
	CU_ASSERT_EQUAL(servc(WRITE_EVENT, STORAGE - 4096), 0);
	CU_ASSERT_EQUAL(response(STORAGE - 4096), 0x0100);
	teardown();
}

static void write_mask(unsigned ml, uint32_t receive, uint32_t send)
{
	new_sccb(SCCB, (uint16_t)(12 + 4 * ml));
	put_be16(abs_(SCCB + 10), (uint16_t)ml);
	for (unsigned i = 0; i < ml && i < 4; i++) {
		abs_(SCCB + 12)[i] = (uint8_t)(receive >> (24 - 8 * i));
		abs_(SCCB + 12 + ml)[i] = (uint8_t)(send >> (24 - 8 * i));
	}
}

static void test_write_event_mask(void)
{
	setup();
	write_mask(4, 0x80000000, 0x40000000);
	CU_ASSERT_EQUAL(servc(WRITE_MASK, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x0020);
	CU_ASSERT_EQUAL(vm->sclp_receive_mask, 0x80000000u);
	CU_ASSERT_EQUAL(vm->sclp_send_mask, 0x40000000u);
	CU_ASSERT_EQUAL(get_be32(abs_(SCCB + 20)), 0x40000000u); /* SCLP receives messages */
	CU_ASSERT_EQUAL(get_be32(abs_(SCCB + 24)), 0x80000000u); /* and sends commands */
	take_signal();
	write_mask(2, 0x80000000, 0x40000000);
	CU_ASSERT_EQUAL(servc(WRITE_MASK, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x0020);
	CU_ASSERT_EQUAL(get_be16(abs_(SCCB + 16)), 0x4000);
	CU_ASSERT_EQUAL(get_be16(abs_(SCCB + 18)), 0x8000);
	take_signal();
	write_mask(4, 0, 0);
	put_be16(abs_(SCCB + 10), 0);
	CU_ASSERT_EQUAL(servc(WRITE_MASK, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x74f0);
	take_signal();
	write_mask(4, 0, 0);
	put_be16(abs_(SCCB), 20); /* four masks do not fit */
	CU_ASSERT_EQUAL(servc(WRITE_MASK, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x0300);
	teardown();
}

/* A message event with one MTO per line, as Linux and CP build them. */
static uint16_t build_message(uint64_t at, const char *const *lines, unsigned n)
{
	uint8_t *ev = abs_(at + 8), *mdb = ev + 6, *p = mdb + 12;
	uint16_t evlen;

	for (unsigned i = 0; i < n; i++) {
		size_t len = strlen(lines[i]);

		memset(p, 0, 10);
		put_be16(p, (uint16_t)(10 + len));
		put_be16(p + 2, 4);
		put_be16(p + 4, 0x1000);
		ascii_to_ebcdic(EBCDIC_CP037, p + 10, lines[i], len);
		p += 10 + len;
	}
	put_be16(mdb, (uint16_t)(p - mdb));
	put_be16(mdb + 2, 1);
	put_be32(mdb + 4, 0xd4c4c240u);
	put_be32(mdb + 8, 1);
	evlen = (uint16_t)(p - ev);
	put_be16(ev, evlen);
	ev[2] = 2;
	ev[3] = 0;
	put_be16(abs_(at), (uint16_t)(8 + evlen));
	return evlen;
}

static void test_write_event_data(void)
{
	static const char *const lines[] = {"HELLO FROM THE GUEST", "SECOND LINE"};

	setup();
	new_sccb(SCCB, 4096);
	build_message(SCCB, lines, 2);
	CU_ASSERT_EQUAL(servc(WRITE_EVENT, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x0020);
	CU_ASSERT_EQUAL(fake_console_count, 2);
	CU_ASSERT_STRING_EQUAL(fake_console[0], "HELLO FROM THE GUEST");
	CU_ASSERT_STRING_EQUAL(fake_console[1], "SECOND LINE");
	CU_ASSERT_EQUAL(*abs_(SCCB + 8 + 3), 0x80); /* buffer accepted */
	take_signal();
	/* an event buffer longer than the SCCB: syntax error, nothing written */
	fake_console_reset();
	new_sccb(SCCB, 4096);
	build_message(SCCB, lines, 1);
	put_be16(abs_(SCCB + 8), 0x900);
	CU_ASSERT_EQUAL(servc(WRITE_EVENT, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x73f0);
	CU_ASSERT_EQUAL(fake_console_count, 0);
	take_signal();
	/* an event buffer shorter than its header */
	new_sccb(SCCB, 4096);
	build_message(SCCB, lines, 1);
	put_be16(abs_(SCCB + 8), 4);
	CU_ASSERT_EQUAL(servc(WRITE_EVENT, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x73f0);
	take_signal();
	/* an MDB claiming more than its event buffer */
	new_sccb(SCCB, 4096);
	build_message(SCCB, lines, 1);
	put_be16(abs_(SCCB + 8 + 6), 0x800);
	CU_ASSERT_EQUAL(servc(WRITE_EVENT, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x72f0);
	take_signal();
	/* an MTO longer than the MDB */
	new_sccb(SCCB, 4096);
	build_message(SCCB, lines, 1);
	put_be16(abs_(SCCB + 8 + 6 + 12), 0x300);
	CU_ASSERT_EQUAL(servc(WRITE_EVENT, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x72f0);
	CU_ASSERT_EQUAL(fake_console_count, 0);
	take_signal();
	/* an event type the SCLP does not take */
	new_sccb(SCCB, 4096);
	build_message(SCCB, lines, 1);
	*abs_(SCCB + 8 + 2) = 0x1a;
	CU_ASSERT_EQUAL(servc(WRITE_EVENT, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x40f0);
	take_signal();
	/* a function code other than a normal write */
	new_sccb(SCCB, 4096);
	build_message(SCCB, lines, 1);
	*abs_(SCCB + 2) = 0x80;
	CU_ASSERT_EQUAL(servc(WRITE_EVENT, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x40f0);
	CU_ASSERT_EQUAL(fake_console_count, 0);
	teardown();
}

static void enable_commands(void)
{
	write_mask(4, 0x80000000, 0x40000000);
	CU_ASSERT_EQUAL(servc(WRITE_MASK, SCCB), 0);
	take_signal();
}

static void test_read_event_data(void)
{
	const uint8_t *text;
	uint8_t want[32];
	int n;

	setup();
	enable_commands();
	new_sccb(SCCB, 4096);
	CU_ASSERT_EQUAL(servc(READ_EVENT, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x60f0);
	CU_ASSERT_EQUAL(v->service_param, SCCB); /* no event pending */
	take_signal();
	/* an operator line: the service signal announces it */
	CU_ASSERT_EQUAL(vm_sclp_input(vm, "query time"), 0);
	CU_ASSERT_EQUAL(vm_sclp_input(vm, "another"), -1);
	CU_ASSERT(v->pending & PEND_SERVICE_SIGNAL);
	CU_ASSERT_EQUAL(v->service_param, 1);
	take_signal();
	new_sccb(SCCB, 4096);
	CU_ASSERT_EQUAL(servc(READ_EVENT, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x0020);
	CU_ASSERT_EQUAL(*abs_(SCCB + 8 + 2), 1); /* operator command */
	n = sclp_gds_find_text(abs_(SCCB + 8 + 6), get_be16(abs_(SCCB + 8)) - 6, &text);
	CU_ASSERT_EQUAL(n, 10);
	ascii_to_ebcdic(EBCDIC_CP037, want, "query time", 10);
	if (n == 10)
		CU_ASSERT_EQUAL(memcmp(text, want, 10), 0);
	CU_ASSERT_FALSE(vm->sclp_input_pending);
	CU_ASSERT_EQUAL(v->service_param, SCCB); /* nothing more pending */
	take_signal();
	new_sccb(SCCB, 4096);
	CU_ASSERT_EQUAL(servc(READ_EVENT, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x60f0);
	teardown();
}

static void test_read_event_data_edges(void)
{
	setup();
	/* input before the guest enabled commands: no signal until it does */
	CU_ASSERT_EQUAL(vm_sclp_input(vm, "x"), 0);
	CU_ASSERT_EQUAL(v->pending, 0);
	write_mask(4, 0x80000000, 0x40000000);
	CU_ASSERT_EQUAL(servc(WRITE_MASK, SCCB), 0);
	CU_ASSERT_EQUAL(v->service_param, SCCB | 1); /* now it learns of the event */
	take_signal();
	/* an SCCB too short for the event keeps it pending */
	new_sccb(SCCB, 16);
	CU_ASSERT_EQUAL(servc(READ_EVENT, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x0300);
	CU_ASSERT(vm->sclp_input_pending);
	CU_ASSERT_EQUAL(v->service_param, SCCB | 1);
	take_signal();
	/* selective read of message events only: none */
	new_sccb(SCCB, 4096);
	*abs_(SCCB + 2) = 0x01;
	put_be32(abs_(SCCB + 8), 0x40000000);
	CU_ASSERT_EQUAL(servc(READ_EVENT, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x60f0);
	take_signal();
	new_sccb(SCCB, 4096);
	*abs_(SCCB + 2) = 0x77;
	CU_ASSERT_EQUAL(servc(READ_EVENT, SCCB), 0);
	CU_ASSERT_EQUAL(response(SCCB), 0x40f0);
	take_signal();
	/* a very long line is cut to what one-byte GDS lengths can carry */
	vm->sclp_input_pending = false;
	{
		char longline[256];
		const uint8_t *text;

		memset(longline, 'A', 255);
		longline[255] = 0;
		CU_ASSERT_EQUAL(vm_sclp_input(vm, longline), 0);
		take_signal();
		new_sccb(SCCB, 4096);
		CU_ASSERT_EQUAL(servc(READ_EVENT, SCCB), 0);
		CU_ASSERT_EQUAL(response(SCCB), 0x0020);
		CU_ASSERT_EQUAL(
		    sclp_gds_find_text(abs_(SCCB + 14), get_be16(abs_(SCCB + 8)) - 6, &text), 251);
	}
	teardown();
}

UNIT_SUITE(vsclp, UNIT_CASE(test_servc_checks), UNIT_CASE(test_read_scp_info),
	   UNIT_CASE(test_unknown_command_and_boundary), UNIT_CASE(test_write_event_mask),
	   UNIT_CASE(test_write_event_data), UNIT_CASE(test_read_event_data),
	   UNIT_CASE(test_read_event_data_edges))

UNIT_MAIN(UNIT_REG(vsclp))
