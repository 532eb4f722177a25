#!/usr/bin/env bash
# Installs the Debian packages VM/64 needs to build, run and test, if any are missing.
# Does nothing when all are present. Runs apt-get as root, or through sudo.
set -euo pipefail

packages=(
    make gcc libc6-dev                       # host tools and tests
    gcc-s390x-linux-gnu binutils-s390x-linux-gnu libgcc-12-dev-s390x-cross  # the CP image
    hercules qemu-system-misc                # the two machines
    libcunit1-dev libedit-dev                # unit tests, the host console
    clang libclang-rt-14-dev                 # libFuzzer targets (make fuzz, fuzz-smoke)
    s3270 c3270                              # 3270 clients for users and tests
    python3 procps                           # system-test driver, process checks
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
else
    echo "deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Not from our input: "make run" may be fed the operator's commands on a pipe.
"${sudo[@]}" apt-get update -qq </dev/null
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
