# SPDX-License-Identifier: GPL-2.0
# Helpers for the benchmark rows (tests/bench/rows/*.sh), sourced in the VM
# by /bench/run.sh.  Each prints "warmup V" for the first $WARMUP samples,
# "sample V" for the next $RUNS (V: nanoseconds per operation), or
# "error: why" and returns non-zero.
D=/sys/kernel/debug/sva_bench

engine_bdf() { # the PCI engine (1234:11e9)
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x11e9 ] &&
			{ basename "$d"; return 0; }
	done
	return 1
}

# The benchmark module drives the PCI engine: take it from pasid-dma.
kmod_ready() {
	[ -d $D ] && return 0
	bdf=$(engine_bdf) || { echo "error: no PCI PASID engine (1234:11e9) in this VM"; return 1; }
	if [ -e "/sys/bus/pci/devices/$bdf/driver" ]; then
		echo "$bdf" >"/sys/bus/pci/devices/$bdf/driver/unbind" ||
			{ echo "error: cannot unbind $bdf from its driver"; return 1; }
	fi
	insmod /bench/sva_bench.ko || { echo "error: insmod sva_bench.ko failed"; return 1; }
	[ -e /sys/bus/pci/drivers/sva_bench/"$bdf" ] ||
		{ echo "error: sva_bench did not bind to $bdf"; return 1; }
}

# The engine rows need the series' pasid-dma driver back on it.
engine_ready() {
	if [ -d /sys/module/sva_bench ]; then
		rmmod sva_bench || { echo "error: rmmod sva_bench failed"; return 1; }
	fi
	[ -d /sys/bus/pci/drivers/pasid-dma ] ||
		{ echo "error: no pasid-dma driver in this kernel"; return 1; }
	bdf=$(engine_bdf) || { echo "error: no PCI PASID engine in this VM"; return 1; }
	[ -e "/sys/bus/pci/devices/$bdf/driver" ] || echo "$bdf" >/sys/bus/pci/drivers/pasid-dma/bind
}

# kmod NAME ARG ITERS: one sample = the module's mean over ITERS operations
kmod() {
	kmod_ready || return 1
	i=0
	while [ $i -lt $((WARMUP + RUNS)) ]; do
		if ! echo "$1 $2 $3" 2>/dev/null >$D/run; then
			echo "error: sva_bench $1: $(sed 's/^error: //' $D/run)"
			return 1
		fi
		if [ $i -lt "$WARMUP" ]; then echo "warmup $(cat $D/run)"; else echo "sample $(cat $D/run)"; fi
		i=$((i + 1))
	done
}

# pdma pci|platform copy|fault LENGTH: one sample = one engine job
pdma() {
	engine_ready || return 1
	/bench/bin/pdma "$@" "$WARMUP" "$RUNS"
}

# blkread seq|rand READS: one sample = the mean of READS O_DIRECT 4 KiB reads
blkread() {
	[ -b /dev/vda ] || { echo "error: no /dev/vda (the pattern disk)"; return 1; }
	/bench/bin/blkread "$1" /dev/vda "$2" "$WARMUP" "$RUNS"
}

# svab pci|platform MODE LENGTH: Shared Virtual Addressing costs (tools/svab.c);
# cpufault and the unbound munmap (LENGTH 0) need no engine
svab() {
	case "$2 $3" in
	cpufault\ *|munmap\ 0) ;;
	*) engine_ready || return 1 ;;
	esac
	/bench/bin/svab "$@" "$WARMUP" "$RUNS"
}

# mdevb poll|eventfd LENGTH: one sample = one copy job of a VFIO mdev of the
# PCI engine, written in its mmap'ed job page (tools/mdevb.c)
mdevb() {
	engine_ready || return 1
	/bench/bin/mdevb "$@" "$WARMUP" "$RUNS"
}
