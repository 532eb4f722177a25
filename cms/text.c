/*
 * Text records of CMS files (cms/include/cms/text.h): EBCDIC 1047 records to Latin-1 lines
 * and back, F records padded with EBCDIC blanks. Used by EDIT and TYPE in CMS and by the host
 * tool vm64disk; tests: tests/unit/test_vm64disk.c (round trips and the CMS-side view of
 * files the tool writes).
 */
#include <cms/text.h>
#include <lib/string.h>

/**
 * cms_rec_to_text() - a text record as a Latin-1 line.
 * @rec: the record (EBCDIC 1047)
 * @len: its length
 * @strip: drop trailing blanks (for F records, whose blanks are padding)
 * @text: at least @len + 1 bytes; may be the same memory as @rec; NUL-terminated
 *
 * Return: the length of the line.
 */
size_t cms_rec_to_text(const uint8_t *rec, size_t len, bool strip, char *text)
{
	if (strip)
		while (len && rec[len - 1] == CMS_TEXT_BLANK)
			len--;
	ebcdic_to_ascii(CMS_TEXT_CP, text, rec, len);
	text[len] = 0;
	return len;
}

/**
 * cms_text_to_rec() - a Latin-1 line as a text record.
 * @recfm: 'F' (padded with EBCDIC blanks to @lrecl) or 'V' (the line's own length)
 * @lrecl: the record length (F) or the longest record allowed (V)
 * @text: the line, without its line end
 * @len: its length
 * @rec: room for max(@len, @lrecl) bytes (F) or @len bytes (V)
 * @reclen: set to the record's length
 *
 * Return: 0, or -1 when the line is longer than @lrecl (nothing converted).
 */
int cms_text_to_rec(char recfm, uint32_t lrecl, const char *text, size_t len, uint8_t *rec,
		    size_t *reclen)
{
	if (len > lrecl)
		return -1;
	ascii_to_ebcdic(CMS_TEXT_CP, rec, text, len);
	if (recfm == 'F') {
		memset(rec + len, CMS_TEXT_BLANK, lrecl - len);
		len = lrecl;
	}
	*reclen = len;
	return 0;
}
