/*
 * Device classification from SENSE ID types. Types are the IBM machine numbers the
 * emulators report (3215, 3270/3278/3279, 3380/3390, 3505, 3525, 1403, ...).
 * Covered by tests/unit/test_cmd.c.
 */
#include <cp/devclass.h>

static const struct {
	uint16_t type;
	enum dev_class cls;
} known_types[] = {
	{ 0x3215, DEV_CLASS_CONSOLE }, { 0x1052, DEV_CLASS_CONSOLE }, { 0x3210, DEV_CLASS_CONSOLE },
	{ 0x3270, DEV_CLASS_GRAF },    { 0x3274, DEV_CLASS_GRAF },    { 0x3278, DEV_CLASS_GRAF },
	{ 0x3279, DEV_CLASS_GRAF },    { 0x3277, DEV_CLASS_GRAF },    { 0x3174, DEV_CLASS_GRAF },
	{ 0x2311, DEV_CLASS_DASD },    { 0x2314, DEV_CLASS_DASD },    { 0x3330, DEV_CLASS_DASD },
	{ 0x3340, DEV_CLASS_DASD },    { 0x3350, DEV_CLASS_DASD },    { 0x3375, DEV_CLASS_DASD },
	{ 0x3380, DEV_CLASS_DASD },    { 0x3390, DEV_CLASS_DASD },    { 0x9345, DEV_CLASS_DASD },
	{ 0x3990, DEV_CLASS_DASD },    { 0x3880, DEV_CLASS_DASD },    { 0x3310, DEV_CLASS_DASD },
	{ 0x3370, DEV_CLASS_DASD },    { 0x9332, DEV_CLASS_DASD },    { 0x9335, DEV_CLASS_DASD },
	{ 0x9336, DEV_CLASS_DASD },    { 0x6310, DEV_CLASS_DASD },    { 0x0671, DEV_CLASS_DASD },
	{ 0x2501, DEV_CLASS_READER },  { 0x3505, DEV_CLASS_READER },  { 0x2540, DEV_CLASS_READER },
	{ 0x3525, DEV_CLASS_PUNCH },   { 0x1403, DEV_CLASS_PRINTER }, { 0x3211, DEV_CLASS_PRINTER },
	{ 0x3203, DEV_CLASS_PRINTER }, { 0x3800, DEV_CLASS_PRINTER }, { 0x4245, DEV_CLASS_PRINTER },
	{ 0x3410, DEV_CLASS_TAPE },    { 0x3420, DEV_CLASS_TAPE },    { 0x3480, DEV_CLASS_TAPE },
	{ 0x3490, DEV_CLASS_TAPE },    { 0x3590, DEV_CLASS_TAPE },    { 0x3088, DEV_CLASS_NETWORK },
	{ 0x1731, DEV_CLASS_NETWORK }, { 0x3172, DEV_CLASS_NETWORK }, { 0x3832, DEV_CLASS_VIRTIO },
};

enum dev_class devclass_of(uint16_t cu_type, uint16_t dev_type)
{
	/* The device type decides; the control unit is the fallback (3215s report only it). */
	for (int pass = 0; pass < 2; pass++) {
		uint16_t t = pass == 0 ? dev_type : cu_type;

		if (t == 0)
			continue;
		for (unsigned i = 0; i < sizeof(known_types) / sizeof(known_types[0]); i++)
			if (known_types[i].type == t)
				return known_types[i].cls;
	}
	return DEV_CLASS_OTHER;
}

const char *devclass_name(enum dev_class cls)
{
	static const char *const names[DEV_CLASS_COUNT] = {
		[DEV_CLASS_OTHER] = "DEV",   [DEV_CLASS_CONSOLE] = "CONS",
		[DEV_CLASS_GRAF] = "GRAF",   [DEV_CLASS_DASD] = "DASD",
		[DEV_CLASS_READER] = "RDR",  [DEV_CLASS_PUNCH] = "PUN",
		[DEV_CLASS_PRINTER] = "PRT", [DEV_CLASS_TAPE] = "TAPE",
		[DEV_CLASS_NETWORK] = "NET", [DEV_CLASS_VIRTIO] = "VIRTIO",
	};

	return (cls >= 0 && cls < DEV_CLASS_COUNT) ? names[cls] : "DEV";
}

enum dev_group devclass_group(enum dev_class cls)
{
	switch (cls) {
	case DEV_CLASS_CONSOLE:
	case DEV_CLASS_GRAF:
		return DEV_GROUP_TERMINAL;
	case DEV_CLASS_DASD:
		return DEV_GROUP_DASD;
	case DEV_CLASS_READER:
	case DEV_CLASS_PUNCH:
	case DEV_CLASS_PRINTER:
		return DEV_GROUP_UNIT_RECORD;
	default:
		return DEV_GROUP_OTHER;
	}
}
