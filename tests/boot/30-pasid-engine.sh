#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Our machine: the SMMUv3 model reports substreams, and the PASID test DMA
# engine (1234:11e9) is on the root bus with a PASID capability.
. /tests/tap.sh
plan 3

# PCI extended capability ID -> offset of it in config space, or nothing
ext_cap() { # DEV ID
	off=256
	while [ "$off" -ne 0 ] && [ "$off" -lt 4096 ]; do
		hdr=$(od -An -tu4 -j "$off" -N4 "$1/config" 2>/dev/null | tr -d ' ')
		[ -n "$hdr" ] && [ "$hdr" -ne 0 ] || return 1
		[ $((hdr & 0xffff)) -eq "$2" ] && { echo "$off"; return 0; }
		off=$(((hdr >> 20) & 0xffc))
	done
	return 1
}

eng=""
for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/vendor"):$(cat "$d/device")" = "0x1234:0x11e9" ] && eng=$d
done
check "engine: pasid-dma (1234:11e9) enumerated (${eng##*/})" test -n "$eng"
off=$(ext_cap "$eng" 27)
check "engine: PASID extended capability present (offset ${off:-none})" test -n "$off"
if [ -n "$off" ]; then
	capreg=$(od -An -tu2 -j $((off + 4)) -N2 "$eng/config" | tr -d ' ')
	width=$(((capreg >> 8) & 0x1f))
	check "engine: PASID capability advertises $width PASID bits (want 16)" test "$width" -eq 16
else
	fail "engine: PASID capability width" "no PASID capability"
fi
done_testing
