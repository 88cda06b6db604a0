#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and fuzzes each for SECONDS (default 60),
# starting from fuzz/corpus/<target>/. New inputs go to build-fuzz/corpus/<target>/; crashes, timeouts
# and out-of-memory inputs to build-fuzz/artifacts/<target>/. Add a minimised reproducer of each bug to
# fuzz/corpus/<target>/ with its fix: every build replays that folder as a test.
#   fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(yaml dockerfile python toml text_formats engine)
command -v clang++ >/dev/null || { echo "fuzz/run.sh: clang++ is needed (apt-get install clang)" >&2; exit 2; }
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
CXX=clang++ cmake -S . -B build-fuzz "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCFGLINT_FUZZ=ON -DCFGLINT_TESTS=OFF >/dev/null
cmake --build build-fuzz --target "${targets[@]/#/fuzz_}"
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
status=0
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t" "build-fuzz/artifacts/$t"
  echo "== fuzz_$t for ${seconds}s"
  if ! "build-fuzz/fuzz/fuzz_$t" "build-fuzz/corpus/$t" "fuzz/corpus/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -artifact_prefix="build-fuzz/artifacts/$t/" -print_final_stats=1 2>"build-fuzz/fuzz_$t.log"; then
    echo "   found a problem: $(ls "build-fuzz/artifacts/$t" | head -3); log: build-fuzz/fuzz_$t.log"
    status=1
  fi
  grep -E "stat::number_of_executed_units|cov:" "build-fuzz/fuzz_$t.log" | tail -1 || true
done
exit $status
