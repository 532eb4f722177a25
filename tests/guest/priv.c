/*
 * Privileged instructions CP simulates (or SIE interprets): PSW loading, system mask, control
 * registers, prefix, CPU identity, STSI, facilities, TPROT, storage keys, PTLB; each with its
 * architected failure (specification, addressing), in problem state (privileged operation), and
 * an unassigned opcode (operation exception). MVCOS in supervisor state: a special-operation
 * exception with DAT off, and moves with DAT on through identity tables (lengths up to 4096
 * with cc 0, more with cc 3; the secondary space without CR0 bit 37 is a special operation).
 */
#include <lib/ebcdic.h>
#include <lib/endian.h>

#include "diag.h"
#include "guest.h"

static uint8_t key_page[4096] __attribute__((aligned(4096)));
static uint8_t new_lowcore[8192] __attribute__((aligned(8192)));
static uint8_t stsi_block[4096 + 8] __attribute__((aligned(4096)));
static uint64_t crs[16], crs_set[16], crs_back[16];
static uint64_t facilities[4];
static uint64_t seg_table[512] __attribute__((aligned(4096)));
static uint64_t page_tables[4][256] __attribute__((aligned(4096)));

/* A storage address beyond the guest's storage but below 2 GB, or 0 if there is none. */
static uint64_t beyond_storage(void)
{
	uint64_t a = guest_env.storage_size + 0x100000;

	return a < 0x80000000ULL ? a : 0;
}

/* Under bare QEMU, TCG skips some PSW validity checks; CP must not. */
static bool psw_checks_known_missing(void)
{
	return !under_vm64() && guest_env.qemu;
}

static void test_lpswe(void)
{
	struct psw psw = {.mask = PSW_MASK_64};
	uint64_t reached = 0;

	report_prefix_push("LPSWE");
	asm volatile("larl %%r1,0f\n\t"
		     "stg %%r1,8(%1)\n\t"
		     "lpswe 0(%1)\n\t"
		     "j 1f\n"
		     "0:\tlghi %0,1\n"
		     "1:"
		     : "+d"(reached)
		     : "a"(&psw)
		     : "r1", "cc", "memory");
	report(reached == 1, "valid PSW: continues at its address");

	if (psw_checks_known_missing()) {
		report_skip("invalid PSWs: QEMU TCG does not check them");
	} else {
		/* Bit 12 set in a 16-byte PSW; then 64-bit addressing without 31-bit (EA only). */
		static const uint64_t bad_masks[] = {PSW_MASK_64 | PSW_MASK_ESA_FORMAT,
						     PSW_MASK_EA};
		static const char *const what[] = {"PSW bit 12 one", "EA without BA"};

		for (unsigned i = 0; i < 2; i++) {
			psw.mask = bad_masks[i];
			lpswe_expect_pgm(&psw);
			check_pgm_int_code(what[i], PGM_SPECIFICATION);
		}
	}

	psw.mask = PSW_MASK_64;
	expect_pgm_int();
	asm volatile("lpswe 4(%0)" : : "a"(&psw) : "memory");
	check_pgm_int_code("operand not on a doubleword", PGM_SPECIFICATION);
	report_prefix_pop();
}

static void test_lpsw(void)
{
	/* ESA/390 8-byte PSW: bit 12 one, 31-bit addressing (bit 32), address of the label. */
	uint64_t psw = 0x0008000000000000ULL;
	uint64_t reached = 0;

	report_prefix_push("LPSW");
	asm volatile("larl %%r1,0f\n\t"
		     "oilh %%r1,0x8000\n\t"
		     "st %%r1,4(%1)\n\t"
		     "lpsw 0(%1)\n\t"
		     "j 1f\n"
		     "0:\tsam64\n\t"
		     "lghi %0,1\n"
		     "1:"
		     : "+d"(reached)
		     : "a"(&psw)
		     : "r1", "cc", "memory");
	report(reached == 1, "valid short PSW: continues in 31-bit mode");
	report((epsw() & PSW_MASK_64) == PSW_MASK_64, "back in 64-bit mode after SAM64");

	if (psw_checks_known_missing()) {
		report_skip("short PSW with bit 12 zero: QEMU TCG does not check it");
	} else {
		psw = 0;
		expect_pgm_int();
		asm volatile("larl %%r1,0f\n\t"
			     "stg %%r1,0(%1)\n\t"
			     "oilh %%r1,0x8000\n\t"
			     "st %%r1,4(%0)\n\t"
			     "lpsw 0(%0)\n"
			     "0:\tsam64"
			     :
			     : "a"(&psw), "a"(&pgm_resume_addr)
			     : "r1", "cc", "memory");
		check_pgm_int_code("short PSW with bit 12 zero", PGM_SPECIFICATION);
	}
	report_prefix_pop();
}

static void test_system_mask(void)
{
	uint8_t old, now, mask;

	report_prefix_push("system mask");
	old = stosm(0x00);
	report(old == 0x00, "STOSM 0: disabled, DAT off (mask %02x)", old);
	old = stosm(0x01);
	now = stnsm(0xfe);
	report(old == 0x00 && now == 0x01, "STOSM X'01' then STNSM X'FE' (saw %02x, %02x)", old,
	       now);
	report(stosm(0x00) == 0x00, "external mask off again");

	mask = 0x03;
	ssm((uint64_t)(uintptr_t)&mask);
	now = stosm(0x00);
	mask = 0x00;
	ssm((uint64_t)(uintptr_t)&mask);
	report(now == 0x03, "SSM X'03' sets I/O and external masks (%02x)", now);
	report(stosm(0x00) == 0x00, "SSM X'00' clears them");

	if (psw_checks_known_missing()) {
		report_skip("SSM with bit 0 one: QEMU TCG does not check it");
	} else {
		mask = 0x80;
		expect_pgm_int();
		ssm((uint64_t)(uintptr_t)&mask);
		check_pgm_int_code("SSM with PSW bit 0 one", PGM_SPECIFICATION);
		report(stosm(0x00) == 0x00, "mask unchanged after the failed SSM");
	}
	report_prefix_pop();
}

static void test_control_registers(void)
{
	bool same = true;

	report_prefix_push("LCTLG/STCTG");
	stctg_all((uint64_t)(uintptr_t)crs);
	report(crs[0] & CR0_SERVICE_SIGNAL_SUBMASK, "CR0 has the service-signal submask we set");
	report(crs[14] == CR14_INITIAL, "CR14 is the initial X'C2000000' (%lx)",
	       (unsigned long)crs[14]);
	memcpy(crs_set, crs, sizeof(crs));
	crs_set[6] = 0x00000000ff000000ULL; /* I/O subclass masks: no devices, harmless */
	crs_set[10] = 0x123000;		    /* PER range: PER is off */
	crs_set[11] = 0x456fff;
	crs_set[8] = 0x0000000000001234ULL; /* monitor masks */
	lctlg_all((uint64_t)(uintptr_t)crs_set);
	stctg_all((uint64_t)(uintptr_t)crs_back);
	for (int i = 0; i < 16; i++) {
		if (i == 8)
			continue; /* the monitor-mask bits that exist depend on the machine */
		if (crs_back[i] != crs_set[i]) {
			report_info("CR%d: loaded %016lx, stored %016lx", i,
				    (unsigned long)crs_set[i], (unsigned long)crs_back[i]);
			same = false;
		}
	}
	report(same, "sixteen control registers round trip");
	lctlg_all((uint64_t)(uintptr_t)crs);
	stctg_all((uint64_t)(uintptr_t)crs_back);
	report(memcmp(crs, crs_back, sizeof(crs)) == 0, "original values restored");

	expect_pgm_int();
	lctlg_all((uint64_t)(uintptr_t)crs + 4);
	check_pgm_int_code("LCTLG operand not on a doubleword", PGM_SPECIFICATION);
	expect_pgm_int();
	stctg_all((uint64_t)(uintptr_t)crs_back + 4);
	check_pgm_int_code("STCTG operand not on a doubleword", PGM_SPECIFICATION);
	lctlg_all((uint64_t)(uintptr_t)crs);
	report_prefix_pop();
}

static void test_prefix(void)
{
	volatile uint64_t *low = (volatile uint64_t *)0xf00;
	volatile uint64_t *high = (volatile uint64_t *)(new_lowcore + 0xf00);
	uint32_t base = (uint32_t)(uintptr_t)new_lowcore;
	uint64_t beyond = beyond_storage();
	uint64_t a, b;
	uint32_t p;

	report_prefix_push("SPX/STPX");
	report(stpx() == 0, "prefix is 0 at start");
	memcpy(new_lowcore, (const void *)lowcore, sizeof(new_lowcore));
	*low = 0xaaaaaaaa00000f00ULL;
	*high = 0xbbbbbbbb00000f00ULL;
	spx(base);
	p = stpx();
	a = *low;  /* real 0xf00 is now absolute base + 0xf00 */
	b = *high; /* real base + 0xf00 is now absolute 0xf00 */
	report(p == base, "STPX gives the new prefix %x (got %x)", base, p);
	report(a == 0xbbbbbbbb00000f00ULL, "real 0xF00 reaches the new lowcore");
	report(b == 0xaaaaaaaa00000f00ULL, "the new prefix area reaches absolute 0xF00");
	report(true, "interruptions work with the moved lowcore (this line was printed)");
	spx(0);
	report(stpx() == 0 && *low == 0xaaaaaaaa00000f00ULL && *high == 0xbbbbbbbb00000f00ULL,
	       "prefix 0 again: both areas as before");
	*low = 0;

	expect_pgm_int();
	s_insn_at("spx", (uint64_t)(uintptr_t)&base + 1);
	check_pgm_int_code("SPX operand not on a word", PGM_SPECIFICATION);
	if (beyond) {
		expect_pgm_int();
		spx((uint32_t)beyond);
		check_pgm_int_code("prefix beyond storage", PGM_ADDRESSING);
		report(stpx() == 0, "prefix unchanged after the failed SPX");
	}
	report_prefix_pop();
}

static void test_identity(void)
{
	uint64_t id = stidp();
	uint16_t addr = stap();
	char manufacturer[17];
	int cc;

	report_prefix_push("identity");
	report(addr == guest_env.cpu_addr, "STAP %u is stable", addr);
	report((id & 0xffff0000ULL) != 0, "STIDP machine type %04lx",
	       (unsigned long)(id >> 16) & 0xffff);
	if (under_vm64())
		report(id >> 56 == 0xff, "STIDP version code X'FF' under a hypervisor (%02lx)",
		       (unsigned long)(id >> 56));

	memset(stsi_block, 0, sizeof(stsi_block));
	cc = stsi(stsi_block, 1, 1, 1);
	ebcdic_to_ascii(EBCDIC_CP037, manufacturer, stsi_block + 32, 16);
	manufacturer[16] = 0;
	report(cc == 0 && stsi_block[32] != 0 && stsi_block[32] != 0x40,
	       "STSI 1.1.1: manufacturer '%s'", manufacturer);

	{
		register unsigned long r0 asm("0") = 0;
		register unsigned long r1 asm("1") = 0;

		asm volatile("stsi 0(%2)" : "+d"(r0), "+d"(r1) : "a"(stsi_block) : "cc", "memory");
		if (under_vm64())
			report((r0 >> 28) == 3,
			       "STSI function code 0: level %lu (3 = virtual machine)",
			       (r0 >> 28) & 0xf);
		else
			report_info("STSI function code 0: level %lu", (r0 >> 28) & 0xf);
	}
	report(stsi(stsi_block, 1, 1, 9) == 3, "STSI 1.1.9: cc 3, no such selector");
	expect_pgm_int();
	stsi(stsi_block + 8, 1, 1, 1);
	check_pgm_int_code("STSI block not on a page", PGM_SPECIFICATION);
	report_prefix_pop();
}

static void test_facilities(void)
{
	uint32_t list = stfl();
	register unsigned long r0 asm("0");
	int cc;

	report_prefix_push("facilities");
	report(list & 0x20000000, "STFL: z/Architecture active (bit 2) in %08x", list);
	cc = stfle(facilities, 4);
	report(cc == 0 && (uint32_t)(facilities[0] >> 32) == list,
	       "STFLE, 4 doublewords: cc %d, first word %08x matches STFL's %08x", cc,
	       (uint32_t)(facilities[0] >> 32), list);

	r0 = 0; /* one doubleword */
	asm volatile(".insn s,0xb2b00000,0(%1)\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(r0)
		     : "a"(facilities)
		     : "cc", "memory");
	report(cc == 0 || (cc == 3 && r0 >= 1), "STFLE, 1 doubleword: cc %d, needs %lu", cc,
	       r0 + 1);

	expect_pgm_int();
	s_insn_at("stfle", (uint64_t)(uintptr_t)facilities + 4);
	check_pgm_int_code("STFLE list not on a doubleword", PGM_SPECIFICATION);
	report_prefix_pop();
}

static bool facility(unsigned n)
{
	return facilities[n / 64] & (1ULL << (63 - n % 64));
}

/*
 * What a Linux kernel built for z10 (Debian 12's 6.1) refuses to start without
 * (arch/s390/tools/gen_facilities.c, FACILITIES_ALS), and what else its boot looks at.
 */
static void test_linux_facilities(void)
{
	static const unsigned als[] = {0, 1, 18, 21, 25, 27, 32, 33, 34, 35};
	static const unsigned looked_at[] = {8, 11, 28, 40, 50, 73, 76, 77, 78, 129, 140, 146};
	char missing[64] = "", seen[64] = "";
	size_t n = 0, m = 0;

	report_prefix_push("facilities");
	memset(facilities, 0, sizeof(facilities));
	stfle(facilities, 4);
	for (unsigned i = 0; i < sizeof(als) / sizeof(als[0]); i++)
		if (!facility(als[i]))
			n += ksnprintf(missing + n, sizeof(missing) - n, " %u", als[i]);
	report(n == 0, "a z10 Linux kernel's facilities are all there (missing:%s)",
	       n ? missing : " none");
	for (unsigned i = 0; i < sizeof(looked_at) / sizeof(looked_at[0]); i++)
		if (facility(looked_at[i]))
			m += ksnprintf(seen + m, sizeof(seen) - m, " %u", looked_at[i]);
	report_info("facilities Linux's boot looks at, offered:%s", m ? seen : " none");
	report_prefix_pop();
}

/* PERFORM TOPOLOGY FUNCTION with function code fc; returns the cc, *reason = R1 after. */
static int ptf(uint64_t fc, uint64_t *reason)
{
	register unsigned long r1 asm("2") = fc;
	int cc;

	asm volatile(".insn rre,0xb9a20000,%1,0\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(r1)
		     :
		     : "cc", "memory");
	*reason = r1;
	return cc;
}

/*
 * The configuration-topology facility (11): when STFLE offers it, Linux reads STSI 15.1.2-6
 * at boot and asks PTF "check topology change" from a timer every minute, neither with an
 * exception fixup. This CPU must be in the topology list.
 */
static void test_topology(void)
{
	uint16_t self = stap();
	uint64_t reason = 0;
	unsigned len, off, found = 0;
	int cc;

	report_prefix_push("topology");
	if (!facility(11)) {
		report_skip("facility 11 not offered");
		report_prefix_pop();
		return;
	}
	memset(stsi_block, 0, sizeof(stsi_block));
	expect_pgm_int();
	cc = stsi(stsi_block, 15, 1, 2);
	report(pgm_int_code() == 0 && cc == 0, "STSI 15.1.2: cc 0 (interruption 0x%04x, cc %d)",
	       pgm_int_code(), cc);
	len = get_be16(stsi_block + 2);
	report_info("STSI 15.1.2: length %u, magnitudes %u %u %u %u %u %u, mnest %u", len,
		    stsi_block[4], stsi_block[5], stsi_block[6], stsi_block[7], stsi_block[8],
		    stsi_block[9], stsi_block[11]);
	for (off = 16; off + 8 <= len && off < 4096;) {
		const uint8_t *tle = stsi_block + off;

		if (tle[0] == 0) { /* a CPU entry: origin at 6, mask at 8 */
			unsigned origin = get_be16(tle + 6);
			uint64_t mask = get_be64(tle + 8);

			if (self >= origin && self < origin + 64 &&
			    (mask & (1ULL << (63 - (self - origin)))))
				found = 1;
			off += 16;
		} else {
			off += 8;
		}
	}
	report(found, "this CPU (%u) is in a CPU entry", self);
	expect_pgm_int();
	cc = ptf(2, &reason);
	report(pgm_int_code() == 0 && cc <= 1,
	       "PTF check topology change: cc %d (interruption 0x%04x)", cc, pgm_int_code());
	enter_pstate();
	expect_pgm_int();
	ptf(2, &reason);
	leave_pstate();
	check_pgm_int_code("PTF in problem state", PGM_PRIVILEGED_OP);
	report_prefix_pop();
}

/* SSKE R1,R2 with the multiple-block control (M3 = 1); returns R2 afterwards. */
static uint64_t sske_mb(uint64_t addr, uint8_t key)
{
	register unsigned long r2 asm("3") = addr;

	asm volatile(".insn rrf,0xb22b0000,%1,%0,1,0"
		     : "+a"(r2)
		     : "d"((unsigned long)key)
		     : "memory");
	return r2;
}

/*
 * SSKE's multiple-block control (with EDAT-1, facility 8): the keys of every 4 KB block from
 * the one addressed to the end of its 1 MB frame, R2 then addresses the next frame. Linux sets
 * keys of huge pages this way (arch/s390/mm/pageattr.c), looping until R2 reaches the end.
 */
static void test_sske_multiple_block(void)
{
	const uint64_t frame = GUEST_SCRATCH, start = frame + 0x10000;
	uint64_t r2;

	report_prefix_push("SSKE multiple blocks");
	if (!facility(8) || guest_env.storage_size < frame + 0x100000) {
		report_skip("facility 8 not offered");
		report_prefix_pop();
		return;
	}
	for (uint64_t a = frame; a < frame + 0x100000; a += 4096)
		sske(a, 0);
	r2 = sske_mb(start + 0x123, 0x30);
	report(r2 == frame + 0x100000 + 0x123, "R2 %lx: the next frame, the byte index kept",
	       (unsigned long)r2);
	report((iske(start) & 0xf8) == 0x30 && (iske(frame + 0xff000) & 0xf8) == 0x30,
	       "keys set from the block to the frame's end (%02x %02x)", iske(start),
	       iske(frame + 0xff000));
	report((iske(start - 4096) & 0xf8) == 0, "the block before keeps its key (%02x)",
	       iske(start - 4096));
	r2 = sske_mb(frame, 0);
	report(r2 == frame + 0x100000 && (iske(frame + 0xff000) & 0xf8) == 0,
	       "the whole frame back to key 0 (R2 %lx)", (unsigned long)r2);
	report_prefix_pop();
}

/* PERFORM TIMING FACILITY FUNCTION: function code in GR0, parameter block at GR1. */
static int ptff(void *block, unsigned fc)
{
	register unsigned long r0 asm("0") = fc;
	register unsigned long r1 asm("1") = (unsigned long)block;
	int cc;

	asm volatile(".insn e,0x0104\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc)
		     : "d"(r0), "d"(r1)
		     : "cc", "memory");
	return cc;
}

/*
 * The TOD-clock-steering facility (28): Linux's time_early_init() asks PTFF "query available
 * functions" and, if offered, "query TOD offset", with no exception fixup.
 */
static void test_ptff(void)
{
	static uint8_t block[64] __attribute__((aligned(8)));
	int cc;

	report_prefix_push("PTFF");
	if (!facility(28)) {
		report_skip("facility 28 not offered");
		report_prefix_pop();
		return;
	}
	memset(block, 0, sizeof(block));
	expect_pgm_int();
	cc = ptff(block, 0); /* QAF */
	report(pgm_int_code() == 0 && cc == 0 && (block[0] & 0x80),
	       "query available functions: cc 0, QAF itself offered (interruption 0x%04x, cc %d, "
	       "%02x%02x)",
	       pgm_int_code(), cc, block[0], block[1]);
	if (block[0] & 0x40) {
		expect_pgm_int();
		cc = ptff(block + 16, 1); /* QTO */
		report(pgm_int_code() == 0 && cc == 0,
		       "query TOD offset: cc 0 (interruption 0x%04x, cc %d)", pgm_int_code(), cc);
	}
	report_prefix_pop();
}

/*
 * LOAD PROGRAM PARAMETER (facility 40): Linux loads it at boot and at every context switch
 * when STFLE offers the facility, with no exception fixup. Privileged; an 8-byte operand.
 */
static void test_lpp(void)
{
	static uint64_t param[2] __attribute__((aligned(8))) = {0x1122334455667788ULL};

	report_prefix_push("LPP");
	if (!facility(40)) {
		report_skip("facility 40 not offered");
		report_prefix_pop();
		return;
	}
	expect_pgm_int();
	s_insn_at("lpp", (uint64_t)(uintptr_t)param);
	report(pgm_int_code() == 0, "loads the program parameter (interruption 0x%04x)",
	       pgm_int_code());
	expect_pgm_int();
	s_insn_at("lpp", (uint64_t)(uintptr_t)param + 4);
	report(pgm_int_code() == 0, "an operand on a word boundary (interruption 0x%04x)",
	       pgm_int_code());
	if (beyond_storage()) {
		expect_pgm_int();
		s_insn_at("lpp", beyond_storage());
		check_pgm_int_code("operand beyond storage", PGM_ADDRESSING);
	}
	enter_pstate();
	expect_pgm_int();
	s_insn_at("lpp", (uint64_t)(uintptr_t)param);
	leave_pstate();
	check_pgm_int_code("in problem state", PGM_PRIVILEGED_OP);
	report_prefix_pop();
}

/*
 * STSI 3.2.2 as z/VM fills it (Linux's /proc/sysinfo shows it: "VM00 Name", "Control Program",
 * "Adjustment", "CPUs Total" ...): one level, this machine's user ID (DIAG X'00' says which),
 * its CPU counts, capability adjustment 1000, and a control-program identifier of the name in 8
 * characters followed by version.release.modification, as "z/VM    7.3.0": the name is "z/VM"
 * (Linux's detect_machine_type() wants it to start EBCDIC "z/VM"), the level VM/64's own.
 */
static void test_stsi322(void)
{
	static uint8_t ident[40] __attribute__((aligned(8)));
	const uint8_t *vm0 = stsi_block + 32;
	char name[9], user[9], cpi[17], want[17];
	int cc;

	report_prefix_push("STSI 3.2.2");
	memset(stsi_block, 0xee, sizeof(stsi_block));
	cc = stsi(stsi_block, 3, 2, 2);
	report(cc == 0 && (stsi_block[31] & 0xf) == 1, "cc %d, one virtual-machine level (%u)", cc,
	       stsi_block[31] & 0xf);
	diag00((uint64_t)(uintptr_t)ident, sizeof(ident));
	ebcdic_to_ascii(EBCDIC_CP037, user, ident + DIAG00_USERID, 8);
	ebcdic_to_ascii(EBCDIC_CP037, name, vm0 + 12, 8);
	user[8] = name[8] = 0;
	report(memcmp(name, user, 8) == 0, "name '%s' is the user ID '%s'", name, user);
	report(get_be16(vm0 + 4) == 1 && get_be16(vm0 + 6) == 1 && get_be16(vm0 + 8) == 0 &&
		   get_be16(vm0 + 10) == 0,
	       "CPUs total 1, configured 1, standby 0, reserved 0 (got %u %u %u %u)",
	       get_be16(vm0 + 4), get_be16(vm0 + 6), get_be16(vm0 + 8), get_be16(vm0 + 10));
	report(get_be32(vm0 + 20) == 1000, "capability adjustment 1000 (got %u)",
	       get_be32(vm0 + 20));
	ebcdic_to_ascii(EBCDIC_CP037, cpi, vm0 + 24, 16);
	cpi[16] = 0;
	ksnprintf(want, sizeof(want), "%-8s%u.%u.%u", "z/VM", ident[DIAG00_VERSION],
		  ident[DIAG00_RELEASE], ident[DIAG00_RELEASE + 1]);
	report(memcmp(cpi, want, strlen(want)) == 0 && cpi[strlen(want)] == ' ',
	       "control program '%s', as DIAG X'00' says ('%s')", cpi, want);
	report(stsi_block[32 + 64 + 24] == 0 && stsi_block[4095] == 0,
	       "the second level and the rest of the page are zeros");
	report_prefix_pop();
}

/* IUCV (B2F0) as Linux's net/iucv/iucv.c issues it: the function in GR0, GR1 the parameter
 * list, no exception fixup; cc back, and after cc 1 the return code in the list's byte 3. */
static int iucv(unsigned long function, void *param, unsigned long *r0, unsigned long *r1)
{
	register unsigned long g0 asm("0") = function;
	register unsigned long g1 asm("1") = (unsigned long)param;
	int cc;

	asm volatile(".long 0xb2f01000\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(g0), "+d"(g1)
		     :
		     : "cc", "memory");
	if (r0)
		*r0 = g0;
	if (r1)
		*r1 = g1;
	return cc;
}

static void test_iucv(void)
{
	static uint8_t param[48] __attribute__((aligned(8)));
	static uint8_t buffer[40] __attribute__((aligned(8)));
	uint32_t beyond = (uint32_t)guest_env.storage_size - 8;
	unsigned long r0 = 0, r1 = 0;
	int cc;

	report_prefix_push("IUCV");
	/* QUERY: the interrupt buffer's size and the most connections (Linux sizes its path
	 * table by it and registers its IUCV bus only after cc 0). */
	expect_pgm_int();
	cc = iucv(0, param, &r0, &r1);
	report(pgm_int_code() == 0 && cc == 0 && r0 == 40 && r1 == 64,
	       "QUERY: cc 0, buffer 40, 64 connections (cc %d, %lu, %lu)", cc, r0, r1);
	/* DECLARE BUFFER (12), the buffer's address at byte 12; twice: "buffer exists" (X'13') */
	memset(param, 0, sizeof(param));
	*(uint32_t *)(param + 12) = (uint32_t)(uintptr_t)buffer;
	cc = iucv(12, param, NULL, NULL);
	report(cc == 0, "DECLARE BUFFER: cc 0 (cc %d)", cc);
	cc = iucv(12, param, NULL, NULL);
	report(cc == 1 && param[3] == 0x13, "DECLARE BUFFER again: cc 1, X'13' (cc %d, %02x)", cc,
	       param[3]);
	memset(param, 0, sizeof(param));
	param[0] = 0xf8;
	report(iucv(16, param, NULL, NULL) == 0 && iucv(17, param, NULL, NULL) == 0,
	       "SET MASK, SET CONTROL MASK: cc 0");
	report(iucv(2, param, NULL, NULL) == 0, "RETRIEVE BUFFER: cc 0");
	/* A buffer running off the end of storage: "storage error" (X'5C'), none declared. */
	memset(param, 0, sizeof(param));
	*(uint32_t *)(param + 12) = beyond;
	cc = iucv(12, param, NULL, NULL);
	report(cc == 1 && param[3] == 0x5c, "DECLARE BUFFER beyond storage: cc 1, X'5C' (cc %d, %02x)",
	       cc, param[3]);
	/* No partners: CONNECT finds its target not logged on, SEVER no such path. */
	memset(param, 0, sizeof(param));
	cc = iucv(11, param, NULL, NULL);
	report(cc == 1 && param[3] == 0x0b, "CONNECT: cc 1, X'0B' (cc %d, %02x)", cc, param[3]);
	memset(param, 0, sizeof(param));
	cc = iucv(15, param, NULL, NULL);
	report(cc == 1 && param[3] == 0x01, "SEVER: cc 1, X'01' (cc %d, %02x)", cc, param[3]);
	expect_pgm_int();
	iucv(12, param + 4, NULL, NULL);
	check_pgm_int_code("parameter list off a doubleword", PGM_SPECIFICATION);
	expect_pgm_int();
	iucv(99, param, NULL, NULL);
	check_pgm_int_code("function 99", PGM_SPECIFICATION);
	expect_pgm_int();
	iucv(12, (void *)(uintptr_t)(guest_env.storage_size + 0x1000), NULL, NULL);
	check_pgm_int_code("parameter list beyond storage", PGM_ADDRESSING);
	enter_pstate();
	expect_pgm_int();
	iucv(0, param, NULL, NULL);
	leave_pstate();
	check_pgm_int_code("in problem state", PGM_OPERATION);
	report_prefix_pop();
}

static void test_storage(void)
{
	uint64_t page = (uint64_t)(uintptr_t)key_page;
	uint64_t beyond = guest_env.storage_size + 0x100000;
	uint8_t key;

	report_prefix_push("storage");
	report(tprot(page, 0) == 0, "TPROT key 0 inside storage: cc 0");
	if (guest_env.qemu && under_vm64()) {
		/*
		 * QEMU's TCG does not treat TPROT as privileged, so under trap-and-emulate it runs
		 * natively in the guest's address space and CP never sees it.
		 */
		report_skip("TPROT beyond storage: QEMU's TCG runs TPROT unprivileged");
	} else {
		expect_pgm_int();
		tprot(beyond, 0);
		check_pgm_int_code("TPROT beyond storage", PGM_ADDRESSING);
	}

	expect_pgm_int();
	ptlb();
	report(pgm_int_code() == 0, "PTLB");

	sske(page, 0x30);
	key = iske(page);
	report((key & 0xf8) == 0x30, "SSKE X'30', ISKE gives %02x", key);
	sske(page, 0x08);
	key = iske(page);
	report((key & 0xf8) == 0x08, "fetch-protection bit round trip (%02x)", key);
	sske(page, 0x00);
	report((iske(page) & 0xf8) == 0, "key 0 restored");
	expect_pgm_int();
	iske(beyond);
	check_pgm_int_code("ISKE beyond storage", PGM_ADDRESSING);
	expect_pgm_int();
	sske(beyond, 0);
	check_pgm_int_code("SSKE beyond storage", PGM_ADDRESSING);
	report_prefix_pop();
}

static void test_problem_state(void)
{
	uint8_t mask = 0;

	report_prefix_push("problem state");
#define IN_PSTATE(what, insn)                                                                      \
	do {                                                                                       \
		enter_pstate();                                                                    \
		expect_pgm_int();                                                                  \
		insn;                                                                              \
		leave_pstate();                                                                    \
		check_pgm_int_code(what, PGM_PRIVILEGED_OP);                                       \
	} while (0)
	IN_PSTATE("STPX", stpx());
	IN_PSTATE("SPX", spx(0));
	IN_PSTATE("SSM", ssm((uint64_t)(uintptr_t)&mask));
	IN_PSTATE("STOSM", stosm(0x00));
	IN_PSTATE("LCTLG", lctlg_all((uint64_t)(uintptr_t)crs));
	IN_PSTATE("STCTG", stctg_all((uint64_t)(uintptr_t)crs_back));
	IN_PSTATE("PTLB", ptlb());
	IN_PSTATE("ISKE", iske((uint64_t)(uintptr_t)key_page));
	IN_PSTATE("STAP", stap());
	IN_PSTATE("STIDP", stidp());
	IN_PSTATE("STSI", stsi(stsi_block, 1, 1, 1));
	IN_PSTATE("LPSWE", asm volatile("lpswe 0(%0)" : : "a"(crs) : "memory"));
#undef IN_PSTATE
	/* Not privileged: STFLE, STCK, EPSW work in problem state. */
	enter_pstate();
	expect_pgm_int();
	stck();
	epsw();
	leave_pstate();
	report(pgm_int_code() == 0, "STCK and EPSW are not privileged");
	report(in_supervisor_state(), "back in supervisor state");
	report_prefix_pop();
}

static void test_operation(void)
{
	report_prefix_push("operation");
	expect_pgm_int();
	asm volatile(".short 0x0000" : : : "memory");
	check_pgm_int_code("opcode X'00'", PGM_OPERATION);
	expect_pgm_int();
	asm volatile(".long 0xb2010000" : : : "memory");
	check_pgm_int_code("unassigned opcode X'B201'", PGM_OPERATION);
	enter_pstate();
	expect_pgm_int();
	asm volatile(".long 0xb2010000" : : : "memory");
	leave_pstate();
	check_pgm_int_code("unassigned opcode in problem state", PGM_OPERATION);
	report_prefix_pop();
}

/* DAT on through tables that map the first 4 MB to themselves (the rest is invalid). */
static void identity_tables(void)
{
	for (unsigned s = 0; s < 512; s++)
		seg_table[s] = s < 4 ? (uint64_t)(uintptr_t)page_tables[s] : 0x20; /* I bit */
	for (unsigned s = 0; s < 4; s++)
		for (unsigned p = 0; p < 256; p++)
			page_tables[s][p] = (uint64_t)s << 20 | (uint64_t)p << 12;
	lctlg(1, (uint64_t)(uintptr_t)seg_table); /* segment-table ASCE, length 512 entries */
}

static void test_mvcos(void)
{
	uint8_t *src = (uint8_t *)(GUEST_SCRATCH + 0x10000);
	uint8_t *dst = (uint8_t *)(GUEST_SCRATCH + 0x20000);
	uint64_t s = (uint64_t)(uintptr_t)src, d = (uint64_t)(uintptr_t)dst;
	int cc;

	report_prefix_push("MVCOS");
	for (unsigned i = 0; i < 5000; i++)
		src[i] = (uint8_t)(i * 7 + 1);
	memset(dst, 0, 5000);
	expect_pgm_int();
	mvcos(d, s, 16, 0);
	check_pgm_int_code("DAT off", PGM_SPECIAL_OP);

	if (!guest_dat_available()) {
		report_skip("MVCOS with DAT on: VM/64's trap-and-emulate engine stops a guest "
			    "that turns DAT on");
		report_prefix_pop();
		return;
	}
	identity_tables();
	stosm(0x04);
	cc = mvcos(d, s, 16, 0);
	stnsm(0xfb);
	report(cc == 0 && !memcmp(dst, src, 16) && dst[16] == 0,
	       "16 bytes with the PSW's key and space: cc 0 (got %d)", cc);
	stosm(0x04);
	cc = mvcos(d, s, 5000, 0x00020002); /* K bits: key 0 for both operands */
	stnsm(0xfb);
	report(cc == 3 && !memcmp(dst, src, 4096) && dst[4096] == 0,
	       "true length 5000: 4096 bytes moved, cc 3 (got %d)", cc);
	stosm(0x04);
	expect_pgm_int();
	mvcos(d, s, 16, 0x00810000); /* first operand in the secondary space, CR0 bit 37 off */
	stnsm(0xfb);
	check_pgm_int_code("secondary space without CR0 bit 37", PGM_SPECIAL_OP);
	lctlg(1, 0);
	report_prefix_pop();
}

int main(void)
{
	report_prefix_push("priv");
	test_lpswe();
	test_lpsw();
	test_system_mask();
	test_control_registers();
	test_prefix();
	test_identity();
	test_facilities();
	test_linux_facilities();
	test_lpp();
	test_topology();
	test_ptff();
	test_sske_multiple_block();
	if (under_vm64()) {
		test_stsi322();
		test_iucv();
	} else {
		report_skip("STSI 3.2.2, IUCV: not under VM/64");
	}
	test_storage();
	test_problem_state();
	test_operation();
	test_mvcos();
	report_prefix_pop();
	return report_summary();
}
