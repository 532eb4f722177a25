/*
 * Text in CMS files: how a line of text becomes a record and back. CMS keeps text records in
 * EBCDIC code page 1047, as z/VM does; CMS itself works in ISO-8859-1 (Latin-1) strings, so
 * EDIT and TYPE convert at the file boundary, and the host tool vm64disk (tools/vm64disk/)
 * converts with the same two functions, so a file it copies in is exactly what EDIT would have
 * written. Portable (cms/text.c); tests: tests/unit/test_vm64disk.c.
 */
#ifndef CMS_TEXT_H
#define CMS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/ebcdic.h>

#define CMS_TEXT_CP	EBCDIC_CP1047	/* the code page of text records */
#define CMS_TEXT_BLANK	0x40		/* an EBCDIC blank: the padding of F records */

size_t cms_rec_to_text(const uint8_t *rec, size_t len, bool strip, char *text);
int cms_text_to_rec(char recfm, uint32_t lrecl, const char *text, size_t len, uint8_t *rec,
		    size_t *reclen);

#endif /* CMS_TEXT_H */
