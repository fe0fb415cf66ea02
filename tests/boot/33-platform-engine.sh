#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The platform flavour of the PASID test DMA engine (-device
# pasid-dma-platform): its DT node describes a stall-capable master with
# 16-bit PASIDs behind the SMMUv3, the pasid-dma driver bound it, and the
# SMMUv3 driver put it in an IOMMU group.  scripts/machine.conf adds
# sva.platform_engine=1 to the command line with the device, so a
# missing engine fails there; without it every check is skipped.
. /tests/tap.sh
plan 7

compat=qemu,pasid-dma-platform
dev=
for d in /sys/bus/platform/devices/*; do
	[ -f "$d/of_node/compatible" ] || continue
	if tr '\0' '\n' <"$d/of_node/compatible" | grep -qx "$compat"; then
		dev=$d
		break
	fi
done
if [ -z "$dev" ] && ! grep -qw 'sva.platform_engine=1' /proc/cmdline; then
	for i in 1 2 3 4 5 6 7; do
		skip "platform engine check $i" "the machine has no -device pasid-dma-platform"
	done
	done_testing
fi

check "platform engine: a $compat device exists (${dev##*/})" test -n "$dev"
np=$dev/of_node
check "dt: the engine's node has dma-can-stall" test -n "$dev" -a -e "$np/dma-can-stall"
bits=
[ -n "$dev" ] && [ -f "$np/pasid-num-bits" ] &&
	bits=$((0x$(od -An -tx1 -N4 "$np/pasid-num-bits" | tr -d ' \n')))
check "dt: the engine's node has pasid-num-bits = ${bits:-none} (want 16)" test "${bits:-0}" -eq 16

drv=
[ -n "$dev" ] && [ -e "$dev/driver" ] && drv=$(basename "$(readlink "$dev/driver")")
check "platform engine: bound to the pasid-dma-platform driver (${drv:-none})" \
	test "$drv" = pasid-dma-platform
misc=
for m in /sys/class/misc/pasid-dma*; do
	[ -n "$dev" ] && [ -e "$m/device" ] || continue
	[ "$(readlink -f "$m/device")" = "$(readlink -f "$dev")" ] && misc=${m##*/}
done
check "platform engine: /dev/${misc:-?} belongs to it" test -n "$misc" -a -c "/dev/$misc"

grp=
[ -n "$dev" ] && [ -e "$dev/iommu_group" ] && grp=$(basename "$(readlink "$dev/iommu_group")")
check "platform engine: in IOMMU group ${grp:-none}" test -n "$grp"
iommu=
[ -n "$dev" ] && [ -e "$dev/iommu" ] && iommu=$(basename "$(readlink "$dev/iommu")")
check "platform engine: translated by the SMMUv3 (${iommu:-none})" \
	test "${iommu#smmu3.}" != "$iommu"
done_testing
