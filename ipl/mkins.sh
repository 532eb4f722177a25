#!/usr/bin/env bash
# Turns CP's ELF into what Hercules IPLs: cp.bin (the image from its load address),
# ipl-psw.bin (an 8-byte ESA/390 IPL PSW: Hercules always IPLs in ESA/390 mode) and cp.ins,
# the list Hercules' "ipl cp.ins" loads. Usage: mkins.sh cp.elf outdir objcopy
set -euo pipefail
elf=$1 out=$2 objcopy=$3
mkdir -p "$out"
"$objcopy" -O binary "$elf" "$out/cp.bin"
entry=$(LC_ALL=C "${objcopy%objcopy}readelf" -h "$elf" 2>/dev/null | awk '/Entry point/ {print $4}')
[ -n "$entry" ] || entry=0x20000
# ESA/390 PSW: bit 12 (ESA format) set, 31-bit addressing (bit 32) and the entry address.
word2=$(printf '%08x' $(( 0x80000000 | entry )))
bytes='\x00\x08\x00\x00'
for i in 0 2 4 6; do bytes+="\x${word2:$i:2}"; done
printf "$bytes" > "$out/ipl-psw.bin"
cat > "$out/cp.ins" <<INS
* VM/64 CP, loaded by Hercules' "ipl cp.ins"
cp.bin 0x00020000
ipl-psw.bin 0x00000000
INS
