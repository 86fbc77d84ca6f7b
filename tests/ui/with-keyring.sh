#!/usr/bin/env bash
# Runs a test program in a D-Bus session of its own with an unlocked gnome-keyring (the Secret
# Service QtKeychain talks to), in a throwaway HOME, so the keyring is real and nobody's own.
#   tests/ui/with-keyring.sh PROGRAM [ARGUMENTS...]
set -euo pipefail
home=$(mktemp -d /tmp/cc-keyring.XXXXXX)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home/run"
mkdir -m 700 -p "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME"
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
# gnome-keyring-daemon --unlock creates the login keyring with this password and unlocks it.
# shellcheck disable=SC2016
dbus-run-session -- bash -c 'printf %s cc-keyring-unlock | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "$@"' keyring "$@"
