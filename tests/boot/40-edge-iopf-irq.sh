#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# machines: smmuv3-edge
# An SMMUv3 whose event queue interrupt is missing from the DT (virt's
# smmuv3-omit-irq=eventq in scripts/machine.conf): nobody would see the
# stall events of a platform master, so arm-smmu-v3 must refuse
# IOMMU_DEV_FEAT_IOPF to the platform engine, although its node has
# dma-can-stall and the SMMU stalls (-ENODEV, with a message that names
# the missing interrupt), instead of stalling transactions that nobody
# resumes.  The PRI queue interrupt is there: the PCI engines keep PRI
# (the three that get PRI credits, see 41-edge-pri-credits.sh).
. /tests/tap.sh
. /tests/platform-engine.sh
plan 8

log=$(dmesg)
check "smmuv3: no event queue interrupt requested" \
	sh -c '! grep -q arm-smmu-v3-evtq /proc/interrupts'
check "smmuv3: PRI queue interrupt requested" grep -q arm-smmu-v3-priq /proc/interrupts

pe_find
name=${dev##*/}
pe_check_exists
check "dt: the engine's node has dma-can-stall" test -n "$dev" -a -e "$np/dma-can-stall"

# "<dev>: no I/O page faults: the SMMU has no event queue interrupt ..."
why=$(echo "$log" | grep -F "$name: no I/O page faults: " | grep -v '(-' | head -n1)
echo "# arm-smmu-v3: ${why:-no message}"
check "arm-smmu-v3: IOPF refused, the message names the event queue interrupt" \
	test -n "$name" -a -n "$(echo "$why" | grep 'no event queue interrupt')"
# pasid-dma: "<dev>: no I/O page faults (-19), faults end jobs"
ret=$(echo "$log" | grep -F "$name: no I/O page faults (" | sed -n 's/.*faults (\(-[0-9]*\)).*/\1/p' | head -n1)
check "pasid-dma: IOMMU_DEV_FEAT_IOPF refused with -ENODEV (${ret:-not refused})" \
	test "${ret:-0}" -eq -19
# "<dev>: /dev/pasid-dmaN, interrupt[, PRI|, stall]"
probe=$(echo "$log" | grep -F "$name: /dev/pasid-dma" | head -n1)
echo "# pasid-dma: ${probe:-no probe line}"
check "platform engine: probed without stall IOPF" \
	test -n "$probe" -a -z "$(echo "$probe" | grep ', stall')"

npri=$(echo "$log" | grep -c ' 0000:00:[0-9a-f.]*: /dev/pasid-dma[0-9]*, .*, PRI$')
check "PCI engines: $npri with IOPF by PRI (want 3)" test "$npri" -eq 3
done_testing
