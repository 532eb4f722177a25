#!/usr/bin/env python3
"""Where a trivial CMS interaction's time goes (issue 17), by CP's own TOD stamps: INDICATE
RESPONSE after USER01 alone types QUERY TIME 20 times, then after all the users type it
ROUNDS times at once, their first Enters together and then thinking first as bench_sched's
users do, optionally with CPU-bound loopers.
A lighter companion of bench_sched.py for reading the phase split.
Run: python3 tests/bench/bench_phases.py [qemu] [users=N] [rounds=N] [loopers=N]."""
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "system"))

import machine  # noqa: E402
from bench_cms import query_time  # noqa: E402
from bench_terminal import concurrent_rounds  # noqa: E402
from bench_sched import THINK, cms_users, query_time_light, timed_query_time  # noqa: E402


def phases(m, title):
    out = m.command("INDICATE RESPONSE", r"^EVENTLAG ")
    print("== %s" % title)
    for line in out:
        if line.strip():
            print("   " + line.strip())
    sys.stdout.flush()
    m.command("INDICATE RESPONSE RESET", r"RESPONSE PHASES RESET")


def query_time_sync(t):
    """bench_sched's command as it was: think after the command, so the first round's 32
    Enters come in the same millisecond."""
    took = timed_query_time(t)
    time.sleep(random.uniform(*THINK))
    return took


def main():
    opts = dict(a.split("=") for a in sys.argv[1:] if "=" in a)
    users = int(opts.get("users", 32))
    rounds = int(opts.get("rounds", 5))
    loopers = int(opts.get("loopers", 0))
    mc = machine.Qemu if "qemu" in sys.argv[1:] else machine.Hercules
    with cms_users(mc, users) as (m, terms):
        m.command("INDICATE RESPONSE RESET", r"RESPONSE PHASES RESET")
        for _ in range(20):
            query_time(terms[0])
        phases(m, "idle: USER01 alone, 20 x q time")
        t0 = time.monotonic()
        concurrent_rounds(terms, query_time_sync, rounds)
        phases(m, "%d users, the first Enters in the same ms, %d rounds (%.1f s)"
               % (users, rounds, time.monotonic() - t0))
        concurrent_rounds(terms, query_time_light, rounds)
        phases(m, "%d users thinking before each command (bench_sched), %d rounds"
               % (users, rounds))
        if loopers:
            for i in range(loopers):
                m.command("XAUTOLOG TEST%03d IPL LOOP STORAGE 1M" % (101 + i),
                          r"^VMC(XAU002I|...\d{3}E)")
            time.sleep(2)
            m.command("INDICATE RESPONSE RESET", r"RESPONSE PHASES RESET")
            concurrent_rounds(terms, query_time_sync, rounds)
            phases(m, "%d users + %d loopers, first Enters together, %d rounds"
                   % (users, loopers, rounds))
            concurrent_rounds(terms, query_time_light, rounds)
            phases(m, "%d users + %d loopers, thinking first, %d rounds"
                   % (users, loopers, rounds))


if __name__ == "__main__":
    main()
