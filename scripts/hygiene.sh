#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Series hygiene, counted as tests:
#   - checkpatch.pl --strict on every patch (exceptions, each with its
#     reason, in patches/checkpatch.exceptions: "FILE TYPE[,TYPE] reason",
#     FILE matched without its NNNN- prefix);
#   - every patch builds on its own: drivers/iommu/, the directories of the
#     .c files it touches and those files as objects (so a file is compiled
#     even before the series selects it), W=1, incrementally in a worktree of
#     build/linux (build/hygiene-linux, objects in build/kbuild-hygiene);
#   - sparse (C=2) and W=1 on drivers/iommu/ and every directory with a .c
#     file the series touches report, at the top of the series, no warning
#     the base does not already have (line numbers ignored).
# Needs build/kbuild-test/.config (scripts/build-kernel.sh).  Prints
# "ok"/"not ok" lines and, last, "RESULT passed=P failed=F skipped=S".
. "$(dirname "$0")/lib.sh"

cfg=$BUILD/kbuild-test/.config
[ -f "$cfg" ] || die "no $cfg; build the kernel first"
heavy_lock
wt=$BUILD/hygiene-linux
obj=$BUILD/kbuild-hygiene
mkdir -p "$obj"
pass=0; fail=0; skip=0
ok() { pass=$((pass + 1)); echo "ok     $*"; }
notok() { fail=$((fail + 1)); echo "not ok $1"; shift; for l in "$@"; do echo "$l" | sed 's/^/       | /'; done; }

# -- checkpatch -------------------------------------------------------------
exc=$TOP/patches/checkpatch.exceptions
series=$(grep -v -e '^#' -e '^$' "$TOP/patches/series" 2>/dev/null)
for p in $series; do
	# matched without the number prefix, so inserting a patch does not
	# orphan the exceptions of those after it
	ign=$(awk -v f="${p#[0-9][0-9][0-9][0-9]-}" '{sub(/^[0-9][0-9][0-9][0-9]-/, "", $1)} $1==f{print $2}' "$exc" 2>/dev/null | paste -sd, -)
	o=$("$LINUX/scripts/checkpatch.pl" --strict --no-tree --quiet --show-types \
		${ign:+--ignore "$ign"} "$TOP/patches/$p" 2>&1)
	if [ $? -eq 0 ] && [ -z "$o" ]; then
		ok "checkpatch --strict: $p${ign:+ (ignoring $ign, see patches/checkpatch.exceptions)}"
	else
		notok "checkpatch --strict: $p" "$o"
	fi
done

# QEMU's checkpatch on our QEMU patches (the script is kept beside the
# cached binary by scripts/build-qemu.sh; $SVA_QEMU names that binary).
qcp=$(dirname "${SVA_QEMU:-/nonexistent/qemu}")/qemu-checkpatch.pl
for p in $(grep -v -e '^#' -e '^$' "$TOP/qemu/patches/series" 2>/dev/null); do
	if [ ! -f "$qcp" ]; then
		skip=$((skip + 1)); echo "ok     QEMU checkpatch: $p # SKIP no qemu-checkpatch.pl beside ${SVA_QEMU:-the QEMU binary (SVA_QEMU unset)}"
		continue
	fi
	o=$(perl "$qcp" --no-tree -q "$TOP/qemu/patches/$p" 2>&1)
	if [ $? -eq 0 ] && ! grep -q -e '^ERROR' -e '^WARNING' <<<"$o"; then
		ok "QEMU checkpatch: $p"
	else
		notok "QEMU checkpatch: $p" "$o"
	fi
done

# -- per-patch builds -------------------------------------------------------
export CCACHE_DIR=$CACHE/ccache CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1 CCACHE_COMPRESS=1
export KBUILD_BUILD_USER=sva KBUILD_BUILD_HOST=series KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'
MAKE=(make -C "$wt" O="$obj" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- -j"$(nproc)")
if [ ! -d "$wt/.git" ] && [ ! -f "$wt/.git" ]; then
	git -C "$LINUX" worktree prune
	git -C "$LINUX" worktree add -q --detach "$wt" sva-base || die "cannot add worktree $wt"
fi
goto() { # COMMIT: check it out in the worktree and configure like the test kernel
	git -C "$wt" checkout -q --detach "$1" || die "checkout $1 in $wt failed"
	cp "$cfg" "$obj/.config"
	"${MAKE[@]}" olddefconfig >"$obj/olddefconfig.log" 2>&1 || die "olddefconfig at $1 failed"
}
# W=1 warnings only show when a file is compiled: recompile all of
# drivers/iommu (ccache makes it cheap) so base and top are compared whole.
fresh_iommu_objs() {
	local d
	for d in $SDIRS; do find "$obj/$d" -maxdepth 1 -name '*.o' -delete 2>/dev/null; done
	find "$obj/drivers/iommu" -name '*.o' -delete 2>/dev/null
	return 0
}
warnings() { # LOG -> normalized warning lines (file: kind: text), sorted
	grep -E '^[^ ]+:[0-9]+(:[0-9]+)?: (warning|error):' "$1" |
		sed -E "s#^$wt/##; s#^\.\./hygiene-linux/##; s#:[0-9]+(:[0-9]+)?: #: #" | LC_ALL=C sort
}

# Where sparse and W=1 look: drivers/iommu/ and every directory holding a
# .c file the series touches (drivers/misc/ for the test engine, ...).
SDIRS=$( { echo drivers/iommu/; git -C "$LINUX" diff --name-only sva-base..HEAD -- '*.c' |
	grep -v '^tools/' | xargs -r -n1 dirname | sed 's#$#/#'; } | sort -u)
SDIRS=$(echo $SDIRS)
# The base pass covers those of them that exist in the base (a directory the
# series creates, such as drivers/misc/pasid-dma/, has no base warnings).
BDIRS=$(for d in $SDIRS; do
	[ -n "$(git -C "$LINUX" ls-tree sva-base -- "${d%/}")" ] && echo "$d"
done)
BDIRS=$(echo $BDIRS)

# Base warnings (sparse + W=1 over $SDIRS), cached by what decides them.
bkey=$( { echo v3 "$BDIRS"; git -C "$LINUX" rev-parse sva-base; cat "$cfg"; sparse --version 2>&1; aarch64-linux-gnu-gcc --version | head -1; } | hash_stdin)
bwarn=$CACHE/hygiene/base-warnings-$bkey
if [ ! -f "$bwarn" ]; then
	phase hygiene "sparse + W=1 on $BDIRS at the base (once per base and config)"
	goto sva-base
	fresh_iommu_objs
	run_logged hygiene "$obj/base-sparse.log" "${MAKE[@]}" W=1 C=2 CC="ccache aarch64-linux-gnu-gcc" $BDIRS
	mkdir -p "$CACHE/hygiene"
	warnings "$obj/base-sparse.log" >"$bwarn.tmp" && mv "$bwarn.tmp" "$bwarn"
fi

i=0
n=$(git -C "$LINUX" rev-list --count sva-base..HEAD)
for c in $(git -C "$LINUX" rev-list --reverse sva-base..HEAD); do
	i=$((i + 1))
	subj=$(git -C "$LINUX" log -1 --format=%s "$c")
	dirs=$(git -C "$LINUX" show --format= --name-only --diff-filter=AM "$c" -- '*.c' |
		grep -v -e '^tools/' -e '^drivers/iommu/[^/]*$' | xargs -r -n1 dirname | sort -u | sed 's#$#/#')
	# and each .c file it adds or changes as an object of its own, which
	# compiles it even when nothing selects its Kconfig symbol yet at this
	# point of the series
	objs=$(git -C "$LINUX" show --format= --name-only --diff-filter=AM "$c" -- '*.c' |
		grep -v -e '^tools/' -e '^Documentation/' -e '^scripts/' | sed 's#\.c$#.o#')
	phase hygiene "build $i/$n: $subj"
	goto "$c"
	if "${MAKE[@]}" W=1 CC="ccache aarch64-linux-gnu-gcc" drivers/iommu/ $dirs $objs >"$obj/build-$i.log" 2>&1; then
		ok "builds on its own ($(echo drivers/iommu/ $dirs $objs)): $i/$n $subj"
	else
		notok "builds on its own: $i/$n $subj" "$(tail -n 20 "$obj/build-$i.log")"
	fi
done

# -- sparse and W=1 at the top ----------------------------------------------
phase hygiene "sparse + W=1 on $SDIRS at the top of the series"
goto "$(git -C "$LINUX" rev-parse HEAD)"
fresh_iommu_objs
"${MAKE[@]}" W=1 C=2 CC="ccache aarch64-linux-gnu-gcc" $SDIRS >"$obj/head-sparse.log" 2>&1 ||
	notok "sparse/W=1 build of $SDIRS at HEAD" "$(tail -n 20 "$obj/head-sparse.log")"
# In files the series touches, every extra occurrence is new; in files it
# does not touch (headers of the base), a warning the base already gives is
# not new just because another file now includes that header.
warnings "$obj/head-sparse.log" >"$obj/head-warnings"
git -C "$LINUX" diff --name-only sva-base..HEAD >"$obj/touched"
new=$(/usr/bin/python3 - "$bwarn" "$obj/head-warnings" "$obj/touched" <<'PY'
import collections, sys
base = collections.Counter(open(sys.argv[1]).read().splitlines())
head = collections.Counter(open(sys.argv[2]).read().splitlines())
touched = set(open(sys.argv[3]).read().split())
for line, n in sorted(head.items()):
    f = line.split(':', 1)[0]
    extra = n - base.get(line, 0) if f in touched else (n if line not in base else 0)
    for _ in range(max(extra, 0)):
        print(line)
PY
)
if [ -z "$new" ]; then
	ok "sparse (C=2) + W=1 on $SDIRS: no new warnings ($(wc -l <"$bwarn") in the base)"
else
	notok "sparse (C=2) + W=1 on $SDIRS: new warnings" "$new"
fi
echo "RESULT passed=$pass failed=$fail skipped=$skip"
[ $fail -eq 0 ]
