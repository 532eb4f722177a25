/*
 * The guest's floating-point, vector and access registers and its FPC around an engine
 * entry. Neither SIE's state description nor the trap-and-emulate context carries them:
 * the guest runs on the real registers, so an engine loads the vcpu's copy just before it
 * enters the guest and stores the registers back right after the exit, and no value one
 * guest leaves there reaches the next. CP itself never uses these registers (-msoft-float,
 * no access-register mode), so it has nothing of its own to save.
 *
 * The vector registers are moved when the machine has the vector facility (129), which
 * guests then see in STFLE; otherwise the 16 FPRs are. CP keeps CR0's AFP-register control
 * (and vector enablement) on, which LD/STD of FPR 1, 3, 5, 7-15, LFPC and VLM/VSTM need.
 *
 * Covered by tests/guest/regs.c, run in pairs by tests/system/test_vm.py
 * (test_guest_registers_isolated).
 */
#include <arch/ctlreg_ops.h>
#include <arch/fpregs.h>
#include <arch/hw.h>
#include "guest_regs.h"

static bool have_vector(void)
{
	const struct hw_info *hw = hw_info();

	return hw->facilities[FACILITY_VECTOR / 64] & (1ULL << (63 - FACILITY_VECTOR % 64));
}

uint64_t guest_regs_cr0_bits(void)
{
	return CR0_AFP_REGISTERS | (have_vector() ? CR0_VECTOR_ENABLE : 0);
}

/* CP's CR0 with the register controls on, for the moves below. */
static void enable_moves(void)
{
	uint64_t bits = guest_regs_cr0_bits(), cr0 = stctg(0);

	if ((cr0 & bits) != bits)
		lctlg(0, cr0 | bits);
}

void guest_regs_load(const struct vcpu *v)
{
	enable_moves();
	lfpc(v->fpc);
	lam_all(v->ars);
	if (have_vector())
		vlm_all(v->vrs);
	else
		ld_fprs(v->vrs);
}

void guest_regs_store(struct vcpu *v)
{
	enable_moves();
	v->fpc = stfpc();
	stam_all(v->ars);
	if (have_vector())
		vstm_all(v->vrs);
	else
		std_fprs(v->vrs);
}
