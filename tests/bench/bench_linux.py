#!/usr/bin/env python3
"""The Linux boot benchmark of make bench (issue 16): Debian's kernel and the test initramfs IPLed
from a user's reader in a VM/64 virtual machine under SIE, against the same kernel, initramfs
and parameters IPLed bare from a real card reader on the same Hercules, in one run. Both are
timed from the IPL command to /init's first line ("VM64 LINUX INIT") on the console the system
gives Linux: the user's 3270 (3215, ttyS0) in the guest, Hercules' SCLP line-mode console
(ttyS1) bare. Goal: guest / bare <= 1.15. Two guests are timed: LINUX01, OPTION V=F (its
storage fixed in one run of real storage, which SIE relocates through a region-relocation
zone), and LINUX02, the same machine with pageable storage (V=V), whose every guest TLB miss
Hercules also translates through CP's tables.

Each boot is also split in two by what /init's line adds ("uptime U kernel K", K the
timestamp of the kernel's first message, both counted from about the loader's end, where the
decompressor reads the clock first): IPL to the kernel's
first message (the loader reading the reader, the decompressor, early setup: DAT off), and the
kernel from there to /init (DAT on), U - K. Beside it, tests/bench/bench.py's storage-bound
loop (DAT off and on) against its register-only loop is meant to show what part of a ratio is
the emulator's own cost of running a guest's storage accesses under SIE.
Beside wall time each boot reports the CPU time the emulator process used from the IPL to
/init's line (all its threads, /proc/PID/stat): a figure the host's other work disturbs
less than wall time, so the two ratios side by side show how much of a ratio is load.
LINUX_BENCH_PARM replaces the parameters both boots get ("loglevel=4"), e.g. with nr_cpus=1;
LINUX_BENCH_ROUNDS the boots of each (2).
Run alone: python3 tests/bench/bench_linux.py"""
import os
import re
import select
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "system"))

import machine  # noqa: E402
import test_linux  # noqa: E402

INIT_LINE = b"VM64 LINUX INIT"
PHASES = re.compile(r"VM64 LINUX INIT: \S+ uptime ([0-9.]+) kernel +([0-9.]+)")
GOAL = 1.15
TIMEOUT = 900
PARM_OPTIONS = os.environ.get("LINUX_BENCH_PARM", "loglevel=4")
ROUNDS = int(os.environ.get("LINUX_BENCH_ROUNDS", "2"))


def cpu_seconds(pid):
    """User + system CPU seconds process pid has used, all its threads."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bare_boot(kernel, initrd):
    """Seconds from `ipl 00c` to /init's line, Hercules alone with a 3505 holding the three
    files (unit exception after each, as Linux's reader loader wants)."""
    with tempfile.TemporaryDirectory(prefix="linux-bare-") as d:
        parm = os.path.join(d, "parm")
        with open(parm, "wb") as f:  # one EBCDIC card, as CMS PUNCH makes it
            f.write(("console=ttyS1 " + PARM_OPTIONS).ljust(80).encode("cp037"))
        with open(os.path.join(d, "bare.cnf"), "w") as f:
            f.write("CPUSERIAL 000611\nCPUMODEL 2064\nMAINSIZE 128\nNUMCPU 1\n"
                    "ARCHMODE z/Arch\nOSTAILOR QUIET\nPANRATE SLOW\nLDMOD dyngui\n"
                    "000C 3505 %s %s %s ebcdic eof autopad\n" % (kernel, parm, initrd))
        p = subprocess.Popen(["hercules", "-f", "bare.cnf", "-d"], cwd=d, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             preexec_fn=machine.die_with_parent)
        os.set_blocking(p.stdout.fileno(), False)
        out, t0, took, phases, cpu = b"", None, None, None, None
        try:
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline:
                if select.select([p.stdout], [], [], 0.1)[0]:
                    out += p.stdout.read() or b""
                if t0 is None and b"HHCDG001I" in out:
                    time.sleep(1)
                    p.stdin.write(b"ipl 00c\n")
                    p.stdin.flush()
                    t0 = time.monotonic()
                    cpu0 = cpu_seconds(p.pid)
                if t0 is not None and INIT_LINE in out:
                    took = time.monotonic() - t0
                    cpu = cpu_seconds(p.pid) - cpu0
                    time.sleep(0.5)  # the rest of the line
                    out += p.stdout.read() or b""
                    m = PHASES.search(out.decode("latin-1"))
                    phases = split(took, m) if m else None
                    break
        finally:
            p.kill()
            p.wait()
        if took is None or phases is None:
            raise RuntimeError("bare Linux never reached /init:\n%s" % out[-2000:].decode("latin-1"))
        return took, phases, cpu


def guest_boot(user):
    """Seconds from `CP IPL 00C CLEAR` to /init's line on user's 3270 (test_linux's way in)."""
    with test_linux.linux01_in_cms(machine.Hercules, 1800, user) as (m, t):
        test_linux.punch_and_ipl(t)
        t0 = time.monotonic()
        cpu0 = cpu_seconds(m.proc.pid)
        test_linux.wait_paging(t, INIT_LINE.decode(), TIMEOUT)
        took = time.monotonic() - t0
        cpu = cpu_seconds(m.proc.pid) - cpu0
        m = test_linux.wait_paging(t, PHASES.pattern, 60)
        phases = split(took, m)
        test_linux.wait_paging(t, test_linux.PROMPT, 300)
        test_linux.enter_line(t, "#cp logoff")
    return took, phases, cpu


def split(wall, m):
    """(IPL to the kernel's first message, the kernel to /init) seconds, from /init's line."""
    kernel = float(m.group(1)) - float(m.group(2))
    return wall - kernel, kernel


# The guests: LINUX01 (OPTION V=F: fixed storage, relocated by a zone under SIE) and
# LINUX02 (the same machine with pageable storage, V=V: host DAT for every guest TLB miss).
GUESTS = (("V=F", "LINUX01"), ("V=V", "LINUX02"))


def run():
    """ROUNDS boots of each kind, the order reversed every other round (V=F, V=V, bare, then
    bare, V=V, V=F ...) so that a change in the host's other load falls on all alike; each
    ratio is of the best of each kind (as bench.py's)."""
    test_linux.PARM = "console=ttyS0 " + PARM_OPTIONS  # the guest's card; bare_boot writes its own
    kernel, _, initrd = test_linux.fetch()
    kinds = [kind for kind, _ in GUESTS] + ["bare"]
    users = dict(GUESTS)
    boots = {kind: [] for kind in kinds}
    for r in range(ROUNDS):
        for kind in (kinds if r % 2 == 0 else kinds[::-1]):
            boots[kind].append(bare_boot(kernel, initrd) if kind == "bare"
                               else guest_boot(users[kind]))
    bare, bphase, bcpu = min(boots["bare"])
    print("== Linux boot (hercules): IPL to /init, guest under SIE / bare, best of %d" % ROUNDS)
    print("   bare %.1f s (all: %s)" % (bare, " ".join("%.1f" % b[0] for b in boots["bare"])))
    for kind, user in GUESTS:
        guest, gphase, gcpu = min(boots[kind])
        print("   %s guest (%s): ratio %.2f (goal <= %.2f): guest %.1f s (all: %s)"
              % (kind, user, guest / bare, GOAL, guest,
                 " ".join("%.1f" % g[0] for g in boots[kind])))
        print("      the emulator's CPU time in those: %.2f (guest %.1f s, bare %.1f s)"
              % (gcpu / bcpu, gcpu, bcpu))
        for name, g, b in zip(("IPL to the kernel (reader, decompressor: DAT off)",
                               "the kernel to /init (DAT on)"), gphase, bphase):
            print("      %s: %.2f (guest %.1f s, bare %.1f s)" % (name, g / b if b else 0, g, b))


if __name__ == "__main__":
    run()
