/*
 * A small named-saved-system table for unit tests of code that looks systems up (cp/mm/nss.c,
 * cp/mm/segment.c, DIAGNOSE X'64'): a shared "CMS" of three pages at X'100000', like the real
 * CMS nucleus, and a copied "DIAG" at X'20000'.
 */
#include <stdint.h>
#include <cp/nss.h>
#include "fake_nss.h"

const uint8_t fake_cms_bytes[FAKE_CMS_SIZE] = { 0x47, 0xf0, 0xf0, 0x10, [4096] = 0x11,
						[FAKE_CMS_SIZE - 1] = 0x99 };
static const uint8_t diag_bytes[] = { 0x07, 0x07 };

const struct nss_image nss_images[] = {
	{ "DIAG", diag_bytes, sizeof(diag_bytes), 0x20000, 0x20000, 0 },
	{ "CMS", fake_cms_bytes, sizeof(fake_cms_bytes), 0x100000, 0x100000, NSS_SHARED },
};
const unsigned nss_image_count = sizeof(nss_images) / sizeof(nss_images[0]);
