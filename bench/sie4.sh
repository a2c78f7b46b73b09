#!/usr/bin/env bash
# SIE 4 parsing speed: finsam's streaming parser against pysie-accounting (PyPI) on the same generated file,
# in the same run. Prints MB/s for both and the ratio. Target (issue 8): ≥ 100 MB/s on one core and ≥ 20×
# pysie-accounting.
#
#   bench/sie4.sh            # 200 MB
#   SIZE_MB=20 bench/sie4.sh # smaller, quicker
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB="${SIZE_MB:-200}"
DIR=bench/out
mkdir -p "$DIR"
FILE="$DIR/bench-${SIZE_MB}mb.se"
SRU="$DIR/bench-sru.csv"

python3 -c "import pysie_accounting, pandas" 2>/dev/null || pip install -q pysie-accounting==0.0.2 pandas >&2
[ -f "$FILE" ] || python3 bench/sie4_generate.py "$FILE" "$SIZE_MB" "$SRU" >&2
[ -f "$SRU" ] || python3 bench/sie4_generate.py "$FILE" "$SIZE_MB" "$SRU" >&2
swift build -c release --product finsam >&2

echo "commit $(git rev-parse --short HEAD), $(nproc) cores, file $FILE ($(stat -c %s "$FILE") bytes)"
# One core: the parser is single-threaded; taskset makes sure nothing else helps it.
FINSAM=$(taskset -c 0 /usr/bin/time -f "finsam_rss_kb=%M" .build/release/finsam bench-sie "$FILE" --runs 3 2>"$DIR/finsam.time")
echo "$FINSAM $(cat "$DIR/finsam.time")"
PYSIE=$(taskset -c 0 /usr/bin/time -f "pysie_rss_kb=%M" python3 bench/sie4_pysie.py "$FILE" "$SRU" 2>"$DIR/pysie.time")
echo "$PYSIE $(tail -1 "$DIR/pysie.time")"

f=$(sed -n 's/.*mb_per_s=\([0-9.]*\).*/\1/p' <<<"$FINSAM")
p=$(sed -n 's/.*mb_per_s=\([0-9.]*\).*/\1/p' <<<"$PYSIE")
python3 - "$f" "$p" <<'PY'
import sys
f, p = float(sys.argv[1]), float(sys.argv[2])
print(f"finsam {f:.1f} MB/s, pysie-accounting {p:.1f} MB/s, ratio {f / p:.1f}x "
      f"(target >= 100 MB/s: {'met' if f >= 100 else 'MISSED'}; >= 20x: {'met' if f / p >= 20 else 'MISSED'})")
PY
