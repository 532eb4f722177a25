/*
 * Named saved systems: guest images built by make and linked into CP's image, so CP can IPL
 * one by name (z/VM's "IPL CMS"). The table is generated at build time (mk/guest.mk).
 * Covered by tests/unit/test_nss.c and tests/unit/test_segment.c.
 */
#ifndef CP_NSS_H
#define CP_NSS_H

#include <stddef.h>
#include <stdint.h>

struct nss_image {
	const char *name;       /* upper case, at most 8 characters */
	const uint8_t *data;    /* the image's bytes, to be placed at load_addr */
	uint64_t size;
	uint64_t load_addr;     /* guest absolute address of data[0] */
	uint64_t entry;         /* initial PSW address; the PSW is 64-bit, disabled, key 0 */
	uint64_t flags;         /* NSS_* */
};

/* A shared saved segment: CP loads the image once, in whole 1 MB segments from a
 * segment-aligned load_addr, and maps the same frames read-only into every machine that
 * IPLs it (z/VM's shared NSS; the CMS nucleus). */
#define NSS_SHARED 0x1

extern const struct nss_image nss_images[];
extern const unsigned nss_image_count;

/* The image called name (any case), or NULL. */
const struct nss_image *nss_find(const char *name);

#endif
