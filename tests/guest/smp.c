/*
 * Virtual MP: SIGNAL PROCESSOR between the two CPUs of a virtual machine (directory
 * MACHINE ESA 4, CPU 00 and CPU 01: user TEST011). CPU 0 senses the stopped CPU 1, sets its
 * prefix, stores its status, starts it with a restart interruption through its own lowcore,
 * takes an emergency signal and an external call from it (sender address 1), leaves an
 * external call pending on it, stops it with stop-and-store-status, starts and stops it again,
 * resets it; then DEFINE CPU, QUERY VIRTUAL CPUS and DETACH CPU through DIAGNOSE X'08'.
 * Needs a second CPU: bare machines (one CPU) skip it.
 */
#include <lib/ebcdic.h>
#include "diag.h"
#include "guest.h"

#define CPU1_PREFIX 0x100000u /* above the image (0x20000-0x41000) */
#define STATUS_AREA 0x110000u
#define STOP_STATUS 0x1200u /* where stop and store status puts it (absolute) */

uint8_t cpu1_stack[4096] __attribute__((aligned(16)));
volatile uint16_t cpu1_addr = 0xffff;
volatile uint32_t cpu1_prefix = 0xffffffff;
volatile int cpu1_cc_emerg = -1, cpu1_cc_extcall = -1;
volatile uint64_t cpu1_spins;
void cpu1_main(void);
void cpu1_entry(void);

/* CPU 1 starts here from its restart new PSW, with nothing set up: a stack, then C. */
asm(".text\n"
    ".globl cpu1_entry\n"
    "cpu1_entry:\n"
    "\tlarl %r15,cpu1_stack+4096-160\n"
    "\tbrasl %r14,cpu1_main\n"
    "0:\tj 0b\n");

void cpu1_main(void)
{
	cpu1_addr = stap();
	cpu1_prefix = stpx();
	cpu1_cc_emerg = sigp_raw(0, SIGP_EMERGENCY_SIGNAL, 0, NULL);
	cpu1_cc_extcall = sigp_raw(0, SIGP_EXTERNAL_CALL, 0, NULL);
	for (;;)
		cpu1_spins++;
}

static int sense(uint16_t cpu, uint32_t *status)
{
	uint64_t st = 0;
	int cc = sigp_raw(cpu, SIGP_SENSE, 0, &st);

	*status = cc == 1 ? (uint32_t)st : 0;
	return cc;
}

static int order(uint16_t cpu, uint32_t ord, uint64_t param, uint32_t *status)
{
	uint64_t st = 0;
	int cc = sigp_raw(cpu, ord, param, &st);

	*status = cc == 1 ? (uint32_t)st : 0;
	return cc;
}

static uint32_t abs32(uint64_t addr)
{
	return *(volatile uint32_t *)(uintptr_t)addr;
}

/* Lets the other CPU run: an enabled wait bounded by the watchdog. */
static void pause_us(uint64_t us)
{
	wait_for_ext(0x7fff, us);
}

static void test_stopped_cpu(void)
{
	uint32_t st;
	int cc;

	report_prefix_push("stopped CPU 1");
	cc = sense(1, &st);
	report(cc == 1 && st == SIGP_STATUS_STOPPED, "sense: cc 1, stopped (cc %d, %08x)", cc, st);
	cc = order(1, SIGP_SENSE_RUNNING_STATUS, 0, &st);
	report(cc == 1 && st == SIGP_STATUS_NOT_RUNNING, "sense running: not running (cc %d, %08x)",
	       cc, st);
	cc = sense(2, &st);
	report(cc == 3, "sense CPU 2 (not defined): cc 3 (got %d)", cc);
	cc = sense(0xffff, &st);
	report(cc == 3, "sense CPU X'FFFF': cc 3 (got %d)", cc);
	cc = order(1, SIGP_SET_PREFIX, 0x7fffe000, &st);
	report(cc == 1 && st == SIGP_STATUS_INVALID_PARAMETER,
	       "set prefix outside storage: invalid parameter (cc %d, %08x)", cc, st);
	cc = order(1, SIGP_SET_PREFIX, CPU1_PREFIX, &st);
	report(cc == 0, "set prefix %x: cc 0 (got %d, %08x)", CPU1_PREFIX, cc, st);
	memset((void *)(uintptr_t)STATUS_AREA, 0xee, 512);
	cc = order(1, SIGP_STORE_STATUS_AT_ADDRESS, STATUS_AREA, &st);
	report(cc == 0 && abs32(STATUS_AREA + 0x118) == CPU1_PREFIX,
	       "store status at address: cc %d, prefix %x stored", cc,
	       abs32(STATUS_AREA + 0x118));
	report_prefix_pop();
}

static void test_start(void)
{
	uint64_t *restart_new = (uint64_t *)(uintptr_t)(CPU1_PREFIX + 0x1a0);
	uint32_t st;
	bool emerg, ext;
	int cc;

	report_prefix_push("restart CPU 1");
	memset((void *)(uintptr_t)CPU1_PREFIX, 0, 0x2000);
	restart_new[0] = PSW_MASK_EA | PSW_MASK_BA;
	restart_new[1] = (uint64_t)(uintptr_t)cpu1_entry;
	ext_int_reset();
	ctl_set_bits(0, CR0_EMERGENCY_SIGNAL_SUBMASK | CR0_EXTERNAL_CALL_SUBMASK);
	cc = order(1, SIGP_RESTART, 0, &st);
	report(cc == 0, "SIGP restart: cc 0 (got %d)", cc);
	/* CPU 1 sends an emergency signal, then an external call: both may be pending when
	 * CPU 0 next waits, and are presented one after the other, emergency first. */
	ext = wait_for_ext(EXT_EXTERNAL_CALL, 2000000) || ext_int_count(EXT_EXTERNAL_CALL);
	emerg = ext_int_count(EXT_EMERGENCY_SIGNAL) == 1;
	report(emerg, "an emergency signal came (%u)", ext_int_count(EXT_EMERGENCY_SIGNAL));
	report(ext && ext_int_last_cpu_addr() == 1,
	       "then an external call from CPU 1 (came %d, from %u)", ext, ext_int_last_cpu_addr());
	report(cpu1_addr == 1, "CPU 1's STAP says 1 (got %u)", cpu1_addr);
	report(cpu1_prefix == CPU1_PREFIX, "CPU 1's STPX says %x (got %x)", CPU1_PREFIX,
	       cpu1_prefix);
	report(cpu1_cc_emerg == 0 && cpu1_cc_extcall == 0, "its SIGPs to CPU 0: cc 0 (%d, %d)",
	       cpu1_cc_emerg, cpu1_cc_extcall);
	cc = sense(1, &st);
	report(cc == 0, "sense: cc 0, operating (got %d, %08x)", cc, st);
	report_prefix_pop();
}

static void test_operating(void)
{
	uint64_t spins;
	uint32_t st;
	int cc;

	report_prefix_push("operating CPU 1");
	spins = cpu1_spins;
	pause_us(30000);
	report(cpu1_spins != spins, "it runs while CPU 0 waits (%lu spins)",
	       (unsigned long)(cpu1_spins - spins));
	cc = order(1, SIGP_SENSE_RUNNING_STATUS, 0, &st);
	report(cc == 1 && st == SIGP_STATUS_NOT_RUNNING,
	       "sense running: not running while CPU 0 is (cc %d, %08x)", cc, st);
	cc = order(1, SIGP_EXTERNAL_CALL, 0, &st);
	report(cc == 0, "external call (CPU 1 disabled): cc 0 (got %d)", cc);
	cc = order(1, SIGP_EXTERNAL_CALL, 0, &st);
	report(cc == 1 && st == SIGP_STATUS_EXT_CALL_PENDING,
	       "second external call: cc 1, external call pending (cc %d, %08x)", cc, st);
	cc = sense(1, &st);
	report(cc == 1 && st == SIGP_STATUS_EXT_CALL_PENDING,
	       "sense: external call pending (cc %d, %08x)", cc, st);
	cc = order(1, SIGP_SET_PREFIX, 0x120000, &st);
	report(cc == 1 && st == SIGP_STATUS_INCORRECT_STATE,
	       "set prefix while operating: incorrect state (cc %d, %08x)", cc, st);
	cc = order(1, SIGP_STORE_STATUS_AT_ADDRESS, STATUS_AREA, &st);
	report(cc == 1 && st == SIGP_STATUS_INCORRECT_STATE,
	       "store status at address while operating: incorrect state (cc %d, %08x)", cc, st);
	report_prefix_pop();
}

static void test_stop(void)
{
	uint64_t spins;
	uint32_t st;
	int cc;

	report_prefix_push("stop CPU 1");
	memset((void *)(uintptr_t)STOP_STATUS, 0, 512);
	memset((void *)(uintptr_t)(CPU1_PREFIX + STOP_STATUS), 0xee, 512);
	*(volatile uint8_t *)163 = 0;
	cc = order(1, SIGP_STOP_AND_STORE_STATUS, 0, &st);
	report(cc == 0, "stop and store status: cc 0 (got %d)", cc);
	/* z/Architecture: at absolute X'1200' whatever the target's prefix (z/VM's STORE
	 * STATUS, QEMU, Linux's dump code), not in the target's prefix area */
	report(abs32(STOP_STATUS + 0x118) == CPU1_PREFIX, "its prefix stored at X'1318' (%x)",
	       abs32(STOP_STATUS + 0x118));
	report(*(volatile uint8_t *)163 == 1, "architectural-mode ID 1 at absolute 163 (%u)",
	       *(volatile uint8_t *)163);
	report(abs32(CPU1_PREFIX + STOP_STATUS + 0x118) == 0xeeeeeeee,
	       "nothing stored in its prefix area's X'1200' (%x)",
	       abs32(CPU1_PREFIX + STOP_STATUS + 0x118));
	cc = sense(1, &st);
	report(cc == 1 && (st & SIGP_STATUS_STOPPED), "sense: stopped (cc %d, %08x)", cc, st);
	spins = cpu1_spins;
	pause_us(20000);
	report(cpu1_spins == spins, "a stopped CPU is not dispatched");
	cc = order(1, SIGP_START, 0, &st);
	report(cc == 0, "SIGP start: cc 0 (got %d)", cc);
	pause_us(20000);
	report(cpu1_spins != spins, "started, it runs again");
	cc = order(1, SIGP_STOP, 0, &st);
	report(cc == 0, "SIGP stop: cc 0 (got %d)", cc);
	cc = order(1, SIGP_INITIAL_CPU_RESET, 0, &st);
	report(cc == 0, "initial CPU reset: cc 0 (got %d)", cc);
	cc = sense(1, &st);
	report(cc == 1 && st == SIGP_STATUS_STOPPED,
	       "sense after the reset: stopped, nothing pending (cc %d, %08x)", cc, st);
	cc = order(1, SIGP_STORE_STATUS_AT_ADDRESS, STATUS_AREA, &st);
	report(cc == 0 && abs32(STATUS_AREA + 0x118) == 0, "its prefix is 0 again (cc %d, %x)", cc,
	       abs32(STATUS_AREA + 0x118));
	report_prefix_pop();
}

/* Whether text contains word. */
static bool has(const char *text, const char *word)
{
	size_t n = strlen(word);

	for (; *text; text++)
		if (strncmp(text, word, n) == 0)
			return true;
	return false;
}

/* A CP command through DIAGNOSE X'08'; its return code, the response (ASCII) in out. */
static uint32_t cp_cmd(const char *text, char *out, size_t size)
{
	static uint8_t cmd[64], resp[1024];
	uint32_t rc = 0xffff, len = 0;
	size_t n = strlen(text);

	ascii_to_ebcdic(EBCDIC_CP037, cmd, text, n);
	memset(resp, 0, sizeof(resp));
	diag08((uint64_t)(uintptr_t)cmd, (uint32_t)n, (uint64_t)(uintptr_t)resp, sizeof(resp), &rc,
	       &len);
	if (len >= size)
		len = (uint32_t)size - 1;
	ebcdic_to_ascii(EBCDIC_CP037, out, resp, len);
	out[len] = 0;
	return rc;
}

static void test_cp_commands(void)
{
	char out[1024];
	uint32_t rc, st;
	int cc;

	report_prefix_push("CP");
	cp_cmd("QUERY VIRTUAL CPUS", out, sizeof(out));
	report(has(out, "CPU 00") && has(out, "(BASE)") && has(out, "CPU 01") &&
	       !has(out, "CPU 02"), "QUERY VIRTUAL CPUS lists CPU 00 (BASE) and CPU 01");
	rc = cp_cmd("DEFINE CPU 02", out, sizeof(out));
	report(rc == 0 && has(out, "CPU 02 defined"), "DEFINE CPU 02: rc %u", rc);
	cc = sense(2, &st);
	report(cc == 1 && st == SIGP_STATUS_STOPPED, "the new CPU 2 is there, stopped (cc %d)", cc);
	cp_cmd("QUERY VIRTUAL CPUS", out, sizeof(out));
	report(has(out, "CPU 02"), "QUERY VIRTUAL CPUS lists CPU 02");
	rc = cp_cmd("DEFINE CPU 02", out, sizeof(out));
	report(rc != 0 && has(out, "VMCDEF032E"), "DEFINE CPU 02 again: VMCDEF032E (rc %u)", rc);
	rc = cp_cmd("DEFINE CPU 04", out, sizeof(out));
	report(rc != 0 && has(out, "VMCDEF033E"), "DEFINE CPU 04 beyond MACHINE ESA 4: "
	       "VMCDEF033E (rc %u)", rc);
	rc = cp_cmd("DETACH CPU 02", out, sizeof(out));
	report(rc == 0 && has(out, "VMCDEF036I"), "DETACH CPU 02: rc %u", rc);
	cc = sense(2, &st);
	report(cc == 3, "CPU 2 is gone: cc 3 (got %d)", cc);
	rc = cp_cmd("DETACH CPU 00", out, sizeof(out));
	report(rc != 0 && has(out, "VMCDEF035E"), "DETACH CPU 00: VMCDEF035E (rc %u)", rc);
	report_prefix_pop();
}

int main(void)
{
	uint32_t st;

	report_prefix_push("smp");
	report(stap() == 0, "the base CPU's address is 0 (STAP %u)", stap());
	if (!under_vm64() && sense(1, &st) == 3) {
		report_skip("one CPU: nothing to signal");
	} else {
		test_stopped_cpu();
		test_start();
		test_operating();
		test_stop();
		if (under_vm64())
			test_cp_commands();
	}
	report_prefix_pop();
	return report_summary();
}
