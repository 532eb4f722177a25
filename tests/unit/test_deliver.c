/* Unit tests for interruption delivery (cp/vm/deliver.c). */
#include <string.h>
#include <arch/ctlreg.h>
#include <cp/decode.h>
#include "cunit_main.h"
#include "fake_gmem.h"

#define MB	    (1ULL << 20)
#define EXT_ENABLED (PSW_MASK_EA | PSW_MASK_BA | PSW_MASK_EXT)
#define CR0_ALL_EXT                                                                                \
	(CR0_EMERGENCY_SIGNAL_SUBMASK | CR0_EXTERNAL_CALL_SUBMASK | CR0_CLOCK_COMPARATOR_SUBMASK |  \
	 CR0_CPU_TIMER_SUBMASK | CR0_SERVICE_SIGNAL_SUBMASK)

static struct vm *vm;
static struct vcpu *v;

static uint16_t lc16(uint64_t abs)
{
	return get_be16(fake_abs(vm, abs));
}

static uint32_t lc32(uint64_t abs)
{
	return get_be32(fake_abs(vm, abs));
}

static uint64_t lc64(uint64_t abs)
{
	return get_be64(fake_abs(vm, abs));
}

static void set_new_psw(uint64_t abs, uint64_t mask, uint64_t addr)
{
	put_be64(fake_abs(vm, abs), mask);
	put_be64(fake_abs(vm, abs + 8), addr);
}

/* A fresh machine whose new PSWs are distinct and disabled: 0x1000 + class offset. */
static void setup(void)
{
	vm = fake_vm_new(MB);
	v = &vm->vcpu;
	for (uint64_t off = 0x1a0; off <= 0x1f0; off += 0x10)
		set_new_psw(off, PSW_MASK_EA | PSW_MASK_BA, 0x1000 + off);
	v->psw_mask = PSW_MASK_EA | PSW_MASK_BA;
	v->psw_addr = 0x5000;
}

static void teardown(void)
{
	fake_vm_free(vm);
}

static void test_program(void)
{
	setup();
	v->psw_mask |= 2ULL << PSW_CC_SHIFT;
	vcpu_inject_program(v, PGM_SPECIFICATION, 4);
	CU_ASSERT_EQUAL(lc16(0x8c), 4);
	CU_ASSERT_EQUAL(lc16(0x8e), PGM_SPECIFICATION);
	CU_ASSERT_EQUAL(lc64(0x150), PSW_MASK_EA | PSW_MASK_BA | 2ULL << PSW_CC_SHIFT);
	CU_ASSERT_EQUAL(lc64(0x158), 0x5000);
	CU_ASSERT_EQUAL(v->psw_mask, PSW_MASK_EA | PSW_MASK_BA);
	CU_ASSERT_EQUAL(v->psw_addr, 0x1000 + 0x1d0);
	CU_ASSERT_EQUAL(lc64(0xa8), 0); /* no TEID for a specification exception */
	/* an access exception stores the TEID; an early exception has ILC 0 */
	v->exit.teid = 0x123456000ULL | 3;
	vcpu_inject_program(v, PGM_PAGE_TRANS, 0);
	CU_ASSERT_EQUAL(lc16(0x8c), 0);
	CU_ASSERT_EQUAL(lc16(0x8e), PGM_PAGE_TRANS);
	CU_ASSERT_EQUAL(lc64(0xa8), 0x123456003ULL);
	CU_ASSERT_EQUAL(lc64(0x158), 0x11d0);
	teardown();
}

static void test_program_through_prefix(void)
{
	setup();
	v->prefix = 0x40000;
	set_new_psw(0x401d0, PSW_MASK_EA | PSW_MASK_BA, 0x8888);
	vcpu_inject_program(v, PGM_OPERATION, 6);
	CU_ASSERT_EQUAL(lc16(0x4008c), 6);
	CU_ASSERT_EQUAL(lc16(0x4008e), PGM_OPERATION);
	CU_ASSERT_EQUAL(lc64(0x40158), 0x5000);
	CU_ASSERT_EQUAL(v->psw_addr, 0x8888);
	CU_ASSERT_EQUAL(lc64(0x158), 0); /* absolute page 0 untouched */
	teardown();
}

static void test_svc(void)
{
	setup();
	vcpu_inject_svc(v, 0xca, 2);
	CU_ASSERT_EQUAL(lc16(0x88), 2);
	CU_ASSERT_EQUAL(lc16(0x8a), 0xca);
	CU_ASSERT_EQUAL(lc64(0x148), 0x5000);
	CU_ASSERT_EQUAL(v->psw_addr, 0x11c0);
	teardown();
}

static void test_service_signal_needs_enablement(void)
{
	setup();
	v->pending = PEND_SERVICE_SIGNAL;
	v->service_param = 0x7000 | 1;
	CU_ASSERT_FALSE(vcpu_deliver_pending(v, 0)); /* PSW disabled */
	CU_ASSERT_FALSE(vcpu_interrupt_deliverable(v, 0));
	v->psw_mask |= PSW_MASK_EXT;
	CU_ASSERT_FALSE(vcpu_deliver_pending(v, 0)); /* CR0 subclass off */
	v->crs[0] |= CR0_SERVICE_SIGNAL_SUBMASK;
	CU_ASSERT(vcpu_interrupt_deliverable(v, 0));
	CU_ASSERT(vcpu_deliver_pending(v, 0));
	CU_ASSERT_EQUAL(lc16(0x86), EXT_SERVICE_SIGNAL);
	CU_ASSERT_EQUAL(lc32(0x80), 0x7001);
	CU_ASSERT_EQUAL(lc64(0x130), EXT_ENABLED);
	CU_ASSERT_EQUAL(lc64(0x138), 0x5000);
	CU_ASSERT_EQUAL(v->psw_addr, 0x11b0);
	CU_ASSERT_EQUAL(v->pending, 0);
	CU_ASSERT_EQUAL(v->service_param, 0);
	teardown();
}

static void test_external_priorities(void)
{
	const uint16_t order[] = {EXT_EMERGENCY_SIGNAL, EXT_EXTERNAL_CALL, EXT_CLOCK_COMPARATOR,
				  EXT_CPU_TIMER, EXT_SERVICE_SIGNAL};

	setup();
	v->pending = PEND_SERVICE_SIGNAL | PEND_EMERGENCY | PEND_EXTERNAL_CALL;
	v->crs[0] |= CR0_ALL_EXT;
	v->clock_comparator = 100;
	v->cpu_timer = -1;
	v->cpu_address = 0;
	for (unsigned i = 0; i < 5; i++) {
		v->psw_mask = EXT_ENABLED;
		CU_ASSERT(vcpu_deliver_pending(v, 200)); /* new PSW disabled: one at a time */
		CU_ASSERT_EQUAL(lc16(0x86), order[i]);
		if (i == 2)
			v->clock_comparator = UINT64_MAX; /* the guest resets its conditions */
		if (i == 3)
			v->cpu_timer = 1000;
	}
	CU_ASSERT_EQUAL(v->pending, 0);
	v->psw_mask = EXT_ENABLED;
	CU_ASSERT_FALSE(vcpu_deliver_pending(v, 200));
	teardown();
}

static void test_chained_delivery(void)
{
	setup();
	/* The external new PSW is enabled: both pending signals are taken at once, and the
	 * second stores the first handler's PSW as its old PSW. */
	set_new_psw(0x1b0, EXT_ENABLED, 0x2000);
	v->pending = PEND_EMERGENCY | PEND_EXTERNAL_CALL;
	v->crs[0] |= CR0_EMERGENCY_SIGNAL_SUBMASK | CR0_EXTERNAL_CALL_SUBMASK;
	v->psw_mask = EXT_ENABLED;
	CU_ASSERT(vcpu_deliver_pending(v, 0));
	CU_ASSERT_EQUAL(v->pending, 0);
	CU_ASSERT_EQUAL(lc16(0x86), EXT_EXTERNAL_CALL);
	CU_ASSERT_EQUAL(lc64(0x138), 0x2000);
	CU_ASSERT_EQUAL(v->psw_addr, 0x2000);
	/* a persistent condition re-enabled by its own new PSW does not loop forever */
	v->crs[0] |= CR0_CPU_TIMER_SUBMASK;
	v->cpu_timer = -5;
	CU_ASSERT(vcpu_deliver_pending(v, 0));
	CU_ASSERT_EQUAL(lc16(0x86), EXT_CPU_TIMER);
	teardown();
}

static void test_clock_comparator(void)
{
	setup();
	v->psw_mask = EXT_ENABLED;
	v->crs[0] |= CR0_CLOCK_COMPARATOR_SUBMASK;
	v->clock_comparator = 1000;
	v->tod_offset = 100;
	CU_ASSERT_FALSE(vcpu_interrupt_deliverable(v, 900)); /* TOD equal: not yet */
	CU_ASSERT(vcpu_interrupt_deliverable(v, 901));	     /* TOD greater */
	v->tod_offset = -1000;
	CU_ASSERT_FALSE(vcpu_interrupt_deliverable(v, 1500));
	/* unsigned compare: a "negative" comparator is far in the future ... */
	v->tod_offset = 0;
	v->clock_comparator = 0x8000000000000000ULL;
	CU_ASSERT_FALSE(vcpu_interrupt_deliverable(v, 5));
	/* ... unless the CR0 clock-comparator sign control asks for a signed compare */
	v->crs[0] |= 1ULL << (63 - 10);
	CU_ASSERT(vcpu_interrupt_deliverable(v, 5));
	CU_ASSERT(vcpu_deliver_pending(v, 5));
	CU_ASSERT_EQUAL(lc16(0x86), EXT_CLOCK_COMPARATOR);
	teardown();
}

static void test_cpu_timer(void)
{
	setup();
	v->psw_mask = EXT_ENABLED;
	v->crs[0] |= CR0_CPU_TIMER_SUBMASK;
	v->cpu_timer = 0;
	CU_ASSERT_FALSE(vcpu_interrupt_deliverable(v, 0)); /* zero is not negative */
	v->cpu_timer = -1;
	CU_ASSERT(vcpu_interrupt_deliverable(v, 0));
	v->crs[0] &= ~CR0_CPU_TIMER_SUBMASK;
	CU_ASSERT_FALSE(vcpu_interrupt_deliverable(v, 0));
	teardown();
}

static void test_restart(void)
{
	setup();
	v->pending = PEND_RESTART | PEND_SERVICE_SIGNAL;
	v->crs[0] |= CR0_SERVICE_SIGNAL_SUBMASK;
	CU_ASSERT(vcpu_interrupt_deliverable(v, 0)); /* restart cannot be masked */
	v->psw_mask = EXT_ENABLED;
	CU_ASSERT(vcpu_deliver_pending(v, 0));
	/* external first (higher priority), then restart: the restart handler runs first */
	CU_ASSERT_EQUAL(lc16(0x86), EXT_SERVICE_SIGNAL);
	CU_ASSERT_EQUAL(lc64(0x128), 0x11b0); /* restart old PSW = the external handler's */
	CU_ASSERT_EQUAL(v->psw_addr, 0x11a0);
	CU_ASSERT_EQUAL(v->pending, 0);
	teardown();
}

/* Virtual MP: each emergency signal names its sender, one per sending CPU; the external
 * call names its own. */
static void test_signal_senders(void)
{
	setup();
	v->psw_mask = EXT_ENABLED;
	v->pending = PEND_EMERGENCY | PEND_EXTERNAL_CALL;
	v->emergency_from = (1u << 1) | (1u << 3);
	v->ext_call_from = 2;
	v->crs[0] |= CR0_EMERGENCY_SIGNAL_SUBMASK | CR0_EXTERNAL_CALL_SUBMASK;
	CU_ASSERT(vcpu_deliver_pending(v, 0));
	CU_ASSERT_EQUAL(lc16(0x86), EXT_EMERGENCY_SIGNAL);
	CU_ASSERT_EQUAL(lc16(0x84), 1);
	CU_ASSERT(v->pending & PEND_EMERGENCY); /* CPU 3's is still pending */
	v->psw_mask = EXT_ENABLED;
	CU_ASSERT(vcpu_deliver_pending(v, 0));
	CU_ASSERT_EQUAL(lc16(0x84), 3);
	CU_ASSERT_FALSE(v->pending & PEND_EMERGENCY);
	v->psw_mask = EXT_ENABLED;
	CU_ASSERT(vcpu_deliver_pending(v, 0));
	CU_ASSERT_EQUAL(lc16(0x86), EXT_EXTERNAL_CALL);
	CU_ASSERT_EQUAL(lc16(0x84), 2);
	CU_ASSERT_EQUAL(v->pending, 0);
	teardown();
}

static void test_wait_psw_is_old_psw(void)
{
	setup();
	v->psw_mask = EXT_ENABLED | PSW_MASK_WAIT;
	v->pending = PEND_EMERGENCY;
	v->emergency_from = 1u << 5; /* the sender, CPU 5 */
	v->crs[0] |= CR0_EMERGENCY_SIGNAL_SUBMASK;
	CU_ASSERT(vcpu_deliver_pending(v, 0));
	CU_ASSERT_EQUAL(lc64(0x130), EXT_ENABLED | PSW_MASK_WAIT);
	CU_ASSERT_EQUAL(lc16(0x84), 5);
	CU_ASSERT_FALSE(v->psw_mask & PSW_MASK_WAIT);
	teardown();
}

static void test_no_frame_check_stops(void)
{
	setup();
	v->prefix = 0x80000; /* a lowcore page that has no frame yet */
	fake_gmem_pages_left = 0;
	vcpu_inject_program(v, PGM_OPERATION, 2);
	CU_ASSERT_EQUAL(v->state, VCPU_CHECK_STOP);
	CU_ASSERT_EQUAL(v->psw_addr, 0x5000);
	fake_gmem_pages_left = -1;
	teardown();
}

/* STORE 1D4 00 under CMS: the program new PSW has EA without BA. The machine presents the
 * specification exception that loading it is (ILC 0, the invalid PSW as old PSW) and would
 * load it again for ever: CP stops it. */
static void test_invalid_program_new_psw_is_a_loop(void)
{
	setup();
	set_new_psw(0x1d0, PSW_MASK_EA, 0x11d0);
	vcpu_inject_program(v, PGM_PROTECTION, 4);
	CU_ASSERT_EQUAL(lc16(0x8e), PGM_SPECIFICATION);
	CU_ASSERT_EQUAL(lc16(0x8c), 0);
	CU_ASSERT_EQUAL(lc64(0x150), PSW_MASK_EA);
	CU_ASSERT_EQUAL(lc64(0x158), 0x11d0);
	CU_ASSERT_EQUAL(v->state, VCPU_CHECK_STOP);
	CU_ASSERT(v->pgm_loop.detected);
	teardown();
	/* a 24-bit PSW with an address beyond 16 MB is invalid the same way */
	setup();
	set_new_psw(0x1d0, 0, 0x01000000);
	vcpu_inject_program(v, PGM_OPERATION, 2);
	CU_ASSERT_EQUAL(v->state, VCPU_CHECK_STOP);
	teardown();
}

/* Another class's invalid new PSW: a specification exception through the (valid) program
 * new PSW, which the guest handles. */
static void test_invalid_new_psw_other_classes(void)
{
	static const struct {
		uint64_t new_psw, old_psw;
	} cls[] = { { 0x1b0, 0x130 }, { 0x1c0, 0x140 }, { 0x1a0, 0x120 } };

	for (unsigned i = 0; i < sizeof(cls) / sizeof(cls[0]); i++) {
		setup();
		set_new_psw(cls[i].new_psw, PSW_MASK_EA | PSW_MASK_BA, 0x3001); /* odd address */
		v->psw_mask |= PSW_MASK_EXT;
		v->crs[0] |= CR0_SERVICE_SIGNAL_SUBMASK;
		if (cls[i].new_psw == 0x1b0)
			v->pending = PEND_SERVICE_SIGNAL;
		else if (cls[i].new_psw == 0x1a0)
			v->pending = PEND_RESTART;
		if (cls[i].new_psw == 0x1c0)
			vcpu_inject_svc(v, 3, 2);
		else
			CU_ASSERT(vcpu_deliver_pending(v, 0));
		CU_ASSERT_EQUAL(lc64(cls[i].old_psw + 8), 0x5000);
		CU_ASSERT_EQUAL(lc16(0x8e), PGM_SPECIFICATION);
		CU_ASSERT_EQUAL(lc16(0x8c), 0);
		CU_ASSERT_EQUAL(lc64(0x158), 0x3001);
		CU_ASSERT_EQUAL(v->psw_addr, 0x11d0);
		CU_ASSERT_NOT_EQUAL(v->state, VCPU_CHECK_STOP);
		CU_ASSERT(!v->pgm_loop.detected);
		teardown();
	}
}

/* A program new PSW whose first instruction faults again at once (here: suppressed, 4
 * bytes): stopped after PGM_LOOP_LIMIT repeats, not before. */
static void test_fault_at_program_new_psw_is_a_loop(void)
{
	setup();
	vcpu_inject_program(v, PGM_OPERATION, 4); /* from the guest's program */
	for (int n = 1; n < PGM_LOOP_LIMIT; n++) {
		v->psw_addr += 4;
		vcpu_inject_program(v, PGM_OPERATION, 4);
		CU_ASSERT_NOT_EQUAL(v->state, VCPU_CHECK_STOP);
	}
	v->psw_addr += 4;
	vcpu_inject_program(v, PGM_OPERATION, 4);
	CU_ASSERT_EQUAL(v->state, VCPU_CHECK_STOP);
	CU_ASSERT(v->pgm_loop.detected);
	CU_ASSERT_EQUAL(v->psw_addr, 0x11d0);
	teardown();
	/* an external interruption between two faults is progress */
	setup();
	vcpu_inject_program(v, PGM_OPERATION, 4);
	for (int n = 0; n < 2 * PGM_LOOP_LIMIT; n++) {
		v->psw_addr += 4;
		vcpu_inject_program(v, PGM_OPERATION, 4);
		if (n % 8 == 0) {
			v->psw_mask |= PSW_MASK_EXT;
			v->crs[0] |= CR0_SERVICE_SIGNAL_SUBMASK;
			v->pending = PEND_SERVICE_SIGNAL;
			CU_ASSERT(vcpu_deliver_pending(v, 0));
			v->psw_addr = 0x11d0 + 4;
			v->psw_mask = PSW_MASK_EA | PSW_MASK_BA;
			vcpu_inject_program(v, PGM_OPERATION, 4);
		}
	}
	CU_ASSERT_NOT_EQUAL(v->state, VCPU_CHECK_STOP);
	teardown();
}

/* The SIE case: the machine presented the interruptions; CP sees the lowcore they left. */
static void test_sampled_loop_stops(void)
{
	setup();
	put_be16(fake_abs(vm, 0x8c), 2);
	set_new_psw(0x150, PSW_MASK_EA | PSW_MASK_BA, 0x11d0 + 2); /* the program old PSW */
	v->psw_addr = 0x11d0;
	for (int n = 1; n < PGM_LOOP_LIMIT; n++) {
		vcpu_pgm_loop_sample(v);
		CU_ASSERT_NOT_EQUAL(v->state, VCPU_CHECK_STOP);
	}
	vcpu_pgm_loop_sample(v);
	CU_ASSERT_EQUAL(v->state, VCPU_CHECK_STOP);
	CU_ASSERT(v->pgm_loop.detected);
	teardown();
}

static void test_next_timer_event(void)
{
	setup();
	v->clock_comparator = 1000 * 4096;
	v->cpu_timer = 500 * 4096;
	CU_ASSERT_EQUAL(vcpu_next_timer_event(v, 0), 0); /* PSW disabled */
	v->psw_mask = EXT_ENABLED;
	CU_ASSERT_EQUAL(vcpu_next_timer_event(v, 0), 0); /* no subclass enabled */
	v->crs[0] |= CR0_CLOCK_COMPARATOR_SUBMASK;
	CU_ASSERT_EQUAL(vcpu_next_timer_event(v, 0), 1001);
	v->crs[0] |= CR0_CPU_TIMER_SUBMASK;
	CU_ASSERT_EQUAL(vcpu_next_timer_event(v, 0), 501);
	v->cpu_timer = -1;
	CU_ASSERT_EQUAL(vcpu_next_timer_event(v, 0), 1);
	v->cpu_timer = 500 * 4096;
	CU_ASSERT_EQUAL(vcpu_next_timer_event(v, 2000 * 4096ULL), 1); /* comparator passed */
	v->tod_offset = -(int64_t)(1500 * 4096);
	CU_ASSERT_EQUAL(vcpu_next_timer_event(v, 2000 * 4096ULL), 501);
	teardown();
}

/* For the SIE engine's DIAG X'44' shortcut: anything latched counts, whatever the masks. */
static void test_latched_whatever_the_masks(void)
{
	setup();
	v->crs[0] = 0;
	v->crs[6] = 0;
	CU_ASSERT_FALSE(vcpu_interrupt_latched(v));
	/* The timers are conditions of the time, for the machine to present. */
	v->cpu_timer = -1;
	v->clock_comparator = 0;
	CU_ASSERT_FALSE(vcpu_interrupt_latched(v));
	for (uint32_t bit = PEND_RESTART; bit <= PEND_IO; bit <<= 1) {
		v->pending = bit;
		CU_ASSERT(vcpu_interrupt_latched(v));
	}
	v->pending = 0;
	/* An I/O interruption of an ISC CR6 does not enable, the PSW disabled too. */
	vm->console.exists = true;
	vm->console.isc = 7;
	vm->console.int_pending = true;
	CU_ASSERT(vcpu_interrupt_latched(v));
	CU_ASSERT_FALSE(vcpu_interrupt_deliverable(v, 0));
	vm->console.int_pending = false;
	CU_ASSERT_FALSE(vcpu_interrupt_latched(v));
	teardown();
}

UNIT_SUITE(deliver, UNIT_CASE(test_latched_whatever_the_masks), UNIT_CASE(test_program),
	   UNIT_CASE(test_program_through_prefix),
	   UNIT_CASE(test_svc), UNIT_CASE(test_service_signal_needs_enablement),
	   UNIT_CASE(test_external_priorities), UNIT_CASE(test_chained_delivery),
	   UNIT_CASE(test_clock_comparator), UNIT_CASE(test_cpu_timer), UNIT_CASE(test_restart),
	   UNIT_CASE(test_wait_psw_is_old_psw), UNIT_CASE(test_signal_senders),
	   UNIT_CASE(test_no_frame_check_stops),
	   UNIT_CASE(test_next_timer_event), UNIT_CASE(test_invalid_program_new_psw_is_a_loop),
	   UNIT_CASE(test_invalid_new_psw_other_classes),
	   UNIT_CASE(test_fault_at_program_new_psw_is_a_loop), UNIT_CASE(test_sampled_loop_stops))

UNIT_MAIN(UNIT_REG(deliver))
