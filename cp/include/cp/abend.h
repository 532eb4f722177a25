/*
 * CP's abend codes. When CP cannot go on it calls hw_panic(code, ...), which prints
 * "VMC0PA999S CP ABEND cccc NAME: text" on the operator's console and stops in a disabled
 * wait whose PSW address is X'10000' + code. Every code is one row of the table in
 * cp/abend.c (beside the message table, cp/msg.c), so the wait address and the console line
 * can be looked up; tests/unit/test_abend.c checks the table.
 */
#ifndef CP_ABEND_H
#define CP_ABEND_H

#include <stdint.h>

enum abend_code {
	ABEND_SCLP_INFO         = 0x0010, /* IPL: SCLP Read SCP Info failed */
	ABEND_STORAGE_TOO_SMALL = 0x0020, /* IPL: no room for CP's frame pool */
	ABEND_NO_OPERATOR_VM    = 0x0021, /* IPL: no storage for the operator's machine */
	ABEND_PROGRAM_CHECK     = 0x0100, /* + the program-interruption code's low byte */
	ABEND_UNEXPECTED_SVC    = 0x0200, /* an SVC in CP */
	ABEND_MACHINE_CHECK     = 0x0300, /* in CP or while a guest ran */
	ABEND_ASSERT            = 0x0400, /* an ASSERT (cp/assert.h) did not hold */
};

/* ABEND_PROGRAM_CHECK carries the interruption code in its low byte. */
#define ABEND_DETAIL_MASK 0x00ffu

struct abend_def {
	uint16_t code;       /* enum abend_code */
	const char *name;    /* upper case, no blanks: shown after the code */
	const char *meaning; /* what happened, for the operator and the documentation */
};

extern const struct abend_def cp_abends[];
extern const unsigned cp_abend_count;

/* The abend code of a program check in CP with interruption code pgm_code. */
static inline uint16_t abend_program_check(uint16_t pgm_code)
{
	return (uint16_t)(ABEND_PROGRAM_CHECK | (pgm_code & ABEND_DETAIL_MASK));
}

/* The table row for code (a program check's with any low byte), or NULL. */
const struct abend_def *abend_lookup(uint16_t code);

/* The code's name, or "UNKNOWN" for a code not in the table. */
const char *abend_name(uint16_t code);

#endif
