#!/usr/bin/env bash
# The fidelity experiment of paper-notes/fidelity.md: each spec run live on a real DJL engine
# (`aiosim live SPEC --engine djl`) and simulated with the calibrated step-cost model
# (`aiosim run SPEC`), then the table of both and the relative error of the simulation; also the
# simulation with the model fitted by absolute least squares to the same calibration steps, and
# with the model refitted to the live run's own steps (its steps.csv, "in sample").
#   bench/fidelity.sh OUT_DIR [--calibrate] [SPEC ...]   (default specs: paper-notes/fidelity-{light,saturated,azure}.yaml)
# --calibrate first measures the engine (`aiosim calibrate --engine djl --model tiny --repeats 3`)
# into OUT_DIR and uses that calibration for every run (live runs record its model times); without
# it the specs' own file is used (paper-notes/fidelity-tiny.properties) and there is no absolute fit.
# Environment: AIOSIM_FIDELITY_SEED=N runs another seed (default: the spec's). Needs python3 for the
# table. Live runs take real time: with --calibrate about 6 minutes for the three specs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ $# -lt 1 ]; then
    echo "usage: bench/fidelity.sh OUT_DIR [--calibrate] [SPEC ...]" >&2
    exit 2
fi
out=$1; shift
calibrate=false
if [ "${1:-}" = --calibrate ]; then calibrate=true; shift; fi
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
out=$(cd "$out" && pwd)
seed=()
if [ -n "${AIOSIM_FIDELITY_SEED:-}" ]; then seed=(--seed "$AIOSIM_FIDELITY_SEED"); fi
aiosim="$root/aiosim"
"$aiosim" --version >/dev/null   # builds the CLI first if needed
"$root/bench/machine.sh" > "$out/machine-start.txt" 2>/dev/null || true
model=()
if $calibrate; then
    echo "== calibrating the tiny engine" >&2
    "$aiosim" calibrate --engine djl --model tiny --weighting relative --repeats 3 --out "$out/cal-relative.properties" \
        --samples "$out/cal-steps.csv" > "$out/cal-relative.txt" 2>&1
    swap=$(sed -n 's/^swap-bytes-per-sec = //p' "$out/cal-relative.properties")
    "$aiosim" calibrate --from-timings "$out/cal-steps.csv" --weighting absolute --swap-bytes-per-sec "$swap" \
        --out "$out/cal-absolute.properties" > "$out/cal-absolute.txt" 2>&1
    model=(--set cluster.cost-model.kind=calibrated --set "cluster.cost-model.path=$out/cal-relative.properties")
fi
for spec in "${specs[@]}"; do
    name=$(basename "$spec" .yaml)
    # the calibration this spec's runs use: the one just measured, or the file the spec names
    cal="$out/cal-relative.properties"
    $calibrate || cal="$(dirname "$spec")/$(sed -n 's/.*cost-model: {kind: calibrated, path: \([^}]*\)}.*/\1/p' "$spec")"
    echo "== $name: live on the real engine, then simulated" >&2
    "$aiosim" live "$spec" --engine djl --model tiny "${seed[@]}" "${model[@]}" -q --out "$out/$name-live"
    "$aiosim" run "$spec" "${seed[@]}" "${model[@]}" -q --out "$out/$name-run"
    if $calibrate; then
        "$aiosim" run "$spec" "${seed[@]}" -q --out "$out/$name-absolute" \
            --set cluster.cost-model.kind=calibrated --set "cluster.cost-model.path=$out/cal-absolute.properties"
    fi
    # the calibration plus the live runtime's mean dispatch gap per step (one number from the live
    # run: the kernel's turnaround between two real steps, which the engine's step times leave out)
    python3 - "$cal" "$out/$name-live/steps.csv" "$out/$name-gap.properties" <<'PY'
import csv, sys
cal, steps, dst = sys.argv[1:]
gaps = [float(r["gap_ms"]) for r in csv.DictReader(open(steps)) if r["gap_ms"]]
gap = sum(gaps) / len(gaps) * 1e6 if gaps else 0.0
lines = [("fixed = %r\n" % (float(l.split("=")[1]) + gap)) if l.startswith("fixed = ") else l for l in open(cal)]
open(dst, "w").write("# fixed raised by the live run's mean dispatch gap, %.0f ns\n" % gap + "".join(lines))
PY
    "$aiosim" run "$spec" "${seed[@]}" -q --out "$out/$name-gap" \
        --set cluster.cost-model.kind=calibrated --set "cluster.cost-model.path=$out/$name-gap.properties"
    # the same model form fitted to the live run's own steps: what is left is the form's error
    # and live time's overheads, not the transfer from the calibration grid to this workload
    "$aiosim" calibrate --from-timings "$out/$name-live/steps.csv" --weighting relative --out "$out/$name-live-fit.properties" \
        > "$out/$name-live-fit.txt"
    "$aiosim" run "$spec" "${seed[@]}" -q --out "$out/$name-insample" \
        --set cluster.cost-model.kind=calibrated --set "cluster.cost-model.path=$out/$name-live-fit.properties"
done
cat /proc/loadavg > "$out/loadavg-end.txt" 2>/dev/null || true
python3 "$root/bench/fidelity-table.py" "$out" | tee "$out/fidelity.md"
