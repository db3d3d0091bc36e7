#!/usr/bin/env bash
# A small load sweep of the demo spec with `aiosim sweep` (Poisson arrival rates 1-4 agents/s,
# 200 agents, 3 seeds, fifo/rr/priority, an SLO of 5 s TTFT and 30 s E2E), its report.html, and
# the check of that page in headless Chromium with a screenshot of the top of the page (the one in
# results/report-demo.png).
#   bench/report-demo.sh OUT_DIR [SCREENSHOT.png]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$1; shot=${2:-$out/report.png}
jdk=$("$root/bin/find-jdk.sh" 21)
spec="$root/cli/src/main/resources/dev/aiosim/cli/demo.yaml"
"$jdk/bin/java" -jar "$root/cli/target/aiosim.jar" sweep "$spec" --set workload.agents=200 \
    --set "workload.arrivals={process: poisson, rate: 1}" --vary workload.arrivals.rate=1,2,3,4 \
    --set slo.ttft=5s --set slo.e2e=30s -q --out "$out"
"$root/bin/check-report.sh" "$out/report.html" "$shot"
