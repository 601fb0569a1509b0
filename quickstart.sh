#!/usr/bin/env bash
# Set up a development copy of BidKit and run it.
#
#   ./quickstart.sh demo      open the window on a freshly seeded demo workspace (.demo-workspace)
#   ./quickstart.sh test      run the whole test suite without a screen (extra arguments go to pytest)
#   ./quickstart.sh setup     only the set-up both of them do (used by .ci/build_app.sh)
#
# Set-up is shared and safe to re-run: system libraries, the .venv and the editable install are
# only (re)installed when something is missing or pyproject.toml has changed.
set -euo pipefail

cd "$(dirname "$0")"

PYTHON="${PYTHON:-python3}"
VENV=".venv"
STAMP="$VENV/.bidkit-setup-stamp"
DEMO_DIR=".demo-workspace"

# Libraries Qt needs even offscreen, plus venv support for the system Python.
BASE_PACKAGES=(libgl1 libegl1 libglib2.0-0 libxkbcommon0 libfontconfig1 libdbus-1-3 python3-venv)
# Extra libraries Qt's X11 plugin needs to open a real window (often missing: libxcb-cursor0).
WINDOW_PACKAGES=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
    libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-randr0)
# The test command also checks exported Word files with a real word processor (LibreOffice),
# with the metric-compatible fonts Word documents expect, so page counts match.
TEST_PACKAGES=(libreoffice-writer-nogui poppler-utils fonts-crosextra-carlito
    fonts-crosextra-caladea)

say() { printf '==> %s\n' "$*"; }
fail() { printf 'quickstart: %s\n' "$*" >&2; exit 1; }

usage() {
    cat <<'EOF'
Usage: ./quickstart.sh COMMAND [ARGS...]

  demo    set up, seed a demo workspace in ./.demo-workspace and open the window
  test    set up and run the test suite headless (ARGS are passed to pytest)
  setup   only set up: system libraries, .venv and the editable install
EOF
}

check_python() {
    command -v "$PYTHON" >/dev/null 2>&1 \
        || fail "$PYTHON not found. Install Python 3.11 or newer (or set PYTHON=/path/to/python)."
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        fail "BidKit needs Python 3.11 or newer; $PYTHON is $("$PYTHON" -V 2>&1)." \
            "Install a newer Python or set PYTHON=/path/to/python3.11."
    fi
}

install_system_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        return 0  # not Debian/Ubuntu: the platform's Qt libraries are the user's business
    fi
    local missing=() package
    for package in "$@"; do
        if [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != *"ok installed" ]]; then
            missing+=("$package")
        fi
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    local run=()
    if ((EUID != 0)); then
        if command -v sudo >/dev/null 2>&1; then
            run=(sudo)
        else
            fail "please install these system packages (as root), then run me again:" \
                "apt-get install ${missing[*]}"
        fi
    fi
    say "Installing system packages: ${missing[*]}"
    "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${run[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pyproject_hash() {
    "$VENV/bin/python" -c \
        'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' \
        pyproject.toml
}

setup_venv() {
    if [[ ! -x "$VENV/bin/python" ]]; then
        say "Creating $VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    local wanted
    wanted="$(pyproject_hash)"
    if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$wanted" && -x "$VENV/bin/bidkit" ]]; then
        return 0
    fi
    say "Installing BidKit and its development tools into $VENV (takes a minute the first time)"
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q -e '.[dev]'
    printf '%s\n' "$wanted" >"$STAMP"
}

setup() {
    check_python
    install_system_packages "$@"
    setup_venv
}

run_demo() {
    setup "${BASE_PACKAGES[@]}" "${WINDOW_PACKAGES[@]}"
    if [[ "$(uname -s)" == Linux && -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]]; then
        fail "no screen found (DISPLAY is not set). Run the demo from a desktop session."
    fi
    say "Seeding the demo workspace in $DEMO_DIR"
    "$VENV/bin/bidkit" --data-dir "$DEMO_DIR" demo --force
    say "Opening BidKit"
    exec "$VENV/bin/bidkit" --data-dir "$DEMO_DIR"
}

run_tests() {
    check_python
    install_system_packages "${BASE_PACKAGES[@]}"
    # LibreOffice only serves the slow check of exported Word files; if it cannot be installed
    # the suite still runs and that one check reports itself skipped.
    (install_system_packages "${TEST_PACKAGES[@]}") \
        || say "LibreOffice could not be installed; the Word-to-PDF comparison will be skipped."
    setup_venv
    local status=0
    QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m pytest "$@" || status=$?
    if ((status == 5)); then
        fail "pytest collected no tests; that counts as a failure."
    fi
    return "$status"
}

main() {
    local command="${1:-}"
    if (($# > 0)); then shift; fi
    case "$command" in
        demo) run_demo ;;
        test) run_tests "$@" ;;
        setup) setup "${BASE_PACKAGES[@]}" ;;
        -h | --help | help) usage ;;
        *)
            usage >&2
            exit 2
            ;;
    esac
}

main "$@"
