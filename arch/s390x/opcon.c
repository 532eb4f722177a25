/*
 * The operator's line console: every line CP writes goes to the SCLP console and, on a
 * machine that has one, the first 3215; lines the operator types on either are queued for
 * CP's main loop. Input from the 3215 arrives as attention, answered by a READ.
 * Covered by tests/system/test_ipl.py and tests/system/test_opcon.py.
 */
#include <arch/cio.h>
#include <arch/cio_api.h>
#include <arch/hw.h>
#include <arch/irq.h>
#include <lib/ebcdic.h>
#include <lib/format.h>
#include <lib/opcon.h>
#include <lib/string.h>
#include "arch_priv.h"

#define CON3215_WRITE_CR  0x09
#define CON3215_READ      0x0a
#define CON3215_MAX_LINE  130 /* Hercules shows at most 150 bytes per write */

#define INPUT_SLOTS 16
#define INPUT_LINE  256

static char input_ring[INPUT_SLOTS][INPUT_LINE];
static unsigned input_head, input_tail;

static uint32_t con3215_schid;
static volatile bool con3215_attention;
static uint8_t con3215_buf[CON3215_MAX_LINE] __attribute__((aligned(8)));

static void queue_input(const char *line, size_t len)
{
	if (input_head - input_tail >= INPUT_SLOTS)
		return; /* the operator typed faster than CP reads: drop, never overwrite */
	if (len >= INPUT_LINE)
		len = INPUT_LINE - 1;
	memcpy(input_ring[input_head % INPUT_SLOTS], line, len);
	input_ring[input_head % INPUT_SLOTS][len] = 0;
	input_head++;
}

static void con3215_status(uint32_t schid, const struct irb *irb)
{
	if (schid == con3215_schid && (irb->scsw.dstat & DEV_STAT_ATTENTION))
		con3215_attention = true;
}

static void con3215_write(const char *text, size_t len)
{
	struct ccw1 ccw;
	struct irb irb;

	if (!con3215_schid)
		return;
	if (len > CON3215_MAX_LINE)
		len = CON3215_MAX_LINE;
	ascii_to_ebcdic(EBCDIC_CP037, con3215_buf, text, len);
	ccw = (struct ccw1){ .cmd = CON3215_WRITE_CR, .flags = CCW_FLAG_SLI,
			     .count = (uint16_t)(len ? len : 1),
			     .cda = (uint32_t)(uintptr_t)con3215_buf };
	if (!len)
		con3215_buf[0] = 0x40;
	if (cio_run(con3215_schid, &ccw, &irb, 2000000) == -3)
		con3215_schid = 0; /* a console that never answers is no console */
}

static void con3215_read(void)
{
	struct ccw1 ccw = { .cmd = CON3215_READ, .flags = CCW_FLAG_SLI,
			    .count = CON3215_MAX_LINE, .cda = (uint32_t)(uintptr_t)con3215_buf };
	struct irb irb;
	char line[CON3215_MAX_LINE + 1];
	size_t len;

	con3215_attention = false;
	if (cio_run(con3215_schid, &ccw, &irb, 1000000) != 0)
		return;
	if (irb.scsw.dstat & DEV_STAT_UNIT_CHECK)
		return;
	len = CON3215_MAX_LINE - irb.scsw.count;
	ebcdic_to_ascii(EBCDIC_CP037, line, con3215_buf, len);
	queue_input(line, len);
}

#define OUTPUT_LINE 256

/* Every line but CP's life-cycle events: made safe, so it cannot carry the event mark. */
void hw_console_write(const char *text, size_t len)
{
	char line[OUTPUT_LINE];

	len = text_sanitize(line, sizeof(line), text, len);
	sclp_write_line(line, len);
	con3215_write(line, len);
}

/* A life-cycle event for the operator's console program (lib/opcon.h): the mark, then text. */
void hw_console_event(const char *text, size_t len)
{
	char line[OUTPUT_LINE];

	line[0] = OPCON_EVENT_MARK;
	len = 1 + text_sanitize(line + 1, sizeof(line) - 1, text, len);
	sclp_write_line(line, len);
	con3215_write(line, len);
}

int hw_console_read(char *buf, size_t size)
{
	size_t len;

	if (con3215_attention)
		con3215_read();
	/* After the 3215: SCLP input that came while CP waited on it is taken now too. */
	sclp_poll_input(queue_input);
	if (input_tail == input_head || size == 0)
		return -1;
	len = strlcpy(buf, input_ring[input_tail % INPUT_SLOTS], size);
	input_tail++;
	return (int)(len < size ? len : size - 1);
}

bool opcon_input_pending(void)
{
	return con3215_attention || sclp_input_pending() || input_tail != input_head;
}

void arch_console_init(void)
{
	arch_sclp_init();
}

/* After device discovery: adopt the first 3215 as a second operator console. */
void arch_console_attach_3215(void)
{
	for (unsigned i = 0; i < hw_device_count(); i++) {
		const struct hw_device *d = hw_device(i);

		if (d->enabled && d->identified &&
		    (d->cu_type == 0x3215 || d->dev_type == 0x3215)) {
			con3215_schid = d->schid;
			cio_unsolicited = con3215_status;
			return;
		}
	}
}
