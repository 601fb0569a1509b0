#!/usr/bin/env bash
# Build the one-folder desktop application (dist/BidKit/) and prove that it starts.
set -euo pipefail
cd "$(dirname "$0")/.."

./quickstart.sh setup

echo "==> Building dist/BidKit with PyInstaller"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec

app="dist/BidKit/BidKit"
workspace="$(mktemp -d)"
trap 'rm -rf "$workspace"' EXIT

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

echo "==> Size of the build"
du -sh dist/BidKit
