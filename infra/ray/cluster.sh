#!/usr/bin/env bash
# A Ray cluster on this machine for development and tests: a head (which runs no executions) and N worker
# nodes, each advertising its CPUs, memory and container slots (rgrid_slot) to Ray's scheduler. Uses Ray
# from infra/ray/venv.sh (the version RGrid's cluster mode speaks). A real deployment runs the same
# `ray start` lines on separate machines (see infra/deploy/).
#
#   infra/ray/cluster.sh start [--workers 2] [--port 6380] [--cpus 1] [--memory 2g] [--slots 1]
#   infra/ray/cluster.sh add-worker [--cpus 1] [--memory 2g] [--slots 1]   # prints the node's raylet port
#   infra/ray/cluster.sh kill-node PORT|NODE_ID   # kill -9 a node (by raylet port, or Ray node id or its start) and its workers
#   infra/ray/cluster.sh status            # ray status
#   infra/ray/cluster.sh stop              # every Ray process on this machine
#   infra/ray/cluster.sh jar               # the ray_dist.jar drivers and workers must use
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv=$("$here/venv.sh")
ray="$venv/bin/ray"
state="${RGRID_CACHE_DIR:-$HOME/.cache/rgrid}/ray-cluster"
mkdir -p "$state"

port=6380 workers=2 cpus=1 memory=2g slots=1
cmd=${1:-}; shift || true
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --cpus) cpus=$2; shift 2 ;;
    --memory) memory=$2; shift 2 ;;
    --slots) slots=$2; shift 2 ;;
    *) [ "$cmd" = kill-node ] && { node_port=$1; shift; continue; }
       echo "cluster.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

bytes() {  # 2g, 512m, 1073741824 → bytes
  local v=${1,,}
  case "$v" in
    *g) echo $(( ${v%g} * 1024 * 1024 * 1024 )) ;;
    *m) echo $(( ${v%m} * 1024 * 1024 )) ;;
    *) echo "$v" ;;
  esac
}

# Tasks pass a few strings: a small object store per node keeps a many-node cluster light on one machine.
store=$((256 * 1024 * 1024))

# How long a driver may keep a node's Java worker while it has more tasks of the same shape before handing it
# back to the raylet. Ray's default (500 ms) is shorter than one container run, so nearly every run paid a new
# lease request, 50 to 110 ms between jobs on a node; the head's system config reaches every process.
system_config='{"worker_lease_timeout_milliseconds": 5000}'

head_address() { cat "$state/address" 2>/dev/null || echo "127.0.0.1:$port"; }

add_worker() {
  local n raylet_port
  n=$(( $(cat "$state/workers" 2>/dev/null || echo 0) + 1 ))
  echo "$n" > "$state/workers"
  raylet_port=$(( ${port} + 1000 + n ))
  # Each worker node of this one-machine cluster gets its own loopback address (127.0.0.2, .3, ...), apart from
  # the head's (the machine's own): a driver on this machine then attaches to the head, never to a worker node
  # that a test may kill (Ray's Java driver takes any node with its IP).
  "$ray" start --address="$(head_address)" --node-ip-address="127.0.0.$((n + 1))" --node-manager-port="$raylet_port" --num-cpus="$cpus" \
    --memory="$(bytes "$memory")" --object-store-memory="$store" --resources="{\"rgrid_slot\": $slots}" --disable-usage-stats >"$state/worker-$n.log" 2>&1 \
    || { cat "$state/worker-$n.log" >&2; exit 1; }
  echo "$raylet_port"
}

case "$cmd" in
  start)
    "$ray" stop --force >/dev/null 2>&1 || true
    rm -f "$state/workers"
    echo "127.0.0.1:$port" > "$state/address"
    "$ray" start --head --port="$port" --num-cpus=0 --system-config="$system_config" --object-store-memory="$store" --include-dashboard=false --disable-usage-stats \
      >"$state/head.log" 2>&1 || { cat "$state/head.log" >&2; exit 1; }
    for _ in $(seq 1 "$workers"); do add_worker >/dev/null; done
    echo "[ray] cluster up at $(head_address): head + $workers worker node(s), each $cpus CPU, $memory, $slots slot(s)" >&2
    echo "$(head_address)"
    ;;
  add-worker) add_worker ;;
  kill-node)
    [ -n "${node_port:-}" ] || { echo "cluster.sh kill-node PORT|NODE_ID" >&2; exit 2; }
    if [[ "$node_port" =~ ^[0-9]{1,5}$ ]]; then
      raylet=$(pgrep -f "raylet/raylet .*--node_manager_port=${node_port}( |$)" || true)
    else
      raylet=$(pgrep -f "raylet/raylet .*--node_id=${node_port}" || true)
    fi
    [ -n "$raylet" ] || { echo "cluster.sh: no raylet for $node_port" >&2; exit 1; }
    # The raylet's children are the node's workers and agents: they go with it, like a machine that dies.
    kill -9 $raylet $(pgrep -P "$raylet" || true)
    ;;
  status) "$ray" status --address="$(head_address)" ;;
  stop) "$ray" stop --force >/dev/null 2>&1 || true; rm -f "$state/workers" "$state/address" ;;
  jar) echo "$venv/lib/python$("$venv/bin/python3" -c 'import sys; print("%d.%d" % sys.version_info[:2])')/site-packages/ray/jars/ray_dist.jar" ;;
  *) sed -n '2,14p' "$0" >&2; exit 2 ;;
esac
