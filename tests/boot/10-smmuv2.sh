#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# machines: smmuv2
# The arm-smmu driver probed the SMMUv2 machine's MMU-500-like SMMU
# (scripts/machine.conf, *_V2): what it read from the ID registers, its
# interrupts, and every device behind it in an IOMMU group with a
# translating default domain, each on a context bank of its own.
. /tests/tap.sh
plan 10

# What our model's ID registers say (QEMU docs/specs/arm-smmuv2.rst): ID0
# stage 1 only, stream matching with num-smr = 16 groups, ID1 num-cb = 8
# banks (none stage 2 only), ID2 UBS 48 bits, IAS/OAS 44 bits, 4K and 64K
# granules (4K, 64K and the 2M/1G/512M blocks).
SMMU_GROUPS=16
SMMU_BANKS=8

log=$(dmesg | grep 'arm-smmu [^ ]*: ')
found() { # DESC PATTERN: the probe printed a line matching PATTERN
	l=$(printf '%s\n' "$log" | grep -m1 -e "$2")
	if [ -n "$l" ]; then ok "$1"; else fail "$1" "no line matching '$2' from arm-smmu"; fi
}

smmu=$(ls -d /sys/class/iommu/smmu.* 2>/dev/null | head -n1)
check "arm-smmu: registered with the IOMMU core (${smmu##*/})" test -n "$smmu"
found "arm-smmu: probed an SMMUv2" 'SMMUv2 with:'
found "arm-smmu: stage 1 translation" 'stage 1 translation$'
found "arm-smmu: stream matching with $SMMU_GROUPS register groups" \
	"stream matching with $SMMU_GROUPS register groups"
found "arm-smmu: $SMMU_BANKS context banks (0 stage-2 only)" \
	"[[:space:]]$SMMU_BANKS context banks (0 stage-2 only)"
found "arm-smmu: stage 1 is 48-bit VA -> 44-bit IPA" 'Stage-1: 48-bit VA -> 44-bit IPA'
printf '%s\n' "$log" | grep -v 'Unhandled context fault' | sed 's/^/# /'

check "arm-smmu: global fault IRQ requested" grep -q 'arm-smmu global fault' /proc/interrupts
check "arm-smmu: context fault IRQ requested" grep -q 'arm-smmu-context-fault' /proc/interrupts

# Every device with a driver that the SMMU translates (PCI functions through
# the host bridge's iommu-map, platform masters through "iommus") is in an
# IOMMU group of this SMMU whose default domain translates (DMA).
n=0; bad=""
for d in /sys/bus/pci/devices/* /sys/bus/platform/devices/*; do
	[ -e "$d/driver" ] || continue
	case $d in
	/sys/bus/platform/*) [ -e "$d/of_node/iommus" ] || continue ;;
	esac
	n=$((n + 1))
	g=$(readlink -f "$d/iommu_group" 2>/dev/null)
	i=$(readlink -f "$d/iommu" 2>/dev/null)
	if [ -z "$g" ]; then bad="$bad ${d##*/}:no-group"
	elif [ "$(cat "$g/type" 2>/dev/null)" != DMA ]; then bad="$bad ${d##*/}:$(cat "$g/type")"
	elif [ "${i##*/}" != "${smmu##*/}" ]; then bad="$bad ${d##*/}:iommu=${i##*/}"
	fi
done
if [ $n -gt 0 ] && [ -z "$bad" ]; then
	ok "arm-smmu: all $n devices behind it are in a DMA-domain group of it"
else
	fail "arm-smmu: all devices behind it are in a DMA-domain group of it" \
		"not so:$bad (of $n)"
fi

# One context bank per DMA domain: the groups must fit in the banks (a
# group that did not get a bank has no working default domain).
ng=$(ls /sys/kernel/iommu_groups | wc -l)
check "arm-smmu: $ng IOMMU groups fit in $SMMU_BANKS context banks" \
	test "$ng" -ge 1 -a "$ng" -le $SMMU_BANKS
done_testing
