#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Get the base kernel: Debian's linux-source-5.10 (5.10.262-1) tarball.
#
#   scripts/fetch-base.sh [TARBALL]
#
# Takes, in order: the path given, $SVA_BASE_TARBALL, ../shared/base/, the
# cache, else downloads the .deb from bullseye-security through a private
# apt configuration.  The sha256 must match config/base.sha256.  Then makes
# (once per sha256) a git repository with the extracted tree as its single,
# reproducible commit.  Prints the path of that repository.
. "$(dirname "$0")/lib.sh"

want=$(cut -d' ' -f1 "$TOP/config/base.sha256")
name=linux-source-5.10.tar.xz
cached=$CACHE/base/$want/$name
repo=$CACHE/base/$want/linux.git

check() { # FILE -> 0 if sha256 matches
	local got
	got=$(sha256sum <"$1" | cut -d' ' -f1)
	[ "$got" = "$want" ] && return 0
	die "sha256 mismatch for $1: got $got, want $want (config/base.sha256)"
}

# A tarball named explicitly is always checked, even when the repo is cached.
src=${1:-${SVA_BASE_TARBALL:-}}
if [ -n "$src" ]; then
	[ -f "$src" ] || die "base tarball $src does not exist"
	check "$src"
fi
if [ -f "$repo/.done" ]; then
	phase base "$BASE_PKG $BASE_VER  sha256 ${want:0:12} (cached repo)"
	echo "$repo"; exit 0
fi

if [ -n "$src" ]; then
	:
elif [ -f "$TOP/../shared/base/$name" ]; then
	src=$TOP/../shared/base/$name
	check "$src"
elif [ -f "$cached" ]; then
	src=$cached
	check "$src"
else
	phase base "downloading $BASE_PKG=$BASE_VER from $BASE_SUITE"
	conf=$(papt_setup base amd64 "deb @SEC@ $BASE_SUITE main")
	papt "$conf" update >/dev/null 2>&1 || die "apt update for $BASE_SUITE failed"
	dl=$CACHE/apt/base/dl; rm -rf "$dl"; mkdir -p "$dl"
	( cd "$dl" && papt "$conf" download "$BASE_PKG=$BASE_VER" >/dev/null 2>&1 ) ||
		die "cannot download $BASE_PKG=$BASE_VER from $BASE_SUITE"
	dpkg-deb -x "$dl"/*.deb "$dl/x" || die "cannot unpack the .deb in $dl"
	mkdir -p "$(dirname "$cached")"
	mv "$dl/x/usr/src/$name" "$cached" || die "no $name in the .deb"
	rm -rf "$dl"
	src=$cached
	check "$src"
fi
phase base "$BASE_PKG $BASE_VER  sha256 ok ($src)"

# A reproducible base commit: fixed identity and date, so every machine
# makes the same base hash and exported patches never churn.
tmp=$repo.tmp
rm -rf "$tmp"; mkdir -p "$tmp"
start=$SECONDS
phase base "extracting and committing the base tree (once per sha256)"
tar -xJf "$src" -C "$tmp" --strip-components=1 || die "cannot extract $src"
(
	cd "$tmp" || exit 1
	git init -q -b base . && git config core.autocrlf false &&
	git add -A -f . &&
	GIT_AUTHOR_NAME=Debian GIT_AUTHOR_EMAIL=debian-kernel@lists.debian.org \
	GIT_COMMITTER_NAME=Debian GIT_COMMITTER_EMAIL=debian-kernel@lists.debian.org \
	GIT_AUTHOR_DATE='2020-12-13 22:41:30 +0000' GIT_COMMITTER_DATE='2020-12-13 22:41:30 +0000' \
		git commit -q -m "Linux $BASE_VER ($BASE_PKG)" &&
	git tag sva-base && git gc -q --auto
) || die "cannot make the base git repository in $tmp"
touch "$tmp/.done"
rm -rf "$repo"; mv "$tmp" "$repo"
phase base "base repo ready in $(fmt_secs $((SECONDS - start))): $repo"
echo "$repo"
