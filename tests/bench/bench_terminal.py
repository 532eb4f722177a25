#!/usr/bin/env python3
"""The terminal benchmarks of make bench, with real s3270 sessions:

  1. LOGON: time from Enter on the logo screen to the first screen of the user's session
     (the LOGON AT line), and the ratio to a QUERY TIME round trip on an idle system.
  2. QUERY TIME with 32 sessions logged on and all issuing it at once: p95 response time over
     the idle system's median, with the absolute figures for the record.

Response = from Enter until the keyboard comes back and the answer is on the screen."""
import os
import re
import statistics
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "system"))

import machine  # noqa: E402
from tn3270 import Tn3270  # noqa: E402
from cms_session import fill_logo, timed_enter  # noqa: E402

SESSIONS = 32
ROUNDS = 10


def logon_time(t, user):
    fill_logo(t, user)
    return timed_enter(t, r"LOGON AT", 30)


def query_time(t):
    # PA2 clears the output area first, so the answer is the only "TIME IS" on the screen.
    t.pa(2, wait=30)
    while "TIME IS" in t.text():
        time.sleep(0.01)
    t.type("q time")
    start = time.monotonic()
    t.enter(wait=30)
    while "TIME IS" not in t.text():
        if time.monotonic() - start > 30:
            raise AssertionError("no answer to QUERY TIME:\n" + t.dump())
    return time.monotonic() - start


def cp_response(m, what, which="TRIVIAL"):
    """CP's own figures (INDICATE USER userid, or INDICATE LOAD): the TRIVIAL (or, from
    INDICATE LOAD, ALL) interactions of the last minute, (n, p50, p95, p99) with the times
    in ms, and the counts since IPL or logon (interactions, trivial)."""
    # INDICATE USER ends with PSW=, INDICATE LOAD with INTERACTIONS-.
    out = " ".join(m.command("INDICATE %s" % what,
                             r"^PSW=" if what.startswith("USER") else r"^INTERACTIONS-"))
    r = re.search(r"RESPONSE %s\s+LAST MINUTE: N-(\d+) P50-([\d.]+)MS P95-([\d.]+)MS "
                  r"P99-([\d.]+)MS" % which, out)
    c = re.search(r"INTERACTIONS-(\d+) TRIVIAL-(\d+)", out)
    return (int(r.group(1)), float(r.group(2)), float(r.group(3)), float(r.group(4)),
            int(c.group(1)), int(c.group(2)))


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


def concurrent_rounds(terms, fn, rounds):
    """Runs fn(t) rounds times on every terminal at once (a thread each); all the results."""
    results = []
    lock = threading.Lock()

    def worker(t):
        for _ in range(rounds):
            r = fn(t)
            with lock:
                results.append(r)

    threads = [threading.Thread(target=worker, args=(t,)) for t in terms]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return results


def run(machine_class=machine.Hercules, sessions=SESSIONS):
    with machine_class(terminals=sessions, storage_mb=256, timeout=900) as m:
        m.expect(r"VMCIPL002I", 60)
        terms = [Tn3270(m.tn3270_port) for _ in range(sessions)]
        try:
            first = logon_time(terms[0], "TEST001")
            query_time(terms[0])  # warm up
            idle = [query_time(terms[0]) for _ in range(ROUNDS)]
            cp_idle = cp_response(m, "USER TEST001")
            logons = [first] + [logon_time(t, "TEST%03d" % (i + 2)) for i, t in
                                enumerate(terms[1:])]
            busy = concurrent_rounds(terms, query_time, ROUNDS)
            cp_busy = cp_response(m, "LOAD")
        finally:
            for t in terms:
                t.close()
        m.shutdown(timeout=120)
    idle_med = statistics.median(idle)
    p95 = percentile(busy, 95)
    print("== terminals (%s, %d s3270 sessions)" % (machine_class.name, sessions))
    print("   LOGON, Enter to first screen: median %.3f s, %.1fx an idle QUERY TIME round trip"
          % (statistics.median(logons), statistics.median(logons) / idle_med))
    print("   QUERY TIME p95 with %d sessions at once / idle median: %.1f" % (sessions,
                                                                              p95 / idle_med))
    print("   CP's own figure (INDICATE): idle p50 %.1f ms (n=%d); %d sessions p95 %.1f ms "
          "p99 %.1f ms (n=%d): p95 busy / p50 idle %.1f"
          % (cp_idle[1], cp_idle[0], sessions, cp_busy[2], cp_busy[3], cp_busy[0],
             cp_busy[2] / max(cp_idle[1], 0.1)))
    print("   (record: idle median %.1f ms, busy p95 %.1f ms over %d responses, logon max %.3f s)"
          % (idle_med * 1000, p95 * 1000, len(busy), max(logons)))
    return True


if __name__ == "__main__":
    run()
