"""Issue 15, the operator's real unit-record devices (cp/spool/rur.c, arch/s390x/ur.c).
Hercules: a real 3505 at 000C reads a host text file (ascii eof trunc); START READER puts the
deck after its ID card into the named user's reader (QUERY RDR shows it, CMS READCARD reads
it); a CMS PRINT file reaches the 1403's host file at 000E after START PRINTER; QUERY UR and
DRAIN. QEMU has no unit-record devices: the commands say the device does not exist."""
import os
import re
import tempfile
import time

from cms_session import READY, logon_cms, run, file_new
from machine import only
from tn3270 import Tn3270

CARDS = ["first card of the deck", "second card (two)"]
PRINTED = ["a line for the printer", "and the second line"]


def clean(line):
    return re.sub(r"^<pnl[^>]*>", "", line)


@only("hercules")
def test_real_reader_and_printer(machine_class):
    with tempfile.TemporaryDirectory(prefix="vm64-ur-") as tmp:
        deck = os.path.join(tmp, "deck.cards")
        printer = os.path.join(tmp, "printer.txt")
        with open(deck, "w") as f:
            f.write("ID USER01 NAME HELLO DECK\n" + "".join(c + "\n" for c in CARDS))
        with machine_class(terminals=1, storage_mb=128, timeout=600,
                           unit_record=(deck, printer)) as m:
            m.expect(READY, 60)
            out = m.command("QUERY UR", r"PRT 000E DRAINED")
            text = "\n".join(clean(l) for l in out)
            assert "VMCSPL026I RDR 000C DRAINED 3505" in text, text
            t0 = time.monotonic()
            out = m.command("START READER 00C", r"VMCSPL027I|VMCSPL0\d\dE", timeout=60)
            read_s = time.monotonic() - t0
            got = re.search(r"VMCSPL027I RDR 000C: 3 cards read, RDR FILE (\d{4}) SENT TO "
                            r"USER01", clean(out[-1]))
            assert got, out
            out = m.command("QUERY RDR USER01 ALL", r"ORIGINID FILE")
            rows = m.command("QUERY FILES", r"FILES: ")
            row = [clean(l) for l in rows if clean(l).startswith("SYSTEM ")]
            assert len(row) == 1 and re.match(r"SYSTEM\s+%s A PUN 00000002 001 NONE .*HELLO\s+"
                                              r"DECK" % got.group(1), row[0]), rows
            t = Tn3270(m.tn3270_port, codepage="cp037")
            try:
                logon_cms(t, "USER01")
                run(t, "readcard hello deck", r"DMSRDC033I File HELLO DECK A1 read, 2 records")
                text = run(t, "type hello deck")
                for c in CARDS:
                    assert c in text, text
                file_new(t, "prt", PRINTED)
                run(t, "print prt data", r"PRT FILE \d+")
            finally:
                t.close()
            out = m.command("QUERY UR", r"PRT 000E DRAINED 1403 FILES WAITING")
            t0 = time.monotonic()
            out = m.command("START PRINTER 00E", r"VMCSPL029I PRT 000E: FILE \d{4} FROM USER01 "
                            r"PRINTED|VMCSPL0\d\dE", timeout=60)
            print_s = time.monotonic() - t0
            assert "VMCSPL029I" in out[-1], out
            deadline = time.monotonic() + 20
            body = ""
            while time.monotonic() < deadline:
                if os.path.exists(printer):
                    with open(printer, "rb") as f:
                        body = f.read().decode("latin-1")
                    if PRINTED[-1] in body:
                        break
                time.sleep(0.2)
            assert "VM/64 PRT FILE" in body and all(p in body for p in PRINTED), repr(body)
            # the separator line, then the file's lines in order (Hercules' 1403 writes no
            # form feed for the skip to channel 1 at the top of a new file)
            at = [body.find(x) for x in ["VM/64 PRT FILE"] + PRINTED]
            assert -1 not in at and at == sorted(at), repr(body)
            m.command("QUERY 00E", r"VMCSPL026I PRT 000E STARTED 1403 QUEUE EMPTY")
            m.command("DRAIN PRINTER", r"VMCSPL026I PRT 000E DRAINED")
            # the deck is used up: the hopper is empty
            m.command("START READER", r"VMCSPL018I NO RDR FILES")
            print("START READER of a 3-card deck: %.2f s; START PRINTER of a 2-line file: %.2f s"
                  % (read_s, print_s))
            print("printer file: %r" % body)
            m.shutdown(timeout=60)


@only("qemu")
def test_no_real_unit_record(machine_class):
    with machine_class(terminals=0, storage_mb=64, timeout=300) as m:
        m.expect(READY, 60)
        m.command("START READER", r"VMCSPL025E Real device READER does not exist")
        m.command("START PRINTER 00E", r"VMCSPL025E Real device 00E does not exist")
        m.command("DRAIN 00C", r"VMCSPL025E Real device 00C does not exist")
        m.command("QUERY UR", r"VMCSPL025E Real device UR does not exist")
        m.shutdown(timeout=60)
