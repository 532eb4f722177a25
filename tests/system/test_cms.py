"""Issue 5: CMS at real 3270 clients (s3270). A user logs on and lands at Ready; in CMS,
creates a file with EDIT, lists, types, copies, renames and erases it, and meets CMS's
numbered errors and Ready(nnnnn);. Ten users do the same at once and none sees another's
files. A store into the shared nucleus is refused with a protection exception (CMS abends
the command) while the others carry on. Long output stops in CP's MORE... and CMS carries on
when the screen is cleared."""
import re
import threading
import time

from cms_session import CMS_READY, READY, edit_line, file_new, logon_cms, run, type_line, vm_read
from machine import only
from tn3270 import Tn3270


def file_commands(t, user):
    """The file script every user runs: EDIT, LISTFILE, TYPE, COPYFILE, RENAME, ERASE."""
    lines = ["owner %s" % user, "second line", "third line"]
    # EDIT a new file, change one line, FILE it; TYPE must show the change
    word = lines[1].split()[0]
    file_new(t, "mine", lines, [("top", r"TOF:"), ("locate /%s/" % word, re.escape(lines[1])),
                                ("change /%s/CHANGED/" % word, r"DMSEDT006I 1 line\(s\) changed")],
             timeout=20)
    text = run(t, "listfile", r"MINE\s+DATA\s+A1")
    names = re.findall(r"(?m)^(\S+)\s+(\S+)\s+A1\s*$", text)
    assert names == [("MINE", "DATA")], "%s sees other files: %s" % (user, names)
    text = run(t, "type mine data", r"owner %s[\s\S]*CHANGED line[\s\S]*third line" % user)
    run(t, "copyfile mine data a copy data a")
    run(t, "copyfile mine data a copy data a", r"DMSFIL009E File COPY DATA A already exists",
        rc=28)
    run(t, "copyfile mine data a copy data a (replace")
    run(t, "rename copy data a renamed = =")
    run(t, "listfile * data a (format",
        r"MINE\s+DATA\s+A1 F\s+80\s+3[\s\S]*RENAMED\s+DATA\s+A1 F\s+80\s+3")
    run(t, "type renamed data", r"owner %s" % user)
    run(t, "erase renamed data")
    run(t, "listfile renamed data", r"DMSLST023E File RENAMED DATA A not found", rc=28)
    run(t, "query disk", r"(VDK|USR)191 191\s+A\s+R/W\s+FB\s+512\s+1\s")


@only("hercules", "qemu")
def test_cms_session(machine_class):
    with machine_class(terminals=1, storage_mb=128, timeout=600) as m:
        m.expect(READY, 60)
        t = Tn3270(m.tn3270_port)
        try:
            logon_cms(t, "USER01")
            run(t, "query search", r"(VDK|USR)191 191\s+A\s+R/W")
            file_commands(t, "USER01")
            # Errors: numbered messages and Ready(nnnnn);
            run(t, "type nosuch file", r"DMSFIL004E File NOSUCH FILE \* not found", rc=28)
            run(t, "listfile bad.name", r"DMSFIL005E Invalid fileid: BAD.NAME", rc=20)
            run(t, "access 999 b", r"DMSACC007E Device 999 does not exist", rc=100)
            run(t, "copyfile mine data a", r"DMSCMD003E Missing operand", rc=24)
            run(t, "bogus", r"DMSCMD001E Unknown CP/CMS command", rc=-3)
            # CP commands: implied, explicit, and refused with IMPCP off.
            run(t, "query time", r"TIME IS \d\d:\d\d:\d\d")
            run(t, "cp query names", r"USER01")
            run(t, "set impcp off")
            run(t, "msg * hello", r"DMSCMD001E Unknown CP/CMS command", rc=-3)
            run(t, "set impcp on")
            run(t, "identify", r"USER01\s+AT VM64")
            text = run(t, "help", r"COPYfile")
            for name in ("ACcess", "EDIT|Edit", "ERase", "FORMat", "Listfile", "REName", "Type"):
                assert re.search(name, text), text
            run(t, "help copyfile", r"Syntax: COPYFILE fn ft fm fn2 ft2 fm2")
            run(t, "help nothing", r"DMSHLP018E No help for NOTHING", rc=28)
            run(t, "set rdymsg lmsg")
            text = run(t, "query rdymsg", r"RDYMSG = LMSG")
            assert re.search(r"Ready; T=\d+\.\d\d/\d+\.\d\d \d\d:\d\d:\d\d", text), text
            run(t, "set rdymsg smsg")
            # QUIT on a changed file asks for QQUIT; the file stays as it was.
            t.pa(2, wait=20)
            type_line(t, "edit mine data")
            t.wait_for(r"EDIT:", 20)
            edit_line(t, "delete *", r"EDIT:|TOF:|EOF:")
            edit_line(t, "quit", r"DMSEDT004W File has been changed; type QQUIT")
            type_line(t, "qquit")
            t.wait_for(CMS_READY, 20)
            run(t, "type mine data", r"owner USER01")
            # FORMAT asks first; 0 keeps the disk.
            t.pa(2, wait=20)
            type_line(t, "format 191 a")
            t.wait_for(r"DMSFOR013R FORMAT will erase all files on disk A\(191\)", 20)
            type_line(t, "0")
            t.wait_for(CMS_READY, 20)
            run(t, "listfile", r"MINE\s+DATA\s+A1")
            # A store into the shared nucleus: protection exception, the command abends.
            run(t, "store 100000 00", r"DMSABN148T System abend 0C4", rc=4)
            run(t, "type mine data", r"owner USER01")
            run(t, "cp query nss name cms", r"CMS\s")
        finally:
            t.close()


def test_cms_output_under_more(machine_class):
    """A TYPE longer than the screen stops in MORE...; CMS resumes when CP clears it."""
    with machine_class(terminals=1, storage_mb=64, timeout=400) as m:
        m.expect(READY, 60)
        t = Tn3270(m.tn3270_port)
        try:
            logon_cms(t, "USER02")
            run(t, "cp terminal more 1 1")
            t.pa(2, wait=20)
            type_line(t, "edit long data")
            t.wait_for(r"INPUT:", 20)
            for i in range(1, 31):
                type_line(t, "line %02d" % i)
            edit_line(t, "", r"EDIT:")
            type_line(t, "file")
            t.wait_for(CMS_READY, 20)
            t.pa(2, wait=20)
            type_line(t, "type long data")
            seen_more = False
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if t.status_area().startswith("MORE"):
                    seen_more = True
                if re.search(r"line 30[\s\S]*Ready;", t.text()):
                    break
                time.sleep(0.1)
            assert seen_more, "TYPE of 30 lines never showed MORE...:\n" + t.dump()
            t.wait_for(r"line 30[\s\S]*Ready;", 30)
        finally:
            t.close()


def test_ten_cms_users_at_once(machine_class):
    users = ["USER%02d" % i for i in range(1, 11)]
    with machine_class(terminals=len(users), storage_mb=256, timeout=900) as m:
        m.expect(READY, 60)
        terms = [Tn3270(m.tn3270_port) for _ in users]
        errors = []

        def session(t, user):
            try:
                logon_cms(t, user)
                file_commands(t, user)
            except Exception as e:  # reported below, with the user
                errors.append("%s: %s" % (user, e))

        try:
            threads = [threading.Thread(target=session, args=(t, u))
                       for t, u in zip(terms, users)]
            for th in threads:
                th.start()
            for th in threads:
                th.join(600)
            assert not errors, "\n\n".join(errors)
            text = run(terms[0], "cp query nss name cms map", r"CMS")
            assert re.search(r"CMS\s.*\b10\b", text), text
            # One user stores into the shared nucleus while the others keep working.
            run(terms[0], "store 100000 00", r"DMSABN148T System abend 0C4", rc=4)
            for t, user in zip(terms[1:], users[1:]):
                run(t, "type mine data", r"owner %s" % user)
                run(t, "query disk", r"(VDK|USR)191")
            run(terms[0], "type mine data", r"owner USER01")
        finally:
            for t in terms:
                t.close()


def test_cms_invalid_program_new_psw(machine_class):
    """Issue 11: USER01 clears the BA bit of CMS's own program new PSW (STORE 1D4 00, EA stays
    on), then stores into the shared nucleus: the protection exception loads an invalid
    PSW, a program-interruption loop. CP stops USER01's machine with VMCDSP454E on USER01's
    screen and the operator's console; CP and another logged-on user carry on."""
    hercules = machine_class.name == "hercules"
    with machine_class(terminals=2 if hercules else 1, storage_mb=128, timeout=300) as m:
        m.expect(READY, 60)
        t1 = Tn3270(m.tn3270_port)
        t2 = Tn3270(m.tn3270_port) if hercules else None
        try:
            logon_cms(t1, "USER01")
            if t2:
                logon_cms(t2, "USER02")
            else:  # QEMU has one 3270: USER02 runs CMS disconnected
                m.command("XAUTOLOG USER02 IPL CMS", r"^VMC(XAU002I USER02 started|\w{6}\d{3}E)")
            run(t1, "store 1d4 00")
            vm_read(t1)
            t1.pa(2, wait=30)
            type_line(t1, "store 100000 00")
            t1.wait_for(r"VMCDSP454E USER01 stopped: program interruption loop", 30)
            m.expect(r"^VMCDSP454E USER01 stopped: program interruption loop; PSW "
                     r"0000000100000000 ", 30)
            out = m.command("INDICATE USER USER01", r"^PSW=")
            assert any("STATE=CHECK STOP" in l for l in out), out
            out = m.command("QUERY NAMES", r"USER02")
            if t2:
                run(t2, "query disk", r"(VDK|USR)191")
                run(t2, "query time", r"TIME IS \d\d:\d\d:\d\d")
            else:
                out = m.command("INDICATE USER USER02", r"^PSW=")
                assert not any("CHECK STOP" in l for l in out), out
            m.command("Q TIME", r"^CONNECT= ", timeout=10)
        finally:
            t1.close()
            if t2:
                t2.close()
