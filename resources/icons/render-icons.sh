#!/usr/bin/env bash
# Renders the hicolor PNG icons from the scalable SVG. Run it after changing the SVG and commit
# the PNGs with it (the build installs the committed files, so it needs no SVG renderer).
set -euo pipefail
cd "$(dirname "$0")"
id=org.couplingconsole.CouplingConsole
svg=hicolor/scalable/apps/$id.svg
for size in 16 22 24 32 48 64 128 256; do
  mkdir -p "hicolor/${size}x${size}/apps"
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio "$svg" \
    --output "hicolor/${size}x${size}/apps/$id.png"
done
