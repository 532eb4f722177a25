/*
 * The virtual CPUs of a machine: the base CPU (address 0, vm->vcpu) and the ones the
 * directory's CPU statements or DEFINE CPU add (vm->xcpu). Lookup by CPU address and
 * iteration in address order; portable, no engine calls (defining one needs the engine's
 * state description: vm_define_cpu in cp/vm/vm.c).
 * Covered by tests/unit/test_icpt.c (SIGP between CPUs) and tests/system/test_vmp.py.
 */
#include <cp/vm.h>

struct vcpu *vm_vcpu(struct vm *vm, unsigned addr)
{
	if (addr >= VM_MAX_VCPUS || !(vm->cpus_defined & (1u << addr) || addr == 0))
		return 0;
	return addr == 0 ? &vm->vcpu : &vm->xcpu[addr - 1];
}

unsigned vm_cpu_count(const struct vm *vm)
{
	return (unsigned)__builtin_popcount(vm->cpus_defined | 1u);
}

struct vcpu *vm_first_vcpu(struct vm *vm)
{
	return &vm->vcpu;
}

struct vcpu *vm_next_vcpu(struct vcpu *v)
{
	struct vm *vm = v->vm;

	for (unsigned a = v->cpu_address + 1u; a < VM_MAX_VCPUS; a++)
		if (vm->cpus_defined & (1u << a))
			return &vm->xcpu[a - 1];
	return 0;
}

bool vm_any_cpu_operating(const struct vm *vm)
{
	struct vm *m = (struct vm *)vm;

	for (struct vcpu *v = vm_first_vcpu(m); v; v = vm_next_vcpu(v))
		if (v->state != VCPU_STOPPED && v->state != VCPU_CHECK_STOP)
			return true;
	return false;
}
