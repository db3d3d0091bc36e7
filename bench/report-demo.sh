#!/usr/bin/env bash
# Builds a small load sweep by hand (the demo spec at Poisson arrival rates 1-4 agents/s, 200
# agents, 3 seeds, fifo/rr/priority), writes its sweep.csv in the layout of `aiosim sweep`
# (grid key, then the summary.csv columns), renders report.html and checks it in headless
# Chromium, with a screenshot of the top of the page.
#   bench/report-demo.sh OUT_DIR [SCREENSHOT.png]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$1; shot=${2:-$out/report.png}
jdk=$("$root/bin/find-jdk.sh" 21)
aiosim() { "$jdk/bin/java" -jar "$root/cli/target/aiosim.jar" "$@"; }
mkdir -p "$out"
spec="$root/cli/src/main/resources/dev/aiosim/cli/demo.yaml"
first=1
for rate in 1 2 3 4; do
  aiosim compare "$spec" --set workload.agents=200 --set "workload.arrivals={process: poisson, rate: $rate}" \
      --set slo.ttft=5s --set slo.e2e=30s -q --overwrite --out "$out/rate-$rate" >/dev/null
  if [ $first = 1 ]; then
    echo "workload.arrivals.rate,$(head -1 "$out/rate-$rate/summary.csv")" > "$out/sweep.csv"; first=0
  fi
  tail -n +2 "$out/rate-$rate/summary.csv" | sed "s/^/$rate,/" >> "$out/sweep.csv"
done
aiosim report "$out"
"$root/bin/check-report.sh" "$out/report.html" "$shot"
