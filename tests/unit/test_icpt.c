/*
 * Unit tests for the instruction-interception layer (cp/icpt/): each simulated
 * instruction is "intercepted" with its real encoding in ipa/ipb, as the engines report
 * it, and run through icpt_instruction() against a fake guest storage. Covers the
 * success paths and the architected failures (problem state, alignment, addressing,
 * translation), the guest-DAT operand path, SIGP to self and others, DIAGNOSE, and the
 * channel I/O instructions with no devices. SERVC has its own file (test_vsclp.c). The
 * interception tables: every handler an area lists is what its opcode reaches, and no two
 * areas claim one opcode.
 */
#include <string.h>
#include <cp/decode.h>
#include <cp/tod.h>
#include <lib/ebcdic.h>
#include <vm64/version.h>
#include "cunit_main.h"
#include "fake_gmem.h"
#include "fake_hw.h"
#include "../../cp/icpt/icpt.h"

#define MB	(1ULL << 20)
#define STORAGE (2 * MB)
#define PSW64	(PSW_MASK_EA | PSW_MASK_BA)
#define AFTER	0x10004ULL /* the PSW address after the intercepted instruction */

static struct vm *vm;
static struct vcpu *v;

static void setup(void)
{
	fake_console_reset();
	vm = fake_vm_new(STORAGE);
	v = &vm->vcpu;
	v->psw_mask = PSW64;
	v->psw_addr = AFTER;
	memset(&fake_info, 0, sizeof(fake_info));
	fake_info.cpu_id = 0x00061120964e8000ULL;
	strcpy(fake_info.manufacturer, "HRC");
	strcpy(fake_info.type, "2964");
}

static void teardown(void)
{
	fake_vm_free(vm);
}

/* Runs one intercepted instruction given by its bytes (padded to six). */
static int run6(const uint8_t *b)
{
	memset(&v->exit, 0, sizeof(v->exit));
	v->exit.reason = EXIT_INSTRUCTION;
	v->exit.ipa = (uint16_t)(b[0] << 8 | b[1]);
	v->exit.ipb = (uint32_t)b[2] << 24 | (uint32_t)b[3] << 16 | (uint32_t)b[4] << 8 | b[5];
	v->exit.ilc = (uint8_t)insn_length(b[0]);
	return icpt_instruction(v);
}

#define RUN(...) run6((const uint8_t[]){__VA_ARGS__, 0, 0, 0, 0, 0})

static unsigned cc(void)
{
	return (unsigned)(v->psw_mask >> PSW_CC_SHIFT) & 3;
}

static uint8_t *abs_(uint64_t a)
{
	return fake_abs(vm, a);
}

static void ebcdic(uint8_t *dst, const char *s)
{
	ascii_to_ebcdic(EBCDIC_CP037, dst, s, strlen(s));
}

/* ---- dispatch and problem state ---- */

static void test_unknown_instruction(void)
{
	setup();
	CU_ASSERT_EQUAL(RUN(0xb2, 0xff, 0x00, 0x00), PGM_OPERATION);
	CU_ASSERT_EQUAL(RUN(0x01, 0x01), PGM_OPERATION);
	CU_ASSERT_EQUAL(RUN(0xeb, 0x00, 0x00, 0x00, 0x00, 0x99), PGM_OPERATION);
	v->psw_mask |= PSW_MASK_PSTATE;
	CU_ASSERT_EQUAL(RUN(0xb2, 0xff, 0x00, 0x00), PGM_PRIVILEGED_OP);
	teardown();
}

static void test_problem_state_is_privileged_op(void)
{
	static const uint8_t privileged[][6] = {
		{ 0x80, 0, 0x08, 0 },            /* SSM */
		{ 0x82, 0, 0x08, 0 },            /* LPSW */
		{ 0x83, 0x23, 0, 0x44 },         /* DIAG */
		{ 0xac, 0xff, 0x08, 0 },         /* STNSM */
		{ 0xad, 0x00, 0x08, 0 },         /* STOSM */
		{ 0xae, 0x13, 0, 0x01 },         /* SIGP */
		{ 0xb6, 0x00, 0x08, 0 },         /* STCTL */
		{ 0xb7, 0x00, 0x08, 0 },         /* LCTL */
		{ 0xb2, 0x02, 0x08, 0 },         /* STIDP */
		{ 0xb2, 0x04, 0x08, 0 },         /* SCK */
		{ 0xb2, 0x06, 0x08, 0 },         /* SCKC */
		{ 0xb2, 0x07, 0x08, 0 },         /* STCKC */
		{ 0xb2, 0x08, 0x08, 0 },         /* SPT */
		{ 0xb2, 0x09, 0x08, 0 },         /* STPT */
		{ 0xb2, 0x0d, 0, 0 },            /* PTLB */
		{ 0xb2, 0x10, 0x08, 0 },         /* SPX */
		{ 0xb2, 0x11, 0x08, 0 },         /* STPX */
		{ 0xb2, 0x12, 0x08, 0 },         /* STAP */
		{ 0xb2, 0x20, 0, 0x12 },         /* SERVC */
		{ 0xb2, 0x23, 0, 0x12 },         /* IVSK (no extraction authority) */
		{ 0xb2, 0x29, 0, 0x12 },         /* ISKE */
		{ 0xb2, 0x2a, 0, 0x12 },         /* RRBE */
		{ 0xb2, 0x2b, 0, 0x12 },         /* SSKE */
		{ 0xb2, 0x2c, 0, 0x12 },         /* TB */
		{ 0xb2, 0x30, 0, 0 },            /* CSCH */
		{ 0xb2, 0x31, 0, 0 },            /* HSCH */
		{ 0xb2, 0x32, 0x08, 0 },         /* MSCH */
		{ 0xb2, 0x33, 0x08, 0 },         /* SSCH */
		{ 0xb2, 0x34, 0x08, 0 },         /* STSCH */
		{ 0xb2, 0x35, 0x08, 0 },         /* TSCH */
		{ 0xb2, 0x36, 0x08, 0 },         /* TPI */
		{ 0xb2, 0x38, 0, 0 },            /* RSCH */
		{ 0xb2, 0x39, 0x08, 0 },         /* STCRW */
		{ 0xb2, 0x76, 0, 0 },            /* XSCH */
		{ 0xb2, 0x7d, 0x08, 0 },         /* STSI */
		{ 0xb2, 0x80, 0x08, 0 },         /* LPP */
		{ 0xb2, 0xb1, 0, 0 },            /* STFL */
		{ 0xb2, 0xb2, 0x08, 0 },         /* LPSWE */
		{ 0xe5, 0x01, 0x08, 0, 0, 0 },   /* TPROT */
		{ 0xeb, 0x00, 0x08, 0, 0, 0x2f }, /* LCTLG */
		{ 0xeb, 0x00, 0x08, 0, 0, 0x25 }, /* STCTG */
	};

	setup();
	for (size_t i = 0; i < sizeof(privileged) / sizeof(privileged[0]); i++) {
		v->psw_mask = PSW64 | PSW_MASK_PSTATE;
		v->gprs[1] = 0x00010000;
		if (run6(privileged[i]) != PGM_PRIVILEGED_OP)
			CU_FAIL("a privileged instruction ran in problem state");
		CU_ASSERT_EQUAL(v->psw_mask, PSW64 | PSW_MASK_PSTATE); /* nothing changed */
	}
	CU_ASSERT_EQUAL(v->state, VCPU_RUNNABLE);
	teardown();
}

/* ---- PSW ---- */

static void test_lpsw(void)
{
	setup();
	/* short PSW: I/O+EXT enabled, bit 12, key 3, BA, address 0x1000 */
	put_be64(abs_(0x800), 0x0338000080001000ULL);
	CU_ASSERT_EQUAL(RUN(0x82, 0, 0x08, 0), 0);
	CU_ASSERT_EQUAL(v->psw_mask, PSW_MASK_IO | PSW_MASK_EXT | (3ULL << PSW_KEY_SHIFT) | PSW_MASK_BA);
	CU_ASSERT_EQUAL(v->psw_addr, 0x1000);
	/* bit 12 zero: specification, nothing loaded */
	v->psw_mask = PSW64;
	v->psw_addr = AFTER;
	put_be64(abs_(0x800), 0x0330000080001000ULL);
	CU_ASSERT_EQUAL(RUN(0x82, 0, 0x08, 0), PGM_SPECIFICATION);
	CU_ASSERT_EQUAL(v->psw_addr, AFTER);
	CU_ASSERT_EQUAL(v->exit.ilc, 4);
	/* misaligned and out-of-storage operands */
	CU_ASSERT_EQUAL(RUN(0x82, 0, 0x08, 0x04), PGM_SPECIFICATION);
	v->gprs[1] = STORAGE;
	CU_ASSERT_EQUAL(RUN(0x82, 0, 0x10, 0x00), PGM_ADDRESSING);
	/* a valid-looking short PSW that makes an invalid PSW: early, ILC 0, PSW loaded */
	put_be64(abs_(0x800), 0x8008000000001000ULL);
	CU_ASSERT_EQUAL(RUN(0x82, 0, 0x08, 0), PGM_SPECIFICATION);
	CU_ASSERT_EQUAL(v->exit.ilc, 0);
	CU_ASSERT_EQUAL(v->psw_addr, 0x1000);
	teardown();
}

static void test_lpswe(void)
{
	setup();
	put_be64(abs_(0x800), PSW64 | PSW_MASK_WAIT | PSW_MASK_EXT);
	put_be64(abs_(0x808), 0x123456780ULL);
	CU_ASSERT_EQUAL(RUN(0xb2, 0xb2, 0x08, 0), 0);
	CU_ASSERT_EQUAL(v->psw_mask, PSW64 | PSW_MASK_WAIT | PSW_MASK_EXT);
	CU_ASSERT_EQUAL(v->psw_addr, 0x123456780ULL);
	/* EA without BA */
	put_be64(abs_(0x800), PSW_MASK_EA);
	CU_ASSERT_EQUAL(RUN(0xb2, 0xb2, 0x08, 0), PGM_SPECIFICATION);
	CU_ASSERT_EQUAL(v->exit.ilc, 0);
	/* 31-bit mode with an address above 2 GB, an odd address */
	put_be64(abs_(0x800), PSW_MASK_BA);
	put_be64(abs_(0x808), 0x80000000ULL);
	CU_ASSERT_EQUAL(RUN(0xb2, 0xb2, 0x08, 0), PGM_SPECIFICATION);
	put_be64(abs_(0x800), PSW64);
	put_be64(abs_(0x808), 0x1001);
	CU_ASSERT_EQUAL(RUN(0xb2, 0xb2, 0x08, 0), PGM_SPECIFICATION);
	v->psw_mask = PSW64;
	CU_ASSERT_EQUAL(RUN(0xb2, 0xb2, 0x08, 0x0c), PGM_SPECIFICATION); /* alignment */
	CU_ASSERT_EQUAL(v->exit.ilc, 4);
	teardown();
}

static void test_ssm_stosm_stnsm(void)
{
	setup();
	*abs_(0x800) = 0x03; /* I/O and external */
	CU_ASSERT_EQUAL(RUN(0x80, 0, 0x08, 0), 0);
	CU_ASSERT_EQUAL(v->psw_mask, PSW64 | PSW_MASK_IO | PSW_MASK_EXT);
	*abs_(0x800) = 0x80; /* bit 0 */
	CU_ASSERT_EQUAL(RUN(0x80, 0, 0x08, 0), PGM_SPECIFICATION);
	CU_ASSERT_EQUAL(v->exit.ilc, 4);
	v->psw_mask = PSW64;
	v->crs[0] |= 1ULL << (63 - 33); /* SSM suppression */
	CU_ASSERT_EQUAL(RUN(0x80, 0, 0x08, 0), PGM_SPECIAL_OP);
	v->crs[0] = 0xe0;
	/* STOSM 0x900,0x04 (DAT); STNSM 0x901,0xfe */
	v->psw_mask = PSW64 | PSW_MASK_EXT;
	CU_ASSERT_EQUAL(RUN(0xad, 0x04, 0x09, 0x00), 0);
	CU_ASSERT_EQUAL(*abs_(0x900), 0x01);
	CU_ASSERT_EQUAL(v->psw_mask, PSW64 | PSW_MASK_EXT | PSW_MASK_DAT);
	CU_ASSERT_EQUAL(RUN(0xac, 0xfe, 0x09, 0x01), 0);
	CU_ASSERT_EQUAL(*abs_(0x901), 0x05);
	CU_ASSERT_EQUAL(v->psw_mask, PSW64 | PSW_MASK_DAT);
	CU_ASSERT_EQUAL(RUN(0xad, 0x20, 0x09, 0x00), PGM_SPECIFICATION); /* bit 2 */
	/* store fails: mask unchanged */
	v->psw_mask = PSW64;
	v->gprs[2] = STORAGE;
	CU_ASSERT_EQUAL(RUN(0xad, 0x03, 0x20, 0x00), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(v->psw_mask, PSW64);
	teardown();
}

/* ---- control registers ---- */

static void test_lctl_stctl(void)
{
	setup();
	for (int i = 0; i < 4; i++)
		put_be32(abs_(0x800 + 4 * i), 0x11111111u * (unsigned)(i + 1));
	v->crs[15] = 0xaaaaaaaa00000000ULL;
	/* LCTL 14,1,0x800: CRs 14, 15, 0, 1 (wrapping), bits 32-63 only */
	CU_ASSERT_EQUAL(RUN(0xb7, 0xe1, 0x08, 0x00), 0);
	CU_ASSERT_EQUAL(v->crs[14], 0x11111111ULL);
	CU_ASSERT_EQUAL(v->crs[15], 0xaaaaaaaa22222222ULL);
	CU_ASSERT_EQUAL(v->crs[0], 0x33333333ULL);
	CU_ASSERT_EQUAL(v->crs[1], 0x44444444ULL);
	CU_ASSERT_EQUAL(RUN(0xb7, 0xe1, 0x08, 0x02), PGM_SPECIFICATION);
	/* STCTL 15,0,0x900 */
	CU_ASSERT_EQUAL(RUN(0xb6, 0xf0, 0x09, 0x00), 0);
	CU_ASSERT_EQUAL(get_be32(abs_(0x900)), 0x22222222u);
	CU_ASSERT_EQUAL(get_be32(abs_(0x904)), 0x33333333u);
	/* LCTLG 0,15 with a negative long displacement from r2 */
	for (int i = 0; i < 16; i++)
		put_be64(abs_(0xa00 + 8 * i), 0x0101010101010101ULL * (uint64_t)i);
	v->gprs[2] = 0xa08;
	CU_ASSERT_EQUAL(RUN(0xeb, 0x0f, 0x2f, 0xf8, 0xff, 0x2f), 0);
	CU_ASSERT_EQUAL(v->crs[0], 0);
	CU_ASSERT_EQUAL(v->crs[15], 0x0f0f0f0f0f0f0f0fULL);
	CU_ASSERT_EQUAL(RUN(0xeb, 0x0f, 0x2f, 0xfc, 0xff, 0x2f), PGM_SPECIFICATION);
	/* STCTG 3,3 */
	CU_ASSERT_EQUAL(RUN(0xeb, 0x33, 0x0b, 0x00, 0x00, 0x25), 0);
	CU_ASSERT_EQUAL(get_be64(abs_(0xb00)), 0x0303030303030303ULL);
	/* beyond storage: no CR changes */
	v->gprs[2] = STORAGE - 8;
	CU_ASSERT_EQUAL(RUN(0xeb, 0x01, 0x20, 0x00, 0x00, 0x2f), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(v->crs[0], 0);
	teardown();
}

/* ---- prefix, clocks, timers ---- */

static void test_spx_stpx(void)
{
	setup();
	put_be32(abs_(0x800), 0x80013fffu); /* only bits 1-18 count */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x10, 0x08, 0x00), 0);
	CU_ASSERT_EQUAL(v->prefix, 0x12000);
	/* the operand is now read through the new prefix: real 0x800 is absolute 0x12800 */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x08, 0x00), 0);
	CU_ASSERT_EQUAL(get_be32(abs_(0x12800)), 0x12000u);
	put_be32(abs_(0x12800), (uint32_t)(STORAGE - 0x1000)); /* fits */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x10, 0x08, 0x00), 0);
	CU_ASSERT_EQUAL(v->prefix, STORAGE - 0x2000);
	v->prefix = 0x12000;
	put_be32(abs_(0x12800), (uint32_t)STORAGE);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x10, 0x08, 0x00), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(v->prefix, 0x12000);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x10, 0x08, 0x02), PGM_SPECIFICATION);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x08, 0x01), PGM_SPECIFICATION);
	teardown();
}

static void test_clocks_and_timers(void)
{
	setup();
	fake_tod = 1000000;
	put_be64(abs_(0x800), 1500000);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x04, 0x08, 0x00), 0); /* SCK */
	CU_ASSERT_EQUAL(v->tod_offset, 500000);
	CU_ASSERT_EQUAL(cc(), 0);
	put_be64(abs_(0x808), 0x123456789ULL);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x06, 0x08, 0x08), 0); /* SCKC */
	CU_ASSERT_EQUAL(v->clock_comparator, 0x123456789ULL);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x07, 0x08, 0x10), 0); /* STCKC */
	CU_ASSERT_EQUAL(get_be64(abs_(0x810)), 0x123456789ULL);
	put_be64(abs_(0x818), (uint64_t)-4096);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x08, 0x08, 0x18), 0); /* SPT */
	CU_ASSERT_EQUAL(v->cpu_timer, -4096);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x09, 0x08, 0x20), 0); /* STPT */
	CU_ASSERT_EQUAL(get_be64(abs_(0x820)), (uint64_t)-4096);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x06, 0x08, 0x04), PGM_SPECIFICATION);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x09, 0x08, 0x01), PGM_SPECIFICATION);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x04, 0x08, 0x02), PGM_SPECIFICATION);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x0d, 0x00, 0x00), 0); /* PTLB */
	put_be64(abs_(0x834), 0x1122334455667788ULL);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x80, 0x08, 0x34), 0); /* LPP, on a word boundary */
	CU_ASSERT_EQUAL(v->program_param, 0x1122334455667788ULL);
	v->gprs[5] = STORAGE;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x80, 0x50, 0x00), PGM_ADDRESSING);
	teardown();
}

static void test_psw_key(void)
{
	setup();
	v->gprs[5] = 0x70;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x0a, 0x50, 0x00), 0); /* SPKA 0(%r5): key 7 */
	CU_ASSERT_EQUAL((v->psw_mask & PSW_MASK_KEY) >> PSW_KEY_SHIFT, 7);
	v->gprs[2] = 0xffffffffffffff0fULL;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x0b, 0x00, 0x00), 0); /* IPK */
	CU_ASSERT_EQUAL(v->gprs[2], 0xffffffffffffff70ULL);
	/* problem state: allowed only by the key mask and the extraction authority */
	v->psw_mask |= PSW_MASK_PSTATE;
	v->crs[3] = 0;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x0a, 0x50, 0x00), PGM_PRIVILEGED_OP);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x0b, 0x00, 0x00), PGM_PRIVILEGED_OP);
	v->crs[3] = 1ULL << (63 - 39); /* key 7 */
	v->crs[0] |= 1ULL << (63 - 36);
	v->gprs[5] = 0x20;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x0a, 0x50, 0x00), PGM_PRIVILEGED_OP);
	v->gprs[5] = 0x70;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x0a, 0x50, 0x00), 0);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x0b, 0x00, 0x00), 0);
	teardown();
}

/* ---- system information ---- */

static void test_stidp_stap(void)
{
	setup();
	v->cpu_address = 7;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x02, 0x08, 0x00), 0);
	CU_ASSERT_EQUAL(get_be64(abs_(0x800)), 0xff061120964e8000ULL);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x12, 0x08, 0x0a), 0);
	CU_ASSERT_EQUAL(get_be16(abs_(0x80a)), 7);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x02, 0x08, 0x04), PGM_SPECIFICATION);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x12, 0x08, 0x01), PGM_SPECIFICATION);
	teardown();
}

static void test_stsi(void)
{
	uint8_t name[8], cpi[16];

	setup();
	v->gprs[5] = 0x3000;
	v->gprs[0] = 0xffffffff00000000ULL;
	v->gprs[1] = 0;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x7d, 0x50, 0x00), 0); /* fc 0: the level */
	CU_ASSERT_EQUAL(v->gprs[0], 0xffffffff30000000ULL);
	CU_ASSERT_EQUAL(cc(), 0);
	v->gprs[0] = 0x30000002;
	v->gprs[1] = 2;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x7d, 0x50, 0x00), 0); /* 3.2.2 */
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(*abs_(0x3000 + 31), 1);
	ebcdic(name, "TESTUSER");
	CU_ASSERT_EQUAL(memcmp(abs_(0x3000 + 32 + 12), name, 8), 0);
	memset(cpi, 0x40, 16);
	ebcdic(cpi, "z/VM    0.1.0"); /* z/VM's format ("z/VM    7.3.0"), VM/64's level */
	CU_ASSERT_EQUAL(memcmp(abs_(0x3000 + 32 + 24), cpi, 16), 0);
	CU_ASSERT_EQUAL(get_be16(abs_(0x3000 + 32 + 4)), 1);
	v->gprs[0] = 0x10000001;
	v->gprs[1] = 1;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x7d, 0x50, 0x00), 0); /* 1.1.1 */
	CU_ASSERT_EQUAL(cc(), 0);
	ebcdic(name, "HRC");
	CU_ASSERT_EQUAL(memcmp(abs_(0x3000 + 32), name, 3), 0);
	CU_ASSERT_EQUAL(*abs_(0x3000 + 35), 0x40);
	ebcdic(name, "2964");
	CU_ASSERT_EQUAL(memcmp(abs_(0x3000 + 48), name, 4), 0);
	v->gprs[0] = 0x10000002;
	v->gprs[1] = 2;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x7d, 0x50, 0x00), 0); /* 1.2.2 */
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(get_be16(abs_(0x3000 + 36)), 1);
	v->gprs[0] = 0x20000002;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x7d, 0x50, 0x00), 0); /* 2.2.2 */
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(get_be16(abs_(0x3000 + 38)), 1);
	v->gprs[1] = 1;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x7d, 0x50, 0x00), 0); /* 2.2.1: not offered */
	CU_ASSERT_EQUAL(cc(), 3);
	v->gprs[0] = 0x40000001;
	vcpu_set_cc(v, 0);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x7d, 0x50, 0x00), 0); /* beyond level 3 */
	CU_ASSERT_EQUAL(cc(), 3);
	v->gprs[0] = 0x30000102; /* reserved bits */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x7d, 0x50, 0x00), PGM_SPECIFICATION);
	v->gprs[0] = 0x30000002;
	v->gprs[1] = 0x10002;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x7d, 0x50, 0x00), PGM_SPECIFICATION);
	v->gprs[1] = 2;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x7d, 0x50, 0x08), PGM_SPECIFICATION); /* not 4K aligned */
	v->gprs[5] = STORAGE;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x7d, 0x50, 0x00), PGM_ADDRESSING);
	teardown();
}

/* STSI 15.1.2 and PTF exist only when the facility list offers facility 11. */
static void test_topology(void)
{
	setup();
	v->gprs[5] = 0x3000;
	v->gprs[0] = 0xf0000001ULL; /* 15.1.2 */
	v->gprs[1] = 2;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x7d, 0x50, 0x00), 0);
	CU_ASSERT_EQUAL(cc(), 3); /* CP's own list has no facility 11 */
	v->gprs[2] = 2;
	CU_ASSERT_EQUAL(RUN(0xb9, 0xa2, 0x00, 0x20), PGM_OPERATION); /* PTF */
	fake_info.facilities[0] = 0xfffff00000000000ULL;	     /* bits 0-19: 11 among them */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x7d, 0x50, 0x00), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(get_be16(abs_(0x3002)), 16 + 8 + 16);
	CU_ASSERT_EQUAL(*abs_(0x3008), 1); /* one container */
	CU_ASSERT_EQUAL(*abs_(0x3009), 1); /* of one CPU */
	CU_ASSERT_EQUAL(*abs_(0x300b), 2);
	CU_ASSERT_EQUAL(*abs_(0x3010), 1);				/* container entry */
	CU_ASSERT_EQUAL(*abs_(0x3018), 0);				/* CPU entry */
	CU_ASSERT_EQUAL(get_be64(abs_(0x3020)), 0x8000000000000000ULL); /* CPU 0 */
	v->gprs[1] = 3;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x7d, 0x50, 0x00), 0); /* 15.1.3: not offered */
	CU_ASSERT_EQUAL(cc(), 3);
	CU_ASSERT_EQUAL(RUN(0xb9, 0xa2, 0x00, 0x20), 0); /* PTF check: no change */
	CU_ASSERT_EQUAL(cc(), 0);
	v->gprs[2] = 0;
	CU_ASSERT_EQUAL(RUN(0xb9, 0xa2, 0x00, 0x20), 0); /* horizontal: already */
	CU_ASSERT_EQUAL(cc(), 2);
	CU_ASSERT_EQUAL(v->gprs[2], 0x100);
	v->gprs[2] = 1;
	CU_ASSERT_EQUAL(RUN(0xb9, 0xa2, 0x00, 0x20), 0); /* vertical: rejected */
	CU_ASSERT_EQUAL(cc(), 2);
	v->gprs[2] = 3;
	CU_ASSERT_EQUAL(RUN(0xb9, 0xa2, 0x00, 0x20), PGM_SPECIFICATION);
	v->gprs[2] = 0x102;
	CU_ASSERT_EQUAL(RUN(0xb9, 0xa2, 0x00, 0x20), PGM_SPECIFICATION);
	memset(fake_info.facilities, 0, sizeof(fake_info.facilities));
	teardown();
}

/* PTFF queries, only with facility 28 (TOD-clock steering). */
static void test_ptff(void)
{
	setup();
	v->gprs[0] = 0;
	v->gprs[1] = 0x800;
	CU_ASSERT_EQUAL(RUN(0x01, 0x04), PGM_OPERATION); /* CP's own list has no 28 */
	fake_info.facilities[0] = 1ULL << (63 - 28);
	memset(abs_(0x800), 0xcc, 48);
	CU_ASSERT_EQUAL(RUN(0x01, 0x04), 0); /* QAF */
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(*abs_(0x800), 0xd0); /* QAF, QTO, QPT */
	CU_ASSERT_EQUAL(*abs_(0x80f), 0);
	CU_ASSERT_EQUAL(*abs_(0x810), 0xcc); /* 16 bytes */
	fake_tod = 0x123456789ULL;
	v->tod_offset = 0x1000;
	v->gprs[0] = 1;
	CU_ASSERT_EQUAL(RUN(0x01, 0x04), 0); /* QTO */
	CU_ASSERT_EQUAL(get_be64(abs_(0x800)), 0x123456789ULL);
	CU_ASSERT_EQUAL(get_be64(abs_(0x818)), 0x1000);
	CU_ASSERT_EQUAL(*abs_(0x820), 0xcc); /* 32 bytes */
	v->gprs[0] = 3;
	CU_ASSERT_EQUAL(RUN(0x01, 0x04), 0); /* QPT */
	CU_ASSERT_EQUAL(get_be64(abs_(0x800)), 0x123456789ULL);
	v->gprs[0] = 2;
	CU_ASSERT_EQUAL(RUN(0x01, 0x04), 0); /* QSI: not available */
	CU_ASSERT_EQUAL(cc(), 3);
	v->gprs[0] = 0x80;
	CU_ASSERT_EQUAL(RUN(0x01, 0x04), PGM_SPECIFICATION);
	v->gprs[0] = 0x41;
	CU_ASSERT_EQUAL(RUN(0x01, 0x04), 0); /* a control function: not available */
	CU_ASSERT_EQUAL(cc(), 3);
	v->psw_mask |= PSW_MASK_PSTATE;
	CU_ASSERT_EQUAL(RUN(0x01, 0x04), PGM_PRIVILEGED_OP);
	v->gprs[0] = 0;
	CU_ASSERT_EQUAL(RUN(0x01, 0x04), 0); /* queries are not privileged */
	v->psw_mask &= ~PSW_MASK_PSTATE;
	v->gprs[1] = STORAGE - 8;
	CU_ASSERT_EQUAL(RUN(0x01, 0x04), PGM_ADDRESSING);
	memset(fake_info.facilities, 0, sizeof(fake_info.facilities));
	teardown();
}

static void test_stfl_stfle(void)
{
	setup();
	v->prefix = 0x20000;
	CU_ASSERT_EQUAL(RUN(0xb2, 0xb1, 0x00, 0x00), 0);
	/* N3, z/Arch installed and active, STFLE */
	CU_ASSERT_EQUAL(get_be32(abs_(0x200c8)) & 0xf1000000u, 0xe1000000u);
	/* STFLE is not privileged; room for one doubleword of two: cc 3, GR0 = 1 */
	v->psw_mask |= PSW_MASK_PSTATE;
	v->gprs[0] = 0;
	CU_ASSERT_EQUAL(RUN(0xb2, 0xb0, 0x08, 0x00), 0);
	CU_ASSERT_EQUAL(cc(), 3);
	CU_ASSERT_EQUAL(v->gprs[0], 1);
	CU_ASSERT_EQUAL(get_be64(abs_(0x20800)) >> 32, get_be32(abs_(0x200c8)));
	CU_ASSERT_EQUAL(RUN(0xb2, 0xb0, 0x08, 0x00), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(RUN(0xb2, 0xb0, 0x08, 0x04), PGM_SPECIFICATION);
	teardown();
}

/* ---- storage keys ---- */

/* SSKE's multiple-block control: only with facility 8; then to the end of the 1 MB frame. */
static void test_sske_multiple_block(void)
{
	setup();
	v->gprs[1] = 0x30;
	v->gprs[2] = 0x110123;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2b, 0x10, 0x12), 0); /* SSKE 1,2,1: no facility 8 */
	CU_ASSERT_EQUAL(v->gprs[2], 0x110123);
	CU_ASSERT_EQUAL(vm_skey_get(vm, 0x110000), 0x30);
	CU_ASSERT_EQUAL(vm_skey_get(vm, 0x111000), 0);
	fake_info.facilities[0] = 1ULL << (63 - 8);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2b, 0x10, 0x12), 0);
	CU_ASSERT_EQUAL(v->gprs[2], 0x200123);
	CU_ASSERT_EQUAL(vm_skey_get(vm, 0x111000), 0x30);
	CU_ASSERT_EQUAL(vm_skey_get(vm, 0x1ff000), 0x30);
	CU_ASSERT_EQUAL(vm_skey_get(vm, 0x10f000), 0);
	v->psw_mask &= ~PSW_MASK_EA; /* 31-bit: bits 32-51 only */
	v->gprs[2] = 0xabcd000000000456ULL;
	v->gprs[1] = 0x10;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2b, 0x10, 0x12), 0);
	CU_ASSERT_EQUAL(v->gprs[2], 0xabcd000000100456ULL);
	CU_ASSERT_EQUAL(vm_skey_get(vm, 0xff000), 0x10);
	v->gprs[2] = STORAGE;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2b, 0x10, 0x12), PGM_ADDRESSING);
	memset(fake_info.facilities, 0, sizeof(fake_info.facilities));
	teardown();
}

static void test_storage_keys(void)
{
	setup();
	v->gprs[2] = 0x5123;				 /* any address in the block */
	v->gprs[1] = 0xff36;				 /* key 3, no fetch protection, R and C */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2b, 0x00, 0x12), 0); /* SSKE 1,2 */
	v->gprs[3] = 0xffffffffffffff00ULL;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x29, 0x00, 0x32), 0); /* ISKE 3,2 */
	CU_ASSERT_EQUAL(v->gprs[3], 0xffffffffffffff36ULL);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2a, 0x00, 0x02), 0); /* RRBE 0,2: R and C */
	CU_ASSERT_EQUAL(cc(), 3);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2a, 0x00, 0x02), 0); /* R was reset */
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x29, 0x00, 0x32), 0);
	CU_ASSERT_EQUAL(v->gprs[3] & 0xff, 0x32);
	/* keys belong to absolute pages: real 0 with a prefix is the prefix page's key */
	v->prefix = 0x4000;
	v->gprs[2] = 0x1000;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x29, 0x00, 0x32), 0);
	CU_ASSERT_EQUAL(v->gprs[3] & 0xff, 0x32);
	v->gprs[2] = STORAGE;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x29, 0x00, 0x32), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2b, 0x00, 0x12), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(fake_frames_out, 1);
	/* no frame for a new key chunk: CP cannot go on */
	fake_frames_left = 0;
	v->gprs[2] = 1 * MB + 16 * MB % STORAGE; /* same chunk: still fine */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2b, 0x00, 0x12), 0);
	vm_skeys_release(vm);
	CU_ASSERT_EQUAL(fake_frames_out, 0);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2b, 0x00, 0x12), ICPT_FAULT);
	v->gprs[1] = 0; /* key zero needs no chunk */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2b, 0x00, 0x12), 0);
	fake_frames_left = -1;
	/* IVSK needs DAT on */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x23, 0x00, 0x32), PGM_SPECIAL_OP);
	teardown();
}

/* SSKE sets the real key of a private page's frame, never of a shared segment's; each
 * machine's ISKE sees its own key on a shared page. */
static void test_storage_keys_real_and_shared(void)
{
	uint64_t frames[GMEM_SEGMENT_PAGES], table, frame;
	struct vm *other;
	unsigned sets;

	setup();
	frame = gmem_page(&vm->mem, 0x5000);
	v->gprs[2] = 0x5000;
	v->gprs[1] = 0x90; /* key 9 */
	fake_real_key_frame = 0;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2b, 0x00, 0x12), 0);
	CU_ASSERT_EQUAL(fake_real_key_frame, frame);
	CU_ASSERT_EQUAL(fake_real_key, 0x90);

	for (unsigned i = 0; i < GMEM_SEGMENT_PAGES; i++)
		frames[i] = 0x40000000ULL + i * 4096;
	table = gmem_shared_table_build(frames);
	CU_ASSERT_EQUAL_FATAL(gmem_attach_shared(&vm->mem, MB, table), 0);
	other = fake_vm_new(STORAGE);
	CU_ASSERT_EQUAL_FATAL(gmem_attach_shared(&other->mem, MB, table), 0);
	sets = fake_real_key_sets;
	v->gprs[2] = MB + 0x3000;
	v->gprs[1] = 0x50;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2b, 0x00, 0x12), 0); /* SSKE on the shared page */
	CU_ASSERT_EQUAL(fake_real_key_sets, sets);       /* the frame's key is left alone */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x29, 0x00, 0x32), 0);
	CU_ASSERT_EQUAL(v->gprs[3] & 0xff, 0x50);
	CU_ASSERT_EQUAL(vm_skey_get(other, MB + 0x3000), 0); /* not the other machine's */
	gmem_detach_shared(&other->mem, MB);
	gmem_detach_shared(&vm->mem, MB);
	gmem_shared_table_free(table);
	vm_skeys_release(vm);
	fake_vm_free(other);
	teardown();
}

static void test_tprot(void)
{
	setup();
	v->gprs[2] = 0x6000;
	v->gprs[1] = 0x30; /* key 3 */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2b, 0x00, 0x12), 0);
	v->gprs[4] = 0x6000;
	/* TPROT 0(%r4),key: key 0 -> cc 0; key 3 -> cc 0; key 5 -> cc 1 */
	CU_ASSERT_EQUAL(RUN(0xe5, 0x01, 0x40, 0x00, 0x00, 0x00), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(RUN(0xe5, 0x01, 0x40, 0x00, 0x00, 0x30), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(RUN(0xe5, 0x01, 0x40, 0x00, 0x00, 0x50), 0);
	CU_ASSERT_EQUAL(cc(), 1);
	v->gprs[1] = 0x38; /* fetch protection on */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2b, 0x00, 0x12), 0);
	CU_ASSERT_EQUAL(RUN(0xe5, 0x01, 0x40, 0x00, 0x00, 0x50), 0);
	CU_ASSERT_EQUAL(cc(), 2);
	v->gprs[4] = STORAGE;
	CU_ASSERT_EQUAL(RUN(0xe5, 0x01, 0x40, 0x00, 0x00, 0x00), PGM_ADDRESSING);
	teardown();
}

static void test_tb(void)
{
	setup();
	memset(abs_(0x7000), 0xee, 4096);
	v->gprs[2] = 0x7abc;
	v->gprs[0] = 99;
	vcpu_set_cc(v, 3);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2c, 0x00, 0x02), 0);
	CU_ASSERT_EQUAL(*abs_(0x7000), 0);
	CU_ASSERT_EQUAL(*abs_(0x7fff), 0);
	CU_ASSERT_EQUAL(*abs_(0x8000), 0);
	CU_ASSERT_EQUAL(v->gprs[0], 0);
	CU_ASSERT_EQUAL(cc(), 0);
	v->gprs[2] = STORAGE;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2c, 0x00, 0x02), PGM_ADDRESSING);
	teardown();
}

/* ---- guest DAT on: operands are translated through the guest's tables ---- */

static void build_dat_tables(void)
{
	/* segment table at 0x20000 (one 4K block: 512 entries, 512 MB) */
	for (int i = 0; i < 512; i++)
		put_be64(abs_(0x20000 + 8 * i), 0x20); /* invalid */
	put_be64(abs_(0x20000 + 8 * 1), 0x21000);      /* segment 1 */
	for (int i = 0; i < 256; i++)
		put_be64(abs_(0x21000 + 8 * i), 0x400);	  /* invalid */
	put_be64(abs_(0x21000 + 8 * 0), 0x30000);	  /* 0x100000 -> 0x30000 */
	put_be64(abs_(0x21000 + 8 * 2), 0x31000 | 0x200); /* 0x102000, protected */
	put_be64(abs_(0x21000 + 8 * 3), 0x31000 | 0x800); /* reserved bit */
	v->crs[1] = 0x20000;				  /* segment-table ASCE */
	v->psw_mask = PSW64 | PSW_MASK_DAT;
}

/* MVCOS 0(2),0(3),5 through the guest's tables */
static void test_mvcos(void)
{
	setup();
	v->gprs[0] = 0;
	v->gprs[2] = 0x100000;
	v->gprs[3] = 0x102000;
	v->gprs[5] = 16;
	CU_ASSERT_EQUAL(RUN(0xc8, 0x50, 0x20, 0x00, 0x30, 0x00), PGM_SPECIAL_OP); /* DAT off */
	build_dat_tables();
	for (int i = 0; i < 4096; i++)
		*abs_(0x31000 + i) = (uint8_t)(i * 3 + 1);
	CU_ASSERT_EQUAL(RUN(0xc8, 0x50, 0x20, 0x00, 0x30, 0x00), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(memcmp(abs_(0x30000), abs_(0x31000), 16), 0);
	CU_ASSERT_EQUAL(*abs_(0x30010), 0);
	v->gprs[5] = 5000; /* true length beyond 4096: 4096 move, cc 3 */
	CU_ASSERT_EQUAL(RUN(0xc8, 0x50, 0x20, 0x00, 0x30, 0x00), 0);
	CU_ASSERT_EQUAL(cc(), 3);
	CU_ASSERT_EQUAL(memcmp(abs_(0x30000), abs_(0x31000), 4096), 0);
	v->gprs[5] = 0x100000000ULL | 8; /* 31-bit mode: bits 32-63 of R3 */
	v->psw_mask &= ~PSW_MASK_EA;
	CU_ASSERT_EQUAL(RUN(0xc8, 0x50, 0x20, 0x00, 0x30, 0x00), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	v->psw_mask |= PSW_MASK_EA;
	v->gprs[2] = 0x102000; /* into the DAT-protected page */
	v->gprs[3] = 0x100000;
	CU_ASSERT_EQUAL(RUN(0xc8, 0x50, 0x20, 0x00, 0x30, 0x00), PGM_PROTECTION);
	v->gprs[0] = 0x00810000; /* first operand in the secondary space, CR0 bit 37 off */
	CU_ASSERT_EQUAL(RUN(0xc8, 0x50, 0x20, 0x00, 0x30, 0x00), PGM_SPECIAL_OP);
	v->gprs[0] = 0;
	v->psw_mask |= PSW_MASK_PSTATE; /* CR3 PSW-key mask 0: key 0 not allowed */
	CU_ASSERT_EQUAL(RUN(0xc8, 0x50, 0x20, 0x00, 0x30, 0x00), PGM_PRIVILEGED_OP);
	teardown();
}

static void test_guest_dat_operands(void)
{
	setup();
	build_dat_tables();
	v->prefix = 0x4000;
	v->gprs[2] = 0x100000;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x20, 0x10), 0); /* STPX 0x10(%r2) */
	CU_ASSERT_EQUAL(get_be32(abs_(0x30010)), 0x4000u);
	/* page-translation exception: nullified, PSW back at the instruction, TEID set */
	v->gprs[2] = 0x101000;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x20, 0x10), PGM_PAGE_TRANS);
	CU_ASSERT_EQUAL(v->psw_addr, AFTER - 4);
	CU_ASSERT_EQUAL(v->exit.teid, 0x101000);
	v->psw_addr = AFTER;
	/* DAT protection: stores refused, fetches fine */
	v->gprs[2] = 0x102000;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x20, 0x10), PGM_PROTECTION);
	CU_ASSERT_EQUAL(v->psw_addr, AFTER); /* protection suppresses */
	put_be64(abs_(0x31000), 0x55);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x06, 0x20, 0x00), 0); /* SCKC from the protected page */
	CU_ASSERT_EQUAL(v->clock_comparator, 0x55);
	v->gprs[2] = 0x103000;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x06, 0x20, 0x00), PGM_TRANS_SPEC);
	v->gprs[2] = 0x200000;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x20, 0x10), PGM_SEGMENT_TRANS);
	v->psw_addr = AFTER;
	v->gprs[2] = 0x20000000; /* beyond the table length */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x20, 0x10), PGM_SEGMENT_TRANS);
	v->psw_addr = AFTER;
	v->gprs[2] = 0x80000000; /* beyond what a segment-table ASCE can map */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x20, 0x10), PGM_ASCE_TYPE);
	v->psw_addr = AFTER;
	/* TPROT: translation not available is cc 3; a DAT-protected page is cc 1 */
	v->gprs[4] = 0x101000;
	CU_ASSERT_EQUAL(RUN(0xe5, 0x01, 0x40, 0x00, 0x00, 0x00), 0);
	CU_ASSERT_EQUAL(cc(), 3);
	v->gprs[4] = 0x102000;
	CU_ASSERT_EQUAL(RUN(0xe5, 0x01, 0x40, 0x00, 0x00, 0x00), 0);
	CU_ASSERT_EQUAL(cc(), 1);
	/* IVSK with DAT on: the key of the translated page */
	v->gprs[2] = 0x100000;
	v->gprs[1] = 0x7e;
	v->psw_mask &= ~PSW_MASK_DAT;
	v->gprs[2] = 0x30000;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x2b, 0x00, 0x12), 0);
	v->psw_mask |= PSW_MASK_DAT;
	v->gprs[2] = 0x100000;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x23, 0x00, 0x32), 0);
	CU_ASSERT_EQUAL(v->gprs[3] & 0xff, 0x78);
	/* a real-space ASCE means no translation */
	v->crs[1] = 0x20;
	v->gprs[2] = 0x9000;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x20, 0x10), 0);
	CU_ASSERT_EQUAL(get_be32(abs_(0x9010)), 0x4000u);
	teardown();
}

/*
 * EDAT-1 (CR0 bit 40): a segment-table entry with its format control set maps a 1 MB frame
 * whose address is absolute (Linux maps its kernel so on Hercules, which offers facility 8).
 */
static void test_guest_dat_large_frames(void)
{
	setup();
	build_dat_tables();
	v->prefix = 0x4000;
	put_be64(abs_(0x20000 + 8 * 2), 0x100000 | 0x400);	    /* 0x200000: 1 MB at 0x100000 */
	put_be64(abs_(0x20000 + 8 * 3), 0x000000 | 0x400);	    /* 0x300000: 1 MB at 0 */
	put_be64(abs_(0x20000 + 8 * 4), 0x100000 | 0x400 | 0x200); /* protected */
	v->gprs[2] = 0x212340;
	/* without EDAT the entry is a page-table origin: the frame's bytes are invalid PTEs */
	put_be64(abs_(0x100000 + 8 * 0x12), 0x400);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x20, 0x10), PGM_PAGE_TRANS);
	v->psw_addr = AFTER;
	v->crs[0] |= 1ULL << (63 - 40);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x20, 0x10), 0); /* STPX 0x10(%r2) */
	CU_ASSERT_EQUAL(get_be32(abs_(0x112350)), 0x4000u);
	/* the frame's address is absolute: no prefixing of its first 8 KB */
	v->gprs[2] = 0x300100;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x20, 0x10), 0);
	CU_ASSERT_EQUAL(get_be32(abs_(0x110)), 0x4000u);
	CU_ASSERT_EQUAL(get_be32(abs_(0x4110)), 0);
	/* segment protection holds for a large frame */
	v->gprs[2] = 0x400000;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x20, 0x10), PGM_PROTECTION);
	teardown();
}

/* A table entry whose address would wrap past 2^64 is an addressing exception, not the
 * entry at the wrapped (low) address. */
static void test_guest_dat_no_wrap(void)
{
	setup();
	build_dat_tables();
	put_be64(abs_(0), 0x21000); /* what a wrapped walk would find at absolute 0 */
	/* segment table at the top of the address space, four blocks long */
	v->crs[1] = 0xfffffffffffff000ULL | 3;
	v->gprs[2] = 0x20000000; /* segment index 512: origin + 512 * 8 wraps to 0 */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x20, 0x10), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(get_be32(abs_(0x30010)), 0);
	/* a region-third table there wraps the same way */
	v->psw_addr = AFTER;
	v->crs[1] = 0xfffffffffffff000ULL | 0x4 | 3;
	v->gprs[2] = 512ULL << 31;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x11, 0x20, 0x10), PGM_ADDRESSING);
	teardown();
}

/* ---- SIGP ---- */

static void test_sigp(void)
{
	setup();
	v->gprs[3] = 0; /* own CPU address */
	v->gprs[1] = 0xabcd000000000000ULL;
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x01), 0); /* sense */
	CU_ASSERT_EQUAL(cc(), 0);
	v->gprs[3] = 1;
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x01), 0); /* another CPU */
	CU_ASSERT_EQUAL(cc(), 3);
	v->gprs[3] = 0;
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x02), 0); /* external call */
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT(v->pending & PEND_EXTERNAL_CALL);
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x02), 0); /* already pending */
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(v->gprs[1], 0xabcd000000000080ULL);
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x01), 0); /* sense sees it */
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x03), 0); /* emergency signal */
	CU_ASSERT(v->pending & PEND_EMERGENCY);
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x06), 0); /* restart */
	CU_ASSERT(v->pending & PEND_RESTART);
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x04), 0); /* start */
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x12), 0); /* set architecture */
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(v->gprs[1] & 0xffffffff, 0x100);
	/* R3 is ignored: no CPU at X'FFFE' is still "invalid parameter", not cc 3 */
	v->gprs[3] = 0xfffe;
	v->gprs[1] = 0;
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x12), 0);
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(v->gprs[1] & 0xffffffff, 0x100);
	v->gprs[3] = 0;
	/* SIGP 2,4: status to R2, parameter in R3, CPU address in R4 */
	v->gprs[4] = 0;
	v->gprs[3] = 0x8000;
	CU_ASSERT_EQUAL(RUN(0xae, 0x24, 0x00, 0x0d), 0); /* set prefix: CPU not stopped */
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(v->gprs[2] & 0xffffffff, 0x200);
	v->gprs[3] = STORAGE;
	CU_ASSERT_EQUAL(RUN(0xae, 0x24, 0x00, 0x0d), 0);
	CU_ASSERT_EQUAL(v->gprs[2] & 0xffffffff, 0x100);
	CU_ASSERT_EQUAL(v->prefix, 0);
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x0e), 0); /* store status at address */
	CU_ASSERT_EQUAL(v->gprs[1] & 0xffffffff, 0x200);
	v->gprs[1] = 0;
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x15), 0); /* sense running: it runs */
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(v->gprs[1], 0);
	CU_ASSERT_EQUAL(v->state, VCPU_RUNNABLE);
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x05), ICPT_STOP); /* stop */
	CU_ASSERT_EQUAL(v->state, VCPU_STOPPED);
	teardown();
}

static void test_sigp_stop_and_store_status(void)
{
	setup();
	v->gprs[7] = 0x7777;
	v->crs[6] = 0x66;
	v->prefix = 0x8000;
	v->cpu_timer = 0x1000;
	v->clock_comparator = 0xabcdef00ULL;
	v->gprs[3] = 0;
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x09), ICPT_STOP);
	CU_ASSERT_EQUAL(v->state, VCPU_STOPPED);
	/* absolute 0x1200, not through the prefix */
	CU_ASSERT_EQUAL(*abs_(163), 1);
	CU_ASSERT_EQUAL(get_be64(abs_(0x1200 + 0x80 + 7 * 8)), 0x7777);
	CU_ASSERT_EQUAL(get_be64(abs_(0x1300)), v->psw_mask);
	CU_ASSERT_EQUAL(get_be64(abs_(0x1308)), AFTER);
	CU_ASSERT_EQUAL(get_be32(abs_(0x1318)), 0x8000u);
	CU_ASSERT_EQUAL(get_be64(abs_(0x1328)), 0x1000);
	CU_ASSERT_EQUAL(get_be64(abs_(0x1330)), 0xabcdefULL);
	CU_ASSERT_EQUAL(get_be64(abs_(0x1380 + 6 * 8)), 0x66);
	teardown();
}

static void test_sigp_resets(void)
{
	setup();
	v->gprs[3] = 0;
	v->pending = PEND_EMERGENCY;
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x0c), ICPT_STOP); /* CPU reset */
	CU_ASSERT_EQUAL(v->pending, 0);
	CU_ASSERT_EQUAL(v->psw_addr, AFTER);
	v->state = VCPU_RUNNABLE;
	v->prefix = 0x8000;
	v->crs[0] = 0x12345;
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x0b), ICPT_STOP); /* initial CPU reset */
	CU_ASSERT_EQUAL(v->psw_mask, 0);
	CU_ASSERT_EQUAL(v->psw_addr, 0);
	CU_ASSERT_EQUAL(v->prefix, 0);
	CU_ASSERT_EQUAL(v->crs[0], 0xe0);
	CU_ASSERT_EQUAL(v->crs[14], 0xc2000000);
	teardown();
}

/* What each architected reset clears (PoP "Resets"; cp/vm/vcpu_reset.c). */
static void fill_state(void)
{
	v->psw_mask = PSW_MASK_EA | PSW_MASK_BA;
	v->psw_addr = 0x4000;
	v->gprs[5] = 5;
	v->ars[2] = 2;
	v->vrs[3][0] = 3;
	v->fpc = 0x80000000;
	v->crs[0] = 0x12345;
	v->crs[1] = 0x1000;
	v->crs[14] = 0;
	v->prefix = 0x8000;
	v->cpu_timer = 77;
	v->clock_comparator = 88;
	v->program_param = 99;
	v->pending = PEND_RESTART | PEND_EMERGENCY | PEND_EXTERNAL_CALL | PEND_SERVICE_SIGNAL |
		     PEND_IO;
	v->ext_call_from = 1;
	v->emergency_from = 2;
}

static void test_vcpu_resets(void)
{
	setup();
	fill_state();
	vcpu_reset(v, VCPU_RESET_CPU);
	/* local conditions go, floating ones (service signal, I/O) stay; nothing else moves */
	CU_ASSERT_EQUAL(v->pending, PEND_SERVICE_SIGNAL | PEND_IO);
	CU_ASSERT_EQUAL(v->ext_call_from, 0);
	CU_ASSERT_EQUAL(v->emergency_from, 0);
	CU_ASSERT_EQUAL(v->psw_addr, 0x4000);
	CU_ASSERT_EQUAL(v->prefix, 0x8000);
	CU_ASSERT_EQUAL(v->crs[0], 0x12345);
	CU_ASSERT_EQUAL(v->cpu_timer, 77);

	fill_state();
	vcpu_reset(v, VCPU_RESET_INITIAL);
	CU_ASSERT_EQUAL(v->psw_mask, 0);
	CU_ASSERT_EQUAL(v->psw_addr, 0);
	CU_ASSERT_EQUAL(v->prefix, 0);
	CU_ASSERT_EQUAL(v->cpu_timer, 0);
	CU_ASSERT_EQUAL(v->clock_comparator, 0);
	CU_ASSERT_EQUAL(v->program_param, 0);
	CU_ASSERT_EQUAL(v->fpc, 0);
	CU_ASSERT_EQUAL(v->crs[0], CR0_INITIAL);
	CU_ASSERT_EQUAL(v->crs[1], 0);
	CU_ASSERT_EQUAL(v->crs[14], CR14_INITIAL);
	CU_ASSERT_EQUAL(v->pending, PEND_SERVICE_SIGNAL | PEND_IO);
	/* general, access, floating-point and vector registers are unchanged */
	CU_ASSERT_EQUAL(v->gprs[5], 5);
	CU_ASSERT_EQUAL(v->ars[2], 2);
	CU_ASSERT_EQUAL(v->vrs[3][0], 3);

	fill_state();
	vcpu_reset(v, VCPU_RESET_CLEAR);
	CU_ASSERT_EQUAL(v->gprs[5], 0);
	CU_ASSERT_EQUAL(v->ars[2], 0);
	CU_ASSERT_EQUAL(v->vrs[3][0], 0);
	CU_ASSERT_EQUAL(v->pending, 0);
	CU_ASSERT_EQUAL(v->crs[0], CR0_INITIAL);
	CU_ASSERT_EQUAL(v->crs[14], CR14_INITIAL);
	CU_ASSERT_EQUAL(v->psw_mask, 0);
	teardown();
}

/* Virtual MP: a second CPU (address 1) defined by hand, as vm_define_cpu() would. */
static struct vcpu *add_cpu1(void)
{
	struct vcpu *t = &vm->xcpu[0];

	memset(t, 0, sizeof(*t));
	t->vm = vm;
	t->cpu_address = 1;
	t->state = VCPU_STOPPED;
	vm->cpus_defined |= 1u << 1;
	vm->max_cpus = 2;
	return t;
}

static void test_sigp_other_cpu(void)
{
	struct vcpu *t;

	setup();
	t = add_cpu1();
	v->gprs[3] = 1;
	v->gprs[1] = 0;
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x01), 0); /* sense: stopped */
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(v->gprs[1], 0x40);
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x15), 0); /* sense running: not running */
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(v->gprs[1] & 0xffffffff, 0x400);
	/* SIGP 2,4 set prefix: parameter in R3 */
	v->gprs[4] = 1;
	v->gprs[3] = 0x8000;
	CU_ASSERT_EQUAL(RUN(0xae, 0x24, 0x00, 0x0d), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(t->prefix, 0x8000);
	CU_ASSERT_EQUAL(v->prefix, 0);
	t->gprs[5] = 0x5555;
	v->gprs[3] = 0x10000;
	CU_ASSERT_EQUAL(RUN(0xae, 0x24, 0x00, 0x0e), 0); /* store status at address */
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(get_be64(abs_(0x10000 + 0x80 + 5 * 8)), 0x5555);
	CU_ASSERT_EQUAL(get_be32(abs_(0x10000 + 0x118)), 0x8000u);
	v->gprs[3] = 1;
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x06), 0); /* restart: pends and starts it */
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT(t->pending & PEND_RESTART);
	CU_ASSERT_EQUAL(t->state, VCPU_RUNNABLE);
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x02), 0); /* external call from CPU 0 */
	CU_ASSERT(t->pending & PEND_EXTERNAL_CALL);
	CU_ASSERT_EQUAL(t->ext_call_from, 0);
	CU_ASSERT_FALSE(v->pending & PEND_EXTERNAL_CALL);
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x03), 0); /* emergency signal */
	CU_ASSERT_EQUAL(t->emergency_from, 1u);
	v->gprs[4] = 1;
	v->gprs[3] = 0x8000;
	CU_ASSERT_EQUAL(RUN(0xae, 0x24, 0x00, 0x0d), 0); /* set prefix: operating */
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(v->gprs[2] & 0xffffffff, 0x200);
	v->gprs[3] = 1;
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x05), 0); /* stop: the asker goes on */
	CU_ASSERT_EQUAL(t->state, VCPU_STOPPED);
	CU_ASSERT_EQUAL(v->state, VCPU_RUNNABLE);
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x04), 0); /* start */
	CU_ASSERT_EQUAL(t->state, VCPU_RUNNABLE);
	t->state = VCPU_CHECK_STOP;
	v->gprs[1] = 0;
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x02), 0); /* check-stopped: not accepted */
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(v->gprs[1], 0x10);
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x0b), 0); /* initial CPU reset */
	CU_ASSERT_EQUAL(t->state, VCPU_STOPPED);
	CU_ASSERT_EQUAL(t->prefix, 0);
	CU_ASSERT_EQUAL(t->pending, 0);
	v->gprs[3] = 2;
	CU_ASSERT_EQUAL(RUN(0xae, 0x13, 0x00, 0x01), 0); /* CPU 2: not defined */
	CU_ASSERT_EQUAL(cc(), 3);
	teardown();
}

/* STSI 3.2.2's CPU counts and Read SCP Info's CPU entries follow the machine's CPUs. */
static void test_sigp_stap_other_cpu(void)
{
	struct vcpu *t;

	setup();
	t = add_cpu1();
	CU_ASSERT_PTR_EQUAL(vm_vcpu(vm, 1), t);
	CU_ASSERT_PTR_NULL(vm_vcpu(vm, 2));
	CU_ASSERT_EQUAL(vm_cpu_count(vm), 2);
	CU_ASSERT_PTR_EQUAL(vm_next_vcpu(v), t);
	CU_ASSERT_PTR_NULL(vm_next_vcpu(t));
	CU_ASSERT(vm_any_cpu_operating(vm));
	v->state = VCPU_STOPPED;
	CU_ASSERT_FALSE(vm_any_cpu_operating(vm));
	teardown();
}

/* ---- DIAGNOSE ---- */

static void test_diag_simple(void)
{
	setup();
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x44), 0);
	CU_ASSERT(v->yield);
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x60), 0);
	CU_ASSERT_EQUAL(v->gprs[2], STORAGE);
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x24), 0);
	CU_ASSERT_EQUAL(cc(), 3);
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x4c), PGM_SPECIFICATION); /* unknown */
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x02, 0x08), PGM_SPECIFICATION); /* code X'208' */
	/* the code is base + displacement, low 16 bits */
	v->gprs[5] = 0x10000 + 0x40;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x50, 0x04), 0);
	/* X'10': page-aligned range above page 1 */
	v->gprs[2] = 0x10000;
	v->gprs[3] = 0x1f000;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x10), 0);
	v->gprs[3] = 0x1f001;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x10), PGM_SPECIFICATION);
	v->gprs[3] = 0xf000;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x10), PGM_SPECIFICATION);
	v->gprs[2] = 0x1000;
	v->gprs[3] = 0x1000;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x10), PGM_SPECIFICATION);
	v->gprs[2] = 0x10000;
	v->gprs[3] = STORAGE;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x10), PGM_ADDRESSING);
	teardown();
}

static void test_diag_9c_260(void)
{
	setup();
	v->gprs[2] = 0; /* X'9C': directed yield, here to CPU 0 */
	CU_ASSERT_EQUAL(RUN(0x83, 0x20, 0x00, 0x9c), 0);
	CU_ASSERT(v->yield);
	/* X'260' subcode X'10': DIAG 2,4 with the buffer at R2, its length in R3 */
	memset(abs_(0x800), 0xcc, 48);
	v->gprs[2] = 0x800;
	v->gprs[3] = 32;
	v->gprs[4] = 0x10;
	CU_ASSERT_EQUAL(RUN(0x83, 0x24, 0x02, 0x60), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(v->gprs[4], 1);
	CU_ASSERT_EQUAL(get_be64(abs_(0x800)), 0);
	CU_ASSERT_EQUAL(get_be64(abs_(0x808)), STORAGE - 1);
	CU_ASSERT_EQUAL(*abs_(0x810), 0xcc); /* one extent, nothing more */
	/* a buffer too short for one extent: only the count */
	memset(abs_(0x900), 0xcc, 16);
	v->gprs[2] = 0x900;
	v->gprs[3] = 15;
	v->gprs[4] = 0x10;
	CU_ASSERT_EQUAL(RUN(0x83, 0x24, 0x02, 0x60), 0);
	CU_ASSERT_EQUAL(v->gprs[4], 1);
	CU_ASSERT_EQUAL(*abs_(0x900), 0xcc);
	v->gprs[4] = 0x0c; /* another subcode */
	CU_ASSERT_EQUAL(RUN(0x83, 0x24, 0x02, 0x60), PGM_SPECIFICATION);
	v->gprs[4] = 0x10;
	v->gprs[2] = 0x804; /* not on a doubleword */
	CU_ASSERT_EQUAL(RUN(0x83, 0x24, 0x02, 0x60), PGM_SPECIFICATION);
	v->gprs[3] = 0x10; /* Rx odd: DIAG 3,3 */
	CU_ASSERT_EQUAL(RUN(0x83, 0x33, 0x02, 0x60), PGM_SPECIFICATION);
	v->gprs[2] = STORAGE;
	v->gprs[3] = 16;
	CU_ASSERT_EQUAL(RUN(0x83, 0x24, 0x02, 0x60), PGM_ADDRESSING);
	teardown();
}

static void test_diag_00(void)
{
	uint8_t want[8];

	setup();
	memset(abs_(0x800), 0xcc, 64);
	v->gprs[2] = 0x800;
	v->gprs[3] = 64;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x00), 0);
	memset(want, 0x40, 8);
	ebcdic(want, "VM/64");
	CU_ASSERT_EQUAL(memcmp(abs_(0x800), want, 8), 0);
	ebcdic(want, "TESTUSER");
	CU_ASSERT_EQUAL(memcmp(abs_(0x810), want, 8), 0);
	/* the level QUERY CPLEVEL and the banner report (vm64/version.h) */
	CU_ASSERT_EQUAL(*abs_(0x80a), VM64_VERSION);
	CU_ASSERT_EQUAL(*abs_(0x824), VM64_RELEASE);
	CU_ASSERT_EQUAL(*abs_(0x825), VM64_MODLEVEL);
	CU_ASSERT_EQUAL(*abs_(0x819), 0x04); /* Y2K */
	CU_ASSERT_EQUAL(*abs_(0x828), 0xcc); /* 40 bytes, no more */
	/* Ry limits the length */
	memset(abs_(0x900), 0xcc, 64);
	v->gprs[2] = 0x900;
	v->gprs[3] = 4;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x00), 0);
	CU_ASSERT_EQUAL(*abs_(0x904), 0xcc);
	v->gprs[2] = 0x904;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x00), PGM_SPECIFICATION);
	v->gprs[2] = STORAGE - 8;
	v->gprs[3] = 40;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x00), PGM_ADDRESSING);
	teardown();
}

static void test_diag_0c(void)
{
	uint8_t want[16];

	setup();
	fake_tod = civil_to_tod(2026, 3, 4, 5, 6, 7);
	v->virt_time = 2 * TOD_SECOND; /* the guest's own */
	v->cpu_time = 3 * TOD_SECOND;  /* with CP's time for it */
	v->gprs[2] = 0x800;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x0c), 0);
	ebcdic(want, "03/04/2605:06:07");
	CU_ASSERT_EQUAL(memcmp(abs_(0x800), want, 16), 0);
	CU_ASSERT_EQUAL(get_be64(abs_(0x810)), 2000000);
	CU_ASSERT_EQUAL(get_be64(abs_(0x818)), 3000000);
	v->gprs[2] = 0x804;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x0c), PGM_SPECIFICATION);
	teardown();
}

static void put_command(uint64_t abs, const char *text)
{
	ebcdic(abs_(abs), text);
}

static void test_diag_08(void)
{
	uint8_t want[32];

	setup();
	put_command(0x4000, "QUERY TIME");
	/* response to the console */
	fake_cmd_response = "TIME IS 12:00\nLINE2\n";
	fake_cmd_rc = 0;
	v->gprs[2] = 0x4000;
	v->gprs[3] = 10;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x08), 0);
	CU_ASSERT_EQUAL(fake_cmd_count, 1);
	CU_ASSERT_STRING_EQUAL(fake_cmd_lines[0], "QUERY TIME");
	CU_ASSERT_EQUAL(fake_console_count, 2);
	CU_ASSERT_STRING_EQUAL(fake_console[0], "TIME IS 12:00");
	CU_ASSERT_STRING_EQUAL(fake_console[1], "LINE2");
	CU_ASSERT_EQUAL(v->gprs[3], 0);
	/* response into a buffer: Rx=2, Ry=4, buffer at R3, its length in R5 */
	fake_console_reset();
	fake_cmd_response = "TIME IS 12:00\nLINE2\n";
	fake_cmd_rc = 45;
	v->gprs[4] = 0x40000000 | 10;
	v->gprs[3] = 0x5000;
	v->gprs[5] = 100;
	CU_ASSERT_EQUAL(RUN(0x83, 0x24, 0x00, 0x08), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(v->gprs[5], 20);
	CU_ASSERT_EQUAL(v->gprs[4], 45);
	CU_ASSERT_EQUAL(fake_console_count, 0);
	ebcdic(want, "TIME IS 12:00");
	CU_ASSERT_EQUAL(memcmp(abs_(0x5000), want, 13), 0);
	CU_ASSERT_EQUAL(*abs_(0x500d), 0x15);
	CU_ASSERT_EQUAL(*abs_(0x5013), 0x15);
	/* buffer too small: cc 1, R(y+1) = the bytes that did not fit */
	memset(abs_(0x6000), 0, 32);
	v->gprs[4] = 0x40000000 | 10;
	v->gprs[3] = 0x6000;
	v->gprs[5] = 8;
	CU_ASSERT_EQUAL(RUN(0x83, 0x24, 0x00, 0x08), 0);
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(v->gprs[5], 12);
	CU_ASSERT_EQUAL(*abs_(0x6008), 0);
	/* two commands separated by X'15' */
	fake_console_reset();
	put_command(0x4000, "CMD1 CMD2");
	*abs_(0x4004) = 0x15;
	v->gprs[3] = 9;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x08), 0);
	CU_ASSERT_EQUAL(fake_cmd_count, 2);
	CU_ASSERT_STRING_EQUAL(fake_cmd_lines[0], "CMD1");
	CU_ASSERT_STRING_EQUAL(fake_cmd_lines[1], "CMD2");
	/* no command: nothing run */
	fake_console_reset();
	v->gprs[3] = 0;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x08), 0);
	CU_ASSERT_EQUAL(fake_cmd_count, 0);
	/* errors: too long, consecutive registers with a buffer, text beyond storage */
	v->gprs[3] = 241;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x08), PGM_SPECIFICATION);
	v->gprs[3] = 0x40000000 | 10;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x08), PGM_SPECIFICATION);
	v->gprs[2] = STORAGE - 4;
	v->gprs[3] = 10;
	CU_ASSERT_EQUAL(RUN(0x83, 0x23, 0x00, 0x08), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(fake_cmd_count, 0);
	teardown();
}

/* ---- channel I/O without devices ---- */

static void test_io(void)
{
	setup();
	v->gprs[1] = 0x00010005;
	memset(abs_(0x800), 0xcc, 64);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x34, 0x08, 0x00), 0); /* STSCH */
	CU_ASSERT_EQUAL(cc(), 3);
	CU_ASSERT_EQUAL(*abs_(0x800), 0xcc);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x35, 0x08, 0x00), 0); /* TSCH */
	CU_ASSERT_EQUAL(cc(), 3);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x32, 0x08, 0x00), 0); /* MSCH */
	CU_ASSERT_EQUAL(cc(), 3);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x33, 0x08, 0x00), 0); /* SSCH */
	CU_ASSERT_EQUAL(cc(), 3);
	for (uint8_t op2 = 0x30; op2 <= 0x31; op2++) { /* CSCH, HSCH */
		vcpu_set_cc(v, 0);
		CU_ASSERT_EQUAL(RUN(0xb2, op2, 0x00, 0x00), 0);
		CU_ASSERT_EQUAL(cc(), 3);
	}
	vcpu_set_cc(v, 0);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x76, 0x00, 0x00), 0); /* XSCH */
	CU_ASSERT_EQUAL(cc(), 3);
	vcpu_set_cc(v, 0);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x38, 0x00, 0x00), 0); /* RSCH */
	CU_ASSERT_EQUAL(cc(), 3);
	/* a bad subchannel ID is an operand exception, before anything else */
	v->gprs[1] = 0x00020005;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x34, 0x08, 0x01), PGM_OPERAND);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x31, 0x00, 0x00), PGM_OPERAND);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x33, 0x08, 0x00), PGM_OPERAND);
	v->gprs[1] = 0xffffffff00010000ULL; /* bits 0-31 do not matter */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x31, 0x00, 0x00), 0);
	/* alignment, then access: both before cc 3 */
	CU_ASSERT_EQUAL(RUN(0xb2, 0x34, 0x08, 0x02), PGM_SPECIFICATION);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x35, 0x08, 0x01), PGM_SPECIFICATION);
	v->gprs[2] = STORAGE - 16;
	CU_ASSERT_EQUAL(RUN(0xb2, 0x34, 0x20, 0x00), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x35, 0x20, 0x00), PGM_ADDRESSING);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x32, 0x20, 0x00), PGM_ADDRESSING);
	/* TPI: nothing pending */
	vcpu_set_cc(v, 2);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x36, 0x08, 0x00), 0);
	CU_ASSERT_EQUAL(cc(), 0);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x36, 0x08, 0x02), PGM_SPECIFICATION);
	/* STCRW: no report, zeros stored, cc 1 */
	memset(abs_(0x900), 0xcc, 4);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x39, 0x09, 0x00), 0);
	CU_ASSERT_EQUAL(cc(), 1);
	CU_ASSERT_EQUAL(get_be32(abs_(0x900)), 0);
	CU_ASSERT_EQUAL(RUN(0xb2, 0x39, 0x09, 0x02), PGM_SPECIFICATION);
	teardown();
}

enum table_kind { T_OP1, T_01, T_B2, T_B9, T_E5, T_EB, T_C8, T_KINDS };

static const icpt_handler *table_of(const struct icpt_area *a, enum table_kind k)
{
	const icpt_handler *const tables[T_KINDS] = { a->op1, a->e01, a->b2, a->b9,
						      a->e5,  a->eb,  a->c8 };

	return tables[k];
}

/* The first opcode byte of the family a table of kind k serves (0: one-byte opcodes). */
static const uint8_t first[T_KINDS] = { 0, 0x01, 0xb2, 0xb9, 0xe5, 0xeb, 0xc8 };

/* The ipa/ipb of an instruction whose opcode is index in a table of kind k. */
static void encode(enum table_kind k, unsigned index, uint16_t *ipa, uint32_t *ipb)
{

	*ipb = 0;
	if (k == T_OP1) {
		*ipa = (uint16_t)(index << 8);
	} else if (k == T_EB) {
		*ipa = 0xeb00;
		*ipb = index;
	} else if (k == T_C8) {
		*ipa = (uint16_t)(0xc800 | (index & 0xf)); /* SSF: R3 0, the op in bits 12-15 */
	} else {
		*ipa = (uint16_t)(first[k] << 8 | index);
	}
}

static bool is_family_byte(unsigned op)
{
	for (enum table_kind k = T_01; k < T_KINDS; k++)
		if (first[k] == op)
			return true;
	return false;
}

static void test_tables_one_owner_per_opcode(void)
{
	unsigned handlers = 0, nareas = 0;

	while (icpt_area_at(nareas))
		nareas++;
	CU_ASSERT_EQUAL(nareas, 8);
	for (enum table_kind k = 0; k < T_KINDS; k++) {
		for (unsigned index = 0; index < (k == T_C8 ? 16u : 256u); index++) {
			const struct icpt_area *owner = NULL;
			uint16_t ipa;
			uint32_t ipb;

			encode(k, index, &ipa, &ipb);
			for (unsigned i = 0; i < nareas; i++) {
				const struct icpt_area *a = icpt_area_at(i);
				const icpt_handler *t = table_of(a, k);

				if (!t || !t[index])
					continue;
				handlers++;
				if (owner) {
					fprintf(stderr, "opcode %04x/%02x claimed by %s and %s\n", ipa,
						ipb & 0xff, owner->name, a->name);
					CU_FAIL("two areas claim one opcode");
				}
				owner = a;
				/* Reachable: the dispatcher finds this very handler. */
				if (icpt_lookup(ipa, ipb) != t[index]) {
					fprintf(stderr, "%s's opcode %04x/%02x does not reach it\n",
						a->name, ipa, ipb & 0xff);
					CU_FAIL("a handler its opcode does not reach");
				}
			}
			/* An unclaimed opcode reaches nothing; a family's first byte (B2, B9, ...)
			 * as a one-byte opcode is that family's, checked with its own table. */
			if (!owner && !(k == T_OP1 && is_family_byte(index)))
				CU_ASSERT_PTR_NULL(icpt_lookup(ipa, ipb));
		}
	}
	CU_ASSERT(handlers >= 40);
}

UNIT_SUITE(dispatch, UNIT_CASE(test_unknown_instruction),
	   UNIT_CASE(test_problem_state_is_privileged_op), UNIT_CASE(test_tables_one_owner_per_opcode))
UNIT_SUITE(control, UNIT_CASE(test_lpsw), UNIT_CASE(test_lpswe), UNIT_CASE(test_ssm_stosm_stnsm),
	   UNIT_CASE(test_lctl_stctl), UNIT_CASE(test_spx_stpx), UNIT_CASE(test_clocks_and_timers),
	   UNIT_CASE(test_psw_key))
UNIT_SUITE(sysinfo, UNIT_CASE(test_stidp_stap), UNIT_CASE(test_stsi), UNIT_CASE(test_topology),
	   UNIT_CASE(test_ptff), UNIT_CASE(test_stfl_stfle))
UNIT_SUITE(skeys, UNIT_CASE(test_storage_keys), UNIT_CASE(test_sske_multiple_block),
	   UNIT_CASE(test_storage_keys_real_and_shared),
	   UNIT_CASE(test_tprot), UNIT_CASE(test_tb))
UNIT_SUITE(gdat, UNIT_CASE(test_guest_dat_operands), UNIT_CASE(test_mvcos),
	   UNIT_CASE(test_guest_dat_no_wrap), UNIT_CASE(test_guest_dat_large_frames))
UNIT_SUITE(sigp, UNIT_CASE(test_sigp), UNIT_CASE(test_sigp_stop_and_store_status),
	   UNIT_CASE(test_sigp_resets), UNIT_CASE(test_vcpu_resets),
	   UNIT_CASE(test_sigp_other_cpu),
	   UNIT_CASE(test_sigp_stap_other_cpu))
UNIT_SUITE(diag, UNIT_CASE(test_diag_simple), UNIT_CASE(test_diag_9c_260), UNIT_CASE(test_diag_00),
	   UNIT_CASE(test_diag_0c), UNIT_CASE(test_diag_08))
UNIT_SUITE(io, UNIT_CASE(test_io))

UNIT_MAIN(UNIT_REG(dispatch), UNIT_REG(control), UNIT_REG(sysinfo), UNIT_REG(skeys), UNIT_REG(gdat),
	  UNIT_REG(sigp), UNIT_REG(diag), UNIT_REG(io))
