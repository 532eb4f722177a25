/*
 * CMS files as punched cards, and CP's reader list as CMS reads it. Portable (no DIAGNOSE, no
 * I/O), so the host unit tests run it: tests/unit/test_spoolcard.c.
 *
 * The header card. PUNCH (without NOHEADER) and SENDFILE put one 80-byte card in front of a
 * file, in EBCDIC 1047 text so PEEK and a human read it:
 *
 *   cols  1- 5  :READ           z/VM's CMS control card, as PUNCH and DISK DUMP punch it
 *   cols  8-15  fn              the file name, blank padded
 *   cols 17-24  ft              the file type
 *   cols 26-27  fm              the file mode (letter and number) it was punched from
 *   cols 29-32  VM64            marks the VM/64 fields that follow (z/VM has none here)
 *   col  34     F or V          the record format
 *   cols 36-40  lrecl           decimal: F the record length, V the longest record
 *   cols 42-51  records         decimal: how many records follow
 *   cols 53-56  CARD or PACK    how they follow (below)
 * e.g. ":READ  PROFILE  EXEC     A1 VM64 V 00251 0000000042 PACK".
 *
 * This is our own header, not z/VM's NETDATA. A ":READ" card without the VM64 fields (one
 * typed by hand, or from z/VM's PUNCH) reads as fn ft, F 80, CARD.
 *
 * The cards after the header:
 *   CARD  RECFM F with LRECL up to 80: one card per record, padded with EBCDIC blanks; the
 *         reader keeps the first LRECL bytes of each. What PUNCH of an ordinary card-image
 *         file has always given, readable as it stands.
 *   PACK  everything else (RECFM V, records longer than 80, binary V data): a byte stream of
 *         records, each a 2-byte big-endian length and its bytes, cut into 80-byte cards;
 *         the last card is padded with zeros. The record count in the header says where
 *         the stream ends.
 * Without a header (PUNCH ... (NOHEADER), each record becomes cards of 80 bytes, the last
 * one padded with blanks, and READCARD reads any deck as RECFM F LRECL 80.
 */
#ifndef CMS_SPOOLCARD_H
#define CMS_SPOOLCARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CARD_LEN	80
#define CARD_BLANK	0x40	/* EBCDIC blank */
#define SPOOL_REC_MAX	65535	/* the longest record PACK carries (2-byte length) */

struct spool_header {
	char fn[9], ft[9];
	char fm[3];		/* "A1"; "" when the card had none */
	char recfm;		/* 'F' or 'V' */
	uint32_t lrecl;
	uint32_t records;	/* 0 when the card did not say (a plain :READ card) */
	bool packed;		/* PACK, else CARD */
	bool vm64;		/* the card had the VM64 fields */
};

/* The encoding a file gets: PACK unless F with LRECL 1..80. */
bool spool_header_wants_pack(char recfm, uint32_t lrecl);
/* Builds the header card (EBCDIC 1047) from @h; @h->packed decides CARD or PACK. */
void spool_header_encode(const struct spool_header *h, uint8_t card[CARD_LEN]);
/* Reads a card as a header: 0 and @h filled, or -1 if it is not a :READ card. */
int spool_header_decode(const uint8_t card[CARD_LEN], struct spool_header *h);

/* Cards out: call @emit for each full card. @emit returns 0, or nonzero to stop. */
typedef int (*spool_card_fn)(void *ctx, const uint8_t card[CARD_LEN]);

struct spool_packer {
	uint8_t card[CARD_LEN];
	size_t used;
};
void spool_pack_init(struct spool_packer *p);
/* Appends a record (length and bytes) to the stream; full cards go to @emit. */
int spool_pack_record(struct spool_packer *p, const uint8_t *rec, size_t len, spool_card_fn emit,
		      void *ctx);
/* The last, partly filled card (zero padded), if there is one. */
int spool_pack_flush(struct spool_packer *p, spool_card_fn emit, void *ctx);
/* CARD and NOHEADER: one record as ceil(len/80) cards (at least one), blank padded. */
int spool_card_record(const uint8_t *rec, size_t len, spool_card_fn emit, void *ctx);

/* Records in: called for each record a card completes; returns 0, or nonzero to stop. */
typedef int (*spool_rec_fn)(void *ctx, const uint8_t *rec, size_t len);

struct spool_unpacker {
	uint8_t *rec;		/* the caller's buffer, SPOOL_REC_MAX bytes */
	uint32_t left;		/* records still to come */
	uint8_t lenbuf[2];
	unsigned lenhave;	/* bytes of the length prefix seen */
	size_t need, have;	/* the record's length and bytes seen */
};
void spool_unpack_init(struct spool_unpacker *u, uint8_t *rec, uint32_t records);
/* Takes one PACK card; records it completes go to @emit. Bytes after the last are ignored. */
int spool_unpack_card(struct spool_unpacker *u, const uint8_t card[CARD_LEN], spool_rec_fn emit,
		      void *ctx);
/* True when every record the header announced has been seen. */
bool spool_unpack_done(const struct spool_unpacker *u);

/* One reader file as CP's QUERY READER ALL lists it (z/VM's columns). */
struct rdr_file {
	char origin[9];
	unsigned spoolid;
	char cls;
	char dev[4];		/* PUN, PRT, CON, RDR */
	uint32_t records;
	char hold[5];		/* NONE, USER, SYS, USYS */
	char name[9], type[9];
};

/*
 * Parses QUERY READER ALL's response (lines ended by '\n'): the heading line starting
 * ORIGINID, then one line per file. Returns how many files it put in @out (at most @max), or
 * -1 if the response has no heading and is not CP's "NO RDR FILES".
 */
int spool_parse_rdr_list(const char *resp, struct rdr_file *out, int max);

#endif /* CMS_SPOOLCARD_H */
