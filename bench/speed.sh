#!/usr/bin/env bash
# Measures the simulator's speed figures of DESIGN.md §11 and prints them as a table:
#   (a) event loop events/s with 10k events pending     (EventLoopSpeed, target >= 2 M events/s)
#   (b) Azure LLM 2023 conv trace replay, simulated seconds per wall second (target >= 2,000x)
#   (c) 2,000 ReAct agents (bench/specs/react-2000.yaml): wall time and events/s
#   (d) heap: the smallest -Xmx at which (b) and (c) still finish (bisection over a ladder of
#       sizes), and the largest heap occupancy after a GC in a -Xlog:gc run with -Xmx64m
#
#   bench/speed.sh [quick|full]     quick (default): 3 runs each, about 2 min; full: 7 runs each
#
# Runs (b) and (c) through ./aiosim, exactly as a user would; figures come from run.json (wall
# time inside the simulation, without JVM start-up). Writes results/bench/speed-<mode>-<stamp>.txt
# and -machine.txt (AIOSIM_BENCH_OUT changes the folder; AIOSIM_BENCH_SKIP_BUILD=1 reuses the jars).
# AIOSIM_TRACE overrides the trace path (default ../shared/traces/..., then /work/shared/traces/...).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:-quick}
case $mode in
  quick) runs=3 loopruns=6 ;;
  full) runs=7 loopruns=11 ;;
  -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "${BASH_SOURCE[0]}"; exit 0 ;;
  *) echo "speed.sh: expected quick or full, got '$mode'" >&2; exit 2 ;;
esac
command -v jq >/dev/null || { echo "speed.sh: needs jq to read run.json" >&2; exit 1; }
jdk=$("$root/bin/find-jdk.sh" 21) || exit 1
trace=${AIOSIM_TRACE:-}
for t in "$root/../shared/traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv" \
         /work/shared/traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv; do
  [ -z "$trace" ] && [ -f "$t" ] && trace=$t
done
[ -n "$trace" ] && [ -f "$trace" ] || { echo "speed.sh: Azure conv trace not found; set AIOSIM_TRACE" >&2; exit 1; }
spec="$root/bench/specs/react-2000.yaml"

if [ "${AIOSIM_BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$root/bench/target/benchmarks.jar" ]; then
  echo "speed.sh: building (bench module and CLI) with $jdk ..." >&2
  (cd "$root" && JAVA_HOME="$jdk" ./mvnw -B -q -pl bench -am package -DskipTests >&2)
fi
out=${AIOSIM_BENCH_OUT:-$root/results/bench}
mkdir -p "$out"
base="$out/speed-$mode-$(date -u +%Y%m%d-%H%M%S)"
"$root/bench/machine.sh" "$jdk" >"$base-machine.txt"
echo "command: bench/speed.sh $mode" >>"$base-machine.txt"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/aiosim-speed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
best() { sort -g | tail -n1; }
least() { sort -g | head -n1; }

# one aiosim run into a fresh folder; prints the folder, or fails with the end of its log.
# $1 = java options, the rest = aiosim arguments
aiosim_run() {
  local opts=$1 dir; shift
  dir=$(mktemp -d "$tmp/run.XXXXXX")
  if AIOSIM_JAVA_OPTS="$opts" timeout 300 "$root/aiosim" "$@" --out "$dir" -q >"$dir.log" 2>&1 && [ -f "$dir/run.json" ]; then
    echo "$dir"
  else
    return 1
  fi
}
last_log() { tail -n 20 "$(ls -t "$tmp"/run.*.log | head -n1)" >&2; }

# smallest heap in the ladder at which the command finishes (bisection; assumes monotone)
ladder=(4m 5m 6m 7m 8m 10m 12m 16m 24m 32m 48m 64m 96m 128m 192m 256m 384m 512m 1g 2g)
min_heap() {
  local lo=-1 hi=$((${#ladder[@]} - 1)) mid
  aiosim_run "-Xmx${ladder[$hi]}" "$@" >/dev/null || { echo "> ${ladder[$hi]}"; return; }
  while [ $((hi - lo)) -gt 1 ]; do
    mid=$(((lo + hi) / 2))
    if aiosim_run "-Xmx${ladder[$mid]}" "$@" >/dev/null; then hi=$mid; else lo=$mid; fi
    echo "  -Xmx${ladder[$mid]}: $([ $hi = $mid ] && echo ok || echo fails)" >&2
  done
  if [ $lo -ge 0 ]; then echo "${ladder[$hi]} (fails at ${ladder[$lo]})"; else echo "<= ${ladder[$hi]}"; fi
}

# largest heap occupancy after a collection, from a -Xlog:gc run with a 64 MiB heap (small
# enough that G1 collects often, so the largest live set is seen)
gc_peak() {
  local log; log=$(mktemp "$tmp/gc.XXXXXX")
  aiosim_run "-Xmx64m -Xlog:gc:file=$log" "$@" >/dev/null || { echo "run failed"; return; }
  grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$log" | sed 's/.*->\([0-9]*\)M(\([0-9]*\)M)/\1 \2/' |
    awk 'BEGIN {a = 0; c = 0} {if ($1 > a) a = $1; if ($2 > c) c = $2} END {if (NR == 0) print "no GC"; else printf "%d MiB after GC (%d GCs, heap <= %d MiB)\n", a, NR, c}'
}

echo "speed.sh: (a) event loop, 10k pending, $loopruns runs ..." >&2
loop=$("$jdk/bin/java" -cp "$root/bench/target/benchmarks.jar" dev.aiosim.bench.EventLoopSpeed 10000 200 "$loopruns")
echo "$loop" >&2
loop_best=$(echo "$loop" | sed -n 's/.*best \([0-9]*\) events.*/\1/p')
loop_median=$(echo "$loop" | sed -n 's/.*median \([0-9]*\) events.*/\1/p')

echo "speed.sh: (b) Azure conv replay, $runs runs ..." >&2
: >"$tmp/b"
for i in $(seq "$runs"); do
  d=$(aiosim_run "" replay "$trace") || { echo "speed.sh: replay failed:" >&2; last_log; exit 1; }
  jq -r '.runs[0] | "\(.sim_s_per_wall_s) \(.events_per_s) \(.wall_s) \(.sim_s) \(.events)"' "$d/run.json" >>"$tmp/b"
done
b_best=$(cut -d' ' -f1 "$tmp/b" | best); b_median=$(cut -d' ' -f1 "$tmp/b" | median)
b_ev=$(cut -d' ' -f2 "$tmp/b" | median); b_wall=$(cut -d' ' -f3 "$tmp/b" | median)
b_sim=$(head -n1 "$tmp/b" | cut -d' ' -f4); b_events=$(head -n1 "$tmp/b" | cut -d' ' -f5)

echo "speed.sh: (c) react-2000, $runs runs ..." >&2
: >"$tmp/c"
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  d=$(aiosim_run "" run "$spec") || { echo "speed.sh: react-2000 failed:" >&2; last_log; exit 1; }
  end=$(date +%s%N)
  jq -r --arg proc "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", (b - a) / 1e9}')" \
    '.runs[0] | "\(.wall_s) \(.events_per_s) \($proc) \(.events) \(.sim_s)"' "$d/run.json" >>"$tmp/c"
done
c_least=$(cut -d' ' -f1 "$tmp/c" | least); c_median=$(cut -d' ' -f1 "$tmp/c" | median)
c_ev=$(cut -d' ' -f2 "$tmp/c" | median); c_proc=$(cut -d' ' -f3 "$tmp/c" | median)
c_events=$(head -n1 "$tmp/c" | cut -d' ' -f4); c_sim=$(head -n1 "$tmp/c" | cut -d' ' -f5)

echo "speed.sh: (d) heap: bisection over -Xmx and GC logs ..." >&2
b_heap=$(min_heap replay "$trace"); c_heap=$(min_heap run "$spec")
b_gc=$(gc_peak replay "$trace"); c_gc=$(gc_peak run "$spec")

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" >>"$base-machine.txt"
meets() { awk -v v="$1" -v t="$2" 'BEGIN {print (v >= t ? "yes" : "NO")}'; }
{
  printf '| figure | best | median of %s | target | met (median) |\n|---|---|---|---|---|\n' "$runs"
  printf '| (a) event loop, 10k pending: events/s (%s runs after warm-up) | %.2f M | %.2f M | >= 2 M | %s |\n' \
    "$((loopruns - 1))" "$(awk -v v="$loop_best" 'BEGIN {print v / 1e6}')" "$(awk -v v="$loop_median" 'BEGIN {print v / 1e6}')" \
    "$(meets "$loop_median" 2000000)"
  printf '| (b) Azure conv replay (%s s simulated, %s events): simulated s per wall s | %.0fx | %.0fx | >= 2,000x | %s |\n' \
    "$(printf %.0f "$b_sim")" "$b_events" "$b_best" "$b_median" "$(meets "$b_median" 2000)"
  printf '| (b) same: events/s; wall s in the simulation | | %.0f; %.2f s | | |\n' "$b_ev" "$b_wall"
  printf '| (c) react-2000 (%s s simulated, %s events): wall s in the simulation | %.2f s | %.2f s | | |\n' \
    "$(printf %.0f "$c_sim")" "$c_events" "$c_least" "$c_median"
  printf '| (c) same: events/s; whole command incl. JVM start | | %.0f; %.2f s | | |\n' "$c_ev" "$c_proc"
  printf '| (d) smallest -Xmx: replay; react-2000 | | %s; %s | | |\n' "$b_heap" "$c_heap"
  printf '| (d) -Xlog:gc with -Xmx64m, largest live heap: replay; react-2000 | | %s; %s | | |\n' "$b_gc" "$c_gc"
  echo
  echo "Raw values, one per run in run order:"
  echo "$loop" | grep '^run ' | sed 's/^/    (a) /'
  awk '{printf "    (b) %.0fx sim s per wall s, %.0f events/s, %.3f s wall\n", $1, $2, $3}' "$tmp/b"
  awk '{printf "    (c) %.3f s wall in the simulation, %.0f events/s, %s s whole command\n", $1, $2, $3}' "$tmp/c"
} | tee "$base.txt"
echo "speed.sh: results in $base.txt and $base-machine.txt" >&2
