/*
 * cp_main: CP after the machine is known. Sets up real storage, greets the operator with
 * the IPL banner and serves the operator's line console until SHUTDOWN.
 * Covered by tests/system/test_ipl.py.
 */
#include <arch/hw.h>
#include <arch/tod.h>
#include <cp/abend.h>
#include <cp/cmd.h>
#include <cp/dasd.h>
#include <cp/devclass.h>
#include <cp/frames.h>
#include <cp/logon_guard.h>
#include <cp/phase.h>
#include <cp/spoolvm.h>
#include <cp/sysres.h>
#include <cp/system.h>
#include <cp/term.h>
#include <cp/user.h>
#include <cp/vmm.h>

/* How long guests may run before CP looks at its own work again. */
#define MAIN_LOOP_BUDGET_US 50000
#include <lib/format.h>
#include <lib/string.h>

/* The frame pool covers storage above CP's image; its bitmap takes the first free frames. */
static void console_line(const char *line)
{
	hw_console_write(line, strlen(line));
}

static void storage_init(void)
{
	const struct hw_info *hw = hw_info();
	uint64_t start = hw->free_start;
	uint64_t nframes = (hw->storage_bytes - start) / FRAME_SIZE;
	uint64_t *bitmap = (uint64_t *)(uintptr_t)start;
	uint64_t bitmap_end = start + frames_bitmap_bytes(nframes);

	if (hw->storage_bytes <= start + FRAME_SIZE * 16)
		hw_panic(ABEND_STORAGE_TOO_SMALL, "REAL STORAGE %llu BYTES IS TOO SMALL FOR CP",
			 (unsigned long long)hw->storage_bytes);
	frames_init(&real_frames, start, hw->storage_bytes, bitmap);
	frames_reserve(&real_frames, start, bitmap_end);
}

static void banner(void)
{
	const struct hw_info *hw = hw_info();
	const unsigned *g = cp_system.devices_by_group;
	char when[32];

	format_tod_datetime(when, sizeof(when), cp_system.ipl_tod);
	/* Before any user exists: the line console alone. */
	operator_console_printf("%s Version %d Release %d.%d (64-bit), IPL at %s UTC", VM64_NAME,
				VM64_VERSION, VM64_RELEASE, VM64_MODLEVEL, when);
	operator_console_printf("Machine: %s %s, %u CPU%s, real storage %lluM",
				hw->manufacturer[0] ? hw->manufacturer : "unknown", hw->type,
				hw->cpu_count, hw->cpu_count == 1 ? "" : "s",
				(unsigned long long)(hw->storage_bytes >> 20));
	operator_console_printf("Virtualization engine: %s", hw_engine()->name);
	operator_console_printf("Devices: %u terminal, %u DASD, %u unit record, %u other",
				g[DEV_GROUP_TERMINAL], g[DEV_GROUP_DASD],
				g[DEV_GROUP_UNIT_RECORD], g[DEV_GROUP_OTHER]);
}

static void shutdown_system(void)
{
	char line[120];

	/* Let every screen show the warning before the machine goes. */
	term_flush(3000000);
	/*
	 * z/VM's SHUTDOWN ends all system function and checkpoints the system for a warm start:
	 * every user is logged off as by LOGOFF, which closes their open punch and printer files
	 * (each close writes the spool checkpoint). Their screens keep the warning: the logo the
	 * logoff asks for is never sent.
	 */
	user_logoff_all();
	sysres_shutdown(hw_tod_clock(), console_line);
	msg_format(line, sizeof(line), MSG_SHUTDOWN_COMPLETE);
	hw_console_event(line, strlen(line));
	hw_power_off();
}

/* One of the main loop's steps took from *since to now (cp/phase.h); *since moves on. */
static void loop_phase(enum phase_id p, uint64_t *since)
{
	uint64_t now = hw_tod_clock();

	phase_record(p, tod_to_us(now), tod_to_us(now - *since));
	*since = now;
}

static uint64_t min_timeout(uint64_t a, uint64_t b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return a < b ? a : b;
}

void cp_main(void)
{
	char line[CMD_LINE_MAX + 16];
	char ready[120];
	struct vm *operator_vm;

	cp_system.ipl_tod = hw_tod_clock();
	storage_init();
	system_count_devices();
	banner();
	dasd_init(&cp_sysconfig, console_line); /* before any user's minidisks are made */
	sysres_ipl(&cp_sysconfig, cp_system.ipl_tod, console_line);
	spool_ipl(&cp_sysconfig, console_line); /* warm start */
	guard_init();
	term_init();
	operator_vm = user_operator_logon();
	if (!operator_vm)
		hw_panic(ABEND_NO_OPERATOR_VM, "NO STORAGE FOR THE OPERATOR'S VIRTUAL MACHINE");
	msg_format(ready, sizeof(ready), MSG_CP_READY);
	hw_console_event(ready, strlen(ready));

	/*
	 * CP's own work first (operator input, terminals, deferred user work), then guests
	 * until a slice budget is spent or something needs CP; with nothing ready, wait for an
	 * interruption, the next guest timer event or a terminal's timer.
	 */
	for (;;) {
		uint64_t next_timer_us, t0;

		while (hw_console_read(line, sizeof(line)) >= 0) {
			user_cp_command(operator_vm, line);
			if (user_shutdown_requested)
				shutdown_system();
		}
		t0 = hw_tod_clock();
		term_poll();
		loop_phase(PHASE_POLL, &t0);
		user_service();
		if (user_shutdown_requested)
			shutdown_system();
		next_timer_us = dispatch_wake_waiters();
		t0 = hw_tod_clock();
		if (dispatch_has_ready()) {
			/* A waiting guest's timer event ends the run: nothing else would wake it. */
			dispatch_run(min_timeout(MAIN_LOOP_BUDGET_US, next_timer_us));
			loop_phase(PHASE_RUN, &t0);
		} else {
			hw_wait(min_timeout(next_timer_us, term_next_timeout_us()));
			loop_phase(PHASE_WAIT, &t0);
		}
	}
}
