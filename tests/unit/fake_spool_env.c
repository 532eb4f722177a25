/*
 * What the spool's DIAG X'14' and the virtual unit-record devices (cp/spool/) need of CP
 * beyond the interception layer, for the interception tests (tests/unit/test_icpt.c and the
 * others built from ICPT_SRCS): no user is logged on (vm_find finds none, messages go
 * nowhere), a reset fails and a readied vcpu stays as it is. The spool itself is real, with
 * no spool area bound (spool_available() false), so every reader is empty.
 */
#include <stdbool.h>
#include <cp/user.h>
#include <cp/vm.h>
#include <cp/vmm.h>

struct vm *vm_find(const char *userid)
{
	(void)userid;
	return 0;
}

int vm_system_reset(struct vm *vm, bool clear)
{
	(void)vm;
	(void)clear;
	return -1;
}

void dispatch_ready(struct vcpu *v)
{
	v->state = VCPU_RUNNABLE;
}

/* The dispatcher's part of a SIGP signal is tests/unit/test_dispatch.c's to check. */
void dispatch_signalled(struct vcpu *from, struct vcpu *to)
{
	(void)from, (void)to;
}

void dispatch_remove(struct vcpu *v)
{
	v->next_ready = 0;
	v->state = VCPU_STOPPED;
}

void user_printf(struct vm *vm, const char *fmt, ...)
{
	(void)vm;
	(void)fmt;
}
