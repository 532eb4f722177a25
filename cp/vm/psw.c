/*
 * The one validity check for PSWs CP loads on a guest's behalf, and program-interruption
 * loop detection (see cp/psw.h). Covered by tests/unit/test_psw.c.
 */
#include <cp/psw.h>
#include <cp/vm.h>

bool psw_valid(uint64_t mask, uint64_t addr)
{
	if (mask & PSW_MASK_UNASSIGNED)
		return false;
	/*
	 * An odd instruction address is a specification exception only when an instruction is
	 * fetched from it: a wait PSW never is, and odd wait codes (z/OS's, QEMU's X'FFF') are
	 * valid, as on the real machine and under Hercules' SIE.
	 */
	if ((addr & 1) && !(mask & PSW_MASK_WAIT))
		return false;
	switch (mask & (PSW_MASK_EA | PSW_MASK_BA)) {
	case PSW_MASK_EA | PSW_MASK_BA:
		return true;
	case PSW_MASK_BA:
		return addr <= 0x7fffffffULL;
	case 0:
		return addr <= 0x00ffffffULL;
	default:
		return false; /* EA without BA */
	}
}

bool pgm_loop_note(struct pgm_loop *l, uint64_t old_mask, uint64_t old_addr, uint8_t ilc)
{
	bool repeat = l->armed && ((old_mask ^ l->new_mask) & ~PSW_MASK_CC) == 0 &&
		      (old_addr == l->new_addr || old_addr == l->new_addr + (ilc & 6));

	l->repeats = repeat ? l->repeats + 1 : 0;
	return l->repeats >= PGM_LOOP_LIMIT;
}

static bool at_first_insn(uint64_t addr, uint8_t ilc, uint64_t new_addr)
{
	return addr == new_addr || addr == new_addr + (ilc & 6);
}

bool pgm_loop_sample(struct pgm_loop *l, uint64_t cur_addr, uint64_t old_mask, uint64_t old_addr,
		     uint8_t ilc, uint64_t new_mask, uint64_t new_addr)
{
	bool in_loop = ((old_mask ^ new_mask) & ~PSW_MASK_CC) == 0 &&
		       at_first_insn(old_addr, ilc, new_addr) && at_first_insn(cur_addr, ilc, new_addr);

	l->samples = in_loop ? l->samples + 1 : 0;
	return l->samples >= PGM_LOOP_LIMIT;
}

void pgm_loop_loaded(struct pgm_loop *l, uint64_t new_mask, uint64_t new_addr)
{
	l->new_mask = new_mask;
	l->new_addr = new_addr;
	l->armed = true;
}

void pgm_loop_reset(struct pgm_loop *l)
{
	l->armed = false;
	l->repeats = 0;
}
