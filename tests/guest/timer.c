/*
 * The guest's timing facilities: TOD clock, clock comparator (SCKC/STCKC) and CPU timer
 * (SPT/STPT) round trips, the CPU timer counting down, a clock-comparator interruption taken
 * from an enabled wait, a CPU-timer interruption, both held while their subclass is masked,
 * and the failure paths (unaligned operands, problem state).
 */
#include "guest.h"

static uint64_t words[2];

/* Enables external interruptions for one instruction: pending ones are taken in between. */
static void open_ext_window(void)
{
	stosm(0x01);
	stnsm(0xfe);
}

/*
 * Opens the window until an interruption with code comes, for at most max_us; returns how many
 * windows it took (0: none came). Architecturally the first one takes a condition that is
 * already pending; QEMU raises timer conditions asynchronously, a little later.
 */
static unsigned windows_until(uint16_t code, uint64_t max_us)
{
	unsigned before = ext_int_count(code);
	uint64_t end = stck() + tod_us(max_us);

	for (unsigned n = 1;; n++) {
		open_ext_window();
		if (ext_int_count(code) != before)
			return n;
		if (stck() > end)
			return 0;
	}
}

/* QEMU 7.2's STPT turns a negative CPU timer into garbage, and it ignores SPT of all ones. */
static bool negative_timer_unreadable(void)
{
	return !under_vm64() && guest_env.qemu;
}

static void test_tod(void)
{
	uint64_t a, b;

	report_prefix_push("TOD");
	a = stck();
	for (volatile int i = 0; i < 10000; i++)
		;
	b = stck();
	report(b > a, "STCK advances (%lu units in 10000 loops)", (unsigned long)(b - a));
	report(a > 0x8000000000000000ULL, "the TOD clock is set (after 1972)");
	report_prefix_pop();
}

static void test_clock_comparator(void)
{
	uint64_t value = 0x123456789abcdef0ULL, deadline, now, got;
	unsigned windows;
	bool came;

	report_prefix_push("clock comparator");
	/* A machine may drop comparator bits below the TOD clock's resolution (Hercules: 8). */
	sckc(value);
	got = stckc();
	report((got ^ value) < 0x1000, "SCKC/STCKC round trip (%016lx)", (unsigned long)got);
	sckc(UINT64_MAX);
	got = stckc();
	report((got ^ UINT64_MAX) < 0x1000, "SCKC all ones: never (%016lx)", (unsigned long)got);

	/* Pending while the subclass is masked: an enabled-for-nothing check. */
	ext_int_reset();
	sckc(stck() - 1);
	open_ext_window();
	report(ext_int_count(EXT_CLOCK_COMPARATOR) == 0, "no interruption while CR0 bit 52 is off");

	/* From an enabled wait: CKC 2 ms ahead, the CPU timer as the watchdog. */
	ext_int_reset();
	deadline = stck() + tod_us(2000);
	sckc(deadline);
	ctl_set_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
	came = wait_for_ext(EXT_CLOCK_COMPARATOR, 2000000);
	now = stck();
	report(came, "interruption 0x1004 from an enabled wait");
	report(!came || now >= deadline, "not before the comparator value");

	/* Already due when enabled: taken at once. */
	ext_int_reset();
	sckc(stck() - 1);
	ctl_set_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
	windows = windows_until(EXT_CLOCK_COMPARATOR, 10000);
	report(windows > 0, "a due comparator interrupts when enabled (window %u)", windows);
	ctl_clear_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
	sckc(UINT64_MAX);

	expect_pgm_int();
	s_insn_at("sckc", (uint64_t)(uintptr_t)words + 4);
	check_pgm_int_code("SCKC operand not on a doubleword", PGM_SPECIFICATION);
	expect_pgm_int();
	s_insn_at("stckc", (uint64_t)(uintptr_t)words + 4);
	check_pgm_int_code("STCKC operand not on a doubleword", PGM_SPECIFICATION);
	sckc(UINT64_MAX);
	report_prefix_pop();
}

static void test_cpu_timer(void)
{
	int64_t a, b;
	unsigned windows;
	bool came;

	report_prefix_push("CPU timer");
	spt(0x7fffffff00000000LL);
	a = stpt();
	for (volatile int i = 0; i < 10000; i++)
		;
	b = stpt();
	report(a <= 0x7fffffff00000000LL && b < a, "STPT: the timer counts down (%ld units)",
	       (long)(a - b));

	/* Masked: no interruption though the timer goes negative. */
	ext_int_reset();
	spt(0);
	for (volatile int i = 0; i < 1000; i++)
		;
	if (negative_timer_unreadable())
		report_skip("STPT of a negative timer: QEMU TCG stores garbage");
	else
		report(stpt() < 0, "the timer goes negative");
	open_ext_window();
	report(ext_int_count(EXT_CPU_TIMER) == 0, "no interruption while CR0 bit 53 is off");

	/* 1 ms from now, waited for in an enabled wait with the comparator as watchdog. */
	ext_int_reset();
	spt((int64_t)tod_us(1000));
	ctl_set_bits(0, CR0_CPU_TIMER_SUBMASK);
	came = wait_for_ext(EXT_CPU_TIMER, 2000000);
	report(came, "interruption 0x1005 from an enabled wait (the timer runs in the wait state)");
	if (!negative_timer_unreadable())
		report(!came || stpt() < 0, "taken when the timer went negative");
	ctl_clear_bits(0, CR0_CPU_TIMER_SUBMASK);
	spt(INT64_MAX);

	/* Pending as soon as enabled with an expired timer. */
	ext_int_reset();
	spt(0);
	ctl_set_bits(0, CR0_CPU_TIMER_SUBMASK);
	windows = windows_until(EXT_CPU_TIMER, 10000);
	report(windows > 0, "an expired timer interrupts when enabled (window %u)", windows);
	ctl_clear_bits(0, CR0_CPU_TIMER_SUBMASK);
	spt(INT64_MAX);

	expect_pgm_int();
	s_insn_at("spt", (uint64_t)(uintptr_t)words + 4);
	check_pgm_int_code("SPT operand not on a doubleword", PGM_SPECIFICATION);
	expect_pgm_int();
	s_insn_at("stpt", (uint64_t)(uintptr_t)words + 4);
	check_pgm_int_code("STPT operand not on a doubleword", PGM_SPECIFICATION);
	spt(INT64_MAX);
	report_prefix_pop();
}

static void test_problem_state(void)
{
	report_prefix_push("problem state");
	enter_pstate();
	expect_pgm_int();
	sckc(UINT64_MAX);
	leave_pstate();
	check_pgm_int_code("SCKC", PGM_PRIVILEGED_OP);
	enter_pstate();
	expect_pgm_int();
	stckc();
	leave_pstate();
	check_pgm_int_code("STCKC", PGM_PRIVILEGED_OP);
	enter_pstate();
	expect_pgm_int();
	spt(INT64_MAX);
	leave_pstate();
	check_pgm_int_code("SPT", PGM_PRIVILEGED_OP);
	enter_pstate();
	expect_pgm_int();
	stpt();
	leave_pstate();
	check_pgm_int_code("STPT", PGM_PRIVILEGED_OP);
	enter_pstate();
	expect_pgm_int();
	stck();
	leave_pstate();
	report(pgm_int_code() == 0, "STCK is not privileged");
	report_prefix_pop();
}

int main(void)
{
	report_prefix_push("timer");
	test_tod();
	test_clock_comparator();
	test_cpu_timer();
	test_problem_state();
	report_prefix_pop();
	return report_summary();
}
