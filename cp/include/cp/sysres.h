/*
 * CP's checkpoint header on the SYSRES volume (SYSTEM CONFIG's SYSRES volume, VM64RS by
 * default): one block, SYSRES_HDR_BLOCK, in the label area of the volume that z/VM-style
 * FBA volumes keep for the system's own records. CP writes it at IPL (the IPL time, the
 * clean-shutdown mark cleared) and at SHUTDOWN (the shutdown time, the mark set), and checks
 * it at IPL: a damaged header gets a message and is rewritten, a header without the mark
 * says the last run ended without SHUTDOWN.
 *
 * Block layout (big-endian; bytes not named are zero):
 *   0   8  magic "VM64CKPT" (EBCDIC)
 *   8   4  format version (SYSRES_HDR_VERSION)
 *   12  4  flags: bit 31 (X'00000001') the last run ended with SHUTDOWN
 *   16  8  system name (EBCDIC, blank-padded)
 *   24  8  TOD clock of the last IPL
 *   32  8  TOD clock of the last clean SHUTDOWN (0: never)
 *   40  4  IPLs recorded
 *   508 4  CRC-32 (IEEE 802.3, as the CMS file system's) of bytes 0-507
 *
 * Portable: tests/unit/test_sysres.c (encode/decode, damage, the IPL and SHUTDOWN steps on
 * fake volumes); tests/system/test_sysres.py (kill -9, then IPL; SHUTDOWN, then IPL).
 */
#ifndef CP_SYSRES_H
#define CP_SYSRES_H

#include <stdbool.h>
#include <stdint.h>
#include <cp/sysconfig.h>

#define SYSRES_HDR_BLOCK   2 /* in blocks 0-15, the label area (vm64/volume.h) */
#define SYSRES_HDR_VERSION 1
#define SYSRES_FLAG_CLEAN  0x00000001u

struct sysres_hdr {
	uint32_t version;
	uint32_t flags;
	char sysname[9];	/* ASCII here, EBCDIC on the volume */
	uint64_t ipl_tod;
	uint64_t shutdown_tod;
	uint32_t ipl_count;
};

enum sysres_state {
	SYSRES_GOOD,
	SYSRES_BLANK,	/* all zeros: a new volume */
	SYSRES_BAD_MAGIC,
	SYSRES_BAD_CRC,
	SYSRES_BAD_VERSION,
};

/* The block for @h (512 bytes), checksummed. */
void sysres_encode(const struct sysres_hdr *h, uint8_t block[512]);

/* What the block holds; @h is filled only for SYSRES_GOOD. */
enum sysres_state sysres_decode(const uint8_t block[512], struct sysres_hdr *h);

/**
 * sysres_ipl() - check and rewrite the header at IPL (after dasd_init())
 * @cfg: SYSTEM CONFIG (its SYSRES volume)
 * @now: the IPL's TOD clock
 * @say: where the numbered messages go
 *
 * Return: the state the header was found in, or -1 when no SYSRES volume is online or it
 * cannot be read.
 */
int sysres_ipl(const struct sysconfig *cfg, uint64_t now, void (*say)(const char *line));

/* At SHUTDOWN: marks the header clean with the time; 0, or -1 when it cannot be written. */
int sysres_shutdown(uint64_t now, void (*say)(const char *line));

#endif
