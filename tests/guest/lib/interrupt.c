/*
 * Interruption handlers of the guest runtime (see interrupt.h for what tests see). The stubs in
 * head.S call these with the interrupted registers and old PSW, which a handler may change.
 */
#include "guest.h"
#include "sclp.h"

/* Program interruptions. */
static volatile bool pgm_armed;
volatile uint64_t pgm_resume_addr;
static volatile uint16_t pgm_code, pgm_ilc;
static volatile unsigned pgm_total;
static struct psw pgm_old;
static bool pgm_in_handler;

/* External interruptions: counts for the codes tests wait for, and the last one's details. */
static const uint16_t ext_codes[] = {
    EXT_CLOCK_COMPARATOR, EXT_CPU_TIMER,      EXT_EMERGENCY_SIGNAL,
    EXT_EXTERNAL_CALL,	  EXT_SERVICE_SIGNAL,
};
#define EXT_CODES (sizeof(ext_codes) / sizeof(ext_codes[0]))
static volatile unsigned ext_counts[EXT_CODES + 1]; /* the last slot counts any other code */
static volatile unsigned ext_total;
static volatile uint16_t ext_last_code, ext_last_cpu;
static volatile uint32_t ext_last_params;

static volatile unsigned io_count;
static volatile uint32_t io_last_schid, io_last_intparm;

static volatile unsigned svc_count;
static volatile uint16_t svc_last_code, svc_last_ilc;
static struct psw svc_old;

static volatile unsigned restart_count;
static struct psw restart_old;

/* An interruption taken in an enabled wait resumes after the wait, disabled. */
static void resume_after_wait(struct psw *old)
{
	if (old->mask & PSW_MASK_WAIT)
		old->mask &= ~(PSW_MASK_WAIT | PSW_MASK_EXT | PSW_MASK_IO);
}

void handle_pgm_int(struct guest_frame *frame)
{
	uint16_t code = lowcore->pgm_code;
	uint16_t ilc = lowcore->pgm_ilc & 0x6;

	if (pgm_in_handler)
		disabled_wait(GUEST_WAIT_BROKEN);
	pgm_total++;
	pgm_old = frame->old_psw;
	pgm_code = code;
	pgm_ilc = ilc;
	if (!pgm_armed) {
		pgm_in_handler = true;
		report_abort(
		    "unexpected program interruption 0x%04x (ilc %u) at %016lx, mask %016lx", code,
		    ilc, (unsigned long)frame->old_psw.addr, (unsigned long)frame->old_psw.mask);
	}
	pgm_armed = false;
	if (pgm_resume_addr) {
		frame->old_psw.mask = PSW_MASK_64;
		frame->old_psw.addr = pgm_resume_addr;
		pgm_resume_addr = 0;
		return;
	}
	/* An invalid PSW (from LPSWE, SSM, ...) would interrupt again at once: make it valid. */
	if (frame->old_psw.mask & PSW_MASK_UNASSIGNED)
		frame->old_psw.mask &= ~PSW_MASK_UNASSIGNED;
	if ((frame->old_psw.mask & PSW_MASK_64) == PSW_MASK_EA)
		frame->old_psw.mask |= PSW_MASK_BA;
	resume_after_wait(&frame->old_psw);
}

void expect_pgm_int(void)
{
	pgm_code = 0;
	pgm_ilc = 0;
	pgm_resume_addr = 0;
	pgm_armed = true;
}

void expect_pgm_int_resume(uint64_t resume_addr)
{
	expect_pgm_int();
	pgm_resume_addr = resume_addr;
}

uint16_t pgm_int_code(void)
{
	pgm_armed = false;
	pgm_resume_addr = 0;
	return pgm_code;
}

uint16_t pgm_int_ilc(void)
{
	return pgm_ilc;
}

struct psw pgm_int_old_psw(void)
{
	return pgm_old;
}

unsigned pgm_int_total(void)
{
	return pgm_total;
}

void check_pgm_int_code(const char *what, uint16_t expected)
{
	uint16_t got = pgm_int_code();

	if (got == expected)
		report(true, "%s: program interruption 0x%04x", what, expected);
	else if (!got)
		report(false, "%s: program interruption 0x%04x expected, none came", what,
		       expected);
	else
		report(false, "%s: program interruption 0x%04x expected, got 0x%04x", what,
		       expected, got);
}

static unsigned ext_slot(uint16_t code)
{
	unsigned i;

	for (i = 0; i < EXT_CODES; i++)
		if (ext_codes[i] == code)
			break;
	return i;
}

void handle_ext_int(struct guest_frame *frame)
{
	uint16_t code = lowcore->ext_int_code;

	ext_last_code = code;
	ext_last_cpu = lowcore->ext_cpu_addr;
	ext_last_params = lowcore->ext_params;
	ext_counts[ext_slot(code)]++;
	ext_total++;
	switch (code) {
	case EXT_SERVICE_SIGNAL:
		sclp_handle_service_signal(lowcore->ext_params);
		break;
	case EXT_CLOCK_COMPARATOR:
		/* The condition stays while TOD > CKC: mask the subclass until re-armed. */
		ctl_clear_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
		break;
	case EXT_CPU_TIMER:
		ctl_clear_bits(0, CR0_CPU_TIMER_SUBMASK);
		break;
	default:
		break;
	}
	resume_after_wait(&frame->old_psw);
}

unsigned ext_int_count(uint16_t code)
{
	return ext_counts[ext_slot(code)];
}

unsigned ext_int_total(void)
{
	return ext_total;
}

uint16_t ext_int_last_code(void)
{
	return ext_last_code;
}

uint16_t ext_int_last_cpu_addr(void)
{
	return ext_last_cpu;
}

uint32_t ext_int_last_params(void)
{
	return ext_last_params;
}

void ext_int_reset(void)
{
	for (unsigned i = 0; i <= EXT_CODES; i++)
		ext_counts[i] = 0;
	ext_total = 0;
	ext_last_code = 0;
	ext_last_cpu = 0;
	ext_last_params = 0;
}

void handle_io_int(struct guest_frame *frame)
{
	io_last_schid = lowcore->subchannel_id;
	io_last_intparm = lowcore->io_int_parm;
	io_count++;
	resume_after_wait(&frame->old_psw);
}

unsigned io_int_count(void)
{
	return io_count;
}

uint32_t io_int_last_schid(void)
{
	return io_last_schid;
}

uint32_t io_int_last_intparm(void)
{
	return io_last_intparm;
}

void handle_svc_int(struct guest_frame *frame)
{
	svc_last_code = lowcore->svc_code;
	svc_last_ilc = lowcore->svc_ilc & 0x6;
	svc_old = frame->old_psw;
	svc_count++;
	if (svc_last_code == SVC_LEAVE_PSTATE)
		frame->old_psw.mask &= ~PSW_MASK_PSTATE;
}

unsigned svc_int_count(void)
{
	return svc_count;
}

uint16_t svc_int_last_code(void)
{
	return svc_last_code;
}

uint16_t svc_int_last_ilc(void)
{
	return svc_last_ilc;
}

struct psw svc_int_old_psw(void)
{
	return svc_old;
}

void handle_mcck_int(struct guest_frame *frame)
{
	report_abort("machine check, code %016lx, at %016lx", (unsigned long)lowcore->mcck_code,
		     (unsigned long)frame->old_psw.addr);
}

void handle_restart_int(struct guest_frame *frame)
{
	restart_count++;
	restart_old = frame->old_psw;
	resume_after_wait(&frame->old_psw);
}

struct psw restart_int_old_psw(void)
{
	return restart_old;
}

unsigned restart_int_count(void)
{
	return restart_count;
}

/* Arms the watchdog that bounds a wait: the clock comparator, or the CPU timer for CKC waits. */
static void arm_watchdog(bool use_cpu_timer, uint64_t deadline)
{
	uint64_t now = stck();

	if (use_cpu_timer) {
		spt((int64_t)(deadline > now ? deadline - now : 0));
		ctl_set_bits(0, CR0_CPU_TIMER_SUBMASK);
	} else {
		sckc(deadline);
		ctl_set_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
	}
}

static void disarm_watchdog(bool use_cpu_timer)
{
	if (use_cpu_timer) {
		ctl_clear_bits(0, CR0_CPU_TIMER_SUBMASK);
		spt(INT64_MAX);
	} else {
		ctl_clear_bits(0, CR0_CLOCK_COMPARATOR_SUBMASK);
		sckc(UINT64_MAX);
	}
}

bool wait_for_ext(uint16_t code, uint64_t timeout_us)
{
	bool cpu_timer_dog = code == EXT_CLOCK_COMPARATOR;
	uint16_t dog_code = cpu_timer_dog ? EXT_CPU_TIMER : EXT_CLOCK_COMPARATOR;
	unsigned before = ext_int_count(code);
	uint64_t deadline = stck() + tod_us(timeout_us);
	bool came;

	for (;;) {
		if (ext_int_count(code) != before) {
			came = true;
			break;
		}
		if (stck() >= deadline) {
			came = false;
			break;
		}
		/* The watchdog and the awaited code may be the same only if code is the dog. */
		if (code != dog_code)
			arm_watchdog(cpu_timer_dog, deadline);
		enabled_wait(PSW_MASK_EXT);
	}
	if (code != dog_code)
		disarm_watchdog(cpu_timer_dog);
	return came;
}

bool wait_for_io(uint64_t timeout_us)
{
	unsigned before = io_count;
	uint64_t deadline = stck() + tod_us(timeout_us);
	uint64_t cr6 = stctg(6);
	bool came = false;

	lctlg(6, cr6 | 0xff000000ULL); /* every I/O-interruption subclass */
	while (!came && stck() < deadline) {
		arm_watchdog(false, deadline);
		enabled_wait(PSW_MASK_EXT | PSW_MASK_IO);
		came = io_count != before;
	}
	disarm_watchdog(false);
	lctlg(6, cr6);
	return came;
}

void enter_pstate(void)
{
	struct psw psw = {.mask = PSW_MASK_64 | PSW_MASK_PSTATE};

	asm volatile("larl %%r1,0f\n\t"
		     "stg %%r1,8(%0)\n\t"
		     "lpswe 0(%0)\n"
		     "0:"
		     :
		     : "a"(&psw)
		     : "r1", "cc", "memory");
}

void leave_pstate(void)
{
	svc(SVC_LEAVE_PSTATE);
}

bool in_supervisor_state(void)
{
	expect_pgm_int();
	stap();
	return pgm_int_code() == 0;
}

extern char ext_entry[], io_entry[], pgm_entry[], svc_entry[], mcck_entry[], restart_entry[];

static void set_new_psw(volatile struct psw *psw, const char *handler)
{
	psw->mask = PSW_MASK_64;
	psw->addr = (uint64_t)(uintptr_t)handler;
}

void interrupt_setup(void)
{
	set_new_psw(&lowcore->ext_new_psw, ext_entry);
	set_new_psw(&lowcore->io_new_psw, io_entry);
	set_new_psw(&lowcore->pgm_new_psw, pgm_entry);
	set_new_psw(&lowcore->svc_new_psw, svc_entry);
	set_new_psw(&lowcore->mcck_new_psw, mcck_entry);
	set_new_psw(&lowcore->restart_new_psw, restart_entry);
}
