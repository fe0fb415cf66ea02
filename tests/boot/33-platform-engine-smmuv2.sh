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
. /tests/platform-engine.sh
plan 7
SID=0x4100

pe_find
pe_check_exists

# iommus = <&smmu SID>: two cells, the second the StreamID
sid=
[ -n "$dev" ] && [ -f "$np/iommus" ] &&
	sid=$((0x$(od -An -tx1 -j4 -N4 "$np/iommus" | tr -d ' \n')))
check "dt: the engine's iommus names StreamID $(printf 0x%x "${sid:-0}") (want $SID)" \
	test "${sid:-0}" -eq $((SID))

pe_check_bound

pe_group
check "platform engine: in IOMMU group ${grp_id} with a DMA default domain (${grp_type:-none})" \
	test "$grp_type" = DMA
pe_check_iommu SMMUv2 smmu.

# "pasid-dma-platform 4100000.pasid-dma: /dev/pasid-dma1, interrupt"
line=
[ -n "$dev" ] && line=$(dmesg | grep "${dev##*/}: /dev/pasid-dma" | tail -n1)
echo "# ${line:-no probe line of ${dev##*/}}"
check "platform engine: probed with its interrupt, no stall" \
	test -n "$line" -a "${line%, interrupt}" != "$line"
done_testing
