"""A guest that turns its own DAT on (tests/guest/dat.c: segment and page tables, then LPSWE
with the DAT bit). Under Hercules VM/64's SIE engine runs it: the read through the translated
address sees the real page's marker and the guest passes. Under QEMU the trap-and-emulate
engine has no shadow tables: CP stops the machine at the LPSWE with VMCDSP455E on the user's
screen and the operator's console, the user is in CP READ, and IPL CMS and LOGOFF still work.
Before, the guest ran on with DAT silently off and read the wrong storage."""
from cms_session import CMS_READY, READY, logoff, logon_cms, status, type_line
from tn3270 import Tn3270

USER = "USER01"
STOPPED = (r"VMCDSP455E %s stopped: DAT not supported by this engine \(trap-and-emulate\); "
           r"PSW 0400000180000000 " % USER)


def test_guest_turns_dat_on(machine_class):
    hercules = machine_class.name == "hercules"
    with machine_class(terminals=1, storage_mb=128, timeout=300) as m:
        m.expect(READY, 60)
        t = Tn3270(m.tn3270_port)
        try:
            logon_cms(t, USER)
            type_line(t, "#cp ipl dat")
            if hercules:
                t.wait_for(r"SUMMARY: \d+ tests, 0 unexpected failures", 60)
                text = t.text()
                assert "PASS: dat: LPSWE DAT on: virtual 500000 reads real 1f3000" in text, text
                assert "FAIL:" not in text, text
                m.expect(r"^VMCDSP450W %s entered disabled wait, PSW \S+ 0000000000000000"
                         % USER, 30)
            else:
                # the screen wraps it at 80 columns: its first line
                t.wait_for(r"VMCDSP455E %s stopped: DAT not supported by this engine" % USER, 30)
                m.expect("^" + STOPPED, 30)
                text = t.text()
                assert "PASS: dat:" not in text and "FAIL: dat:" not in text, text
                out = m.command("INDICATE USER %s" % USER, r"^PSW=")
                assert any("STATE=CHECK STOP" in l for l in out), out
            status(t, "CP READ")
            # CP is fine and so is the user: IPL CMS again, then LOGOFF
            t.pa(2, wait=20)
            t.type("ipl cms")
            t.enter(wait=30)
            t.wait_for(r"VM/64 CMS", 60)
            t.wait_for(CMS_READY, 60)
            logoff(t)
            m.command("QUERY NAMES", r"OPERATOR")
            m.command("Q TIME", r"^CONNECT= ", timeout=10)
        finally:
            t.close()
