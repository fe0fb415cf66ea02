#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# PRI on our machine (arm-smmuv3.pri=on): the SMMUv3 driver sees substreams,
# ATS and a PRI queue, and the pasid-dma driver had IOMMU_DEV_FEAT_IOPF
# enabled, so the engine sits in an IOMMU group with PASID, ATS and PRI all
# enabled in its capabilities.
. /tests/tap.sh
. /tests/pci.sh
plan 10

# Feature bits of the SMMUv3 driver (ARM_SMMU_FEAT_* in arm-smmu-v3.h)
ARM_SMMU_FEAT_PRI=$((1 << 4))
ARM_SMMU_FEAT_ATS=$((1 << 5))
PCI_PRI_CTRL_ENABLE=0x1
PCI_PRI_STATUS_RF=0x1

# "arm-smmu-v3 9050000.smmuv3: ias 44-bit, oas 44-bit (features 0x...)"
feat=$(dmesg | sed -n 's/.*arm-smmu-v3 .*: ias .*(features \(0x[0-9a-f]*\)).*/\1/p' | head -n1)
echo "# SMMUv3 features: ${feat:-not found}"
feat=${feat:-0}
check "smmuv3: ATS in the features ($feat)" test $((feat & ARM_SMMU_FEAT_ATS)) -ne 0
check "smmuv3: PRI in the features ($feat)" test $((feat & ARM_SMMU_FEAT_PRI)) -ne 0

# "arm-smmu-v3 9050000.smmuv3: substreams: 16-bit SSIDs (16-bit usable), 2-level CD tables"
sub=$(dmesg | sed -n 's/.*arm-smmu-v3 .*: substreams: //p' | head -n1)
echo "# SMMUv3 substreams: ${sub:-not found}"
check "smmuv3: 16-bit substreams, all usable, 2-level CD tables" \
	test "$sub" = "16-bit SSIDs (16-bit usable), 2-level CD tables"
check "smmuv3: PRI queue IRQ requested" grep -q 'arm-smmu-v3-priq' /proc/interrupts

eng=$(find_pci $ENGINE_VENDOR $ENGINE_DEVICE)
check "engine: in an IOMMU group (${eng##*/})" test -n "$eng" -a -e "$eng/iommu_group"

# enabled NAME CAP_ID CTRL_OFFSET BIT: the capability's Control has BIT set
enabled() {
	off=$(ext_cap "$eng" "$2")
	if [ -z "$off" ]; then
		fail "engine: $1 Control.Enable set by Linux" "no $1 capability"
		return
	fi
	ctrl=$(cfg_u16 "$eng" $((off + $3)))
	echo "# $1 capability at $off, control $(printf 0x%04x "$ctrl")"
	check "engine: $1 Control.Enable set by Linux" test $((ctrl & $4)) -ne 0
}
enabled PASID $PCI_EXT_CAP_PASID 6 0x1
enabled ATS $PCI_EXT_CAP_ATS 6 0x8000
enabled PRI $PCI_EXT_CAP_PRI 4 $PCI_PRI_CTRL_ENABLE

off=$(ext_cap "$eng" $PCI_EXT_CAP_PRI)
if [ -n "$off" ]; then
	status=$(cfg_u16 "$eng" $((off + 6)))
	cap=$(od -An -tu4 -j $((off + 8)) -N4 "$eng/config" | tr -d ' ')
	alloc=$(od -An -tu4 -j $((off + 12)) -N4 "$eng/config" | tr -d ' ')
	echo "# PRI status $(printf 0x%04x "$status"), $alloc of $cap requests allocated"
	check "engine: PRI not stopped by a Response Failure" \
		test $((status & PCI_PRI_STATUS_RF)) -eq 0
	check "engine: PRI allocation within capacity ($alloc of $cap)" \
		test "$alloc" -gt 0 -a "$alloc" -le "$cap"
else
	fail "engine: PRI not stopped by a Response Failure" "no PRI capability"
	fail "engine: PRI allocation within capacity" "no PRI capability"
fi
done_testing
