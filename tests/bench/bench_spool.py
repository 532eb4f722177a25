#!/usr/bin/env python3
"""The spool benchmarks of make bench (issue 15), one machine per run, every ratio of two
figures measured in the same run:

  1. SENDFILE of a 1 MB file (F 80, 13,107 records) from BENCH to BENCHV's reader, timed at the
     terminal from Enter to Ready;, over COPYFILE of the same file to a new file on BENCH's
     191 (the same bytes read from the minidisk; written to the spool against to the
     minidisk). Best of ROUNDS each.

The data folder is a temporary one: BENCH's 191 is formatted and the file copied in by
build/host/vm64disk before the IPL."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "system"))

import machine  # noqa: E402
from tn3270 import Tn3270  # noqa: E402
from bench_dasd import BENCH_BLOCKS, BENCH_START, READY, VM64DISK, logoff, logon, vm_read  # noqa: E402,E501

RECORDS = 13107  # F 80: 1,048,560 bytes
ROUNDS = 3


def timed(t, line, timeout=300):
    """Types a CMS command on a cleared screen; seconds from Enter to Ready; (SENDFILE's
    informational DMSSND035I is no error, a DMS...E message or Ready(rc) is)."""
    vm_read(t)
    t.pa(2, wait=30)
    vm_read(t)
    t.type(line)
    start = time.monotonic()
    t.enter()
    t.wait_for(READY, timeout, interval=0.005)
    took = time.monotonic() - start
    if re.search(r"Ready\(|DMS\w+E ", t.text()):
        raise AssertionError("%s failed:\n%s" % (line, t.dump()))
    return took


def prepare(data):
    machine.ensure_volumes(data)
    image = os.path.join(data, "VM64U1.fba")
    ext = [image, str(BENCH_START), str(BENCH_BLOCKS)]
    subprocess.run([VM64DISK, "format"] + ext + ["BENCH"], check=True, capture_output=True)
    src = os.path.join(data, "mb.txt")
    with open(src, "w") as f:
        f.write("".join(("record %06d " % i).ljust(80, "x") + "\n" for i in range(RECORDS)))
    subprocess.run([VM64DISK, "copyin"] + ext + [src, "MB DATA", "--recfm", "F",
                                                 "--lrecl", "80"],
                   check=True, capture_output=True)
    os.remove(src)


def run(machine_class=machine.Hercules):
    data = tempfile.mkdtemp(prefix="vm64-bench-spool-")
    try:
        prepare(data)
        with machine_class(terminals=2, storage_mb=256, timeout=1800, data_dir=data) as m:
            m.expect(r"VMCIPL002I", 120)
            t = Tn3270(m.tn3270_port)
            try:
                logon(t, "BENCH")
                sends, copies = [], []
                for i in range(ROUNDS):
                    copies.append(timed(t, "copyfile mb data a mb copy a"))
                    timed(t, "erase mb copy a")
                    sends.append(timed(t, "sendfile mb data a to benchv"))
                logoff(t)
            finally:
                t.close()
            m.shutdown(timeout=120)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    ratio = min(sends) / min(copies)
    print("== spool (%s)" % machine_class.name)
    print("   SENDFILE 1 MB to another user / COPYFILE of it on one minidisk: %.2f" % ratio)
    print("     SENDFILE: %s s; COPYFILE: %s s"
          % (" ".join("%.2f" % x for x in sends), " ".join("%.2f" % x for x in copies)))
    return ratio


if __name__ == "__main__":
    run(machine.Qemu if "qemu" in sys.argv[1:] else machine.Hercules)
