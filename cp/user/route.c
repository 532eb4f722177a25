/*
 * The user's side of the console: what a line the user enters means, where output goes,
 * and CP READ. In CP READ (after PA1, or while the machine is not running) a line is a CP
 * command; otherwise it is input for the guest's console - taken by a READ that waits for
 * it, or held for the next READ (one line; more is NOT ACCEPTED). "#CP command" reaches CP
 * from any mode. Output goes to the user's terminal; OPERATOR's also to the line console; a
 * disconnected guest's console lines go to the operator's console tagged with its user ID.
 *
 * Text from outside CP is made safe (text_sanitize(): control characters, line ends and
 * 3270 orders become '.') where it comes in, so that it can never end a line, forge a row
 * on another user's screen or a line on the operator's console: guest console output in
 * vm_console_output() (3215 writes, the virtual SCLP, DIAGNOSE X'08' responses), command
 * lines in cmd_execute() (MSG, WARNING, operands echoed in messages), 3270 input in
 * rm3270.c (LOGON user IDs). The line console's writer applies the same rule to every line
 * once more (arch/s390x/opcon.c). Tests: tests/unit/test_string.c, tests/unit/test_cmd.c,
 * tests/system/test_vm.py::test_forged_console_lines.
 * Tested by tests/unit/test_route.c.
 */
#include <arch/hw.h>
#include <cp/cmd.h>
#include <cp/msg.h>
#include <cp/nss.h>
#include <cp/term.h>
#include <cp/user.h>
#include <cp/vmm.h>
#include <cp/vur.h>
#include <lib/ctype.h>
#include <lib/format.h>
#include <lib/string.h>

bool user_shutdown_requested;

bool user_connected(const struct vm *vm)
{
	return vm->user->term || vm->user->at_line_console;
}

/* Each '\n'-separated line to where vm's user sees it. */
void user_output(struct vm *vm, const char *text, size_t len)
{
	if (vm->user->term)
		term_output(vm->user->term, text, len);
	if (vm->user->at_line_console) {
		while (len) {
			size_t n = 0;

			while (n < len && text[n] != '\n')
				n++;
			hw_console_write(text, n);
			if (n < len)
				n++;
			text += n;
			len -= n;
		}
	}
}

void user_printf(struct vm *vm, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = kvsnprintf_stored(line, sizeof(line), fmt, ap);
	va_end(ap);
	user_output(vm, line, n);
}

/*
 * The guest wrote a line on its virtual console: to its user's terminal; on the operator's
 * line console (OPERATOR's own machine, or any disconnected one) tagged with the user ID,
 * so that a line there never begins with text a guest chose.
 */
void vm_console_output(struct vm *vm, const char *text, size_t len)
{
	static char safe[4096];
	char line[256];
	int n;

	len = text_sanitize(safe, sizeof(safe), text, len);
	if (!user_connected(vm)) {
		operator_printf("%-8s: %.*s", vm->userid, (int)(len > 180 ? 180 : len), safe);
		return;
	}
	if (vm->user->term)
		term_output(vm->user->term, safe, len);
	if (vm->user->at_line_console) {
		n = ksnprintf(line, sizeof(line), "%-8s: %.*s", vm->userid,
			      (int)(len > 180 ? 180 : len), safe);
		hw_console_write(line, n < (int)sizeof(line) ? (size_t)n : sizeof(line) - 1);
	}
}

enum scr_mode user_mode(const struct vm *vm)
{
	if (vm->user->cp_read)
		return SCR_MODE_CP_READ;
	switch (vm->vcpu.state) {
	case VCPU_RUNNABLE:
	case VCPU_ENABLED_WAIT:
		return vm->console.read_pending ? SCR_MODE_VM_READ : SCR_MODE_RUNNING;
	default:
		return SCR_MODE_CP_READ; /* nothing runs: CP waits for a command */
	}
}

void user_attention(struct vm *vm)
{
	struct vcpu *v = &vm->vcpu;

	if (vm->user->cp_read || (v->state != VCPU_RUNNABLE && v->state != VCPU_ENABLED_WAIT))
		return;
	vm->user->held_state = v->state;
	dispatch_remove(v);
	/* The machine's other CPUs stop with it and keep their state for BEGIN. */
	for (struct vcpu *x = vm_next_vcpu(v); x; x = vm_next_vcpu(x)) {
		x->held_state = x->state;
		if (x->state == VCPU_RUNNABLE || x->state == VCPU_ENABLED_WAIT)
			dispatch_remove(x);
	}
	vm->user->cp_read = true;
}

void user_begin(struct vm *vm)
{
	struct vcpu *v = &vm->vcpu;

	if (!vm->user->cp_read)
		return;
	vm->user->cp_read = false;
	if (vm->user->held_state == VCPU_RUNNABLE) {
		dispatch_ready(v);
	} else if (vm->user->held_state == VCPU_ENABLED_WAIT) {
		v->state = VCPU_ENABLED_WAIT;
		v->wait_since = hw_tod_clock();
	}
	for (struct vcpu *x = vm_next_vcpu(v); x; x = vm_next_vcpu(x)) {
		if (x->state != VCPU_STOPPED)
			continue;
		if (x->held_state == VCPU_RUNNABLE) {
			dispatch_ready(x);
		} else if (x->held_state == VCPU_ENABLED_WAIT) {
			x->state = VCPU_ENABLED_WAIT;
			x->wait_since = hw_tod_clock();
		}
		x->held_state = VCPU_STOPPED;
	}
}

static void cp_out(void *arg, const char *text, size_t len)
{
	user_output(arg, text, len);
}

void user_cp_command(struct vm *vm, const char *line)
{
	struct cmd_ctx ctx = { .userid = vm->userid, .classes = vm->user->classes, .out = cp_out,
			       .out_arg = vm, .vm = vm, .emsg = vm->user->emsg };

	cmd_execute(&ctx, line);
	if (ctx.shutdown_requested)
		user_shutdown_requested = true;
}

static bool is_cp_prefix(const char *line)
{
	return (line[0] == '#') && ktoupper((unsigned char)line[1]) == 'C' &&
	       ktoupper((unsigned char)line[2]) == 'P' && (line[3] == 0 || line[3] == ' ');
}

static void guest_input(struct vm *vm, const char *line)
{
	size_t len = strlen(line);

	if (vcons_input(&vm->console, line, len))
		return;
	if (vm->vm_input_pending || len > VM_INPUT_MAX) {
		if (vm->user->term)
			term_not_accepted(vm->user->term);
		return;
	}
	strlcpy(vm->vm_input, line, sizeof(vm->vm_input));
	vm->vm_input_pending = true;
	vcons_attention(&vm->console);
}

void user_line(struct vm *vm, const char *line)
{
	if (is_cp_prefix(line)) {
		const char *rest = line + 3;

		while (*rest == ' ')
			rest++;
		if (*rest)
			user_cp_command(vm, rest);
		else
			user_attention(vm);
		return;
	}
	if (user_mode(vm) == SCR_MODE_CP_READ)
		user_cp_command(vm, line);
	else
		guest_input(vm, line);
}

void user_empty_line(struct vm *vm)
{
	if (user_mode(vm) == SCR_MODE_VM_READ)
		vcons_input(&vm->console, "", 0);
	else if (user_mode(vm) != SCR_MODE_CP_READ && vm->console.enabled &&
		 !vm->vm_input_pending)
		guest_input(vm, ""); /* held, with attention: Linux reads only after one */
}

/* The reader @arg's first word names ("00C" of "00C CLEAR"), or NULL. */
static struct vur *reader_named(struct vm *vm, const char *arg)
{
	char dev[8];
	uint64_t vdev;
	size_t n = 0;

	while (arg[n] && arg[n] != ' ' && n < sizeof(dev) - 1) {
		dev[n] = arg[n];
		n++;
	}
	dev[n] = 0;
	if (!n || str_to_u64(dev, 16, &vdev) != 0)
		return 0;
	return vur_find(vm, (uint16_t)vdev);
}

/* IPL vdev [CLEAR] from a reader (cp/vur.h). */
static int ipl_reader(struct vm *vm, struct vur *u, const char *arg)
{
	const char *why;
	char line[120], dev[8];
	size_t n = strlen(arg);
	bool clear = n > 6 && strcmp(arg + n - 6, " CLEAR") == 0;

	vm->user->cp_read = false;
	vm->vm_input_pending = false;
	if (vur_ipl(vm, u, clear, &why) == 0)
		return 0;
	ksnprintf(dev, sizeof(dev), "%03X", u->sch.devno);
	msg_format(line, sizeof(line), MSG_SPOOL_IPL_NO_FILE, dev, why);
	user_printf(vm, "%s", line);
	vm->user->cp_read = true;
	return MSG_SPOOL_IPL_NO_FILE;
}

int user_ipl(struct vm *vm, const char *name)
{
	const struct nss_image *image;
	struct vur *u = reader_named(vm, name);

	if (u)
		return ipl_reader(vm, u, name);
	image = nss_find(name);

	if (!image)
		return MSG_NO_SUCH_SYSTEM;
	vm->user->cp_read = false;
	vm->vm_input_pending = false;
	if (vm_ipl_nss(vm, image) != 0)
		return MSG_NO_STORAGE;
	return 0;
}

void user_defer(struct vm *vm, enum user_deferred what, const char *arg)
{
	struct vcpu *v = &vm->vcpu;

	vm->user->deferred = what;
	strlcpy(vm->user->deferred_arg, arg ? arg : "", sizeof(vm->user->deferred_arg));
	/* The dispatcher does not put a vcpu that is not runnable back on its queue. */
	if (v->state == VCPU_RUNNABLE)
		v->state = VCPU_STOPPED;
	for (struct vcpu *x = vm_next_vcpu(v); x; x = vm_next_vcpu(x))
		if (x->state == VCPU_RUNNABLE || x->state == VCPU_ENABLED_WAIT)
			dispatch_remove(x);
}

void user_service(void)
{
	for (unsigned i = 0; i < vm_slots_used(); i++) {
		struct vm *vm = vm_slot(i);
		enum user_deferred what;
		int why;

		if (!vm || vm->user->deferred == DEFER_NONE || (dispatch_current() && dispatch_current()->vm == vm))
			continue;
		what = vm->user->deferred;
		vm->user->deferred = DEFER_NONE;
		switch (what) {
		case DEFER_LOGOFF:
			user_logoff(vm, vm->user->deferred_arg[0] ? vm->user->deferred_arg : 0);
			break;
		case DEFER_IPL:
			why = user_ipl(vm, vm->user->deferred_arg);
			if (why)
				user_printf(vm, "IPL %s failed", vm->user->deferred_arg);
			break;
		case DEFER_RESET:
		case DEFER_CLEAR:
			vm->user->cp_read = false;
			if (vm_system_reset(vm, what == DEFER_CLEAR) != 0)
				user_logoff(vm, "CP: no real storage for SYSTEM CLEAR");
			break;
		default:
			break;
		}
	}
}

void user_warn_shutdown(const char *by)
{
	char line[120];

	msg_format(line, sizeof(line), MSG_SHUTDOWN_WARNING, by);
	for (unsigned i = 0; i < VM_MAX_MACHINES; i++) {
		struct vm *vm = vm_slot(i);

		if (vm && vm->user->term)
			term_output(vm->user->term, line, strlen(line));
	}
	hw_console_event(line, strlen(line));
}
