/*
 * A fake of CP's user layer (cp/user.h) for unit tests of CP commands: sessions for the
 * machines XAUTOLOG makes; logoff, IPL and the rest record what they were asked to do.
 * Terminals are fake_term.c's, the machine table fake_vmm.c's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <cp/msg.h>
#include <cp/user.h>
#include <cp/vm.h>
#include <cp/vmm.h>
#include "fake_user.h"

char logon_message[LOGMSG_LINES][LOGMSG_LEN + 1];
bool user_shutdown_requested;
unsigned fake_warned, fake_logoffs, fake_begins;
char fake_output[512];

/* Sessions for XAUTOLOG's machines (fake_vmm.c makes the machines). */
static struct user sessions[8];

struct vm *user_create(const char *userid, uint64_t storage, uint32_t classes, int *why)
{
	struct vm *vm = vm_create(userid, storage, why);

	if (!vm)
		return NULL;
	for (unsigned i = 0; i < sizeof(sessions) / sizeof(sessions[0]); i++) {
		if (sessions[i].vm)
			continue;
		memset(&sessions[i], 0, sizeof(sessions[i]));
		sessions[i].vm = vm;
		sessions[i].classes = classes;
		vm->user = &sessions[i];
		return vm;
	}
	vm_destroy(vm);
	*why = MSG_TOO_MANY_USERS;
	return NULL;
}

void user_destroy(struct vm *vm)
{
	if (vm->user)
		vm->user->vm = NULL;
	vm->user = NULL;
	vm_destroy(vm);
}

void user_logoff(struct vm *vm, const char *how)
{
	(void)vm, (void)how;
	fake_logoffs++;
}

void user_disconnect(struct vm *vm, const char *how)
{
	(void)how;
	vm->user->term = 0;
}

void user_begin(struct vm *vm)
{
	vm->user->cp_read = false;
	fake_begins++;
}

int user_ipl(struct vm *vm, const char *name)
{
	(void)vm, (void)name;
	return MSG_NO_SUCH_SYSTEM;
}

void user_defer(struct vm *vm, enum user_deferred what, const char *arg)
{
	vm->user->deferred = what;
	strncpy(vm->user->deferred_arg, arg ? arg : "", sizeof(vm->user->deferred_arg) - 1);
}

void user_output(struct vm *vm, const char *text, size_t len)
{
	(void)vm;
	snprintf(fake_output, sizeof(fake_output), "%.*s", (int)len, text);
}

void user_printf(struct vm *vm, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	user_output(vm, line, strlen(line));
}

bool user_connected(const struct vm *vm)
{
	return vm->user && (vm->user->term || vm->user->at_line_console);
}

void user_warn_shutdown(const char *by)
{
	(void)by;
	fake_warned++;
}







/* As cp/user/route.c says it: INDICATE LOAD counts users by it. */
enum scr_mode user_mode(const struct vm *vm)
{
	if (vm->user->cp_read)
		return SCR_MODE_CP_READ;
	if (vm->vcpu.state == VCPU_RUNNABLE || vm->vcpu.state == VCPU_ENABLED_WAIT)
		return vm->console.read_pending ? SCR_MODE_VM_READ : SCR_MODE_RUNNING;
	return SCR_MODE_CP_READ;
}

/* Operator messages (cp/user/operator.c): counted, the last one kept. */
unsigned fake_operator_msgs;
char fake_operator_last[160];

void operator_msg(enum msg_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	msg_vformat(fake_operator_last, sizeof(fake_operator_last), id, ap);
	va_end(ap);
	fake_operator_msgs++;
}
