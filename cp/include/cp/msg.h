/*
 * CP's numbered messages, z/VM style: "VMCmmmnnnS text", where VMC names VM/64's CP, mmm
 * the module, nnn the number and S the severity (I information, W warning, E error,
 * S severe). Every message users can see is one row of the table in cp/msg.c, so tests and
 * documentation refer to it by number.
 * Covered by tests/unit/test_operator.c and tests/unit/test_cmd.c.
 */
#ifndef CP_MSG_H
#define CP_MSG_H

#include <stdarg.h>
#include <stddef.h>

enum msg_id {
	MSG_UNKNOWN_COMMAND,     /* VMCCMD001E */
	MSG_INVALID_OPTION,      /* VMCCMD003E */
	MSG_OPERAND_MISSING,     /* VMCCMD026E */
	MSG_EXTRA_OPERAND,       /* VMCCMD004E */
	MSG_NOT_AUTHORIZED,      /* VMCCMD546E */
	MSG_LINE_TOO_LONG,       /* VMCCMD002E */
	MSG_NO_HELP,             /* VMCHLP005E */
	MSG_SHUTDOWN_STARTED,    /* VMCSHU961I */
	MSG_SHUTDOWN_COMPLETE,   /* VMCSHU960I */
	MSG_CP_READY,            /* VMCIPL002I */
	MSG_NOT_IN_DIRECTORY,    /* VMCCMD053E */
	MSG_NOT_LOGGED_ON,       /* VMCCMD045E */
	MSG_ALREADY_LOGGED_ON,   /* VMCLGA054E */
	MSG_NO_SUCH_SYSTEM,      /* VMCIPL042E */
	MSG_NO_STORAGE,          /* VMCLGA172E */
	MSG_TOO_MANY_USERS,      /* VMCLGA067E */
	MSG_XAUTOLOG_ACCEPTED,   /* VMCXAU002I */
	MSG_FORCED,              /* VMCFRC003I */
	MSG_DISABLED_WAIT,       /* VMCDSP450W */
	MSG_VALIDITY,            /* VMCDSP451W */
	MSG_GUEST_STOPPED,       /* VMCDSP452I */
	MSG_NO_REAL_STORAGE,     /* VMCDSP453E */
	MSG_LOGON_USERID_MISSING, /* VMCLGA020E */
	MSG_ENTER_PASSWORD,      /* VMCLGA008R */
	MSG_NOT_LOGGED_ON_YET,   /* VMCLGA021E */
	MSG_LOGON_FAILED,        /* VMCLGA050E */
	MSG_LOGON_THROTTLED,     /* VMCLGA051E */
	MSG_LOGON_JOURNAL,       /* VMCLGA052W */
	MSG_USER_JOURNAL,        /* VMCLGA060I */
	MSG_TAKEN_OVER,          /* VMCLGA061I */
	MSG_USER_JOURNAL_DSC,    /* VMCLGA062I */
	MSG_NOT_RECEIVING,       /* VMCMSG057I */
	MSG_SHUTDOWN_WARNING,    /* VMCSHU962W */
	MSG_IPL_DEVICE,          /* VMCIPL043E */
	MSG_OPERATOR_STAYS,      /* VMCLGF001I */
	MSG_NO_TERMINAL,         /* VMCTRM002E */
	MSG_FORCED_BY,           /* VMCFRC004I */
	MSG_NO_VIRTUAL_DASD,     /* VMCQVD022I */
	MSG_INDICATE_OWN_ONLY,   /* VMCIND007E */
	MSG_PGM_LOOP,            /* VMCDSP454E */
	MSG_NO_GUEST_DAT,        /* VMCDSP455E */
	MSG_DASD_ONLINE,         /* VMCDAS001I */
	MSG_DASD_MISSING,        /* VMCDAS002W */
	MSG_DASD_DUPLICATE,      /* VMCDAS003W */
	MSG_DASD_UNKNOWN,        /* VMCDAS004I */
	MSG_DASD_NO_LABEL,       /* VMCDAS005I */
	MSG_DASD_SMALL,          /* VMCDAS006W */
	MSG_DASD_ONLINE_CKD,     /* VMCDAS007I */
	MSG_DASD_WRONG_TYPE,     /* VMCDAS008W */
	MSG_SYSRES_NEW,          /* VMCDAS010I */
	MSG_SYSRES_DAMAGED,      /* VMCDAS011E */
	MSG_SYSRES_NOT_CLEAN,    /* VMCDAS012W */
	MSG_SYSRES_CLEAN,        /* VMCDAS013I */
	MSG_SYSRES_NONE,         /* VMCDAS014W */
	MSG_SYSRES_READ_FAILED,  /* VMCDAS015E */
	MSG_SYSRES_WRITE_FAILED, /* VMCDAS016E */
	MSG_BENCH_NOT_ONLINE,    /* VMCDAS020E */
	MSG_BENCH_OWNED,         /* VMCDAS021E */
	MSG_BENCH_IO,            /* VMCDAS022E */
	MSG_BENCH_DATA,          /* VMCDAS023E */
	MSG_NO_REAL_DASD,        /* VMCQDA007I */
	MSG_MDISK_STAND_IN,      /* VMCLGA080W */
	MSG_FIXED_UNAVAILABLE,   /* VMCLGA081W */
	MSG_LINKED,              /* VMCLNK100I */
	MSG_LINK_FORCED_RO,      /* VMCLNK101E */
	MSG_LINK_FORCED_RW,      /* VMCLNK102E */
	MSG_LINK_FORCED_RWRO,    /* VMCLNK103E */
	MSG_LINK_REFUSED_RO,     /* VMCLNK104E */
	MSG_LINK_REFUSED_RW,     /* VMCLNK105E */
	MSG_LINK_REFUSED_RWRO,   /* VMCLNK106E */
	MSG_LINK_NO_MDISK,       /* VMCLNK107E */
	MSG_LINK_NOT_MOUNTED,    /* VMCLNK108E */
	MSG_LINK_VDEV_IN_USE,    /* VMCLNK110E */
	MSG_LINK_PASSWORD,       /* VMCLNK113E */
	MSG_LINK_NO_ROOM,        /* VMCLNK114E */
	MSG_DETACHED,            /* VMCDET001I */
	MSG_NO_SUCH_DEVICE,      /* VMCDET040E */
	MSG_NO_LINKS,            /* VMCQLK001I */
	MSG_ATTACHED,            /* VMCATT001I */
	MSG_ATTACHED_BY,         /* VMCATT002I */
	MSG_ATT_VDEV_IN_USE,     /* VMCATT120E */
	MSG_ATT_ALREADY,         /* VMCATT122E */
	MSG_ATT_CP_OWNED,        /* VMCATT123E */
	MSG_ATT_IN_USE,          /* VMCATT124E */
	MSG_ATT_NOT_AVAILABLE,   /* VMCATT127E */
	MSG_ATT_NOT_DASD,        /* VMCATT128E */
	MSG_ATT_NO_ROOM,         /* VMCATT129E */
	MSG_ATT_CKD,             /* VMCATT130E */
	MSG_DETACHED_FROM,       /* VMCDET002I */
	MSG_DETACHED_BY,         /* VMCDET003I */
	MSG_NOT_ATTACHED_TO,     /* VMCDET044E */
	MSG_VARIED_ONLINE,       /* VMCVRY001I */
	MSG_VARIED_OFFLINE,      /* VMCVRY002I */
	MSG_VARY_ALREADY,        /* VMCVRY003E */
	MSG_VARY_REFUSED,        /* VMCVRY004E */
	MSG_SPOOL_WARM,          /* VMCSPL001I */
	MSG_SPOOL_NEW,           /* VMCSPL002I */
	MSG_SPOOL_OPEN_DROPPED,  /* VMCSPL003W */
	MSG_SPOOL_DAMAGED,       /* VMCSPL004E */
	MSG_SPOOL_COPY_BAD,      /* VMCSPL005W */
	MSG_SPOOL_COLD,          /* VMCSPL006I */
	MSG_SPOOL_MAP_BAD,       /* VMCSPL007E */
	MSG_SPOOL_NONE,          /* VMCSPL008W */
	MSG_SPOOL_RDR_ARRIVED,   /* VMCSPL009I: RDR FILE nnnn SENT FROM ... */
	MSG_SPOOL_SENT,          /* VMCSPL010I: PUN FILE nnnn SENT TO ... */
	MSG_SPOOL_FULL,          /* VMCSPL011E */
	MSG_SPOOL_NO_FILE,       /* VMCSPL012E */
	MSG_SPOOL_FILES_PURGED,  /* VMCSPL013I */
	MSG_SPOOL_NO_DEVICE,     /* VMCSPL014E */
	MSG_SPOOL_OFF,           /* VMCSPL015E */
	MSG_SPOOL_CHANGED,       /* VMCSPL016I */
	MSG_SPOOL_TRANSFERRED,   /* VMCSPL017I */
	MSG_SPOOL_NO_FILES,      /* VMCSPL018I */
	MSG_SPOOL_CLOSED,        /* VMCSPL019I */
	MSG_SPOOL_IPL_NO_FILE,   /* VMCSPL020E */
	MSG_SPOOL_ARRIVED_OP,    /* VMCSPL021I */
	MSG_SPOOL_SAVED,         /* VMCSPL022I */
	MSG_SPOOL_ORDERED,       /* VMCSPL023I */
	MSG_BENCH_SPOOL,         /* VMCDAS024E */
	MSG_RUR_NONE,            /* VMCSPL025E: real unit-record device does not exist */
	MSG_RUR_STATE,           /* VMCSPL026I: RDR|PRT rdev STARTED|DRAINED ... */
	MSG_RUR_READ,            /* VMCSPL027I: a deck read into a user's reader */
	MSG_RUR_NO_ID,           /* VMCSPL028E: a deck without a valid ID card */
	MSG_RUR_PRINTED,         /* VMCSPL029I: a printer file printed */
	MSG_RUR_IO,              /* VMCSPL030E: a real unit-record device failed */
	MSG_CPU_DEFINED,         /* VMCDEF031I: DEFINE CPU */
	MSG_CPU_EXISTS,          /* VMCDEF032E */
	MSG_CPU_BEYOND_MAX,      /* VMCDEF033E: beyond MACHINE ESA n */
	MSG_CPU_NOT_DEFINED,     /* VMCDEF034E */
	MSG_CPU_BASE,            /* VMCDEF035E: DETACH CPU 00 */
	MSG_CPU_DETACHED,        /* VMCDEF036I */
	MSG_CONMODE_UNSUPPORTED, /* VMCTRM003E: TERMINAL CONMODE 3270: the console is a 3215 */
	MSG_INVALID_HEXLOC,      /* VMCCMD005E: DISPLAY/STORE storage operand */
	MSG_HEXLOC_BEYOND_STORAGE, /* VMCCMD160E */
	MSG_STORE_COMPLETE,      /* VMCCMD161I: STORE */
	MSG_RESTART_CHECK_STOP,  /* VMCCMD162E: SYSTEM RESTART of a check-stopped CPU */
	MSG_DIR_BAD_SHARE,       /* VMCDIR751E: the directory's SHARE statement (dirc) */
	MSG_DIR_SHARE_TWICE,     /* VMCDIR752E */
	MSG_COUNT
};

struct msg_def {
	const char *id;     /* "VMCCMD001E" */
	const char *format; /* printf format of the text */
	int rc;             /* the command return code that goes with it */
};

const struct msg_def *msg_lookup(enum msg_id id);

/* Formats "ID text" into buf; returns the message's return code. */
int msg_vformat(char *buf, size_t size, enum msg_id id, va_list ap);
int msg_format(char *buf, size_t size, enum msg_id id, ...);
/* Formats the message (up to 159 characters) and hands the line to say, unless say is 0. */
void msg_say(void (*say)(const char *line), enum msg_id id, ...);

#endif
