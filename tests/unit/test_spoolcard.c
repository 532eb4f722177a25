/*
 * Unit tests for cms/spoolcard.c: the header card CMS's PUNCH and SENDFILE put in front of a
 * file (encode, decode, z/VM's plain :READ card, refusals), records to cards and back in both
 * encodings (F card images; V and long records packed, binary bytes, records crossing cards,
 * empty records), and CP's QUERY READER ALL response as RDRLIST reads it.
 */
#include <stdlib.h>

#include "cunit_main.h"

#include <cms/spoolcard.h>
#include <lib/ebcdic.h>
#include <lib/string.h>

/* A deck in memory. */
#define DECK_MAX 4096
static uint8_t deck[DECK_MAX][CARD_LEN];
static size_t ncards;

static int to_deck(void *ctx, const uint8_t card[CARD_LEN])
{
	(void)ctx;
	if (ncards == DECK_MAX)
		return 1;
	memcpy(deck[ncards++], card, CARD_LEN);
	return 0;
}

/* Records read back. */
#define RECS_MAX 64
static uint8_t got[RECS_MAX][SPOOL_REC_MAX];
static size_t got_len[RECS_MAX];
static size_t ngot;

static int to_recs(void *ctx, const uint8_t *rec, size_t len)
{
	(void)ctx;
	if (ngot == RECS_MAX)
		return 1;
	memcpy(got[ngot], rec, len);
	got_len[ngot++] = len;
	return 0;
}

static void card_text(const uint8_t *card, char *text)
{
	ebcdic_to_ascii(EBCDIC_CP1047, text, card, CARD_LEN);
	text[CARD_LEN] = 0;
}

static void test_header_round_trip(void)
{
	struct spool_header h = { .fn = "PROFILE", .ft = "EXEC", .fm = "A1", .recfm = 'V',
				  .lrecl = 251, .records = 1234567, .packed = true }, back;
	uint8_t card[CARD_LEN];
	char text[CARD_LEN + 1];

	spool_header_encode(&h, card);
	card_text(card, text);
	/* The documented columns, readable text. */
	CU_ASSERT_EQUAL(strncmp(text, ":READ  PROFILE  EXEC     A1 VM64 V 00251 0001234567 PACK ",
				57), 0);
	for (int i = 57; i < CARD_LEN; i++)
		CU_ASSERT_EQUAL(text[i], ' ');
	CU_ASSERT_EQUAL(spool_header_decode(card, &back), 0);
	CU_ASSERT_STRING_EQUAL(back.fn, "PROFILE");
	CU_ASSERT_STRING_EQUAL(back.ft, "EXEC");
	CU_ASSERT_STRING_EQUAL(back.fm, "A1");
	CU_ASSERT_EQUAL(back.recfm, 'V');
	CU_ASSERT_EQUAL(back.lrecl, 251);
	CU_ASSERT_EQUAL(back.records, 1234567);
	CU_ASSERT_TRUE(back.packed);
	CU_ASSERT_TRUE(back.vm64);

	/* Full-length names and an F 80 CARD file. */
	h = (struct spool_header){ .fn = "ABCDEFGH", .ft = "$#@+-:_9", .fm = "B", .recfm = 'F',
				   .lrecl = 80, .records = 3 };
	spool_header_encode(&h, card);
	CU_ASSERT_EQUAL(spool_header_decode(card, &back), 0);
	CU_ASSERT_STRING_EQUAL(back.fn, "ABCDEFGH");
	CU_ASSERT_STRING_EQUAL(back.ft, "$#@+-:_9");
	CU_ASSERT_STRING_EQUAL(back.fm, "B");
	CU_ASSERT_EQUAL(back.recfm, 'F');
	CU_ASSERT_EQUAL(back.lrecl, 80);
	CU_ASSERT_EQUAL(back.records, 3);
	CU_ASSERT_FALSE(back.packed);
}

static void text_card(const char *text, uint8_t card[CARD_LEN])
{
	ebcdic_put_field(EBCDIC_CP1047, card, CARD_LEN, text);
}

static void test_header_plain_and_refused(void)
{
	struct spool_header h;
	uint8_t card[CARD_LEN];

	/* z/VM's :READ card, no VM64 fields: fn ft, F 80, CARD. */
	text_card(":READ  MYFILE   DATA     A1 12/06/26 05:00:00", card);
	CU_ASSERT_EQUAL(spool_header_decode(card, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.fn, "MYFILE");
	CU_ASSERT_STRING_EQUAL(h.ft, "DATA");
	CU_ASSERT_EQUAL(h.recfm, 'F');
	CU_ASSERT_EQUAL(h.lrecl, 80);
	CU_ASSERT_FALSE(h.packed);
	CU_ASSERT_FALSE(h.vm64);

	/* Not headers: data, lower case, a name with a bad character, a bad count. */
	text_card("HELLO WORLD", card);
	CU_ASSERT_EQUAL(spool_header_decode(card, &h), -1);
	text_card(":read  myfile   data", card);
	CU_ASSERT_EQUAL(spool_header_decode(card, &h), -1);
	text_card(":READ  MY.FILE  DATA     A1", card);
	CU_ASSERT_EQUAL(spool_header_decode(card, &h), -1);
	text_card(":READ           DATA     A1", card);
	CU_ASSERT_EQUAL(spool_header_decode(card, &h), -1);
	text_card(":READ  MYFILE   DATA     A1 VM64 V 00080 00000X0003 PACK", card);
	CU_ASSERT_EQUAL(spool_header_decode(card, &h), -1);
	text_card(":READ  MYFILE   DATA     A1 VM64 Q 00080 0000000003 PACK", card);
	CU_ASSERT_EQUAL(spool_header_decode(card, &h), -1);
	text_card(":READ  MYFILE   DATA     A1 VM64 F 00080 0000000003 ZZZZ", card);
	CU_ASSERT_EQUAL(spool_header_decode(card, &h), -1);
	/* CARD cannot carry V or records longer than a card. */
	text_card(":READ  MYFILE   DATA     A1 VM64 V 00080 0000000003 CARD", card);
	CU_ASSERT_EQUAL(spool_header_decode(card, &h), -1);
	text_card(":READ  MYFILE   DATA     A1 VM64 F 00081 0000000003 CARD", card);
	CU_ASSERT_EQUAL(spool_header_decode(card, &h), -1);
	text_card(":READ  MYFILE   DATA     A1 VM64 F 99999 0000000003 PACK", card);
	CU_ASSERT_EQUAL(spool_header_decode(card, &h), -1);

	CU_ASSERT_FALSE(spool_header_wants_pack('F', 80));
	CU_ASSERT_FALSE(spool_header_wants_pack('F', 1));
	CU_ASSERT_TRUE(spool_header_wants_pack('F', 81));
	CU_ASSERT_TRUE(spool_header_wants_pack('V', 80));
}

static void test_pack_round_trip(void)
{
	static uint8_t recs[6][SPOOL_REC_MAX];
	size_t lens[6] = {0, 1, 78, 79, 300, SPOOL_REC_MAX};
	struct spool_packer p;
	struct spool_unpacker u;
	static uint8_t buf[SPOOL_REC_MAX];
	size_t bytes = 0;

	srand(15);
	for (int r = 0; r < 6; r++)
		for (size_t i = 0; i < lens[r]; i++)
			recs[r][i] = (uint8_t)rand(); /* binary: zeros, X'FF', anything */
	ncards = 0;
	spool_pack_init(&p);
	for (int r = 0; r < 6; r++) {
		CU_ASSERT_EQUAL(spool_pack_record(&p, recs[r], lens[r], to_deck, NULL), 0);
		bytes += 2 + lens[r];
	}
	CU_ASSERT_EQUAL(spool_pack_flush(&p, to_deck, NULL), 0);
	CU_ASSERT_EQUAL(ncards, (bytes + CARD_LEN - 1) / CARD_LEN);
	/* The padding of the last card is zeros. */
	for (size_t i = bytes % CARD_LEN; bytes % CARD_LEN && i < CARD_LEN; i++)
		CU_ASSERT_EQUAL(deck[ncards - 1][i], 0);
	CU_ASSERT_EQUAL(spool_pack_record(&p, recs[0], SPOOL_REC_MAX + 1, to_deck, NULL), -1);

	ngot = 0;
	spool_unpack_init(&u, buf, 6);
	for (size_t c = 0; c < ncards; c++) {
		CU_ASSERT_FALSE(spool_unpack_done(&u));
		CU_ASSERT_EQUAL(spool_unpack_card(&u, deck[c], to_recs, NULL), 0);
	}
	CU_ASSERT_TRUE(spool_unpack_done(&u));
	CU_ASSERT_EQUAL(ngot, 6);
	for (int r = 0; r < 6 && r < (int)ngot; r++) {
		CU_ASSERT_EQUAL(got_len[r], lens[r]);
		CU_ASSERT_EQUAL(memcmp(got[r], recs[r], lens[r]), 0);
	}

	/* A short deck leaves the unpacker wanting more. */
	ngot = 0;
	spool_unpack_init(&u, buf, 6);
	CU_ASSERT_EQUAL(spool_unpack_card(&u, deck[0], to_recs, NULL), 0);
	CU_ASSERT_FALSE(spool_unpack_done(&u));
	CU_ASSERT_EQUAL(ngot, 2); /* 2 + 3 bytes; the 78-byte record's 80 cross the card */
}

static void test_card_records(void)
{
	uint8_t rec[200];

	memset(rec, 0xc1, sizeof(rec));
	ncards = 0;
	CU_ASSERT_EQUAL(spool_card_record(rec, 80, to_deck, NULL), 0);
	CU_ASSERT_EQUAL(ncards, 1);
	CU_ASSERT_EQUAL(spool_card_record(rec, 10, to_deck, NULL), 0);
	CU_ASSERT_EQUAL(ncards, 2);
	CU_ASSERT_EQUAL(deck[1][9], 0xc1);
	CU_ASSERT_EQUAL(deck[1][10], CARD_BLANK);
	CU_ASSERT_EQUAL(deck[1][79], CARD_BLANK);
	CU_ASSERT_EQUAL(spool_card_record(rec, 0, to_deck, NULL), 0); /* an empty record: a card */
	CU_ASSERT_EQUAL(ncards, 3);
	CU_ASSERT_EQUAL(spool_card_record(rec, 161, to_deck, NULL), 0);
	CU_ASSERT_EQUAL(ncards, 6);
	CU_ASSERT_EQUAL(deck[5][0], 0xc1);
	CU_ASSERT_EQUAL(deck[5][1], CARD_BLANK);
}

static const char rdr_resp[] =
	"ORIGINID FILE CLASS RECORDS  CPY HOLD DATE  TIME     NAME      TYPE      DIST\n"
	"USER01   0004 A PUN 00000003 001 NONE 12/06 05:10:11 MINE      DATA      USER01\n"
	"USER02   0012 B PRT 00001000 001 USER 12/06 05:11:00                     USER02\n"
	"OPERATOR 0013 A PUN 00000080 001 NONE 12/06 05:12:00 KERNEL    IMAGE     OPERATOR\n";

static void test_rdr_list(void)
{
	struct rdr_file f[4];

	CU_ASSERT_EQUAL(spool_parse_rdr_list(rdr_resp, f, 4), 3);
	CU_ASSERT_STRING_EQUAL(f[0].origin, "USER01");
	CU_ASSERT_EQUAL(f[0].spoolid, 4);
	CU_ASSERT_EQUAL(f[0].cls, 'A');
	CU_ASSERT_STRING_EQUAL(f[0].dev, "PUN");
	CU_ASSERT_EQUAL(f[0].records, 3);
	CU_ASSERT_STRING_EQUAL(f[0].hold, "NONE");
	CU_ASSERT_STRING_EQUAL(f[0].name, "MINE");
	CU_ASSERT_STRING_EQUAL(f[0].type, "DATA");
	/* No name: blanks under NAME and TYPE, the distribution code is not taken for them. */
	CU_ASSERT_EQUAL(f[1].spoolid, 12);
	CU_ASSERT_EQUAL(f[1].cls, 'B');
	CU_ASSERT_STRING_EQUAL(f[1].dev, "PRT");
	CU_ASSERT_EQUAL(f[1].records, 1000);
	CU_ASSERT_STRING_EQUAL(f[1].hold, "USER");
	CU_ASSERT_STRING_EQUAL(f[1].name, "");
	CU_ASSERT_STRING_EQUAL(f[1].type, "");
	CU_ASSERT_STRING_EQUAL(f[2].origin, "OPERATOR");
	CU_ASSERT_STRING_EQUAL(f[2].name, "KERNEL");
	CU_ASSERT_STRING_EQUAL(f[2].type, "IMAGE");
	/* max bounds what is stored. */
	CU_ASSERT_EQUAL(spool_parse_rdr_list(rdr_resp, f, 1), 1);
	/* An empty reader, and something else entirely. */
	CU_ASSERT_EQUAL(spool_parse_rdr_list("NO RDR FILES\n", f, 4), 0);
	CU_ASSERT_EQUAL(spool_parse_rdr_list("VMCSPL018I NO RDR FILES\n", f, 4), 0);
	CU_ASSERT_EQUAL(spool_parse_rdr_list("HCPCQV003E Invalid option - XYZ\n", f, 4), -1);
	/* Garbage lines after the heading are skipped, not misread. */
	CU_ASSERT_EQUAL(spool_parse_rdr_list("ORIGINID FILE CLASS RECORDS  CPY HOLD DATE  TIME     "
					     "NAME      TYPE      DIST\nnot a file line\n",
					     f, 4), 0);
}

UNIT_SUITE(spoolcard, UNIT_CASE(test_header_round_trip), UNIT_CASE(test_header_plain_and_refused),
	   UNIT_CASE(test_pack_round_trip), UNIT_CASE(test_card_records), UNIT_CASE(test_rdr_list))
UNIT_MAIN(UNIT_REG(spoolcard))
