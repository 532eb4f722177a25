/*
 * Channel-subsystem instructions with no virtual devices: every subchannel is not operational
 * (cc 3), a subsystem-identification word without its "one" bit is an operand exception, operands
 * off their boundary are specification exceptions, TPI finds nothing pending, and all of them are
 * privileged.
 *
 * TODO: when CP gives guests virtual devices (the console at 0009, spool, minidisks), STSCH on
 * 0.0.0000 answers cc 0: then check the SCHIB (device number valid, not enabled), enable it with
 * MSCH, and run SSCH with the channel program at a wild address expecting a program check in the
 * subchannel status instead of cc 3.
 */
#include "guest.h"

static struct schib schib __attribute__((aligned(4)));
static struct orb orb __attribute__((aligned(8)));
static struct irb irb __attribute__((aligned(4)));
static uint32_t words[4] __attribute__((aligned(8)));

/* An I/O instruction with an arbitrary GR1 and operand address; returns the cc. */
#define IO_INSN(mnemonic, gr1, addr)                                                               \
	({                                                                                         \
		register unsigned long __r1 asm("1") = (gr1);                                      \
		int __cc;                                                                          \
		asm volatile(mnemonic " 0(%2)\n\tipm %0\n\tsrl %0,28"                              \
			     : "=d"(__cc)                                                          \
			     : "d"(__r1), "a"((uint64_t)(addr))                                    \
			     : "cc", "memory");                                                    \
		__cc;                                                                              \
	})

static uint64_t addr_of(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

static void test_no_devices(void)
{
	uint32_t schids[] = {SCHID(0), SCHID(1), SCHID(0x0009), SCHID(0xffff)};
	int cc;

	report_prefix_push("no devices");
	for (unsigned i = 0; i < sizeof(schids) / sizeof(schids[0]); i++) {
		cc = stsch(schids[i], &schib);
		report(cc == 3, "STSCH %08x: cc 3 (got %d)", schids[i], cc);
	}
	memset(&schib, 0, sizeof(schib));
	report(msch(SCHID(0), &schib) == 3, "MSCH 0.0.0000: cc 3");
	report(tsch(SCHID(0), &irb) == 3, "TSCH 0.0.0000: cc 3");
	report(hsch(SCHID(0)) == 3, "HSCH 0.0.0000: cc 3");
	report(csch(SCHID(0)) == 3, "CSCH 0.0.0000: cc 3");

	/* A channel program at an address far outside storage: no device to run it. */
	memset(&orb, 0, sizeof(orb));
	orb.intparm = 0x12345678;
	orb.flags = ORB_FLAGS_FORMAT1 | ORB_FLAGS_LPM_ALL;
	orb.cpa = 0x7ffff000;
	cc = ssch(SCHID(0), &orb);
	report(cc == 3, "SSCH 0.0.0000, channel program at X'7FFFF000': cc 3 (got %d)", cc);

	cc = tpi(addr_of(words));
	report(cc == 0, "TPI: no interruption pending, cc 0 (got %d)", cc);
	report(io_int_count() == 0, "no I/O interruption came");
	report_prefix_pop();
}

static void test_operand_checks(void)
{
	report_prefix_push("operands");
	expect_pgm_int();
	IO_INSN("stsch", 0, addr_of(&schib));
	check_pgm_int_code("STSCH, GR1 without the one bit", PGM_OPERAND);
	expect_pgm_int();
	IO_INSN("stsch", 0x80010000u, addr_of(&schib));
	check_pgm_int_code("STSCH, GR1 with bit 32 one", PGM_OPERAND);
	expect_pgm_int();
	IO_INSN("ssch", 0x00000001u, addr_of(&orb));
	check_pgm_int_code("SSCH, GR1 without the one bit", PGM_OPERAND);
	expect_pgm_int();
	IO_INSN("tsch", 0x12345678u, addr_of(&irb));
	check_pgm_int_code("TSCH, GR1 garbage", PGM_OPERAND);
	expect_pgm_int();
	IO_INSN("msch", 0, addr_of(&schib));
	check_pgm_int_code("MSCH, GR1 zero", PGM_OPERAND);

	expect_pgm_int();
	IO_INSN("stsch", SCHID(0), addr_of(words) + 1);
	check_pgm_int_code("STSCH, SCHIB not on a word", PGM_SPECIFICATION);
	expect_pgm_int();
	IO_INSN("ssch", SCHID(0), addr_of(words) + 2);
	check_pgm_int_code("SSCH, ORB not on a word", PGM_SPECIFICATION);
	expect_pgm_int();
	IO_INSN("tsch", SCHID(0), addr_of(words) + 1);
	check_pgm_int_code("TSCH, IRB not on a word", PGM_SPECIFICATION);
	expect_pgm_int();
	tpi(addr_of(words) + 1);
	check_pgm_int_code("TPI, operand not on a word", PGM_SPECIFICATION);
	report_prefix_pop();
}

static void test_problem_state(void)
{
	report_prefix_push("problem state");
	enter_pstate();
	expect_pgm_int();
	stsch(SCHID(0), &schib);
	leave_pstate();
	check_pgm_int_code("STSCH", PGM_PRIVILEGED_OP);
	enter_pstate();
	expect_pgm_int();
	ssch(SCHID(0), &orb);
	leave_pstate();
	check_pgm_int_code("SSCH", PGM_PRIVILEGED_OP);
	enter_pstate();
	expect_pgm_int();
	tpi(addr_of(words));
	leave_pstate();
	check_pgm_int_code("TPI", PGM_PRIVILEGED_OP);
	report_prefix_pop();
}

int main(void)
{
	report_prefix_push("io");
	if (stsch(SCHID(0), &schib) == 0 && !under_vm64()) {
		/* Bare Hercules needs a device in its configuration: subchannel 0 exists. */
		report_skip("no-device checks: this machine has a device on subchannel 0.0.0000 "
			    "(devno %04x)",
			    schib.pmcw.devno);
	} else {
		test_no_devices();
	}
	test_operand_checks();
	test_problem_state();
	report_prefix_pop();
	return report_summary();
}
