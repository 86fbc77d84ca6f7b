#!/usr/bin/env bash
# Installs the built .deb the way a user would (apt-get install ./….deb, dependencies from the
# archive), checks the installed files and that the installed command works (--version, a demo
# database, check on it, and the GUI offscreen when the package has one), then removes the
# package again, also when a step fails. Needs root.
#   packaging/test-deb.sh [PACKAGE.deb]    (default: the newest build/pkg/coupling-console_*.deb)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
package=coupling-console
app_id=org.couplingconsole.CouplingConsole

if [ "$(id -u)" -ne 0 ]; then
  echo "test-deb: needs root (apt-get install and remove)" >&2
  exit 1
fi

deb=${1:-}
if [ -z "$deb" ]; then
  deb=$(ls -t "$root"/build/pkg/${package}_*.deb 2>/dev/null | head -n 1 || true)
fi
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
  echo "test-deb: no package; build one first:" >&2
  echo "  cmake -S . -B build/pkg -G Ninja -DCMAKE_BUILD_TYPE=Release -DCC_BUILD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr" >&2
  echo "  ninja -C build/pkg && (cd build/pkg && cpack -G DEB)" >&2
  exit 1
fi
deb=$(realpath "$deb")   # apt-get takes a local file only as a path with a slash
version=$(dpkg-deb --field "$deb" Version)

"$here/install-packaging-deps.sh"

work=$(mktemp -d)
was_installed=no
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  was_installed=yes
  echo "test-deb: note: $package was installed before; the test replaces it and removes it"
fi
export DEBIAN_FRONTEND=noninteractive

cleanup() {
  if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    apt-get remove -y -q "$package" >"$work/remove.log" 2>&1 || cat "$work/remove.log" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
step() { # step NAME COMMAND...: runs one check and counts it
  local name=$1
  shift
  if "$@"; then
    echo "ok    $name"
    passed=$((passed + 1))
  else
    echo "FAIL  $name"
    failed=$((failed + 1))
  fi
}

# The app writes its settings and embedded database under HOME: keep them in the scratch folder.
app() { env HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
          QT_QPA_PLATFORM=offscreen coupling-console "$@"; }

install_package() {
  apt-get install -y -q "$deb" >"$work/install.log" 2>&1 && return 0
  # Stale package lists can miss a dependency's current version: refresh once and try again.
  apt-get update -q >>"$work/install.log" 2>&1
  apt-get install -y -q "$deb" >>"$work/install.log" 2>&1 || { tail -n 20 "$work/install.log" >&2; return 1; }
}

installed_files() {
  local file
  for file in /usr/bin/coupling-console \
              /usr/share/applications/$app_id.desktop \
              /usr/share/metainfo/$app_id.metainfo.xml \
              /usr/share/icons/hicolor/scalable/apps/$app_id.svg \
              /usr/share/icons/hicolor/16x16/apps/$app_id.png \
              /usr/share/icons/hicolor/256x256/apps/$app_id.png \
              /usr/share/man/man1/coupling-console.1.gz \
              /usr/share/doc/$package/copyright \
              /usr/share/doc/$package/changelog.gz; do
    [ -f "$file" ] || { echo "  missing: $file" >&2; return 1; }
  done
}

version_matches() {
  local output
  output=$(app --version)
  echo "  $output"
  [ "$output" = "coupling-console $version" ]
}

demo_database() {
  app demo --users 200 --db "$work/x.db" >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; return 1; }
  [ -s "$work/x.db" ]
}

check_runs() { # exit 0 healthy, 1 degraded, 2 critical: all three are a check that ran
  local status=0
  app check --db "$work/x.db" >"$work/check.log" 2>&1 || status=$?
  sed 's/^/  /' "$work/check.log" | head -n 15
  echo "  exit status $status"
  [ "$status" -le 2 ]
}

gui_starts() { # the desktop application from the package: every page rendered offscreen, then it quits
  local status=0
  mkdir -p -m 0700 "$work/runtime"
  XDG_RUNTIME_DIR="$work/runtime" timeout 120 \
    env HOME="$work/home" QT_QPA_PLATFORM=offscreen coupling-console --db "$work/x.db" --screenshots "$work/shots" \
    >"$work/gui.log" 2>&1 || status=$?
  [ "$status" -eq 0 ] || { echo "  exit status $status" >&2; tail -n 20 "$work/gui.log" >&2; return 1; }
  ls "$work/shots" | sed 's/^/  /'
  [ -s "$work/shots/dashboard.png" ]
}

removed() {
  apt-get remove -y -q "$package" >"$work/remove.log" 2>&1 || { cat "$work/remove.log" >&2; return 1; }
  ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" &&
    [ ! -e /usr/bin/coupling-console ]
}

echo "test-deb: $deb"
step "apt-get install ./$(basename "$deb")" install_package
if [ "$failed" -eq 0 ]; then
  step "installed files" installed_files
  step "desktop-file-validate (installed)" desktop-file-validate /usr/share/applications/$app_id.desktop
  step "appstreamcli validate --no-net (installed)" \
       appstreamcli validate --no-net /usr/share/metainfo/$app_id.metainfo.xml
  step "man page renders" bash -c 'man -l /usr/share/man/man1/coupling-console.1.gz >/dev/null'
  step "coupling-console --version is $version" version_matches
  step "coupling-console demo --users 200" demo_database
  step "coupling-console check on the demo database" check_runs
  if dpkg-deb --field "$deb" Depends | grep -q libqt6widgets6; then   # built with the GUI
    step "the GUI starts (offscreen, --screenshots)" gui_starts
  fi
  step "apt-get remove $package" removed
fi
[ "$was_installed" = no ] || echo "test-deb: note: $package is no longer installed"
echo "test-deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
