/*
 * A fake virtual-machine manager for unit tests of CP commands: no machine is ever logged
 * on, creation fails as the test arranges, and there are no named systems.
 */
#include <stddef.h>
#include <cp/engine.h>
#include <cp/msg.h>
#include <cp/nss.h>
#include <cp/segment.h>
#include <cp/vmm.h>

int fake_vm_create_error = MSG_NO_STORAGE;

const struct nss_image nss_images[1] = { { "CMS", (const uint8_t *)"", 0, 0x20000, 0x20000, 0 } };
const unsigned nss_image_count = 1;

struct vm *vm_find(const char *userid)
{
	(void)userid;
	return NULL;
}

struct vm *vm_slot(unsigned i)
{
	(void)i;
	return NULL;
}

struct vm *vm_create(const char *userid, uint64_t storage, int *why)
{
	(void)userid, (void)storage;
	*why = fake_vm_create_error;
	return NULL;
}

int vm_ipl_nss(struct vm *vm, const struct nss_image *image)
{
	(void)vm, (void)image;
	return -1;
}

void vm_destroy(struct vm *vm)
{
	(void)vm;
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
