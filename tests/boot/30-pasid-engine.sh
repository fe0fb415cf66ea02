#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# machines: smmuv3 smmuv2
# Our machine: the PASID test DMA engine (1234:11e9) is on the root bus with
# a 16-bit PASID capability.
. /tests/tap.sh
. /tests/pci.sh
plan 3

eng=$(find_pci $ENGINE_VENDOR $ENGINE_DEVICE)
check "engine: pasid-dma (1234:11e9) enumerated (${eng##*/})" test -n "$eng"
off=$(ext_cap "$eng" $PCI_EXT_CAP_PASID)
check "engine: PASID extended capability present (offset ${off:-none})" test -n "$off"
if [ -n "$off" ]; then
	width=$((($(cfg_u16 "$eng" $((off + 4))) >> 8) & 0x1f))
	check "engine: PASID capability advertises $width PASID bits (want 16)" test "$width" -eq 16
else
	fail "engine: PASID capability width" "no PASID capability"
fi
done_testing
