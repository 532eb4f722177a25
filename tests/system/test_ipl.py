"""Issue 2: CP IPLs on both machines, prints its banner, answers every operator command,
refuses a malformed one with a numbered message, and shuts down cleanly."""
import re
import time

from machine import only

READY = r"VMCIPL002I CP ready"


def test_banner_commands_shutdown(machine_class):
    with machine_class(storage_mb=64) as m:
        m.expect(r"^VM/64 Version \d+ Release \d+\.\d+ \(64-bit\), IPL at \d\d/\d\d/\d\d", 30)
        mach = m.expect(r"^Machine: (\S+) .*, (\d+) CPUs?, real storage (\d+)M")
        assert mach.group(1) == ("QEMU" if m.name == "qemu" else "HRC"), mach.group(0)
        assert int(mach.group(3)) == 64, mach.group(0)
        eng = m.expect(r"^Virtualization engine: (.*)")
        if m.name == "qemu":
            assert "trap-and-emulate" in eng.group(1), eng.group(0)
        else:
            assert eng.group(1).startswith("SIE"), eng.group(0)
        m.expect(r"^Devices: \d+ terminal, \d+ DASD, \d+ unit record, \d+ other")
        m.expect(READY)

        out = m.command("QUERY TIME", r"^CONNECT= ")
        assert any(re.match(r"TIME IS \d\d:\d\d:\d\d UTC [A-Z]+DAY \d\d/\d\d/\d\d", l)
                   for l in out), out

        out = m.command("q stor", r"^FRAMES: ")
        assert any(l.startswith("STORAGE = 64M") for l in out), out

        out = m.command("Q CPUS", r"^CPU 00  ID  [0-9A-F]{16}  MASTER")

        out = m.command("QUERY DEVICES", r"^(\d+ devices?|No devices found)$")
        if m.name == "hercules":
            assert any(re.match(r"GRAF\s+0020\s+TYPE 3278", l) for l in out), out

        out = m.command("query cplevel", r"^Virtualization engine: ")
        assert any(re.match(r"VM/64 Version \d+ Release", l) for l in out), out

        out = m.command("HELP", r"^  SHUTDOWN ")
        assert any(l.startswith("  QUERY") for l in out), out
        m.command("HELP QUERY", r"^  QUERY CPLEVEL")

        # Malformed and unknown commands: numbered messages, and CP carries on.
        m.command("FROBNICATE NOW", r"^VMCCMD001E Unknown CP command: FROBNICATE")
        m.command("QUERY BOGUS", r"^VMCCMD003E Invalid option - BOGUS")
        m.command("QUERY", r"^VMCCMD026E Operand missing or invalid")
        m.command("Q TIME EXTRA", r"^VMCCMD004E")
        m.command("SHUT", r"^VMCCMD001E Unknown CP command: SHUT")  # no abbreviation
        m.command("HELP NOSUCH", r"^VMCHLP005E")
        # Hercules passes at most 123 characters of an SCP command: too many operands then.
        m.command("Q " + "X " * 40, r"^VMCCMD002E Command line too long")
        if m.name == "qemu":
            m.command("Q " + "X" * 300, r"^VMCCMD002E Command line too long")
        m.command("q time", r"^CONNECT= ")

        psw, rc = m.shutdown()
        if m.name == "qemu":
            assert rc == 0, "QEMU exit status %s" % rc
        else:
            assert psw.upper().endswith("0000000000000FFF"), psw
            assert rc is not None, "Hercules did not end"


@only("hercules")
def test_3215_console(machine_class):
    """Hercules also gives CP a 3215 console: output appears there and commands typed on it
    are answered."""
    with machine_class(console_3215=True) as m:
        # Every line comes twice (SCLP and 3215). Type once the 3215 copy is out: Hercules
        # 3.13 presents no attention for input typed while CP is writing to its 3215, so
        # such input waits until the operator's next line (see the issue note).
        m.expect(READY, 30)
        m.expect(READY, 30)
        time.sleep(0.3)
        m.send_3215("query devices")
        out = m.lines_until(r"^\d+ devices$", 20)
        assert any(re.match(r"CONS\s+0009\s+TYPE", l) for l in out), out
        m.expect(r"^\d+ devices$", 20)
        time.sleep(0.3)
        m.send_3215("query bogus")
        m.expect(r"^VMCCMD003E Invalid option - BOGUS", 20)
        psw, rc = m.shutdown()
        assert psw.upper().endswith("0000000000000FFF"), psw
