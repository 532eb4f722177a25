/*
 * Region relocation (Hercules' FEATURE_REGION_RELOCATE, the VM/ESA-era "preferred guest"
 * hardware): a zone is a contiguous range of real storage that SIE can give a guest as its
 * whole main storage, so the guest's addresses are relocated by the machine instead of
 * translated through CP's DAT tables on every guest TLB miss. CP uses zones for machines
 * whose storage is fixed (OPTION V=F) and holds no shared segment.
 * Covered by tests/system/test_vm.py (test_fixed_storage_guests).
 */
#ifndef ARCH_ZONE_H
#define ARCH_ZONE_H

#include <stdbool.h>
#include <stdint.h>

#define ZONE_FIRST 1 /* zone 0 is the host's own; SZP refuses it */
#define ZONE_LAST  7 /* Hercules 3.13: FEATURE_SIE_MAXZONES is 8 */

/* At IPL, with SIE chosen: whether SET ZONE PARAMETER works on this machine. */
void zone_probe(void);
bool zones_available(void);

/*
 * The zone that relocates guest addresses to [origin, origin + size): an existing zone with
 * exactly that range, else the next zone in turn redefined to it. origin and size are
 * multiples of 1 MB. Return: the zone, or 0 when zones are not available.
 */
uint8_t zone_for(uint64_t origin, uint64_t size);

/* zone_szp.S: SZP for zone with the parameter block at zpb; returns the condition code, or
 * -1 when the instruction program-checked (resumed at zone_szp_fault). */
int zone_szp(uint64_t zone, const void *zpb);
extern char zone_szp_insn[], zone_szp_fault[];

#endif
