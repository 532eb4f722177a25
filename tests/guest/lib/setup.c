/*
 * guest_start(): what runs between head.S and a test's main(). Sets the new PSWs, enables the
 * service signal, opens the SCLP console, learns the machine (storage, CPU address, manufacturer,
 * whether VM/64 is underneath), prints one INFO line about it, runs main() and exits with its
 * result.
 *
 * "Under VM/64" means CP answered DIAG X'00' with system name "VM/64" (EBCDIC, blank padded),
 * or STSI 3.2.2 shows "VM/64" as the control-program identifier of the first (innermost)
 * virtual-machine level. Bare QEMU has no DIAG X'00'; bare Hercules answers it as "VM/ESA".
 */
#include <lib/ebcdic.h>

#include "diag.h"
#include "guest.h"
#include "sclp.h"
#include <vm64/version.h>

struct guest_env guest_env;

static uint8_t stsi_page[4096] __attribute__((aligned(4096)));

static bool ebcdic_starts_with(const uint8_t *ebcdic, const char *ascii)
{
	size_t n = strlen(ascii);
	char buf[16];

	if (n > sizeof(buf))
		return false;
	ebcdic_to_ascii(EBCDIC_CP037, buf, ebcdic, n);
	return memcmp(buf, ascii, n) == 0;
}

static void probe_machine(void)
{
	int cc;

	memset(stsi_page, 0, sizeof(stsi_page));
	expect_pgm_int();
	cc = stsi(stsi_page, 1, 1, 1);
	if (pgm_int_code() || cc != 0)
		return;
	ebcdic_get_field(EBCDIC_CP037, guest_env.manufacturer, stsi_page + 32, 16);
	ebcdic_get_field(EBCDIC_CP037, guest_env.type, stsi_page + 48, 4);
	guest_env.qemu = strncmp(guest_env.manufacturer, "QEMU", 4) == 0;
	guest_env.hercules = strncmp(guest_env.manufacturer, "HRC", 3) == 0;
}

static bool probe_vm64(void)
{
	static uint8_t ident[40] __attribute__((aligned(8)));
	int cc;

	memset(ident, 0, sizeof(ident));
	expect_pgm_int();
	diag00((uint64_t)(uintptr_t)ident, sizeof(ident));
	if (!pgm_int_code() && ebcdic_starts_with(ident, VM64_NAME))
		return true;

	memset(stsi_page, 0, sizeof(stsi_page));
	expect_pgm_int();
	cc = stsi(stsi_page, 3, 2, 2);
	/* SYSIB 3.2.2: count at byte 31, then 64-byte VM descriptions; the CPI at +24 of each. */
	return !pgm_int_code() && cc == 0 && stsi_page[31] >= 1 &&
	       ebcdic_starts_with(stsi_page + 32 + 24, VM64_NAME);
}

void guest_start(void)
{
	interrupt_setup();
	ctl_set_bits(0, CR0_SERVICE_SIGNAL_SUBMASK);
	guest_env.console = sclp_console_init();
	if (!sclp_read_info(&guest_env.storage_size, &guest_env.sclp_cpus))
		guest_env.storage_size = 0;
	guest_env.cpu_addr = stap();
	probe_machine();
	guest_env.vm64 = probe_vm64();
	report_info("environment: %s, machine %s %s, storage %lu KB, CPU address %u",
		    guest_env.vm64 ? "VM/64" : "bare (no VM/64 answer to DIAG X'00' or STSI 3.2.2)",
		    guest_env.manufacturer[0] ? guest_env.manufacturer : "?",
		    guest_env.type[0] ? guest_env.type : "?",
		    (unsigned long)(guest_env.storage_size >> 10), guest_env.cpu_addr);
	exit(main());
}
