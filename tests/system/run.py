#!/usr/bin/env python3
"""Runs the system tests (tests/system/test_*.py): each module's functions named test_* run
in turn, each under both machines where it takes one. Prints one closing line,
"system: N passed, N failed" (", N skipped" when a test raised machine.Skip). Usage: run.py [-k substring] [--machine hercules|qemu]"""
import argparse
import importlib.util
import inspect
import os
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import machine  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-k", default="")
    ap.add_argument("--machine", choices=["hercules", "qemu"], action="append")
    args = ap.parse_args()
    machines = args.machine or ["hercules", "qemu"]
    passed = failed = skipped = 0
    for fn in sorted(os.listdir(HERE)):
        if not (fn.startswith("test_") and fn.endswith(".py")):
            continue
        spec = importlib.util.spec_from_file_location(fn[:-3], os.path.join(HERE, fn))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for name, func in inspect.getmembers(mod, inspect.isfunction):
            if not name.startswith("test_") or args.k not in "%s.%s" % (fn, name):
                continue
            params = inspect.signature(func).parameters
            runs = machines if "machine_class" in params else [None]
            if hasattr(func, "machines"):
                runs = [m for m in runs if m in func.machines]
            for m in runs:
                label = "%s::%s%s" % (fn, name, "[%s]" % m if m else "")
                t0 = time.monotonic()
                try:
                    if m:
                        func(machine_class={"hercules": machine.Hercules, "qemu": machine.Qemu}[m])
                    else:
                        func()
                    passed += 1
                    print("PASS %s (%.1fs)" % (label, time.monotonic() - t0), flush=True)
                except machine.Skip as e:
                    skipped += 1
                    print("SKIP %s: %s" % (label, e), flush=True)
                except Exception as e:  # noqa: BLE001 - any failure fails the test
                    failed += 1
                    print("FAIL %s (%.1fs): %s" % (label, time.monotonic() - t0, e), flush=True)
                    traceback.print_exc()
    print("system: %d passed, %d failed%s" % (passed, failed,
                                              ", %d skipped" % skipped if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
