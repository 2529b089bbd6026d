#!/usr/bin/env bash
# Runs the Storm echo server and the raw-Netty baseline against the same echo client, in
# interleaved rounds (the order alternates each round so drift does not favour one side), and
# prints every RESULT line and the Storm/Netty ratios of msgs/s and p99.
#
# usage: benchmarks/run.sh [--proto tcp|tls|ws|wss] [--framing length|line|raw] [--compression|--no-compression]
#                          [--rounds N] [--impls "storm netty vertx"] [client options]
#   --impls lists the servers to run (default "storm netty"); every ratio is against netty.
#   client options go to echo-client as they are, e.g. -c 100 -m 1000 -s 32 -z 10 --warmup 5
#   --framing applies to tcp and tls only. --compression / --no-compression go to both servers and the
#   client alike: with --compression the client offers permessage-deflate and both servers accept it;
#   with --no-compression neither server accepts it. Without either flag the servers would accept it
#   but the client does not offer it, so ws and wss runs measure WebSocket framing, not zlib.
# environment: JAVA (default java), JAR (default benchmarks/target/storm-benchmarks.jar),
#   PORT (default 17000), NO_PIN=1 to run without taskset.
# With taskset and at least 2 cores, the server is pinned to core 0 and the client to core 1,
# each with one I/O thread.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
JAVA=${JAVA:-java}
JAR=${JAR:-$here/target/storm-benchmarks.jar}
PORT=${PORT:-17000}
proto=tcp
framing=length
rounds=3
impls="storm netty"
compression=()
client_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --proto) proto=$2; shift 2 ;;
    --framing) framing=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --impls) impls=$2; shift 2 ;;
    --compression|--no-compression) compression=("$1"); shift ;;
    *) client_args+=("$1"); shift ;;
  esac
done

if [ ! -f "$JAR" ]; then
  echo "no $JAR; build it first: mvn -B -pl benchmarks -am package -DskipTests" >&2
  exit 1
fi

server_pin=()
client_pin=()
threads=()
if [ -z "${NO_PIN:-}" ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  server_pin=(taskset -c 0)
  client_pin=(taskset -c 1)
  threads=(--io-threads 1)
  echo "# pinned: server on core 0, client on core 1, one I/O thread each"
else
  echo "# not pinned"
fi
echo "# proto=$proto framing=$framing ${compression[*]:-(compression not offered)}"
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) nproc=$(nproc) load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)"
echo "# java: $("$JAVA" -version 2>&1 | head -1)"

server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap stop_server EXIT

log=$(mktemp)
run_one() { # impl round
  local impl=$1 round=$2 line
  "${server_pin[@]}" "$JAVA" -jar "$JAR" echo-server --impl "$impl" --proto "$proto" --port "$PORT" \
    --framing "$framing" "${threads[@]}" "${compression[@]}" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    grep -q "listening on port" "$log" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  line=$("${client_pin[@]}" "$JAVA" -jar "$JAR" echo-client --proto "$proto" --host 127.0.0.1 --port "$PORT" \
    --framing "$framing" "${threads[@]}" "${compression[@]}" "${client_args[@]}" | grep '^RESULT ')
  stop_server
  echo "round=$round impl=$impl $line"
}

results=()
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then order=$impls; else order=$(echo "$impls" | awk '{ for (i = NF; i > 0; i--) printf "%s ", $i }'); fi
  for impl in $order; do
    r=$(run_one "$impl" "$round")
    echo "$r"
    results+=("$r")
  done
done
rm -f "$log"

printf '%s\n' "${results[@]}" | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    n[f["impl"]]++; m[f["impl"]] += f["msgs_per_s"]; p[f["impl"]] += f["p99_us"]
    e[f["impl"]] += f["errors"]
    rm[f["round"], f["impl"]] = f["msgs_per_s"]; rp[f["round"], f["impl"]] = f["p99_us"]; rounds[f["round"]] = 1 }
  END {
    for (r in rounds) for (i in n) if (i != "netty" && rm[r, "netty"] > 0 && rp[r, "netty"] > 0)
      printf "round %s: %s/netty msgs_per_s=%.3f p99=%.3f\n", r, i, rm[r, i] / rm[r, "netty"], rp[r, i] / rp[r, "netty"]
    for (i in n) printf "mean %s: msgs_per_s=%.0f p99_us=%.1f errors=%d (%d rounds)\n", i, m[i] / n[i], p[i] / n[i], e[i], n[i]
    for (i in n) if (i != "netty" && m["netty"] > 0 && p["netty"] > 0)
      printf "RATIO %s/netty msgs_per_s=%.3f p99=%.3f\n", i, (m[i] / n[i]) / (m["netty"] / n["netty"]), (p[i] / n[i]) / (p["netty"] / n["netty"])
  }'
