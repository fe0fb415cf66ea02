#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The benchmark runner in the VM (sva.mode=bench): runs every
# /bench/rows/*.sh under a timeout and frames its output for
# tests/bench/report.py:
#   @@BENCH info KEY=VALUE...
#   @@BENCH warmup|sample ROW VALUE
#   @@BENCH say ROW TEXT           (anything else the row printed)
#   @@BENCH end ROW rc=N
# plus the "@@SVA run" lines scripts/boot.sh shows as progress.
. /bench/params
echo "@@BENCH info name=$KERNEL_NAME release=$(uname -r) cpus=$(grep -c ^processor /proc/cpuinfo) mem_kb=$(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo) runs=$RUNS warmup=$WARMUP"
echo "@@BENCH info version=$(cat /proc/version)"
for r in /bench/rows/*.sh; do
	id=$(basename "$r" .sh)
	echo "@@SVA run bench/$id"
	timeout 300 sh -c ". /bench/params; . /bench/lib.sh; . $r" </dev/null >/tmp/row.out 2>&1
	rc=$?
	[ $rc -eq 143 ] && echo "error: timed out after 300 s" >>/tmp/row.out
	while IFS= read -r l; do
		case $l in
		warmup\ *|sample\ *) echo "@@BENCH ${l%% *} $id ${l#* }" ;;
		*) echo "@@BENCH say $id $l" ;;
		esac
	done </tmp/row.out
	echo "@@BENCH end $id rc=$rc"
	echo "@@SVA end bench/$id rc=$rc"
done
