#!/usr/bin/env bash
# Measures the real (DJL, CPU) engine and prints, as tables:
#   (a) decode step time vs batch size (1-32) and context (64, 256, 1024 tokens)
#   (b) prefill time vs prompt length (16-1024 tokens)
#   (c) snapshot swap-out / swap-in MiB/s and recompute cost per token
#   (d) kernel overhead per real step: a short live run of examples/live-djl.yaml on DJL engines,
#       then mean / p50 / p99 of its steps.csv's gap_ms (the kernel's turnaround between steps)
#       and ops_ms (batch changes before each forward), with step_ms beside them
#
#   bench/djl-bench.sh [tiny|small]      default tiny; about 2 min for tiny on a 2-core VM
#
# (a)-(c) come from dev.aiosim.inference.Measure, which runs its whole grid once untimed first
# (first-time shapes are several times slower: page faults on new memory). Builds the CLI jar
# if a source changed (through ./aiosim). Needs python3 for (d). AIOSIM_BENCH_STEPS sets the
# timed steps per cell (default 10); AIOSIM_TORCH_THREADS the torch threads (default 1).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
model=${1:-tiny}
case $model in
  tiny|small) ;;
  -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "${BASH_SOURCE[0]}"; exit 0 ;;
  *) echo "djl-bench.sh: expected tiny or small, got '$model'" >&2; exit 2 ;;
esac
steps=${AIOSIM_BENCH_STEPS:-10}
threads=${AIOSIM_TORCH_THREADS:-1}
command -v python3 >/dev/null || { echo "djl-bench.sh: needs python3 to read steps.csv" >&2; exit 1; }
jdk=$("$root/bin/find-jdk.sh" 21) || exit 1
"$root/aiosim" --version >/dev/null # builds the jar first if it is missing or a source changed
jar="$root/cli/target/aiosim.jar"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(date -u +%Y-%m-%dT%H:%MZ)"
# the allocator settings ./aiosim uses for real engines (see the launcher and docs/inference.md)
export GLIBC_TUNABLES=${GLIBC_TUNABLES:-glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=17179869184}
"$jdk/bin/java" --enable-native-access=ALL-UNNAMED -cp "$jar" dev.aiosim.inference.Measure "$model" "$threads" "$steps"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo
echo "(d) kernel overhead per real step: ./aiosim live examples/live-djl.yaml --engine djl --model $model"
"$root/aiosim" live "$root/examples/live-djl.yaml" --engine djl --model "$model" --set cluster.model="$model" \
    --torch-threads "$threads" -q --out "$work/live" >/dev/null
python3 - "$work/live/steps.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
def stats(vals):
    vals = sorted(vals)
    if not vals:
        return "%8s %8s %8s %7s" % ("-", "-", "-", 0)
    pick = lambda q: vals[min(len(vals) - 1, int(q * len(vals)))]
    return "%8.3f %8.3f %8.3f %7d" % (sum(vals) / len(vals), pick(0.50), pick(0.99), len(vals))
print("%-16s %-8s %8s %8s %8s %7s" % ("policy", "column", "mean ms", "p50 ms", "p99 ms", "steps"))
for policy in dict.fromkeys(r["policy"] for r in rows):
    mine = [r for r in rows if r["policy"] == policy]
    for col in ("gap_ms", "ops_ms", "step_ms"):
        print("%-16s %-8s %s" % (policy, col, stats([float(r[col]) for r in mine if r[col] != ""])))
PY
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
