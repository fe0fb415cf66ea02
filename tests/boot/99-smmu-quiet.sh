#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# After everything above, the SMMU reported no event and no global error:
# ordinary DMA never faulted.
. /tests/tap.sh
plan 2
ev=$(dmesg | grep -c 'arm-smmu-v3.*event 0x')
check "smmuv3: no event records logged ($ev)" test "$ev" -eq 0
ge=$(dmesg | grep -c 'arm-smmu-v3.*GERROR\|unexpected global error')
check "smmuv3: no global errors ($ge)" test "$ge" -eq 0
done_testing
