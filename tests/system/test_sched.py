"""Issue 17: scheduling for interactive users (cp/vm/sched.c). Eight CPU-bound guests (LOOP)
with different SET SHARE values beside four CMS users typing commands: the CMS users keep
getting answers and each one's INDICATE USER shows CP's response-time figure; the loopers'
CPU time (TTIME, what the dispatcher charges and shares) over the measurement window is split
by their shares within 10%; QUERY SHARE and INDICATE QUEUES show the shares and queues.
A user whose directory entry has SHARE RELATIVE 300 (TEST099) starts with it at every logon."""
import re
import threading
import time

from cms_session import logon_cms, run
from tn3270 import Tn3270
from test_vm import indicate_times, xautolog

READY = r"VMCIPL002I CP ready"

# (user, SET SHARE operands, expected fraction of the loopers' CPU): the ABSOLUTE 20% user
# gets a fifth, the RELATIVE ones split the other 80% in proportion (sum 1600).
LOOPERS = [
    ("TEST041", "RELATIVE 100", 0.05),
    ("TEST042", "RELATIVE 100", 0.05),
    ("TEST043", "RELATIVE 200", 0.10),
    ("TEST044", "RELATIVE 200", 0.10),
    ("TEST045", "RELATIVE 300", 0.15),
    ("TEST046", "RELATIVE 300", 0.15),
    ("TEST047", "RELATIVE 400", 0.20),
    ("TEST048", "ABSOLUTE 20%", 0.20),
]
CMS_USERS = ["USER%02d" % i for i in range(1, 5)]
WINDOW = 20  # seconds of measurement
# Seconds a CMS user thinks between commands: without it four users typing flat out take most
# of the CPU (they come first), and the loopers' small remainder measures their split poorly.
THINK = 0.2


def test_shares_and_interactive_users(machine_class):
    with machine_class(terminals=len(CMS_USERS), storage_mb=128, timeout=300) as m:
        m.expect(READY, 60)
        terms = [Tn3270(m.tn3270_port) for _ in CMS_USERS]
        errors, counts, indicated = [], {}, {}
        stop = threading.Event()

        def session(t, user):
            try:
                logon_cms(t, user)
                n = 0
                while not stop.is_set():
                    run(t, "q time", r"CONNECT=", timeout=60)
                    time.sleep(THINK)
                    run(t, "query disk", r"191", timeout=60)
                    time.sleep(THINK)
                    n += 2
                counts[user] = n
                indicated[user] = run(t, "cp indicate user %s" % user.lower(),
                                      r"INTERACTIONS-", timeout=60)
            except Exception as e:  # reported below, with the user
                errors.append("%s: %s" % (user, e))

        try:
            for user, share, _ in LOOPERS:
                xautolog(m, user, "LOOP", "1M")
                m.command("SET SHARE %s %s" % (user, share), r"^%s\s+: \w+ SHARE" % user)
                out = m.command("QUERY SHARE %s" % user, r"^%s\s+: \w+ SHARE" % user)
                assert "%-8s : %s SHARE = %s" % ((user,) + tuple(share.split())) in out[-1], out
            threads = [threading.Thread(target=session, args=(t, u))
                       for t, u in zip(terms, CMS_USERS)]
            for th in threads:
                th.start()
            time.sleep(3)
            before = {u: indicate_times(m, u) for u, _, _ in LOOPERS}
            time.sleep(WINDOW)
            after = {u: indicate_times(m, u) for u, _, _ in LOOPERS}
            queues = m.command("INDICATE QUEUES", r"^Q0-\d+ Q1-")
            stop.set()
            for th in threads:
                th.join(180)
            assert not errors, "\n\n".join(errors)
            # Where the CMS users' interactions went, step by step (cp/phase.h).
            phases = m.command("INDICATE RESPONSE", r"^EVENTLAG ")
        finally:
            stop.set()
            for t in terms:
                t.close()

        # The loopers' CPU: each one's charge rate over its own window, as a fraction of
        # them all (what the CMS users and CP took is in no looper's figure).
        rate = {u: (after[u]["TTIME"] - before[u]["TTIME"]) /
                (after[u]["CTIME"] - before[u]["CTIME"]) for u, _, _ in LOOPERS}
        total = sum(rate.values())
        got = {u: rate[u] / total for u in rate}
        text = ", ".join("%s %s %.3f (want %.2f)" % (u, s, got[u], w) for u, s, w in LOOPERS)
        print("SHARES[%s]: loopers' CPU %.2f of one CPU; %s" % (m.name, total, text))
        resp = {}
        for user in CMS_USERS:
            mm = re.search(r"RESPONSE TRIVIAL LAST MINUTE: N-(\d+) P50-([\d.]+)MS "
                           r"P95-([\d.]+)MS", indicated[user])
            assert mm, indicated[user]
            resp[user] = (int(mm.group(1)), float(mm.group(2)), float(mm.group(3)))
        print("RESPONSE[%s]: %s; commands %s" % (m.name, resp, counts))
        # Every looper is in a queue, with its share; the CMS users are in theirs or waiting.
        for user, share, _ in LOOPERS:
            pat = r"^%s\s+Q[123] RQ? %s$" % (user, re.escape(share.split()[0] + " " +
                                                           share.split()[1]))
            assert any(re.match(pat, l) for l in queues), (pat, queues)
        m.shutdown(timeout=60)
        print("PHASES[%s]:\n%s" % (m.name, "\n".join(phases)))
        # The CMS users' trivial commands went through every step, the guest's included.
        for step in ("ATTN>TAKEN", "READ", "READ>GUEST", "GUEST", "GUEST>WRITE", "WRITE",
                     "TOTAL", "POLL", "RUN"):
            line = [l for l in phases if l.split()[:1] == [step]]
            assert line and int(line[0].split()[1]) > 0, (step, phases)
        for user, share, want in LOOPERS:
            assert abs(got[user] - want) <= 0.1 * want, text
        for user in CMS_USERS:
            n, p50, p95 = resp[user]
            assert n > 0 and p95 > 0, (user, indicated[user])
            assert counts[user] >= 4, counts


def test_directory_share_at_logon(machine_class):
    """TEST099's directory entry says SHARE RELATIVE 300 (cp/dir/USER.DIRECT): QUERY SHARE and
    INDICATE USER show it after XAUTOLOG; SET SHARE changes it; the next logon starts from the
    directory's value again. A user without SHARE has RELATIVE 100."""
    with machine_class(timeout=120) as m:
        m.expect(READY, 60)
        xautolog(m, "TEST099", "LOOP", "1M")
        out = m.command("QUERY SHARE TEST099", r"^TEST099\s+: \w+ SHARE")
        assert out[-1].strip() == "TEST099  : RELATIVE SHARE = 300", out
        out = m.command("INDICATE USER TEST099", r"^PSW=")
        assert any(re.match(r"^SHARE=RELATIVE 300 QUEUE=Q[123]$", l) for l in out), out
        m.command("SET SHARE TEST099 ABSOLUTE 5%", r"^TEST099\s+: ABSOLUTE SHARE = 5%")
        out = m.command("INDICATE USER TEST099", r"^PSW=")
        assert any(re.match(r"^SHARE=ABSOLUTE 5% QUEUE=Q[123]$", l) for l in out), out
        m.command("FORCE TEST099", r"^VMCFRC003I TEST099 forced off")
        xautolog(m, "TEST099", "LOOP", "1M")
        out = m.command("QUERY SHARE TEST099", r"^TEST099\s+: \w+ SHARE")
        assert out[-1].strip() == "TEST099  : RELATIVE SHARE = 300", out
        xautolog(m, "TEST098", "LOOP", "1M")
        out = m.command("QUERY SHARE TEST098", r"^TEST098\s+: \w+ SHARE")
        assert out[-1].strip() == "TEST098  : RELATIVE SHARE = 100", out
        m.shutdown(timeout=60)
