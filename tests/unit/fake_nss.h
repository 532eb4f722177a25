/* The named-saved-system table of tests/unit/fake_nss.c. */
#ifndef TESTS_UNIT_FAKE_NSS_H
#define TESTS_UNIT_FAKE_NSS_H

#include <stdint.h>

#define FAKE_CMS_SIZE (2 * 4096 + 100) /* three pages, the last one partly */
extern const uint8_t fake_cms_bytes[FAKE_CMS_SIZE];

#endif
