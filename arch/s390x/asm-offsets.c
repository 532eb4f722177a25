/*
 * Offsets and sizes CP's assembler files need (arch/s390x/entry.S), generated: the build
 * compiles this file with -S and makes $(BUILD)/gen/asm-offsets.h of its markers
 * (arch/offsets_gen.h, mk/toolchain.mk). Not linked into CP. Every IPL (tests/system) runs the
 * stubs that use them.
 * Covered by tests/system/test_ipl.py and tests/system/test_vm.py.
 */
#include <arch/offsets_gen.h>
#include <arch/irq.h>
#include <arch/sie.h>
#include <arch/tae.h>

void asm_offsets(void);

void asm_offsets(void)
{
	/* struct int_frame: what the interruption stubs build for the C handlers. */
	OFFSET(INT_FRAME_GPRS, int_frame, gprs);
	OFFSET(INT_FRAME_PSW, int_frame, old_psw);
	DEFINE(INT_FRAME_SIZE, sizeof(struct int_frame));

	/* struct tae_ctx: what tae_enter() loads and the stubs store a guest's state into. */
	OFFSET(TAE_CTX_GPRS, tae_ctx, gprs);
	OFFSET(TAE_CTX_PSW, tae_ctx, psw);
	OFFSET(TAE_CTX_HOST, tae_ctx, host);

	/* struct sie_block: what sie_enter() looks at after an interception. */
	OFFSET(SIE_SB_ICPTCODE, sie_block, icptcode);
	OFFSET(SIE_SB_IPA, sie_block, ipa);
	OFFSET(SIE_SB_IPB, sie_block, ipb);
	OFFSET(SIE_SB_GPSW, sie_block, gpsw);
	DEFINE(SIE_ICPT_INST, SIE_ICPT_INSTRUCTION);

	/* enum int_class: what tae_enter() returns. */
	DEFINE(INT_CLASS_EXT, INT_CLASS_EXT);
	DEFINE(INT_CLASS_IO, INT_CLASS_IO);
	DEFINE(INT_CLASS_PGM, INT_CLASS_PGM);
	DEFINE(INT_CLASS_SVC, INT_CLASS_SVC);
	DEFINE(INT_CLASS_MCCK, INT_CLASS_MCCK);
	DEFINE(INT_CLASS_RESTART, INT_CLASS_RESTART);
}
