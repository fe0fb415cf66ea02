# SPDX-License-Identifier: GPL-2.0
# Common helpers for the series scripts.  Sourced, never run.
#
# Layout:
#   $TOP            the repository (patches/, qemu/, config/, scripts/)
#   $TOP/build      generated, ignored: the kernel git tree, run logs
#   $CACHE          ~/.cache/sva-series: everything keyed by content
#                   (base tarball and base git repo by sha256, QEMU by the
#                   hash of its source version + patches + flags, ccache)

set -o pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${SVA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sva-series}
BUILD=${SVA_BUILD:-$TOP/build}
LINUX=$BUILD/linux
ARCH=arm64
CROSS_COMPILE=aarch64-linux-gnu-
export ARCH CROSS_COMPILE

BASE_PKG=linux-source-5.10
BASE_VER=5.10.262-1
BASE_SUITE=bullseye-security
QEMU_SUITE=trixie
QEMU_SRCPKG=qemu

mkdir -p "$CACHE" "$BUILD"

_t0=${_t0:-$(date +%s)}
export _t0

# Plain lines for logs; a phase tag in front of every long step.
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
phase() { local tag=$1; shift; printf '[%s] %-10s %s\n' "$(date +%H:%M:%S)" "$tag" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# elapsed SECONDS -> "4m28s"
fmt_secs() { local s=$1; printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# Run a long command with its output in a log file; print a heartbeat with
# the last line of the log every 30 s so a human or a CI log sees progress.
# On failure, print the tail of the log and where it is.
run_logged() {
	local tag=$1 logf=$2; shift 2
	local start=$SECONDS pid rc last next=$((SECONDS + 30))
	"$@" >"$logf" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 2
		if [ $SECONDS -ge $next ]; then
			last=$(tail -n 1 "$logf" 2>/dev/null | cut -c1-100)
			phase "$tag" "... $(fmt_secs $((SECONDS - start))) ${last}"
			next=$((SECONDS + 30))
		fi
	done
	wait "$pid"; rc=$?
	if [ $rc -ne 0 ]; then
		tail -n 40 "$logf" | sed 's/^/    | /' >&2
		die "$tag failed (exit $rc); full log: $logf"
	fi
	return 0
}

# sha256 of stdin, short
hash_stdin() { sha256sum | cut -c1-16; }

# --- Debian package registry through a private apt configuration -------
# The system's sources are read, never written: we take the mirror URIs it
# already uses and point a private apt (own lists, cache and status) at the
# suites we need.
_mirror_uri() {
	local kind=$1 uri
	uri=$( (cat /etc/apt/sources.list 2>/dev/null; cat /etc/apt/sources.list.d/*.list 2>/dev/null) |
		awk '$1=="deb"||$1=="deb-src"{for(i=2;i<=NF;i++) if($i ~ /^(https?|file):/){print $i; break}}';
	      cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
		awk '/^URIs:/{for(i=2;i<=NF;i++) print $i}')
	case $kind in
	security) uri=$(printf '%s\n' "$uri" | grep -m1 -- '-security/*$') ;;
	*) uri=$(printf '%s\n' "$uri" | grep -m1 '/debian/*$') ;;
	esac
	printf '%s' "${uri%/}"
}

# papt_setup NAME ARCH "LINE" ...  -> prints the APT_CONFIG path
papt_setup() {
	local name=$1 arch=$2; shift 2
	local d=$CACHE/apt/$name line main sec
	main=$(_mirror_uri main); sec=$(_mirror_uri security)
	[ -n "$main" ] || die "cannot find a Debian mirror in the system's apt sources"
	[ -n "$sec" ] || sec=${main}-security
	mkdir -p "$d/lists/partial" "$d/archives/partial" "$d/empty"
	: >"$d/status"
	: >"$d/sources.list"
	for line in "$@"; do
		line=${line//@MAIN@/$main}; line=${line//@SEC@/$sec}
		printf '%s\n' "$line" >>"$d/sources.list"
	done
	cat >"$d/apt.conf" <<EOC
Dir::State "$d";
Dir::State::Lists "$d/lists";
Dir::State::status "$d/status";
Dir::Cache "$d";
Dir::Cache::archives "$d/archives";
Dir::Etc::SourceList "$d/sources.list";
Dir::Etc::SourceParts "$d/empty";
Dir::Etc::Preferences "$d/empty/none";
Dir::Etc::PreferencesParts "$d/empty";
Acquire::Languages "none";
APT::Architecture "$arch";
APT::Architectures { "$arch"; };
APT::Sandbox::User "root";
EOC
	printf '%s' "$d/apt.conf"
}

papt() { local conf=$1; shift; APT_CONFIG=$conf apt-get -q -o Debug::NoLocking=1 "$@"; }

# Builds and boots take both cores: serialize them across everything running
# on this machine (other checkouts, helpers) with one lock in the cache.
heavy_lock() {
	# One lock per machine, whatever SVA_CACHE says.
	local lock=${SVA_LOCK:-${XDG_CACHE_HOME:-$HOME/.cache}/sva-series/heavy.lock}
	mkdir -p "$(dirname "$lock")"
	exec 9>"$lock"
	if ! flock -n 9; then
		local w=$SECONDS
		phase lock "waiting for another build or boot on this machine ($lock)"
		flock 9
		phase lock "got it after $(fmt_secs $((SECONDS - w)))"
	fi
}
