/*
 * libFuzzer target for the Read Modified parser (console/3270/rm3270.c), built by "make fuzz"
 * (mk/fuzz.mk) as build/fuzz/fuzz_rm3270; seed corpus in tests/fuzz/corpus_rm3270/.
 *
 * The first input byte picks the geometry and the size of the text buffer; the rest is the
 * reply. On success every field must lie inside the caller's buffer and the screen.
 */
#include <stdlib.h>
#include <console/ds3270.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct screen_geom geoms[] = {
		{ 24, 80, false }, { 32, 80, false }, { 43, 80, false },
		{ 27, 132, false }, { 24, 80, true }, { 62, 160, false },
	};
	const struct screen_geom *g;
	struct rm_input r;
	size_t bufsize;
	char *buf;

	if (size < 1)
		return 0;
	g = &geoms[data[0] % 6];
	bufsize = (size_t)(data[0] >> 3) * 4;
	buf = malloc(bufsize ? bufsize : 1);
	r.buf = buf;
	r.buf_size = bufsize;
	if (rm_parse(data + 1, size - 1, g, &r) == 0) {
		if (r.used > bufsize || r.nfields > RM_MAX_FIELDS)
			abort();
		for (unsigned int i = 0; i < r.nfields; i++) {
			const struct rm_field *f = &r.field[i];

			if (f->text + f->len >= buf + bufsize || f->text[f->len] != '\0' ||
			    f->addr >= screen_size(g))
				abort();
		}
	}
	free(buf);
	return 0;
}
