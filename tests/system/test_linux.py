"""Issue 16: Debian 12's s390x Linux boots from a user's reader to a shell, the z/VM way.

tools/linux-fetch.sh gets the kernel (the package linux-image-s390x depends on) and
busybox-static into build/linux-cache (kept between runs); tools/linux-initramfs.py builds the
initramfs. vm64disk copies kernel, parameter file and initramfs onto LINUX01's 191 as F 80
files (the kernel and initramfs binary). LINUX01 logs on to CMS, SPOOLs its punch to its own
reader, PUNCHes the three files with NOHEADER (exact cards) and IPLs 00C CLEAR. Hercules: Linux
boots under SIE with two virtual CPUs (LINUX01 has MACHINE ESA 2) in a region-relocation
zone (LINUX01 has OPTION V=F: INDICATE USER shows V=F and ZONE=) to /init's shell on the
user's 3270; `uname -a` and `cat /proc/cpuinfo` (2 processors) answer at the shell, `#CP QUERY
VIRTUAL CPUS` works while Linux runs, PA1 and BEGIN, SYSTEM RESTART, IPL again, SYSTEM RESET,
and the operator's FORCE of a running Linux gives every frame back. QEMU (trap-and-emulate,
no shadow DAT): the same IPL stops cleanly with VMCDSP455E when Linux turns DAT on.

Under SIE on Hercules it boots to the shell in about 65-120 s (one real CPU, the machine
otherwise idle to busy), with `console=ttyS0` on the virtual 3215. VM64_LINUX_TEST=0 skips it;
LINUX_BOOT_TIMEOUT (seconds) bounds the wait for the prompt.
"""
import contextlib
import os
import re
import subprocess
import tempfile
import time

from cms_session import LOGO, READY, logon_cms, run, status, vm_read, type_line
from machine import ROOT, Skip, only
from tn3270 import Tn3270
from test_vm64disk import SYSTEM_CONFIG, user_mdisk, vm64disk, volume_image
from test_vmp import free_frames

CACHE = os.path.join(ROOT, "build", "linux-cache")
USER = "LINUX01"
# z/VM parameter-file style: one card, blank padded; the loader concatenates the cards.
PARM = "console=ttyS0 loglevel=4 vmhalt=LOGOFF vmpoff=LOGOFF"
PROMPT = r"linux\$ "
BOOT_TIMEOUT = int(os.environ.get("LINUX_BOOT_TIMEOUT", "600"))  # bare: ~34 s


def fetch():
    """(kernel, parm, initramfs) host files, from the cache or downloaded."""
    p = subprocess.run([os.path.join(ROOT, "tools", "linux-fetch.sh"), CACHE],
                       capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stdout + p.stderr
    kernel, busybox = p.stdout.split()[:2]
    initrd = os.path.join(CACHE, "initramfs.gz")
    subprocess.run([os.path.join(ROOT, "tools", "linux-initramfs.py"), busybox, initrd],
                   check=True, timeout=120)
    parm = os.path.join(CACHE, "linux.parm")
    with open(parm, "w") as f:
        f.write(PARM + "\n")
    return kernel, parm, initrd


def prepare(data, kernel, parm, initrd):
    vm64disk("ensure", "--compressed-ckd", SYSTEM_CONFIG, data)
    start, count, volser = user_mdisk(USER, "191")
    img = volume_image(data, volser)
    start, count = str(start), str(count)
    vm64disk("format", img, start, count, "LNX191", "--force")
    vm64disk("copyin", img, start, count, kernel, "LINUX KERNEL", "--binary", "--recfm", "F")
    vm64disk("copyin", img, start, count, parm, "LINUX PARM", "--recfm", "F")
    vm64disk("copyin", img, start, count, initrd, "LINUX INITRD", "--binary", "--recfm", "F")


def punch_and_ipl(t, keep=False):
    """The user's steps; returns the seconds the three PUNCHes took. With keep, the files get
    KEEP before the IPL (z/VM's recipe for IPLing them again: a file read without KEEP is
    purged; Linux's loader, once it has read them, releases the hold KEEP puts them on with
    CHANGE RDR ALL KEEP NOHOLD)."""
    run(t, "cp spool punch to * nohold")
    t0 = time.monotonic()
    for ft in ("KERNEL", "PARM", "INITRD"):
        run(t, "punch linux %s a (noheader" % ft, r"PUN FILE \d+", timeout=600)
    took = time.monotonic() - t0
    text = run(t, "cp query reader all")
    assert len(re.findall(r"LINUX\s+(KERNEL|PARM|INITRD)", text)) == 3, text
    if keep:
        run(t, "cp change rdr all keep", r"0003 FILES CHANGED")
    vm_read(t)
    t.pa(2, wait=20)
    type_line(t, "cp ipl 00c clear")
    return took


def warm_frames(m, t, user=USER):
    """Free frames with CMS's shared segment already in storage (the first logon brings its
    pages in, and they stay for every user): log on and off once, then count."""
    logon_cms(t, user)
    enter_line(t, "#cp logoff")
    t.wait_for(LOGO, 120)
    return free_frames(m)


def wait_paging(t, pattern, timeout):
    """Waits for pattern in what the user's screen has shown, pressing Clear whenever CP holds
    it in MORE... (as a user at the terminal would); the pages cleared away count too.
    Returns the match."""
    deadline = time.monotonic() + timeout
    pages = ""
    while True:
        screen = t.text()
        m = re.search(pattern, pages + screen)
        if m:
            return m
        if time.monotonic() > deadline:
            raise AssertionError("no %r within %ds:\n%s" % (pattern, timeout, pages + screen))
        if t.status_area().startswith(("MORE", "HOLDING")):
            pages += screen
            t.clear()
        time.sleep(0.5)


def shell(t, line, expect, timeout=120):
    """A shell command typed at Linux's console (CP holds the line and presents attention,
    con3215 READs it); waits for expect and the next prompt after it."""
    enter_line(t, line)
    m = wait_paging(t, expect + r"[\s\S]*" + PROMPT, timeout)
    return m.group(0)


@contextlib.contextmanager
def linux01_in_cms(machine_class, timeout, user=USER):
    """A system whose LINUX01 191 holds kernel, parm and initramfs, and a 3270 logged on to
    user's CMS (LINUX01, V=F, or LINUX02, V=V, which links LINUX01's 191); yields (machine,
    terminal). The test ends at the logo screen (logged off); then no frame the user had is
    kept, and the system shuts down."""
    if os.environ.get("VM64_LINUX_TEST") == "0":
        raise Skip("VM64_LINUX_TEST=0: Linux not booted")
    kernel, parm, initrd = fetch()
    with tempfile.TemporaryDirectory(prefix="linux-") as data:
        prepare(data, kernel, parm, initrd)
        with machine_class(terminals=1, storage_mb=384, timeout=timeout, data_dir=data) as m:
            m.expect(READY, 60)
            t = Tn3270(m.tn3270_port, codepage="cp037")
            try:
                before = warm_frames(m, t, user)
                logon_cms(t, user)
                yield m, t
                t.wait_for(LOGO, 120)
            finally:
                t.close()
            time.sleep(2)
            after = free_frames(m)
            assert after >= before, (before, after)  # none kept; CMS's shared pages may vary
            m.shutdown()


def enter_line(t, line):
    """A line typed on a cleared screen: for CP in CP READ, with #CP, or for Linux's shell."""
    t.clear(wait=20)
    t.type(line)
    t.enter(wait=20)


@only("qemu")
def test_linux_under_qemu_stops_cleanly(machine_class):
    """The trap-and-emulate engine has no shadow DAT: Linux's loader and decompressor run, and
    when the kernel turns DAT on CP stops the machine with a message naming the reason, the
    user is in CP READ and can still LOG OFF."""
    with linux01_in_cms(machine_class, 900) as (m, t):
        punch_and_ipl(t)
        wait_paging(t, r"VMCDSP45\d[EW] " + USER, BOOT_TIMEOUT)
        assert "VMCDSP455E %s stopped: DAT not supported" % USER in t.text(), t.dump()
        t.wait_for(r"CP READ", 30)
        enter_line(t, "logoff")


def wait_prompt(m, t, what):
    """Waits for Linux's shell prompt after an IPL (the screen cleared before it, so an old
    prompt cannot count); returns the seconds it took. When it never comes, the operator's
    INDICATE USER shows where the machine is."""
    t0 = time.monotonic()
    try:
        wait_paging(t, PROMPT + r"|VMCDSP45\d[EIW] " + USER, BOOT_TIMEOUT)
    except AssertionError:
        for _ in range(3):
            print("\n".join(m.command("INDICATE USER %s" % USER, r"^PSW=|VMC\w+E", 30)))
            time.sleep(2)
        raise
    finally:
        print("%s: screen after %.0f s:\n%s" % (what, time.monotonic() - t0, t.dump()))
    assert re.search(PROMPT, t.text()), "Linux stopped"
    took = time.monotonic() - t0
    print("%s: IPL to shell prompt: %.1f s" % (what, took))
    return took


@only("hercules")
def test_linux_boots_to_shell(machine_class):
    """Boots Linux, then operates it from CP the way a z/VM user does: PA1 and BEGIN, #CP
    commands, SYSTEM RESTART (Linux's restart action: a disabled wait), IPL again from the
    reader files its loader kept, SYSTEM RESET of a running Linux, and at last the operator's
    FORCE of a running Linux, after which every frame it had is free again."""
    with linux01_in_cms(machine_class, 2400) as (m, t):
        took = punch_and_ipl(t, keep=True)
        print("PUNCH of kernel, parm and initramfs: %.1f s" % took)
        wait_prompt(m, t, "first IPL")
        print(shell(t, "uname -a", r"Linux \S+ 6\.1\.\S+ #1 SMP .* s390x"))
        print(shell(t, "cat /proc/cpuinfo", r"# processors\s*: 2[\s\S]*cpu number\s*: 1"))
        # LINUX01 is OPTION V=F: while Linux runs (no shared segment) SIE relocates it
        # through a zone.
        out = "\n".join(m.command("INDICATE USER %s" % USER, r"^PSW=", 30))
        assert "STOR=128M V=F STATE=" in out and "ZONE=" in out, out
        # #CP while Linux runs.
        enter_line(t, "#cp query virtual cpus")
        wait_paging(t, r"CPU 01 ", 60)
        # PA1: CP READ, both CPUs held; BEGIN: Linux runs on and its shell answers.
        t.clear(wait=20)
        t.pa(1, wait=20)
        status(t, "CP READ", 30)
        enter_line(t, "query virtual cpus")
        wait_paging(t, r"CPU 00 [^\n]*STOPPED[\s\S]*CPU 01 [^\n]*STOPPED", 30)
        enter_line(t, "begin")
        print(shell(t, "echo begin-$((40+2))", r"begin-42"))
        # The three reader files are kept, and not held: Linux's loader released them with
        # CHANGE RDR ALL KEEP NOHOLD (DIAGNOSE X'08').
        enter_line(t, "#cp query reader all")
        # (each line is 82 characters: KEEP wraps to the next row)
        text = wait_paging(t, r"\S+ [^\n]*LINUX\s+KERNEL[\s\S]*LINUX\s+INITRD\s+%s\s+KEEP"
                           % USER, 60).group(0)
        kept = re.findall(r"NONE [^\n]*LINUX\s+(KERNEL|PARM|INITRD)\s+%s\s+KEEP" % USER, text)
        assert len(kept) == 3, text
        # SYSTEM RESTART: Linux's restart action (on_restart, "stop" by default) stops the
        # other CPU and loads a disabled wait.
        enter_line(t, "#cp system restart")
        wait_paging(t, r"VMCDSP450W %s entered disabled wait" % USER, 120)
        status(t, "CP READ", 30)
        found = m.expect(r"VMCDSP450W %s entered disabled wait, PSW \S+ \S+" % USER, 30)
        print("after SYSTEM RESTART: %s" % found.group(0))
        enter_line(t, "query virtual cpus")
        wait_paging(t, r"CPU 00 [^\n]*DISABLED WAIT[\s\S]*CPU 01 [^\n]*STOPPED", 30)
        # IPL again from the kept reader files.
        enter_line(t, "#cp ipl 00c clear")
        wait_prompt(m, t, "IPL after SYSTEM RESTART")
        print(shell(t, "echo again-$((40+3))", r"again-43"))
        # SYSTEM RESET of a running Linux: the machine stops, the user is in CP READ.
        enter_line(t, "#cp system reset")
        wait_paging(t, r"Storage unchanged - system reset", 60)
        status(t, "CP READ", 30)
        enter_line(t, "query virtual cpus")
        wait_paging(t, r"CPU 00 [^\n]*STOPPED[\s\S]*CPU 01 [^\n]*STOPPED", 30)
        # IPL once more, and the operator FORCEs the running Linux: its frames come back
        # (linux01_in_cms checks them after the logo screen).
        enter_line(t, "ipl 00c clear")
        wait_prompt(m, t, "IPL after SYSTEM RESET")
        print(shell(t, "echo force-$((40+4))", r"force-44"))
        out = m.command("FORCE %s" % USER, r"^VMCFRC003I %s forced off" % USER, 60)
        print(out[-1])
