/*
 * Interruption codes (PoP SA22-7832 chapter 6, "Interruptions"): the program-interruption
 * codes stored at lowcore X'8E' and the external-interruption codes stored at X'86'. Facts
 * only, no instructions: CP (portable and arch), CMS, the guest tests and the host unit tests
 * all use this one set. Covered through tests/unit/test_deliver.c and the guest suites.
 */
#ifndef ARCH_INTCODE_H
#define ARCH_INTCODE_H

/* Program-interruption codes ("Program-Interruption Conditions"). */
#define PGM_OPERATION       0x0001
#define PGM_PRIVILEGED_OP   0x0002
#define PGM_EXECUTE         0x0003
#define PGM_PROTECTION      0x0004
#define PGM_ADDRESSING      0x0005
#define PGM_SPECIFICATION   0x0006
#define PGM_DATA            0x0007
#define PGM_FIXED_DIVIDE    0x0009
#define PGM_SEGMENT_TRANS   0x0010
#define PGM_PAGE_TRANS      0x0011
#define PGM_TRANS_SPEC      0x0012
#define PGM_SPECIAL_OP      0x0013
#define PGM_OPERAND         0x0015
#define PGM_ASCE_TYPE       0x0038
#define PGM_REGION_FIRST    0x0039
#define PGM_REGION_SECOND   0x003a
#define PGM_REGION_THIRD    0x003b

/* External-interruption codes. */
#define EXT_CLOCK_COMPARATOR 0x1004
#define EXT_CPU_TIMER        0x1005
#define EXT_EMERGENCY_SIGNAL 0x1201
#define EXT_EXTERNAL_CALL    0x1202
#define EXT_SERVICE_SIGNAL   0x2401

#ifndef __ASSEMBLER__
#include <stdbool.h>

/* The DAT exceptions that say a translation is not available; they nullify the instruction. */
static inline bool pgm_is_translation(int code)
{
	switch (code) {
	case PGM_SEGMENT_TRANS:
	case PGM_PAGE_TRANS:
	case PGM_ASCE_TYPE:
	case PGM_REGION_FIRST:
	case PGM_REGION_SECOND:
	case PGM_REGION_THIRD:
		return true;
	default:
		return false;
	}
}
#endif

#endif
