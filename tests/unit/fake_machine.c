/*
 * The parts of a virtual machine the user layer (cp/user/) touches beyond cp/vmm.h's
 * table, faked for tests/unit/test_logon.c, test_route.c and test_term.c: the virtual
 * console's input (cp/vdev.h: a line is taken when the guest has a READ pending, as
 * cp/vdev/v3215.c does) and the dispatcher's
 * run queue as cp/vm/dispatch.c keeps its vcpu states (no vcpu ever runs here).
 */
#include <stdio.h>
#include <string.h>
#include <cp/vdev.h>
#include <cp/vmm.h>

char fake_vcons_line[256];
unsigned fake_vcons_lines;

bool vcons_input(struct vsubchannel *s, const char *line, size_t len)
{
	if (!s->read_pending)
		return false;
	s->read_pending = false;
	snprintf(fake_vcons_line, sizeof(fake_vcons_line), "%.*s", (int)len, line);
	fake_vcons_lines++;
	return true;
}

unsigned fake_attentions;

void vcons_attention(struct vsubchannel *s)
{
	(void)s;
	fake_attentions++;
}

unsigned fake_ready_count;

struct vcpu *dispatch_current(void)
{
	return NULL;
}

void dispatch_ready(struct vcpu *v)
{
	v->state = VCPU_RUNNABLE;
	fake_ready_count++;
}

void dispatch_remove(struct vcpu *v)
{
	v->next_ready = NULL;
	v->state = VCPU_STOPPED;
}

/* No guest storage in these tests: every guest address is outside it. */
int guest_read_abs(struct vm *vm, uint64_t gaddr, void *buf, size_t len)
{
	(void)vm;
	(void)gaddr;
	(void)buf;
	(void)len;
	return PGM_ADDRESSING;
}

int guest_write_abs(struct vm *vm, uint64_t gaddr, const void *buf, size_t len)
{
	(void)vm;
	(void)gaddr;
	(void)buf;
	(void)len;
	return PGM_ADDRESSING;
}

int guest_read_real(struct vcpu *v, uint64_t raddr, void *buf, size_t len)
{
	return guest_read_abs(v->vm, raddr, buf, len);
}

int guest_write_real(struct vcpu *v, uint64_t raddr, const void *buf, size_t len)
{
	return guest_write_abs(v->vm, raddr, buf, len);
}
