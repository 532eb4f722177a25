/*
 * PSWLOOP: invalid new PSWs (PoP "Exceptions Associated with the PSW"). First, checks the
 * guest survives: an SVC new PSW with EA without BA, or a 24-bit PSW with an address beyond
 * 16 MB, gives a specification exception with ILC 0 and that PSW as the program old PSW.
 * Then, after its SUMMARY, it makes a program-interruption loop no guest leaves: the
 * program new PSW with EA without BA (what CMS's STORE 1D4 00 does to itself), then an
 * operation exception. CP must stop the machine with VMCDSP454E and carry on
 * (tests/system/test_vm.py::test_program_interruption_loops). PSWFAULT (pswfault.c) is the
 * same with a valid program new PSW whose first instruction faults.
 */
#include "lib/guest.h"

#ifdef PSWLOOP_FAULT
static const uint16_t zero_insns[4] __attribute__((aligned(8)));
#endif

/* An SVC whose new PSW is (mask, addr): the specification exception comes back to us. */
static void svc_with_new_psw(const char *what, uint64_t mask, uint64_t addr)
{
	struct psw saved = lowcore->svc_new_psw;
	struct psw old;

	lowcore->svc_new_psw.mask = mask;
	lowcore->svc_new_psw.addr = addr;
	expect_pgm_int();
	asm volatile("larl %%r1,0f\n\t"
		     "stg %%r1,0(%0)\n\t"
		     "svc 7\n"
		     "0:"
		     :
		     : "a"(&pgm_resume_addr)
		     : "r1", "cc", "memory");
	lowcore->svc_new_psw = saved;
	old = pgm_int_old_psw();
	check_pgm_int_code(what, PGM_SPECIFICATION);
	report(pgm_int_ilc() == 0 && old.mask == mask && old.addr == addr,
	       "%s: ILC 0, the invalid PSW is the old PSW (ilc %u, %016llx %016llx)", what,
	       pgm_int_ilc(), (unsigned long long)old.mask, (unsigned long long)old.addr);
}

int main(void)
{
	report_prefix_push("pswloop");
	if (!under_vm64() && guest_env.qemu) {
		report_skip("invalid new PSWs: QEMU TCG does not check them (EA only aborts it)");
	} else {
		svc_with_new_psw("SVC new PSW EA without BA", PSW_MASK_EA, 0x20000);
		svc_with_new_psw("SVC new PSW 24-bit beyond 16 MB", 0, 0x01000000);
		svc_with_new_psw("SVC new PSW 31-bit beyond 2 GB", PSW_MASK_BA, 0x80000000ULL);
	}
	report_summary();
	if (!under_vm64()) {
		report_prefix_pop();
		exit(0); /* bare, the loop would never end */
	}
#ifdef PSWLOOP_FAULT
	printf("PSWLOOP: program new PSW at an instruction that faults, then an operation exception\n");
	lowcore->pgm_new_psw.mask = PSW_MASK_64;
	lowcore->pgm_new_psw.addr = (uint64_t)(uintptr_t)zero_insns;
#else
	printf("PSWLOOP: program new PSW EA without BA, then an operation exception\n");
	lowcore->pgm_new_psw.mask = PSW_MASK_EA;
#endif
	asm volatile(".hword 0" : : : "memory");
	report(false, "CP let the machine out of its program-interruption loop");
	return report_summary();
}
