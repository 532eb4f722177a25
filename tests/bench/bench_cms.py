#!/usr/bin/env python3
"""The CMS benchmarks of make bench (issue 5), on one machine per run:

  1. Real storage: private real storage per idle CMS user (INDICATE USER: the user's own
     frames, CP's tables for it included, its V-DISK apart), and the real storage the system
     uses in total for 1, 10 and 100 logged-on idle CMS users (QUERY STORAGE's free frames
     before and after, so the shared CMS segment counts once). Goal: <= 64 KB private per
     idle user, so 1,000 users fit in 256 MB.
  2. LOGON to Ready;: from Enter on the logo screen until CMS says Ready;, as a ratio to a
     CMS QUERY TIME round trip on the idle system.
  3. QUERY TIME from CMS (passed to CP by DIAGNOSE X'08'), round trip with 1 user and p95
     with 32 CMS users issuing it at once, over the 1-user median.

Users 1-32 log on at s3270 sessions (USER01-USER32, each with a V-DISK); users 33-100 are
XAUTOLOGged (TEST001-TEST068, IPL CMS; TEST001-010 have a V-DISK too)."""
import os
import re
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "system"))

import machine  # noqa: E402
from tn3270 import Tn3270  # noqa: E402
from cms_session import fill_logo, timed_enter, vm_read  # noqa: E402
from bench_terminal import concurrent_rounds, cp_response, percentile  # noqa: E402

SESSIONS = 32
ROUNDS = 10
READY = r"(?m)^Ready(;|\(-?\d+\);)"


def free_kb(m):
    out = m.command("QUERY STORAGE", r"^FRAMES: ")
    return int(re.search(r"(\d+) FREE", out[-1]).group(1)) * 4


def wait_vm_read(t, timeout=60):
    vm_read(t, timeout, interval=0.01)


def logon_to_ready(t, user):
    fill_logo(t, user, timeout=60)
    took = timed_enter(t, READY, 60)
    wait_vm_read(t)
    return took


def query_time(t):
    wait_vm_read(t)
    t.pa(2, wait=30)
    while "TIME IS" in t.text():
        time.sleep(0.01)
    wait_vm_read(t)
    t.type("q time")
    start = time.monotonic()
    # CP answers a line the guest takes in one write that also unlocks the keyboard (unless
    # the guest runs longer than CP holds the echo): wait for the unlock, then for the text.
    t.enter(wait=30)
    while not re.search(r"TIME IS[\s\S]*Ready;", t.text()):
        if time.monotonic() - start > 30:
            raise AssertionError("no answer to QUERY TIME:\n" + t.dump())
        time.sleep(0.005)
    return time.monotonic() - start


def indicate(m, user):
    out = " ".join(m.command("INDICATE USER %s" % user, r"^PSW="))
    pages = re.search(r"RES=(\d+) TABLES=(\d+) VDISK=(\d+) SHARED=(\d+) REAL=(\d+)K", out)
    res, tables, vdisk, shared, real = (int(x) for x in pages.groups())
    # REAL counts the V-DISK's frames too: the guest's own storage is the rest.
    return real - vdisk * 4, vdisk * 4, shared


def run(machine_class=machine.Hercules, sessions=SESSIONS):
    with machine_class(terminals=sessions, storage_mb=512, timeout=1200) as m:
        m.expect(r"VMCIPL002I", 60)
        time.sleep(1)
        free0 = free_kb(m)
        terms = [Tn3270(m.tn3270_port) for _ in range(sessions)]
        try:
            first = logon_to_ready(terms[0], "USER01")
            time.sleep(1)
            real1, vdisk1, shared1 = indicate(m, "USER01")
            total1 = free0 - free_kb(m)
            query_time(terms[0])  # warm up
            idle = [query_time(terms[0]) for _ in range(ROUNDS)]
            cp_idle = cp_response(m, "USER USER01")
            logons = [first] + [logon_to_ready(t, "USER%02d" % (i + 2))
                                for i, t in enumerate(terms[1:10])]
            auto = 0

            def xautolog_to(users):
                nonlocal auto
                while min(sessions, 10 if users == 10 else sessions) + auto < users:
                    auto += 1
                    m.command("XAUTOLOG TEST%03d IPL CMS" % auto, r"^VMC(XAU002I|...\d{3}E)")
                if auto:
                    m.expect(r"TEST%03d\s*: Ready;" % auto, 120)
                time.sleep(2)

            xautolog_to(10)
            total10 = free0 - free_kb(m)
            logons += [logon_to_ready(t, "USER%02d" % (i + 11)) for i, t in
                       enumerate(terms[10:])]
            xautolog_to(100)
            total100 = free0 - free_kb(m)
            real_test, vdisk_test, _ = indicate(m, "TEST001")
            busy = concurrent_rounds(terms, query_time, ROUNDS)
            cp_busy = cp_response(m, "LOAD")
            cp_all = cp_response(m, "LOAD", "ALL")
        finally:
            for t in terms:
                t.close()
        m.shutdown(timeout=120)
    idle_med = statistics.median(idle)
    p95 = percentile(busy, 95)
    print("== CMS (%s)" % machine_class.name)
    print("   private real storage per idle CMS user: %d KB (goal <= 64 KB, %s); its V-DISK "
          "%d KB more (TEST001: %d KB)" % (real1, "met" if real1 <= 64 else "missed",
                                         vdisk1, real_test))
    print("   shared CMS segment: %d pages mapped by each user, in real storage once" % shared1)
    print("   total real storage in use: 1 user %d KB, 10 users %d KB, 100 users %d KB "
          "(%.1f KB per user over the first)" % (total1, total10, total100,
                                                 (total100 - total1) / 99.0))
    print("   LOGON to Ready;: median %.1fx a CMS QUERY TIME round trip"
          % (statistics.median(logons) / idle_med))
    print("   QUERY TIME from CMS, p95 with %d users at once / 1-user median: %.1f"
          % (sessions, p95 / idle_med))
    print("   CP's own figure (INDICATE, trivial interactions, Enter to the answer's write):"
          " 1 user p50 %.1f ms p95 %.1f ms (n=%d); %d users at once p95 %.1f ms p99 %.1f ms"
          " (n=%d): p95 busy / p50 idle %.1f" % (cp_idle[1], cp_idle[2], cp_idle[0], sessions,
                                                cp_busy[2], cp_busy[3], cp_busy[0],
                                                cp_busy[2] / max(cp_idle[1], 0.1)))
    print("   CP's own figure, every interaction of the busy minute (trivial or not): p50 %.1f ms "
          "p95 %.1f ms p99 %.1f ms (n=%d; since IPL %d interactions, %d trivial)"
          % (cp_all[1], cp_all[2], cp_all[3], cp_all[0], cp_all[4], cp_all[5]))
    print("   (record: 1-user QUERY TIME median %.1f ms, busy p95 %.1f ms, LOGON median %.0f ms)"
          % (idle_med * 1000, p95 * 1000, statistics.median(logons) * 1000))
    return True


if __name__ == "__main__":
    run(machine.Qemu if "qemu" in sys.argv[1:] else machine.Hercules,
        SESSIONS)
