"""The operator's host console (build/host/vm64), driven like an operator through a
pseudo-terminal: start-up text, line editing, history recall, Tab completion, the ways to end
the system (SHUTDOWN, Ctrl-C, Ctrl-D), a crashed emulator, and a TN3270 port in use. Every run
checks that no emulator process is left behind.

Oracles: the screen (escape sequences stripped), the emulator log written by vm64 (it records
each command as sent to CP, "vm64: operator command: ...", and the emulator's pid), the history
file, the exit status, and /proc.
"""
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import termios
import time

import machine
from machine import StepFailed

VM64 = os.path.join(machine.BUILD, "host", "vm64")
LEFT, UP = "\x1b[D", "\x1b[A"
CTRL_C, CTRL_D = "\x03", "\x04"
READY = r"VMCIPL002I CP ready"
_csi = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])")


class Screen:
    """Just enough of a terminal to read what libedit and vm64 draw: lines of text, a
    cursor, carriage return, backspace, and the CSI sequences for cursor motion and
    erasing. No wrapping (the pty is wide enough for every line here)."""

    def __init__(self):
        self.lines = [""]
        self.row = self.col = 0
        self.pending = ""

    def _put(self, ch):
        line = self.lines[self.row].ljust(self.col)
        self.lines[self.row] = line[:self.col] + ch + line[self.col + 1:]
        self.col += 1

    def feed(self, text):
        text = self.pending + text
        self.pending = ""
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "\x1b":
                m = _csi.match(text, i)
                if not m:
                    if len(text) - i < 16:  # an unfinished sequence: wait for the rest
                        self.pending = text[i:]
                        return
                    i += 2
                    continue
                n = int(m.group(1)) if m.group(1).isdigit() else 1
                cmd = m.group(2)
                if cmd == "A":
                    self.row = max(0, self.row - n)
                elif cmd == "B":
                    self.row += n
                elif cmd == "C":
                    self.col += n
                elif cmd == "D":
                    self.col = max(0, self.col - n)
                elif cmd == "G":
                    self.col = n - 1
                elif cmd == "K":
                    self.lines[self.row] = self.lines[self.row][:self.col]
                elif cmd == "J":
                    self.lines[self.row] = self.lines[self.row][:self.col]
                    del self.lines[self.row + 1:]
                while len(self.lines) <= self.row:
                    self.lines.append("")
                i = m.end()
                continue
            if ch == "\r":
                self.col = 0
            elif ch == "\n":
                self.row += 1
                while len(self.lines) <= self.row:
                    self.lines.append("")
            elif ch == "\b":
                self.col = max(0, self.col - 1)
            elif ch >= " ":
                self._put(ch)
            i += 1

    def text(self):
        return "\n".join(l.rstrip() if i != self.row else l for i, l in enumerate(self.lines))


class Console(machine.Session):
    """vm64 in a pseudo-terminal, with expect-style steps, each with its own timeout."""

    def __init__(self, machine_name, extra=(), terminals=None):
        if not os.access(VM64, os.X_OK):
            raise StepFailed("%s is not built (make host-tools)" % VM64)
        self.machine = machine_name
        self.tmp = tempfile.mkdtemp(prefix="vm64-opcon-")
        self.home = os.path.join(self.tmp, "home")
        os.mkdir(self.home)
        self.history = os.path.join(self.tmp, "history")
        self.log = os.path.join(self.tmp, "emulator.log")
        self.port = machine.free_port()
        if terminals is None:
            terminals = 2 if machine_name == "hercules" else 1
        # Its own data folder with fresh volumes: never the user's data/.
        self.data = os.path.join(self.tmp, "data")
        machine.ensure_volumes(self.data)
        self.argv = [VM64, "--machine", machine_name, "--storage", "64",
                     "--terminals", str(terminals), "--port", str(self.port),
                     "--log", self.log, "--history", self.history,
                     "--data", self.data] + list(extra)
        self.raw = b""
        self.scr = Screen()
        self.cursor = (0, 0)  # (line, column): screen text before it was consumed by expect()
        self.status = None
        self.failed = False
        self.emu_pid = None
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: vm64 in the pty, a clean HOME, a known terminal
            env = dict(os.environ, HOME=self.home, TERM="xterm", LANG="C.UTF-8")
            env.pop("DISPLAY", None)
            try:
                os.execve(VM64, self.argv, env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))

    # --- plumbing ---------------------------------------------------------------------
    def _read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the program ended and the pty closed
            data = b""
        if not data:
            self._reap(block=False)
            return False
        self.raw += data
        self.scr.feed(data.decode("utf-8", "replace"))
        return True

    def _reap(self, block):
        if self.status is None:
            pid, st = os.waitpid(self.pid, 0 if block else os.WNOHANG)
            if pid == self.pid:
                self.status = os.waitstatus_to_exitcode(st)
        return self.status

    def screen(self):
        return self.scr.text()

    def _search(self, rx):
        """Searches the screen from the cursor; returns (match, line, end column) or None."""
        row, col = self.cursor
        lines = self.screen().split("\n")
        for i in range(row, len(lines)):
            m = rx.search(lines[i], col if i == row else 0)
            if m:
                return m, i, m.end()
        return None

    def type(self, keys, gap=0.03):
        """Types keys one at a time, as a person would (libedit takes one key per read)."""
        for k in re.findall(r"\x1b\[[A-D]|.", keys, re.S):
            os.write(self.fd, k.encode())
            time.sleep(gap)

    def line(self, text):
        self.type(text)
        os.write(self.fd, b"\r")

    # --- steps --------------------------------------------------------------------------
    def expect(self, pattern, timeout=30):
        """Waits for a screen line matching pattern (a regex) after what earlier steps
        consumed, and consumes up to the match."""
        rx = re.compile(pattern)
        until = time.monotonic() + timeout
        while True:
            found = self._search(rx)
            if found:
                m, row, col = found
                self.cursor = (row, col)
                return m
            left = until - time.monotonic()
            if left <= 0:
                self.failed = True
                raise StepFailed("%s: no %r on the screen within %ss"
                                 % (self.machine, pattern, timeout))
            if not self._read(min(left, 0.2)) and self.status is not None:
                while self._read(0.05):
                    pass
                if not self._search(rx):
                    self.failed = True
                    raise StepFailed("%s: vm64 ended (status %s) while waiting for %r"
                                     % (self.machine, self.status, pattern))

    def expect_input(self, pattern, timeout=10):
        """Waits until the line being edited (the cursor's line) matches pattern; the
        prompt line is redrawn as output arrives, so this consumes nothing."""
        rx = re.compile(pattern)
        until = time.monotonic() + timeout
        while True:
            line = self.scr.lines[self.scr.row]
            if rx.search(line):
                return line
            left = until - time.monotonic()
            if left <= 0:
                self.failed = True
                raise StepFailed("%s: input line %r does not match %r"
                                 % (self.machine, line, pattern))
            self._read(min(left, 0.2))

    def sent(self):
        """The commands vm64 passed to CP, from its log."""
        with open(self.log, errors="replace") as f:
            return re.findall(r"^vm64: operator command: (.*)$", f.read(), re.M)

    def find_emulator(self, timeout=10):
        """The emulator's pid, from the log line vm64 writes when it starts it."""
        until = time.monotonic() + timeout
        while time.monotonic() < until:
            if os.path.exists(self.log):
                with open(self.log, errors="replace") as f:
                    m = re.search(r"^vm64: started \(pid (\d+)", f.read(), re.M)
                if m:
                    self.emu_pid = int(m.group(1))
                    return self.emu_pid
            self._read(0.1)
        self.failed = True
        raise StepFailed("%s: no emulator pid in %s" % (self.machine, self.log))

    def wait_exit(self, timeout=45):
        until = time.monotonic() + timeout
        while self.status is None and time.monotonic() < until:
            self._read(0.2)
            self._reap(block=False)
        while self._read(0.05):
            pass
        if self.status is None:
            self.failed = True
            raise StepFailed("%s: vm64 still running after %ss" % (self.machine, timeout))
        return self.status

    def shutdown(self):
        """SHUTDOWN typed: CP's message and vm64's, exit status 0 and nothing left running."""
        self.line("shutdown")
        self.expect(r"VMCSHU960I System shutdown complete", 30)
        self.expect(r"vm64: CP has shut down and %s has ended" % self.machine, 30)
        assert self.wait_exit() == 0, "vm64 exit status %s" % self.status
        self.assert_nothing_left()

    def assert_nothing_left(self):
        """No process of the emulator's process group (= its pid) or session survives."""
        assert self.emu_pid, "emulator pid unknown"
        left = []
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                with open("/proc/%s/stat" % d) as f:
                    stat = f.read()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            state, pgrp, session = fields[0], int(fields[2]), int(fields[3])
            if int(d) == self.emu_pid or pgrp == self.emu_pid or session == self.emu_pid:
                left.append("%s (%s)" % (d, state))
        assert not left, "%s: processes left behind: %s" % (self.machine, left)

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap(block=True)
        if self.emu_pid:
            try:
                os.killpg(self.emu_pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        os.close(self.fd)
        if self.failed:
            os.makedirs(machine.LOGS, exist_ok=True)
            stem = os.path.join(machine.LOGS, "opcon-%s-%d" % (self.machine, int(time.time())))
            with open(stem + ".screen", "w") as f:
                f.write(self.screen())
            if os.path.exists(self.log):
                shutil.copy(self.log, stem + ".log")
            print("vm64 screen and log kept in %s.*" % stem)
        shutil.rmtree(self.tmp, ignore_errors=True)


def test_host_console(machine_class):
    """Start-up text, an edit in the middle of a line, history recall, Tab completion, and
    SHUTDOWN; the history file keeps the commands and nothing is left running."""
    with Console(machine_class.name) as c:
        c.expect(r"c3270 127\.0\.0\.1:%d" % c.port, 10)
        c.expect(r"Default user IDs: OPERATOR .*MAINT, USER01")
        c.find_emulator()
        c.expect(r"^VM/64 Version \d+ Release", 60)
        c.expect(READY, 60)
        c.expect_input(r"^CP> $")

        # "q tme", two steps left, "i": the line sent is "q time".
        c.type("q tme" + LEFT + LEFT + "i")
        c.expect_input(r"^CP> q time$")
        os.write(c.fd, b"\r")
        c.expect(r"^TIME IS \d\d:\d\d:\d\d UTC [A-Z]+DAY", 20)
        c.expect(r"^CONNECT= ", 10)
        assert c.sent()[-1] == "q time", c.sent()

        # Up recalls it; Enter sends it again.
        c.expect_input(r"^CP> $")
        c.type(UP)
        c.expect_input(r"^CP> q time$")
        os.write(c.fd, b"\r")
        c.expect(r"^TIME IS \d\d:\d\d:\d\d UTC", 20)
        c.expect(r"^CONNECT= ", 10)
        assert c.sent()[-2:] == ["q time", "q time"], c.sent()

        # Tab completes the command, then the QUERY operand.
        c.expect_input(r"^CP> $")
        c.type("QU\t")
        c.expect_input(r"^CP> QUERY $")
        c.type("cpl\t")
        c.expect_input(r"^CP> QUERY CPLEVEL $")
        os.write(c.fd, b"\r")
        c.expect(r"^VM/64 Version \d+ Release [\d.]+, service level", 20)
        c.expect(r"^Virtualization engine: ", 10)
        assert c.sent()[-1] == "QUERY CPLEVEL", c.sent()

        # The data folder's volumes are attached (Hercules: FBA; QEMU: virtio-blk-ccw).
        c.line("query dasd")
        c.expect(r"^DASD 0100 VM64RS 9336\s+16384 BLK CP OWNED", 20)
        c.expect(r"^DASD 0101 VM64U1 9336\s+262144 BLK CP SYSTEM", 10)

        # An unknown command gets CP's numbered message.
        c.line("frobnicate")
        c.expect(r"^VMCCMD001E Unknown CP command: FROBNICATE", 20)

        # The console's own help.
        c.line("!help")
        c.expect(r"!dial \[USERID\]", 10)

        # Emulator noise stays in the log, off the screen.
        screen = c.screen()
        assert "HHC" not in screen and "qemu-system" not in screen, screen

        c.shutdown()

        with open(c.history) as f:
            hist = f.read().splitlines()
        assert hist == ["q time", "QUERY CPLEVEL", "query dasd", "frobnicate", "!help",
                        "shutdown"], hist


def test_forged_abend_ignored(machine_class):
    """Issue 11: a guest's MSG to OPERATOR with a line end and a forged "VMC0PA999S CP ABEND"
    after it (tests/guest/forge.c) shows as one line; vm64 keeps the system running, since
    only CP's marked lines are events, and shuts it down cleanly afterwards."""
    with Console(machine_class.name) as c:
        c.find_emulator()
        c.expect(READY, 60)
        c.line("XAUTOLOG TEST030 IPL FORGE STORAGE 4M")
        c.expect(r"^MSG FROM TEST030 : hello\.VMC0PA999S CP ABEND 0001: FORGED BY MSG", 60)
        c.expect(r"^TEST030 : INFO: FORGE: SHUTDOWN rc 546", 60)
        c.line("q time")
        c.expect(r"^CONNECT= ", 20)
        screen = c.screen()
        assert "CP failed" not in screen and "shutting down" not in screen, screen
        c.shutdown()


def test_punch_and_save(machine_class):
    """Issue 15: !punch puts a host file into a user's reader through CP's INPUT (text: a
    card a line, a long line on two cards; hex: the bytes as they are), the arrival message
    shows, and !save writes the file's records back to the host through OUTPUT."""
    with Console(machine_class.name) as c:
        c.find_emulator()
        c.expect(READY, 60)
        text = os.path.join(c.tmp, "hello.exec")
        lines = ["/* a host file */", "say 'hello'", "x" * 100]
        with open(text, "w") as f:
            f.write("\n".join(lines) + "\n")
        c.line("!punch %s operator" % text)
        got = c.expect(r"VMCSPL009I RDR FILE (\d{4}) SENT FROM OPERATOR PUN WAS \d{4} RECS "
                       r"0004 ", 120)
        rid = got.group(1)
        c.line("query rdr all")
        c.expect(r"^OPERATOR %s A PUN 00000004 001 NONE .* HELLO     EXEC " % rid, 20)
        out = os.path.join(c.tmp, "back.exec")
        c.line("!save %s %s" % (rid, out))
        c.expect(r"4 records saved in ", 60)
        with open(out) as f:
            assert f.read().split("\n")[:4] == lines[:2] + ["x" * 80, "x" * 20], out
        # a binary file: its bytes come back, the last card padded with X'40'
        data = bytes(range(256)) * 2
        binary = os.path.join(c.tmp, "prog.bin")
        with open(binary, "wb") as f:
            f.write(data)
        c.line("!punch %s operator hex" % binary)
        got = c.expect(r"VMCSPL009I RDR FILE (\d{4}) SENT FROM OPERATOR PUN WAS \d{4} RECS "
                       r"0007 ", 120)
        out = os.path.join(c.tmp, "back.bin")
        c.line("!save %s %s hex" % (got.group(1), out))
        c.expect(r"7 records saved in ", 60)
        with open(out, "rb") as f:
            back = f.read()
        assert back == data + b"\x40" * (7 * 80 - len(data)), len(back)
        c.shutdown()


def test_ctrl_c_ends_cleanly(machine_class):
    """A command entered before CP is ready waits for it; Ctrl-C, with half a command typed,
    shuts CP down cleanly."""
    with Console(machine_class.name) as c:
        c.line("q cpus")  # at once: CP is still starting
        c.expect(r"^CPU 00  ID  [0-9A-F]{16}", 60)
        c.find_emulator()
        c.expect_input(r"^CP> $")
        c.type("q ti")
        c.expect_input(r"^CP> q ti$")
        os.write(c.fd, CTRL_C.encode())
        c.expect(r"vm64: Ctrl-C: shutting down CP", 10)
        c.expect(r"VMCSHU960I", 30)
        assert c.wait_exit() == 0, "vm64 exit status %s" % c.status
        assert c.sent() == ["q cpus", "SHUTDOWN"], c.sent()
        c.assert_nothing_left()


def test_typing_while_cp_speaks(machine_class):
    """CP's output appears above a half-typed line, which stays editable; Ctrl-D on an empty
    line shuts CP down cleanly."""
    with Console(machine_class.name) as c:
        c.expect(r"^CP> ", 10)
        c.type("q cp", gap=0)  # before CP's start-up messages arrive
        c.expect(READY, 60)
        raw = c.raw.decode("utf-8", "replace")
        assert raw.index("q cp") < raw.index("VMCIPL002I"), "typed too late to overlap: %r" % raw
        c.expect_input(r"^CP> q cp$")
        c.type("us")
        os.write(c.fd, b"\r")
        c.expect(r"^CPU 00  ID  [0-9A-F]{16}", 20)
        c.find_emulator()
        c.expect_input(r"^CP> $")
        os.write(c.fd, CTRL_D.encode())
        c.expect(r"vm64: end of input \(Ctrl-D\): shutting down CP", 10)
        c.expect(r"VMCSHU960I", 30)
        assert c.wait_exit() == 0, "vm64 exit status %s" % c.status
        assert c.sent() == ["q cpus", "SHUTDOWN"], c.sent()
        c.assert_nothing_left()


def test_emulator_crash_reported(machine_class):
    """An emulator that dies is reported with the tail of its log and a non-zero status."""
    with Console(machine_class.name) as c:
        pid = c.find_emulator()
        c.expect(READY, 60)
        c.line("q time")
        c.expect(r"^CONNECT= ", 20)
        os.kill(pid, signal.SIGKILL)
        c.expect(r"vm64: %s ended unexpectedly \(killed by signal 9" % machine_class.name, 20)
        c.expect(r"---- last \d+ lines of %s ----" % re.escape(c.log), 10)
        c.expect(r"^CONNECT= ", 5)  # CP's last words are in the tail
        c.expect(r"^----$", 5)
        assert c.wait_exit() == 1, "vm64 exit status %s" % c.status
        c.assert_nothing_left()


_BAD_CP = """
\t.globl\t_start
_start:
\tlarl\t%r1, wait_psw
\tlpswe\t0(%r1)
\t.align\t8
wait_psw:
\t.quad\t0x0002000180000000, 0x0000000000000bad
"""


def _failing_build(tmp):
    """A build directory whose "CP" fails at once with a disabled wait at address 0xBAD:
    on Hercules through the IPL PSW itself (ESA/390 format), on QEMU through a two-instruction
    ELF."""
    build = os.path.join(tmp, "badbuild")
    os.makedirs(os.path.join(build, "hercules"))
    with open(os.path.join(build, "hercules", "cp.ins"), "w") as f:
        f.write("* a CP that stops at once in a disabled wait\nipl-psw.bin 0x00000000\n")
    with open(os.path.join(build, "hercules", "ipl-psw.bin"), "wb") as f:
        f.write(bytes.fromhex("000A000080000BAD"))
    src = os.path.join(build, "bad.S")
    with open(src, "w") as f:
        f.write(_BAD_CP)
    cc = os.environ.get("CROSS", "s390x-linux-gnu-") + "gcc"
    subprocess.run([cc, "-nostdlib", "-static", "-no-pie", "-Wl,--build-id=none",
                    "-Wl,-Ttext=0x20000", "-o", os.path.join(build, "cp.elf"), src],
                   check=True, timeout=60)
    return build


def test_cp_failure_reported(machine_class):
    """CP stopping in a disabled wait other than its clean power-off is reported, with the
    log's tail on Hercules, and a non-zero status; the emulator does not stay behind."""
    tmp = tempfile.mkdtemp(prefix="vm64-opcon-bad-")
    try:
        build = _failing_build(tmp)
        with Console(machine_class.name, extra=["--build", build]) as c:
            c.find_emulator()
            c.expect(r"vm64: CP stopped in a disabled wait state", 60)
            if machine_class.name == "hercules":
                c.expect(r"PSW address BAD", 5)
                c.expect(r"---- last \d+ lines of ", 10)
                c.expect(r"PSW=000A0000 80000BAD", 5)
                c.expect(r"^----$", 5)
            assert c.wait_exit() == 1, "vm64 exit status %s" % c.status
            c.assert_nothing_left()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_commands_from_a_pipe(machine_class):
    """Without a terminal, lines are read plainly and end of input shuts CP down."""
    tmp = tempfile.mkdtemp(prefix="vm64-opcon-")
    log = os.path.join(tmp, "emulator.log")
    try:
        p = subprocess.run([VM64, "--machine", machine_class.name, "--storage", "64",
                            "--terminals", "1", "--port", str(machine.free_port()),
                            "--log", log, "--history", os.path.join(tmp, "h")],
                           input="q time\nquery cplevel\n", capture_output=True, text=True,
                           timeout=60)
        out = p.stdout
        assert p.returncode == 0, (p.returncode, out, p.stderr)
        assert re.search(r"^TIME IS \d\d:\d\d:\d\d", out, re.M), out
        assert re.search(r"^VM/64 Version .*service level", out, re.M), out
        assert "VMCSHU960I" in out and "HHC" not in out, out
        assert not os.path.exists(os.path.join(tmp, "h")), "history written for a pipe"
        with open(log) as f:
            pid = int(re.search(r"^vm64: started \(pid (\d+)", f.read(), re.M).group(1))
        assert not os.path.exists("/proc/%d" % pid), "emulator %d left behind" % pid
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_port_in_use():
    """A TN3270 port that is taken gives a clear error and status 2, before any emulator
    starts."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        tmp = tempfile.mkdtemp(prefix="vm64-opcon-")
        try:
            for name in ("hercules", "qemu"):
                log = os.path.join(tmp, name + ".log")
                p = subprocess.run([VM64, "--machine", name, "--port", str(port), "--log", log,
                                    "--history", os.path.join(tmp, "h")],
                                   stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                   timeout=20)
                assert p.returncode == 2, (name, p.returncode, p.stdout, p.stderr)
                assert re.search(r"TN3270 port %d on 127\.0\.0\.1 is already in use" % port,
                                 p.stderr), p.stderr
                assert "--port" in p.stderr, p.stderr
                assert not os.path.exists(log), "an emulator was started"
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def test_usage_errors():
    """Bad options are refused with status 2 and a pointer to --help."""
    for args, what in ((["--machine", "bochs"], "--machine"),
                       (["--machine", "qemu", "--terminals", "65"], "QEMU takes 0 to 64"),
                       (["--cpus", "0"], "--cpus"),
                       (["--storage", "lots"], "--storage")):
        p = subprocess.run([VM64] + args, stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, timeout=10)
        assert p.returncode == 2, (args, p.returncode, p.stderr)
        assert what in p.stderr and "--help" in p.stderr, (args, p.stderr)
    p = subprocess.run([VM64, "--help"], capture_output=True, text=True, timeout=10)
    assert p.returncode == 0 and "--machine hercules|qemu" in p.stdout, p.stdout
    assert "Input may come from a pipe" in p.stdout, p.stdout
