/*
 * Unit tests for the dispatcher's policy (cp/vm/dispatch.c) with a scripted fake engine:
 * round robin, a looping guest always preempted, a user after a terminal interaction first,
 * loopers' CPU split by SHARE over a simulated minute, waiting guests cost nothing until an
 * interruption is deliverable, a disabled wait stops the machine and tells the operator,
 * CP's own work cuts the run short; accounting: a guest is charged its engine time and CP's
 * exit handling in TOD units, and its slice ends on that total; the interception fast path
 * (dispatch_fast_exit): which exits it takes, and when it hands them to the dispatcher.
 */
#include <stdio.h>
#include <string.h>
#include <cp/sched.h>
#include <cp/tod.h>
#include <cp/user.h>
#include <cp/vmm.h>
#include "cunit_main.h"
#include "death.h"
#include "fake_hw.h"
#include "fake_term.h"

static struct vm vms[4];
static unsigned runs[4];
static enum exit_reason script[4];
static bool deliverable[4];
static unsigned budget_ticks;
/* TOD units an engine run takes (0: the script's default), CP's cost of simulating or
 * reflecting an exit, and the run after which the engine reports a host interruption (so a
 * slice that never ends shows as a failure, not a hang). */
static uint64_t guest_cost[4], cp_cost;
static unsigned host_after[4];
/* The guest's own next timer event (vcpu_next_timer_event) and the slice each last got. */
static uint64_t next_timer_us[4], last_slice_us[4];

static unsigned index_of(struct vcpu *v)
{
	return (unsigned)(v->vm - vms);
}

/* Engine and interception fakes. */
static void scripted_run(struct vcpu *v, uint64_t slice_us)
{
	unsigned i = index_of(v);

	runs[i]++;
	last_slice_us[i] = slice_us;
	v->exit.reason = script[i];
	/* An interception comes after a quarter of the slice; anything else uses all of it. */
	uint64_t used = script[i] == EXIT_INSTRUCTION ? (DISPATCH_SLICE_US << 12) / 4
						      : slice_us << 12;

	if (guest_cost[i])
		used = guest_cost[i];
	if (host_after[i] && runs[i] >= host_after[i])
		v->exit.reason = EXIT_HOST_INTERRUPT;
	v->virt_time += used;
	fake_tod += used / budget_ticks;
	if (script[i] == EXIT_WAIT)
		v->psw_mask |= PSW_MASK_WAIT;
}

/* The fast path's fakes: simulations counted, DIAG X'44' yields, SSM enables external
 * interruptions, LPSW loads a wait PSW, and icpt_rc is every simulation's result. */
static unsigned icpt_calls, injects;
static int icpt_rc;

int icpt_instruction(struct vcpu *v)
{
	fake_tod += cp_cost;
	icpt_calls++;
	if (v->exit.ipa == 0x8300)
		v->yield = true;
	if (v->exit.ipa >> 8 == 0x80)
		v->psw_mask |= PSW_MASK_EXT;
	if (v->exit.ipa >> 8 == 0x82)
		v->psw_mask |= PSW_MASK_WAIT;
	return icpt_rc;
}

/* Delivery that finds a program-interruption loop (cp/vm/deliver.c) stops the vcpu. */
static bool pgm_loops[4];

void vcpu_inject_program(struct vcpu *v, uint16_t code, uint8_t ilc)
{
	(void)code, (void)ilc;
	fake_tod += cp_cost;
	injects++;
	if (pgm_loops[index_of(v)]) {
		v->state = VCPU_CHECK_STOP;
		v->pgm_loop.detected = true;
	}
}

void vcpu_pgm_loop_sample(struct vcpu *v)
{
	(void)v;
}

/* OPERATOR, for cp/user/operator.c: the machine of that name among the scripted ones. */
struct vm *vm_find(const char *userid)
{
	for (unsigned i = 0; i < 4; i++)
		if (vms[i].in_use && !strcmp(vms[i].userid, userid))
			return &vms[i];
	return NULL;
}
void vcpu_inject_svc(struct vcpu *v, uint16_t code, uint8_t ilc)
{
	(void)v, (void)code, (void)ilc;
}

bool vcpu_deliver_pending(struct vcpu *v, uint64_t tod)
{
	(void)tod;
	if (deliverable[index_of(v)] && (v->psw_mask & PSW_MASK_WAIT)) {
		v->psw_mask &= ~PSW_MASK_WAIT;
		deliverable[index_of(v)] = false;
		return true;
	}
	return false;
}

bool vcpu_interrupt_deliverable(const struct vcpu *v, uint64_t tod)
{
	(void)tod;
	return deliverable[v->vm - vms];
}

/* Interruptions latched for a vcpu whatever its masks (vcpu_interrupt_latched). */
static bool latched[4];

bool vcpu_interrupt_latched(const struct vcpu *v)
{
	return latched[v->vm - vms];
}

uint64_t vcpu_next_timer_event(const struct vcpu *v, uint64_t tod)
{
	(void)tod;
	return next_timer_us[v->vm - vms];
}

struct vm *vm_slot(unsigned i)
{
	return i < 4 && vms[i].in_use ? &vms[i] : NULL;
}

/* The slots dispatch_wake_waiters looks at (cp/vm/vm.c: one past the highest in use). */
static unsigned slots_used = 4;

unsigned vm_slots_used(void)
{
	return slots_used;
}

static void setup(unsigned n)
{
	memset(vms, 0, sizeof(vms));
	memset(runs, 0, sizeof(runs));
	memset(deliverable, 0, sizeof(deliverable));
	memset(latched, 0, sizeof(latched));
	memset(guest_cost, 0, sizeof(guest_cost));
	memset(host_after, 0, sizeof(host_after));
	memset(next_timer_us, 0, sizeof(next_timer_us));
	memset(last_slice_us, 0, sizeof(last_slice_us));
	fake_engine.guest_timers = false;
	cp_cost = 0;
	icpt_calls = injects = 0;
	icpt_rc = 0;
	fake_engine.run = scripted_run;
	memset(pgm_loops, 0, sizeof(pgm_loops));
	budget_ticks = 1;
	fake_tod = 1000 * TOD_SECOND;
	for (unsigned i = 0; i < n; i++) {
		vms[i].in_use = true;
		vms[i].vcpu.vm = &vms[i];
		vms[i].vcpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
		strcpy(vms[i].userid, "TEST00X");
		script[i] = EXIT_SLICE_END;
		dispatch_ready(&vms[i].vcpu);
	}
}

static void drain(void)
{
	for (unsigned i = 0; i < 4; i++)
		if (vms[i].in_use)
			dispatch_remove(&vms[i].vcpu);
}

static void test_round_robin_preempts_loopers(void)
{
	setup(3);
	/* Budget of 10 slices: three looping guests share it evenly, and the run returns. */
	dispatch_run(10 * DISPATCH_SLICE_US);
	CU_ASSERT(runs[0] >= 3 && runs[0] <= 4);
	CU_ASSERT(runs[1] >= 3 && runs[1] <= 4);
	CU_ASSERT(runs[2] >= 3 && runs[2] <= 4);
	CU_ASSERT(dispatch_has_ready());
	CU_ASSERT_EQUAL(vms[0].vcpu.state, VCPU_RUNNABLE);
	CU_ASSERT_EQUAL(vms[0].vcpu.cpu_time, runs[0] * (DISPATCH_SLICE_US << 12));
	drain();
}

/*
 * A looper alone on the run queue has nobody to be preempted for: one slice to the end of the
 * budget, not one per DISPATCH_SLICE_US (each slice end is an exit and an entry).
 */
static void test_lone_looper_runs_the_whole_budget(void)
{
	setup(1);
	dispatch_run(5 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], 1);
	CU_ASSERT_EQUAL(vms[0].vcpu.cpu_time, 5 * (DISPATCH_SLICE_US << 12));
	CU_ASSERT_EQUAL(vms[0].vcpu.state, VCPU_RUNNABLE);
	drain();
	/* Two of them: the fair slices as ever. */
	setup(2);
	dispatch_run(4 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], 2);
	CU_ASSERT_EQUAL(runs[1], 2);
	drain();
}

/* A guest timer due within the slice ends it where the engine does not present the guest's
 * timers itself (trap-and-emulate); under SIE the machine does, and the slice runs on. */
static void test_guest_timer_bounds_the_slice_only_without_engine_timers(void)
{
	setup(1);
	next_timer_us[0] = DISPATCH_SLICE_US / 2;
	dispatch_run(5 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(last_slice_us[0], DISPATCH_SLICE_US / 2);
	drain();
	setup(1);
	fake_engine.guest_timers = true;
	next_timer_us[0] = DISPATCH_SLICE_US / 2;
	dispatch_run(5 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], 1);
	CU_ASSERT_EQUAL(last_slice_us[0], 5 * DISPATCH_SLICE_US);
	fake_engine.guest_timers = false;
	drain();
}

/* An engine run that makes machine 1 ready on machine 0's second interception. */
static void wake_other_run(struct vcpu *v, uint64_t slice_us)
{
	unsigned i = index_of(v);

	runs[i]++;
	v->exit.reason = EXIT_INSTRUCTION;
	if (i == 1) {
		/* Machine 1 loops: its whole slice. */
		v->exit.reason = EXIT_SLICE_END;
		fake_tod += slice_us << 12;
		return;
	}
	fake_tod += (DISPATCH_SLICE_US << 12) / 4;
	if (runs[0] == 2)
		dispatch_ready(&vms[1].vcpu);
}

/* The lone looper's long slice ends at its fair length once someone else is ready. */
static void test_long_slice_ends_when_another_is_ready(void)
{
	setup(1);
	vms[1].in_use = true;
	vms[1].vcpu.vm = &vms[1];
	vms[1].vcpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
	fake_engine.run = wake_other_run;
	dispatch_run(2 * DISPATCH_SLICE_US);
	/* Alone, it had the whole budget; four quarter-slice interceptions (its fair slice)
	 * and machine 1, ready since the second, gets its turn, not after eight. */
	CU_ASSERT_EQUAL(runs[0], 4);
	CU_ASSERT_EQUAL(runs[1], 1);
	drain();
}

/* An engine run that intercepts every quarter slice; on the second, CP notes work of its own
 * (a terminal's event taken while it simulated the exit). */
static void note_work_run(struct vcpu *v, uint64_t slice_us)
{
	(void)slice_us;
	runs[index_of(v)]++;
	v->exit.reason = EXIT_INSTRUCTION;
	fake_tod += (DISPATCH_SLICE_US << 12) / 4;
	if (runs[0] == 2)
		fake_work_pending = true;
}

/* The long slice ends after its fair part once CP has work: before, a burst of 32 CMS users
 * waited up to a whole budget for their terminals' events (bench_cms: p95 98 ms -> 1.3 s). */
static void test_long_slice_ends_when_cp_has_work(void)
{
	setup(1);
	fake_engine.run = note_work_run;
	dispatch_run(2 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], 4);
	/* CP saw to it; the next run takes a slice again (and clears the give-way count). */
	fake_work_pending = false;
	dispatch_run(DISPATCH_SLICE_US);
	CU_ASSERT(runs[0] > 4);
	drain();
}

static void test_waiting_guest_costs_nothing(void)
{
	setup(2);
	script[1] = EXIT_WAIT;
	vms[1].vcpu.psw_mask |= PSW_MASK_EXT; /* enabled wait */
	dispatch_run(20 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[1], 1);
	CU_ASSERT_EQUAL(vms[1].vcpu.state, VCPU_ENABLED_WAIT);
	CU_ASSERT(vms[0].vcpu.cpu_time >= 18 * (DISPATCH_SLICE_US << 12));
	/* Nothing deliverable: it stays off the queue. */
	dispatch_wake_waiters();
	dispatch_run(5 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[1], 1);
	/* An interruption becomes deliverable: it runs again. */
	deliverable[1] = true;
	script[1] = EXIT_SLICE_END;
	dispatch_wake_waiters();
	CU_ASSERT_EQUAL(vms[1].vcpu.state, VCPU_RUNNABLE);
	dispatch_run(4 * DISPATCH_SLICE_US);
	CU_ASSERT(runs[1] >= 2);
	CU_ASSERT(!(vms[1].vcpu.psw_mask & PSW_MASK_WAIT));
	drain();
}

/* SIGP's signal to a CPU in an enabled wait: ready at once when it is enabled for it, and the
 * sender yields to it; not enabled, it waits on and the sender goes on. */
static void test_signal_wakes_target_and_sender_yields(void)
{
	setup(2);
	script[1] = EXIT_WAIT;
	vms[1].vcpu.psw_mask |= PSW_MASK_EXT;
	dispatch_run(3 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(vms[1].vcpu.state, VCPU_ENABLED_WAIT);
	vms[0].vcpu.yield = false;
	dispatch_signalled(&vms[0].vcpu, &vms[1].vcpu);
	CU_ASSERT_EQUAL(vms[1].vcpu.state, VCPU_ENABLED_WAIT);
	CU_ASSERT_FALSE(vms[0].vcpu.yield);
	deliverable[1] = true;
	dispatch_signalled(&vms[0].vcpu, &vms[1].vcpu);
	CU_ASSERT_EQUAL(vms[1].vcpu.state, VCPU_RUNNABLE);
	CU_ASSERT(vms[0].vcpu.yield);
	/* A signal to itself changes nothing. */
	vms[0].vcpu.yield = false;
	dispatch_signalled(&vms[0].vcpu, &vms[0].vcpu);
	CU_ASSERT_FALSE(vms[0].vcpu.yield);
	drain();
}

/* dispatch_wake_waiters walks the machine slots in use only (vm_slots_used). */
static void test_wake_walks_slots_in_use(void)
{
	setup(2);
	script[1] = EXIT_WAIT;
	vms[1].vcpu.psw_mask |= PSW_MASK_EXT;
	dispatch_run(3 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(vms[1].vcpu.state, VCPU_ENABLED_WAIT);
	deliverable[1] = true;
	slots_used = 1;
	dispatch_wake_waiters();
	CU_ASSERT_EQUAL(vms[1].vcpu.state, VCPU_ENABLED_WAIT);
	slots_used = 2;
	dispatch_wake_waiters();
	CU_ASSERT_EQUAL(vms[1].vcpu.state, VCPU_RUNNABLE);
	slots_used = 4;
	drain();
}

static void test_disabled_wait_stops(void)
{
	setup(1);
	script[0] = EXIT_WAIT; /* wait PSW with no interruption masks */
	dispatch_run(5 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], 1);
	CU_ASSERT_EQUAL(vms[0].vcpu.state, VCPU_DISABLED_WAIT);
	CU_ASSERT(!dispatch_has_ready());
	dispatch_wake_waiters();
	CU_ASSERT(!dispatch_has_ready());
}

/* The dispatcher's messages reach OPERATOR at a 3270 as well as the line console. */
static void test_operator_at_3270_is_told(void)
{
	static struct term t;
	static struct user op = { .term = &t };

	setup(2);
	fake_term_init(&t, 0x020);
	strcpy(vms[1].userid, "OPERATOR");
	op.vm = &vms[1];
	vms[1].user = &op;
	script[0] = EXIT_WAIT;
	dispatch_run(5 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(vms[0].vcpu.state, VCPU_DISABLED_WAIT);
	CU_ASSERT_STRING_EQUAL(t.out[0], "VMCDSP450W TEST00X entered disabled wait, PSW "
					 "0002000180000000 0000000000000000");
	CU_ASSERT_EQUAL(t.nout, 1);
	drain();
}

/* OPERATOR's own program loop: once on its 3270, not twice. */
static void test_operator_loop_shown_once(void)
{
	static struct term t;
	static struct user op = { .term = &t };

	setup(1);
	fake_term_init(&t, 0x020);
	strcpy(vms[0].userid, "OPERATOR");
	op.vm = &vms[0];
	vms[0].user = &op;
	script[0] = EXIT_PROGRAM;
	pgm_loops[0] = true;
	dispatch_run(DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(vms[0].vcpu.state, VCPU_CHECK_STOP);
	CU_ASSERT_PTR_NOT_NULL(strstr(t.out[0], "VMCDSP454E OPERATOR stopped"));
	CU_ASSERT_EQUAL(t.nout, 1);
	drain();
}

static void test_host_interrupt_returns_at_once(void)
{
	setup(2);
	script[0] = EXIT_HOST_INTERRUPT;
	dispatch_run(100 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], 1);
	CU_ASSERT_EQUAL(runs[1], 0);
	CU_ASSERT(dispatch_has_ready());
	drain();
}

static void test_remove_from_queue(void)
{
	setup(3);
	dispatch_remove(&vms[1].vcpu);
	dispatch_run(6 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[1], 0);
	CU_ASSERT(runs[0] == 3 && runs[2] == 3);
	CU_ASSERT_EQUAL(vms[1].vcpu.state, VCPU_STOPPED);
	drain();
}

static void test_interceptions_keep_the_slice(void)
{
	setup(2);
	script[0] = EXIT_INSTRUCTION; /* traps often */
	dispatch_run(2 * DISPATCH_SLICE_US);
	/* Four quarter-slice runs before the looper gets its turn, not one. */
	CU_ASSERT_EQUAL(runs[0], 4);
	CU_ASSERT_EQUAL(runs[1], 1);
	CU_ASSERT_EQUAL(vms[0].vcpu.cpu_time, DISPATCH_SLICE_US << 12);
	drain();
}

static void test_exit_handling_is_charged(void)
{
	setup(1);
	/* A program-interruption loop: 3 us in the guest, 1 us for CP to reflect each one. */
	script[0] = EXIT_PROGRAM;
	guest_cost[0] = 3 * TOD_MICROSECOND;
	cp_cost = TOD_MICROSECOND;
	dispatch_run(DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], DISPATCH_SLICE_US / 4);
	CU_ASSERT_EQUAL(vms[0].vcpu.virt_time, runs[0] * 3 * TOD_MICROSECOND);
	CU_ASSERT_EQUAL(vms[0].vcpu.cpu_time, runs[0] * 4 * TOD_MICROSECOND);
	drain();
}

static void test_slice_ends_on_guest_and_cp_time(void)
{
	setup(2);
	/* Half a microsecond in the guest and half in CP per exit: 10000 exits fill a slice,
	 * then the looper beside it gets its turn. */
	script[0] = EXIT_PROGRAM;
	guest_cost[0] = TOD_MICROSECOND / 2;
	cp_cost = TOD_MICROSECOND / 2;
	host_after[0] = 4 * DISPATCH_SLICE_US;
	dispatch_run(2 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[1], 1);
	CU_ASSERT_EQUAL(vms[0].vcpu.cpu_time, DISPATCH_SLICE_US * TOD_MICROSECOND);
	CU_ASSERT_EQUAL(vms[1].vcpu.cpu_time, DISPATCH_SLICE_US * TOD_MICROSECOND);
	drain();

	/* Expensive exits (3 us of CP for 1 us of guest) buy fewer guest cycles, not more CPU. */
	setup(2);
	script[0] = EXIT_PROGRAM;
	guest_cost[0] = TOD_MICROSECOND;
	cp_cost = 3 * TOD_MICROSECOND;
	host_after[0] = 4 * DISPATCH_SLICE_US;
	dispatch_run(2 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], DISPATCH_SLICE_US / 4);
	CU_ASSERT_EQUAL(runs[1], 1);
	CU_ASSERT_EQUAL(vms[0].vcpu.virt_time, DISPATCH_SLICE_US / 4 * TOD_MICROSECOND);
	CU_ASSERT_EQUAL(vms[0].vcpu.cpu_time, DISPATCH_SLICE_US * TOD_MICROSECOND);
	drain();
}

static void test_sub_microsecond_remainders_add_up(void)
{
	setup(1);
	/* 1000 exits that each cost CP half a microsecond and the guest nothing measurable:
	 * 500 us charged, not 0. The 1000th run ends on a host interruption. */
	script[0] = EXIT_PROGRAM;
	guest_cost[0] = 1; /* one TOD unit, 1/4096 us */
	cp_cost = TOD_MICROSECOND / 2 - 1;
	host_after[0] = 1000;
	dispatch_run(DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], 1000);
	/* The last run is the host interruption: no exit for CP to handle. */
	CU_ASSERT_EQUAL(vms[0].vcpu.cpu_time, 999 * TOD_MICROSECOND / 2 + 1);
	drain();
}

static void test_out_of_storage_stops_only_that_machine(void)
{
	setup(2);
	script[0] = EXIT_NO_STORAGE;
	dispatch_run(4 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], 1);
	CU_ASSERT_EQUAL(vms[0].vcpu.state, VCPU_CHECK_STOP);
	/* The other machine carries on. */
	CU_ASSERT(vms[1].vcpu.cpu_time >= 3 * (DISPATCH_SLICE_US << 12));
	drain();
}

/* A run queue whose links lost a vcpu its length still counts: ASSERT stops CP. */
static void run_broken_queue(void)
{
	setup(2);
	vms[0].vcpu.next_ready = 0;
	dispatch_run(4 * DISPATCH_SLICE_US);
}

static void test_broken_run_queue_asserts(void)
{
	char err[512];

	CU_ASSERT_TRUE(unit_dies(run_broken_queue, err, sizeof(err)));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "FAILED AT cp/vm/dispatch.c:"));
}

static void test_program_loop_stops_and_tells_the_user(void)
{
	static struct term t;
	static struct user user = { .term = &t };

	setup(2);
	fake_term_init(&t, 0x020);
	user.vm = &vms[0];
	vms[0].user = &user;
	vms[0].vcpu.psw_addr = 0x11d0;
	script[0] = EXIT_PROGRAM;
	pgm_loops[0] = true;
	dispatch_run(4 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], 1);
	CU_ASSERT_EQUAL(vms[0].vcpu.state, VCPU_CHECK_STOP);
	CU_ASSERT_STRING_EQUAL(t.out[0], "VMCDSP454E TEST00X stopped: program interruption loop; "
					  "PSW 0000000180000000 00000000000011D0");
	/* The other machine carries on. */
	CU_ASSERT(vms[1].vcpu.cpu_time >= 3 * (DISPATCH_SLICE_US << 12));
	dispatch_run(4 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], 1);
	drain();
}

/* The engine cannot run a guest with DAT on (trap-and-emulate): that machine stops, its user
 * is told with VMCDSP455E and is in CP READ; the others carry on. */
static void test_guest_dat_stops_and_tells_the_user(void)
{
	static struct term t;
	static struct user user = { .term = &t };

	setup(2);
	fake_term_init(&t, 0x020);
	user.vm = &vms[0];
	vms[0].user = &user;
	vms[0].vcpu.psw_mask |= PSW_MASK_DAT;
	vms[0].vcpu.psw_addr = 0x2016e;
	script[0] = EXIT_NO_GUEST_DAT;
	dispatch_run(4 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], 1);
	CU_ASSERT_EQUAL(vms[0].vcpu.state, VCPU_CHECK_STOP);
	CU_ASSERT_STRING_EQUAL(t.out[0], "VMCDSP455E TEST00X stopped: DAT not supported by this "
					  "engine (trap-and-emulate); PSW 0400000180000000 "
					  "000000000002016E");
	/* The other machine carries on. */
	CU_ASSERT(vms[1].vcpu.cpu_time >= 3 * (DISPATCH_SLICE_US << 12));
	dispatch_run(4 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], 1); /* never dispatched again */
	drain();
}

/* A user who just had a terminal interaction runs before the loopers queued ahead of it. */
static void test_interactive_runs_first(void)
{
	setup(3);
	sched_interaction(&vms[2].vcpu.sched);
	dispatch_run(SCHED_Q1_SLICE_US);
	CU_ASSERT_EQUAL(runs[2], 1);
	CU_ASSERT_EQUAL(runs[0] + runs[1], 0);
	CU_ASSERT_EQUAL(vms[2].vcpu.cpu_time, us_to_tod(SCHED_Q1_SLICE_US));
	/* It keeps the CPU through Q1 (short slices) and Q2, then joins the loopers in Q3. */
	dispatch_run(SCHED_Q1_ALLOW_US + SCHED_Q2_ALLOW_US - SCHED_Q1_SLICE_US);
	CU_ASSERT_EQUAL(runs[2], SCHED_Q1_ALLOW_US / SCHED_Q1_SLICE_US +
				  SCHED_Q2_ALLOW_US / SCHED_Q2_SLICE_US);
	CU_ASSERT_EQUAL(runs[0] + runs[1], 0);
	CU_ASSERT_EQUAL(sched_queue(&vms[2].vcpu.sched), SCHED_Q3);
	dispatch_run(3 * SCHED_Q3_SLICE_US);
	CU_ASSERT(runs[0] == 1 && runs[1] == 1);
	drain();

	/* Waiting for its line when the key came: woken, it goes ahead of the loopers. */
	setup(3);
	script[2] = EXIT_WAIT;
	vms[2].vcpu.psw_mask |= PSW_MASK_IO;
	dispatch_run(3 * SCHED_Q3_SLICE_US);
	CU_ASSERT_EQUAL(vms[2].vcpu.state, VCPU_ENABLED_WAIT);
	memset(runs, 0, sizeof(runs));
	script[2] = EXIT_SLICE_END;
	deliverable[2] = true;
	sched_interaction(&vms[2].vcpu.sched);
	dispatch_wake_waiters();
	dispatch_run(1);
	CU_ASSERT_EQUAL(runs[2], 1);
	CU_ASSERT_EQUAL(runs[0] + runs[1], 0);
	drain();
}

/*
 * A user in Q1 whose slice a host interruption cut short (CP's own work: another terminal's
 * I/O) runs again before the other Q1 users queued behind it; after a full slice it goes
 * behind them (round robin within Q1).
 */
static void test_interrupted_interactive_keeps_its_place(void)
{
	setup(3);
	sched_interaction(&vms[1].vcpu.sched);
	sched_interaction(&vms[2].vcpu.sched);
	script[1] = EXIT_HOST_INTERRUPT;
	dispatch_run(10 * SCHED_Q1_SLICE_US);
	CU_ASSERT_EQUAL(runs[1], 1);
	CU_ASSERT_EQUAL(runs[0] + runs[2], 0);
	script[1] = EXIT_SLICE_END;
	dispatch_run(1);
	CU_ASSERT_EQUAL(runs[1], 2);
	CU_ASSERT_EQUAL(runs[0] + runs[2], 0);
	dispatch_run(1);
	CU_ASSERT_EQUAL(runs[2], 1);
	CU_ASSERT_EQUAL(runs[1], 2);
	CU_ASSERT_EQUAL(runs[0], 0);
	/* A looper cut short goes behind, as before: the loopers' order is the stride's. */
	drain();
	setup(3);
	script[0] = EXIT_HOST_INTERRUPT;
	dispatch_run(10 * SCHED_Q3_SLICE_US);
	CU_ASSERT_EQUAL(runs[0], 1);
	script[0] = EXIT_SLICE_END;
	dispatch_run(1);
	CU_ASSERT_EQUAL(runs[1], 1);
	CU_ASSERT_EQUAL(runs[0], 1);
	drain();
}

/*
 * An interactive user that answered and waits again ends the run at once, so CP shows the
 * answer before the loopers' turn; a looper (Q3) going into a wait does not.
 */
static void test_interactive_wait_ends_the_run(void)
{
	setup(3);
	script[2] = EXIT_WAIT;
	vms[2].vcpu.psw_mask |= PSW_MASK_IO;
	sched_interaction(&vms[2].vcpu.sched);
	dispatch_run(10 * SCHED_Q3_SLICE_US);
	CU_ASSERT_EQUAL(runs[2], 1);
	CU_ASSERT_EQUAL(runs[0] + runs[1], 0);
	CU_ASSERT_EQUAL(vms[2].vcpu.state, VCPU_ENABLED_WAIT);
	dispatch_run(10 * SCHED_Q3_SLICE_US);
	CU_ASSERT_EQUAL(runs[0] + runs[1], 10);
	drain();

	setup(3);
	script[2] = EXIT_WAIT;
	vms[2].vcpu.psw_mask |= PSW_MASK_IO;
	dispatch_run(10 * SCHED_Q3_SLICE_US);
	CU_ASSERT_EQUAL(runs[2], 1);
	CU_ASSERT_EQUAL(runs[0] + runs[1], 9);
	drain();
}

/*
 * A wait PSW with an interruption already pending for it (CMS waiting for the end of a
 * console write CP ended at once) is no wait: the interruption is delivered and the guest
 * goes on in the same slice, ahead of the others, until it waits with nothing pending.
 */
static void test_wait_with_pending_interrupt_goes_on(void)
{
	setup(3);
	script[2] = EXIT_WAIT;
	vms[2].vcpu.psw_mask |= PSW_MASK_IO;
	deliverable[2] = true; /* pending when it loads the wait PSW; delivery clears it */
	sched_interaction(&vms[2].vcpu.sched);
	dispatch_run(10 * SCHED_Q3_SLICE_US);
	CU_ASSERT_EQUAL(runs[2], 2);
	CU_ASSERT_EQUAL(runs[0] + runs[1], 0);
	CU_ASSERT_EQUAL(vms[2].vcpu.state, VCPU_ENABLED_WAIT);
	CU_ASSERT_FALSE(deliverable[2]);
	drain();
}

/*
 * Work CP noted while it ran (a terminal port's event) comes before the next slice: the run
 * gives way, up to DISPATCH_GIVE_WAY_MAX times in a row; then a guest runs all the same.
 */
static void test_noted_work_comes_first(void)
{
	setup(2);
	fake_work_pending = true;
	for (unsigned i = 0; i < DISPATCH_GIVE_WAY_MAX; i++)
		dispatch_run(4 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0] + runs[1], 0);
	dispatch_run(DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0] + runs[1], 1);
	/* Noted again after that slice: CP's turn again. */
	dispatch_run(4 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0] + runs[1], 1);
	fake_work_pending = false;
	dispatch_run(4 * DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(runs[0] + runs[1], 5);
	drain();
}

/* Loopers with shares 1:2:4 (one of them ABSOLUTE) over a simulated minute. */
static void test_shares_over_a_minute(void)
{
	uint64_t total;

	setup(4);
	sched_set_share(&vms[0].vcpu.sched, false, 100);
	sched_set_share(&vms[1].vcpu.sched, false, 200);
	sched_set_share(&vms[2].vcpu.sched, false, 400);
	sched_set_share(&vms[3].vcpu.sched, true, 30); /* 30%; the others split 70% */
	dispatch_run(60 * 1000000);
	total = vms[0].vcpu.cpu_time + vms[1].vcpu.cpu_time + vms[2].vcpu.cpu_time +
		vms[3].vcpu.cpu_time;
	CU_ASSERT(total >= 60 * TOD_SECOND);
	for (unsigned i = 0; i < 4; i++) {
		static const double want[4] = { 0.1, 0.2, 0.4, 0.3 };
		double got = (double)vms[i].vcpu.cpu_time / (double)total;

		CU_ASSERT(got > want[i] * 0.98 && got < want[i] * 1.02);
	}
	drain();
}

/* An intercepted instruction as an engine hands it to the fast path. */
static enum fast_exit fast(struct vcpu *v, uint16_t ipa, uint32_t ipb)
{
	v->exit.reason = EXIT_INSTRUCTION;
	v->exit.ipa = ipa;
	v->exit.ipb = ipb;
	v->exit.ilc = 4;
	return dispatch_fast_exit(v);
}

static void test_fast_yield_with_nobody_to_yield_to(void)
{
	struct vcpu *v = &vms[0].vcpu;

	setup(1);
	dispatch_remove(v); /* it is the one running */
	v->state = VCPU_RUNNABLE;
	CU_ASSERT_EQUAL(fast(v, 0x8300, 0x00440000), FAST_RESUME);
	CU_ASSERT_EQUAL(icpt_calls, 1);
	CU_ASSERT(!v->yield);
	CU_ASSERT_EQUAL(v->exit.reason, EXIT_NONE);
	/* Someone else ready, or CP's own work: the yield goes to the dispatcher, done. */
	vms[1].in_use = true;
	vms[1].vcpu.vm = &vms[1];
	dispatch_ready(&vms[1].vcpu);
	CU_ASSERT_EQUAL(fast(v, 0x8300, 0x00440000), FAST_EXIT);
	CU_ASSERT_EQUAL(v->exit.reason, EXIT_SIMULATED);
	CU_ASSERT_EQUAL(v->exit.rc, 0);
	CU_ASSERT(v->yield);
	dispatch_remove(&vms[1].vcpu);
	v->yield = false;
	fake_work_pending = true;
	CU_ASSERT_EQUAL(fast(v, 0x8300, 0x00440000), FAST_EXIT);
	fake_work_pending = false;
	CU_ASSERT_EQUAL(icpt_calls, 3);
	vms[1].in_use = false;
}

/*
 * What both yield rules share: not in problem state (a problem-state DIAG is a privileged
 * operation), no CP work noted, no other vCPU ready; v is ready to yield on entry.
 */
static void check_yield_rule(struct vcpu *v, bool (*noop)(const struct vcpu *))
{
	v->psw_mask = PSW_MASK_PSTATE;
	CU_ASSERT(!noop(v));
	v->psw_mask = 0;
	fake_work_pending = true;
	CU_ASSERT(!noop(v));
	fake_work_pending = false;
	vms[1].in_use = true;
	vms[1].vcpu.vm = &vms[1];
	dispatch_ready(&vms[1].vcpu);
	CU_ASSERT(!noop(v));
	dispatch_remove(&vms[1].vcpu);
	vms[1].in_use = false;
	CU_ASSERT(noop(v));
}

/* entry.S's DIAG X'44' without CP (trap-and-emulate) follows the same rule. */
static void test_yield_is_noop(void)
{
	struct vcpu *v = &vms[0].vcpu;

	setup(1);
	dispatch_remove(v);
	v->state = VCPU_RUNNABLE;
	v->psw_mask = 0;
	CU_ASSERT(dispatch_yield_is_noop(v));
	check_yield_rule(v, dispatch_yield_is_noop);
}

/*
 * The SIE engine's (sie_enter resumes the guest past such a DIAG X'44' itself): the same,
 * and nothing latched at all, since under SIE the guest may enable itself for it without an
 * exit. A problem-state yield never qualifies.
 */
static void test_yield_is_noop_any_mask(void)
{
	struct vcpu *v = &vms[0].vcpu;

	setup(1);
	dispatch_remove(v);
	v->state = VCPU_RUNNABLE;
	v->psw_mask = 0;
	CU_ASSERT(dispatch_yield_is_noop_any_mask(v));
	latched[0] = true; /* e.g. an I/O interruption the guest is disabled for now */
	CU_ASSERT(dispatch_yield_is_noop(v));
	CU_ASSERT(!dispatch_yield_is_noop_any_mask(v));
	latched[0] = false;
	check_yield_rule(v, dispatch_yield_is_noop_any_mask);
}

static void test_fast_path_leaves_others_alone(void)
{
	struct vcpu *v = &vms[0].vcpu;

	setup(1);
	dispatch_remove(v);
	v->state = VCPU_RUNNABLE;
	/* DIAG X'08', a DIAG X'44' through a base register, STAP: not the fast path's. */
	CU_ASSERT_EQUAL(fast(v, 0x8312, 0x00080000), FAST_NO);
	CU_ASSERT_EQUAL(fast(v, 0x8300, 0x10440000), FAST_NO);
	CU_ASSERT_EQUAL(fast(v, 0xb212, 0x00000000), FAST_NO);
	/* SIGP sense is; SIGP stop is not. */
	CU_ASSERT_EQUAL(fast(v, 0xae12, 0x00010000), FAST_RESUME);
	CU_ASSERT_EQUAL(fast(v, 0xae12, 0x00050000), FAST_NO);
	CU_ASSERT_EQUAL(icpt_calls, 1);
	CU_ASSERT_EQUAL(v->exit.reason, EXIT_INSTRUCTION);
}

static void test_fast_path_stops_for_interruptions_waits_and_exceptions(void)
{
	struct vcpu *v = &vms[0].vcpu;

	setup(1);
	dispatch_remove(v);
	v->state = VCPU_RUNNABLE;
	/* An SSM that enables a pending interruption: delivery is the dispatcher's. */
	deliverable[0] = true;
	CU_ASSERT_EQUAL(fast(v, 0x8000, 0x00000000), FAST_EXIT);
	deliverable[0] = false;
	CU_ASSERT_EQUAL(fast(v, 0xad00, 0x00000000), FAST_RESUME); /* STOSM */
	/* An LPSW of a wait PSW. */
	CU_ASSERT_EQUAL(fast(v, 0x8200, 0x00000000), FAST_EXIT);
	v->psw_mask &= ~PSW_MASK_WAIT;
	/* A simulation that ends in a program exception. */
	icpt_rc = PGM_SPECIFICATION;
	CU_ASSERT_EQUAL(fast(v, 0xb2b2, 0x00000000), FAST_EXIT);
	CU_ASSERT_EQUAL(v->exit.rc, PGM_SPECIFICATION);
	CU_ASSERT_EQUAL(icpt_calls, 4);
}

/* An exit the fast path simulated is acted on by its result, never simulated twice. */
static void simulated_run(struct vcpu *v, uint64_t slice_us)
{
	runs[0]++;
	v->virt_time += slice_us << 10;
	fake_tod += slice_us << 10;
	v->exit.reason = runs[0] == 1 ? EXIT_SIMULATED : EXIT_SLICE_END;
	v->exit.rc = PGM_SPECIFICATION;
}

static void test_simulated_exit_is_not_simulated_again(void)
{
	setup(1);
	fake_engine.run = simulated_run;
	dispatch_run(DISPATCH_SLICE_US);
	CU_ASSERT_EQUAL(icpt_calls, 0);
	CU_ASSERT_EQUAL(injects, 1);
	CU_ASSERT(runs[0] >= 2); /* the machine went on after it */
	drain();
}

UNIT_SUITE(dispatch, UNIT_CASE(test_fast_yield_with_nobody_to_yield_to),
	   UNIT_CASE(test_yield_is_noop), UNIT_CASE(test_yield_is_noop_any_mask),
	   UNIT_CASE(test_fast_path_leaves_others_alone),
	   UNIT_CASE(test_fast_path_stops_for_interruptions_waits_and_exceptions),
	   UNIT_CASE(test_simulated_exit_is_not_simulated_again), UNIT_CASE(test_interactive_runs_first), UNIT_CASE(test_shares_over_a_minute),
	   UNIT_CASE(test_interrupted_interactive_keeps_its_place), UNIT_CASE(test_wake_walks_slots_in_use), UNIT_CASE(test_signal_wakes_target_and_sender_yields),
	   UNIT_CASE(test_interactive_wait_ends_the_run),
	   UNIT_CASE(test_wait_with_pending_interrupt_goes_on),
	   UNIT_CASE(test_lone_looper_runs_the_whole_budget),
	   UNIT_CASE(test_guest_timer_bounds_the_slice_only_without_engine_timers),
	   UNIT_CASE(test_long_slice_ends_when_another_is_ready),
	   UNIT_CASE(test_long_slice_ends_when_cp_has_work),
	   UNIT_CASE(test_noted_work_comes_first),
	   UNIT_CASE(test_broken_run_queue_asserts),
	   UNIT_CASE(test_program_loop_stops_and_tells_the_user),
	   UNIT_CASE(test_guest_dat_stops_and_tells_the_user),
	   UNIT_CASE(test_interceptions_keep_the_slice),
	   UNIT_CASE(test_exit_handling_is_charged), UNIT_CASE(test_slice_ends_on_guest_and_cp_time),
	   UNIT_CASE(test_sub_microsecond_remainders_add_up),
	   UNIT_CASE(test_out_of_storage_stops_only_that_machine), UNIT_CASE(test_round_robin_preempts_loopers),
	   UNIT_CASE(test_waiting_guest_costs_nothing), UNIT_CASE(test_disabled_wait_stops),
	   UNIT_CASE(test_operator_at_3270_is_told), UNIT_CASE(test_operator_loop_shown_once),
	   UNIT_CASE(test_host_interrupt_returns_at_once), UNIT_CASE(test_remove_from_queue))
UNIT_MAIN(UNIT_REG(dispatch))
