"""Issue 14: LINK and sharing. USER01 owns its 191 (MDISK ... MR READ WRITE MULTIPLE in the
default directory) and writes to it; USER02 links it with the z/VM modes: W and R are refused
while USER01 writes (VMCLNK105E), a wrong password too (VMCLNK113E), RR is given read-only,
MR is forced read-only (VMCLNK102E), MW is given; USER02 reads USER01's file, and after USER01
FILEs a change USER02 sees it once it re-ACCESSes (RELEASE + ACCESS). QUERY LINKS lists the
links, DETACH drops one. Hercules only until QEMU has real disks (virtio-blk, another
branch)."""
import shutil
import tempfile

from machine import ensure_volumes, only
from cms_session import file_new, logoff, logon_cms, run
from test_dasd import READY
from tn3270 import Tn3270


@only("hercules")
def test_link_modes_and_rereading(machine_class):
    data = tempfile.mkdtemp(prefix="vm64-data-")
    try:
        ensure_volumes(data)
        with machine_class(terminals=2, storage_mb=128, timeout=900, data_dir=data) as m:
            m.expect(READY, 90)
            t1 = Tn3270(m.tn3270_port)
            t2 = Tn3270(m.tn3270_port)
            try:
                logon_cms(t1, "USER01")
                file_new(t1, "shared", ["first version"])
                logon_cms(t2, "USER02")
                # a wrong password, then W, R and M while USER01 has it R/W
                run(t2, "cp link user01 191 192 rr nopass",
                    r"VMCLNK113E USER01 0191 not linked; mode or password incorrect", rc=113)
                run(t2, "cp link user01 191 192 w write",
                    r"VMCLNK105E USER01 0191 not linked; R/W by USER01", rc=105)
                run(t2, "cp link user01 191 192 r read",
                    r"VMCLNK105E USER01 0191 not linked; R/W by USER01", rc=105)
                run(t2, "cp link user01 191 192 m multiple",
                    r"VMCLNK105E USER01 0191 not linked; R/W by USER01", rc=105)
                run(t2, "cp link user01 191 192 rr read",
                    r"VMCLNK100I DASD 0192 LINKED R/O; R/W by USER01")
                run(t2, "cp link user01 191 193 mr multiple",
                    r"VMCLNK102E DASD 0193 forced R/O; R/W by USER01")
                run(t2, "cp detach 193", r"VMCDET001I DASD 0193 DETACHED")
                run(t2, "cp link user01 191 194 mw multiple",
                    r"VMCLNK100I DASD 0194 LINKED R/W; R/W by USER01")
                run(t2, "cp query virtual dasd",
                    r"DASD 0192 9336 VM64U1 R/O\s+4096 BLK ON DASD")
                out = run(t2, "cp query links 192")
                for want in ("USER01   0191 R/W", "USER02   0192 R/O", "USER02   0194 R/W"):
                    assert want in out, out
                run(t2, "cp detach 194", r"VMCDET001I DASD 0194 DETACHED")
                run(t2, "access 192 b")
                run(t2, "type shared data b", r"first version")
                # USER01 changes the file; USER02 sees it after RELEASE and ACCESS
                run(t1, "erase shared data a")
                file_new(t1, "shared", ["second version"])
                run(t2, "release b")
                run(t2, "access 192 b")
                run(t2, "type shared data b", r"second version")
                logoff(t2)
                logoff(t1)
            finally:
                t1.close()
                t2.close()
    finally:
        shutil.rmtree(data, ignore_errors=True)
