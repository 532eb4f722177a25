/*
 * 3270 structured fields: the Read Partition Query CP sends a terminal that just connected,
 * and the Usable Area it reads from the Query Reply to learn the screen size (see
 * console/ds3270.h). Pure functions, no state. Tested by tests/unit/test_ds3270.c.
 */
#include <console/ds3270.h>

void ds_read_partition_query(struct ds_buf *b)
{
	/* Length 5 (X'0005'), Read Partition, partition X'FF', type Query. */
	ds_byte(b, 0x00);
	ds_byte(b, 0x05);
	ds_byte(b, SF_READ_PARTITION);
	ds_byte(b, SF_PID_ALL);
	ds_byte(b, SF_RP_QUERY);
}

static unsigned int get16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

/*
 * Usable Area reply: length(2), X'81', QCODE X'81', flags(2), width(2), height(2), ...
 * so the width is at bytes 6-7 and the height at 8-9 of the field.
 */
int ds_query_usable_area(const uint8_t *in, size_t len, unsigned int max_rows,
			 unsigned int max_cols, struct screen_geom *g)
{
	size_t pos = 1; /* after the AID */
	int rc = DS_ENOENT;
	bool found = false;

	if (len < 1 || in[0] != AID_STRUCT)
		return DS_EINVAL;
	while (pos + 4 <= len) {
		size_t sflen = get16(in + pos);

		if (sflen < 4 || pos + sflen > len) {
			rc = DS_ETRUNC;
			break;
		}
		if (in[pos + 2] == SF_QUERY_REPLY && in[pos + 3] == QR_USABLE_AREA && sflen >= 10) {
			unsigned int cols = get16(in + pos + 6);
			unsigned int rows = get16(in + pos + 8);

			if (rows >= 24 && rows <= max_rows && cols >= 80 && cols <= max_cols) {
				g->rows = (uint16_t)rows;
				g->cols = (uint16_t)cols;
				g->addr14 = false;
				found = true;
			} else {
				rc = DS_ERANGE;
			}
		}
		pos += sflen;
	}
	return found ? 0 : rc;
}
