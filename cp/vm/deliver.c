/*
 * Presenting interruptions to a guest the way the CPU would (PoP chapter 6, "Interruptions"):
 * the interruption code and its extra fields go into the guest's lowcore (at real
 * addresses, so through its prefix), the current PSW is stored as the old PSW of the class
 * and the class's new PSW is loaded. All of it through the checked real-storage accessors.
 *
 * Pending conditions: emergency signal and external call are latched in vcpu->pending
 * (cleared when presented) with their senders; the service signal floats: latched in the
 * machine's base vcpu, presented by whichever CPU is enabled first; the clock comparator and CPU timer are
 * conditions recomputed from the current TOD, present for as long as they hold
 * (TOD > comparator, timer negative), exactly as the architecture defines them.
 *
 * Priorities (PoP "Priority of Interruptions"): supervisor-call and program interruptions
 * are presented by the dispatcher as they happen; among the pending ones external comes
 * before I/O and restart last. Within external: emergency signal, external call, clock
 * comparator, CPU timer, service signal. As on the real machine, after one interruption
 * the next pending one is presented at once if the new PSW enables it, so the lowest-
 * priority handler is the one that starts running.
 *
 * I/O interruptions come from the virtual subchannels (cp/vdev/). Not here yet: machine
 * checks, PER.
 * Covered by tests/unit/test_deliver.c.
 */
#include <arch/ctlreg.h>
#include <arch/lowcore.h>
#include <arch/tod.h>
#include <cp/decode.h>
#include <cp/vm.h>

enum ext_source {
	EXT_SRC_EMERGENCY,
	EXT_SRC_EXT_CALL,
	EXT_SRC_CKC,
	EXT_SRC_CPU_TIMER,
	EXT_SRC_SERVICE,
	EXT_SRC_COUNT,
};

/* In priority order, highest first. */
static const struct {
	uint64_t submask;
	uint16_t code;
	uint32_t latch; /* PEND_* bit, 0 for the timer conditions */
} ext_sources[EXT_SRC_COUNT] = {
	[EXT_SRC_EMERGENCY] = { CR0_EMERGENCY_SIGNAL_SUBMASK, EXT_EMERGENCY_SIGNAL, PEND_EMERGENCY },
	[EXT_SRC_EXT_CALL] = { CR0_EXTERNAL_CALL_SUBMASK, EXT_EXTERNAL_CALL, PEND_EXTERNAL_CALL },
	[EXT_SRC_CKC] = { CR0_CLOCK_COMPARATOR_SUBMASK, EXT_CLOCK_COMPARATOR, 0 },
	[EXT_SRC_CPU_TIMER] = { CR0_CPU_TIMER_SUBMASK, EXT_CPU_TIMER, 0 },
	[EXT_SRC_SERVICE] = { CR0_SERVICE_SIGNAL_SUBMASK, EXT_SERVICE_SIGNAL, PEND_SERVICE_SIGNAL },
};

static uint64_t guest_tod(const struct vcpu *v, uint64_t host_tod)
{
	return host_tod + (uint64_t)v->tod_offset;
}

/* Clock-comparator condition: the TOD clock is greater than the comparator (compared as
 * signed numbers when the CR0 clock-comparator sign control is one). */
static bool ckc_condition(const struct vcpu *v, uint64_t host_tod)
{
	uint64_t tod = guest_tod(v, host_tod);

	if (v->crs[0] & CR0_CLOCK_COMPARATOR_SIGN)
		return (int64_t)tod > (int64_t)v->clock_comparator;
	return tod > v->clock_comparator;
}

static bool ext_condition(const struct vcpu *v, enum ext_source s, uint64_t host_tod)
{
	switch (s) {
	case EXT_SRC_CKC:
		return ckc_condition(v, host_tod);
	case EXT_SRC_CPU_TIMER:
		return v->cpu_timer < 0;
	case EXT_SRC_SERVICE:
		/* floating: latched in the base CPU, taken by any CPU enabled for it */
		return (v->vm->vcpu.pending & PEND_SERVICE_SIGNAL) != 0;
	default:
		return (v->pending & ext_sources[s].latch) != 0;
	}
}

/* The highest-priority external condition the vcpu is enabled for, or EXT_SRC_COUNT. */
static enum ext_source ext_deliverable(const struct vcpu *v, uint64_t host_tod)
{
	if (!(v->psw_mask & PSW_MASK_EXT))
		return EXT_SRC_COUNT;
	for (int s = 0; s < EXT_SRC_COUNT; s++)
		if ((v->crs[0] & ext_sources[s].submask) &&
		    ext_condition(v, (enum ext_source)s, host_tod))
			return (enum ext_source)s;
	return EXT_SRC_COUNT;
}

/*
 * Stores the current PSW at old_psw and loads the one at new_psw. The first store also
 * gives the lowcore page a frame if it had none; if even that fails the guest cannot take
 * interruptions any more and is check-stopped. The new PSW is loaded whatever it holds;
 * the caller checks it with psw_valid() (load_new_psw()).
 */
static bool swap_psw(struct vcpu *v, uint64_t old_psw, uint64_t new_psw)
{
	uint8_t psw[16];

	put_be64(psw, v->psw_mask);
	put_be64(psw + 8, v->psw_addr);
	if (guest_write_real(v, old_psw, psw, sizeof(psw)) ||
	    guest_read_real(v, new_psw, psw, sizeof(psw))) {
		v->state = VCPU_CHECK_STOP;
		return false;
	}
	v->psw_mask = get_be64(psw);
	v->psw_addr = get_be64(psw + 8);
	return true;
}

static void store16(struct vcpu *v, uint64_t raddr, uint16_t val)
{
	uint8_t b[2];

	put_be16(b, val);
	guest_write_real(v, raddr, b, sizeof(b));
}

static void store32(struct vcpu *v, uint64_t raddr, uint32_t val)
{
	uint8_t b[4];

	put_be32(b, val);
	guest_write_real(v, raddr, b, sizeof(b));
}

static void store64(struct vcpu *v, uint64_t raddr, uint64_t val)
{
	uint8_t b[8];

	put_be64(b, val);
	guest_write_real(v, raddr, b, sizeof(b));
}

/* Access exceptions whose translation-exception identification goes to 0xA8. */
static bool has_teid(uint16_t code)
{
	return (code & 0x7f) == PGM_PROTECTION || pgm_is_translation(code & 0x7f);
}

/* Stores the interruption code and swaps the program PSWs. */
static bool present_program(struct vcpu *v, uint16_t code, uint8_t ilc)
{
	store16(v, LC_PGM_ILC, ilc & 6);
	store16(v, LC_PGM_CODE, code);
	if (has_teid(code))
		store64(v, LC_TRANS_EXC_ID, v->exit.teid);
	return swap_psw(v, LC_PGM_OLD_PSW, LC_PGM_NEW_PSW);
}

/* CP stops a machine caught in a program-interruption loop; the dispatcher reports it. */
static void stop_for_loop(struct vcpu *v)
{
	v->state = VCPU_CHECK_STOP;
	v->pgm_loop.detected = true;
}

/**
 * vcpu_inject_program - present a program interruption
 * @v: the virtual CPU, its PSW already where the architecture wants the old PSW
 * @code: program-interruption code
 * @ilc: instruction length in bytes (0 for an exception recognized early, with the PSW)
 *
 * For access exceptions the translation-exception identification is v->exit.teid. An
 * invalid program new PSW gets the specification exception the machine would recognize
 * after loading it, once (its lowcore then shows code 6, ILC 0 and the invalid PSW as the
 * old PSW), and the machine is stopped: the architecture would load the same PSW forever.
 * A program interruption that repeats at the first instruction of the program new PSW
 * PGM_LOOP_LIMIT times stops it too (cp/psw.h).
 */
void vcpu_inject_program(struct vcpu *v, uint16_t code, uint8_t ilc)
{
	bool loop = pgm_loop_note(&v->pgm_loop, v->psw_mask, v->psw_addr, ilc);

	if (!present_program(v, code, ilc))
		return;
	pgm_loop_loaded(&v->pgm_loop, v->psw_mask, v->psw_addr);
	if (!psw_valid(v->psw_mask, v->psw_addr)) {
		present_program(v, PGM_SPECIFICATION, 0);
		loop = true;
	}
	if (loop)
		stop_for_loop(v);
}

void vcpu_pgm_loop_sample(struct vcpu *v)
{
	uint8_t ilc[2], old[16], new[16];

	if (guest_read_real(v, LC_PGM_ILC, ilc, sizeof(ilc)) ||
	    guest_read_real(v, LC_PGM_OLD_PSW, old, sizeof(old)) ||
	    guest_read_real(v, LC_PGM_NEW_PSW, new, sizeof(new)))
		return;
	if (pgm_loop_sample(&v->pgm_loop, v->psw_addr, get_be64(old), get_be64(old + 8),
			    ilc[1], get_be64(new), get_be64(new + 8)))
		stop_for_loop(v);
}

/*
 * Loads the new PSW of a class other than program. Another class's invalid new PSW is a
 * specification exception after the load, presented like any program interruption.
 */
static void load_new_psw(struct vcpu *v, uint64_t old_psw, uint64_t new_psw)
{
	pgm_loop_reset(&v->pgm_loop);
	if (swap_psw(v, old_psw, new_psw) && !psw_valid(v->psw_mask, v->psw_addr))
		vcpu_inject_program(v, PGM_SPECIFICATION, 0);
}

/**
 * vcpu_inject_svc - present a supervisor-call interruption
 * @v: the virtual CPU, its PSW past the SVC instruction
 * @code: the SVC number (the I field)
 * @ilc: 2, or 4 when the SVC was the target of an EXECUTE
 */
void vcpu_inject_svc(struct vcpu *v, uint16_t code, uint8_t ilc)
{
	store16(v, LC_SVC_ILC, ilc & 6);
	store16(v, LC_SVC_CODE, code);
	load_new_psw(v, LC_SVC_OLD_PSW, LC_SVC_NEW_PSW);
}

static void deliver_external(struct vcpu *v, enum ext_source s)
{
	store16(v, LC_EXT_INT_CODE, ext_sources[s].code);
	switch (s) {
	case EXT_SRC_EMERGENCY: {
		/* one emergency signal per sending CPU; the lowest address goes first */
		unsigned from = v->emergency_from ? (unsigned)__builtin_ctz(v->emergency_from) : 0;

		store16(v, LC_EXT_CPU_ADDR, (uint16_t)from);
		v->emergency_from &= ~(1u << from);
		if (!v->emergency_from)
			v->pending &= ~PEND_EMERGENCY;
		load_new_psw(v, LC_EXT_OLD_PSW, LC_EXT_NEW_PSW);
		return;
	}
	case EXT_SRC_EXT_CALL:
		store16(v, LC_EXT_CPU_ADDR, v->ext_call_from);
		break;
	case EXT_SRC_SERVICE: {
		struct vcpu *base = &v->vm->vcpu;

		store32(v, LC_EXT_PARAMS, base->service_param);
		base->service_param = 0;
		base->pending &= ~PEND_SERVICE_SIGNAL;
		break;
	}
	default:
		break;
	}
	v->pending &= ~ext_sources[s].latch;
	load_new_psw(v, LC_EXT_OLD_PSW, LC_EXT_NEW_PSW);
}

/* The I/O interruption the guest takes next: PSW I/O mask and its ISC's CR6 mask. */
static struct vsubchannel *io_deliverable(const struct vcpu *v)
{
	if (!(v->psw_mask & PSW_MASK_IO))
		return 0;
	return vm_io_pending(v->vm, v->crs[6]);
}

static void deliver_io(struct vcpu *v, struct vsubchannel *s)
{
	store32(v, LC_SUBCHANNEL_ID, 0x00010000u | s->number);
	store32(v, LC_IO_INT_PARM, s->intparm);
	store32(v, LC_IO_INT_WORD, (uint32_t)s->isc << 27);
	s->int_pending = false;
	load_new_psw(v, LC_IO_OLD_PSW, LC_IO_NEW_PSW);
}

static void deliver_restart(struct vcpu *v)
{
	v->pending &= ~PEND_RESTART;
	load_new_psw(v, LC_RESTART_OLD_PSW, LC_RESTART_NEW_PSW);
}

/* Presents the highest-priority deliverable interruption; false when there is none. */
static bool deliver_one(struct vcpu *v, uint64_t host_tod)
{
	enum ext_source s = ext_deliverable(v, host_tod);

	struct vsubchannel *io;

	if (s != EXT_SRC_COUNT) {
		deliver_external(v, s);
		return true;
	}
	/* I/O comes after external in the PoP's priority order, before restart. */
	io = io_deliverable(v);
	if (io) {
		deliver_io(v, io);
		return true;
	}
	if (v->pending & PEND_RESTART) {
		/* restart cannot be masked */
		deliver_restart(v);
		return true;
	}
	return false;
}

/**
 * vcpu_deliver_pending - present pending interruptions before the guest runs again
 * @v: the virtual CPU
 * @host_tod: the current (host) TOD clock
 *
 * Keeps presenting while the newly loaded PSW is enabled for something still pending,
 * bounded so that a guest whose new PSW re-enables a persistent condition (a clock
 * comparator it never resets) still gets to run.
 */
bool vcpu_deliver_pending(struct vcpu *v, uint64_t host_tod)
{
	bool any = false;

	for (int i = 0; i < EXT_SRC_COUNT + 1; i++) {
		if (v->state == VCPU_CHECK_STOP || !deliver_one(v, host_tod))
			break;
		any = true;
	}
	return any;
}

bool vcpu_interrupt_deliverable(const struct vcpu *v, uint64_t host_tod)
{
	return ext_deliverable(v, host_tod) != EXT_SRC_COUNT || io_deliverable(v) ||
	       (v->pending & PEND_RESTART);
}

bool vcpu_interrupt_latched(const struct vcpu *v)
{
	return v->pending || (v->vm->vcpu.pending & PEND_SERVICE_SIGNAL) ||
	       vm_io_pending(v->vm, CR6_ALL_ISCS);
}

/* Microseconds until a TOD-unit distance has passed, rounded up so the event is due. */
static uint64_t us_until_due(uint64_t delta)
{
	return tod_to_us(delta) + 1;
}

uint64_t vcpu_next_timer_event(const struct vcpu *v, uint64_t host_tod)
{
	uint64_t next = 0;

	if (!(v->psw_mask & PSW_MASK_EXT))
		return 0;
	if (v->crs[0] & CR0_CLOCK_COMPARATOR_SUBMASK) {
		uint64_t tod = guest_tod(v, host_tod);

		if (ckc_condition(v, host_tod))
			return 1;
		next = us_until_due(v->clock_comparator - tod);
	}
	if (v->crs[0] & CR0_CPU_TIMER_SUBMASK) {
		uint64_t t;

		if (v->cpu_timer < 0)
			return 1;
		t = us_until_due((uint64_t)v->cpu_timer);
		if (!next || t < next)
			next = t;
	}
	return next;
}
