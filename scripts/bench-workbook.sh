#!/usr/bin/env bash
# Workbook writing, measured against the floor (issue 8): finsam's Swift writer against a bare C program
# making the same libxlsxwriter calls (scripts/xlsx-replay.c) and against Python's XlsxWriter writing the same
# cells (scripts/xlsx-replay.py), all in one run, as ratios.
#
# The corpus: the real reports (../shared/reports, when present) and samples/, copied COPIES times under
# renamed organisations. finsam records every libxlsxwriter call it makes (FINSAM_XLSX_TRACE); the C program
# replays that trace and must write a byte-identical workbook, which shows it writes the same cells.
# Only the writing is timed on each side: finsam reports the time of its workbook stage
# (FINSAM_WORKBOOK_TIMING), the replays time their calls and close() after parsing the trace. Wall and CPU
# time, best of REPEAT rounds; the ratios use CPU time, which a busy shared machine disturbs least.
#
# Interface (bench/run.sh calls it like this):
#   scripts/bench-workbook.sh            # COPIES=50 REPEAT=3 PYREPEAT=1; builds finsam in release first
#   FINSAM=.build/release/finsam COPIES=150 scripts/bench-workbook.sh   # an existing release build
#   stdout: a small table (below); out/bench-workbook/ratios.txt: key=value lines for scripts:
#     swift_over_c, python_over_swift (CPU-time ratios), swift_cpu_s, c_cpu_s, python_cpu_s, cells, identical (yes/no)
#   exit status 0 when everything was measured (the targets are reported, not enforced), 1 when a side gave no time.
# Targets: Swift ≤ 1.5 × C, Python ≥ 4 × Swift. With COPIES=50 (350 files, 1.7 M cells) a round takes a few
# minutes on two cores; the Python replay alone about 30 s.
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

# The trace first (recording slows finsam, so it is a run of its own), then REPEAT rounds that each time finsam
# and the C replay one after the other, so both meet the same load; the best of each is kept.
FINSAM_XLSX_TRACE="$OUT/trace.tsv" "$FINSAM" import "$OUT/corpus" -o "$OUT/traced.xlsx" --facts sheet --created 2025-01-01 -q 2>/dev/null || true
cc -O2 scripts/xlsx-replay.c -o "$OUT/xlsx-replay" $(pkg-config --cflags --libs xlsxwriter)
: > "$OUT/times.txt"
for r in $(seq 1 "$REPEAT"); do
    # Exit status 1 means findings: the reports have real discrepancies.
    (FINSAM_WORKBOOK_TIMING=1 "$FINSAM" import "$OUT/corpus" -o "$OUT/swift.xlsx" --facts sheet --created 2025-01-01 -q 2>&1 >/dev/null || true) \
        | sed -n 's/^arbetsbok: \([0-9.e-]*\) s, cpu \([0-9.e-]*\) s; .*$/swift \1 \2/p' >> "$OUT/times.txt"
    echo "c $("$OUT/xlsx-replay" "$OUT/trace.tsv" "$OUT/c.xlsx" 1)" >> "$OUT/times.txt"
done
echo "python $(python3 scripts/xlsx-replay.py "$OUT/trace.tsv" "$OUT/python.xlsx" "${PYREPEAT:-1}")" >> "$OUT/times.txt"
grep -q '^swift ' "$OUT/times.txt" || { echo "finsam gav ingen tid (FINSAM_WORKBOOK_TIMING)" >&2; exit 1; }

if cmp -s "$OUT/swift.xlsx" "$OUT/c.xlsx"; then same="ja"; else same="NEJ"; fi
cells=$(grep -cE '^(str|num|formula|blank|url)	' "$OUT/trace.tsv")
sheets=$(grep -c '^sheet	' "$OUT/trace.tsv")
comments=$(grep -c '^comment	' "$OUT/trace.tsv")
python3 - "$OUT/times.txt" "$files" "$bytes" "$sheets" "$cells" "$comments" "$same" "$(git rev-parse --short HEAD)" <<'PY'
import sys
times = {}
for line in open(sys.argv[1]):
    tool, wall, cpu = line.split()
    best = times.setdefault(tool, [float("inf"), float("inf")])
    best[0], best[1] = min(best[0], float(wall)), min(best[1], float(cpu))
files, size, sheets, cells, comments = (int(x) for x in sys.argv[2:7])
same, commit = sys.argv[7], sys.argv[8]
c, swift, py = times["c"], times["swift"], times["python"]
print(f"commit {commit}: {files} textrapporter ({size / 1e6:.1f} MB) → {sheets} blad, {cells} celler, {comments} kommentarer")
print(f"{'':28}{'vägg':>9}{'cpu':>9}   kvot (cpu)")
print(f"  C, libxlsxwriter (golvet) {c[0]:8.3f}s {c[1]:8.3f}s   {cells / c[1] / 1e6:5.2f} M celler/s")
print(f"  finsam (Swift)            {swift[0]:8.3f}s {swift[1]:8.3f}s   {swift[1] / c[1]:5.2f} × C (vägg {swift[0] / c[0]:.2f} ×)   mål ≤ 1,5 ×")
print(f"  Python XlsxWriter         {py[0]:8.3f}s {py[1]:8.3f}s   {py[1] / swift[1]:5.2f} × finsam (vägg {py[0] / swift[0]:.2f} ×)   mål ≥ 4 ×")
print(f"  C-programmets arbetsbok byte för byte lika finsams: {same}")
with open(sys.argv[1].rsplit("/", 1)[0] + "/ratios.txt", "w") as out:
    out.write(f"swift_over_c={swift[1] / c[1]:.3f}\npython_over_swift={py[1] / swift[1]:.3f}\n"
              f"swift_cpu_s={swift[1]:.3f}\nc_cpu_s={c[1]:.3f}\npython_cpu_s={py[1]:.3f}\ncells={cells}\n"
              f"identical={'yes' if same == 'ja' else 'no'}\n")
PY
