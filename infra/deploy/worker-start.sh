#!/usr/bin/env bash
# Starts this machine's Ray worker node for RGrid, from the node's settings file (written by cloud-init on a
# provisioned machine, by install.sh on one set up by hand, or by the local node provider):
#
#   worker-start.sh [--block]      # --block: stay in the foreground (systemd's rgrid-ray-worker runs it so)
#
# node.env names the head (RGRID_RAY_HEAD) and what the node offers runs: RGRID_NODE_CPUS, RGRID_NODE_MEMORY_MB,
# RGRID_NODE_SLOTS. The autoscaler planned with exactly these numbers, so they are given to Ray as they are rather
# than left to Ray's own reckoning of the machine. The same file holds the node's own settings for its worker
# (RGRID_NODE_HOME, RGRID_DOCKER_HOST, RGRID_PIP_INDEX_URL, ...): Ray's Java workers inherit this environment.
#
# Read from the environment too, for a machine that is not a real one: RGRID_NODE_ENV (the file; default
# /etc/rgrid/node.env), RGRID_RAY_BIN (default /opt/rgrid/ray/bin/ray), RGRID_NODE_IP (the address to join with;
# default Ray's choice: the one that routes to the head), RGRID_NODE_MANAGER_PORT.
set -euo pipefail
env_file="${RGRID_NODE_ENV:-/etc/rgrid/node.env}"
[ -r "$env_file" ] || { echo "worker-start: no node settings at $env_file" >&2; exit 2; }
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
: "${RGRID_RAY_HEAD:?worker-start: $env_file sets no RGRID_RAY_HEAD}"
ray="${RGRID_RAY_BIN:-/opt/rgrid/ray/bin/ray}"
slots="${RGRID_NODE_SLOTS:-1}"
# A provisioned node names its server in a resource of its own (rgrid_node_<name>): the autoscaler knows the node that
# joined for a server by it, where an address may have been another server's a moment ago.
resources="\"rgrid_slot\": $slots"
[ -n "${RGRID_NODE_NAME:-}" ] && resources+=", \"rgrid_node_${RGRID_NODE_NAME}\": 1"
args=(start --address="$RGRID_RAY_HEAD" --disable-usage-stats --resources="{$resources}")
[ -n "${RGRID_NODE_CPUS:-}" ] && args+=(--num-cpus="$RGRID_NODE_CPUS")
[ -n "${RGRID_NODE_MEMORY_MB:-}" ] && args+=(--memory="$((RGRID_NODE_MEMORY_MB * 1024 * 1024))")
# Runs pass a few strings through Ray's object store: a small one leaves the memory to the runs.
args+=(--object-store-memory="${RGRID_NODE_OBJECT_STORE_BYTES:-268435456}")
[ -n "${RGRID_NODE_IP:-}" ] && args+=(--node-ip-address="$RGRID_NODE_IP")
[ -n "${RGRID_NODE_MANAGER_PORT:-}" ] && args+=(--node-manager-port="$RGRID_NODE_MANAGER_PORT")
exec "$ray" "${args[@]}" "$@"
