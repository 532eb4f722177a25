/*
 * Offsets and sizes the guest runtime's assembler (tests/guest/lib/head.S) needs, generated:
 * the build compiles this file with -S and makes $(BUILD)/guest/gen/asm-offsets.h of its
 * markers (arch/offsets_gen.h, mk/toolchain.mk). Not linked into the guests. Every guest test
 * runs the stubs that use them.
 */
#include <arch/offsets_gen.h>
#include "interrupt.h"

void asm_offsets(void);

void asm_offsets(void)
{
	/* struct guest_frame: what the interruption stubs build for the C handlers. */
	OFFSET(GUEST_FRAME_GPRS, guest_frame, gprs);
	OFFSET(GUEST_FRAME_PSW, guest_frame, old_psw);
	DEFINE(GUEST_FRAME_SIZE, sizeof(struct guest_frame));
}
