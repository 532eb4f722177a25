/*
 * Virtual machine lifecycle: a fixed table of machines, each with guest storage, one
 * virtual CPU and engine state. IPL of a named system copies the image into guest storage
 * through the checked accessors, or for a shared system (NSS_SHARED, cp/segment.h) maps its
 * one loaded copy read-only, and starts the CPU as an IPL would: 64-bit, disabled, key 0,
 * after a clear reset of every CPU (cp/vm/vcpu_reset.c: prefix 0, registers 0, CR0 and CR14
 * at their architected initial values). IPL, system reset and logoff
 * take every shared segment out of the machine first.
 * Covered by tests/system/test_vm.py.
 */
#include <arch/hw.h>
#include <cp/cmd.h>
#include <cp/msg.h>
#include <cp/segment.h>
#include <cp/user.h>
#include <cp/vmm.h>
#include <lib/format.h>
#include <lib/string.h>

static struct vm machines[VM_MAX_MACHINES];
static unsigned machines_in_use;
/* One past the highest slot in use (slots are taken lowest first). */
static unsigned machines_high;

struct vm *vm_slot(unsigned i)
{
	return (i < VM_MAX_MACHINES && machines[i].in_use) ? &machines[i] : 0;
}

unsigned vm_count(void)
{
	return machines_in_use;
}

unsigned vm_slots_used(void)
{
	return machines_high;
}

struct vm *vm_find(const char *userid)
{
	for (unsigned i = 0; i < VM_MAX_MACHINES; i++)
		if (machines[i].in_use && !str_casecmp_n(machines[i].userid, userid, 9))
			return &machines[i];
	return 0;
}

struct vm *vm_create(const char *userid, uint64_t storage, int *why)
{
	struct vm *vm = 0;

	if (vm_find(userid)) {
		*why = MSG_ALREADY_LOGGED_ON;
		return 0;
	}
	for (unsigned i = 0; i < VM_MAX_MACHINES && !vm; i++)
		if (!machines[i].in_use)
			vm = &machines[i];
	if (!vm) {
		*why = MSG_TOO_MANY_USERS;
		return 0;
	}
	memset(vm, 0, sizeof(*vm));
	strlcpy(vm->userid, userid, sizeof(vm->userid));
	str_toupper_inplace(vm->userid);
	if (gmem_init(&vm->mem, storage) != 0) {
		*why = MSG_NO_STORAGE;
		return 0;
	}
	vm->vcpu.vm = vm;
	vm->vcpu.state = VCPU_STOPPED;
	vm->cpus_defined = 1;
	vm->max_cpus = 1;
	vcons_init(&vm->console, vm);
	if (hw_engine()->vcpu_init(&vm->vcpu) != 0) {
		gmem_release(&vm->mem);
		*why = MSG_NO_STORAGE;
		return 0;
	}
	vm->in_use = true;
	vm->logon_tod = hw_tod_clock();
	machines_in_use++;
	if ((unsigned)(vm - machines) >= machines_high)
		machines_high = (unsigned)(vm - machines) + 1;
	return vm;
}

/* Every CPU but the base: clear reset, stopped (as after a load-clear on a real machine). */
static void reset_other_cpus(struct vm *vm)
{
	for (struct vcpu *v = vm_next_vcpu(&vm->vcpu); v; v = vm_next_vcpu(v)) {
		dispatch_remove(v);
		vcpu_reset(v, VCPU_RESET_CLEAR);
		v->held_state = VCPU_STOPPED;
	}
}

int vm_ipl_nss(struct vm *vm, const struct nss_image *image)
{
	struct vcpu *v = &vm->vcpu;
	struct segment *seg = segment_of_image(image);

	if (image->load_addr + image->size > vm->mem.size)
		return -1;
	segment_detach_all(vm);
	if (seg) {
		if (segment_attach(seg, vm) != 0)
			return -1;
	} else if (guest_write_abs(vm, image->load_addr, image->data, image->size) != 0) {
		return -1;
	}
	strlcpy(vm->ipl_name, image->name, sizeof(vm->ipl_name));
	vm_skeys_release(vm); /* an IPL clears the storage keys */
	vcons_init(&vm->console, vm); /* and resets the I/O subsystem */
	vm_disks_reset(vm);           /* disks keep their data, not their DIAG X'250' INIT */
	vur_reset(vm);                /* spool files and settings stay */
	reset_other_cpus(vm);
	vcpu_reset(v, VCPU_RESET_CLEAR);
	v->psw_mask = PSW_MASK_EA | PSW_MASK_BA; /* entered in 64-bit mode, as QEMU's -kernel */
	v->psw_addr = image->entry;
	if (!psw_valid(v->psw_mask, v->psw_addr))
		return -1; /* an image whose entry no CPU could start at */
	dispatch_ready(v);
	return 0;
}

void vm_destroy(struct vm *vm)
{
	for (struct vcpu *x = vm_next_vcpu(&vm->vcpu); x; x = vm_next_vcpu(x)) {
		dispatch_remove(x);
		hw_engine()->vcpu_release(x);
	}
	vm->cpus_defined = 1;
	dispatch_remove(&vm->vcpu);
	hw_engine()->vcpu_release(&vm->vcpu);
	segment_detach_all(vm);
	vm_skeys_release(vm);
	vm_disks_release(vm);
	vur_release(vm);
	gmem_release(&vm->mem);
	vm->in_use = false;
	machines_in_use--;
	while (machines_high && !machines[machines_high - 1].in_use)
		machines_high--;
}

/* Private frames only: a shared segment's frames are the segment's (QUERY NSS). */
uint64_t vm_real_frames(const struct vm *vm)
{
	uint64_t engines = 0;

	for (struct vcpu *v = vm_first_vcpu((struct vm *)vm); v; v = vm_next_vcpu(v))
		engines += v->engine ? 1 : 0;
	return vm->mem.frames_in_use + vm->mem.table_frames + engines + vm_disks_frames(vm);
}

int vm_system_reset(struct vm *vm, bool clear)
{
	struct vcpu *v = &vm->vcpu;

	dispatch_remove(v);
	segment_detach_all(vm); /* the range is ordinary storage again (zeros) */
	vm_skeys_release(vm);
	vcons_init(&vm->console, vm);
	vm_disks_reset(vm);
	vur_reset(vm);
	reset_other_cpus(vm);
	vcpu_reset(v, VCPU_RESET_CLEAR);
	vm->ipl_name[0] = 0;
	if (clear) {
		/* Every page reads as zeros again: give the frames back. */
		uint64_t size = vm->mem.size;

		hw_engine()->vcpu_release(v);
		gmem_release(&vm->mem);
		memset(&vm->faults, 0, sizeof(vm->faults));
		if (gmem_init(&vm->mem, size) != 0 || hw_engine()->vcpu_init(v) != 0)
			return -1;
		/* The run just given back is free again, so this fails only if CP took it. */
		if (vm->storage_fixed)
			gmem_fix(&vm->mem);
	}
	return 0;
}

int vm_fix_storage(struct vm *vm)
{
	vm->storage_fixed = true;
	return gmem_fix(&vm->mem);
}

const char *vcpu_state_name(enum vcpu_state s)
{
	switch (s) {
	case VCPU_RUNNABLE:
		return "RUNNING";
	case VCPU_ENABLED_WAIT:
		return "ENABLED WAIT";
	case VCPU_DISABLED_WAIT:
		return "DISABLED WAIT";
	case VCPU_CHECK_STOP:
		return "CHECK STOP";
	default:
		return "STOPPED";
	}
}

struct resp_buf {
	char *buf;
	size_t size, used;
};

static void resp_line(void *arg, const char *text, size_t len)
{
	struct resp_buf *r = arg;

	for (size_t i = 0; i <= len && r->used + 1 < r->size; i++)
		r->buf[r->used++] = i < len ? text[i] : '\n';
	if (r->size)
		r->buf[r->used < r->size ? r->used : r->size - 1] = 0;
}

/* DIAGNOSE X'08': a CP command from the guest, with its response captured. A SHUTDOWN
 * (class A) ends the system from CP's main loop, as one typed at a terminal does. */
int vm_cp_command(struct vm *vm, const char *line, char *resp, size_t resp_size)
{
	struct resp_buf r = { resp, resp_size, 0 };
	struct user *u = vm->user;
	struct cmd_ctx ctx = { .userid = vm->userid,
			       .classes = u && u->classes ? u->classes : CLASS_G,
			       .out = resp_line, .out_arg = &r, .vm = vm, .from_guest = true,
			       .emsg = u ? u->emsg : EMSG_ON };
	int rc;

	if (resp_size)
		resp[0] = 0;
	rc = cmd_execute(&ctx, line);
	if (ctx.shutdown_requested)
		user_shutdown_requested = true;
	return rc;
}
