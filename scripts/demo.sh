#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the patched kernel and our QEMU, boot it, and show the system
# working: the SMMUv3, the IOMMU groups, DMA through them, a process
# bound to the engine (SVA) and an mdev doing DMA through its aux domain.
#
#   scripts/demo.sh [--debug] [--shell] [--tarball PATH]
#
# --shell boots to an interactive busybox shell instead (exit it, or
# Ctrl-A X, to leave QEMU).
. "$(dirname "$0")/lib.sh"

dbg=(); mode=demo; tarball=()
while [ $# -gt 0 ]; do
	case $1 in
	--debug) dbg=(--debug) ;;
	--shell) mode=shell ;;
	--tarball) tarball=("$2"); shift ;;
	-h|--help) sed -n '3,10p' "$0"; exit 0 ;;
	*) die "unknown argument $1 (see --help)" ;;
	esac
	shift
done
bash "$TOP/scripts/deps.sh" || exit 1
bash "$TOP/scripts/series-tree.sh" "${tarball[@]}" || exit 1
qemu=$(bash "$TOP/scripts/build-qemu.sh" | tail -n1); [ -x "$qemu" ] || exit 1
img=$(bash "$TOP/scripts/build-kernel.sh" "${dbg[@]}" | tail -n1); [ -f "$img" ] || exit 1
run=$BUILD/demo
mkdir -p "$run"
# The SVA part of the demo: a static tool with the engine's uAPI header;
# the mdev part: a static VFIO user (tests/vm/mdev-demo.c)
extra=$run/extra; rm -rf "$extra"; mkdir -p "$extra/bin" "$run/inc/linux"
cp "$LINUX/include/uapi/linux/pasid_dma.h" "$run/inc/linux/" || die "no pasid_dma.h in build/linux"
aarch64-linux-gnu-gcc -static -O2 -Wall -Werror -I"$run/inc" -o "$extra/bin/sva-demo" \
	"$TOP/tests/vm/sva-demo.c" || die "building tests/vm/sva-demo.c failed"
aarch64-linux-gnu-gcc -static -O2 -Wall -Werror -o "$extra/bin/mdev-demo" \
	"$TOP/tests/vm/mdev-demo.c" || die "building tests/vm/mdev-demo.c failed"
bash "$TOP/scripts/mkinitramfs.sh" --extra "$extra" "$run/initramfs.cpio.gz" || exit 1
bash "$TOP/scripts/boot.sh" --kernel "$img" --initrd "$run/initramfs.cpio.gz" --qemu "$qemu" \
	--log "$run/console.log" --mode "$mode" --timeout 600 "${dbg[@]}"
rc=$?
[ "$mode" = shell ] && exit $rc
# Show what the demo printed inside the VM.
sed -n '/^@@SVA run demo/,/^@@SVA end demo/p' "$run/console.log" | sed '1d;$d'
if grep -q '^not ok' "$run/console.log" || ! grep -q '^@@SVA end demo rc=0' "$run/console.log" ||
	! grep -q '^mdev demo: OK' "$run/console.log"; then
	phase demo "FAILED; console: $run/console.log"
	tail -n 40 "$run/console.log" >&2
	exit 1
fi
phase demo "OK (console: $run/console.log)"
