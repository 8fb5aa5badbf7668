#!/usr/bin/env bash
# Validate the desktop integration files and the man page.
#   packaging/validate.sh [PACKAGING_DIR]
# A missing validator is reported as SKIPPED and does not fail the run;
# a validation error does (exit 1).
set -uo pipefail

here="${BASH_SOURCE[0]}"
[[ "$here" == */* ]] && here="${here%/*}" || here=.
dir="${1:-$(cd "$here" && pwd)}"
failed=0

check() {
    local tool="$1"
    shift
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIPPED: $tool not installed"
        return
    fi
    local output status=0
    output="$("$@" 2>&1)" || status=$?
    # desktop-file-validate and groff print warnings but still exit 0: any
    # output from them is a failure. appstreamcli fails on warnings itself.
    if [ "$status" -ne 0 ] || { [ "$tool" != appstreamcli ] && [ -n "$output" ]; }; then
        echo "FAILED: $*"
        printf '%s\n' "$output"
        failed=1
    else
        echo "OK: $*"
    fi
}

check desktop-file-validate desktop-file-validate "$dir/revscope.desktop"
check appstreamcli appstreamcli validate --no-net "$dir/io.github.revscope.Revscope.metainfo.xml"
check groff groff -man -ww -z "$dir/revscope.1"
exit "$failed"
