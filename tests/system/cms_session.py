"""A user's session at a 3270 (an s3270 from tn3270.py), shared by the system tests and the
benchmarks: logging on from the logo screen, waiting for the status area (VM READ, RUNNING,
...), and typing CMS commands and editor lines. Used by tests/system/test_cms.py,
test_terminal.py and test_vm64disk.py, and by tests/bench/bench_cms.py and bench_terminal.py."""
import re
import time

READY = r"VMCIPL002I CP ready"
LOGO = r"USERID\s+===>"
CMS_READY = r"(?m)^Ready(;|\((-?\d+)\);)"


def fill_logo(t, user, password=None, timeout=30):
    """Waits for the logo screen and types the userid and password, without pressing Enter."""
    t.wait_for(LOGO, timeout)
    t.type(user)
    t.tab()
    t.type(password or user)


def timed_enter(t, until, timeout=30):
    """Presses Enter and returns the seconds until the screen matches until."""
    start = time.monotonic()
    t.enter()
    t.wait_for(until, timeout, interval=0.01)
    return time.monotonic() - start


def logon_cms(t, user):
    fill_logo(t, user, timeout=60)
    t.enter(wait=30)
    t.wait_for(r"VM/64 CMS", 60)
    t.wait_for(CMS_READY, 60)


def status(t, word, timeout=15, interval=0.1):
    """Waits until the status area (bottom right) starts with word."""
    deadline = time.monotonic() + timeout
    while not t.status_area().startswith(word):
        if time.monotonic() > deadline:
            raise AssertionError("status area never said %r:\n%s" % (word, t.dump()))
        time.sleep(interval)


def vm_read(t, timeout=30, interval=0.05):
    """Waits until CMS has its console read pending (VM READ): a line typed earlier would be
    held for it, but an empty line (Enter alone) means something only to a pending read."""
    status(t, "VM READ", timeout, interval)


def type_line(t, line, timeout=30):
    vm_read(t, timeout)
    if line:
        t.type(line)
    t.enter(wait=timeout)


def run(t, line, expect=None, rc=0, timeout=30):
    """Clears the screen, types a CMS command and waits for its Ready; (or Ready(rc);).
    Returns the screen text between the command and the Ready message."""
    vm_read(t, timeout)
    t.pa(2, wait=timeout)
    type_line(t, line, timeout)
    m = t.wait_for(CMS_READY, timeout)
    text = t.text()
    got = int(m.group(2) or 0)
    assert got == rc, "%r ended with rc %d, wanted %d:\n%s" % (line, got, rc, text)
    if expect:
        assert re.search(expect, text), "%r: no %r in:\n%s" % (line, expect, text)
    return text


def edit_line(t, line, expect, timeout=30):
    """A line typed into the editor (a command or an input line); waits for expect."""
    type_line(t, line, timeout)
    return t.wait_for(expect, timeout)
