"""Issue 14: files in and out from the host with vm64disk, end to end. On the host, vm64disk
formats USER01's 191 minidisk extent on its volume image and copies a text file in; CMS
(under CP, on either machine) TYPEs it, EDITs a new file and FILEs it; after SHUTDOWN
vm64disk copies the new file out and it is what the user typed, and the file system checks
clean.

The volumes are made by `vm64disk ensure` in a data folder of the test's own and given to the
emulator (Hercules: FBA 9336; QEMU: virtio-blk-ccw, CP's virtio-blk driver). The host half
(format, copyin, check, list with the built tool) also runs on a plain image first. The
record-level proof that the tool writes what CMS reads is in tests/unit/test_vm64disk.c.
"""
import os
import re
import subprocess
import tempfile

from machine import BUILD, ROOT
from tn3270 import Tn3270
from cms_session import READY, file_new, logon_cms, run, type_line

TOOL = os.path.join(BUILD, "host", "vm64disk")
DIRECTORY = os.path.join(ROOT, "cp", "dir", "USER.DIRECT")
SYSTEM_CONFIG = os.path.join(ROOT, "cp", "dir", "SYSTEM.CONFIG")
HOST_TEXT = "From the host: [brackets] ^caret {braces}\n\tand a tab\nlast line\n"
TYPED = ["Typed in CMS EDIT", "second [line]"]


def vm64disk(*args, check=True):
    p = subprocess.run([TOOL] + list(args), capture_output=True, text=True, timeout=60)
    if check and p.returncode:
        raise AssertionError("vm64disk %s: rc %d\n%s%s" % (" ".join(args), p.returncode,
                                                          p.stdout, p.stderr))
    return p


def user_mdisk(user, vdev):
    """(start, count, volser) of user's MDISK vdev FB-512 in the default directory, or None."""
    current = None
    with open(DIRECTORY) as f:
        for line in f:
            w = line.split()
            if not w or w[0].startswith("*"):
                continue
            if w[0].upper() == "USER":
                current = w[1].upper()
            elif current == user and w[0].upper() == "MDISK" and w[1].upper() == vdev:
                if len(w) >= 6 and w[2].upper() == "FB-512" and w[3].isdigit():
                    return int(w[3]), int(w[4]), w[5].upper()
                return None
    return None


def volume_image(data, volser):
    """The image in data whose VOL1 label (FBA block 1, EBCDIC) names volser."""
    # Python has no cp1047 codec; for A-Z and 0-9 it is the same as cp037.
    want = ("VOL1" + volser).encode("cp037")
    for name in sorted(os.listdir(data)):
        path = os.path.join(data, name)
        with open(path, "rb") as f:
            f.seek(512)
            if f.read(len(want)) == want:
                return path
    return None


def host_half(img, start, count):
    """Format, copy in, check and list with the built tool; returns the host file's path."""
    vm64disk("format", img, str(start), str(count), "USR191", "--force")
    host = os.path.join(os.path.dirname(img), "host.txt")
    with open(host, "w", encoding="latin-1") as f:
        f.write(HOST_TEXT)
    vm64disk("copyin", img, str(start), str(count), host, "HOST DATA")
    assert "clean" in vm64disk("check", img, str(start), str(count)).stdout
    listing = vm64disk("list", img, str(start), str(count)).stdout
    assert re.search(r"HOST\s+DATA\s+V\s+\d+\s+3\s", listing), listing
    return host


def test_vm64disk_host_and_cms(machine_class):
    with tempfile.TemporaryDirectory(prefix="vm64disk-sys-") as data:
        # The host half always runs: on a plain image if there are no volumes yet.
        scratch = os.path.join(data, "scratch.img")
        with open(scratch, "wb") as f:
            f.truncate(4096 * 512)
        host_half(scratch, 100, 2048)
        os.unlink(scratch)

        ext = user_mdisk("USER01", "191")
        assert ext, "USER01's 191 is not an MDISK FB-512 on a volume in %s" % DIRECTORY
        start, count, volser = ext
        vm64disk("ensure", "--compressed-ckd", SYSTEM_CONFIG, data)
        img = volume_image(data, volser)
        assert img, "vm64disk ensure made no volume labelled %s in %s" % (volser, data)
        host_half(img, start, count)

        with machine_class(terminals=1, storage_mb=128, timeout=600, data_dir=data) as m:
            m.expect(READY, 60)
            t = Tn3270(m.tn3270_port, codepage="cp037")  # what CP sends a 3270
            try:
                logon_cms(t, "USER01")
                text = run(t, "type host data")
                assert "From the host: [brackets] ^caret {braces}" in text, text
                assert "        and a tab" in text, text
                file_new(t, "cms", TYPED, timeout=20)
                type_line(t, "#cp logoff")
            finally:
                t.close()
            m.shutdown()

        out = os.path.join(data, "back.txt")
        vm64disk("copyout", img, str(start), str(count), "CMS DATA", out)
        with open(out, encoding="latin-1") as f:
            assert f.read() == "".join(line + "\n" for line in TYPED)
        assert "clean" in vm64disk("check", img, str(start), str(count)).stdout
