#!/usr/bin/env bash
# AFTER ADDING OR CHANGING tr() STRINGS: run scripts/update-translations.sh, translate the entries it reports as unfinished in resources/translations/*.ts (Qt Linguist or an editor), then run tst_translation_file.
#
# Refreshes every resources/translations/*.ts from the tr() strings of ui/ and app/ (core's English error
# messages are not translated): new strings come in as type="unfinished", strings no longer in the
# sources are dropped (-no-obsolete), no source locations (they would churn with every edit).
# tst_translation_file fails while any entry is unfinished, empty, obsolete or vanished, equal to its
# English source (outside a short allow-list), or loses a %1/%n placeholder or an & accelerator.
set -euo pipefail
cd "$(dirname "$0")/.."

lupdate=/usr/lib/qt6/bin/lupdate
if [ ! -x "$lupdate" ]; then
  echo "lupdate not found at $lupdate: install qt6-l10n-tools (scripts/install-deps.sh)" >&2
  exit 1
fi
for ts in resources/translations/*.ts; do
  "$lupdate" -no-obsolete -locations none -extensions cpp,h ui app -ts "$ts"
done
# A summary of what is left to translate.
for ts in resources/translations/*.ts; do
  unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
  echo "$ts: $unfinished unfinished"
done
