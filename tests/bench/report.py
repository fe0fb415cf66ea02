#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Tables, CSV/JSON and a plot from the consoles of scripts/bench.sh.

Reads the "@@BENCH" lines tests/bench/vm/run.sh printed on each kernel's
console and the header of each row file (tests/bench/rows/*.sh):

    # title: what is measured
    # ref: base | ROW-ID       ratio series/base, or to another row's
                               median on the same kernel (none: no ratio)
    # kernels: series          default: base series

Every ratio is a ratio of medians from this one invocation.  Writes
RUN/results.json (everything), RUN/summary.csv (one line per row and
kernel), RUN/samples.csv (every sample) and RUN/bench.png.  Exits 1 if a
row failed or a reference is missing, after printing everything else.
"""
import argparse
import csv
import glob
import json
import os
import re
import statistics
import sys

KERNELS = ("base", "series")
# A kernel that complained while being measured does not give numbers
SPLAT = re.compile(r"(WARNING:|BUG:|Oops|Kernel panic|KASAN:|possible circular locking|"
                   r"Unable to handle kernel)")


def row_headers(rows_dir):
    rows = {}
    for path in sorted(glob.glob(os.path.join(rows_dir, "*.sh"))):
        rid = os.path.basename(path)[:-3]
        h = {"id": rid, "title": rid, "ref": None, "kernels": list(KERNELS)}
        with open(path) as f:
            for line in f:
                m = re.match(r"#\s*(title|ref|kernels):\s*(.*\S)", line)
                if not m:
                    continue
                k, v = m.groups()
                if k == "kernels":
                    h[k] = v.split()
                else:
                    h[k] = v
        rows[rid] = h
    return rows


def parse_console(path):
    """-> (info dict, {row: {"samples", "warmup", "say", "rc"}}, done)"""
    info, res, done = {}, {}, False
    info["splats"] = []
    if not os.path.exists(path):
        return info, res, done
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if SPLAT.search(line):
                info["splats"].append(line.strip())
            if line.startswith("@@SVA done"):
                done = True
            if not line.startswith("@@BENCH "):
                continue
            parts = line.split(" ", 3)
            kind = parts[1]
            if kind == "info":
                rest = line.split(" ", 2)[2]
                if rest.startswith("version="):
                    info["version"] = rest[len("version="):]
                else:
                    for kv in rest.split():
                        k, _, v = kv.partition("=")
                        info[k] = v
                continue
            if len(parts) < 3:
                continue
            r = res.setdefault(parts[2], {"samples": [], "warmup": [], "say": [], "rc": None})
            arg = parts[3] if len(parts) > 3 else ""
            if kind in ("sample", "warmup"):
                try:
                    r["samples" if kind == "sample" else "warmup"].append(float(arg))
                except ValueError:
                    r["say"].append("unreadable sample: " + arg)
            elif kind == "say":
                r["say"].append(arg)
            elif kind == "end":
                r["rc"] = int(arg.split("=")[1]) if "=" in arg else -1
    return info, res, done


def stats(samples):
    s = sorted(samples)
    q = statistics.quantiles(s, n=4) if len(s) >= 2 else [s[0]] * 3
    return {"runs": len(s), "min": s[0], "median": statistics.median(s), "max": s[-1],
            "q1": q[0], "q3": q[2], "iqr_pct": 100.0 * (q[2] - q[0]) / statistics.median(s)}


def fmt_us(ns):
    us = ns / 1000.0
    if us >= 1000:
        return "%.0f" % us
    if us >= 100:
        return "%.1f" % us
    if us >= 10:
        return "%.2f" % us
    return "%.3f" % us


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", required=True)
    ap.add_argument("--run", required=True)
    ap.add_argument("--console", action="append", default=[], help="KERNEL=PATH")
    a = ap.parse_args()

    rows = row_headers(a.rows)
    consoles = dict(c.split("=", 1) for c in a.console)
    info, results, done = {}, {}, {}
    for k in KERNELS:
        info[k], results[k], done[k] = parse_console(consoles.get(k, ""))

    # Which rows ran: those in the initramfs (bench.sh may have selected)
    selected = set()
    for k in KERNELS:
        d = os.path.join(a.run, "root-%s" % k, "bench", "rows")
        if os.path.isdir(d):
            selected |= {f[:-3] for f in os.listdir(d) if f.endswith(".sh")}
    if selected:
        rows = {r: h for r, h in rows.items() if r in selected}

    out = {"versions": open(os.path.join(a.run, "versions.txt")).read()
           if os.path.exists(os.path.join(a.run, "versions.txt")) else "",
           "vm": info, "rows": []}
    failed = 0
    for rid, h in rows.items():
        row = dict(h)
        row["results"] = {}
        for k in h["kernels"]:
            r = results[k].get(rid)
            e = {"kernel": k, "samples": [], "warmup": []}
            if r is None:
                e["error"] = ("the VM never reached this row (boot failed or timed out; see console-%s.log)" % k
                              if not done[k] else "the row did not run")
            else:
                e["samples"], e["warmup"] = r["samples"], r["warmup"]
                errs = [s for s in r["say"] if s.startswith(("error:", "skip:"))]
                if r["rc"] != 0 or errs or len(r["samples"]) < 3:
                    why = errs[-1] if errs else (r["say"][-1] if r["say"] else
                                                 "exit %s, %d samples" % (r["rc"], len(r["samples"])))
                    e["error"] = why
                    e["output"] = r["say"]
                else:
                    e.update(stats(r["samples"]))
            if "error" in e:
                failed += 1
            row["results"][k] = e
        out["rows"].append(row)

    # Ratios of medians
    by_id = {r["id"]: r for r in out["rows"]}
    for row in out["rows"]:
        ref = row["ref"]
        row["ratios"] = {}
        if not ref or ref == "none":
            continue
        if ref == "base":
            b, s = row["results"].get("base", {}), row["results"].get("series", {})
            if "median" in b and "median" in s:
                row["ratios"]["series/base"] = s["median"] / b["median"]
            continue
        other = by_id.get(ref)
        if other is None:
            row["ref_error"] = "reference row %s not found" % ref
            failed += 1
            continue
        for k, e in row["results"].items():
            o = other["results"].get(k, {})
            if "median" in e and "median" in o:
                row["ratios"]["%s: /%s" % (k, ref)] = e["median"] / o["median"]

    # --- tables ---
    print()
    print("Benchmarks (times in microseconds of emulated time per operation, TCG;")
    print("ratios are ratios of medians from this invocation: compare those)")
    for row in out["rows"]:
        ref = row["ref"]
        what = ("ratio series/base" if ref == "base" else
                "ratio to %s" % ref if ref and ref != "none" else "reference, no ratio")
        print()
        print("%s  %s" % (row["id"], row["title"]))
        print("    %-7s %5s %10s %10s %10s %8s   %s" % ("kernel", "runs", "min", "median", "max", "IQR", what))
        for k, e in row["results"].items():
            if "error" in e:
                print("    %-7s FAILED: %s" % (k, e["error"]))
                continue
            rat = ""
            if ref == "base" and k == "series" and "series/base" in row["ratios"]:
                rat = "%.3f" % row["ratios"]["series/base"]
            elif "%s: /%s" % (k, ref) in row["ratios"]:
                rat = "%.3f" % row["ratios"]["%s: /%s" % (k, ref)]
            print("    %-7s %5d %10s %10s %10s %7.1f%%   %s" % (
                k, e["runs"], fmt_us(e["min"]), fmt_us(e["median"]), fmt_us(e["max"]), e["iqr_pct"], rat))
        if row.get("ref_error"):
            print("    FAILED: " + row["ref_error"])

    # summary: ratios first
    print()
    print("Summary (ratio of medians; spread = IQR/median of the row's series samples)")
    print("| row | benchmark | ratio | against | series median us | spread |")
    print("|---|---|---:|---|---:|---:|")
    for row in out["rows"]:
        rats = row["ratios"]
        ref = row["ref"] if row["ref"] and row["ref"] != "none" else "-"
        key = "series/base" if ref == "base" else "series: /%s" % ref
        rat = "%.3f" % rats[key] if key in rats else ("-" if ref == "-" else "n/a")
        s = row["results"].get("series", {})
        med = fmt_us(s["median"]) if "median" in s else "FAILED"
        spr = "%.1f%%" % s["iqr_pct"] if "iqr_pct" in s else "-"
        print("| %s | %s | %s | %s | %s | %s |" % (row["id"], row["title"], rat, ref, med, spr))

    # --- files ---
    with open(os.path.join(a.run, "results.json"), "w") as f:
        json.dump(out, f, indent=1)
    with open(os.path.join(a.run, "summary.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["row", "title", "kernel", "runs", "min_ns", "median_ns", "max_ns", "iqr_pct",
                    "ref", "ratio", "error"])
        for row in out["rows"]:
            for k, e in row["results"].items():
                rk = "series/base" if row["ref"] == "base" else "%s: /%s" % (k, row["ref"])
                w.writerow([row["id"], row["title"], k, e.get("runs", 0),
                            "%.1f" % e["min"] if "min" in e else "",
                            "%.1f" % e["median"] if "median" in e else "",
                            "%.1f" % e["max"] if "max" in e else "",
                            "%.2f" % e["iqr_pct"] if "iqr_pct" in e else "",
                            row["ref"] or "",
                            "%.4f" % row["ratios"][rk] if rk in row["ratios"] and
                            (row["ref"] != "base" or k == "series") else "",
                            e.get("error", "")])
    with open(os.path.join(a.run, "samples.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["row", "kernel", "kind", "index", "ns"])
        for row in out["rows"]:
            for k, e in row["results"].items():
                for i, v in enumerate(e["warmup"]):
                    w.writerow([row["id"], k, "warmup", i, v])
                for i, v in enumerate(e["samples"]):
                    w.writerow([row["id"], k, "sample", i, v])

    for k in KERNELS:
        if info[k].get("splats"):
            failed += 1
            print()
            print("FAILED: %s kernel logged %d suspicious line(s) while measured, first: %s" % (
                k, len(info[k]["splats"]), info[k]["splats"][0]))
    plot(out, os.path.join(a.run, "bench.png"))
    print()
    print("files: %s/{results.json,summary.csv,samples.csv,bench.png,versions.txt,config/}" % a.run)
    if failed:
        print("%d row result(s) FAILED (reasons above)" % failed)
    return 1 if failed else 0


def plot(out, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as e:
        print("no plot: %s (scripts/deps.sh python3-matplotlib installs it)" % e)
        return
    rows = [r for r in out["rows"] if any(e["samples"] for e in r["results"].values())]
    if not rows:
        return
    n = len(rows)
    cols = 4
    lines = (n + cols - 1) // cols
    fig, axes = plt.subplots(lines, cols, figsize=(4.2 * cols, 3.2 * lines), squeeze=False)
    colours = {"base": "tab:blue", "series": "tab:orange"}
    for ax, row in zip(axes.flat, rows):
        ks = [k for k, e in row["results"].items() if e["samples"]]
        data = [[v / 1000.0 for v in row["results"][k]["samples"]] for k in ks]
        bp = ax.boxplot(data, labels=ks, widths=0.5, showfliers=False, patch_artist=True)
        for patch, k in zip(bp["boxes"], ks):
            patch.set_facecolor(colours.get(k, "grey"))
            patch.set_alpha(0.35)
        for i, (k, d) in enumerate(zip(ks, data)):
            xs = [i + 1 + ((j % 7) - 3) * 0.04 for j in range(len(d))]
            ax.plot(xs, d, ".", color=colours.get(k, "grey"), markersize=4)
        t = row["title"]
        ax.set_title("%s\n%s" % (row["id"], t if len(t) < 48 else t[:45] + "..."), fontsize=8)
        ax.set_ylabel("us / op", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(axis="y", alpha=0.3)
        if "error" in row["results"].get("base", {}) and "base" in row["kernels"]:
            ax.text(0.5, 0.02, "base failed", transform=ax.transAxes, ha="center", fontsize=7, color="red")
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    fig.suptitle("scripts/bench.sh: distributions of the measured samples (TCG: emulated time)", fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    fig.savefig(path, dpi=90)
    plt.close(fig)


if __name__ == "__main__":
    sys.exit(main())
