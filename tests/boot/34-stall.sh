#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Stalls on our machine (arm-smmuv3.stall=on, and the platform flavour of
# the test engine, whose DT node says dma-can-stall): the SMMUv3 driver
# sees configurable stalls, and the engine's driver could enable
# IOMMU_DEV_FEAT_IOPF, so its faults stall and the I/O page fault queue
# resolves them.  The kselftest iommu/pasid_dma checks what a stall does
# to a job.  Skipped on a machine without the platform engine.
. /tests/tap.sh
plan 4

# Feature bits of the SMMUv3 driver (ARM_SMMU_FEAT_* in arm-smmu-v3.h)
ARM_SMMU_FEAT_STALLS=$((1 << 11))
ARM_SMMU_FEAT_STALL_FORCE=$((1 << 13))

dev=$(ls -d /sys/bus/platform/devices/*.pasid-dma 2>/dev/null | head -n1)
if [ -z "$dev" ]; then
	for t in "smmuv3: configurable stalls" "engine: dma-can-stall in DT" \
		 "smmuv3: event queue IRQ requested" "engine: I/O page faults by stall"; do
		skip "$t" "no pasid-dma-platform on this machine"
	done
	done_testing
fi

feat=$(dmesg | sed -n 's/.*arm-smmu-v3 .*: ias .*(features \(0x[0-9a-f]*\)).*/\1/p' | head -n1)
echo "# SMMUv3 features: ${feat:-not found}"
feat=${feat:-0}
check "smmuv3: configurable stalls ($feat)" \
	test $((feat & ARM_SMMU_FEAT_STALLS)) -ne 0 -a $((feat & ARM_SMMU_FEAT_STALL_FORCE)) -eq 0
check "engine: dma-can-stall in DT (${dev##*/})" test -e "$dev/of_node/dma-can-stall"
check "smmuv3: event queue IRQ requested" grep -q 'arm-smmu-v3-evtq' /proc/interrupts

# "pasid-dma-platform c000000.pasid-dma: /dev/pasid-dma1, interrupt, stall"
line=$(dmesg | grep "${dev##*/}: /dev/pasid-dma" | tail -n1)
echo "# ${line:-no probe line of ${dev##*/}}"
check "engine: I/O page faults by stall" test -n "$line" -a "${line%, stall}" != "$line"
done_testing
