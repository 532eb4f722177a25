/* Unit tests for the operator console's configuration writer (console/vm64/config.c). */
#include "../../console/vm64/config.h"

#include <stdio.h>
#include <string.h>

#include "cunit_main.h"

static int argv_has(const struct argv_buf *ab, const char *a, const char *b)
{
	for (int i = 0; i + 1 < ab->argc; i++)
		if (!strcmp(ab->argv[i], a) && (!b || !strcmp(ab->argv[i + 1], b)))
			return 1;
	return 0;
}

static void test_defaults(void)
{
	struct vm64_opts o;
	char err[128];

	config_defaults(&o);
	CU_ASSERT_EQUAL(o.machine, MACHINE_HERCULES);
	CU_ASSERT_EQUAL(o.storage_mb, 256);
	CU_ASSERT_EQUAL(o.cpus, 1);
	CU_ASSERT_EQUAL(o.port, 3270);
	CU_ASSERT_EQUAL(config_terminals(&o), 32);
	CU_ASSERT_EQUAL(config_check(&o, err, sizeof(err)), 0);
	o.machine = MACHINE_QEMU;
	CU_ASSERT_EQUAL(config_terminals(&o), 32); /* as under Hercules: virtio-serial ports */
	CU_ASSERT_EQUAL(config_check(&o, err, sizeof(err)), 0);
}

static void test_machine_names(void)
{
	enum machine m = MACHINE_HERCULES;

	CU_ASSERT_EQUAL(machine_parse("qemu", &m), 0);
	CU_ASSERT_EQUAL(m, MACHINE_QEMU);
	CU_ASSERT_EQUAL(machine_parse("Hercules", &m), 0);
	CU_ASSERT_EQUAL(m, MACHINE_HERCULES);
	CU_ASSERT_EQUAL(machine_parse("bochs", &m), -1);
	CU_ASSERT_STRING_EQUAL(machine_name(MACHINE_QEMU), "qemu");
	CU_ASSERT_STRING_EQUAL(machine_name(MACHINE_HERCULES), "hercules");
}

static void test_parse_uint(void)
{
	unsigned v = 0;

	CU_ASSERT_EQUAL(config_parse_uint("64", 1, 100, &v), 0);
	CU_ASSERT_EQUAL(v, 64);
	CU_ASSERT_EQUAL(config_parse_uint("0", 0, 1, &v), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(config_parse_uint("101", 1, 100, &v), -1);
	CU_ASSERT_EQUAL(config_parse_uint("-1", 0, 100, &v), -1);
	CU_ASSERT_EQUAL(config_parse_uint("12x", 0, 100, &v), -1);
	CU_ASSERT_EQUAL(config_parse_uint("", 0, 100, &v), -1);
	CU_ASSERT_EQUAL(config_parse_uint("99999999999999999999", 0, 100, &v), -1);
}

static void test_check_limits(void)
{
	struct vm64_opts o;
	char err[128] = "";

	config_defaults(&o);
	o.storage_mb = 8;
	CU_ASSERT_EQUAL(config_check(&o, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "--storage"));
	config_defaults(&o);
	o.cpus = 9; /* Hercules 3.13 is built for 8 engines */
	CU_ASSERT_EQUAL(config_check(&o, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "--cpus"));
	o.machine = MACHINE_QEMU;
	CU_ASSERT_EQUAL(config_check(&o, err, sizeof(err)), 0);
	o.terminals = 64; /* virtio-serial ports, up to CP's terminal table */
	CU_ASSERT_EQUAL(config_check(&o, err, sizeof(err)), 0);
	o.terminals = 65;
	CU_ASSERT_EQUAL(config_check(&o, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "QEMU"));
	o.terminals = 0;
	CU_ASSERT_EQUAL(config_check(&o, err, sizeof(err)), 0);
	o.machine = MACHINE_HERCULES; /* Hercules refuses a configuration without devices */
	o.cpus = 8;
	CU_ASSERT_EQUAL(config_check(&o, err, sizeof(err)), -1);
	o.terminals = 256;
	CU_ASSERT_EQUAL(config_check(&o, err, sizeof(err)), -1);
	o.terminals = 255;
	CU_ASSERT_EQUAL(config_check(&o, err, sizeof(err)), 0);
}

static void test_hercules_config(void)
{
	struct vm64_opts o;
	char buf[2048];
	int n;

	config_defaults(&o);
	o.storage_mb = 64;
	o.cpus = 2;
	o.terminals = 2;
	o.port = 32701;
	n = config_hercules(&o, buf, sizeof(buf));
	CU_ASSERT(n > 0);
	CU_ASSERT_EQUAL((size_t)n, strlen(buf));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "CPUSERIAL 000611\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "MAINSIZE  64\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "NUMCPU    2\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "ARCHMODE  z/Arch\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "CODEPAGE  819/037\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "CNSLPORT  127.0.0.1:32701\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "LDMOD     dyngui\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n0020.2 3270\n"));
	CU_ASSERT_PTR_NULL(strstr(buf, "3215"));

	o.terminals = -1; /* default: 32 */
	config_hercules(&o, buf, sizeof(buf));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n0020.32 3270\n"));
	o.terminals = 1; /* a single device, no count */
	config_hercules(&o, buf, sizeof(buf));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n0020 3270\n"));
	CU_ASSERT_PTR_NULL(strstr(buf, "9336"));
	/* The data folder's volumes: FBA 9336 devices from 0100, in the order given. */
	o.nvolumes = 2;
	o.volumes[0] = "/d/VM64RS.fba";
	o.volumes[1] = "/d/VM64U1.fba";
	config_hercules(&o, buf, sizeof(buf));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n0100 9336 /d/VM64RS.fba\n0101 9336 /d/VM64U1.fba\n"));
	CU_ASSERT_PTR_NULL(strstr(buf, "3390"));
	/* CKD volumes: 3390s from 0200 */
	o.nckd = 2;
	o.ckd[0] = "/d/VM64C1.cckd";
	o.ckd[1] = "/d/VM64C2.ckd";
	config_hercules(&o, buf, sizeof(buf));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n0200 3390 /d/VM64C1.cckd\n0201 3390 /d/VM64C2.ckd\n"));
	CU_ASSERT_PTR_NULL(strstr(buf, "3505"));
	CU_ASSERT_PTR_NULL(strstr(buf, "1403"));
	/* the operator's reader and printer from the data folder */
	o.reader_path = "/d/reader.cards";
	o.printer_path = "/d/printer.txt";
	config_hercules(&o, buf, sizeof(buf));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n000C 3505 /d/reader.cards ascii eof trunc\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n000E 1403 /d/printer.txt\n"));
}

static void test_hercules_config_too_small(void)
{
	struct vm64_opts o;
	char buf[40];

	config_defaults(&o);
	CU_ASSERT_EQUAL(config_hercules(&o, buf, sizeof(buf)), -1);
	CU_ASSERT_EQUAL(config_hercules(&o, buf, 0), -1);
}

static void test_hercules_argv(void)
{
	struct argv_buf ab;

	CU_ASSERT_EQUAL(config_hercules_argv("vm64.cnf", &ab), 0);
	CU_ASSERT_EQUAL(ab.argc, 4);
	CU_ASSERT_STRING_EQUAL(ab.argv[0], "hercules");
	CU_ASSERT(argv_has(&ab, "-f", "vm64.cnf"));
	CU_ASSERT_STRING_EQUAL(ab.argv[3], "-d");
	CU_ASSERT_PTR_NULL(ab.argv[4]);
}

static void test_qemu_argv(void)
{
	struct vm64_opts o;
	struct argv_buf ab;

	config_defaults(&o);
	o.machine = MACHINE_QEMU;
	o.storage_mb = 128;
	o.cpus = 2;
	o.port = 4000;
	CU_ASSERT_EQUAL(config_qemu_argv(&o, "/b/cp.elf", &ab), 0);
	CU_ASSERT_STRING_EQUAL(ab.argv[0], "qemu-system-s390x");
	CU_ASSERT_PTR_NULL(ab.argv[ab.argc]);
	CU_ASSERT(argv_has(&ab, "-machine", "s390-ccw-virtio"));
	CU_ASSERT(argv_has(&ab, "-nodefaults", NULL));
	CU_ASSERT(argv_has(&ab, "-display", "none"));
	CU_ASSERT(argv_has(&ab, "-m", "128M"));
	CU_ASSERT(argv_has(&ab, "-smp", "2"));
	CU_ASSERT(argv_has(&ab, "-chardev", "stdio,id=con0,signal=off"));
	CU_ASSERT(argv_has(&ab, "-device", "sclplmconsole,chardev=con0,echo=off"));
	/* 32 terminals by default: ports 1-30 of one virtio-serial device, 1-2 of another. */
	CU_ASSERT(argv_has(&ab, "-device", "virtio-serial-ccw,id=vs0,max_ports=31"));
	CU_ASSERT(argv_has(&ab, "-device", "virtio-serial-ccw,id=vs1,max_ports=3"));
	CU_ASSERT(argv_has(&ab, "-chardev", "socket,id=t0,path=t0.sock,server=on,wait=off"));
	CU_ASSERT(argv_has(&ab, "-device", "virtserialport,bus=vs0.0,nr=1,chardev=t0"));
	CU_ASSERT(argv_has(&ab, "-device", "virtserialport,bus=vs0.0,nr=30,chardev=t29"));
	CU_ASSERT(argv_has(&ab, "-device", "virtserialport,bus=vs1.0,nr=2,chardev=t31"));
	CU_ASSERT(!argv_has(&ab, "-chardev", "socket,id=t32,path=t32.sock,server=on,wait=off"));
	CU_ASSERT(argv_has(&ab, "-action", "panic=exit-failure"));
	CU_ASSERT(argv_has(&ab, "-kernel", "/b/cp.elf"));
	CU_ASSERT_STRING_EQUAL(ab.argv[ab.argc - 1], "/b/cp.elf");
}

static void test_qemu_argv_no_terminal(void)
{
	struct vm64_opts o;
	struct argv_buf ab;

	config_defaults(&o);
	o.machine = MACHINE_QEMU;
	o.terminals = 0;
	CU_ASSERT_EQUAL(config_qemu_argv(&o, "cp.elf", &ab), 0);
	CU_ASSERT_FALSE(argv_has(&ab, "-device", "x-terminal3270,chardev=tn0,devno=fe.0.000a"));
	for (int i = 0; i < ab.argc; i++)
		CU_ASSERT_PTR_NULL(strstr(ab.argv[i], "tn3270"));
}

/* The data folder's volumes: raw virtio-blk-ccw disks, written through, at 0100 on. */
static void test_qemu_argv_volumes(void)
{
	struct vm64_opts o;
	struct argv_buf ab;

	config_defaults(&o);
	o.machine = MACHINE_QEMU;
	o.nvolumes = 2;
	o.volumes[0] = "/d/VM64RS.fba";
	o.volumes[1] = "/d,x/VM64U1.fba";
	CU_ASSERT_EQUAL(config_qemu_argv(&o, "cp.elf", &ab), 0);
	CU_ASSERT(argv_has(&ab, "-drive",
			   "file=/d/VM64RS.fba,format=raw,if=none,id=vol0,cache=writethrough"));
	CU_ASSERT(argv_has(&ab, "-device", "virtio-blk-ccw,drive=vol0,devno=fe.0.0100"));
	/* A comma in the path is doubled, as QEMU's option syntax wants. */
	CU_ASSERT(argv_has(&ab, "-drive",
			   "file=/d,,x/VM64U1.fba,format=raw,if=none,id=vol1,cache=writethrough"));
	CU_ASSERT(argv_has(&ab, "-device", "virtio-blk-ccw,drive=vol1,devno=fe.0.0101"));
	/* QEMU has no CKD: a 3390 volume is not attached at all */
	o.nckd = 1;
	o.ckd[0] = "/d/VM64C1.cckd";
	CU_ASSERT_EQUAL(config_qemu_argv(&o, "cp.elf", &ab), 0);
	CU_ASSERT_FALSE(argv_has(&ab, "-drive",
				 "file=/d/VM64C1.cckd,format=raw,if=none,id=vol2,cache=writethrough"));
	for (int i = 0; i < ab.argc; i++)
		CU_ASSERT_PTR_NULL(strstr(ab.argv[i], "VM64C1"));
	o.nckd = 0;
	o.nvolumes = 0;
	CU_ASSERT_EQUAL(config_qemu_argv(&o, "cp.elf", &ab), 0);
	CU_ASSERT_FALSE(argv_has(&ab, "-device", "virtio-blk-ccw,drive=vol0,devno=fe.0.0100"));
}

static void test_qemu_argv_overflow(void)
{
	static char kernel[CONFIG_ARGV_TEXT + 10];
	struct vm64_opts o;
	struct argv_buf ab;

	config_defaults(&o);
	o.machine = MACHINE_QEMU;
	memset(kernel, 'k', sizeof(kernel) - 1);
	CU_ASSERT_EQUAL(config_qemu_argv(&o, kernel, &ab), -1);
}

UNIT_SUITE(opcon_config, UNIT_CASE(test_defaults), UNIT_CASE(test_machine_names),
	   UNIT_CASE(test_parse_uint), UNIT_CASE(test_check_limits),
	   UNIT_CASE(test_hercules_config), UNIT_CASE(test_hercules_config_too_small),
	   UNIT_CASE(test_hercules_argv), UNIT_CASE(test_qemu_argv),
	   UNIT_CASE(test_qemu_argv_no_terminal), UNIT_CASE(test_qemu_argv_volumes), UNIT_CASE(test_qemu_argv_overflow))

UNIT_MAIN(UNIT_REG(opcon_config))
