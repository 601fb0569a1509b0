#!/usr/bin/env bash
# Build the one-folder desktop application (dist/BidKit/) and prove that it starts.
set -euo pipefail
cd "$(dirname "$0")/.."

./quickstart.sh setup

echo "==> Building dist/BidKit with PyInstaller"
if [[ "${1:-}" != "--no-build" ]]; then
    .venv/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
fi

app="dist/BidKit/BidKit"
workspace="$(mktemp -d)"
# Keep the workspace (and its log) when a check fails, so the failure can be read.
trap 'if [[ $? -eq 0 ]]; then rm -rf "$workspace"; else echo "build_app: workspace kept at $workspace" >&2; fi' EXIT

echo "==> Checking the built application"
version="$("$app" --version)"
echo "$version"

# With BIDKIT_STARTUP_PROBE=1 the application opens its window, prints one JSON line with its
# start-up timings and quits.
probe="$(QT_QPA_PLATFORM=offscreen BIDKIT_STARTUP_PROBE=1 "$app" --data-dir "$workspace")"
echo "$probe"
if [[ "$probe" != *'"window_shown_s"'* ]]; then
    echo "build_app: the built application did not report opening its window" >&2
    exit 1
fi

# The everyday work, through the built application: a workspace with questionnaires (YAML forms
# and migrations bundled), search, both export formats (python-docx templates, embedded fonts)
# and the calendar (time zones).
echo "==> Using the built application"
export QT_QPA_PLATFORM=offscreen
"$app" --data-dir "$workspace/demo" demo
"$app" --data-dir "$workspace/demo" prefill 1 >/dev/null
"$app" --data-dir "$workspace/demo" evidence search safeguarding --json >/dev/null
"$app" --data-dir "$workspace/demo" export 1 --format docx -o "$workspace/bid.docx"
"$app" --data-dir "$workspace/demo" export 1 --format pdf -o "$workspace/bid.pdf"
"$app" --data-dir "$workspace/demo" calendar export -o "$workspace/bids.ics"
probe="$(BIDKIT_STARTUP_PROBE=1 "$app" --data-dir "$workspace/demo")"
echo "$probe"
[[ "$probe" == *'"data_shown_s"'* ]] || { echo "build_app: no data shown" >&2; exit 1; }

echo "==> Size of the build"
du -sh dist/BidKit
