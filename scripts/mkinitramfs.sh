#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Make the initramfs the VM boots: Debian's arm64 busybox-static, our /init
# (tests/vm/init), the boot checks (tests/boot/) and the kselftest binaries
# built from build/linux (tests/kselftests.list names them), and
# /tests/machines: the machines (scripts/machine.conf: smmuv3, smmuv2,
# smmuv3-edge, smmuv3-nopriq) each test runs on, from the "# machines:
# smmuv3 smmuv2" line of a boot check and the words after the binary in
# tests/kselftests.list.  /init runs a test it does not name on smmuv3
# only.  /tests/bin/engine-job (tests/vm/engine-job.c) runs engine jobs
# for the boot checks.
#
#   scripts/mkinitramfs.sh [--no-tests] [--extra DIR] OUT.cpio.gz
#
# --no-tests leaves the boot checks and kselftests out; --extra DIR adds
# the files under DIR at the same paths in the root (scripts/bench.sh puts
# its /bench there).
. "$(dirname "$0")/lib.sh"

tests=1; extra=
while [ $# -gt 1 ]; do
	case $1 in
	--no-tests) tests=0 ;;
	--extra) extra=$(realpath "$2"); [ -d "$extra" ] || die "--extra $2: not a directory"; shift ;;
	*) die "mkinitramfs.sh: unknown argument $1" ;;
	esac
	shift
done
out=$(realpath -m "${1:?usage: mkinitramfs.sh [--no-tests] [--extra DIR] OUT.cpio.gz}")
BB_SUITE=bookworm

bbdir=$CACHE/busybox
if [ ! -x "$bbdir/bin/busybox" ]; then
	conf=$(papt_setup busybox arm64 "deb @MAIN@ $BB_SUITE main")
	papt "$conf" update >/dev/null 2>&1 || die "apt update ($BB_SUITE, arm64) failed"
	dl=$CACHE/apt/busybox/dl; rm -rf "$dl"; mkdir -p "$dl"
	( cd "$dl" && papt "$conf" download busybox-static >/dev/null 2>&1 ) ||
		die "cannot download arm64 busybox-static from $BB_SUITE"
	rm -rf "$bbdir.tmp"; dpkg-deb -x "$dl"/busybox-static_*.deb "$bbdir.tmp" || die "cannot unpack busybox-static"
	rm -rf "$bbdir"; mv "$bbdir.tmp" "$bbdir"; rm -rf "$dl"
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,run,etc,root,tests/boot,tests/kselftest}
cp "$bbdir/bin/busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 0755 "$TOP/tests/vm/init" "$root/init"
[ $tests -eq 1 ] && install -m 0755 "$TOP"/tests/boot/*.sh "$root/tests/boot/"
: >"$root/tests/machines"
if [ $tests -eq 1 ]; then
	for t in "$TOP"/tests/boot/[0-9]*.sh; do
		m=$(sed -n 's/^# machines: *//p' "$t" | head -n1)
		[ -n "$m" ] && echo "boot/$(basename "$t" .sh) $m" >>"$root/tests/machines"
	done
fi
install -m 0644 "$TOP/tests/vm/tap.sh" "$root/tests/tap.sh"
install -m 0644 "$TOP/tests/vm/pci.sh" "$root/tests/pci.sh"
install -m 0644 "$TOP/tests/vm/platform-engine.sh" "$root/tests/platform-engine.sh"
# /tests/bin/engine-job: engine jobs for the boot checks (tests/vm/engine-job.c),
# static, against the series' uAPI header
if [ $tests -eq 1 ]; then
	mkdir -p "$root/tests/bin" "$root/tmp/inc/linux"
	cp "$LINUX/include/uapi/linux/pasid_dma.h" "$root/tmp/inc/linux/" ||
		die "no include/uapi/linux/pasid_dma.h in $LINUX"
	aarch64-linux-gnu-gcc -static -O2 -Wall -Werror -I"$root/tmp/inc" \
		-o "$root/tests/bin/engine-job" "$TOP/tests/vm/engine-job.c" ||
		die "building tests/vm/engine-job.c failed"
	rm -rf "$root/tmp/inc"
fi

# kselftest binaries: "dir/binary [machine...]" lines relative to
# tools/testing/selftests
nks=0
if [ $tests -eq 1 ] && [ -f "$TOP/tests/kselftests.list" ]; then
	while read -r t m; do
		case $t in ''|'#'*) continue ;; esac
		d=${t%/*}
		[ -n "$m" ] && echo "kselftest/$t $m" >>"$root/tests/machines"
		make -s -C "$LINUX/tools/testing/selftests/$d" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
			CC=aarch64-linux-gnu-gcc LDFLAGS=-static OUTPUT="$BUILD/kselftest/$d" \
			>"$BUILD/kselftest-$d.log" 2>&1 || die "building kselftest $d failed; log: $BUILD/kselftest-$d.log"
		mkdir -p "$root/tests/kselftest/$d"
		cp "$BUILD/kselftest/$t" "$root/tests/kselftest/$d/" || die "kselftest $t was not built"
		[ -f "$LINUX/tools/testing/selftests/$d/settings" ] &&
			cp "$LINUX/tools/testing/selftests/$d/settings" "$root/tests/kselftest/$d/"
		nks=$((nks + 1))
	done <"$TOP/tests/kselftests.list"
fi
[ -n "$extra" ] && { cp -a "$extra"/. "$root"/ || die "cannot copy $extra"; }
( cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --reproducible --quiet -R 0:0 | gzip -n -1 >"$out" ) ||
	die "cpio failed"
phase initramfs "busybox + $(ls "$root"/tests/boot/ | wc -l) boot checks + $nks kselftest binaries ($(( $(stat -c %s "$out") / 1024 )) KiB)"
