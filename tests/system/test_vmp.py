"""Issue 16, virtual MP: TEST011's directory entry has MACHINE ESA 4 and CPU 00, CPU 01. The
SMP guest (tests/guest/smp.c) runs on both CPUs: SIGP sense, set prefix, store status,
restart, emergency signal and external call both ways, stop and store status, start, stop,
initial CPU reset between them, and DEFINE CPU / QUERY VIRTUAL CPUS / DETACH CPU through
DIAGNOSE X'08'. CP sees both CPUs (INDICATE USER's frames count each CPU's state
description); FORCE gives every frame back."""
import re

from test_vm import READY, run_suite


def free_frames(m):
    out = m.command("QUERY STORAGE", r"^FRAMES: ")
    line = [l for l in out if l.startswith("FRAMES: ")][-1]
    return int(re.search(r"(\d+) FREE", line).group(1))


def test_smp_guest(machine_class):
    with machine_class(storage_mb=128, timeout=300) as m:
        m.expect(READY, 30)
        before = free_frames(m)
        summary, fails, psw_addr = run_suite(m, "TEST011", "SMP")
        text = "\n".join(l for l in m.log if l.startswith("TEST011 : "))
        assert summary and not fails and psw_addr == "0" * 16, (summary, fails, psw_addr, text)
        assert re.search(r"PASS: .*external call from CPU 1", text), text
        assert re.search(r"PASS: .*DEFINE CPU 02: rc 0", text), text
        m.command("FORCE TEST011", r"^VMCFRC003I TEST011 forced off")
        after = free_frames(m)
        assert after == before, (before, after)
        m.shutdown()
