"""DISPLAY and STORE as a user types them (cp/cmd/display.c): from CMS through DIAGNOSE X'08'
(`CP STORE`, `CP DISPLAY`) on an s3270, both engines. STORE puts words into the user's own
storage and DISPLAY shows them back in hex and EBCDIC; PSW and registers are shown in z/VM's
forms; an address beyond the machine's 4 MB and a bad word get numbered messages and a
nonzero return code, and storage is unchanged by the refused STORE."""
from cms_session import READY, logon_cms, logoff, run
from tn3270 import Tn3270

ADDR = 0x3FF000  # below the top of USER01's 4 MB, above what CMS uses


def test_display_and_store(machine_class):
    with machine_class(terminals=1, timeout=300) as m:
        m.expect(READY, 60)
        with Tn3270(m.tn3270_port) as t:
            logon_cms(t, "USER01")
            run(t, "cp store %x c8c5d3d3 d6" % ADDR, r"VMCCMD161I Store complete")
            text = run(t, "cp display t%x.8" % ADDR)
            assert "R%08X  C8C5D3D3 000000D6" % ADDR in text and "*HELL...O*" in text, text
            run(t, "cp d psw", r"PSW = [0-9A-F]{8} [0-9A-F]{8} 00000000 [0-9A-F]{8}")
            run(t, "cp d g14-15", r"GPR 14 = [0-9A-F]{16} [0-9A-F]{16}")
            run(t, "cp d c0", r"CR   0 = [0-9A-F]{16}")
            run(t, "cp d 400000", r"VMCCMD160E Hexloc 400000 exceeds storage", rc=160)
            run(t, "cp store %x 1 zz" % ADDR, r"VMCCMD003E Invalid option - ZZ", rc=3)
            run(t, "cp d %x.4" % ADDR, r"R%08X  C8C5D3D3" % ADDR)
            run(t, "cp d g16", r"VMCCMD003E", rc=3)
            logoff(t)
