#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Make build/qemu, a git work tree for the QEMU model: Debian's QEMU source
# (with Debian's patches) as the commit tagged qemu-base, then one commit per
# qemu/patches/series entry (git am).  Edit there, commit (or --fixup and
# rebase), then scripts/export-qemu.sh writes qemu/patches/ back.
#
#   scripts/qemu-tree.sh [--force]
#
# Configure and build by hand in build/qemu/build with the flags of
# scripts/build-qemu.sh; the test command always builds from qemu/patches/.
. "$(dirname "$0")/lib.sh"

QEMU_VER=${QEMU_VER:-1:10.0.13+ds-0+deb13u1}
tree=$BUILD/qemu
if [ -d "$tree/.git" ]; then
	[ "${1:-}" = --force ] || die "build/qemu exists; export it (scripts/export-qemu.sh) or pass --force"
	rm -rf "$tree"
fi
conf=$(papt_setup qemu amd64 "deb-src @MAIN@ $QEMU_SUITE main" "deb @MAIN@ $QEMU_SUITE main")
papt "$conf" update >/dev/null 2>&1 || die "apt update for $QEMU_SUITE failed"
dl=$BUILD/qemu-src; rm -rf "$dl"; mkdir -p "$dl"
( cd "$dl" && papt "$conf" source --download-only "$QEMU_SRCPKG=$QEMU_VER" >fetch.log 2>&1 &&
	dpkg-source -x ./*.dsc "$tree" >>fetch.log 2>&1 ) || die "cannot get the QEMU source; log: $dl/fetch.log"
rm -rf "$dl" "$BUILD"/qemu_*.orig.tar.*
(
	cd "$tree" && git init -q -b qemu && git add -A -f . &&
	git -c user.name=Debian -c user.email=debian-qemu@lists.debian.org \
		commit -q -m "base: Debian qemu $QEMU_VER (patched)" && git tag qemu-base
) || die "cannot make the base commit in $tree"
git -C "$tree" config user.name "SVA Series Team"
git -C "$tree" config user.email "sva-series-team@example.com"
n=0
for p in $(grep -v -e '^#' -e '^$' "$TOP/qemu/patches/series"); do
	git -C "$tree" am -q --keep-cr "$TOP/qemu/patches/$p" >"$BUILD/qemu-am.log" 2>&1 ||
		die "QEMU patch $p does not apply; log: $BUILD/qemu-am.log"
	n=$((n + 1))
done
phase qemu-tree "$n patches -> build/qemu (tag qemu-base is Debian's $QEMU_VER)"
