/*
 * V-DISK storage (see cp/vdisk.h): 512-byte blocks kept in frames of a frame pool, found
 * through a two-level table of frame addresses that is filled on the first write. Frame
 * addresses are host addresses (CP runs with real storage mapped one to one; the unit tests'
 * pools hand out host memory), so a frame is reached by casting its address.
 * Covered by tests/unit/test_vdisk.c and tests/unit/test_diag250.c.
 */
#include <cp/vdisk.h>
#include <lib/string.h>

static void *frame_ptr(uint64_t addr)
{
	return (void *)(uintptr_t)addr;
}

int vdisk_init(struct vdisk *vd, struct frame_pool *pool, uint64_t blocks)
{
	memset(vd, 0, sizeof(*vd));
	if (blocks == 0 || blocks > VDISK_MAX_BLOCKS)
		return -1;
	vd->pool = pool;
	vd->blocks = blocks;
	return 0;
}

/* Index of the data frame holding @block: directory slot index / 512, leaf slot index % 512. */
static uint64_t frame_index(uint64_t block)
{
	return block / VDISK_BLOCKS_PER_FRAME;
}

/* The data frame of @block, or 0 when it has none. */
static uint64_t lookup(const struct vdisk *vd, uint64_t block)
{
	uint64_t f = frame_index(block);
	const uint64_t *leaf;

	if (!vd->dir || !vd->dir[f / VDISK_TABLE_ENTRIES])
		return 0;
	leaf = frame_ptr(vd->dir[f / VDISK_TABLE_ENTRIES]);
	return leaf[f % VDISK_TABLE_ENTRIES];
}

/* A zeroed frame from the pool, or 0. */
static uint64_t zeroed_frame(struct vdisk *vd)
{
	uint64_t addr = frame_alloc(vd->pool);

	if (addr)
		memset(frame_ptr(addr), 0, FRAME_SIZE);
	return addr;
}

/* The data frame of @block, taking it (and its tables) if needed; 0 when the pool is dry.
 * On failure nothing taken stays taken, so a failed write leaves no frame behind. */
static uint64_t lookup_or_take(struct vdisk *vd, uint64_t block)
{
	uint64_t f = frame_index(block);
	uint64_t *slot_dir, *leaf;
	uint64_t new_dir = 0, new_leaf = 0, data;

	if (!vd->dir) {
		new_dir = zeroed_frame(vd);
		if (!new_dir)
			return 0;
		vd->dir = frame_ptr(new_dir);
		vd->table_frames++;
	}
	slot_dir = &vd->dir[f / VDISK_TABLE_ENTRIES];
	if (!*slot_dir) {
		new_leaf = zeroed_frame(vd);
		if (!new_leaf)
			goto undo;
		*slot_dir = new_leaf;
		vd->table_frames++;
	}
	leaf = frame_ptr(*slot_dir);
	if (leaf[f % VDISK_TABLE_ENTRIES])
		return leaf[f % VDISK_TABLE_ENTRIES];
	data = zeroed_frame(vd);
	if (!data)
		goto undo;
	leaf[f % VDISK_TABLE_ENTRIES] = data;
	vd->data_frames++;
	return data;
undo:
	if (new_leaf) {
		*slot_dir = 0;
		frame_free(vd->pool, new_leaf);
		vd->table_frames--;
	}
	if (new_dir) {
		vd->dir = 0;
		frame_free(vd->pool, new_dir);
		vd->table_frames--;
	}
	return 0;
}

int vdisk_read(const struct vdisk *vd, uint64_t block, void *buf)
{
	uint64_t frame;

	if (block >= vd->blocks)
		return VDISK_E_RANGE;
	frame = lookup(vd, block);
	if (!frame)
		memset(buf, 0, VDISK_BLOCK_SIZE);
	else
		memcpy(buf, (const uint8_t *)frame_ptr(frame) +
				    (block % VDISK_BLOCKS_PER_FRAME) * VDISK_BLOCK_SIZE,
		       VDISK_BLOCK_SIZE);
	return 0;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

int vdisk_write(struct vdisk *vd, uint64_t block, const void *buf)
{
	uint64_t frame;

	if (block >= vd->blocks)
		return VDISK_E_RANGE;
	frame = lookup(vd, block);
	if (!frame) {
		if (all_zero(buf, VDISK_BLOCK_SIZE))
			return 0; /* it reads as zeros already */
		frame = lookup_or_take(vd, block);
		if (!frame)
			return VDISK_E_NOFRAME;
	}
	memcpy((uint8_t *)frame_ptr(frame) + (block % VDISK_BLOCKS_PER_FRAME) * VDISK_BLOCK_SIZE,
	       buf, VDISK_BLOCK_SIZE);
	return 0;
}

void vdisk_release(struct vdisk *vd)
{
	if (vd->dir) {
		for (uint64_t d = 0; d < VDISK_TABLE_ENTRIES; d++) {
			uint64_t *leaf;

			if (!vd->dir[d])
				continue;
			leaf = frame_ptr(vd->dir[d]);
			for (uint64_t l = 0; l < VDISK_TABLE_ENTRIES; l++)
				if (leaf[l])
					frame_free(vd->pool, leaf[l]);
			frame_free(vd->pool, vd->dir[d]);
		}
		frame_free(vd->pool, (uint64_t)(uintptr_t)vd->dir);
	}
	vd->dir = 0;
	vd->data_frames = 0;
	vd->table_frames = 0;
}
