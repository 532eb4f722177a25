/*
 * The table of CP's numbered messages (see cp/msg.h). Numbers follow z/VM's where a z/VM
 * message means the same thing, so a z/VM user recognises them.
 * Covered by tests/unit/test_operator.c and tests/unit/test_cmd.c.
 */
#include <cp/msg.h>
#include <lib/format.h>

static const struct msg_def messages[MSG_COUNT] = {
	[MSG_UNKNOWN_COMMAND]   = { "VMCCMD001E", "Unknown CP command: %s", 1 },
	[MSG_LINE_TOO_LONG]     = { "VMCCMD002E", "Command line too long; the limits are %u characters and %u operands", 2 },
	[MSG_INVALID_OPTION]    = { "VMCCMD003E", "Invalid option - %s", 3 },
	[MSG_EXTRA_OPERAND]     = { "VMCCMD004E", "Too many operands; %s is not expected", 4 },
	[MSG_OPERAND_MISSING]   = { "VMCCMD026E", "Operand missing or invalid", 26 },
	[MSG_NOT_AUTHORIZED]    = { "VMCCMD546E", "%s command not valid for your privilege class", 546 },
	[MSG_NO_HELP]           = { "VMCHLP005E", "No help is available for %s", 5 },
	[MSG_SHUTDOWN_STARTED]  = { "VMCSHU961I", "System shutdown initiated by %s", 0 },
	[MSG_SHUTDOWN_COMPLETE] = { "VMCSHU960I", "System shutdown complete", 0 },
	[MSG_CP_READY]          = { "VMCIPL002I", "CP ready; enter a command, or HELP for a list", 0 },
	[MSG_NOT_IN_DIRECTORY]  = { "VMCCMD053E", "%s not in CP directory", 53 },
	[MSG_NOT_LOGGED_ON]     = { "VMCCMD045E", "%s not logged on", 45 },
	[MSG_ALREADY_LOGGED_ON] = { "VMCLGA054E", "%s is already logged on", 54 },
	[MSG_NO_SUCH_SYSTEM]    = { "VMCIPL042E", "System %s does not exist", 42 },
	[MSG_NO_STORAGE]        = { "VMCLGA172E", "Not enough real storage to create %s", 172 },
	[MSG_TOO_MANY_USERS]    = { "VMCLGA067E", "Maximum number of users (%u) already logged on", 67 },
	[MSG_XAUTOLOG_ACCEPTED] = { "VMCXAU002I", "%s started with IPL %s, storage %lluM", 0 },
	[MSG_FORCED]            = { "VMCFRC003I", "%s forced off; %llu real frames returned", 0 },
	[MSG_DISABLED_WAIT]     = { "VMCDSP450W", "%s entered disabled wait, PSW %016llX %016llX", 0 },
	[MSG_VALIDITY]          = { "VMCDSP451W", "%s stopped: the engine refused its state (%s %u)", 0 },
	[MSG_GUEST_STOPPED]     = { "VMCDSP452I", "%s stopped by its own SIGP; PSW %016llX %016llX", 0 },
	[MSG_NO_REAL_STORAGE]   = { "VMCDSP453E", "%s stopped: real storage is exhausted; FORCE it to free its frames", 0 },
	[MSG_LOGON_USERID_MISSING] = { "VMCLGA020E", "Enter LOGON followed by a user ID of 1 to 8 characters", 20 },
	[MSG_ENTER_PASSWORD]    = { "VMCLGA008R", "Enter your password (it will not appear when typed):", 0 },
	[MSG_NOT_LOGGED_ON_YET] = { "VMCLGA021E", "%s is not valid before LOGON; enter LOGON userid", 21 },
	[MSG_LOGON_FAILED]      = { "VMCLGA050E", "LOGON unsuccessful--incorrect user ID or password", 50 },
	[MSG_LOGON_THROTTLED]   = { "VMCLGA051E", "LOGON refused after repeated failures; try again in %u seconds", 51 },
	[MSG_LOGON_JOURNAL]     = { "VMCLGA052W", "LOGON failed for %s at terminal %04X: %s", 0 },
	[MSG_USER_JOURNAL]      = { "VMCLGA060I", "%s %s at terminal %04X", 0 },
	[MSG_USER_JOURNAL_DSC]  = { "VMCLGA062I", "%s %s (disconnected)", 0 },
	[MSG_TAKEN_OVER]        = { "VMCLGA061I", "%s reconnected at terminal %04X", 0 },
	[MSG_NOT_RECEIVING]     = { "VMCMSG057I", "%s not receiving; %s", 57 },
	[MSG_SHUTDOWN_WARNING]  = { "VMCSHU962W", "System shutdown started by %s; all users will be logged off", 0 },
	[MSG_IPL_DEVICE]        = { "VMCIPL043E", "IPL of device %s is not supported; IPL a named system", 43 },
	[MSG_OPERATOR_STAYS]    = { "VMCLGF001I", "OPERATOR stays logged on at the operator's console", 0 },
	[MSG_NO_TERMINAL]       = { "VMCTRM002E", "TERMINAL %s needs a 3270 terminal", 2 },
	[MSG_FORCED_BY]         = { "VMCFRC004I", "%s forced off by %s", 0 },
	[MSG_NO_VIRTUAL_DASD]   = { "VMCQVD022I", "No virtual DASD defined", 0 },
	[MSG_INDICATE_OWN_ONLY] = { "VMCIND007E", "Invalid userid - %s; class G may INDICATE only its own user ID", 7 },
	[MSG_PGM_LOOP]          = { "VMCDSP454E", "%s stopped: program interruption loop; PSW %016llX %016llX", 0 },
	[MSG_NO_GUEST_DAT]      = { "VMCDSP455E", "%s stopped: DAT not supported by this engine (trap-and-emulate); PSW %016llX %016llX", 0 },
	[MSG_DASD_ONLINE]       = { "VMCDAS001I", "Volume %s (%s) online at %04X, %llu blocks", 0 },
	[MSG_DASD_MISSING]      = { "VMCDAS002W", "Volume %s (%s) is not online: no device has its label", 0 },
	[MSG_DASD_DUPLICATE]    = { "VMCDAS003W", "Volume %s at %04X not used: it is already online at %04X", 0 },
	[MSG_DASD_UNKNOWN]      = { "VMCDAS004I", "DASD %04X volume %s is not in SYSTEM CONFIG; not used", 0 },
	[MSG_DASD_NO_LABEL]     = { "VMCDAS005I", "DASD %04X has no volume label; not used", 0 },
	[MSG_DASD_SMALL]        = { "VMCDAS006W", "Volume %s has %llu blocks; SYSTEM CONFIG says %llu", 0 },
	[MSG_DASD_ONLINE_CKD]   = { "VMCDAS007I", "Volume %s (%s) online at %04X, 3390, %u cylinders", 0 },
	[MSG_DASD_WRONG_TYPE]   = { "VMCDAS008W", "Volume %s at %04X not used: it is %s, SYSTEM CONFIG says %s", 0 },
	/* CP's checkpoint header on the SYSRES volume (cp/dasd/sysres.c) */
	[MSG_SYSRES_NEW]        = { "VMCDAS010I", "Volume %s: CP checkpoint header created", 0 },
	[MSG_SYSRES_DAMAGED]    = { "VMCDAS011E", "Volume %s: CP checkpoint header damaged (%s); rewritten", 0 },
	[MSG_SYSRES_NOT_CLEAN]  = { "VMCDAS012W", "The last run of the system (IPL at %s) ended without SHUTDOWN", 0 },
	[MSG_SYSRES_CLEAN]      = { "VMCDAS013I", "The last run of the system ended with SHUTDOWN at %s", 0 },
	[MSG_SYSRES_NONE]       = { "VMCDAS014W", "No SYSRES volume online: CP checkpoint header not kept", 0 },
	[MSG_SYSRES_READ_FAILED] = { "VMCDAS015E", "Volume %s: CP checkpoint header cannot be read; not kept", 0 },
	[MSG_SYSRES_WRITE_FAILED] = { "VMCDAS016E", "Volume %s: CP checkpoint header cannot be written", 0 },
	/* DASD BENCH (cp/cmd/dasd_bench.c) */
	[MSG_BENCH_NOT_ONLINE]  = { "VMCDAS020E", "Volume %s is not online", 20 },
	[MSG_BENCH_OWNED]       = { "VMCDAS021E", "Blocks %llu-%llu of volume %s are not free: minidisk %03X of %s", 21 },
	[MSG_BENCH_IO]          = { "VMCDAS022E", "Volume %s: I/O error at block %llu", 22 },
	[MSG_BENCH_DATA]        = { "VMCDAS023E", "Volume %s: block %llu read back is not what was written", 23 },
	[MSG_NO_REAL_DASD]      = { "VMCQDA007I", "No real DASD", 0 },
	[MSG_MDISK_STAND_IN]    = { "VMCLGA080W", "Minidisk %03X: volume %s is not online; a temporary V-DISK stands in until LOGOFF", 0 },
	[MSG_FIXED_UNAVAILABLE] = { "VMCLGA081W", "No run of %lluM of real storage is free for V=F: the storage of %s is pageable", 0 },
	/* LINK (cp/cmd/link.c): z/VM's HCP101E-HCP113E, adapted; "by" names a user or counts them */
	[MSG_LINKED]            = { "VMCLNK100I", "DASD %04X LINKED %s; %s", 0 },
	[MSG_LINK_FORCED_RO]    = { "VMCLNK101E", "DASD %04X forced R/O; R/O by %s", 0 },
	[MSG_LINK_FORCED_RW]    = { "VMCLNK102E", "DASD %04X forced R/O; R/W by %s", 0 },
	[MSG_LINK_FORCED_RWRO]  = { "VMCLNK103E", "DASD %04X forced R/O; R/W by %s; R/O by %s", 0 },
	[MSG_LINK_REFUSED_RO]   = { "VMCLNK104E", "%s %04X not linked; R/O by %s", 104 },
	[MSG_LINK_REFUSED_RW]   = { "VMCLNK105E", "%s %04X not linked; R/W by %s", 105 },
	[MSG_LINK_REFUSED_RWRO] = { "VMCLNK106E", "%s %04X not linked; R/W by %s; R/O by %s", 106 },
	[MSG_LINK_NO_MDISK]     = { "VMCLNK107E", "%s %04X not linked; not in CP directory", 107 },
	[MSG_LINK_NOT_MOUNTED]  = { "VMCLNK108E", "%s %04X not linked; volid %s not mounted", 108 },
	[MSG_LINK_VDEV_IN_USE]  = { "VMCLNK110E", "%s %04X not linked; DASD %04X already defined", 110 },
	[MSG_LINK_PASSWORD]     = { "VMCLNK113E", "%s %04X not linked; mode or password incorrect", 113 },
	[MSG_LINK_NO_ROOM]      = { "VMCLNK114E", "%s %04X not linked; no room for more than %u disks", 114 },
	[MSG_DETACHED]          = { "VMCDET001I", "DASD %04X DETACHED", 0 },
	[MSG_NO_SUCH_DEVICE]    = { "VMCDET040E", "Device %04X does not exist", 40 },
	[MSG_NO_LINKS]          = { "VMCQLK001I", "DASD %04X has no links", 0 },
	[MSG_ATTACHED]          = { "VMCATT001I", "DASD %04X ATTACHED TO %s %04X%s", 0 },
	[MSG_ATTACHED_BY]       = { "VMCATT002I", "DASD %04X ATTACHED TO %s %04X BY %s%s", 0 },
	[MSG_ATT_VDEV_IN_USE]   = { "VMCATT120E", "DASD %04X not attached; %s %04X already defined", 120 },
	[MSG_ATT_ALREADY]       = { "VMCATT122E", "DASD %04X already attached to %s", 122 },
	[MSG_ATT_CP_OWNED]      = { "VMCATT123E", "DASD %04X CP owned", 123 },
	[MSG_ATT_IN_USE]        = { "VMCATT124E", "DASD %04X in use by %u users", 124 },
	[MSG_ATT_NOT_AVAILABLE] = { "VMCATT127E", "DASD %04X not available; it is offline", 127 },
	[MSG_ATT_NOT_DASD]      = { "VMCATT128E", "Device %04X is not a DASD", 128 },
	[MSG_ATT_NO_ROOM]       = { "VMCATT129E", "DASD %04X not attached; %s has no room for more than %u disks", 129 },
	[MSG_ATT_CKD]           = { "VMCATT130E", "DASD %04X not attached; it is a 3390 and CP dedicates FBA volumes only", 130 },
	[MSG_DETACHED_FROM]     = { "VMCDET002I", "DASD %04X DETACHED %s %04X", 0 },
	[MSG_DETACHED_BY]       = { "VMCDET003I", "DASD %04X DETACHED BY %s", 0 },
	[MSG_NOT_ATTACHED_TO]   = { "VMCDET044E", "DASD %04X not attached to %s", 44 },
	[MSG_VARIED_ONLINE]     = { "VMCVRY001I", "DASD %04X varied online", 0 },
	[MSG_VARIED_OFFLINE]    = { "VMCVRY002I", "DASD %04X varied offline", 0 },
	[MSG_VARY_ALREADY]      = { "VMCVRY003E", "DASD %04X is already %s", 3 },
	[MSG_VARY_REFUSED]      = { "VMCVRY004E", "DASD %04X not varied offline; %s", 4 },
	/* Spool (cp/spool/) */
	[MSG_SPOOL_WARM]        = { "VMCSPL001I", "Spool warm start: %u files, %u of %u pages in use (checkpoint %u)", 0 },
	[MSG_SPOOL_NEW]         = { "VMCSPL002I", "Spool area formatted: %u pages", 0 },
	[MSG_SPOOL_OPEN_DROPPED] = { "VMCSPL003W", "Spool file %04u (%s %s) was open when the last run ended; discarded", 0 },
	[MSG_SPOOL_DAMAGED]     = { "VMCSPL004E", "Spool checkpoint damaged in both copies; spooling is off until SPOOL COLD", 0 },
	[MSG_SPOOL_COPY_BAD]    = { "VMCSPL005W", "Spool checkpoint copy %c damaged (%s); the other copy used", 0 },
	[MSG_SPOOL_COLD]        = { "VMCSPL006I", "Spool cold start: %u files purged", 0 },
	[MSG_SPOOL_MAP_BAD]     = { "VMCSPL007E", "Spool page map inconsistent: %s", 0 },
	[MSG_SPOOL_NONE]        = { "VMCSPL008W", "No spool area: SYSRES volume not online; spooling is off", 0 },
	[MSG_SPOOL_RDR_ARRIVED] = { "VMCSPL009I", "RDR FILE %04u SENT FROM %-8s %s WAS %04u RECS %04u CPY  %03u %c %s %s", 0 },
	[MSG_SPOOL_SENT]        = { "VMCSPL010I", "%s FILE %04u SENT TO   %-8s RDR AS  %04u RECS %04u CPY  %03u %c %s %s", 0 },
	[MSG_SPOOL_FULL]        = { "VMCSPL011E", "Spool space is full; file %04u not extended", 11 },
	[MSG_SPOOL_NO_FILE]     = { "VMCSPL012E", "No such file %s", 12 },
	[MSG_SPOOL_FILES_PURGED] = { "VMCSPL013I", "%04u FILES PURGED", 0 },
	[MSG_SPOOL_NO_DEVICE]   = { "VMCSPL014E", "%s %s does not exist", 14 },
	[MSG_SPOOL_OFF]         = { "VMCSPL015E", "Spooling is off: %s", 15 },
	[MSG_SPOOL_CHANGED]     = { "VMCSPL016I", "%04u FILES CHANGED", 0 },
	[MSG_SPOOL_TRANSFERRED] = { "VMCSPL017I", "%04u FILES TRANSFERRED", 0 },
	[MSG_SPOOL_NO_FILES]    = { "VMCSPL018I", "NO %s FILES", 0 },
	[MSG_SPOOL_CLOSED]      = { "VMCSPL019I", "%s FILE %04u CLOSED RECS %04u CPY  %03u %c %s %s", 0 },
	[MSG_SPOOL_IPL_NO_FILE] = { "VMCSPL020E", "IPL %s: %s", 20 },
	[MSG_SPOOL_ARRIVED_OP]  = { "VMCSPL021I", "RDR FILE %04u SENT FROM %-8s RECS %04u TO %s", 0 },
	[MSG_SPOOL_SAVED]       = { "VMCSPL022I", "File %04u of %s: %u records, %u bytes follow", 0 },
	[MSG_SPOOL_ORDERED]     = { "VMCSPL023I", "%04u FILES ORDERED", 0 },
	[MSG_BENCH_SPOOL]       = { "VMCDAS024E", "Blocks %llu-%llu of volume %s are not free: CP's spool area", 24 },
	[MSG_RUR_NONE]          = { "VMCSPL025E", "Real device %s does not exist", 40 },
	[MSG_RUR_STATE]         = { "VMCSPL026I", "%s %04X %s %04X %s", 0 },
	[MSG_RUR_READ]          = { "VMCSPL027I", "RDR %04X: %u cards read, RDR FILE %04u SENT TO %s", 0 },
	[MSG_RUR_NO_ID]         = { "VMCSPL028E", "RDR %04X: deck of %u cards has no ID card for a user in the directory: %s", 28 },
	[MSG_RUR_PRINTED]       = { "VMCSPL029I", "PRT %04X: FILE %04u FROM %s PRINTED, %u lines", 0 },
	[MSG_RUR_IO]            = { "VMCSPL030E", "%s %04X: I/O error, status %02X sense %02X", 30 },
	[MSG_CPU_DEFINED]       = { "VMCDEF031I", "CPU %02X defined", 0 },
	[MSG_CPU_EXISTS]        = { "VMCDEF032E", "CPU %02X already defined", 32 },
	[MSG_CPU_BEYOND_MAX]    = { "VMCDEF033E", "CPU %02X exceeds the maximum of %u virtual CPUs (MACHINE ESA %u)", 33 },
	[MSG_CPU_NOT_DEFINED]   = { "VMCDEF034E", "CPU %02X does not exist", 34 },
	[MSG_CPU_BASE]          = { "VMCDEF035E", "CPU 00 is the base CPU and cannot be detached", 35 },
	[MSG_CPU_DETACHED]      = { "VMCDEF036I", "CPU %02X detached", 0 },
	[MSG_CONMODE_UNSUPPORTED] = { "VMCTRM003E", "CONMODE %s is not supported; the virtual console is a 3215", 3 },
	[MSG_INVALID_HEXLOC]    = { "VMCCMD005E", "Invalid hexloc - %s", 5 },
	[MSG_HEXLOC_BEYOND_STORAGE] = { "VMCCMD160E", "Hexloc %llX exceeds storage", 160 },
	[MSG_STORE_COMPLETE]    = { "VMCCMD161I", "Store complete", 0 },
	[MSG_RESTART_CHECK_STOP] = { "VMCCMD162E", "CPU %02X is in the check-stop state; SYSTEM RESTART not done", 162 },
	/* The directory's statements, found by dirc when it loads USER DIRECT (cp/dir/parse.c) */
	[MSG_DIR_BAD_SHARE]     = { "VMCDIR751E", "Invalid SHARE %.10s %.8s: RELATIVE 1-%u or ABSOLUTE 1-%u%%", 751 },
	[MSG_DIR_SHARE_TWICE]   = { "VMCDIR752E", "More than one SHARE statement for user %s", 752 },
};

const struct msg_def *msg_lookup(enum msg_id id)
{
	if ((unsigned)id >= MSG_COUNT)
		return 0;
	return &messages[id];
}

int msg_vformat(char *buf, size_t size, enum msg_id id, va_list ap)
{
	const struct msg_def *m = msg_lookup(id);
	int n;

	if (!m) {
		ksnprintf(buf, size, "VMCMSG000S Message %d is not defined", (int)id);
		return -1;
	}
	n = ksnprintf(buf, size, "%s ", m->id);
	if (n >= 0 && (size_t)n < size)
		kvsnprintf(buf + n, size - (size_t)n, m->format, ap);
	return m->rc;
}

int msg_format(char *buf, size_t size, enum msg_id id, ...)
{
	va_list ap;
	int rc;

	va_start(ap, id);
	rc = msg_vformat(buf, size, id, ap);
	va_end(ap);
	return rc;
}

void msg_say(void (*say)(const char *line), enum msg_id id, ...)
{
	char line[160];
	va_list ap;

	va_start(ap, id);
	msg_vformat(line, sizeof(line), id, ap);
	va_end(ap);
	if (say)
		say(line);
}
