/*
 * SCLP driver of the guest runtime: Read SCP Info, and the line-mode console (message events,
 * type 2: an MDB header and one message-text object per line, the way CP's arch/s390x/sclp.c
 * prints on a real SCLP). Waits for the service signal in an enabled wait.
 */
#include <lib/ebcdic.h>

#include "guest.h"
#include "sclp.h"

static uint8_t sccb_page[SCCB_SIZE] __attribute__((aligned(4096)));

static volatile uint32_t sclp_inflight; /* SCCB address of the request under way */
static int last_cc;

void sclp_handle_service_signal(uint32_t param)
{
	if ((param & SCLP_EXT_PARAM_ADDR_MASK) == sclp_inflight)
		sclp_inflight = 0;
}

int sclp_call(uint32_t command, void *sccb)
{
	struct sccb_header *h = sccb;
	int cc = 3;

	h->response_code = 0;
	for (int tries = 0; tries < 100; tries++) {
		cc = servc(command, sccb);
		if (cc != 2)
			break;
		/* Busy: a service signal is still due (someone else's request); take it, retry. */
		enabled_wait(PSW_MASK_EXT);
	}
	last_cc = cc;
	if (cc != 0)
		return -1;
	/*
	 * Done when a service signal names this SCCB, or when one came and the SCLP has written a
	 * response code: QEMU ORs the parameters of signals that are pending together, so after
	 * someone else's request (hostile.c) the parameter may not be ours alone.
	 */
	sclp_inflight = (uint32_t)(uintptr_t)sccb;
	while (sclp_inflight) {
		unsigned signals = ext_int_count(EXT_SERVICE_SIGNAL);

		enabled_wait(PSW_MASK_EXT);
		if (ext_int_count(EXT_SERVICE_SIGNAL) != signals && h->response_code)
			sclp_inflight = 0;
	}
	return h->response_code;
}

int sclp_last_cc(void)
{
	return last_cc;
}

bool sclp_read_info(uint64_t *storage_bytes, unsigned *cpus)
{
	struct read_info_sccb *ri = (void *)sccb_page;
	int rc;

	memset(sccb_page, 0, sizeof(sccb_page));
	ri->header.length = SCCB_SIZE;
	rc = sclp_call(SCLP_CMD_READ_SCP_INFO, ri);
	if (rc != SCLP_RC_NORMAL_READ && rc != SCLP_RC_NORMAL_COMPLETION)
		return false;
	if (ri->rnsize)
		*storage_bytes = (uint64_t)ri->rnmax * ri->rnsize << 20;
	else
		*storage_bytes = ri->rnmax2 * ((uint64_t)ri->rnsize2 << 20);
	*cpus = ri->ncpurl;
	return true;
}

bool sclp_console_init(void)
{
	struct write_event_mask_sccb *m = (void *)sccb_page;
	int rc;

	memset(sccb_page, 0, sizeof(sccb_page));
	m->header.length = sizeof(*m);
	m->mask_length = 4;
	m->cp_receive_mask = 0;
	m->cp_send_mask = SCLP_EVTYP_MASK(SCLP_EVTYP_MSG);
	rc = sclp_call(SCLP_CMD_WRITE_EVENT_MASK, m);
	return rc == SCLP_RC_NORMAL_COMPLETION &&
	       (m->sclp_receive_mask & SCLP_EVTYP_MASK(SCLP_EVTYP_MSG));
}

int sclp_write_line(const char *text, unsigned len)
{
	uint8_t *body = sclp_msg_text(sccb_page);
	unsigned max = SCCB_SIZE - (unsigned)(body - sccb_page);

	if (len > max)
		len = max;
	memset(sccb_page, 0, (size_t)(body - sccb_page));
	ascii_to_ebcdic(EBCDIC_CP037, body, text, len);
	sclp_msg_headers(sccb_page, (uint16_t)len);
	return sclp_call(SCLP_CMD_WRITE_EVENT_DATA, sccb_page);
}
