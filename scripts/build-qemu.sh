#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build our qemu-system-aarch64: Debian's QEMU 10.0 source package (with
# Debian's patches), plus qemu/patches/ from this repository, aarch64-softmmu
# only.  The result is cached under $CACHE/qemu/<key>, where the key hashes
# the source version, every project patch and the configure flags, so it is
# built once per machine and rebuilt exactly when one of those changes.
#
# Prints the path of the qemu-system-aarch64 binary on the last line.
. "$(dirname "$0")/lib.sh"

# Pinned; if the suite has moved on, the newest 10.0.x is taken (and the key
# changes with it).
QEMU_VER=${QEMU_VER:-1:10.0.13+ds-0+deb13u1}
QEMU_CONFIGURE=(--target-list=aarch64-softmmu --without-default-features
	--enable-system --enable-tcg --enable-fdt=system --disable-download
	--disable-install-blobs --disable-docs --disable-user --disable-werror
	--python=/usr/bin/python3)

# What we build: the emulator and the qtests the suite runs.
QEMU_TARGETS=(qemu-system-aarch64 tests/qtest/arm-smmuv3-test tests/qtest/arm-smmuv2-test)
series=$TOP/qemu/patches/series
key_of() {
	{
		echo "$1"
		printf '%s\n' "${QEMU_TARGETS[@]}"
		printf '%s\n' "${QEMU_CONFIGURE[@]}"
		if [ -f "$series" ]; then
			grep -v '^#' "$series" | while read -r p; do
				[ -n "$p" ] && sha256sum <"$TOP/qemu/patches/$p"
			done
		fi
	} | hash_stdin
}

key=$(key_of "$QEMU_VER")
out=$CACHE/qemu/$key
if [ -x "$out/qemu-system-aarch64" ]; then
	phase qemu "Debian $QEMU_VER + $(grep -cv '^#' "$series" 2>/dev/null || echo 0) project patches (cache key $key, hit)"
	echo "$out/qemu-system-aarch64"
	exit 0
fi

conf=$(papt_setup qemu amd64 "deb-src @MAIN@ $QEMU_SUITE main" "deb @MAIN@ $QEMU_SUITE main")
papt "$conf" update >/dev/null 2>&1 || die "apt update for $QEMU_SUITE failed (private config $conf)"
avail=$(APT_CONFIG=$conf apt-cache showsrc "$QEMU_SRCPKG" 2>/dev/null | awk '/^Version:/{print $2}' | sort -V | grep '^1:10\.0\.' | tail -n1)
if ! APT_CONFIG=$conf apt-cache showsrc "$QEMU_SRCPKG" | grep -qx "Version: $QEMU_VER"; then
	[ -n "$avail" ] || die "no QEMU 10.0.x source in $QEMU_SUITE"
	phase qemu "pinned $QEMU_VER is gone from $QEMU_SUITE; using $avail"
	QEMU_VER=$avail
	key=$(key_of "$QEMU_VER"); out=$CACHE/qemu/$key
	if [ -x "$out/qemu-system-aarch64" ]; then echo "$out/qemu-system-aarch64"; exit 0; fi
fi
phase qemu "Debian $QEMU_VER + project patches (cache key $key, miss: building)"

# meson >= 1.5 and pycotap come from the same suite as the source.
if ! /usr/bin/python3 -c 'import mesonbuild.coredata as c, sys; sys.exit(tuple(map(int, c.version.split(".")[:2])) < (1, 5))' 2>/dev/null ||
   ! /usr/bin/python3 -c 'import pycotap' 2>/dev/null; then
	phase qemu "installing $QEMU_SUITE's meson and python3-pycotap"
	( cd "$CACHE/apt/qemu/archives" && papt "$conf" download meson python3-pycotap >/dev/null ) ||
		die "cannot download meson/python3-pycotap from $QEMU_SUITE"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		"$CACHE"/apt/qemu/archives/meson_*.deb "$CACHE"/apt/qemu/archives/python3-pycotap_*.deb >/dev/null ||
		die "installing meson/python3-pycotap failed"
fi

heavy_lock
work=$CACHE/qemu/work-$key
rm -rf "$work"; mkdir -p "$work"
phase qemu "fetching source package $QEMU_SRCPKG=$QEMU_VER"
( cd "$work" && papt "$conf" source --download-only "$QEMU_SRCPKG=$QEMU_VER" >fetch.log 2>&1 ) ||
	die "apt-get source failed; log: $work/fetch.log"
# dpkg-source applies Debian's own patches (debian/patches/series).
( cd "$work" && dpkg-source -x ./*.dsc src >>fetch.log 2>&1 ) ||
	die "dpkg-source -x failed; log: $work/fetch.log"
src=$work/src
n=0
if [ -f "$series" ]; then
	while read -r p; do
		case $p in ''|'#'*) continue ;; esac
		patch -d "$src" -p1 --batch --forward <"$TOP/qemu/patches/$p" >>"$work/patch.log" 2>&1 ||
			die "QEMU patch $p does not apply; log: $work/patch.log"
		n=$((n + 1))
	done <"$series"
fi
phase qemu "applied $n project patches; configuring"
mkdir -p "$src/build"
# Objects go through the same ccache as the kernel's, with paths made
# relative to the work directory, so a rebuild after a change to one model
# patch recompiles only what that patch touched (hits are by content).
export CCACHE_DIR=$CACHE/ccache CCACHE_BASEDIR=$work CCACHE_NOHASHDIR=1 CCACHE_COMPRESS=1
ccache -z >/dev/null 2>&1
run_logged qemu "$work/configure.log" sh -c "cd '$src/build' && CC='ccache gcc' ../configure ${QEMU_CONFIGURE[*]}"
phase qemu "building ${QEMU_TARGETS[*]} (about 4 minutes cold on 2 cores, less with ccache hits)"
start=$SECONDS
run_logged qemu "$work/build.log" ninja -C "$src/build" -j"$(nproc)" "${QEMU_TARGETS[@]}"
mkdir -p "$out.tmp"
for t in "${QEMU_TARGETS[@]}"; do
	cp "$src/build/$t" "$out.tmp/" || die "ninja did not produce $t"
done
# QEMU's own checkpatch, for scripts/hygiene.sh to check qemu/patches/ with
cp "$src/scripts/checkpatch.pl" "$out.tmp/qemu-checkpatch.pl"
rm -rf "$out"; mv "$out.tmp" "$out"
echo "$QEMU_VER" >"$out/VERSION"
rm -rf "$work"
hits=$(ccache -s 2>/dev/null | awk -F: '/[Hh]its/{gsub(/ /,"",$2); print $2; exit}')
phase qemu "built in $(fmt_secs $((SECONDS - start))) (ccache hits ${hits:-?})"
echo "$out/qemu-system-aarch64"
