/*
 * First touch of guest storage: the frame for a page the guest touched for the first time,
 * and, when the guest has been touching new pages one after another, frames for the pages
 * after it too.
 *
 * Why: every first touch under SIE is a host translation exception, a trip out of the
 * guest and back in, and Hercules purges the guest's whole TLB at each SIE entry. Linux's
 * decompressor writes some 40 MB of fresh storage front to back: 10,275 first touches in
 * one boot, about 0.7 s of a 44 s boot. A stream of first touches, each on the page after the
 * last one mapped, is mapped ahead by as many pages as the stream has mapped so far (8, 16,
 * 32 ... up to a segment, 256), so a 40 MB writer faults some 50 times (the Linux boot, 158).
 *
 * What it must not cost: a CMS user that touches a few scattered pages gets exactly those
 * (the goal of <= 64 KB of private storage per idle CMS user), so nothing is mapped ahead
 * before a stream has FAULT_AHEAD_MIN_RUN pages, and what is mapped ahead is at most what
 * the stream has used already. Pages ahead come only while 1/16 of real storage stays
 * free; they get the storage key the guest gave them before it touched them (SSKE on a page
 * without a frame is recorded only: cp/icpt/skey.c), as the faulting page does.
 *
 * Covered by tests/unit/test_fault_in.c; the Linux boot (tests/system/test_linux.py,
 * tests/bench/bench_linux.py) is what it is for.
 */
#include <arch/hw.h>
#include <cp/frames.h>
#include <cp/vm.h>

#define PAGE_4K 4096ULL

/**
 * fault_ahead() - how many pages to give frames, from the page holding @gaddr on
 * @fs: the machine's stream of first touches
 * @gaddr: the guest absolute address touched
 * @size: the machine's storage size
 *
 * Return: 1 for a touch out of a stream, more for a stream long enough; never past @size.
 */
unsigned fault_ahead(struct fault_stream *fs, uint64_t gaddr, uint64_t size)
{
	uint64_t page = gaddr & ~(PAGE_4K - 1);
	uint64_t n = 1;

	if (page != fs->next || fs->run == 0)
		fs->run = 0; /* a new stream starts here */
	else if (fs->run >= FAULT_AHEAD_MIN_RUN)
		n = fs->run < FAULT_AHEAD_MAX ? fs->run : FAULT_AHEAD_MAX;
	if (page >= size)
		n = 1;
	else if (n > (size - page) / PAGE_4K)
		n = (size - page) / PAGE_4K;
	fs->run += (uint32_t)n;
	fs->next = page + n * PAGE_4K;
	return (unsigned)n;
}

/* A frame for the page at @gaddr, with the key the guest recorded for it; 0 if none. */
static uint64_t page_in(struct vm *vm, uint64_t gaddr)
{
	bool fresh = !gmem_lookup(&vm->mem, gaddr);
	uint64_t frame = gmem_page(&vm->mem, gaddr);
	uint8_t key;

	if (!frame || !fresh || gmem_is_shared(&vm->mem, gaddr))
		return frame;
	key = vm_skey_get(vm, gaddr);
	if (key)
		hw_set_storage_key(frame, key);
	return frame;
}

/* Whether CP can spare @n more frames for pages a guest has not asked for yet. */
static bool can_spare(uint64_t n)
{
	return real_frames.nfree >= n + real_frames.nframes / 16;
}

/**
 * vm_fault_in() - the frame for the guest page a first touch at @gaddr needs
 * @vm: the machine
 * @gaddr: a guest absolute address inside its storage
 *
 * Maps the pages after it as well when fault_ahead() says so and real storage allows.
 * Return: the host address of @gaddr's page, or 0 when no frame can be had.
 */
uint64_t vm_fault_in(struct vm *vm, uint64_t gaddr)
{
	unsigned n = fault_ahead(&vm->faults, gaddr, vm->mem.size);
	uint64_t frame = page_in(vm, gaddr);
	uint64_t page = gaddr & ~(PAGE_4K - 1);

	if (!frame || n == 1 || !can_spare(n))
		return frame;
	for (unsigned i = 1; i < n; i++)
		if (!page_in(vm, page + i * PAGE_4K))
			break;
	return frame;
}
