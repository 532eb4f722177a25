/*
 * A fake of CP's real 3270 terminals (cp/term.h) for unit tests of the user layer
 * (cp/user/logon.c, cp/user/route.c): each terminal records what it was told - the user
 * attached, the message it went back to the logo with, its output lines, NOT ACCEPTED and
 * hidden input - instead of driving a device. Used by tests/unit/test_logon.c and
 * tests/unit/test_route.c.
 */
#ifndef TESTS_UNIT_FAKE_TERM_H
#define TESTS_UNIT_FAKE_TERM_H

#include <stdbool.h>
#include <cp/term.h>

#define FAKE_TERM_LINES 32

struct term {
	uint16_t devno;
	struct vm *vm;			/* attached by term_attach(), cleared by term_detach() */
	unsigned attaches, detaches;
	char detach_message[128];
	char out[FAKE_TERM_LINES][256];	/* output, one entry per '\n'-separated line */
	unsigned nout;			/* goes on counting past FAKE_TERM_LINES */
	unsigned not_accepted;
	bool hidden;
	struct scr scr;
};

/* A fresh terminal with device number devno. */
void fake_term_init(struct term *t, uint16_t devno);
/* Whether some output line of t contains s. */
bool fake_term_has(const struct term *t, const char *s);

#endif
