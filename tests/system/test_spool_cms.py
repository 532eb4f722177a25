"""Issue 15, CMS's half: files between users through CP's spool, on both machines.

Before IPL, vm64disk formats USER01's and USER02's 191 minidisks and copies two files onto
USER01's: TEXT DATA (RECFM V, lines of many lengths, one longer than a card) and BIN DATA
(RECFM V, binary, every byte value). Then:
- USER01 SENDFILEs both to USER02 (both syntaxes); USER02 sees CP's arrival message, RDRLIST
  lists them with their names and origin, PEEK shows the first records and leaves the file
  as it was (not held, not kept),
  RECEIVE n makes each file again (LISTFILE shows the same RECFM, LRECL and record count, TYPE
  the same lines); RECEIVE refuses to overwrite without REPLACE and leaves the file in the
  reader; DISCARD purges one.
- PUNCH / READCARD round trip in USER01's own reader, with the header card (the file comes
  back under its own name) and with NOHEADER (under the name READCARD is given).
- PRINT puts a printer file in CP's queue (QUERY PRINTER lists it).
- PUNCH of BIG DATA (1.26 MB) again and again fills the spool: CMS's DMSSPL029E, the
  half-made file gone, the closed ones whole; PURGE gives the space back.
- PUNCH reads its file in runs: INDICATE USER's D250= count grows by a few requests, not one
  a block.
- TELL reaches the other user; to the same user disconnected it gets CP's VMCMSG057I
  "not receiving; disconnected" (rc 57) instead.
After SHUTDOWN, vm64disk copies the received files out of USER02's 191: byte for byte what was
copied in. The card formats themselves are unit-tested in tests/unit/test_spoolcard.c.
"""
import os
import re
import tempfile

from cms_session import CMS_READY, READY, file_new, logon_cms, run, type_line, vm_read
from machine import only
from tn3270 import Tn3270
from test_vm64disk import SYSTEM_CONFIG, user_mdisk, vm64disk, volume_image

TEXT_LINES = ["short", "", "a line of exactly eighty characters".ljust(80, "."),
              "a line longer than one card: " + "x" * 91, "last line [of] TEXT"]
BIN_BYTES = bytes(range(256)) * 4 + bytes(range(37))   # 1061 bytes: V records of 100, last 61
BIN_LRECL = 100
BIG_RECORDS = 15729                                    # F 80: 1.26 MB, an eighth of the spool


def disk_of(data, user):
    start, count, volser = user_mdisk(user, "191")
    img = volume_image(data, volser)
    assert img, "no volume %s in %s" % (volser, data)
    return img, str(start), str(count)


def prepare(data):
    vm64disk("ensure", "--compressed-ckd", SYSTEM_CONFIG, data)
    for user in ("USER01", "USER02"):
        img, start, count = disk_of(data, user)
        vm64disk("format", img, start, count, "USR191", "--force")
    img, start, count = disk_of(data, "USER01")
    text = os.path.join(data, "text.txt")
    with open(text, "w", encoding="latin-1") as f:
        f.write("".join(line + "\n" for line in TEXT_LINES))
    vm64disk("copyin", img, start, count, text, "TEXT DATA", "--recfm", "V", "--lrecl", "200")
    big = os.path.join(data, "big.txt")
    with open(big, "w") as f:
        f.write("".join(("big %06d " % i).ljust(80, "-") + "\n" for i in range(BIG_RECORDS)))
    vm64disk("copyin", img, start, count, big, "BIG DATA", "--recfm", "F", "--lrecl", "80")
    binary = os.path.join(data, "bin.dat")
    with open(binary, "wb") as f:
        f.write(BIN_BYTES)
    vm64disk("copyin", img, start, count, binary, "BIN DATA", "--binary", "--recfm", "V",
             "--lrecl", str(BIN_LRECL))


def run_rc(t, line, timeout=600):
    """A CMS command whatever its return code: (rc, the screen)."""
    vm_read(t, timeout)
    t.pa(2, wait=30)
    type_line(t, line, timeout)
    m = t.wait_for(CMS_READY, timeout)
    return int(m.group(2) or 0), t.text()


def indicate_d250(t):
    """The user's DIAGNOSE X'250' requests so far (CP's INDICATE USER, D250=)."""
    text = run(t, "cp indicate user user01")
    m = re.search(r"D250=(\d+)", text.replace("\n", ""))  # rows are 80 wide
    assert m, text
    return int(m.group(1))


def listfile_format(t, fn, ft):
    """(recfm, lrecl, records) of fn ft A from LISTFILE (FORMAT."""
    text = run(t, "listfile %s %s a (format" % (fn, ft))
    m = re.search(r"(?m)^%s\s+%s\s+A1\s+([FV])\s+(\d+)\s+(\d+)" % (fn, ft), text)
    assert m, text
    return m.group(1), int(m.group(2)), int(m.group(3))


def rdrlist_sub(t, line, expect, timeout=60):
    """A subcommand typed at RDRLIST's prompt; waits for expect and the next prompt or Ready."""
    vm_read(t)
    t.pa(2, wait=20)
    type_line(t, line)
    t.wait_for(expect, timeout)
    return t.wait_for(CMS_READY.replace("(?m)", "(?m)DMSRDL037R|", 1), timeout)


@only("hercules", "qemu")
def test_spool_cms(machine_class):
    with tempfile.TemporaryDirectory(prefix="spool-cms-") as data:
        prepare(data)
        with machine_class(terminals=2, storage_mb=128, timeout=900, data_dir=data) as m:
            m.expect(READY, 60)
            a = Tn3270(m.tn3270_port, codepage="cp037")  # what CP sends a 3270
            b = Tn3270(m.tn3270_port, codepage="cp037")
            try:
                logon_cms(a, "USER01")
                logon_cms(b, "USER02")
                text_fmt = listfile_format(a, "TEXT", "DATA")
                bin_fmt = listfile_format(a, "BIN", "DATA")
                assert text_fmt == ("V", 120, len(TEXT_LINES)), text_fmt
                assert bin_fmt == ("V", BIN_LRECL, 11), bin_fmt
                text = run(a, "help", r"SENDfile")
                for name in ("PEEK", "PRint", "PUnch", "RDRList", "READCard", "RECeive", "TELL"):
                    assert name in text, text
                run(a, "help rdrlist", r"Syntax: RDRLIST")
                run(b, "query reader all", r"NO RDR FILES")

                # SENDFILE, both forms; the receiver is told at once.
                run(a, "sendfile text data a to user02", r"DMSSND035I File TEXT DATA A1 sent "
                    r"to USER02")
                b.wait_for(r"RDR FILE \d+ SENT FROM USER01", 30)
                run(a, "sendfile bin data a user02", r"DMSSND035I File BIN DATA A1 sent")

                # RDRLIST: both files, numbered; PEEK leaves a file; RECEIVE makes it again.
                vm_read(b)
                b.pa(2, wait=20)
                type_line(b, "rdrlist")
                b.wait_for(r"DMSRDL037R", 60)
                screen = b.text()
                assert re.search(r"(?m)^\s+1 \d{4}\s+USER01\s+TEXT\s+DATA\s+A\s+PUN", screen), screen
                assert re.search(r"(?m)^\s+2 \d{4}\s+USER01\s+BIN\s+DATA\s+A\s+PUN", screen), screen
                rdrlist_sub(b, "peek 1", r"DMSPEK039I Reader file \d+ from USER01: TEXT DATA V "
                            r"120[\s\S]*a line longer than one card: x+[\s\S]*last line")
                rdrlist_sub(b, "receive 1", r"DMSRCV032I File TEXT DATA A1 received from USER01, "
                            r"%d records" % len(TEXT_LINES))
                screen = b.text()
                assert re.search(r"(?m)^\s+1 \d{4}\s+USER01\s+BIN\s+DATA", screen), screen
                assert not re.search(r"TEXT\s+DATA\s+A\s+PUN", screen), screen
                rdrlist_sub(b, "receive 1", r"DMSRCV032I File BIN DATA A1 received")
                b.wait_for(r"DMSRDC030E No files in your reader", 30)
                b.wait_for(CMS_READY, 30)
                assert listfile_format(b, "TEXT", "DATA") == text_fmt
                assert listfile_format(b, "BIN", "DATA") == bin_fmt
                # Screen rows are 80 wide: a longer line goes on in the next row.
                typed = run(b, "type text data a").replace("\n", "")
                for line in TEXT_LINES:
                    assert line in typed, (line, typed)

                # RECEIVE will not overwrite; the file stays in the reader until REPLACE.
                run(a, "sendfile text data a user02")
                b.wait_for(r"RDR FILE \d+ SENT FROM USER01", 30)
                run(b, "receive", r"DMSFIL009E File TEXT DATA A1 already exists", rc=28)
                run(b, "query reader all", r"USER01\s+\d{4} A PUN\s+\d+[\s\S]*TEXT\s+DATA")
                # PEEK by itself: the first records, and the file stays as it was.
                run(b, "peek * (for 2", r"DMSPEK039I Reader file \d+ from USER01: TEXT DATA V "
                    r"120[\s\S]*short\s*\n\s*\n\s*Ready")
                text = run(b, "query reader all", r"TEXT\s+DATA")
                assert re.search(r"A PUN \d{8} \d{3} NONE", text) and "KEEP" not in text, text
                run(b, "receive * (replace", r"DMSRCV032I File TEXT DATA A1 received")
                run(b, "query reader all", r"NO RDR FILES")

                # DISCARD from RDRLIST.
                run(a, "sendfile bin data a user02")
                b.wait_for(r"RDR FILE \d+ SENT FROM USER01", 30)
                vm_read(b)
                b.pa(2, wait=20)
                type_line(b, "rdrlist")
                b.wait_for(r"DMSRDL037R", 60)
                rdrlist_sub(b, "discard 1", r"DMSRDC030E No files in your reader")
                run(b, "query reader all", r"NO RDR FILES")

                # PUNCH / READCARD in one's own reader: with the header the file comes back
                # under its own name; without, under the name READCARD is given.
                file_new(a, "card", ["card one", "card [two]", "card three"])
                run(a, "cp spool punch to *")
                run(a, "punch card data a", r"PUN FILE \d+")
                run(a, "erase card data a")
                run(a, "readcard other name", r"DMSRDC033I File CARD DATA A1 read, 3 records "
                    r"\(header card\)")
                run(a, "type card data", r"card one[\s\S]*card \[two\][\s\S]*card three")
                run(a, "punch card data a (noheader", r"PUN FILE \d+")
                run(a, "readcard deck file a", r"DMSRDC033I File DECK FILE A1 read, 3 records")
                assert listfile_format(a, "DECK", "FILE") == ("F", 80, 3)
                run(a, "type deck file", r"card one[\s\S]*card \[two\][\s\S]*card three")
                run(a, "readcard empty file", r"DMSRDC030E No files in your reader", rc=28)

                # PRINT: a printer file in CP's queue.
                run(a, "print card data", r"PRT FILE \d+")
                run(a, "query printer all", r"CARD\s+DATA")

                # A PUNCH that fills the spool: CMS says so and its half-made file goes
                # (CLOSE PURGE); the files punched before it are whole; PURGE gives the space
                # back and the same PUNCH works again.
                for n in range(1, 40):
                    rc, text = run_rc(a, "punch big data a")
                    if rc:
                        break
                assert rc == 100 and 1 < n < 39, (n, rc, text)
                assert re.search(r"DMSSPL029E Error on virtual punch 00D: not ready", text), text
                text = run(a, "query reader all")
                recs = re.findall(r"(?m)^USER01\s+\d{4} A PUN (\d{8}) .*BIG\s+DATA", text)
                assert len(recs) == n - 1 and set(recs) == {"%08d" % (BIG_RECORDS + 1)}, text
                run(a, "cp purge rdr all", r"%04d FILES PURGED" % (n - 1))
                # PUNCH reads its file in runs (COPYFILE's buffer), not a DIAGNOSE X'250' a
                # block: 1.26 MB is some 2,460 blocks of 512 bytes.
                d250 = indicate_d250(a)
                run(a, "punch big data a", r"PUN FILE \d+")
                d250 = indicate_d250(a) - d250
                assert 0 < d250 <= 40, "PUNCH of 1.26 MB: %d DIAGNOSE X'250' requests" % d250
                run(a, "cp purge rdr all", r"0001 FILES PURGED")

                # TELL
                run(a, "tell user02 Spool works")
                b.wait_for(r"(?i)MSG FROM USER01\s*: Spool works", 30)
                # TELL to a user who is disconnected: CP says so (rc 57), nothing delivered;
                # SHUTDOWN logs USER02 off later
                type_line(b, "#cp disconnect")
                b.wait_for(r"USER02 DISCONNECTED AT", 30)
                run(a, "tell user02 nobody there",
                    r"VMCMSG057I USER02 not receiving; disconnected", rc=57)
                type_line(a, "#cp logoff")
            finally:
                a.close()
                b.close()
            m.shutdown()

        # Byte for byte what USER01 had.
        img, start, count = disk_of(data, "USER02")
        out = os.path.join(data, "back.dat")
        vm64disk("copyout", img, start, count, "BIN DATA", out, "--binary")
        with open(out, "rb") as f:
            assert f.read() == BIN_BYTES
        out = os.path.join(data, "back.txt")
        vm64disk("copyout", img, start, count, "TEXT DATA", out)
        with open(out, encoding="latin-1") as f:
            assert f.read() == "".join(line + "\n" for line in TEXT_LINES)
        assert "clean" in vm64disk("check", img, start, count).stdout
