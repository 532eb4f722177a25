/*
 * CMS, the single-user monitor each VM/64 user's virtual machine runs. cms_main() is the IPL
 * sequence; cms_command_loop() is the session: read a line at VM READ, run it, say Ready;.
 *
 * The nucleus (code and constants) is a saved segment CP shares among every CMS user; all
 * CMS writes is its private data, its stack and heap, and the lowcore set up here.
 * Covered by tests/system/test_cms.py.
 */
#include <arch/lowcore.h>
#include <lib/format.h>
#include <lib/string.h>
#include <cms/cms.h>
#include <cms/cmds.h>

int cms_last_rc;

static void set_new_psw(unsigned offset, const void *handler)
{
	volatile uint64_t *psw = (volatile uint64_t *)(uintptr_t)offset;

	psw[0] = PSW_MASK_64;
	psw[1] = (uintptr_t)handler;
}

/* Ready; or Ready(nnnnn);, with T=cpu/elapsed hh:mm:ss under SET RDYMSG LMSG. */
static void ready_message(int rc, uint64_t cpu_before_us, uint64_t tod_before)
{
	char line[80];
	size_t n;

	if (rc)
		n = (size_t)ksnprintf(line, sizeof(line), "Ready(%05d);", rc);
	else
		n = (size_t)ksnprintf(line, sizeof(line), "Ready;");
	if (cms_rdymsg_long) {
		struct cms_clock c;
		uint64_t cpu_ms, elapsed_ms = (cms_tod() - tod_before) / 4096000;

		diag_clock(&c);
		cpu_ms = (c.virt_cpu_us - cpu_before_us) / 1000;
		ksnprintf(line + n, sizeof(line) - n, " T=%llu.%02llu/%llu.%02llu %s",
			  (unsigned long long)(cpu_ms / 1000), (unsigned long long)(cpu_ms % 1000 / 10),
			  (unsigned long long)(elapsed_ms / 1000),
			  (unsigned long long)(elapsed_ms % 1000 / 10), c.time);
	}
	con_write(line);
}

static int run_line(const char *line)
{
	struct cms_args args;
	const struct cms_command *cmd;

	if (cms_parse(line, &args) != 0)
		return cms_msg(CMSG_INVALID_OPERAND, line);
	if (args.argc == 0)
		return 0;
	cmd = cms_find_command(args.argv[0]);
	if (cmd)
		return cmd->run(&args, line);
	if (cms_impcp)
		return cms_pass_to_cp(line, true);
	return cms_msg(CMSG_UNKNOWN_COMMAND);
}

void cms_command_loop(void)
{
	static char line[CMS_LINE_MAX + 1];
	uint64_t cpu_us = 0, tod = cms_tod();

	for (;;) {
		struct cms_clock c;

		ready_message(cms_last_rc, cpu_us, tod);
		/* Between commands the heap is empty: its pages go back to CP. */
		if (heap_empty())
			heap_trim();
		con_read(line, sizeof(line));
		diag_clock(&c);
		cpu_us = c.virt_cpu_us;
		tod = cms_tod();
		cms_last_rc = run_line(line);
	}
}

void cms_main(void)
{
	struct cms_ident id;
	struct cms_clock c;

	set_new_psw(LC_IO_NEW_PSW, cms_io_return);
	set_new_psw(LC_EXT_NEW_PSW, cms_ext_return);
	set_new_psw(LC_PGM_NEW_PSW, cms_pgm_entry);
	set_new_psw(LC_SVC_NEW_PSW, cms_pgm_entry);
	con_init();
	heap_init(diag_storage_size());
	diag_identify(&id);
	diag_clock(&c);
	con_printf("VM/64 CMS %u.%u.%u  %s %s  nucleus %llX-%llX shared (NSS CMS)", id.version,
		   id.release, id.mod, c.date, c.time,
		   (unsigned long long)(uintptr_t)__nucleus_start,
		   (unsigned long long)(uintptr_t)__nucleus_end - 1);
	disks_ipl();
	cms_last_rc = 0;
	cms_command_loop();
}
