#!/usr/bin/env python3
"""The real-DASD benchmarks of make bench (issue 14), one machine per run, every ratio of two
figures measured in the same run:

  1. A 4 MB CMS file read and written sequentially on a real minidisk (COPYFILE of a 4 MB
     file on BENCH's 191 to a new file on the same disk: 4 MB read, 4 MB written), timed at
     the terminal from Enter to Ready;, against CP's raw device throughput for the same bytes
     (the operator's DASD BENCH VM64U1 8192: 4 MB written and read back by CP itself in 32 KB
     transfers on free blocks of the same volume). Ratio = raw time / CMS time, goal >= 0.7.
  2. LOGON to Ready; with a real 12 MB A-disk (BENCH) over the same with a 12 MB V-DISK
     (BENCHV, formatted by CMS at every LOGON), medians of ROUNDS each. Goal <= 1.2.

The data folder is a temporary one: BENCH's 191 is formatted and the 4 MB file copied in by
build/host/vm64disk before the IPL."""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "system"))

import machine  # noqa: E402
from tn3270 import Tn3270  # noqa: E402

VM64DISK = os.path.join(machine.BUILD, "host", "vm64disk")
BENCH_START, BENCH_BLOCKS = 147456, 24576  # BENCH's 191 on VM64U1 (cp/dir/USER.DIRECT)
FILE_BYTES = 4 << 20
LRECL = 4096
ROUNDS = 3
READY = r"(?m)^Ready(;|\(-?\d+\);)"
LOGO = r"USERID\s+===>"


def vm_read(t, timeout=60):
    deadline = time.monotonic() + timeout
    while not t.status_area().startswith("VM READ"):
        if time.monotonic() > deadline:
            raise AssertionError("never VM READ:\n" + t.dump())
        time.sleep(0.01)


def timed(t, line, timeout=300):
    """Types a CMS command on a cleared screen; seconds from Enter to Ready;."""
    vm_read(t)
    t.pa(2, wait=30)
    vm_read(t)
    t.type(line)
    start = time.monotonic()
    t.enter()
    t.wait_for(READY, timeout, interval=0.005)
    took = time.monotonic() - start
    if re.search(r"Ready\(", t.text()) or "DMS" in t.text():
        raise AssertionError("%s failed:\n%s" % (line, t.dump()))
    return took


def logon(t, user):
    t.wait_for(LOGO, 60)
    t.type(user)
    t.tab()
    t.type(user)
    start = time.monotonic()
    t.enter()
    t.wait_for(READY, 120, interval=0.005)
    took = time.monotonic() - start
    vm_read(t)
    return took


def logoff(t):
    vm_read(t)
    t.pa(2, wait=30)
    vm_read(t)
    t.type("logoff")
    t.enter()
    t.wait_for(LOGO, 60)


def raw(m):
    out = " ".join(m.command("DASD BENCH VM64U1 8192", r"^(VM64U1 \w+ BLOCKS|VMC\w+E)", 300))
    g = re.search(r"WRITE (\d+) US READ (\d+) US", out)
    if not g:
        raise AssertionError("DASD BENCH: " + out)
    return int(g.group(1)) / 1e6, int(g.group(2)) / 1e6


def prepare(data):
    machine.ensure_volumes(data)
    image = os.path.join(data, "VM64U1.fba")
    ext = [image, str(BENCH_START), str(BENCH_BLOCKS)]
    subprocess.run([VM64DISK, "format"] + ext + ["BENCH"], check=True, capture_output=True)
    src = os.path.join(data, "big.bin")
    with open(src, "wb") as f:
        f.write(os.urandom(FILE_BYTES))
    subprocess.run([VM64DISK, "copyin"] + ext + [src, "BIG DATA", "--binary", "--recfm", "F",
                                                 "--lrecl", str(LRECL)],
                   check=True, capture_output=True)
    os.remove(src)


def run(machine_class=machine.Hercules):
    data = tempfile.mkdtemp(prefix="vm64-bench-data-")
    try:
        prepare(data)
        with machine_class(terminals=2, storage_mb=256, timeout=1800, data_dir=data) as m:
            m.expect(r"VMCIPL002I", 120)
            time.sleep(1)
            raws = [raw(m)]
            t = Tn3270(m.tn3270_port)
            try:
                logon(t, "BENCH")
                copies = []
                for i in range(ROUNDS):
                    copies.append(timed(t, "copyfile big data a big copy a"))
                    timed(t, "erase big copy a")
                raws.append(raw(m))
                logoff(t)
                real_logons, vdisk_logons = [], []
                for i in range(ROUNDS):
                    real_logons.append(logon(t, "BENCH"))
                    logoff(t)
                    vdisk_logons.append(logon(t, "BENCHV"))
                    logoff(t)
            finally:
                t.close()
            m.shutdown(timeout=120)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    w = statistics.mean(r[0] for r in raws)
    r = statistics.mean(r[1] for r in raws)
    cms = min(copies)
    ratio = (w + r) / cms
    lr = statistics.median(real_logons) / statistics.median(vdisk_logons)
    mb = FILE_BYTES / 1e6
    print("== real DASD (%s)" % machine_class.name)
    print("   4 MB CMS file read + written on a minidisk / CP raw DASD for the same bytes: %.2f "
          "(goal >= 0.7)%s" % (ratio, "" if ratio >= 0.7 else "  MISSED"))
    print("     CMS COPYFILE 4 MB: %s s (best %.2f s, %.2f MB/s each way)"
          % (" ".join("%.2f" % c for c in copies), cms, mb / cms))
    print("     CP DASD BENCH 8192 blocks: write %s s, read %s s (%.2f / %.2f MB/s)"
          % ("/".join("%.2f" % x[0] for x in raws), "/".join("%.2f" % x[1] for x in raws),
             mb / w, mb / r))
    print("   LOGON to Ready;, real 12 MB A-disk / 12 MB V-DISK: %.2f (goal <= 1.2)%s"
          % (lr, "" if lr <= 1.2 else "  MISSED"))
    print("     real: %s ms; V-DISK: %s ms"
          % (" ".join("%.0f" % (x * 1000) for x in real_logons),
             " ".join("%.0f" % (x * 1000) for x in vdisk_logons)))
    return ratio, lr


if __name__ == "__main__":
    run(machine.Qemu if "qemu" in sys.argv[1:] else machine.Hercules)
