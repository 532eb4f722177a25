/*
 * Device classes as CP reports them, decided from the control-unit and device types that
 * SENSE ID returns.
 * Covered by tests/unit/test_cmd.c.
 */
#ifndef CP_DEVCLASS_H
#define CP_DEVCLASS_H

#include <stdint.h>

enum dev_class {
	DEV_CLASS_OTHER,
	DEV_CLASS_CONSOLE,  /* 3215-style line consoles */
	DEV_CLASS_GRAF,     /* 3270 display terminals */
	DEV_CLASS_DASD,
	DEV_CLASS_READER,
	DEV_CLASS_PUNCH,
	DEV_CLASS_PRINTER,
	DEV_CLASS_TAPE,
	DEV_CLASS_NETWORK,
	DEV_CLASS_VIRTIO,
	DEV_CLASS_COUNT
};

enum dev_class devclass_of(uint16_t cu_type, uint16_t dev_type);
/* Short z/VM-style class name: "CONS", "GRAF", "DASD", "RDR", "PUN", "PRT", ... */
const char *devclass_name(enum dev_class cls);

/* The summary groups of the IPL banner. */
enum dev_group { DEV_GROUP_TERMINAL, DEV_GROUP_DASD, DEV_GROUP_UNIT_RECORD, DEV_GROUP_OTHER };
enum dev_group devclass_group(enum dev_class cls);

#endif
