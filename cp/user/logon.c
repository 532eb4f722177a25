/*
 * LOGON, reconnect, LOGOFF and DISCONNECT. A logon is checked against the logon guard
 * (cp/logon_guard.h: repeated failures per user ID and per terminal are throttled), then the
 * directory's password hash; failures get one message that does not say which part was
 * wrong, and a journal line on the operator's console. A user already logged on is
 * reconnected: from a disconnected machine, or taken over from another terminal. A new
 * user's machine is created with the directory's storage and IPLed as its IPL statement
 * says; without one, the user starts in CP READ. The sessions (struct user) live here, one
 * bound to each user's machine from LOGON or XAUTOLOG to LOGOFF. Tested by
 * tests/unit/test_logon.c.
 */
#include <arch/hw.h>
#include <cp/assert.h>
#include <cp/cmd.h>
#include <cp/logon_guard.h>
#include <cp/msg.h>
#include <cp/nss.h>
#include <cp/system.h>
#include <cp/term.h>
#include <cp/tod.h>
#include <cp/user.h>
#include <cp/users.h>
#include <cp/vmm.h>
#include <cp/vur.h>
#include <lib/format.h>
#include <lib/string.h>

char logon_message[LOGMSG_LINES][LOGMSG_LEN + 1];

/* One session per machine at most: there is always a free one for a new machine. */
static struct user sessions[VM_MAX_MACHINES];

struct vm *user_create(const char *userid, uint64_t storage, uint32_t classes, int *why)
{
	struct vm *vm = vm_create(userid, storage, why);
	struct user *u = 0;

	if (!vm)
		return 0;
	for (unsigned i = 0; i < VM_MAX_MACHINES && !u; i++)
		if (!sessions[i].vm)
			u = &sessions[i];
	ASSERT(u);
	memset(u, 0, sizeof(*u));
	u->vm = vm;
	u->classes = classes;
	vm->user = u;
	return vm;
}

void user_destroy(struct vm *vm)
{
	if (vm->user)
		vm->user->vm = 0;
	vm->user = 0;
	vm_destroy(vm);
}

static void hhmmss(char *buf, size_t size, uint64_t tod)
{
	struct civil_time c;

	tod_to_civil(tod, &c);
	ksnprintf(buf, size, "%02d:%02d:%02d", c.hour, c.minute, c.second);
}

static void user_msg(struct vm *vm, enum msg_id id, ...)
{
	char line[200];
	va_list ap;

	va_start(ap, id);
	msg_vformat(line, sizeof(line), id, ap);
	va_end(ap);
	user_output(vm, line, strlen(line));
}

static void logon_banner(struct vm *vm)
{
	char when[64];
	bool any = false;

	user_printf(vm, "%s Version %d Release %d.%d, service level %s (64-bit)", VM64_NAME,
		    VM64_VERSION, VM64_RELEASE, VM64_MODLEVEL, VM64_SERVICE);
	for (unsigned i = 0; i < LOGMSG_LINES; i++) {
		if (logon_message[i][0]) {
			user_printf(vm, "%s", logon_message[i]);
			any = true;
		}
	}
	if (!any)
		user_printf(vm, "There is no logmsg data");
	format_tod_when(when, sizeof(when), hw_tod_clock());
	user_printf(vm, "LOGON AT %s", when);
}

static void reconnect(struct term *t, struct vm *vm, uint16_t devno)
{
	char when[64];

	if (vm->user->term && vm->user->term != t) {
		char msg[80];

		msg_format(msg, sizeof(msg), MSG_TAKEN_OVER, vm->userid, devno);
		term_detach(vm->user->term, msg);
	}
	vm->user->term = t;
	vm->user->connect_tod = hw_tod_clock();
	term_attach(t, vm);
	format_tod_when(when, sizeof(when), vm->user->connect_tod);
	user_printf(vm, "RECONNECTED AT %s", when);
	operator_msg(MSG_USER_JOURNAL, vm->userid, "reconnected", devno);
}

/* The user's machine as the directory describes it; *unfixed: OPTION V=F could not be had. */
static struct vm *create_machine(const struct user_entry *u, bool *unfixed, char *why,
				 size_t why_size)
{
	int reason;
	struct vm *vm = user_create(u->userid, u->storage, u->classes, &reason);

	if (!vm) {
		if (reason == MSG_TOO_MANY_USERS)
			msg_format(why, why_size, MSG_TOO_MANY_USERS, (unsigned)VM_MAX_MACHINES);
		else
			msg_format(why, why_size, (enum msg_id)reason, u->userid);
		return 0;
	}
	*unfixed = vm_define_from_directory(vm, u) != 0;
	return vm;
}

/* The IPL statement: a named system. Without one the user starts in CP READ. */
static void directory_ipl(struct vm *vm, const struct user_entry *u)
{
	const struct nss_image *image;

	if (!u->ipl_name[0])
		return;
	image = nss_find(u->ipl_name);
	if (!image) {
		user_msg(vm, MSG_NO_SUCH_SYSTEM, u->ipl_name);
		return;
	}
	if (vm_ipl_nss(vm, image) != 0)
		user_msg(vm, MSG_NO_STORAGE, vm->userid);
}

int user_logon(struct term *t, uint16_t devno, const char *userid, const char *password,
	       char *why, size_t why_size)
{
	uint64_t now_us = tod_to_us(hw_tod_clock());
	unsigned wait = guard_check(userid, devno, now_us);
	struct user_entry u;
	struct vm *vm;
	bool unfixed;

	if (wait) {
		msg_format(why, why_size, MSG_LOGON_THROTTLED, wait);
		operator_msg(MSG_LOGON_JOURNAL, userid, devno, "refused while throttled");
		return -1;
	}
	if (dir_lookup(userid, &u) != 0 || u.nolog || !dir_password_ok(userid, password)) {
		char what[48];
		unsigned n = guard_failed(userid, devno, now_us);

		ksnprintf(what, sizeof(what), "incorrect user ID or password (%u in a row)", n);
		msg_format(why, why_size, MSG_LOGON_FAILED);
		operator_msg(MSG_LOGON_JOURNAL, userid, devno, what);
		return -1;
	}
	guard_succeeded(userid, devno);
	vm = vm_find(u.userid);
	if (vm) {
		reconnect(t, vm, devno);
		return 0;
	}
	vm = create_machine(&u, &unfixed, why, why_size);
	if (!vm)
		return -1;
	vm->user->term = t;
	vm->user->connect_tod = vm->logon_tod;
	term_attach(t, vm);
	logon_banner(vm);
	for (unsigned i = 0; i < VM_MAX_DISKS; i++)
		if (vm->disks[i].bd.ops && vm->disks[i].stand_in)
			user_msg(vm, MSG_MDISK_STAND_IN, vm->disks[i].bd.devno, vm->disks[i].volser);
	for (unsigned i = 0; i < VM_MAX_DISKS; i++) {
		char note[120];

		if (vm_disk_forced_ro_line(vm, &vm->disks[i], note, sizeof(note)))
			user_output(vm, note, strlen(note));
	}
	if (unfixed)
		user_msg(vm, MSG_FIXED_UNAVAILABLE, (unsigned long long)(u.storage >> 20),
			 vm->userid);
	operator_msg(MSG_USER_JOURNAL, vm->userid, "logged on", devno);
	directory_ipl(vm, &u);
	return 0;
}

int user_prelogon_line(const char *line, char *userid, size_t userid_size, char *msg,
		       size_t msg_size)
{
	struct cmd_args args;

	if (cmd_tokenize(line, &args) <= 0)
		return 0;
	if (cmd_abbrev_matches(args.argv[0], "LOGON", 1) ||
	    cmd_abbrev_matches(args.argv[0], "LOGIN", 5)) {
		if (args.argc < 2 || strlen(args.argv[1]) > VM_USERID_MAX) {
			msg_format(msg, msg_size, MSG_LOGON_USERID_MISSING);
			return -1;
		}
		strlcpy(userid, args.argv[1], userid_size);
		return 1;
	}
	msg_format(msg, msg_size, MSG_NOT_LOGGED_ON_YET, args.argv[0]);
	return -1;
}

struct vm *user_operator_logon(void)
{
	struct user_entry u;
	char why[120];
	struct vm *vm;
	bool unfixed;

	if (dir_lookup("OPERATOR", &u) != 0) {
		memset(&u, 0, sizeof(u));
		strlcpy(u.userid, "OPERATOR", sizeof(u.userid));
		u.classes = CLASS_ALL_AG;
		u.storage = 1ULL << 20;
	}
	vm = create_machine(&u, &unfixed, why, sizeof(why));
	if (!vm)
		return 0;
	vm->user->at_line_console = true;
	if (unfixed)
		user_msg(vm, MSG_FIXED_UNAVAILABLE, (unsigned long long)(u.storage >> 20),
			 vm->userid);
	vm->user->connect_tod = vm->logon_tod;
	return vm;
}

void user_logoff(struct vm *vm, const char *how)
{
	char connect[16], cpu[16], when[16], msg[LOGMSG_LEN + 1];
	struct term *t = vm->user->term;
	uint64_t now = hw_tod_clock();

	if (vm->user->at_line_console) {
		/* OPERATOR belongs to the operator's console: a 3270 just lets go of it. */
		if (t) {
			vm->user->term = 0;
			term_detach(t, "");
		}
		operator_printf("%s", how ? how : "");
		return;
	}
	format_tod_span(connect, sizeof(connect), now - vm->logon_tod);
	format_cpu_time(cpu, sizeof(cpu), vm->vcpu.cpu_time);
	hhmmss(when, sizeof(when), now);
	user_printf(vm, "CONNECT= %s VIRTCPU= %s TOTCPU= %s", connect, cpu, cpu);
	ksnprintf(msg, sizeof(msg), "%s %s AT %s%s%s", vm->userid, how ? "FORCED OFF" : "LOGGED OFF",
		  when, how ? " BY " : "", how ? how : "");
	if (t) {
		vm->user->term = 0;
		term_detach(t, msg);
	}
	if (t)
		operator_msg(MSG_USER_JOURNAL, vm->userid, "logged off", term_devno(t));
	else
		operator_msg(MSG_USER_JOURNAL_DSC, vm->userid, "logged off");
	user_destroy(vm);
}

void user_logoff_all(void)
{
	for (unsigned i = 0; i < VM_MAX_MACHINES; i++) {
		struct vm *vm = vm_slot(i);

		if (!vm)
			continue;
		if (vm->user->at_line_console)
			vur_close_output(vm);
		else
			user_logoff(vm, 0);
	}
}

void user_disconnect(struct vm *vm, const char *how)
{
	struct term *t = vm->user->term;
	char when[16], msg[LOGMSG_LEN + 1];

	if (!t)
		return;
	hhmmss(when, sizeof(when), hw_tod_clock());
	ksnprintf(msg, sizeof(msg), "%s DISCONNECTED AT %s%s%s", vm->userid, when, how ? " " : "",
		  how ? how : "");
	vm->user->term = 0;
	term_detach(t, msg);
	operator_msg(MSG_USER_JOURNAL, vm->userid, "disconnected", term_devno(t));
	/* A disconnected machine runs on: CP READ would hold it with nobody to say BEGIN. */
	user_begin(vm);
}
