#!/usr/bin/env bash
# Verifies the workbook on the real reports and the samples, as issue 6 asks:
#   1. finsam import ../shared/reports samples -o out/x.xlsx --json out/x.json
#   2. openpyxl: every fact of the JSON is in `Fakta` with the same value, and the cell `Fakta` names on the
#      document's sheet shows that value (sign as printed) on the fact's source line; every unmapped row and
#      every finding is listed.
#   3. LibreOffice opens the workbook headless, recalculates every formula on load and saves it; every
#      formula's recalculated value equals the value finsam stored. A copy with one stored result made wrong
#      must fail that check (the check can fail).
#   4. LibreOffice renders the whole workbook to PDF (out/x.pdf) without an error.
#   5. `Översikt` and `Jämförelse` with their charts rendered to PDF and PNG, one sheet at a time:
#      $PNG_DIR/oversikt-*.png and $PNG_DIR/jamforelse-*.png (PNG_DIR defaults to out/render).
#   6. A second run in a new process gives the same bytes (the creation time is fixed with --created).
#   7. With --facts csv: no Fakta sheet, and every fact of the JSON is in out/x-csv-fakta.csv with exactly
#      its value (and its Cell shows it), as in 2.
# Ends with a summary, one line per check; exit status 0 only when all pass.
#   scripts/verify-workbook.sh                      # ../shared/reports (when present) and samples/
#   REPORTS=dir PNG_DIR=/tmp/png scripts/verify-workbook.sh
# Needs: apt-get install libreoffice-calc poppler-utils; pip install openpyxl.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v soffice >/dev/null || missing+=(libreoffice-calc)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installerar ${missing[*]} …" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
python3 -c "import openpyxl" 2>/dev/null || pip install -q openpyxl

REPORTS=${REPORTS:-../shared/reports}
if [ ! -d "$REPORTS" ]; then
    echo "$REPORTS saknas: verifierar bara samples/" >&2
    REPORTS=""
fi
FINSAM=${FINSAM:-}
if [ -z "$FINSAM" ]; then
    swift build --product finsam >&2
    FINSAM="$(swift build --show-bin-path)/finsam"
fi

PNG_DIR=${PNG_DIR:-out/render}
mkdir -p out "$PNG_DIR"
rm -rf out/lo out/lo-tampered out/render* out/tampered* out/x-again.xlsx out/x.pdf out/soffice.log
rm -f "$PNG_DIR"/oversikt-*.png "$PNG_DIR"/jamforelse-*.png
mkdir -p "$PNG_DIR"
summary=()
record() { summary+=("$(printf '%-4s %s' "$1" "$2")"); [ "$1" = ok ] || failed=1; }
# Exit status 1 means findings at or above --fail-on: the reports contain real discrepancies.
status=0
"$FINSAM" import $REPORTS samples -o out/x.xlsx --json out/x.json --created 2025-01-01 || status=$?
if [ "$status" -gt 1 ]; then echo "finsam import: status $status" >&2; exit "$status"; fi

failed=0
echo "== Indata: $(find $REPORTS samples -type f | wc -l) filer ($REPORTS samples)"
echo "== Reproducerbarhet: en andra körning, i en ny process, ger samma bytes"
"$FINSAM" import $REPORTS samples -o out/x-again.xlsx --created 2025-01-01 -q || true
if cmp -s out/x.xlsx out/x-again.xlsx; then echo "samma bytes"; record ok "samma bytes i en andra process"
else echo "FEL: arbetsböckerna skiljer sig" >&2; record FEL "arbetsböckerna skiljer sig mellan två körningar"; fi

echo "== Fakta mot JSON (openpyxl)"
if python3 scripts/verify-workbook.py facts out/x.xlsx out/x.json | tee out/facts.log; [ "${PIPESTATUS[0]}" -eq 0 ]; then
    record ok "$(grep '^facts:' out/facts.log)"
else record FEL "fakta skiljer sig från JSON (se ovan)"; fi

echo "== Fakta som CSV (--facts csv) mot JSON, exakt"
rm -f out/x-csv.xlsx out/x-csv-fakta.csv
"$FINSAM" import $REPORTS samples -o out/x-csv.xlsx --json out/x-csv.json --facts csv --created 2025-01-01 -q || true
if python3 scripts/verify-workbook.py facts out/x-csv.xlsx out/x-csv.json out/x-csv-fakta.csv | tee out/facts-csv.log; [ "${PIPESTATUS[0]}" -eq 0 ]; then
    record ok "$(grep '^facts:' out/facts-csv.log)"
else record FEL "fakta i CSV skiljer sig från JSON (se ovan)"; fi

# LibreOffice with its own profile, set to recalculate every formula when a file is loaded, in a Swedish locale
# (the renderings then group digits as Swedish users see them: 4 004 544).
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
mkdir -p "$profile/user"
cat > "$profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>sv-SE</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>sv-SE</value></prop></item>
</oor:items>
XCU
# LibreOffice's own output goes to out/soffice.log; a line there naming an error fails the render check.
soffice_() { soffice -env:UserInstallation="file://$profile" --headless "$@" >>out/soffice.log 2>&1; }

echo "== Formler efter omräkning i LibreOffice"
soffice_ --calc --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir out/lo out/x.xlsx
[ -f out/lo/x.xlsx ] || { echo "LibreOffice kunde inte öppna out/x.xlsx" >&2; exit 1; }
if python3 scripts/verify-workbook.py formulas out/x.xlsx out/lo/x.xlsx | tee out/formulas.log; [ "${PIPESTATUS[0]}" -eq 0 ]; then
    record ok "$(grep '^formulas:' out/formulas.log)"
else record FEL "$(grep '^formulas:' out/formulas.log): avvikelserna listas ovan"; fi

echo "== Negativ kontroll: ett felaktigt lagrat formelvärde ska upptäckas"
python3 scripts/verify-workbook.py tamper out/x.xlsx out/tampered.xlsx
mkdir -p out/lo-tampered
soffice_ --calc --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir out/lo-tampered out/tampered.xlsx
if python3 scripts/verify-workbook.py formulas out/tampered.xlsx out/lo-tampered/tampered.xlsx >out/tampered.log; then
    echo "FEL: kontrollen upptäckte inte det ändrade värdet" >&2
    record FEL "negativ kontroll: ett felaktigt lagrat värde upptäcktes inte"
else
    grep FAIL out/tampered.log | head -3
    echo "upptäckt, som den ska"
    record ok "negativ kontroll: ett felaktigt lagrat formelvärde upptäcks"
fi

echo "== Hela arbetsboken som PDF i LibreOffice"
soffice_ --convert-to pdf --outdir out out/x.xlsx
if [ -s out/x.pdf ] && pages=$(pdfinfo out/x.pdf 2>/dev/null | sed -n 's/^Pages: *//p') && [ -n "$pages" ] \
    && ! grep -qiE 'error|repair|corrupt' out/soffice.log; then
    echo "$pages sidor"; record ok "LibreOffice öppnar och skriver ut hela arbetsboken: $pages sidor PDF, inga fel i loggen"
else
    cat out/soffice.log >&2; record FEL "LibreOffice kunde inte skriva ut arbetsboken som PDF"
fi

echo "== Översikt och Jämförelse som PDF och PNG"
rendered=""
for pair in "Översikt:oversikt" "Jämförelse:jamforelse"; do
    sheet=${pair%%:*}; stem=${pair##*:}
    python3 scripts/verify-workbook.py hide-sheets out/x.xlsx "out/render-$stem.xlsx" "$sheet"
    soffice_ --convert-to pdf --outdir out "out/render-$stem.xlsx"
    if [ -s "out/render-$stem.pdf" ]; then
        pdftoppm -r 110 -png "out/render-$stem.pdf" "$PNG_DIR/$stem"
        rendered+=" $(ls "$PNG_DIR/$stem"-*.png | wc -l) sidor $sheet;"
    else record FEL "$sheet kunde inte återges som PDF"; fi
done
ls "$PNG_DIR"/*.png
record ok "återgivet i $PNG_DIR:$rendered"

echo
echo "== Sammanfattning"
printf '%s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then echo "VERIFIERINGEN MISSLYCKADES" >&2; exit 1; fi
echo "Allt stämmer."
