#!/usr/bin/env bash
# Prints the facts a benchmark figure depends on: date, host CPU, cores, memory, load, OS, JDK
# and the git commit. Usage: bench/machine.sh [JDK_HOME]  (default: the one bin/find-jdk.sh finds)
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jdk=${1:-$("$root/bin/find-jdk.sh" 21)}
cpu=$( (lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1) || true)
[ -n "$cpu" ] || cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)
[ -n "$cpu" ] || cpu=$(sysctl -n machdep.cpu.brand_string 2>/dev/null || echo unknown)
mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null)
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "host cpu: $cpu"
echo "cores: $(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)"
echo "memory: ${mem:-unknown}"
echo "load average (1, 5, 15 min) at the start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo "os: $(uname -srm)"
echo "jdk: $("$jdk/bin/java" -version 2>&1 | head -n2 | tr '\n' ' ' | sed 's/ *$//') ($jdk)"
echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (modified)')"
