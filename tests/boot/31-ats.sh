#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ATS on our machine (arm-smmuv3.ats=on): the host bridge says ats-supported
# (read by the series' of_iommu change), and the SMMUv3 driver enabled ATS on
# the PASID test DMA engine.
. /tests/tap.sh
. /tests/pci.sh
plan 3

eng=$(find_pci $ENGINE_VENDOR $ENGINE_DEVICE)
hb=$(ls -d /proc/device-tree/pcie@* 2>/dev/null | head -n1)
check "dt: host bridge ${hb##*/} has ats-supported" test -e "$hb/ats-supported"
off=$(ext_cap "$eng" $PCI_EXT_CAP_ATS)
check "engine: ATS extended capability present (offset ${off:-none})" test -n "$off"
if [ -n "$off" ]; then
	ctrl=$(cfg_u16 "$eng" $((off + 6)))
	echo "# ATS control register: $(printf 0x%04x "$ctrl")"
	check "engine: ATS Control.Enable set by Linux" test $((ctrl & 0x8000)) -ne 0
else
	fail "engine: ATS Control.Enable set by Linux" "no ATS capability"
fi
done_testing
