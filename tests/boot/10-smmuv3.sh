#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The SMMUv3 driver probed the virt machine's SMMU, with its queues' IRQs.
. /tests/tap.sh
plan 4
smmu=$(ls -d /sys/class/iommu/smmu3.* 2>/dev/null | head -n1)
check "smmuv3: registered with the IOMMU core (${smmu:-none})" test -n "$smmu"
check "smmuv3: event queue IRQ requested" grep -q 'arm-smmu-v3-evtq' /proc/interrupts
check "smmuv3: global error IRQ requested" grep -q 'arm-smmu-v3-gerror' /proc/interrupts
# Every PCI function with a driver sits behind the SMMU (iommu-map); groups
# are made when a driver probes (dma_configure), so the host bridge has none.
n=0; bad=""
for d in /sys/bus/pci/devices/*; do
	[ -e "$d/driver" ] || continue
	n=$((n + 1))
	[ -e "$d/iommu_group" ] || bad="$bad ${d##*/}"
done
if [ $n -gt 0 ] && [ -z "$bad" ]; then
	ok "smmuv3: all $n PCI functions with a driver are in an IOMMU group"
else
	fail "smmuv3: all PCI functions are in an IOMMU group" "no group:$bad (of $n)"
fi
done_testing
