#!/bin/sh
# Runs one guest test program bare (no CP underneath), under QEMU or Hercules, bounded in time,
# and prints its console output. Exit status: the guest's failure count as it reported it on
# its EXIT: line (0 = all passed), or 125 if it never got that far.
#
# usage: run-bare.sh [-m qemu|hercules] [-t seconds] build/guest/NAME.elf
set -u
machine=qemu
secs=30
while getopts m:t: opt; do
	case $opt in
	m) machine=$OPTARG ;;
	t) secs=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
elf=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case $machine in
qemu)
	timeout -k 5 "$secs" qemu-system-s390x -machine s390-ccw-virtio -nodefaults \
		-display none -m 64M -chardev stdio,id=con0,signal=off \
		-device sclplmconsole,chardev=con0,echo=off -action panic=exit-failure \
		-no-reboot -kernel "$elf" </dev/null >"$work/log" 2>&1
	;;
hercules)
	# The IPL directory mk/guest.mk builds next to the ELF: build/guest/hercules-NAME/cp.ins.
	dir=${elf%.elf}
	dir=$(dirname "$dir")/hercules-$(basename "$dir")
	if [ ! -f "$dir/cp.ins" ]; then
		echo "run-bare.sh: no $dir/cp.ins (make guests)" >&2
		exit 2
	fi
	cp "$dir"/* "$work/"
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')
	# Hercules wants at least one device: a 3270 nobody connects to (subchannel 0.0.0000).
	cat >"$work/h.cnf" <<CNF
CPUSERIAL 000611
CPUMODEL 2064
MAINSIZE 64
NUMCPU 1
ARCHMODE z/Arch
OSTAILOR QUIET
CODEPAGE 819/037
CNSLPORT 127.0.0.1:$port
0020 3270
CNF
	# End Hercules when the guest loads its final disabled-wait PSW.
	printf 'hao tgt HHCCP011I\nhao cmd quit\nipl cp.ins\n' >"$work/h.rc"
	(cd "$work" && HERCULES_RC=h.rc timeout -k 5 "$secs" hercules -f h.cnf -d \
		</dev/null >"$work/herc.log" 2>&1)
	# The guest's lines (and the wait), without Hercules' own messages.
	grep -aE '^((INFO|PASS|FAIL|SKIP|BENCH|SUMMARY|EXIT|LOOP):|TRACE |HHCCP011I)' \
		"$work/herc.log" >"$work/log" || true
	;;
*)
	echo "run-bare.sh: unknown machine $machine" >&2
	exit 2
	;;
esac
tr -d '\r' <"$work/log"
status=$(tr -d '\r' <"$work/log" | sed -n 's/^EXIT: STATUS=\([0-9]*\).*/\1/p' | tail -1)
[ -n "$status" ] || exit 125
exit "$status"
