/*
 * SCLP driver: one request at a time on a page-aligned SCCB, completion by the service-
 * signal external interruption, Read SCP Info for storage and CPUs, and the line-mode
 * operator console (message events out, operator-command events in) that Hercules' "."
 * command and QEMU's sclplmconsole both speak.
 * Covered by tests/system/test_ipl.py.
 */
#include <arch/hw.h>
#include <arch/irq.h>
#include <arch/psw.h>
#include <arch/sclp.h>
#include <arch/sclp_gds.h>
#include <cp/abend.h>
#include <lib/ebcdic.h>
#include <lib/string.h>
#include "arch_priv.h"

static uint8_t sccb_page[SCCB_SIZE] __attribute__((aligned(4096)));
static uint8_t input_page[SCCB_SIZE] __attribute__((aligned(4096)));

static volatile uint32_t sclp_inflight;     /* SCCB address of the request under way */
static volatile bool sclp_events_pending;   /* the SCLP has input for us */
static bool sclp_console_ready;

void sclp_service_signal(uint32_t param)
{
	if ((param & SCLP_EXT_PARAM_ADDR_MASK) == sclp_inflight)
		sclp_inflight = 0;
	if (param & SCLP_EXT_PARAM_PENDING)
		sclp_events_pending = true;
}

/* Runs one SCLP command to completion; returns the SCCB response code or -1. */
static int sclp_call(uint32_t command, void *sccb)
{
	struct sccb_header *h = sccb;
	int cc;

	for (;;) {
		cc = servc(command, sccb);
		if (cc == 0)
			break;
		if (cc != 2)
			return -1;
		/* Busy: a service signal is still due; take it and retry. */
		arch_enabled_wait(PSW_MASK_EXT);
	}
	sclp_inflight = (uint32_t)(uintptr_t)sccb;
	while (sclp_inflight)
		arch_enabled_wait(PSW_MASK_EXT);
	return h->response_code;
}

void sclp_read_info(struct hw_info *info, uint8_t *cpu_addrs, unsigned *ncpu_entries,
		    unsigned max_entries)
{
	struct read_info_sccb *ri = (void *)sccb_page;
	struct sclp_cpu_entry *cpu;
	int rc;

	memset(sccb_page, 0, sizeof(sccb_page));
	ri->header.length = SCCB_SIZE;
	rc = sclp_call(SCLP_CMD_READ_SCP_INFO, ri);
	if (rc != SCLP_RC_NORMAL_READ && rc != SCLP_RC_NORMAL_COMPLETION)
		hw_panic(ABEND_SCLP_INFO, "SCLP READ SCP INFO FAILED, RESPONSE %04x", rc);
	if (ri->rnsize)
		info->storage_bytes = (uint64_t)ri->rnmax * ri->rnsize << 20;
	else
		info->storage_bytes = ri->rnmax2 * ((uint64_t)ri->rnsize2 << 20);
	ebcdic_to_ascii(EBCDIC_CP037, info->loadparm, ri->loadparm, 8);
	info->loadparm[8] = 0;
	*ncpu_entries = 0;
	cpu = (void *)(sccb_page + ri->cpuoff);
	for (unsigned i = 0; i < ri->ncpurl && i < max_entries; i++, cpu++) {
		if ((uint8_t *)(cpu + 1) > sccb_page + SCCB_SIZE)
			break;
		if (cpu->type == 0)
			cpu_addrs[(*ncpu_entries)++] = cpu->cpu_address;
	}
}

static void sclp_console_init(void)
{
	struct write_event_mask_sccb *m = (void *)sccb_page;
	int rc;

	memset(sccb_page, 0, sizeof(sccb_page));
	m->header.length = sizeof(*m);
	m->mask_length = 4;
	m->cp_receive_mask = SCLP_EVTYP_MASK(SCLP_EVTYP_OPCMD) | SCLP_EVTYP_MASK(SCLP_EVTYP_PMSGCMD);
	m->cp_send_mask = SCLP_EVTYP_MASK(SCLP_EVTYP_MSG) | SCLP_EVTYP_MASK(SCLP_EVTYP_PMSGCMD);
	rc = sclp_call(SCLP_CMD_WRITE_EVENT_MASK, m);
	sclp_console_ready = rc == SCLP_RC_NORMAL_COMPLETION &&
			     (m->sclp_receive_mask & SCLP_EVTYP_MASK(SCLP_EVTYP_MSG));
}

/* Writes one line as a message event; the SCLP shows only one message object per request. */
void sclp_write_line(const char *text, size_t len)
{
	uint8_t *body = sclp_msg_text(sccb_page);
	size_t max = SCCB_SIZE - (size_t)(body - sccb_page);

	if (!sclp_console_ready)
		return;
	if (len > max)
		len = max;
	memset(sccb_page, 0, (size_t)(body - sccb_page));
	ascii_to_ebcdic(EBCDIC_CP037, body, text, len);
	sclp_msg_headers(sccb_page, (uint16_t)len);
	sclp_call(SCLP_CMD_WRITE_EVENT_DATA, sccb_page);
}

/* Whether a service signal said operator input waits that sclp_poll_input has not read. */
bool sclp_input_pending(void)
{
	return sclp_events_pending && sclp_console_ready;
}

/*
 * Reads pending operator-command events and hands each line to deliver(). Called from CP's
 * main loop (not from the interruption handler) after a service signal said input waits.
 */
void sclp_poll_input(void (*deliver)(const char *line, size_t len))
{
	char line[256];

	if (!sclp_events_pending || !sclp_console_ready)
		return;
	sclp_events_pending = false;
	for (int guard = 0; guard < 16; guard++) {
		struct sccb_header *h = (void *)input_page;
		struct event_buffer_header *ev = (void *)(h + 1);
		const uint8_t *text;
		int rc, n;

		memset(input_page, 0, sizeof(input_page));
		h->length = SCCB_SIZE;
		rc = sclp_call(SCLP_CMD_READ_EVENT_DATA, h);
		if (rc != SCLP_RC_NORMAL_COMPLETION)
			break;
		if (ev->length < sizeof(*ev) || ev->length > SCCB_SIZE - sizeof(*h))
			break;
		if (ev->type != SCLP_EVTYP_OPCMD && ev->type != SCLP_EVTYP_PMSGCMD)
			continue;
		n = sclp_gds_find_text((const uint8_t *)(ev + 1), ev->length - sizeof(*ev), &text);
		if (n < 0)
			continue;
		if ((size_t)n >= sizeof(line))
			n = sizeof(line) - 1;
		ebcdic_to_ascii(EBCDIC_CP037, line, text, (size_t)n);
		line[n] = 0;
		deliver(line, (size_t)n);
	}
}

void arch_sclp_init(void)
{
	sclp_console_init();
}
