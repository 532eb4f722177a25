"""Issue 14: dedicated DASD (cp/cmd/attach.c). The test's data folder gets one more labelled
volume, VM64X1 (4096 blocks, not in SYSTEM CONFIG: a free disk), which the machine attaches
as real device 0102 after VM64RS and VM64U1. TEST030 runs tests/guest/dedicate.c; the operator
ATTACHes 0102 to it AS 0200 and the guest drives the whole volume with channel programs and
DIAGNOSE X'250' (label at block 1, writes, read-backs). Then the refusals (ATTACH of the SYSRES
volume, VARY OFFLINE of the attached volume, ATTACH of an offline one), DETACH, VARY
OFFLINE/ONLINE, QUERY DASD in each state, and LOGOFF (FORCE) giving the disk back. After
SHUTDOWN the guest's blocks are in the volume's image file. Both machines: FBA 9336 under
Hercules, virtio-blk-ccw under QEMU, the same hw_blk interface underneath."""
import os
import re
import shutil
import subprocess
import tempfile

from machine import BUILD, ensure_volumes, only
from test_vm import READY, xautolog

BLOCKS = 4096
BLOCK = 512
USER = "TEST030"


def pattern(seed, length):
    return bytes((seed * 37 + i * 3 + 1) & 0xff for i in range(length))


@only("hercules", "qemu")
def test_attach_detach_vary(machine_class):
    data = tempfile.mkdtemp(prefix="vm64-attach-")
    try:
        attach(machine_class, data)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def attach(machine_class, data):
    ensure_volumes(data)
    vol = os.path.join(data, "VM64X1.fba")
    subprocess.run([os.path.join(BUILD, "host", "vm64disk"), "create", vol, "VM64X1",
                    str(BLOCKS)], check=True, stdout=subprocess.DEVNULL)
    with machine_class(storage_mb=128, timeout=500, data_dir=data) as m:
        m.expect(READY, 60)
        m.command("QUERY DASD", r"^DASD 0102 VM64X1 9336 +%d BLK FREE" % BLOCKS)
        start = m.cursor
        xautolog(m, USER, "DEDICATE")
        m.command("ATTACH 0102 TO %s AS 0200" % USER,
                  r"^VMCATT001I DASD 0102 ATTACHED TO %s 0200$" % USER)
        m.expect(r"^VMCDSP45[0-2][IW] %s " % USER, timeout=180)
        lines = [m.console_text(l) for l in m.log[start:m.cursor]]
        mine = [l for l in lines if l and l.startswith("%-8s: " % USER)]
        fails = [l for l in mine if ": FAIL" in l or ": SKIP" in l]
        summary = [l for l in mine if "SUMMARY:" in l]
        assert summary and not fails, (summary, fails)
        assert any("DEDICATED 0200 BLOCKS %d" % BLOCKS in l for l in mine), mine
        assert re.search(r"PSW [0-9A-F]{16} 0{16}", lines[-1]), lines[-1]
        m.command("QUERY DASD",
                  r"^DASD 0102 VM64X1 9336 +%d BLK ATTACHED TO %s 0200 R/W" % (BLOCKS, USER))
        # the refusals
        m.command("ATTACH 0100 TO %s AS 0201" % USER, r"^VMCATT123E DASD 0100 CP owned")
        m.command("ATTACH 0102 TO %s AS 0201" % USER, r"^VMCATT122E DASD 0102 already attached to %s"
                  % USER)
        m.command("VARY OFFLINE 0102",
                  r"^VMCVRY004E DASD 0102 not varied offline; attached to %s" % USER)
        # DETACH, VARY OFFLINE (then ATTACH is refused), VARY ONLINE reads the label
        m.command("DETACH 0102 FROM %s" % USER, r"^VMCDET002I DASD 0102 DETACHED %s 0200" % USER)
        m.command("QUERY DASD", r"^DASD 0102 VM64X1 9336 +%d BLK FREE" % BLOCKS)
        m.command("VARY OFFLINE 0102", r"^VMCVRY002I DASD 0102 varied offline")
        m.command("QUERY DASD", r"^DASD 0102 VM64X1 9336 +%d BLK OFFLINE" % BLOCKS)
        m.command("ATTACH 0102 TO %s" % USER, r"^VMCATT127E DASD 0102 not available")
        out = m.command("VARY ONLINE 0102", r"^VMCVRY001I DASD 0102 varied online")
        assert any(l.startswith("VMCDAS004I DASD 0102 volume VM64X1") for l in out), out
        # LOGOFF gives an attached disk back
        m.command("ATTACH 0102 TO %s AS 0200 R/O" % USER,
                  r"^VMCATT001I DASD 0102 ATTACHED TO %s 0200 R/O" % USER)
        m.command("FORCE %s" % USER, r"^VMCFRC003I %s forced off" % USER)
        m.command("QUERY DASD", r"^DASD 0102 VM64X1 9336 +%d BLK FREE" % BLOCKS)
        m.shutdown()
    with open(vol, "rb") as f:
        image = f.read()
    assert len(image) == BLOCKS * BLOCK
    assert image[100 * BLOCK:104 * BLOCK] == pattern(100, 4 * BLOCK), "blocks 100-103"
    assert image[200 * BLOCK:201 * BLOCK] == pattern(200, BLOCK), "DIAG X'250' block 200"
    assert image[(BLOCKS - 1) * BLOCK:] == pattern(9, BLOCK), "the last block"
