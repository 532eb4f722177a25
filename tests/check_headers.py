#!/usr/bin/env python3
"""Every source file under arch/, cp/, cms/, console/, lib/ and tools/ (.c, .h, .S) opens with a
comment that says what it is for and names the test that covers it, by path:
tests/unit/test_X.c, tests/guest/X.c, tests/system/test_X.py or tests/fuzz/fuzz_X.c.

Run by `make unit` (mk/unit.mk, header-check). Fails, naming each file whose opening comment
names no test file that exists. Covered by itself: it runs on the whole tree at every
`make unit`.
"""
import os
import re
import subprocess
import sys

DIRS = ("arch", "cp", "cms", "console", "lib", "tools")
EXTS = (".c", ".h", ".S")
TEST_PATH = re.compile(r"tests/(?:unit|guest|system|fuzz)/[A-Za-z0-9_./-]+?\.(?:c|py|S)\b")


def opening_comment(text):
    """The first comment of the file: a /* */ block or a run of // lines, after blank lines."""
    s = text.lstrip()
    if s.startswith("/*"):
        end = s.find("*/")
        return s[: end if end >= 0 else len(s)]
    if s.startswith("//"):
        lines = []
        for line in s.splitlines():
            if not line.lstrip().startswith("//"):
                break
            lines.append(line)
        return "\n".join(lines)
    return ""


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(root)
    try:
        files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                                "--", *DIRS], check=True, capture_output=True,
                               text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        files = [os.path.join(d, f) for top in DIRS for d, _, fs in os.walk(top) for f in fs]
    bad = []
    for path in sorted(set(files)):
        if not path.endswith(EXTS) or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            comment = opening_comment(f.read())
        named = TEST_PATH.findall(comment)
        if not comment:
            bad.append(f"{path}: no opening comment")
        elif not any(os.path.isfile(t) for t in named):
            why = "names " + ", ".join(named) + " (none exists)" if named else "names no test"
            bad.append(f"{path}: opening comment {why}")
    for line in bad:
        print("check-headers: " + line)
    if bad:
        print(f"check-headers: {len(bad)} source file(s) do not name their covering test "
              "in their opening comment")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
