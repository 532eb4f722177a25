"""The harness under a timeout: a test runner killed outright (make test or CI under `timeout`)
leaves no emulator running (machine.die_with_parent). An orphaned Hercules spins one host CPU
at 100% until someone kills it, and slows every later run on the machine."""
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# A runner that starts the machine, says its emulator's pid, and waits to be killed.
RUNNER = """
import sys, time
sys.path.insert(0, %r)
import machine
m = machine.%s()
m.__enter__()
print(m.proc.pid, flush=True)
time.sleep(600)
"""


def gone(pid):
    """True once pid has exited (a zombie nobody reaped counts as gone)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_killed_runner_leaves_no_emulator(machine_class):
    runner = subprocess.Popen([sys.executable, "-c", RUNNER % (HERE, machine_class.__name__)],
                              stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        pid = int(runner.stdout.readline())
        assert not gone(pid), "the emulator had stopped before the runner was killed"
        runner.send_signal(signal.SIGKILL)
        runner.wait(10)
        deadline = time.monotonic() + 10
        while not gone(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not gone(pid):
            os.kill(pid, signal.SIGKILL)
            raise AssertionError("%s (pid %d) still ran 10 s after its runner was killed"
                                 % (machine_class.name, pid))
    finally:
        if runner.poll() is None:
            runner.kill()
