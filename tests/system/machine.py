"""Boot VM/64 under Hercules or QEMU, headless, and talk to CP's operator line console.

Expect-style steps: send a line, wait for a pattern, each with its own timeout. Every run is
bounded (the emulator is killed when the test ends, however it ends), uses ports no other run
uses, and keeps its console log under logs/ when it fails.
"""
import ctypes
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SYSTEM_CONFIG = os.path.join(ROOT, "cp", "dir", "SYSTEM.CONFIG")
# make exports BUILD relative to the top of the tree; emulators run in temporary folders.
BUILD = os.path.join(ROOT, os.environ.get("BUILD", "build"))
LOGS = os.path.join(ROOT, "logs")


PR_SET_PDEATHSIG = 1  # prctl(2)
_libc = ctypes.CDLL(None, use_errno=True)


def die_with_parent():
    """A Popen preexec_fn: the child is killed when the process that started it dies, so a
    test runner killed by a timeout (make test under `timeout`, CI) leaves no emulator
    spinning. Only for children started from the main thread: the signal comes when the
    starting thread ends."""
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class StepFailed(Exception):
    pass


class Skip(Exception):
    """Raised by a test that cannot run on this tree yet; run.py reports it as SKIP, with the
    reason, and counts it apart from passes and failures."""


def only(*names):
    """Marks a machine_class test as meaningful only on the named machines."""
    def mark(func):
        func.machines = names
        return func
    return mark


def free_port():
    """A loopback TCP port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_volumes(data_dir):
    """Creates the volumes of SYSTEM CONFIG that data_dir lacks (build/host/vm64disk); the
    3390 compressed (a few KB, not kill-safe: the tests that kill use their own images)."""
    subprocess.run([os.path.join(BUILD, "host", "vm64disk"), "ensure", "--compressed-ckd",
                    SYSTEM_CONFIG, data_dir],
                   check=True, stdout=subprocess.DEVNULL)


class Session:
    """A context manager for a process under test: leaving the with-block on an exception
    marks it failed (so close() keeps its logs), and close() always runs."""

    failed = False

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.failed = True
        self.close()
        return False


class Machine(Session):
    """One emulator process with CP's operator console on its stdin/stdout."""

    name = "machine"
    newline_before = False  # the console writes "\n" before each line instead of after

    def __init__(self, storage_mb=64, cpus=1, timeout=120):
        self.storage_mb = storage_mb
        self.cpus = cpus
        self.deadline = time.monotonic() + timeout
        self.workdir = tempfile.mkdtemp(prefix="vm64-%s-" % self.name)
        self.log = []          # every line the emulator printed, in order
        self.cursor = 0        # lines before this were consumed by expect()
        self.partial = b""
        self.proc = None
        self.failed = False

    # --- process plumbing -------------------------------------------------------------
    def init_volumes(self, data_dir, volumes):
        """data_dir: the data folder whose VOLSER.fba volumes are attached (a test that
        boots twice, or under both machines, passes the same one); by default a fresh one in
        the work folder, with the volumes of SYSTEM CONFIG just created (volumes=False:
        none)."""
        self.data_dir = data_dir
        self.volumes = volumes
        if data_dir is None and volumes:
            self.data_dir = os.path.join(self.workdir, "data")
            ensure_volumes(self.data_dir)

    def volume_files(self):
        if not self.volumes or not self.data_dir or not os.path.isdir(self.data_dir):
            return []
        return sorted(os.path.join(os.path.abspath(self.data_dir), f)
                      for f in os.listdir(self.data_dir) if f.endswith(".fba"))

    def ckd_files(self):
        """The VOLSER.cckd (compressed) and VOLSER.ckd volumes (CKD 3390): Hercules attaches
        them from 0200 as vm64 does; QEMU has no CKD."""
        if not self.volumes or not self.data_dir or not os.path.isdir(self.data_dir):
            return []
        return sorted(os.path.join(os.path.abspath(self.data_dir), f)
                      for f in os.listdir(self.data_dir) if f.endswith((".cckd", ".ckd")))

    def _spawn(self, argv, env=None):
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            cwd=self.workdir, env=env, start_new_session=True, preexec_fn=die_with_parent)

    def _read_some(self, timeout):
        if self.proc is None or self.proc.stdout is None:
            return False
        r, _, _ = select.select([self.proc.stdout], [], [], max(0.0, timeout))
        if not r:
            return False
        data = os.read(self.proc.stdout.fileno(), 65536)
        if not data:
            if self.partial:  # end of output ends the last line
                self.log.append(self.partial.decode("latin-1").rstrip("\r"))
                self.partial = b""
                return True
            return False
        self.partial += data
        while b"\n" in self.partial:
            line, self.partial = self.partial.split(b"\n", 1)
            self.log.append(line.decode("latin-1").rstrip("\r"))
        if self.newline_before and self.partial:
            # The line ends when the next one starts; a short silence ends it too.
            r, _, _ = select.select([self.proc.stdout], [], [], 0.05)
            if not r:
                self.log.append(self.partial.decode("latin-1").rstrip("\r"))
                self.partial = b""
        return True

    def _remaining(self, timeout):
        return min(time.monotonic() + timeout, self.deadline)

    def write_raw(self, text):
        self.proc.stdin.write(text.encode("latin-1"))
        self.proc.stdin.flush()

    # --- steps ------------------------------------------------------------------------
    def expect(self, pattern, timeout=30, raw=False):
        """Waits for a console line matching pattern (a regex); returns the match. With raw,
        emulator messages count too."""
        rx = re.compile(pattern)
        until = self._remaining(timeout)
        while True:
            while self.cursor < len(self.log):
                line = self.log[self.cursor] if raw else self.console_text(self.log[self.cursor])
                self.cursor += 1
                if line is not None:
                    m = rx.search(line)
                    if m:
                        return m
            now = time.monotonic()
            if now >= until:
                self.failed = True
                raise StepFailed("%s: no line matching %r within %ss" % (self.name, pattern, timeout))
            if not self._read_some(until - now) and self.proc.poll() is not None:
                # Drain what is left, then give up.
                while self._read_some(0.1):
                    pass
                if self.cursor >= len(self.log):
                    self.failed = True
                    raise StepFailed("%s: emulator exited (rc %s) while waiting for %r"
                                     % (self.name, self.proc.returncode, pattern))

    def lines_until(self, pattern, timeout=30):
        """Console lines from now up to and including the one matching pattern."""
        start = self.cursor
        self.expect(pattern, timeout)
        out = []
        for raw in self.log[start:self.cursor]:
            t = self.console_text(raw)
            if t is not None:
                out.append(t)
        return out

    def command(self, line, until, timeout=30):
        """Sends a CP command and returns the console lines up to the one matching until."""
        self.send(line)
        return self.lines_until(until, timeout)

    def console_text(self, raw):
        """CP's text in a raw output line, or None for emulator noise."""
        return raw

    def wait_exit(self, timeout=30):
        until = self._remaining(timeout)
        while self.proc.poll() is None and time.monotonic() < until:
            self._read_some(0.2)
        while self._read_some(0.05):
            pass
        return self.proc.poll()

    def close(self):
        """Ends the emulator (if still running) and keeps the log if a step failed."""
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=10)
        if self.proc:
            while self._read_some(0.05):
                pass
        if self.failed:
            os.makedirs(LOGS, exist_ok=True)
            path = os.path.join(LOGS, "%s-%d.log" % (self.name, int(time.time())))
            with open(path, "w") as f:
                f.write("\n".join(self.log) + "\n" + self.partial.decode("latin-1"))
            print("console log kept in %s" % path)
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.failed = True
            self.close()
            raise
        return self


class Hercules(Machine):
    """Hercules 3.13, panel commands on stdin through the dyngui module, log on stdout."""

    name = "hercules"

    def __init__(self, terminals=2, console_3215=False, data_dir=None, volumes=True,
                 unit_record=None, **kw):
        """data_dir, volumes: see Machine.init_volumes (FBA 9336 devices from 0100).
        unit_record: (reader deck, printer file) host paths: a real 3505 at 000C reading the
        deck as ASCII text (unit exception at its end) and a 1403 at 000E writing the file."""
        super().__init__(**kw)
        self.terminals = terminals
        self.console_3215 = console_3215
        self.unit_record = unit_record
        self.tn3270_port = free_port()
        self.init_volumes(data_dir, volumes)

    def config(self):
        lines = [
            "CPUSERIAL 000611", "CPUMODEL 2064", "MAINSIZE %d" % self.storage_mb,
            "NUMCPU %d" % self.cpus, "ARCHMODE z/Arch", "OSTAILOR QUIET",
            "CODEPAGE 819/037", "LEGACYSENSEID ON", "PANRATE SLOW",
            "CNSLPORT 127.0.0.1:%d" % self.tn3270_port, "LDMOD dyngui",
        ]
        if self.console_3215:
            lines.append("0009 3215-C /")
        if self.terminals:
            lines.append("0020.%d 3270" % self.terminals)
        if self.unit_record:
            lines.append("000C 3505 %s ascii eof trunc" % self.unit_record[0])
            lines.append("000E 1403 %s" % self.unit_record[1])
        for i, path in enumerate(self.volume_files()):
            lines.append("%04X 9336 %s" % (0x100 + i, path))
        for i, path in enumerate(self.ckd_files()):
            lines.append("%04X 3390 %s" % (0x200 + i, path))
        return "\n".join(lines) + "\n"

    def start(self):
        src = os.path.join(BUILD, "hercules")
        dst = os.path.join(self.workdir, "ipl")
        shutil.copytree(src, dst)
        with open(os.path.join(self.workdir, "vm64.cnf"), "w") as f:
            f.write(self.config())
        self._spawn(["hercules", "-f", "vm64.cnf", "-d"])
        # dyngui reads commands once initiated; IPL is refused until the CPU thread has
        # stopped after start-up, so retry a few times.
        self.expect(r"^HHCDG001I", timeout=30, raw=True)
        for _ in range(20):
            self.write_raw("ipl ipl/cp.ins\n")
            m = self.expect(r"^(HHCPN053E|HHCCP007I|HHCPN\d+E)", timeout=10, raw=True)
            if not m.group(1).startswith("HHCPN053E"):
                break
            time.sleep(0.3)

    def send(self, line):
        self.write_raw("." + line + "\n")

    def send_3215(self, line):
        self.write_raw("/" + line + "\n")

    # Hercules' own messages, dyngui's status lines, echoed panel commands, trace lines.
    _noise = re.compile(r"^(HHC[A-Z0-9]{5,}|(STATUS|SYS|DEV[ACDX]|MIPS|SIOS|LOAD|CPUPCT)=|"
                        r"[./]|ipl |quit|CPU[0-9A-F]{4}: |\s*$)")

    def console_text(self, raw):
        # dyngui may prefix nothing; timestamps are off (no LOGOPT TIMESTAMP).
        if self._noise.match(raw):
            return None
        return raw

    def shutdown(self, timeout=30):
        """SHUTDOWN, then Hercules reports the disabled wait; quit it and check the PSW."""
        self.send("SHUTDOWN")
        self.expect(r"VMCSHU960I", timeout)
        psw = self.wait_for_disabled_wait(timeout)
        self.write_raw("quit\n")
        rc = self.wait_exit(timeout)
        return psw, rc

    def wait_for_disabled_wait(self, timeout=30):
        until = self._remaining(timeout)
        rx = re.compile(r"PSW=([0-9A-Fa-f]{8}) ?([0-9A-Fa-f]{8}) ?([0-9A-Fa-f]{16})")
        seen_wait = False
        idx = 0
        while time.monotonic() < until:
            while idx < len(self.log):
                line = self.log[idx]
                idx += 1
                if "HHCCP011I" in line:
                    seen_wait = True
                m = rx.search(line)
                if seen_wait and m:
                    return "".join(m.groups())
            self._read_some(0.2)
        self.failed = True
        raise StepFailed("hercules: no disabled-wait PSW reported")


class Qemu(Machine):
    """QEMU TCG with CP's line console on stdio through sclplmconsole."""

    name = "qemu"
    newline_before = True

    # The volumes' cache mode, as vm64 attaches them (console/vm64/config.c).
    cache = "writethrough"

    # Classic virtio-ccw indicators have 64 bits, one per queue: ports 0-30 of a
    # virtio-serial device, and port 0 is reserved for a console, so 30 terminals a device.
    PORTS_PER_DEVICE = 30

    def __init__(self, terminals=0, data_dir=None, volumes=True, **kw):
        """data_dir, volumes: see Machine.init_volumes (virtio-blk-ccw disks from 0100, the
        same image files, cache=writethrough as vm64 attaches them)."""
        super().__init__(**kw)
        self.terminals = terminals
        self.init_volumes(data_dir, volumes)
        self.relay = None
        # Like Hercules' CNSLPORT: where a TN3270 client (tn3270.Tn3270) connects. QEMU takes
        # one 3270 per machine, so users' terminals are virtio-serial ports that CP drives as
        # 3270s, and build/host/vm64-relay speaks TN3270 on this port for them, as vm64 does.
        self.tn3270_port = free_port() if terminals else None

    def terminal_args(self):
        """QEMU's devices for the terminals and the unix sockets of their ports."""
        argv, paths = [], []
        left, dev = self.terminals, 0
        while left > 0:
            n = min(left, self.PORTS_PER_DEVICE)
            argv += ["-device", "virtio-serial-ccw,id=vs%d,max_ports=%d" % (dev, n + 1)]
            for nr in range(1, n + 1):
                path = os.path.join(self.workdir, "t%d.sock" % len(paths))
                cid = "t%d" % len(paths)
                argv += ["-chardev", "socket,id=%s,path=%s,server=on,wait=off" % (cid, path),
                         "-device", "virtserialport,bus=vs%d.0,nr=%d,chardev=%s" % (dev, nr, cid)]
                paths.append(path)
            left -= n
            dev += 1
        return argv, paths

    def start(self):
        elf = os.path.join(BUILD, "cp.elf")
        argv = [
            "qemu-system-s390x", "-machine", "s390-ccw-virtio", "-nodefaults",
            "-display", "none", "-m", "%dM" % self.storage_mb, "-smp", str(self.cpus),
            "-chardev", "stdio,id=con0,signal=off", "-device", "sclplmconsole,chardev=con0,echo=off",
            "-action", "panic=exit-failure", "-no-reboot", "-kernel", elf,
        ]
        paths = []
        if self.terminals:
            extra, paths = self.terminal_args()
            argv += extra
        for i, path in enumerate(self.volume_files()):
            argv += ["-drive", "file=%s,format=raw,if=none,id=vol%d,cache=%s"
                     % (path.replace(",", ",,"), i, self.cache),
                     "-device", "virtio-blk-ccw,drive=vol%d,devno=fe.0.%04x" % (i, 0x100 + i)]
        self._spawn(argv)
        if paths:
            self.relay_log = open(os.path.join(self.workdir, "relay.log"), "w")
            self.relay = subprocess.Popen(
                [os.path.join(BUILD, "host", "vm64-relay"), "--port", str(self.tn3270_port),
                 "--verbose", "--watch-stdin"] + paths,
                stdin=subprocess.PIPE, stdout=self.relay_log, stderr=subprocess.STDOUT,
                start_new_session=True)

    def close(self):
        if self.relay and self.relay.poll() is None:
            try:
                os.killpg(self.relay.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.relay.wait(timeout=10)
        if self.relay:
            self.relay_log.close()
            with open(os.path.join(self.workdir, "relay.log")) as f:
                self.log += ["relay: " + l.rstrip("\n") for l in f]
        super().close()

    def send(self, line):
        self.write_raw(line + "\r")

    def console_text(self, raw):
        return raw

    def shutdown(self, timeout=30):
        self.send("SHUTDOWN")
        self.expect(r"VMCSHU960I", timeout)
        return None, self.wait_exit(timeout)
