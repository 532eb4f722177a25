/*
 * System-wide facts (see cp/system.h).
 * Covered by tests/unit/test_cmd.c.
 */
#include <arch/hw.h>
#include <cp/system.h>
#include <cp/tod.h>
#include <lib/format.h>

struct cp_system cp_system;

void system_count_devices(void)
{
	for (unsigned g = 0; g < 4; g++)
		cp_system.devices_by_group[g] = 0;
	for (unsigned i = 0; i < hw_device_count(); i++) {
		const struct hw_device *d = hw_device(i);

		cp_system.devices_by_group[devclass_group(devclass_of(d->cu_type, d->dev_type))]++;
	}
}

void format_tod_datetime(char *buf, unsigned size, uint64_t tod)
{
	struct civil_time t;

	tod_to_civil(tod, &t);
	ksnprintf(buf, size, "%02d/%02d/%02d %02d:%02d:%02d", t.month, t.day, t.year % 100, t.hour,
		  t.minute, t.second);
}

void format_tod_when(char *buf, unsigned size, uint64_t tod)
{
	struct civil_time t;

	tod_to_civil(tod, &t);
	ksnprintf(buf, size, "%02d:%02d:%02d UTC %s %02d/%02d/%02d", t.hour, t.minute, t.second,
		  weekday_name(t.weekday), t.month, t.day, t.year % 100);
}

void format_tod_span(char *buf, unsigned size, uint64_t tod_delta)
{
	uint64_t secs = tod_delta / TOD_SECOND;

	ksnprintf(buf, size, "%02llu:%02llu:%02llu", (unsigned long long)(secs / 3600 % 100),
		  (unsigned long long)(secs / 60 % 60), (unsigned long long)(secs % 60));
}

void format_cpu_time(char *buf, unsigned size, uint64_t tod_delta)
{
	uint64_t hundredths = tod_delta / (TOD_SECOND / 100);

	ksnprintf(buf, size, "%03llu:%02llu.%02llu", (unsigned long long)(hundredths / 6000),
		  (unsigned long long)(hundredths / 100 % 60), (unsigned long long)(hundredths % 100));
}
