/*
 * Finding a machine's virtual subchannels and the next I/O interruption it has pending:
 * 0.0.0000 is the console, 0.0.0001 on its disks in slot order (cp/vfba.h), 0.0.0010 on
 * its unit-record devices (cp/vur.h).
 * Covered by tests/unit/test_vcons.c and tests/unit/test_vfba.c.
 */
#include <cp/blkdev.h>
#include <cp/vdev.h>
#include <cp/vm.h>

struct vsubchannel *vm_subchannel(struct vm *vm, uint32_t schid)
{
	struct vsubchannel *s = &vm->console;
	uint32_t n = schid & 0xffff;

	if ((schid & 0xffff0000u) != 0x00010000u)
		return 0;
	if (n >= 1 && n <= VM_MAX_DISKS)
		return vm->disks[n - 1].bd.dev_type == 0x3390 ? vckd_subchannel(vm, n - 1)
							       : vfba_subchannel(vm, n - 1);
	if (n >= VUR_SCH_BASE && n < VUR_SCH_BASE + VM_MAX_UR)
		return vm->ur[n - VUR_SCH_BASE].sch.exists ? &vm->ur[n - VUR_SCH_BASE].sch : 0;
	if (!s->exists || s->number != n)
		return 0;
	return s;
}

struct vsubchannel *vm_io_pending(struct vm *vm, uint64_t cr6)
{
	struct vsubchannel *s = &vm->console;

	/* CR6 bits 32-39 enable ISC 0-7 (PoP, "I/O-Interruption Subclass Mask"). */
	if (s->exists && s->int_pending && (cr6 & (1ULL << (31 - s->isc))))
		return s;
	for (unsigned i = 0; i < VM_MAX_DISKS; i++) {
		s = &vm->disks[i].vfba.sch;
		if (vm->disks[i].bd.ops && s->exists && s->int_pending &&
		    (cr6 & (1ULL << (31 - s->isc))))
			return s;
	}
	for (unsigned i = 0; i < VM_MAX_UR; i++) {
		s = &vm->ur[i].sch;
		if (s->exists && s->int_pending && (cr6 & (1ULL << (31 - s->isc))))
			return s;
	}
	return 0;
}
