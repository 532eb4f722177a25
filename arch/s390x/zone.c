/*
 * Zones for region relocation (arch_priv.h). Hercules keeps one parameter block per zone:
 * main-storage origin and limit in megabytes (the limit is the last megabyte, inclusive)
 * and an expanded-storage pair CP leaves at zero, so a zoned guest's PGIN/PGOUT find no
 * expanded storage. Zones are few (seven), so a machine that finds its range in none takes
 * the next in turn; a machine that loses its zone that way gets it back on its next SIE.
 * Covered by tests/system/test_vm.py (test_fixed_storage_guests).
 */
#include <arch/dat.h>
#include <arch/irq.h>
#include "arch_priv.h"

/* The z/Architecture form of the zone parameter block (Hercules' ZPB2). */
struct zone_params {
	uint64_t mso_mb, msl_mb, eso, esl;
};

struct zone_range {
	uint64_t origin, size;
};

static bool available;
static struct zone_range defined[ZONE_LAST + 1];
static uint8_t next_victim = ZONE_FIRST;

static int set_zone(uint8_t zone, uint64_t origin, uint64_t size)
{
	struct zone_params zpb = {
		.mso_mb = origin >> 20,
		.msl_mb = ((origin + size) >> 20) - 1,
	};
	struct pgm_expect expect = {
		.from = (uint64_t)(uintptr_t)zone_szp_insn,
		.to = (uint64_t)(uintptr_t)zone_szp_insn + 4,
		.resume = (uint64_t)(uintptr_t)zone_szp_fault,
	};
	int cc;

	pgm_expected = &expect;
	cc = zone_szp(zone, &zpb);
	pgm_expected = 0;
	return cc;
}

void zone_probe(void)
{
	/* The first megabyte, which no guest is given: the probe leaves no usable zone. */
	available = set_zone(ZONE_FIRST, 0, 1 << 20) == 0;
	defined[ZONE_FIRST] = (struct zone_range){ 0, 1 << 20 };
}

uint8_t zone_for(uint64_t origin, uint64_t size)
{
	uint8_t z;

	if (!available)
		return 0;
	for (z = ZONE_FIRST; z <= ZONE_LAST; z++)
		if (defined[z].origin == origin && defined[z].size == size)
			return z;
	z = next_victim;
	next_victim = z == ZONE_LAST ? ZONE_FIRST : z + 1;
	if (set_zone(z, origin, size) != 0)
		return 0;
	defined[z] = (struct zone_range){ origin, size };
	/* A guest translation made through the zone's old range must not survive it. */
	ptlb();
	return z;
}
