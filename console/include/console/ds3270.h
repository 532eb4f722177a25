/*
 * The 3270 data stream, portable part: command codes, the Write Control Character, orders,
 * field attributes and AIDs as named constants (the vocabulary of Linux's raw3270.h), buffer
 * address encoding (12-bit coded and 14-bit binary), screen geometry of models 2-5, a bounded
 * builder for outbound streams (console/3270/ds3270.c), a parser for inbound Read Modified
 * replies (console/3270/rm3270.c), and the structured fields that ask a terminal its screen
 * size and read its answer (console/3270/sf3270.c). Tested by tests/unit/test_ds3270.c.
 *
 * Freestanding: no C library, no allocation; shared by the CP image and the host unit tests.
 */
#ifndef CONSOLE_DS3270_H
#define CONSOLE_DS3270_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Commands: channel (local, CCW) codes and the SNA/TN3270 (remote) codes. */
#define TC_WRITE	0x01
#define TC_EWRITE	0x05
#define TC_READMOD	0x06
#define TC_EWRITEA	0x0d
#define TC_WRITESF	0x11
#define TC_SNA_WRITE	0xf1
#define TC_SNA_EWRITE	0xf5
#define TC_SNA_EWRITEA	0x7e
#define TC_SNA_READMOD	0xf6
#define TC_SNA_WRITESF	0xf3

/*
 * Write Control Character. Bits 2-7 are a 6-bit value sent through the address code table
 * (ds_wcc() does that), which also sets bits 0-1; TW_RESET is therefore always set on output.
 */
#define TW_RESET	0x40	/* bit 1: reset partition characteristics */
#define TW_PRINT	0x08	/* bit 4: start printer */
#define TW_ALARM	0x04	/* bit 5: sound alarm */
#define TW_KR		0x02	/* bit 6: keyboard restore */
#define TW_RESET_MDT	0x01	/* bit 7: reset modified data tags */

/* Orders. */
#define TO_PT		0x05	/* program tab */
#define TO_GE		0x08	/* graphic escape */
#define TO_SBA		0x11	/* set buffer address */
#define TO_EUA		0x12	/* erase unprotected to address */
#define TO_IC		0x13	/* insert cursor */
#define TO_SF		0x1d	/* start field */
#define TO_SA		0x28	/* set attribute */
#define TO_SFE		0x29	/* start field extended */
#define TO_MF		0x2c	/* modify field */
#define TO_RA		0x3c	/* repeat to address */

/* Characters the keyboard can put in an input field below 0x40. */
#define DS_CHAR_NULL	0x00
#define DS_CHAR_DUP	0x1c
#define DS_CHAR_FM	0x1e
#define DS_CHAR_SPACE	0x40

/* Field attribute (bits 2-7; ds_sf() sends it through the address code table). */
#define TF_PROT		0x20	/* bit 2: protected */
#define TF_NUMERIC	0x10	/* bit 3: numeric */
#define TF_SKIP		(TF_PROT | TF_NUMERIC)	/* autoskip */
#define TF_DISP_MASK	0x0c	/* bits 4-5: display and detection */
#define TF_NORMAL	0x00	/* display, not detectable */
#define TF_DETECT	0x04	/* display, detectable */
#define TF_INTENSE	0x08	/* intensified, detectable */
#define TF_NONDISP	0x0c	/* non-display, non-detectable */
#define TF_MDT		0x01	/* bit 7: modified data tag */

/* Attribute types of SFE, SA and MF, and some of their values. */
#define TAT_ALL		0x00	/* SA only: reset all character attributes */
#define TAT_FIELD	0xc0	/* 3270 field attribute */
#define TAT_EXTHI	0x41	/* extended highlighting */
#define TAT_COLOR	0x42	/* foreground color */
#define TAT_CHARS	0x43	/* character set */
#define TAT_BGCOLOR	0x45	/* background color */
#define TAT_TRANS	0x46	/* transparency */

#define TAX_DEFAULT	0x00
#define TAX_BLINK	0xf1
#define TAX_REVER	0xf2
#define TAX_UNDER	0xf4

#define TAC_DEFAULT	0x00
#define TAC_NEUTRAL	0xf0
#define TAC_BLUE	0xf1
#define TAC_RED		0xf2
#define TAC_PINK	0xf3
#define TAC_GREEN	0xf4
#define TAC_TURQ	0xf5
#define TAC_YELLOW	0xf6
#define TAC_WHITE	0xf7

/* Attention identifiers. */
#define AID_NONE	0x60
#define AID_STRUCT	0x88	/* structured field reply */
#define AID_SYSREQ	0xf0
#define AID_ENTER	0x7d
#define AID_CLEAR	0x6d
#define AID_PA1		0x6c
#define AID_PA2		0x6e
#define AID_PA3		0x6b
#define AID_PF1		0xf1
#define AID_PF2		0xf2
#define AID_PF3		0xf3
#define AID_PF4		0xf4
#define AID_PF5		0xf5
#define AID_PF6		0xf6
#define AID_PF7		0xf7
#define AID_PF8		0xf8
#define AID_PF9		0xf9
#define AID_PF10	0x7a
#define AID_PF11	0x7b
#define AID_PF12	0x7c
#define AID_PF13	0xc1
#define AID_PF14	0xc2
#define AID_PF15	0xc3
#define AID_PF16	0xc4
#define AID_PF17	0xc5
#define AID_PF18	0xc6
#define AID_PF19	0xc7
#define AID_PF20	0xc8
#define AID_PF21	0xc9
#define AID_PF22	0x4a
#define AID_PF23	0x4b
#define AID_PF24	0x4c

/* Telnet framing a TN3270 record may still end with (IAC EOR). */
#define TN_IAC		0xff
#define TN_EOR		0xef

/* Errors returned by the decoders and rm_parse() (negative). */
#define DS_EINVAL	(-1)	/* malformed: unknown order, reserved address form, bad AID */
#define DS_ETRUNC	(-2)	/* input ends inside an order or address */
#define DS_ERANGE	(-3)	/* address beyond the screen */
#define DS_E2BIG	(-4)	/* more fields than RM_MAX_FIELDS */
#define DS_ENOSPC	(-5)	/* field data does not fit the caller's buffer */
#define DS_ENOENT	(-6)	/* a reply without what was asked for */

/* Screen geometry. addr14 asks for 14-bit addresses even where 12-bit ones would do. */
struct screen_geom {
	uint16_t rows;
	uint16_t cols;
	bool addr14;
};

/* Largest buffer a 12-bit address can reach. */
#define DS_ADDR12_LIMIT 4096
#define DS_ADDR14_LIMIT 16384

static inline unsigned int screen_size(const struct screen_geom *g)
{
	return (unsigned int)g->rows * g->cols;
}

int ds_model_geom(unsigned int model, struct screen_geom *g);
bool ds_uses_addr14(const struct screen_geom *g);
uint8_t ds_code6(unsigned int v);
int ds_addr_encode(const struct screen_geom *g, unsigned int addr, uint8_t out[2]);
int ds_addr_decode(const uint8_t in[2], unsigned int *addr);

/* Bounded output builder. Once @overflow is set nothing more is written. */
struct ds_buf {
	uint8_t *data;
	size_t size, len;
	bool overflow;
};

/* One (type, value) pair of SFE and MF. */
struct ds_attr {
	uint8_t type;
	uint8_t value;
};

void ds_init(struct ds_buf *b, uint8_t *data, size_t size);
void ds_byte(struct ds_buf *b, uint8_t c);
void ds_cmd(struct ds_buf *b, uint8_t cmd);
void ds_wcc(struct ds_buf *b, uint8_t wcc);
void ds_sba(struct ds_buf *b, const struct screen_geom *g, unsigned int row, unsigned int col);
void ds_sf(struct ds_buf *b, uint8_t attr);
void ds_sfe(struct ds_buf *b, const struct ds_attr *pairs, size_t n);
void ds_mf(struct ds_buf *b, const struct ds_attr *pairs, size_t n);
void ds_sa(struct ds_buf *b, uint8_t type, uint8_t value);
void ds_ic(struct ds_buf *b);
void ds_pt(struct ds_buf *b);
void ds_ra(struct ds_buf *b, const struct screen_geom *g, unsigned int addr, uint8_t ebc);
void ds_eua(struct ds_buf *b, const struct screen_geom *g, unsigned int addr);
void ds_text(struct ds_buf *b, const char *ascii, size_t len);

/* Inbound Read Modified reply. */
#define RM_MAX_FIELDS 32

struct rm_field {
	uint16_t addr;		/* first data position of the field (after its attribute) */
	uint16_t row, col;
	char *text;		/* ASCII, NUL-terminated, inside rm_input.buf */
	size_t len;		/* without the NUL */
};

struct rm_input {
	/* Set by the caller: where field text goes. */
	char *buf;
	size_t buf_size;
	/* Set by rm_parse(). */
	uint8_t aid;
	bool short_read;	/* the AID alone: no cursor, no fields */
	uint16_t cursor, cursor_row, cursor_col;
	unsigned int nfields;
	size_t used;		/* bytes of buf used, NULs included */
	struct rm_field field[RM_MAX_FIELDS];
};

bool rm_aid_valid(uint8_t aid);
int rm_aid_pf(uint8_t aid);
int rm_parse(const uint8_t *in, size_t len, const struct screen_geom *g, struct rm_input *out);

/*
 * Structured fields (console/3270/sf3270.c). Outbound, sent with TC_WRITESF: Read Partition
 * Query, which makes the terminal answer with Query Replies as one inbound record starting
 * with AID_STRUCT. Each structured field is a 2-byte length (itself included), its ID, and
 * data; a Query Reply's first data byte is its QCODE.
 */
#define SF_READ_PARTITION	0x01	/* outbound: Read Partition */
#define SF_RP_QUERY		0x02	/* Read Partition type: Query */
#define SF_PID_ALL		0xff	/* partition ID of a Query: not partition-specific */
#define SF_QUERY_REPLY		0x81	/* inbound: Query Reply */
#define QR_USABLE_AREA		0x81	/* QCODE: Usable Area */

/* Appends the Read Partition Query structured field (5 bytes) to b. */
void ds_read_partition_query(struct ds_buf *b);
/*
 * ds_query_usable_area - the screen size a Query Reply record tells
 * @in, @len: the inbound record, AID_STRUCT first
 * @max_rows, @max_cols: the largest screen the caller can drive (the least is 24 x 80)
 * @g: set to the Usable Area's rows and columns (12/14-bit choice left to ds_uses_addr14)
 *     when one within bounds is found; untouched otherwise. The last such reply wins.
 * Returns 0 when g was set; DS_EINVAL when the record is not a structured-field reply,
 * DS_ETRUNC when a field's length is malformed before any usable size was found, DS_ERANGE
 * when the Usable Area's size is out of bounds, DS_ENOENT when there is no Usable Area.
 */
int ds_query_usable_area(const uint8_t *in, size_t len, unsigned int max_rows,
			 unsigned int max_cols, struct screen_geom *g);

#endif /* CONSOLE_DS3270_H */
