#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot a kernel + initramfs on our QEMU (scripts/machine.conf) under a hard
# timeout, console to a log file.
#
#   scripts/boot.sh --kernel IMAGE --initrd CPIO --qemu BIN --log FILE
#                   [--mode test|demo|shell] [--timeout SECS] [--debug]
#                   [--machine smmuv3|smmuv2|smmuv3-edge|smmuv3-nopriq] [--only REGEX]
#
# --only (development) runs only the tests whose name (boot/32-pri,
# kselftest/iommu/sva, ...) matches the extended REGEX (no spaces); the
# built-in KUnit suites still run.
# --machine picks the machine of scripts/machine.conf: smmuv3 (default, the
# SMMUv3 machine), smmuv2 (the SMMUv2 one, *_V2 there), smmuv3-edge
# (the SMMUv3 edge machine, *_EDGE there) or smmuv3-nopriq (the SMMUv3
# without a PRI queue interrupt, *_NOPRIQ there).
# Exit status: QEMU's, or 124 on timeout.  The exact QEMU command is printed
# so a boot can be repeated by hand.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/machine.conf"

mode=test; timeout_s=900; debug=0; kernel=; initrd=; qemu=; logf=; machine=smmuv3; only=
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=$2; shift ;;
	--initrd) initrd=$2; shift ;;
	--qemu) qemu=$2; shift ;;
	--log) logf=$2; shift ;;
	--mode) mode=$2; shift ;;
	--timeout) timeout_s=$2; shift ;;
	--debug) debug=1 ;;
	--machine) machine=$2; shift ;;
	--only) only=$2; shift ;;
	*) die "boot.sh: unknown argument $1" ;;
	esac
	shift
done
[ -f "$kernel" ] || die "no kernel image '$kernel'"
[ -f "$initrd" ] || die "no initramfs '$initrd'"
[ -x "$qemu" ] || die "no QEMU binary '$qemu'"
[ -n "$logf" ] || die "no --log"
case $machine in
smmuv3) ;;
smmuv2)
	QEMU_MACHINE=$QEMU_MACHINE_V2
	KERNEL_CMDLINE=$KERNEL_CMDLINE_V2
	QEMU_DEVICES=$QEMU_DEVICES_V2
	;;
smmuv3-edge)
	QEMU_MACHINE=$QEMU_MACHINE_EDGE
	KERNEL_CMDLINE=$KERNEL_CMDLINE_EDGE
	QEMU_DEVICES=$QEMU_DEVICES_EDGE
	;;
smmuv3-nopriq)
	QEMU_MACHINE=$QEMU_MACHINE_NOPRIQ
	KERNEL_CMDLINE=$KERNEL_CMDLINE_NOPRIQ
	QEMU_DEVICES=$QEMU_DEVICES_NOPRIQ
	;;
*) die "boot.sh: unknown machine '$machine' (smmuv3, smmuv2, smmuv3-edge or smmuv3-nopriq)" ;;
esac
kernel=$(realpath "$kernel"); initrd=$(realpath "$initrd"); logf=$(realpath -m "$logf")

# The pattern disk: 8 MiB, every 512-byte sector stamped with its number.
# One per console log: the VM writes to it, so boots must not share one.
disk=${logf%.log}.disk.img
/usr/bin/python3 - "$disk" <<'PY' || die "cannot make the pattern disk"
import sys, struct
with open(sys.argv[1], "wb") as f:
    for s in range(8 * 2048):
        f.write(struct.pack("<Q", s) + bytes(((s * 7 + i) & 0xff) for i in range(504)))
PY
sha=$(sha256sum "$disk" | cut -d' ' -f1)

mem=$QEMU_MEM_MB; [ $debug -eq 1 ] && mem=$QEMU_MEM_MB_DEBUG
cmd=("$qemu" -M "$QEMU_MACHINE" -cpu "$QEMU_CPU" -smp "$QEMU_SMP" -m "$mem"
	-accel tcg,thread=multi -nographic -no-reboot -nic none
	-kernel "$kernel" -initrd "$initrd"
	-append "$KERNEL_CMDLINE sva.mode=$mode sva.disk_sha=$sha${only:+ sva.only=$only}"
	${QEMU_DEVICES//@DISK@/$disk})
if [ "$mode" != shell ]; then
	keep=()
	for a in "${cmd[@]}"; do [ "$a" = -nographic ] || keep+=("$a"); done
	cmd=("${keep[@]}" -serial "file:$logf" -monitor none -display none)
fi
printf 'qemu command: %s\n' "${cmd[*]}" >"$logf.cmd"
phase boot "$(printf '%q ' "${cmd[@]}" | cut -c1-400)"
phase boot "console: $logf ($machine machine, timeout ${timeout_s}s)"
if [ "$mode" = shell ]; then
	"${cmd[@]}"; exit $?
fi
: >"$logf"
heavy_lock
start=$SECONDS
timeout --foreground -k 10 "$timeout_s" "${cmd[@]}" </dev/null >"$logf.qemu" 2>&1 &
pid=$!
last=""
while kill -0 $pid 2>/dev/null; do
	sleep 5
	# progress: the newest test frame or the boot stage
	cur=$(grep -a '^@@SVA run ' "$logf" 2>/dev/null | tail -n1 | cut -c11-)
	[ -n "$cur" ] || cur=$(grep -ac 'ok [0-9]' "$logf" 2>/dev/null | sed 's/$/ TAP lines/')
	if [ "$cur" != "$last" ] || (( (SECONDS - start) % 60 < 5 )); then
		phase boot "... $(fmt_secs $((SECONDS - start))) $cur"; last=$cur
	fi
done
wait $pid; rc=$?
[ -s "$logf.qemu" ] && sed 's/^/    qemu: /' "$logf.qemu" | head -n 20
phase boot "QEMU exited ($rc) after $(fmt_secs $((SECONDS - start)))"
echo $((SECONDS - start)) >"$logf.secs"
exit $rc
