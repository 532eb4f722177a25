/*
 * Logged-on users (cp/user/): LOGON from a terminal, LOGOFF, DISCONNECT and reconnect, what
 * the user's input means (a CP command or a line for the guest), where output goes, and the
 * holding of the virtual CPU in CP READ. A logged-on user is a struct vm: every user has a
 * virtual machine, IPLed or not, and its console is the user's terminal.
 */
#ifndef CP_USER_H
#define CP_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <console/screen.h>
#include <cp/msg.h>

struct term;
struct vm;

/* SET LOGMSG: lines every user sees at LOGON. */
#define LOGMSG_LINES 4
#define LOGMSG_LEN   72
extern char logon_message[LOGMSG_LINES][LOGMSG_LEN + 1];

/* Set by SHUTDOWN from any user; the main loop ends the system. */
extern bool user_shutdown_requested;

/*
 * user_logon - log userid on at terminal t (devno for messages)
 * Checks the logon guard and the password, creates or reconnects the machine and attaches
 * t. On failure returns -1 with a numbered message for the terminal in why; the failure is
 * journaled on the operator's console.
 */
int user_logon(struct term *t, uint16_t devno, const char *userid, const char *password,
	       char *why, size_t why_size);
/* OPERATOR, logged on at the operator's line console at IPL. */
struct vm *user_operator_logon(void);
/* LOGOFF (and FORCE): ends the machine; the terminal, if any, shows the logo with how. */
void user_logoff(struct vm *vm, const char *how);
/* DISCONNECT, or the terminal went away: the machine keeps running. */
void user_disconnect(struct vm *vm, const char *how);

/* A line the user entered on their screen (or the operator at the line console). */
void user_line(struct vm *vm, const char *line);
/* A CP command from vm's user (the operator's line console always gives commands). */
void user_cp_command(struct vm *vm, const char *line);
/* SHUTDOWN: a warning on every user's screen and the operator's console. */
void shutdown_warn_users(const char *by);
/* PA1: into CP READ. */
void user_attention(struct vm *vm);
/* Enter with nothing typed. */
void user_empty_line(struct vm *vm);
/* BEGIN: out of CP READ, the guest runs on. */
void user_begin(struct vm *vm);
/* What the status area should say for vm. */
enum scr_mode user_mode(const struct vm *vm);

/* CP output for the user (a response, a message): their screen and/or the line console. */
void user_output(struct vm *vm, const char *text, size_t len);
void user_printf(struct vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * Operator output (cp/user/operator.c), one writer: a line goes to the operator's line
 * console and to OPERATOR's 3270 when OPERATOR is logged on at one; operator_msg() writes a
 * numbered message (cp/msg.c). operator_console_printf() is the line console alone, for lines
 * written before any user exists (the IPL banner).
 */
void operator_write(const char *line, size_t len);
void operator_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void operator_msg(enum msg_id id, ...);
void operator_console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Work a command asked for that cannot be done while CP simulates an instruction of the
 * same machine (DIAGNOSE X'08' LOGOFF, IPL, SYSTEM RESET): recorded, the virtual CPU is
 * stopped, and the main loop does it with user_service().
 */
enum user_deferred { DEFER_NONE, DEFER_LOGOFF, DEFER_IPL, DEFER_RESET, DEFER_CLEAR };
void user_defer(struct vm *vm, enum user_deferred what, const char *arg);
void user_service(void);
/* IPL of a named system for the user (the IPL command, the directory's IPL statement). */
int user_ipl(struct vm *vm, const char *name);

/* Whether vm's user is connected (a terminal or the line console). */
bool user_connected(const struct vm *vm);

#endif /* CP_USER_H */
