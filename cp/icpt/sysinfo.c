/*
 * What a guest learns about the machine and about CP: STIDP, STAP, STSI, STFL, STFLE, PTF and
 * the PTFF queries.
 *
 * STSI answers at configuration level 3 (a virtual machine): 1.1.1 (the basic machine),
 * 1.2.2 (its CPUs), 2.2.2 (the logical partition, minimal: CP does not know whether there
 * is one, so it describes one dedicated partition) and 3.2.2 naming VM/64 as the control
 * program and the user ID as the virtual machine. The control-program identifier is z/VM's
 * ("z/VM    7.3.0": the name in 8 characters, then version.release.mod) with VM/64's level,
 * "z/VM    0.1.0", so Linux 6.1 sees z/VM (MACHINE_IS_VM: it starts "z/VM") and takes the z/VM
 * paths: the 3215 console with DIAG X'08' QUERY CONSOLE / QUERY TERM / TERM CONMODE, the IUCV
 * query; DIAG X'00' still names VM/64 with the same level. Every
 * other selector gives cc 3, except 15.1.2 (the CPU topology) when the facility list offers
 * the configuration-topology facility (11, Hercules does): then the virtual machine is one
 * container holding its CPU, horizontally polarized, and PTF answers as for such a machine
 * (function 0: already horizontal; 1: rejected; 2: no topology change). Linux reads 15.1.x at
 * boot and issues PTF from a timer, neither with an exception fixup, whenever facility 11 is
 * there. Hercules' own answer to 15.1.2 has the same shape (one container, its CPUs).
 *
 * The facility list is the machine's own (hw_info()->facilities): both engines let the
 * guest run STFLE natively (SIE interprets it, and QEMU's TCG does not treat it as
 * privileged), so a simulated STFL or STFLE must agree with what the guest sees there.
 * Where the machine reports nothing (host unit tests), CP's base list below stands in: the
 * z/Architecture base and the general-instruction facilities a z10-level guest expects.
 * Covered by tests/unit/test_icpt.c and tests/guest/priv.c.
 */
#include <arch/hw.h>
#include <lib/ebcdic.h>
#include <lib/format.h>
#include <vm64/version.h>
#include <lib/string.h>
#include "icpt.h"

#define FAC(n) (1ULL << (63 - ((n) % 64)))

const uint64_t guest_facilities[GUEST_FACILITY_DWORDS] = {
	FAC(0) |  /* N3 instructions */
	FAC(1) |  /* z/Architecture installed */
	FAC(2) |  /* z/Architecture active */
	FAC(7) |  /* STFLE */
	FAC(18) | /* long displacement */
	FAC(19) | /* long displacement, high performance */
	FAC(21) | /* extended immediate */
	FAC(25) | /* store clock fast */
	FAC(27) | /* MVCOS */
	FAC(32) | /* compare and swap and store */
	FAC(33) | /* compare and swap and store 2 */
	FAC(34) | /* general-instructions extension */
	FAC(35),  /* execute extensions */
	0,
};

/* The configuration level a guest of CP is at. */
#define STSI_LEVEL_VM 3

/* SYSIB field offsets (PoP "STORE SYSTEM INFORMATION"). */
#define SYSIB111_MANUFACTURER 32
#define SYSIB111_TYPE	      48
#define SYSIB111_MODEL_CAP    64
#define SYSIB111_SEQUENCE     80
#define SYSIB111_PLANT	      96
#define SYSIB111_MODEL	      100
#define SYSIB122_CAPABILITY   32
#define SYSIB122_CPUS_TOTAL   36
#define SYSIB222_LPAR_NUMBER  32
#define SYSIB222_CHARACTER    35
#define SYSIB222_CPUS_TOTAL   36
#define SYSIB222_NAME	      44
#define SYSIB222_CAF	      52
#define SYSIB322_COUNT	      31
#define SYSIB322_VM0	      32
#define SYSIB322_VM_CPUS      4 /* total, configured, standby, reserved: halfwords */
#define SYSIB322_VM_NAME      12
#define SYSIB322_VM_CAF	      20
#define SYSIB322_VM_CPI	      24

#define SYSIB1512_LENGTH  2 /* halfword: the bytes of header and entries */
#define SYSIB1512_MAG	  4 /* 6 magnitudes, the innermost (CPUs) last */
#define SYSIB1512_MNEST	  11
#define SYSIB1512_TLES	  16
#define TLE_CONTAINER_LEN 8  /* nesting level, reserved, container ID */
#define TLE_CPU_LEN	  16 /* nesting level 0, flags, type, origin, mask */
#define TLE_CPU_TYPE	  5
#define TLE_CPU_ORIGIN	  6
#define TLE_CPU_MASK	  8
#define TOPOLOGY_MNEST	  2

#define FACILITY_TOPOLOGY 11
#define PTF_HORIZONTAL	  0
#define PTF_VERTICAL	  1
#define PTF_CHECK	  2
#define PTF_RC_ALREADY	  1 /* reason code: already polarized as asked */

#define FACILITY_TOD_STEERING 28
#define PTFF_FC_RESERVED      0x80 /* GR0 bit 56 */
#define PTFF_FC_CONTROL	      0x40 /* the set functions: privileged */
#define PTFF_QAF	      0x00 /* query available functions */
#define PTFF_QTO	      0x01 /* query TOD offset */
#define PTFF_QPT	      0x03 /* query physical clock */
#define PTFF_QAF_LEN	      16
#define PTFF_QTO_LEN	      32

#define CPI_NAME_LEN   8 /* the control program's name, then its level */
#define LPAR_DEDICATED 0x80
#define CAF_FULL       1000 /* capability adjustment: the whole CPU */

uint64_t icpt_guest_cpu_id(void)
{
	return (hw_info()->cpu_id & 0x00ffffffffffffffULL) | 0xffULL << 56;
}

/* The four CPU counts (total, configured, standby, reserved) of the virtual machine: its
 * defined CPUs are configured; the rest up to MACHINE ESA n are reserved (DEFINE CPU). */
static void put_cpu_counts(uint8_t *p, const struct vm *vm)
{
	unsigned n = vm_cpu_count(vm), max = vm->max_cpus > n ? vm->max_cpus : n;

	put_be16(p, (uint16_t)max);
	put_be16(p + 2, (uint16_t)n);
	put_be16(p + 4, 0);
	put_be16(p + 6, (uint16_t)(max - n));
}

static uint8_t sysib[4096];

static uint64_t facility_word(unsigned i);

bool icpt_facility(unsigned n)
{
	return facility_word(n / 64) & FAC(n);
}

/* STSI 15.1.2: one container (nesting level 1) holding the machine's CPU. */
static void topology_sysib(struct vcpu *v)
{
	uint8_t *container = sysib + SYSIB1512_TLES;
	uint8_t *cpu = container + TLE_CONTAINER_LEN;
	unsigned origin = v->cpu_address & ~63u;

	put_be16(sysib + SYSIB1512_LENGTH, SYSIB1512_TLES + TLE_CONTAINER_LEN + TLE_CPU_LEN);
	sysib[SYSIB1512_MAG + 4] = 1; /* one container */
	sysib[SYSIB1512_MAG + 5] = 1; /* of one CPU */
	sysib[SYSIB1512_MNEST] = TOPOLOGY_MNEST;
	container[0] = 1;
	cpu[TLE_CPU_TYPE] = 0; /* general-purpose; not dedicated, horizontal (byte 4 zero) */
	put_be16(cpu + TLE_CPU_ORIGIN, (uint16_t)origin);
	put_be64(cpu + TLE_CPU_MASK, 1ULL << (63 - (v->cpu_address - origin)));
}

static bool build_sysib(struct vcpu *v, unsigned fc, unsigned sel1, unsigned sel2)
{
	const struct hw_info *hw = hw_info();
	char seq[17];

	memset(sysib, 0, sizeof(sysib));
	switch (fc << 8 | sel1 << 4 | sel2) {
	case 0x111: {
		uint32_t serial = (uint32_t)(icpt_guest_cpu_id() >> 32) & 0xffffff;

		ebcdic_put_field(EBCDIC_CP037, sysib + SYSIB111_MANUFACTURER, 16,
				 hw->manufacturer[0] ? hw->manufacturer : "IBM");
		ebcdic_put_field(EBCDIC_CP037, sysib + SYSIB111_TYPE, 4, hw->type);
		ebcdic_put_field(EBCDIC_CP037, sysib + SYSIB111_MODEL_CAP, 16, "");
		/* sequence code: the CPU serial, right-aligned in zeros */
		memset(seq, '0', 16);
		for (int i = 0; i < 6; i++)
			seq[15 - i] = "0123456789ABCDEF"[(serial >> (4 * i)) & 0xf];
		seq[16] = 0;
		ebcdic_put_field(EBCDIC_CP037, sysib + SYSIB111_SEQUENCE, 16, seq);
		ebcdic_put_field(EBCDIC_CP037, sysib + SYSIB111_PLANT, 4, "");
		ebcdic_put_field(EBCDIC_CP037, sysib + SYSIB111_MODEL, 16, "");
		return true;
	}
	case 0x122:
		put_be32(sysib + SYSIB122_CAPABILITY, 0x100);
		put_cpu_counts(sysib + SYSIB122_CPUS_TOTAL, v->vm);
		return true;
	case 0x222:
		put_be16(sysib + SYSIB222_LPAR_NUMBER, 1);
		sysib[SYSIB222_CHARACTER] = LPAR_DEDICATED;
		put_cpu_counts(sysib + SYSIB222_CPUS_TOTAL, v->vm);
		ebcdic_put_field(EBCDIC_CP037, sysib + SYSIB222_NAME, 8, "VM64");
		put_be32(sysib + SYSIB222_CAF, CAF_FULL);
		return true;
	case 0x322: {
		uint8_t *vm0 = sysib + SYSIB322_VM0;
		char cpi[17];

		sysib[SYSIB322_COUNT] = 1;
		put_cpu_counts(vm0 + SYSIB322_VM_CPUS, v->vm);
		ebcdic_put_field(EBCDIC_CP037, vm0 + SYSIB322_VM_NAME, 8, v->vm->userid);
		put_be32(vm0 + SYSIB322_VM_CAF, CAF_FULL);
		ksnprintf(cpi, sizeof(cpi), "%-*s%u.%u.%u", CPI_NAME_LEN, VM64_STSI_CP_NAME, VM64_VERSION,
			  VM64_RELEASE, VM64_MODLEVEL);
		ebcdic_put_field(EBCDIC_CP037, vm0 + SYSIB322_VM_CPI, 16, cpi);
		return true;
	}
	case 0xf12:
		if (!icpt_facility(FACILITY_TOPOLOGY))
			return false;
		topology_sysib(v);
		return true;
	default:
		return false;
	}
}

/* STSI D2(B2): function code in GR0 bits 32-35, selector 1 in bits 56-63, selector 2 in
 * GR1 bits 48-63. */
static int handle_stsi(struct vcpu *v)
{
	uint64_t gr0 = v->gprs[0], gr1 = v->gprs[1], addr;
	unsigned fc = (unsigned)(gr0 >> 28) & 0xf;
	unsigned sel1 = (unsigned)gr0 & 0xff, sel2 = (unsigned)gr1 & 0xffff;
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	if ((gr0 & 0x0fffff00ULL) || (gr1 & 0xffff0000ULL))
		return PGM_SPECIFICATION;
	if (fc == 0) {
		v->gprs[0] = (gr0 & 0xffffffff00000000ULL) | (uint64_t)STSI_LEVEL_VM << 28;
		vcpu_set_cc(v, 0);
		return 0;
	}
	addr = icpt_ea_s(v);
	if (addr & 0xfff)
		return PGM_SPECIFICATION;
	if ((fc > STSI_LEVEL_VM && fc != 15) || sel1 > 0xf || sel2 > 0xf ||
	    !build_sysib(v, fc, sel1, sel2)) {
		vcpu_set_cc(v, 3);
		return 0;
	}
	rc = icpt_write(v, addr, sysib, sizeof(sysib));
	if (rc)
		return rc;
	vcpu_set_cc(v, 0);
	return 0;
}

static int handle_stidp(struct vcpu *v)
{
	uint64_t addr;
	uint8_t b[8];
	int rc = icpt_aligned_operand_s(v, 8, &addr);

	if (rc)
		return rc;
	put_be64(b, icpt_guest_cpu_id());
	return icpt_write(v, addr, b, sizeof(b));
}

static int handle_stap(struct vcpu *v)
{
	uint64_t addr;
	uint8_t b[2];
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	addr = icpt_ea_s(v);
	if (addr & 1)
		return PGM_SPECIFICATION;
	put_be16(b, v->cpu_address);
	return icpt_write(v, addr, b, sizeof(b));
}

/* The i-th doubleword of the facility list guests see. */
static uint64_t facility_word(unsigned i)
{
	const struct hw_info *hw = hw_info();

	if (hw->facilities[0] == 0)
		return i < GUEST_FACILITY_DWORDS ? guest_facilities[i] : 0;
	return i < 4 ? hw->facilities[i] : 0;
}

/* STFL: the first 32 facility bits go to real location 200 of the guest's lowcore. */
static int handle_stfl(struct vcpu *v)
{
	uint8_t b[4];
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	put_be32(b, (uint32_t)(facility_word(0) >> 32));
	return guest_write_real(v, LC_STFL_FAC_LIST, b, sizeof(b));
}

/* STFLE D2(B2) (not privileged): GR0 bits 56-63 say how many doublewords fit, minus 1. */
static int handle_stfle(struct vcpu *v)
{
	unsigned room = (unsigned)(v->gprs[0] & 0xff) + 1, n;
	uint8_t b[GUEST_FACILITY_DWORDS * 8];
	uint64_t addr = icpt_ea_s(v);
	int rc;

	if (addr & 7)
		return PGM_SPECIFICATION;
	n = room < GUEST_FACILITY_DWORDS ? room : GUEST_FACILITY_DWORDS;
	for (unsigned i = 0; i < n; i++)
		put_be64(b + 8 * i, facility_word(i));
	rc = icpt_write(v, addr, b, n * 8);
	if (rc)
		return rc;
	v->gprs[0] = (v->gprs[0] & ~0xffULL) | (GUEST_FACILITY_DWORDS - 1);
	vcpu_set_cc(v, room >= GUEST_FACILITY_DWORDS ? 0 : 3);
	return 0;
}

/* PTF R1: the function code in bits 56-63 of R1, the rest of R1 zero; the reason code of
 * a rejected request (cc 2) goes to bits 48-55. Only with facility 11. */
static int handle_ptf(struct vcpu *v)
{
	unsigned r1, r2;
	uint64_t fc;
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	if (!icpt_facility(FACILITY_TOPOLOGY))
		return PGM_OPERATION;
	icpt_rre(v, &r1, &r2);
	fc = v->gprs[r1];
	switch (fc) {
	case PTF_HORIZONTAL:
		v->gprs[r1] |= PTF_RC_ALREADY << 8;
		vcpu_set_cc(v, 2);
		return 0;
	case PTF_VERTICAL:
		vcpu_set_cc(v, 2);
		return 0;
	case PTF_CHECK:
		vcpu_set_cc(v, 0);
		return 0;
	default:
		return PGM_SPECIFICATION;
	}
}

/*
 * PTFF (E format): the function code in GR0 bits 57-63 (bit 56 one: specification), the
 * parameter block at GR1. The queries are unprivileged: available functions (a 16-byte bit
 * map), the TOD offset (physical clock, TOD offset, logical-TOD offset, epoch difference:
 * the guest's clock is the physical one plus its own offset from SCK) and the physical clock.
 * Every other function is not available (cc 3); the control functions (X'40' up) are
 * privileged. Only with facility 28, which Hercules offers and SIE does not run itself.
 */
static int handle_ptff(struct vcpu *v)
{
	unsigned fc = (unsigned)v->gprs[0] & 0xff;
	uint64_t block = icpt_wrap(v, v->gprs[1]), tod = hw_tod_clock();
	uint8_t b[PTFF_QTO_LEN];
	size_t len;
	int rc;

	if (!icpt_facility(FACILITY_TOD_STEERING))
		return PGM_OPERATION;
	if (fc & PTFF_FC_RESERVED)
		return PGM_SPECIFICATION;
	if ((fc & PTFF_FC_CONTROL) && (v->psw_mask & PSW_MASK_PSTATE))
		return PGM_PRIVILEGED_OP;
	memset(b, 0, sizeof(b));
	switch (fc) {
	case PTFF_QAF:
		b[0] = 0x80 >> PTFF_QAF | 0x80 >> PTFF_QTO | 0x80 >> PTFF_QPT;
		len = PTFF_QAF_LEN;
		break;
	case PTFF_QTO:
		put_be64(b, tod);
		put_be64(b + 8, (uint64_t)v->tod_offset);
		put_be64(b + 16, (uint64_t)v->tod_offset);
		put_be64(b + 24, (uint64_t)v->tod_offset);
		len = PTFF_QTO_LEN;
		break;
	case PTFF_QPT:
		put_be64(b, tod);
		len = 8;
		break;
	default:
		vcpu_set_cc(v, 3);
		return 0;
	}
	rc = icpt_write(v, block, b, len);
	if (rc)
		return rc;
	vcpu_set_cc(v, 0);
	return 0;
}

static const icpt_handler sysinfo_e01[256] = {
	[0x04] = handle_ptff,
};

static const icpt_handler sysinfo_b9[256] = {
	[0xa2] = handle_ptf,
};

static const icpt_handler sysinfo_b2[256] = {
	[0x02] = handle_stidp,
	[0x12] = handle_stap,
	[0x7d] = handle_stsi,
	[0xb0] = handle_stfle,
	[0xb1] = handle_stfl,
};

const struct icpt_area icpt_area_sysinfo = {
	.name = "system information",
	.e01 = sysinfo_e01,
	.b2 = sysinfo_b2,
	.b9 = sysinfo_b9,
};
