"""Issue 15, CP's spool on both machines: files in readers, their attributes and the arrival
message, CHANGE/TRANSFER/ORDER/PURGE with the space coming back, the operator's INPUT (a host
file into a user's reader as cards) and OUTPUT (a spool file's records back to the host),
warm start after SHUTDOWN and after SIGKILL of the emulator in the middle of a deck (the
closed files whole with their IDs and attributes, the open one discarded with VMCSPL003W,
the space adding up), and a test guest (tests/guest/spool.c) punched to a reader as an IPL
deck and IPLed from it with XAUTOLOG ... IPL 00C: it drives the virtual punch, reader and
printer itself and prints its SUMMARY."""
import os
import re
import shutil
import signal
import struct
import tempfile

from machine import BUILD, ensure_volumes, only

READY = r"VMCIPL002I CP ready"
Q_HEADER = "ORIGINID FILE CLASS RECORDS  CPY HOLD DATE  TIME     NAME      TYPE      DIST"


def clean(line):
    """A console line without the colour tag Hercules' panel may put in front."""
    return re.sub(r"^<pnl[^>]*>", "", line)


def ipl_lines(m):
    return "\n".join(m.lines_until(READY, 120))


def input_deck(m, to, lines, name=None, hex_cards=False, end=True, cards=None):
    """INPUT TO user: the lines as cards; returns (punch id, reader id) after INPUT END."""
    cmd = "INPUT TO %s" % to
    if name:
        cmd += " NAME %s" % name
    if hex_cards:
        cmd += " HEX"
    m.command(cmd, r"INPUT: PUN FILE \d{4} OPEN|VMC[A-Z]{3}\d{3}E")
    for n, line in enumerate(lines):
        m.command(">" + line, r"INPUT %04d$|VMC[A-Z]{3}\d{3}E" % (n + 1))
    if not end:
        return None
    out = m.command("INPUT END", r"VMCSPL010I PUN FILE (\d{4}) SENT TO\s+%s\s+RDR AS\s+(\d{4}) "
                    r"RECS (\d{4})|VMC[A-Z]{3}\d{3}E" % to, timeout=120)
    got = re.search(r"VMCSPL010I PUN FILE (\d{4}) SENT TO\s+%s\s+RDR AS\s+(\d{4}) RECS (\d{4})"
                    % to, "\n".join(out))
    assert got, out
    assert int(got.group(3)) == (cards or len(lines)), out
    return got.group(1), got.group(2)


ROW = re.compile(r"^\S+\s+\d{4} [A-Z0-9] (PUN|PRT|RDR) ")


def query_rdr(m, user, queue="RDR"):
    """QUERY RDR|PUN|PRT user ALL: the file rows (QUERY FILES after it marks the end)."""
    out = m.command("QUERY %s %s ALL" % (queue, user),
                    r"(ORIGINID FILE|VMCSPL018I NO %s FILES)" % queue)
    if "VMCSPL018I" in out[-1]:
        return []
    assert clean(out[-1]).rstrip() == Q_HEADER, out
    rest = m.command("QUERY FILES", r"FILES: ")
    return [clean(l).rstrip() for l in rest if ROW.match(clean(l))]


def files_space(m):
    out = m.command("QUERY FILES", r"SPOOL PAGES: (\d+) TOTAL, (\d+) IN USE, (\d+) FREE")
    got = re.search(r"SPOOL PAGES: (\d+) TOTAL, (\d+) IN USE, (\d+) FREE", out[-1])
    total, used, free = (int(x) for x in got.groups())
    assert used + free == total, out
    return used


@only("hercules", "qemu")
def test_spool_files_warm_start_and_kill(machine_class):
    data = tempfile.mkdtemp(prefix="vm64-data-")
    try:
        ensure_volumes(data)
        with machine_class(terminals=0, storage_mb=64, timeout=600, data_dir=data) as m:
            out = ipl_lines(m)
            assert re.search(r"VMCSPL002I Spool area formatted: \d+ pages", out), out
            assert files_space(m) == 0
            # a deck to the operator's own reader: the arrival message on its console
            m.send("INPUT TO OPERATOR NAME HELLO DECK")
            m.expect(r"INPUT: PUN FILE (\d{4}) OPEN")
            for n, t in enumerate(("HELLO WORLD", "SECOND CARD", "third card, lower case")):
                m.command(">" + t, r"INPUT %04d$" % (n + 1))
            m.send("INPUT END")
            arr = m.expect(r"VMCSPL009I RDR FILE (\d{4}) SENT FROM OPERATOR PUN WAS (\d{4}) "
                           r"RECS 0003 CPY  001 A NOHOLD NOKEEP", 60)
            op_id = arr.group(1)
            m.expect(r"VMCSPL010I PUN FILE %s SENT TO\s+OPERATOR RDR AS\s+%s RECS 0003"
                     % (arr.group(2), op_id))
            rows = query_rdr(m, "OPERATOR")
            assert len(rows) == 1 and re.match(
                r"^OPERATOR %s A PUN 00000003 001 NONE \d\d/\d\d \d\d:\d\d:\d\d HELLO     "
                r"DECK      OPERATOR" % op_id, rows[0]), rows
            # OUTPUT gives the records back as text
            out = [clean(l) for l in m.command("OUTPUT %s" % op_id, r"OUTPUT END")]
            assert [l for l in out if l.startswith("<")] == [
                "<HELLO WORLD", "<SECOND CARD", "<third card, lower case"], out
            # files in three users' readers, with attributes
            ids = {}
            for n, user in enumerate(("USER01", "USER02", "USER03")):
                _, ids[user] = input_deck(m, user, ["%s CARD %d" % (user, i)
                                                    for i in range(10 * (n + 1))],
                                          name="F%d DATA" % n)
            assert "0001 FILES CHANGED" in "\n".join(
                m.command("CHANGE USER02 RDR ALL KEEP NOHOLD", r"FILES CHANGED|VMC\w+E"))
            assert "0001 FILES CHANGED" in "\n".join(
                m.command("CHANGE USER03 RDR %s HOLD CLASS C" % ids["USER03"],
                          r"FILES CHANGED|VMC\w+E"))
            # TRANSFER gives a new reader file in the other reader; ORDER puts it first
            m.command("TRANSFER RDR %s TO USER01" % op_id, r"0001 FILES TRANSFERRED")
            rows = query_rdr(m, "USER01")
            assert len(rows) == 2, rows
            moved = [r.split()[1] for r in rows if " HELLO " in r][0]
            m.command("ORDER USER01 RDR %s" % moved, r"0001 FILES ORDERED")
            rows = query_rdr(m, "USER01")
            assert rows[0].split()[1] == moved, rows
            used_before = files_space(m)
            m.command("PURGE USER01 RDR %s" % moved, r"0001 FILES PURGED")
            used = files_space(m)
            assert used == used_before - 1, (used_before, used)
            m.command("PURGE USER01 RDR %s" % moved, r"VMCSPL012E No such file %s" % moved)
            before = {u: query_rdr(m, u) for u in ("USER01", "USER02", "USER03")}
            assert before["USER02"][0].endswith(" KEEP"), before
            assert re.match(r"^OPERATOR %s C PUN 00000030 001 USER " % ids["USER03"],
                            before["USER03"][0]), before
            m.shutdown(timeout=60)
        # warm start after SHUTDOWN: every file with its ID and attributes
        with machine_class(terminals=0, storage_mb=64, timeout=600, data_dir=data) as m:
            out = ipl_lines(m)
            assert "VMCSPL001I Spool warm start: 3 files, %d of" % used in out, out
            after = {u: query_rdr(m, u) for u in ("USER01", "USER02", "USER03")}
            assert after == before, (before, after)
            # a large deck still open when the emulator is killed
            input_deck(m, "USER04", ["BIG DECK CARD %05d" % i for i in range(150)], end=False)
            assert files_space(m) > used
            os.killpg(m.proc.pid, signal.SIGKILL)
            m.proc.wait(timeout=10)
        with machine_class(terminals=0, storage_mb=64, timeout=600, data_dir=data) as m:
            out = ipl_lines(m)
            assert re.search(r"VMCSPL003W Spool file \d{4} \(OPERATOR PUN\) was open when the "
                             r"last run ended; discarded", out), out
            assert "VMCSPL001I Spool warm start: 3 files, %d of" % used in out, out
            after = {u: query_rdr(m, u) for u in ("USER01", "USER02", "USER03")}
            assert after == before, (before, after)
            assert files_space(m) == used
            m.command("QUERY RDR USER04 ALL", r"VMCSPL018I NO RDR FILES")
            # only the operator's cold start drops the spool
            m.command("SPOOL COLD", r"VMCSPL006I Spool cold start")
            assert files_space(m) == 0
            m.command("QUERY RDR USER02 ALL", r"VMCSPL018I NO RDR FILES")
            m.shutdown(timeout=60)
    finally:
        shutil.rmtree(data, ignore_errors=True)


STUB_AT, LOAD_AT, CCW_AT = 0x18000, 0x20000, 0x1000


def ccw0(cmd, addr, flags, count):
    return struct.pack(">B3sBBH", cmd, addr.to_bytes(3, "big"), flags, 0, count)


def ipl_deck(image):
    """80-byte cards that IPL @image (loaded at LOAD_AT, entered in 64-bit mode) from a card
    reader: card 1 is the IPL PSW (short form, 31-bit, at a stub that does SAM64 and branches
    to LOAD_AT) and two CCWs reading the first CCW card to CCW_AT and going there; each CCW
    card reads the next CCW card (to the next 80 bytes, so the chain runs on) and nine cards
    of the program."""
    CC_SLI = 0x60
    stub = bytes.fromhex("010E") + bytes.fromhex("C01F") + LOAD_AT.to_bytes(4, "big") + \
        bytes.fromhex("07F1")
    pieces = [(STUB_AT, stub.ljust(80, b"\0"))]
    image = image + b"\0" * (-len(image) % 80)
    pieces += [(LOAD_AT + i, image[i:i + 80]) for i in range(0, len(image), 80)]
    groups = [pieces[i:i + 9] for i in range(0, len(pieces), 9)]
    ccw_cards = []
    for k, group in enumerate(groups):
        last = k == len(groups) - 1
        ccws = [ccw0(0x03, 0, CC_SLI, 1) if last else
                ccw0(0x02, CCW_AT + 80 * (k + 1), CC_SLI, 80)]
        for j, (addr, _) in enumerate(group):
            end = last and j == len(group) - 1
            ccws.append(ccw0(0x02, addr, 0x20 if end else CC_SLI, 80))
        ccw_cards.append(b"".join(ccws).ljust(80, b"\0"))
    psw = struct.pack(">II", 0x00080000, 0x80000000 | STUB_AT)
    first = (psw + ccw0(0x02, CCW_AT, CC_SLI, 80) + ccw0(0x08, CCW_AT, 0, 1)).ljust(80, b"\0")
    deck = [first, ccw_cards[0]]
    for k, group in enumerate(groups):
        if k + 1 < len(ccw_cards):
            deck.append(ccw_cards[k + 1])
        deck += [data for _, data in group]
    return deck


@only("hercules", "qemu")
def test_ipl_from_reader(machine_class):
    with open(os.path.join(BUILD, "guest", "spool.bin"), "rb") as f:
        deck = ipl_deck(f.read())
    data = tempfile.mkdtemp(prefix="vm64-data-")
    try:
        ensure_volumes(data)
        with machine_class(terminals=0, storage_mb=64, timeout=900, data_dir=data) as m:
            ipl_lines(m)
            # two lines a card: the Hercules console passes at most 120 characters a line
            halves = [h for c in deck for h in (c[:40].hex().upper(), c[40:].hex().upper())]
            input_deck(m, "TEST001", halves, name="SPOOL DECK", hex_cards=True,
                       cards=len(deck))
            rows = query_rdr(m, "TEST001")
            assert len(rows) == 1 and " PUN %08d " % len(deck) in rows[0], rows
            used = files_space(m)
            m.command("XAUTOLOG TEST001 IPL 00C", r"VMCXAU002I TEST001 started with IPL 00C")
            lines = m.lines_until(r"VMCDSP45[0-2][IW] TEST001 ", timeout=300)
            mine = [clean(l) for l in lines if clean(l).startswith("TEST001 : ")]
            fails = [l for l in mine if ": FAIL" in l]
            summary = [l for l in mine if "SUMMARY:" in l]
            assert summary and not fails, "\n".join(lines)
            print("IPL 00C of a %d-card deck: %s, %d PASS lines" % (
                len(deck), summary[0].split(": ", 1)[1],
                len([l for l in mine if ": PASS" in l])))
            assert re.search(r"PSW [0-9A-F]{16} 0{16}", lines[-1]), lines[-1]
            # its cards to OPERATOR: the arrival message on the operator's console
            arrived = [clean(l) for l in lines if "VMCSPL009I" in l]
            assert len(arrived) == 1 and re.match(
                r"VMCSPL009I RDR FILE (\d{4}) SENT FROM TEST001  PUN WAS \d{4} RECS 0002 CPY  "
                r"001 A NOHOLD NOKEEP", arrived[0]), lines
            rows = query_rdr(m, "OPERATOR")
            assert len(rows) == 1 and re.match(
                r"TEST001  \d{4} A PUN 00000002 001 NONE .* TO        OPER      TEST001",
                rows[0]), rows
            m.command("PURGE RDR ALL", r"0001 FILES PURGED")
            m.command("FORCE TEST001", r"VMCFRC003I TEST001 forced off")
            # the deck was given back and purged by the guest's CLOSE 00C; the guest's own
            # files are purged: the space is all back
            assert used > 0 and files_space(m) == 0
            # a reader with no file: XAUTOLOG ... IPL 00C says so
            m.command("XAUTOLOG TEST002 IPL 00C", r"VMCSPL020E IPL 00C: no file in the reader")
            m.shutdown(timeout=60)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def guest_done(m, user, timeout=120):
    """The console lines up to user's guest's disabled wait, and the guest's own lines;
    asserts it printed its SUMMARY and no FAIL."""
    lines = m.lines_until(r"VMCDSP45[0-2][IW] %s " % user, timeout=timeout)
    mine = [clean(l) for l in lines if clean(l).startswith("%s : " % user)]
    assert any("SUMMARY:" in l for l in mine), "\n".join(lines)
    assert not [l for l in mine if ": FAIL" in l], "\n".join(lines)
    return lines, mine


@only("hercules", "qemu")
def test_punch_fills_spool(machine_class):
    data = tempfile.mkdtemp(prefix="vm64-data-")
    try:
        ensure_volumes(data)
        with machine_class(terminals=0, storage_mb=64, timeout=900, data_dir=data) as m:
            ipl_lines(m)
            m.command("XAUTOLOG TEST003 IPL SPFILL", r"VMCXAU002I TEST003 started")
            lines, mine = guest_done(m, "TEST003", timeout=600)
            assert re.search(r"PSW [0-9A-F]{16} 0{16}", lines[-1]), lines[-1]
            print([l for l in mine if "cards filled" in l][0])
            # the system goes on, and the space is back
            assert files_space(m) == 0
            m.command("QUERY PUN TEST003 ALL", r"VMCSPL018I NO PUN FILES")
            m.command("FORCE TEST003", r"VMCFRC003I TEST003 forced off")
            m.shutdown(timeout=60)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def records(m, spoolid):
    return [l[1:].rstrip() for l in (clean(x) for x in m.command("OUTPUT %s" % spoolid,
                                                                  r"OUTPUT END"))
            if l.startswith("<")]


@only("hercules", "qemu")
def test_shutdown_closes_open_output(machine_class):
    """A guest punches 5 cards and prints 3 lines and never CLOSEs (tests/guest/spopen.c).
    SHUTDOWN logs its user off as z/VM does, which closes both files: after the warm start
    they are in the punch and printer queues whole. The same guest's open files when the
    emulator is killed instead are discarded (VMCSPL003W), never shown as complete, and the
    files closed before stay."""
    data = tempfile.mkdtemp(prefix="vm64-data-")
    try:
        ensure_volumes(data)
        with machine_class(terminals=0, storage_mb=64, timeout=600, data_dir=data) as m:
            ipl_lines(m)
            m.command("XAUTOLOG TEST005 IPL SPOPEN", r"VMCXAU002I TEST005 started")
            guest_done(m, "TEST005")
            # still open: not in the queues yet
            m.command("QUERY PUN TEST005 ALL", r"VMCSPL018I NO PUN FILES")
            start = m.cursor
            m.shutdown(timeout=60)
            shut = [clean(l) for l in m.log[start:]]
        with machine_class(terminals=0, storage_mb=64, timeout=600, data_dir=data) as m:
            out = ipl_lines(m)
            assert "VMCSPL003W" not in out, out
            assert any("TEST005 logged off" in l for l in shut), shut
            assert "VMCSPL001I Spool warm start: 2 files" in out, out
            pun = query_rdr(m, "TEST005", "PUN")
            prt = query_rdr(m, "TEST005", "PRT")
            assert len(pun) == 1 and " PUN 00000005 " in pun[0], pun
            assert len(prt) == 1 and " PRT 00000003 " in prt[0], prt
            assert records(m, pun[0].split()[1]) == ["SPOPEN PUNCH %d" % i for i in range(1, 6)]
            assert records(m, prt[0].split()[1]) == ["SPOPEN PRINTER %d" % i
                                                     for i in range(1, 4)]
            used = files_space(m)
            # open again, then the emulator killed: the open files go, the closed ones stay
            m.command("XAUTOLOG TEST005 IPL SPOPEN", r"VMCXAU002I TEST005 started")
            guest_done(m, "TEST005")
            os.killpg(m.proc.pid, signal.SIGKILL)
            m.proc.wait(timeout=10)
        with machine_class(terminals=0, storage_mb=64, timeout=600, data_dir=data) as m:
            out = ipl_lines(m)
            assert len(re.findall(r"VMCSPL003W Spool file \d{4} \(TEST005 (PUN|PRT)\) was open "
                                  r"when the last run ended; discarded", out)) == 2, out
            assert "VMCSPL001I Spool warm start: 2 files, %d of" % used in out, out
            assert query_rdr(m, "TEST005", "PUN") == pun
            assert query_rdr(m, "TEST005", "PRT") == prt
            assert files_space(m) == used
            m.shutdown(timeout=60)
    finally:
        shutil.rmtree(data, ignore_errors=True)
