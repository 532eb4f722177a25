/*
 * Deciding the virtualization engine at IPL: try SIE once on a one-megabyte guest whose
 * first instruction is a DIAGNOSE, which SIE always intercepts. A machine without SIE
 * (QEMU's TCG) answers with an operation exception instead, and CP then uses
 * trap-and-emulate.
 * Covered by tests/system/test_ipl.py and tests/system/test_vm.py.
 */
#include <arch/ctlreg_ops.h>
#include <arch/hw.h>
#include <arch/irq.h>
#include <arch/sie.h>
#include <lib/string.h>
#include "arch_priv.h"

static struct sie_block probe_block;

/* Returns the engine; guest_area is 1 MB of free storage, 1 MB aligned. */
enum hw_engine arch_try_sie(uint64_t guest_area)
{
	static const uint8_t diag_insn[4] = { 0x83, 0x00, 0x00, 0x44 };
	struct pgm_expect expect = {
		.from = (uint64_t)(uintptr_t)sie_probe_insn,
		.to = (uint64_t)(uintptr_t)sie_probe_insn + 4,
		.resume = (uint64_t)(uintptr_t)sie_probe_fault,
	};
	int faulted;

	memset(&probe_block, 0, sizeof(probe_block));
	memcpy((void *)(uintptr_t)(guest_area + 0x1000), diag_insn, sizeof(diag_insn));
	sie_set_cpuflags(&probe_block, SIE_CPUFLAGS_ZARCH);
	probe_block.mso = guest_area;
	probe_block.mse = guest_area + (1 << 20) - 1;
	probe_block.gpsw.mask = PSW_MASK_64;
	probe_block.gpsw.addr = 0x1000;
	probe_block.gcr[0] = CR0_INITIAL;
	probe_block.gcr[14] = CR14_INITIAL;
	lctlg(1, 0x20); /* real-space ASCE: guest storage is host storage at MSO */

	pgm_expected = &expect;
	faulted = sie_probe_enter(&probe_block);
	pgm_expected = 0;

	if (faulted)
		return HW_ENGINE_TRAP_EMULATE;
	if (probe_block.icptcode == SIE_ICPT_INSTRUCTION && probe_block.ipa == 0x8300)
		return HW_ENGINE_SIE;
	return HW_ENGINE_TRAP_EMULATE;
}
