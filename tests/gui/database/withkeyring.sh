#!/bin/sh
# Runs a test inside a private D-Bus session with an unlocked, throwaway
# gnome-keyring (a Secret Service), so the keychain code meets a real one.
# Usage: dbus-run-session -- sh withkeyring.sh TEST [ARGS...]
set -e
HOME=$(mktemp -d)
export HOME
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config"
printf 'revscope-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
set +e
REVSCOPE_KEYRING_TEST=1 "$@"
status=$?
rm -rf "$HOME"
exit $status
