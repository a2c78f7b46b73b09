#!/usr/bin/env bash
# Workbook writing, measured against the floor (issue 8): finsam's Swift writer against a bare C program
# making the same libxlsxwriter calls (scripts/xlsx-replay.c) and against Python's XlsxWriter writing the same
# cells (scripts/xlsx-replay.py), all in one run, as ratios.
#
# The corpus: the real reports (../shared/reports, when present) and samples/, copied COPIES times under
# renamed organisations. finsam records every libxlsxwriter call it makes (FINSAM_XLSX_TRACE); the C program
# replays that trace and must write a byte-identical workbook, which shows it writes the same cells.
# Only the writing is timed on each side: finsam reports the time of its workbook stage
# (FINSAM_WORKBOOK_TIMING), the replays time their calls and close() after parsing the trace. Best of REPEAT.
#
#   scripts/bench-workbook.sh            # COPIES=50 REPEAT=3
#   COPIES=150 scripts/bench-workbook.sh
# Targets: Swift ≤ 1.5 × C, Python ≥ 4 × Swift.
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${COPIES:-50}
REPEAT=${REPEAT:-3}
OUT=out/bench-workbook
rm -rf "$OUT"
mkdir -p "$OUT/corpus"

if [ -z "${FINSAM:-}" ]; then
    swift build -c release --product finsam >&2
    FINSAM="$(swift build -c release --show-bin-path)/finsam"
fi
python3 -c "import xlsxwriter" 2>/dev/null || pip install -q xlsxwriter

sources=(samples/*.txt)
[ -d ../shared/reports ] && sources+=(../shared/reports/*.txt)
for i in $(seq 1 "$COPIES"); do
    for f in "${sources[@]}"; do
        sed -e "s/Samordningsförbundet /Samordningsförbundet K$i /g" \
            -e "s/222000-\([0-9]\{4\}\)/22$(printf %04d "$i")-\1/g" "$f" > "$OUT/corpus/$(basename "$f" .txt)-$i.txt"
    done
done
files=$(ls "$OUT/corpus" | wc -l)
bytes=$(du -sb "$OUT/corpus" | cut -f1)

swift_best=""
for r in $(seq 1 "$REPEAT"); do
    # Exit status 1 means findings: the reports have real discrepancies.
    t=$( (FINSAM_WORKBOOK_TIMING=1 "$FINSAM" import "$OUT/corpus" -o "$OUT/swift.xlsx" --created 2025-01-01 -q 2>&1 >/dev/null || true) \
        | sed -n 's/^arbetsbok: \([0-9.e-]*\) s$/\1/p')
    [ -n "$t" ] || { echo "finsam gav ingen tid (FINSAM_WORKBOOK_TIMING)" >&2; exit 1; }
    swift_best=$(python3 -c "print(min(float(x) for x in '$swift_best $t'.split()))")
done
FINSAM_XLSX_TRACE="$OUT/trace.tsv" "$FINSAM" import "$OUT/corpus" -o "$OUT/traced.xlsx" --created 2025-01-01 -q 2>/dev/null || true

cc -O2 scripts/xlsx-replay.c -o "$OUT/xlsx-replay" $(pkg-config --cflags --libs xlsxwriter)
c_best=$("$OUT/xlsx-replay" "$OUT/trace.tsv" "$OUT/c.xlsx" "$REPEAT")
python_best=$(python3 scripts/xlsx-replay.py "$OUT/trace.tsv" "$OUT/python.xlsx" "$REPEAT")

if cmp -s "$OUT/swift.xlsx" "$OUT/c.xlsx"; then same="ja"; else same="NEJ"; fi
cells=$(grep -cE '^(str|num|formula|blank|url)	' "$OUT/trace.tsv")
sheets=$(grep -c '^sheet	' "$OUT/trace.tsv")
comments=$(grep -c '^comment	' "$OUT/trace.tsv")
python3 - "$files" "$bytes" "$sheets" "$cells" "$comments" "$swift_best" "$c_best" "$python_best" "$same" "$(git rev-parse --short HEAD)" <<'PY'
import sys
files, size, sheets, cells, comments = (int(x) for x in sys.argv[1:6])
swift, c, py = (float(x) for x in sys.argv[6:9])
same, commit = sys.argv[9], sys.argv[10]
print(f"commit {commit}: {files} textrapporter ({size / 1e6:.1f} MB) → {sheets} blad, {cells} celler, {comments} kommentarer")
print(f"  C, libxlsxwriter (golvet)   {c:8.3f} s   {cells / c / 1e6:6.2f} M celler/s")
print(f"  finsam (Swift)              {swift:8.3f} s   {cells / swift / 1e6:6.2f} M celler/s   {swift / c:5.2f} × C   (mål ≤ 1,5 ×)")
print(f"  Python XlsxWriter           {py:8.3f} s   {cells / py / 1e6:6.2f} M celler/s   {py / swift:5.2f} × finsam   (mål ≥ 4 ×)")
print(f"  C-programmets arbetsbok byte för byte lika finsams: {same}")
PY
