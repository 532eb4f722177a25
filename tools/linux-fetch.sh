#!/bin/sh
# linux-fetch.sh: fetch Debian 12's s390x kernel (the package linux-image-s390x depends on)
# and busybox-static into a cache with a private s390x apt state (no dpkg --add-architecture),
# and extract vmlinuz and busybox. Needs only apt-get and dpkg-deb.
# Usage: tools/linux-fetch.sh [CACHE]   (default build/linux-cache)
# Prints the paths of the kernel and busybox. Covered by tests/system/test_linux.py.
set -eu
C=${1:-build/linux-cache}
mkdir -p "$C"
C=$(cd "$C" && pwd)
if [ -s "$C/vmlinuz" ] && [ -s "$C/busybox" ] && [ -z "${LINUX_FETCH_REFRESH:-}" ]; then
    echo "$C/vmlinuz"; echo "$C/busybox"; exit 0
fi
mkdir -p "$C/apt/lists/partial" "$C/apt/cache/archives/partial" "$C/debs" "$C/x"
[ -e "$C/apt/status" ] || : >"$C/apt/status"
cat >"$C/apt.conf" <<END
APT::Architecture "s390x"; APT::Architectures { "s390x"; };
Dir::State "$C/apt"; Dir::State::Lists "$C/apt/lists";
Dir::State::status "$C/apt/status"; Dir::Cache "$C/apt/cache";
END
export APT_CONFIG="$C/apt.conf"
apt-get -q update >"$C/apt-update.log" 2>&1 || { cat "$C/apt-update.log" >&2; exit 1; }
K=$(apt-cache depends linux-image-s390x | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
[ -n "$K" ] || { echo "linux-fetch: linux-image-s390x has no kernel dependency" >&2; exit 1; }
rm -f "$C/debs/"*.deb
(cd "$C/debs" && apt-get -q download "$K" busybox-static >"$C/apt-download.log" 2>&1) ||
    { cat "$C/apt-download.log" >&2; exit 1; }
rm -rf "$C/x" && mkdir "$C/x"
for d in "$C/debs/"*.deb; do dpkg-deb -x "$d" "$C/x"; done
cp "$C/x/boot/vmlinuz-"* "$C/vmlinuz.tmp" && mv "$C/vmlinuz.tmp" "$C/vmlinuz"
cp "$C/x/bin/busybox" "$C/busybox.tmp" && mv "$C/busybox.tmp" "$C/busybox"
echo "$K" >"$C/kernel-package"
rm -rf "$C/x"
echo "$C/vmlinuz"; echo "$C/busybox"
