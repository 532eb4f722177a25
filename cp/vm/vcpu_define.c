/*
 * Defining and detaching a machine's virtual CPUs (the directory's MACHINE and CPU
 * statements at logon, DEFINE CPU, DETACH CPU). A new CPU has the state of a clear reset
 * (cp/vm/vcpu_reset.c). Each CPU gets its own engine state (the SIE state description) here.
 * Covered by tests/unit/test_cmd.c and tests/system/test_vmp.py.
 */
#include <arch/hw.h>
#include <cp/msg.h>
#include <cp/sched.h>
#include <cp/users.h>
#include <cp/vmm.h>
#include <lib/string.h>

int vm_define_cpu(struct vm *vm, unsigned addr)
{
	struct vcpu *v;

	if (addr >= vm->max_cpus || addr >= VM_MAX_VCPUS)
		return MSG_CPU_BEYOND_MAX;
	if (addr == 0 || (vm->cpus_defined & (1u << addr)))
		return MSG_CPU_EXISTS;
	v = &vm->xcpu[addr - 1];
	memset(v, 0, sizeof(*v));
	v->vm = vm;
	v->cpu_address = (uint16_t)addr;
	v->state = VCPU_STOPPED;
	v->sched = vm->vcpu.sched; /* the user's SHARE */
	v->sched.vtime = 0;
	vcpu_reset(v, VCPU_RESET_CLEAR); /* as after power-on */
	if (hw_engine()->vcpu_init(v) != 0)
		return MSG_NO_STORAGE;
	vm->cpus_defined |= 1u << addr;
	return 0;
}

int vm_detach_cpu(struct vm *vm, unsigned addr)
{
	struct vcpu *v;

	if (addr == 0)
		return MSG_CPU_BASE;
	v = vm_vcpu(vm, addr);
	if (!v)
		return MSG_CPU_NOT_DEFINED;
	dispatch_remove(v);
	hw_engine()->vcpu_release(v);
	vm->cpus_defined &= ~(1u << addr);
	return 0;
}

/**
 * vm_cpus_from_directory - give a new machine the CPUs and share of its directory entry
 * @vm: the machine, with only its base CPU
 * @u: the entry: MACHINE's count is the most DEFINE CPU may reach (VM_MAX_VCPUS at most),
 *     each CPU statement below it a stopped CPU at logon; SHARE the share every CPU starts
 *     with (RELATIVE 100 without one), which SET SHARE changes later
 */
void vm_cpus_from_directory(struct vm *vm, const struct user_entry *u)
{
	if (u->share)
		sched_set_share(&vm->vcpu.sched, u->share_absolute, u->share);
	vm->max_cpus = u->max_cpus ? u->max_cpus : 1;
	if (vm->max_cpus > VM_MAX_VCPUS)
		vm->max_cpus = VM_MAX_VCPUS;
	for (unsigned a = 1; a < vm->max_cpus; a++)
		if (u->cpu_mask & (1ULL << a))
			vm_define_cpu(vm, a);
}

