/*
 * Program and SVC interruptions as the guest sees them: the code, the instruction length and
 * the old PSW for addressing, specification, protection (low-address and storage-key),
 * privileged-operation, fixed-point-divide, execute and data exceptions, and SVC interruptions
 * (direct, from problem state, and as the target of EXECUTE).
 */
#include "guest.h"

static uint8_t key_page[4096] __attribute__((aligned(4096)));

static void test_addressing(void)
{
	uint64_t size = guest_env.storage_size;
	uint64_t wild[] = {size,       size + 0x1000, 1ULL << 31,
			   1ULL << 40, 1ULL << 63,    0xfffffffffffffff8ULL};
	uint64_t last;

	report_prefix_push("addressing");
	last = *(volatile uint64_t *)(uintptr_t)(size - 8);
	(void)last;
	report(true, "the last doubleword of storage can be read");
	for (unsigned i = 0; i < sizeof(wild) / sizeof(wild[0]); i++) {
		char what[48];

		ksnprintf(what, sizeof(what), "LG from %lx", (unsigned long)wild[i]);
		EXPECT_PGM_AFTER(what, PGM_ADDRESSING, 6, "lg %%r1,0(%1)", "a"(wild[i]));
		ksnprintf(what, sizeof(what), "STG to %lx", (unsigned long)wild[i]);
		EXPECT_PGM_AFTER(what, PGM_ADDRESSING, 6, "stg %%r1,0(%1)", "a"(wild[i]));
	}
	EXPECT_PGM_AFTER("MVC across the end of storage", PGM_ADDRESSING, 6, "mvc 0(16,%1),0(%1)",
			 "a"(size - 8));
	report_prefix_pop();
}

static void test_specification(void)
{
	uint64_t resume_psw_addr;

	report_prefix_push("specification");
	EXPECT_PGM_AFTER("DR with an odd register", PGM_SPECIFICATION, 2,
			 ".insn rr,0x1d00,%%r1,%%r2", "i"(0));
	EXPECT_PGM_AFTER("LPQ with an odd register", PGM_SPECIFICATION, 6,
			 ".insn rxy,0xe3000000008f,%%r1,0(%1)", "a"(key_page));
	EXPECT_PGM_AFTER("LPQ from an unaligned address", PGM_SPECIFICATION, 6,
			 ".insn rxy,0xe3000000008f,%%r2,0(%1)", "a"(key_page + 8));

	/* A branch to an odd address: the exception comes with the odd address in the old PSW. */
	if (guest_env.qemu) {
		report_skip("branch to an odd address: QEMU TCG gives an operation exception");
		report_prefix_pop();
		return;
	}
	expect_pgm_int();
	asm volatile("larl %%r1,0f\n\t"
		     "stg %%r1,0(%1)\n\t"
		     "aghi %%r1,1\n\t"
		     "lgr %0,%%r1\n\t"
		     "br %%r1\n"
		     "0:"
		     : "=&d"(resume_psw_addr)
		     : "a"(&pgm_resume_addr)
		     : "r1", "cc", "memory");
	check_pgm_int_code("branch to an odd address", PGM_SPECIFICATION);
	/* Where the old PSW points differs between machines (Hercules: 4 past the odd address). */
	report_info("branch to %lx: old PSW at %lx, ilc %u", (unsigned long)resume_psw_addr,
		    (unsigned long)pgm_int_old_psw().addr, pgm_int_ilc());
	report_prefix_pop();
}

static void test_arithmetic(void)
{
	report_prefix_push("arithmetic");
	EXPECT_PGM_AFTER("DSGR by zero", PGM_FIXED_DIVIDE, 4,
			 "lghi %%r2,0\n\tlghi %%r1,7\n\tdsgr %%r0,%%r2", "i"(0));
	EXPECT_PGM_AFTER("EX of EX", PGM_EXECUTE, 4,
			 "larl %%r1,2f\n\tex 0,0(%%r1)\n\t"
			 ".pushsection .text.ex_targets,\"ax\"\n2:\tex 0,0(%%r1)\n\t.popsection",
			 "i"(0));
	if (guest_env.qemu) {
		report_skip("data exception: QEMU 7.2 TCG has no CVB");
	} else {
		static const uint64_t bad_digit = 0x00000000000000fcULL; /* digit F, sign C */

		EXPECT_PGM_AFTER("CVB with an invalid digit", PGM_DATA, 4, "cvb %%r1,0(%1)",
				 "a"(&bad_digit));
	}
	report_prefix_pop();
}

static void test_protection(void)
{
	volatile uint64_t *low = (volatile uint64_t *)0x190; /* reserved, below 512 */
	uint64_t page = (uint64_t)(uintptr_t)key_page;

	report_prefix_push("protection");
	ctl_set_bits(0, CR0_LOW_ADDRESS_PROTECTION);
	if (guest_env.qemu && under_vm64()) {
		/*
		 * Under trap-and-emulate the guest's stores run natively in problem state, where
		 * the real machine applies CP's CR0, not the guest's: CP does not yet emulate
		 * low-address protection (it would need to catch and redo page-0 stores).
		 */
		report_skip("low-address protection: not yet emulated under trap-and-emulate");
	} else {
		EXPECT_PGM_AFTER("low-address protection, store at 0x190", PGM_PROTECTION, 6,
				 "stg %%r1,0(%1)", "a"(low));
	}
	expect_pgm_int();
	*(volatile uint64_t *)(uintptr_t)0x1ff8 = 0;
	report(pgm_int_code() == 0, "store at 0x1FF8 is above the protected 512 bytes");
	ctl_clear_bits(0, CR0_LOW_ADDRESS_PROTECTION);
	expect_pgm_int();
	*low = 0;
	report(pgm_int_code() == 0, "store at 0x190 once protection is off");

	if (guest_env.qemu) {
		report_skip("storage-key protection: QEMU TCG does not enforce it");
	} else {
		sske(page, 0x90);
		/* PSW key 8 for one store to a key-9 page; SPKA 0 right after, in both paths. */
		expect_pgm_int();
		asm volatile("spka 0x80\n\t"
			     "mvi 0(%0),1\n\t"
			     "spka 0"
			     :
			     : "a"(page)
			     : "memory");
		check_pgm_int_code("store with PSW key 8 to a key-9 page", PGM_PROTECTION);
		expect_pgm_int();
		asm volatile("spka 0x90\n\t"
			     "mvi 0(%0),2\n\t"
			     "spka 0"
			     :
			     : "a"(page)
			     : "memory");
		report(pgm_int_code() == 0 && key_page[0] == 2, "store with the matching key 9");
		sske(page, 0x98);
		expect_pgm_int();
		asm volatile("spka 0x80\n\t"
			     "cli 0(%0),0\n\t"
			     "spka 0"
			     :
			     : "a"(page)
			     : "cc", "memory");
		check_pgm_int_code("fetch with PSW key 8 from a fetch-protected key-9 page",
				   PGM_PROTECTION);
		sske(page, 0x00);
	}

	enter_pstate();
	expect_pgm_int();
	ptlb();
	leave_pstate();
	check_pgm_int_code("PTLB in problem state", PGM_PRIVILEGED_OP);
	report(pgm_int_old_psw().mask & PSW_MASK_PSTATE, "old PSW shows problem state");
	report_prefix_pop();
}

static void test_svc(void)
{
	unsigned before = svc_int_count();
	uint64_t next;

	report_prefix_push("SVC");
	asm volatile("larl %0,0f\n\tsvc 42\n0:" : "=&a"(next) : : "memory");
	report(svc_int_count() == before + 1 && svc_int_last_code() == 42, "SVC 42: code %u",
	       svc_int_last_code());
	report(svc_int_last_ilc() == 2 && svc_int_old_psw().addr == next,
	       "ilc 2, old PSW after the SVC");
	svc(0);
	report(svc_int_last_code() == 0, "SVC 0");
	svc(254);
	report(svc_int_last_code() == 254, "SVC 254");

	enter_pstate();
	svc(7);
	leave_pstate();
	report(svc_int_last_code() == SVC_LEAVE_PSTATE, "SVCs from problem state");
	svc(7);
	report(in_supervisor_state(), "back in supervisor state");

	/* SVC as the target of EXECUTE: R1's low byte ORs into the code; ILC is EX's. */
	asm volatile("lghi %%r2,5\n\t"
		     "larl %%r1,1f\n\t"
		     "larl %0,0f\n\t"
		     "ex %%r2,0(%%r1)\n"
		     "0:\n\t"
		     ".pushsection .text.ex_targets,\"ax\"\n"
		     "1:\tsvc 0x40\n\t"
		     ".popsection"
		     : "=&a"(next)
		     :
		     : "r1", "r2", "memory");
	report(svc_int_last_code() == 0x45, "EX of SVC X'40' with R1 5: code %02x",
	       svc_int_last_code());
	report(svc_int_last_ilc() == 4 && svc_int_old_psw().addr == next,
	       "ilc 4, old PSW after the EX (ilc %u)", svc_int_last_ilc());
	report_prefix_pop();
}

int main(void)
{
	report_prefix_push("pgm");
	test_addressing();
	test_specification();
	test_arithmetic();
	test_protection();
	test_svc();
	report_prefix_pop();
	return report_summary();
}
