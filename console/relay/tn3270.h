/*
 * One TN3270 client as the relay (relay.c) sees it: telnet negotiation (TERMINAL-TYPE, then
 * BINARY and END-OF-RECORD both ways, RFC 1576; TN3270E is refused, so clients fall back to
 * plain TN3270 as RFC 2355 lets them), the screen size the terminal type names, and the
 * 3270 records in both directions with IAC doubling and IAC EOR. Pure code, no I/O: bytes in
 * from the client, callbacks out. Covered by tests/unit/test_tn3270.c and
 * tests/fuzz/fuzz_tn3270.c.
 */
#ifndef CONSOLE_RELAY_TN3270_H
#define CONSOLE_RELAY_TN3270_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <vm64/termport.h>

#define TN_IAC		255
#define TN_DONT		254
#define TN_DO		253
#define TN_WONT		252
#define TN_WILL		251
#define TN_SB		250
#define TN_SE		240
#define TN_EOR		239
#define TN_OPT_BINARY	0
#define TN_OPT_TTYPE	24
#define TN_OPT_EOR	25
#define TN_OPT_TN3270E	40
#define TN_SB_MAX	64
#define TN_TTYPE_MAX	40
#define TN_BAD_MAX	8	/* oversized records or bad sequences before the cut-off */

enum tn_state { TN_NEGOTIATING, TN_BOUND, TN_FAILED };

struct tn_ops {
	/* Bytes for the client. */
	void (*to_client)(void *ctx, const uint8_t *data, size_t len);
	/* One complete inbound 3270 record (at most TP_IN_MAX bytes). */
	void (*record)(void *ctx, const uint8_t *data, size_t len);
};

struct tn_session {
	enum tn_state state;
	const struct tn_ops *ops;
	void *ctx;
	int tstate;		/* telnet parser state */
	uint8_t opt_verb;
	uint8_t sb[TN_SB_MAX];
	size_t sb_len;
	bool his_ttype, his_bin, his_eor, my_bin, my_eor;
	bool refused[256];	/* options we said DONT or WONT to (answer once) */
	char ttype[TN_TTYPE_MAX + 1];
	unsigned model, rows, cols;
	bool extended;		/* the terminal takes structured fields (query) */
	uint8_t rec[TP_IN_MAX];
	size_t rec_len;
	bool rec_overflow;
	unsigned bad;		/* oversized records and protocol errors so far */
	const char *why;	/* why the session failed */
};

/** tn_init() - a new client: sends DO TERMINAL-TYPE. */
void tn_init(struct tn_session *s, const struct tn_ops *ops, void *ctx);

/**
 * tn_input() - bytes from the client. Returns 0, or -1 when the client must be cut off
 * (s->why says why): negotiation refused, an unusable terminal type, too much garbage.
 */
int tn_input(struct tn_session *s, const uint8_t *data, size_t len);

/** tn_send_record() - one outbound 3270 record (command code first) to the client. */
void tn_send_record(struct tn_session *s, const uint8_t *data, size_t len);

/**
 * tn_parse_ttype() - model, rows, columns and whether extended (-E, IBM-DYNAMIC) for a
 * terminal type; -1 for one that is not a 3270 (IBM-3278-n, IBM-3279-n, n = 2..5).
 */
int tn_parse_ttype(const char *ttype, unsigned *model, unsigned *rows, unsigned *cols,
		   bool *extended);

/**
 * tn_query_reply() - the query reply a terminal of rows x cols gives to Read Partition Query
 * (AID X'88', Usable Area and Implicit Partition), written to out; returns its length.
 * The relay answers for clients that do not take structured fields themselves.
 */
size_t tn_query_reply(unsigned rows, unsigned cols, uint8_t *out, size_t size);

/** tn_is_query() - whether a Write Structured Field's data asks Read Partition Query. */
bool tn_is_query(const uint8_t *data, size_t len);

#endif
