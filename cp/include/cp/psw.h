/*
 * The guest PSW as CP loads it: the one validity check every PSW CP loads on a guest's
 * behalf goes through (new PSWs of every interruption class, LPSW/LPSWE, SSM/STOSM/STNSM,
 * restart, IPL), and the detector of program-interruption loops (a program new PSW whose
 * first instruction faults again and again). Pure functions, no storage access: covered by
 * tests/unit/test_psw.c.
 */
#ifndef CP_PSW_H
#define CP_PSW_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/psw.h>

/**
 * psw_valid - whether the CPU would accept a PSW (PoP "Exceptions Associated with the PSW")
 * @mask: PSW bits 0-63
 * @addr: PSW bits 64-127, the instruction address
 *
 * Invalid: a one in an unassigned bit or bit 12; EA without BA; an address beyond the
 * addressing mode (24-bit: bits 64-103 not zero, 31-bit: bits 64-96 not zero); an odd
 * instruction address unless the PSW is a wait PSW (nothing is fetched from it). Loading an
 * invalid PSW is a specification exception recognized after the load, with ILC 0 and the
 * invalid PSW as the old PSW.
 */
bool psw_valid(uint64_t mask, uint64_t addr);

/* Repeats of the same program interruption after which CP stops the machine. */
#define PGM_LOOP_LIMIT 16

/*
 * Program-interruption loop detection, per virtual CPU. A program interruption is a
 * repeat when it is recognized at the first instruction of the program new PSW the
 * previous program interruption loaded, with nothing delivered in between: its old PSW
 * has that new PSW's mask (condition code aside) and points at that address (the
 * instruction was nullified) or ilc bytes past it (suppressed or completed). Such a
 * guest can never leave: the same state faults the same way each time. PGM_LOOP_LIMIT
 * consecutive repeats are a loop. A program new PSW that is itself invalid is a loop at
 * once (its specification exception loads it again); deliver.c checks that with
 * psw_valid().
 */
struct pgm_loop {
	uint64_t new_mask, new_addr; /* the program new PSW last loaded */
	unsigned repeats;
	unsigned samples; /* consecutive exits that found the guest in such a loop */
	bool armed;    /* new_mask/new_addr are current: nothing else delivered since */
	bool detected; /* CP stopped the machine for a loop (reported by the dispatcher) */
};

/* A program interruption is about to be presented with this old PSW and ILC; true when it
 * completes a loop. */
bool pgm_loop_note(struct pgm_loop *l, uint64_t old_mask, uint64_t old_addr, uint8_t ilc);
/* The program interruption loaded this program new PSW. */
void pgm_loop_loaded(struct pgm_loop *l, uint64_t new_mask, uint64_t new_addr);
/*
 * Under SIE the machine presents the guest's program interruptions itself, so CP sees a
 * loop only by sampling at the exits that end a slice: the guest's current PSW (cur), the
 * program old PSW and ILC its last program interruption stored, and its program new PSW.
 * A sample is in a loop when that interruption was recognized at the first instruction of
 * the program new PSW (the test above) and the guest is there again now. True after
 * PGM_LOOP_LIMIT such samples in a row; any other sample starts the count again.
 */
bool pgm_loop_sample(struct pgm_loop *l, uint64_t cur_addr, uint64_t old_mask, uint64_t old_addr,
		     uint8_t ilc, uint64_t new_mask, uint64_t new_addr);
/* Some other interruption was delivered (the guest is running other code): start over. */
void pgm_loop_reset(struct pgm_loop *l);

#endif
