#!/usr/bin/env python3
"""Tables of bench/fidelity.sh: for each NAME-live / NAME-run pair of results folders under OUT,
the live (real engine) and simulated (calibrated model) figures per policy and the simulation's
relative error (run - live) / live; then, from the live run's steps.csv when it has one, the real
step times against the calibrated model's times for the same steps.

    python3 bench/fidelity-table.py OUT
"""
import csv
import os
import sys

METRICS = [
    ("ttft_mean_s", "TTFT mean s"), ("ttft_p50_s", "TTFT p50 s"), ("ttft_p99_s", "TTFT p99 s"),
    ("e2e_mean_s", "E2E mean s"), ("e2e_p50_s", "E2E p50 s"), ("e2e_p99_s", "E2E p99 s"),
    ("tokens_per_s", "throughput tok/s"), ("makespan_s", "makespan s"), ("preemptions", "preemptions"),
]


def rows(path):
    with open(path, newline="") as f:
        return {(r["policy"], r["seed"]): r for r in csv.DictReader(f)}


def err(run, live):
    if live == 0:
        return "n/a" if run != 0 else "0.0%"
    return "%+.1f%%" % (100.0 * (run - live) / live)


def steps_summary(path):
    """Per policy: steps, real and model step time in total, mean ops and dispatch gap (ms)."""
    out = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            s = out.setdefault((r["policy"], r["seed"]), {"n": 0, "real": 0.0, "model": 0.0, "ops": 0.0, "gaps": []})
            s["n"] += 1
            s["real"] += float(r["step_ms"])
            s["model"] += float(r["model_ms"])
            s["ops"] += float(r.get("ops_ms") or 0)
            if r.get("gap_ms"):
                s["gaps"].append(float(r["gap_ms"]))
    return out


def main(out):
    names = sorted(d[:-5] for d in os.listdir(out) if d.endswith("-live") and os.path.isdir(os.path.join(out, d[:-5] + "-run")))
    if not names:
        sys.exit("no NAME-live / NAME-run folder pairs under " + out)
    print("| spec | policy | metric | live (real engine) | run (calibrated) | error | run (fitted to the live steps) | error |")
    print("|---|---|---|---|---|---|---|---|")
    worst = []
    for name in names:
        live = rows(os.path.join(out, name + "-live", "summary.csv"))
        run = rows(os.path.join(out, name + "-run", "summary.csv"))
        fitted = os.path.join(out, name + "-insample", "summary.csv")
        ins = rows(fitted) if os.path.exists(fitted) else {}
        for key in sorted(live):
            if key not in run:
                continue
            for col, label in METRICS:
                if col not in live[key]:
                    continue
                x, y = float(live[key][col]), float(run[key][col])
                e = err(y, x)
                z = "| %.4g | %s" % (float(ins[key][col]), err(float(ins[key][col]), x)) if key in ins else "| - | -"
                print("| %s | %s | %s | %.4g | %.4g | %s %s |" % (name, key[0], label, x, y, e, z))
                if col.endswith("mean_s") or col.endswith("p99_s"):
                    worst.append((abs(y - x) / x if x else 0.0, name, key[0], label, e))
    worst.sort(reverse=True)
    print()
    print("Largest errors on means and p99s: " + "; ".join("%s %s %s %s" % w[1:] for w in worst[:5]))
    print()
    print("| spec | policy | steps | real step time s | model step time s | model / real | ops per step ms | dispatch gap mean / p50 / p99 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for name in names:
        path = os.path.join(out, name + "-live", "steps.csv")
        if not os.path.exists(path):
            continue
        for key, s in sorted(steps_summary(path).items()):
            g = sorted(s["gaps"])
            gap = "%.3f / %.3f / %.3f" % (sum(g) / len(g), g[len(g) // 2], g[min(len(g) - 1, int(0.99 * len(g)))]) if g else "-"
            print("| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %s |" % (name, key[0], s["n"], s["real"] / 1e3, s["model"] / 1e3,
                                                                     s["model"] / s["real"] if s["real"] else 0, s["ops"] / s["n"], gap))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: fidelity-table.py OUT")
    main(sys.argv[1])
