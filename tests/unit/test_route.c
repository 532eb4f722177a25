/*
 * Unit tests for cp/user/route.c: where a line the user enters goes (a CP command in CP
 * READ, the guest's console READ in VM READ, held for the next READ while the guest runs,
 * NOT ACCEPTED past one held line, "#CP" from any mode, PA1's attention), the status-area
 * mode, and where output goes: the user's terminal, OPERATOR's line console too, and a
 * disconnected guest's console lines to the operator's console tagged with its user ID.
 * Terminals are fakes (tests/unit/fake_term.c); the command layer is the real one.
 */
#include "cunit_main.h"

#include <string.h>

#include <cp/user.h>
#include <cp/vmm.h>
#include "fake_hw.h"
#include "fake_term.h"

extern int fake_vm_create_error;
extern char fake_vcons_line[256];
extern unsigned fake_vcons_lines;

static struct term t1, t2;

static struct vm *machine(const char *userid, struct term *t)
{
	int why;
	struct vm *vm;

	fake_vm_create_error = 0;
	vm = user_create(userid, 1 << 20, 0xffffffffu, &why);
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	vm->user->term = t;
	return vm;
}

static void setup(void)
{
	fake_term_init(&t1, 0x020);
	fake_term_init(&t2, 0x021);
	fake_console_out_reset();
	fake_vcons_line[0] = 0;
	fake_vcons_lines = 0;
}

static void gone(struct vm *vm)
{
	user_destroy(vm);
}

static void test_cp_read_line_is_a_command(void)
{
	struct vm *vm;

	setup();
	vm = machine("ROUTE1", &t1);
	vm->vcpu.state = VCPU_STOPPED; /* nothing runs: CP READ */
	CU_ASSERT_EQUAL(user_mode(vm), SCR_MODE_CP_READ);
	user_line(vm, "NOSUCHCMD");
	CU_ASSERT(fake_term_has(&t1, "VMCCMD001E Unknown CP command: NOSUCHCMD"));
	CU_ASSERT_EQUAL(fake_vcons_lines, 0);
	CU_ASSERT_FALSE(vm->vm_input_pending);
	/* PA1's CP READ, too, while the guest runs. */
	vm->vcpu.state = VCPU_RUNNABLE;
	vm->user->cp_read = true;
	CU_ASSERT_EQUAL(user_mode(vm), SCR_MODE_CP_READ);
	user_line(vm, "OTHERCMD");
	CU_ASSERT(fake_term_has(&t1, "Unknown CP command: OTHERCMD"));
	CU_ASSERT_FALSE(vm->vm_input_pending);
	gone(vm);
}

static void test_vm_read_line_goes_to_guest(void)
{
	struct vm *vm;

	setup();
	vm = machine("ROUTE2", &t1);
	vm->vcpu.state = VCPU_ENABLED_WAIT;
	vm->console.read_pending = true;
	CU_ASSERT_EQUAL(user_mode(vm), SCR_MODE_VM_READ);
	user_line(vm, "NOSUCHCMD");
	CU_ASSERT_EQUAL(fake_vcons_lines, 1);
	CU_ASSERT_STRING_EQUAL(fake_vcons_line, "NOSUCHCMD");
	CU_ASSERT_EQUAL(t1.nout, 0);
	/* Enter alone in VM READ is an empty line for the guest; elsewhere nothing. */
	vm->console.read_pending = true;
	user_empty_line(vm);
	CU_ASSERT_EQUAL(fake_vcons_lines, 2);
	CU_ASSERT_STRING_EQUAL(fake_vcons_line, "");
	vm->user->cp_read = true;
	vm->console.read_pending = true;
	user_empty_line(vm);
	CU_ASSERT_EQUAL(fake_vcons_lines, 2);
	gone(vm);
}

static void test_running_line_held_then_not_accepted(void)
{
	struct vm *vm;
	char longline[VM_INPUT_MAX + 2];

	setup();
	vm = machine("ROUTE3", &t1);
	vm->vcpu.state = VCPU_RUNNABLE;
	CU_ASSERT_EQUAL(user_mode(vm), SCR_MODE_RUNNING);
	user_line(vm, "first");
	CU_ASSERT(vm->vm_input_pending);
	CU_ASSERT_STRING_EQUAL(vm->vm_input, "first");
	CU_ASSERT_EQUAL(t1.not_accepted, 0);
	user_line(vm, "second");
	CU_ASSERT_EQUAL(t1.not_accepted, 1);
	CU_ASSERT_STRING_EQUAL(vm->vm_input, "first");
	/* A line longer than the guest's input is not accepted either. */
	vm->vm_input_pending = false;
	memset(longline, 'x', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = 0;
	user_line(vm, longline);
	CU_ASSERT_EQUAL(t1.not_accepted, 2);
	CU_ASSERT_FALSE(vm->vm_input_pending);
	CU_ASSERT_EQUAL(fake_vcons_lines, 0);
	gone(vm);
}

static void test_cp_prefix(void)
{
	struct vm *vm;

	setup();
	vm = machine("ROUTE4", &t1);
	vm->vcpu.state = VCPU_ENABLED_WAIT;
	vm->console.read_pending = true;
	user_line(vm, "#cp   nosuchcmd");
	CU_ASSERT(fake_term_has(&t1, "Unknown CP command: NOSUCHCMD"));
	CU_ASSERT_EQUAL(fake_vcons_lines, 0);
	CU_ASSERT(vm->console.read_pending);
	/* "#CPX" is not the prefix: a line for the guest. */
	user_line(vm, "#CPX");
	CU_ASSERT_STRING_EQUAL(fake_vcons_line, "#CPX");
	/* "#CP" alone: attention, into CP READ; BEGIN gives the guest back its state. */
	user_line(vm, "#CP");
	CU_ASSERT(vm->user->cp_read);
	CU_ASSERT_EQUAL(vm->user->held_state, VCPU_ENABLED_WAIT);
	CU_ASSERT_EQUAL(user_mode(vm), SCR_MODE_CP_READ);
	user_line(vm, "BEGIN");
	CU_ASSERT_FALSE(vm->user->cp_read);
	CU_ASSERT_EQUAL(vm->vcpu.state, VCPU_ENABLED_WAIT);
	/* Attention does nothing to a machine that does not run. */
	vm->vcpu.state = VCPU_STOPPED;
	user_attention(vm);
	CU_ASSERT_FALSE(vm->user->cp_read);
	gone(vm);
}

static void test_operator_output(void)
{
	struct vm *op = user_operator_logon();
	struct vm *vm;

	setup();
	CU_ASSERT_PTR_NOT_NULL_FATAL(op);
	CU_ASSERT(op->user->at_line_console);
	CU_ASSERT(user_connected(op));
	/* OPERATOR's output: the line console, one write per line. */
	user_output(op, "one\ntwo", 7);
	CU_ASSERT_EQUAL(fake_console_out_count, 2);
	CU_ASSERT_STRING_EQUAL(fake_console_out[0], "one");
	CU_ASSERT_STRING_EQUAL(fake_console_out[1], "two");
	/* And OPERATOR's 3270 as well, when OPERATOR is on one. */
	op->user->term = &t2;
	user_printf(op, "three %d", 3);
	CU_ASSERT_STRING_EQUAL(fake_console_out[2], "three 3");
	CU_ASSERT(fake_term_has(&t2, "three 3"));
	/* Journal lines: the operator's console and OPERATOR's 3270, not another user's. */
	vm = machine("ROUTE5", &t1);
	operator_printf("journal %s", "line");
	CU_ASSERT_STRING_EQUAL(fake_console_out[3], "journal line");
	CU_ASSERT(fake_term_has(&t2, "journal line"));
	CU_ASSERT_FALSE(fake_term_has(&t1, "journal line"));
	/* A user's output reaches that user's terminal only. */
	user_output(vm, "mine", 4);
	CU_ASSERT(fake_term_has(&t1, "mine"));
	CU_ASSERT_EQUAL(fake_console_out_count, 4);
	gone(vm);
	gone(op);
}

static void test_disconnected_output_tagged(void)
{
	struct vm *vm;

	setup();
	vm = machine("ROUTE6", &t1);
	vm_console_output(vm, "hello", 5);
	CU_ASSERT(fake_term_has(&t1, "hello"));
	CU_ASSERT_EQUAL(fake_console_out_count, 0);
	vm->user->term = NULL;
	CU_ASSERT_FALSE(user_connected(vm));
	vm_console_output(vm, "from the guest", 14);
	CU_ASSERT_EQUAL(fake_console_out_count, 1);
	CU_ASSERT_STRING_EQUAL(fake_console_out[0], "ROUTE6  : from the guest");
	CU_ASSERT_EQUAL(t1.nout, 1);
	gone(vm);
}

/*
 * SYSTEM RESTART (cp/vm/vcpu_restart.c): CPU 00 gets a pending restart interruption in every
 * state but check stop; from CP READ the machine runs on as after BEGIN; a stopped or
 * disabled-wait CPU is made ready; an enabled wait stays (the restart wakes it); the other
 * CPUs keep their states; a check-stopped CPU gets VMCCMD162E and nothing changes.
 */
static void test_system_restart(void)
{
	struct vm *vm;

	setup();
	vm = machine("ROUTE7", &t1);
	/* #CP while it runs: no CP READ, nothing answered */
	vm->vcpu.state = VCPU_RUNNABLE;
	user_line(vm, "#cp system restart");
	CU_ASSERT(vm->vcpu.pending & PEND_RESTART);
	CU_ASSERT_EQUAL(vm->vcpu.state, VCPU_RUNNABLE);
	CU_ASSERT_FALSE(vm->user->cp_read);
	CU_ASSERT_EQUAL(t1.nout, 0);
	/* from CP READ after PA1 in an enabled wait: out of CP READ, the wait resumes */
	vm->vcpu.pending = 0;
	vm->vcpu.state = VCPU_ENABLED_WAIT;
	user_attention(vm);
	CU_ASSERT(vm->user->cp_read);
	user_line(vm, "system restart");
	CU_ASSERT_FALSE(vm->user->cp_read);
	CU_ASSERT_EQUAL(vm->vcpu.state, VCPU_ENABLED_WAIT);
	CU_ASSERT(vm->vcpu.pending & PEND_RESTART);
	CU_ASSERT_NOT_EQUAL(user_mode(vm), SCR_MODE_CP_READ);
	/* a disabled wait and a stopped CPU run again */
	vm->vcpu.pending = 0;
	vm->vcpu.state = VCPU_DISABLED_WAIT;
	user_line(vm, "SYSTEM RESTART");
	CU_ASSERT_EQUAL(vm->vcpu.state, VCPU_RUNNABLE);
	CU_ASSERT(vm->vcpu.pending & PEND_RESTART);
	vm->vcpu.pending = 0;
	vm->vcpu.state = VCPU_STOPPED;
	user_line(vm, "SYSTEM RESTART");
	CU_ASSERT_EQUAL(vm->vcpu.state, VCPU_RUNNABLE);
	CU_ASSERT(vm->vcpu.pending & PEND_RESTART);
	/* check stop: refused, nothing pending */
	vm->vcpu.pending = 0;
	vm->vcpu.state = VCPU_CHECK_STOP;
	user_line(vm, "SYSTEM RESTART");
	CU_ASSERT(fake_term_has(&t1, "VMCCMD162E CPU 00 is in the check-stop state; SYSTEM RESTART not done"));
	CU_ASSERT_EQUAL(vm->vcpu.pending, 0);
	CU_ASSERT_EQUAL(vm->vcpu.state, VCPU_CHECK_STOP);
	/* an operand too many */
	vm->vcpu.state = VCPU_STOPPED;
	user_line(vm, "SYSTEM RESTART NOW");
	CU_ASSERT(fake_term_has(&t1, "VMCCMD004E"));
	CU_ASSERT_EQUAL(vm->vcpu.pending, 0);
	gone(vm);
}

UNIT_SUITE(route, UNIT_CASE(test_cp_read_line_is_a_command),
	   UNIT_CASE(test_vm_read_line_goes_to_guest),
	   UNIT_CASE(test_running_line_held_then_not_accepted), UNIT_CASE(test_cp_prefix),
	   UNIT_CASE(test_operator_output), UNIT_CASE(test_disconnected_output_tagged),
	   UNIT_CASE(test_system_restart))

UNIT_MAIN(UNIT_REG(route))
