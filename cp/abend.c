/*
 * The table of CP's abend codes (see cp/abend.h), beside the message table (cp/msg.c).
 * Covered by tests/unit/test_abend.c.
 */
#include <stddef.h>
#include <cp/abend.h>

const struct abend_def cp_abends[] = {
	{ ABEND_SCLP_INFO, "SCLP_INFO",
	  "SCLP Read SCP Info failed at IPL: CP cannot learn real storage's size" },
	{ ABEND_STORAGE_TOO_SMALL, "STORAGE_TOO_SMALL",
	  "real storage above CP's image is too small for the frame pool" },
	{ ABEND_NO_OPERATOR_VM, "NO_OPERATOR_VM",
	  "no real storage left for the operator's virtual machine at IPL" },
	{ ABEND_PROGRAM_CHECK, "PROGRAM_CHECK",
	  "a program check in CP that no probe expected; the low byte is the interruption code's" },
	{ ABEND_UNEXPECTED_SVC, "UNEXPECTED_SVC", "an SVC in CP, which issues none" },
	{ ABEND_MACHINE_CHECK, "MACHINE_CHECK", "a machine check, in CP or while a guest ran" },
	{ ABEND_ASSERT, "ASSERT",
	  "an invariant CP checks with ASSERT did not hold; the text names the file and line" },
};

const unsigned cp_abend_count = sizeof(cp_abends) / sizeof(cp_abends[0]);

const struct abend_def *abend_lookup(uint16_t code)
{
	if ((code & ~ABEND_DETAIL_MASK) == ABEND_PROGRAM_CHECK)
		code = ABEND_PROGRAM_CHECK;
	for (unsigned i = 0; i < cp_abend_count; i++)
		if (cp_abends[i].code == code)
			return &cp_abends[i];
	return NULL;
}

const char *abend_name(uint16_t code)
{
	const struct abend_def *a = abend_lookup(code);

	return a ? a->name : "UNKNOWN";
}
