#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# machines: smmuv2
# The platform flavour of the PASID test DMA engine behind the SMMUv2
# (-device pasid-dma-platform,sid=0x4100 in scripts/machine.conf): its DT
# node names the SMMU and its StreamID in "iommus", the pasid-dma driver
# bound it, and arm-smmu put it in an IOMMU group whose default domain
# translates its DMA (the kselftest iommu/pasid_dma runs jobs through it).
# The arm-smmu driver offers no I/O page faults: the engine's faults end
# its jobs.
. /tests/tap.sh
plan 7
SID=0x4100

compat=qemu,pasid-dma-platform
dev=
for d in /sys/bus/platform/devices/*; do
	[ -f "$d/of_node/compatible" ] || continue
	if tr '\0' '\n' <"$d/of_node/compatible" | grep -qx "$compat"; then
		dev=$d
		break
	fi
done
check "platform engine: a $compat device exists (${dev##*/})" test -n "$dev"
np=$dev/of_node

# iommus = <&smmu SID>: two cells, the second the StreamID
sid=
[ -n "$dev" ] && [ -f "$np/iommus" ] &&
	sid=$((0x$(od -An -tx1 -j4 -N4 "$np/iommus" | tr -d ' \n')))
check "dt: the engine's iommus names StreamID $(printf 0x%x "${sid:-0}") (want $SID)" \
	test "${sid:-0}" -eq $((SID))

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

grp=; type=
if [ -n "$dev" ] && [ -e "$dev/iommu_group" ]; then
	grp=$(readlink -f "$dev/iommu_group")
	type=$(cat "$grp/type" 2>/dev/null)
fi
check "platform engine: in IOMMU group ${grp##*/} with a DMA default domain (${type:-none})" \
	test "$type" = DMA
iommu=
[ -n "$dev" ] && [ -e "$dev/iommu" ] && iommu=$(basename "$(readlink "$dev/iommu")")
check "platform engine: translated by the SMMUv2 (${iommu:-none})" \
	test "${iommu#smmu.}" != "$iommu"

# "pasid-dma-platform 4100000.pasid-dma: /dev/pasid-dma1, interrupt"
line=
[ -n "$dev" ] && line=$(dmesg | grep "${dev##*/}: /dev/pasid-dma" | tail -n1)
echo "# ${line:-no probe line of ${dev##*/}}"
check "platform engine: probed with its interrupt, no stall" \
	test -n "$line" -a "${line%, interrupt}" != "$line"
done_testing
