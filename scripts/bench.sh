#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Benchmarks: the series kernel against the unpatched base, and against each
# benchmark's own reference, on the same QEMU binary and machine.
#
#   scripts/bench.sh [--runs N] [--warmup N] [--only REGEX] [--out DIR]
#
# Builds (through the same caches as scripts/test.sh: ccache and the QEMU
# cache) two kernels from the same configuration: config/base.config +
# config/test.config + tests/bench/bench.config, for the base (tag sva-base
# of build/linux, checked out as the worktree build/base/linux) minus every
# option the base's Kconfig does not define.  Builds the benchmark module
# (tests/bench/module) against each, the in-VM tools (tests/bench/tools),
# boots each kernel on scripts/machine.conf's machine and runs the rows of
# tests/bench/rows/ inside it.  Prints a table per row, writes
# build/bench/<run>/results.{csv,json}, bench.png (the distributions) and
# the recorded versions and configs; build/bench/latest points at the run.
#
# --runs N       measured samples per row (default 15), after
# --warmup N     discarded warm-up samples (default 2)
# --only REGEX   only the rows whose file name matches (references are kept)
. "$(dirname "$0")/lib.sh"

runs=15; warmup=2; only=; outdir=
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--warmup) warmup=$2; shift ;;
	--only) only=$2; shift ;;
	--out) outdir=$2; shift ;;
	-h|--help) sed -n '3,22p' "$0"; exit 0 ;;
	*) die "unknown argument $1 (see --help)" ;;
	esac
	shift
done
[[ $runs =~ ^[0-9]+$ && $runs -ge 3 ]] || die "--runs must be 3 or more"
[[ $warmup =~ ^[0-9]+$ ]] || die "--warmup must be a number"

T0=$SECONDS
BENCH=$TOP/tests/bench
run=${outdir:-$BUILD/bench/run-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$run"
ln -sfn "$(realpath "$run")" "$BUILD/bench/latest"
ls -dt "$BUILD"/bench/run-* 2>/dev/null | tail -n +6 | xargs -r rm -rf
NSTEP=8
step() { phase "[$1/$NSTEP] $2" "${@:3}"; }

# --- host packages, series tree, QEMU ---------------------------------
step 1 deps "host packages (+ python3-matplotlib for the plot)"
bash "$TOP/scripts/deps.sh" python3-matplotlib || die "host packages"
step 2 series "build/linux from patches/"
bash "$TOP/scripts/series-tree.sh" || die "series tree (see the ERROR above)"
step 3 qemu "our QEMU (cached by content)"
qemu=$(bash "$TOP/scripts/build-qemu.sh" | tail -n1)
[ -x "$qemu" ] || die "QEMU build"

# --- the base tree: a worktree of build/linux at sva-base ----------------
BASEB=$BUILD/base
base_sha=$(git -C "$LINUX" rev-parse 'sva-base^{commit}') || die "build/linux has no tag sva-base"
if [ "$(git -C "$BASEB/linux" rev-parse HEAD 2>/dev/null)" != "$base_sha" ] ||
   [ -n "$(git -C "$BASEB/linux" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	step 4 base "checking out sva-base into ${BASEB#$TOP/}/linux"
	rm -rf "$BASEB/linux"
	git -C "$LINUX" worktree prune
	git -C "$LINUX" worktree add -q --detach "$BASEB/linux" "$base_sha" || die "git worktree add failed"
else
	step 4 base "${BASEB#$TOP/}/linux at sva-base $(git -C "$LINUX" describe --always "$base_sha")"
fi

# --- configurations ------------------------------------------------------
# The series kernel: base + test + bench fragments.  The base kernel: the
# same lines minus those whose symbol no Kconfig file of the base defines
# (what the series adds); each dropped line is recorded.
cfgdir=$run/config; mkdir -p "$cfgdir"
cat "$TOP/config/base.config" "$TOP/config/test.config" "$BENCH/bench.config" >"$cfgdir/bench-series.config"
grep -rhoE --include='Kconfig*' '^[[:space:]]*(menu)?config[[:space:]]+[A-Za-z0-9_]+' "$BASEB/linux" |
	awk '{print "CONFIG_" $2}' | sort -u >"$cfgdir/base-symbols.txt"
: >"$cfgdir/bench-base.config"; : >"$cfgdir/dropped-for-base.txt"
while IFS= read -r line; do
	case $line in
	CONFIG_*=*) sym=${line%%=*} ;;
	'# CONFIG_'*' is not set') sym=${line#\# }; sym=${sym%% *} ;;
	*) echo "$line" >>"$cfgdir/bench-base.config"; continue ;;
	esac
	if grep -qx "$sym" "$cfgdir/base-symbols.txt"; then
		echo "$line" >>"$cfgdir/bench-base.config"
	else
		echo "$line" >>"$cfgdir/dropped-for-base.txt"
	fi
done <"$cfgdir/bench-series.config"
step 5 config "series: base+test+bench fragments; base: the same minus $(wc -l <"$cfgdir/dropped-for-base.txt") options it lacks: $(sed 's/=.*//' "$cfgdir/dropped-for-base.txt" | tr '\n' ' ')"

# --- kernels, module, tools, initramfs ----------------------------------
# kernel NAME: build dir for NAME (series or base)
kbuild() { if [ "$1" = base ]; then echo "$BASEB"; else echo "$BUILD"; fi; }
export CCACHE_DIR=$CACHE/ccache CCACHE_NOHASHDIR=1 CCACHE_COMPRESS=1
# As scripts/build-kernel.sh, so that "make modules" does not relink vmlinux
export KBUILD_BUILD_USER=sva KBUILD_BUILD_HOST=series KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'
# The machine lock is taken once, for all the builds and both boots (so
# that both kernels are measured in one window with no build beside them;
# the builds are ccache hits once warm); the scripts called meanwhile take
# a private lock instead of waiting for the one this script holds.
MACHINE_LOCK=${SVA_LOCK:-${XDG_CACHE_HOME:-$HOME/.cache}/sva-series/heavy.lock}
lock_machine() { SVA_LOCK=$MACHINE_LOCK heavy_lock; export SVA_LOCK=$run/.held.lock; }
unlock_machine() { flock -u 9; exec 9>&-; export SVA_LOCK=$MACHINE_LOCK; }
lock_machine
# The in-VM tools: static aarch64 binaries, the engine's uAPI header from
# the series (the base kernel has no engine driver; those rows skip there).
tools=$run/tools; mkdir -p "$tools/bin" "$tools/inc/linux"
cp "$LINUX/include/uapi/linux/pasid_dma.h" "$tools/inc/linux/" || die "no pasid_dma.h in build/linux"
for c in "$BENCH"/tools/*.c; do
	aarch64-linux-gnu-gcc -static -O2 -Wall -Werror -I"$tools/inc" -o "$tools/bin/$(basename "$c" .c)" "$c" \
		2>"$tools/$(basename "$c" .c).log" || { cat "$tools/$(basename "$c" .c).log" >&2; die "building $c failed"; }
done
for k in base series; do
	b=$(kbuild $k)
	step 6 kernel "$k: $(git -C "$b/linux" describe --always --tags HEAD)"
	img=$(SVA_BUILD=$b bash "$TOP/scripts/build-kernel.sh" --variant bench \
		--fragment "$cfgdir/bench-$k.config" | tail -n1)
	[ -f "$img" ] || die "$k kernel build failed"
	out=$b/kbuild-bench
	cp "$out/.config" "$cfgdir/$k.config"
	# Module.symvers for the external module: modpost over vmlinux.
	MK=(make -C "$b/linux" O="$out" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
		CC="ccache aarch64-linux-gnu-gcc" -j2)
	( cd "$out" && CCACHE_BASEDIR=$b "${MK[@]}" modules >"$out/modules.log" 2>&1 ) ||
		{ tail -n 20 "$out/modules.log" >&2; die "$k: make modules failed; log: $out/modules.log"; }
	md=$run/module-$k; rm -rf "$md"; cp -r "$BENCH/module" "$md"
	( CCACHE_BASEDIR=$b "${MK[@]}" M="$md" modules >"$md/build.log" 2>&1 ) ||
		{ tail -n 30 "$md/build.log" >&2; die "$k: the benchmark module did not build; log: $md/build.log"; }
	phase kernel "$k: sva_bench.ko built against it"
	# The initramfs: no boot checks or kselftests, /bench instead.
	x=$run/root-$k; rm -rf "$x"; mkdir -p "$x/bench/rows" "$x/bench/bin"
	cp "$md/sva_bench.ko" "$x/bench/"
	cp "$tools"/bin/* "$x/bench/bin/"
	install -m 0644 "$BENCH/vm/lib.sh" "$x/bench/lib.sh"
	install -m 0755 "$BENCH/vm/run.sh" "$x/bench/run.sh"
	printf 'RUNS=%s\nWARMUP=%s\nKERNEL_NAME=%s\n' "$runs" "$warmup" "$k" >"$x/bench/params"
	for r in "$BENCH"/rows/*.sh; do
		ks=$(sed -n 's/^# kernels: *//p' "$r"); ks=${ks:-base series}
		[[ " $ks " == *" $k "* ]] || continue
		if [ -n "$only" ] && ! [[ $(basename "$r") =~ $only ]]; then
			# keep the row if a selected row uses it as its reference
			id=$(basename "$r" .sh); used=0
			for o in "$BENCH"/rows/*.sh; do
				[[ $(basename "$o") =~ $only ]] && grep -qx "# ref: $id" "$o" && used=1
			done
			[ $used -eq 1 ] || continue
		fi
		install -m 0644 "$r" "$x/bench/rows/"
	done
	SVA_BUILD=$b bash "$TOP/scripts/mkinitramfs.sh" --no-tests --extra "$x" "$run/initramfs-$k.cpio.gz" ||
		die "$k: initramfs"
	echo "$img" >"$run/image-$k"
done

# --- boots ---------------------------------------------------------------
. "$TOP/scripts/machine.conf"
for k in base series; do
	step 7 boot "$k kernel, $(ls "$run/root-$k/bench/rows" | wc -l) rows x ($warmup warm-up + $runs runs)"
	bash "$TOP/scripts/boot.sh" --kernel "$(cat "$run/image-$k")" --initrd "$run/initramfs-$k.cpio.gz" \
		--qemu "$qemu" --log "$run/console-$k.log" --mode bench --timeout 1200
	rc=$?
	[ $rc -eq 124 ] && phase boot "$k: TIMEOUT; the rows it did not finish are reported as failed"
	[ $rc -ne 0 ] && [ $rc -ne 124 ] && phase boot "$k: QEMU exited with $rc"
done
unlock_machine

# --- what was measured on what -------------------------------------------
{
	echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "qemu: $qemu"
	echo "qemu version: $("$qemu" --version | head -n1)"
	echo "qemu patches: $(grep -vc -e '^#' -e '^$' "$TOP/qemu/patches/series" 2>/dev/null)"
	echo "machine: $QEMU_MACHINE cpu $QEMU_CPU smp $QEMU_SMP mem ${QEMU_MEM_MB}M accel tcg,thread=multi"
	echo "series: $(git -C "$LINUX" describe --always --tags HEAD) ($(git -C "$LINUX" rev-list --count sva-base..HEAD) patches on sva-base)"
	echo "base: $(git -C "$BASEB/linux" describe --always --tags HEAD)"
	echo "repo: $(git -C "$TOP" describe --always --dirty)"
	echo "host: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "runs: $runs measured after $warmup warm-up samples per row"
	echo "config dropped for base: $(sed 's/=.*//' "$cfgdir/dropped-for-base.txt" | tr '\n' ' ')"
	echo "config diff (base -> series, generated .config):"
	diff <(grep '^CONFIG' "$cfgdir/base.config" | sort) <(grep '^CONFIG' "$cfgdir/series.config" | sort) |
		grep '^[<>]' | sed 's/^/  /'
} >"$run/versions.txt"

step 8 report "tables, results.csv/json, bench.png"
/usr/bin/python3 "$BENCH/report.py" --rows "$BENCH/rows" --run "$run" \
	--console base="$run/console-base.log" --console series="$run/console-series.log"
rc=$?
phase elapsed "$(fmt_secs $((SECONDS - T0))) total; results in ${run#$TOP/}"
exit $rc
