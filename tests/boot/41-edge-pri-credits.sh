#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# machines: smmuv3-edge
# PRI credits (arm-smmu-v3, arm_smmu_enable_pri()): on the edge machine the
# PRI queue has 4 entries (arm-smmuv3.priqs=2) and five PCI engines have an
# Outstanding Page Request Capacity of 0, 1, 3, 32 and 1 in probe order
# (pri-max-reqs, scripts/machine.conf).  Every function gets at most a
# share of the queue (an eighth, at least 1), and the functions together
# get at most the queue size minus one share, kept for the Stop Markers,
# which need no credit but take an entry each (PCIe PRI, IHI 0070 8.1):
# here 1 each for the three engines that can have it, 3 of 4 entries in
# all.  A function with capacity 0 can send no page request and the last
# engine finds no credit left: both are refused PRI (and IOPF: -ENOSPC)
# with a message that says why.  The allocation checked is the one the
# guest wrote to each PRI capability (Outstanding Page Request
# Allocation; Linux leaves it as it was when it disables PRI, so only
# Enable says whether a function has credits).  Then unbinding the driver of an engine with PRI gives its
# credit back, which the refused engine gets when its driver binds again.
. /tests/tap.sh
. /tests/pci.sh
plan 14

QSIZE=4		# 1 << arm-smmuv3.priqs
SHARE=1		# max(1, QSIZE / 8)
DRV=/sys/bus/pci/drivers/pasid-dma
PCI_PRI_CTRL_ENABLE=0x1

log=$(dmesg)
# pri DEV: "ENABLE CAPACITY ALLOCATION" of DEV's PRI capability
pri() {
	off=$(ext_cap "$1" $PCI_EXT_CAP_PRI) || { echo "- - -"; return; }
	ctrl=$(cfg_u16 "$1" $((off + 4)))
	cap=$(od -An -tu4 -j $((off + 8)) -N4 "$1/config" | tr -d ' ')
	alloc=$(od -An -tu4 -j $((off + 12)) -N4 "$1/config" | tr -d ' ')
	echo "$((ctrl & PCI_PRI_CTRL_ENABLE)) $cap $alloc"
}

engines=
for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/vendor"):$(cat "$d/device")" = "$ENGINE_VENDOR:$ENGINE_DEVICE" ] &&
		engines="$engines $d"
done
n=$(echo $engines | wc -w)
check "five PCI engines ($n)" test "$n" -eq 5

total=0; bad=; zero=; refused=; granted=
for d in $engines; do
	set -- $(pri "$d")
	echo "# ${d##*/}: PRI enable $1, capacity $2, allocation $3"
	[ "$2" = - ] && { bad="$bad ${d##*/}:no-PRI-cap"; continue; }
	total=$((total + $3))
	if [ "$2" -eq 0 ]; then
		zero=$d
	elif [ "$1" -eq 0 ]; then
		refused="$refused $d"
	else
		granted="$granted $d"
		max=$SHARE; [ "$2" -lt $max ] && max=$2
		[ "$3" -ge 1 ] && [ "$3" -le $max ] || bad="$bad ${d##*/}:$3-of-$2"
	fi
	[ "$1" -eq 0 ] && [ "$3" -ne 0 ] && bad="$bad ${d##*/}:allocation-without-enable"
done
check "enabled engines each got 1 to min(capacity, $SHARE) requests${bad:+ (not:$bad)}" \
	test -z "$bad" -a -n "$granted"
check "all functions together: $total of $QSIZE entries, one share kept for Stop Markers" \
	test "$total" -le $((QSIZE - SHARE))
check "every entry but the Stop Marker share is granted ($total = $((QSIZE - SHARE)))" \
	test "$total" -eq $((QSIZE - SHARE))

# The function that can send no page request
zn=${zero##*/}
check "capacity 0: engine ${zn:-none} has PRI disabled, allocation 0" \
	test -n "$zero" -a "$(pri "${zero:-/nonexistent}")" = "0 0 0"
msg=$(echo "$log" | grep -F "$zn: PRI: " | head -n1)
echo "# ${msg:-no message}"
check "capacity 0: the message says the function can send no page request" \
	test -n "$zn" -a -n "$(echo "$msg" | grep 'Capacity is 0, the function can send no page request')"
check "capacity 0: IOPF refused with -ENOSPC" \
	test -n "$zn" -a -n "$(echo "$log" | grep -F "$zn: no I/O page faults (-28)")"

# The function that came after the credits ran out
rn=$(echo $refused | wc -w)
last=$(echo $refused | awk '{print $NF}'); ln=${last##*/}
check "no credit left: exactly one engine refused PRI ($rn: $(echo $refused | xargs -n1 basename 2>/dev/null | xargs))" \
	test "$rn" -eq 1
msg=$(echo "$log" | grep -F "$ln: no PRI queue credit left" | head -n1)
echo "# ${msg:-no message}"
check "no credit left: the message counts the entries granted and kept" \
	test -n "$ln" -a -n "$(echo "$msg" | grep "left: $((QSIZE - SHARE)) of $QSIZE entries granted, $SHARE kept for Stop Markers")"
check "no credit left: IOPF refused with -ENOSPC" \
	test -n "$ln" -a -n "$(echo "$log" | grep -F "$ln: no I/O page faults (-28)")"

# Credits come back: unbind an engine that has PRI, rebind the refused one
donor=$(echo $granted | awk '{print $1}'); dn=${donor##*/}
if [ -n "$donor" ] && [ -n "$last" ]; then
	echo "$dn" >$DRV/unbind
	set -- $(pri "$donor")
	check "donor $dn unbound: its PRI disabled" test "$1" -eq 0
	echo "$ln" >$DRV/unbind
	echo "$ln" >$DRV/bind
	set -- $(pri "$last")
	echo "# $ln rebound: PRI enable $1, capacity $2, allocation $3"
	check "the refused engine $ln gets the donor's credit on rebind" \
		test "$1" -eq 1 -a "$3" -eq 1
	echo "$dn" >$DRV/bind
	set -- $(pri "$donor")
	echo "# $dn rebound: PRI enable $1, capacity $2, allocation $3"
	check "the donor $dn is refused now (no credit left)" test "$1" -eq 0
	check "both engines bound again" test -e "$donor/driver" -a -e "$last/driver"
else
	for c in unbind rebind refused bound; do
		fail "credits come back: $c" "no engine with PRI, or none refused"
	done
fi
done_testing
