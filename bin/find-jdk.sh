#!/usr/bin/env bash
# Prints the home of a JDK whose feature version is >= ${1:-21}, or fails with a clear message.
# Looks at $AIOSIM_JAVA_HOME, $JAVA_HOME, the java on PATH, then the usual install folders
# (/usr/lib/jvm, /usr/java, /opt/java, /opt, ~/.jdks, SDKMAN, macOS JavaVirtualMachines).
# The default java may be older (17): that is expected and fine.
set -u
need=${1:-21}

feature_of() { # $1 = JDK home; prints the feature version or nothing
  local home=$1 v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n1)
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
  fi
  v=${v#1.}
  echo "${v%%[.+-]*}"
}

candidates=()
[ -n "${AIOSIM_JAVA_HOME:-}" ] && candidates+=("$AIOSIM_JAVA_HOME")
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
if command -v java >/dev/null 2>&1; then
  j=$(readlink -f "$(command -v java)" 2>/dev/null || true)
  [ -n "$j" ] && candidates+=("$(dirname "$(dirname "$j")")")
fi
for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.jdks/* "$HOME"/.sdkman/candidates/java/* \
         /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -d "$d" ] && candidates+=("$d")
done

best="" bestv=0
for c in "${candidates[@]}"; do
  v=$(feature_of "$c")
  case "$v" in ''|*[!0-9]*) continue ;; esac
  if [ "$v" -ge "$need" ] && [ "$v" -gt "$bestv" ]; then best=$c bestv=$v; fi
done

if [ -z "$best" ]; then
  {
    echo "aiosim: no JDK $need or newer found."
    echo "  looked at: \$AIOSIM_JAVA_HOME, \$JAVA_HOME, the java on PATH, /usr/lib/jvm, /usr/java, /opt/java, ~/.jdks, ~/.sdkman."
    echo "  install one (e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+) or point AIOSIM_JAVA_HOME at it."
  } >&2
  exit 1
fi
echo "$best"
