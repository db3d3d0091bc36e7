#!/usr/bin/env bash
# Builds the bench module and runs its JMH benchmarks, writing the results under results/bench/.
#
#   bench/run-jmh.sh [quick|full] [JMH regex or options ...]
#
#   quick (default): -f 1 -wi 2 -w 1s -i 3 -r 1s    a few minutes for everything; noisy
#   full:            -f 3 -wi 5 -w 2s -i 10 -r 2s   about 1.5 min per benchmark and parameter set
#
# Anything after the mode goes to JMH as is: a regex picks benchmarks (EventQueue, SchedulerDecision,
# Dispatch, ...) and options are added (-p queued=1000, -prof gc) or replace the mode's (-f 2). Examples:
#   bench/run-jmh.sh                              # every benchmark, quick
#   bench/run-jmh.sh full SchedulerDecision       # one class, precise
#   bench/run-jmh.sh quick 'EventQueue|Dispatch' -p pending=10000
#
# Writes results/bench/jmh-<mode>-<yyyyMMdd-HHmmss>.json (JMH's JSON), .txt (the console output),
# .md (a table of the scores) and -machine.txt (CPU, cores, memory, load, JDK, commit).
# AIOSIM_BENCH_OUT changes the folder; AIOSIM_BENCH_SKIP_BUILD=1 reuses bench/target/benchmarks.jar;
# JMH_HEAP sets each fork's heap (default -Xms2g -Xmx2g: results do not depend on the machine's RAM).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=quick
case "${1:-}" in
  quick|full) mode=$1; shift ;;
  -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "${BASH_SOURCE[0]}"; exit 0 ;;
esac
case $mode in
  quick) defaults=(-f 1 -wi 2 -w 1s -i 3 -r 1s) ;;
  full)  defaults=(-f 3 -wi 5 -w 2s -i 10 -r 2s) ;;
esac
# JMH refuses an option given twice: the caller's -f, -wi, -w, -i or -r replaces the mode's
settings=()
for ((k = 0; k < ${#defaults[@]}; k += 2)); do
  case " $* " in
    *" ${defaults[k]} "*) ;;
    *) settings+=("${defaults[k]}" "${defaults[k + 1]}") ;;
  esac
done

jdk=$("$root/bin/find-jdk.sh" 21) || exit 1
jar="$root/bench/target/benchmarks.jar"
if [ "${AIOSIM_BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
  echo "run-jmh: building the bench module with $jdk ..." >&2
  (cd "$root" && JAVA_HOME="$jdk" ./mvnw -B -q -pl bench -am package -DskipTests >&2)
fi

out=${AIOSIM_BENCH_OUT:-$root/results/bench}
mkdir -p "$out"
stamp=$(date -u +%Y%m%d-%H%M%S)
base="$out/jmh-$mode-$stamp"
"$root/bench/machine.sh" "$jdk" > "$base-machine.txt"
{
  echo "command: bench/run-jmh.sh $mode $*"
  echo "jmh settings: ${settings[*]} $* -jvmArgsAppend '${JMH_HEAP:--Xms2g -Xmx2g}'"
} >> "$base-machine.txt"
cat "$base-machine.txt" >&2

"$jdk/bin/java" -jar "$jar" "${settings[@]}" -jvmArgsAppend "${JMH_HEAP:--Xms2g -Xmx2g}" \
  -rf json -rff "$base.json" "$@" 2>&1 | tee "$base.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" >> "$base-machine.txt"
# sample-mode runs put every raw sample histogram in the JSON (megabytes): keep the scores and
# percentiles only, so the files stay small enough to commit
if command -v jq >/dev/null && [ -s "$base.json" ]; then
  jq 'map(.primaryMetric |= del(.rawData, .rawDataHistogram)
          | if .secondaryMetrics then .secondaryMetrics |= map_values(del(.rawData, .rawDataHistogram)) else . end)' \
    "$base.json" > "$base.json.tmp" && mv "$base.json.tmp" "$base.json"
fi
# a markdown table of the scores, for bench/README.md
if command -v jq >/dev/null && [ -s "$base.json" ]; then
  {
    echo "| benchmark | parameters | score | ± error (99.9%) | unit |"
    echo "|---|---|---|---|---|"
    jq -r '.[] | "| \(.benchmark | split(".") | .[-2:] | join(".")) | \(.params // {} | to_entries | map("\(.key)=\(.value)") | join(", ")) | \(.primaryMetric.score * 1000 | round / 1000) | \(.primaryMetric.scoreError * 1000 | round / 1000) | \(.primaryMetric.scoreUnit) |"' "$base.json"
  } > "$base.md"
fi
echo "run-jmh: results in $base.json, .txt, .md and -machine.txt" >&2
