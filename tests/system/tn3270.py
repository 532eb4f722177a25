"""A scripted 3270 terminal for system tests: drives a real s3270 (x3270 suite, 4.x) through
its scripting protocol.

Each command is one line; s3270 answers with zero or more "data: " lines, the 12-field status
line, then "ok" or "error". Every call here is bounded by a timeout; if s3270 dies, the error
carries what it wrote.

    with Tn3270(machine.tn3270_port) as t:
        t.wait_for(r"VM/64", 30)
        t.type("logon user01")
        t.enter()

How the session is driven, and why: s3270 holds back a script's next command while it is
connected but the host has not sent its first 3270 record yet (the keyboard is "awaiting
first"); a Connect() action blocks the same way. QEMU's x-terminal3270 sends nothing until the
guest writes, so a plain stdin script would hang. So s3270 is started with the host on its
command line (it connects by itself) and -socket, and every command goes over its script
socket (/tmp/x3sck.<pid>), which answers at once whatever the host does. When the emulator is
not listening yet, s3270 exits ("Connection failed"); the connection is retried with a new
s3270 until the timeout.

The status line's fields (0-origin): 0 keyboard (U unlocked, L locked, E error-locked),
1 formatted (F/U), 2 field protection (P/U), 3 connection (C(host) or N), 4 mode (I 3270,
L/C NVT, P unnegotiated, N none), 5 model, 6 rows, 7 columns, 8 cursor row, 9 cursor column
(both 0-origin), 10 window id, 11 command time.
"""
import ctypes
import os
import re
import signal
import socket
import subprocess
import tempfile
import time

MODELS = {"3278-2": (24, 80), "3278-3": (32, 80), "3278-4": (43, 80), "3278-5": (27, 132),
          "3279-2": (24, 80), "3279-3": (32, 80), "3279-4": (43, 80), "3279-5": (27, 132)}


def _die_with_parent():
    """In the child: SIGKILL when the test process ends, however it ends (a killed test
    would otherwise leave s3270 running: it is in its own session)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Tn3270Error(Exception):
    """s3270 failed, died, or did not answer in time."""


class Status:
    """One parsed s3270 status line."""

    def __init__(self, line):
        self.line = line
        f = line.split()
        if len(f) < 12:
            raise Tn3270Error("malformed s3270 status line: %r" % line)
        self.fields = f
        self.keyboard = f[0]           # U, L or E
        self.formatted = f[1] == "F"
        self.protected = f[2] == "P"
        self.connection = f[3]         # C(host) or N
        self.mode = f[4]               # I, L, C, P or N
        self.model = int(f[5])
        self.rows = int(f[6])
        self.cols = int(f[7])
        self.cursor = (int(f[8]), int(f[9]))

    @property
    def connected(self):
        return self.connection.startswith("C(")

    @property
    def locked(self):
        return self.keyboard != "U"

    def __repr__(self):
        return "Status(%r)" % self.line


def _type_actions(text):
    """s3270 actions that type text literally. Quotes and backslashes are the characters
    String() and the action parser treat specially (\\" inside quotes, \\n and other
    escapes in String()), so they go in as Key(U+xxxx) and the rest as String("...")."""
    actions, run = [], ""
    for ch in text:
        if ch in "\r\n" or ord(ch) < 0x20:
            raise ValueError("type() takes printable text on one line; use enter() between lines")
        if ch in '"\\':
            if run:
                actions.append('String("%s")' % run)
                run = ""
            actions.append("Key(U+%04X)" % ord(ch))
        else:
            run += ch
    if run:
        actions.append('String("%s")' % run)
    return actions


class Tn3270:
    """One s3270 session connected to host:port (models 3278-2 to 3278-5, 3279 too)."""

    def __init__(self, port, model="3278-2", log=None, host="127.0.0.1",
                 connect_timeout=20, command_timeout=10, connect=True, codepage=None):
        """codepage: s3270's host code page. Its default, "bracket", puts [ ] at X'AD' X'BD'
        (as 1047 does); CP's 3270 data stream is code page 037 (console/3270/ds3270.c), so a
        test that shows brackets asks for "cp037"."""
        if model not in MODELS:
            raise ValueError("unknown 3270 model %r" % model)
        self.port = port
        self.host = host
        self.model = model
        self.codepage = codepage
        self.rows, self.cols = MODELS[model]
        self.log = log                 # a callable taking one str, a file-like, or None
        self.command_timeout = command_timeout
        self.transcript = []           # every distinct screen wait_for() looked at, in order
        self.status = None             # the last Status seen
        self.connect_seconds = None    # how long connect() took, once it has
        self.attempts = 0              # s3270 processes started by connect()
        self.proc = None
        self._out = None
        self._sock = None
        self._buf = b""
        if connect:
            try:
                self.connect(connect_timeout)
            except BaseException:
                self.close()
                raise

    # --- plumbing ---------------------------------------------------------------------
    def _log(self, text):
        if self.log is None:
            return
        if callable(self.log):
            self.log(text)
        else:
            self.log.write(text + "\n")

    def output(self):
        """What s3270 wrote on stdout and stderr (its error messages)."""
        if self._out is None:
            return ""
        try:
            self._out.seek(0)
            return self._out.read().decode("utf-8", "replace")
        except ValueError:
            return ""

    stderr = output

    def _died(self, what):
        rc = self.proc.poll() if self.proc else None
        return Tn3270Error("s3270 %s (rc %s); its output: %s"
                           % (what, rc, self.output().strip() or "(none)"))

    def _spawn(self):
        if self._out is not None:
            self._out.close()
        self._out = tempfile.TemporaryFile()
        self._buf = b""
        argv = ["s3270", "-model", self.model, "-utf8", "-socket",
                # The keyboard unlocks as soon as the host says so (default: 350 ms later).
                "-xrm", "s3270.unlockDelay: false",
                # Enter and the other AID keys return at once instead of blocking the script
                # channel until the host unlocks the keyboard; wait_unlocked() waits, bounded.
                "-clear", "aidWait",
                "%s:%d" % (self.host, self.port)]
        if self.codepage:
            argv[1:1] = ["-codepage", self.codepage]
        # stdin stays open: s3270 ends at end of input.
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=self._out,
                                     stderr=subprocess.STDOUT, start_new_session=True,
                                     preexec_fn=_die_with_parent)
        self.attempts += 1

    def _open_socket(self, until):
        path = "/tmp/x3sck.%d" % self.proc.pid
        while True:
            if self.proc.poll() is not None:
                raise self._died("exited")
            if os.path.exists(path):
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                try:
                    s.connect(path)
                    self._sock = s
                    return
                except OSError:
                    s.close()
            if time.monotonic() >= until:
                raise Tn3270Error("s3270 opened no script socket %s" % path)
            time.sleep(0.02)

    def _readline(self, until):
        while b"\n" not in self._buf:
            left = until - time.monotonic()
            if left <= 0:
                return None
            self._sock.settimeout(left)
            try:
                data = self._sock.recv(65536)
            except socket.timeout:
                return None
            except OSError:
                data = b""
            if not data:
                self._sock.close()
                self._sock = None
                raise self._died("closed its script socket")
            self._buf += data
        line, self._buf = self._buf.split(b"\n", 1)
        return line.decode("utf-8", "replace").rstrip("\r")

    def command(self, cmd, timeout=None, check=True):
        """Runs one s3270 action; returns (data lines, ok). With check, "error" raises."""
        if self.proc is None or self.proc.poll() is not None:
            raise self._died("is not running")
        timeout = self.command_timeout if timeout is None else timeout
        until = time.monotonic() + timeout
        if self._sock is None:
            self._open_socket(until)
        self._log("s3270< " + cmd)
        try:
            self._sock.sendall((cmd + "\n").encode("utf-8"))
        except OSError:
            raise self._died("closed its script socket")
        data = []
        prev = None
        while True:
            line = self._readline(until)
            if line is None:
                # A late answer must not be taken for the next command's: start afresh.
                self._sock.close()
                self._sock = None
                raise Tn3270Error("s3270 gave no answer to %s within %ss" % (cmd, timeout))
            if line in ("ok", "error"):
                if prev is not None:
                    try:
                        self.status = Status(prev)
                    except Tn3270Error:
                        pass
                ok = line == "ok"
                if not ok:
                    self._log("s3270> error: %s" % " | ".join(data))
                    if check:
                        raise Tn3270Error("s3270 %s failed: %s" % (cmd, " / ".join(data) or prev))
                return data, ok
            if line.startswith("data: "):
                data.append(line[6:])
            elif line == "data:":
                data.append("")
            else:
                prev = line

    # --- connection -------------------------------------------------------------------
    def connect(self, timeout=20):
        """Starts s3270 and waits until it reports a 3270-mode connection. While nothing
        listens on the port yet, s3270 exits at once; it is started again until timeout."""
        t0 = time.monotonic()
        until = t0 + timeout
        while True:
            self._kill()
            self._spawn()
            try:
                while True:
                    st = self.query_status(until - time.monotonic() + 1)
                    if st.connected and st.mode == "I":
                        self.connect_seconds = time.monotonic() - t0
                        self._log("s3270: connected in %.3fs (%d attempts)"
                                  % (self.connect_seconds, self.attempts))
                        return
                    if time.monotonic() >= until:
                        raise Tn3270Error("s3270 not in 3270 mode with %s:%d within %ss "
                                          "(status %s)" % (self.host, self.port, timeout, st.line))
                    time.sleep(0.02)
            except Tn3270Error:
                if self.proc.poll() is None or time.monotonic() >= until:
                    # Alive but stuck, or out of time: report what s3270 said.
                    raise Tn3270Error("no 3270 connection to %s:%d within %ss after %d "
                                      "attempts; s3270 output: %s"
                                      % (self.host, self.port, timeout, self.attempts,
                                         self.output().strip() or "(none)"))
            time.sleep(0.2)   # s3270 ended (nothing listening yet): try again

    def connected(self):
        """True while s3270 runs and reports a connection in 3270 mode."""
        if self.proc is None or self.proc.poll() is not None:
            return False
        st = self.query_status()
        return st.connected and st.mode == "I"

    def query_status(self, timeout=None):
        """The current status line (from a harmless query)."""
        self.command("Query(ConnectionState)", timeout=timeout, check=False)
        return self.status

    def _kill(self):
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=5)
        if self.proc is not None:
            try:
                self.proc.stdin.close()
            except (OSError, ValueError):
                pass
            # A killed s3270 leaves its script socket behind.
            try:
                os.unlink("/tmp/x3sck.%d" % self.proc.pid)
            except OSError:
                pass

    def close(self, timeout=5):
        """Disconnect and Quit; kill s3270 if it does not end in time."""
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.command("Disconnect()", timeout=timeout, check=False)
                self._sock.sendall(b"Quit()\n")
            except (Tn3270Error, OSError):
                pass
            try:
                self.proc.stdin.close()   # end of input ends s3270 too
            except (OSError, ValueError):
                pass
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                pass
        self._kill()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()
        if self._out is not None:
            self._out.close()
            self._out = None
        return False

    # --- screen -----------------------------------------------------------------------
    def screen(self):
        """The screen as a list of rows, each exactly cols characters."""
        data, _ = self.command("Ascii()")
        cols = self.status.cols if self.status else self.cols
        return [row[:cols].ljust(cols) for row in data]

    def text(self):
        return "\n".join(self.screen())

    def status_area(self):
        """The operator-information-like corner: the last row's rightmost 21 characters."""
        return self.screen()[-1][-21:].strip()

    def cursor(self):
        """(row, col), both 0-origin, from the status line."""
        return self.query_status().cursor

    def field_at(self, row, col):
        """The text of the field holding (row, col) (0-origin), from s3270's field query."""
        saved = self.cursor()
        self.move_cursor(row, col)
        try:
            data, _ = self.command("AsciiField()")
        finally:
            self.move_cursor(*saved)
        return "".join(data)

    def dump(self, rows=None):
        """A screen as printable text with a ruler, for failure messages."""
        rows = self.screen() if rows is None else rows
        return "\n".join("%2d|%s|" % (i, r) for i, r in enumerate(rows))

    def wait_for(self, pattern, timeout=30, interval=0.1):
        """Polls the screen until re.search(pattern, text()) matches; returns the match."""
        rx = re.compile(pattern)
        until = time.monotonic() + timeout
        rows = []
        while True:
            rows = self.screen()
            if not self.transcript or self.transcript[-1] != rows:
                self.transcript.append(rows)
            m = rx.search("\n".join(rows))
            if m:
                return m
            if time.monotonic() >= until:
                raise AssertionError("3270 screen never matched %r within %ss; last screen "
                                     "(status %s):\n%s" % (pattern, timeout,
                                                           self.status.line if self.status else "?",
                                                           self.dump(rows)))
            time.sleep(interval)

    def wait_unlocked(self, timeout=10):
        """Waits until the keyboard is unlocked (the host has answered)."""
        data, ok = self.command("Wait(%d,Unlock)" % max(1, int(timeout + 0.999)),
                                timeout=timeout + 5, check=False)
        if not ok or (self.status and self.status.locked):
            raise AssertionError("3270 keyboard still locked after %ss (%s); screen:\n%s"
                                 % (timeout, " / ".join(data) or self.status, self.dump()))

    # --- keys ---------------------------------------------------------------------------
    # AID keys (enter, pa, pf, clear) return at once; with wait, they then wait (bounded) for
    # the host to unlock the keyboard.
    def type(self, text):
        """Types text at the cursor (one line; characters the code page lacks are lost).
        Typing into a protected field raises (s3270 then error-locks: see reset())."""
        for action in _type_actions(text):
            self.command(action)

    def _aid(self, action, wait):
        self.command(action)
        if wait:
            self.wait_unlocked(wait if not isinstance(wait, bool) else 10)

    def enter(self, wait=False):
        self._aid("Enter()", wait)

    def pa(self, n, wait=False):
        self._aid("PA(%d)" % n, wait)

    def pf(self, n, wait=False):
        self._aid("PF(%d)" % n, wait)

    def clear(self, wait=False):
        self._aid("Clear()", wait)

    def reset(self):
        """The Reset key: clears an operator-error lock."""
        self.command("Reset()")

    def tab(self):
        self.command("Tab()")

    def home(self):
        self.command("Home()")

    def erase_eof(self):
        self.command("EraseEOF()")

    def move_cursor(self, row, col):
        """Moves the cursor to (row, col), both 0-origin."""
        self.command("MoveCursor(%d,%d)" % (row, col))
