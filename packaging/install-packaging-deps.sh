#!/usr/bin/env bash
# Installs the Debian 12 packages that building, checking and testing the .deb need, only those
# missing, through scripts/install-deps.sh. Safe to run again.
#   dpkg-dev: dpkg-shlibdeps and dpkg-deb; file: CPack's DEB generator finds ELF files with it;
#   help2man: the man page from --help; librsvg2-bin: rsvg-convert for the PNG icons;
#   desktop-file-utils, appstream, lintian: the validators.
set -euo pipefail
exec "$(dirname "$0")/../scripts/install-deps.sh" \
  dpkg-dev file help2man librsvg2-bin desktop-file-utils appstream lintian
