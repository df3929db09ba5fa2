#!/usr/bin/env bash
# Runs the JMH suite and writes results/benchmarks.json, results/benchmarks.md and results/per-event-cost.png.
#   benchmarks/run.sh            quick setting (a few minutes on 2 cores)
#   benchmarks/run.sh --long     longer, lower-noise setting (3 forks, more iterations)
#   benchmarks/run.sh [--long] REGEX   only the benchmarks matching REGEX
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
long=0
if [ "${1:-}" = "--long" ]; then long=1; shift; fi
filter="${1:-.}"
java_bin=""
for c in "${JAVA_HOME:+$JAVA_HOME/bin/java}" $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
  [ -x "$c" ] || continue
  v="$("$c" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [ "${v%%.*}" -ge 21 ] 2>/dev/null && { java_bin="$c"; break; }
done
[ -n "$java_bin" ] || { echo "run.sh: needs a JDK 21+" >&2; exit 3; }
./mvnw -q -B -pl benchmarks -am package -DskipTests
mkdir -p results
if [ "$long" = 1 ]; then
  opts=(-f 3 -wi 3 -i 5 -w 2s -r 2s)
else
  opts=(-f 1 -wi 2 -i 3 -w 1s -r 1s)
fi
# The footprint benchmark is one single-shot measurement in a fresh fork (no warm-up): run it apart.
"$java_bin" -jar benchmarks/target/benchmarks.jar "$filter" -e SessionFootprint "${opts[@]}" -rf json -rff results/benchmarks.json
rm -f results/footprint.json
if echo "SessionFootprintBenchmark.idleSessions" | grep -Eq -- "$filter"; then
  "$java_bin" -jar benchmarks/target/benchmarks.jar SessionFootprint -f 1 -wi 0 -i 1 -rf json -rff results/footprint.json
fi
"$java_bin" -cp benchmarks/target/benchmarks.jar dev.lockstep.bench.BenchReport results/benchmarks.md results/per-event-cost.png \
  results/benchmarks.json results/footprint.json
echo "wrote results/benchmarks.json, results/benchmarks.md, results/per-event-cost.png"
