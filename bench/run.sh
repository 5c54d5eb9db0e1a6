#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# Runs tipbridge's benchmarks. Usage: bench/run.sh [small|idle|large|crypto|list|cluster|flood|all] [runner options...]
# Builds bench/target/benchmarks.jar (and the daemon jar) when missing. See bench/README.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jar="$root/bridge/target/tipbridge.jar"
bench="$root/bench/target/benchmarks.jar"
java_opts=(-Xmx1g)

build() {
  if [[ ! -f "$bench" || ! -f "$jar" || -n "${REBUILD:-}" ]]; then
    mvn -B -q -o -DskipTests -Pbenchmarks package -pl bench -am
  fi
}

quiet_check() {
  echo "== $(date -u +%FT%TZ) $(nproc) cpus, $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min load)"
  if pgrep -f 'surefire|plexus-classworlds' >/dev/null; then
    echo "   warning: a Maven build or test run is busy; figures will be disturbed" >&2
  fi
}

runner() {
  local class="$1"
  shift
  quiet_check
  java "${java_opts[@]}" -cp "$bench" "org.tipbridge.bench.$class" --jar "$jar" "$@"
}

what="${1:-all}"
[[ $# -gt 0 ]] && shift
build
case "$what" in
  small) runner SmallTipsBenchmark --tips 2000 "$@" ;;
  idle) runner IdleLatencyBenchmark --messages 200 "$@" ;;
  large) java_opts=(-Xmx512m); runner LargeAttachmentBenchmark --mib 200 "$@" ;;
  crypto) quiet_check; java -jar "$bench" CryptoCoreBenchmark "$@" ;;
  list) java_opts=(-Xmx2g); runner QueueListBenchmark --engine sqlite "$@" ;;
  cluster) runner ClusterIngestBenchmark --tips 2000 "$@" ;;
  flood) runner FloodBenchmark --messages 10000 --seconds 60 --mailbox dovecot "$@" ;;
  all)
    runner SmallTipsBenchmark --tips 2000
    runner IdleLatencyBenchmark --messages 200
    java_opts=(-Xmx512m); runner LargeAttachmentBenchmark --mib 200
    quiet_check; java -jar "$bench" CryptoCoreBenchmark
    ;;
  *) echo "usage: bench/run.sh [small|idle|large|crypto|list|cluster|flood|all] [options]" >&2; exit 2 ;;
esac
