#!/usr/bin/env bash
# Runs each reader's libFuzzer target for a set time (default 600 s each) and saves what it finds.
#   scripts/fuzz.sh [SECONDS] [TARGET...]      targets: FuzzTextReport FuzzSIE4 FuzzSIE5 (default: all)
# Crashes land in Fuzz/crashes/<target>/; copy each into Tests/FinsamTests/FuzzRegressions/ once fixed, so the
# test suite replays it forever. Seeds: samples/ and, when present, ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=($(ls Fuzz/Sources | grep '^Fuzz' | grep -v FuzzSupport))
swift build --package-path Fuzz -c release --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld >&2
bin=.build-fuzz/release
for t in "${targets[@]}"; do
    corpus=.build-fuzz/corpus/$t
    crashes=Fuzz/crashes/$t
    mkdir -p "$corpus" "$crashes"
    case $t in
        FuzzTextReport) seeds=(samples/*.txt ../shared/reports/*.txt) ;;
        FuzzSIE4) seeds=(samples/*.se samples/*.SE ../shared/sie/*.se ../shared/sie/*.SE ../shared/sie/*.si ../shared/sie/*.SI) ;;
        FuzzSIE5) seeds=(samples/*.sie ../shared/sie/*.sie) ;;
        *) seeds=() ;;
    esac
    for s in "${seeds[@]}"; do [ -f "$s" ] && cp -n "$s" "$corpus/" 2>/dev/null || true; done
    echo "== $t: ${seconds}s" >&2
    # Leak checking is off: the Swift runtime's caches (regex, metadata) are reported as leaks at exit.
    ASAN_OPTIONS=detect_leaks=0 "$bin/$t" "$corpus" -max_total_time="$seconds" -detect_leaks=0 -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$crashes/" -print_final_stats=1 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done|==[0-9]+==ERROR|SUMMARY)" || true
done
