/*
 * Unit-record I/O (cms/urio.c): CMS's channel programs to the virtual reader, punch and printer
 * CP spools. One device open at a time per struct ur; output records are chained and sent on
 * ur_flush() (or when the chain is full).
 * Covered by tests/system/test_spool_cms.py.
 */
#ifndef CMS_URIO_H
#define CMS_URIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UR_READER	0x00c
#define UR_PUNCH	0x00d
#define UR_PRINTER	0x00e

#define UR_CMD_READ	0x02	/* reader: read a card */
#define UR_CMD_PUNCH	0x01	/* punch: write a card */
#define UR_CMD_PRINT	0x09	/* printer: write, then space one line */
#define UR_CARD_MAX	80
#define UR_LINE_MAX	132	/* the printer line PRINT writes */

/* Results: UR_OK, or one of these. */
#define UR_OK		0
#define UR_EOF		1	/* reader: unit exception, the end of the file */
#define UR_ERROR	(-1)	/* no such device, or an unexpected status */
#define UR_NOT_READY	(-2)	/* unit check: no file in the reader, spool full, ... */

struct ur {
	uint16_t devno;
	uint32_t schid;
	unsigned pending;	/* output records chained, not yet sent */
	int err;		/* sticky output error */
	bool eof;		/* reader: the file's end has been seen */
	unsigned have, next;	/* reader: cards in the input buffer, the next one to give */
};

/* Finds the device and enables its subchannel: 0, or -1 if there is no such device. */
int ur_open(struct ur *u, uint16_t devno);
/* Queues one output record (cmd: UR_CMD_PUNCH or UR_CMD_PRINT): UR_OK or an error. */
int ur_write(struct ur *u, uint8_t cmd, const void *data, size_t len);
/* Sends the records queued: UR_OK or the first error since ur_open(). */
int ur_flush(struct ur *u);
/* Reads one card (up to UR_CARD_MAX bytes) into @card: UR_OK, UR_EOF or an error. */
int ur_read(struct ur *u, uint8_t *card, size_t *len);
/* Disables the subchannel again. */
void ur_close(struct ur *u);

#endif /* CMS_URIO_H */
