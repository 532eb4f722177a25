"""Issue 14: CKD 3390 volumes. Under Hercules, VM64C1 (a 3390-3 that vm64disk ensure makes with
dasdinit -lfs as make run makes it, attached at 0200) is found by its VOL1 label (R3 of track 0) and shown by QUERY DASD
with its cylinders; CKD01's 191 is cylinders 1-2 of it (cp/dir/USER.DIRECT), a virtual 3390 of 2
cylinders: a file FILEd there is there after LOGOFF and LOGON, after SHUTDOWN and a new IPL, and
after the emulator is killed with SIGKILL (an uncompressed image: see
test_ckd_kill_after_ready_keeps_files), and CKD02's minidisk next to it is untouched; a hostile
guest (tests/guest/vckd.c) cannot leave its cylinders. Under QEMU, which has no CKD, the volume
is missing (VMCDAS002W) and CKD01 logs on with a stand-in V-DISK (VMCLGA080W)."""
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

from machine import BUILD, SYSTEM_CONFIG, ensure_volumes, only
from cms_session import CMS_READY, file_new, fill_logo, logoff, logon_cms, run
from test_vm import run_suite
from tn3270 import Tn3270

READY = r"VMCIPL002I CP ready"


@only("hercules")
def test_ckd_minidisk_keeps_files(machine_class):
    data = tempfile.mkdtemp(prefix="vm64-ckd-")
    lines = ["ckd line one", "ckd line two"]
    try:
        # The volumes as make run makes them: the 3390 a whole uncompressed model 3.
        subprocess.run([os.path.join(BUILD, "host", "vm64disk"), "ensure", SYSTEM_CONFIG, data],
                       check=True, stdout=subprocess.DEVNULL)
        assert os.path.getsize(os.path.join(data, "VM64C1.ckd")) == 512 + 3339 * 15 * 56832
        with machine_class(terminals=1, storage_mb=128, timeout=600, data_dir=data) as m:
            m.expect(r"VMCDAS007I Volume VM64C1 \(USER\) online at 0200, 3390, 3339 cylinders", 90)
            m.expect(READY, 90)
            out = "\n".join(m.command("QUERY DASD", r"VM64C1.*CP SYSTEM"))
            assert re.search(r"DASD 0200 VM64C1 3390\s+3339 CYL CP SYSTEM", out), out
            out = "\n".join(m.command("QUERY ALLOC", r"^VM64C1"))
            assert re.search(r"VM64C1 0200\s+3339\s+4\s+3334 CYL", out), out
            t = Tn3270(m.tn3270_port)
            try:
                logon_cms(t, "CKD01")
                assert "DMSACC025I Minidisk 191 was not formatted: formatted and accessed as A" \
                    in t.text(), t.dump()
                run(t, "cp query virtual dasd",
                    r"DASD 0191 3390 VM64C1 R/W\s+2 CYL ON DASD  0200")
                file_new(t, "keep", lines)
                run(t, "type keep data", r"ckd line one\s+ckd line two")
                logoff(t)
                logon_cms(t, "CKD01")
                assert "DMSACC025I" not in t.text(), t.dump()  # not formatted again
                run(t, "type keep data", r"ckd line one\s+ckd line two")
                logoff(t)
                # The neighbour on the same volume is still blank: CMS formats it now.
                logon_cms(t, "CKD02")
                assert "DMSACC025I Minidisk 191 was not formatted" in t.text(), t.dump()
                run(t, "listfile", r"DMSLST023E File \* \* A not found", rc=28)
                logoff(t)
            finally:
                t.close()
            m.shutdown()
        with machine_class(terminals=1, storage_mb=128, timeout=600, data_dir=data) as m:
            m.expect(READY, 90)
            t = Tn3270(m.tn3270_port)
            try:
                logon_cms(t, "CKD01")
                assert "DMSACC025I" not in t.text(), t.dump()
                run(t, "listfile", r"KEEP\s+DATA\s+A1")
                run(t, "type keep data", r"ckd line one\s+ckd line two")
            finally:
                t.close()
    finally:
        shutil.rmtree(data, ignore_errors=True)


@only("hercules")
def test_ckd_kill_after_ready_keeps_files(machine_class):
    """FILEs on the 3390 minidisk, each acknowledged by Ready;, then SIGKILL of Hercules at
    once: after the next IPL every file is there, whole. The volume is an uncompressed CKD
    image (VM64C1.ckd, dasdinit without -z; 10 cylinders, enough for CKD01's cylinders 1-2):
    Hercules writes a changed track to it before the ending status. A compressed one
    (VM64C1.cckd, the default) keeps a written track in Hercules' cache until its writer runs,
    up to ~10 s later, and a kill -9 before that loses it (README, "Real DASD")."""
    data = tempfile.mkdtemp(prefix="vm64-ckd-")
    acked = []
    try:
        os.makedirs(data, exist_ok=True)
        subprocess.run(["dasdinit", os.path.join(data, "VM64C1.ckd"), "3390", "VM64C1", "10"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ensure_volumes(data)
        assert not os.path.exists(os.path.join(data, "VM64C1.cckd"))
        with machine_class(terminals=1, storage_mb=128, timeout=600, data_dir=data) as m:
            m.expect(r"VMCDAS007I Volume VM64C1 \(USER\) online at 0200, 3390, 10 cylinders", 90)
            m.expect(READY, 90)
            t = Tn3270(m.tn3270_port)
            try:
                logon_cms(t, "CKD01")
                for i in range(4):
                    file_new(t, "f%d" % i, ["payload %d alpha" % i, "payload %d omega" % i])
                    acked.append(i)
                time.sleep(float(os.environ.get("CKD_KILL_DELAY", "0")))
                os.killpg(m.proc.pid, signal.SIGKILL)
                m.proc.wait(timeout=10)
            finally:
                t.close()
        with machine_class(terminals=1, storage_mb=128, timeout=600, data_dir=data) as m:
            m.expect(READY, 90)
            t = Tn3270(m.tn3270_port)
            try:
                logon_cms(t, "CKD01")
                assert "DMSACC025I" not in t.text() and "DMSFIL010S" not in t.text(), t.dump()
                text = run(t, "listfile * data a", CMS_READY)
                for i in acked:
                    assert re.search(r"F%d\s+DATA\s+A1" % i, text), text
                    run(t, "type f%d data" % i, r"payload %d alpha\s+payload %d omega" % (i, i))
            finally:
                t.close()
    finally:
        shutil.rmtree(data, ignore_errors=True)


@only("qemu")
def test_ckd_volume_absent_under_qemu(machine_class):
    """QEMU has no CKD: VM64C1 is missing, the FBA volumes work, and CKD01 logs on with a
    stand-in V-DISK for its 191."""
    data = tempfile.mkdtemp(prefix="vm64-ckd-")
    try:
        ensure_volumes(data)
        with machine_class(terminals=1, storage_mb=64, timeout=300, data_dir=data) as m:
            m.expect(r"VMCDAS002W Volume VM64C1 \(USER\) is not online", 90)
            m.expect(READY, 60)
            out = "\n".join(m.command("QUERY ALLOC", r"^VM64C1"))
            assert re.search(r"VM64C1 ----\s+3339\s+4\s+3334 CYL", out), out
            t = Tn3270(m.tn3270_port)
            try:
                fill_logo(t, "CKD01", timeout=60)
                t.enter(wait=30)
                t.wait_for(r"VMCLGA080W Minidisk 191: volume VM64C1 is not online", 60)
                t.wait_for(CMS_READY, 60)
                run(t, "query disk", r"VDK191 191\s+A\s+R/W")
                logoff(t)
                logon_cms(t, "USER08")  # a minidisk on the FBA volume still works
                run(t, "query disk", r"USR191 191\s+A\s+R/W")
            finally:
                t.close()
            m.shutdown()
    finally:
        shutil.rmtree(data, ignore_errors=True)


# An uncompressed 3390 image (dasdinit without -z): a 512-byte header, then each track at a
# fixed offset, 56832 bytes apart (Hercules 3.13's track size for a 3390).
CKD_HDR = 512
CKD_TRACK = 56832
CKD01_TRACKS = (15, 45)  # cylinders 1-2 (cp/dir/USER.DIRECT)


def outside_ckd01(path):
    """SHA-256 of the image without CKD01's tracks, that of CKD02's tracks next to it, and
    that of CKD01's last track (where the guest writes: R12 and the records it reads)."""
    with open(path, "rb") as f:
        data = f.read()
    lo = CKD_HDR + CKD01_TRACKS[0] * CKD_TRACK
    hi = CKD_HDR + CKD01_TRACKS[1] * CKD_TRACK
    return (hashlib.sha256(data[:lo] + data[hi:]).hexdigest(),
            hashlib.sha256(data[hi:hi + 30 * CKD_TRACK]).hexdigest(),
            hashlib.sha256(data[hi - CKD_TRACK:hi]).hexdigest())


@only("hercules")
def test_hostile_guest_stays_in_ckd_minidisk(machine_class):
    """tests/guest/vckd.c as CKD01: raw channel programs to its 191, a virtual 3390 of 2
    cylinders: seeks and LOCATE RECORDs beyond it or outside the extent, DEFINE EXTENTs wider
    than it, 2000 random writes. Every byte of the volume outside CKD01's cylinders, CKD02's
    included, is the same after SHUTDOWN as before, and the guest's writes to its own last
    track are on the volume."""
    data = tempfile.mkdtemp(prefix="vm64-ckd-")
    try:
        vol = os.path.join(data, "VM64C1.ckd")
        subprocess.run(["dasdinit", vol, "3390", "VM64C1", "10"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ensure_volumes(data)
        # CKD02 formats its minidisk first, so the neighbour holds real records.
        with machine_class(terminals=1, storage_mb=128, timeout=400, data_dir=data) as m:
            m.expect(READY, 90)
            t = Tn3270(m.tn3270_port)
            try:
                logon_cms(t, "CKD02")
                file_new(t, "mine", ["neighbour data"])
                logoff(t)
            finally:
                t.close()
            m.shutdown()
        before = outside_ckd01(vol)
        with machine_class(storage_mb=128, timeout=400, data_dir=data) as m:
            m.expect(READY, 90)
            summary, fails, psw_addr = run_suite(m, "CKD01", "VCKD")
            assert summary and not fails and psw_addr == "0" * 16, (summary, fails, psw_addr)
            tests = re.search(r"SUMMARY: (\d+) tests", summary[0])
            assert tests and int(tests.group(1)) > 20, summary  # it found a 3390, no skip
            assert "RDC: 2 cylinders, 15 heads" in "\n".join(m.log), "the guest saw another size"
            m.command("FORCE CKD01", r"^VMCFRC003I")
            m.shutdown()
        after = outside_ckd01(vol)
        assert after[:2] == before[:2], "the volume changed outside CKD01's cylinders"
        assert after[2] != before[2], "the guest's writes to its last blocks did not land"
    finally:
        shutil.rmtree(data, ignore_errors=True)
