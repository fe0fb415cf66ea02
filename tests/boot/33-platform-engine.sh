#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The platform flavour of the PASID test DMA engine (-device
# pasid-dma-platform): its DT node describes a stall-capable master with
# 16-bit PASIDs behind the SMMUv3, the pasid-dma driver bound it, and the
# SMMUv3 driver put it in an IOMMU group.  scripts/machine.conf adds
# sva.platform_engine=1 to the command line with the device, so a
# missing engine fails there; without it every check is skipped.
. /tests/tap.sh
. /tests/platform-engine.sh
plan 7

pe_find
if [ -z "$dev" ] && ! grep -qw 'sva.platform_engine=1' /proc/cmdline; then
	for i in 1 2 3 4 5 6 7; do
		skip "platform engine check $i" "the machine has no -device pasid-dma-platform"
	done
	done_testing
fi

pe_check_exists
check "dt: the engine's node has dma-can-stall" test -n "$dev" -a -e "$np/dma-can-stall"
bits=
[ -n "$dev" ] && [ -f "$np/pasid-num-bits" ] &&
	bits=$((0x$(od -An -tx1 -N4 "$np/pasid-num-bits" | tr -d ' \n')))
check "dt: the engine's node has pasid-num-bits = ${bits:-none} (want 16)" test "${bits:-0}" -eq 16

pe_check_bound

pe_group
check "platform engine: in IOMMU group ${grp_id:-none}" test -n "$grp"
pe_check_iommu SMMUv3 smmu3.
done_testing
