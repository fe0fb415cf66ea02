#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The console parser's own tests: every scripts/testdata/NAME.log is parsed
# and must give exactly the RESULT line and exit status in NAME.expect (and
# every "FAIL"/"SKIP" line listed there).  NAME.args, if present, replaces
# the parser's arguments (e.g. --tap for a qtest's output).  A parser that miscounts is worse
# than no parser.
. "$(dirname "$0")/lib.sh"
pass=0; fail=0
for log in "$TOP"/scripts/testdata/*.log; do
	name=$(basename "$log" .log)
	exp=${log%.log}.expect
	args=(--expect-kunit 1)
	[ -f "${log%.log}.args" ] && read -r -a args <"${log%.log}.args"
	out=$(/usr/bin/python3 "$TOP/scripts/parse-console.py" "${args[@]}" "$log"); rc=$?
	bad=""
	while IFS= read -r want; do
		case $want in
		exit\ *) [ "exit $rc" = "$want" ] || bad+="  want '$want', got 'exit $rc'"$'\n' ;;
		'') ;;
		*) grep -qxF -- "$want" <<<"$out" || bad+="  missing line: $want"$'\n' ;;
		esac
	done <"$exp"
	if [ -z "$bad" ]; then
		pass=$((pass + 1)); echo "ok     parser fixture: $name"
	else
		fail=$((fail + 1)); echo "not ok parser fixture: $name"; printf '%s' "$bad"
		sed 's/^/       | /' <<<"$out" | tail -n 15
	fi
done
echo "RESULT passed=$pass failed=$fail skipped=0"
[ $fail -eq 0 ]
