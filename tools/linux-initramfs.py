#!/usr/bin/env python3
"""linux-initramfs.py: a gzip'd newc initramfs holding a static busybox and an /init that
mounts devtmpfs, proc and sysfs and runs a shell on the console; no cpio needed. Its first line
gives its uptime and the timestamp of the kernel's first message (when the kernel proper
started): tests/bench/bench_linux.py splits the boot into phases with them (one line: Hercules'
SCLP console drops some of several lines written at once).

Usage: tools/linux-initramfs.py BUSYBOX OUT.gz
Covered by tests/system/test_linux.py (the shell prompt it reaches on the user's 3270).
"""
import gzip
import sys

INIT = b"""#!/bin/sh
mount -t devtmpfs devtmpfs /dev
mount -t proc proc /proc
mount -t sysfs sysfs /sys
read up idle < /proc/uptime
first=$(dmesg | head -n 1)
first=${first#?}
echo "VM64 LINUX INIT: $(uname -r) uptime $up kernel ${first%%]*}"
export PS1='linux$ '
exec /bin/sh
"""

# The applets the test and a user need; each a symbolic link to busybox.
APPLETS = ("sh", "mount", "uname", "cat", "ls", "echo", "dmesg", "poweroff", "halt", "ps",
           "free", "mkdir", "umount", "sleep", "grep", "head", "df", "reboot")


def newc(name, mode, data=b"", ino=1, rdev=(0, 0)):
    """One newc (070701) entry: header, name, data, each padded to 4 bytes."""
    name = name.encode() + b"\0"
    fields = (ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name), 0)
    hdr = b"070701" + b"".join(b"%08X" % f for f in fields)
    out = hdr + name
    out += b"\0" * (-len(out) % 4)
    out += data
    out += b"\0" * (-len(out) % 4)
    return out


def build(busybox):
    entries = []
    ino = 1
    for d in ("dev", "proc", "sys", "bin", "sbin", "tmp", "root"):
        entries.append(newc(d, 0o040755, ino=ino))
        ino += 1
    # dev/console (5:1): the kernel opens it for /init before devtmpfs is mounted.
    entries.append(newc("dev/console", 0o020600, ino=ino, rdev=(5, 1)))
    ino += 1
    entries.append(newc("bin/busybox", 0o100755, busybox, ino=ino))
    ino += 1
    for a in APPLETS:
        entries.append(newc("bin/" + a, 0o120777, b"busybox", ino=ino))
        ino += 1
    entries.append(newc("init", 0o100755, INIT, ino=ino))
    entries.append(newc("TRAILER!!!", 0, ino=0))
    return b"".join(entries)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], "rb") as f:
        busybox = f.read()
    archive = build(busybox)
    with open(sys.argv[2], "wb") as f:
        f.write(gzip.compress(archive, 9, mtime=0))


if __name__ == "__main__":
    main()
