/*
 * Logged-on users (cp/user/): LOGON from a terminal, LOGOFF, DISCONNECT and reconnect, what
 * the user's input means (a CP command or a line for the guest), where output goes, and the
 * holding of the virtual CPU in CP READ. A logged-on user is two things: the machine
 * (struct vm, cp/vm.h: storage, vCPU, devices - what arch/ may see) and the session
 * (struct user, here: terminal, privilege classes, CP READ, SET MSG/WNG/EMSG). Every user has
 * a machine, IPLed or not, and its console is the user's terminal; the two are created and
 * ended together (user_create(), user_destroy()) and point at each other (vm->user,
 * user->vm). Tested by tests/unit/test_logon.c and tests/unit/test_route.c.
 */
#ifndef CP_USER_H
#define CP_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <console/screen.h>
#include <cp/cmd.h>
#include <cp/msg.h>
#include <cp/resp.h>
#include <cp/vm.h>

struct term;

/*
 * Work a command asked for that cannot be done while CP simulates an instruction of the
 * same machine (DIAGNOSE X'08' LOGOFF, IPL, SYSTEM RESET): recorded, the virtual CPU is
 * stopped, and the main loop does it with user_service().
 */
enum user_deferred { DEFER_NONE, DEFER_LOGOFF, DEFER_IPL, DEFER_RESET, DEFER_CLEAR };

/*
 * The user's session. A machine no terminal is attached to is disconnected: its guest's
 * console output goes to the operator's console.
 */
struct user {
	struct vm *vm;             /* the user's machine; vm->user points back */
	struct term *term;         /* the 3270 the user is logged on at, or NULL */
	bool at_line_console;      /* OPERATOR, at the operator's line console */
	uint32_t classes;          /* privilege classes (CLASS_* of cp/cmd.h) */
	bool cp_read;              /* PA1 or #CP: CP holds the virtual CPU until BEGIN */
	enum vcpu_state held_state; /* the vcpu's state when CP took it */
	bool msg_off, wng_off;     /* SET MSG OFF, SET WNG OFF */
	enum emsg_mode emsg;       /* SET EMSG */
	bool autocr_off;           /* TERMINAL AUTOCR OFF: a 3215 X'01' write does not end the line */
	uint64_t connect_tod;      /* when the user last connected a terminal */
	enum user_deferred deferred;
	char deferred_arg[9];
	struct resp_stats resp;    /* response times at the user's terminals (cp/term/term.c) */
};

/* The terminal vm's user is logged on at, or NULL (disconnected, line console, no user). */
static inline struct term *user_term(const struct vm *vm)
{
	return vm->user ? vm->user->term : NULL;
}

/*
 * user_create - a machine and its session, for LOGON and XAUTOLOG
 * Returns the machine with vm->user set up (classes, nothing else), or NULL with a MSG_*
 * id in *why as vm_create() gives it. user_destroy() ends both.
 */
struct vm *user_create(const char *userid, uint64_t storage, uint32_t classes, int *why);
void user_destroy(struct vm *vm);

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
/*
 * user_prelogon_line - what a line typed before LOGON (logo or line mode) asks for
 * Returns 0 for a blank line (or one too long to take), 1 with the upper-cased user ID in
 * userid for LOGON (or LOGIN) userid, or -1 with a numbered message in msg: no user ID or
 * one longer than 8 characters, or any other command.
 */
int user_prelogon_line(const char *line, char *userid, size_t userid_size, char *msg,
		       size_t msg_size);
/* OPERATOR, logged on at the operator's line console at IPL. */
struct vm *user_operator_logon(void);
/* LOGOFF (and FORCE): ends the machine; the terminal, if any, shows the logo with how. */
void user_logoff(struct vm *vm, const char *how);
/*
 * SHUTDOWN: every user logged off as by LOGOFF (their open punch and printer files closed
 * into the spool); OPERATOR at the line console keeps its machine, its open files closed.
 */
void user_logoff_all(void);
/* DISCONNECT, or the terminal went away: the machine keeps running. */
void user_disconnect(struct vm *vm, const char *how);

/* A line the user entered on their screen (or the operator at the line console). */
void user_line(struct vm *vm, const char *line);
/* A CP command from vm's user (the operator's line console always gives commands). */
void user_cp_command(struct vm *vm, const char *line);
/* SHUTDOWN: a warning on every user's screen and the operator's console. */
void user_warn_shutdown(const char *by);
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

/* Records deferred work (above) for the main loop. */
void user_defer(struct vm *vm, enum user_deferred what, const char *arg);
void user_service(void);
/* IPL of a named system for the user (the IPL command, the directory's IPL statement). */
int user_ipl(struct vm *vm, const char *name);

/* Whether vm's user is connected (a terminal or the line console). */
bool user_connected(const struct vm *vm);

#endif /* CP_USER_H */
