/*
 * DIAGNOSE X'250', block I/O: the guest's interface to its disks, as VM/64 offers it. The
 * parameter lists and codes are z/VM's (z/VM CP Programming Services, "DIAGNOSE Code X'250'
 * - Block I/O"), in the 64-bit format only: the layouts are the ones Linux's
 * drivers/s390/block/dasd_diag.h uses against z/VM, the return codes and entry status
 * values the ones the manual lists (as Hercules' vmd250.c, written from it, has them).
 * CP (cp/icpt/diag250.c), CMS (cms/blockio.c) and the test guests code against this file.
 *
 *   DIAG Rx,Ry,X'250'
 *     Rx      guest real address of the BIOPL; Rx even, BIOPL doubleword aligned
 *             (else specification exception); a BIOPL not wholly in storage: addressing
 *     Ry      function code (low 32 bits): 0 INIT, 1 RW, 2 REMOVE; others: specification
 *     R(x+1)  return code (below), the whole register
 *     cc      0 success, 1 partial success, 2 failed (Block I/O never sets cc 3)
 *
 * BIOPL, 64 bytes, big-endian; reserved bytes must be zero (else specification exception):
 *   INIT   +0 devno (2)  +2 flaga (1): X'80' = 64-bit format, required (X'00', the 31-bit
 *          format, and other bits: specification exception)  +3..+23 reserved
 *          +24 block size (4): 512, 1024, 2048 or 4096  +28 reserved (4)
 *          +32 offset (8, signed)  +40 start block (8, stored) = 1 - offset
 *          +48 end block (8, stored) = the device's blocks of that size - offset
 *          +56 reserved (8)
 *          Block number b (start <= b <= end) is the device's block b + offset, counting
 *          the device's first block as 1.
 *   RW     +0 devno  +2 flaga (X'80')  +3..+23 reserved
 *          +24 key (1): bits 0-3 the access key (not checked: CP does not enforce storage
 *              keys yet), bits 4-7 reserved
 *          +25 flags (1): X'02' asynchronous - accepted and completed synchronously, with
 *              rc 0 and no external interruption X'2603'; X'01' no-cache, ignored;
 *              X'FC' reserved
 *          +26 reserved (2)  +28 block count (4): 1-256  +32 list ALET (4): ignored
 *          +36 reserved (4)  +40 interruption parameter (8): ignored (never presented)
 *          +48 address of the entry list (8, guest real)  +56 reserved (8)
 *   REMOVE +0 devno; the rest is ignored (Linux sends an INIT-shaped list, z/VM's REMOVE
 *          list is the device number and 62 reserved bytes)
 *
 * Entry list (RW): block count entries of 24 bytes, wholly in storage (else addressing
 * exception, and no entry is run):
 *   +0 type (1): X'01' write, X'02' read  +1 status (1, stored)  +2 reserved (2)
 *   +4 buffer ALET (4): must be 0  +8 block number (8, signed)
 *   +16 buffer address (8, guest real): one block of the INIT size
 * Entries run in order, each on its own: a failed entry gets its status and the rest still
 * run. A buffer outside storage or write-protected fails its entry; nothing else is touched.
 * Covered by tests/unit/test_diag250.c and tests/guest/vdisk.c.
 */
#ifndef VM64_DIAG250_H
#define VM64_DIAG250_H

/* Function codes (Ry). */
#define D250_INIT   0
#define D250_RW     1
#define D250_REMOVE 2

#define D250_BIOPL_LEN	    64
#define D250_FLAGA_64BIT    0x80
#define D250_FLAG_ASYNC	    0x02
#define D250_FLAG_NOCACHE   0x01
#define D250_FLAGS_RESERVED 0xfc
#define D250_KEY_RESERVED   0x0f
#define D250_MAX_ENTRIES    256
#define D250_ENTRY_LEN	    24
#define D250_TYPE_WRITE	    0x01
#define D250_TYPE_READ	    0x02

/* BIOPL offsets. */
#define D250_PL_DEVNO	    0
#define D250_PL_FLAGA	    2
#define D250_PL_BLOCK_SIZE  24 /* INIT */
#define D250_PL_OFFSET	    32 /* INIT */
#define D250_PL_START_BLOCK 40 /* INIT, stored */
#define D250_PL_END_BLOCK   48 /* INIT, stored */
#define D250_PL_KEY	    24 /* RW */
#define D250_PL_FLAGS	    25 /* RW */
#define D250_PL_COUNT	    28 /* RW */
#define D250_PL_ALET	    32 /* RW */
#define D250_PL_INTPARM	    40 /* RW */
#define D250_PL_LIST	    48 /* RW */

/* Entry offsets. */
#define D250_E_TYPE   0
#define D250_E_STATUS 1
#define D250_E_ALET   4
#define D250_E_BLOCK  8
#define D250_E_BUFFER 16

/* Return codes in R(x+1) (z/VM's), with their condition codes. */
#define D250_RC_OK	     0	/* cc 0: done (INIT: the device is read/write) */
#define D250_RC_READ_ONLY    4	/* cc 0: INIT done, the device is read-only */
#define D250_RC_ASYNC	     8	/* cc 0: RW started asynchronously (VM/64 never returns it) */
#define D250_RC_PARTIAL	     12 /* cc 1: RW done, some entries failed: see their status */
#define D250_RC_NO_DEVICE    16 /* cc 2: no such virtual device */
#define D250_RC_NOT_DASD     20 /* cc 2: INIT: not a supported disk (e.g. the console) */
#define D250_RC_BLOCK_SIZE   24 /* cc 2: INIT: block size not valid */
#define D250_RC_STATE	     28 /* cc 2: INIT of an initialized device; RW or REMOVE of one
				 * not initialized */
#define D250_RC_COUNT	     36 /* cc 2: RW: block count 0 or above 256 */
#define D250_RC_ALL_FAILED   40 /* cc 2: RW: every entry failed: see their status */

/* Entry status (z/VM's). */
#define D250_ST_OK	    0x00
#define D250_ST_BLOCK	    0x01 /* block number outside start..end */
#define D250_ST_ADDRESSING  0x02 /* buffer not wholly in storage */
#define D250_ST_READ_ONLY   0x03 /* write to a read-only device */
#define D250_ST_IO_ERROR    0x05 /* the device failed (V-DISK: no frame for the data) */
#define D250_ST_TYPE	    0x06 /* type neither write nor read */
#define D250_ST_PROTECTION  0x07 /* buffer write-protected (a read into it) */
#define D250_ST_ALET	    0x0a /* buffer ALET not 0 */
#define D250_ST_RESERVED    0x0b /* reserved bytes of the entry not zero */

#endif
