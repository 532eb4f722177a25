/*
 * Shared saved segments (see cp/segment.h for the design and the keep-loaded policy): one
 * object per NSS_SHARED system of the NSS table, loaded into real frames on first use and
 * attached to machines through gmem's shared page tables. A shared system must start on a
 * segment boundary and fit in SEGMENT_MAX_SEGS segments; one that does not is treated as an
 * ordinary (copied) system by its users, as segment_of_image() returns NULL for it.
 * Covered by tests/unit/test_segment.c and tests/guest/segment.c.
 */
#include <arch/hw.h>
#include <cp/frames.h>
#include <cp/segment.h>
#include <lib/string.h>

#define PAGE_4K 4096ULL

static struct segment segments[SEGMENT_MAX];
static unsigned nsegments;
static bool scanned;

static void scan(void)
{
	if (scanned)
		return;
	scanned = true;
	for (unsigned i = 0; i < nss_image_count && nsegments < SEGMENT_MAX; i++) {
		const struct nss_image *im = &nss_images[i];
		uint64_t nsegs = (im->size + GMEM_SEGMENT_SIZE - 1) / GMEM_SEGMENT_SIZE;
		struct segment *seg = &segments[nsegments];

		if (!(im->flags & NSS_SHARED) || im->load_addr % GMEM_SEGMENT_SIZE || nsegs == 0 ||
		    nsegs > SEGMENT_MAX_SEGS)
			continue;
		memset(seg, 0, sizeof(*seg));
		seg->image = im;
		seg->nsegs = (unsigned)nsegs;
		seg->start = im->load_addr;
		seg->end = im->load_addr + nsegs * GMEM_SEGMENT_SIZE - 1;
		nsegments++;
	}
}

/**
 * segment_count() - how many shared systems the NSS table holds
 */
unsigned segment_count(void)
{
	scan();
	return nsegments;
}

/**
 * segment_get() - the i-th shared system
 * @i: 0 to segment_count() - 1
 *
 * Return: the object, or NULL for an index out of range.
 */
struct segment *segment_get(unsigned i)
{
	scan();
	return i < nsegments ? &segments[i] : NULL;
}

/**
 * segment_of_image() - the segment object of an NSS table entry
 * @image: an entry of nss_images[]
 *
 * Return: the object, or NULL if the entry is not a shared system CP can map.
 */
struct segment *segment_of_image(const struct nss_image *image)
{
	scan();
	for (unsigned i = 0; i < nsegments; i++)
		if (segments[i].image == image)
			return &segments[i];
	return NULL;
}

/**
 * segment_find() - the shared system called @name
 * @name: ASCII, any case, trailing blanks allowed
 */
struct segment *segment_find(const char *name)
{
	const struct nss_image *image = nss_find(name);

	return image ? segment_of_image(image) : NULL;
}

static unsigned index_of(const struct segment *seg)
{
	return (unsigned)(seg - segments);
}

static void unload(struct segment *seg)
{
	for (unsigned k = 0; k < seg->nsegs; k++) {
		gmem_shared_table_free(seg->tables[k]);
		seg->tables[k] = 0;
	}
	for (unsigned p = 0; p < seg->nsegs * GMEM_SEGMENT_PAGES; p++) {
		if (seg->frames[p])
			frame_free(&real_frames, seg->frames[p]);
		seg->frames[p] = 0;
	}
	if (seg->zero_frame)
		frame_free(&real_frames, seg->zero_frame);
	seg->zero_frame = 0;
	seg->data_frames = 0;
	seg->loaded = false;
}

/* Copies the image into frames of its own and builds the shared page tables. */
static int load(struct segment *seg)
{
	const struct nss_image *im = seg->image;
	uint64_t map[GMEM_SEGMENT_PAGES];

	seg->zero_frame = frame_alloc(&real_frames);
	if (!seg->zero_frame)
		goto fail;
	memset((void *)(uintptr_t)seg->zero_frame, 0, PAGE_4K);
	for (unsigned p = 0; p < seg->nsegs * GMEM_SEGMENT_PAGES; p++) {
		uint64_t off = p * PAGE_4K, n;
		uint8_t *f;

		if (off >= im->size)
			break;
		seg->frames[p] = frame_alloc(&real_frames);
		if (!seg->frames[p])
			goto fail;
		seg->data_frames++;
		f = (uint8_t *)(uintptr_t)seg->frames[p];
		n = im->size - off < PAGE_4K ? im->size - off : PAGE_4K;
		memcpy(f, im->data + off, n);
		memset(f + n, 0, PAGE_4K - n);
	}
	for (unsigned k = 0; k < seg->nsegs; k++) {
		for (unsigned p = 0; p < GMEM_SEGMENT_PAGES; p++) {
			uint64_t f = seg->frames[k * GMEM_SEGMENT_PAGES + p];

			map[p] = f ? f : seg->zero_frame;
		}
		seg->tables[k] = gmem_shared_table_build(map);
		if (!seg->tables[k])
			goto fail;
	}
	seg->loaded = true;
	return 0;
fail:
	unload(seg);
	return SEGMENT_NO_STORAGE;
}

/**
 * segment_attached() - whether @seg is mapped shared into @vm
 */
bool segment_attached(const struct segment *seg, const struct vm *vm)
{
	return seg->loaded && gmem_shared_table(&vm->mem, seg->start) == seg->tables[0];
}

/**
 * segment_private() - whether @vm holds a private copy of @seg (LOADNSHR)
 */
bool segment_private(const struct segment *seg, const struct vm *vm)
{
	return (vm->nss_private >> index_of(seg)) & 1;
}

static bool overlaps(const struct segment *a, const struct segment *b)
{
	return a->start <= b->end && b->start <= a->end;
}

/* Gives every page of the range back; a shared mapping goes first. */
static void clear_range(struct segment *seg, struct vm *vm)
{
	segment_detach(seg, vm);
	for (uint64_t a = seg->start; a <= seg->end; a += PAGE_4K)
		gmem_discard(&vm->mem, a);
	vm->nss_private &= ~(1U << index_of(seg));
}

/* Before seg goes into vm: whatever other segment overlaps it goes out (z/VM purges them). */
static void purge_overlapping(struct segment *seg, struct vm *vm)
{
	for (unsigned i = 0; i < nsegments; i++) {
		struct segment *o = &segments[i];

		if (o != seg && overlaps(o, seg) && (segment_attached(o, vm) || segment_private(o, vm)))
			clear_range(o, vm);
	}
}

/**
 * segment_attach() - map @seg shared and read-only into @vm, loading it on first use
 * @seg: a shared system
 * @vm: the machine; its storage must cover the whole segment range
 *
 * Whatever the machine had in the range (private pages, a private copy, an overlapping
 * segment) is given back first. Return: 0, SEGMENT_OUTSIDE or SEGMENT_NO_STORAGE.
 */
int segment_attach(struct segment *seg, struct vm *vm)
{
	if (seg->end >= vm->mem.size)
		return SEGMENT_OUTSIDE;
	if (segment_attached(seg, vm))
		return 0;
	if (!seg->loaded && load(seg) != 0)
		return SEGMENT_NO_STORAGE;
	purge_overlapping(seg, vm);
	if (segment_private(seg, vm))
		clear_range(seg, vm);
	for (unsigned k = 0; k < seg->nsegs; k++)
		gmem_attach_shared(&vm->mem, seg->start + k * GMEM_SEGMENT_SIZE, seg->tables[k]);
	seg->users++;
	return 0;
}

/**
 * segment_detach() - unmap @seg from @vm if it is attached
 *
 * The range becomes empty private storage. The segment stays loaded (cp/segment.h).
 */
void segment_detach(struct segment *seg, struct vm *vm)
{
	if (!segment_attached(seg, vm))
		return;
	for (unsigned k = 0; k < seg->nsegs; k++)
		gmem_detach_shared(&vm->mem, seg->start + k * GMEM_SEGMENT_SIZE);
	seg->users--;
}

/**
 * segment_detach_all() - take every shared segment and private copy out of @vm
 */
void segment_detach_all(struct vm *vm)
{
	scan();
	for (unsigned i = 0; i < nsegments; i++)
		segment_detach(&segments[i], vm);
	vm->nss_private = 0;
}

/**
 * segment_load_private() - copy @seg's image into @vm's own storage, writable
 *
 * The rest of the range reads as zeros. Return: 0, SEGMENT_OUTSIDE or SEGMENT_NO_STORAGE
 * (the range is left empty then).
 */
int segment_load_private(struct segment *seg, struct vm *vm)
{
	if (seg->end >= vm->mem.size)
		return SEGMENT_OUTSIDE;
	purge_overlapping(seg, vm);
	clear_range(seg, vm);
	if (guest_write_abs(vm, seg->start, seg->image->data, seg->image->size) != 0) {
		clear_range(seg, vm);
		return SEGMENT_NO_STORAGE;
	}
	vm->nss_private |= 1U << index_of(seg);
	return 0;
}

/**
 * segment_purge() - PURGESEG: unmap a shared @seg, or drop a private copy, from @vm
 */
void segment_purge(struct segment *seg, struct vm *vm)
{
	if (segment_attached(seg, vm) || segment_private(seg, vm))
		clear_range(seg, vm);
}

/**
 * segment_pages() - pages @seg maps (whole segments)
 */
uint64_t segment_pages(const struct segment *seg)
{
	return (uint64_t)seg->nsegs * GMEM_SEGMENT_PAGES;
}

/**
 * segment_frames() - real frames @seg holds: image pages, the zero frame, page tables
 */
uint64_t segment_frames(const struct segment *seg)
{
	return seg->loaded ? seg->data_frames + 1 + seg->nsegs : 0;
}
