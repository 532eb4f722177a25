"""Issue 14, CP's and CMS's checks of their own on-disk structures, on both machines.

CP's checkpoint header on the SYSRES volume (cp/dasd/sysres.c, block 2 of VM64RS): created on
a new volume; after the emulator is killed the next IPL says the last run ended without
SHUTDOWN (VMCDAS012W); after a SHUTDOWN it does not, and says when the SHUTDOWN was
(VMCDAS013I); a damaged header is reported (VMCDAS011E), rewritten, and CP comes up.

CMS's ACCESS on a real minidisk whose directory block was damaged with the system down
reports it (DMSFIL010S), does not access the disk, and writes nothing to it."""
import os
import re
import shutil
import signal
import subprocess
import tempfile

from machine import BUILD, ensure_volumes, only
from test_cms import logon_cms, run
from tn3270 import Tn3270

READY = r"VMCIPL002I CP ready"
VM64DISK = os.path.join(BUILD, "host", "vm64disk")
BLOCK = 512
SYSRES_HDR_BLOCK = 2


def ipl_lines(m):
    return "\n".join(m.lines_until(READY, 120))


@only("hercules", "qemu")
def test_sysres_header_kill_shutdown_damage(machine_class):
    data = tempfile.mkdtemp(prefix="vm64-data-")
    try:
        ensure_volumes(data)
        # a new volume: the header is created
        with machine_class(terminals=0, storage_mb=64, timeout=300, data_dir=data) as m:
            out = ipl_lines(m)
            assert "VMCDAS010I Volume VM64RS: CP checkpoint header created" in out, out
            os.killpg(m.proc.pid, signal.SIGKILL)
            m.proc.wait(timeout=10)
        # killed: the next IPL says so, and comes up
        with machine_class(terminals=0, storage_mb=64, timeout=300, data_dir=data) as m:
            out = ipl_lines(m)
            assert re.search(r"VMCDAS012W The last run of the system \(IPL at "
                             r"\d\d/\d\d/\d\d \d\d:\d\d:\d\d\) ended without SHUTDOWN", out), out
            m.shutdown(timeout=60)
        # after a SHUTDOWN: no such message
        with machine_class(terminals=0, storage_mb=64, timeout=300, data_dir=data) as m:
            out = ipl_lines(m)
            assert "VMCDAS012W" not in out and "VMCDAS011E" not in out, out
            assert "VMCDAS013I The last run of the system ended with SHUTDOWN at " in out, out
            m.shutdown(timeout=60)
        # damaged with the system down: reported, rewritten, CP up; the next IPL is quiet
        with open(os.path.join(data, "VM64RS.fba"), "r+b") as f:
            f.seek(SYSRES_HDR_BLOCK * BLOCK + 41)
            b = f.read(1)
            f.seek(SYSRES_HDR_BLOCK * BLOCK + 41)
            f.write(bytes([b[0] ^ 0xff]))
        with machine_class(terminals=0, storage_mb=64, timeout=300, data_dir=data) as m:
            out = ipl_lines(m)
            assert "VMCDAS011E Volume VM64RS: CP checkpoint header damaged (checksum wrong); " \
                "rewritten" in out, out
            m.shutdown(timeout=60)
        with machine_class(terminals=0, storage_mb=64, timeout=300, data_dir=data) as m:
            out = ipl_lines(m)
            assert "VMCDAS011E" not in out and "VMCDAS012W" not in out, out
            assert "VMCDAS013I" in out, out
            m.shutdown(timeout=60)
    finally:
        shutil.rmtree(data, ignore_errors=True)


USER04_START, USER04_BLOCKS = 28672, 4096  # cp/dir/USER.DIRECT


@only("hercules", "qemu")
def test_access_reports_damaged_minidisk(machine_class):
    data = tempfile.mkdtemp(prefix="vm64-data-")
    try:
        ensure_volumes(data)
        image = os.path.join(data, "VM64U1.fba")
        ext = [image, str(USER04_START), str(USER04_BLOCKS)]
        subprocess.run([VM64DISK, "format"] + ext + ["USR191"], check=True, capture_output=True)
        src = os.path.join(data, "hello.txt")
        with open(src, "w") as f:
            f.write("hello from the host\n")
        subprocess.run([VM64DISK, "copyin"] + ext + [src, "HELLO DATA"], check=True,
                       capture_output=True)
        # the directory's first block, from the superblock (u32 at byte 36)
        with open(image, "r+b") as f:
            f.seek(USER04_START * BLOCK)
            sb = f.read(BLOCK)
            dir_start = int.from_bytes(sb[36:40], "big")
            at = (USER04_START + dir_start) * BLOCK + 3  # inside the first entry's name
            f.seek(at)
            b = f.read(1)
            f.seek(at)
            f.write(bytes([b[0] ^ 0x01]))
            f.seek(USER04_START * BLOCK)
            before = f.read(USER04_BLOCKS * BLOCK)
        r = subprocess.run([VM64DISK, "check"] + ext, capture_output=True, text=True)
        assert r.returncode != 0, r.stdout + r.stderr  # the host tool sees it too
        with machine_class(terminals=1, storage_mb=128, timeout=600, data_dir=data) as m:
            m.expect(READY, 120)
            t = Tn3270(m.tn3270_port)
            try:
                logon_cms(t, "USER04")
                text = t.text()
                assert re.search(r"DMSFIL010S Disk A\(191\) is damaged", text), t.dump()
                assert "DMSACC025I" not in text, t.dump()  # never formatted
                out = run(t, "query disk", timeout=30)
                assert not re.search(r"191\s+A\s+R/", out), out
                run(t, "listfile hello data a", rc=36)
                run(t, "access 191 b", rc=31)
                assert re.search(r"DMSFIL010S Disk B\(191\) is damaged", t.text()), t.dump()
            finally:
                t.close()
            m.shutdown(timeout=120)
        with open(image, "rb") as f:
            f.seek(USER04_START * BLOCK)
            assert f.read(USER04_BLOCKS * BLOCK) == before  # nothing written
    finally:
        shutil.rmtree(data, ignore_errors=True)
