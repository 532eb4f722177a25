/*
 * The dispatcher. Policy (cp/vm/sched.c): a user who just had a terminal interaction runs
 * first (Q1, short slices), long-running ones (Q3) split the CPU by SHARE; slices are bounded
 * by the host CPU timer; a slice is cut short by anything CP must see to (console input, I/O),
 * and the main loop runs CP's own work between slices, so the operator is never starved by
 * a looping guest. A vcpu in an enabled wait is off the run queue and costs nothing until an
 * interruption it is enabled for is pending (one already pending when it loads the wait PSW
 * is delivered in the same slice). A looper alone on the run queue gets the rest of the
 * budget as one slice: there is nobody to preempt it for, and every slice end costs.
 *
 * Accounting: a vcpu is charged (v->cpu_time, in TOD units) the TOD-clock time from the
 * dispatch decision that picked it until it is off the real CPU again: the engine's run and
 * everything CP does for it in between (interception simulation, interruption delivery). Its
 * slice ends on that total, so a guest whose exits are expensive gets fewer guest cycles, not
 * more CPU. The engines count the guest's own share (v->virt_time) with the CPU timer.
 *
 * Structure: one run queue per real CPU (struct dispatch_cpu); only the IPL CPU dispatches
 * today, and nothing assumes there is only one.
 * Covered by tests/unit/test_dispatch.c.
 */
#include <arch/ctlreg.h>
#include <arch/hw.h>
#include <cp/assert.h>
#include <cp/msg.h>
#include <cp/sched.h>
#include <cp/tod.h>
#include <cp/user.h>
#include <cp/term.h>
#include <cp/user.h>
#include <cp/vmm.h>
#include <lib/format.h>
#include <lib/string.h>

struct dispatch_cpu {
	struct vcpu *head, *tail;
	unsigned length;
};

static struct dispatch_cpu cpus[1];
static struct vcpu *running;
static struct sched_clock sched_clock;
/* dispatch_run calls in a row that gave way to work CP had noted (see there). */
static unsigned gave_way;

struct vcpu *dispatch_current(void)
{
	return running;
}

static struct dispatch_cpu *this_cpu(void)
{
	return &cpus[0];
}

static bool queued(const struct dispatch_cpu *q, const struct vcpu *v)
{
	for (const struct vcpu *p = q->head; p; p = p->next_ready)
		if (p == v)
			return true;
	return false;
}

/* Appends v to the ready list (it is not on it). */
static void enqueue(struct dispatch_cpu *q, struct vcpu *v)
{
	v->state = VCPU_RUNNABLE;
	v->next_ready = 0;
	if (q->tail)
		q->tail->next_ready = v;
	else
		q->head = v;
	q->tail = v;
	q->length++;
}

/*
 * Puts v back at the head of the ready list: a vcpu in Q1 or Q2 whose slice CP's own work
 * cut short (a host interruption) keeps its place among its queue's users instead of going
 * behind the others, so an interaction does not queue again for every terminal interrupt
 * that happens to land in its slice.
 */
static void enqueue_front(struct dispatch_cpu *q, struct vcpu *v)
{
	v->state = VCPU_RUNNABLE;
	v->next_ready = q->head;
	q->head = v;
	if (!q->tail)
		q->tail = v;
	q->length++;
}

void dispatch_ready(struct vcpu *v)
{
	struct dispatch_cpu *q = this_cpu();

	v->state = VCPU_RUNNABLE;
	if (queued(q, v))
		return;
	sched_wake(&sched_clock, &v->sched);
	enqueue(q, v);
}

/* Takes v off the ready list if it is there. */
static void unlink_ready(struct dispatch_cpu *q, struct vcpu *v)
{
	struct vcpu **pp = &q->head, *prev = 0;

	while (*pp && *pp != v) {
		prev = *pp;
		pp = &(*pp)->next_ready;
	}
	if (*pp) {
		*pp = v->next_ready;
		if (q->tail == v)
			q->tail = prev;
		q->length--;
	}
	v->next_ready = 0;
}

void dispatch_remove(struct vcpu *v)
{
	unlink_ready(this_cpu(), v);
	v->state = VCPU_STOPPED;
}

bool dispatch_has_ready(void)
{
	return this_cpu()->head != 0;
}

static struct vcpu *take_next(void)
{
	struct dispatch_cpu *q = this_cpu();
	struct vcpu *v = sched_pick(&sched_clock, q->head);

	if (v)
		unlink_ready(q, v);
	ASSERT(!q->head == !q->tail && !q->head == !q->length);
	return v;
}

/* A stop message with the user ID and PSW to the operator and to the user's terminal. */
static void report_stop(struct vcpu *v, enum msg_id id)
{
	char line[200];

	msg_format(line, sizeof(line), id, v->vm->userid, (unsigned long long)v->psw_mask,
		   (unsigned long long)v->psw_addr);
	operator_write(line, strlen(line));
	if (user_term(v->vm) && v->vm != vm_find("OPERATOR")) /* OPERATOR's has it already */
		term_output(user_term(v->vm), line, strlen(line));
}

/*
 * Interruption delivery stopped the machine (cp/vm/deliver.c): a program-interruption loop
 * (the user and the operator see VMCDSP454E), or no frame for its lowcore (VMCDSP453E).
 */
static void report_delivery_stop(struct vcpu *v)
{
	if (!v->pgm_loop.detected) {
		operator_msg(MSG_NO_REAL_STORAGE, v->vm->userid);
		return;
	}
	report_stop(v, MSG_PGM_LOOP);
}

/*
 * The engine cannot run the guest as its PSW says (DAT on under trap-and-emulate): the CPU is
 * stopped (check stop: CP READ for its user, who may IPL again or LOG OFF), and the user and
 * the operator see VMCDSP455E.
 */
static void stop_for_engine(struct vcpu *v, enum msg_id id)
{
	v->state = VCPU_CHECK_STOP;
	report_stop(v, id);
}

/* After the guest loaded a wait PSW: park it, or stop it for good if nothing can wake it. */
static void enter_wait(struct vcpu *v)
{
	if (v->psw_mask & (PSW_MASK_IO | PSW_MASK_EXT | PSW_MASK_MCHECK)) {
		v->state = VCPU_ENABLED_WAIT;
		v->wait_since = hw_tod_clock();
		/* Waiting in its console read after an interaction: it has answered (a step of
		 * cp/phase.h). */
		if (v->resp_dispatch_tod && !v->resp_read_tod && v->vm->console.read_pending) {
			v->resp_read_tod = v->wait_since;
			v->resp_cpu = v->cpu_time - v->resp_cpu0;
			v->resp_virt = v->virt_time - v->resp_virt0;
		}
		return;
	}
	v->state = VCPU_DISABLED_WAIT;
	report_stop(v, MSG_DISABLED_WAIT);
}

/* Acts on one exit; returns true when the vcpu should stay on the run queue. */
static bool handle_exit(struct vcpu *v)
{
	struct vcpu_exit *e = &v->exit;
	int rc;

	switch (e->reason) {
	case EXIT_INSTRUCTION:
	case EXIT_SIMULATED:
		rc = e->reason == EXIT_SIMULATED ? e->rc : icpt_instruction(v);
		if (rc > 0)
			vcpu_inject_program(v, (uint16_t)rc, e->ilc);
		else if (rc == ICPT_STOP) {
			v->state = VCPU_STOPPED;
			if (vm_any_cpu_operating(v->vm)) /* another CPU of it still runs */
				return false;
			operator_msg(MSG_GUEST_STOPPED, v->vm->userid,
				     (unsigned long long)v->psw_mask,
				     (unsigned long long)v->psw_addr);
			return false;
		} else if (rc < 0) {
			/* CP could not finish (no real storage): stop the machine, keep CP. */
			v->state = VCPU_CHECK_STOP;
			operator_msg(MSG_NO_REAL_STORAGE, v->vm->userid);
			return false;
		}
		break;
	case EXIT_PROGRAM:
		vcpu_inject_program(v, e->pgm_code, e->ilc);
		break;
	case EXIT_SVC:
		vcpu_inject_svc(v, e->svc_code, e->ilc);
		break;
	case EXIT_VALIDITY:
		v->state = VCPU_CHECK_STOP;
		operator_msg(MSG_VALIDITY, v->vm->userid, "validity", e->validity);
		return false;
	case EXIT_NO_STORAGE:
		v->state = VCPU_CHECK_STOP;
		operator_msg(MSG_NO_REAL_STORAGE, v->vm->userid);
		return false;
	case EXIT_NO_GUEST_DAT:
		stop_for_engine(v, MSG_NO_GUEST_DAT);
		return false;
	case EXIT_SLICE_END:
	case EXIT_HOST_INTERRUPT:
		vcpu_pgm_loop_sample(v);
		break;
	default:
		break;
	}
	if (v->state == VCPU_CHECK_STOP) {
		report_delivery_stop(v);
		return false;
	}
	if (v->psw_mask & PSW_MASK_WAIT) {
		/* An interruption it is enabled for is pending already (CMS waits for the end of
		 * a console write CP ended at once): run_slice delivers it and the guest goes on
		 * in this slice. Parked, it would wait for a pass of CP's main loop and then for
		 * every user queued before it, four times in a trivial CMS command. */
		if (vcpu_interrupt_deliverable(v, hw_tod_clock()))
			return true;
		enter_wait(v);
		return false;
	}
	return true;
}

/*
 * The instructions the fast path takes: DIAG X'44' (base register 0), SIGP sense, and the PSW
 * instructions trap-and-emulate intercepts (SSM, STOSM, STNSM, LPSW, LPSWE). Their
 * simulation touches nothing but the vcpu, so it can run inside the engine's loop.
 */
static bool fast_candidate(const struct vcpu *v)
{
	uint16_t ipa = v->exit.ipa;
	unsigned b2 = v->exit.ipb >> 28, d2 = (v->exit.ipb >> 16) & 0xfff;

	switch (ipa >> 8) {
	case 0x83: /* DIAG */
		return b2 == 0 && d2 == 0x44;
	case 0xae: /* SIGP */
		return b2 == 0 && (d2 & 0xff) == 0x01; /* sense */
	case 0x80: /* SSM */
	case 0x82: /* LPSW */
	case 0xac: /* STNSM */
	case 0xad: /* STOSM */
		return true;
	case 0xb2:
		return ipa == 0xb2b2; /* LPSWE */
	default:
		return false;
	}
}

/*
 * Simulates a fast-set instruction with the general handler and says whether the guest may
 * go on in the same slice without the dispatcher: only when the simulation succeeded, the
 * vcpu is still runnable and not in a wait, no interruption it is enabled for is pending
 * (an SSM may just have enabled one), and a yield (DIAG X'44') has nobody to yield to: no
 * other vcpu ready and no work of CP's own noted. The time is charged to the vcpu as the
 * general path's is (run_slice charges the whole engine run); the engine counts it against
 * the slice.
 */
enum fast_exit dispatch_fast_exit(struct vcpu *v)
{
	struct vcpu_exit *e = &v->exit;
	int rc;

	if (e->reason != EXIT_INSTRUCTION || !fast_candidate(v))
		return FAST_NO;
	running = v;
	rc = icpt_instruction(v);
	running = 0;
	e->reason = EXIT_SIMULATED;
	e->rc = rc;
	if (rc != 0 || v->state != VCPU_RUNNABLE || (v->psw_mask & PSW_MASK_WAIT))
		return FAST_EXIT;
	if (v->yield && (dispatch_has_ready() || hw_work_pending()))
		return FAST_EXIT;
	/* The TOD clock only matters to a clock comparator the guest is enabled for: reading
	 * it costs about a microsecond on Hercules, the price of a whole interception. */
	if (vcpu_interrupt_deliverable(v, (v->psw_mask & PSW_MASK_EXT) &&
					  (v->crs[0] & CR0_CLOCK_COMPARATOR_SUBMASK) ?
					  hw_tod_clock() : 0))
		return FAST_EXIT;
	v->yield = false;
	e->reason = EXIT_NONE;
	return FAST_RESUME;
}

/*
 * For an engine's quickest exit (trap-and-emulate: entry.S skips such a DIAG X'44' without
 * CP): what dispatch_fast_exit would decide for a DIAG X'44' before the guest runs. Nothing
 * of it can change while the guest runs without an exit to CP: a host interruption ends the
 * run, and CP's C code is what makes vcpus ready or notes work.
 */
bool dispatch_yield_is_noop(const struct vcpu *v)
{
	return !(v->psw_mask & PSW_MASK_PSTATE) && !dispatch_has_ready() && !hw_work_pending();
}

/*
 * For the SIE engine's quickest exit (entry.S's sie_enter resumes the guest past such a DIAG
 * X'44' itself). The guest's own clock comparator and CPU timer are not CP's to check here:
 * they run in the state description, and the machine intercepts when one of them interrupts
 * the guest; one the guest is enabled for at entry bounds the slice too (dispatch_run).
 */
bool dispatch_yield_is_noop_any_mask(const struct vcpu *v)
{
	return dispatch_yield_is_noop(v) && !vcpu_interrupt_latched(v);
}

/* Charges v the time since *since, and moves *since to now. Returns what it charged. */
static uint64_t charge(struct vcpu *v, uint64_t *since)
{
	uint64_t now = hw_tod_clock();
	uint64_t spent = now - *since;

	v->cpu_time += spent;
	*since = now;
	return spent;
}

/*
 * Runs v for one slice of slice_us, counted from since (the TOD of the dispatch decision):
 * an interception CP simulates does not end the slice, so a guest that traps often is not
 * sent behind a looping neighbour after every trap, but the time CP spends on it counts.
 * A slice longer than its fair one (fair_us: v was alone on the run queue) ends once the fair
 * part is used and another vcpu has become ready or CP has noted work of its own meanwhile.
 * Returns true when v went back on the run queue.
 */
static bool run_slice(struct vcpu *v, uint64_t slice_us, uint64_t fair_us, uint64_t since)
{
	uint64_t slice = us_to_tod(slice_us), fair = us_to_tod(fair_us);
	uint64_t used = 0;

	v->yield = false;
	for (;;) {
		bool keep;

		hw_engine()->run(v, tod_to_us(slice - used));
		/* Charged before the exit is handled too, so that what the guest sees (DIAG
		 * X'0C') never has its virtual time ahead of its total. */
		used += charge(v, &since);
		running = v;
		keep = handle_exit(v);
		running = 0;
		used += charge(v, &since);
		if (!keep || v->state != VCPU_RUNNABLE)
			return false;
		if (v->exit.reason == EXIT_SLICE_END || v->exit.reason == EXIT_HOST_INTERRUPT ||
		    v->yield)
			break;
		/* Less than a microsecond left is not worth an entry. */
		if (used + TOD_MICROSECOND > slice)
			break;
		/* Beyond its fair part only while nothing else wants the CPU: a terminal's event
		 * CP noted while it simulated an exit stays unseen until the run ends. */
		if (used >= fair && (dispatch_has_ready() || hw_work_pending()))
			break;
		vcpu_deliver_pending(v, since);
		if (v->state == VCPU_CHECK_STOP) {
			report_delivery_stop(v);
			return false;
		}
		if (v->psw_mask & PSW_MASK_WAIT) {
			enter_wait(v);
			charge(v, &since);
			return false;
		}
	}
	if (v->exit.reason == EXIT_HOST_INTERRUPT && sched_queue(&v->sched) != SCHED_Q3)
		enqueue_front(this_cpu(), v);
	else
		enqueue(this_cpu(), v);
	return true;
}

/*
 * Runs ready vcpus, the scheduler's pick first each time, until budget_us has passed, CP has
 * an interruption of its own to see to, or a user in Q1/Q2 went into a wait. The caller bounds
 * budget_us by the next timer event of a waiting vcpu, which only CP's main loop notices.
 *
 * Work an interruption noted while CP itself ran (a terminal port's event, a status taken in
 * a driver's wait: hw_work_pending) comes before the next slice, since nothing else would
 * bring CP back to it before the next interruption or the budget's end: the run gives way
 * to it, though not more than DISPATCH_GIVE_WAY_MAX times in a row, so guests always move.
 */
void dispatch_run(uint64_t budget_us)
{
	uint64_t start = hw_tod_clock();

	while (dispatch_has_ready()) {
		struct vcpu *v;
		uint64_t now, slice, fair, timer, charged;
		bool ready, interactive;

		if (hw_work_pending() && gave_way < DISPATCH_GIVE_WAY_MAX) {
			gave_way++;
			return;
		}
		gave_way = 0;
		v = take_next();
		now = hw_tod_clock();
		if (v->resp_input_tod && !v->resp_dispatch_tod)
			v->resp_dispatch_tod = now; /* a step of cp/phase.h */
		slice = sched_slice_us(&v->sched);
		/* Under SIE a guest's own tick needs no exit: the machine presents it. */
		timer = hw_engine()->guest_timers ? 0 : vcpu_next_timer_event(v, now);
		charged = v->cpu_time;
		vcpu_deliver_pending(v, now);
		if (v->state == VCPU_CHECK_STOP) {
			report_delivery_stop(v);
			continue;
		}
		if (v->psw_mask & PSW_MASK_WAIT) {
			enter_wait(v);
			charge(v, &now);
			continue;
		}
		interactive = sched_queue(&v->sched) != SCHED_Q3;
		fair = slice;
		/*
		 * Nobody else is ready: there is no one to preempt a looper for, so it runs to the
		 * end of the budget in one slice (its own timer events and host interruptions end
		 * it sooner, and another vcpu made ready meanwhile ends it after the fair part).
		 * Every slice end costs an exit, a pass of the dispatcher and an entry.
		 */
		if (!interactive && !dispatch_has_ready()) {
			uint64_t spent = tod_to_us(now - start);

			if (spent < budget_us && budget_us - spent > slice)
				slice = budget_us - spent;
		}
		if (timer && timer < slice)
			slice = timer;
		if (fair > slice)
			fair = slice;
		ready = run_slice(v, slice, fair, now);
		sched_charge(&sched_clock, &v->sched, v->cpu_time - charged);
		/* A user in the middle of an interaction that now waits (for its next line,
		 * mostly) has an answer for CP to show: CP's turn, not the loopers'. */
		if (!ready && interactive)
			return;
		if (!ready)
			continue;
		if (v->exit.reason == EXIT_HOST_INTERRUPT)
			return; /* CP has something of its own to look at */
		if (tod_to_us(hw_tod_clock() - start) >= budget_us)
			return;
	}
}

/* Readies v, in an enabled wait, when an interruption it is enabled for is pending. */
static bool wake_if_deliverable(struct vcpu *v, uint64_t now)
{
	/* The CPU timer runs in the wait state too (PoP, "CPU Timer"). */
	v->cpu_timer -= (int64_t)(now - v->wait_since);
	v->wait_since = now;
	if (!vcpu_interrupt_deliverable(v, now))
		return false;
	/* The wait PSW stays: delivery stores it as the old PSW. */
	dispatch_ready(v);
	return true;
}

/*
 * A virtual MP shares one real CPU: a sender that spins for its signal's answer (Linux's
 * smp_call_function waits so) would spin to the end of its slice, or of the main loop's
 * budget, before the main loop's wake-up found the target. So the target is readied here, and
 * the sender goes behind it.
 */
void dispatch_signalled(struct vcpu *from, struct vcpu *to)
{
	if (to == from)
		return;
	if (to->state == VCPU_ENABLED_WAIT && !wake_if_deliverable(to, hw_tod_clock()))
		return;
	if (to->state == VCPU_RUNNABLE)
		from->yield = true;
}

uint64_t dispatch_wake_waiters(void)
{
	uint64_t now = hw_tod_clock();
	uint64_t next = 0;

	for (unsigned i = 0; i < vm_slots_used(); i++) {
		struct vm *vm = vm_slot(i);

		if (!vm)
			continue;
		/* Each virtual CPU of the machine on its own (cp/vm/vcpus.c). */
		for (struct vcpu *v = vm_first_vcpu(vm); v; v = vm_next_vcpu(v)) {
			uint64_t t;

			if (v->state != VCPU_ENABLED_WAIT)
				continue;
			if (wake_if_deliverable(v, now))
				continue;
			t = vcpu_next_timer_event(v, now);
			if (t && (!next || t < next))
				next = t;
		}
	}
	return next;
}
