# SPDX-License-Identifier: GPL-2.0
# Minimal TAP 13 producer for the boot checks (sourced).
#   plan N; ok "desc"; fail "desc" "why"; skip "desc" "why"; check "desc" CMD...
_tap_n=0
_tap_fail=0
plan() { echo "TAP version 13"; echo "1..$1"; }
ok() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n $1"; }
fail() { _tap_n=$((_tap_n + 1)); _tap_fail=1; echo "# $2"; echo "not ok $_tap_n $1"; }
skip() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n $1 # SKIP $2"; }
check() { d=$1; shift; if "$@"; then ok "$d"; else fail "$d" "failed: $*"; fi; }
done_testing() { exit $_tap_fail; }
