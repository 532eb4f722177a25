/* A fake of cp/term.h that records what the user layer tells a terminal (see fake_term.h). */
#include <stdio.h>
#include <string.h>
#include <console/ds3270.h>
#include "fake_term.h"

void fake_term_init(struct term *t, uint16_t devno)
{
	struct screen_geom g;

	memset(t, 0, sizeof(*t));
	t->devno = devno;
	ds_model_geom(2, &g);
	scr_init(&t->scr, &g, "TEST");
}

bool fake_term_has(const struct term *t, const char *s)
{
	for (unsigned i = 0; i < t->nout && i < FAKE_TERM_LINES; i++)
		if (strstr(t->out[i], s))
			return true;
	return false;
}

void term_init(void)
{
}

void term_poll(void)
{
}

uint64_t term_next_timeout_us(void)
{
	return 0;
}

void term_flush(uint64_t timeout_us)
{
	(void)timeout_us;
}

void term_attach(struct term *t, struct vm *vm)
{
	t->vm = vm;
	t->attaches++;
}

void term_detach(struct term *t, const char *message)
{
	t->vm = NULL;
	t->detaches++;
	snprintf(t->detach_message, sizeof(t->detach_message), "%s", message ? message : "");
}

void term_output(struct term *t, const char *text, size_t len)
{
	while (len) {
		size_t n = 0;

		while (n < len && text[n] != '\n')
			n++;
		if (t->nout < FAKE_TERM_LINES)
			snprintf(t->out[t->nout], sizeof(t->out[0]), "%.*s", (int)n, text);
		t->nout++;
		if (n < len)
			n++;
		text += n;
		len -= n;
	}
}

void term_not_accepted(struct term *t)
{
	t->not_accepted++;
}

void term_hide_input(struct term *t)
{
	t->hidden = true;
}

struct scr *term_screen(struct term *t)
{
	return &t->scr;
}

uint16_t term_devno(const struct term *t)
{
	return t->devno;
}

unsigned term_count(void)
{
	return 0;
}

unsigned term_connected(unsigned *at_logo)
{
	if (at_logo)
		*at_logo = 0;
	return 0;
}
