#!/usr/bin/env bash
# Build Revscope, then run it on the demo project or run the test suite.
#   packaging/build.sh run    build and open the app on the bundled demo project
#   packaging/build.sh test   build and run every test (and a 60 s fuzz run)
#   packaging/build.sh fuzz   only the fuzz run
# Installs the Debian packages it needs first (with sudo when not root).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(dirname "$here")"
build="${REVSCOPE_BUILD_DIR:-$src/build}"
mode="${1:-run}"

install_deps() {
    mapfile -t wanted < <(grep -v '^\s*#' "$here/debian-build-deps.txt" | grep -v '^\s*$')
    missing=()
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "Installing: ${missing[*]}"
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

configure_and_build() {
    local werror=OFF
    [ "${CI:-}" = "true" ] && werror=ON
    # /usr: the package is laid out as Debian lays out its own (multiarch lib folder).
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREVSCOPE_WERROR="$werror" \
        -DCMAKE_INSTALL_PREFIX=/usr
    cmake --build "$build" -j "$(nproc)"
}

# A bounded libFuzzer run of the .pyc/marshal reader, seeded with the bytecode
# fixtures. A crash, leak or hang fails the run.
fuzz() {
    local fuzzbuild="${build}-fuzz"
    CC=clang CXX=clang++ cmake -S "$src" -B "$fuzzbuild" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DREVSCOPE_FUZZ=ON -DREVSCOPE_BUILD_TESTS=OFF
    cmake --build "$fuzzbuild" --target fuzz_marshal -j "$(nproc)"
    local corpus
    corpus="$(mktemp -d)"
    find "$src/tests/data/bytecode" -name '*.pyc' -exec cp {} "$corpus/" \;
    # libFuzzer narrates every new input: keep that in a log, show the end.
    local log="$fuzzbuild/fuzz_marshal.log"
    local status=0
    "$fuzzbuild/benchmarks/fuzz/fuzz_marshal" -max_total_time="${REVSCOPE_FUZZ_SECONDS:-60}" \
        -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "$corpus" >"$log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        tail -n 60 "$log"
        echo "fuzz_marshal failed (exit $status); full log: $log" >&2
        rm -rf "$corpus"
        return "$status"
    fi
    grep -E '^(Done|stat::)' "$log"
    rm -rf "$corpus"
}

# The Debian package of this build, unpacked into a scratch root: it must
# hold the window module and run from the installed location.
package() {
    (cd "$build" && cpack -G DEB >"$build/cpack.log" 2>&1) || { tail -n 40 "$build/cpack.log"; return 1; }
    local deb root
    deb="$(ls "$build"/revscope_*.deb | head -n 1)"
    root="$(mktemp -d)"
    dpkg-deb -x "$deb" "$root"
    find "$root/usr/lib" -name librevscope-window.so | grep -q .
    "$root/usr/bin/revscope" --version
    "$root/usr/bin/revscope" check "$src/resources/demo" --format json >/dev/null || [ $? -eq 1 ]
    dpkg-deb -f "$deb" Package Version Depends
    rm -rf "$root"
}

# The README's screenshots script, run into the build folder: every view
# opens on the demo and is saved as a PNG.
screenshots() {
    local out="$build/screenshots"
    rm -rf "$out"
    "$here/screenshots.sh" "$build" "$out"
    for png in "$out"/*.png; do
        file "$png" | grep -q "PNG image data" || { echo "not a PNG: $png" >&2; return 1; }
    done
    [ "$(ls "$out"/*.png | wc -l)" -ge 4 ]
}

case "$mode" in
run)
    install_deps
    configure_and_build
    exec "$build/revscope" --demo
    ;;
test)
    install_deps
    configure_and_build
    fuzz
    package
    screenshots
    # Last, so ctest's summary closes the output.
    cd "$build"
    QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$(nproc)" --timeout 600
    ;;
fuzz)
    install_deps
    fuzz
    ;;
*)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
