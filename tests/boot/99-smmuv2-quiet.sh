#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# machines: smmuv2
# After the boot checks above (and before any kselftest that faults on
# purpose), the SMMUv2 reported no context fault and no global fault:
# ordinary DMA through the default domains never faulted, and no stream
# went unmatched.  Also no TLB sync timeout, which would mean the driver
# waited on maintenance the SMMU never completed.
. /tests/tap.sh
plan 3
log=$(dmesg | grep 'arm-smmu [^ ]*: ')
cf=$(printf '%s\n' "$log" | grep -c 'context fault')
printf '%s\n' "$log" | grep 'context fault' | head -n 5 | sed 's/^/# /'
check "arm-smmu: no context faults logged ($cf)" test "$cf" -eq 0
gf=$(printf '%s\n' "$log" | grep -c 'global fault, \|Blocked unknown Stream ID\|GFSR 0x')
printf '%s\n' "$log" | grep 'global fault, \|Blocked unknown Stream ID\|GFSR 0x' | head -n 5 | sed 's/^/# /'
check "arm-smmu: no global faults logged ($gf)" test "$gf" -eq 0
ts=$(printf '%s\n' "$log" | grep -c 'TLB sync timed out')
check "arm-smmu: no TLB sync timeouts ($ts)" test "$ts" -eq 0
done_testing
