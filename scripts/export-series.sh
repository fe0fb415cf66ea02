#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Export build/linux (sva-base..HEAD) back to patches/ as git format-patch
# output plus patches/series.  Deterministic: no numbering in subjects, no
# signature, zeroed From hashes and author dates kept, so an unchanged commit
# exports byte for byte the same patch.
. "$(dirname "$0")/lib.sh"

[ -d "$LINUX/.git" ] || die "no build/linux; run scripts/series-tree.sh"
[ -z "$(git -C "$LINUX" status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted edits; commit (or git commit --fixup) first"
if git -C "$LINUX" rev-list sva-base..HEAD --format=%s | grep -q '^\(fixup\|squash\)! '; then
	die "build/linux has fixup!/squash! commits; run: git -C build/linux rebase -i --autosquash sva-base"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$LINUX" -c core.abbrev=12 -c diff.noprefix=false format-patch -q -N --no-signature \
	--zero-commit --no-attach --no-thread --output-directory "$tmp" sva-base..HEAD ||
	die "git format-patch failed"
rm -f "$TOP"/patches/*.patch
n=0
: >"$TOP/patches/series"
for f in "$tmp"/*.patch; do
	[ -e "$f" ] || break
	cp "$f" "$TOP/patches/"
	basename "$f" >>"$TOP/patches/series"
	n=$((n + 1))
done
phase export "$n patches -> patches/ ($(git -C "$TOP" status --porcelain patches | wc -l) files changed)"
