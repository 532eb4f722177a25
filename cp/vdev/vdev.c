/*
 * Finding a machine's virtual subchannels and the next I/O interruption it has pending.
 * Covered by tests/unit/test_vcons.c.
 */
#include <cp/vdev.h>
#include <cp/vm.h>

struct vsubchannel *vm_subchannel(struct vm *vm, uint32_t schid)
{
	struct vsubchannel *s = &vm->console;

	if ((schid & 0xffff0000u) != 0x00010000u)
		return 0;
	if (!s->exists || s->number != (schid & 0xffff))
		return 0;
	return s;
}

struct vsubchannel *vm_io_pending(struct vm *vm, uint64_t cr6)
{
	struct vsubchannel *s = &vm->console;

	/* CR6 bits 32-39 enable ISC 0-7 (PoP, "I/O-Interruption Subclass Mask"). */
	if (s->exists && s->int_pending && (cr6 & (1ULL << (31 - s->isc))))
		return s;
	return 0;
}
