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
#
# What makes a warm run fast, without checking less:
#   - a patch that changes no file the kernel build reads (only
#     Documentation/, tools/testing/, MAINTAINERS; see NOBUILD_RE) is not
#     built: it builds exactly when the commit before it does, which the
#     previous ok line showed; its ok line says "no build needed";
#   - olddefconfig runs only when the .config it starts from, the tools, or
#     a Kconfig input (Kconfig*, scripts/, the Makefiles that set the
#     compiler) changed since the commit last configured in the worktree;
#   - a PASSING result (checkpatch of a patch, a patch's build, the sparse
#     pass at the top) is remembered under $CACHE/hygiene/pass/, keyed on
#     everything that decides it: the patch's bytes or the commit's tree id,
#     the .config, compiler, sparse, make and perl versions, this script and
#     lib.sh, the checkpatch scripts, the build targets.  Its ok line ends in
#     "(cached)".  Failures are never cached: they run again every time.
# A per-phase time summary ends the run (on stderr).
. "$(dirname "$0")/lib.sh"

cfg=$BUILD/kbuild-test/.config
[ -f "$cfg" ] || die "no $cfg; build the kernel first"
T0=$SECONDS
heavy_lock
phase hygiene "got the machine lock after $(fmt_secs $((SECONDS - T0)))"
wt=$BUILD/hygiene-linux
obj=$BUILD/kbuild-hygiene
mkdir -p "$obj"
pass=0; fail=0; skip=0
NPROC=$(nproc)
# Phase times (seconds) and counts for the summary at the end.
declare -A took cnt
since() { took[$1]=$(( ${took[$1]:-0} + SECONDS - $2 )); }
count() { cnt[$1]=$(( ${cnt[$1]:-0} + 1 )); }

# -- the cache of passing results -------------------------------------------
# One empty file per passing result, named by the hash of what decided it.
# $tools_id goes into every key: the tools and this script itself.
HC=$CACHE/hygiene/pass
tools_id=$( {
	sha256sum "${BASH_SOURCE[0]}" "$TOP/scripts/lib.sh" | cut -d' ' -f1
	aarch64-linux-gnu-gcc --version | head -n1
	sparse --version 2>&1
	make --version | head -n1
	perl -e 'print "$^V\n"'
} | hash_stdin)
cfg_hash=$(hash_stdin <"$cfg")
key_of() { printf '%s\n' "$tools_id" "$@" | hash_stdin; }
cached() { [ -f "$HC/$1" ]; }
remember() { mkdir -p "$HC" && : >"$HC/$1"; }
# par JOB...: run JOB in the background, at most $NPROC at once
par() {
	while [ "$(jobs -rp | wc -l)" -ge "$NPROC" ]; do wait -n; done
	"$@" &
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); echo "ok     $*"; }
notok() { fail=$((fail + 1)); echo "not ok $1"; shift; for l in "$@"; do echo "$l" | sed 's/^/       | /'; done; }

# -- checkpatch -------------------------------------------------------------
# Uncached patches are checked NPROC at a time, results printed in order.
t=$SECONDS
exc=$TOP/patches/checkpatch.exceptions
series=$(grep -v -e '^#' -e '^$' "$TOP/patches/series" 2>/dev/null)
cp_id=$(cat "$LINUX/scripts/checkpatch.pl" "$LINUX/scripts/spelling.txt" \
	"$LINUX/scripts/const_structs.checkpatch" 2>/dev/null | hash_stdin)
checkpatch_one() { # N PATCH IGNORE
	"$LINUX/scripts/checkpatch.pl" --strict --no-tree --quiet --show-types \
		${3:+--ignore "$3"} "$TOP/patches/$2" >"$tmp/cp-$1.out" 2>&1
	echo $? >"$tmp/cp-$1.rc"
}
j=0
for p in $series; do
	j=$((j + 1))
	# matched without the number prefix, so inserting a patch does not
	# orphan the exceptions of those after it
	ign=$(awk -v f="${p#[0-9][0-9][0-9][0-9]-}" '{sub(/^[0-9][0-9][0-9][0-9]-/, "", $1)} $1==f{print $2}' "$exc" 2>/dev/null | paste -sd, -)
	k=$(key_of checkpatch "$cp_id" "$ign" "$(hash_stdin <"$TOP/patches/$p")")
	echo "$p $k $ign" >"$tmp/cp-$j.what"
	cached "$k" || par checkpatch_one $j "$p" "$ign"
done
wait
j=0
for p in $series; do
	j=$((j + 1))
	read -r _ k ign <"$tmp/cp-$j.what"
	if [ ! -f "$tmp/cp-$j.rc" ]; then
		count checkpatch-cached
		ok "checkpatch --strict: $p${ign:+ (ignoring $ign, see patches/checkpatch.exceptions)} (cached)"
	elif [ "$(cat "$tmp/cp-$j.rc")" = 0 ] && [ ! -s "$tmp/cp-$j.out" ]; then
		remember "$k"
		ok "checkpatch --strict: $p${ign:+ (ignoring $ign, see patches/checkpatch.exceptions)}"
	else
		notok "checkpatch --strict: $p" "$(cat "$tmp/cp-$j.out")"
	fi
	count checkpatch
done
since checkpatch $t

# QEMU's checkpatch on our QEMU patches (the script is kept beside the
# cached binary by scripts/build-qemu.sh; $SVA_QEMU names that binary).
t=$SECONDS
qcp=$(dirname "${SVA_QEMU:-/nonexistent/qemu}")/qemu-checkpatch.pl
qcp_id=$(hash_stdin <"$qcp" 2>/dev/null)
qcheckpatch_one() { # N PATCH
	perl "$qcp" --no-tree -q "$TOP/qemu/patches/$2" >"$tmp/qcp-$1.out" 2>&1
	echo $? >"$tmp/qcp-$1.rc"
}
qseries=$(grep -v -e '^#' -e '^$' "$TOP/qemu/patches/series" 2>/dev/null)
j=0
for p in $qseries; do
	j=$((j + 1))
	[ -f "$qcp" ] || continue
	k=$(key_of qemu-checkpatch "$qcp_id" "$(hash_stdin <"$TOP/qemu/patches/$p")")
	echo "$k" >"$tmp/qcp-$j.key"
	cached "$k" || par qcheckpatch_one $j "$p"
done
wait
j=0
for p in $qseries; do
	j=$((j + 1))
	if [ ! -f "$qcp" ]; then
		skip=$((skip + 1)); echo "ok     QEMU checkpatch: $p # SKIP no qemu-checkpatch.pl beside ${SVA_QEMU:-the QEMU binary (SVA_QEMU unset)}"
		continue
	fi
	count qemu-checkpatch
	if [ ! -f "$tmp/qcp-$j.rc" ]; then
		count qemu-checkpatch-cached
		ok "QEMU checkpatch: $p (cached)"
	elif [ "$(cat "$tmp/qcp-$j.rc")" = 0 ] && ! grep -q -e '^ERROR' -e '^WARNING' "$tmp/qcp-$j.out"; then
		remember "$(cat "$tmp/qcp-$j.key")"
		ok "QEMU checkpatch: $p"
	else
		notok "QEMU checkpatch: $p" "$(cat "$tmp/qcp-$j.out")"
	fi
done
since qemu-checkpatch $t

# -- per-patch builds -------------------------------------------------------
export CCACHE_DIR=$CACHE/ccache CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1 CCACHE_COMPRESS=1
export KBUILD_BUILD_USER=sva KBUILD_BUILD_HOST=series KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'
MAKE=(make -C "$wt" O="$obj" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- -j"$(nproc)")
if [ ! -d "$wt/.git" ] && [ ! -f "$wt/.git" ]; then
	git -C "$LINUX" worktree prune
	git -C "$LINUX" worktree add -q --detach "$wt" sva-base || die "cannot add worktree $wt"
fi
# Kconfig inputs besides the .config we start from: every Kconfig file,
# scripts/ (Kconfig.include's macros run scripts and the compiler), and the
# Makefiles that decide CC/LD for Kconfig.
KCONFIG_RE='(^|/)Kconfig[^/]*$|^scripts/|^Makefile$|^arch/arm64/Makefile$'
stamp=$obj/.hygiene-config # "COMMIT CFG_HASH TOOLS_ID DOT_CONFIG_HASH" of the last olddefconfig
goto() { # COMMIT: check it out in the worktree and configure like the test kernel
	local c prev scfg stools sdot t=$SECONDS
	c=$(git -C "$LINUX" rev-parse "$1^{commit}") || die "no commit $1"
	git -C "$wt" checkout -q --detach "$c" || die "checkout $1 in $wt failed"
	read -r prev scfg stools sdot 2>/dev/null <"$stamp"
	if [ -n "$prev" ] && [ "$scfg" = "$cfg_hash" ] && [ "$stools" = "$tools_id" ] &&
	   [ -f "$obj/.config" ] && [ "$(hash_stdin <"$obj/.config")" = "$sdot" ] &&
	   ! git -C "$LINUX" diff --name-only "$prev" "$c" 2>/dev/null | grep -qE "$KCONFIG_RE" &&
	   git -C "$LINUX" cat-file -e "$prev^{commit}" 2>/dev/null; then
		count olddefconfig-skipped
		return 0
	fi
	rm -f "$stamp"
	cp "$cfg" "$obj/.config"
	"${MAKE[@]}" olddefconfig >"$obj/olddefconfig.log" 2>&1 || die "olddefconfig at $1 failed"
	echo "$c $cfg_hash $tools_id $(hash_stdin <"$obj/.config")" >"$stamp"
	count olddefconfig
	since olddefconfig $t
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
t=$SECONDS
if [ ! -f "$bwarn" ]; then
	phase hygiene "sparse + W=1 on $BDIRS at the base (once per base and config)"
	goto sva-base
	fresh_iommu_objs
	run_logged hygiene "$obj/base-sparse.log" "${MAKE[@]}" W=1 C=2 CC="ccache aarch64-linux-gnu-gcc" $BDIRS
	mkdir -p "$CACHE/hygiene"
	warnings "$obj/base-sparse.log" >"$bwarn.tmp" && mv "$bwarn.tmp" "$bwarn"
	since base-sparse $t
fi

# Files the kernel build never reads (checked against the base's Makefiles,
# Kbuild and Kconfig files: Documentation/ is read by "make htmldocs" and
# dt_binding_check only, except Documentation/Kconfig, which ./Kconfig
# sources; tools/testing/ by "make kselftest*" only, while other parts of
# tools/ are read, e.g. tools/include by scripts/sorttable).  A Kconfig*
# file is always read, wherever it is.
NOBUILD_RE='^(Documentation/|tools/testing/|MAINTAINERS$)'
i=0
n=$(git -C "$LINUX" rev-list --count sva-base..HEAD)
for c in $(git -C "$LINUX" rev-list --reverse sva-base..HEAD); do
	i=$((i + 1))
	t=$SECONDS
	count build
	subj=$(git -C "$LINUX" log -1 --format=%s "$c")
	files=$(git -C "$LINUX" show --format= --name-only --no-renames "$c")
	if [ -n "$files" ] && ! grep -vE "$NOBUILD_RE" <<<"$files" | grep -q . &&
	   ! grep -qE '(^|/)Kconfig[^/]*$' <<<"$files"; then
		count build-none
		ok "builds on its own: $i/$n $subj (no build needed: it changes only $(grep -oE "$NOBUILD_RE" <<<"$files" | sort -u | paste -sd' ' -), which the kernel build does not read)"
		since build-none $t
		continue
	fi
	dirs=$(git -C "$LINUX" show --format= --name-only --diff-filter=AM "$c" -- '*.c' |
		grep -v -e '^tools/' -e '^drivers/iommu/[^/]*$' | xargs -r -n1 dirname | sort -u | sed 's#$#/#')
	# and each .c file it adds or changes as an object of its own, which
	# compiles it even when nothing selects its Kconfig symbol yet at this
	# point of the series
	objs=$(git -C "$LINUX" show --format= --name-only --diff-filter=AM "$c" -- '*.c' |
		grep -v -e '^tools/' -e '^Documentation/' -e '^scripts/' | sed 's#\.c$#.o#')
	targets=$(echo drivers/iommu/ $dirs $objs)
	k=$(key_of build "$(git -C "$LINUX" rev-parse "$c^{tree}")" "$cfg_hash" "$targets")
	if cached "$k"; then
		count build-cached
		ok "builds on its own ($targets): $i/$n $subj (cached)"
		since build-cached $t
		continue
	fi
	phase hygiene "build $i/$n: $subj"
	goto "$c"
	tmk=$SECONDS
	if "${MAKE[@]}" W=1 CC="ccache aarch64-linux-gnu-gcc" $targets >"$obj/build-$i.log" 2>&1; then
		remember "$k"
		ok "builds on its own ($targets): $i/$n $subj"
	else
		notok "builds on its own: $i/$n $subj" "$(tail -n 20 "$obj/build-$i.log")"
	fi
	since make $tmk
	since build-made $t
done

# -- sparse and W=1 at the top ----------------------------------------------
t=$SECONDS
head_c=$(git -C "$LINUX" rev-parse HEAD)
k=$(key_of top-sparse "$(git -C "$LINUX" rev-parse "HEAD^{tree}")" "$cfg_hash" "$SDIRS" "$bkey" "$(hash_stdin <"$bwarn")")
if cached "$k"; then
	ok "sparse (C=2) + W=1 on $SDIRS: no new warnings ($(wc -l <"$bwarn") in the base) (cached)"
	count top-sparse-cached
else
	phase hygiene "sparse + W=1 on $SDIRS at the top of the series"
	goto "$head_c"
	fresh_iommu_objs
	top_ok=1
	"${MAKE[@]}" W=1 C=2 CC="ccache aarch64-linux-gnu-gcc" $SDIRS >"$obj/head-sparse.log" 2>&1 ||
		{ top_ok=0; notok "sparse/W=1 build of $SDIRS at HEAD" "$(tail -n 20 "$obj/head-sparse.log")"; }
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
		[ $top_ok -eq 1 ] && remember "$k"
	else
		notok "sparse (C=2) + W=1 on $SDIRS: new warnings" "$new"
	fi
fi
since top-sparse $t

# -- where the time went ----------------------------------------------------
tm() { fmt_secs "${took[$1]:-0}"; }
phase hygiene "checkpatch $(tm checkpatch) (${cnt[checkpatch]:-0} patches, ${cnt[checkpatch-cached]:-0} cached);" \
	"QEMU checkpatch $(tm qemu-checkpatch) (${cnt[qemu-checkpatch]:-0}, ${cnt[qemu-checkpatch-cached]:-0} cached);" \
	"base sparse $( [ -n "${took[base-sparse]:-}" ] && tm base-sparse || echo cached)"
phase hygiene "per-patch builds $(fmt_secs $(( ${took[build-none]:-0} + ${took[build-cached]:-0} + ${took[build-made]:-0} ))):" \
	"${cnt[build]:-0} patches, ${cnt[build-none]:-0} need no build, ${cnt[build-cached]:-0} cached," \
	"$(( ${cnt[build]:-0} - ${cnt[build-none]:-0} - ${cnt[build-cached]:-0} )) built in $(tm build-made)" \
	"(make $(tm make), olddefconfig $(tm olddefconfig) for ${cnt[olddefconfig]:-0}, skipped ${cnt[olddefconfig-skipped]:-0})"
phase hygiene "top sparse + W=1 $(tm top-sparse)$( [ -n "${cnt[top-sparse-cached]:-}" ] && echo ' (cached)');" \
	"hygiene total $(fmt_secs $((SECONDS - T0)))"
echo "RESULT passed=$pass failed=$fail skipped=$skip"
[ $fail -eq 0 ]
