#!/usr/bin/env bash
# make fuzz SECONDS=N: builds the six libFuzzer targets (Sources/Fuzz) with coverage and
# AddressSanitizer into .build-fuzz, seeds a corpus per target from seeds/, templates/, docs and
# the spec examples in ../shared/reference (when present), runs each target for N seconds, and
# prints the executions per target. Any crash fails the run; its input is kept in fuzz-out/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
swift_bin=$(dirname "$(readlink -f "$(command -v swift)")")
nomain=$(ls "$swift_bin"/../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -1)
targets="decoder listing notes mustache markdown args"
OKMO_FUZZ=1 swift build -c release --scratch-path .build-fuzz \
  -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
  -Xlinker "$nomain" -Xlinker -lstdc++ 2>&1 | grep -v "Cannot export local symbol" | tail -3
bin=.build-fuzz/release
mkdir -p fuzz-out
corpus=fuzz-out/corpus
rm -rf "$corpus"
for t in $targets; do mkdir -p "$corpus/$t"; done
for f in seeds/*.txt; do for t in decoder listing notes; do cp "$f" "$corpus/$t/"; done; done
for f in templates/*.mustache; do cp "$f" "$corpus/mustache/"; done
for f in templates/chapters/*/*.md README.md docs/*.md; do cp "$f" "$corpus/markdown/$(echo "$f" | tr / _)"; done
printf 'build\0--input\0seeds\0--year\0002020' > "$corpus/args/build"
printf 'render\0t.mustache\0--context=c.json' > "$corpus/args/render"
if [ -d ../shared/reference ] && command -v python3 >/dev/null; then
  python3 - "$corpus" <<'PY'
import json, os, sys, glob
c = sys.argv[1]
for i, e in enumerate(json.load(open('../shared/reference/commonmark/spec.json'))):
    open(f'{c}/markdown/spec-{i}.md', 'w').write(e['markdown'])
for f in glob.glob('../shared/reference/mustache/specs/*.json'):
    for i, t in enumerate(json.load(open(f))['tests']):
        open(f'{c}/mustache/{os.path.basename(f)}-{i}.mustache', 'w').write(t['template'])
for f in glob.glob('../shared/dev/*/*.txt'):
    for t in ('listing', 'notes', 'decoder'):
        open(f'{c}/{t}/dev-{os.path.basename(f)}', 'wb').write(open(f, 'rb').read())
PY
fi
status=0
for t in $targets; do
  log=fuzz-out/$t.log
  set +e
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$bin/fuzz-$t" "$corpus/$t" -max_total_time="$seconds" -print_final_stats=1 \
    -max_len=65536 -timeout=10 -rss_limit_mb=4096 -artifact_prefix="fuzz-out/$t-" > "$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -E "stat::number_of_executed_units" "$log" | awk '{print $2}')
  if [ $rc -ne 0 ]; then
    echo "fuzz-$t: CRASH after ${execs:-?} executions (exit $rc); see $log and fuzz-out/$t-*"
    grep -E "ERROR|Fatal error|SUMMARY" "$log" | head -5
    status=1
  else
    echo "fuzz-$t: ${execs:-?} executions in ${seconds}s, no crash"
  fi
done
exit $status
