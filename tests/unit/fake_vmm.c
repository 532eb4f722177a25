/*
 * A fake virtual-machine manager (cp/vmm.h) for unit tests of CP commands and of the user
 * layer: machines live in a small table. Creation fails with fake_vm_create_error unless a
 * test sets it to 0 (the commands' tests never log anyone on); a created machine has no
 * storage and is not running. There is one named system, CMS; its IPL fails unless a test
 * sets fake_vm_ipl_rc to 0.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cp/msg.h>
#include <cp/nss.h>
#include <cp/segment.h>
#include <cp/vmm.h>

#define FAKE_VMS 8

int fake_vm_create_error = MSG_NO_STORAGE;
unsigned fake_vm_destroyed;
static struct vm *machines[FAKE_VMS];

const struct nss_image nss_images[1] = { { "CMS", (const uint8_t *)"", 0, 0x20000, 0x20000, 0 } };
const unsigned nss_image_count = 1;

struct vm *vm_find(const char *userid)
{
	for (unsigned i = 0; i < FAKE_VMS; i++)
		if (machines[i] && strcmp(machines[i]->userid, userid) == 0)
			return machines[i];
	return NULL;
}

struct vm *vm_slot(unsigned i)
{
	return i < FAKE_VMS ? machines[i] : NULL;
}

unsigned vm_slots_used(void)
{
	return FAKE_VMS;
}

struct vm *vm_create(const char *userid, uint64_t storage, int *why)
{
	(void)storage;
	if (fake_vm_create_error) {
		*why = fake_vm_create_error;
		return NULL;
	}
	for (unsigned i = 0; i < FAKE_VMS; i++) {
		struct vm *vm;

		if (machines[i])
			continue;
		vm = calloc(1, sizeof(*vm));
		if (!vm)
			break;
		strncpy(vm->userid, userid, VM_USERID_MAX);
		vm->in_use = true;
		vm->vcpu.vm = vm;
		vm->vcpu.state = VCPU_STOPPED;
		machines[i] = vm;
		return vm;
	}
	*why = MSG_TOO_MANY_USERS;
	return NULL;
}

/* -1 (no storage) unless a test sets it; 0 records the system's name as IPLed. */
int fake_vm_ipl_rc = -1;

int vm_ipl_nss(struct vm *vm, const struct nss_image *image)
{
	if (fake_vm_ipl_rc == 0)
		strncpy(vm->ipl_name, image->name, sizeof(vm->ipl_name) - 1);
	return fake_vm_ipl_rc;
}

void vm_destroy(struct vm *vm)
{
	for (unsigned i = 0; i < FAKE_VMS; i++)
		if (machines[i] == vm)
			machines[i] = NULL;
	fake_vm_destroyed++;
	free(vm);
}

uint64_t vm_real_frames(const struct vm *vm)
{
	(void)vm;
	return 0;
}

const char *vcpu_state_name(enum vcpu_state s)
{
	(void)s;
	return "STOPPED";
}

/* OPTION V=F: fixing succeeds (storage then shows V=F) unless a test sets this to -1. */
int fake_vm_fix_rc;

int vm_fix_storage(struct vm *vm)
{
	vm->storage_fixed = true;
	if (fake_vm_fix_rc == 0)
		vm->mem.fixed_origin = 1ULL << 20; /* a marker: the fake machine has no storage */
	return fake_vm_fix_rc;
}

/* SYSTEM RESET and CLEAR: recorded. */
unsigned fake_system_resets;

int vm_system_reset(struct vm *vm, bool clear)
{
	(void)vm, (void)clear;
	fake_system_resets++;
	return 0;
}

/* cp/mm/segment.c for QUERY NSS: the one system here is not shared. */
struct segment *segment_of_image(const struct nss_image *image)
{
	(void)image;
	return NULL;
}

uint64_t segment_pages(const struct segment *seg)
{
	(void)seg;
	return 0;
}

uint64_t segment_frames(const struct segment *seg)
{
	(void)seg;
	return 0;
}
