#!/usr/bin/env bash
# fresh-root.sh: does the README hold on a machine that has never seen the project? CI's test
# (.ci/run runs it; it tests itself: it fails when the README's commands fail).
#
# Makes a bare Debian 12 root (debootstrap --variant=minbase plus make, gcc, libc6-dev, git,
# python3, ca-certificates, from the Debian mirror this machine's apt uses), clones the
# committed HEAD of this repository into it, and there, as a new user would:
#   1. make run    fed "QUERY TIME" and "SHUTDOWN" on a pipe: must install the packages,
#                  build, boot, answer the command, and exit 0
#   2. make test   must pass (its output is shown as it runs)
# The base root is made once and kept in FRESH_CACHE (default /var/tmp/fresh-machine, outside
# the project); each run unpacks a new copy under /var/tmp and removes it afterwards.
#
# It runs in its own mount and PID namespaces: proc, sys and dev are mounted only there, so
# they vanish with it, and when it ends (or the overall FRESH_TIMEOUT, default 3000 s, runs
# out) every process in it, emulators included, is killed by the kernel. /tmp in the root is
# the root's own (on disk, mode 1777). Needs root. Exit status: that of the first failing step
# (its log's tail is printed and the logs are kept), 0 when both passed, 2 for a set-up error.
#
# usage: tools/fresh-root.sh [--run-only] [--keep]
#   --run-only   stop after make run      --keep   keep the root and logs afterwards
set -euo pipefail

run_only=0 keep=0
for a in "$@"; do
	case $a in
	--run-only) run_only=1 ;;
	--keep) keep=1 ;;
	*) echo "usage: $0 [--run-only] [--keep]" >&2; exit 2 ;;
	esac
done
say() { echo "fresh-root: $*"; }
die() { echo "fresh-root: $*" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || die "needs root (it uses debootstrap, chroot and mounts)"
top=$(git -C "$(dirname "$0")" rev-parse --show-toplevel) || die "not in a git checkout"
cache=${FRESH_CACHE:-/var/tmp/fresh-machine}
limit=${FRESH_TIMEOUT:-3000}
base=$cache/bookworm-base.tar
case $(readlink -f "$cache")/ in "$(readlink -f "$top")"/*) die "FRESH_CACHE is inside the project" ;; esac

# The mirror this machine's apt uses (deb822 .sources, else sources.list).
mirror=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/*.sources \
	2>/dev/null | grep -v security | head -1 || true)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $0 !~ /security/ { print $2; exit }' \
	/etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || die "no Debian mirror configured in /etc/apt"

# ---- the base root, made once (a lock keeps two runs from making it at the same time) ----
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if [ ! -s "$base" ]; then
	command -v debootstrap >/dev/null ||
		{ apt-get update -qq </dev/null && apt-get install -y -qq debootstrap </dev/null; } ||
		die "cannot install debootstrap"
	tmp=$(mktemp -d "$cache/base.XXXXXX")
	say "making the base root from $mirror (once; a few minutes)"
	if ! debootstrap --variant=minbase \
		--include=make,gcc,libc6-dev,git,python3,ca-certificates \
		bookworm "$tmp" "$mirror" >"$cache/debootstrap.log" 2>&1; then
		tail -20 "$cache/debootstrap.log" >&2
		rm -rf --one-file-system "$tmp"
		die "debootstrap failed; log: $cache/debootstrap.log"
	fi
	tar -C "$tmp" -cf "$base.tmp" . && mv "$base.tmp" "$base"
	rm -rf --one-file-system "$tmp"
fi
flock -u 9
exec 9>&-

# ---- a fresh copy of it, with the project cloned in ----
WORK=$(mktemp -d /var/tmp/vm64-fresh.XXXXXX)
root=$WORK/root
logs=$WORK/logs
rc=2
cleanup() {
	# The mounts live only in the namespace, which is gone by now; never remove through one.
	if findmnt -rn -o TARGET | grep -q "^$root/"; then
		echo "fresh-root: mounts left under $root; not removing it" >&2
		return
	fi
	if [ $keep = 1 ]; then
		say "kept $WORK"
	elif [ $rc = 0 ]; then
		rm -rf --one-file-system "$WORK"
	else
		rm -rf --one-file-system "$root"
		say "logs kept in $logs"
	fi
}
trap cleanup EXIT
trap 'rc=130; exit 130' INT TERM
mkdir -p "$root" "$logs"
tar -C "$root" -xf "$base"
chmod 1777 "$root/tmp"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# The host's apt sources and its Acquire settings (proxies, snapshot mirrors), no more.
rm -f "$root"/etc/apt/sources.list.d/*
cp /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list "$root/etc/apt/sources.list.d/" \
	2>/dev/null || true
[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$root/etc/apt/sources.list"
for f in /etc/apt/apt.conf.d/*; do
	grep -qE '^[[:space:]]*Acquire::' "$f" 2>/dev/null && cp "$f" "$root/etc/apt/apt.conf.d/"
done
git clone -q --no-hardlinks "$top" "$root/root/project"
say "$(git -C "$root/root/project" log -1 --format='%h %s' | cut -c1-80)"
say "in $root"

# ---- the steps, inside the root ----
mkdir -p "$root/check"
cat >"$root/check/steps.sh" <<'EOF'
set -u
cd /root/project
fail() { echo "fresh-root: $1 failed (rc $2); the end of its log:"; tail -40 "$3"; exit "$2"; }

echo "fresh-root: == make run (QUERY TIME and SHUTDOWN on a pipe)"
t0=$(date +%s)
printf 'QUERY TIME\nSHUTDOWN\n' | timeout -k 10 1800 make run >/check/logs/run.log 2>&1
rc=$?
echo "fresh-root: make run rc $rc after $(($(date +%s) - t0)) s"
[ $rc = 0 ] || fail "make run" $rc /check/logs/run.log
grep -q '^TIME IS ' /check/logs/run.log || fail "make run (no answer to QUERY TIME)" 1 /check/logs/run.log
grep -q 'VMCSHU960I' /check/logs/run.log || fail "make run (no clean shutdown)" 1 /check/logs/run.log
grep -E '^(TIME IS|VMCSHU960I|vm64:)' /check/logs/run.log
[ "$RUN_ONLY" = 1 ] && exit 0

echo "fresh-root: == make test"
t0=$(date +%s)
timeout -k 10 3000 make test 2>&1 | tee /check/logs/test.log
rc=${PIPESTATUS[0]}
echo "fresh-root: make test rc $rc after $(($(date +%s) - t0)) s"
[ $rc = 0 ] || fail "make test" $rc /check/logs/test.log
exit 0
EOF
mkdir -p "$root/check/logs"

start=$(date +%s)
set +e
# --kill-child: when unshare dies the namespace's first process gets SIGKILL, and the kernel
# kills every other process in the namespace with it. unshare itself ignores SIGTERM and SIGINT
# while it waits, so the time limit and a signal to this script end it with SIGKILL.
unshare --mount --propagation private --pid --fork --kill-child \
	env RUN_ONLY=$run_only bash -c '
	set -e
	r=$1
	mount -t proc proc "$r/proc"
	mount --rbind /sys "$r/sys"
	mount --rbind /dev "$r/dev"
	mount --bind "$2" "$r/check/logs"
	set +e
	chroot "$r" /usr/bin/env -i HOME=/root USER=root LOGNAME=root TERM=xterm-256color \
		LANG=C.UTF-8 RUN_ONLY="$RUN_ONLY" \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/bash /check/steps.sh
' _ "$root" "$logs" </dev/null &
child=$!
sleep "$limit" &
dog=$!
stopped=0 timed_out=0
trap 'stopped=1; kill -KILL $child 2>/dev/null' INT TERM
while kill -0 $child 2>/dev/null; do
	if [ $timed_out = 1 ]; then
		wait $child
		break
	fi
	wait -n $child $dog
	if ! kill -0 $dog 2>/dev/null && kill -0 $child 2>/dev/null; then
		timed_out=1
		kill -KILL $child
	fi
done
wait $child
rc=$?
kill $dog 2>/dev/null
wait $dog 2>/dev/null
[ $timed_out = 1 ] && { say "stopped after FRESH_TIMEOUT=$limit s"; rc=124; }
set -e
[ $stopped = 1 ] && { say "interrupted"; rc=130; exit 130; }
if [ $rc = 0 ]; then
	say "PASS in $(($(date +%s) - start)) s"
else
	say "FAIL (rc $rc) after $(($(date +%s) - start)) s"
fi
exit $rc
