#!/usr/bin/env bash
# The README's screenshots, made by the app itself on the demo project under
# a virtual X server (xvfb-run): each PNG is the window as `revscope --demo
# --view VIEW --screenshot FILE` draws it.
#   packaging/screenshots.sh [BUILD_DIR] [OUT_DIR]
# BUILD_DIR defaults to build/, OUT_DIR to packaging/screenshots/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(dirname "$here")"
build="${1:-$src/build}"
out="${2:-$here/screenshots}"
revscope="$build/revscope"
[ -x "$revscope" ] || { echo "screenshots: $revscope not built" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run not installed (apt-get install xvfb)" >&2; exit 2; }
mkdir -p "$out"

# A scratch home: no recent projects, window state or language choice of the
# person running it, and a fresh copy of the demo.
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT

shot() { # NAME ARGS...
    local name="$1"
    shift
    HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
        XDG_RUNTIME_DIR="$home/run" LANGUAGE= LC_ALL=C.UTF-8 \
        timeout 120 xvfb-run -a -s "-screen 0 1440x900x24" \
        "$revscope" --demo --screenshot "$out/$name.png" "$@" 2>/dev/null
    echo "$out/$name.png"
}

mkdir -p "$home/run" && chmod 700 "$home/run"
shot revscope-demo
shot revscope-walkthrough --view walkthrough
shot revscope-image --view image
shot revscope-demo-fr --view walkthrough --lang fr
