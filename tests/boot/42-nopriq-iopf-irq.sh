#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# machines: smmuv3-nopriq
# An SMMUv3 with a PRI queue whose interrupt is missing from the DT (virt's
# smmuv3-omit-irq=priq in scripts/machine.conf): nobody would read the
# page requests of a PCIe function, so arm-smmu-v3 must refuse
# IOMMU_DEV_FEAT_IOPF to the PCI engine, although it has a PRI capability
# and the SMMU has PRI (-ENODEV, with a message that names the missing
# interrupt), instead of enabling PRI for requests that wait for ever.
# The engine still works without it: DMA-API jobs on mapped buffers, and a
# job on an unmapped one ends with a plain write fault.  SVA stays
# enabled (arm-smmu-v3 needs IOPF first only for a master whose faults
# can be recovered, and here they cannot): a bound process's jobs work on
# memory it touched, and end with a fault, with no page request, on
# memory it never touched.  The event queue interrupt is there: the
# platform engine keeps IOPF by stall, and its SVA jobs fault pages in.
. /tests/tap.sh
. /tests/pci.sh
. /tests/platform-engine.sh
plan 18

JOB=/tests/bin/engine-job
RES_WRITE_FAULT=4
RES_STALL_TERMINATED=11
PCI_PRI_CTRL_ENABLE=0x1

log=$(dmesg)
# val KEY LINE: the value of KEY=VALUE in LINE (engine-job's output)
val() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n1; }
# job FLAVOUR MODE: engine-job's line and its exit status (rc=N), shown
# in the log; a line without rc=0 fails every check that reads it
job() {
	out=$($JOB "$1" "$2" 2>&1)
	out="$out rc=$?"
	echo "# engine-job $1 $2: $out" >&2
	echo "$out"
}

check "smmuv3: no PRI queue interrupt requested" \
	sh -c '! grep -q arm-smmu-v3-priq /proc/interrupts'
check "smmuv3: event queue interrupt requested" grep -q arm-smmu-v3-evtq /proc/interrupts

# The PCI engine
eng=$(find_pci $ENGINE_VENDOR $ENGINE_DEVICE)
name=${eng##*/}
off=
[ -n "$eng" ] && off=$(ext_cap "$eng" $PCI_EXT_CAP_PRI)
check "PCI engine: $name has a PRI capability (offset ${off:-none})" test -n "$off"

# "<dev>: no I/O page faults: the SMMU has no PRI queue interrupt"
why=$(echo "$log" | grep -F "$name: no I/O page faults: " | head -n1)
echo "# arm-smmu-v3: ${why:-no message}"
check "arm-smmu-v3: IOPF refused, the message names the PRI queue interrupt" \
	test -n "$name" -a -n "$(echo "$why" | grep 'no PRI queue interrupt')"
# pasid-dma: "<dev>: no I/O page faults (-19), faults end jobs"
ret=$(echo "$log" | grep -F "$name: no I/O page faults (" | sed -n 's/.*faults (\(-[0-9]*\)).*/\1/p' | head -n1)
check "pasid-dma: IOMMU_DEV_FEAT_IOPF refused with -ENODEV (${ret:-not refused})" \
	test -n "$name" -a "${ret:-0}" -eq -19
# "<dev>: /dev/pasid-dmaN, interrupt[, PRI]"
probe=$(echo "$log" | grep -F "$name: /dev/pasid-dma" | head -n1)
echo "# pasid-dma: ${probe:-no probe line}"
check "PCI engine: probed without IOPF by PRI" \
	test -n "$probe" -a -z "$(echo "$probe" | grep ', PRI')"
ctrl=
[ -n "$off" ] && ctrl=$(cfg_u16 "$eng" $((off + 4)))
inf=$(job pci info)
check "PCI engine: PRI disabled (Control $ctrl), the driver says no IOPF ($inf)" \
	test -n "$ctrl" -a $((${ctrl:-1} & PCI_PRI_CTRL_ENABLE)) -eq 0 -a \
	"$inf" = "iopf=0 pri=0 rf=0 rc=0"

# Jobs without IOPF: mapped memory works, unmapped memory is a write fault
out=$(job pci copy)
check "PCI engine: a copy between mapped buffers, every byte right" \
	test "$(val rc "$out"):$(val result "$out"):$(val wrong "$out"):$(val pri "$out")" = "0:0:0:0"
out=$(job pci unmapped)
check "PCI engine: a copy into an unmapped buffer ends with a write fault at its first byte, no page request" \
	test "$(val rc "$out"):$(val result "$out"):$(val off "$out"):$(val pri "$out")" = "0:$RES_WRITE_FAULT:100:0"
check "PCI engine: the unmapped buffer unchanged, the next job works" \
	test "$(val changed "$out"):$(val after "$out"):$(val after_wrong "$out")" = "0:0:0"

# SVA without IOPF: allowed, for memory that is present
sva=$(echo "$log" | grep -F "$name: no SVA (" | head -n1)
check "pasid-dma: SVA enabled on the PCI engine${sva:+ ($sva)}" test -n "$name" -a -z "$sva"
out=$(job pci sva)
check "PCI engine: a process binds ($(val bind "$out"))" test "$(val bind "$out")" = 0
check "PCI engine: an SVA copy between pages the process wrote, every byte right" \
	test "$(val resident "$out"):$(val resident_wrong "$out")" = "0:0"
check "PCI engine: an SVA fill of never-touched pages ends with a write fault, no page request, nothing written" \
	test "$(val rc "$out"):$(val untouched "$out"):$(val faults "$out"):$(val untouched_wrong "$out")" = \
	"0:$RES_WRITE_FAULT:0:8192"

# The platform engine keeps IOPF by stall: the event queue interrupt is there
pe_find
pe_check_exists
probe=$(echo "$log" | grep -F "${dev##*/}: /dev/pasid-dma" | head -n1)
echo "# pasid-dma: ${probe:-no probe line}"
check "platform engine: probed with IOPF by stall" \
	test -n "$dev" -a -n "$probe" -a -n "$(echo "$probe" | grep ', stall$')"
out=$(job platform unmapped)
stalls=$(val stalls "$out")
check "platform engine: a copy into an unmapped buffer stalls, the IOMMU terminates it" \
	test "$(val rc "$out"):$(val result "$out"):$(val off "$out"):$(val changed "$out")" = \
	"0:$RES_STALL_TERMINATED:100:0" \
	-a "${stalls:-0}" -ge 1
out=$(job platform sva)
faults=$(val faults "$out")
check "platform engine: an SVA fill of never-touched pages, faulted in by stalls (${faults:-no} faults), every byte right" \
	test "$(val rc "$out"):$(val bind "$out"):$(val untouched "$out"):$(val untouched_wrong "$out")" = "0:0:0:0" \
	-a "${faults:-0}" -ge 1
done_testing
