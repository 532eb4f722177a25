/*
 * arch_boot: what CP does between its first instructions and cp_main(), as a list of steps.
 * Covered by tests/system/test_ipl.py.
 */
#include <arch/cpu.h>
#include <arch/ctlreg_ops.h>
#include <arch/hw.h>
#include <arch/irq.h>
#include <arch/lowcore.h>
#include <cp/abend.h>
#include <cp/system.h>
#include <lib/ebcdic.h>
#include <lib/format.h>
#include <lib/string.h>
#include "arch_priv.h"
#include "engine_priv.h"
#include "vserial.h"
#include "blk_priv.h"

extern char _end[];

static struct hw_info info;
static uint8_t panic_stack[16384] __attribute__((aligned(4096)));
static uint8_t stsi_page[4096] __attribute__((aligned(4096)));

const struct hw_info *hw_info(void)
{
	return &info;
}

static void set_new_psw(volatile struct psw *psw, void *handler)
{
	psw->mask = PSW_MASK_64;
	psw->addr = (uint64_t)(uintptr_t)handler;
}

static void init_lowcore(void)
{
	set_new_psw(&lowcore->ext_new_psw, ext_entry);
	set_new_psw(&lowcore->io_new_psw, io_entry);
	set_new_psw(&lowcore->pgm_new_psw, pgm_entry);
	set_new_psw(&lowcore->svc_new_psw, svc_entry);
	set_new_psw(&lowcore->mcck_new_psw, mcck_entry);
	set_new_psw(&lowcore->restart_new_psw, restart_entry);
	lowcore->panic_stack = (uint64_t)(uintptr_t)(panic_stack + sizeof(panic_stack));
	lowcore->kernel_stack = lowcore->panic_stack;
	lowcore->pgm_nesting = 0;
}

static void init_control_registers(void)
{
	lctlg(0, CR0_SERVICE_SIGNAL_SUBMASK);
	lctlg(6, 0);
	lctlg(14, CR14_INITIAL);
	sckc(UINT64_MAX);
	spt(INT64_MAX);
}

/* STSI 1.1.1 names the machine: "HRC" on Hercules, "QEMU" on QEMU. */
static void identify_machine(void)
{
	info.machine = HW_MACHINE_UNKNOWN;
	memset(stsi_page, 0, sizeof(stsi_page));
	if (stsi(stsi_page, 1, 1, 1) != 0)
		return;
	ebcdic_get_field(EBCDIC_CP037, info.manufacturer, stsi_page + 32, 16);
	ebcdic_get_field(EBCDIC_CP037, info.type, stsi_page + 48, 4);
	if (!strcmp(info.manufacturer, "QEMU"))
		info.machine = HW_MACHINE_QEMU;
	else if (!strcmp(info.manufacturer, "HRC"))
		info.machine = HW_MACHINE_HERCULES;
}

static void count_cpus(void)
{
	uint8_t addrs[256];
	unsigned n = 0;

	sclp_read_info(&info, addrs, &n, sizeof(addrs));
	info.cpu_count = 0;
	for (unsigned i = 0; i < n; i++) {
		uint32_t status = 0;

		/* SCLP may list every CPU the model could have; count the ones that answer. */
		if (addrs[i] == info.ipl_cpu || sigp(addrs[i], SIGP_SENSE, 0, &status) != 3)
			info.cpu_count++;
	}
	if (info.cpu_count == 0)
		info.cpu_count = 1;
}

void arch_boot(void)
{
	uint64_t probe_area;

	init_lowcore();
	init_control_registers();
	arch_console_init();
	info.ipl_cpu = stap();
	info.cpu_id = stidp();
	stfle(info.facilities, 4);
	count_cpus();
	identify_machine();
	info.free_start = ((uint64_t)(uintptr_t)_end + 0xfff) & ~0xfffULL;
	probe_area = (info.free_start + 0xfffff) & ~0xfffffULL;
	if (probe_area + (1 << 20) <= info.storage_bytes)
		info.engine = arch_try_sie(probe_area);
	else
		info.engine = HW_ENGINE_TRAP_EMULATE;
	arch_engine_select(info.engine);
	if (info.engine == HW_ENGINE_SIE)
		zone_probe();
	cio_discover();
	/* The volumes first: their probes then run before any terminal port has traffic. */
	blk_discover();
	vserial_init();
	arch_console_attach_3215();
	cp_main();
}

uint64_t arch_take_storage(uint64_t bytes)
{
	uint64_t at = info.free_start;

	bytes = (bytes + 0xfff) & ~0xfffULL;
	if (at + bytes > info.storage_bytes || at + bytes > 0x80000000ULL)
		hw_panic(ABEND_STORAGE_TOO_SMALL, "no storage for device buffers");
	info.free_start = at + bytes;
	return at;
}

void hw_power_off(void)
{
	struct psw off = { .mask = PSW_MASK_64 | PSW_MASK_WAIT, .addr = PSW_WAIT_ADDR_POWEROFF };

	load_psw(&off);
}

void hw_panic(uint16_t code, const char *fmt, ...)
{
	char line[200];
	struct psw stop = { .mask = PSW_MASK_64 | PSW_MASK_WAIT, .addr = 0x10000ULL | code };
	va_list ap;
	int n;

	n = ksnprintf(line, sizeof(line), "VMC0PA999S CP ABEND %04X %s: ", code, abend_name(code));
	va_start(ap, fmt);
	kvsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	hw_console_event(line, strlen(line));
	load_psw(&stop);
}
