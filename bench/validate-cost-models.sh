#!/usr/bin/env bash
# Prints the error grid of issue 13 (paper-notes/validation.md): step times of the roofline and
# the per-operator roofline against a profiled cost model read from Vidur-format tables, for fresh
# prefills of 128-8,192 tokens, decode steps of 1-256 calls at 512-8,192 tokens of context, and
# prefill chunks after cached context; then the mean and largest absolute error per model.
#
#   bench/validate-cost-models.sh [PROFILE_DIR] [--model NAME] [--gpu NAME] [--tp N] [--mfu X] [--mbu X]
#
# PROFILE_DIR holds mlp.csv and attention.csv in Vidur's format (for example a copy of Vidur's
# data/profiling/compute/a100/meta-llama/Meta-Llama-3-8B, fetched with git-lfs); default: the
# attributed slice bench/profiles/vidur-a100-llama-3-8b. Builds the bench module first
# (AIOSIM_BENCH_SKIP_BUILD=1 reuses bench/target/benchmarks.jar). Output is Markdown.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
case ${1:-} in
  -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "${BASH_SOURCE[0]}"; exit 0 ;;
esac
profile=$root/bench/profiles/vidur-a100-llama-3-8b
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then profile=$1; shift; fi
jdk=$("$root/bin/find-jdk.sh" 21) || exit 1
if [ "${AIOSIM_BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$root/bench/target/benchmarks.jar" ]; then
  echo "validate-cost-models.sh: building the bench module with $jdk ..." >&2
  (cd "$root" && JAVA_HOME="$jdk" ./mvnw -B -q -pl bench -am package -DskipTests >&2)
fi
exec "$jdk/bin/java" -cp "$root/bench/target/benchmarks.jar" dev.aiosim.bench.costmodel.CostModelValidation "$profile" "$@"
