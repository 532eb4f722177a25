#!/usr/bin/env python3
"""The spool benchmarks of make bench (issue 15), one machine per run, every ratio of two
figures measured in the same run:

  1. SENDFILE of a 1 MB file (F 80, 13,107 records) from BENCH to BENCHV's reader, timed at the
     terminal from Enter to Ready;, over COPYFILE of the same file to a new file on BENCH's
     191 (the same bytes read from the minidisk; written to the spool against to the
     minidisk). Best of ROUNDS each.
  2. IPL from the reader of a 0.8 MB program (tests/guest/iplbig.c, the biggest a test guest
     can be: guests end below 1 MB) over the same image IPLed as a named system (IPL IPLBIG),
     each timed at the operator's console from XAUTOLOG to the guest's SUMMARY line. The IPL
     deck (test_spool.py's ipl_deck: 80-byte cards, a CCW card before every nine program cards)
     is on BENCH's 191 too; BENCH PUNCHes it (NOHEADER) to the reader of a TEST user before
     each round, untimed. Best of ROUNDS each.

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
from test_spool import ipl_deck  # noqa: E402
from tn3270 import Tn3270  # noqa: E402
from bench_dasd import BENCH_BLOCKS, BENCH_START, READY, VM64DISK, logoff, logon, vm_read  # noqa: E402,E501

RECORDS = 13107  # F 80: 1,048,560 bytes
ROUNDS = 5


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
    for l in t.text().splitlines():
        if "SPT" in l:
            print(l)
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
    with open(os.path.join(machine.BUILD, "guest", "iplbig.bin"), "rb") as f:
        deck = ipl_deck(f.read())
    src = os.path.join(data, "deck.bin")
    with open(src, "wb") as f:
        f.write(b"".join(deck))
    subprocess.run([VM64DISK, "copyin"] + ext + [src, "IPLBIG DECK", "--binary", "--recfm", "F",
                                                 "--lrecl", "80"],
                   check=True, capture_output=True)
    os.remove(src)
    return len(deck)


def timed_ipl(m, user, what):
    """Seconds from XAUTOLOG user IPL what to the guest's SUMMARY line (no failures)."""
    start = time.monotonic()
    m.command("XAUTOLOG %s IPL %s STORAGE 4M" % (user, what), r"^VMC(XAU002I|...\d{3}E)")
    lines = m.lines_until(r"^%s\s*: .*SUMMARY:" % user, 300)
    took = time.monotonic() - start
    if not re.search(r"SUMMARY: 1 tests, 0 unexpected failures", lines[-1]):
        raise AssertionError("IPL %s: %s" % (what, "\n".join(lines)))
    m.command("FORCE %s" % user, r"^VMCFRC003I")
    return took


def run(machine_class=machine.Hercules):
    data = tempfile.mkdtemp(prefix="vm64-bench-spool-")
    try:
        cards = prepare(data)
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
                m.command("PURGE BENCHV RDR ALL", r"FILES PURGED")
                rdr, nss = [], []
                for i in range(ROUNDS):
                    user = "TEST%03d" % (i + 1)
                    timed(t, "cp spool punch to %s" % user)
                    timed(t, "punch iplbig deck a (noheader", 600)
                    rdr.append(timed_ipl(m, user, "00C"))
                    nss.append(timed_ipl(m, "TEST%03d" % (i + 11), "IPLBIG"))
                timed(t, "cp spool punch to *")
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
          % (" ".join("%.3f" % x for x in sends), " ".join("%.3f" % x for x in copies)))
    ipl = min(rdr) / min(nss)
    print("   IPL of a 0.8 MB program from the reader (%d cards) / as a named system: %.2f"
          % (cards, ipl))
    print("     reader: %s s; named system: %s s"
          % (" ".join("%.3f" % x for x in rdr), " ".join("%.3f" % x for x in nss)))
    return ratio, ipl


if __name__ == "__main__":
    run(machine.Qemu if "qemu" in sys.argv[1:] else machine.Hercules)
