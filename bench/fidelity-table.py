#!/usr/bin/env python3
"""Tables of bench/fidelity.sh.

    python3 bench/fidelity-table.py OUT            one experiment: every metric, live and simulated
    python3 bench/fidelity-table.py OUT1 OUT2 ...  several experiments: the errors side by side,
                                                   their mean |error|, and how much the live runs
                                                   themselves differed from one experiment to the next

In OUT, NAME-live is the run on the real engine; NAME-run the simulation with the calibration the
live run used, NAME-absolute the one fitted by absolute least squares to the same steps (with
--calibrate), NAME-gap the first plus the live run's mean dispatch gap per step (the kernel's
turnaround between two real steps, from steps.csv), NAME-insample the one fitted to the live
run's own steps. Errors are
(simulated - live) / live.
"""
import csv
import os
import sys

METRICS = [
    ("ttft_mean_s", "TTFT mean"), ("ttft_p50_s", "TTFT p50"), ("ttft_p99_s", "TTFT p99"),
    ("e2e_mean_s", "E2E mean"), ("e2e_p50_s", "E2E p50"), ("e2e_p99_s", "E2E p99"),
    ("tokens_per_s", "throughput"), ("makespan_s", "makespan"), ("preemptions", "preemptions"),
]
MODELS = [("run", "grid fit (relative)"), ("absolute", "grid fit (absolute)"), ("gap", "grid fit + dispatch gap"),
          ("insample", "fit to the live steps")]


def rows(path):
    if not os.path.exists(path):
        return {}
    with open(path, newline="") as f:
        return {(r["policy"], r["seed"]): r for r in csv.DictReader(f)}


def rel(sim, live):
    return None if live == 0 else (sim - live) / live


def pct(e):
    return "n/a" if e is None else "%+.1f%%" % (100 * e)


def names(out):
    return sorted(d[:-5] for d in os.listdir(out) if d.endswith("-live") and os.path.isdir(os.path.join(out, d[:-5] + "-run")))


def experiment(out):
    """{(spec, policy, metric): (live, {model: simulated})}"""
    got = {}
    for name in names(out):
        live = rows(os.path.join(out, name + "-live", "summary.csv"))
        sims = {m: rows(os.path.join(out, name + "-" + m, "summary.csv")) for m, _ in MODELS}
        for key in sorted(live):
            for col, label in METRICS:
                if col not in live[key]:
                    continue
                sim = {m: float(s[key][col]) for m, s in sims.items() if key in s}
                got[(name.replace("fidelity-", ""), key[0], label)] = (float(live[key][col]), sim)
    return got


def one(out):
    got = experiment(out)
    models = [(m, t) for m, t in MODELS if any(m in v[1] for v in got.values())]
    print("| spec | policy | metric | live | " + " | ".join("%s | error" % t for _, t in models) + " |")
    print("|---|---|---|---|" + "---|---|" * len(models))
    for (spec, policy, label), (live, sim) in got.items():
        cells = " | ".join(("%.4g | %s" % (sim[m], pct(rel(sim[m], live)))) if m in sim else "- | -" for m, _ in models)
        print("| %s | %s | %s | %.4g | %s |" % (spec, policy, label, live, cells))
    print()
    print("| spec | policy | steps | real step time s | model step time s | model / real | ops per step ms | dispatch gap mean / p50 / p99 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for name in names(out):
        path = os.path.join(out, name + "-live", "steps.csv")
        if os.path.exists(path):
            for key, s in sorted(steps_summary(path).items()):
                g = sorted(s["gaps"])
                gap = "%.3f / %.3f / %.3f" % (sum(g) / len(g), g[len(g) // 2], g[min(len(g) - 1, int(0.99 * len(g)))]) if g else "-"
                print("| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %s |" % (name.replace("fidelity-", ""), key[0], s["n"],
                      s["real"] / 1e3, s["model"] / 1e3, s["model"] / s["real"] if s["real"] else 0, s["ops"] / s["n"], gap))


def several(outs):
    exps = [experiment(o) for o in outs]
    keys = [k for k in exps[0] if all(k in e for e in exps) and k[2] != "preemptions"]
    models = [(m, t) for m, t in MODELS if all(m in e[k][1] for e in exps for k in keys)]
    head = " | ".join("%s: errors | mean abs" % t for _, t in models)
    print("| spec | policy | metric | live (spread) | " + head + " |")
    print("|---|---|---|---|" + "---|---|" * len(models))
    for k in keys:
        lives = [e[k][0] for e in exps]
        mean = sum(lives) / len(lives)
        spread = "%.4g (%s)" % (mean, "±%.0f%%" % (50 * (max(lives) - min(lives)) / mean) if mean else "-")
        cells = []
        for m, _ in models:
            errs = [rel(e[k][1][m], e[k][0]) for e in exps]
            ok = [x for x in errs if x is not None]
            cells.append("%s | %s" % (" ".join(pct(x) for x in errs), "%.1f%%" % (100 * sum(abs(x) for x in ok) / len(ok)) if ok else "-"))
        print("| %s | %s | %s | %s | %s |" % (k[0], k[1], k[2], spread, " | ".join(cells)))


def steps_summary(path):
    """Per policy: steps, real and model step time in total, ops time and dispatch gaps (ms)."""
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


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: fidelity-table.py OUT [OUT ...]")
    for o in sys.argv[1:]:
        if not names(o):
            sys.exit("no NAME-live / NAME-run folder pairs under " + o)
    if len(sys.argv) == 2:
        one(sys.argv[1])
    else:
        several(sys.argv[1:])
