/*
 * The logo screen a 3270 shows when it connects, before anyone logs on: the system name in
 * large letters, a line of text from CP, and three input fields, USERID, PASSWORD
 * (non-display) and COMMAND, with a message line above them. Enter on it logs on with the
 * user ID and password typed, or runs the COMMAND line (LOGON userid, for one) when the
 * USERID field is empty.
 *
 * Portable: builds the Erase/Write and reads the Read Modified reply by field position.
 * Covered by tests/unit/test_logo.c.
 */
#ifndef CONSOLE_LOGO_H
#define CONSOLE_LOGO_H

#include <stddef.h>
#include <console/ds3270.h>

#define LOGO_USERID_LEN	  8
#define LOGO_PASSWORD_LEN 8
#define LOGO_COMMAND_LEN  60
#define LOGO_MESSAGE_LEN  79

struct logo_input {
	char userid[LOGO_USERID_LEN + 1];	/* upper case, blanks trimmed */
	char password[LOGO_PASSWORD_LEN + 1];	/* as typed, blanks trimmed */
	char command[LOGO_COMMAND_LEN + 1];	/* as typed, blanks trimmed */
};

/*
 * logo_render - the logo screen as an Erase/Write stream (WCC and orders, no command byte)
 * sysname is shown big; info (one line, may be "") under it; message (may be "") on the
 * message line, intensified. The cursor goes to USERID, or to PASSWORD when userid is
 * given (it is then shown in its field). Returns TC_EWRITE, or -1 when out is too small
 * (SCR_STREAM_MAX always suffices). A screen larger than 24x80 gets TC_EWRITEA (Erase/Write
 * Alternate) instead; a geometry smaller than 24x80 is drawn, and parsed, as 24x80.
 */
int logo_render(const struct screen_geom *g, const char *sysname, const char *info,
		const char *message, const char *userid, struct ds_buf *out);

/*
 * logo_parse - the fields of a Read Modified reply to the logo screen
 * Fields the user did not touch come back empty. Returns 0, or -1 when a field is not at a
 * position the logo screen has (the reply does not belong to this screen).
 */
int logo_parse(const struct screen_geom *g, const struct rm_input *in, struct logo_input *out);

#endif /* CONSOLE_LOGO_H */
