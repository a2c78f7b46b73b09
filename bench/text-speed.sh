#!/usr/bin/env bash
# Speed of the text path (text reports → facts → findings → workbook and JSON), as a ratio to reading the same
# bytes: a timing aid while making the code faster, not the national benchmark (that is bench/run.sh).
#
#   bench/text-speed.sh [COPIES] [--profile]
#
# Builds a corpus of COPIES (default 20) renamed copies of the text reports in ../shared/reports and samples/,
# then runs `finsam import` on one copy of each and on the whole corpus, and prints wall and CPU time, KB/s and
# the ratio to the I/O floor (cat of the same files). With --profile it also records `perf` (when installed)
# and splits the CPU time over the stages by their inclusive share of the samples: reader, mapping (total
# inference + facts), rules, export (JSON + workbook).
set -euo pipefail
cd "$(dirname "$0")/.."

copies=20
profile=0
for a in "$@"; do
    case "$a" in
        --profile) profile=1 ;;
        *) copies="$a" ;;
    esac
done

swift build -c release --product finsam >/dev/null 2>&1
bin="$(swift build -c release --show-bin-path 2>/dev/null)/finsam"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/one" "$work/corpus"
sources=(samples/*.txt)
if [ -d ../shared/reports ]; then sources+=(../shared/reports/*.txt); else echo "../shared/reports saknas: bara samples/" >&2; fi
for f in "${sources[@]}"; do cp "$f" "$work/one/"; done
for i in $(seq 1 "$copies"); do
    for f in "${sources[@]}"; do cp "$f" "$work/corpus/$(basename "$f" .txt)-$i.txt"; done
done

kb() { du -sk --apparent-size "$1" | cut -f1; }

# wall and CPU seconds of a command, from bash's `time` (TIMEFORMAT: real user sys).
measure() {
    local TIMEFORMAT='%R %U %S'
    # finsam exits 1 when it finds errors in the reports: that is a result here, not a failure.
    { time { "$@" >/dev/null 2>&1 || true; }; } 2>&1 | tail -1
}

report() {
    local name="$1" dir="$2"
    local size floor run
    size=$(kb "$dir")
    floor=$(measure sh -c "cat '$dir'/* > /dev/null")
    run=$(measure "$bin" import "$dir" --json "$work/out.json" -o "$work/out.xlsx")
    last_kb=$size
    last_cpu=$(awk -v run="$run" 'BEGIN { split(run, r, " "); print r[2] + r[3] }')
    awk -v name="$name" -v size="$size" -v floor="$floor" -v run="$run" 'BEGIN {
        split(floor, f, " "); split(run, r, " ");
        cpu = r[2] + r[3]; fcpu = f[2] + f[3]; if (fcpu < 0.001) fcpu = 0.001;
        printf "%-8s %7d KB  wall %6.2f s  cpu %6.2f s  %8.0f KB/s cpu  %8.0f KB/s wall  (I/O floor cpu %.3f s: ×%.0f)\n",
            name, size, r[1], cpu, size / (cpu > 0 ? cpu : 0.001), size / (r[1] > 0 ? r[1] : 0.001), fcpu, cpu / fcpu
    }'
}

echo "finsam $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'), $(nproc) cores"
report "1×" "$work/one"
report "${copies}×" "$work/corpus"

if [ "$profile" = 1 ] && command -v perf >/dev/null; then
    perf record -F 999 -g -o "$work/perf.data" "$bin" import "$work/corpus" --json "$work/out.json" -o "$work/out.xlsx" >/dev/null 2>&1 || true
    perf report -i "$work/perf.data" --children --stdio --no-demangle -g none 2>/dev/null | grep -E '^ +[0-9]' \
        | swift demangle --simplified >"$work/children.txt"
    stage() { # name, pattern of the stage's entry points (inclusive share, largest match)
        local share
        share=$(grep -E "$2" "$work/children.txt" | awk '{ gsub("%", "", $1); if ($1 > m) m = $1 } END { print m + 0 }')
        awk -v name="$1" -v share="$share" -v cpu="$last_cpu" -v kb="$last_kb" 'BEGIN {
            s = cpu * share / 100
            printf "  %-9s %5.1f %%  %6.2f s  %8.0f KB/s\n", name, share, s, (s > 0 ? kb / s : 0)
        }'
    }
    echo "inclusive share of CPU samples (${copies}×), as seconds of the run's CPU time and KB/s of its input:"
    stage reader '\] (specialized )?TextReportReader\.read\(_:\)$'
    stage inference '\] static TotalInference\.annotate\(_:\)$'
    stage facts '\] FactBuilder\.map\(_:\)$'
    stage rules '\] RuleEngine\.check\(_:\)$'
    stage json '\] static JSONContract\.encode\('
    stage workbook '\] WorkbookExporter\.write\('
    echo "top own-time entries:"
    perf report -i "$work/perf.data" --no-children --stdio --no-demangle -g none 2>/dev/null | grep -E '^ +[0-9]' \
        | head -25 | swift demangle --simplified | cut -c1-160
fi
