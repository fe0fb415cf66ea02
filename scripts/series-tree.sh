#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Turn base + patches/ into the working tree build/linux: a git repository
# whose tag sva-base is the base and which has one commit per patch on top,
# applied with git am in the order of patches/series.
#
#   scripts/series-tree.sh [--force] [TARBALL]
#
# An existing build/linux that already holds exactly the series is kept as
# it is (its build objects stay valid).  One that holds work not in
# patches/ (uncommitted edits, or commits whose diff no patch has) is never
# thrown away unless --force is given: export it first.
. "$(dirname "$0")/lib.sh"

force=0
if [ "${1:-}" = --force ]; then force=1; shift; fi
base_repo=$(bash "$TOP/scripts/fetch-base.sh" "$@" | tail -n1) || exit 1
[ -d "$base_repo" ] || die "no base repository"

series_files() {
	[ -f "$TOP/patches/series" ] || return 0
	grep -v -e '^#' -e '^$' "$TOP/patches/series"
}
patch_ids() { # patch ids of patches/ in series order
	local p
	series_files | while read -r p; do
		git patch-id --stable <"$TOP/patches/$p" | cut -d' ' -f1
	done
}
tree_ids() {
	local c
	git -C "$LINUX" rev-list --reverse sva-base..HEAD | while read -r c; do
		git -C "$LINUX" show "$c" | git patch-id --stable | cut -d' ' -f1
	done
}

n=$(series_files | wc -l)
for p in $(series_files); do
	[ -f "$TOP/patches/$p" ] || die "patches/series names $p, which does not exist"
done

if [ -d "$LINUX/.git" ]; then
	dirty=$(git -C "$LINUX" status --porcelain --untracked-files=no)
	if [ -z "$dirty" ] && [ "$(tree_ids)" = "$(patch_ids)" ]; then
		phase series "$n patches == build/linux (kept)"
		exit 0
	fi
	if [ $force -eq 0 ]; then
		[ -z "$dirty" ] || die "build/linux has uncommitted edits; commit and export them (scripts/export-series.sh) or pass --force"
		known=$(patch_ids)
		for id in $(tree_ids); do
			printf '%s\n' "$known" | grep -qx "$id" ||
				die "build/linux has commits that are not in patches/; run scripts/export-series.sh first, or pass --force"
		done
	fi
	phase series "build/linux differs from patches/; re-applying"
	git -C "$LINUX" am --abort >/dev/null 2>&1
	git -C "$LINUX" checkout -q -f -B series sva-base || die "cannot reset build/linux"
else
	phase series "cloning the base into build/linux"
	rm -rf "$LINUX"
	git clone -q --shared --no-checkout "$base_repo" "$LINUX" || die "git clone of the base failed"
	git -C "$LINUX" checkout -q -b series sva-base || die "checkout of the base failed"
	git -C "$LINUX" config user.name "SVA series"
	git -C "$LINUX" config user.email "sva-series@localhost"
fi

i=0
for p in $(series_files); do
	i=$((i + 1))
	if ! git -C "$LINUX" am -q --keep-cr --committer-date-is-author-date "$TOP/patches/$p" >"$BUILD/am.log" 2>&1; then
		sed 's/^/    | /' "$BUILD/am.log" >&2
		git -C "$LINUX" am --abort >/dev/null 2>&1
		die "patch $i/$n ($p) does not apply on the base + the $((i - 1)) before it; log: $BUILD/am.log"
	fi
done
phase series "$n patches -> build/linux (git am ok)"
