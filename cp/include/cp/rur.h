/*
 * CP's real unit-record devices (cp/spool/rur.c): a 3505 card reader whose decks CP reads
 * into the reader of the user named on the deck's ID card, and a 1403 printer on which CP
 * prints the files of the system printer queue. Hercules has them; QEMU has none.
 * Covered by tests/unit/test_rur.c (the ID card) and tests/system/test_rur.py.
 */
#ifndef CP_RUR_H
#define CP_RUR_H

#include <stdbool.h>
#include <stdint.h>

struct cmd_ctx;

/* What an ID card says: "ID userid [NAME fn [ft]] [CLASS c]" (or "USERID userid ..."). */
struct rur_idcard {
	char userid[9];
	char fn[9], ft[9];
	char cls;
};

/*
 * Parses an 80-column card given in ASCII (columns past len are blank). 0, or -1 when the
 * card is no ID card. The userid is checked for form only (1-8 characters), not against the
 * directory.
 */
int rur_parse_idcard(const char *card, unsigned len, struct rur_idcard *id);

/* START|DRAIN rdev | READER|PRINTER [rdev]; QUERY UR and QUERY rdev (true: rdev is one). */
int rur_start(struct cmd_ctx *ctx, unsigned argc, char *const argv[], bool start);
int rur_query(struct cmd_ctx *ctx, const char *what);
bool rur_is_device(const char *word);

/* A printer file closed for the system printer: printed now when a printer is started. */
void rur_print_kick(void);

#endif
