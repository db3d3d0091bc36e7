#!/usr/bin/env bash
# Checks that two builds of aiosim give byte-identical results (for refactorings that must not
# change behaviour): runs the same commands with both jars and diffs the result folders, ignoring
# run.json (wall-clock facts), the rerun comment of spec.yaml and the command line in report.html's
# facts, which name the folder.
#   bench/same-results.sh OLD.jar NEW.jar [WORKDIR]
# Commands: the demo; replays of the shared Azure conv, Mooncake conv (prefix cache on, 10 min)
# and TraceLab traces (when ../shared/traces exists); run of paper-notes/live-vs-sim.yaml; and a
# replay of a trace recorded live (by OLD, dilation 100) under that spec.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
old=$(realpath "$1"); new=$(realpath "$2"); work=${3:-$(mktemp -d)}
jdk=$("$root/bin/find-jdk.sh" 21)
traces="$root/../shared/traces"
cd "$root"
"$jdk/bin/java" -jar "$old" live paper-notes/live-vs-sim.yaml --dilation 100 -q --out "$work/live" >/dev/null
for side in old new; do
  jar=$old; [ "$side" = new ] && jar=$new
  out="$work/$side"; run() { "$jdk/bin/java" -jar "$jar" "$@" -q >/dev/null; }
  run demo --out "$out/demo"
  run run paper-notes/live-vs-sim.yaml --out "$out/lvs-run"
  run replay "$work/live/trace.jsonl" --spec paper-notes/live-vs-sim.yaml --out "$out/lvs-replay"
  if [ -d "$traces" ]; then
    run replay "$traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv" --out "$out/azure"
    run replay "$traces/mooncake-fast25/conversation_trace.jsonl" --set cluster.prefix-cache=on --set horizon=10m --out "$out/mooncake"
    run replay "$traces/tracelab/multi_session_large.csv" --set cluster.prefix-cache=on --policy fifo --policy rr --policy priority --out "$out/tracelab"
  fi
done
# report.html's facts line names the command, whose --out folder differs (old/ vs new/)
if diff -r -x run.json -I '^# Run it again' -I 'command: aiosim .* --out ' "$work/old" "$work/new"; then
  echo "same results: $(find "$work/new" -type f ! -name run.json | wc -l) files identical ($work)"
else
  echo "results differ ($work)"; exit 1
fi
