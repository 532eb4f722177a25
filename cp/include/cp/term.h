/*
 * CP's real 3270 terminals (cp/term/term.c). At IPL CP claims every 3270 the machine has;
 * when a client connects (the device presents an unsolicited device end) CP asks the screen
 * size with Read Partition Query and shows the logo screen. Enter there logs a user on
 * (cp/user/logon.c), after which the terminal shows the user's line-mode screen
 * (console/screen.h) until LOGOFF or DISCONNECT bring the logo back.
 *
 * Driving the device: one command at a time per terminal, never blocking CP. Attention (the
 * user pressed a key) is answered with Read Modified before anything else, since a Write
 * that restores the keyboard would reset the AID. Then whatever the screen has to show is
 * sent as one Write or Erase/Write. A command that does not end within a few seconds is
 * cleared; a unit check (intervention required) means the client went away.
 * Tested by tests/unit/test_term.c.
 */
#ifndef CP_TERM_H
#define CP_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <console/screen.h>

struct term;
struct vm;

#define TERM_MAX 64

/* Claims the machine's 3270s. */
void term_init(void);
/* Takes device events, answers keys and sends what screens have to show; now is TOD. */
void term_poll(void);
/* Microseconds until term_poll() must run again by itself (a timer), or 0 for none. */
uint64_t term_next_timeout_us(void);
/* Sends what is queued on every terminal, waiting up to timeout_us (shutdown). */
void term_flush(uint64_t timeout_us);

/* The user vm is now on t: the line-mode screen replaces the logo. */
void term_attach(struct term *t, struct vm *vm);
/* The user left t (LOGOFF, DISCONNECT, FORCE, taken over): back to the logo with message. */
void term_detach(struct term *t, const char *message);
/* Queues output (ASCII; '\n' separates lines) on t's screen. */
void term_output(struct term *t, const char *text, size_t len);
/* Input t could not take: NOT ACCEPTED. */
void term_not_accepted(struct term *t);
/* The next input line is a password: non-display, no echo. */
void term_hide_input(struct term *t);
struct scr *term_screen(struct term *t);
uint16_t term_devno(const struct term *t);
unsigned term_count(void);
/* Terminals with a client connected, and of those how many show the logo. */
unsigned term_connected(unsigned *at_logo);

#endif /* CP_TERM_H */
