#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count the results in a test VM's console log.

Reads what tests/vm/init framed on the console:
  - KUnit's KTAP, printed at boot before /init runs: one result per case
    (the innermost level), each suite's plan checked;
  - "@@SVA run NAME" ... "@@SVA end NAME rc=N" frames holding TAP 13 from a
    boot check or a kselftest binary: one result per top-level test line,
    the plan checked, a non-zero exit with no failing line counted as a
    failure;
  - kernel splats anywhere (WARNING, BUG, Oops, panic, lockdep, KASAN,
    kmemleak): each distinct one is a failure, shown with its context.
A run that never reaches "@@SVA done", or that has no test at all, fails.
With --machine, so does a run whose /init says it booted another machine
("@@SVA init start ... machine=NAME"; no machine= means smmuv3); the
tests /init left out on that machine ("@@SVA not-here") are listed, not
counted.

Prints a report and, last, "RESULT passed=P failed=F skipped=S".
Exit status 0 when F == 0.
"""
import argparse
import re
import sys

TS = re.compile(r'^\[\s*\d+\.\d+\]\s?')
TAP_LINE = re.compile(r'^(not ok|ok)\s+(\d+)\b\s*(?:-\s*)?(.*)$')
PLAN = re.compile(r'^1\.\.(\d+)')
SPLAT = re.compile(
    r'(WARNING: |BUG: |Oops|Kernel panic|Unable to handle kernel|'
    r'possible circular locking|possible recursive locking|'
    r'inconsistent lock state|KASAN: |UBSAN: |kmemleak: \d+ new suspected|'
    r'unreferenced object 0x|INFO: task .* blocked|'
    r'INFO: rcu_.* detected stalls|list_add corruption|list_del corruption)')


class Result:
    def __init__(self):
        self.passed = []
        self.failed = []
        self.skipped = []

    def add(self, status, name, why=''):
        {'pass': self.passed, 'fail': self.failed,
         'skip': self.skipped}[status].append((name, why))


def strip(line):
    return TS.sub('', line.rstrip('\r\n'))


def parse_tap(name, lines, rc, res, out):
    """Top-level TAP 13 of one frame (kselftest or boot check)."""
    plan = None
    seen = 0
    failed_here = 0
    skipped_here = 0
    last_comment = ''
    for raw in lines:
        line = raw.rstrip()
        m = PLAN.match(line)
        if m and plan is None:
            plan = int(m.group(1))
            continue
        if line.startswith('#'):
            last_comment = line.lstrip('# ').strip()
            continue
        m = TAP_LINE.match(line)
        if not m:
            continue
        seen += 1
        desc = m.group(3).strip()
        directive = ''
        if '#' in desc:
            directive = desc[desc.index('#') + 1:].strip()
            desc = desc[:desc.index('#')].strip()
        tname = '%s: %s' % (name, desc or 'test %s' % m.group(2))
        if m.group(1) == 'ok':
            if directive.upper().startswith('SKIP'):
                why = directive[4:].strip() or last_comment or 'no reason given'
                res.add('skip', tname, why)
                skipped_here += 1
            else:
                res.add('pass', tname)
        else:
            failed_here += 1
            res.add('fail', tname, last_comment)
    if seen == 0:
        res.add('fail', name, 'no TAP result lines (exit %s)' % rc)
        return
    if plan is not None and seen < plan:
        res.add('fail', name, 'only %d of %d planned tests reported '
                '(crash or timeout after the last one)' % (seen, plan))
    if rc not in (None, 0) and failed_here == 0 and (plan is None or seen >= plan):
        why = 'timed out' if rc in (124, 143) else 'exit status %d' % rc
        res.add('fail', name, why + ' with no failing test line')
    skips = ', %d skipped' % skipped_here if skipped_here else ''
    out.append('%-44s %d ok, %d not ok%s of %s' % (
        name, seen - failed_here - skipped_here, failed_here, skips,
        plan if plan is not None else '?'))


def parse_kunit(lines, res, out):
    """5.10 KTAP: '# Subtest: suite', '1..N', '    ok N - case'."""
    suite = None
    plan = None
    count = {}
    plans = {}
    for line in lines:
        s = line.strip()
        m = re.match(r'^# Subtest: (\S+)', s)
        if m and line.startswith((' ', '\t')):
            suite = m.group(1)
            count[suite] = [0, 0]
            plan = None
            continue
        if suite is None:
            continue
        if line.startswith((' ', '\t')):
            m = PLAN.match(s)
            if m and plan is None:
                plan = int(m.group(1))
                plans[suite] = plan
                continue
            m = TAP_LINE.match(s)
            if m and not s.startswith('#'):
                case = m.group(3).split(' # ')[0].strip()
                tname = 'kunit %s.%s' % (suite, case)
                directive = m.group(3)[len(case):].strip().lstrip('#').strip()
                if m.group(1) == 'ok':
                    if directive.upper().startswith('SKIP'):
                        res.add('skip', tname, directive[4:].strip())
                    else:
                        res.add('pass', tname)
                    count[suite][0] += 1
                else:
                    res.add('fail', tname, '')
                    count[suite][1] += 1
        else:
            m = TAP_LINE.match(s)
            if m:
                suite = None
    for name, (ok, bad) in count.items():
        p = plans.get(name)
        if p is not None and ok + bad < p:
            res.add('fail', 'kunit ' + name,
                    'only %d of %d planned cases reported' % (ok + bad, p))
        out.append('kunit %-38s %d/%s' % (name, ok, p if p is not None else '?'))
    return len(count)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('console')
    ap.add_argument('--expect-kunit', type=int, default=0,
                    help='fail unless at least this many KUnit suites ran')
    ap.add_argument('--tap', metavar='NAME',
                    help='the file is the TAP output of one host-side test '
                    'program NAME (a QEMU qtest), not a VM console')
    ap.add_argument('--rc', type=int, default=None,
                    help='with --tap: the program\'s exit status')
    ap.add_argument('--machine', metavar='NAME',
                    help='the machine the VM must have booted (smmuv3, '
                    'smmuv2, smmuv3-edge, smmuv3-nopriq: sva.machine= on '
                    'its command line)')
    ap.add_argument('-v', '--verbose', action='store_true',
                    help='list every test, not only failures and skips')
    args = ap.parse_args()

    try:
        with open(args.console, 'rb') as f:
            raw = [l.decode('utf-8', 'replace') for l in f.read().splitlines()]
    except OSError as e:
        print('FAIL  vm: cannot read the console log: %s' % e)
        print('RESULT passed=0 failed=1 skipped=0')
        return 1
    lines = [strip(l) for l in raw]

    res = Result()
    out = []
    if args.tap:
        parse_tap(args.tap, lines, args.rc, res, out)
        return report(res, out, [], args.verbose)
    init_at = next((i for i, l in enumerate(lines)
                    if l.startswith('@@SVA init start')), len(lines))
    nsuites = parse_kunit(lines[:init_at], res, out)
    if args.machine and init_at < len(lines):
        m = re.search(r'\bmachine=(\S+)', lines[init_at])
        booted = m.group(1) if m else 'smmuv3'
        if booted != args.machine:
            res.add('fail', 'vm', '/init says machine=%s, expected %s '
                    '(sva.machine= on the kernel command line)' %
                    (booted, args.machine))
    for l in lines[init_at:]:
        if l.startswith('@@SVA not-here '):
            out.append('not run on this machine: %s' %
                       l[len('@@SVA not-here '):].split(':', 1)[-1].strip())
    if nsuites < args.expect_kunit:
        res.add('fail', 'kunit', 'expected at least %d KUnit suites, saw %d '
                '(no KTAP on the console?)' % (args.expect_kunit, nsuites))

    frames = 0
    cur = None
    body = []
    running = None
    for l in lines[init_at:]:
        if l.startswith('@@SVA run '):
            cur = l[len('@@SVA run '):].strip()
            running = cur
            body = []
            continue
        if l.startswith('@@SVA end ') and cur is not None:
            m = re.search(r'rc=(\d+)', l)
            parse_tap(cur, body, int(m.group(1)) if m else None, res, out)
            frames += 1
            cur = None
            continue
        if cur is not None:
            body.append(l)
    if cur is not None:
        parse_tap(cur, body, None, res, out)
        res.add('fail', cur, 'frame never ended (VM died or hung here)')
        frames += 1

    # Splats: report each distinct first line once, with context.
    seen_splats = set()
    splat_blocks = []
    for i, l in enumerate(lines):
        m = SPLAT.search(l)
        if not m:
            continue
        key = re.sub(r'0x[0-9a-f]+|\d+', 'N', l[m.start():])[:120]
        if key in seen_splats:
            continue
        seen_splats.add(key)
        res.add('fail', 'kernel splat', l[m.start():].strip())
        splat_blocks.append('\n'.join('    | ' + x for x in
                                      lines[max(0, i - 3):i + 20]))

    done = any(l.startswith('@@SVA done') for l in lines)
    if not done:
        tail = '\n'.join('    | ' + x for x in lines[-40:])
        res.add('fail', 'vm', 'the VM did not finish (no "@@SVA done"); '
                'last test running: %s' % (running or 'none (before /init)'))
        splat_blocks.append('last 40 console lines:\n' + tail)
    if not res.passed and not res.failed:
        res.add('fail', 'vm', 'no test ran at all')

    return report(res, out, splat_blocks, args.verbose)


def report(res, out, splat_blocks, verbose):
    for l in out:
        print(l)
    if verbose:
        for name, _ in res.passed:
            print('PASS  %s' % name)
    for name, why in res.skipped:
        print('SKIP  %s: %s' % (name, why))
    for name, why in res.failed:
        print('FAIL  %s%s' % (name, ': ' + why if why else ''))
    for b in splat_blocks:
        print(b)
    print('RESULT passed=%d failed=%d skipped=%d' % (
        len(res.passed), len(res.failed), len(res.skipped)))
    return 1 if res.failed else 0


if __name__ == '__main__':
    sys.exit(main())
