/*
 * DIAGNOSE: the guest's calls to CP. Each code CP offers, with its success path and the program
 * interruptions z/VM gives for bad operands; an unknown code (specification exception) and any
 * DIAG in problem state (privileged operation); the codes Linux tries at boot that VM/64 does
 * not offer (specification, so Linux takes its fallback). Bare, only X'44' and the failure paths
 * that the machine itself defines run; the rest is skipped.
 */
#include <lib/ebcdic.h>

#include "diag.h"
#include "guest.h"

static uint8_t page_buf[2][4096] __attribute__((aligned(4096)));

static void test_diag44(void)
{
	report_prefix_push("X'44'");
	expect_pgm_int();
	diag44();
	report(pgm_int_code() == 0, "yield returns without an interruption");
	for (int i = 0; i < 100; i++)
		diag44();
	report(true, "100 yields in a row");
	{
		/* The condition code and the registers survive a yield, whatever R1 and R3
		 * say (QEMU: entry.S skips it without CP, engine_tae.c). */
		uint64_t a = 0x1122334455667788ULL;
		int cc;

		asm volatile("cghi\t%1,0\n\t"	/* cc 2: a is positive */
			     "diag\t2,4,0x44\n\t"
			     "ipm\t%0\n\t"
			     "srl\t%0,28"
			     : "=d"(cc), "+d"(a) : : "cc", "memory");
		report(cc == 2 && a == 0x1122334455667788ULL,
		       "a yield keeps the condition code (%d) and the registers", cc);
	}
	{
		/* Every general register the engines' quickest paths could touch (SIE: r0-r13
		 * travel in the real registers, r14-r15 in the state description): r0-r14 loaded
		 * with patterns around a yield, stored after it, all put back. r15, the stack,
		 * is checked by the C code going on at all. */
		static uint64_t in[15], out[16];
		bool same = true;
		unsigned cc;

		for (int i = 0; i < 15; i++)
			in[i] = 0x0101010101010101ULL * (uint64_t)(i + 1) ^ 0x00ff00ff00ff00ffULL;
		asm volatile("aghi\t%%r15,-384\n\t"
			     "stmg\t%%r0,%%r14,0(%%r15)\n\t"
			     "stg\t%[out],120(%%r15)\n\t"
			     "mvc\t128(120,%%r15),0(%[in])\n\t"
			     "lmg\t%%r0,%%r14,128(%%r15)\n\t"
			     "ltgr\t%%r2,%%r2\n\t" /* cc 2: r2's pattern is positive */
			     "diag\t2,4,0x44\n\t"
			     "stmg\t%%r0,%%r14,248(%%r15)\n\t"
			     "ipm\t%%r1\n\t"
			     "st\t%%r1,368(%%r15)\n\t"
			     "lg\t%%r1,120(%%r15)\n\t"
			     "mvc\t0(124,%%r1),248(%%r15)\n\t"
			     "lmg\t%%r0,%%r14,0(%%r15)\n\t"
			     "aghi\t%%r15,384"
			     : : [in] "a"(in), [out] "a"(out) : "cc", "memory");
		for (int i = 0; i < 15; i++)
			if (out[i] != in[i]) {
				report_info("r%d: %016lx, %016lx before the yield", i,
					    (unsigned long)out[i], (unsigned long)in[i]);
				same = false;
			}
		cc = (unsigned)(out[15] >> 60) & 3;
		report(same && cc == 2, "a yield keeps r0-r14 and the condition code (%u)", cc);
	}
	report_prefix_pop();
}

static void test_diag60(void)
{
	uint64_t size;

	report_prefix_push("X'60'");
	expect_pgm_int();
	size = diag60();
	report(pgm_int_code() == 0, "storage size without an interruption");
	report(size == guest_env.storage_size, "storage size %lu matches SCLP's %lu",
	       (unsigned long)size, (unsigned long)guest_env.storage_size);
	report((size & 0xfffff) == 0 && size >= 0x100000,
	       "storage size is whole megabytes, >= 1 MB");
	report_prefix_pop();
}

static void test_diag00(void)
{
	static uint8_t ident[48] __attribute__((aligned(8)));
	char name[9];
	uint64_t beyond = guest_env.storage_size + 0x10000;

	report_prefix_push("X'00'");
	memset(ident, 0xee, sizeof(ident));
	expect_pgm_int();
	diag00((uint64_t)(uintptr_t)ident, 40);
	report(pgm_int_code() == 0, "store extended identification");
	ebcdic_to_ascii(EBCDIC_CP037, name, ident, 8);
	name[8] = 0;
	report(memcmp(name, "VM/64   ", 8) == 0, "system name '%s'", name);
	report(ident[40] == 0xee, "nothing stored beyond the 40 bytes asked for");

	memset(ident, 0xee, sizeof(ident));
	expect_pgm_int();
	diag00((uint64_t)(uintptr_t)ident, 8);
	report(pgm_int_code() == 0 && ident[8] == 0xee && ident[0] != 0xee,
	       "a shorter buffer gets only its length");

	expect_pgm_int();
	diag00((uint64_t)(uintptr_t)ident + 4, 8);
	check_pgm_int_code("buffer not on a doubleword", PGM_SPECIFICATION);

	expect_pgm_int();
	diag00(beyond, 40);
	check_pgm_int_code("buffer beyond storage", PGM_ADDRESSING);
	report_prefix_pop();
}

static bool ebcdic_is(const uint8_t *e, size_t n, const char *pattern)
{
	char buf[16];

	ebcdic_to_ascii(EBCDIC_CP037, buf, e, n);
	for (size_t i = 0; i < n; i++) {
		if (pattern[i] == '9' ? (buf[i] < '0' || buf[i] > '9') : buf[i] != pattern[i])
			return false;
	}
	return true;
}

static void test_diag0c(void)
{
	static uint64_t area[5] __attribute__((aligned(8)));
	uint8_t *b = (uint8_t *)area;
	uint64_t vtime, ttime;

	report_prefix_push("X'0C'");
	memset(area, 0, sizeof(area));
	area[4] = 0xeeeeeeeeeeeeeeeeULL;
	expect_pgm_int();
	diag0c((uint64_t)(uintptr_t)area);
	report(pgm_int_code() == 0, "pseudo timer");
	report(ebcdic_is(b, 8, "99/99/99"), "date is MM/DD/YY");
	report(ebcdic_is(b + 8, 8, "99:99:99"), "time is HH:MM:SS");
	vtime = area[2];
	ttime = area[3];
	report(vtime > 0 && vtime <= ttime, "virtual CPU time %lu us <= total %lu us",
	       (unsigned long)vtime, (unsigned long)ttime);
	report(area[4] == 0xeeeeeeeeeeeeeeeeULL, "nothing stored beyond 32 bytes");

	for (volatile int i = 0; i < 200000; i++)
		;
	diag0c((uint64_t)(uintptr_t)area);
	report(area[2] >= vtime, "virtual CPU time does not go backwards");

	expect_pgm_int();
	diag0c((uint64_t)(uintptr_t)area + 4);
	check_pgm_int_code("area not on a doubleword", PGM_SPECIFICATION);
	expect_pgm_int();
	diag0c(guest_env.storage_size + 0x10000);
	check_pgm_int_code("area beyond storage", PGM_ADDRESSING);
	report_prefix_pop();
}

static void test_diag24(void)
{
	int32_t devno;
	uint32_t vdev, rdev;
	int cc;

	report_prefix_push("X'24'");
	devno = 0xfffe;
	expect_pgm_int();
	cc = diag24(&devno, &vdev, &rdev);
	report(pgm_int_code() == 0 && cc == 3, "no device 0xFFFE: cc 3 (got %d)", cc);

	devno = -1;
	expect_pgm_int();
	cc = diag24(&devno, &vdev, &rdev);
	if (pgm_int_code())
		report(false, "virtual console query: program interruption");
	else
		report(cc == 0 && (devno & 0xffff) == 0x0009 && vdev >> 16 == 0x8000,
		       "virtual console: cc %d, device %04x, class/type %04x (terminal, 3215)", cc,
		       (unsigned)devno & 0xffff, vdev >> 16);
	report_prefix_pop();
}

/* Linux's spinlocks give their time to a lock holder's CPU this way once boot found it. */
static void test_diag9c(void)
{
	report_prefix_push("X'9C'");
	expect_pgm_int();
	diag9c(stap());
	report(pgm_int_code() == 0, "directed yield to its own CPU: no interruption (got 0x%04x)",
	       pgm_int_code());
	expect_pgm_int();
	for (int i = 0; i < 100; i++)
		diag9c((uint16_t)(stap() + 1));
	report(pgm_int_code() == 0, "100 yields to a CPU it does not have");
	report_prefix_pop();
}

/* The storage extents, as Linux's boot code asks for them (arch/s390/boot/mem_detect.c). */
static void test_diag260(void)
{
	static uint64_t ext[8][2] __attribute__((aligned(16)));
	uint64_t buf = (uint64_t)(uintptr_t)ext, n = 0;
	int cc;

	report_prefix_push("X'260'");
	memset(ext, 0xee, sizeof(ext));
	expect_pgm_int();
	cc = diag260(buf, sizeof(ext), DIAG260_STORAGE_EXTENTS, &n);
	report(pgm_int_code() == 0 && cc == 0 && n == 1,
	       "subcode X'10': cc 0, one extent (interruption 0x%04x, cc %d, %lu extents)",
	       pgm_int_code(), cc, (unsigned long)n);
	report(ext[0][0] == 0 && ext[0][1] == guest_env.storage_size - 1,
	       "the extent is 0 to %lx (got %lx-%lx)", (unsigned long)guest_env.storage_size - 1,
	       (unsigned long)ext[0][0], (unsigned long)ext[0][1]);
	report(ext[1][0] == 0xeeeeeeeeeeeeeeeeULL, "nothing stored after it");

	memset(ext, 0xee, sizeof(ext));
	cc = diag260(buf, 8, DIAG260_STORAGE_EXTENTS, &n);
	report(cc == 0 && n == 1 && ext[0][0] == 0xeeeeeeeeeeeeeeeeULL,
	       "an 8-byte buffer: the count only (cc %d, %lu)", cc, (unsigned long)n);

	expect_pgm_int();
	diag260(buf + 4, sizeof(ext), DIAG260_STORAGE_EXTENTS, &n);
	check_pgm_int_code("buffer not on a doubleword", PGM_SPECIFICATION);
	expect_pgm_int();
	diag260(guest_env.storage_size, sizeof(ext), DIAG260_STORAGE_EXTENTS, &n);
	check_pgm_int_code("buffer beyond storage", PGM_ADDRESSING);
	expect_pgm_int();
	diag260(buf, sizeof(ext), 0x4711, &n);
	check_pgm_int_code("an unknown subcode", PGM_SPECIFICATION);
	report_prefix_pop();
}

/*
 * Codes Linux 6.1 tries at boot (each behind an exception-table fixup) that VM/64 does not
 * offer: it must get the specification exception z/VM gives for an unknown code, and so take
 * its fallback. The registers hold harmless values in case a code is offered one day.
 */
static void test_not_offered(void)
{
	report_prefix_push("not offered");
	expect_pgm_int();
	diag_const(0x258);
	check_pgm_int_code("X'258' (pfault)", PGM_SPECIFICATION);
	expect_pgm_int();
	diag_const(0x308);
	check_pgm_int_code("X'308' (IPL parameters)", PGM_SPECIFICATION);
	expect_pgm_int();
	diag_const(0x318);
	check_pgm_int_code("X'318' (control-program name)", PGM_SPECIFICATION);
	expect_pgm_int();
	diag_const(0x500);
	check_pgm_int_code("X'500' (KVM virtio)", PGM_SPECIFICATION);
	report_prefix_pop();
}

static void test_diag10(void)
{
	uint64_t first = (uint64_t)(uintptr_t)page_buf[0];
	uint64_t last = (uint64_t)(uintptr_t)page_buf[1];

	report_prefix_push("X'10'");
	memset(page_buf, 0x5a, sizeof(page_buf));
	expect_pgm_int();
	diag10(first, last);
	report(pgm_int_code() == 0, "release two pages");
	/* z/VM leaves the contents of released pages unpredictable: say which, don't judge. */
	report_info("released pages read back as %s",
		    page_buf[0][0] == 0 && page_buf[1][4095] == 0	  ? "zeros"
		    : page_buf[0][0] == 0x5a && page_buf[1][4095] == 0x5a ? "before"
									  : "something else");
	page_buf[0][0] = 1;
	report(page_buf[0][0] == 1, "a released page can be used again");

	expect_pgm_int();
	diag10(last, first);
	check_pgm_int_code("first page after last", PGM_SPECIFICATION);
	expect_pgm_int();
	diag10(first + 8, last);
	check_pgm_int_code("first address not on a page", PGM_SPECIFICATION);
	expect_pgm_int();
	diag10(guest_env.storage_size, guest_env.storage_size + 0x1000);
	check_pgm_int_code("pages beyond storage", PGM_ADDRESSING);
	expect_pgm_int();
	diag10(0, 0x1000);
	check_pgm_int_code("the prefix area (pages 0 and 1)", PGM_SPECIFICATION);
	report_prefix_pop();
}

static void test_diag08(void)
{
	static uint8_t cmd[32], resp[512];
	static const char query[] = "QUERY TIME";
	static const char bogus[] = "NOSUCHCOMMAND";
	uint32_t rc, len;
	int cc;

	report_prefix_push("X'08'");
	ascii_to_ebcdic(EBCDIC_CP037, cmd, query, sizeof(query) - 1);
	memset(resp, 0, sizeof(resp));
	expect_pgm_int();
	cc = diag08((uint64_t)(uintptr_t)cmd, sizeof(query) - 1, (uint64_t)(uintptr_t)resp,
		    sizeof(resp), &rc, &len);
	report(pgm_int_code() == 0 && cc == 0 && rc == 0, "QUERY TIME: cc %d rc %u", cc, rc);
	report(len > 0 && len <= sizeof(resp), "QUERY TIME: response of %u bytes", len);
	if (len > 0 && len <= sizeof(resp)) {
		char text[81];
		size_t n = len < 80 ? len : 80;

		ebcdic_to_ascii(EBCDIC_CP037, text, resp, n);
		for (size_t i = 0; i < n; i++)
			if (text[i] < ' ' || text[i] > '~')
				text[i] = ' ';
		text[n] = 0;
		report_info("response: %s", text);
	}

	ascii_to_ebcdic(EBCDIC_CP037, cmd, bogus, sizeof(bogus) - 1);
	expect_pgm_int();
	cc = diag08((uint64_t)(uintptr_t)cmd, sizeof(bogus) - 1, (uint64_t)(uintptr_t)resp,
		    sizeof(resp), &rc, &len);
	report(pgm_int_code() == 0 && rc != 0, "unknown command: nonzero return code (%u)", rc);

	ascii_to_ebcdic(EBCDIC_CP037, cmd, query, sizeof(query) - 1);
	expect_pgm_int();
	cc = diag08((uint64_t)(uintptr_t)cmd, sizeof(query) - 1, (uint64_t)(uintptr_t)resp, 4, &rc,
		    &len);
	report(pgm_int_code() == 0 && cc == 1, "response longer than the buffer: cc 1 (got %d)",
	       cc);

	expect_pgm_int();
	diag08(guest_env.storage_size + 0x10000, 10, 0, 0, &rc, &len);
	check_pgm_int_code("command beyond storage", PGM_ADDRESSING);
	report_prefix_pop();
}

/*
 * Runs one CP command through DIAG X'08' with a response buffer, the way Linux's cpcmd()
 * does; the response comes back in ASCII in out (X'15' line ends as '\n'). Returns the cc.
 */
static int cp_query(const char *command, char *out, size_t size, uint32_t *rc, uint32_t *len)
{
	static uint8_t cmd[80], resp[1024];
	size_t n = strlen(command);
	int cc;

	ascii_to_ebcdic(EBCDIC_CP037, cmd, command, n);
	memset(resp, 0, sizeof(resp));
	expect_pgm_int();
	cc = diag08((uint64_t)(uintptr_t)cmd, (uint32_t)n, (uint64_t)(uintptr_t)resp,
		    (uint32_t)(size - 1 < sizeof(resp) ? size - 1 : sizeof(resp)), rc, len);
	if (pgm_int_code())
		cc = -1;
	n = *len < size - 1 ? *len : size - 1;
	for (size_t i = 0; i < n; i++) {
		if (resp[i] == 0x15)
			out[i] = '\n';
		else
			ebcdic_to_ascii(EBCDIC_CP037, out + i, resp + i, 1);
	}
	out[n] = 0;
	return cc;
}

static bool has_text(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!memcmp(hay, needle, n))
			return true;
	return false;
}

/*
 * What Linux asks through DIAG X'08' when STSI says z/VM (arch/s390/kernel/setup.c
 * conmode_default(), drivers/s390/char/con3215.c, arch/s390/boot/head.S): QUERY CONSOLE with
 * the device number at offset 5 and "SUBCHANNEL = " followed by the console's subchannel
 * number as STSCH shows it; QUERY TERM with "CONMODE 3215"; TERM CONMODE 3215; TERM AUTOCR
 * OFF; CHANGE RDR ALL KEEP NOHOLD; and the response-buffer conventions of cpcmd().
 */
static void test_diag08_linux(void)
{
	static char out[1024];
	static uint8_t cmd[40];
	static const char change[] = "CHANGE RDR ALL KEEP NOHOLD";
	uint32_t rc, len, full;
	int cc;
	char *sub;

	report_prefix_push("X'08' for Linux");
	cc = cp_query("QUERY CONSOLE", out, sizeof(out), &rc, &len);
	report(cc == 0 && rc == 0 && !memcmp(out, "CONS 0009", 9), "QUERY CONSOLE: cc %d rc %u '%.40s'",
	       cc, rc, out);
	sub = len > 0 && out[len - 1] == '\n' ? 0 : out; /* every line ends with X'15' */
	if (sub)
		report(false, "the last response line does not end with X'15'");
	sub = 0;
	for (char *p = out; *p; p++)
		if (!memcmp(p, "SUBCHANNEL = ", 13)) {
			sub = p + 13;
			break;
		}
	report(sub && !memcmp(sub, "0000", 4) && (sub[4] == '\n' || sub[4] == ' '),
	       "SUBCHANNEL = 0000, the console's subchannel (0.0.0000 device 0009)");
	full = len;
	cc = cp_query("QUERY CONSOLE", out, 6, &rc, &len);
	report(cc == 1 && len == full - 5, "response longer than the buffer: cc 1, %u bytes left over (got cc %d, %u)",
	       full - 5, cc, len);

	{
		bool ok;

		cc = cp_query("QUERY TERM", out, sizeof(out), &rc, &len);
		ok = cc == 0 && rc == 0 && has_text(out, "CONMODE 3215");
		cc = cp_query("TERM CONMODE 3215", out, sizeof(out), &rc, &len);
		ok = ok && cc == 0 && rc == 0;
		cc = cp_query("TERM CONMODE 3270", out, sizeof(out), &rc, &len);
		ok = ok && cc == 0 && rc != 0 && has_text(out, "VMCTRM003E");
		report(ok, "QUERY TERM says CONMODE 3215; TERM CONMODE 3215 rc 0, 3270 VMCTRM003E");
		cc = cp_query("TERM AUTOCR OFF", out, sizeof(out), &rc, &len);
		ok = cc == 0 && rc == 0;
		cp_query("QUERY TERMINAL", out, sizeof(out), &rc, &len);
		ok = ok && has_text(out, "AUTOCR OFF");
		cp_query("TERM AUTOCR ON", out, sizeof(out), &rc, &len);
		cp_query("QUERY TERMINAL", out, sizeof(out), &rc, &len);
		ok = ok && has_text(out, "AUTOCR ON");
		cc = cp_query("TERM AUTOCR MAYBE", out, sizeof(out), &rc, &len);
		report(ok && cc == 0 && rc != 0, "TERM AUTOCR OFF, ON (QUERY TERMINAL shows it), MAYBE rc %u", rc);
	}

	/* z/VM's "userid AT sysname", the user ID padded to 8 (af_iucv takes the first 8) */
	cc = cp_query("QUERY USERID", out, sizeof(out), &rc, &len);
	report(cc == 0 && rc == 0 && len == 17 && out[0] != ' ' && !memcmp(out + 8, " AT VM64\n", 9),
	       "QUERY USERID: 'userid   AT VM64' (cc %d rc %u '%.40s')", cc, rc, out);
	cc = cp_query("QUERY USERID NOSUCHUS", out, sizeof(out), &rc, &len);
	report(cc == 0 && rc == 45 && has_text(out, "VMCCMD045E NOSUCHUS not logged on"),
	       "QUERY USERID of a user not logged on: rc 45, VMCCMD045E (rc %u '%.40s')", rc, out);

	cc = cp_query(change, out, sizeof(out), &rc, &len);
	report(cc == 0 && !has_text(out, "VMCCMD001E"), "%s: a known command (rc %u '%.40s')",
	       change, rc, out);
	/* As head.S issues it: no response buffer, Ry the length alone. */
	ascii_to_ebcdic(EBCDIC_CP037, cmd, change, sizeof(change) - 1);
	expect_pgm_int();
	cc = diag08((uint64_t)(uintptr_t)cmd, sizeof(change) - 1, 0, 0, &rc, &len);
	report(pgm_int_code() == 0 && cc == 0, "%s without a response buffer: cc %d", change, cc);
	report_prefix_pop();
}

/* Checks every machine has, VM/64 or not. */
static void test_failures(void)
{
	/* Codes no one assigns (Hercules keeps X'F00'-X'FFF' for itself, bare). */
	expect_pgm_int();
	diag_const(0x6fc);
	check_pgm_int_code("unknown code X'6FC'", PGM_SPECIFICATION);
	expect_pgm_int();
	diag_const(0x045);
	check_pgm_int_code("code X'045', not a multiple of 4", PGM_SPECIFICATION);

	enter_pstate();
	expect_pgm_int();
	diag44();
	leave_pstate();
	check_pgm_int_code("X'44' in problem state", PGM_PRIVILEGED_OP);

	enter_pstate();
	expect_pgm_int();
	diag60();
	leave_pstate();
	check_pgm_int_code("X'60' in problem state", PGM_PRIVILEGED_OP);
}

int main(void)
{
	report_prefix_push("diag");
	test_diag44();
	test_failures();
	if (under_vm64()) {
		test_diag60();
		test_diag00();
		test_diag0c();
		test_diag24();
		test_diag10();
		test_diag08();
		test_diag08_linux();
		test_diag9c();
		test_diag260();
		test_not_offered();
	} else {
		report_skip(
		    "X'00', X'08', X'0C', X'10', X'24', X'60', X'9C', X'260': not under VM/64");
	}
	report_prefix_pop();
	return report_summary();
}
