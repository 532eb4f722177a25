/*
 * The spool file store: spool files in 4 KB pages on the SYSRES volume's spool area, their
 * directory in storage, and its checkpoint (layouts in cp/spool.h). The order of writes is
 * what makes a restart safe: a file's data pages are written before the checkpoint that
 * names them, and pages a checkpoint frees are reused only after that checkpoint is on the
 * volume. Two checkpoint copies alternate, so a write torn by a kill leaves the older copy.
 * An open file's filled pages wait in a write-behind run (up to SPOOL_RUN_PAGES consecutive
 * pages of one file) and go to the volume in one transfer when the run is full, when the file
 * takes a page that does not follow it, when another file fills a page, and at CLOSE before
 * the checkpoint: an open file is not on the volume anyway (a restart drops it), and one
 * channel program per 4 KB page cost QEMU's virtio-blk a third of a SENDFILE.
 *
 * Reads of a closed file go the same way round (spool_read_page): the pages from the one
 * asked for on that follow each other on the volume, up to SPOOL_RA_PAGES (64 KB, the write
 * run's size: one FBA/CKD transfer or virtio request every driver already does for writes;
 * a Linux IPL's 1,600 pages become ~100 transfers, and a longer run saves little more),
 * come in one transfer into a read-ahead buffer, and the next pages are copied from it; a
 * cursor keeps where the page chain was left, so a file read from start to end walks it
 * once, not from its first page again for every page. Every page's header must name its
 * index and its next page as the page map says, else the read fails (the pages before it
 * still read). One buffer for all of CP, static (contiguous and below 2 GB, as the DASD
 * drivers need), not one per reader: reads are synchronous on one CPU, so it is never in
 * use by two callers at once, and a user's real storage does not grow by 64 KB while a file
 * is open (the reader keeps its one 4 KB page frame). Two readers reading at once take
 * turns at it: each refill is still one transfer, as a page read was before.
 *
 * Locking: one real CPU; called from CP's command and I/O simulation, never re-entered.
 * Tested by tests/unit/test_spool.c; on both machines by tests/system/test_spool.py.
 */
#include <cp/msg.h>
#include <cp/spool.h>
#include <cp/sysres.h>
#include <lib/crc32.h>
#include <lib/endian.h>
#include <lib/string.h>

#define CKPT_VERSION 1
#define CKPT_HDR     64
#define CKPT_BYTES   (SPOOL_CKPT_PAGES * SPOOL_PAGE_SIZE)

static const char ckpt_magic[8] = "SPOOLCKP";

const char *const spool_queue_name[3] = {"RDR", "PUN", "PRT"};

static const struct spool_vol_ops *vops;
static void *vctx;
static uint32_t area_pages; /* pages used of the area, at most SPOOL_MAX_PAGES */
static bool usable;
static uint32_t ckpt_seq; /* the last checkpoint written or found */
static uint16_t next_id = 1;
static uint32_t next_seq = 1;
/* Page chains of every file (open ones too): 0 free, SPOOL_CHAIN_END last, else next. */
static uint16_t pmap[SPOOL_MAX_PAGES];
/* Pages freed since the last checkpoint: not reused until one is written. */
static uint8_t pending_free[SPOOL_MAX_PAGES / 8];
static struct spool_file files[SPOOL_MAX_FILES];
/* One checkpoint copy; static, so below 2 GB for channel programs. */
static uint8_t ckpt[CKPT_BYTES] __attribute__((aligned(8)));
/* The write-behind run: run_n pages of run_file from page run_first on (below 2 GB). */
static uint8_t run_buf[SPOOL_RUN_PAGES * SPOOL_PAGE_SIZE] __attribute__((aligned(8)));
static const struct spool_file *run_file;
static uint32_t run_first, run_n;
/*
 * Reading (spool_read_page): one read-ahead run for all of CP, ra_n pages of ra_file from its
 * page ra_index on (ra_first: the file's first page, so that a slot reused by another file
 * never matches); and the chain cursor: page cur_index of cur_file is spool-area page
 * cur_page. Purge and a new checkpoint load forget both.
 */
static uint8_t ra_buf[SPOOL_RA_PAGES * SPOOL_PAGE_SIZE] __attribute__((aligned(8)));
static const struct spool_file *ra_file, *cur_file;
static uint32_t ra_first, ra_index, ra_n, cur_first, cur_index, cur_page;
static struct spool_read_stats rstats;

static int run_flush(void)
{
	int rc = 0;

	if (run_n && vops->write_pages(vctx, run_first, run_n, run_buf))
		rc = SPOOL_E_IO;
	run_n = 0;
	run_file = 0;
	return rc;
}

static bool pending(uint32_t p)
{
	return pending_free[p / 8] & (1u << (p % 8));
}

static void put_name(uint8_t *e, const char *s)
{
	memset(e, ' ', 8);
	for (unsigned i = 0; i < 8 && s[i]; i++)
		e[i] = (uint8_t)s[i];
}

static void get_name(char *s, const uint8_t *e)
{
	unsigned n = 8;

	memcpy(s, e, 8);
	while (n && (s[n - 1] == ' ' || s[n - 1] == 0))
		n--;
	s[n] = 0;
}

void spool_entry_encode(const struct spool_file *f, uint8_t *e)
{
	memset(e, 0, SPOOL_ENTRY_SIZE);
	put_be16(e + 0, f->id);
	put_be16(e + 2, f->was_id);
	e[4] = f->queue;
	e[5] = f->origin_dev;
	e[6] = f->flags & (SPF_HOLD | SPF_KEEP | SPF_OPEN);
	e[7] = (uint8_t)f->cls;
	put_name(e + 8, f->owner);
	put_name(e + 16, f->origin);
	put_name(e + 24, f->dist);
	put_name(e + 32, f->fn);
	put_name(e + 40, f->ft);
	put_be16(e + 48, f->copies);
	put_be32(e + 52, f->records);
	put_be32(e + 56, f->seq);
	put_be64(e + 64, f->created_tod);
	put_be32(e + 72, (f->flags & SPF_OPEN) ? 0 : f->first_page);
	put_be32(e + 76, (f->flags & SPF_OPEN) ? 0 : f->npages);
}

void spool_entry_decode(const uint8_t *e, struct spool_file *f)
{
	memset(f, 0, sizeof(*f));
	f->id = get_be16(e + 0);
	f->was_id = get_be16(e + 2);
	f->queue = e[4];
	f->origin_dev = e[5];
	f->flags = e[6];
	f->cls = (char)e[7];
	get_name(f->owner, e + 8);
	get_name(f->origin, e + 16);
	get_name(f->dist, e + 24);
	get_name(f->fn, e + 32);
	get_name(f->ft, e + 40);
	f->copies = get_be16(e + 48);
	f->records = get_be32(e + 52);
	f->seq = get_be32(e + 56);
	f->created_tod = get_be64(e + 64);
	f->first_page = get_be32(e + 72);
	f->npages = get_be32(e + 76);
}

/* ---- checkpoint ---- */

static uint32_t ckpt_crc(uint32_t len)
{
	uint8_t saved[4];
	uint32_t crc;

	memcpy(saved, ckpt + 20, 4);
	memset(ckpt + 20, 0, 4);
	crc = crc32_ieee(ckpt, len);
	memcpy(ckpt + 20, saved, 4);
	return crc;
}

static uint32_t encode_ckpt(uint32_t seq)
{
	uint8_t *map = ckpt + CKPT_HDR;
	uint8_t *e = map + 2 * area_pages;
	uint32_t nfiles = 0, len;

	memset(ckpt, 0, CKPT_BYTES);
	memcpy(ckpt, ckpt_magic, 8);
	put_be32(ckpt + 8, CKPT_VERSION);
	put_be32(ckpt + 12, seq);
	/* The chains of closed files only: an open file's pages are free after a restart. */
	for (unsigned i = 0; i < SPOOL_MAX_FILES; i++) {
		const struct spool_file *f = &files[i];

		if (!f->id)
			continue;
		spool_entry_encode(f, e);
		e += SPOOL_ENTRY_SIZE;
		nfiles++;
		if (f->flags & SPF_OPEN)
			continue;
		for (uint32_t p = f->first_page, n = 0; p && n < f->npages; n++) {
			put_be16(map + 2 * p, pmap[p]);
			p = pmap[p] == SPOOL_CHAIN_END ? 0 : pmap[p];
		}
	}
	len = (uint32_t)(e - ckpt);
	put_be32(ckpt + 16, len);
	put_be32(ckpt + 24, nfiles);
	put_be32(ckpt + 28, next_id);
	put_be32(ckpt + 32, area_pages);
	put_be32(ckpt + 20, ckpt_crc(len));
	return len;
}

int spool_commit(void)
{
	uint32_t seq = ckpt_seq + 1, len, base, n;

	if (!usable)
		return SPOOL_E_OFF;
	len = encode_ckpt(seq);
	base = (seq & 1) ? SPOOL_CKPT_PAGES : 0;
	n = (len + SPOOL_PAGE_SIZE - 1) / SPOOL_PAGE_SIZE;
	/* The pages past the header first, the header page (with the sequence) last. */
	for (uint32_t i = n; i-- > 0;)
		if (vops->write(vctx, base + i, ckpt + i * SPOOL_PAGE_SIZE))
			return SPOOL_E_IO;
	ckpt_seq = seq;
	memset(pending_free, 0, sizeof(pending_free));
	return 0;
}

/* Reads copy @copy into ckpt: its sequence number, or -1 with *why set when it is bad. */
static int64_t read_copy(unsigned copy, const char **why, bool *blank)
{
	uint32_t base = copy * SPOOL_CKPT_PAGES, len;

	*blank = false;
	if (vops->read(vctx, base, ckpt)) {
		*why = "read error";
		return -1;
	}
	if (memcmp(ckpt, ckpt_magic, 8) != 0) {
		bool zero = true;

		for (unsigned i = 0; i < SPOOL_PAGE_SIZE && zero; i++)
			zero = ckpt[i] == 0;
		*blank = zero;
		*why = "no checkpoint mark";
		return -1;
	}
	len = get_be32(ckpt + 16);
	if (get_be32(ckpt + 8) != CKPT_VERSION || len < CKPT_HDR || len > CKPT_BYTES ||
	    get_be32(ckpt + 32) != area_pages ||
	    len != CKPT_HDR + 2 * area_pages + get_be32(ckpt + 24) * SPOOL_ENTRY_SIZE) {
		*why = "bad header";
		return -1;
	}
	for (uint32_t i = 1; i * SPOOL_PAGE_SIZE < len; i++)
		if (vops->read(vctx, base + i, ckpt + i * SPOOL_PAGE_SIZE)) {
			*why = "read error";
			return -1;
		}
	if (get_be32(ckpt + 20) != ckpt_crc(len)) {
		*why = "checksum wrong";
		return -1;
	}
	return get_be32(ckpt + 12);
}

static void ra_forget(void);

static void reset_state(void)
{
	run_n = 0;
	run_file = 0;
	ra_forget();
	memset(pmap, 0, sizeof(pmap));
	memset(pending_free, 0, sizeof(pending_free));
	memset(files, 0, sizeof(files));
	next_id = 1;
	next_seq = 1;
}

/* Takes the checkpoint in ckpt; 0, or -1 when it does not hold together. */
static int load_ckpt(void (*say)(const char *), unsigned *dropped)
{
	const uint8_t *map = ckpt + CKPT_HDR;
	const uint8_t *e = map + 2 * area_pages;
	uint32_t nfiles = get_be32(ckpt + 24);

	reset_state();
	*dropped = 0;
	if (nfiles > SPOOL_MAX_FILES)
		return -1;
	for (uint32_t p = 0; p < area_pages; p++) {
		pmap[p] = get_be16(map + 2 * p);
		if (pmap[p] && (p < SPOOL_DATA_START ||
				(pmap[p] != SPOOL_CHAIN_END &&
				 (pmap[p] < SPOOL_DATA_START || pmap[p] >= area_pages))))
			return -1;
	}
	next_id = (uint16_t)get_be32(ckpt + 28);
	if (next_id == 0 || next_id > SPOOL_MAX_ID)
		next_id = 1;
	for (uint32_t i = 0, slot = 0; i < nfiles; i++, e += SPOOL_ENTRY_SIZE) {
		struct spool_file f;

		spool_entry_decode(e, &f);
		if (f.id == 0 || f.id > SPOOL_MAX_ID || f.queue > SPQ_PRT)
			return -1;
		if (f.flags & SPF_OPEN) {
			msg_say(say, MSG_SPOOL_OPEN_DROPPED, f.id, f.owner,
				spool_queue_name[f.queue]);
			(*dropped)++;
			continue;
		}
		files[slot++] = f;
		if (f.seq >= next_seq)
			next_seq = f.seq + 1;
	}
	return spool_check();
}

static int format_area(void (*say)(const char *))
{
	reset_state();
	usable = true;
	ckpt_seq = 1; /* the first commit writes copy A (seq 2); copy B stays blank */
	if (spool_commit())
		return SPOOL_IO_ERROR;
	msg_say(say, MSG_SPOOL_NEW, area_pages - SPOOL_DATA_START);
	return SPOOL_NEW;
}

int spool_init(const struct spool_vol_ops *ops, void *ctx, uint32_t npages,
	       void (*say)(const char *line))
{
	const char *why[2] = {"", ""};
	bool blank[2];
	int64_t seq[2];
	unsigned best, dropped;
	uint32_t total, used, free_pages;

	vops = ops;
	vctx = ctx;
	usable = false;
	reset_state();
	area_pages = npages > SPOOL_MAX_PAGES ? SPOOL_MAX_PAGES : npages;
	if (area_pages <= SPOOL_DATA_START)
		return SPOOL_IO_ERROR;
	seq[0] = read_copy(0, &why[0], &blank[0]);
	seq[1] = read_copy(1, &why[1], &blank[1]);
	if (seq[0] < 0 && seq[1] < 0) {
		if (blank[0] && blank[1])
			return format_area(say);
		msg_say(say, MSG_SPOOL_DAMAGED);
		return SPOOL_DAMAGED;
	}
	best = seq[1] > seq[0] ? 1 : 0;
	for (unsigned c = 0; c < 2; c++)
		if (seq[c] < 0 && !blank[c])
			msg_say(say, MSG_SPOOL_COPY_BAD, c ? 'B' : 'A', why[c]);
	/* ckpt holds the copy read last, B: read A again when A is the newer */
	if (best == 0 && read_copy(0, &why[0], &blank[0]) < 0)
		return SPOOL_IO_ERROR;
	ckpt_seq = (uint32_t)seq[best];
	if (load_ckpt(say, &dropped)) {
		msg_say(say, MSG_SPOOL_MAP_BAD, "checkpoint files and page map disagree");
		msg_say(say, MSG_SPOOL_DAMAGED);
		reset_state();
		return SPOOL_DAMAGED;
	}
	usable = true;
	if (dropped && spool_commit())
		return SPOOL_IO_ERROR;
	spool_space(&total, &used, &free_pages);
	{
		unsigned n = 0;

		for (unsigned i = 0; i < SPOOL_MAX_FILES; i++)
			n += files[i].id != 0;
		msg_say(say, MSG_SPOOL_WARM, n, used, total, ckpt_seq);
	}
	return SPOOL_WARM;
}

int spool_cold(void (*say)(const char *line))
{
	unsigned n = 0;

	if (!vops)
		return SPOOL_E_OFF;
	for (unsigned i = 0; i < SPOOL_MAX_FILES; i++)
		n += files[i].id != 0;
	reset_state();
	usable = true;
	if (spool_commit())
		return SPOOL_E_IO;
	msg_say(say, MSG_SPOOL_COLD, n);
	return 0;
}

bool spool_available(void)
{
	return usable;
}

/* ---- files ---- */

static uint16_t new_id(void)
{
	for (unsigned tries = 0; tries < SPOOL_MAX_ID; tries++) {
		uint16_t id = next_id;

		next_id = next_id >= SPOOL_MAX_ID ? 1 : next_id + 1;
		if (!spool_find(id))
			return id;
	}
	return 0;
}

struct spool_file *spool_open(enum spool_queue queue, const char *owner, const char *origin,
			      char cls, uint64_t now, int *err)
{
	struct spool_file *f = 0;

	*err = 0;
	if (!usable) {
		*err = SPOOL_E_OFF;
		return 0;
	}
	for (unsigned i = 0; i < SPOOL_MAX_FILES && !f; i++)
		if (!files[i].id)
			f = &files[i];
	if (!f) {
		*err = SPOOL_E_FILES;
		return 0;
	}
	memset(f, 0, sizeof(*f));
	f->id = new_id();
	f->queue = (uint8_t)queue;
	f->origin_dev = (uint8_t)queue;
	f->flags = SPF_OPEN;
	f->cls = cls ? cls : 'A';
	strlcpy(f->owner, owner, sizeof(f->owner));
	strlcpy(f->origin, origin, sizeof(f->origin));
	strlcpy(f->dist, origin, sizeof(f->dist));
	f->copies = 1;
	f->created_tod = now;
	f->seq = next_seq++;
	/* Recorded as open, so that a restart can say it was lost. */
	if (spool_commit()) {
		memset(f, 0, sizeof(*f));
		*err = SPOOL_E_IO;
		return 0;
	}
	return f;
}

static uint32_t alloc_page(void)
{
	for (uint32_t p = SPOOL_DATA_START; p < area_pages; p++)
		if (!pmap[p] && !pending(p)) {
			pmap[p] = SPOOL_CHAIN_END;
			return p;
		}
	return 0;
}

static void start_page(struct spool_file *f, uint8_t *page, uint32_t p)
{
	memset(page, 0, SPOOL_PAGE_SIZE);
	put_be16(page + 4, f->id);
	put_be32(page + 12, f->npages);
	f->cur_page = p;
	f->cur_used = SPOOL_PAGE_HDR;
	f->cur_recs = 0;
	f->npages++;
}

static int write_cur(struct spool_file *f, uint8_t *page, uint32_t next)
{
	put_be32(page + 0, next);
	put_be16(page + 6, f->cur_recs);
	put_be16(page + 8, f->cur_used);
	if (!vops->write_pages)
		return vops->write(vctx, f->cur_page, page) ? SPOOL_E_IO : 0;
	if (run_n && (run_file != f || f->cur_page != run_first + run_n ||
		      run_n == SPOOL_RUN_PAGES) && run_flush())
		return SPOOL_E_IO;
	if (!run_n) {
		run_file = f;
		run_first = f->cur_page;
	}
	memcpy(run_buf + run_n * SPOOL_PAGE_SIZE, page, SPOOL_PAGE_SIZE);
	run_n++;
	return 0;
}

int spool_put(struct spool_file *f, uint8_t *page, uint8_t ccw, const void *data, unsigned len)
{
	if (len > SPOOL_PAGE_SIZE - SPOOL_PAGE_HDR - SPOOL_REC_HDR)
		len = SPOOL_PAGE_SIZE - SPOOL_PAGE_HDR - SPOOL_REC_HDR;
	if (!f->first_page || f->cur_used + SPOOL_REC_HDR + len > SPOOL_PAGE_SIZE) {
		uint32_t p = alloc_page();

		if (!p)
			return SPOOL_E_FULL;
		if (!f->first_page) {
			f->first_page = p;
		} else {
			pmap[f->cur_page] = (uint16_t)p;
			if (write_cur(f, page, p))
				return SPOOL_E_IO;
		}
		start_page(f, page, p);
	}
	put_be16(page + f->cur_used, (uint16_t)len);
	page[f->cur_used + 2] = ccw;
	page[f->cur_used + 3] = 0;
	memcpy(page + f->cur_used + SPOOL_REC_HDR, data, len);
	f->cur_used = (uint16_t)(f->cur_used + SPOOL_REC_HDR + len);
	f->cur_recs++;
	f->records++;
	return 0;
}

int spool_close(struct spool_file *f, uint8_t *page)
{
	if (f->first_page && write_cur(f, page, 0))
		return SPOOL_E_IO;
	if (run_file == f && run_flush())
		return SPOOL_E_IO;
	f->flags &= (uint8_t)~SPF_OPEN;
	return spool_commit();
}

int spool_purge(struct spool_file *f)
{
	if (run_file == f) { /* its pages are freed: never write them */
		run_n = 0;
		run_file = 0;
	}
	if (ra_file == f || cur_file == f) /* nor read them as its pages again */
		ra_forget();
	for (uint32_t p = f->first_page, n = 0; p && n < f->npages; n++) {
		uint32_t next = pmap[p] == SPOOL_CHAIN_END ? 0 : pmap[p];

		pmap[p] = 0;
		pending_free[p / 8] |= (uint8_t)(1u << (p % 8));
		p = next;
	}
	memset(f, 0, sizeof(*f));
	return spool_commit();
}

void spool_renumber(struct spool_file *f)
{
	uint16_t id;

	f->id = 0; /* its own ID is free for the new one too */
	id = new_id();
	f->id = id;
}

void spool_to_end(struct spool_file *f)
{
	f->seq = next_seq++;
}

struct spool_file *spool_find(uint16_t id)
{
	if (!id)
		return 0;
	for (unsigned i = 0; i < SPOOL_MAX_FILES; i++)
		if (files[i].id == id)
			return &files[i];
	return 0;
}

struct spool_file *spool_next(const struct spool_file *prev)
{
	struct spool_file *best = 0;
	uint32_t after = prev ? prev->seq : 0;

	for (unsigned i = 0; i < SPOOL_MAX_FILES; i++) {
		struct spool_file *f = &files[i];

		if (f->id && f->seq > after && (!best || f->seq < best->seq))
			best = f;
	}
	return best;
}

/* ---- reading: the chain cursor and the read-ahead run ---- */

static void ra_forget(void)
{
	ra_file = 0;
	ra_n = 0;
	cur_file = 0;
}

/* The spool-area page of page @index of @f, following the page map from the cursor when
 * it is at or before @index (else from the first page); 0 when the chain breaks first. */
static uint32_t locate(const struct spool_file *f, uint32_t index)
{
	uint32_t p = f->first_page, n = 0;

	if (p < SPOOL_DATA_START || p >= area_pages)
		return 0;
	if (cur_file == f && cur_first == f->first_page && cur_index <= index) {
		p = cur_page;
		n = cur_index;
	}
	for (; n < index; n++) {
		uint32_t next = pmap[p];

		rstats.chain_steps++;
		if (next == SPOOL_CHAIN_END || next < SPOOL_DATA_START || next >= area_pages)
			return 0;
		p = next;
	}
	return p;
}

/* The page header a file's page @index at spool-area page @p must carry: its index, and
 * the next page of the chain (0 on the last). */
static bool header_ok(const uint8_t *pg, uint32_t p, uint32_t index)
{
	uint32_t next = pmap[p] == SPOOL_CHAIN_END ? 0 : pmap[p];

	return get_be32(pg + 12) == index && get_be32(pg + 0) == next;
}

/*
 * Reads pages @index.. of @f into ra_buf: as many as follow one another on the volume, up
 * to SPOOL_RA_PAGES and the file's end, in one transfer; keeps those up to the first bad
 * header. 0, or -1 (nothing kept) when page @index itself cannot be had.
 */
static int ra_fill(const struct spool_file *f, uint32_t index)
{
	uint32_t p = locate(f, index), n = 1, good = 0;
	int rc;

	ra_file = 0;
	ra_n = 0;
	if (!p || !pmap[p])
		return -1;
	while (n < SPOOL_RA_PAGES && index + n < f->npages && pmap[p + n - 1] == p + n)
		n++;
	if (vops->read_pages) {
		rc = vops->read_pages(vctx, p, n, ra_buf);
		rstats.transfers++;
	} else {
		rc = 0;
		for (uint32_t i = 0; i < n && !rc; i++, rstats.transfers++)
			rc = vops->read(vctx, p + i, ra_buf + i * SPOOL_PAGE_SIZE);
	}
	if (rc)
		return -1;
	rstats.pages += n;
	while (good < n && header_ok(ra_buf + good * SPOOL_PAGE_SIZE, p + good, index + good))
		good++;
	if (good < n)
		rstats.bad_pages++;
	if (!good)
		return -1;
	ra_file = f;
	ra_first = f->first_page;
	ra_index = index;
	ra_n = good;
	/* the cursor at the last page kept: the next run starts one step on */
	cur_file = f;
	cur_first = f->first_page;
	cur_index = index + good - 1;
	cur_page = p + good - 1;
	return 0;
}

int spool_read_page(const struct spool_file *f, uint32_t index, uint8_t *buf)
{
	if (!f->first_page || index >= f->npages)
		return -1;
	if (f->flags & SPF_OPEN) { /* its pages may still be in the write-behind run */
		uint32_t p = locate(f, index);

		if (!p || vops->read(vctx, p, buf) || get_be32(buf + 12) != index)
			return -1;
		return 0;
	}
	if (ra_file != f || ra_first != f->first_page || index < ra_index ||
	    index - ra_index >= ra_n) {
		if (ra_fill(f, index))
			return -1;
	}
	memcpy(buf, ra_buf + (index - ra_index) * SPOOL_PAGE_SIZE, SPOOL_PAGE_SIZE);
	return 0;
}

void spool_read_stats(struct spool_read_stats *s)
{
	*s = rstats;
}

bool spool_page_record(const uint8_t *page, unsigned *pos, const uint8_t **data, unsigned *len,
		       uint8_t *ccw)
{
	unsigned used = get_be16(page + 8);

	if (used > SPOOL_PAGE_SIZE)
		used = SPOOL_PAGE_SIZE;
	if (*pos + SPOOL_REC_HDR > used)
		return false;
	*len = get_be16(page + *pos);
	*ccw = page[*pos + 2];
	if (*pos + SPOOL_REC_HDR + *len > used)
		return false;
	*data = page + *pos + SPOOL_REC_HDR;
	*pos += SPOOL_REC_HDR + *len;
	return true;
}

void spool_space(uint32_t *total, uint32_t *used, uint32_t *free_pages)
{
	uint32_t u = 0;

	for (uint32_t p = SPOOL_DATA_START; p < area_pages; p++)
		u += pmap[p] != 0 || pending(p);
	*total = area_pages > SPOOL_DATA_START ? area_pages - SPOOL_DATA_START : 0;
	*used = u;
	*free_pages = *total - u;
}

int spool_check(void)
{
	static uint8_t seen[SPOOL_MAX_PAGES / 8];
	uint32_t owned = 0, mapped = 0;

	memset(seen, 0, sizeof(seen));
	for (unsigned i = 0; i < SPOOL_MAX_FILES; i++) {
		const struct spool_file *f = &files[i];
		uint32_t p = f->first_page, n = 0;

		if (!f->id)
			continue;
		while (p) {
			if (p < SPOOL_DATA_START || p >= area_pages || !pmap[p] ||
			    (seen[p / 8] & (1u << (p % 8))))
				return -1;
			seen[p / 8] |= (uint8_t)(1u << (p % 8));
			n++;
			p = pmap[p] == SPOOL_CHAIN_END ? 0 : pmap[p];
		}
		if (n != f->npages)
			return -1;
		owned += n;
	}
	for (uint32_t p = 0; p < area_pages; p++)
		mapped += pmap[p] != 0;
	return mapped == owned ? 0 : -1;
}
