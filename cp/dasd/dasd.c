/*
 * Real DASD volumes found by label (see cp/dasd.h). Tested by tests/unit/test_dasd.c on fake
 * volumes (tests/unit/fake_hw.c) and on Hercules by tests/system/test_dasd.py.
 */
#include <arch/hw.h>
#include <cp/dasd.h>
#include <cp/msg.h>
#include <lib/string.h>
#include <vm64/ckd.h>
#include <vm64/volume.h>

static struct dasd_device devices[DASD_MAX_DEVICES];
static unsigned ndevices;
/* One label block at a time; static, so below 2 GB as channel programs need. */
static uint8_t label_buf[VOL_BLOCK_SIZE] __attribute__((aligned(8)));

static const struct dasd_device *online(const char *volser)
{
	for (unsigned i = 0; i < ndevices; i++)
		if (devices[i].state == DASD_ONLINE && !devices[i].offline &&
		    !devices[i].attached[0] && strcmp(devices[i].volser, volser) == 0)
			return &devices[i];
	return 0;
}

static const char *type_name(uint16_t dev_type)
{
	return dev_type == CKD_3390_DEVTYPE ? "a 3390" : "FB-512";
}

/* The volser from the label: block 1 of an FBA volume, R3 of track 0 of a CKD one. */
static int read_label(struct dasd_device *d)
{
	if (d->dev_type == CKD_3390_DEVTYPE)
		return hw_blk_label(d->blk, label_buf) == 0 &&
		       ckd_vol1_decode(label_buf, d->volser) == 0 ? 0 : -1;
	return hw_blk_read(d->blk, VOL_LABEL_BLOCK, 1, label_buf) == 0 &&
	       vol_label_decode(label_buf, d->volser) == 0 ? 0 : -1;
}

void dasd_probe(struct dasd_device *d, const struct sysconfig *cfg,
		void (*say)(const char *line))
{
	const struct dasd_device *first;

	d->state = DASD_NO_LABEL;
	d->cfg = 0;
	if (d->block_size_bad || read_label(d) != 0) {
		d->volser[0] = 0;
		msg_say(say, MSG_DASD_NO_LABEL, d->devno);
		return;
	}
	first = online(d->volser);
	d->cfg = syscfg_find(cfg, d->volser);
	if (!d->cfg) {
		d->state = DASD_UNKNOWN;
		msg_say(say, MSG_DASD_UNKNOWN, d->devno, d->volser);
	} else if ((d->dev_type == CKD_3390_DEVTYPE) != (d->cfg->dev_type == CKD_3390_DEVTYPE)) {
		/* its minidisks are counted in the other unit: never use it */
		d->state = DASD_UNKNOWN;
		msg_say(say, MSG_DASD_WRONG_TYPE, d->volser, d->devno, type_name(d->dev_type),
			type_name(d->cfg->dev_type));
		d->cfg = 0;
	} else if (first) {
		d->state = DASD_DUPLICATE;
		d->cfg = 0;
		msg_say(say, MSG_DASD_DUPLICATE, d->volser, d->devno, first->devno);
	} else {
		d->state = DASD_ONLINE;
		if (d->cylinders)
			msg_say(say, MSG_DASD_ONLINE_CKD, d->volser, syscfg_use_name(d->cfg->use),
				d->devno, d->cylinders);
		else
			msg_say(say, MSG_DASD_ONLINE, d->volser, syscfg_use_name(d->cfg->use),
				d->devno, (unsigned long long)d->blocks);
		if (d->blocks < d->cfg->blocks)
			msg_say(say, MSG_DASD_SMALL, d->volser, (unsigned long long)d->blocks,
				(unsigned long long)d->cfg->blocks);
	}
}

unsigned dasd_init(const struct sysconfig *cfg, void (*say)(const char *line))
{
	unsigned found = 0;

	ndevices = 0;
	for (unsigned i = 0; i < hw_blk_count() && ndevices < DASD_MAX_DEVICES; i++) {
		const struct hw_blk *b = hw_blk(i);
		struct dasd_device *d = &devices[ndevices++];

		memset(d, 0, sizeof(*d));
		d->blk = i;
		d->devno = b->devno;
		d->dev_type = b->dev_type;
		d->blocks = b->blocks;
		d->cylinders = b->cylinders;
		d->block_size_bad = b->block_size != VOL_BLOCK_SIZE;
		dasd_probe(d, cfg, say);
		if (d->state == DASD_ONLINE)
			found++;
	}
	for (unsigned v = 0; v < cfg->nvolumes; v++)
		if (!online(cfg->volumes[v].volser))
			msg_say(say, MSG_DASD_MISSING, cfg->volumes[v].volser,
				syscfg_use_name(cfg->volumes[v].use));
	return found;
}

struct dasd_device *dasd_rdev(uint16_t rdev)
{
	for (unsigned i = 0; i < ndevices; i++)
		if (devices[i].devno == rdev)
			return &devices[i];
	return 0;
}

const struct dasd_device *dasd_device(unsigned index)
{
	return index < ndevices ? &devices[index] : 0;
}

const struct dasd_device *dasd_volume(const char *volser)
{
	char up[VOLSER_LEN + 1];

	if (!volser || strlen(volser) > VOLSER_LEN)
		return 0;
	strlcpy(up, volser, sizeof(up));
	str_toupper_inplace(up);
	return online(up);
}

int dasd_read(const struct dasd_device *d, uint64_t block, unsigned count, void *buf)
{
	return hw_blk_read(d->blk, block, count, buf);
}

int dasd_write(const struct dasd_device *d, uint64_t block, unsigned count, const void *buf)
{
	return hw_blk_write(d->blk, block, count, buf);
}
