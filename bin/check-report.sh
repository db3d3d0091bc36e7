#!/usr/bin/env bash
# Renders a report.html in headless Chromium and fails when the page logs anything to the console
# (it has no script, so any message is a fault: a parse or resource error), when the rendered DOM
# holds no chart, or when a chart figure holds no SVG; then takes a screenshot of the top of the page.
#   bin/check-report.sh REPORT.html [SCREENSHOT.png [WIDTHxHEIGHT]]
# Needs Debian's chromium (apt-get install -y chromium).
set -euo pipefail
page=$(realpath "$1"); shot=${2:-}; size=${3:-1280x900}
command -v chromium >/dev/null || { echo "check-report: chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync
       --no-first-run --user-data-dir="$work/profile" --enable-logging=stderr --v=0)
timeout 120 chromium "${flags[@]}" --dump-dom "file://$page" >"$work/dom.html" 2>"$work/log.txt" || {
  echo "check-report: chromium failed on $page:" >&2; tail -5 "$work/log.txt" >&2; exit 1; }
if grep -q ':CONSOLE' "$work/log.txt"; then
  echo "check-report: $page logs to the console:" >&2; grep ':CONSOLE' "$work/log.txt" >&2; exit 1
fi
figures=$(grep -o '<figure data-chart="[^"]*">' "$work/dom.html" | wc -l)
svgs=$(grep -o '<figure data-chart="[^"]*"><svg' "$work/dom.html" | wc -l)
if [ "$figures" -eq 0 ] || [ "$svgs" -ne "$figures" ]; then
  echo "check-report: $page rendered $figures chart figures, $svgs of them with an SVG" >&2; exit 1
fi
if [ -n "$shot" ]; then
  timeout 120 chromium "${flags[@]}" --hide-scrollbars --window-size="${size/x/,}" --screenshot="$(realpath -m "$shot")" \
      "file://$page" >/dev/null 2>>"$work/log.txt"
  [ -s "$shot" ] || { echo "check-report: no screenshot written to $shot" >&2; exit 1; }
fi
echo "check-report: $page renders $figures charts without console messages${shot:+; screenshot $shot}"
