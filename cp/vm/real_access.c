/*
 * The checked accessors to guest storage (declared in cp/vm.h): every guest address CP
 * reads or writes on a guest's behalf comes through here. Built on the page map of
 * gmem_page()/gmem_lookup(): a read of a page the guest never touched returns zeros
 * without giving it a frame; a write gives it one.
 *
 * Rules: the whole range is checked before anything is copied, so an access that would
 * run past the machine's storage raises PGM_ADDRESSING and changes nothing; a write first
 * makes sure every page it touches has a frame, so running out of frames (-1) leaves guest
 * storage as it was too. Real addresses are prefixed per 4 KB page (PoP "Prefixing": real
 * 0-8191 and the prefix area trade places), so a real range that straddles the end of the
 * prefix area is split where the architecture splits it. A write that touches a shared
 * segment (cp/segment.h) raises PGM_PROTECTION and changes nothing, as the guest's own store
 * would (PoP "Protection": DAT protection suppresses the operation); the translation-
 * exception identification for the guest is left in vcpu.exit.teid (page address, bit 61
 * for DAT protection).
 * Covered by tests/unit/test_access.c.
 */
#include <arch/hw.h>
#include <cp/vm.h>
#include <lib/string.h>

#define PAGE_4K	    4096ULL
#define PREFIX_MASK 0x7fffe000ULL /* bits 1-18 of the prefix register */
#define PREFIX_SIZE 0x2000ULL

uint64_t real_to_abs(const struct vcpu *v, uint64_t raddr)
{
	uint64_t prefix = v->prefix & PREFIX_MASK;

	if (raddr < PREFIX_SIZE)
		return raddr + prefix;
	if (raddr >= prefix && raddr - prefix < PREFIX_SIZE)
		return raddr - prefix;
	return raddr;
}

/* Bytes from addr to the end of its 4 KB page, at most len. */
static size_t page_chunk(uint64_t addr, size_t len)
{
	uint64_t left = PAGE_4K - (addr & (PAGE_4K - 1));

	return len < left ? len : (size_t)left;
}

static bool range_in_storage(const struct vm *vm, uint64_t addr, size_t len)
{
	return addr < vm->mem.size && len <= vm->mem.size - addr;
}

#define TEID_DAT_PROTECTION 0x4ULL /* TEID bit 61 */

static int protection(struct vm *vm, uint64_t gaddr)
{
	vm->vcpu.exit.teid = (gaddr & ~(PAGE_4K - 1)) | TEID_DAT_PROTECTION;
	return PGM_PROTECTION;
}

static void *host_ptr(uint64_t page, uint64_t gaddr)
{
	return (void *)(uintptr_t)(page + (gaddr & (PAGE_4K - 1)));
}

static void copy_from_page(struct vm *vm, uint64_t abs, uint8_t *dst, size_t n)
{
	uint64_t page = gmem_lookup(&vm->mem, abs);

	if (page)
		memcpy(dst, host_ptr(page, abs), n);
	else
		memset(dst, 0, n); /* never touched: still the zeros it started as */
}

static void copy_to_page(struct vm *vm, uint64_t abs, const uint8_t *src, size_t n)
{
	/* The frame exists: the caller's first pass made sure of it. */
	memcpy(host_ptr(gmem_lookup(&vm->mem, abs), abs), src, n);
}

int guest_read_abs(struct vm *vm, uint64_t gaddr, void *buf, size_t len)
{
	uint8_t *dst = buf;

	if (len == 0)
		return 0;
	if (!range_in_storage(vm, gaddr, len))
		return PGM_ADDRESSING;
	while (len) {
		size_t n = page_chunk(gaddr, len);

		copy_from_page(vm, gaddr, dst, n);
		gaddr += n;
		dst += n;
		len -= n;
	}
	return 0;
}

int guest_write_abs(struct vm *vm, uint64_t gaddr, const void *buf, size_t len)
{
	const uint8_t *src = buf;
	uint64_t a;
	size_t left;

	if (len == 0)
		return 0;
	if (!range_in_storage(vm, gaddr, len))
		return PGM_ADDRESSING;
	for (a = gaddr, left = len; left;) {
		size_t n = page_chunk(a, left);

		if (gmem_is_shared(&vm->mem, a))
			return protection(vm, a);
		a += n;
		left -= n;
	}
	for (a = gaddr, left = len; left;) {
		size_t n = page_chunk(a, left);

		if (!gmem_page(&vm->mem, a))
			return -1;
		a += n;
		left -= n;
	}
	while (len) {
		size_t n = page_chunk(gaddr, len);

		copy_to_page(vm, gaddr, src, n);
		gaddr += n;
		src += n;
		len -= n;
	}
	return 0;
}

/*
 * First pass over a real range: every piece must land inside storage after prefixing, and
 * for a write outside shared segments; then, for a write, every page gets its frame.
 * Returns 0, PGM_ADDRESSING, PGM_PROTECTION or -1.
 */
static int check_real(struct vcpu *v, uint64_t raddr, size_t len, bool write)
{
	struct vm *vm = v->vm;
	uint64_t r;
	size_t left;

	if (!range_in_storage(vm, raddr, len))
		return PGM_ADDRESSING;
	for (r = raddr, left = len; left;) {
		size_t n = page_chunk(r, left);
		uint64_t abs = real_to_abs(v, r);

		if (!range_in_storage(vm, abs, n))
			return PGM_ADDRESSING;
		if (write && gmem_is_shared(&vm->mem, abs)) {
			protection(vm, abs);
			v->exit.teid = (r & ~(PAGE_4K - 1)) | TEID_DAT_PROTECTION;
			return PGM_PROTECTION;
		}
		r += n;
		left -= n;
	}
	while (write && len) {
		size_t n = page_chunk(raddr, len);

		if (!gmem_page(&vm->mem, real_to_abs(v, raddr)))
			return -1;
		raddr += n;
		len -= n;
	}
	return 0;
}

int guest_read_real(struct vcpu *v, uint64_t raddr, void *buf, size_t len)
{
	uint8_t *dst = buf;
	int rc;

	if (len == 0)
		return 0;
	rc = check_real(v, raddr, len, false);
	if (rc)
		return rc;
	while (len) {
		size_t n = page_chunk(raddr, len);

		copy_from_page(v->vm, real_to_abs(v, raddr), dst, n);
		raddr += n;
		dst += n;
		len -= n;
	}
	return 0;
}

int guest_write_real(struct vcpu *v, uint64_t raddr, const void *buf, size_t len)
{
	const uint8_t *src = buf;
	int rc;

	if (len == 0)
		return 0;
	rc = check_real(v, raddr, len, true);
	if (rc)
		return rc;
	while (len) {
		size_t n = page_chunk(raddr, len);

		copy_to_page(v->vm, real_to_abs(v, raddr), src, n);
		raddr += n;
		src += n;
		len -= n;
	}
	return 0;
}
