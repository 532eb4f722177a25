/*
 * Service-call logical processor (SCLP): the service-call control block (SCCB) layouts CP
 * uses and the SERVC instruction. Layouts as in Linux drivers/s390/char/sclp.h and the
 * emulators' service processors (QEMU hw/s390x/sclp.c, Hercules service.c).
 * Covered by tests/unit/test_vsclp.c and tests/system/test_ipl.py.
 */
#ifndef ARCH_SCLP_H
#define ARCH_SCLP_H

#include <stdint.h>

#define SCLP_CMD_READ_SCP_INFO    0x00020001u
#define SCLP_CMD_READ_EVENT_DATA  0x00770005u
#define SCLP_CMD_WRITE_EVENT_DATA 0x00760005u
#define SCLP_CMD_WRITE_EVENT_MASK 0x00780005u

#define SCLP_RC_NORMAL_READ       0x0010
#define SCLP_RC_NORMAL_COMPLETION 0x0020
#define SCLP_RC_NO_EVENT_BUFFERS  0x60f0

/* Event types and their mask bits (type n is mask bit n-1, from the left). */
#define SCLP_EVTYP_OPCMD     0x01
#define SCLP_EVTYP_MSG       0x02
#define SCLP_EVTYP_PMSGCMD   0x09
#define SCLP_EVTYP_MASK(t)   (0x80000000u >> ((t) - 1))

/* Service-signal external interruption parameter: SCCB address, low bits = event pending. */
#define SCLP_EXT_PARAM_ADDR_MASK 0xfffffff8u
#define SCLP_EXT_PARAM_PENDING   0x00000003u

#define SCCB_SIZE 4096

struct sccb_header {
	uint16_t length;          /* 0x00 */
	uint8_t  function_code;   /* 0x02 */
	uint8_t  control_mask[3]; /* 0x03 */
	uint16_t response_code;   /* 0x06 */
} __attribute__((packed));

_Static_assert(sizeof(struct sccb_header) == 8, "sccb header");

struct read_info_sccb {
	struct sccb_header header; /* 0x00 */
	uint16_t rnmax;            /* 0x08 storage increments */
	uint8_t  rnsize;           /* 0x0a increment size in MB (0: see rnsize2) */
	uint8_t  pad_0b[0x10 - 0x0b];
	uint16_t ncpurl;           /* 0x10 CPU entries */
	uint16_t cpuoff;           /* 0x12 offset of the first CPU entry */
	uint8_t  pad_14[0x18 - 0x14];
	uint8_t  loadparm[8];      /* 0x18 */
	uint8_t  pad_20[0x64 - 0x20];
	uint32_t rnsize2;          /* 0x64 */
	uint64_t rnmax2;           /* 0x68 */
} __attribute__((packed));

_Static_assert(__builtin_offsetof(struct read_info_sccb, rnmax2) == 0x68, "rnmax2");

struct sclp_cpu_entry {
	uint8_t cpu_address; /* 0x00 */
	uint8_t pad_01[13];
	uint8_t type;        /* 0x0e: 0 = general-purpose CP */
	uint8_t pad_0f;
} __attribute__((packed));

_Static_assert(sizeof(struct sclp_cpu_entry) == 16, "cpu entry");

struct write_event_mask_sccb {
	struct sccb_header header; /* 0x00 */
	uint16_t reserved;         /* 0x08 */
	uint16_t mask_length;      /* 0x0a */
	uint32_t cp_receive_mask;  /* 0x0c */
	uint32_t cp_send_mask;     /* 0x10 */
	uint32_t sclp_receive_mask;/* 0x14 */
	uint32_t sclp_send_mask;   /* 0x18 */
} __attribute__((packed));

struct event_buffer_header {
	uint16_t length;   /* 0x00 */
	uint8_t  type;     /* 0x02 */
	uint8_t  flags;    /* 0x03 */
	uint16_t reserved; /* 0x04 */
} __attribute__((packed));

/* Message data block for a line-mode message event: header, then one message text object. */
struct mdb_header {
	uint16_t length;        /* 0x00 */
	uint16_t type;          /* 0x02: 1 */
	uint32_t tag;           /* 0x04: EBCDIC "MDB " */
	uint32_t revision_code; /* 0x08: 1 */
} __attribute__((packed));

struct mto {
	uint16_t length;          /* 0x00 */
	uint16_t type;            /* 0x02: 4, message text */
	uint16_t line_type_flags; /* 0x04 */
	uint8_t  alarm_control;   /* 0x06 */
	uint8_t  reserved[3];     /* 0x07 */
	uint8_t  text[];          /* 0x0a */
} __attribute__((packed));

#define MDB_TAG_EBCDIC      0xd4c4c240u
#define MTO_TYPE_TEXT       0x0004
#define MTO_LINE_END_TEXT   0x1000

/*
 * A line-mode message: an SCCB of one message event (SCCB header, event buffer header, MDB
 * header, one message text object). Where its text goes, and its headers filled around len
 * bytes of EBCDIC text already there (the rest of the headers zero beforehand).
 */
static inline uint8_t *sclp_msg_text(void *sccb)
{
	return ((struct mto *)((uint8_t *)sccb + sizeof(struct sccb_header) +
			       sizeof(struct event_buffer_header) + sizeof(struct mdb_header)))
		->text;
}

static inline void sclp_msg_headers(void *sccb, uint16_t len)
{
	struct sccb_header *h = sccb;
	struct event_buffer_header *ev = (void *)(h + 1);
	struct mdb_header *mdb = (void *)(ev + 1);
	struct mto *mto = (void *)(mdb + 1);

	mto->length = (uint16_t)(sizeof(*mto) + len);
	mto->type = MTO_TYPE_TEXT;
	mto->line_type_flags = MTO_LINE_END_TEXT;
	mdb->length = (uint16_t)(sizeof(*mdb) + mto->length);
	mdb->type = 1;
	mdb->tag = MDB_TAG_EBCDIC;
	mdb->revision_code = 1;
	ev->length = (uint16_t)(sizeof(*ev) + mdb->length);
	ev->type = SCLP_EVTYP_MSG;
	h->length = (uint16_t)(sizeof(*h) + ev->length);
}

/* SERVC: request the SCLP command on the SCCB at a 31-bit real address; returns the cc. */
static inline int servc(uint32_t command, void *sccb)
{
	int cc;

	asm volatile(".insn rre,0xb2200000,%1,%2\n\tipm %0\n\tsrl %0,28"
		     : "=&d"(cc)
		     : "d"((unsigned long)command), "a"(sccb)
		     : "cc", "memory");
	return cc;
}

#endif
