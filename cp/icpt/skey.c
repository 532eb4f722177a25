/*
 * Storage keys and the instructions that look at storage as blocks: ISKE, SSKE, RRBE,
 * IVSK, TPROT and TB.
 *
 * CP keeps one key byte per 4 KB absolute page of the guest, in the layout ISKE returns
 * (access-control bits 0-3, fetch protection, reference, change), in chunks of real frames
 * allocated on the first SSKE that needs one (struct vm's skeys). Both engines intercept
 * ISKE, SSKE and RRBE (SIE by its interception controls), so the keys a guest sees are its
 * machine's alone, also for the pages of a shared segment that other machines map. SSKE on
 * a private page that has a frame also sets the frame's real key (hw_set_storage_key), which
 * SIE enforces against the guest (trap-and-emulate runs every guest in key 0, unprotected).
 * No one sets the recorded reference and change bits as the guest touches storage, so RRBE
 * sees only what SSKE put there. TPROT evaluates the recorded key.
 *
 * Covered by tests/unit/test_icpt.c and tests/guest/priv.c, pgm.c and skeyshr.c
 * (tests/system/test_vm.py, test_shared_page_keys_isolated).
 */
#include <arch/hw.h>
#include <cp/frames.h>
#include <lib/string.h>
#include "icpt.h"

#define PAGE_4K	   4096ULL
#define KEY_ACC	   0xf0
#define KEY_FETCH  0x08
#define KEY_REF	   0x04
#define KEY_CHANGE 0x02
#define KEY_MASK   0xfe /* bit 7 of the byte is not part of the key */
#define FRAME_1M   0x100000ULL

#define SSKE_MULTIPLE_BLOCK 0x1 /* M3 bit 3 */
#define FACILITY_EDAT1	    8

static bool key_slot(const struct vm *vm, uint64_t abs, unsigned *chunk, unsigned *index)
{
	uint64_t page = abs / PAGE_4K;

	if (abs >= vm->mem.size || page / VM_SKEY_CHUNK_PAGES >= VM_SKEY_CHUNKS)
		return false;
	*chunk = (unsigned)(page / VM_SKEY_CHUNK_PAGES);
	*index = (unsigned)(page % VM_SKEY_CHUNK_PAGES);
	return true;
}

uint8_t vm_skey_get(const struct vm *vm, uint64_t abs)
{
	unsigned chunk, index;

	if (!key_slot(vm, abs, &chunk, &index) || !vm->skeys[chunk])
		return 0;
	return vm->skeys[chunk][index];
}

int vm_skey_set(struct vm *vm, uint64_t abs, uint8_t key)
{
	unsigned chunk, index;

	if (!key_slot(vm, abs, &chunk, &index))
		return -1;
	if (!vm->skeys[chunk]) {
		uint64_t frame;

		if (key == 0)
			return 0; /* a missing chunk reads as zeros already */
		frame = frame_alloc(&real_frames);
		if (!frame)
			return -1;
		vm->skeys[chunk] = (uint8_t *)(uintptr_t)frame;
		memset(vm->skeys[chunk], 0, VM_SKEY_CHUNK_PAGES);
	}
	vm->skeys[chunk][index] = key & KEY_MASK;
	return 0;
}

void vm_skeys_release(struct vm *vm)
{
	for (unsigned i = 0; i < VM_SKEY_CHUNKS; i++) {
		if (vm->skeys[i])
			frame_free(&real_frames, (uint64_t)(uintptr_t)vm->skeys[i]);
		vm->skeys[i] = 0;
	}
}

/* The frame of a private page takes the page's key, for the machine to enforce. */
static void set_real_key(struct vm *vm, uint64_t abs)
{
	uint64_t frame;

	if (gmem_is_shared(&vm->mem, abs))
		return;
	frame = gmem_lookup(&vm->mem, abs);
	if (frame)
		hw_set_storage_key(frame, vm_skey_get(vm, abs));
}

/*
 * The start ISKE, SSKE and RRBE share: supervisor state, the RRE register fields, and the
 * absolute address of the 4 KB block named by the real address in R2.
 */
static int rre_block(struct vcpu *v, unsigned *r1, uint64_t *abs)
{
	unsigned r2;
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	icpt_rre(v, r1, &r2);
	*abs = real_to_abs(v, icpt_wrap(v, v->gprs[r2]) & ~(PAGE_4K - 1));
	return *abs < v->vm->mem.size ? 0 : PGM_ADDRESSING;
}

/* ISKE R1,R2: the key of the block goes to bits 56-62 of R1, bit 63 zero. */
static int handle_iske(struct vcpu *v)
{
	unsigned r1;
	uint64_t abs;
	int rc = rre_block(v, &r1, &abs);

	if (rc)
		return rc;
	v->gprs[r1] = (v->gprs[r1] & ~0xffULL) | vm_skey_get(v->vm, abs);
	return 0;
}

/*
 * SSKE R1,R2[,M3]: bits 56-62 of R1 become the key. With the multiple-block control (M3
 * bit 3, with EDAT-1: facility 8, which Hercules offers) every 4 KB block from the one R2
 * addresses to the end of its 1 MB frame gets the key, and R2 then addresses the next frame
 * (bits 0-51, or 32-51 below 64-bit mode; the byte index stays), as Linux's huge-page key
 * loop expects. The other M3 bits (nonquiescing, and MR/MC of conditional SSKE) let the
 * machine skip work; setting the whole key is always a valid outcome, so they are ignored.
 */
static int handle_sske(struct vcpu *v)
{
	unsigned r1, r2, m3 = (unsigned)(v->exit.ipb >> 28) & 0xf;
	uint64_t abs, real, end;
	int rc = rre_block(v, &r1, &abs);

	if (rc)
		return rc;
	if (!(m3 & SSKE_MULTIPLE_BLOCK) || !icpt_facility(FACILITY_EDAT1)) {
		if (vm_skey_set(v->vm, abs, (uint8_t)v->gprs[r1]))
			return ICPT_FAULT;
		set_real_key(v->vm, abs);
		return 0;
	}
	icpt_rre(v, &r1, &r2);
	real = icpt_wrap(v, v->gprs[r2]) & ~(PAGE_4K - 1);
	end = (real | (FRAME_1M - 1)) + 1;
	for (uint64_t a = real; a != end; a += PAGE_4K) {
		abs = real_to_abs(v, a);
		if (abs >= v->vm->mem.size)
			return PGM_ADDRESSING;
		if (vm_skey_set(v->vm, abs, (uint8_t)v->gprs[r1]))
			return ICPT_FAULT;
		set_real_key(v->vm, abs);
	}
	if (v->psw_mask & PSW_MASK_EA)
		v->gprs[r2] = (v->gprs[r2] & (PAGE_4K - 1)) | end;
	else
		v->gprs[r2] = (v->gprs[r2] & ~0xfffff000ULL) | (end & 0xfffff000ULL);
	return 0;
}

/* RRBE R1,R2: cc from the reference and change bits, then the reference bit is reset. */
static int handle_rrbe(struct vcpu *v)
{
	unsigned r1;
	uint64_t abs;
	uint8_t key;
	int rc = rre_block(v, &r1, &abs);

	if (rc)
		return rc;
	key = vm_skey_get(v->vm, abs);
	vcpu_set_cc(v, (key & KEY_REF ? 2 : 0) | (key & KEY_CHANGE ? 1 : 0));
	if ((key & KEY_REF) && vm_skey_set(v->vm, abs, key & ~KEY_REF))
		return ICPT_FAULT;
	return 0;
}

/* IVSK R1,R2: the access-control and fetch-protection bits of the key of the virtual
 * address in R2. Semiprivileged (CR0 extraction authority); DAT must be on. */
static int handle_ivsk(struct vcpu *v)
{
	unsigned r1, r2;
	uint64_t real, abs;
	int rc;

	if ((v->psw_mask & PSW_MASK_PSTATE) && !(v->crs[0] & CR0_EXTRACTION_AUTHORITY))
		return PGM_PRIVILEGED_OP;
	if (!(v->psw_mask & PSW_MASK_DAT))
		return PGM_SPECIAL_OP;
	icpt_rre(v, &r1, &r2);
	rc = icpt_translate(v, icpt_wrap(v, v->gprs[r2]), false, &real);
	if (rc)
		return rc;
	abs = real_to_abs(v, real);
	if (abs >= v->vm->mem.size)
		return PGM_ADDRESSING;
	v->gprs[r1] = (v->gprs[r1] & ~0xffULL) | (vm_skey_get(v->vm, abs) & (KEY_ACC | KEY_FETCH));
	return 0;
}

static bool translation_unavailable(int code)
{
	return pgm_is_translation(code);
}

/*
 * TPROT D1(B1),D2(B2): may the first-operand location be fetched from and stored into
 * with the access key in bits 56-59 of the second-operand address? cc 0 both, 1 fetch
 * only, 2 neither, 3 translation not available. An address outside storage is an
 * addressing exception, as the PoP says.
 */
static int handle_tprot(struct vcpu *v)
{
	struct insn_sse f;
	uint64_t addr, real, abs, dummy;
	unsigned access_key;
	uint8_t key;
	bool fetch_ok, store_ok;
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	decode_sse(v->exit.ipa, v->exit.ipb, &f);
	addr = decode_ea(v->gprs, v->psw_mask, 0, f.b1, f.d1);
	access_key = (unsigned)(decode_ea(v->gprs, v->psw_mask, 0, f.b2, f.d2) >> 4) & 0xf;
	rc = icpt_translate(v, addr, false, &real);
	if (rc && translation_unavailable(rc)) {
		vcpu_set_cc(v, 3);
		return 0;
	}
	if (rc)
		return rc;
	abs = real_to_abs(v, real);
	if (abs >= v->vm->mem.size)
		return PGM_ADDRESSING;
	key = vm_skey_get(v->vm, abs);
	if (access_key == 0 || access_key == (unsigned)(key >> 4)) {
		fetch_ok = store_ok = true;
	} else {
		store_ok = false;
		fetch_ok = !(key & KEY_FETCH);
	}
	if (store_ok && icpt_translate(v, addr, true, &dummy) == PGM_PROTECTION)
		store_ok = false; /* DAT protection */
	vcpu_set_cc(v, store_ok ? 0 : fetch_ok ? 1 : 2);
	return 0;
}

/* TB R1,R2: the 4 KB block at the real address in R2 is usable: cleared, cc 0, GR0 = 0. */
static int handle_tb(struct vcpu *v)
{
	static const uint8_t zeros[PAGE_4K];
	unsigned r1, r2;
	uint64_t real;
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	icpt_rre(v, &r1, &r2);
	real = icpt_wrap(v, v->gprs[r2]) & ~(PAGE_4K - 1);
	rc = guest_write_real(v, real, zeros, sizeof(zeros));
	if (rc)
		return rc < 0 ? ICPT_FAULT : rc;
	v->gprs[0] = 0;
	vcpu_set_cc(v, 0);
	return 0;
}

static const icpt_handler skey_b2[256] = {
	[0x23] = handle_ivsk,
	[0x29] = handle_iske,
	[0x2a] = handle_rrbe,
	[0x2b] = handle_sske,
	[0x2c] = handle_tb,
};

static const icpt_handler skey_e5[256] = {
	[0x01] = handle_tprot,
};

const struct icpt_area icpt_area_skey = {
	.name = "storage keys",
	.b2 = skey_b2,
	.e5 = skey_e5,
};
