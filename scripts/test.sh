#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The whole test suite, from nothing: host packages, base, series tree,
# kernel, our QEMU, initramfs, boot with the tests inside, the console
# parser's own fixtures, and series hygiene.  Ends with the line
#   N passed, N failed, N skipped
# and exits non-zero on any failure.
#
#   scripts/test.sh [--debug | --both] [--no-hygiene] [--tarball PATH]
#
# --debug runs the VM suite on the debug kernel (lockdep, KASAN, kmemleak,
# DEBUG_ATOMIC_SLEEP) instead of the plain one; --both runs it on each.
. "$(dirname "$0")/lib.sh"

variants=(test); hygiene=1; tarball=()
while [ $# -gt 0 ]; do
	case $1 in
	--debug) variants=(debug) ;;
	--both) variants=(test debug) ;;
	--no-hygiene) hygiene=0 ;;
	--tarball) tarball=("$2"); shift ;;
	-h|--help) sed -n '3,14p' "$0"; exit 0 ;;
	*) die "unknown argument $1 (see --help)" ;;
	esac
	shift
done

T0=$SECONDS
declare -A took
step() { took[$1]=$(( ${took[$1]:-0} + SECONDS - $2 )); }
P=0; F=0; S=0
add() { # "RESULT passed=P failed=F skipped=S" line
	local l=$1
	P=$((P + $(sed -n 's/.*passed=\([0-9]*\).*/\1/p' <<<"$l")))
	F=$((F + $(sed -n 's/.*failed=\([0-9]*\).*/\1/p' <<<"$l")))
	S=$((S + $(sed -n 's/.*skipped=\([0-9]*\).*/\1/p' <<<"$l")))
}
finish() {
	local parts="" k
	for k in deps series qemu qtest kernel initramfs boot boot-smmuv3 boot-smmuv2 boot-smmuv3-edge boot-smmuv3-nopriq parser hygiene; do
		[ -n "${took[$k]:-}" ] && parts+=" $k $(fmt_secs ${took[$k]}),"
	done
	phase elapsed "$(fmt_secs $((SECONDS - T0))) total:${parts%,}"
	echo "$P passed, $F failed, $S skipped"
	[ "$F" -eq 0 ]
	exit $?
}
hard_fail() { # a step that must work for anything to be counted
	F=$((F + 1)); echo "FAIL  $*" >&2; finish
}

# boot_machine MACHINE VARIANT IMAGE [--debug]: boot the kernel on one
# machine of scripts/machine.conf with the run's initramfs, count what the
# console says, prefixed "[VARIANT/MACHINE]".  The SMMUv3 machine runs
# everything; the SMMUv2 one, the SMMUv3 edge one and the SMMUv3 one
# without a PRI queue interrupt the tests marked for them (tests/vm/init), with tighter timeouts.  On failure: the console, the arm-smmu lines of the
# kernel log, how to decode a trace and the QEMU command.
boot_machine() {
	local m=$1 v=$2 img=$3 tag="[$2/$1]" to log res rc t=$SECONDS
	shift 3
	case $m/$v in
	smmuv3/debug) to=2400 ;;
	smmuv3/*) to=900 ;;
	smmuv2/debug) to=1200 ;;
	smmuv2/*) to=450 ;;
	smmuv3-edge/debug) to=900 ;;
	smmuv3-edge/*) to=300 ;;
	smmuv3-nopriq/debug) to=600 ;;
	smmuv3-nopriq/*) to=200 ;;
	esac
	log=$run/console-$v.log; res=$run/result-$v.txt
	[ "$m" = smmuv3 ] || { log=$run/console-$v-$m.log; res=$run/result-$v-$m.txt; }
	bash "$TOP/scripts/boot.sh" --kernel "$img" --initrd "$run/initramfs.cpio.gz" --qemu "$qemu" \
		--log "$log" --mode test --timeout "$to" --machine "$m" "$@"
	rc=$?
	[ $rc -eq 124 ] && echo "$tag boot: TIMEOUT after ${to}s" >&2
	/usr/bin/python3 "$TOP/scripts/parse-console.py" --expect-kunit 1 --machine "$m" "$log" >"$res"
	sed -e '/^RESULT/d' -e "s|^|$tag |" "$res"
	add "$(grep '^RESULT' "$res")"
	if grep -q '^FAIL' "$res"; then
		if [ "$m" = smmuv2 ]; then
			echo "$tag arm-smmu lines of the kernel log:"
			grep -a 'arm-smmu [^ ]*: ' "$log" | head -n 40 | sed "s|^|$tag    |"
		fi
		echo "$tag console: $log"
		echo "$tag decode a trace: scripts/decode_stacktrace.sh build/kbuild-$v/vmlinux build/linux < $log"
		echo "$tag rerun by hand: $(cat "$log.cmd")"
	fi
	phase boot "$tag $(grep '^RESULT' "$res" | cut -d' ' -f2-) in $(fmt_secs $((SECONDS - t))) (QEMU $(fmt_secs "$(cat "$log.secs" 2>/dev/null || echo 0)"))"
	step boot $t
	step "boot-$m" $t
}

t=$SECONDS; bash "$TOP/scripts/deps.sh" || hard_fail "host packages"; step deps $t
t=$SECONDS; bash "$TOP/scripts/series-tree.sh" "${tarball[@]}" || hard_fail "base or series (see the ERROR above)"; step series $t
t=$SECONDS; qemu=$(bash "$TOP/scripts/build-qemu.sh" | tail -n1); [ -x "$qemu" ] || hard_fail "QEMU build"; step qemu $t

run=$BUILD/run-$(date +%Y%m%d-%H%M%S)
mkdir -p "$run"
# keep the last five runs' logs
ls -dt "$BUILD"/run-* 2>/dev/null | tail -n +6 | xargs -r rm -rf

# The QEMU model's own tests (qtests), against the binary we just built.
t=$SECONDS
for q in "$(dirname "$qemu")"/*-test; do
	[ -x "$q" ] || continue
	n=qtest/$(basename "$q")
	QTEST_QEMU_BINARY=$qemu timeout 600 "$q" --tap >"$run/$(basename "$q").tap" 2>&1
	rc=$?
	/usr/bin/python3 "$TOP/scripts/parse-console.py" --tap "$n" --rc $rc "$run/$(basename "$q").tap" >"$run/$(basename "$q").txt"
	grep -v '^RESULT' "$run/$(basename "$q").txt"
	add "$(grep '^RESULT' "$run/$(basename "$q").txt")"
done
step qtest $t

for v in "${variants[@]}"; do
	dbg=(); [ "$v" = debug ] && dbg=(--debug)
	t=$SECONDS
	img=$(bash "$TOP/scripts/build-kernel.sh" "${dbg[@]}" | tail -n1)
	[ -f "$img" ] || hard_fail "kernel build ($v)"
	step kernel $t
	# Each kselftest directory's own "config" must be satisfied by the kernel.
	if [ -f "$TOP/tests/kselftests.list" ]; then
		for d in $(grep -v -e '^#' -e '^$' "$TOP/tests/kselftests.list" | awk '{print $1}' | xargs -r -n1 dirname | sort -u); do
			cf=$LINUX/tools/testing/selftests/$d/config
			[ -f "$cf" ] || continue
			miss=$(grep '^CONFIG_' "$cf" | while read -r l; do grep -qx "$l" "$(dirname "$img")/../../../.config" || echo "$l"; done)
			if [ -z "$miss" ]; then
				P=$((P + 1)); echo "[$v] ok     selftests/$d/config satisfied by the kernel"
			else
				F=$((F + 1)); echo "[$v] FAIL   selftests/$d/config not satisfied: $(echo $miss)"
			fi
		done
	fi
	t=$SECONDS
	bash "$TOP/scripts/mkinitramfs.sh" "$run/initramfs.cpio.gz" || hard_fail "initramfs"
	step initramfs $t
	boot_machine smmuv3 "$v" "$img" "${dbg[@]}"
	boot_machine smmuv2 "$v" "$img" "${dbg[@]}"
	boot_machine smmuv3-edge "$v" "$img" "${dbg[@]}"
	# The no-PRI-interrupt machine: QEMU runs 5 s with the plain kernel,
	# 76-97 s with the debug one (61 s of it with no check at all: boot,
	# KUnit, kmemleak scans of 2 GiB), for one short boot check whose
	# refusal path the debug kernel already takes on the edge machine (the
	# same IOPF refusal, for the event queue interrupt).  Plain kernel only.
	if [ "$v" = debug ]; then
		S=$((S + 1))
		echo "[$v/smmuv3-nopriq] SKIP  boot/42-nopriq-iopf-irq: machine booted on the plain kernel only (scripts/test.sh or --both)"
	else
		boot_machine smmuv3-nopriq "$v" "$img" "${dbg[@]}"
	fi
done

t=$SECONDS
o=$(bash "$TOP/scripts/test-parser.sh"); echo "$o" | grep -v '^RESULT'; add "$(grep '^RESULT' <<<"$o")"
step parser $t

if [ $hygiene -eq 1 ]; then
	t=$SECONDS
	SVA_QEMU=$qemu bash "$TOP/scripts/hygiene.sh" 2>&1 | tee "$run/hygiene.txt" | grep -v '^RESULT'
	r=$(grep '^RESULT' "$run/hygiene.txt"); [ -n "$r" ] || r="RESULT passed=0 failed=1 skipped=0"
	add "$r"
	step hygiene $t
fi
finish
