#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs after the kselftests (tests/vm/init): nothing the suite made the
# drivers do broke a rule that the strict SMMUv3 model (scripts/machine.conf)
# checks but cannot refuse.
#  - strict-stall: CMD_STALL_TERM while the stream's STE could still stall,
#    or CMD_RESUME of a STAG that CMD_STALL_TERM ended (IHI 0070 4.7.2). The
#    model counts them in its IMPLEMENTATION DEFINED register STRICT_ERRORS
#    (page 0 + 0xe04; STRICT_ID at 0xe00 says the model has it and that
#    strict-stall is on; docs/specs/pasid-dma.rst of our QEMU patches).
#  - pri-resp-delay: page responses reach the engine late; one that arrives
#    for no outstanding group (an old response completing nothing, or a new
#    group with the same index) sets PRI Status.UPRGI at the engine.
. /tests/tap.sh
. /tests/pci.sh
plan 4

STRICT_SIG=0x5354
PCI_PRI_STATUS_UPRGI=0x2

smmu=
for n in /sys/firmware/devicetree/base/smmuv3@*; do
	[ -d "$n" ] && smmu=0x${n##*@}
done
if [ -z "$smmu" ]; then
	for d in "strict-stall on" "no strict-stall errors"; do
		skip "smmuv3: $d" "no SMMUv3 node in the device tree"
	done
elif ! [ -c /dev/mem ]; then
	for d in "strict-stall on" "no strict-stall errors"; do
		fail "smmuv3: $d" "no /dev/mem (CONFIG_DEVMEM)"
	done
else
	id=$(devmem $((smmu + 0xe00)) 32)
	errs=$(devmem $((smmu + 0xe04)) 32)
	echo "# SMMUv3 at $smmu: STRICT_ID $id, STRICT_ERRORS $errs"
	check "smmuv3: strict-stall on (STRICT_ID $id)" \
		test $((id >> 16)) -eq $((STRICT_SIG)) -a $((id & 1)) -eq 1
	check "smmuv3: no strict-stall errors ($((errs)))" test $((errs)) -eq 0
fi

eng=$(find_pci $ENGINE_VENDOR $ENGINE_DEVICE)
off=
[ -n "$eng" ] && off=$(ext_cap "$eng" $PCI_EXT_CAP_PRI)
if [ -z "$off" ]; then
	fail "engine: PRI capability" "no pasid-dma function with PRI"
	fail "engine: no unexpected page response" "no pasid-dma function with PRI"
else
	ok "engine: PRI capability at $off"
	status=$(cfg_u16 "$eng" $((off + 6)))
	echo "# PRI status $(printf 0x%04x "$status")"
	check "engine: no unexpected page response (PRI Status.UPRGI clear)" \
		test $((status & PCI_PRI_STATUS_UPRGI)) -eq 0
fi
done_testing
