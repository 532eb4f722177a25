/*
 * CP's checkpoint header on the SYSRES volume (see cp/sysres.h): written at IPL and at
 * SHUTDOWN, checked at IPL. Tested by tests/unit/test_sysres.c and, on both machines, by
 * tests/system/test_sysres.py.
 */
#include <cp/dasd.h>
#include <cp/msg.h>
#include <cp/sysres.h>
#include <cp/system.h>
#include <lib/crc32.h>
#include <lib/ebcdic.h>
#include <lib/endian.h>
#include <lib/string.h>
#include <vm64/version.h>
#include <vm64/volume.h>

#define OFF_MAGIC    0
#define OFF_VERSION  8
#define OFF_FLAGS    12
#define OFF_SYSNAME  16
#define OFF_IPL      24
#define OFF_SHUTDOWN 32
#define OFF_COUNT    40
#define OFF_CRC	     (VOL_BLOCK_SIZE - 4)

static const char magic[] = "VM64CKPT";

/* The header as CP last wrote it this run; the volume it lives on. */
static struct sysres_hdr current;
static const struct dasd_device *home;
/* One block; static, so below 2 GB as channel programs need. */
static uint8_t hdr_buf[VOL_BLOCK_SIZE] __attribute__((aligned(8)));

void sysres_encode(const struct sysres_hdr *h, uint8_t block[VOL_BLOCK_SIZE])
{
	memset(block, 0, VOL_BLOCK_SIZE);
	ascii_to_ebcdic(EBCDIC_CP1047, block + OFF_MAGIC, magic, 8);
	put_be32(block + OFF_VERSION, h->version);
	put_be32(block + OFF_FLAGS, h->flags);
	ebcdic_put_field(EBCDIC_CP1047, block + OFF_SYSNAME, 8, h->sysname);
	put_be64(block + OFF_IPL, h->ipl_tod);
	put_be64(block + OFF_SHUTDOWN, h->shutdown_tod);
	put_be32(block + OFF_COUNT, h->ipl_count);
	put_be32(block + OFF_CRC, crc32_ieee(block, OFF_CRC));
}

enum sysres_state sysres_decode(const uint8_t block[VOL_BLOCK_SIZE], struct sysres_hdr *h)
{
	uint8_t want[8];
	bool blank = true;

	for (unsigned i = 0; i < VOL_BLOCK_SIZE && blank; i++)
		blank = block[i] == 0;
	if (blank)
		return SYSRES_BLANK;
	ascii_to_ebcdic(EBCDIC_CP1047, want, magic, 8);
	if (memcmp(block + OFF_MAGIC, want, 8) != 0)
		return SYSRES_BAD_MAGIC;
	if (get_be32(block + OFF_CRC) != crc32_ieee(block, OFF_CRC))
		return SYSRES_BAD_CRC;
	if (get_be32(block + OFF_VERSION) != SYSRES_HDR_VERSION)
		return SYSRES_BAD_VERSION;
	memset(h, 0, sizeof(*h));
	h->version = get_be32(block + OFF_VERSION);
	h->flags = get_be32(block + OFF_FLAGS);
	ebcdic_get_field(EBCDIC_CP1047, h->sysname, block + OFF_SYSNAME, 8);
	h->ipl_tod = get_be64(block + OFF_IPL);
	h->shutdown_tod = get_be64(block + OFF_SHUTDOWN);
	h->ipl_count = get_be32(block + OFF_COUNT);
	return SYSRES_GOOD;
}

static const struct dasd_device *sysres_volume(const struct sysconfig *cfg)
{
	for (unsigned v = 0; v < cfg->nvolumes; v++)
		if (cfg->volumes[v].use == SYSCFG_SYSRES)
			return dasd_volume(cfg->volumes[v].volser);
	return 0;
}

static int write_current(void (*say)(const char *))
{
	sysres_encode(&current, hdr_buf);
	if (dasd_write(home, SYSRES_HDR_BLOCK, 1, hdr_buf) != 0) {
		msg_say(say, MSG_SYSRES_WRITE_FAILED, home->volser);
		return -1;
	}
	return 0;
}

int sysres_ipl(const struct sysconfig *cfg, uint64_t now, void (*say)(const char *line))
{
	static const char *const why[] = {
		[SYSRES_BAD_MAGIC] = "no header mark",
		[SYSRES_BAD_CRC] = "checksum wrong",
		[SYSRES_BAD_VERSION] = "unknown format version",
	};
	struct sysres_hdr found;
	enum sysres_state st;
	char when[40];

	home = sysres_volume(cfg);
	memset(&current, 0, sizeof(current));
	if (!home) {
		msg_say(say, MSG_SYSRES_NONE);
		return -1;
	}
	if (dasd_read(home, SYSRES_HDR_BLOCK, 1, hdr_buf) != 0) {
		msg_say(say, MSG_SYSRES_READ_FAILED, home->volser);
		home = 0;
		return -1;
	}
	st = sysres_decode(hdr_buf, &found);
	switch (st) {
	case SYSRES_GOOD:
		format_tod_datetime(when, sizeof(when), found.ipl_tod);
		if (!(found.flags & SYSRES_FLAG_CLEAN)) {
			msg_say(say, MSG_SYSRES_NOT_CLEAN, when);
		} else {
			char down[40];

			format_tod_datetime(down, sizeof(down), found.shutdown_tod);
			msg_say(say, MSG_SYSRES_CLEAN, down);
		}
		current = found;
		break;
	case SYSRES_BLANK:
		msg_say(say, MSG_SYSRES_NEW, home->volser);
		break;
	default:
		msg_say(say, MSG_SYSRES_DAMAGED, home->volser, why[st]);
		break;
	}
	current.version = SYSRES_HDR_VERSION;
	current.flags &= ~SYSRES_FLAG_CLEAN;
	strlcpy(current.sysname, VM64_SYSTEM_ID, sizeof(current.sysname));
	current.ipl_tod = now;
	current.ipl_count++;
	write_current(say);
	return (int)st;
}

int sysres_shutdown(uint64_t now, void (*say)(const char *line))
{
	if (!home)
		return -1;
	current.flags |= SYSRES_FLAG_CLEAN;
	current.shutdown_tod = now;
	return write_current(say);
}
