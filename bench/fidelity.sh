#!/usr/bin/env bash
# The fidelity experiment of paper-notes/fidelity.md: each spec run twice, live on a real DJL
# engine (`aiosim live SPEC --engine djl`) and simulated with the calibrated step-cost model
# (`aiosim run SPEC`), then the table of both and the relative error of the simulation; and a
# third run with the model refitted to the live run's own steps (its steps.csv), "in sample".
#   bench/fidelity.sh OUT_DIR [SPEC ...]        (default specs: paper-notes/fidelity-{light,saturated,azure}.yaml)
# Environment: AIOSIM_FIDELITY_SEED=N runs another seed (default: the spec's); the calibration the
# specs use is paper-notes/fidelity-tiny.properties (make it again with the command in fidelity.md).
# Needs python3 for the table. Live runs take real time: about 3 minutes for the three specs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ $# -lt 1 ]; then
    echo "usage: bench/fidelity.sh OUT_DIR [SPEC ...]" >&2
    exit 2
fi
out=$1; shift
specs=("$@")
if [ ${#specs[@]} -eq 0 ]; then
    specs=("$root/paper-notes/fidelity-light.yaml" "$root/paper-notes/fidelity-saturated.yaml" "$root/paper-notes/fidelity-azure.yaml")
fi
if [ -e "$out" ]; then
    echo "bench/fidelity.sh: $out exists; give a new folder" >&2
    exit 2
fi
command -v python3 >/dev/null || { echo "bench/fidelity.sh: python3 is needed for the table" >&2; exit 2; }
mkdir -p "$out"
seed=()
if [ -n "${AIOSIM_FIDELITY_SEED:-}" ]; then seed=(--seed "$AIOSIM_FIDELITY_SEED"); fi
"$root/aiosim" --version >/dev/null   # builds the CLI first if needed
"$root/bench/machine.sh" > "$out/machine-start.txt" 2>/dev/null || true
for spec in "${specs[@]}"; do
    name=$(basename "$spec" .yaml)
    echo "== $name: live on the real engine, then simulated" >&2
    "$root/aiosim" live "$spec" --engine djl --model tiny "${seed[@]}" -q --out "$out/$name-live"
    "$root/aiosim" run "$spec" "${seed[@]}" -q --out "$out/$name-run"
    # the same model form fitted to the live run's own steps: what is left is the form's error
    # and live time's overheads, not the transfer from the calibration grid to this workload
    if [ -f "$out/$name-live/steps.csv" ]; then
        "$root/aiosim" calibrate --from-timings "$out/$name-live/steps.csv" --out "$out/$name-live-fit.properties" > "$out/$name-live-fit.txt"
        "$root/aiosim" run "$spec" "${seed[@]}" -q --out "$out/$name-insample" \
            --set cluster.cost-model.kind=calibrated --set "cluster.cost-model.path=$out/$name-live-fit.properties"
    fi
done
cat /proc/loadavg > "$out/loadavg-end.txt" 2>/dev/null || true
python3 "$root/bench/fidelity-table.py" "$out" | tee "$out/fidelity.md"
