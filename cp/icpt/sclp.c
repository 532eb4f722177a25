/*
 * The guest's service-call logical processor: SERVC (B220) and the SCLP commands CP
 * answers - Read SCP Info, the line-mode console events (Write Event Mask, Write Event
 * Data with message events, Read Event Data with operator commands).
 *
 * SERVC R1,R2: the command word is in R1, the SCCB's real address in R2. Checks, in the
 * order the emulators make them: supervisor state; the SCCB doubleword aligned, below
 * 2 GB and outside the prefix area (specification); inside storage (addressing); a
 * service signal still pending makes the SCLP busy (cc 2); a length below the 8-byte
 * header is a specification exception. The SCCB is copied in (never more than its page),
 * worked on in CP's buffer and copied back, so a malformed SCCB can only earn a response
 * code, and nothing outside the guest's SCCB page is ever touched. Every accepted request
 * ends with cc 0 and a service-signal external interruption whose parameter is the SCCB
 * address, with the low bit on while an operator command waits to be read.
 *
 * Layouts as in Linux (drivers/s390/char/sclp.h) and QEMU (hw/s390x/sclp.c); the offsets
 * are the same as arch/s390x/include/arch/sclp.h, repeated here as constants because CP's
 * portable code does not include architected structs.
 * Covered by tests/unit/test_vsclp.c and tests/guest/sclp.c.
 */
#include <lib/ebcdic.h>
#include <lib/string.h>
#include "icpt.h"

#define SCLP_CMD_READ_SCP_INFO	      0x00020001u
#define SCLP_CMD_READ_SCP_INFO_FORCED 0x00120001u
#define SCLP_CMD_READ_EVENT_DATA      0x00770005u
#define SCLP_CMD_WRITE_EVENT_DATA     0x00760005u
#define SCLP_CMD_WRITE_EVENT_MASK     0x00780005u

#define SCLP_RC_NORMAL_READ	     0x0010
#define SCLP_RC_NORMAL_COMPLETION    0x0020
#define SCLP_RC_BOUNDARY_VIOLATION   0x0100
#define SCLP_RC_INVALID_COMMAND	     0x01f0
#define SCLP_RC_INSUFFICIENT_LENGTH  0x0300
#define SCLP_RC_INVALID_FUNCTION     0x40f0
#define SCLP_RC_NO_EVENTS	     0x60f0
#define SCLP_RC_INCONSISTENT_LENGTHS 0x72f0
#define SCLP_RC_EVENT_SYNTAX_ERROR   0x73f0
#define SCLP_RC_INVALID_MASK_LENGTH  0x74f0

/* SCCB header */
#define SCCB_LENGTH	 0x00
#define SCCB_FUNCTION	 0x02
#define SCCB_RESPONSE	 0x06
#define SCCB_HEADER_SIZE 8
#define SCCB_MAX	 4096

/* Read SCP Info */
#define RI_RNMAX       0x08
#define RI_RNSIZE      0x0a
#define RI_NCPURL      0x10
#define RI_CPUOFF      0x12
#define RI_LOADPARM    0x18
#define RI_RNSIZE2     0x64
#define RI_RNMAX2      0x68
#define RI_HCPUA       0x78
#define RI_CPU_ENTRIES 0x90
#define CPU_ENTRY_SIZE 16
#define CPU_ENTRY_TYPE 0x0e

/* Write Event Mask */
#define WEM_MASK_LENGTH 0x0a
#define WEM_MASKS	0x0c

/* Event buffers */
#define EVBUF_HEADER_SIZE 6
#define EVBUF_TYPE	  2
#define EVBUF_FLAGS	  3
#define EVBUF_ACCEPTED	  0x80
#define EVTYP_OPCMD	  0x01
#define EVTYP_MSG	  0x02
#define EVTYP_MASK(t)	  (0x80000000u >> ((t)-1))

/* Message data block and its objects */
#define MDB_HEADER_SIZE	 12
#define MDBO_HEADER_SIZE 4
#define MDBO_TYPE_MTO	 4
#define MTO_TEXT	 10

/* General data stream of an operator command (see arch/s390x/sclp_gds.c) */
#define GDS_ID_MDSMU	       0x1310
#define GDS_ID_CPMSU	       0x1212
#define GDS_ID_TEXTCMD	       0x1320
#define GDS_KEY_SELFDEFTEXTMSG 0x31
#define GDS_KEY_TEXTMSG	       0x30
#define OPCMD_TEXT_MAX	       (255 - 4) /* one-byte subvector lengths */

#define PARAM_EVENT_PENDING 0x1

/* What the SCLP offers: it receives messages from the guest, sends operator commands. */
#define VSCLP_RECEIVE_MASK EVTYP_MASK(EVTYP_MSG)
#define VSCLP_SEND_MASK	   EVTYP_MASK(EVTYP_OPCMD)

static uint8_t sccb[SCCB_MAX];
static char text_line[SCCB_MAX];

uint32_t vsclp_event_pending_bit(const struct vm *vm)
{
	return (vm->sclp_input_pending && (vm->sclp_receive_mask & EVTYP_MASK(EVTYP_OPCMD)))
		   ? PARAM_EVENT_PENDING
		   : 0;
}

/* The service signal floats: it is latched in the base CPU and any enabled CPU takes it
 * (cp/vm/deliver.c). */
static void raise_service_signal(struct vcpu *v, uint32_t param)
{
	v = &v->vm->vcpu;
	v->pending |= PEND_SERVICE_SIGNAL;
	v->service_param |= param;
}

int vm_sclp_input(struct vm *vm, const char *line)
{
	if (vm->sclp_input_pending)
		return -1;
	strlcpy(vm->sclp_input, line, sizeof(vm->sclp_input));
	vm->sclp_input_pending = true;
	if (vsclp_event_pending_bit(vm))
		raise_service_signal(&vm->vcpu, PARAM_EVENT_PENDING);
	return 0;
}

static uint16_t read_scp_info(struct vcpu *v, size_t len)
{
	uint64_t mb = v->vm->mem.size >> 20;
	uint8_t *cpu = sccb + RI_CPU_ENTRIES;
	uint16_t ncpu = 0;

	if (len < RI_CPU_ENTRIES + CPU_ENTRY_SIZE)
		return SCLP_RC_INSUFFICIENT_LENGTH;
	memset(sccb + SCCB_HEADER_SIZE, 0, len - SCCB_HEADER_SIZE);
	/* storage in 1 MB increments; the 16-bit count takes up to 64 GB */
	if (mb <= 0xffff) {
		put_be16(sccb + RI_RNMAX, (uint16_t)mb);
		sccb[RI_RNSIZE] = 1;
	}
	put_be32(sccb + RI_RNSIZE2, 1);
	put_be64(sccb + RI_RNMAX2, mb);
	put_be16(sccb + RI_CPUOFF, RI_CPU_ENTRIES);
	memset(sccb + RI_LOADPARM, 0x40, 8); /* EBCDIC blanks */
	/* One entry for each defined virtual CPU, as many as the SCCB holds; the highest
	 * address is the most the machine may have (MACHINE ESA n). */
	put_be16(sccb + RI_HCPUA, (uint16_t)(v->vm->max_cpus ? v->vm->max_cpus - 1 : 0));
	for (struct vcpu *c = vm_first_vcpu(v->vm); c; c = vm_next_vcpu(c)) {
		if (cpu + CPU_ENTRY_SIZE > sccb + len)
			break;
		cpu[0] = (uint8_t)c->cpu_address;
		cpu[CPU_ENTRY_TYPE] = 0; /* a general-purpose CPU */
		cpu += CPU_ENTRY_SIZE;
		ncpu++;
	}
	put_be16(sccb + RI_NCPURL, ncpu);
	return SCLP_RC_NORMAL_READ;
}

/* A mask of mask_len bytes as a 32-bit mask (longer masks: event types past 32 ignored). */
static uint32_t get_mask(const uint8_t *p, unsigned mask_len)
{
	uint32_t m = 0;

	for (unsigned i = 0; i < 4; i++)
		m = m << 8 | (i < mask_len ? p[i] : 0);
	return m;
}

static void put_mask(uint8_t *p, unsigned mask_len, uint32_t m)
{
	for (unsigned i = 0; i < mask_len; i++)
		p[i] = i < 4 ? (uint8_t)(m >> (24 - 8 * i)) : 0;
}

static uint16_t write_event_mask(struct vcpu *v, size_t len)
{
	struct vm *vm = v->vm;
	unsigned ml;

	if (len < WEM_MASKS)
		return SCLP_RC_INSUFFICIENT_LENGTH;
	ml = get_be16(sccb + WEM_MASK_LENGTH);
	if (ml == 0 || ml > 8)
		return SCLP_RC_INVALID_MASK_LENGTH;
	if (len < WEM_MASKS + 4 * ml)
		return SCLP_RC_INSUFFICIENT_LENGTH;
	/* The guest's masks: what it can receive, what it will send. */
	vm->sclp_receive_mask = get_mask(sccb + WEM_MASKS, ml);
	vm->sclp_send_mask = get_mask(sccb + WEM_MASKS + ml, ml);
	put_mask(sccb + WEM_MASKS + 2 * ml, ml, VSCLP_RECEIVE_MASK);
	put_mask(sccb + WEM_MASKS + 3 * ml, ml, VSCLP_SEND_MASK);
	return SCLP_RC_NORMAL_COMPLETION;
}

/* Each message-text object of a message event is one line of console output. */
static uint16_t message_event(struct vcpu *v, const uint8_t *ev, size_t evlen)
{
	const uint8_t *mdb = ev + EVBUF_HEADER_SIZE, *obj;
	size_t mdblen, left;

	if (evlen < EVBUF_HEADER_SIZE + MDB_HEADER_SIZE)
		return SCLP_RC_INCONSISTENT_LENGTHS;
	mdblen = get_be16(mdb);
	if (mdblen < MDB_HEADER_SIZE || mdblen > evlen - EVBUF_HEADER_SIZE)
		return SCLP_RC_INCONSISTENT_LENGTHS;
	obj = mdb + MDB_HEADER_SIZE;
	left = mdblen - MDB_HEADER_SIZE;
	while (left) {
		size_t olen = left >= MDBO_HEADER_SIZE ? get_be16(obj) : 0;

		if (olen < MDBO_HEADER_SIZE || olen > left)
			return SCLP_RC_INCONSISTENT_LENGTHS;
		if (get_be16(obj + 2) == MDBO_TYPE_MTO && olen >= MTO_TEXT) {
			size_t n = olen - MTO_TEXT;

			ebcdic_to_ascii(EBCDIC_CP037, text_line, obj + MTO_TEXT, n);
			vm_console_output(v->vm, text_line, n);
		}
		obj += olen;
		left -= olen;
	}
	return SCLP_RC_NORMAL_COMPLETION;
}

static uint16_t write_event_data(struct vcpu *v, size_t len)
{
	size_t off;

	if (sccb[SCCB_FUNCTION] != 0)
		return SCLP_RC_INVALID_FUNCTION;
	/* First the lengths of all event buffers, so nothing is done for a broken SCCB. */
	for (off = SCCB_HEADER_SIZE; off < len;) {
		size_t evlen = len - off >= 2 ? get_be16(sccb + off) : 0;

		if (evlen < EVBUF_HEADER_SIZE || evlen > len - off)
			return SCLP_RC_EVENT_SYNTAX_ERROR;
		off += evlen;
	}
	for (off = SCCB_HEADER_SIZE; off < len;) {
		uint8_t *ev = sccb + off;
		size_t evlen = get_be16(ev);
		uint16_t rc;

		if (ev[EVBUF_TYPE] != EVTYP_MSG)
			return SCLP_RC_INVALID_FUNCTION;
		rc = message_event(v, ev, evlen);
		if (rc != SCLP_RC_NORMAL_COMPLETION)
			return rc;
		ev[EVBUF_FLAGS] |= EVBUF_ACCEPTED;
		off += evlen;
	}
	return SCLP_RC_NORMAL_COMPLETION;
}

static uint8_t *put_vector(uint8_t *p, uint16_t len, uint16_t id)
{
	put_be16(p, len);
	put_be16(p + 2, id);
	return p + 4;
}

/* The pending operator command as a type-1 event: MDS-MU > CP-MSU > text command >
 * self-defining text > text message, the path Linux and sclp_gds.c walk. */
static uint16_t read_event_data(struct vcpu *v, size_t len)
{
	struct vm *vm = v->vm;
	uint8_t *ev = sccb + SCCB_HEADER_SIZE, *p;
	size_t n = strnlen(vm->sclp_input, sizeof(vm->sclp_input));
	size_t evlen;
	uint32_t want = vm->sclp_receive_mask;

	switch (sccb[SCCB_FUNCTION]) {
	case 0x00: /* unconditional read */
		break;
	case 0x01: /* selective read: the selection mask follows the header */
		if (len < SCCB_HEADER_SIZE + 4)
			return SCLP_RC_INSUFFICIENT_LENGTH;
		want &= get_be32(sccb + SCCB_HEADER_SIZE);
		break;
	default:
		return SCLP_RC_INVALID_FUNCTION;
	}
	if (!vm->sclp_input_pending || !(want & EVTYP_MASK(EVTYP_OPCMD)))
		return SCLP_RC_NO_EVENTS;
	if (n > OPCMD_TEXT_MAX)
		n = OPCMD_TEXT_MAX;
	evlen = EVBUF_HEADER_SIZE + 3 * 4 + 2 + 2 + n;
	if (len < SCCB_HEADER_SIZE + evlen)
		return SCLP_RC_INSUFFICIENT_LENGTH;
	memset(ev, 0, evlen);
	put_be16(ev, (uint16_t)evlen);
	ev[EVBUF_TYPE] = EVTYP_OPCMD;
	p = ev + EVBUF_HEADER_SIZE;
	p = put_vector(p, (uint16_t)(evlen - EVBUF_HEADER_SIZE), GDS_ID_MDSMU);
	p = put_vector(p, (uint16_t)(evlen - EVBUF_HEADER_SIZE - 4), GDS_ID_CPMSU);
	p = put_vector(p, (uint16_t)(evlen - EVBUF_HEADER_SIZE - 8), GDS_ID_TEXTCMD);
	p[0] = (uint8_t)(2 + 2 + n);
	p[1] = GDS_KEY_SELFDEFTEXTMSG;
	p[2] = (uint8_t)(2 + n);
	p[3] = GDS_KEY_TEXTMSG;
	ascii_to_ebcdic(EBCDIC_CP037, p + 4, vm->sclp_input, n);
	vm->sclp_input_pending = false;
	return SCLP_RC_NORMAL_COMPLETION;
}

static bool known_command(uint32_t command)
{
	switch (command) {
	case SCLP_CMD_READ_SCP_INFO:
	case SCLP_CMD_READ_SCP_INFO_FORCED:
	case SCLP_CMD_WRITE_EVENT_MASK:
	case SCLP_CMD_WRITE_EVENT_DATA:
	case SCLP_CMD_READ_EVENT_DATA:
		return true;
	default:
		return false;
	}
}

static uint16_t execute(struct vcpu *v, uint32_t command, size_t len)
{
	switch (command) {
	case SCLP_CMD_READ_SCP_INFO:
	case SCLP_CMD_READ_SCP_INFO_FORCED:
		return read_scp_info(v, len);
	case SCLP_CMD_WRITE_EVENT_MASK:
		return write_event_mask(v, len);
	case SCLP_CMD_WRITE_EVENT_DATA:
		return write_event_data(v, len);
	default:
		return read_event_data(v, len);
	}
}

static int handle_servc(struct vcpu *v)
{
	unsigned r1, r2;
	uint64_t addr;
	uint32_t command;
	size_t len, back = SCCB_HEADER_SIZE;
	uint16_t response;
	int rc = icpt_need_supervisor(v);

	if (rc)
		return rc;
	icpt_rre(v, &r1, &r2);
	command = (uint32_t)v->gprs[r1];
	addr = v->gprs[r2];
	if (addr & ~0x7ffffff8ULL)
		return PGM_SPECIFICATION;
	if ((addr & ~0x1fffULL) == 0 || (addr & ~0x1fffULL) == (v->prefix & 0x7fffe000u))
		return PGM_SPECIFICATION;
	if (addr + SCCB_HEADER_SIZE > v->vm->mem.size)
		return PGM_ADDRESSING;
	if (v->vm->vcpu.pending & PEND_SERVICE_SIGNAL) {
		vcpu_set_cc(v, 2); /* busy until the last completion is taken */
		return 0;
	}
	rc = guest_read_real(v, addr, sccb, SCCB_HEADER_SIZE);
	if (rc)
		return rc;
	len = get_be16(sccb + SCCB_LENGTH);
	if (len < SCCB_HEADER_SIZE)
		return PGM_SPECIFICATION;
	if (!known_command(command)) {
		response = SCLP_RC_INVALID_COMMAND;
	} else if ((addr & 0xfff) + len > SCCB_MAX) {
		response = SCLP_RC_BOUNDARY_VIOLATION;
	} else {
		rc = guest_read_real(v, addr, sccb, len);
		if (rc)
			return rc;
		response = execute(v, command, len);
		back = len;
	}
	put_be16(sccb + SCCB_RESPONSE, response);
	rc = guest_write_real(v, addr, sccb, back);
	if (rc)
		return rc;
	raise_service_signal(v, (uint32_t)addr | vsclp_event_pending_bit(v->vm));
	vcpu_set_cc(v, 0);
	return 0;
}

static const icpt_handler sclp_b2[256] = {
	[0x20] = handle_servc,
};

const struct icpt_area icpt_area_sclp = {
	.name = "SCLP",
	.b2 = sclp_b2,
};
