#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the arm64 kernel from build/linux.
#
#   scripts/build-kernel.sh [--debug] [--variant NAME --fragment FILE...]
#
# Config: allnoconfig + config/base.config + config/test.config (+
# config/debug.config with --debug).  --variant NAME with one or more
# --fragment FILE builds from those fragments instead, into
# build/kbuild-NAME (scripts/bench.sh uses it; SVA_BUILD=DIR builds the tree
# DIR/linux into DIR/kbuild-NAME).  Objects go to build/kbuild-<variant>;
# it is reconfigured only when the merged fragments' hash changes.  Compiles
# go through ccache ($CACHE/ccache, paths made relative so a fresh clone
# hits).  Prints the Image path on the last line.
. "$(dirname "$0")/lib.sh"

variant=test
frags=(base test)
frag_files=()
while [ $# -gt 0 ]; do
	case $1 in
	--debug) variant=debug; frags=(base test debug) ;;
	--variant) variant=$2; shift ;;
	--fragment) [ -f "$2" ] || die "no config fragment '$2'"; frag_files+=("$(realpath "$2")"); shift ;;
	*) die "build-kernel.sh: unknown argument $1" ;;
	esac
	shift
done
if [ ${#frag_files[@]} -gt 0 ]; then
	frags=(); for f in "${frag_files[@]}"; do frags+=("$(basename "$f" .config)"); done
else
	for f in "${frags[@]}"; do frag_files+=("$TOP/config/$f.config"); done
fi
[ -e "$LINUX/.git" ] || die "no build/linux; run scripts/series-tree.sh"

out=$BUILD/kbuild-$variant
mkdir -p "$out"
export CCACHE_DIR=$CACHE/ccache CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1 CCACHE_COMPRESS=1
export KBUILD_BUILD_USER=sva KBUILD_BUILD_HOST=series KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'
MAKE=(make -C "$LINUX" O="$out" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
	CC="ccache aarch64-linux-gnu-gcc" -j"$(nproc)")

# SVA_EXTRA_CONFIG: more fragments (paths), for trying options out of tree.
for f in ${SVA_EXTRA_CONFIG:-}; do
	[ -f "$f" ] || die "SVA_EXTRA_CONFIG names $f, which does not exist"
	frag_files+=("$f")
done
want=$(cat "${frag_files[@]}" | hash_stdin)
heavy_lock
if [ ! -f "$out/.config" ] || [ "$(cat "$out/.fragment-hash" 2>/dev/null)" != "$want" ]; then
	phase kernel "configuring $variant: allnoconfig + ${frags[*]/%/.config}"
	rm -f "$out/.fragment-hash"
	"${MAKE[@]}" allnoconfig >"$out/config.log" 2>&1 || die "allnoconfig failed; log: $out/config.log"
	( cd "$out" && "$LINUX/scripts/kconfig/merge_config.sh" -m -O "$out" .config "${frag_files[@]}" ) \
		>>"$out/config.log" 2>&1 || die "merge_config failed; log: $out/config.log"
	"${MAKE[@]}" olddefconfig >>"$out/config.log" 2>&1 || die "olddefconfig failed; log: $out/config.log"
	# Name every requested option that did not stick.
	bad=0
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*) sym=${line%%=*} ;;
		'# CONFIG_'*' is not set') sym=${line#\# }; sym=${sym%% *} ;;
		*) continue ;;
		esac
		got=$(grep -E "^(# )?$sym[= ]" "$out/.config" || true)
		[ -z "$got" ] && got="# $sym is not set"
		if [ "$got" != "$line" ]; then
			echo "    requested: $line    got: $got (probably unsatisfied dependencies)" >&2
			bad=1
		fi
	done < <(cat "${frag_files[@]}")
	[ $bad -eq 0 ] || die "config fragment options did not stick (see above)"
	echo "$want" >"$out/.fragment-hash"
fi

phase kernel "arm64 $variant (allnoconfig+${frags[*]}) ccache -> ${out#$TOP/}"
start=$SECONDS
ccache -z >/dev/null 2>&1
run_logged kernel "$out/build.log" "${MAKE[@]}" Image
hits=$(ccache -s 2>/dev/null | awk -F: '/[Hh]its/{gsub(/ /,"",$2); print $2; exit}')
phase kernel "done in $(fmt_secs $((SECONDS - start))) (Image $(( $(stat -c %s "$out/arch/arm64/boot/Image") / 1048576 )) MiB, ccache hits ${hits:-?})"
echo "$out/arch/arm64/boot/Image"
