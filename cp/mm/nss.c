/*
 * Named saved systems: finding a guest image by name in the table that mk/guest.mk generates
 * (build/nss/nss_table.S) and links into CP's image. Names are at most 8 characters and match
 * ignoring ASCII case and trailing blanks, so "hostile", "HOSTILE" and "HOSTILE " are the same
 * system, as z/VM's IPL command treats them.
 * Covered by tests/unit/test_nss.c and tests/unit/test_segment.c.
 */
#include <cp/nss.h>
#include <lib/string.h>

#define NSS_NAME_MAX 8

/**
 * nss_find() - the named saved system called @name
 * @name: a system name, any case, trailing blanks allowed
 *
 * Return: the table entry, or NULL if @name is NULL, empty, longer than 8 characters, or not
 * in the table.
 */
const struct nss_image *nss_find(const char *name)
{
	size_t len;

	if (!name)
		return NULL;
	len = strlen(name);
	while (len && name[len - 1] == ' ')
		len--;
	if (len == 0 || len > NSS_NAME_MAX)
		return NULL;
	for (unsigned i = 0; i < nss_image_count; i++) {
		const struct nss_image *image = &nss_images[i];

		if (strlen(image->name) == len && str_casecmp_n(image->name, name, len) == 0)
			return image;
	}
	return NULL;
}
