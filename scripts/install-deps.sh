#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs, only those missing. Safe to run again.
#   scripts/install-deps.sh              the build, test and run packages
#   scripts/install-deps.sh PACKAGE...   these packages instead (packaging/install-packaging-deps.sh)
set -euo pipefail

packages=(
  cmake ninja-build g++ qt6-base-dev libqt6opengl6-dev qt6-charts-dev
  libqt6sql6-sqlite libqt6sql6-psql qt6-l10n-tools qt6-tools-dev qt6-translations-l10n
  clang-format clang-tidy libsqlite3-dev sqlite3 libcrypt-dev qtkeychain-qt6-dev libsecret-1-0 dbus gnome-keyring
  postgresql postgresql-client libpq-dev xvfb xauth
)
if [ "$#" -gt 0 ]; then
  packages=("$@")
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "need root to install packages (run as root or install them: ${missing[*]})" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
