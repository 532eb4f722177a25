"""SYSTEM RESTART, the restart key of a virtual machine, on both machines: a user at a 3270
IPLs tests/guest/restart.c, which takes a restart interruption from its own DIAGNOSE X'08'
SYSTEM RESTART, then waits three times for its user's: #CP SYSTEM RESTART while it sits in an
enabled wait (it runs on), SYSTEM RESTART in CP READ after a disabled wait (VMCDSP450W; the
machine runs again, not CP READ), and after it stopped its CPU with SIGP stop. The guest
checks each restart old PSW (real X'120') and reports; it must end with no failure. Before
that, SYSTEM RESTART of a machine never IPLed (a zero restart new PSW) ends in a program
interruption loop CP stops."""
import re
import time

from cms_session import LOGO, READY, status
from tn3270 import Tn3270
from test_terminal import cmd, logon, output_area

USER = "TEST027"


def step(t, line, until, timeout=30):
    """A line typed on a cleared screen once the guest waits for it; returns the match."""
    time.sleep(0.5)  # the guest printed its line just before it loads its wait PSW
    t.clear(wait=20)
    return cmd(t, line, until, timeout)


def test_system_restart(machine_class):
    with machine_class(terminals=1, storage_mb=128, timeout=300) as m:
        m.expect(READY, 60)
        with Tn3270(m.tn3270_port) as t:
            logon(t, USER)
            status(t, "CP READ")
            # Before any IPL the restart new PSW is zeros: the machine runs into a program
            # interruption loop that CP stops (as a real machine would loop); CP READ again.
            cmd(t, "system restart", r"VMCDSP454E %s stopped: program interruption loop" % USER)
            status(t, "CP READ")
            t.clear(wait=20)
            cmd(t, "ipl restart", r"enabled wait: waiting for SYSTEM RESTART", 30)
            text = "\n".join(t.screen())
            assert "PASS: restart: DIAG X'08' SYSTEM RESTART: old PSW" in text, t.dump()
            status(t, "RUNNING")
            # #CP while it waits enabled: it runs on (no CP READ) into its disabled wait.
            step(t, "#cp system restart", r"disabled wait: waiting for SYSTEM RESTART")
            output_area(t, r"VMCDSP450W %s entered disabled wait" % USER)
            status(t, "CP READ")
            text = "\n".join(t.screen())
            assert "PASS: restart: enabled wait: old PSW" in text, t.dump()
            # In CP READ after the disabled wait: the machine runs again and stops itself.
            step(t, "system restart", r"SIGP stop to itself: waiting for SYSTEM RESTART")
            assert "PASS: restart: disabled wait: old PSW" in "\n".join(t.screen()), t.dump()
            status(t, "CP READ")
            # The stopped CPU starts with the restart and finishes.
            found = step(t, "system restart", r"SUMMARY: (\d+) tests, (\d+) unexpected failures")
            text = "\n".join(t.screen())
            assert "PASS: restart: SIGP stop to itself: old PSW" in text, t.dump()
            assert found.group(2) == "0" and "FAIL:" not in text, t.dump()
            output_area(t, r"EXIT: STATUS=0")
            # Check stop is refused by unit test (tests/unit/test_route.c); here the end.
            step(t, "logoff", LOGO)
        m.shutdown()
