/*
 * Who VM/64 is, in the one place CP, CMS and the test guests all read it: the banner, QUERY
 * CPLEVEL, the logo, DIAGNOSE X'00', STSI 3.2.2 and CMS's IDENTIFY come from these values.
 * Checked by tests/unit/test_cmd.c (QUERY CPLEVEL) and the guests' setup (tests/guest/lib).
 */
#ifndef VM64_VERSION_H
#define VM64_VERSION_H

#define VM64_NAME        "VM/64"     /* DIAG X'00' system name, banner, QUERY CPLEVEL */
/*
 * STSI 3.2.2's control-program name: the interface VM/64 offers its guests is z/VM's, and
 * Linux takes its z/VM paths (3215 console, DIAG X'08', IUCV query) only for a name starting
 * "z/VM" (arch/s390/kernel/early.c detect_machine_type). The level after it is VM/64's own.
 */
#define VM64_STSI_CP_NAME "z/VM"
#define VM64_SYSTEM_ID   "VM64"      /* the system name in every screen's status area */
#define VM64_LOGO_INFO   "An open CP/CMS time-sharing system for 64-bit s390x"
#define VM64_VERSION     0
#define VM64_RELEASE     1
#define VM64_MODLEVEL    0
#define VM64_SERVICE     "0001"

#endif
