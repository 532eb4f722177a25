/*
 * DIAGNOSE, the guest's calls to CP. The code is the low 16 bits of the second-operand
 * address (RS format: DIAG Rx,Ry,code(Base)); handlers sit in a table indexed by it.
 * Register and storage conventions are z/VM's (CP Programming Services, "DIAGNOSE
 * Instruction in a Virtual Machine"): addresses in registers are guest real addresses.
 * An unknown code is a specification exception, as under z/VM.
 *
 *   X'00'  store extended identification (40 bytes at Rx, Ry bytes of them)
 *   X'08'  CP command (Rx text, Ry flags|length; X'40' in the flags: response into the
 *          buffer at R(x+1) of length R(y+1))
 *   X'0C'  pseudo timer (32 bytes at Rx)
 *   X'10'  release pages: their frames go back to CP and they read as zeros afterwards
 *   X'14'  input spool files: read a reader file's 4 KB spool pages, its spool-file block
 *          (cp/spool/diag14.c)
 *   X'24'  device type and features: the virtual console (3215) and the V-DISKs (FBA 9336);
 *          the reader, punch and printer (class X'20' reader, X'10' punch/printer; type
 *          X'20' 2540, X'41' 1403); cc 3 for any other device number
 *   X'44'  voluntary time-slice end
 *   X'60'  virtual storage size into Rx
 *   X'64'  named saved segments: LOADSHR, LOADNSHR, PURGESEG, FINDSEG (diag64.c)
 *   X'9C'  voluntary time-slice end directed to the CPU whose address is in Rx: a yield, as
 *          X'44' (one virtual CPU: there is no other to give the time to)
 *   X'250' block I/O to the user's disks (diag250.c, conventions in vm64/diag250.h)
 *   X'260' subcode X'10': the storage extents (vm64/diag.h); other subcodes: specification
 * Covered by tests/unit/test_icpt.c and tests/guest/diag.c.
 */
#include <arch/hw.h>
#include <cp/spool.h>
#include <cp/tod.h>
#include <lib/ebcdic.h>
#include <lib/string.h>
#include <vm64/diag.h>
#include <vm64/version.h>
#include "icpt.h"

#define DIAG_CODES 0x300 /* up to X'2FC': X'260' is the highest CP offers */
#define PAGE_4K	   4096ULL


static int store_real(struct vcpu *v, uint64_t raddr, const void *buf, size_t len)
{
	int rc = guest_write_real(v, raddr, buf, len);

	return rc < 0 ? ICPT_FAULT : rc;
}

static uint64_t reg_addr(const struct vcpu *v, unsigned r)
{
	return icpt_wrap(v, v->gprs[r]);
}

static int diag_00(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code)
{
	uint8_t id[DIAG00_LEN];
	uint64_t addr = reg_addr(v, rx), len = v->gprs[ry] & 0xffffffffULL;
	const struct hw_info *hw = hw_info();

	(void)code;
	if (addr & 7)
		return PGM_SPECIFICATION;
	memset(id, 0, sizeof(id));
	ebcdic_put_field(EBCDIC_CP037, id + DIAG00_NAME, 8, VM64_NAME);
	id[DIAG00_VERSION] = VM64_VERSION;
	id[DIAG00_VCODE] = (uint8_t)(hw->cpu_id >> 56);
	put_be16(id + DIAG00_CPU_ADDR, hw->ipl_cpu);
	ebcdic_put_field(EBCDIC_CP037, id + DIAG00_USERID, 8, v->vm->userid);
	id[DIAG00_PRODUCTS + 1] = DIAG00_Y2K;
	put_be32(id + DIAG00_TZ_DELTA, 0); /* CP keeps UTC */
	id[DIAG00_RELEASE] = VM64_RELEASE;
	id[DIAG00_RELEASE + 1] = VM64_MODLEVEL;
	return store_real(v, addr, id, len < sizeof(id) ? (size_t)len : sizeof(id));
}

static char cmd_line[DIAG08_MAX_CMD + 1];
static char response[8192];
static uint8_t response_ebcdic[sizeof(response)];

/* Runs each X'15'-separated command of the text; responses accumulate in response[]. */
static int run_commands(struct vcpu *v, const uint8_t *text, size_t len, size_t *resp_len)
{
	size_t start = 0;
	int rc = 0;

	*resp_len = 0;
	while (start < len) {
		size_t end = start;

		while (end < len && text[end] != DIAG_EBCDIC_NL)
			end++;
		ebcdic_to_ascii(EBCDIC_CP037, cmd_line, text + start, end - start);
		cmd_line[end - start] = 0;
		rc = vm_cp_command(v->vm, cmd_line, response + *resp_len,
				   sizeof(response) - *resp_len);
		*resp_len += strnlen(response + *resp_len, sizeof(response) - *resp_len);
		start = end + 1;
	}
	return rc;
}

/* Each response line goes to the guest's console. */
static void response_to_console(struct vm *vm, const char *resp, size_t len)
{
	while (len) {
		size_t n = 0;

		while (n < len && resp[n] != '\n')
			n++;
		vm_console_output(vm, resp, n);
		if (n == len)
			break;
		len -= n + 1;
		resp += n + 1;
	}
}

static int diag_08(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code)
{
	uint8_t text[DIAG08_MAX_CMD];
	uint32_t ryval = (uint32_t)v->gprs[ry];
	unsigned flags = ryval >> 24;
	size_t len = ryval & 0xffffff, resp_len;
	bool to_buffer = flags & DIAG08_FLAG_RESPONSE;
	int rc, cmd_rc;

	(void)code;
	if (len == 0) {
		/* no command: the virtual machine would enter CP READ; nothing to do here */
		vcpu_set_cc(v, 0);
		return 0;
	}
	if (len > DIAG08_MAX_CMD)
		return PGM_SPECIFICATION;
	if (to_buffer && (rx == 15 || ry == 15 || rx + 1 == ry || ry + 1 == rx))
		return PGM_SPECIFICATION;
	rc = guest_read_real(v, reg_addr(v, rx), text, len);
	if (rc)
		return rc;
	cmd_rc = run_commands(v, text, len, &resp_len);
	if (to_buffer) {
		uint64_t buf = reg_addr(v, rx + 1);
		uint64_t size = v->gprs[ry + 1] & 0xffffffffULL;
		size_t n = resp_len < size ? resp_len : (size_t)size;

		for (size_t i = 0; i < n; i++)
			response_ebcdic[i] = response[i] == '\n'
						 ? DIAG_EBCDIC_NL
						 : ascii_char_to_ebcdic(EBCDIC_CP037, response[i]);
		rc = store_real(v, buf, response_ebcdic, n);
		if (rc)
			return rc;
		if (resp_len <= size) {
			v->gprs[ry + 1] = (v->gprs[ry + 1] & ~0xffffffffULL) | resp_len;
			vcpu_set_cc(v, 0);
		} else {
			v->gprs[ry + 1] = (v->gprs[ry + 1] & ~0xffffffffULL) | (resp_len - size);
			vcpu_set_cc(v, 1);
		}
	} else {
		response_to_console(v->vm, response, resp_len);
		vcpu_set_cc(v, 0);
	}
	v->gprs[ry] = (v->gprs[ry] & ~0xffffffffULL) | (uint32_t)cmd_rc;
	return 0;
}

/* Two-digit EBCDIC field "nn" followed by a separator. */
static void put_2digits(uint8_t *p, int n, char sep)
{
	char s[3] = {(char)('0' + n / 10 % 10), (char)('0' + n % 10), sep};

	ascii_to_ebcdic(EBCDIC_CP037, p, s, sep ? 3 : 2);
}

static int diag_0c(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code)
{
	uint8_t area[32];
	uint64_t addr = reg_addr(v, rx);
	struct civil_time t;

	(void)ry, (void)code;
	if (addr & 7)
		return PGM_SPECIFICATION;
	tod_to_civil(hw_tod_clock(), &t);
	put_2digits(area, t.month, '/'); /* MM/DD/YY */
	put_2digits(area + 3, t.day, '/');
	put_2digits(area + 6, t.year % 100, 0);
	put_2digits(area + 8, t.hour, ':'); /* HH:MM:SS */
	put_2digits(area + 11, t.minute, ':');
	put_2digits(area + 14, t.second, 0);
	put_be64(area + 16, tod_to_us(v->virt_time)); /* virtual CPU time */
	put_be64(area + 24, tod_to_us(v->cpu_time));       /* total: with CP's time for it */
	return store_real(v, addr, area, sizeof(area));
}

static int diag_10(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code)
{
	uint64_t first = reg_addr(v, rx), last = reg_addr(v, ry);

	(void)code;
	if ((first | last) & (PAGE_4K - 1) || first > last || first < 2 * PAGE_4K)
		return PGM_SPECIFICATION;
	if (last >= v->vm->mem.size)
		return PGM_ADDRESSING;
	/* The frames go back to CP; the pages read as zeros when next touched (as on z/VM). */
	for (uint64_t a = first; a <= last; a += PAGE_4K)
		gmem_discard(&v->vm->mem, real_to_abs(v, a));
	return 0;
}


static uint32_t diag24_word(uint8_t b0, uint8_t b1, uint8_t b2, uint8_t b3)
{
	return (uint32_t)b0 << 24 | (uint32_t)b1 << 16 | (uint32_t)b2 << 8 | b3;
}

static void set_low32(uint64_t *reg, uint32_t val)
{
	*reg = (*reg & ~0xffffffffULL) | val;
}

/*
 * Device type and features: Rx = device number, or -1 (low word all ones) for the virtual
 * console, whose number comes back in Rx. Ry = virtual class, type, status, flags; R(y+1)
 * (unless Ry is 15) = real class, type, model, features. cc 0, or cc 3 for no such device.
 * The console is a 3215 terminal; a V-DISK or minidisk an FBA 9336 (real: the same, model 0),
 * a minidisk on a 3390 a 3390 (class DASD);
 * a V-DISK has DIAG24_FLAG_VDISK, so CMS can tell a disk that lasts until LOGOFF.
 */
static int diag_24(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code)
{
	struct vm *vm = v->vm;
	uint16_t devno;
	struct vm_disk *d;
	uint32_t vdev, rdev;

	(void)code;
	if ((uint32_t)v->gprs[rx] == 0xffffffffu && vm->console.exists)
		set_low32(&v->gprs[rx], vm->console.devno);
	devno = (uint16_t)v->gprs[rx];
	d = vm_disk_find(vm, devno);
	if (vm->console.exists && devno == vm->console.devno) {
		vdev = diag24_word(DIAG24_CLASS_TERM, DIAG24_TYPE_3215, 0, 0);
		rdev = vdev;
	} else if (d && d->bd.dev_type == 0x3390) {
		vdev = diag24_word(DIAG24_CLASS_DASD, DIAG24_TYPE_3390, 0,
				   d->bd.read_only ? DIAG24_FLAG_RDONLY : 0);
		rdev = diag24_word(DIAG24_CLASS_DASD, DIAG24_TYPE_3390, 0, 0);
	} else if (vur_find(vm, devno)) {
		const struct vur *u = vur_find(vm, devno);

		vdev = diag24_word(u->queue == SPQ_RDR ? DIAG24_CLASS_URI : DIAG24_CLASS_URO,
				   u->queue == SPQ_PRT ? DIAG24_TYPE_1403 : DIAG24_TYPE_2540, 0, 0);
		rdev = vdev;
	} else if (d) {
		vdev = diag24_word(DIAG24_CLASS_FBA, DIAG24_TYPE_9336, 0,
				   (d->bd.read_only ? DIAG24_FLAG_RDONLY : 0) |
					   (d->mdisk.vol ? 0 : DIAG24_FLAG_VDISK));
		rdev = diag24_word(DIAG24_CLASS_FBA, DIAG24_TYPE_9336, 0, 0);
	} else {
		vcpu_set_cc(v, 3);
		return 0;
	}
	set_low32(&v->gprs[ry], vdev);
	if (ry != 15)
		set_low32(&v->gprs[ry + 1], rdev);
	vcpu_set_cc(v, 0);
	return 0;
}

static int diag_44(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code)
{
	(void)rx, (void)ry, (void)code;
	v->yield = true;
	return 0;
}

static int diag_60(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code)
{
	(void)ry, (void)code;
	v->gprs[rx] = v->vm->mem.size;
	return 0;
}

static int diag_9c(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code)
{
	(void)rx, (void)ry, (void)code;
	v->yield = true;
	return 0;
}

/* The virtual machine's storage is one extent, from 0 to its last byte. */
static int diag_260(struct vcpu *v, unsigned rx, unsigned ry, uint64_t code)
{
	uint8_t extent[DIAG260_EXTENT_LEN];
	uint64_t buf, len;
	int rc;

	(void)code;
	if ((uint32_t)v->gprs[ry] != DIAG260_STORAGE_EXTENTS || (rx & 1) || rx == ry)
		return PGM_SPECIFICATION;
	buf = reg_addr(v, rx);
	len = icpt_wrap(v, v->gprs[rx + 1]);
	if (buf & 7)
		return PGM_SPECIFICATION;
	if (len >= sizeof(extent)) {
		put_be64(extent, 0);
		put_be64(extent + 8, v->vm->mem.size - 1);
		rc = store_real(v, buf, extent, sizeof(extent));
		if (rc)
			return rc;
	}
	v->gprs[ry] = 1;
	vcpu_set_cc(v, 0);
	return 0;
}

static const diag_handler diag_table[DIAG_CODES] = {
	[0x00] = diag_00,
	[0x08] = diag_08,
	[0x0c] = diag_0c,
	[0x10] = diag_10,
	[0x14] = diag_14,
	[0x24] = diag_24,
	[0x44] = diag_44,
	[0x60] = diag_60,
	[0x64] = diag_64,
	[0x9c] = diag_9c,
	[0x250] = diag_250,
	[0x260] = diag_260,
};

static int handle_diag(struct vcpu *v)
{
	unsigned rx, ry;
	uint64_t code;
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	code = icpt_ea_rs(v, &rx, &ry) & 0xffff;
	if (code >= DIAG_CODES || !diag_table[code])
		return PGM_SPECIFICATION;
	return diag_table[code](v, rx, ry, code);
}

static const icpt_handler diag_op1[256] = {
	[0x83] = handle_diag,
};

const struct icpt_area icpt_area_diag = {
	.name = "DIAGNOSE",
	.op1 = diag_op1,
};
