/*
 * Walks the general data stream of an SCLP operator-command event to its text
 * (see arch/sclp_gds.h). Every length is checked against what encloses it.
 * Covered by tests/unit/test_sclp_gds.c and tests/unit/test_vsclp.c.
 */
#include <arch/sclp_gds.h>
#include <lib/endian.h>

#define GDS_ID_MDSMU   0x1310
#define GDS_ID_CPMSU   0x1212
#define GDS_ID_TEXTCMD 0x1320
#define GDS_KEY_SELFDEFTEXTMSG 0x31
#define GDS_KEY_TEXTMSG        0x30

/*
 * Finds the major vector (2-byte length including the 4-byte header, 2-byte id) in a run.
 * The body handed back runs to the end of the enclosing region, not just to the vector's
 * declared end: QEMU's line-mode console declares container lengths that leave out the
 * text, and the text-message subvector's own length is checked against the region anyway.
 */
static int find_vector(const uint8_t *p, size_t len, uint16_t id, const uint8_t **body,
		       size_t *body_len)
{
	while (len >= 4) {
		size_t vlen = get_be16(p);

		if (vlen < 4 || vlen > len)
			return -1;
		uint16_t vid = get_be16(p + 2);

		/* QEMU 7.2 stores the id in host byte order: accept it swapped too. */
		if (vid == id || vid == (uint16_t)(id << 8 | id >> 8)) {
			*body = p + 4;
			*body_len = len - 4;
			return 0;
		}
		p += vlen;
		len -= vlen;
	}
	return -1;
}

/* The same for subvectors, whose length and key are one byte each. */
static int find_subvector(const uint8_t *p, size_t len, uint8_t key, const uint8_t **body,
			  size_t *body_len)
{
	while (len >= 2) {
		size_t vlen = p[0];

		/*
		 * QEMU 7.2 writes a 16-bit big-endian length into these one-byte fields, which
		 * leaves its high byte (0, or 1 past 253 bytes of text) on a little-endian host:
		 * a subvector too short to hold its own header runs to the end of the region.
		 */
		if (vlen < 2 && p[1] == key)
			vlen = len;
		if (vlen < 2 || vlen > len)
			return -1;
		if (p[1] == key) {
			*body = p + 2;
			*body_len = (key == GDS_KEY_TEXTMSG) ? vlen - 2 : len - 2;
			return 0;
		}
		p += vlen;
		len -= vlen;
	}
	return -1;
}

int sclp_gds_find_text(const uint8_t *data, size_t len, const uint8_t **text)
{
	const uint8_t *mu, *cpmsu, *textcmd, *sdt, *msg;
	size_t mu_len, cpmsu_len, textcmd_len, sdt_len, msg_len;

	if (find_vector(data, len, GDS_ID_MDSMU, &mu, &mu_len) ||
	    find_vector(mu, mu_len, GDS_ID_CPMSU, &cpmsu, &cpmsu_len) ||
	    find_vector(cpmsu, cpmsu_len, GDS_ID_TEXTCMD, &textcmd, &textcmd_len) ||
	    find_subvector(textcmd, textcmd_len, GDS_KEY_SELFDEFTEXTMSG, &sdt, &sdt_len) ||
	    find_subvector(sdt, sdt_len, GDS_KEY_TEXTMSG, &msg, &msg_len))
		return -1;
	*text = msg;
	return (int)msg_len;
}
