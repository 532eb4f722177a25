/*
 * The DIAGNOSE interface between CP and the programs it runs, in the one place CP
 * (cp/icpt/diag.c), CMS (cms/diag.c, cms/disks.c) and the test guests (tests/guest/lib/diag.h)
 * read it. Register conventions and layouts are z/VM's (CP Programming Services, "DIAGNOSE
 * Instruction in a Virtual Machine"); DIAG X'250' has its own header, vm64/diag250.h.
 * Covered by tests/unit/test_icpt.c and the guest suite tests/guest/diag.c on both engines.
 */
#ifndef VM64_DIAG_H
#define VM64_DIAG_H

/* Text crossing the DIAG interface is EBCDIC (code page 037) with X'15' between lines. */
#define DIAG_EBCDIC_NL 0x15

/* DIAG X'00', store extended identification: 40 bytes at Rx (doubleword aligned), Ry long. */
#define DIAG00_LEN      40
#define DIAG00_NAME     0  /* 8 EBCDIC: the control program's name */
#define DIAG00_VERSION  10 /* version number */
#define DIAG00_VCODE    11 /* the real CPU's version code */
#define DIAG00_CPU_ADDR 14 /* 2: the CPU address */
#define DIAG00_USERID   16 /* 8 EBCDIC: the virtual machine's user ID */
#define DIAG00_PRODUCTS 24 /* 8: licensed-program bit map */
#define DIAG00_TZ_DELTA 32 /* 4: time-zone offset from UTC in seconds */
#define DIAG00_RELEASE  36 /* release, then modification level */
#define DIAG00_Y2K      0x04 /* in the bit map's second byte: dates are year-2000 ready */

/* DIAG X'08', CP command: Rx text, Ry flags (first byte of the low word) and length. */
#define DIAG08_FLAG_RESPONSE 0x40 /* the response goes to the buffer at R(x+1), R(y+1) long */
#define DIAG08_RESPONSE_BIT  ((unsigned long)DIAG08_FLAG_RESPONSE << 24) /* as in Ry */
#define DIAG08_MAX_CMD       240  /* bytes of command text CP takes */

/* DIAG X'24', device type and features: class and type (z/VM's "CP370 Device Types"). */
#define DIAG24_CLASS_TERM  0x80 /* CLASTERM */
#define DIAG24_TYPE_3215   0x00
#define DIAG24_CLASS_FBA   0x01 /* CLASFBA */
#define DIAG24_TYPE_9336   0x40
#define DIAG24_CLASS_DASD  0x04 /* CLASDASD: count-key-data */
#define DIAG24_TYPE_3390   0x82 /* a 3390 minidisk (cp/vdev/vckd.c) */
#define DIAG24_CLASS_URI   0x20 /* CLASURI: unit-record input (the virtual reader) */
#define DIAG24_CLASS_URO   0x10 /* CLASURO: unit-record output (punch, printer) */
#define DIAG24_TYPE_2540   0x20 /* 2540 reader or punch */
#define DIAG24_TYPE_1403   0x41 /* 1403 printer */
#define DIAG24_FLAG_RDONLY 0x80 /* VDEVFLAG for DASD: read-only */
#define DIAG24_FLAG_VDISK  0x01 /* VDEVFLAG for DASD: a V-DISK, gone at LOGOFF (VM/64's) */

/*
 * DIAG X'260', access certain virtual-machine information: the subcode is in Ry. Subcode X'10'
 * lists the storage extents: Rx (even) holds the address of a doubleword-aligned buffer, R(x+1)
 * its length; each extent is two doublewords, the first and the last byte address. Ry comes
 * back with the number of extents the machine has (the buffer may hold fewer), cc 0. Linux's
 * boot code (arch/s390/boot/mem_detect.c) sizes storage this way when SCLP offers no storage
 * information.
 */
#define DIAG260_STORAGE_EXTENTS 0x10
#define DIAG260_EXTENT_LEN      16

#endif
