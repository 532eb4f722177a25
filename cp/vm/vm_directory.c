/*
 * A new machine as its directory entry describes it: disks, reader, punch and printer,
 * CPUs, and storage fixed in real storage for OPTION V=F. LOGON and XAUTOLOG both start
 * here, so a machine is the same whichever way it came.
 * Covered by tests/unit/test_logon.c, tests/unit/test_cmd.c and tests/system/test_vm.py.
 */
#include <cp/blkdev.h>
#include <cp/users.h>
#include <cp/vmm.h>
#include <cp/vur.h>

int vm_define_from_directory(struct vm *vm, const struct user_entry *u)
{
	vm_disks_define(vm, u); /* V-DISKs take frames only when written */
	vur_define(vm, u);      /* reader, punch, printer */
	vm_cpus_from_directory(vm, u);
	return u->storage_fixed ? vm_fix_storage(vm) : 0;
}
