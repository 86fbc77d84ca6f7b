#!/usr/bin/env bash
# Installs the Debian 12 packages that building, checking and testing the .deb need, only those
# missing. Safe to run again. The build's own packages come from scripts/install-deps.sh.
set -euo pipefail

packages=(
  dpkg-dev          # dpkg-shlibdeps (CPACK_DEBIAN_PACKAGE_SHLIBDEPS), dpkg-deb
  file              # CPack's DEB generator uses it to find ELF files for shlibdeps
  help2man          # the man page, generated from --help at build time
  librsvg2-bin      # rsvg-convert: PNG icons from the SVG (packaging/icons/render-icons.sh)
  desktop-file-utils  # desktop-file-validate
  appstream         # appstreamcli validate
  lintian
)

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
