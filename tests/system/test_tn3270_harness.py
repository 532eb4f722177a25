"""The TN3270 test harness (tn3270.py, a real s3270): it connects to each machine's 3270
terminal, and, against a small in-process TN3270 host, types, reads fields, sends AIDs and
reports failures with the screen."""
import os
import re
import signal
import socket
import threading
import time

import machine
from tn3270 import Tn3270, Tn3270Error

READY = r"VMCIPL002I CP ready"


def test_tn3270_connects(machine_class):
    """A 3278-2 session reaches 3270 mode on the machine's terminal; the screen is 24x80.
    (CP writes nothing to 3270s yet: Hercules shows its own logo, QEMU a blank screen.)"""
    kw = {"terminals": 1} if machine_class.name == "qemu" else {}
    with machine_class(**kw) as m:
        m.expect(READY, 60)
        assert m.tn3270_port, "no 3270 port on %s" % m.name
        with Tn3270(m.tn3270_port, model="3278-2") as t:
            assert t.connected(), t.status
            assert t.status.model == 2 and (t.status.rows, t.status.cols) == (24, 80), t.status
            rows = t.screen()
            assert len(rows) == 24 and all(len(r) == 80 for r in rows), [len(r) for r in rows]
            assert t.connect_seconds < 10, t.connect_seconds
            if m.name == "hercules":
                # Hercules tells the console log which device the client got.
                m.expect(r"HHCTE009I Client 127\.0\.0\.1 connected to 3270 device 0:0020",
                         10, raw=True)
        assert t.proc.poll() is not None, "s3270 still running after close"
        # CP carries on after the client left.
        m.command("q time", r"^CONNECT= ")
        m.shutdown()


# --- a tiny TN3270 host: enough telnet and 3270 data stream to exercise the harness ---------
IAC, SB, SE, WILL, WONT, DO, DONT, EOR = 255, 250, 240, 251, 252, 253, 254, 239
SBA, SF, IC = 0x11, 0x1D, 0x13
PROT, UNPROT = 0x60, 0x40


def _addr(a):
    return bytes([(a >> 8) & 0x3F, a & 0xFF])           # 14-bit binary buffer address


def _decode_addr(b1, b2):
    if b1 & 0xC0 == 0:
        return ((b1 & 0x3F) << 8) | b2
    return ((b1 & 0x3F) << 6) | (b2 & 0x3F)


def _ebcdic(text):
    return text.encode("cp037")


class FakeHost(threading.Thread):
    """Accepts one client on 127.0.0.1:port, negotiates plain TN3270 the way QEMU does,
    draws two input fields, and answers each AID by writing what it got on row 10."""

    def __init__(self, port, delay=0.0):
        super().__init__(daemon=True)
        self.port, self.delay = port, delay
        self.terminal_type = None
        self.inputs = []            # (aid, cursor address, {field address: text})
        self.error = None
        self.stop = threading.Event()

    def screen(self):
        out = bytes([0xF5, 0xC3])                        # Erase/Write, WCC restore+reset MDT
        out += bytes([SBA]) + _addr(0) + bytes([SF, PROT]) + _ebcdic("NAME:")
        out += bytes([SF, UNPROT]) + bytes([SBA]) + _addr(26) + bytes([SF, PROT])
        out += _ebcdic("MORE:") + bytes([SF, UNPROT]) + bytes([SBA]) + _addr(60)
        out += bytes([SF, PROT]) + bytes([SBA]) + _addr(5 * 80) + bytes([SF, PROT])
        out += _ebcdic("FAKE HOST READY") + bytes([SBA]) + _addr(7) + bytes([IC])
        return out

    def run(self):
        try:
            time.sleep(self.delay)
            with socket.socket() as ls:
                ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                ls.bind(("127.0.0.1", self.port))
                ls.listen(1)
                ls.settimeout(20)
                conn, _ = ls.accept()
            with conn:
                conn.settimeout(0.2)
                conn.sendall(bytes([IAC, DO, 0x19, IAC, WILL, 0x19, IAC, DO, 0, IAC, WILL, 0,
                                    IAC, DO, 0x18, IAC, SB, 0x18, 1, IAC, SE]))
                self.serve(conn)
        except Exception as e:  # noqa: BLE001 - reported by the test
            self.error = e

    def serve(self, conn):
        buf, record, sent_screen = b"", bytearray(), False
        while not self.stop.is_set():
            try:
                data = conn.recv(4096)
                if not data:
                    return
                buf += data
            except socket.timeout:
                pass
            i = 0
            while i < len(buf):
                c = buf[i]
                if c != IAC:
                    record.append(c)
                    i += 1
                    continue
                if i + 1 >= len(buf):
                    break
                cmd = buf[i + 1]
                if cmd == IAC:
                    record.append(IAC)
                    i += 2
                elif cmd in (WILL, WONT, DO, DONT):
                    if i + 2 >= len(buf):
                        break
                    i += 3
                elif cmd == SB:
                    end = buf.find(bytes([IAC, SE]), i)
                    if end < 0:
                        break
                    sub = buf[i + 2:end]
                    if sub[:2] == bytes([0x18, 0]):          # TERMINAL-TYPE IS
                        self.terminal_type = sub[2:].decode("ascii")
                    i = end + 2
                elif cmd == EOR:
                    self.answer(conn, bytes(record))
                    record.clear()
                    i += 2
                else:
                    i += 2
            buf = buf[i:]
            if self.terminal_type and not sent_screen:
                conn.sendall(self.screen().replace(b"\xff", b"\xff\xff") + bytes([IAC, EOR]))
                sent_screen = True

    def answer(self, conn, rec):
        if not rec:
            return
        aid, cursor, fields = rec[0], _decode_addr(rec[1], rec[2]) if len(rec) >= 3 else 0, {}
        parts = rec[3:].split(bytes([SBA]))
        for p in parts[1:]:
            fields[_decode_addr(p[0], p[1])] = p[2:].decode("cp037")
        self.inputs.append((aid, cursor, fields))
        text = "GOT %02X AT %d: %s" % (aid, cursor, " ".join(
            "%d=<%s>" % kv for kv in sorted(fields.items())))
        out = bytes([0xF1, 0xC3]) + bytes([SBA]) + _addr(10 * 80) + bytes([SF, PROT])
        out += _ebcdic(text[:78]) + bytes([SBA]) + _addr(7) + bytes([IC])
        conn.sendall(out.replace(b"\xff", b"\xff\xff") + bytes([IAC, EOR]))


def test_tn3270_harness_keys_and_fields():
    """Against the fake host: retrying until the host listens, typing with quotes and
    backslashes, Tab, EraseEOF, Enter and PF keys, field_at, cursor moves, and wait_for's
    failure report."""
    port = machine.free_port()
    host = FakeHost(port, delay=1.0)        # not listening for the first second
    host.start()
    try:
        with Tn3270(port, connect_timeout=15) as t:
            assert t.attempts > 1, "connected before the host listened?"
            t.wait_for(r"FAKE HOST READY", 10)
            assert host.terminal_type == "IBM-3278-2-E", host.terminal_type
            t.wait_unlocked(5)
            assert t.cursor() == (0, 7), t.status
            assert t.screen()[0].startswith(" NAME: "), t.screen()[0]

            t.type('a"b\\c')
            assert t.screen()[0][7:12] == 'a"b\\c', repr(t.screen()[0])
            assert t.cursor() == (0, 12), t.status
            t.type('\\n\\e\\\\"')                       # no escape reaches String()
            assert t.screen()[0][7:19] == 'a"b\\c\\n\\e\\\\"', repr(t.screen()[0])
            t.move_cursor(0, 12)
            t.erase_eof()
            t.tab()
            assert t.cursor() == (0, 33), t.status
            t.type("second")
            assert t.field_at(0, 35).rstrip("\0 ") == "second", repr(t.field_at(0, 35))
            assert t.cursor() == (0, 39), t.status            # field_at puts the cursor back
            t.move_cursor(0, 35)
            t.erase_eof()
            t.enter(wait=5)
            m = t.wait_for(r"GOT 7D AT (\d+): (.*)", 10)
            assert m.group(1) == "35", m.group(0)
            assert '7=<a"b\\c>' in m.group(2) and "33=<se>" in m.group(2), m.group(0)
            assert host.inputs[-1][2] == {7: 'a"b\\c', 33: "se"}, host.inputs

            t.home()
            assert t.cursor() == (0, 7), t.status
            t.pf(3, wait=5)
            t.wait_for(r"GOT F3 AT 7", 10)
            assert t.status_area() == "", repr(t.status_area())
            assert len(t.transcript) >= 3, len(t.transcript)

            try:
                t.wait_for(r"NEVER THERE", 0.5)
            except AssertionError as e:
                assert "NEVER THERE" in str(e) and "FAKE HOST READY" in str(e), str(e)
            else:
                raise AssertionError("wait_for did not fail")

            # A dead s3270 is reported with its exit status, not a hang.
            os.killpg(t.proc.pid, signal.SIGKILL)
            t.proc.wait(5)
            try:
                t.screen()
            except Tn3270Error as e:
                assert re.search(r"rc -9", str(e)), str(e)
            else:
                raise AssertionError("screen() worked with s3270 dead")
            assert not t.connected()
    finally:
        host.stop.set()
        host.join(10)
    assert host.error is None, host.error


def test_tn3270_harness_no_host():
    """Nothing ever listens: connect gives up in time and says why."""
    port = machine.free_port()
    t0 = time.monotonic()
    try:
        Tn3270(port, connect_timeout=2)
    except Tn3270Error as e:
        assert "no 3270 connection" in str(e) and time.monotonic() - t0 < 8, (str(e), t0)
    else:
        raise AssertionError("connected to nothing")
