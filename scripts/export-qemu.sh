#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Export build/qemu (qemu-base..HEAD) to qemu/patches/ and its series file,
# deterministically (no numbering in subjects, no signature, zeroed hashes).
. "$(dirname "$0")/lib.sh"

tree=$BUILD/qemu
[ -d "$tree/.git" ] || die "no build/qemu; run scripts/qemu-tree.sh"
[ -z "$(git -C "$tree" status --porcelain --untracked-files=no)" ] ||
	die "build/qemu has uncommitted edits; commit them first"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$tree" -c core.abbrev=12 format-patch -q -N --no-signature --zero-commit \
	--no-attach --no-thread -o "$tmp" qemu-base..HEAD || die "git format-patch failed"
rm -f "$TOP"/qemu/patches/*.patch
: >"$TOP/qemu/patches/series"
for f in "$tmp"/*.patch; do
	[ -e "$f" ] || break
	cp "$f" "$TOP/qemu/patches/"
	basename "$f" >>"$TOP/qemu/patches/series"
done
phase export "$(wc -l <"$TOP/qemu/patches/series") QEMU patches -> qemu/patches/ ($(git -C "$TOP" status --porcelain qemu/patches | wc -l) files changed)"
