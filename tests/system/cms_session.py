"""A user's session at a 3270 (an s3270 from tn3270.py), shared by the system tests and the
benchmarks: logging on from the logo screen, waiting for the status area (VM READ, RUNNING,
...), typing CMS commands and editor lines, a new file by EDIT and FILE, logging off. Used by
tests/system/test_cms.py, test_terminal.py, test_vm64disk.py, test_dasd.py and test_link.py,
and by tests/bench/bench_cms.py and bench_terminal.py."""
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


def file_new(t, fn, lines, edits=(), timeout=30):
    """EDIT a new file fn DATA, INPUT its lines, then the editor commands edits (pairs of a
    line and what it must show), FILE it; returns once CMS says Ready;."""
    t.pa(2, wait=20)
    type_line(t, "edit %s data" % fn)
    t.wait_for(r"NEW FILE:[\s\S]*INPUT:", timeout)
    for line in lines:
        edit_line(t, line, re.escape(line))
    edit_line(t, "", r"EDIT:")
    for line, expect in edits:
        edit_line(t, line, expect)
    type_line(t, "file")
    t.wait_for(CMS_READY, timeout)


def logoff(t):
    """LOGOFF from CMS; returns at the logo screen."""
    vm_read(t)
    t.pa(2, wait=20)
    type_line(t, "logoff")
    t.wait_for(LOGO, 60)
