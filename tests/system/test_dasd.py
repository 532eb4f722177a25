"""Issue 14: real DASD. CP finds its volumes by label (QUERY DASD, QUERY ALLOC), a user's 191
is a minidisk on a real FBA volume: a file FILEd there is there after LOGOFF and LOGON, after
SHUTDOWN and a new IPL with the same data folder, and after the emulator is killed (every file
CMS acknowledged with Ready; is intact). CMS formats only a blank minidisk, never one that
holds data. Without volumes (QEMU today, or a Hercules without them) CP says which volumes are
missing, comes up, and a user's 191 is a temporary V-DISK. The host tool vm64disk creates
volumes and never touches an existing one."""
import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
import time

from machine import BUILD, SYSTEM_CONFIG, ensure_volumes, only
from cms_session import (CMS_READY, edit_line, file_new, fill_logo, logoff, logon_cms, run,
                         type_line, vm_read)
from tn3270 import Tn3270

READY = r"VMCIPL002I CP ready"
VM64DISK = os.path.join(BUILD, "host", "vm64disk")
BLOCK = 512
# Where the default directory puts minidisks on VM64U1 (cp/dir/USER.DIRECT).
USER_START = {"USER%02d" % n: 16384 + (n - 1) * 4096 for n in range(1, 33)}


def test_vm64disk_create_and_ensure():
    d = tempfile.mkdtemp(prefix="vm64-vol-")
    try:
        path = os.path.join(d, "X.fba")
        assert subprocess.run([VM64DISK, "create", path, "TEST01", "100"]).returncode == 0
        assert os.path.getsize(path) == 100 * BLOCK
        with open(path, "rb") as f:
            f.seek(BLOCK)
            label = f.read(10)
        assert label == "VOL1TEST01".encode("cp037"), label
        assert os.stat(path).st_blocks * 512 < 100 * BLOCK  # sparse
        # an existing file is refused and left as it is
        r = subprocess.run([VM64DISK, "create", path, "OTHER", "200"], capture_output=True)
        assert r.returncode == 1 and b"exists" in r.stderr
        assert os.path.getsize(path) == 100 * BLOCK
        r = subprocess.run([VM64DISK, "create", path + "2", "bad name", "200"],
                           capture_output=True)
        assert r.returncode == 2
        # ensure: creates what is missing, keeps what is there byte for byte
        data = os.path.join(d, "data")
        r = subprocess.run([VM64DISK, "ensure", SYSTEM_CONFIG, data], capture_output=True,
                           text=True, check=True)
        assert "created USER volume VM64U1" in r.stdout, r.stdout
        # the 3390 as make run makes it: uncompressed, one file (kill-safe; cp/vm64disk volume.c)
        c1 = os.path.join(data, "VM64C1.ckd")
        assert "created USER volume VM64C1, 3390, 3339 cylinders" in r.stdout, r.stdout
        assert os.path.getsize(c1) == 512 + 3339 * 15 * 56832, os.path.getsize(c1)
        assert not os.path.exists(os.path.join(data, "VM64C1.cckd"))
        u1 = os.path.join(data, "VM64U1.fba")
        with open(u1, "r+b") as f:
            f.seek(20000 * BLOCK)
            f.write(b"keep me")
        os.remove(os.path.join(data, "VM64RS.fba"))
        r = subprocess.run([VM64DISK, "ensure", SYSTEM_CONFIG, data], capture_output=True,
                           text=True, check=True)
        assert "VM64RS" in r.stdout and "VM64U1" not in r.stdout, r.stdout
        assert "VM64C1" not in r.stdout, r.stdout
        with open(u1, "rb") as f:
            f.seek(20000 * BLOCK)
            assert f.read(7) == b"keep me"
    finally:
        shutil.rmtree(d, ignore_errors=True)


@only("hercules", "qemu")
def test_files_survive_logoff_and_shutdown(machine_class):
    data = tempfile.mkdtemp(prefix="vm64-data-")
    lines = ["persistent line one", "persistent line two"]
    try:
        ensure_volumes(data)
        with machine_class(terminals=1, storage_mb=128, timeout=600, data_dir=data) as m:
            m.expect(READY, 90)
            out = "\n".join(m.command("QUERY DASD", r"VM64U1.*CP SYSTEM"))
            assert re.search(r"DASD 01\d\d VM64RS 9336\s+16384 BLK CP OWNED", out), out
            out = "\n".join(m.command("QUERY ALLOC", r"^VM64U1"))
            assert re.search(r"VM64U1 01\d\d\s+262144\s+200704\s+61424", out), out
            t = Tn3270(m.tn3270_port)
            try:
                logon_cms(t, "USER03")
                assert "DMSACC025I Minidisk 191 was not formatted: formatted and accessed as A" \
                    in t.text(), t.dump()
                run(t, "cp query virtual dasd", r"DASD 0191 9336 VM64U1 R/W\s+4096 BLK ON DASD")
                file_new(t, "keep", lines)
                run(t, "type keep data", r"persistent line one\s+persistent line two")
                logoff(t)
                logon_cms(t, "USER03")
                assert "DMSACC025I" not in t.text(), t.dump()  # not formatted again
                run(t, "type keep data", r"persistent line one\s+persistent line two")
                run(t, "query disk", r"USR191 191\s+A\s+R/W")
                logoff(t)
            finally:
                t.close()
            psw, rc = m.shutdown()
        # The same data folder, a new IPL.
        with machine_class(terminals=1, storage_mb=128, timeout=600, data_dir=data) as m:
            m.expect(READY, 90)
            t = Tn3270(m.tn3270_port)
            try:
                logon_cms(t, "USER03")
                assert "DMSACC025I" not in t.text(), t.dump()
                run(t, "listfile", r"KEEP\s+DATA\s+A1")
                run(t, "type keep data", r"persistent line one\s+persistent line two")
            finally:
                t.close()
    finally:
        shutil.rmtree(data, ignore_errors=True)


@only("hercules", "qemu")
def test_kill_keeps_acknowledged_files(machine_class):
    """FILE after FILE, then SIGKILL while the next one may be on its way: after the next IPL
    every file CMS acknowledged is there, whole, and the disk accesses clean."""
    data = tempfile.mkdtemp(prefix="vm64-data-")
    acked = []
    try:
        ensure_volumes(data)
        with machine_class(terminals=1, storage_mb=128, timeout=600, data_dir=data) as m:
            m.expect(READY, 90)
            t = Tn3270(m.tn3270_port)
            try:
                logon_cms(t, "USER06")
                for i in range(6):
                    name = "f%d" % i
                    file_new(t, name, ["payload %d alpha" % i, "payload %d omega" % i])
                    acked.append(i)
                # One more FILE, killed at a random moment after Enter.
                t.pa(2, wait=20)
                type_line(t, "edit f6 data")
                t.wait_for(r"INPUT:", 30)
                edit_line(t, "payload 6 alpha", r"payload 6 alpha")
                edit_line(t, "", r"EDIT:")
                vm_read(t)
                t.type("file")
                t.enter()
                time.sleep(random.uniform(0.0, 0.3))
                os.killpg(m.proc.pid, signal.SIGKILL)
                m.proc.wait(timeout=10)
            finally:
                t.close()
        # Measured on the host right after the kill: the last acknowledged file's records are
        # in the image file (the emulator wrote them before the ending status CP waited for).
        with open(os.path.join(data, "VM64U1.fba"), "rb") as f:
            f.seek(USER_START["USER06"] * BLOCK)
            disk = f.read(4096 * BLOCK)
        for i in acked:
            # CMS keeps text records in EBCDIC 1047 (Python has no cp1047 codec; for letters,
            # digits and blanks it is the same as cp037).
            rec = "payload %d omega" % i
            assert rec.encode("cp037") in disk, i
        with machine_class(terminals=1, storage_mb=128, timeout=600, data_dir=data) as m:
            m.expect(READY, 90)
            t = Tn3270(m.tn3270_port)
            try:
                logon_cms(t, "USER06")
                assert "DMSACC025I" not in t.text() and "DMSFIL010S" not in t.text(), t.dump()
                text = run(t, "listfile * data a", r"F5\s+DATA\s+A1")
                for i in acked:
                    assert re.search(r"F%d\s+DATA\s+A1" % i, text), text
                    run(t, "type f%d data" % i, r"payload %d alpha\s+payload %d omega" % (i, i))
                # f6 is either there whole or not at all
                if re.search(r"F6\s+DATA\s+A1", text):
                    run(t, "type f6 data", r"payload 6 alpha")
            finally:
                t.close()
    finally:
        shutil.rmtree(data, ignore_errors=True)


@only("hercules", "qemu")
def test_disk_with_data_is_never_formatted(machine_class):
    data = tempfile.mkdtemp(prefix="vm64-data-")
    junk = bytes(range(256)) * 16
    try:
        ensure_volumes(data)
        u1 = os.path.join(data, "VM64U1.fba")
        with open(u1, "r+b") as f:
            f.seek(USER_START["USER04"] * BLOCK)
            f.write(junk)
        with machine_class(terminals=1, storage_mb=64, timeout=300, data_dir=data) as m:
            m.expect(READY, 90)
            t = Tn3270(m.tn3270_port)
            try:
                fill_logo(t, "USER04", timeout=60)
                t.enter(wait=30)
                t.wait_for(r"DMSACC026W Disk 191 has data but no CMS file system", 60)
                t.wait_for(CMS_READY, 30)
                run(t, "query disk", r"No disks accessed")
            finally:
                t.close()
        with open(u1, "rb") as f:
            f.seek(USER_START["USER04"] * BLOCK)
            assert f.read(len(junk)) == junk
    finally:
        shutil.rmtree(data, ignore_errors=True)


def no_volumes(machine_class, **kw):
    return machine_class(volumes=False, **kw)


@only("hercules", "qemu")
def test_missing_volumes(machine_class):
    """No volumes: CP says which are missing and comes up; USER05's 191 is a V-DISK that
    stands in for the minidisk, and CMS formats and accesses it."""
    with no_volumes(machine_class, terminals=1, storage_mb=64, timeout=300) as m:
        m.expect(r"VMCDAS002W Volume VM64RS \(SYSRES\) is not online", 90)
        m.expect(r"VMCDAS002W Volume VM64U1 \(USER\) is not online", 30)
        m.expect(READY, 60)
        out = "\n".join(m.command("QUERY DASD", r"VMCQDA007I"))
        assert "No real DASD" in out
        out = "\n".join(m.command("QUERY ALLOC", r"^VM64U1"))
        assert re.search(r"VM64U1 ----\s+262144\s+200704\s+61424", out), out
        t = Tn3270(m.tn3270_port)
        try:
            fill_logo(t, "USER05", timeout=60)
            t.enter(wait=30)
            t.wait_for(r"VMCLGA080W Minidisk 191: volume VM64U1 is not online", 60)
            t.wait_for(r"DMSACC025I V-DISK 191 was not formatted: formatted and accessed as A",
                       60)
            t.wait_for(CMS_READY, 30)
            run(t, "query disk", r"VDK191 191\s+A\s+R/W")
        finally:
            t.close()
        m.shutdown()


def test_same_volumes_under_both_machines():
    """One data folder, IPLed under Hercules (FBA 9336), then QEMU (virtio-blk-ccw), then
    Hercules again: each machine sees the files the other FILEd."""
    from machine import Hercules, Qemu
    data = tempfile.mkdtemp(prefix="vm64-data-")
    try:
        ensure_volumes(data)
        steps = [(Hercules, "fromherc", None), (Qemu, "fromqemu", "fromherc"),
                 (Hercules, None, "fromqemu")]
        for cls, new, old in steps:
            with cls(terminals=1, storage_mb=128, timeout=600, data_dir=data) as m:
                m.expect(READY, 90)
                out = "\n".join(m.command("QUERY DASD", r"VM64U1.*CP SYSTEM"))
                assert re.search(r"DASD 01\d\d VM64U1 9336\s+262144 BLK", out), out
                t = Tn3270(m.tn3270_port)
                try:
                    logon_cms(t, "USER07")
                    if old:
                        assert "DMSACC025I" not in t.text(), t.dump()
                        run(t, "type %s data" % old, r"written under %s" % old)
                    if new:
                        file_new(t, new, ["written under %s" % new])
                    logoff(t)
                finally:
                    t.close()
                m.shutdown()
    finally:
        shutil.rmtree(data, ignore_errors=True)
