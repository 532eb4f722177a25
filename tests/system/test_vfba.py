"""Issue 14: a hostile guest issues raw channel programs to its minidisk (tests/guest/vfba.c as
USER20, whose 191 is blocks 94208-98303 of VM64U1): LOCATEs beyond its extent, DEFINE EXTENTs
wider than it or starting past it, writes its file mask inhibits, 2000 random writes; each
gets unit check with command reject and file protected, and every block of the volume outside
USER20's minidisk (the neighbours USER19 and USER21 included) has the same checksum after
SHUTDOWN as before. Under QEMU, which has no FBA volumes yet, USER20's 191 is a stand-in
V-DISK: the same guest runs against it and must get the same answers."""
import hashlib
import os
import re
import shutil
import tempfile

from machine import ensure_volumes
from test_vm import READY, run_suite

VOLUME_BLOCKS = 262144
EXTENT = (94208, 94208 + 4096)  # USER20's 191 (cp/dir/USER.DIRECT)
BLOCK = 512


def outside_digest(path):
    """SHA-256 of VM64U1 without USER20's extent, and that of USER19's and USER21's."""
    with open(path, "rb") as f:
        data = f.read()
    assert len(data) == VOLUME_BLOCKS * BLOCK
    lo, hi = EXTENT[0] * BLOCK, EXTENT[1] * BLOCK
    return (hashlib.sha256(data[:lo] + data[hi:]).hexdigest(),
            hashlib.sha256(data[lo - 4096 * BLOCK:lo]).hexdigest(),
            hashlib.sha256(data[hi:hi + 4096 * BLOCK]).hexdigest())


def test_hostile_channel_programs_stay_in_the_minidisk(machine_class):
    data = tempfile.mkdtemp(prefix="vm64-vfba-")
    try:
        hostile(machine_class, data)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def hostile(machine_class, data):
    kw = {"data_dir": data} if machine_class.name == "hercules" else {}
    vol = None
    if kw:
        ensure_volumes(data)
    with machine_class(storage_mb=128, timeout=400, **kw) as m:
        if kw:
            vol = os.path.join(data, "VM64U1.fba")
            with open(vol, "r+b") as f:  # the neighbours hold something to lose
                f.seek((EXTENT[0] - 1) * BLOCK)
                f.write(b"\x5a" * BLOCK)
                f.seek(EXTENT[1] * BLOCK)
                f.write(b"\xa5" * BLOCK)
            before = outside_digest(vol)
        m.expect(READY, 60)
        summary, fails, psw_addr = run_suite(m, "USER20", "VFBA")
        assert summary and not fails and psw_addr == "0" * 16, (summary, fails, psw_addr)
        tests = re.search(r"SUMMARY: (\d+) tests", summary[0])
        assert tests and int(tests.group(1)) > 20, summary  # it found its 0191, no skip
        m.command("FORCE USER20", r"^VMCFRC003I")
        m.shutdown()
    if vol:
        after = outside_digest(vol)
        assert after == before, "blocks outside USER20's minidisk changed"
