/*
 * Shared saved segments: a named saved system flagged NSS_SHARED (cp/nss.h; the CMS nucleus)
 * is loaded once into real frames and mapped, read-only, into every virtual machine that IPLs
 * it or loads it with DIAGNOSE X'64'. Sharing is by whole 1 MB segments: each segment of the
 * system has one page table, built at load time, that every attached machine's segment-table
 * entry points at with the segment-protection bit set (arch/s390x/gmem.c), so a guest store
 * there is a protection exception and CP's accessors refuse to write there.
 *
 * Policy: a loaded segment stays loaded when its last user goes (like a z/VM NSS, which stays
 * in storage): the next IPL costs no copy, and the frames are counted once, in QUERY NSS.
 * Pages of a segment beyond the end of the image all map one zero frame, read-only.
 * Covered by tests/unit/test_segment.c.
 */
#ifndef CP_SEGMENT_H
#define CP_SEGMENT_H

#include <stdbool.h>
#include <stdint.h>
#include <cp/nss.h>
#include <cp/vm.h>

#define SEGMENT_MAX	 4 /* shared systems CP keeps track of */
#define SEGMENT_MAX_SEGS 2 /* 1 MB segments per shared system */

struct segment {
	const struct nss_image *image;
	uint64_t start, end;   /* guest absolute range, whole segments; end is the last byte */
	unsigned nsegs;
	bool loaded;
	unsigned users;        /* machines it is attached to */
	uint64_t tables[SEGMENT_MAX_SEGS]; /* shared page tables (gmem_shared_table_build) */
	uint64_t zero_frame;   /* behind every page past the image */
	uint64_t frames[SEGMENT_MAX_SEGS * GMEM_SEGMENT_PAGES]; /* the image's pages; 0 past it */
	unsigned data_frames;  /* nonzero entries of frames[] */
};

/* Results of segment_attach() and segment_load_private(). */
#define SEGMENT_NO_STORAGE (-1) /* no real frames to load it */
#define SEGMENT_OUTSIDE	   (-2) /* the machine's storage does not cover the segment */

/* The shared systems of the NSS table, in table order. */
unsigned segment_count(void);
struct segment *segment_get(unsigned i);
/* The shared system called name (any case, trailing blanks allowed), or NULL. */
struct segment *segment_find(const char *name);
/* The segment object of a table entry, or NULL if it is not a (valid) shared system. */
struct segment *segment_of_image(const struct nss_image *image);

int segment_attach(struct segment *seg, struct vm *vm);
void segment_detach(struct segment *seg, struct vm *vm);
bool segment_attached(const struct segment *seg, const struct vm *vm);
/* Detaches every shared segment and forgets every private copy (IPL, reset, logoff). */
void segment_detach_all(struct vm *vm);

/* A private, writable copy in the machine's own storage (DIAG X'64' LOADNSHR). */
int segment_load_private(struct segment *seg, struct vm *vm);
bool segment_private(const struct segment *seg, const struct vm *vm);
/* Gives the range's pages back: they read as zeros afterwards (PURGESEG of either kind). */
void segment_purge(struct segment *seg, struct vm *vm);

/* Pages the segment maps, and the real frames it holds (data, zero frame, page tables). */
uint64_t segment_pages(const struct segment *seg);
uint64_t segment_frames(const struct segment *seg);

#endif
